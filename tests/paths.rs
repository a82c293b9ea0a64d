//! Every path the repository's documents name is a file or folder of the repository: the
//! Markdown files (README, ARCHITECTURE, docs/, the data and model READMEs) and the `//!` docs
//! at the head of every Rust file. A newcomer follows these to find things; a stale one sends
//! them nowhere (the trainer's old binary under src/bin outlived its move into its crate).
//!
//! A path is a word in backticks that starts at one of the repository's top-level entries
//! (src, crates, scripts, the README…), or, in a Rust file's docs, a file name that is then
//! looked for beside the file, in its crate's src folder and in its crate (a worker test named
//! from the worker's code). A `*` matches within a name; a line number or anchor after a path
//! is dropped. Paths in old figures say where a file was then, and where it is now.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Folders that hold no document of the repository's own.
const SKIP: &[&str] = &[
    "target",
    "node_modules",
    "dist",
    "dist-pages",
    ".git",
    ".venv",
    "venv",
];

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !SKIP.contains(&name.as_str()) && !name.starts_with('.') || name == ".ci" {
                walk(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

/// The words in backticks of a text.
fn quoted(text: &str) -> impl Iterator<Item = &str> {
    text.split('`').skip(1).step_by(2)
}

/// The top-level entries of the repository, which a path starts at.
fn top_level() -> Vec<String> {
    std::fs::read_dir(root())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !SKIP.contains(&n.as_str()) && (n == ".ci" || !n.starts_with('.')))
        .collect()
}

/// The word as a path, if it is one: trailing line numbers and anchors dropped.
fn as_path(word: &str) -> Option<&str> {
    if word.contains(char::is_whitespace) || word.contains("://") || word.contains("..") {
        return None;
    }
    let word = word.split(['#', ':']).next()?;
    let word = word.trim_end_matches(['.', ',', ')']);
    (!word.is_empty()).then_some(word)
}

/// Whether `path` (maybe with `*` in its last names) names something under `base`.
fn exists(base: &Path, path: &str) -> bool {
    if !path.contains('*') {
        return base.join(path.trim_end_matches('/')).exists();
    }
    // Match name by name: a `*` stands for any run of characters within one name.
    let mut dirs = vec![base.to_path_buf()];
    for part in path.trim_end_matches('/').split('/') {
        let mut next = Vec::new();
        for dir in &dirs {
            if !part.contains('*') {
                let p = dir.join(part);
                if p.exists() {
                    next.push(p);
                }
                continue;
            }
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if glob(part, &entry.file_name().to_string_lossy()) {
                    next.push(entry.path());
                }
            }
        }
        dirs = next;
    }
    !dirs.is_empty()
}

fn glob(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || !name[first.len()..].ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// The crate a Rust file belongs to: the nearest folder above it with a Cargo.toml.
fn crate_of(file: &Path) -> PathBuf {
    let mut dir = file.parent().unwrap();
    while !dir.join("Cargo.toml").exists() && dir != root() {
        dir = dir.parent().unwrap();
    }
    dir.to_path_buf()
}

/// The paths a document names that do not resolve, as `document: path`.
fn broken(file: &Path, text: &str, rust: bool, top: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for word in quoted(text) {
        let Some(path) = as_path(word) else { continue };
        let first = path.split('/').next().unwrap_or("");
        let ok = if top.iter().any(|t| t == first) && (path.contains('/') || path.contains('.')) {
            exists(&root(), path) || rust && exists(&crate_of(file), path)
        } else if rust
            && !path.starts_with('/')
            && [".rs", ".js", ".mjs"].iter().any(|e| path.ends_with(e))
        {
            let krate = crate_of(file);
            exists(file.parent().unwrap(), path)
                || exists(&krate.join("src"), path)
                || exists(&krate, path)
        } else {
            continue;
        };
        if !ok {
            out.push(format!(
                "{}: `{path}`",
                file.strip_prefix(root()).unwrap().display()
            ));
        }
    }
    out
}

#[test]
fn every_path_the_documents_name_is_in_the_repository() {
    let top = top_level();
    let mut files = Vec::new();
    walk(&root(), &mut files);
    let mut broken_paths = Vec::new();
    let mut read = 0;
    for file in &files {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        match ext {
            "md" => {
                read += 1;
                broken_paths.extend(broken(file, &text, false, &top));
            }
            "rs" => {
                read += 1;
                let docs: String = text
                    .lines()
                    .map(str::trim_start)
                    .filter_map(|l| l.strip_prefix("//!"))
                    .collect::<Vec<_>>()
                    .join("\n");
                broken_paths.extend(broken(file, &docs, true, &top));
            }
            _ => {}
        }
    }
    assert!(read > 100, "only {read} documents found");
    assert!(
        broken_paths.is_empty(),
        "paths named that are not in the repository:\n{}",
        broken_paths.join("\n")
    );
}

#[test]
fn the_checker_finds_a_stale_path_and_passes_a_true_one() {
    let top = top_level();
    let file = root().join("src/lib.rs");
    let text = "see `src/bin/train.rs` and `src/lib.rs`, `scripts/bench-*.sh`, `store.js`";
    assert_eq!(
        broken(&file, text, true, &top),
        vec!["src/lib.rs: `src/bin/train.rs`", "src/lib.rs: `store.js`"]
    );
    assert!(exists(&root(), "scripts/bench-*.sh"));
    assert!(!exists(&root(), "scripts/nothing-*.sh"));
}
