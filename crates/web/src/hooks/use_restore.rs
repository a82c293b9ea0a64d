//! The files of the last visit, kept in IndexedDB, are read again when the page opens.

use yew::prelude::*;

use crate::context::{send_files, Shared};

/// Reads the kept files once, when the page opens.
#[hook]
pub fn use_restore(shared: Shared) {
    use_effect_with((), move |_| {
        wasm_bindgen_futures::spawn_local(async move {
            let kept = crate::store::load().await;
            if !kept.is_empty() {
                send_files(&shared, kept);
            }
        });
    });
}
