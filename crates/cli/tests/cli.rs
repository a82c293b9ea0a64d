//! The `folio` command as a batch user meets it: output formats, exit statuses, messages, and
//! hostile input that must never panic.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn folio(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .output()
        .expect("folio runs")
}

fn folio_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("folio runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn seed() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/seed-sample.txt")
        .display()
        .to_string()
}

fn temp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("folio-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.display().to_string()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn json_is_the_collection() {
    let out = folio(&[&seed()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let c: folio::Collection = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c.articles.len(), 2);
    assert_eq!(c.articles[0].sources, [seed()]);
    assert_eq!(c.files[0].lines, 67);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let removed = &value["articles"][0]["removed"][0];
    assert_eq!(removed["reason"], "repeated line");
    assert!(value["articles"][0]["title"]["entities"].is_array());
}

#[test]
fn markdown_and_html_for_people() {
    let md = folio(&["--format", "md", &seed()]);
    assert!(md.status.success());
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("## Leaders of Iraqi Pro-Iran Factions"));
    let html = folio(&["--format", "html", "--no-entities", &seed()]);
    let html = String::from_utf8(html.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<h2>Mikati: Lebanon"));
}

/// `--format overview` prints the overview's numbers: the seed's two articles, its most named
/// name chosen, its mentions in context; `--name`, `--term`, `--rank` and `--sort` ask for more.
#[test]
fn the_overview_as_json() {
    let out = folio(&["--format", "overview", &seed()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let o: folio::overview::Overview = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(o.articles, 2);
    assert_eq!(
        o.timeline.undated
            + o.timeline.partial
            + o.timeline.bins.iter().map(|b| b.count).sum::<usize>(),
        2
    );
    assert!(
        o.names.iter().any(|n| n.name == "Najib Mikati"),
        "{:?}",
        o.names
    );
    let chosen = o.together.unwrap();
    assert_eq!(o.contexts.unwrap().of, chosen.key);
    assert_eq!(o.files.len(), 1);
    let out = folio(&[
        "--format",
        "overview",
        "--name",
        "najib mikati",
        "--term",
        "Lebanon",
        "--rank",
        "lift",
        "--sort",
        "after",
        &seed(),
    ]);
    let o: folio::overview::Overview = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(o.together.unwrap().name, "Najib Mikati");
    let contexts = o.contexts.unwrap();
    assert!(contexts.term && contexts.total > 0);
    assert!(contexts.lines.iter().all(|l| l.word == "Lebanon"));
}

#[test]
fn help_and_usage_errors() {
    let help = folio(&["--help"]);
    assert!(help.status.success());
    let text = String::from_utf8(help.stdout).unwrap();
    for flag in [
        "--format",
        "--no-entities",
        "--annotate",
        "--threshold",
        "Exit status",
    ] {
        assert!(text.contains(flag), "--help lacks {flag}");
    }
    assert_eq!(folio(&[]).status.code(), Some(2));
    assert_eq!(folio(&["--format", "pdf", &seed()]).status.code(), Some(2));
    assert_eq!(
        folio(&["--threshold", "1.5", &seed()]).status.code(),
        Some(2)
    );
}

#[test]
fn unreadable_files_get_a_message_and_status_1_while_others_go_through() {
    let png = temp("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    let empty = temp("empty.txt", b"");
    let missing = "/nonexistent/dump.txt";
    let dir = std::env::temp_dir().display().to_string();
    let out = folio(&[&png, &seed(), missing, &empty, &dir]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "folio: {png}: this is a PNG image, not a text file"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("folio: {missing}: no such file")),
        "{err}"
    );
    assert!(
        err.contains(&format!("folio: {empty}: the file is empty")),
        "{err}"
    );
    assert!(err.contains("is a directory"), "{err}");
    assert_eq!(err.lines().count(), 4, "one line per failed file: {err}");
    let c: folio::Collection = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c.articles.len(), 2, "the readable file still went through");
    assert_eq!(c.stats.files_failed, 4);
}

#[test]
fn hostile_input_never_panics() {
    let mut random = Vec::with_capacity(1 << 16);
    let mut x: u32 = 2463534242;
    for _ in 0..(1 << 16) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        random.push(x as u8);
    }
    let long_line = "word ".repeat(4 << 20).into_bytes(); // one 20 MB line
    let tiny_lines = "x\n".repeat(200_000).into_bytes();
    let invalid_utf8 = b"Title Here\n\nbad \xff\xfe bytes \xc3\x28 here\n".to_vec();
    let cases: [(&str, Vec<u8>, i32); 4] = [
        ("random.bin", random, 1),
        ("long.txt", long_line, 0),
        ("tiny.txt", tiny_lines, 0),
        ("invalid.txt", invalid_utf8, 0),
    ];
    for (name, bytes, status) in cases {
        let path = temp(name, &bytes);
        let out = folio(&["--no-entities", &path]);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert_eq!(out.status.code(), Some(status), "{name}: {err}");
        let c: folio::Collection = serde_json::from_slice(&out.stdout).unwrap();
        if status == 0 {
            assert!(!c.articles.is_empty(), "{name}");
        } else {
            assert!(err.contains("not a text file"), "{name}: {err}");
        }
    }
}

#[test]
fn annotate_speaks_json_lines() {
    let out = folio_stdin(
        &["--annotate"],
        b"{\"id\": 1, \"text\": \"Mikati visited Tyre.\"}\n\nnot json\n{\"id\": \"b\", \"text\": \"\"}\n",
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "an invalid line makes the status 1"
    );
    assert!(
        stderr(&out).contains("standard input line 3"),
        "{}",
        stderr(&out)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[1]["id"], "b");
    assert!(lines[0]["entities"].is_array());
}

#[test]
fn standard_input_as_a_file() {
    let bytes = std::fs::read(seed()).unwrap();
    let out = folio_stdin(&["-"], &bytes);
    assert!(out.status.success());
    let c: folio::Collection = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c.articles.len(), 2);
    assert_eq!(c.articles[0].sources, ["-"]);
}

