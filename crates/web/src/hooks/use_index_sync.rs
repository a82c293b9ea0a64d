//! Keeps what the page shows of the entity index in step with the core: the index brought up
//! to date when the last file of a batch is answered (the worker rebuilds it only now and then
//! while a big folder is read), and the articles naming the chosen entity asked for when it is
//! chosen and again as the collection grows.

use folio::{Label, Request};
use yew::prelude::*;

use crate::context::Shared;

/// Asks the core for a fresh index when nothing is pending, and for the chosen entity's
/// articles whenever the choice, the articles or the mentions change.
#[hook]
pub fn use_index_sync(
    shared: Shared,
    idle: bool,
    filter: Option<(String, Label)>,
    articles: usize,
    mentions: usize,
) {
    {
        let core = shared.core.clone();
        use_effect_with(idle, move |&idle| {
            if idle {
                core.send(Request::Refresh);
            }
        });
    }
    let core = shared.core;
    use_effect_with((filter, articles, mentions), move |(filter, _, _)| {
        if let Some((name, label)) = filter.clone() {
            core.send(Request::Mentioning { name, label });
        }
    });
}
