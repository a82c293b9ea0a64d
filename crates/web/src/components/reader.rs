//! The reader: the open article's text with its highlights, or its audit. Text from files is
//! only ever text: each piece goes into the page as a text node, never as markup.

use std::collections::BTreeSet;
use std::rc::Rc;

use folio::overview::Context;
use folio::{Article, Block, IndexEntry, Label};
use yew::prelude::*;

use super::audit::Audit;
use crate::scripting::count_block_render;
use crate::state::View;

/// A block's text with each entity in a `<mark data-label>`, unless its label is hidden; the
/// mentions of `selected` are marked as such, and the mention `at` (start and end, in scalar
/// values) as the one opened from its context (entities overlapping it give way).
fn marked(
    block: &Block,
    hidden: &BTreeSet<Label>,
    selected: Option<&IndexEntry>,
    mention: Option<(usize, usize)>,
) -> Html {
    count_block_render();
    let chars: Vec<char> = block.text.as_str().chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    let mention = mention.filter(|&(s, e)| s < e && e <= chars.len());
    let mut pending = mention;
    for e in &block.entities {
        if let Some((s, end)) = pending.filter(|&(s, _)| s < e.end) {
            if s >= at {
                out.push(html! { { chars[at..s].iter().collect::<String>() } });
                out.push(html! { <mark class="context-mark" data-testid="context-mark">{ chars[s..end].iter().collect::<String>() }</mark> });
                at = end;
            }
            pending = None;
        }
        let overlaps = mention.is_some_and(|(s, end)| e.start < end && s < e.end);
        if overlaps
            || e.start < at
            || e.end > chars.len()
            || e.start >= e.end
            || hidden.contains(&e.label)
        {
            continue;
        }
        out.push(html! { { chars[at..e.start].iter().collect::<String>() } });
        let text: String = chars[e.start..e.end].iter().collect();
        // A mention is the entry's when its article resolved it to the entry's key (`Blair`
        // after `Tony Blair`), whatever it looks like.
        let chosen = selected.is_some_and(|s| s.key == e.key);
        let class = chosen.then_some("selected");
        out.push(html! { <mark data-label={e.label.as_str()} {class}>{ text }</mark> });
        at = e.end;
    }
    if let Some((s, end)) = pending.filter(|&(s, _)| s >= at) {
        out.push(html! { { chars[at..s].iter().collect::<String>() } });
        out.push(html! { <mark class="context-mark" data-testid="context-mark">{ chars[s..end].iter().collect::<String>() }</mark> });
        at = end;
    }
    out.push(html! { { chars[at..].iter().collect::<String>() } });
    out.into_iter().collect()
}

/// What the reader shows.
#[derive(Properties)]
pub struct ReaderProps {
    /// The open article, if there is one.
    pub article: Option<Rc<Article>>,
    /// Text or audit.
    pub view: View,
    /// Labels whose highlights are off.
    pub hidden: BTreeSet<Label>,
    /// The entity the list is narrowed to, whose mentions are marked.
    pub selected: Option<IndexEntry>,
    /// The mention opened from its context, marked and scrolled into view.
    pub mark: Option<Context>,
    /// The open article's place in the collection: another one opens at its top.
    pub index: usize,
}

impl PartialEq for ReaderProps {
    fn eq(&self, other: &Self) -> bool {
        // The article by pointer: the core sends a changed article as a new one.
        let same = match (&self.article, &other.article) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same && self.view == other.view
            && self.hidden == other.hidden
            && self.selected == other.selected
            && self.mark == other.mark
            && self.index == other.index
    }
}

/// The open article as the chosen view shows it.
#[function_component(Reader)]
pub fn reader(props: &ReaderProps) -> Html {
    // Another article opens at its top (the reader scrolls on its own); a mention opened from
    // its context is brought into view once drawn.
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((props.index, props.mark.clone()), move |(_, mark)| {
            let mention = mark.as_ref().and_then(|_| {
                gloo::utils::document()
                    .query_selector("[data-testid=context-mark]")
                    .ok()
                    .flatten()
            });
            match (mention, node.cast::<web_sys::Element>()) {
                (Some(mention), _) => mention.scroll_into_view(),
                (None, Some(reader)) => reader.set_scroll_top(0),
                (None, None) => {}
            }
        });
    }
    let Some(article) = &props.article else {
        return html! {
            <article class="reader" data-testid="reader" aria-label="Reader" tabindex="0">
                <p class="empty">{ "Open an article to read it here." }</p>
            </article>
        };
    };
    let (hidden, selected) = (&props.hidden, props.selected.as_ref());
    // Blocks count as the overview counts them: the title 0, then captions, then paragraphs.
    let mention = |b: usize| {
        props
            .mark
            .as_ref()
            .filter(|m| m.block == b)
            .map(|m| (m.start, m.end))
    };
    let captions = article.captions.len();
    let body = match props.view {
        View::Text => html! {
            <>
            <h2 dir="auto">{ marked(&article.title, hidden, selected, mention(0)) }</h2>
            { for article.captions.iter().enumerate().map(|(i, c)| html! { <p class="caption" dir="auto">{ marked(c, hidden, selected, mention(1 + i)) }</p> }) }
            { for article.paragraphs.iter().enumerate().map(|(i, p)| html! { <p dir="auto">{ marked(p, hidden, selected, mention(1 + captions + i)) }</p> }) }
            </>
        },
        View::Audit => html! { <Audit article={article.clone()} /> },
    };
    html! {
        <article class="reader" data-testid="reader" aria-label="Reader" tabindex="0" ref={node}>{ body }</article>
    }
}
