//! The entity index tells the truth on real collections (issue 30): a surname is credited to
//! the one person its article names in full; no entry lists an article that never writes its
//! name; no contraction is an entity. Printed with `--nocapture` as the benchmark's figures.
//!
//!     cargo test --release --test index -- --nocapture

mod support;

use folio::{process, Collection, Options};
use support::truth::{self, Truth};

fn collection(files: Vec<(String, Vec<u8>)>) -> Collection {
    process(files, &Options::default())
}

fn check(what: &str, c: &Collection) -> Truth {
    let t = truth::measure(c);
    eprintln!(
        "{what}: {} articles, {} entries, {} mentions\n  {t}",
        c.articles.len(),
        c.entities.len(),
        c.stats.mentions
    );
    assert!(t.pairs > 0, "{what}: no pair to measure");
    assert!(t.joined_share() >= 0.98, "{what}: {t}");
    assert!(t.never_written_share() <= 0.01, "{what}: {t}");
    assert!(t.contractions.is_empty(), "{what}: {:?}", t.contractions);
    t
}

#[test]
fn wikigold_read_as_one_collection_has_a_true_index() {
    check(
        "WikiGold",
        &collection(truth::files("wikigold", &support::wikigold())),
    );
}

#[test]
#[cfg_attr(
    not(folio_data),
    ignore = "needs CoNLL-2003 (eng.train, eng.testa): set FOLIO_DATA to a directory holding conll2003/"
)]
fn eng_train_read_as_one_collection_has_a_true_index() {
    check(
        "eng.train",
        &collection(truth::files("train", &support::conll("eng.train"))),
    );
}

#[test]
fn the_seed_sample_has_a_true_index() {
    let seed = std::fs::read(support::seed_path()).unwrap();
    let c = collection(vec![("seed.txt".into(), seed)]);
    let t = truth::measure(&c);
    assert_eq!(t.never_written, 0, "{t}");
    assert!(t.contractions.is_empty());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Quotes are full of contractions, capitalised at a sentence's start: none is ever an
    /// entity or begins one, whatever surrounds it, with straight or curly apostrophes.
    #[test]
    fn no_entity_is_a_contraction(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "I'm", "I’ve", "I'd", "I'll", "We've", "We’re", "They'll", "You'd", "It's",
                "Don't", "Can’t", "WE'VE", "\"I'm", "said", "Tony", "Blair", "in", "London",
                "the", "United", "Nations", ".", "Reuters", "Microsoft", "Mikati", "sure",
            ]),
            1..24,
        ),
    ) {
        let text = words.join(" ");
        for e in folio::Recognizer::embedded().annotate(&text) {
            proptest::prop_assert!(!truth::contracted(&e.text), "{:?} in {:?}", e, text);
            proptest::prop_assert!(
                !e.text.starts_with(['\'', '’']) || e.text.len() < 2,
                "{:?} starts with a clitic in {:?}", e, text
            );
        }
    }
}

/// Real news of 2012-2020 (`scripts/real-news.py` writes it; not in the repository, whose
/// text is its publishers'): `FOLIO_NEWS` names the folder. Without it this says so and
/// checks nothing.
#[test]
fn real_news_read_as_one_collection_has_a_true_index() {
    let Some(dir) = std::env::var_os("FOLIO_NEWS") else {
        eprintln!("skipped: set FOLIO_NEWS to a folder of news (scripts/real-news.py)");
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    check("real news", &collection(support::read(&names, &dir)));
}
