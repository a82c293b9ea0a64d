//! The page's link to the core's worker, which can be restarted (and where a benchmark's
//! answer from it goes): a panic in the core kills its
//! worker's WebAssembly instance, so the page spawns a new one and sends it the model again.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::{Rc, Weak};

use serde::Serialize;
use wasm_bindgen::JsValue;

use folio::{Request, Response, ToTag};
use gloo::worker::WorkerBridge;

use folio_worker::CoreWorker;

/// How a worker is spawned: given the link it answers to (for a tagging worker, and its place
/// in the pool).
type Spawn = Box<dyn Fn(Weak<Core>) -> WorkerBridge<CoreWorker>>;
type SpawnTagger = Box<dyn Fn(Weak<Core>, usize) -> WorkerBridge<CoreWorker>>;

/// The worker's bridge, how to spawn another, the model to give a new one, and the pool of
/// tagging workers beside it, if the page has one.
pub struct Core {
    bridge: RefCell<WorkerBridge<CoreWorker>>,
    spawn: Spawn,
    model: RefCell<Option<Vec<u8>>>,
    /// The tagging workers: each file's articles are tagged by the least busy one while the
    /// core's worker reads the next file. Empty with one worker.
    taggers: RefCell<Vec<Tagger>>,
    spawn_tagger: SpawnTagger,
    weak: Weak<Core>,
    /// Batches the tagging workers have answered (for the tests' `folioPool`).
    answered: std::cell::Cell<usize>,
    /// Batches the core's own worker is tagging: it takes its share between files.
    own: std::cell::Cell<usize>,
}

/// One tagging worker and the batches it was given and has not answered, oldest first (a
/// worker answers in order), each with whether it was already given again after a panic.
struct Tagger {
    bridge: WorkerBridge<CoreWorker>,
    in_flight: VecDeque<(Vec<ToTag>, bool)>,
}

impl Core {
    /// A link to a worker made by `spawn` (called again on each restart), with `taggers`
    /// tagging workers made by `spawn_tagger` beside it.
    pub fn new(
        spawn: impl Fn(Weak<Core>) -> WorkerBridge<CoreWorker> + 'static,
        taggers: usize,
        spawn_tagger: impl Fn(Weak<Core>, usize) -> WorkerBridge<CoreWorker> + 'static,
    ) -> Rc<Core> {
        let core = Rc::new_cyclic(|weak: &Weak<Core>| Core {
            bridge: RefCell::new(spawn(weak.clone())),
            spawn: Box::new(spawn),
            model: RefCell::new(None),
            taggers: RefCell::new(
                (0..taggers)
                    .map(|k| Tagger {
                        bridge: spawn_tagger(weak.clone(), k),
                        in_flight: VecDeque::new(),
                    })
                    .collect(),
            ),
            spawn_tagger: Box::new(spawn_tagger),
            weak: weak.clone(),
            answered: std::cell::Cell::new(0),
            own: std::cell::Cell::new(0),
        });
        if taggers > 0 {
            core.bridge.borrow().send(Request::Delegate);
        }
        core
    }

    /// Sends a request to the worker (the model to every worker).
    pub fn send(&self, request: Request) {
        if let Request::Model(bytes) = &request {
            *self.model.borrow_mut() = Some(bytes.clone());
            for t in self.taggers.borrow().iter() {
                t.bridge.send(Request::Model(bytes.clone()));
            }
        }
        self.bridge.borrow().send(request);
    }

    /// Replaces the worker with a new one (the old one is dropped with its bridge) that has
    /// the model, if it had arrived, and no files; and the tagging workers with new ones.
    pub fn restart(&self) {
        *self.bridge.borrow_mut() = (self.spawn)(self.weak.clone());
        self.own.set(0);
        if !self.taggers.borrow().is_empty() {
            self.bridge.borrow().send(Request::Delegate);
        }
        if let Some(model) = self.model.borrow().clone() {
            self.bridge.borrow().send(Request::Model(model));
        }
        self.restart_taggers(false);
    }

