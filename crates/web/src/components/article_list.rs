//! The list of articles: each with its title, files, and counts of entities, removed lines and
//! variants; drawn a page at a time.

use std::rc::Rc;

use folio::Article;
use yew::prelude::*;

use crate::context::Shared;
use crate::state::{Action, LIST_PAGE};

/// What the list shows.
#[derive(Properties)]
pub struct ArticleListProps {
    /// Every article of the collection.
    pub articles: Rc<Vec<Rc<Article>>>,
    /// The ones the search and the entity filter leave, in order.
    pub visible: Rc<Vec<usize>>,
    /// The one open in the reader.
    pub open: usize,
    /// How many the list draws.
    pub shown: usize,
}

impl PartialEq for ArticleListProps {
    fn eq(&self, other: &Self) -> bool {
        // The articles by pointer: the state makes a new list when one changes, and comparing
        // the lists' articles one by one would read the whole collection on every redraw.
        Rc::ptr_eq(&self.articles, &other.articles)
            && self.visible == other.visible
            && self.open == other.open
            && self.shown == other.shown
    }
}

/// The articles, or a word on how to get some.
#[function_component(ArticleList)]
pub fn article_list(props: &ArticleListProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let (visible, total) = (&props.visible, props.articles.len());
    let shown = props.shown.max(LIST_PAGE);
    let on_more = {
        let shared = shared.clone();
        Callback::from(move |_: MouseEvent| shared.dispatch.dispatch(Action::More))
    };
    html! {
        <nav class="articles" aria-label="Articles">
            <h2>{ if visible.len() == total {
                format!("Articles ({total})")
            } else {
                format!("Articles ({} of {total})", visible.len())
            } }</h2>
            if total == 0 {
                <p class="empty">{ "Drop text dumps, archives or JSON lines and CSV on the page, choose files, or try the sample." }</p>
            } else {
                <ol class="article-list">
                    { for visible.iter().take(shown).map(|&i| html! {
                        <ArticleItem key={i} index={i} article={props.articles[i].clone()} current={i == props.open} />
                    }) }
                </ol>
                if visible.len() > shown {
                    <button type="button" class="button secondary" onclick={on_more}>
                        { format!("Show more ({} not shown)", visible.len() - shown) }
                    </button>
                }
            }
        </nav>
    }
}

/// One line of the list.
#[derive(Properties)]
pub struct ArticleItemProps {
    /// Where it is in the collection.
    pub index: usize,
    /// The article.
    pub article: Rc<Article>,
    /// Whether the reader shows it.
    pub current: bool,
}

impl PartialEq for ArticleItemProps {
    fn eq(&self, other: &Self) -> bool {
        // An article the core changed comes as a new `Rc`; one it did not is the same pointer.
        self.index == other.index
            && self.current == other.current
            && Rc::ptr_eq(&self.article, &other.article)
    }
}

/// Title, files, counts; a button that opens it.
#[function_component(ArticleItem)]
fn article_item(props: &ArticleItemProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let a = &props.article;
    let index = props.index;
    let onclick =
        Callback::from(move |_: MouseEvent| shared.dispatch.dispatch(Action::Open(index)));
    let names: usize = a.blocks().map(|b| b.entities.len()).sum();
    let variants = if a.variants.is_empty() {
        String::new()
    } else {
        format!(" · {} variant(s)", a.variants.len())
    };
    html! {
        <li data-testid="article" aria-current={props.current.then_some("true")}>
            <button type="button" class="open" {onclick}>
                <span class="title" dir="auto">{ a.title.text.as_str() }</span>
                <span class="source" dir="auto">{ a.sources.join(", ") }</span>
                <span class="counts">{ format!("{names} entities · {} removed{variants}", a.removed.len()) }</span>
            </button>
        </li>
    }
}
