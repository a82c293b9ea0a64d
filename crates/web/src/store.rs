//! The last collection's files, kept in IndexedDB (see store.js) and read again on reload.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/store.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = saveFile)]
    async fn save_file_js(name: &str, bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = loadFiles)]
    async fn load_files_js() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = forget)]
    async fn forget_js() -> Result<JsValue, JsValue>;
}

/// Keeps one file of the collection. A browser without storage (private mode) keeps nothing,
/// which only means the next visit starts empty.
pub async fn save(name: &str, bytes: &[u8]) {
    let _ = save_file_js(name, bytes).await;
}

/// The kept files, in the order they were given.
pub async fn load() -> Vec<(String, Vec<u8>)> {
    let Ok(all) = load_files_js().await else {
        return Vec::new();
    };
    js_sys::Array::from(&all)
        .iter()
        .filter_map(|entry| {
            let name = js_sys::Reflect::get(&entry, &"name".into())
                .ok()?
                .as_string()?;
            let bytes = js_sys::Reflect::get(&entry, &"bytes".into()).ok()?;
            Some((name, js_sys::Uint8Array::new(&bytes).to_vec()))
        })
        .collect()
}

/// Forgets every kept file.
pub async fn forget() {
    let _ = forget_js().await;
}
