//! The reader: the open article's text with its highlights, or its audit. Text from files is
//! only ever text: each piece goes into the page as a text node, never as markup.

use std::collections::BTreeSet;
use std::rc::Rc;

use folio::{Article, Block, IndexEntry, Label};
use yew::prelude::*;

use super::audit::Audit;
use crate::scripting::count_block_render;
use crate::state::View;

/// A block's text with each entity in a `<mark data-label>`, unless its label is hidden; the
/// mentions of `selected` are marked as such.
pub fn marked(block: &Block, hidden: &BTreeSet<Label>, selected: Option<&IndexEntry>) -> Html {
    count_block_render();
    let chars: Vec<char> = block.text.as_str().chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for e in &block.entities {
        if e.start < at || e.end > chars.len() || e.start >= e.end || hidden.contains(&e.label) {
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
    }
}

/// The open article as the chosen view shows it.
#[function_component(Reader)]
pub fn reader(props: &ReaderProps) -> Html {
    let Some(article) = &props.article else {
        return html! {
            <article class="reader" data-testid="reader" aria-label="Reader">
                <p class="empty">{ "Open an article to read it here." }</p>
            </article>
        };
    };
    let (hidden, selected) = (&props.hidden, props.selected.as_ref());
    let body = match props.view {
        View::Text => html! {
            <>
            <h2 dir="auto">{ marked(&article.title, hidden, selected) }</h2>
            { for article.captions.iter().map(|c| html! { <p class="caption" dir="auto">{ marked(c, hidden, selected) }</p> }) }
            { for article.paragraphs.iter().map(|p| html! { <p dir="auto">{ marked(p, hidden, selected) }</p> }) }
            </>
        },
        View::Audit => html! { <Audit article={article.clone()} /> },
    };
    html! {
        <article class="reader" data-testid="reader" aria-label="Reader">{ body }</article>
    }
}
