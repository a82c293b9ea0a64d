//! The page's link to the core's workers, which can be restarted (and where a benchmark's
//! answer from them goes): a panic in the core kills its worker's WebAssembly instance, so the
//! page spawns a new one and sends it the model again.
//!
//! With a pool, one worker reads the files and the others tag its articles; the batches go
//! between them on their own channels (see the worker crate's `pool`), so the page only starts
//! them, gives each the model, and renews the taggers when one dies. Files go to the reader a
//! window at a time, so that its queue never holds the whole folder: the taggers' answers
//! then reach it between files rather than after them all, and the bytes wait on the page,
//! not twice.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

#[cfg(feature = "hooks")]
use serde::Serialize;
#[cfg(feature = "hooks")]
use wasm_bindgen::JsValue;

use folio::{Request, Response, Update};
use gloo::worker::WorkerBridge;

use folio_worker::{CoreWorker, Input};

/// How a worker is spawned: the reader given the link it answers to, a tagger given nothing.
type Spawn = Box<dyn Fn(Weak<Core>) -> WorkerBridge<CoreWorker>>;
type SpawnTagger = Box<dyn Fn() -> WorkerBridge<CoreWorker>>;

/// Files the reader may hold unanswered at most, and their bytes (a bigger file goes alone).
const WINDOW_FILES: usize = 256;
const WINDOW_BYTES: usize = 4 << 20;

/// Files a message to the reader carries at most, and their bytes (a bigger file goes alone):
/// enough that sixteen thousand small files are a few hundred messages, not sixteen thousand;
/// few enough that the answer to one (the files' articles, whole) is read on the page's
/// thread in a few milliseconds.
const MESSAGE_FILES: usize = 64;
const MESSAGE_BYTES: usize = 1 << 20;

/// Bytes of files the page holds read and not yet sent, past which it reads no more until
/// the reader catches up: one worker tags far slower than the browser reads, and a folder read
/// ahead whole sat in the page's memory (Chromium's peak 3.9 GB for 100 MB of dumps).
pub const READ_AHEAD_BYTES: usize = 2 * WINDOW_BYTES;

/// The reader's bridge, how to spawn another, the model to give a new one, the tagging
/// workers beside it, and the requests waiting for the reader's window.
pub struct Core {
    bridge: RefCell<WorkerBridge<CoreWorker>>,
    spawn: Spawn,
    model: RefCell<Option<Vec<u8>>>,
    /// The tagging workers. Empty with one worker.
    taggers: RefCell<Vec<WorkerBridge<CoreWorker>>>,
    spawn_tagger: SpawnTagger,
    weak: Weak<Core>,
    /// The pool's name: unique to this page, and new for every start and renewal.
    name: String,
    generation: Cell<u32>,
    /// Requests not sent yet, in order: files wait for the window, and what follows them waits
    /// behind them.
    queue: RefCell<VecDeque<Request>>,
    /// Files sent and not answered, and their bytes.
    in_flight: Cell<(usize, usize)>,
    /// Bytes of the files in `queue`.
    queued: Cell<usize>,
    /// Whether the queue is to be sent at the end of this task.
    flowing: Cell<bool>,
    /// The articles the taggers have tagged and those waiting to be, as last answered.
    progress: Cell<(usize, usize)>,
}

impl Core {
    /// A link to a reader made by `spawn` (called again on each restart), with `taggers`
    /// tagging workers made by `spawn_tagger` beside it.
    pub fn new(
        spawn: impl Fn(Weak<Core>) -> WorkerBridge<CoreWorker> + 'static,
        taggers: usize,
        spawn_tagger: impl Fn() -> WorkerBridge<CoreWorker> + 'static,
    ) -> Rc<Core> {
        let name = format!("folio-pool-{}", js_sys::Math::random().to_bits());
        let core = Rc::new_cyclic(|weak: &Weak<Core>| Core {
            bridge: RefCell::new(spawn(weak.clone())),
            spawn: Box::new(spawn),
            model: RefCell::new(None),
            taggers: RefCell::new((0..taggers).map(|_| spawn_tagger()).collect()),
            spawn_tagger: Box::new(spawn_tagger),
            weak: weak.clone(),
            name,
            generation: Cell::new(0),
            queue: RefCell::new(VecDeque::new()),
            in_flight: Cell::new((0, 0)),
            queued: Cell::new(0),
            flowing: Cell::new(false),
            progress: Cell::new((0, 0)),
        });
        core.join();
        core
    }

    /// The pool's current name.
    fn pool(&self) -> String {
        format!("{}-{}", self.name, self.generation.get())
    }

