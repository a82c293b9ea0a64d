//! The web worker that runs Folio's core off the page's thread: each request the page posts is
//! answered by a [`folio::Session`], so reading and tagging never freeze the tab.
//!
//! A crate of its own, apart from the page: the worker is built by its own Trunk pipeline
//! (wasm-bindgen's no-modules target), which cannot load the page's JavaScript modules, and
//! the page names [`CoreWorker`] to spawn it.
//!
//! With more than one worker, one of them reads the files and keeps the collection (the
//! reader) and the others tag articles (the taggers). Their batches go from worker to worker
//! on broadcast channels ([`pool`]), never through the page: the page's thread would otherwise
//! copy every article four times more than it shows it.

mod codec;
mod pool;

pub use codec::{Bincode, Structured, WorkerCodec};

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use folio::{Request, Response, Session};
use gloo::worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The broadcast channel on which a worker that panics says which file it was reading and why
/// (as `file\nmessage`): its WebAssembly is dead after a panic, so it cannot answer through
/// the bridge.
pub const PANIC_CHANNEL: &str = "folio-core-panic";

/// What a worker's panic report names when a tagger died tagging a pool's batch (no file of
/// its own): the page then renews its taggers and keeps the collection.
pub const TAGGING: &str = "\u{1}tagging";

thread_local! {
    /// The file the worker is reading, for the panic report (the worker binary's hook).
    pub static READING: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// What the page asks of a worker.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Input {
    /// A request for the core.
    Core(Request),
    /// Requests for the core, in order (the files the page had ready when it sent), answered
    /// together: a message each way for a window of files, not two for each of sixteen
    /// thousand.
    Batch(Vec<Request>),
    /// Be the reader of a pool named `pool` with `taggers` tagging workers: hand them the
    /// articles to tag, and tag what they cannot take in time.
    Read { pool: String, taggers: usize },
    /// Be tagger `k` of the pool named `pool`.
    Tag { pool: String, k: usize },
    /// The pool's taggers died and new ones join under the name `pool`: the batches the old
    /// ones held are given once more (or tagged here, if given again already).
    Renew { pool: String },
}

impl From<Request> for Input {
    fn from(request: Request) -> Input {
        Input::Core(request)
    }
}

/// The core, in a worker.
pub struct CoreWorker {
    shared: Rc<RefCell<Shared>>,
}

/// What the worker's bridge and its pool's channels both reach.
struct Shared {
    session: Session,
    scope: WorkerScope<CoreWorker>,
    /// The page's bridge, once it has said something.
    page: Option<HandlerId>,
    role: pool::Role,
    /// Whether the model was read (a tagger is ready only with it).
    has_model: bool,
    /// Answers not sent yet: whatever one message brought about goes back as one.
    outbox: RefCell<Vec<Response>>,
    /// Whether the model has just come in and the rehearsal is still to start.
    rehearse: bool,
}

impl Shared {
    /// Adds an answer to those the page gets with [`Shared::flush`].
    fn respond(&self, response: Response) {
        self.outbox.borrow_mut().push(response);
    }

    /// Sends the page the answers gathered, as one message.
    fn flush(&self) {
        let answers = std::mem::take(&mut *self.outbox.borrow_mut());
        if let (Some(page), false) = (self.page, answers.is_empty()) {
            self.scope.respond(page, answers);
        }
    }
}

impl Worker for CoreWorker {
    type Message = ();
    type Input = Input;
    type Output = Vec<Response>;

    fn create(scope: &WorkerScope<Self>) -> Self {
        CoreWorker {
            shared: Rc::new(RefCell::new(Shared {
                session: Session::new(),
                scope: scope.clone(),
                page: None,
                role: pool::Role::Alone,
                has_model: false,
                outbox: RefCell::default(),
                rehearse: false,
            })),
        }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, _scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        self.shared.borrow_mut().page = Some(id);
        let requests = match msg {
            Input::Core(request) => vec![request],
            Input::Batch(requests) => requests,
            Input::Read { pool, taggers } => return pool::read(&self.shared, &pool, taggers),
            Input::Tag { pool, k } => return pool::tag(&self.shared, &pool, k),
            Input::Renew { pool } => return pool::renew(&self.shared, &pool),
        };
        for request in requests {
            // A bar's articles go back at once: the list waits for them, and the Overview's
            // numbers sent in the same message may take a while longer.
            let narrow = matches!(request, Request::Narrow(_));
            self.handle(request);
            if narrow {
                self.shared.borrow().flush();
            }
        }
        // The files' articles go out as soon as they are read; their entities follow.
        self.shared.borrow().flush();
        pool::tag_pending(&self.shared);
        self.shared.borrow().flush();
        // Once the page knows the model is in: see `Session::rehearse`.
        if std::mem::take(&mut self.shared.borrow_mut().rehearse) {
            rehearse(Rc::downgrade(&self.shared), REHEARSAL_ROUNDS);
        }
    }
}

/// Rehearses a round in a task of its own, then posts the next: a round takes a few
/// milliseconds, so a file or batch that comes meanwhile waits no longer than that.
fn rehearse(shared: Weak<RefCell<Shared>>, rounds: usize) {
    let Some(scope) = js_sys::global()
        .dyn_into::<web_sys::WorkerGlobalScope>()
        .ok()
    else {
        return;
    };
    let next = Closure::once_into_js(move || {
        if let Some(strong) = shared.upgrade() {
            strong.borrow().session.rehearse(REHEARSAL, 1);
            if rounds > 1 {
                rehearse(shared, rounds - 1);
            }
        }
    });
    let _ = scope.set_timeout_with_callback(next.unchecked_ref());
}

/// What a worker reads and tags once its model is in, so that the engine optimises the hot
/// code before the user's first file: the page's sample, a few kilobytes of news with repeated
/// headers, copies and every kind of name.
const REHEARSAL: &[u8] = include_bytes!("../../../assets/seed-sample.txt");

/// How many times over: enough for the engine to find the core's hot functions (measured in
/// Chromium: 20 rounds, about 20 ms natively, leave as little to compile during a folder as
/// 200 do).
const REHEARSAL_ROUNDS: usize = 20;

impl CoreWorker {
    fn handle(&self, request: Request) {
        // (A tagger reads no file: whatever kills it, it dies tagging.)
        let reading = match &request {
            Request::File { name, .. } => name.clone(),
            _ if matches!(self.shared.borrow().role, pool::Role::Tagger(_)) => TAGGING.to_owned(),
            _ => String::new(),
        };
        READING.with(|r| *r.borrow_mut() = reading);
        let started = js_sys::Date::now();
        let response = {
            let mut shared = self.shared.borrow_mut();
            match shared.session.handle(request) {
                Response::Annotated { entities, .. } => Response::Annotated {
                    entities,
                    millis: js_sys::Date::now() - started,
                },
                response => pool::count(&shared.role, response),
            }
        };
        let model = matches!(response, Response::ModelReady(_));
        self.shared.borrow_mut().rehearse |= model;
        self.shared.borrow().respond(response);
        if model {
            pool::model_ready(&self.shared);
        }
    }
}
