//! Where the reader is, in the URL's hash, so a reload or a link opens it again: the open
//! article (`#article-3`), or the Overview (`#overview`) with the timeline's span the list is
//! narrowed to (`#overview;2020-12-01;2020-12-31`).

use folio::overview::Narrow;
use yew::prelude::*;

use crate::state::Pane;

fn hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// The article number in the URL's hash (`#article-3`, counted from 1), if any.
pub fn opened_in_url() -> Option<usize> {
    let n: usize = hash().strip_prefix("#article-")?.parse().ok()?;
    n.checked_sub(1)
}

/// The pane the URL's hash names, and the span it narrows the list to.
pub fn pane_in_url() -> (Pane, Option<Narrow>) {
    let hash = hash();
    let Some(rest) = hash.strip_prefix("#overview") else {
        return (Pane::Reader, None);
    };
    let mut parts = rest.split(';').skip(1);
    let span = match (parts.next(), parts.next()) {
        (Some(start), Some(end)) if is_day(start) && is_day(end) => Some(Narrow::Span {
            start: start.to_owned(),
            end: end.to_owned(),
        }),
        _ => None,
    };
    (Pane::Overview, span)
}

/// Whether `s` looks like an ISO date (`2020-12-07`).
fn is_day(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// Writes the open article, or the Overview and its span, into the URL whenever they change
/// (once there are articles).
#[hook]
pub fn use_url(open: usize, has_articles: bool, pane: Pane, narrow: Option<Narrow>) {
    use_effect_with(
        (open, has_articles, pane, narrow),
        |(open, has_articles, pane, narrow)| {
            if !*has_articles {
                return;
            }
            let hash = match (pane, narrow) {
                (Pane::Overview, Some(Narrow::Span { start, end })) => {
                    format!("#overview;{start};{end}")
                }
                (Pane::Overview, _) => "#overview".to_owned(),
                (Pane::Reader, _) => format!("#article-{}", open + 1),
            };
            let _ = gloo::utils::window()
                .history()
                .map(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash)));
        },
    );
}
