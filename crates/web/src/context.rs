//! What every component may need and nothing re-renders for, provided once by `App` as a
//! context: the link to the core, the reducer's dispatcher, the benchmark's answer.

use std::rc::Rc;

use folio::Request;
use yew::prelude::*;

#[cfg(feature = "hooks")]
use crate::link::BenchAnswer;
use crate::link::Core;
use crate::state::{Action, State};
use crate::store::Kept;

/// What every component may need and nothing re-renders for: the link to the core and the
/// reducer's dispatcher. Provided once by `App` as a context.
#[derive(Clone)]
pub struct Shared {
    /// The worker's link.
    pub core: Rc<Core>,
    /// Where actions go.
    pub dispatch: UseReducerDispatcher<State>,
    /// Where the benchmark's answers go (test and benchmark builds).
    #[cfg(feature = "hooks")]
    pub bench: Rc<BenchAnswer>,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        Rc::ptr_eq(&self.core, &other.core)
    }
}

/// Sends files to the core, saying first how many bytes are on their way (the progress bar).
pub fn send_files(shared: &Shared, files: Vec<Kept>) {
    shared.dispatch.dispatch(Action::Sent(
        files.iter().map(|f| f.bytes.len() as u64).collect(),
    ));
    for Kept { name, bytes } in files {
        shared.core.send(Request::File { name, bytes });
    }
}
