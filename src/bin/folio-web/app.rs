//! The page: header, drop zone, what was read, and the places the viewer will fill.

use yew::prelude::*;

use crate::dropzone::DropZone;
use crate::state::{Action, Loaded, State, SAMPLE, SAMPLE_NAME};

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);

    let on_files = {
        let state = state.clone();
        Callback::from(move |files: Vec<web_sys::File>| {
            state.dispatch(Action::Started(files.len()));
            for file in files {
                let state = state.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let file = gloo::file::File::from(file);
                    let name = file.name();
                    let loaded = match gloo::file::futures::read_as_bytes(&file).await {
                        Ok(bytes) => Loaded::read(&name, bytes),
                        Err(err) => Loaded::Failed {
                            message: format!("{name}: the browser could not read it ({err})"),
                            name,
                        },
                    };
                    state.dispatch(Action::Loaded(loaded));
                });
            }
        })
    };
    let on_sample = {
        let state = state.clone();
        Callback::from(move |()| {
            state.dispatch(Action::Started(1));
            state.dispatch(Action::Loaded(Loaded::read(SAMPLE_NAME, SAMPLE.to_vec())));
        })
    };
    let on_clear = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Clear))
    };

    let errors = state.files.iter().filter_map(|f| match f {
        Loaded::Failed { message, .. } => {
            Some(html! { <p role="alert" class="error">{ message }</p> })
        }
        Loaded::Read { .. } => None,
    });
    let read: Vec<&Loaded> = state
        .files
        .iter()
        .filter(|f| matches!(f, Loaded::Read { .. }))
        .collect();
    let titles = read.iter().flat_map(|f| match f {
        Loaded::Read { titles, name, .. } => {
            titles.iter().map(|t| (t.clone(), name.clone())).collect()
        }
        Loaded::Failed { .. } => Vec::new(),
    });

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
                    <p class="status" aria-live="polite">{ format!("Reading {} file(s)…", state.pending) }</p>
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
                if read.is_empty() {
                    <p class="empty">{ "Drop .txt dumps on the page, choose files, or try the sample." }</p>
                } else {
                    <ol class="article-list">
                        { for titles.map(|(title, source)| html! {
                            <li data-testid="article"><span class="title" dir="auto">{ title }</span>
                                <span class="source">{ source }</span></li>
                        }) }
                    </ol>
                }
            </nav>
            <article class="reader" data-testid="reader" aria-label="Reader">
                <p class="empty">{ "Open an article to read it here." }</p>
            </article>
            <aside class="entities" aria-label="Entities">
                <h2>{ "Entities" }</h2>
                <p class="empty">{ "People, organisations and places across your files will be listed here." }</p>
            </aside>
        </main>
        </>
    }
}

fn file_row(file: &Loaded) -> Html {
    let Loaded::Read {
        name,
        bytes,
        lines,
        encoding,
        ..
    } = file
    else {
        return Html::default();
    };
    html! {
        <tr data-testid="file">
            <td class="file-name" dir="auto">{ name }</td>
            <td>{ human_size(*bytes) }</td>
            <td data-testid="file-lines">{ format!("{lines} lines") }</td>
            <td>{ encoding }</td>
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

    #[wasm_bindgen_test]
    async fn the_sample_button_reads_the_seed_in_the_browser() {
        let root = mount();
        tick().await;
        let button = root
            .query_selector("button.secondary")
            .unwrap()
            .unwrap()
            .dyn_into::<web_sys::HtmlElement>()
            .unwrap();
        button.click();
        tick().await;
        let text = root.text_content().unwrap();
        assert!(text.contains(SAMPLE_NAME), "{text}");
        assert!(text.contains("67 lines"), "{text}");
        assert_eq!(
            root.query_selector_all("[data-testid=article]")
                .unwrap()
                .length(),
            2
        );
    }

    #[wasm_bindgen_test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_size(512), "512 B");
        assert_eq!(human_size(5_639), "5.6 KB");
        assert_eq!(human_size(52_428_800), "52.4 MB");
    }

    use wasm_bindgen::JsCast;
}
