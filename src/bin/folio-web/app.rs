//! The page: header, drop zone, what was read, the article list, the reader with its
//! highlights and the entity panel.

use folio::session::Request;
use folio::{Block, FileInfo, Label};
use gloo::worker::Spawnable;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::dropzone::DropZone;
use crate::state::{Action, Model, State, SAMPLE, SAMPLE_NAME};
use crate::worker::CoreWorker;

/// Where Trunk puts the worker's script (`data-type="worker"` in index.html), beside the page.
const SCRIPT: &str = "./folio-worker.js";

/// Where the entity model is served, beside the page (a relative URL, so a sub-path works).
const MODEL_URL: &str = "ner.bin";

/// Downloads the entity model's bytes.
async fn fetch_model() -> Result<Vec<u8>, String> {
    use wasm_bindgen_futures::JsFuture;
    let failed = |what: &str, err: wasm_bindgen::JsValue| format!("{what}: {err:?}");
    let response = JsFuture::from(gloo::utils::window().fetch_with_str(MODEL_URL))
        .await
        .map_err(|e| failed("the entity model could not be downloaded", e))?;
    let response: web_sys::Response = response
        .dyn_into()
        .map_err(|e| failed("unexpected answer", e))?;
    if !response.ok() {
        return Err(format!(
            "the entity model could not be downloaded (HTTP {})",
            response.status()
        ));
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|e| failed("the entity model could not be read", e))?,
    )
    .await
    .map_err(|e| failed("the entity model could not be read", e))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);

    // The core, in a web worker: every file and the model go there, and its answers come
    // back as actions. Spawned once, for the page's life.
    let core = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| {
            CoreWorker::spawner()
                .callback(move |response| dispatcher.dispatch(Action::Core(response)))
                .spawn(SCRIPT)
        })
    };

    // The model is fetched once the page has painted: articles never wait for it, and their
    // highlights appear when it arrives.
    {
        let state = state.clone();
        let core = core.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match fetch_model().await {
                    Ok(bytes) => core.send(Request::Model(bytes)),
                    Err(message) => state.dispatch(Action::ModelUnavailable(message)),
                }
            });
        });
    }

    let on_files = {
        let state = state.clone();
        let core = core.clone();
        Callback::from(move |files: Vec<web_sys::File>| {
            state.dispatch(Action::Sent(
                files.iter().map(|f| f.size() as u64).collect(),
            ));
            for file in files {
                let state = state.clone();
                let core = core.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let file = gloo::file::File::from(file);
                    let name = file.name();
                    match gloo::file::futures::read_as_bytes(&file).await {
                        Ok(bytes) => core.send(Request::File { name, bytes }),
                        Err(err) => state.dispatch(Action::Unreadable {
                            message: format!("{name}: the browser could not read it ({err})"),
                            name,
                        }),
                    }
                });
            }
        })
    };
    let on_sample = {
        let state = state.clone();
        let core = core.clone();
        Callback::from(move |()| {
            state.dispatch(Action::Sent(vec![SAMPLE.len() as u64]));
            core.send(Request::File {
                name: SAMPLE_NAME.to_owned(),
                bytes: SAMPLE.to_vec(),
            });
        })
    };
    let on_clear = {
        let state = state.clone();
        let core = core.clone();
        Callback::from(move |_: MouseEvent| {
            core.send(Request::Clear);
            state.dispatch(Action::Clear);
        })
    };

    let errors = state.files.iter().filter_map(|f| {
        f.error
            .as_ref()
            .map(|message| html! { <p role="alert" class="error">{ message }</p> })
    });
    let read: Vec<&FileInfo> = state.files.iter().filter(|f| f.error.is_none()).collect();
    let articles = &state.articles;
    let open = articles.get(state.open);
    let on_open = |i: usize| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Open(i)))
    };

    html! {
        <>
        <header class="masthead">
            <h1><img src="favicon.svg" alt="" width="28" height="28" />{ " Folio" }</h1>
            <p class="tagline">{ "Clean articles from raw news dumps — read privately, in your browser." }</p>
        </header>
        <main class="layout">
            <div class="intake">
                <DropZone {on_files} {on_sample} />
                { for errors }
                if state.pending > 0 {
                    <div class="status" aria-live="polite">
                        <p>{ format!("Reading {} file(s)… {} of {}", state.pending,
                            human_size(state.done_bytes as usize), human_size(state.pending_bytes as usize)) }</p>
                        <progress max={state.pending_bytes.max(1).to_string()} value={state.done_bytes.to_string()}></progress>
                    </div>
                }
                if !read.is_empty() {
                    <section class="files" aria-label="Files read">
                        <h2>{ "Files" }</h2>
                        <table>
                            <thead><tr><th>{ "File" }</th><th>{ "Size" }</th><th>{ "Lines" }</th><th>{ "Encoding" }</th></tr></thead>
                            <tbody>
                            { for read.iter().map(|f| file_row(f)) }
                            </tbody>
                        </table>
                        <button type="button" class="button secondary" onclick={on_clear}>{ "Forget these files" }</button>
                    </section>
                }
            </div>
            <nav class="articles" aria-label="Articles">
                <h2>{ "Articles" }</h2>
                if articles.is_empty() {
                    <p class="empty">{ "Drop .txt dumps on the page, choose files, or try the sample." }</p>
                } else {
                    <ol class="article-list">
                        { for articles.iter().enumerate().map(|(i, a)| html! {
                            <li data-testid="article" aria-current={(i == state.open).then_some("true")}>
                                <button type="button" class="open" onclick={on_open(i)}>
                                    <span class="title" dir="auto">{ a.title.text.as_str() }</span>
                                    <span class="source" dir="auto">{ a.sources.join(", ") }</span>
                                </button>
                            </li>
                        }) }
                    </ol>
                }
            </nav>
            <article class="reader" data-testid="reader" aria-label="Reader">
                { match open {
                    Some(a) => html! {
                        <>
                        <h2 dir="auto">{ marked(&a.title) }</h2>
                        { for a.captions.iter().map(|c| html! { <p class="caption" dir="auto">{ marked(c) }</p> }) }
                        { for a.paragraphs.iter().map(|p| html! { <p dir="auto">{ marked(p) }</p> }) }
                        </>
                    },
                    None => html! { <p class="empty">{ "Open an article to read it here." }</p> },
                } }
            </article>
            <aside class="entities" aria-label="Entities">
                <h2>{ "Entities" }</h2>
                { entity_panel(&state) }
            </aside>
        </main>
        </>
    }
}

