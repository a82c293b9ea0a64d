//! Together: for the chosen name, the names most often in the same articles, by count or by
//! lift; a click narrows the list to the articles naming both.

use std::rc::Rc;

use folio::overview::{Narrow, Overview, Rank};
use yew::prelude::*;

use super::names::truncate;
use super::Chart;
use crate::context::Shared;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct TogetherProps {
    pub overview: Rc<Overview>,
    pub narrow: Option<Narrow>,
    pub rank: Rank,
}

const W: u32 = 600;
const ROW: u32 = 22;
const NAME_W: f64 = 200.0;
const BAR_W: f64 = 330.0;

#[function_component(TogetherChart)]
pub fn together_chart(props: &TogetherProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let Some(t) = &props.overview.together else {
        return html! {};
    };
    let by_lift = props.rank == Rank::Lift;
    let value = |p: &folio::overview::Pair| if by_lift { p.lift } else { p.count as f64 };
    let max = t.pairs.iter().map(value).fold(0.0, f64::max).max(1e-9);
    let narrow_to = |b: &str| {
        let (dispatch, a, b) = (shared.dispatch.clone(), t.key.clone(), b.to_owned());
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Narrow(Some(Narrow::Pair {
                a: a.clone(),
                b: b.clone(),
            })))
        })
    };
    let rows = t.pairs.iter().enumerate().map(|(i, p)| {
        let y = f64::from(ROW) * i as f64;
        let w = value(p) / max * BAR_W;
        let selected = props.narrow == Some(Narrow::Pair { a: t.key.clone(), b: p.key.clone() });
        let shown = if by_lift { format!("{:.2}", p.lift) } else { p.count.to_string() };
        html! {
            <g class="hit" onclick={narrow_to(&p.key)}>
                <rect class="hit-area" x="0" y={format!("{y}")} width={W.to_string()} height={ROW.to_string()} />
                <text class="name" x={format!("{}", NAME_W - 6.0)} y={format!("{}", y + 15.0)} text-anchor="end">{ truncate(&p.name) }</text>
                <rect class={classes!("bar", selected.then_some("selected"))} data-label={p.label.as_str()}
                    x={format!("{NAME_W}")} y={format!("{}", y + 3.0)} width={format!("{w:.1}")} height={(ROW - 6).to_string()}
                    data-name={p.name.clone()} data-key={p.key.clone()} data-count={p.count.to_string()}
                    data-lift={format!("{:.2}", p.lift)}>
                    <title>{ format!("{} and {}: {} articles, lift {:.2}", t.name, p.name, p.count, p.lift) }</title>
                </rect>
                <text class="count" x={format!("{:.1}", NAME_W + w + 4.0)} y={format!("{}", y + 15.0)}>{ shown }</text>
            </g>
        }
    });
    let table = t.pairs.iter().map(|p| html! {
        <tr><td>{ p.name.clone() }</td><td class="num">{ p.count }</td><td class="num">{ format!("{:.2}", p.lift) }</td>
            <td><button type="button" class="link" onclick={narrow_to(&p.key)}>{ "Narrow to both" }</button></td></tr>
    });
    let rank_button = |rank: Rank, name: &'static str| {
        let dispatch = shared.dispatch.clone();
        let onclick = Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Rank(rank)));
        html! { <button type="button" class="toggle" aria-pressed={(props.rank == rank).to_string()} {onclick}>{ name }</button> }
    };
    let controls = html! {
        <div class="views" role="group" aria-label="Rank by">
            { rank_button(Rank::Count, "Count") }{ rank_button(Rank::Lift, "Lift") }
        </div>
    };
    let note = format!(
        "{} is named in {} articles; bars: articles naming both{}",
        t.name,
        t.articles,
        if by_lift {
            ", ranked by lift (at least 2 together)"
        } else {
            ""
        }
    );
    html! {
        <Chart id="together" title={format!("Named with {}", t.name)} note={Some(AttrValue::from(note))}
            controls={controls} width={W} height={(ROW * t.pairs.len().max(1) as u32).max(ROW)}
            picture={html! { <>{ for rows }</> }}
            head={html! { <tr><th>{ "Name" }</th><th>{ "Together" }</th><th>{ "Lift" }</th><th></th></tr> }}
            rows={html! { <>{ for table }</> }} />
    }
}