/// Archives and structured dumps on the command line: members and records read as files, a
/// decompression bomb refused by name with status 1 while the other files still go through, a
/// record without text reported with its line.
#[test]
fn archives_and_structured_dumps_and_a_bomb() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/formats");
    let path = |n: &str| data.join(n).display().to_string();
    let out = folio(&["--no-entities", &path("corpus.zip"), &path("corpus.jsonl")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The same 1,000 articles in both: each one article from two sources.
    assert_eq!(json["articles"].as_array().unwrap().len(), 1000);
    let sources = &json["articles"][7]["sources"];
    assert!(
        sources[0]
            .as_str()
            .unwrap()
            .ends_with("corpus.zip/0007.txt"),
        "{sources}"
    );
    assert!(
        sources[1].as_str().unwrap().ends_with("corpus.jsonl:8"),
        "{sources}"
    );

    let news = temp("news.txt", b"A Title\n\nSome body text.\n");
    let partial = temp(
        "partial.jsonl",
        b"{\"title\": \"T\", \"text\": \"Body.\"}\n{\"title\": \"no text\"}\n",
    );
    let out = folio(&[
        "--no-entities",
        &path("bomb.zip"),
        &news,
        &partial,
        &path("bomb.gz"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("bomb.zip: refused: ") && err.contains("bomb.gz: refused: "),
        "{err}"
    );
    assert!(
        err.contains("partial.jsonl: line 2: no text field"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["articles"].as_array().unwrap().len(), 2);
    assert_eq!(
        json["files"][2]["skipped"][0].as_str().unwrap().get(..7),
        Some("line 2:")
    );
}

/// The JSON `folio` prints (written by sonic-rs) is byte for byte what serde_json writes for
/// the same collection, which is what the page exports.
#[test]
fn json_is_byte_for_byte_serde_jsons() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = vec![seed()];
    for entry in std::fs::read_dir(repo.join("tests/data/dumps")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            files.push(path.display().to_string());
        }
    }
    files.push(
        repo.join("tests/data/formats/corpus.csv")
            .display()
            .to_string(),
    );
    let hostile = temp(
        "hostile.txt",
        "Quotes \" and \\ backslashes\n\nControl \u{1} \u{1f} \u{7f} tab\there, é, \u{2028}, 😀\n"
            .as_bytes(),
    );
    files.push(hostile);
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let out = folio(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    let collection: folio::Collection = serde_json::from_slice(&out.stdout).unwrap();
    let mut again = serde_json::to_vec(&collection).unwrap();
    again.push(b'\n');
    assert!(
        again == out.stdout,
        "folio's JSON differs from serde_json's"
    );
}

/// `--jobs` changes how many threads work, never a byte of what is printed: on every sample
/// and format, each read twice over (so copies merge across files), with an unreadable file
/// and a directory among them; and what is printed is the builder's collection, file by file.
#[test]
fn jobs_never_change_a_byte_and_equal_the_builder() {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = vec![seed()];
    for dir in ["tests/data/dumps", "tests/data/formats"] {
        let mut names: Vec<PathBuf> = std::fs::read_dir(repo.join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                !name.ends_with(".json") && !name.starts_with("bomb")
            })
            .collect();
        names.sort();
        files.extend(names.iter().map(|p| p.display().to_string()));
    }
    let twice: Vec<String> = files.iter().chain(&files).cloned().collect();
    let mut with_errors = twice.clone();
    with_errors.insert(3, "/no/such/file.txt".into());
    with_errors.insert(7, repo.join("tests").display().to_string());
    let args: Vec<&str> = with_errors.iter().map(String::as_str).collect();
    let runs: Vec<Output> = ["1", "2", "4", "7"]
        .iter()
        .map(|n| folio(&[&["--jobs", n][..], &args].concat()))
        .collect();
    assert_eq!(runs[0].status.code(), Some(1), "{}", stderr(&runs[0]));
    assert!(stderr(&runs[0]).contains("no such file"));
    for run in &runs[1..] {
        assert!(run.stdout == runs[0].stdout, "--jobs changed the output");
        assert_eq!(stderr(run), stderr(&runs[0]));
    }
    // The builder, reading the same readable files one at a time.
    let args: Vec<&str> = twice.iter().map(String::as_str).collect();
    let out = folio(&[&["--jobs", "3"][..], &args].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let given = twice.iter().map(|f| (f.clone(), std::fs::read(f).unwrap()));
    let mut want = serde_json::to_vec(&folio::process(given, &folio::Options::default())).unwrap();
    want.push(b'\n');
    assert!(out.stdout == want, "folio differs from the builder");
}
