//! What a user sees when they open the shared samples: the seed dump gives its two articles, the
//! six generated dumps give exactly the articles of `gold.json`, and nothing is ever lost.

use std::collections::HashSet;
use std::path::PathBuf;

use folio::{process, Collection, Options, Reason};
use proptest::prelude::*;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples")
}

fn read(names: &[&str], dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    names
        .iter()
        .map(|n| {
            (
                n.to_string(),
                std::fs::read(dir.join(n)).expect("sample exists"),
            )
        })
        .collect()
}

fn options() -> Options {
    Options {
        entities: false,
        ..Options::default()
    }
}

/// Every non-blank, non-rule line of every file is in an article's text (for an article that
/// lists the file), in a variant from that file, or in `removed` with that file.
fn assert_nothing_lost(files: &[(String, Vec<u8>)], c: &Collection) {
    for (name, bytes) in files {
        let Ok(decoded) = folio::decode::decode(bytes.clone()) else {
            continue;
        };
        let mut kept: HashSet<&str> = HashSet::new();
        for a in &c.articles {
            if a.sources.contains(name) {
                kept.insert(&a.title.text);
                for b in a.captions.iter().chain(&a.paragraphs) {
                    kept.extend(b.text.lines());
                }
            }
            for v in a.variants.iter().filter(|v| &v.source == name) {
                kept.insert(&v.title.text);
                for b in v.captions.iter().chain(&v.paragraphs) {
                    kept.extend(b.text.lines());
                }
            }
            for r in a.removed.iter().filter(|r| *r.source == **name) {
                kept.insert(&r.text);
            }
        }
        for (no, line) in decoded.text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || folio::segment::is_ruler(line) {
                continue;
            }
            assert!(
                kept.contains(line),
                "{name}:{}: {line:?} is neither in the output nor in removed",
                no + 1
            );
        }
    }
}

#[test]
fn seed_sample_gives_its_two_articles() {
    let files = vec![(
        "000_952273073e7dcb6a.txt".to_owned(),
        std::fs::read(shared().join("000_952273073e7dcb6a.txt")).unwrap(),
    )];
    let c = process(files.clone(), &options());
    let titles: Vec<_> = c.articles.iter().map(|a| a.title.text.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Leaders of Iraqi Pro-Iran Factions Head to Syria, Lebanon in Wake of Escalation in Gaza",
            "Mikati: Lebanon in State of War, Resistance, Government Doing Their Duty",
        ]
    );
    let captions: Vec<Vec<&str>> = c
        .articles
        .iter()
        .map(|a| a.captions.iter().map(|b| b.text.as_str()).collect())
        .collect();
    assert_eq!(
        captions,
        [
            vec!["Iraqis stage a rally in Baghdad in support of Palestinians. (Reuters)"],
            vec!["Caretaker Prime Minister Najib Mikati visits students sitting for official exams in the city of Tyre. (Asharq Al-Awsat)"],
        ]
    );
    // Every paragraph of the file once, in order, none lost.
    let text = String::from_utf8(files[0].1.clone()).unwrap();
    let header: HashSet<&str> = c
        .articles
        .iter()
        .flat_map(|a| std::iter::once(&a.title).chain(&a.captions))
        .map(|b| b.text.as_str())
        .collect();
    let expected: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !header.contains(l))
        .collect();
    let got: Vec<&str> = c
        .articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(got, expected);
    assert_eq!(c.articles[0].paragraphs.len(), 12);
    assert_eq!(c.articles[1].paragraphs.len(), 12);
    for a in &c.articles {
        assert_eq!(a.sources, ["000_952273073e7dcb6a.txt"]);
        assert!(a
            .removed
            .iter()
            .all(|r| matches!(r.reason, Reason::RepeatedHeader | Reason::RepeatedLine)));
        assert_eq!(
            a.removed.len(),
            4,
            "the caption's copy, then the title and both captions again"
        );
    }
    assert_nothing_lost(&files, &c);
}

#[derive(serde::Deserialize)]
struct Gold {
    files: Vec<String>,
    articles: Vec<GoldArticle>,
}

#[derive(serde::Deserialize)]
struct GoldArticle {
    title: String,
    caption: String,
    paragraphs: Vec<String>,
    sources: Vec<String>,
    #[serde(default)]
    near_duplicate_sources: Vec<String>,
}

