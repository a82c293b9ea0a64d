//! Every form a dump comes in gives the same articles: a corpus of 1,000 one-article files read
//! loose, zipped, gzipped file by file, as JSON lines and as CSV (`tests/support/headlines.rs`);
//! decompression bombs refused by name while the other files still load; members and records
//! that cannot be read reported with their names and lines.
//!
//! `tests/data/formats/` holds the zip, JSON lines and CSV forms of the corpus and two bombs,
//! for the end-to-end test of the page (`tests/e2e/formats.test.mjs`); a test fails if they
//! drift from what this file makes (`FOLIO_BLESS=1 cargo test --test formats` rewrites them).

mod support;

use std::io::Write;

use folio::{process, Builder, Collection, Options};
use support::headlines::{self, File};

fn options() -> Options {
    Options {
        entities: false,
        ..Options::default()
    }
}

fn loose(corpus: &[File]) -> Vec<(String, Vec<u8>)> {
    corpus
        .iter()
        .map(|f| (f.name.clone(), f.text().into_bytes()))
        .collect()
}

fn zip_of(files: &[(String, Vec<u8>)], deflate: bool) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in files {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn jsonl(corpus: &[File]) -> Vec<u8> {
    let mut out = String::new();
    for f in corpus {
        let record = serde_json::json!({ "title": f.headline, "text": f.body, "url": format!("https://news.test/{}", f.name) });
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out.into_bytes()
}

fn csv_of(corpus: &[File]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["id", "headline", "body"]).unwrap();
    for f in corpus {
        w.write_record([f.name.as_str(), &f.headline, &f.body])
            .unwrap();
    }
    w.into_inner().unwrap()
}

/// The articles of a collection as JSON, without what names where they came from (sources,
/// the source of each removed line, a record's metadata): what must be equal across forms.
fn articles(c: &Collection) -> Vec<serde_json::Value> {
    let mut json = serde_json::to_value(&c.articles).unwrap();
    for a in json.as_array_mut().unwrap() {
        let a = a.as_object_mut().unwrap();
        a.remove("sources");
        a.remove("meta");
        for r in a["removed"].as_array_mut().unwrap() {
            r.as_object_mut().unwrap().remove("source");
        }
    }
    json.as_array().unwrap().clone()
}

#[test]
fn every_form_of_the_corpus_gives_the_same_articles() {
    let corpus = headlines::corpus();
    let files = loose(&corpus);
    let want = process(files.clone(), &options());
    assert_eq!(want.articles.len(), 1000);
    let want_articles = articles(&want);

    let zipped = vec![("corpus.zip".to_owned(), zip_of(&files, true))];
    let stored = vec![("stored.zip".to_owned(), zip_of(&files, false))];
    let gzipped: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(n, b)| (format!("{n}.gz"), gz(b)))
        .collect();
    let json_lines = vec![("corpus.jsonl".to_owned(), jsonl(&corpus))];
    let csv = vec![("corpus.csv".to_owned(), csv_of(&corpus))];
    for (form, input) in [
        ("zip", zipped),
        ("stored zip", stored),
        ("gzip a file", gzipped),
        ("JSON lines", json_lines),
        ("CSV", csv),
    ] {
        let c = process(input, &options());
        assert_eq!(c.articles.len(), 1000, "{form}");
        assert!(c.files.iter().all(|f| f.error.is_none()), "{form}");
        assert_eq!(articles(&c), want_articles, "{form}: not the same articles");
        // Each article still names where it came from.
        let first = &c.articles[0].sources[0];
        let expected = match form {
            "zip" => "corpus.zip/0000.txt",
            "stored zip" => "stored.zip/0000.txt",
            "gzip a file" => "0000.txt.gz/0000.txt",
            "JSON lines" => "corpus.jsonl:1",
            _ => "corpus.csv:2",
        };
        assert_eq!(first, expected, "{form}");
    }
    // Records carry their metadata; the JSON has it.
    let c = process(
        vec![("corpus.jsonl".to_owned(), jsonl(&corpus[..2]))],
        &options(),
    );
    assert_eq!(
        c.articles[1].meta.as_ref().and_then(|m| m.url.as_deref()),
        Some("https://news.test/0001.txt")
    );
    assert_eq!(c.files[0].records, 2);
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(
        json["articles"][0]["meta"]["url"],
        "https://news.test/0000.txt"
    );
    assert_eq!(
        json["articles"][0]["title"]["text"],
        corpus[0].decoded_headline()
    );
}

