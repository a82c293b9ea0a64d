//! The keyboard help, a dialog.

use yew::prelude::*;

use crate::context::Shared;
use crate::state::Action;

/// The shortcuts, with a button to close them (Esc closes them too).
#[function_component(Help)]
pub fn help() -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let close = Callback::from(move |_: MouseEvent| shared.dispatch.dispatch(Action::Help(false)));
    html! {
        <div class="help" role="dialog" aria-modal="true" aria-labelledby="help-title">
            <h2 id="help-title">{ "Keyboard" }</h2>
            <dl>
                <dt><kbd>{ "j" }</kbd>{ " / " }<kbd>{ "↓" }</kbd></dt><dd>{ "next article" }</dd>
                <dt><kbd>{ "k" }</kbd>{ " / " }<kbd>{ "↑" }</kbd></dt><dd>{ "previous article" }</dd>
                <dt><kbd>{ "/" }</kbd></dt><dd>{ "search" }</dd>
                <dt><kbd>{ "o" }</kbd></dt><dd>{ "the overview of the whole collection, and back to the reader" }</dd>
                <dt><kbd>{ "Esc" }</kbd></dt><dd>{ "close this, widen the list the overview narrowed, clear the entity filter, then the search" }</dd>
                <dt><kbd>{ "?" }</kbd></dt><dd>{ "this help" }</dd>
            </dl>
            <button type="button" class="button" onclick={close}>{ "Close" }</button>
        </div>
    }
}
