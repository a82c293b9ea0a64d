//! The files read: name, size, lines, encoding; and the button that forgets them.

use std::rc::Rc;

use folio::{FileInfo, Request};
use yew::prelude::*;

use crate::context::Shared;
use crate::limits::human_size;
use crate::state::Action;

/// How many files the table lists (the latest): a folder of thousands would make every
/// redraw slow.
const FILES_SHOWN: usize = 100;
/// How many of a structured dump's left-out records its row lists (the JSON has them all).
const SKIPPED_SHOWN: usize = 20;

/// What the table shows.
#[derive(Properties)]
pub struct FileTableProps {
    /// Every file given, those refused included (they are listed as alerts instead).
    pub files: Rc<Vec<FileInfo>>,
    /// Bytes of the whole collection.
    pub total_bytes: usize,
}

impl PartialEq for FileTableProps {
    fn eq(&self, other: &Self) -> bool {
        // By pointer: the state makes a new list when a file is added (see `ArticleListProps`).
        Rc::ptr_eq(&self.files, &other.files) && self.total_bytes == other.total_bytes
    }
}

/// The latest files read, or nothing when none has been.
#[function_component(FileTable)]
pub fn file_table(props: &FileTableProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let read: Vec<&FileInfo> = props.files.iter().filter(|f| f.error.is_none()).collect();
    if read.is_empty() {
        return html! {};
    }
    let on_clear = Callback::from(move |_: MouseEvent| {
        shared.core.send(Request::Clear);
        shared.dispatch.dispatch(Action::Clear);
        wasm_bindgen_futures::spawn_local(crate::store::forget());
    });
    html! {
        <section class="files" aria-label="Files read">
            <h2>{ "Files" }</h2>
            <table>
                <thead><tr><th>{ "File" }</th><th>{ "Size" }</th><th>{ "Lines" }</th><th>{ "Encoding" }</th></tr></thead>
                <tbody>
                { for read.iter().rev().take(FILES_SHOWN).rev().map(|f| html! {
                    <tr data-testid="file">
                        <td class="file-name" dir="auto">{ &f.name }</td>
                        <td>{ human_size(f.bytes) }</td>
                        <td data-testid="file-lines">{ format!("{} lines", f.lines) }
                            if f.records > 0 {
                                { format!(" · {} records", f.records) }
                            }
                            if !f.skipped.is_empty() {
                                <details class="skipped" data-testid="file-skipped">
                                    <summary>{ format!("{} records left out", f.skipped.len()) }</summary>
                                    <ul>{ for f.skipped.iter().take(SKIPPED_SHOWN).map(|s| html! { <li>{ s }</li> }) }</ul>
                                </details>
                            }
                        </td>
                        <td>{ f.encoding.clone().unwrap_or_default() }
                            if f.references > 0 {
                                { format!(" · {} character references decoded", f.references) }
                            }
                        </td>
                    </tr>
                }) }
                </tbody>
            </table>
            if read.len() > FILES_SHOWN {
                <p class="status">{ format!("{} files in all ({} MB); the latest {FILES_SHOWN} are listed.",
                    read.len(), props.total_bytes / 1_000_000) }</p>
            }
            <button type="button" class="button secondary" onclick={on_clear}>{ "Forget these files (also in this browser)" }</button>
        </section>
    }
}
