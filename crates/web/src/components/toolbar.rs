//! The toolbar: search, the highlight legend (a switch per label), the reader's views, exports.

use std::collections::BTreeSet;
use std::rc::Rc;

use folio::{ExportFormat, Label, Request};
use yew::prelude::*;

use crate::context::Shared;
use crate::state::{Action, Pane, View};

/// What the toolbar shows.
#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    /// The search, as typed.
    pub search: String,
    /// Labels whose highlights are off.
    pub hidden: BTreeSet<Label>,
    /// The reader's view.
    pub view: View,
    /// What the pane beside the list shows.
    pub pane: Pane,
    /// The articles the list shows, when it does not show them all: what an export exports.
    pub only: Option<Rc<Vec<usize>>>,
}

/// A function that dispatches the action `make` builds from its argument.
fn sender<T>(shared: &Shared, make: fn(T) -> Action) -> impl Fn(T) {
    let dispatch = shared.dispatch.clone();
    move |value| dispatch.dispatch(make(value))
}

/// Search, legend, views and exports.
#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let on_search = {
        let search = sender(&shared, Action::Search);
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            search(input.value());
        })
    };
    let legend = Label::ALL.map(|label| {
        let shown = !props.hidden.contains(&label);
        let toggle = sender(&shared, Action::Toggle);
        let onclick = Callback::from(move |_: MouseEvent| toggle(label));
        html! {
            <button type="button" class="toggle" aria-pressed={shown.to_string()} {onclick}
                data-testid="legend" data-label={label.as_str()}>
                <mark data-label={label.as_str()}>{ label.as_str() }</mark>
            </button>
        }
    });
    let view_button = |view: View, name: &'static str| {
        let show = sender(&shared, Action::Show);
        let onclick = Callback::from(move |_: MouseEvent| show(view));
        html! { <button type="button" class="toggle" aria-pressed={(props.view == view).to_string()} {onclick}>{ name }</button> }
    };
    let overview = {
        let show = sender(&shared, Action::ShowPane);
        let pane = props.pane;
        let onclick = Callback::from(move |_: MouseEvent| {
            show(match pane {
                Pane::Reader => Pane::Overview,
                Pane::Overview => Pane::Reader,
            })
        });
        let on = props.pane == Pane::Overview;
        html! { <button type="button" class="toggle" data-testid="overview-switch" aria-pressed={on.to_string()}
        aria-keyshortcuts="o" {onclick}>{ "Overview" }</button> }
    };
    let export_button = |format: ExportFormat, label: &'static str| {
        let core = shared.core.clone();
        let only = props.only.as_ref().map(|o| o.to_vec());
        let onclick = Callback::from(move |_: MouseEvent| {
            core.send(Request::Export {
                format,
                only: only.clone(),
            })
        });
        html! { <button type="button" class="button secondary" {onclick}>{ label }</button> }
    };
    html! {
        <section class="toolbar" aria-label="Tools">
            <label class="search">
                <span class="visually-hidden">{ "Search titles and text" }</span>
                <input id="search" type="search" placeholder="Search (/)" value={props.search.clone()}
                    oninput={on_search} aria-label="Search titles and text" />
            </label>
            <div class="legend" role="group" aria-label="Highlights">{ for legend }</div>
            <div class="views" role="group" aria-label="Collection">{ overview }</div>
            <div class="views" role="group" aria-label="Reader view">
                { view_button(View::Text, "Text") }
                { view_button(View::Audit, "Audit") }
            </div>
            <div class="exports" role="group" aria-label="Export">
                { export_button(ExportFormat::Json, "JSON") }
                { export_button(ExportFormat::Markdown, "Markdown") }
                { export_button(ExportFormat::Html, "HTML page") }
            </div>
        </section>
    }
}
