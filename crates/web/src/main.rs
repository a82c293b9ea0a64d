//! The web app: Folio in a browser tab, built by Trunk to WebAssembly.
//!
//! The page renders only what the core returns; files are read with the browser's File API and
//! handed to the same `folio` library the command-line tool uses, in a web worker
//! (`folio-worker`). Nothing leaves the tab.

mod app;
mod dropzone;
mod link;
mod reader;
mod state;
mod store;
mod theme;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/offline.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerServiceWorker)]
    fn register_service_worker();
}

fn main() {
    yew::Renderer::<app::App>::new().render();
    register_service_worker();
}