    /// Hands a batch of articles to the least busy worker: a tagging worker, or the core's
    /// own, which reads files too and so counts one batch busier than it is.
    pub fn tag(&self, batch: Vec<ToTag>) {
        let mut taggers = self.taggers.borrow_mut();
        match taggers.iter_mut().min_by_key(|t| t.in_flight.len()) {
            Some(t) if t.in_flight.len() <= self.own.get() => {
                t.bridge.send(Request::Tag(batch.clone()));
                t.in_flight.push_back((batch, false));
            }
            _ => self.tag_here(batch),
        }
    }

    /// Has the core's own worker tag a batch (its answer comes back through [`Core::own_tagged`]).
    fn tag_here(&self, batch: Vec<ToTag>) {
        self.own.set(self.own.get() + 1);
        self.bridge.borrow().send(Request::Tag(batch));
    }

    /// The core's own worker tagged a batch: it takes the articles in.
    pub fn own_tagged(&self, batch: Vec<ToTag>) {
        self.own.set(self.own.get().saturating_sub(1));
        self.bridge.borrow().send(Request::Tagged(batch));
    }

    /// A tagging worker's answer: its articles go to the core's worker.
    pub fn tagged(&self, k: usize, response: Response) {
        if let Response::TaggedArticles(batch) = response {
            if let Some(t) = self.taggers.borrow_mut().get_mut(k) {
                t.in_flight.pop_front();
            }
            self.answered.set(self.answered.get() + 1);
            self.bridge.borrow().send(Request::Tagged(batch));
        }
    }

    /// The tagging workers, the batches they have answered, and those they are working on.
    pub fn pool(&self) -> (usize, usize, usize) {
        let taggers = self.taggers.borrow();
        let working = taggers.iter().map(|t| t.in_flight.len()).sum::<usize>() + self.own.get();
        (taggers.len(), self.answered.get(), working)
    }

    /// A tagging worker panicked (which one, its report cannot say): every tagging worker is
    /// replaced, and each unanswered batch given again once; a batch given again already is
    /// tagged by the core's worker itself (`again` false: the core's worker restarted, and
    /// the batches are its old collection's: dropped).
    pub fn restart_taggers(&self, again: bool) {
        let model = self.model.borrow().clone();
        let mut retry = Vec::new();
        for (k, t) in self.taggers.borrow_mut().iter_mut().enumerate() {
            t.bridge = (self.spawn_tagger)(self.weak.clone(), k);
            if let Some(model) = &model {
                t.bridge.send(Request::Model(model.clone()));
            }
            retry.extend(std::mem::take(&mut t.in_flight));
        }
        if !again {
            return;
        }
        for (batch, retried) in retry {
            if retried {
                self.tag_here(batch);
            } else {
                let mut taggers = self.taggers.borrow_mut();
                if let Some(t) = taggers.iter_mut().min_by_key(|t| t.in_flight.len()) {
                    t.bridge.send(Request::Tag(batch.clone()));
                    t.in_flight.push_back((batch, true));
                }
            }
        }
    }
}

impl PartialEq for Core {
    fn eq(&self, other: &Core) -> bool {
        std::ptr::eq(self, other)
    }
}

/// How long answers are gathered before the page takes them in: about a frame.
const GATHER_MS: u32 = 16;

/// Gathers the core's answers and hands them to `deliver` together, about once a frame: a
/// folder of ten thousand small files brings twenty thousand answers, and a redraw for each
/// would keep the page busy long after the worker is done.
pub fn batched(deliver: impl Fn(Vec<Response>) + 'static) -> impl Fn(Response) {
    let gathered: Rc<RefCell<Vec<Response>>> = Rc::default();
    let deliver = Rc::new(deliver);
    move |response| {
        let first = {
            let mut gathered = gathered.borrow_mut();
            gathered.push(response);
            gathered.len() == 1
        };
        if first {
            let gathered = gathered.clone();
            let deliver = deliver.clone();
            gloo::timers::callback::Timeout::new(GATHER_MS, move || {
                let answers = std::mem::take(&mut *gathered.borrow_mut());
                deliver(answers)
            })
            .forget();
        }
    }
}

/// Where the answer to the benchmark's request goes: the pending promise's resolve function.
#[derive(Default)]
pub struct BenchAnswer(RefCell<Option<js_sys::Function>>);

/// What `folioAnnotate` resolves to.
#[derive(Serialize)]
struct Annotated {
    entities: usize,
    millis: f64,
}

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
