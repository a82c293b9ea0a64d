//! Where files come in and how their reading goes: the drop zone, a message for each file that
//! could not be read, the progress bar, and the table of files read.

use std::rc::Rc;

use folio::{FileInfo, Request};
use yew::prelude::*;

use super::dropzone::DropZone;
use super::file_table::FileTable;
use crate::context::Shared;
use crate::limits::{human_size, read_groups, refusal};
use crate::state::{Action, SAMPLE, SAMPLE_NAME};

/// How the reading stands.
#[derive(Properties, PartialEq)]
pub struct IntakeProps {
    /// Every file given, in the order the core answered.
    pub files: Rc<Vec<FileInfo>>,
    /// Files sent and not answered yet.
    pub pending: usize,
    /// Their bytes, and the bytes answered since nothing was pending.
    pub pending_bytes: u64,
    /// Bytes answered so far in this batch.
    pub done_bytes: u64,
    /// Bytes of the collection.
    pub total_bytes: usize,
}

/// Reads the browser's `files` and hands them to the core: files over a limit are refused by
/// name at once, the others read in groups (a browser reads many small files at once far
/// faster than one after another; a big one is read alone, so the page's thread never holds
/// more than one big file or a few megabytes) and kept for the next visit.
fn read_files(shared: &Shared, files: Vec<web_sys::File>, mut so_far: u64) {
    let mut accepted = Vec::new();
    for file in files {
        let size = file.size() as u64;
        match refusal(&file.name(), size, so_far) {
            Some(message) => {
                shared.dispatch.dispatch(Action::Sent(vec![0]));
                shared.dispatch.dispatch(Action::Unreadable {
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
    let sizes: Vec<u64> = accepted.iter().map(|f| f.size() as u64).collect();
    shared.dispatch.dispatch(Action::Sent(sizes.clone()));
    let shared = shared.clone();
    wasm_bindgen_futures::spawn_local(async move {
        for group in read_groups(&sizes) {
            let files: Vec<gloo::file::File> = accepted[group]
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
                        shared.core.send(Request::File {
                            name: name.clone(),
                            bytes: bytes.clone(),
                        });
                        // Kept for the next visit in the background.
                        wasm_bindgen_futures::spawn_local(async move {
                            crate::store::save(&name, &bytes).await;
                        });
                    }
                    Err(err) => shared.dispatch.dispatch(Action::Unreadable {
                        message: format!("{name}: the browser could not read it ({err})"),
                        name,
                    }),
                }
            }
        }
    });
}

/// The drop zone, errors, progress and the file table.
#[function_component(Intake)]
pub fn intake(props: &IntakeProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let on_files = {
        let shared = shared.clone();
        let so_far =
            props.total_bytes as u64 + props.pending_bytes.saturating_sub(props.done_bytes);
        Callback::from(move |files: Vec<web_sys::File>| read_files(&shared, files, so_far))
    };
    let on_sample = Callback::from(move |()| {
        shared
            .dispatch
            .dispatch(Action::Sent(vec![SAMPLE.len() as u64]));
        let core = shared.core.clone();
        wasm_bindgen_futures::spawn_local(async move {
            crate::store::save(SAMPLE_NAME, SAMPLE).await;
            core.send(Request::File {
                name: SAMPLE_NAME.to_owned(),
                bytes: SAMPLE.to_vec(),
            });
        });
    });
    let errors = props.files.iter().filter_map(|f| {
        f.error
            .as_ref()
            .map(|message| html! { <p role="alert" class="error">{ message }</p> })
    });
    html! {
        <div class="intake">
            <DropZone {on_files} {on_sample} />
            { for errors }
            if props.pending > 0 {
                <div class="status" aria-live="polite">
                    <p>{ format!("Reading {} file(s)… {} of {}", props.pending,
                        human_size(props.done_bytes as usize), human_size(props.pending_bytes as usize)) }</p>
                    <progress max={props.pending_bytes.max(1).to_string()} value={props.done_bytes.to_string()}></progress>
                </div>
            }
            <FileTable files={props.files.clone()} total_bytes={props.total_bytes} />
        </div>
    }
}
