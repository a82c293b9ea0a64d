//! The entity model, fetched once the page has painted: articles never wait for it, and their
//! highlights appear when it arrives.

use folio::Request;
use yew::prelude::*;

use crate::context::Shared;
use crate::dom::fetch_bytes;
use crate::state::Action;

/// Where the entity model is served, beside the page (a relative URL, so a sub-path works).
const MODEL_URL: &str = "ner.bin";

/// Fetches the model once and hands it to the core.
#[hook]
pub fn use_model(shared: Shared) {
    use_effect_with((), move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            match fetch_bytes(MODEL_URL, "the entity model").await {
                Ok(bytes) => shared.core.send(Request::Model(bytes)),
                Err(message) => shared.dispatch.dispatch(Action::ModelUnavailable(message)),
            }
        });
    });
}
