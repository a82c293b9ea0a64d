//! Where files come in: drag and drop, the file picker, and the sample button.

use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen(module = "/src/drop.js")]
extern "C" {
    /// The dropped files, the files inside dropped folders included.
    #[wasm_bindgen(js_name = droppedFiles)]
    fn dropped_files(data: &web_sys::DataTransfer) -> js_sys::Promise;
}

/// What the file picker offers: loose text, the archives the core opens, and structured dumps.
/// (A file of another name is still read if chosen: the core tells archives by their bytes.)
const ACCEPT: &str =
    ".txt,.text,text/plain,.zip,.gz,.tgz,.tar,.jsonl,.ndjson,.json,.csv,.tsv,application/zip,application/gzip";

#[derive(Properties, PartialEq)]
pub struct DropZoneProps {
    /// Called with the browser's files once they are chosen or dropped.
    pub on_files: Callback<Vec<web_sys::File>>,
    /// Called when the person asks for the sample.
    pub on_sample: Callback<()>,
}

/// The drop target with its file picker; highlights while something is dragged over it.
#[function_component(DropZone)]
pub fn drop_zone(props: &DropZoneProps) -> Html {
    let dragging = use_state(|| false);

    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser opens the file instead of dropping it here.
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let on_files = props.on_files.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(data) = e.data_transfer() {
                // Folders are walked after the event; their entries were taken during it.
                let files = dropped_files(&data);
                let on_files = on_files.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(list) = wasm_bindgen_futures::JsFuture::from(files).await {
                        let files: Vec<web_sys::File> = js_sys::Array::from(&list)
                            .iter()
                            .filter_map(|f| f.dyn_into().ok())
                            .collect();
                        on_files.emit(files);
                    }
                });
            }
        })
    };
    let onchange = {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                on_files.emit(files_of(&list));
            }
            // Choosing the same file again should read it again.
            input.set_value("");
        })
    };
    let on_sample = props.on_sample.reform(|_: MouseEvent| ());

    let class = classes!("dropzone", dragging.then_some("dragging"));
    html! {
        <section {class} data-testid="dropzone" aria-label="Add files"
            {ondragover} {ondragleave} {ondrop}>
            <p class="dropzone-lead">{ "Drop text dumps (or folders of them) here" }</p>
            <p class="dropzone-formats">{ "Loose text, .zip, .gz and .tar.gz archives, JSON lines and CSV" }</p>
            <p class="dropzone-or">
                <label class="button">
                    { "Choose files…" }
                    <input type="file" multiple=true accept={ACCEPT} {onchange}
                        class="visually-hidden" aria-label="Choose text files, archives or structured dumps to read" />
                </label>
                <button type="button" class="button secondary" onclick={on_sample}>
                    { "Try the sample" }
                </button>
            </p>
            <p class="dropzone-note">{ "Or paste text anywhere on the page. Your files are read in this tab; nothing is uploaded." }</p>
        </section>
    }
}

fn files_of(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}
