//! The whole page: the reducer, the hooks that talk to the browser and the worker, and the
//! layout of components. Everything else lives in `components/` and `hooks/`.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{
    ArticleList, EntityPanel, Help, Intake, Masthead, OverviewPane, Reader, Toolbar,
};
use crate::context::Shared;
use crate::hooks::{
    opened_in_url, pane_in_url, use_core, use_index_sync, use_keyboard, use_model,
    use_overview_sync, use_paste, use_restore, use_url, OverviewInputs,
};
use crate::scripting::use_scripting;
use crate::state::{Pane, State};

/// The page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let (pane, narrow) = pane_in_url();
        State {
            open: opened_in_url().unwrap_or(0),
            pane,
            narrow,
            ..State::default()
        }
    });
    let shared = use_core(state.dispatcher());
    use_keyboard(state.dispatcher(), state.pane);
    use_url(
        state.open,
        !state.articles.is_empty(),
        state.pane,
        state.narrow.clone(),
    );
    use_paste(shared.clone());
    use_restore(shared.clone());
    use_model(shared.clone());
    use_index_sync(
        shared.clone(),
        state.pending == 0 && !state.files.is_empty(),
        state.filter.clone(),
        state.stats.articles,
        state.stats.mentions,
    );
    use_scripting(shared.clone());
    let search = state.search.trim().to_owned();
    use_overview_sync(
        shared.clone(),
        OverviewInputs {
            shown: state.pane == Pane::Overview,
            idle: state.pending == 0 && !state.files.is_empty(),
            tagged: state.waiting == 0,
            query: state.query.clone(),
            term: (state.contexts_of_search && !search.is_empty()).then_some(search.clone()),
            articles: state.stats.articles,
            mentions: state.stats.mentions,
        },
        state.narrow.clone(),
    );

    let visible = Rc::new(state.visible());
    // What an export exports: everything, or what the search and the filter leave.
    let only = (visible.len() != state.articles.len()).then(|| visible.clone());
    html! {
        <ContextProvider<Shared> context={shared}>
            <Masthead />
            <main class="layout">
                <Intake files={state.files.clone()} sent={state.sent}
                    expected={state.expected} pending={state.pending}
                    pending_bytes={state.pending_bytes} done_bytes={state.done_bytes}
                    total_bytes={state.stats.bytes} articles={state.stats.articles}
                    waiting={state.waiting} model_ready={state.model == crate::state::Model::Ready} />
                <Toolbar search={state.search.clone()} hidden={state.hidden.clone()}
                    view={state.view} pane={state.pane} {only} />
                <ArticleList articles={state.articles.clone()} visible={visible}
                    open={state.open} />
                if state.pane == Pane::Overview {
                    <OverviewPane overview={state.overview.clone()} narrow={state.narrow.clone()}
                        rank={state.query.rank} sort={state.query.sort}
                        of_search={state.contexts_of_search} has_search={!search.is_empty()} />
                } else {
                    <Reader article={state.articles.get(state.open).cloned()} view={state.view}
                        hidden={state.hidden.clone()} selected={state.filter_entry().cloned()}
                        mark={state.mark.clone().filter(|m| m.article == state.open)}
                        index={state.open} />
                }
                <EntityPanel model={state.model.clone()} entities={state.entities.clone()}
                    filter={state.filter.clone()} />
            </main>
            if state.help {
                <Help />
            }
        </ContextProvider<Shared>>
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use folio::{Label, Request};
    use wasm_bindgen_test::*;

    use crate::state::{Action, Model, SAMPLE, SAMPLE_NAME};

    wasm_bindgen_test_configure!(run_in_browser);

    async fn tick() {
        gloo::timers::future::TimeoutFuture::new(30).await;
    }

    fn mount() -> web_sys::Element {
        let document = gloo::utils::document();
        let root = document.create_element("div").unwrap();
        document.body().unwrap().append_child(&root).unwrap();
        yew::Renderer::<App>::with_root(root.clone()).render();
        root
    }

    #[wasm_bindgen_test]
    async fn the_shell_shows_the_drop_target_and_an_empty_list() {
        let root = mount();
        tick().await;
        assert!(root
            .query_selector("[data-testid=dropzone]")
            .unwrap()
            .is_some());
        let input = root.query_selector("input[type=file]").unwrap().unwrap();
        assert!(input.has_attribute("multiple"));
        assert_eq!(
            root.query_selector_all("[data-testid=article]")
                .unwrap()
                .length(),
            0
        );
    }

    /// What the worker answers for the seed, applied by the reducer, gives the page its two
    /// articles and the file's line count (the worker itself runs in the end-to-end tests).
    #[wasm_bindgen_test]
    fn the_cores_answers_fill_the_state() {
        use yew::Reducible;
        let mut session = folio::Session::new();
        let answer = session.handle(Request::File {
            name: SAMPLE_NAME.into(),
            bytes: SAMPLE.to_vec(),
        });
        let state = Rc::new(State::default())
            .reduce(Action::Sent(vec![SAMPLE.len() as u64]))
            .reduce(Action::Core(vec![answer]));
        assert_eq!(state.pending, 0);
        assert_eq!(state.files[0].lines, 67);
        assert_eq!(state.articles.len(), 2);
        let model = include_bytes!("../../../models/ner.bin").to_vec();
        let state = state.reduce(Action::Core(vec![session.handle(Request::Model(model))]));
        assert_eq!(state.model, Model::Ready);
        assert!(state.entities.iter().any(|e| e.name == "Najib Mikati"));
    }

    /// The model trained natively finds the same names in WebAssembly (its hashes must not
    /// depend on the pointer width).
    #[wasm_bindgen_test]
    fn the_model_tags_in_webassembly_as_natively() {
        let model = include_bytes!("../../../models/ner.bin");
        let r = folio::Recognizer::from_bytes(model).unwrap();
        let found: Vec<(String, Label)> = r
            .annotate("Prime Minister Najib Mikati visited the city of Tyre on Saturday.")
            .into_iter()
            .map(|e| (e.text, e.label))
            .collect();
        assert!(
            found.contains(&("Najib Mikati".into(), Label::PER)),
            "{found:?}"
        );
        assert!(found.contains(&("Tyre".into(), Label::LOC)), "{found:?}");
        assert!(
            found.contains(&("Saturday".into(), Label::DATE)),
            "{found:?}"
        );
    }
}
