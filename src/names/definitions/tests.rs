//! What the definitions rule does to a document's names.

use super::super::notation::{check_document, check_rule};
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
/// none or only pieces of it; not a person's name, a date, a letter or a headline. Pieces
/// the tagger found inside a defined run give way to it; a person's name does not.
#[test]
fn a_run_after_a_kind_is_a_name_of_it() {
    check_rule("definitions", &Lexicons::default(), &[
        "the album Darkness Death Doom sold => the album [Darkness Death Doom]MISC sold",
        "the group Human Rights in [China]LOC said => the group [Human Rights in China]ORG said",
        "the democratic party [Vladimir Zhirinovsky]PER .",
        "the team Saturday said",
        // A person's name takes in no small word (`of`, `at`).
        "the writer Lynn Reaser of Barnett Banks said => the writer [Lynn Reaser]PER of Barnett Banks said",
        "price range N",
        "[CBS]ORG Cable was an early cable network . => [CBS Cable]ORG was an early cable network .",
        "[Paul Smith]PER Ltd is a company .",
    ]);
}

/// Kinds before the name, and a definition after a bracket; a name in capitals may be a
/// headline's; with no kind nothing changes.
#[test]
fn kinds_before_and_brackets() {
    check_rule("definitions", &Lexicons::default(), &[
        "near the village of [Aisby]PER . => near the village of [Aisby]LOC .",
        "touring with the band [Korn]PER . => touring with the band [Korn]ORG .",
        "he met rapper [Kanye West]LOC . => he met rapper [Kanye West]PER .",
        "the film [Stronger]ORG opened . => the film [Stronger]MISC opened .",
        "[Albert Wren]LOC ( 1890 - 1960 ) was an Ontario politician . => [Albert Wren]PER ( 1890 - 1960 ) was an Ontario politician .",
        "in the central district [SOLIDERE]ORG is",
        "touring with the great [Korn]PER .",
    ]);
}

/// A name defined in capitals is the same name written in title case.
#[test]
fn names_compare_without_case() {
    check_document(
        "definitions",
        &Lexicons::default(),
        &[
            "[CALOI]ORG is a major Brazilian manufacturer of bicycles .",
            "In the 1960s , [Caloi]PER achieved some popularity .",
        ],
        &[
            "[CALOI]ORG is a major Brazilian manufacturer of bicycles .",
            "In the 1960s , [Caloi]ORG achieved some popularity .",
        ],
    );
}

/// A defined name the sentence opens with is the whole run before the definition, and
/// its other mentions are that name, not the piece the tagger found; a sentence's opening
/// word or a date keeps its place outside.
#[test]
fn a_defined_subject_is_the_whole_run() {
    let kept = [
        "In 1990 [Fairfax Media]ORG was a company .",
        "Last Monday [Acme]ORG was a company .",
    ];
    check_document(
        "definitions",
        &Lexicons::default(),
        &[
            "30 Seconds to [Mars]LOC is an American rock band .",
            "In 2007 , 30 Seconds to [Mars]LOC toured with [Linkin Park]ORG .",
            kept[0],
            kept[1],
        ],
        &[
            "[30 Seconds to Mars]ORG is an American rock band .",
            "In 2007 , [30 Seconds to Mars]ORG toured with [Linkin Park]ORG .",
            kept[0],
            kept[1],
        ],
    );
}

/// Names the tagger missed that a definition names, at the definition and at their other
/// mentions inside a sentence; never a sentence's first word the text writes in lower case
/// (it may be capitalised for the sentence's sake), and never a sentence's `The`.
#[test]
fn a_defined_name_the_tagger_missed_is_found() {
    let mut lexicons = Lexicons::default();
    lexicons.casing.add_words("it\nsecrets");
    check_document(
        "definitions",
        &lexicons,
        &[
            "Bilje is a village and municipality in Croatia .",
            "In 1970 he joined Secrets , a jazz fusion band .",
            "later Secrets toured , and Bilje grew .",
            "Secrets toured again .",
            "I think I have . It is a very true film .",
            "The Echelon is a street team .",
        ],
        &[
            "[Bilje]LOC is a village and municipality in Croatia .",
            "In 1970 he joined [Secrets]ORG , a jazz fusion band .",
            "later [Secrets]ORG toured , and [Bilje]LOC grew .",
            "Secrets toured again .",
            "I think I have . It is a very true film .",
            "The [Echelon]ORG is a street team .",
        ],
    );
}

/// `NAME, the KIND` defines the name as `NAME, a KIND` does, unless a name follows the kind,
/// which makes it the subject of a clause of its own.
#[test]
fn the_kind_after_a_comma_defines_the_name() {
    let subject =
        "police detained [Wang Donghai]PER , the pressure group [Human Rights in China]ORG said .";
    check_document(
        "definitions",
        &Lexicons::default(),
        &[
            "he joined [Fairfax Media]PER , the Australian media company , in 2010 .",
            subject,
        ],
        &[
            "he joined [Fairfax Media]ORG , the Australian media company , in 2010 .",
            subject,
        ],
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
