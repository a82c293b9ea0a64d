//! Where files come in and how their reading goes: the drop zone, a message for each file that
//! could not be read, the progress bar, and the table of files read.

use std::rc::Rc;

use folio::{FileInfo, Request};
use yew::prelude::*;

use super::dropzone::DropZone;
use super::file_table::FileTable;
use crate::context::Shared;
use crate::limits::{human_size, read_groups, refusal, slices, SIZES_AT_ONCE};
use crate::state::{Action, SAMPLE, SAMPLE_NAME};

/// How the reading stands.
#[derive(Properties)]
pub struct IntakeProps {
    /// Every file given, in the order the core answered.
    pub files: Rc<Vec<FileInfo>>,
    /// Files sent since nothing was pending, and those not answered yet.
    pub sent: usize,
    pub expected: usize,
    pub pending: usize,
    /// Their bytes, and the bytes answered since nothing was pending.
    pub pending_bytes: u64,
    /// Bytes answered so far in this batch.
    pub done_bytes: u64,
    /// Bytes of the collection.
    pub total_bytes: usize,
    /// Articles in the collection, and those waiting for their entities (counted only once
    /// the model is ready).
    pub articles: usize,
    pub waiting: usize,
    pub model_ready: bool,
}

impl PartialEq for IntakeProps {
    fn eq(&self, other: &Self) -> bool {
        // The files by pointer: the state makes a new list when one is added, and comparing a
        // folder's thousands of rows on every redraw cost more than the redraw.
        Rc::ptr_eq(&self.files, &other.files)
            && self.expected == other.expected
            && (self.sent, self.pending, self.pending_bytes, self.done_bytes)
                == (
                    other.sent,
                    other.pending,
                    other.pending_bytes,
                    other.done_bytes,
                )
            && (
                self.total_bytes,
                self.articles,
                self.waiting,
                self.model_ready,
            ) == (
                other.total_bytes,
                other.articles,
                other.waiting,
                other.model_ready,
            )
    }
}

/// Reads the browser's `files` and hands them to the core: files over a limit are refused by
/// name at once, the others read in groups (a browser reads many small files at once far
/// faster than one after another; a big one is read alone, so the page's thread never holds
/// more than one big file or a few megabytes) and kept for the next visit.
fn read_files(shared: &Shared, files: Vec<web_sys::File>, mut so_far: u64) {
    let shared = shared.clone();
    shared.dispatch.dispatch(Action::Expect(files.len()));
    wasm_bindgen_futures::spawn_local(async move {
        for range in slices(files.len()) {
            // The sizes a few at a time, a pause between (a task each), then one word to the
            // progress for the whole slice.
            let (mut accepted, mut sizes) = (Vec::new(), Vec::new());
            for (n, part) in files[range].chunks(SIZES_AT_ONCE).enumerate() {
                if n > 0 {
                    gloo::timers::future::TimeoutFuture::new(0).await;
                }
                let (a, s) = accept(&shared, part, &mut so_far);
                accepted.extend(a);
                sizes.extend(s);
            }
            shared.dispatch.dispatch(Action::Sent(sizes.clone()));
            for group in read_groups(&sizes) {
                shared.core.room_to_read().await;
                let (read, whole) = read_group(&accepted[group.clone()], &sizes[group]).await;
                // Kept for the next visit in the background: a group read as one is kept as
                // one record (sixteen thousand records of a few kilobytes cost the browser
                // four seconds of a 100 MB folder's 25 on two cores; five hundred, nothing
                // measurable), a file read alone as its own.
                let kept = whole.is_some();
                if let Some(whole) = whole {
                    let files: Vec<(String, usize)> = read
                        .iter()
                        .map(|(name, bytes)| (name.clone(), bytes.as_ref().map_or(0, Vec::len)))
                        .collect();
                    wasm_bindgen_futures::spawn_local(async move {
                        crate::store::save_group(&files, &whole).await;
                    });
                }
                for (name, read) in read {
                    match read {
                        Ok(bytes) => {
                            // A file kept with its group goes to the core without a copy.
                            if !kept {
                                let (name, bytes) = (name.clone(), bytes.clone());
                                wasm_bindgen_futures::spawn_local(async move {
                                    crate::store::save(&name, &bytes).await;
                                });
                            }
                            shared.core.send(Request::File { name, bytes });
                        }
                        Err(err) => shared.dispatch.dispatch(Action::Unreadable {
                            message: format!("{name}: the browser could not read it ({err})"),
                            name,
                        }),
                    }
                }
            }
        }
    });
}

