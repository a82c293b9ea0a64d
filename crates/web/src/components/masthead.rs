//! The page's header: name, tagline, theme switch.

use yew::prelude::*;

use super::theme::ThemeSwitch;

/// The header, which never changes.
#[function_component(Masthead)]
pub fn masthead() -> Html {
    html! {
        <header class="masthead">
            <h1><img src="favicon.svg" alt="" width="28" height="28" />{ " Folio" }</h1>
            <p class="tagline">{ "Clean articles from raw news dumps — read privately, in your browser." }</p>
            <ThemeSwitch />
        </header>
    }
}
