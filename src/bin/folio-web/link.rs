//! The page's link to the core's worker, which can be restarted: a panic in the core kills its
//! worker's WebAssembly instance, so the page spawns a new one and sends it the model again.

use std::cell::RefCell;

use folio::session::Request;
use gloo::worker::WorkerBridge;

use crate::worker::CoreWorker;

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
