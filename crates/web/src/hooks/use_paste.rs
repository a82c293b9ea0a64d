//! Pasted text (outside a text field) is read as a file of its own, and kept like one.

use folio::Request;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::context::Shared;
use crate::dom::in_field;
use crate::state::Action;

/// Listens for pastes for as long as the page lives.
#[hook]
pub fn use_paste(shared: Shared) {
    use_effect_with((), move |_| {
        let pasted = std::cell::Cell::new(0usize);
        let listener =
            gloo::events::EventListener::new(&gloo::utils::document(), "paste", move |event| {
                let event: &web_sys::ClipboardEvent = event.unchecked_ref();
                let text = event
                    .clipboard_data()
                    .and_then(|d| d.get_data("text/plain").ok())
                    .unwrap_or_default();
                if in_field(event.target()) || text.trim().is_empty() {
                    return;
                }
                pasted.set(pasted.get() + 1);
                let name = format!("pasted text {}.txt", pasted.get());
                let bytes = text.into_bytes();
                shared
                    .dispatch
                    .dispatch(Action::Sent(vec![bytes.len() as u64]));
                let core = shared.core.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    crate::store::save(&name, &bytes).await;
                    core.send(Request::File { name, bytes });
                });
            });
        move || drop(listener)
    });
}
