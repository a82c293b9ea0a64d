//! Cleaning inside an article and merging across files, on small texts that show each rule.

use std::sync::Arc;

use super::*;
use crate::model::{Article, Block, Reason};
use crate::segment::segment;

fn cleaned(text: &str, source: &str) -> Vec<Article> {
    let source: Arc<str> = source.into();
    let file = Arc::new(text.to_owned());
    segment(&file)
        .iter()
        .map(|raw| clean(raw).to_article(&source, &file))
        .collect()
}

#[test]
fn header_repeats_are_removed_with_reasons() {
    let text = "Title Of Story\n\nA rally in Baghdad today. (Reuters)\nA rally in Baghdad today. (Reuters)\n\n\
                Title Of Story\n\nA rally in Baghdad today. (Reuters)\nA rally in Baghdad today. (Reuters)\n\n\
                The body.\n";
    let a = &cleaned(text, "f.txt")[0];
    assert_eq!(a.title.text, "Title Of Story");
    assert_eq!(
        a.captions,
        vec![Block::new("A rally in Baghdad today. (Reuters)")]
    );
    assert_eq!(a.paragraphs, vec![Block::new("The body.")]);
    let reasons: Vec<_> = a.removed.iter().map(|r| (r.reason, r.line)).collect();
    assert_eq!(
        reasons,
        [
            (Reason::RepeatedLine, 4),
            (Reason::RepeatedHeader, 6),
            (Reason::RepeatedHeader, 8),
            (Reason::RepeatedHeader, 9)
        ]
    );
}

#[test]
fn repeated_prose_goes_but_repeated_table_rows_stay() {
    let prose = "Police were seeking a fourteenth officer in the case, a spokesman said.";
    let text = format!(
        "Some Title Here\n\n{prose}\n\n--\n\ningot 75 cents / pound\n\n--\n\n\
                        ingot 75 cents / pound\n\n{prose}\n\nSome Title Here\n"
    );
    let a = &cleaned(&text, "f.txt")[0];
    let texts: Vec<_> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            prose,
            "--",
            "ingot 75 cents / pound",
            "--",
            "ingot 75 cents / pound"
        ]
    );
    assert_eq!(a.removed.len(), 2);
    assert!(a.removed.iter().all(|r| r.reason == Reason::RepeatedLine));
}

#[test]
fn exact_copies_merge_sources_and_edited_copies_become_variants() {
    let body = "Sao Paulo state power firm Eletropaulo said it has named Eduardo Bernini as new \
                president.\n\nBernini was previously a director of the company, which said \
                its board approved the change on Tuesday.\n\nThe company gave no reason for \
                the change in a short statement released in the city.\n\nSobral will head \
                a secretariat at the state government from next month, it added.";
    let a = format!("Eletropaulo Names President\n\nA view of the city. (Reuters)\n\n{body}\n");
    let edited = format!("{a}\nThe report was updated later in the day.\n");
    let other = "Rwanda Expels Refugees\n\nA view of the camp. (AP)\n\nRwanda said on \
                 Saturday that Zaire had expelled 28 refugees from camps in the east.\n";
    let mut merger = Merger::new(0.8);
    let mut outcomes = Vec::new();
    for (text, source) in [
        (a.as_str(), "a.txt"),
        (other, "a.txt"),
        (a.as_str(), "b.txt"),
        (edited.as_str(), "c.txt"),
    ] {
        let file = Arc::new(text.to_owned());
        for raw in segment(&file) {
            outcomes.push(merger.add(&clean(&raw), &source.into(), &file));
        }
    }
    assert_eq!(
        outcomes,
        [
            Outcome::New(0),
            Outcome::New(1),
            Outcome::Duplicate(0),
            Outcome::Variant(0)
        ]
    );
    let articles = merger.finish();
    assert_eq!(articles[0].sources, ["a.txt", "b.txt"]);
    assert_eq!(articles[0].variants.len(), 1);
    let variant = &articles[0].variants[0];
    assert_eq!(variant.source, "c.txt");
    assert!(variant.similarity >= 0.8 && variant.similarity < 1.0);
    assert_eq!(variant.paragraphs.len(), 5);
    assert!(articles[0]
        .removed
        .iter()
        .any(|r| r.reason == Reason::DuplicateArticle && &*r.source == "b.txt"));
}

#[test]
fn the_threshold_is_respected() {
    let a = "Alpha Story\n\none two three four five six seven eight nine ten\n";
    let b = "Alpha Story\n\none two three four five six seven eight nine ten eleven twelve\n";
    for (threshold, expect_variant) in [(0.5, true), (0.95, false)] {
        let mut merger = Merger::new(threshold);
        let (a, b) = (Arc::new(a.to_owned()), Arc::new(b.to_owned()));
        merger.add(&clean(&segment(&a)[0]), &"a".into(), &a);
        let outcome = merger.add(&clean(&segment(&b)[0]), &"b".into(), &b);
        assert_eq!(
            matches!(outcome, Outcome::Variant(0)),
            expect_variant,
            "{threshold}"
        );
    }
}

/// Short articles are judged on their exact similarity: a ten-word text fills few of a
/// signature's bins, and its estimate could call a text sharing half of it a copy.
#[test]
fn short_articles_are_merged_only_when_truly_similar() {
    let mut merger = Merger::new(0.8);
    for n in 0..3_000 {
        let text = Arc::new(format!(
            "Report {n} from Paris\n\nJohn Smith{n} met the council of Lyon on day {n}.\n"
        ));
        let outcome = merger.add(&clean(&segment(&text)[0]), &"a".into(), &text);
        assert!(
            matches!(outcome, Outcome::New(i) if i == n),
            "{n}: {outcome:?}"
        );
    }
}
