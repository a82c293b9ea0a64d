//! ARCHITECTURE.md's rules, checked against the code: each module uses only the modules its
//! row allows, the allowed graph has no cycle, every module is on the map, each crate depends
//! only on the crates its row names, the core has no web or command-line dependency, and no
//! source file or component grows past what a reader can hold.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The backticked names in a table cell.
fn names(cell: &str) -> BTreeSet<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The rows of the table that follows `marker` in ARCHITECTURE.md: first cell's first
/// backticked name to the names of the last cell.
fn table(marker: &str) -> BTreeMap<String, BTreeSet<String>> {
    let doc = read(&root().join("ARCHITECTURE.md"));
    let at = doc
        .find(marker)
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no {marker}"));
    let mut rows = BTreeMap::new();
    for line in doc[at..]
        .lines()
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .skip(2)
    {
        let cells: Vec<&str> = line.trim_matches('|').split('|').collect();
        let name = cells[0]
            .split('`')
            .nth(1)
            .unwrap_or_else(|| panic!("a row without a name: {line}"))
            .to_owned();
        rows.insert(name, names(cells[cells.len() - 1]));
    }
    rows
}

/// The `.rs` files below `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// A file's code without its test modules, wherever they sit (tests may reach further): each
/// item under `#[cfg(test)]` or `#[cfg(all(test, …))]`, a `mod … { … }` to its closing brace
/// or a `mod …;` to its semicolon. What follows a test module is checked like the rest.
fn without_tests(code: &str) -> String {
    let mut out = String::new();
    let mut rest = code;
    loop {
        let at = ["#[cfg(test)]", "#[cfg(all(test"]
            .iter()
            .filter_map(|m| rest.find(m))
            .min();
        let Some(at) = at else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // The item the attribute is on ends at its first `;` or its first balanced `{…}`.
        let end = item_end(rest);
        rest = &rest[end..];
    }
}

/// Where the item starting in `code` (attributes first) ends: after its first `;` at depth
/// zero or after the brace closing its first `{`. Strings and character literals are skipped,
/// so a `"{"` in a test does not end it early.
fn item_end(code: &str) -> usize {
    let bytes = code.as_bytes();
    let (mut depth, mut i, mut opened) = (0usize, 0, false);
    // Past the attribute's own brackets first.
    if let Some(close) = code.find(")]").or_else(|| code.find(']')) {
        i = close + 1;
    }
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' if i + 2 < bytes.len() && (bytes[i + 2] == b'\'' || bytes[i + 1] == b'\\') => {
                i += if bytes[i + 1] == b'\\' { 3 } else { 2 };
            }
            b'{' => {
                depth += 1;
                opened = true;
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if opened && depth == 0 {
                    return i + 1;
                }
            }
            b';' if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// The first path segment of every `crate::…` path in `code`, `use crate::{a, b::c}` included.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = code;
    while let Some(at) = rest.find("crate::") {
        let before = rest[..at].chars().last();
        rest = &rest[at + "crate::".len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's top level.
            let (mut depth, mut item, mut end) = (0, String::new(), 0);
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        end = i;
                        break;
                    }
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 && c == ',' {
                    out.insert(first_segment(&item));
                    item.clear();
                } else {
                    item.push(c);
                }
            }
            out.insert(first_segment(&item));
            rest = &group[end..];
        } else {
            out.insert(first_segment(rest));
        }
    }
    out.remove("");
    out.remove("self");
    out
}

fn first_segment(path: &str) -> String {
    path.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Each module of a crate's `src` (a file, or a folder with `mod.rs`) and the modules of the
/// same crate its code names. `lib.rs` and `main.rs`, which declare and re-export, are left out.
fn module_uses(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut uses: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).unwrap();
        let module = relative
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_owned();
        if module == "lib" || module == "main" {
            continue;
        }
        let code = read(&file);
        let mut found = crate_paths(&without_tests(&code));
        found.remove(&module);
        uses.entry(module).or_default().extend(found);
    }
    uses
}

/// A cycle in `graph`, if it has one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(node) {
            Some(2) => return None,
            Some(1) => {
                let at = path.iter().position(|n| n == node).unwrap();
                let mut found = path[at..].to_vec();
                found.push(node.to_owned());
                return Some(found);
            }
            _ => {}
        }
        state.insert(node.to_owned(), 1);
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, state, path) {
                return Some(found);
            }
        }
        path.pop();
        state.insert(node.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut state, &mut Vec::new()))
}

