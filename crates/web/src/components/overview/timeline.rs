//! Articles over time: a bar a day, week or month; a click on a bar (or a drag across several)
//! narrows the list to their span, and the table's buttons do the same from the keyboard.

use std::rc::Rc;

use folio::overview::{Bin, Narrow, Overview, Unit};
use yew::prelude::*;

use super::Chart;
use crate::context::Shared;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    pub overview: Rc<Overview>,
    pub narrow: Option<Narrow>,
}

const W: u32 = 600;
const H: u32 = 150;
/// Room under the bars for the first and last dates.
const AXIS: u32 = 18;

fn span(bins: &[Bin], a: usize, b: usize) -> Narrow {
    let (a, b) = (a.min(b), a.max(b));
    Narrow::Span {
        start: bins[a].start.clone(),
        end: bins[b].end.clone(),
    }
}

#[function_component(TimelineChart)]
pub fn timeline_chart(props: &TimelineProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let dragging = use_mut_ref(|| None::<usize>);
    let t = &props.overview.timeline;
    let bins = Rc::new(t.bins.clone());
    let unit = match t.unit {
        Unit::Day => "day",
        Unit::Week => "week",
        Unit::Month => "month",
    };
    let title = format!("Articles per {unit}");
    let note = format!(
        "{} dated from {} to {}; {} undated{}",
        t.bins.iter().map(|b| b.count).sum::<usize>(),
        t.bins.first().map_or("", |b| b.start.as_str()),
        t.bins.last().map_or("", |b| b.end.as_str()),
        t.undated,
        if t.partial > 0 {
            format!(", {} with a month and day but no year", t.partial)
        } else {
            String::new()
        }
    );
    let max = t.bins.iter().map(|b| b.count).max().unwrap_or(0).max(1) as f64;
    let step = f64::from(W) / t.bins.len().max(1) as f64;
    let (selected_start, selected_end) = match &props.narrow {
        Some(Narrow::Span { start, end }) => (start.clone(), end.clone()),
        _ => (String::new(), String::new()),
    };
    let bars = t.bins.iter().enumerate().map(|(i, b)| {
        let h = (b.count as f64 / max) * f64::from(H - AXIS - 4);
        let selected =
            !selected_start.is_empty() && b.start >= selected_start && b.end <= selected_end;
        let (down, up) = {
            let (d1, d2) = (dragging.clone(), dragging.clone());
            let (bins, dispatch) = (bins.clone(), shared.dispatch.clone());
            (
                Callback::from(move |e: MouseEvent| {
                    e.prevent_default();
                    *d1.borrow_mut() = Some(i);
                }),
                Callback::from(move |_: MouseEvent| {
                    let from = d2.borrow_mut().take().unwrap_or(i);
                    dispatch.dispatch(Action::Narrow(Some(span(&bins, from, i))));
                }),
            )
        };
        html! {
            <g class="hit" onmousedown={down} onmouseup={up}>
                <rect class="hit-area" x={format!("{:.2}", i as f64 * step)} y="0"
                    width={format!("{:.2}", step)} height={(H - AXIS).to_string()} />
                <rect class={classes!("bar", selected.then_some("selected"))}
                    x={format!("{:.2}", i as f64 * step + step * 0.1)}
                    y={format!("{:.2}", f64::from(H - AXIS) - h)}
                    width={format!("{:.2}", step * 0.8)} height={format!("{h:.2}")}
                    data-start={b.start.clone()} data-end={b.end.clone()}
                    data-count={b.count.to_string()}>
                    <title>{ format!("{} to {}: {}", b.start, b.end, b.count) }</title>
                </rect>
            </g>
        }
    });
    let picture = html! {
        <>
            { for bars }
            <text class="axis" x="0" y={(H - 4).to_string()}>{ t.bins.first().map(|b| b.start.clone()).unwrap_or_default() }</text>
            <text class="axis" x={W.to_string()} y={(H - 4).to_string()} text-anchor="end">{ t.bins.last().map(|b| b.end.clone()).unwrap_or_default() }</text>
        </>
    };
    let rows = t.bins.iter().enumerate().filter(|(_, b)| b.count > 0).map(|(i, b)| {
        let (bins, dispatch) = (bins.clone(), shared.dispatch.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Narrow(Some(span(&bins, i, i))))
        });
        html! {
            <tr><td>{ b.start.clone() }</td><td>{ b.end.clone() }</td><td class="num">{ b.count }</td>
                <td><button type="button" class="link" {onclick}>{ "Narrow the list" }</button></td></tr>
        }
    });
    let controls = html! { <SpanPicker bins={bins.clone()} /> };
    html! {
        <Chart id="timeline" title={title} note={Some(AttrValue::from(note))} width={W} height={H}
            picture={picture} controls={controls}
            head={html! { <tr><th>{ "From" }</th><th>{ "To" }</th><th>{ "Articles" }</th><th></th></tr> }}
            rows={html! { <>{ for rows }</> }} />
    }
}

#[derive(Properties, PartialEq)]
struct SpanPickerProps {
    bins: Rc<Vec<Bin>>,
}

/// A span chosen from the keyboard: the first and the last bar, then the button.
#[function_component(SpanPicker)]
fn span_picker(props: &SpanPickerProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let last = props.bins.len().saturating_sub(1);
    let chosen = use_state(|| (0, last));
    if props.bins.is_empty() {
        return html! {};
    }
    let (from, to) = (chosen.0.min(last), chosen.1.min(last));
    let select = |which: usize| {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlInputElement = e.target_unchecked_into();
            let i: usize = select.value().parse().unwrap_or(0);
            chosen.set(if which == 0 { (i, to) } else { (from, i) });
        })
    };
    let options = |selected: usize, end: bool| {
        props.bins.iter().enumerate().map(move |(i, b)| {
            let day = if end { b.end.clone() } else { b.start.clone() };
            html! { <option value={i.to_string()} selected={i == selected}>{ day }</option> }
        })
    };
    let onclick = {
        let (bins, dispatch) = (props.bins.clone(), shared.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Narrow(Some(span(&bins, from, to))))
        })
    };
    html! {
        <div class="span-picker" role="group" aria-label="Narrow the list to a span">
            <label>{ "From " }<select onchange={select(0)}>{ for options(from, false) }</select></label>
            <label>{ " to " }<select onchange={select(1)}>{ for options(to, true) }</select></label>
            <button type="button" class="button secondary" {onclick}>{ "Narrow" }</button>
        </div>
    }
}
