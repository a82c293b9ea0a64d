//! The web app: Folio in a browser tab, built by Trunk to WebAssembly.
//!
//! The page renders only what the core returns; files are read with the browser's File API and
//! handed to the same `folio` library the command-line tool uses, in a web worker
//! (`folio-worker`). Nothing leaves the tab.
//!
//! The code map: `app` lays the page out, provides the `context` (the worker link and the
//! reducer's dispatcher) and composes the `hooks` (the worker link, keyboard,
//! URL, paste, restore, model loading, the entity index); `components` render the state that
//! `state`'s one reducer keeps; `link` is the restartable link to the worker, `store` the
//! files kept in IndexedDB, `dom` small browser helpers, `limits` the page's size limits and
//! read groups (tested natively), `scripting` the hooks benchmarks and tests call on `window`.

mod app;
mod components;
mod context;
mod dom;
mod hooks;
mod limits;
mod link;
mod scripting;
mod state;
mod store;

#[wasm_bindgen::prelude::wasm_bindgen(module = "/src/offline.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerServiceWorker)]
    fn register_service_worker();
}

fn main() {
    yew::Renderer::<app::App>::new().render();
    register_service_worker();
}
