//! The reader: the open article's text with its highlights, or its audit (what was removed and
//! why, and the near-duplicate variants beside the text). Text from files is only ever text.

use std::collections::BTreeSet;

use folio::normalise;
use folio::IndexEntry;
use folio::{Article, Block, Label};
use yew::prelude::*;

use crate::state::View;

/// A block's text with each entity in a `<mark data-label>`, unless its label is hidden; the
/// mentions of `selected` are marked as such.
pub fn marked(block: &Block, hidden: &BTreeSet<Label>, selected: Option<&IndexEntry>) -> Html {
    let chars: Vec<char> = block.text.as_str().chars().collect();
    let forms: Vec<String> = selected
        .map(|e| {
            std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|f| normalise(f))
                .collect()
        })
        .unwrap_or_default();
    let mut out = Vec::new();
    let mut at = 0;
    for e in &block.entities {
        if e.start < at || e.end > chars.len() || e.start >= e.end || hidden.contains(&e.label) {
            continue;
        }
        out.push(html! { { chars[at..e.start].iter().collect::<String>() } });
        let text: String = chars[e.start..e.end].iter().collect();
        let chosen =
            selected.is_some_and(|s| s.label == e.label) && forms.contains(&normalise(&text));
        let class = chosen.then_some("selected");
        out.push(html! { <mark data-label={e.label.as_str()} {class}>{ text }</mark> });
        at = e.end;
    }
    out.push(html! { { chars[at..].iter().collect::<String>() } });
    out.into_iter().collect()
}

/// The open article as the chosen view shows it.
pub fn reader(
    article: &Article,
    view: View,
    hidden: &BTreeSet<Label>,
    selected: Option<&IndexEntry>,
) -> Html {
    let text = |a_title: &Block, captions: &[Block], paragraphs: &[Block]| {
        html! {
            <>
            <h2 dir="auto">{ marked(a_title, hidden, selected) }</h2>
            { for captions.iter().map(|c| html! { <p class="caption" dir="auto">{ marked(c, hidden, selected) }</p> }) }
            { for paragraphs.iter().map(|p| html! { <p dir="auto">{ marked(p, hidden, selected) }</p> }) }
            </>
        }
    };
    match view {
        View::Text => text(&article.title, &article.captions, &article.paragraphs),
        View::Audit => html! {
            <div class="audit" data-testid="audit">
                <h2 dir="auto">{ article.title.text.as_str() }</h2>
                <p>{ format!("In {} file(s): {}", article.sources.len(), article.sources.join(", ")) }</p>
                <h3>{ format!("Removed lines ({})", article.removed.len()) }</h3>
                if article.removed.is_empty() {
                    <p class="empty">{ "Nothing was removed from this article." }</p>
                } else {
                    <table class="removed">
                        <thead><tr><th>{ "Line" }</th><th>{ "Why" }</th><th>{ "File" }</th></tr></thead>
                        <tbody>
                        { for article.removed.iter().map(|r| html! {
                            <tr data-testid="removed">
                                <td dir="auto">{ r.text.as_str() }</td>
                                <td>{ r.reason.as_str() }</td>
                                <td dir="auto">{ format!("{}:{}", r.source, r.line) }</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                }
                <h3>{ format!("Near-duplicate variants ({})", article.variants.len()) }</h3>
                if article.variants.is_empty() {
                    <p class="empty">{ "No edited copy of this article was found." }</p>
                }
                { for article.variants.iter().map(|v| html! {
                    <section class="variant" data-testid="variant">
                        <h4 dir="auto">{ format!("{} — {:.0}% similar", v.source, v.similarity * 100.0) }</h4>
                        <div class="side-by-side">
                            <div aria-label="This article">
                                { for article.paragraphs.iter().map(|p| html! { <p dir="auto">{ p.text.as_str() }</p> }) }
                            </div>
                            <div aria-label={format!("The copy in {}", v.source)}>
                                { for v.paragraphs.iter().map(|p| {
                                    let extra = !article.paragraphs.iter().any(|q| q.text == p.text);
                                    html! { <p dir="auto" class={extra.then_some("extra")}>{ p.text.as_str() }</p> }
                                }) }
                            </div>
                        </div>
                    </section>
                }) }
            </div>
        },
    }
}
