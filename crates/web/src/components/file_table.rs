//! The files read, as a summary a folder of thousands does not bury the articles under: how
//! many, by encoding and by form, the files with problems named, and the table of every file
//! one click away (open at once for a handful); and the button that forgets them.

use std::rc::Rc;

use folio::{FileInfo, Request};
use yew::prelude::*;

use crate::context::Shared;
use crate::limits::human_size;
use crate::state::Action;

/// How many files the table lists (the latest) once opened: a folder of thousands would make
/// every redraw slow (the Overview's Files table lists them all).
const FILES_SHOWN: usize = 1000;
/// Up to this many files the table is open from the start.
const OPEN_UP_TO: usize = 12;
/// Files with problems named at most.
const PROBLEMS_SHOWN: usize = 50;
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

/// Counts of `keys`, most first (then by name), as `UTF-8 3,500 · windows-1252 50`.
fn counted<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    let mut counts: Vec<(&str, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
        .iter()
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A file's form: loose text, a structured dump's records, or a member of an archive.
fn form(f: &FileInfo) -> &'static str {
    if f.records > 0 || !f.skipped.is_empty() {
        "structured"
    } else if f.name.contains(".zip/") || f.name.contains(".tar") || f.name.contains(".gz/") {
        "archive member"
    } else {
        "loose text"
    }
}

/// The summary of the files read, or nothing when none has been.
#[function_component(FileTable)]
pub fn file_table(props: &FileTableProps) -> Html {
    let shared = use_context::<Shared>().expect("App provides the shared handles");
    let opened = use_state(|| None::<bool>);
    let read: Vec<&FileInfo> = props.files.iter().filter(|f| f.error.is_none()).collect();
    if read.is_empty() {
        return html! {};
    }
    let on_clear = Callback::from(move |_: MouseEvent| {
        shared.core.send(Request::Clear);
        shared.dispatch.dispatch(Action::Clear);
        wasm_bindgen_futures::spawn_local(crate::store::forget());
    });
    let open = opened.unwrap_or(read.len() <= OPEN_UP_TO);
    // Opened and closed by the reader's click only (the browser's `toggle` event also fires
    // when the page itself opens it for a handful of files).
    let onclick = {
        let opened = opened.clone();
        Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            opened.set(Some(!open));
        })
    };
    let encodings = counted(read.iter().map(|f| f.encoding.as_deref().unwrap_or("?")));
    let forms = counted(read.iter().map(|f| form(f)));
    let problems: Vec<&&FileInfo> = read
        .iter()
        .filter(|f| f.replaced > 0 || !f.skipped.is_empty())
        .collect();
    html! {
        <section class="files" aria-label="Files read">
            <h2>{ "Files" }</h2>
            <p class="status">{ format!("{} files in all ({})", read.len(), human_size(props.total_bytes)) }</p>
            <p class="files-summary">{ format!("By encoding: {encodings}") }<br />{ format!("By form: {forms}") }</p>
            if !problems.is_empty() {
                <details class="problems">
                    <summary>{ format!("{} with problems", problems.len()) }</summary>
                    <ul>{ for problems.iter().take(PROBLEMS_SHOWN).map(|f| html! {
                        <li dir="auto">{ format!("{}: {}", f.name, problem(f)) }</li>
                    }) }</ul>
                </details>
            }
            <details class="all-files" {open}>
                <summary {onclick}>{ format!("Every file ({})", read.len()) }</summary>
                if open {
                    { table(&read) }
                }
            </details>
            <button type="button" class="button secondary" onclick={on_clear}>{ "Forget these files (also in this browser)" }</button>
        </section>
    }
}

/// What went wrong with a file that was read.
fn problem(f: &FileInfo) -> String {
    let mut said = Vec::new();
    if f.replaced > 0 {
        said.push(format!("{} characters could not be decoded", f.replaced));
    }
    if !f.skipped.is_empty() {
        said.push(format!("{} records left out", f.skipped.len()));
    }
    said.join("; ")
}

/// The table of the files (the latest [`FILES_SHOWN`]).
fn table(read: &[&FileInfo]) -> Html {
    html! {
        <>
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
            <p class="files-summary">{ format!("The latest {FILES_SHOWN} are listed; the Overview's Files table lists every one.") }</p>
        }
        </>
    }
}
