//! The web worker that runs Folio's core off the page's thread: each request the page posts is
//! answered by a [`folio::Session`], so reading and tagging never freeze the tab.
//!
//! A crate of its own, apart from the page: the worker is built by its own Trunk pipeline
//! (wasm-bindgen's no-modules target), which cannot load the page's JavaScript modules, and
//! the page names [`CoreWorker`] to spawn it.

mod codec;

pub use codec::{Bincode, Structured, WorkerCodec};

use folio::{Request, Response, Session};
use gloo::worker::{HandlerId, Worker, WorkerScope};

/// The broadcast channel on which a worker that panics says which file it was reading and why
/// (as `file\nmessage`): its WebAssembly is dead after a panic, so it cannot answer through
/// the bridge.
pub const PANIC_CHANNEL: &str = "folio-core-panic";

/// What a worker's panic report names when it died tagging a pool's batch (no file of its
/// own): the page then renews its pool and keeps the collection.
pub const TAGGING: &str = "\u{1}tagging";

thread_local! {
    /// The file the worker is reading, for the panic report (the worker binary's hook).
    pub static READING: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The core, in a worker.
pub struct CoreWorker {
    session: Session,
}

impl Worker for CoreWorker {
    type Message = ();
    type Input = Request;
    type Output = Response;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        CoreWorker {
            session: Session::new(),
        }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        // A file's articles go out as soon as they are read; their entities follow.
        let reading = match &msg {
            Request::File { name, .. } => name.clone(),
            Request::Tag(_) => TAGGING.to_owned(),
            _ => String::new(),
        };
        READING.with(|r| *r.borrow_mut() = reading);
        let started = js_sys::Date::now();
        let response = match self.session.handle(msg) {
            Response::Annotated { entities, .. } => Response::Annotated {
                entities,
                millis: js_sys::Date::now() - started,
            },
            response => response,
        };
        scope.respond(id, response);
        if let Some(tagged) = self.session.tag_pending() {
            scope.respond(id, tagged);
        }
    }
}
