//! Keyboard shortcuts: j/k or arrows between articles, / to search, o for the Overview (and
//! back), ? for help, Esc to step back. Keys typed into a field are the field's, but Esc.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::dom::in_field;
use crate::state::{Action, Pane, State};

/// Listens for the page's shortcuts for as long as the page lives.
#[hook]
pub fn use_keyboard(dispatch: UseReducerDispatcher<State>, pane: Pane) {
    use_effect_with(pane, move |&pane| {
        let listener = gloo::events::EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            gloo::events::EventListenerOptions::enable_prevent_default(),
            move |event| {
                let event: &KeyboardEvent = event.unchecked_ref();
                if event.ctrl_key() || event.meta_key() || event.alt_key() {
                    return;
                }
                let typing = in_field(event.target());
                let action = match event.key().as_str() {
                    "Escape" => Some(Action::Escape),
                    _ if typing => None,
                    "j" | "ArrowDown" => Some(Action::Step(1)),
                    "k" | "ArrowUp" => Some(Action::Step(-1)),
                    "?" => Some(Action::Help(true)),
                    "o" => Some(Action::ShowPane(match pane {
                        Pane::Reader => Pane::Overview,
                        Pane::Overview => Pane::Reader,
                    })),
                    "/" => {
                        if let Some(search) = gloo::utils::document().get_element_by_id("search") {
                            let _ = search.unchecked_into::<web_sys::HtmlElement>().focus();
                        }
                        event.prevent_default();
                        None
                    }
                    _ => None,
                };
                if let Some(action) = action {
                    event.prevent_default();
                    dispatch.dispatch(action);
                }
            },
        );
        move || drop(listener)
    });
}
