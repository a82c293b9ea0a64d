//! Who, where, what: for each kind of name, the most named as horizontal bars by the articles
//! naming each, with a small line of its mentions over the timeline. A click chooses the name
//! (its companions and contexts follow) and narrows the list to its articles.

use std::rc::Rc;

use folio::overview::{Name, Narrow, Overview};
use folio::Label;
use yew::prelude::*;

use super::Chart;
use crate::context::Shared;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct NamesProps {
    pub overview: Rc<Overview>,
    pub narrow: Option<Narrow>,
}

const W: u32 = 600;
const ROW: u32 = 22;
const NAME_W: f64 = 170.0;
const BAR_W: f64 = 250.0;
const LINE_X: f64 = 470.0;
const LINE_W: f64 = 125.0;

/// What a click on a name does: choose it and narrow the list to it.
fn choose(shared: &Shared, key: &str) -> Callback<MouseEvent> {
    let (dispatch, key) = (shared.dispatch.clone(), key.to_owned());
    // The list first: its articles are a lookup, the chosen name's numbers take longer.
    Callback::from(move |_: MouseEvent| {
        dispatch.dispatch(Action::Narrow(Some(Narrow::Name { key: key.clone() })));
        dispatch.dispatch(Action::Choose(key.clone()));
    })
}

/// The points of a name's line over the timeline, in its row.
fn sparkline(series: &[usize], y: f64) -> String {
    let max = series.iter().copied().max().unwrap_or(0).max(1) as f64;
    let step = LINE_W / (series.len().max(2) - 1) as f64;
    series
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let py = y + f64::from(ROW) - 4.0 - (n as f64 / max) * (f64::from(ROW) - 8.0);
            format!("{:.1},{py:.1}", LINE_X + i as f64 * step)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn label_title(label: Label) -> &'static str {
    match label {
        Label::PER => "People named in the most articles",
        Label::ORG => "Organisations named in the most articles",
        Label::LOC => "Places named in the most articles",
        _ => "Other names in the most articles",
    }
}

#[function_component(NamesChart)]
pub fn names_chart(props: &NamesProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let chosen = match &props.narrow {
        Some(Narrow::Name { key }) => key.as_str(),
        _ => "",
    };
    let charts = [Label::PER, Label::ORG, Label::LOC, Label::MISC].map(|label| {
        let names: Vec<&Name> = props.overview.names.iter().filter(|n| n.label == label).collect();
        if names.is_empty() {
            return html! {};
        }
        let max = names.iter().map(|n| n.articles).max().unwrap_or(1).max(1) as f64;
        let rows = names.iter().enumerate().map(|(i, n)| {
            let y = f64::from(ROW) * i as f64;
            let w = (n.articles as f64 / max) * BAR_W;
            let selected = n.key == chosen;
            html! {
                <g class="hit" onclick={choose(&shared, &n.key)}>
                    <rect class="hit-area" x="0" y={format!("{y}")} width={W.to_string()} height={ROW.to_string()} />
                    <text class="name" x={format!("{}", NAME_W - 6.0)} y={format!("{}", y + 15.0)} text-anchor="end">{ truncate(&n.name) }</text>
                    <rect class={classes!("bar", selected.then_some("selected"))} data-label={label.as_str()}
                        x={format!("{NAME_W}")} y={format!("{}", y + 3.0)} width={format!("{w:.1}")} height={(ROW - 6).to_string()}
                        data-name={n.name.clone()} data-key={n.key.clone()} data-count={n.articles.to_string()}>
                        <title>{ format!("{}: {} articles, {} mentions", n.name, n.articles, n.mentions) }</title>
                    </rect>
                    <text class="count" x={format!("{:.1}", NAME_W + w + 4.0)} y={format!("{}", y + 15.0)}>{ n.articles }</text>
                    <polyline class="spark" points={sparkline(&n.series, y)} />
                </g>
            }
        });
        let table = names.iter().map(|n| html! {
            <tr><td>{ n.name.clone() }</td><td class="num">{ n.articles }</td><td class="num">{ n.mentions }</td>
                <td><button type="button" class="link" onclick={choose(&shared, &n.key)}>{ "Choose and narrow" }</button></td></tr>
        });
        let height = ROW * names.len() as u32;
        html! {
            <Chart id={format!("names-{}", label.as_str())} title={label_title(label)} width={W} height={height}
                picture={html! { <>{ for rows }</> }}
                head={html! { <tr><th>{ "Name" }</th><th>{ "Articles" }</th><th>{ "Mentions" }</th><th></th></tr> }}
                rows={html! { <>{ for table }</> }} />
        }
    });
    html! { <div class="names-grid">{ for charts }</div> }
}

/// A name short enough for its column.
pub fn truncate(name: &str) -> String {
    if name.chars().count() > 24 {
        name.chars().take(23).chain(['…']).collect()
    } else {
        name.to_owned()
    }
}