/// A block's text with each entity in a `<mark data-label>`; the text is only ever text.
fn marked(block: &Block) -> Html {
    let chars: Vec<char> = block.text.as_str().chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for e in &block.entities {
        if e.start < at || e.end > chars.len() || e.start >= e.end {
            continue;
        }
        out.push(html! { { chars[at..e.start].iter().collect::<String>() } });
        let text: String = chars[e.start..e.end].iter().collect();
        out.push(html! { <mark data-label={e.label.as_str()}>{ text }</mark> });
        at = e.end;
    }
    out.push(html! { { chars[at..].iter().collect::<String>() } });
    out.into_iter().collect()
}

/// The collection's names, grouped by label, most mentioned first.
fn entity_panel(state: &State) -> Html {
    match &state.model {
        Model::Failed(message) => return html! { <p role="alert" class="error">{ message }</p> },
        Model::Loading => {
            return html! { <p class="empty" aria-live="polite">{ "Loading the entity model…" }</p> }
        }
        Model::Ready => {}
    }
    let index = &state.entities;
    if index.is_empty() {
        return html! { <p class="empty">{ "People, organisations and places across your files will be listed here." }</p> };
    }
    let groups = [Label::PER, Label::ORG, Label::LOC, Label::MISC].map(|label| {
        let entries: Vec<_> = index.iter().filter(|e| e.label == label).take(30).collect();
        html! {
            if !entries.is_empty() {
                <section class="entity-group">
                    <h3><mark data-label={label.as_str()}>{ label.as_str() }</mark></h3>
                    <ul>
                        { for entries.iter().map(|e| html! {
                            <li data-testid="entity" title={e.aliases.join(", ")}>
                                <span dir="auto">{ e.name.as_str() }</span>
                                <span class="count">{ e.mentions }</span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
        }
    });
    html! { <>{ for groups }</> }
}

fn file_row(file: &FileInfo) -> Html {
    html! {
        <tr data-testid="file">
            <td class="file-name" dir="auto">{ &file.name }</td>
            <td>{ human_size(file.bytes) }</td>
            <td data-testid="file-lines">{ format!("{} lines", file.lines) }</td>
            <td>{ file.encoding.clone().unwrap_or_default() }</td>
        </tr>
    }
}

/// Sizes as people read them: 5.5 KB, 12.0 MB.
pub fn human_size(bytes: usize) -> String {
    match bytes {
        b if b < 1000 => format!("{b} B"),
        b if b < 1_000_000 => format!("{:.1} KB", b as f64 / 1e3),
        b => format!("{:.1} MB", b as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::*;

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
        use std::rc::Rc;
        use yew::Reducible;
        let mut session = folio::session::Session::new();
        let answer = session.handle(Request::File {
            name: SAMPLE_NAME.into(),
            bytes: SAMPLE.to_vec(),
        });
        let state = Rc::new(State::default())
            .reduce(Action::Sent(vec![SAMPLE.len() as u64]))
            .reduce(Action::Core(answer));
        assert_eq!(state.pending, 0);
        assert_eq!(state.files[0].lines, 67);
        assert_eq!(state.articles.len(), 2);
        let model = include_bytes!("../../../models/ner.bin").to_vec();
        let state = state.reduce(Action::Core(session.handle(Request::Model(model))));
        assert_eq!(state.model, Model::Ready);
        assert!(state.entities.iter().any(|e| e.name == "Najib Mikati"));
    }

    /// The model trained natively finds the same names in WebAssembly (its hashes must not
    /// depend on the pointer width).
    #[wasm_bindgen_test]
    fn the_model_tags_in_webassembly_as_natively() {
        let model = include_bytes!("../../../models/ner.bin");
        let r = folio::entities::Recognizer::from_bytes(model).unwrap();
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

    #[wasm_bindgen_test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(5_639), "5.6 KB");
        assert_eq!(human_size(52_428_800), "52.4 MB");
    }
}
