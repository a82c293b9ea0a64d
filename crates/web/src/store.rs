//! The last collection's files, kept in IndexedDB (see store.js) and read again on reload.
//! Records cross into JavaScript as serde-wasm-bindgen values (`{name, bytes}`, the bytes a
//! `Uint8Array`; or `{names, sizes, bytes}` for files read together), which IndexedDB stores
//! as they are.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/store.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = saveFile)]
    async fn save_file_js(record: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = saveGroup)]
    async fn save_group_js(record: JsValue) -> Result<JsValue, JsValue>;
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

/// Keeps files read together as one record: their names and sizes, and their bytes one after
/// another (`store.js` cuts them apart again when they are loaded).
pub async fn save_group(files: &[(String, usize)], bytes: &[u8]) {
    #[derive(Serialize)]
    struct Group<'a> {
        names: Vec<&'a str>,
        sizes: Vec<usize>,
        #[serde(with = "serde_bytes")]
        bytes: &'a [u8],
    }
    let group = Group {
        names: files.iter().map(|(n, _)| n.as_str()).collect(),
        sizes: files.iter().map(|&(_, s)| s).collect(),
        bytes,
    };
    if let Ok(record) = serde_wasm_bindgen::to_value(&group) {
        let _ = save_group_js(record).await;
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