/// The files of each folder module under `src` (its `mod.rs` aside, which declares them) and
/// the sibling files each one's code names (`super::x`, `crate::folder::x`), by folder.
fn file_uses(src: &Path) -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let mut out: BTreeMap<String, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for file in rust_files(src) {
        let Some(dir) = file.parent() else { continue };
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        if dir == src || name == "mod" || !dir.join("mod.rs").exists() {
            continue;
        }
        let folder = dir
            .strip_prefix(src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let siblings: BTreeSet<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .filter(|n| n != "mod")
            .collect();
        let code = without_tests(&read(&file));
        let mut named = BTreeSet::new();
        for prefix in [
            "super::".to_owned(),
            format!("crate::{}::", folder.replace('/', "::")),
        ] {
            let mut rest = code.as_str();
            while let Some(at) = rest.find(&prefix) {
                let before = rest[..at].chars().last();
                rest = &rest[at + prefix.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let items: Vec<String> = match rest.strip_prefix('{') {
                    Some(group) => group[..group.find('}').unwrap_or(0)]
                        .split(',')
                        .map(first_segment)
                        .collect(),
                    None => vec![first_segment(rest)],
                };
                named.extend(
                    items
                        .into_iter()
                        .filter(|n| siblings.contains(n) && *n != name),
                );
            }
        }
        out.entry(folder).or_default().insert(name, named);
    }
    out
}

/// Checks that no two files of one folder module use each other, directly or round about.
fn check_files(src: &Path) {
    for (folder, graph) in file_uses(src) {
        if let Some(found) = cycle(&graph) {
            panic!(
                "the files of {}/{folder} use each other in a cycle: {}",
                src.display(),
                found.join(" → ")
            );
        }
    }
}

/// Checks one crate's modules against the table after `marker`.
fn check_modules(marker: &str, src: &Path) {
    let allowed = table(marker);
    if let Some(found) = cycle(&allowed) {
        panic!("ARCHITECTURE.md allows a cycle: {}", found.join(" → "));
    }
    let actual = module_uses(src);
    let mut wrong = Vec::new();
    for (module, uses) in &actual {
        let Some(may) = allowed.get(module) else {
            wrong.push(format!("{module} is not on the map in ARCHITECTURE.md"));
            continue;
        };
        for used in uses.difference(may) {
            if actual.contains_key(used) {
                wrong.push(format!(
                    "{module} uses {used}, which ARCHITECTURE.md does not allow"
                ));
            }
        }
    }
    for module in allowed.keys().filter(|m| !actual.contains_key(*m)) {
        wrong.push(format!(
            "ARCHITECTURE.md maps {module}, which does not exist"
        ));
    }
    assert!(wrong.is_empty(), "{}:\n{}", src.display(), wrong.join("\n"));
    if let Some(found) = cycle(&actual) {
        panic!(
            "the modules of {} use each other in a cycle: {}",
            src.display(),
            found.join(" → ")
        );
    }
}

#[test]
fn the_cores_modules_use_only_what_the_map_allows() {
    check_modules("<!-- modules: src -->", &root().join("src"));
}

/// Inside a folder module too, files use each other downhill: a cycle between two of its
/// files means the concern they share has no file of its own.
#[test]
fn no_two_files_of_a_module_use_each_other() {
    check_files(&root().join("src"));
    for krate in CRATES {
        check_files(&root().join("crates").join(krate).join("src"));
    }
}

#[test]
fn the_pages_modules_use_only_what_the_map_allows() {
    check_modules(
        "<!-- modules: crates/web/src -->",
        &root().join("crates/web/src"),
    );
}

/// The `[dependencies]` of a manifest, by name.
fn dependencies(manifest: &Path) -> BTreeSet<String> {
    let text = read(manifest);
    let mut out = BTreeSet::new();
    let mut inside = false;
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == "[dependencies]";
            continue;
        }
        if inside && !line.is_empty() && !line.starts_with('#') {
            let name = line.split(['=', '.', ' ']).next().unwrap_or("").trim();
            out.insert(name.to_owned());
        }
    }
    out
}

#[test]
fn each_crate_depends_only_on_the_crates_its_row_names_and_the_core_on_no_front_end() {
    let allowed = table("<!-- crates -->");
    let crates = [
        "folio",
        "folio-cli",
        "folio-train",
        "folio-worker",
        "folio-web",
    ];
    assert_eq!(
        allowed.keys().map(String::as_str).collect::<BTreeSet<_>>(),
        crates.into_iter().collect(),
        "the crates ARCHITECTURE.md maps"
    );
    for (name, dir) in [
        ("folio", "."),
        ("folio-cli", "crates/cli"),
        ("folio-train", "crates/train"),
        ("folio-worker", "crates/worker"),
        ("folio-web", "crates/web"),
    ] {
        let deps = dependencies(&root().join(dir).join("Cargo.toml"));
        for dep in deps.iter().filter(|d| crates.contains(&d.as_str())) {
            assert!(
                allowed[name].contains(dep),
                "{name} depends on {dep}, which ARCHITECTURE.md does not allow"
            );
        }
        if name == "folio" {
            for web in ["yew", "web-sys", "wasm-bindgen", "js-sys", "gloo", "clap"] {
                assert!(!deps.contains(web), "the core depends on {web}");
            }
        }
    }
}

