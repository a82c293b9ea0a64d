//! The page: header, drop zone, what was read, the toolbar (search, highlight legend, views,
//! exports), the article list, the reader and the entity panel; keyboard shortcuts.

use folio::{Article, FileInfo, Label};
use folio::{ExportFormat, Request, Response};
use gloo::worker::Spawnable;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::dropzone::DropZone;
use crate::link::Core;
use crate::reader::reader;
use crate::state::{Action, Model, State, View, LIST_PAGE, SAMPLE, SAMPLE_NAME};
use crate::theme::ThemeSwitch;
use folio_worker::CoreWorker;

/// Where Trunk puts the worker's script (`data-type="worker"` and `data-target-path` in index.html).
const SCRIPT: &str = "./worker/folio-worker.js";

/// The largest file the page reads, and the most it reads in all: beyond them a tab's memory
/// (a file's bytes are held by the page, then by the worker, with its decoded text and
/// articles) runs out. Files over a limit get a message and the others still load.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
pub const MAX_TOTAL_BYTES: u64 = 1024 * 1024 * 1024;

/// How many bytes, and how many files, the page reads at once (see [`read_groups`]).
const GROUP_BYTES: u64 = 4 << 20;
const GROUP_FILES: usize = 64;

/// Splits files of these sizes, in order, into groups read at once: the first alone (its
/// articles show at once), then runs of up to [`GROUP_FILES`] files and [`GROUP_BYTES`] bytes,
/// a bigger file in a group of its own.
pub fn read_groups(sizes: &[u64]) -> Vec<std::ops::Range<usize>> {
    let mut groups = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, &size) in sizes.iter().enumerate() {
        let full = i - start == GROUP_FILES || bytes + size > GROUP_BYTES || start == 0;
        if i > start && full {
            groups.push(start..i);
            start = i;
            bytes = 0;
        }
        bytes += size;
    }
    if start < sizes.len() {
        groups.push(start..sizes.len());
    }
    groups
}

/// Why the page will not read a file of `size` bytes when `so_far` bytes are read, if it won't.
pub fn refusal(name: &str, size: u64, so_far: u64) -> Option<String> {
    let mb = |b: u64| b.div_ceil(1024 * 1024);
    if size > MAX_FILE_BYTES {
        Some(format!(
            "{name}: the file is {} MB; the page reads files of up to {} MB (the `folio` command reads larger ones)",
            mb(size),
            mb(MAX_FILE_BYTES)
        ))
    } else if so_far + size > MAX_TOTAL_BYTES {
        Some(format!(
            "{name}: with it the collection would pass {} MB, the most the page holds; forget some files first",
            mb(MAX_TOTAL_BYTES)
        ))
    } else {
        None
    }
}

