//! Small things the page asks of the browser: whether a key press or a paste is meant for a
//! text field, offering text as a download, fetching bytes.

use wasm_bindgen::JsCast;

/// Whether an event's target is a place the person types into (a text field, a text area, a
/// select, or editable content): the page's shortcuts and paste handling stay out of it.
pub fn in_field(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|t| {
            matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || t.is_content_editable()
        })
}

/// Offers `text` as a file to save.
pub fn download(name: &str, mime: &str, text: &str) {
    let blob = gloo::file::Blob::new_with_options(text, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    if let Ok(a) = document.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        a.unchecked_into::<web_sys::HtmlElement>().click();
    }
    // The download has its own copy once it started; free the URL a moment later.
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
}

/// The bytes at `url` (relative to the page), or why they could not be had.
pub async fn fetch_bytes(url: &str, what: &str) -> Result<Vec<u8>, String> {
    use wasm_bindgen_futures::JsFuture;
    let failed = |how: &str, err: wasm_bindgen::JsValue| format!("{what} {how}: {err:?}");
    let response = JsFuture::from(gloo::utils::window().fetch_with_str(url))
        .await
        .map_err(|e| failed("could not be downloaded", e))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|e| failed("came back as something else", e))?;
    if !response.ok() {
        return Err(format!(
            "{what} could not be downloaded (HTTP {})",
            response.status()
        ));
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|e| failed("could not be read", e))?,
    )
    .await
    .map_err(|e| failed("could not be read", e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The page's styles, for a saved overview to look as it does here.
const STYLES: &str = include_str!("../../../styles/app.css");

/// The theme's colours as the page shows them now (light or dark, chosen or followed).
const THEME_VARIABLES: [&str; 10] = [
    "--bg",
    "--surface",
    "--text",
    "--muted",
    "--border",
    "--accent",
    "--accent-text",
    "--focus",
    "--font-body",
    "--font-ui",
];

/// The Overview as one self-contained HTML page: its charts (SVG) and lists as drawn, the
/// page's styles with the theme's colours fixed, and a policy that lets nothing load or run.
/// The markup is the browser's own serialisation of the page, so text from files stays text.
pub fn overview_page() -> Option<String> {
    let document = gloo::utils::document();
    let overview = document.query_selector("[data-testid=overview]").ok()??;
    let root = document.document_element()?;
    let computed = gloo::utils::window().get_computed_style(&root).ok()??;
    let theme: String = THEME_VARIABLES
        .iter()
        .filter_map(|v| {
            let value = computed.get_property_value(v).ok()?;
            Some(format!("{v}: {};", value.trim()))
        })
        .collect();
    Some(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>Folio overview</title>\n<style>{STYLES}\n:root {{ {theme} }}\nbody {{ background: var(--bg); color: var(--text); font-family: var(--font-ui); margin: 1rem; }}</style>\n\
         </head><body>\n{}\n</body></html>\n",
        overview.outer_html()
    ))
}
