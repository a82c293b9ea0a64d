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