/// The files of `slice` within the limits, with their sizes (each read once); each of the
/// others is refused by name.
fn accept(
    shared: &Shared,
    slice: &[web_sys::File],
    so_far: &mut u64,
) -> (Vec<web_sys::File>, Vec<u64>) {
    let mut accepted = Vec::new();
    let mut sizes = Vec::new();
    for file in slice {
        let size = file.size() as u64;
        match refusal(&file.name(), size, *so_far) {
            Some(message) => {
                shared.dispatch.dispatch(Action::Sent(vec![0]));
                shared.dispatch.dispatch(Action::Unreadable {
                    name: file.name(),
                    message,
                });
            }
            None => {
                *so_far += size;
                accepted.push(file.clone());
                sizes.push(size);
            }
        }
    }
    (accepted, sizes)
}

/// Reads a group of files as one blob, cut back into files by the sizes read before: each
/// read costs the page's thread about half a millisecond of events and callbacks whatever its
/// size, and a folder of two thousand news files would spend a second on them. A group that
/// cannot be read as one (a file changed or went away since it was chosen) is read file by
/// file, so that an error names its file.
/// Each file's name and bytes (or why they could not be read), and the whole group's bytes
/// when it was read as one.
type Read = (Vec<(String, Result<Vec<u8>, String>)>, Option<Vec<u8>>);

async fn read_group(files: &[web_sys::File], sizes: &[u64]) -> Read {
    if files.len() > 1 {
        let parts: js_sys::Array = files.iter().collect();
        if let Ok(blob) = web_sys::Blob::new_with_blob_sequence(&parts) {
            let read = gloo::file::futures::read_as_bytes(&gloo::file::Blob::from(blob)).await;
            if let Ok(all) = read {
                if all.len() as u64 == sizes.iter().sum::<u64>() {
                    let mut at = 0;
                    let each = files
                        .iter()
                        .zip(sizes)
                        .map(|(file, &size)| {
                            let bytes = all[at..at + size as usize].to_vec();
                            at += size as usize;
                            (file.name(), Ok(bytes))
                        })
                        .collect();
                    return (each, Some(all));
                }
            }
        }
    }
    let files: Vec<gloo::file::File> = files
        .iter()
        .map(|f| gloo::file::File::from(f.clone()))
        .collect();
    let read =
        futures::future::join_all(files.iter().map(|f| gloo::file::futures::read_as_bytes(f)))
            .await;
    let each = files
        .iter()
        .zip(read)
        .map(|(file, read)| (file.name(), read.map_err(|err| err.to_string())))
        .collect();
    (each, None)
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
            if props.pending > 0 || props.waiting > 0 {
                <Progress sent={props.sent} expected={props.expected} pending={props.pending} done_bytes={props.done_bytes}
                    pending_bytes={props.pending_bytes} articles={props.articles} waiting={props.waiting}
                    model_ready={props.model_ready} />
            }
            <FileTable files={props.files.clone()} total_bytes={props.total_bytes} />
        </div>
    }
}

/// How the reading stands: files read, then articles tagged.
#[derive(Properties, PartialEq)]
struct ProgressProps {
    sent: usize,
    expected: usize,
    pending: usize,
    done_bytes: u64,
    pending_bytes: u64,
    articles: usize,
    waiting: usize,
    model_ready: bool,
}

/// The files read of those sent (and their bytes), and the articles tagged of those read; the
/// bar follows the files while any is pending, then the tagging (a pool of workers may still
/// be finding names when the last file is read).
#[function_component(Progress)]
fn progress(props: &ProgressProps) -> Html {
    let read = props.sent.saturating_sub(props.pending);
    let all = props.sent.max(props.expected);
    let tagged = props.articles.saturating_sub(props.waiting);
    let (max, value) = if props.pending > 0 {
        (props.pending_bytes, props.done_bytes)
    } else {
        (props.articles as u64, tagged as u64)
    };
    html! {
        <div class="status" aria-live="polite">
            <p>{ format!("Read {read} of {all} file(s) ({} of {})",
                human_size(props.done_bytes as usize), human_size(props.pending_bytes as usize)) }
                if props.model_ready {
                    { format!(" · names found in {tagged} of {} articles", props.articles) }
                }
            </p>
            <progress max={max.max(1).to_string()} value={value.to_string()}></progress>
        </div>
    }
}
