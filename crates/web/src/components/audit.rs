//! The audit of an article: every line removed and why, and each edited copy beside the text
//! with what it adds marked. Nothing is lost silently.

use std::rc::Rc;

use folio::Article;
use yew::prelude::*;

/// The article to audit.
#[derive(Properties)]
pub struct AuditProps {
    /// The open article.
    pub article: Rc<Article>,
}

impl PartialEq for AuditProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.article, &other.article)
    }
}

/// Removed lines with their reasons, files and line numbers; variants side by side.
#[function_component(Audit)]
pub fn audit(props: &AuditProps) -> Html {
    let article = &props.article;
    html! {
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
    }
}
