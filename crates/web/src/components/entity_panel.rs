//! The entity panel: the people, organisations, places and other names across every file, each
//! once with its mentions; a click narrows the list to the articles naming it.

use std::rc::Rc;

use folio::{IndexEntry, Label};
use yew::prelude::*;

use crate::context::Shared;
use crate::state::{Action, Model};

/// What the panel shows.
#[derive(Properties)]
pub struct EntityPanelProps {
    /// Where the entity model stands.
    pub model: Model,
    /// The index's most mentioned entries.
    pub entities: Rc<Vec<IndexEntry>>,
    /// The entity the list is narrowed to.
    pub filter: Option<(String, Label)>,
}

impl PartialEq for EntityPanelProps {
    fn eq(&self, other: &Self) -> bool {
        // The entries by pointer: the state replaces them only when the core sends new ones.
        self.model == other.model
            && Rc::ptr_eq(&self.entities, &other.entities)
            && self.filter == other.filter
    }
}

/// How many entries of each label the panel lists.
const PER_LABEL: usize = 30;

/// The names by label, or where the model stands.
#[function_component(EntityPanel)]
pub fn entity_panel(props: &EntityPanelProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let body = match &props.model {
        Model::Failed(message) => html! { <p role="alert" class="error">{ message }</p> },
        Model::Loading => {
            html! { <p class="empty" aria-live="polite">{ "Loading the entity model…" }</p> }
        }
        Model::Ready if props.entities.is_empty() => html! {
            <p class="empty">{ "People, organisations and places across your files will be listed here." }</p>
        },
        Model::Ready => {
            let groups = [Label::PER, Label::ORG, Label::LOC, Label::MISC].map(|label| {
                let entries: Vec<&IndexEntry> = props
                    .entities
                    .iter()
                    .filter(|e| e.label == label)
                    .take(PER_LABEL)
                    .collect();
                html! {
                    if !entries.is_empty() {
                        <section class="entity-group">
                            <h3><mark data-label={label.as_str()}>{ label.as_str() }</mark></h3>
                            <ul>{ for entries.iter().map(|e| entry(e, props.filter.as_ref(), &shared)) }</ul>
                        </section>
                    }
                }
            });
            html! { <>{ for groups }</> }
        }
    };
    html! {
        <aside class="entities" aria-label="Entities">
            <h2>{ "Entities" }</h2>
            { body }
        </aside>
    }
}

/// One name: a button that narrows the list to it (or widens it back).
fn entry(e: &IndexEntry, filter: Option<&(String, Label)>, shared: &Shared) -> Html {
    let key = (e.name.clone(), e.label);
    let chosen = filter == Some(&key);
    let dispatch = shared.dispatch.clone();
    let onclick =
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Filter(Some(key.clone()))));
    let also = if e.aliases.is_empty() {
        String::new()
    } else {
        format!("also: {}", e.aliases.join(", "))
    };
    html! {
        <li data-testid="entity">
            <button type="button" class="entity" aria-pressed={chosen.to_string()} {onclick} title={also}>
                <span dir="auto">{ e.name.as_str() }</span>
                if e.surname {
                    <span class="surname" title="a surname no article gave in full">{ "surname" }</span>
                }
                <span class="count">{ e.mentions }</span>
            </button>
        </li>
    }
}
