//! Keeps the overview in step with the core: its numbers asked for when the Overview is shown
//! and the files are all read, again when the reader chooses another name, ranking, order or
//! term, and once more when the last article is tagged; and the articles of the bar the list is
//! narrowed to, when it is chosen and as the collection grows. While a pool is still tagging,
//! the numbers wait for it to finish rather than being computed again after every batch.

use folio::overview::{Narrow, Query};
use folio::Request;
use yew::prelude::*;

use crate::context::Shared;
use crate::state::CONTEXTS_SHOWN;

/// What the overview's numbers depend on.
#[derive(Clone, PartialEq)]
pub struct OverviewInputs {
    /// Whether the Overview is shown.
    pub shown: bool,
    /// Whether every file sent has been answered.
    pub idle: bool,
    /// Whether every article has its entities.
    pub tagged: bool,
    /// The chosen name, ranking and order.
    pub query: Query,
    /// The term whose contexts are asked for, if any.
    pub term: Option<String>,
    /// Articles and mentions so far.
    pub articles: usize,
    pub mentions: usize,
}

/// Asks for the overview's numbers and for the narrowed bar's articles when they may have
/// changed.
#[hook]
pub fn use_overview_sync(shared: Shared, inputs: OverviewInputs, narrow: Option<Narrow>) {
    // The narrowed bar's articles first: a lookup the list waits for, while the numbers of a
    // newly chosen name take longer (effects run in the order they are declared).
    {
        let core = shared.core.clone();
        use_effect_with(
            (narrow, inputs.articles, inputs.mentions),
            move |(narrow, _, _)| {
                if let Some(narrow) = narrow.clone() {
                    core.send(Request::Narrow(narrow));
                }
            },
        );
    }
    let core = shared.core;
    // Mentions matter once tagging is done: while it goes on, one answer at idle will do.
    let key = OverviewInputs {
        mentions: if inputs.tagged { inputs.mentions } else { 0 },
        ..inputs
    };
    use_effect_with(key, move |i| {
        if i.shown && i.idle && i.articles > 0 {
            core.send(Request::Overview(Query {
                term: i.term.clone(),
                limit: Some(CONTEXTS_SHOWN),
                ..i.query.clone()
            }));
        }
    });
}
