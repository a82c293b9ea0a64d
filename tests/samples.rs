//! What a user sees when they open sample dumps: the seed dump gives its two articles, the
//! generated dumps of every layout give exactly the articles of their `gold.json`, and nothing
//! is ever lost.

mod support;

use std::collections::HashSet;

use folio::{process, Collection, Options, Reason};
use proptest::prelude::*;
use support::dumps::{self, Gold};

fn options() -> Options {
    Options {
        entities: false,
        ..Options::default()
    }
}

/// No article has an empty title: a reader's list has no blank row.
fn assert_titled(c: &Collection) {
    for a in &c.articles {
        assert!(
            !a.title.text.trim().is_empty(),
            "an article without a title: {a:?}"
        );
    }
}

/// Every non-blank, non-rule line of every file is in an article's text (for an article that
/// lists the file), in a variant from that file, or in `removed` with that file.
fn assert_nothing_lost(files: &[(String, Vec<u8>)], c: &Collection) {
    for (name, bytes) in files {
        let Ok(decoded) = folio::decode(bytes.clone()) else {
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
            if line.is_empty() || folio::is_ruler(line) {
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
        std::fs::read(support::seed_path()).unwrap(),
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

/// Folio's articles for `files` against their answer: titles in order, captions, paragraphs,
/// sources and variants, and nothing lost.
fn assert_reproduces(files: &[(String, Vec<u8>)], gold: &Gold) {
    let c = process(files.to_vec(), &options());
    let got: Vec<&str> = c.articles.iter().map(|a| a.title.text.as_str()).collect();
    let want: Vec<&str> = gold.articles.iter().map(|a| a.title.as_str()).collect();
    if let Some(k) = (0..got.len().max(want.len())).find(|&k| got.get(k) != want.get(k)) {
        panic!(
            "titles differ from article {k} on: got {:?}, want {:?} ({} articles, {} wanted)",
            &got[k.min(got.len())..(k + 3).min(got.len())],
            &want[k.min(want.len())..(k + 3).min(want.len())],
            got.len(),
            want.len()
        );
    }
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
    assert_eq!(c.stats.articles, gold.articles.len());
    assert_eq!(c.stats.files_failed, 0);
    let encodings: Vec<_> = c
        .files
        .iter()
        .map(|f| f.encoding.as_deref().unwrap())
        .collect();
    assert_eq!(encodings[4], "windows-1252", "{encodings:?}");
    assert_nothing_lost(files, &c);
}

/// The committed dumps are exactly what the generator makes of WikiGold, so they never drift
/// from it. `FOLIO_BLESS=1 cargo test --test samples` writes them again after a change to the
/// generator.
#[test]
fn committed_dumps_are_the_generators() {
    let (files, gold) = dumps::generate(&support::wikigold());
    let dir = support::dumps_dir();
    let json = serde_json::to_string_pretty(&gold).unwrap() + "\n";
    if std::env::var_os("FOLIO_BLESS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for (name, bytes) in &files {
            std::fs::write(dir.join(name), bytes).unwrap();
        }
        std::fs::write(dir.join("gold.json"), &json).unwrap();
    }
    for (name, bytes) in &files {
        let committed = std::fs::read(dir.join(name)).unwrap_or_default();
        assert!(
            &committed == bytes,
            "tests/data/dumps/{name} differs from the generator's: run FOLIO_BLESS=1 cargo test --test samples"
        );
    }
    let committed = std::fs::read_to_string(dir.join("gold.json")).unwrap_or_default();
    assert!(
        committed == json,
        "tests/data/dumps/gold.json differs from the generator's"
    );
}

/// The repository's six dumps (WikiGold's articles in every layout) give their answer.
#[test]
fn the_sample_dumps_reproduce_their_answer() {
    let dir = support::dumps_dir();
    let gold: Gold =
        serde_json::from_slice(&std::fs::read(dir.join("gold.json")).unwrap()).unwrap();
    assert!(
        gold.articles.len() >= 100,
        "{} articles",
        gold.articles.len()
    );
    assert_reproduces(&support::read(&gold.files, &dir), &gold);
}

/// The same layouts made of Reuters news (the development split), which reads differently:
/// datelines, results tables, headlines in capitals.
#[test]
#[cfg_attr(
    not(folio_data),
    ignore = "needs CoNLL-2003 (eng.train, eng.testa): set FOLIO_DATA to a directory holding conll2003/"
)]
fn dumps_of_reuters_news_reproduce_their_answer() {
    let (files, gold) = dumps::generate(&support::conll("eng.testa"));
    assert_reproduces(&files, &gold);
}

/// Headlines whose first word or last character made the segmenter take them for text (a
/// currency sign, a digit, an entity reference, a bracketed day, an ellipsis): the first line
/// of a file with one article is its title. A text with no headline at all gets a title made
/// from its first sentence, and the JSON says so.
#[test]
fn a_headline_of_any_shape_gives_the_article_its_title() {
    for headline in [
        "$1m payoff for former Shell boss",
        "&#163;1.8m indecency fine for Viacom",
        "France v Wales (Sat)",
        "Preview: Ireland v England (Sun)",
        "Rivals of the £400 Apple...",
        "'Quiet' start to the holiday sales",
    ] {
        let text = format!(
            "{headline}\n\nThe company said on Monday that it would pay the sum in full. Shares rose.\n\nA second paragraph follows here with more of the story.\n"
        );
        let files = vec![("one.txt".to_owned(), text.into_bytes())];
        let c = process(files.clone(), &options());
        assert_eq!(c.articles.len(), 1, "{headline}");
        let a = &c.articles[0];
        // (Its character references decoded: `&#163;` is `£`.)
        let want = headline.replace("&#163;", "£");
        assert_eq!(a.title.text, want.as_str(), "the first line is the title");
        assert!(
            !a.title_derived,
            "{headline}: a headline, not a title made from the text"
        );
        assert_eq!(
            a.paragraphs.len(),
            2,
            "{headline}: the headline is not body text too"
        );
        assert_nothing_lost(&files, &c);
    }
    // Character references a scraper left are the characters they stand for, counted.
    let text = "&#163;1.8m indecency fine for Viacom\n\nThe caf&eacute; &amp; the bar were fined &#163;1.8m on Monday, the regulator said.\n";
    let c = process(
        vec![("r.txt".to_owned(), text.as_bytes().to_vec())],
        &options(),
    );
    assert_eq!(c.articles[0].title.text, "£1.8m indecency fine for Viacom");
    assert_eq!(
        c.articles[0].paragraphs[0].text,
        "The café & the bar were fined £1.8m on Monday, the regulator said."
    );
    assert_eq!(c.files[0].references, 4);
    // A text with no headline at all: its first sentence, shortened.
    let text = "the figures were revised again on Tuesday after the agency found that several of the regional offices had counted twice. More followed.\n";
    let c = process(
        vec![("x.txt".to_owned(), text.as_bytes().to_vec())],
        &options(),
    );
    let a = &c.articles[0];
    assert!(a.title_derived);
    assert_eq!(
        a.title.text,
        "the figures were revised again on Tuesday after the agency found that…"
    );
    let json = serde_json::to_value(&c).unwrap();
    assert_eq!(
        json["articles"][0]["title_derived"], true,
        "the JSON says so"
    );
    // Two copies of an untitled article are still one article from two files.
    let c = process(
        vec![
            ("a.txt".to_owned(), text.as_bytes().to_vec()),
            ("b.txt".to_owned(), text.as_bytes().to_vec()),
        ],
        &options(),
    );
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.articles[0].sources, ["a.txt", "b.txt"]);
}

