//! One chart: its title, its picture (an SVG with an accessible name) and, one switch away,
//! the table of its numbers, which screen readers read and the keyboard works.

use yew::prelude::*;

/// A chart's parts.
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// The heading, also the picture's accessible name.
    pub title: AttrValue,
    /// A word under the heading (units, what was left out).
    #[prop_or_default]
    pub note: Option<AttrValue>,
    /// Controls beside the heading (a ranking switch, an order).
    #[prop_or_default]
    pub controls: Html,
    /// The picture: the `<svg>`'s content, drawn in a `width` by `height` box.
    pub picture: Html,
    pub width: u32,
    pub height: u32,
    /// The table of the numbers (its rows; the header goes in `head`).
    pub head: Html,
    pub rows: Html,
    /// The test id of the figure.
    pub id: AttrValue,
}

/// A figure with a heading, the picture or its table, and the switch between them.
#[function_component(Chart)]
pub fn chart(props: &ChartProps) -> Html {
    let table = use_state(|| false);
    let toggle = {
        let table = table.clone();
        Callback::from(move |_: MouseEvent| table.set(!*table))
    };
    let heading = format!("{}-heading", props.id);
    html! {
        <figure class="chart" data-testid={props.id.clone()} aria-labelledby={heading.clone()}>
            <div class="chart-head">
                <h3 id={heading}>{ props.title.clone() }</h3>
                { props.controls.clone() }
                <button type="button" class="toggle" aria-pressed={table.to_string()}
                    onclick={toggle}>{ "Table" }</button>
            </div>
            if let Some(note) = &props.note {
                <p class="chart-note">{ note.clone() }</p>
            }
            if *table {
                // Focusable, so a table wider than the screen scrolls from the keyboard too.
                <div class="chart-table" tabindex="0" role="region"
                    aria-label={format!("{} (table)", props.title)}>
                    <table><thead>{ props.head.clone() }</thead><tbody>{ props.rows.clone() }</tbody></table>
                </div>
            } else {
                <svg role="img" aria-label={props.title.clone()} class="chart-svg"
                    viewBox={format!("0 0 {} {}", props.width, props.height)}
                    preserveAspectRatio="xMinYMin meet">
                    <title>{ props.title.clone() }</title>
                    { props.picture.clone() }
                </svg>
            }
        </figure>
    }
}
