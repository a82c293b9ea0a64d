//! Contexts: every mention of the chosen name (or of the search term) as a keyword-in-context
//! line, the word centred; sortable by the word before, the word after and the date. A line
//! opens its article with the mention marked and scrolled into view.

use std::rc::Rc;

use folio::overview::{Overview, Sort};
use yew::prelude::*;

use crate::context::Shared;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct ContextsProps {
    pub overview: Rc<Overview>,
    pub sort: Sort,
    pub of_search: bool,
    pub has_search: bool,
}

#[function_component(ContextLines)]
pub fn context_lines(props: &ContextsProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let Some(c) = &props.overview.contexts else {
        return html! {};
    };
    let what = if c.term {
        format!("“{}”", c.of)
    } else {
        props
            .overview
            .together
            .as_ref()
            .filter(|t| t.key == c.of)
            .map_or(c.of.clone(), |t| t.name.clone())
    };
    let sort_button = |sort: Sort, name: &'static str| {
        let dispatch = shared.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Sort(sort)));
        html! { <button type="button" class="toggle" aria-pressed={(props.sort == sort).to_string()} {onclick}>{ name }</button> }
    };
    let of_button = |search: bool, name: &'static str| {
        let dispatch = shared.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::ContextsOfSearch(search))
        });
        html! { <button type="button" class="toggle" aria-pressed={(props.of_search == search).to_string()} {onclick}>{ name }</button> }
    };
    let lines = c.lines.iter().map(|line| {
        let (dispatch, line) = (shared.dispatch.clone(), line.clone());
        let (left, word, right, date) = (
            line.left.clone(),
            line.word.clone(),
            line.right.clone(),
            line.date.clone(),
        );
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::OpenContext(line.clone()))
        });
        html! {
            <li>
                <button type="button" class="context" data-testid="context" {onclick}>
                    <span class="left" dir="auto">{ left }</span>
                    <span class="word" dir="auto">{ word }</span>
                    <span class="right" dir="auto">{ right }</span>
                    <span class="date">{ date.unwrap_or_default() }</span>
                </button>
            </li>
        }
    });
    html! {
        <section class="contexts" aria-labelledby="contexts-heading">
            <div class="chart-head">
                <h3 id="contexts-heading">{ format!("{what} in context") }</h3>
                if props.has_search {
                    <div class="views" role="group" aria-label="Contexts of">
                        { of_button(false, "Chosen name") }{ of_button(true, "Search term") }
                    </div>
                }
                <div class="views" role="group" aria-label="Sort by">
                    { sort_button(Sort::Reading, "Reading order") }{ sort_button(Sort::Before, "Word before") }
                    { sort_button(Sort::After, "Word after") }{ sort_button(Sort::Date, "Date") }
                </div>
            </div>
            <p class="chart-note">{ if c.lines.len() < c.total {
                format!("{} mentions; the first {} shown", c.total, c.lines.len())
            } else {
                format!("{} mentions", c.total)
            } }</p>
            <ol class="kwic">{ for lines }</ol>
        </section>
    }
}
