//! What the definitions rule does to a document's names.

use super::super::words::KINDS;
use super::*;
use proptest::prelude::*;
use proptest::sample::select;

fn run(sentences: &[&str], spans: &[&[(usize, usize, Label)]]) -> Vec<Vec<Label>> {
    let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
    let mut spans: Vec<Vec<Span>> = spans
        .iter()
        .map(|ss| ss.iter().map(|&(s, e, l)| Span::new(s, e, l)).collect())
        .collect();
    mend(&words, &mut spans, &Lexicons::default());
    spans
        .iter()
        .map(|ss| ss.iter().map(|s| s.label).collect())
        .collect()
}

/// The capitalised run right after a kind is a name of that kind where the tagger found
/// none or only pieces of it; not a person's name, a date, a letter or a headline.
#[test]
fn a_run_after_a_kind_is_a_name_of_it() {
    use Label::*;
    type Case<'a> = (
        &'a str,
        &'a [(usize, usize, Label)],
        &'a [(usize, usize, Label)],
    );
    let cases: &[Case] = &[
        ("the album Darkness Death Doom sold", &[], &[(2, 5, MISC)]),
        (
            "the group Human Rights in China said",
            &[(5, 6, LOC)],
            &[(2, 6, ORG)],
        ),
        (
            "the democratic party Vladimir Zhirinovsky .",
            &[(3, 5, PER)],
            &[(3, 5, PER)],
        ),
        ("the team Saturday said", &[], &[]),
        // A person's name takes in no small word (`of`, `at`).
        (
            "the writer Lynn Reaser of Barnett Banks said",
            &[],
            &[(2, 4, PER)],
        ),
        ("price range N", &[], &[]),
    ];
    for &(sentence, before, after) in cases {
        let words: Vec<Vec<&str>> = vec![sentence.split(' ').collect()];
        let mut spans = vec![before.iter().map(|&(s, e, l)| Span::new(s, e, l)).collect()];
        mend(&words, &mut spans, &Lexicons::default());
        let want: Vec<Span> = after.iter().map(|&(s, e, l)| Span::new(s, e, l)).collect();
        assert_eq!(spans[0], want, "{sentence}");
    }
}

/// Pieces the tagger found inside a defined run give way to it; a person's name does not.
#[test]
fn a_defined_run_takes_in_its_pieces() {
    use Label::*;
    let got = |sentence: &str, found: &[(usize, usize, Label)]| {
        let words: Vec<Vec<&str>> = vec![sentence.split(' ').collect()];
        let mut spans = vec![found.iter().map(|&(s, e, l)| Span::new(s, e, l)).collect()];
        mend(&words, &mut spans, &Lexicons::default());
        spans.remove(0)
    };
    assert_eq!(
        got("CBS Cable was an early cable network .", &[(0, 1, ORG)]),
        vec![Span::new(0, 2, ORG)]
    );
    assert_eq!(
        got("Paul Smith Ltd is a company .", &[(0, 2, PER)]),
        vec![Span::new(0, 2, PER)]
    );
}

/// A name defined in capitals is the same name written in title case.
#[test]
fn names_compare_without_case() {
    use Label::*;
    let got = run(
        &[
            "CALOI is a major Brazilian manufacturer of bicycles .",
            "In the 1960s , Caloi achieved some popularity .",
        ],
        &[&[(0, 1, ORG)], &[(4, 5, PER)]],
    );
    assert_eq!(got, vec![vec![ORG], vec![ORG]]);
}

/// A defined name the sentence opens with is the whole run before the definition, and
/// its other mentions are that name, not the piece the tagger found; a sentence's opening
/// word or a date keeps its place outside.
#[test]
fn a_defined_subject_is_the_whole_run() {
    use Label::*;
    let sentences = [
        "30 Seconds to Mars is an American rock band .",
        "In 2007 , 30 Seconds to Mars toured with Linkin Park .",
        "In 1990 Fairfax Media was a company .",
        "Last Monday Acme was a company .",
    ];
    let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
    let mut spans = vec![
        vec![Span::new(3, 4, LOC)],
        vec![Span::new(6, 7, LOC), Span::new(9, 11, ORG)],
        vec![Span::new(2, 4, ORG)],
        vec![Span::new(2, 3, ORG)],
    ];
    mend(&words, &mut spans, &Lexicons::default());
    assert_eq!(
        spans,
        vec![
            vec![Span::new(0, 4, ORG)],
            vec![Span::new(3, 7, ORG), Span::new(9, 11, ORG)],
            vec![Span::new(2, 4, ORG)],
            vec![Span::new(2, 3, ORG)],
        ]
    );
}