#[test]
fn six_dumps_reproduce_gold() {
    let dir = shared().join("dumps");
    let gold: Gold =
        serde_json::from_slice(&std::fs::read(dir.join("gold.json")).unwrap()).unwrap();
    let names: Vec<&str> = gold.files.iter().map(String::as_str).collect();
    let files = read(&names, &dir);
    let c = process(files.clone(), &options());

    let got: Vec<&str> = c.articles.iter().map(|a| a.title.text.as_str()).collect();
    let want: Vec<&str> = gold.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(got, want, "titles in order");
    for (a, g) in c.articles.iter().zip(&gold.articles) {
        let captions: Vec<&str> = a.captions.iter().map(|b| b.text.as_str()).collect();
        let want_captions: Vec<&str> = Some(g.caption.as_str())
            .filter(|c| !c.is_empty())
            .into_iter()
            .collect();
        assert_eq!(captions, want_captions, "captions of {:?}", g.title);
        let paragraphs: Vec<&str> = a.paragraphs.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(paragraphs, g.paragraphs, "paragraphs of {:?}", g.title);
        assert_eq!(a.sources, g.sources, "sources of {:?}", g.title);
        let variants: Vec<&str> = a.variants.iter().map(|v| v.source.as_str()).collect();
        assert_eq!(
            variants, g.near_duplicate_sources,
            "variants of {:?}",
            g.title
        );
    }
    assert_eq!(c.stats.articles, 40);
    assert_eq!(c.stats.files_failed, 0);
    let encodings: Vec<_> = c
        .files
        .iter()
        .map(|f| f.encoding.as_deref().unwrap())
        .collect();
    assert_eq!(encodings[4], "windows-1252", "{encodings:?}");
    assert_nothing_lost(&files, &c);
}

/// One generated article in the layouts DESIGN.md lists, from proptest's choices.
#[derive(Clone, Debug)]
struct GenArticle {
    title: String,
    captions: Vec<String>,
    paragraphs: Vec<String>,
    repeat: bool,
    tight: bool,
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Z][a-z]{2,9}",
        "[a-z]{1,9}",
        "[0-9]{1,4}",
        Just("--".to_owned()),
        Just("(Reuters)".to_owned()),
        Just("U.S.".to_owned()),
        Just("“quoted”".to_owned()),
        Just("São".to_owned()),
    ]
}

fn line(words: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), words).prop_map(|w| w.join(" "))
}

fn article() -> impl Strategy<Value = GenArticle> {
    (
        line(1..8),
        prop::collection::vec(line(3..10).prop_map(|l| format!("{l}. (AFP)")), 0..3),
        prop::collection::vec(
            prop_oneof![
                line(1..6),
                line(8..40).prop_map(|l| format!("{l}.")),
                Just("=====".to_owned())
            ],
            0..12,
        ),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(title, captions, paragraphs, repeat, tight)| GenArticle {
            title,
            captions,
            paragraphs,
            repeat,
            tight,
        })
}

fn render(articles: &[GenArticle], crlf: bool, ruled: bool) -> Vec<u8> {
    let mut out = String::new();
    for (i, a) in articles.iter().enumerate() {
        if i > 0 && ruled {
            out.push_str("\n==========\n\n");
        }
        let gap = if a.tight { "\n" } else { "\n\n" };
        let copies = if a.repeat { 2 } else { 1 };
        for _ in 0..copies {
            out.push_str(&a.title);
            out.push_str(gap);
            for c in &a.captions {
                out.push_str(c);
                out.push('\n');
                out.push_str(c);
                out.push_str(gap);
            }
        }
        out.push('\n');
        for p in &a.paragraphs {
            out.push_str(p);
            out.push_str("\n\n");
        }
    }
    if crlf {
        out = out.replace('\n', "\r\n");
    }
    out.into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the layout, every line of every file ends up in the output or in `removed`.
    #[test]
    fn nothing_is_lost(
        dumps in prop::collection::vec(
            (prop::collection::vec(article(), 1..6), any::<bool>(), any::<bool>()),
            1..4,
        ),
        copy_first in any::<bool>(),
    ) {
        let mut files: Vec<(String, Vec<u8>)> = dumps
            .iter()
            .enumerate()
            .map(|(i, (articles, crlf, ruled))| (format!("f{i}.txt"), render(articles, *crlf, *ruled)))
            .collect();
        if copy_first {
            let copy = files[0].1.clone();
            files.push(("copy.txt".to_owned(), copy));
        }
        let c = process(files.clone(), &options());
        assert_nothing_lost(&files, &c);
    }

    /// Arbitrary text never panics and never loses a line either.
    #[test]
    fn arbitrary_text_loses_nothing(text in "(\\PC{0,40}(\n|\r\n|\r)?){0,60}") {
        let files = vec![("any.txt".to_owned(), text.into_bytes())];
        let c = process(files.clone(), &options());
        assert_nothing_lost(&files, &c);
    }
}