/// How many files the table lists (the latest).
const FILES_SHOWN: usize = 100;

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
    let state = use_reducer(|| State {
        open: opened_in_url().unwrap_or(0),
        ..State::default()
    });

    // Keyboard: j/k or arrows between articles, / to search, ? for help, Esc to go back.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = gloo::events::EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let event: &KeyboardEvent = event.unchecked_ref();
                    let typing = event
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|t| {
                            matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        });
                    if event.ctrl_key() || event.meta_key() || event.alt_key() {
                        return;
                    }
                    let action = match event.key().as_str() {
                        "Escape" => Some(Action::Escape),
                        _ if typing => None,
                        "j" | "ArrowDown" => Some(Action::Step(1)),
                        "k" | "ArrowUp" => Some(Action::Step(-1)),
                        "?" => Some(Action::Help(true)),
                        "/" => {
                            if let Some(search) =
                                gloo::utils::document().get_element_by_id("search")
                            {
                                let _ = search.unchecked_into::<web_sys::HtmlElement>().focus();
                            }
                            event.prevent_default();
                            None
                        }
                        _ => None,
                    };
                    if let Some(action) = action {
                        event.prevent_default();
                        dispatcher.dispatch(action);
                    }
                },
            );
            move || drop(listener)
        });
    }

    // The open article is kept in the URL's hash, so a reload or a link opens it again.
    use_effect_with((state.open, state.articles.is_empty()), |&(open, empty)| {
        if !empty {
            let _ = gloo::utils::window().history().map(|h| {
                h.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&format!("#article-{}", open + 1)),
                )
            });
        }
    });

    // The core, in a web worker: every file and the model go there, and its answers come
    // back as actions. Spawned once, for the page's life.
    let bench_answer = use_memo((), |_| BenchAnswer::default());
    let core = {
        let dispatcher = state.dispatcher();
        let bench_answer = bench_answer.clone();
        use_memo((), move |_| {
            Core::new(move || {
                let dispatcher = dispatcher.clone();
                let bench_answer = bench_answer.clone();
                let to_state =
                    crate::link::batched(move |answers| dispatcher.dispatch(Action::Core(answers)));
                CoreWorker::spawner()
                    .callback(move |response| match response {
                        // An export is a download, not a change to the page.
                        Response::Exported { name, mime, text } => download(&name, &mime, &text),
                        Response::Annotated { entities, millis } => {
                            bench_answer.answer(entities, millis)
                        }
                        response => to_state(response),
                    })
                    .spawn(SCRIPT)
            })
        })
    };

    // A panic in the core (its worker says so on a broadcast channel before it dies) is told
    // in an alert; a new worker reads the kept files again, all but the one it died on.
    {
        let core = core.clone();
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let channel = web_sys::BroadcastChannel::new(folio_worker::PANIC_CHANNEL).ok();
            let listener = channel.as_ref().map(|channel| {
                gloo::events::EventListener::new(channel, "message", move |event| {
                    let event: &web_sys::MessageEvent = event.unchecked_ref();
                    let report = event.data().as_string().unwrap_or_default();
                    let (file, message) = report.split_once('\n').unwrap_or(("", &report));
                    let (file, message) = (file.to_owned(), message.to_owned());
                    dispatcher.dispatch(Action::CoreFailed {
                        file: file.clone(),
                        message,
                    });
                    core.restart();
                    let core = core.clone();
                    let dispatcher = dispatcher.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let mut skipped = false;
                        let files: Vec<(String, Vec<u8>)> = crate::store::load()
                            .await
                            .into_iter()
                            .filter(|(name, _)| {
                                skipped || {
                                    skipped = *name == file;
                                    !skipped
                                }
                            })
                            .collect();
                        dispatcher.dispatch(Action::Sent(
                            files.iter().map(|(_, b)| b.len() as u64).collect(),
                        ));
                        for (name, bytes) in files {
                            core.send(Request::File { name, bytes });
                        }
                    });
                })
            });
            move || drop((listener, channel))
        });
    }
    {
        let core = core.clone();
        let bench_answer = bench_answer.clone();
        use_effect_with((), move |_| expose_bench_hook(core, bench_answer));
    }

    // When the last file of a batch is answered, the entity index is brought up to date (the
    // worker rebuilds it only now and then while a big folder is read).
    {
        let core = core.clone();
        use_effect_with(
            state.pending == 0 && !state.files.is_empty(),
            move |&idle| {
                if idle {
                    core.send(Request::Refresh);
                }
            },
        );
    }

    // Which articles mention the chosen entity: asked of the core when it is chosen and again
    // as the collection grows.
    {
        let core = core.clone();
        use_effect_with(
            (
                state.filter.clone(),
                state.stats.articles,
                state.stats.mentions,
            ),
            move |(filter, _, _)| {
                if let Some((name, label)) = filter.clone() {
                    core.send(Request::Mentioning { name, label });
                }
            },
        );
    }

    // Pasted text (outside the search box) is read as a file of its own.
    {
        let state = state.clone();
        let core = core.clone();
        use_effect_with((), move |_| {
            let pasted = std::cell::Cell::new(0usize);
            let listener =
                gloo::events::EventListener::new(&gloo::utils::document(), "paste", move |event| {
                    let event: &web_sys::ClipboardEvent = event.unchecked_ref();
                    let in_field = event
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA"));
                    let text = event
                        .clipboard_data()
                        .and_then(|d| d.get_data("text/plain").ok())
                        .unwrap_or_default();
                    if in_field || text.trim().is_empty() {
                        return;
                    }
                    pasted.set(pasted.get() + 1);
                    let name = format!("pasted text {}.txt", pasted.get());
                    let bytes = text.into_bytes();
                    state.dispatch(Action::Sent(vec![bytes.len() as u64]));
                    let core = core.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        crate::store::save(&name, &bytes).await;
                        core.send(Request::File { name, bytes });
                    });
                });
            move || drop(listener)
        });
    }

    // The files of the last visit are read again.
    {
        let state = state.clone();
        let core = core.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let files = crate::store::load().await;
                if !files.is_empty() {
                    state.dispatch(Action::Sent(
                        files.iter().map(|(_, b)| b.len() as u64).collect(),
                    ));
                    for (name, bytes) in files {
                        core.send(Request::File { name, bytes });
                    }
                }
            });
        });
    }

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
            // Files over the limits are refused at once, by name; the others go on.
            let mut so_far =
                state.stats.bytes as u64 + state.pending_bytes.saturating_sub(state.done_bytes);
            let mut accepted = Vec::new();
            for file in files {
                let size = file.size() as u64;
                match refusal(&file.name(), size, so_far) {
                    Some(message) => {
                        state.dispatch(Action::Sent(vec![0]));
                        state.dispatch(Action::Unreadable {
                            name: file.name(),
                            message,
                        });
                    }
                    None => {
                        so_far += size;
                        accepted.push(file);
                    }
                }
            }
            let files = accepted;
            state.dispatch(Action::Sent(
                files.iter().map(|f| f.size() as u64).collect(),
            ));
            let state = state.clone();
            let core = core.clone();
            // Small files are read a group at a time (a browser reads many at once far faster
            // than one after another) and sent in order; a big one is read alone, so the page's
            // thread never holds more than one big file or a few megabytes.
            wasm_bindgen_futures::spawn_local(async move {
                let sizes: Vec<u64> = files.iter().map(|f| f.size() as u64).collect();
                for group in read_groups(&sizes) {
                    let files: Vec<gloo::file::File> = files[group]
                        .iter()
                        .map(|f| gloo::file::File::from(f.clone()))
                        .collect();
                    let read = futures::future::join_all(
                        files.iter().map(|f| gloo::file::futures::read_as_bytes(f)),
                    )
                    .await;
                    for (file, read) in files.iter().zip(read) {
                        let name = file.name();
                        match read {
                            Ok(bytes) => {
                                core.send(Request::File {
                                    name: name.clone(),
                                    bytes: bytes.clone(),
                                });
                                // Kept for the next visit in the background.
                                wasm_bindgen_futures::spawn_local(async move {
                                    crate::store::save(&name, &bytes).await;
                                });
                            }
                            Err(err) => state.dispatch(Action::Unreadable {
                                message: format!("{name}: the browser could not read it ({err})"),
                                name,
                            }),
                        }
                    }
                }
            });
        })
    };
    let on_sample = {
        let state = state.clone();
        let core = core.clone();
        Callback::from(move |()| {
            state.dispatch(Action::Sent(vec![SAMPLE.len() as u64]));
            let core = core.clone();
            wasm_bindgen_futures::spawn_local(async move {
                crate::store::save(SAMPLE_NAME, SAMPLE).await;
                core.send(Request::File {
                    name: SAMPLE_NAME.to_owned(),
                    bytes: SAMPLE.to_vec(),
                });
            });
        })
    };
    let on_clear = {
        let state = state.clone();
        let core = core.clone();
        Callback::from(move |_: MouseEvent| {
            core.send(Request::Clear);
            state.dispatch(Action::Clear);
            wasm_bindgen_futures::spawn_local(crate::store::forget());
        })
    };

    let errors = state.files.iter().filter_map(|f| {
        f.error
            .as_ref()
            .map(|message| html! { <p role="alert" class="error">{ message }</p> })
    });
    let read: Vec<&FileInfo> = state.files.iter().filter(|f| f.error.is_none()).collect();
    let articles = &state.articles;
    let visible = state.visible();
    let selected = state.filter_entry();
    let on_open = |i: usize| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Open(i)))
    };
    let on_search = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            state.dispatch(Action::Search(input.value()));
        })
    };
    let legend = Label::ALL.map(|label| {
        let state = state.clone();
        let shown = !state.hidden.contains(&label);
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::Toggle(label)));
        html! {
            <button type="button" class="toggle" aria-pressed={shown.to_string()} {onclick}
                data-testid="legend" data-label={label.as_str()}>
                <mark data-label={label.as_str()}>{ label.as_str() }</mark>
            </button>
        }
    });
    let view_button = |view: View, name: &'static str| {
        let state = state.clone();
        let pressed = state.view == view;
        let onclick = Callback::from(move |_: MouseEvent| state.dispatch(Action::Show(view)));
        html! { <button type="button" class="toggle" aria-pressed={pressed.to_string()} {onclick}>{ name }</button> }
    };
    let export_button = |format: ExportFormat, label: &'static str| {
        let core = core.clone();
        // What the list shows: everything, or the search's and the filter's articles.
        let only = (visible.len() != articles.len()).then(|| visible.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            core.send(Request::Export {
                format,
                only: only.clone(),
            })
        });
        html! { <button type="button" class="button secondary" {onclick}>{ label }</button> }
    };
    let shown = state.shown.max(LIST_PAGE);
    let on_more = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::More))
    };
    let close_help = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Help(false)))
    };

    html! {
        <>
        <header class="masthead">
            <h1><img src="favicon.svg" alt="" width="28" height="28" />{ " Folio" }</h1>
            <p class="tagline">{ "Clean articles from raw news dumps — read privately, in your browser." }</p>
            <ThemeSwitch />
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
                            // The latest files: a folder of thousands would make every redraw slow.
                            { for read.iter().rev().take(FILES_SHOWN).rev().map(|f| file_row(f)) }
                            </tbody>
                        </table>
                        if read.len() > FILES_SHOWN {
                            <p class="status">{ format!("{} files in all ({} MB); the latest {FILES_SHOWN} are listed.",
                                read.len(), state.stats.bytes / 1_000_000) }</p>
                        }
                        <button type="button" class="button secondary" onclick={on_clear}>{ "Forget these files (also in this browser)" }</button>
                    </section>
                }
            </div>
            <section class="toolbar" aria-label="Tools">
                <label class="search">
                    <span class="visually-hidden">{ "Search titles and text" }</span>
                    <input id="search" type="search" placeholder="Search (/)" value={state.search.clone()}
                        oninput={on_search} aria-label="Search titles and text" />
                </label>
                <div class="legend" role="group" aria-label="Highlights">{ for legend }</div>
                <div class="views" role="group" aria-label="Reader view">
                    { view_button(View::Text, "Text") }
                    { view_button(View::Audit, "Audit") }
                </div>
                <div class="exports" role="group" aria-label="Export">
                    { export_button(ExportFormat::Json, "JSON") }
                    { export_button(ExportFormat::Markdown, "Markdown") }
                    { export_button(ExportFormat::Html, "HTML page") }
                </div>
            </section>
            <nav class="articles" aria-label="Articles">
                <h2>{ if visible.len() == articles.len() {
                    format!("Articles ({})", articles.len())
                } else {
                    format!("Articles ({} of {})", visible.len(), articles.len())
                } }</h2>
                if articles.is_empty() {
                    <p class="empty">{ "Drop .txt dumps on the page, choose files, or try the sample." }</p>
                } else {
                    <ol class="article-list">
                        { for visible.iter().take(shown).map(|&i| article_item(&articles[i], i == state.open, on_open(i))) }
                    </ol>
                    if visible.len() > shown {
                        <button type="button" class="button secondary" onclick={on_more}>
                            { format!("Show more ({} not shown)", visible.len() - shown) }
                        </button>
                    }
                }
            </nav>
            <article class="reader" data-testid="reader" aria-label="Reader">
                { match articles.get(state.open) {
                    Some(a) => reader(a, state.view, &state.hidden, selected),
                    None => html! { <p class="empty">{ "Open an article to read it here." }</p> },
                } }
            </article>
            <aside class="entities" aria-label="Entities">
                <h2>{ "Entities" }</h2>
                { entity_panel(&state, state.dispatcher()) }
            </aside>
        </main>
        if state.help {
            <div class="help" role="dialog" aria-modal="true" aria-labelledby="help-title">
                <h2 id="help-title">{ "Keyboard" }</h2>
                <dl>
                    <dt><kbd>{ "j" }</kbd>{ " / " }<kbd>{ "↓" }</kbd></dt><dd>{ "next article" }</dd>
                    <dt><kbd>{ "k" }</kbd>{ " / " }<kbd>{ "↑" }</kbd></dt><dd>{ "previous article" }</dd>
                    <dt><kbd>{ "/" }</kbd></dt><dd>{ "search" }</dd>
                    <dt><kbd>{ "Esc" }</kbd></dt><dd>{ "close this, clear the entity filter, then the search" }</dd>
                    <dt><kbd>{ "?" }</kbd></dt><dd>{ "this help" }</dd>
                </dl>
                <button type="button" class="button" onclick={close_help}>{ "Close" }</button>
            </div>
        }
        </>
    }
}

