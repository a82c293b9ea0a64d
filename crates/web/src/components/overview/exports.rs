//! The Overview's exports: the whole view as one self-contained HTML page (its SVG charts in
//! the theme's colours), and each table of numbers as CSV (written by the core, the same the
//! charts draw).

use std::rc::Rc;

use folio::overview::{to_csv, Overview, Table};
use yew::prelude::*;

use crate::dom::{download, overview_page};

#[derive(Properties, PartialEq)]
pub struct ExportsProps {
    pub overview: Rc<Overview>,
}

#[function_component(Exports)]
pub fn exports(props: &ExportsProps) -> Html {
    let csv = Table::ALL.map(|table| {
        let o = props.overview.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            download(
                &format!("folio-{}.csv", table.as_str()),
                "text/csv",
                &to_csv(&o, table),
            )
        });
        let name = table.as_str();
        html! {
            <button type="button" class="button secondary" data-table={name} {onclick}>{ format!("{name} CSV") }</button>
        }
    });
    let page = Callback::from(|_: MouseEvent| {
        if let Some(html) = overview_page() {
            download("folio-overview.html", "text/html", &html);
        }
    });
    html! {
        <div class="exports" role="group" aria-label="Export the overview">
            <button type="button" class="button secondary" onclick={page}>{ "Overview as HTML" }</button>
            { for csv }
        </div>
    }
}
