//! The open article in the URL's hash (`#article-3`), so a reload or a link opens it again.

use yew::prelude::*;

/// The article number in the URL's hash (`#article-3`, counted from 1), if any.
pub fn opened_in_url() -> Option<usize> {
    let hash = gloo::utils::window().location().hash().ok()?;
    let n: usize = hash.strip_prefix("#article-")?.parse().ok()?;
    n.checked_sub(1)
}

/// Writes the open article into the URL whenever it changes (once there are articles).
#[hook]
pub fn use_url(open: usize, has_articles: bool) {
    use_effect_with((open, has_articles), |&(open, has_articles)| {
        if has_articles {
            let _ = gloo::utils::window().history().map(|h| {
                h.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&format!("#article-{}", open + 1)),
                )
            });
        }
    });
}
