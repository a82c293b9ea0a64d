//! Files: for each file, the articles kept, the copies merged and the lines removed by reason,
//! as stacked bars (the files with the most set aside first): a dump's quality at a glance.

use std::rc::Rc;

use folio::overview::{FileBar, Overview};
use yew::prelude::*;

use super::names::truncate;
use super::Chart;

#[derive(Properties, PartialEq)]
pub struct FilesProps {
    pub overview: Rc<Overview>,
}

const W: u32 = 600;
const ROW: u32 = 20;
const NAME_W: f64 = 200.0;
const BAR_W: f64 = 390.0;
/// Files drawn; the table lists them all.
const DRAWN: usize = 25;

/// A bar's parts: what, its class, how many.
fn parts(f: &FileBar) -> [(&'static str, &'static str, usize); 5] {
    [
        ("kept", "seg-kept", f.kept),
        ("copies merged", "seg-merged", f.merged),
        ("repeated lines", "seg-line", f.repeated_line),
        ("repeated headers", "seg-header", f.repeated_header),
        ("separators", "seg-separator", f.separator),
    ]
}

fn set_aside(f: &FileBar) -> usize {
    f.merged + f.repeated_line + f.repeated_header + f.separator
}

#[function_component(FilesChart)]
pub fn files_chart(props: &FilesProps) -> Html {
    let files = &props.overview.files;
    let mut order: Vec<&FileBar> = files.iter().collect();
    order.sort_by(|a, b| set_aside(b).cmp(&set_aside(a)).then(b.kept.cmp(&a.kept)));
    let drawn = &order[..order.len().min(DRAWN)];
    let max = drawn
        .iter()
        .map(|f| parts(f).iter().map(|p| p.2).sum::<usize>())
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let rows = drawn.iter().enumerate().map(|(i, f)| {
        let y = f64::from(ROW) * i as f64;
        let mut x = NAME_W;
        let segments = parts(f).into_iter().filter(|p| p.2 > 0).map(|(what, class, n)| {
            let w = n as f64 / max * BAR_W;
            let seg = html! {
                <rect class={class} x={format!("{x:.1}")} y={format!("{}", y + 3.0)}
                    width={format!("{w:.1}")} height={(ROW - 6).to_string()} data-count={n.to_string()}>
                    <title>{ format!("{}: {n} {what}", f.name) }</title>
                </rect>
            };
            x += w;
            seg
        });
        html! {
            <g>
                <text class="name" x={format!("{}", NAME_W - 6.0)} y={format!("{}", y + 14.0)} text-anchor="end">{ truncate(&f.name) }</text>
                { for segments }
            </g>
        }
    });
    let legend = parts(&FileBar {
        name: String::new(),
        kept: 0,
        merged: 0,
        repeated_line: 0,
        repeated_header: 0,
        separator: 0,
        failed: false,
    })
    .map(|(what, class, _)| html! { <span class="legend-item"><svg width="12" height="12" aria-hidden="true"><rect class={class} width="12" height="12" /></svg>{ what }</span> });
    let table = order.iter().map(|f| html! {
        <tr><td>{ f.name.clone() }</td><td class="num">{ f.kept }</td><td class="num">{ f.merged }</td>
            <td class="num">{ f.repeated_line }</td><td class="num">{ f.repeated_header }</td>
            <td class="num">{ f.separator }</td><td>{ if f.failed { "unreadable" } else { "" } }</td></tr>
    });
    let note = format!(
        "{} files; the {} with the most set aside drawn, every file in the table",
        files.len(),
        drawn.len()
    );
    html! {
        <Chart id="files" title="What each file gave" note={Some(AttrValue::from(note))}
            controls={html! { <div class="chart-legend">{ for legend }</div> }}
            width={W} height={(ROW * drawn.len().max(1) as u32).max(ROW)}
            picture={html! { <>{ for rows }</> }}
            head={html! { <tr><th>{ "File" }</th><th>{ "Kept" }</th><th>{ "Copies" }</th><th>{ "Repeated lines" }</th><th>{ "Repeated headers" }</th><th>{ "Separators" }</th><th></th></tr> }}
            rows={html! { <>{ for table }</> }} />
    }
}