/// Where the answer to the benchmark's request goes: the pending promise's resolve function.
#[derive(Default)]
struct BenchAnswer(std::cell::RefCell<Option<js_sys::Function>>);

impl BenchAnswer {
    fn answer(&self, entities: usize, millis: f64) {
        if let Some(resolve) = self.0.borrow_mut().take() {
            let result = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&result, &"entities".into(), &(entities as f64).into());
            let _ = js_sys::Reflect::set(&result, &"millis".into(), &millis.into());
            let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &result);
        }
    }
}

/// `window.folioAnnotate(texts)` for scripts/bench-browser.mjs: tags the texts in the worker,
/// as the page does, and resolves to `{entities, millis}` timed there. Reads nothing, changes
/// nothing on the page.
fn expose_bench_hook(core: std::rc::Rc<Core>, answer: std::rc::Rc<BenchAnswer>) {
    use wasm_bindgen::closure::Closure;
    let core_for_test = core.clone();
    let hook =
        Closure::<dyn Fn(js_sys::Array) -> js_sys::Promise>::new(move |texts: js_sys::Array| {
            let texts: Vec<String> = texts.iter().filter_map(|t| t.as_string()).collect();
            let core = core.clone();
            let answer = answer.clone();
            js_sys::Promise::new(&mut move |resolve, _reject| {
                *answer.0.borrow_mut() = Some(resolve);
                core.send(Request::Annotate(texts.clone()));
            })
        });
    let _ = js_sys::Reflect::set(
        &gloo::utils::window(),
        &"folioAnnotate".into(),
        hook.as_ref().unchecked_ref(),
    );
    hook.forget();
    // `window.folioPanicForTest()`: makes the core panic, for the test of recovery.
    let core_for_panic = core_for_test.clone();
    let panic = Closure::<dyn Fn()>::new(move || core_for_panic.send(Request::Panic));
    let _ = js_sys::Reflect::set(
        &gloo::utils::window(),
        &"folioPanicForTest".into(),
        panic.as_ref().unchecked_ref(),
    );
    panic.forget();
}

