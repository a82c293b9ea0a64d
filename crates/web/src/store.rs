//! The last collection's files, kept in IndexedDB (see store.js) and read again on reload.
//! Records cross into JavaScript as serde-wasm-bindgen values (`{name, bytes}`, the bytes a
//! `Uint8Array`), which IndexedDB stores as they are.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/store.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = saveFile)]
    async fn save_file_js(record: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = loadFiles)]
    async fn load_files_js() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = forget)]
    async fn forget_js() -> Result<JsValue, JsValue>;
}

/// One kept file.
#[derive(Serialize, Deserialize)]
pub struct Kept {
    /// The file's name, as given.
    pub name: String,
    /// Its bytes.
    #[serde(with = "serde_bytes")]
    pub bytes: Vec<u8>,
}

/// Keeps one file of the collection. A browser without storage (private mode) keeps nothing,
/// which only means the next visit starts empty.
pub async fn save(name: &str, bytes: &[u8]) {
    #[derive(Serialize)]
    struct Record<'a> {
        name: &'a str,
        #[serde(with = "serde_bytes")]
        bytes: &'a [u8],
    }
    if let Ok(record) = serde_wasm_bindgen::to_value(&Record { name, bytes }) {
        let _ = save_file_js(record).await;
    }
}

/// The kept files, in the order they were given.
pub async fn load() -> Vec<Kept> {
    let Ok(all) = load_files_js().await else {
        return Vec::new();
    };
    // A record another version wrote differently is skipped, not fatal.
    js_sys::Array::from(&all)
        .iter()
        .filter_map(|record| serde_wasm_bindgen::from_value(record).ok())
        .collect()
}

/// Forgets every kept file.
pub async fn forget() {
    let _ = forget_js().await;
}