/// A zip bomb and a gzip bomb: 64 MiB of zeros each, in some 64 KiB.
fn bombs() -> [(String, Vec<u8>); 2] {
    let zeros = vec![0u8; 64 << 20];
    [
        (
            "bomb.zip".to_owned(),
            zip_of(&[("zeros.txt".to_owned(), zeros.clone())], true),
        ),
        ("bomb.gz".to_owned(), gz(&zeros)),
    ]
}

#[test]
fn bombs_are_refused_by_name_and_the_other_files_load() {
    let [zip_bomb, gz_bomb] = bombs();
    let c = process(
        vec![
            zip_bomb,
            (
                "news.txt".to_owned(),
                b"A Title\n\nSome body text.\n".to_vec(),
            ),
            gz_bomb,
        ],
        &options(),
    );
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.articles[0].title.text, "A Title");
    for (i, name) in [(0, "bomb.zip"), (2, "bomb.gz")] {
        let error = c.files[i].error.as_deref().unwrap_or("");
        assert!(
            error.starts_with(&format!("{name}: refused: ")) && error.contains("200 times"),
            "{error}"
        );
    }
    assert!(c.files[1].error.is_none());
}

#[test]
fn members_and_records_that_cannot_be_read_are_reported_and_the_rest_go_on() {
    let zip = zip_of(
        &[
            (
                "good.txt".to_owned(),
                b"Good Title\n\nGood body.\n".to_vec(),
            ),
            ("photo.png".to_owned(), b"\x89PNG\r\n\x1a\n\0\0\0".to_vec()),
            (
                "records.jsonl".to_owned(),
                b"{\"text\": \"Body of a record.\"}\n{\"url\": \"x\"}\n".to_vec(),
            ),
        ],
        true,
    );
    let mut builder = Builder::new(options());
    let rows = builder.add("mixed.zip", zip).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "mixed.zip/good.txt",
            "mixed.zip/photo.png",
            "mixed.zip/records.jsonl"
        ]
    );
    assert_eq!(
        rows[1].error.as_deref(),
        Some("mixed.zip/photo.png: this is a PNG image, not a text file")
    );
    assert_eq!(rows[2].records, 1);
    assert_eq!(rows[2].skipped.len(), 1);
    assert!(rows[2].skipped[0].starts_with("line 2: no text field"));
    let c = builder.finish();
    assert_eq!(c.articles.len(), 2);
    assert_eq!(c.articles[1].sources, ["mixed.zip/records.jsonl:1"]);
    // A damaged archive is refused as a whole, by name.
    let mut cut = zip_of(&[("a.txt".to_owned(), b"text".to_vec())], true);
    cut.truncate(cut.len() - 8);
    let c = process(vec![("cut.zip".to_owned(), cut)], &options());
    assert!(c.files[0]
        .error
        .as_deref()
        .unwrap()
        .starts_with("cut.zip: the archive is damaged"));
}

/// Loose files, an archive and a structured dump in one drop: each read as what it is, and an
/// article in two of them is one article from both.
#[test]
fn mixed_forms_in_one_drop_merge_their_copies() {
    let corpus = headlines::corpus();
    let files = loose(&corpus[..3]);
    let c = process(
        vec![
            files[0].clone(),
            ("more.zip".to_owned(), zip_of(&files[1..], true)),
            ("again.jsonl".to_owned(), jsonl(&corpus[..1])),
        ],
        &options(),
    );
    assert_eq!(c.articles.len(), 3);
    assert_eq!(c.articles[0].sources, ["0000.txt", "again.jsonl:1"]);
    assert_eq!(c.articles[2].sources, ["more.zip/0002.txt"]);
}

/// The files the page's end-to-end test drops, made here so both read the same bytes.
#[test]
fn the_committed_forms_are_what_this_test_makes() {
    let corpus = headlines::corpus();
    let [zip_bomb, gz_bomb] = bombs();
    let made = [
        ("corpus.zip", zip_of(&loose(&corpus), true)),
        ("corpus.jsonl", jsonl(&corpus)),
        ("corpus.csv", csv_of(&corpus)),
        ("bomb.zip", zip_bomb.1),
        ("bomb.gz", gz_bomb.1),
    ];
    let dir = support::repo("tests/data/formats");
    let bless = std::env::var_os("FOLIO_BLESS").is_some();
    for (name, bytes) in made {
        let path = dir.join(name);
        if bless {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let committed = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (FOLIO_BLESS=1 makes it)", path.display()));
        assert!(
            committed == bytes,
            "{} drifted from tests/formats.rs (FOLIO_BLESS=1 rewrites it)",
            path.display()
        );
    }
}
