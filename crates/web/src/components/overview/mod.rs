//! The Overview: the whole collection at a glance beside the article list. Each part draws
//! numbers the core computed (`folio::overview`, the same `folio --format overview` prints):
//! articles over time, the most named, the names beside the chosen one, every mention in its
//! context, and what each file gave. Every chart is an SVG coloured by the theme's variables,
//! with a title and, one switch away, the table of its numbers (where the keyboard works it
//! too); a click on a bar narrows the list to exactly the articles its count counts.

mod chart;
mod contexts;
mod exports;
mod files;
mod names;
mod timeline;
mod together;

use std::rc::Rc;

use folio::overview::{Narrow, Overview, Rank, Sort};
use yew::prelude::*;

pub use chart::Chart;
use exports::Exports;

/// What the Overview shows.
#[derive(Properties, PartialEq)]
pub struct OverviewPaneProps {
    /// The numbers, once the core has answered.
    pub overview: Option<Rc<Overview>>,
    /// The bar the list is narrowed to.
    pub narrow: Option<Narrow>,
    /// How the chosen name's companions are ranked.
    pub rank: Rank,
    /// How the contexts are sorted.
    pub sort: Sort,
    /// Whether the contexts are of the search term, and whether there is one.
    pub of_search: bool,
    pub has_search: bool,
}

/// The Overview's parts, top to bottom.
#[function_component(OverviewPane)]
pub fn overview_pane(props: &OverviewPaneProps) -> Html {
    let Some(o) = &props.overview else {
        return html! {
            <section class="overview" data-testid="overview" aria-label="Overview">
                <p class="empty">{ "The overview appears once the files are read." }</p>
            </section>
        };
    };
    html! {
        <section class="overview" data-testid="overview" aria-label="Overview">
            <div class="chart-head">
                <h2>{ format!("Overview of {} articles", o.articles) }</h2>
                <Exports overview={o.clone()} />
            </div>
            <timeline::TimelineChart overview={o.clone()} narrow={props.narrow.clone()} />
            <names::NamesChart overview={o.clone()} narrow={props.narrow.clone()} />
            <together::TogetherChart overview={o.clone()} narrow={props.narrow.clone()} rank={props.rank} />
            <contexts::ContextLines overview={o.clone()} sort={props.sort}
                of_search={props.of_search} has_search={props.has_search} />
            <files::FilesChart overview={o.clone()} />
        </section>
    }
}