/// A corpus of one-article files, one a headline shape a newsroom writes: a currency sign or
/// a number first, quotes, a bracketed day, an ellipsis, a colon, a character reference, a
/// dash. Every file's first line is its article's title, and no title is empty.
#[test]
fn a_thousand_one_article_files_each_keep_their_first_line_as_title() {
    let corpus = support::headlines::corpus();
    let files: Vec<(String, Vec<u8>)> = corpus
        .iter()
        .map(|f| (f.name.clone(), f.text().into_bytes()))
        .collect();
    let want: Vec<String> = corpus.iter().map(|f| f.decoded_headline()).collect();
    let c = process(files.clone(), &options());
    assert_titled(&c);
    let got: Vec<&str> = c.articles.iter().map(|a| a.title.text.as_str()).collect();
    assert_eq!(got.len(), 1000, "one article a file");
    for (n, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(g, w, "file {n:04}.txt");
        assert!(!c.articles[n].title_derived, "file {n:04}.txt: {w}");
    }
    assert_nothing_lost(&files, &c);
}

/// One generated article in the layouts docs/contract.md lists, from proptest's choices.
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
        assert_titled(&c);
    }

    /// Arbitrary text never panics and never loses a line either.
    #[test]
    fn arbitrary_text_loses_nothing(text in "(\\PC{0,40}(\n|\r\n|\r)?){0,60}") {
        let files = vec![("any.txt".to_owned(), text.into_bytes())];
        let c = process(files.clone(), &options());
        assert_nothing_lost(&files, &c);
        assert_titled(&c);
    }
}
