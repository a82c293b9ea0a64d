//! The web app: Folio in a browser tab, built by Trunk to WebAssembly.
//!
//! The page renders only what the core returns; files are read with the browser's File API and
//! handed to the same `folio` library the command-line tool uses. Nothing leaves the tab.

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod dropzone;
#[cfg(target_arch = "wasm32")]
mod link;
#[cfg(target_arch = "wasm32")]
mod reader;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod store;
#[cfg(target_arch = "wasm32")]
mod theme;
#[cfg(target_arch = "wasm32")]
mod worker;

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/bin/folio-web/offline.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerServiceWorker)]
    fn register_service_worker();
}

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<app::App>::new().render();
    register_service_worker();
}

/// Natively there is no page to show; `cargo build` still checks this target compiles.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("folio-web is the web app: run `scripts/serve.sh` and open http://127.0.0.1:8080");
}
