//! The list of articles: each with its title, files, and counts of entities, removed lines and
//! variants. It scrolls on its own, beside the reader, through every article: past a few
//! hundred, only the rows in view (and a screen's worth either side) are drawn, each row the
//! same height so that its place is its position times that height. The open article is kept
//! in view as it changes (keys, a click in the Overview).

use std::rc::Rc;

use folio::Article;
use yew::prelude::*;

use crate::context::Shared;
use crate::state::Action;

/// Up to this many articles every row is drawn; past it, only those in view.
const VIRTUAL_FROM: usize = 200;
/// A row's height in CSS pixels (`.article-list li` in the styles says the same).
const ROW_PX: f64 = 88.0;
/// Rows drawn beyond the view on each side.
const OVERSCAN: usize = 12;

/// What the list shows.
#[derive(Properties)]
pub struct ArticleListProps {
    /// Every article of the collection.
    pub articles: Rc<Vec<Rc<Article>>>,
    /// The ones the search, the entity filter and the overview leave, in order.
    pub visible: Rc<Vec<usize>>,
    /// The one open in the reader.
    pub open: usize,
}

impl PartialEq for ArticleListProps {
    fn eq(&self, other: &Self) -> bool {
        // The articles by pointer: the state makes a new list when one changes, and comparing
        // the lists' articles one by one would read the whole collection on every redraw.
        Rc::ptr_eq(&self.articles, &other.articles)
            && self.visible == other.visible
            && self.open == other.open
    }
}

/// The rows to draw, `first..last`, of `n`, for a view from `top` that is `height` high.
fn window(n: usize, top: f64, height: f64) -> (usize, usize) {
    if n <= VIRTUAL_FROM {
        return (0, n);
    }
    let first = ((top / ROW_PX) as usize).saturating_sub(OVERSCAN).min(n);
    let last = (((top + height) / ROW_PX).ceil() as usize + OVERSCAN).min(n);
    (first, last.max(first))
}

/// The articles, or a word on how to get some.
#[function_component(ArticleList)]
pub fn article_list(props: &ArticleListProps) -> Html {
    let scroller = use_node_ref();
    let list = use_node_ref();
    // Where the view is: its top and its height, as last scrolled or sized.
    let view = use_state(|| (0.0_f64, 900.0_f64));
    let measure = {
        let (view, scroller) = (view.clone(), scroller.clone());
        move || {
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                let now = (f64::from(el.scroll_top()), f64::from(el.client_height()));
                if now != *view {
                    view.set(now);
                }
            }
        }
    };
    let onscroll = {
        let measure = measure.clone();
        Callback::from(move |_: Event| measure())
    };
    // The open article kept in view: a key, or a click elsewhere, may open one out of sight.
    {
        let (scroller, visible) = (scroller.clone(), props.visible.clone());
        use_effect_with((props.open, visible.len()), move |(open, _)| {
            if let (Some(el), Some(at)) = (
                scroller.cast::<web_sys::Element>(),
                visible.iter().position(|i| i == open),
            ) {
                let top = at as f64 * ROW_PX;
                let (now, height) = (f64::from(el.scroll_top()), f64::from(el.client_height()));
                if top < now {
                    el.set_scroll_top(top as i32);
                } else if top + ROW_PX > now + height {
                    el.set_scroll_top((top + ROW_PX - height) as i32);
                }
            }
            measure();
        });
    }
    let (visible, total) = (&props.visible, props.articles.len());
    let (first, last) = window(visible.len(), view.0, view.1);
    // The rows not drawn keep their room, set through the style object (the page's security
    // policy allows no inline style attribute).
    {
        let list = list.clone();
        let pads = (
            first as f64 * ROW_PX,
            (visible.len() - last) as f64 * ROW_PX,
        );
        use_effect_with(pads, move |(top, bottom)| {
            if let Some(ol) = list.cast::<web_sys::HtmlElement>() {
                let style = ol.style();
                let _ = style.set_property("padding-top", &format!("{top}px"));
                let _ = style.set_property("padding-bottom", &format!("{bottom}px"));
            }
        });
    }
    html! {
        <nav class="articles" aria-label="Articles">
            <h2>{ if visible.len() == total {
                format!("Articles ({total})")
            } else {
                format!("Articles ({} of {total})", visible.len())
            } }</h2>
            if total == 0 {
                <p class="empty">{ "Drop text dumps, archives or JSON lines and CSV on the page, choose files, or try the sample." }</p>
            }
            <div class="list-scroller" ref={scroller} {onscroll}>
                <ol class="article-list" ref={list}>
                    { for visible[first..last].iter().map(|&i| html! {
                        <ArticleItem key={i} index={i} article={props.articles[i].clone()} current={i == props.open} />
                    }) }
                </ol>
            </div>
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
