//! The page's link to the core's worker, which can be restarted (and where a benchmark's
//! answer from it goes): a panic in the core kills its
//! worker's WebAssembly instance, so the page spawns a new one and sends it the model again.

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::JsValue;

use folio::{Request, Response};
use gloo::worker::WorkerBridge;

use folio_worker::CoreWorker;

/// The worker's bridge, how to spawn another, and the model to give a new one.
pub struct Core {
    bridge: RefCell<WorkerBridge<CoreWorker>>,
    spawn: Box<dyn Fn() -> WorkerBridge<CoreWorker>>,
    model: RefCell<Option<Vec<u8>>>,
}

impl Core {
    /// A link to a worker made by `spawn` (called again on each restart).
    pub fn new(spawn: impl Fn() -> WorkerBridge<CoreWorker> + 'static) -> Core {
        Core {
            bridge: RefCell::new(spawn()),
            spawn: Box::new(spawn),
            model: RefCell::new(None),
        }
    }

    /// Sends a request to the worker.
    pub fn send(&self, request: Request) {
        if let Request::Model(bytes) = &request {
            *self.model.borrow_mut() = Some(bytes.clone());
        }
        self.bridge.borrow().send(request);
    }

    /// Replaces the worker with a new one (the old one is dropped with its bridge) that has
    /// the model, if it had arrived, and no files.
    pub fn restart(&self) {
        *self.bridge.borrow_mut() = (self.spawn)();
        if let Some(model) = self.model.borrow().clone() {
            self.bridge.borrow().send(Request::Model(model));
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
