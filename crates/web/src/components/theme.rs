//! The theme switch: follow the system, or light, or dark; remembered in this browser.

use yew::prelude::*;

const KEY: &str = "folio-theme";

/// The choices, in the order the switch cycles through them.
const THEMES: [(&str, &str); 3] = [("system", "System"), ("light", "Light"), ("dark", "Dark")];

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// Sets `data-theme` on the document (no attribute: follow the system).
fn apply(theme: &str) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = match theme {
            "light" | "dark" => root.set_attribute("data-theme", theme),
            _ => root.remove_attribute("data-theme"),
        };
    }
}

/// A button that cycles the theme.
#[function_component(ThemeSwitch)]
pub fn theme_switch() -> Html {
    let theme = use_state(|| {
        let saved = storage()
            .and_then(|s| s.get_item(KEY).ok().flatten())
            .filter(|t| THEMES.iter().any(|(k, _)| k == t))
            .unwrap_or_else(|| "system".to_owned());
        apply(&saved);
        saved
    });
    let onclick = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| {
            let at = THEMES.iter().position(|(k, _)| **k == *theme).unwrap_or(0);
            let next = THEMES[(at + 1) % THEMES.len()].0.to_owned();
            apply(&next);
            if let Some(s) = storage() {
                let _ = s.set_item(KEY, &next);
            }
            theme.set(next);
        })
    };
    let name = THEMES
        .iter()
        .find(|(k, _)| **k == *theme)
        .map_or("System", |(_, n)| n);
    html! {
        <button type="button" class="toggle theme" data-testid="theme" {onclick}
            aria-label={format!("Theme: {name}. Change theme")}>
            { format!("Theme: {name}") }
        </button>
    }
}