/// The article number in the URL's hash (`#article-3`, counted from 1), if any.
fn opened_in_url() -> Option<usize> {
    let hash = gloo::utils::window().location().hash().ok()?;
    let n: usize = hash.strip_prefix("#article-")?.parse().ok()?;
    n.checked_sub(1)
}

/// One line of the article list: title, files, and counts of names and removed lines.
fn article_item(a: &Article, current: bool, onclick: Callback<MouseEvent>) -> Html {
    let names: usize = a.blocks().map(|b| b.entities.len()).sum();
    html! {
        <li data-testid="article" aria-current={current.then_some("true")}>
            <button type="button" class="open" {onclick}>
                <span class="title" dir="auto">{ a.title.text.as_str() }</span>
                <span class="source" dir="auto">{ a.sources.join(", ") }</span>
                <span class="counts">{ format!("{names} entities · {} removed{}", a.removed.len(),
                    if a.variants.is_empty() { String::new() } else { format!(" · {} variant(s)", a.variants.len()) }) }</span>
            </button>
        </li>
    }
}

/// Offers `text` as a file to save.
fn download(name: &str, mime: &str, text: &str) {
    let blob = gloo::file::Blob::new_with_options(text, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    if let Ok(a) = document.create_element("a") {
        let _ = a.set_attribute("href", &url);
        let _ = a.set_attribute("download", name);
        a.unchecked_into::<web_sys::HtmlElement>().click();
    }
    // The download has its own copy once it started; free the URL a moment later.
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
}

fn entity_panel(state: &State, dispatcher: UseReducerDispatcher<State>) -> Html {
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
                        { for entries.iter().map(|e| {
                            let key = (e.name.clone(), e.label);
                            let chosen = state.filter.as_ref() == Some(&key);
                            let dispatcher = dispatcher.clone();
                            let onclick = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::Filter(Some(key.clone()))));
                            html! {
                                <li data-testid="entity">
                                    <button type="button" class="entity" aria-pressed={chosen.to_string()} {onclick}
                                        title={if e.aliases.is_empty() { String::new() } else { format!("also: {}", e.aliases.join(", ")) }}>
                                        <span dir="auto">{ e.name.as_str() }</span>
                                        <span class="count">{ e.mentions }</span>
                                    </button>
                                </li>
                            }
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

#[cfg(all(test, target_arch = "wasm32"))]
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

    #[wasm_bindgen_test]
    fn files_over_the_limits_are_refused_by_name() {
        assert_eq!(refusal("a.txt", 1 << 20, 0), None);
        let big = refusal("huge.txt", MAX_FILE_BYTES + 1, 0).unwrap();
        assert!(big.starts_with("huge.txt: the file is 257 MB"), "{big}");
        let full = refusal("one-more.txt", 10, MAX_TOTAL_BYTES - 5).unwrap();
        assert!(
            full.contains("one-more.txt") && full.contains("1024 MB"),
            "{full}"
        );
    }

    #[wasm_bindgen_test]
    fn small_files_are_read_in_groups_and_big_ones_alone() {
        let kb = 1 << 10;
        let mut sizes = vec![kb; 200];
        sizes[100] = 100 << 20;
        let groups = read_groups(&sizes);
        assert_eq!(groups[0], 0..1, "the first file alone");
        assert_eq!(groups[1], 1..65);
        assert!(groups.contains(&(100..101)), "a big file alone: {groups:?}");
        assert!(groups.iter().all(|g| g.len() <= GROUP_FILES));
        assert_eq!(
            groups.iter().flat_map(|g| g.clone()).collect::<Vec<_>>(),
            (0..200).collect::<Vec<_>>(),
            "every file once, in order"
        );
        assert!(read_groups(&[]).is_empty());
        assert_eq!(read_groups(&[5]), vec![0..1]);
    }

    #[wasm_bindgen_test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(5_639), "5.6 KB");
        assert_eq!(human_size(52_428_800), "52.4 MB");
    }
}