/// Kinds before the name, and a definition after a bracket.
#[test]
fn kinds_before_and_brackets() {
    use Label::*;
    let cases: &[(&str, (usize, usize), Label, Label)] = &[
        ("near the village of Aisby .", (4, 5), PER, LOC),
        ("touring with the band Korn .", (4, 5), PER, ORG),
        ("he met rapper Kanye West .", (3, 5), LOC, PER),
        ("the film Stronger opened .", (2, 3), ORG, MISC),
        (
            "Albert Wren ( 1890 - 1960 ) was an Ontario politician .",
            (0, 2),
            LOC,
            PER,
        ),
        // A name in capitals may be a headline's; a full name stays a person.
        ("in the central district SOLIDERE is", (4, 5), ORG, ORG),
        (
            "the democratic party Vladimir Zhirinovsky .",
            (3, 5),
            PER,
            PER,
        ),
        // No kind: nothing changes.
        ("touring with the great Korn .", (4, 5), PER, PER),
    ];
    for &(sentence, (start, end), found, want) in cases {
        let got = run(&[sentence], &[&[(start, end, found)]]);
        assert_eq!(got, vec![vec![want]], "{sentence}");
    }
}

/// Names the tagger missed that a definition names, at the definition and at their other
/// mentions inside a sentence; never a sentence's first word the text writes in lower case.
#[test]
fn a_defined_name_the_tagger_missed_is_found() {
    let sentences = [
        "Bilje is a village and municipality in Croatia .",
        "In 1970 he joined Secrets , a jazz fusion band .",
        "later Secrets toured , and Bilje grew .",
        "Secrets toured again .",
        "I think I have . It is a very true film .",
        "The Echelon is a street team .",
    ];
    let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
    let mut spans = vec![Vec::new(); sentences.len()];
    let mut lexicons = Lexicons::default();
    lexicons.casing.add_words("it\nsecrets");
    mend(&words, &mut spans, &lexicons);
    let got = crate::names::named(&words, &spans);
    let want = |names: &[(&str, Label)]| -> Vec<(String, Label)> {
        names.iter().map(|&(n, l)| (n.to_owned(), l)).collect()
    };
    use Label::*;
    assert_eq!(
        got,
        vec![
            want(&[("Bilje", LOC)]),
            want(&[("Secrets", ORG)]),
            want(&[("Secrets", ORG), ("Bilje", LOC)]),
            // A sentence's first word may be capitalised for the sentence's sake.
            want(&[]),
            want(&[]),
            // A sentence's `The` stays out of the name.
            want(&[("Echelon", ORG)]),
        ]
    );
}

proptest! {
    /// A name followed by `is a`, `was an` or `, a` and a kind, with up to three modifiers
    /// between, takes the kind's type, here and at its other mentions; a preposition
    /// before the kind, a reporting verb after it or a second, different definition
    /// leave the tagger's labels.
    #[test]
    fn a_defined_name_takes_its_kind(
        name in select(vec!["Aisby", "Fairfax Media", "Albert Wren", "Home"]),
        link in select(vec!["is a", "was an", ", a"]),
        modifiers in proptest::collection::vec(select(vec!["former", "small", "American", "Ontario", "well-known"]), 0..4),
        kind in select(KINDS.to_vec()),
        found in select(vec![Label::PER, Label::ORG, Label::LOC, Label::MISC]),
    ) {
        let (kind, label) = kind;
        let n = name.split(' ').count();
        let definition = format!("{name} {link} {} {kind} in 1990 .", modifiers.join(" "))
            .replace("  ", " ");
        let mention = format!("later {name} moved .");
        let tagged: &[&[(usize, usize, Label)]] = &[&[(0, n, found)], &[(1, n + 1, found)]];
        prop_assert_eq!(
            run(&[&definition, &mention], tagged),
            vec![vec![label], vec![label]]
        );

        let before = run(&[&definition.replace(kind, &format!("group of {kind}")), &mention], tagged);
        prop_assert_eq!(before, vec![vec![found], vec![found]]);
        let reported = run(&[&definition.replace(" in 1990", " said"), &mention], tagged);
        prop_assert_eq!(reported, vec![vec![found], vec![found]]);
        let other = KINDS.iter().find(|(_, l)| *l != label).unwrap().0;
        let twice = format!("{name} is a {other} .");
        let tagged3: &[&[(usize, usize, Label)]] = &[&[(0, n, found)], &[(1, n + 1, found)], &[(0, n, found)]];
        prop_assert_eq!(
            run(&[&definition, &mention, &twice], tagged3),
            vec![vec![found], vec![found], vec![found]]
        );
    }
}

/// `NAME, the KIND` defines the name as `NAME, a KIND` does, unless a name follows the kind,
/// which makes it the subject of a clause of its own.
#[test]
fn the_kind_after_a_comma_defines_the_name() {
    use Label::*;
    let got = run(
        &[
            "he joined Fairfax Media , the Australian media company , in 2010 .",
            "police detained Wang Donghai , the pressure group Human Rights in China said .",
        ],
        &[&[(2, 4, PER)], &[(2, 4, PER), (9, 13, ORG)]],
    );
    assert_eq!(got, vec![vec![ORG], vec![PER, ORG]]);
}