    /// Tells the reader and the taggers their places in the pool (none with one worker).
    fn join(&self) {
        let taggers = self.taggers.borrow();
        if taggers.is_empty() {
            return;
        }
        let pool = self.pool();
        self.bridge.borrow().send(Input::Read {
            pool: pool.clone(),
            taggers: taggers.len(),
        });
        for (k, tagger) in taggers.iter().enumerate() {
            tagger.send(Input::Tag {
                pool: pool.clone(),
                k,
            });
        }
    }

    /// Sends a request to the reader, in order behind the files waiting for the window (the
    /// model at once to every tagger as well).
    pub fn send(&self, request: Request) {
        if let Request::Model(bytes) = &request {
            *self.model.borrow_mut() = Some(bytes.clone());
            for tagger in self.taggers.borrow().iter() {
                tagger.send(Input::Core(Request::Model(bytes.clone())));
            }
        }
        if let Request::File { bytes, .. } = &request {
            self.queued.set(self.queued.get() + bytes.len());
        }
        self.queue.borrow_mut().push_back(request);
        // At the end of this task, so that the files given together travel together.
        if !self.flowing.replace(true) {
            let weak = self.weak.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(core) = weak.upgrade() {
                    core.flowing.set(false);
                    core.flow();
                }
            });
        }
    }

    /// Sends what the window allows, a few files a message ([`MESSAGE_FILES`]: a message
    /// each way for them, not two for each: the messages of a folder of sixteen thousand
    /// one-article files cost the reader more than their bytes), and whatever follows them.
    pub fn flow(&self) {
        let mut queue = self.queue.borrow_mut();
        let (mut files, mut bytes) = self.in_flight.get();
        let mut batch = Vec::new();
        let mut in_batch = (0, 0);
        loop {
            let fits = match queue.front() {
                None => None,
                Some(Request::File { bytes: b, .. }) => {
                    let room =
                        files == 0 || (files < WINDOW_FILES && bytes + b.len() <= WINDOW_BYTES);
                    let full = in_batch.0 > 0
                        && (in_batch.0 == MESSAGE_FILES || in_batch.1 + b.len() > MESSAGE_BYTES);
                    Some((room, full, b.len()))
                }
                Some(_) => Some((true, false, 0)),
            };
            let Some((room, full, size)) = fits else {
                break;
            };
            if !room || full {
                self.send_batch(std::mem::take(&mut batch));
                in_batch = (0, 0);
                if !room {
                    break;
                }
            }
            let request = queue.pop_front().expect("the front is there");
            if let Request::File { .. } = request {
                files += 1;
                bytes += size;
                in_batch = (in_batch.0 + 1, in_batch.1 + size);
                self.queued.set(self.queued.get().saturating_sub(size));
            }
            batch.push(request);
        }
        drop(queue);
        self.send_batch(batch);
        self.in_flight.set((files, bytes));
    }

    /// Sends requests to the reader as one message.
    fn send_batch(&self, mut batch: Vec<Request>) {
        let input = match batch.len() {
            0 => return,
            1 => Input::Core(batch.pop().expect("one")),
            _ => Input::Batch(batch),
        };
        self.bridge.borrow().send(input);
    }

    /// Waits until the files read and not yet sent are fewer than [`READ_AHEAD_BYTES`].
    pub async fn room_to_read(&self) {
        while self.queued.get() > READ_AHEAD_BYTES {
            gloo::timers::future::TimeoutFuture::new(20).await;
        }
    }

    /// Takes note of one of the reader's answers before the page takes it in: a file answered
    /// makes room in the window (filled again by [`Core::flow`] after the message's last
    /// answer), and an update says how the tagging goes.
    pub fn noted(&self, response: &Response) {
        let update: Option<&Update> = match response {
            Response::File { given, update, .. } => {
                let (files, bytes) = self.in_flight.get();
                self.in_flight
                    .set((files.saturating_sub(1), bytes.saturating_sub(*given)));
                Some(update)
            }
            Response::Tagged(update) | Response::ModelReady(update) => Some(update),
            _ => None,
        };
        if let Some(update) = update {
            self.progress.set((update.pooled, update.waiting));
        }
    }

    /// Replaces the reader with a new one (the old one is dropped with its bridge) that has
    /// the model, if it had arrived, and no files; and the taggers with new ones. Requests not
    /// sent are dropped: the kept files are read again.
    pub fn restart(&self) {
        self.queue.borrow_mut().clear();
        self.queued.set(0);
        self.in_flight.set((0, 0));
        self.progress.set((0, 0));
        *self.bridge.borrow_mut() = (self.spawn)(self.weak.clone());
        self.respawn_taggers();
        self.join();
        if let Some(model) = self.model.borrow().clone() {
            self.bridge
                .borrow()
                .send(Input::Core(Request::Model(model)));
        }
    }

    /// New taggers under a new pool name, each given the model.
    fn respawn_taggers(&self) {
        self.generation.set(self.generation.get() + 1);
        let model = self.model.borrow().clone();
        for tagger in self.taggers.borrow_mut().iter_mut() {
            *tagger = (self.spawn_tagger)();
            if let Some(model) = &model {
                tagger.send(Input::Core(Request::Model(model.clone())));
            }
        }
    }

    /// A tagging worker panicked (which one, its report cannot say): every tagger is
    /// replaced, and the reader gives the batches they held once more.
    pub fn renew_taggers(&self) {
        self.respawn_taggers();
        let pool = self.pool();
        for (k, tagger) in self.taggers.borrow().iter().enumerate() {
            tagger.send(Input::Tag {
                pool: pool.clone(),
                k,
            });
        }
        self.bridge.borrow().send(Input::Renew { pool });
    }

    /// Has the first tagging worker panic, if there is one: for the test that the pool
    /// survives it.
    #[cfg(feature = "hooks")]
    pub fn panic_tagger(&self) {
        if let Some(tagger) = self.taggers.borrow().first() {
            tagger.send(Input::Core(Request::Panic));
        }
    }

    /// The tagging workers, the articles they have tagged, and those waiting to be tagged.
    #[cfg(feature = "hooks")]
    pub fn pool_progress(&self) -> (usize, usize, usize) {
        let (pooled, waiting) = self.progress.get();
        (self.taggers.borrow().len(), pooled, waiting)
    }
}