/// Long files and long components are where a reader gets lost: every source file stays
/// under 600 lines and every Yew component function under 150.
#[test]
fn no_source_file_over_600_lines_and_no_component_over_150() {
    let wrong: Vec<String> = checked_files()
        .iter()
        .flat_map(|f| too_long(f, &read(f)))
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every crate of the workspace, by its folder under `crates/`: the size and file checks read
/// them all (a test of the checker makes sure none is left out).
const CRATES: [&str; 5] = ["cli", "python", "train", "web", "worker"];

/// The source files the size check reads: the core's and every crate's.
fn checked_files() -> Vec<PathBuf> {
    let mut files = rust_files(&root().join("src"));
    for krate in CRATES {
        files.extend(rust_files(&root().join("crates").join(krate).join("src")));
    }
    files
}

/// What is too long in one file: the file itself, or a component in it.
fn too_long(file: &Path, code: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    let lines: Vec<&str> = code.lines().collect();
    if lines.len() > 600 {
        wrong.push(format!("{}: {} lines", file.display(), lines.len()));
    }
    for (i, line) in lines.iter().enumerate() {
        if line.trim_start().starts_with("#[function_component") {
            let end = (i..lines.len())
                .find(|&j| lines[j] == "}")
                .unwrap_or(lines.len());
            if end - i + 1 > 150 {
                wrong.push(format!(
                    "{}:{}: a component of {} lines",
                    file.display(),
                    i + 1,
                    end - i + 1
                ));
            }
        }
    }
    wrong
}

#[test]
fn the_checker_reads_grouped_imports_and_finds_cycles() {
    let code =
        "use crate::{model::{Article, Label}, tags::Span};\nfn f() { crate::index::build(); }";
    assert_eq!(
        crate_paths(code),
        ["index", "model", "tags"].map(String::from).into()
    );
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("a".to_owned(), ["b".to_owned()].into()),
        ("b".to_owned(), ["a".to_owned()].into()),
    ]
    .into();
    assert!(cycle(&graph).is_some());
}

#[test]
fn the_checker_reads_past_a_test_module_in_the_middle_of_a_file() {
    let code = "fn a() { crate::model::x(); }\n#[cfg(test)]\nmod tests {\n    fn t() { let _ = \"{\"; crate::conll::read(); }\n}\nfn b() { crate::index::build(); }\n#[cfg(test)]\nmod more;\nfn c() { crate::tags::spans(); }";
    assert_eq!(
        crate_paths(&without_tests(code)),
        ["index", "model", "tags"].map(String::from).into(),
        "what follows a test module is read, what is in it is not"
    );
    // A file whose test module sits in the middle is measured whole: a remainder past the
    // limit is caught.
    let long = format!(
        "#[cfg(test)]\nmod tests {{}}\n{}",
        "fn f() {}\n".repeat(600)
    );
    assert_eq!(too_long(Path::new("long.rs"), &long).len(), 1);
}

#[test]
fn the_checker_finds_a_cycle_between_two_files_of_one_module() {
    let dir = std::env::temp_dir().join(format!("folio-architecture-{}", std::process::id()));
    let module = dir.join("src/m");
    std::fs::create_dir_all(&module).unwrap();
    std::fs::write(module.join("mod.rs"), "mod x;\nmod y;\nmod z;\n").unwrap();
    std::fs::write(module.join("x.rs"), "use super::y::Y;\npub struct X;\n").unwrap();
    std::fs::write(
        module.join("y.rs"),
        "use super::{x::X, z};\npub struct Y;\n",
    )
    .unwrap();
    std::fs::write(module.join("z.rs"), "pub struct Z;\n").unwrap();
    let uses = file_uses(&dir.join("src"));
    let found = cycle(&uses["m"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(found.is_some(), "{uses:?}");
}

#[test]
fn the_size_check_reads_every_crate_of_the_workspace() {
    let folders: BTreeSet<String> = std::fs::read_dir(root().join("crates"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("Cargo.toml").exists())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders, CRATES.map(String::from).into());
    let files = checked_files();
    assert!(files
        .iter()
        .any(|f| f.ends_with("crates/python/src/lib.rs")));
}