impl PartialEq for Core {
    fn eq(&self, other: &Core) -> bool {
        std::ptr::eq(self, other)
    }
}

/// How long answers are gathered before the page takes them in: about a frame after a quiet
/// spell, so that a click's answer or a file's first article shows at once; a quarter of a
/// second while answers keep coming, so that reading a folder redraws the page four times a
/// second rather than sixty (each redraw diffs the list, the file table and the totals, which
/// on two cores took the workers' time: the page's thread was busy 85% of a folder's reading
/// with a frame's gathering).
const GATHER_MS: u32 = 16;
const GATHER_BUSY_MS: u32 = 250;

/// How recent the last delivery must be for the page to count as busy.
const BUSY_MS: f64 = 250.0;

/// Gathers the core's answers and hands them to `deliver` together (see [`GATHER_MS`]): a
/// folder of ten thousand small files brings twenty thousand answers, and a redraw for each
/// would keep the page busy long after the worker is done.
pub fn batched(deliver: impl Fn(Vec<Response>) + 'static) -> impl Fn(Response) {
    let gathered: Rc<RefCell<Vec<Response>>> = Rc::default();
    let deliver = Rc::new(deliver);
    let last = Rc::new(Cell::new(f64::NEG_INFINITY));
    move |response| {
        let first = {
            let mut gathered = gathered.borrow_mut();
            gathered.push(response);
            gathered.len() == 1
        };
        if first {
            let gathered = gathered.clone();
            let deliver = deliver.clone();
            let last = last.clone();
            let busy = js_sys::Date::now() - last.get() < BUSY_MS;
            let wait = if busy { GATHER_BUSY_MS } else { GATHER_MS };
            gloo::timers::callback::Timeout::new(wait, move || {
                let answers = std::mem::take(&mut *gathered.borrow_mut());
                last.set(js_sys::Date::now());
                deliver(answers)
            })
            .forget();
        }
    }
}

/// Where the answer to the benchmark's request goes: the pending promise's resolve function.
#[cfg(feature = "hooks")]
#[derive(Default)]
pub struct BenchAnswer(RefCell<Option<js_sys::Function>>);

/// What `folioAnnotate` resolves to.
#[cfg(feature = "hooks")]
#[derive(Serialize)]
struct Annotated {
    entities: usize,
    millis: f64,
}

#[cfg(feature = "hooks")]
impl BenchAnswer {
    /// Waits for the next answer: `resolve` is called with it.
    pub fn expect(&self, resolve: js_sys::Function) {
        *self.0.borrow_mut() = Some(resolve);
    }

    /// Resolves the pending `folioAnnotate` promise, if one is waiting.
    pub fn answer(&self, entities: usize, millis: f64) {
        if let Some(resolve) = self.0.borrow_mut().take() {
            let result = serde_wasm_bindgen::to_value(&Annotated { entities, millis })
                .unwrap_or(JsValue::NULL);
            let _ = resolve.call1(&JsValue::NULL, &result);
        }
    }
}
