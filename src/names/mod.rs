//! Mending the tagger's name spans where a rule knows what the training set cannot teach.
//!
//! The tagger learnt from Reuters news of 1996, which rarely quotes a UN resolution by number,
//! names an Iraqi militia, or runs a person's full name into the organisation before it. These
//! rules read a sentence's words and the tagger's spans and change a span only where the
//! evidence is plain in the words themselves (a number after `Resolution`, an `al-` particle, a
//! given name on the name lists). Each was scored on the development split before it was kept
//! (models/README.md); the CoNLL scores Folio reports are of the tagger and these rules together.
//!
//! Every rule runs from one table in the order it lists, [`rules::RULES`], with what each
//! mends; `train rules MODEL` measures each one's gain (models/README.md, "The rules in
//! order"). [`document`] runs them all over a document; [`spans`] runs those a sentence can be
//! told without its document. The first rules, a tagged span's own edges, are in `tagged.rs`.

mod articles;
mod brackets;
mod clitics;
mod dateline;
mod dates;
mod definitions;
mod document;
mod edges;
mod events;
mod heads;
mod holidays;
mod items;
mod lists;
mod nicknames;
pub mod rules;
mod shared;
mod tagged;
mod titles;
mod words;

use crate::tagger::Lexicons;
use crate::tags::{Span, Tag};
use rules::Enabled;
use shared::{claim, GIVEN_NAME, PLACE};
#[cfg(test)]
use {
    crate::model::Label,
    shared::{modifier, particle_name},
};

/// The spans of a whole document's sentences: the tagger's, mended by every rule of
/// [`rules::RULES`] in order.
pub fn document(tags: &[Vec<Tag>], words: &[Vec<&str>], lexicons: &Lexicons) -> Vec<Vec<Span>> {
    document_with(tags, words, lexicons, Enabled::ALL)
}

/// [`document`] with only the `enabled` rules: what `train rules` scores to measure each rule.
pub fn document_with(
    tags: &[Vec<Tag>],
    words: &[Vec<&str>],
    lexicons: &Lexicons,
    enabled: Enabled,
) -> Vec<Vec<Span>> {
    let mut out: Vec<Vec<Span>> = tags.iter().map(|t| crate::tags::spans(t)).collect();
    rules::run(words, &mut out, lexicons, enabled);
    out
}

/// The name spans of a tagged sentence, mended by the rules a sentence can be told without
/// its document (those before the first document rule).
#[cfg(any(test, feature = "train"))]
pub fn spans(tags: &[Tag], words: &[&str], lexicons: &Lexicons) -> Vec<Span> {
    let mut out = crate::tags::spans(tags);
    rules::run_sentence(words, &mut out, lexicons, Enabled::ALL);
    out
}

/// Each sentence's names as text and label, for the document rules' tests.
#[cfg(test)]
fn named(words: &[Vec<&str>], spans: &[Vec<Span>]) -> Vec<Vec<(String, Label)>> {
    let name = |w: &[&str], s: &Span| (w[s.range()].join(" "), s.label);
    spans
        .iter()
        .zip(words)
        .map(|(ss, w)| ss.iter().map(|s| name(w, s)).collect())
        .collect()
}

/// A sentence rule's spans for `words` tagged with `spans`, for the rules' tests.
#[cfg(test)]
fn mended_by(rule: fn(&[&str], &mut [Span]), words: &[&str], spans: &[Span]) -> Vec<Span> {
    let mut got = spans.to_vec();
    rule(words, &mut got);
    got
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::{CasingLexicon, Gazetteer};
    use proptest::prelude::*;

    /// Name lists as the model has them, small: given names, places, nationalities, and the
    /// training set's organisations; `words` are what the training text showed.
    fn lexicons(words: &[&str]) -> Lexicons {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(0, "Mohammad\nQais\nCharles\nMilan\nDe\nOsama");
        gazetteer.add_list(1, "Baghdad\nLebanon");
        gazetteer.add_list(2, "Iranian\nLebanese");
        gazetteer.add_list(4, "Kia Motor Corp");
        let mut casing = CasingLexicon::default();
        casing.add_words(&words.join("\n"));
        Lexicons {
            casing,
            gazetteer,
            ..Lexicons::default()
        }
    }

    /// The mended names of `sentence` tagged with `spans`, as text and label.
    /// (Spans are written `(start, end, label)` here, for brevity.)
    fn mend(sentence: &str, spans: &[(usize, usize, Label)]) -> Vec<(String, Label)> {
        let words: Vec<&str> = sentence.split(' ').collect();
        let lex = lexicons(&["Prince", "Motor", "Corp", "Gaulle", "Army", "County"]);
        let spans: Vec<Span> = spans.iter().map(|&(s, e, l)| Span::new(s, e, l)).collect();
        super::spans(&crate::tags::tags_of(&spans, words.len()), &words, &lex)
            .into_iter()
            .map(|span| (words[span.range()].join(" "), span.label))
            .collect()
    }

    fn names(list: &[(&str, Label)]) -> Vec<(String, Label)> {
        list.iter().map(|&(t, l)| (t.to_owned(), l)).collect()
    }

    /// `sentence` tagged with `spans` mends to the names `want`.
    fn check(sentence: &str, spans: &[(usize, usize, Label)], want: &[(&str, Label)]) {
        assert_eq!(mend(sentence, spans), names(want), "in {sentence:?}");
    }

    #[test]
    fn modifiers_and_particles() {
        assert!(modifier("anti-Western") && !modifier("al-Maliki") && !modifier("pro-soccer"));
        assert!(particle_name("al-Haq") && !particle_name("al-") && !particle_name("also"));
        // A modifier before a name goes; a modifier alone is a name of its own.
        check(
            "the pro-Iran Coordination Framework",
            &[(1, 4, Label::ORG)],
            &[("Coordination Framework", Label::ORG)],
        );
        check(
            "an ex-England player",
            &[(1, 2, Label::MISC)],
            &[("ex-England", Label::MISC)],
        );
    }

    #[test]
    fn a_numbered_reference_is_not_part_of_the_name() {
        check(
            "of UN Resolution 1701 .",
            &[(1, 3, Label::ORG)],
            &[("UN", Label::ORG)],
        );
        // Without a number it stays: `the Resolution Trust Corp`.
        check(
            "the Resolution Trust Corp",
            &[(1, 4, Label::ORG)],
            &[("Resolution Trust Corp", Label::ORG)],
        );
    }

    #[test]
    fn a_particle_after_a_name_joins_it() {
        check(
            "the Asa'ib Ahl al-Haq said",
            &[(1, 3, Label::ORG)],
            &[("Asa'ib Ahl al-Haq", Label::ORG)],
        );
    }

    #[test]
    fn a_state_body_after_a_nationality_is_an_organisation() {
        check(
            "the Lebanese Army operations",
            &[(1, 2, Label::MISC)],
            &[("Lebanese Army", Label::ORG)],
        );
        check(
            "the Lebanese army",
            &[(1, 2, Label::MISC)],
            &[("Lebanese", Label::MISC)],
        );
    }

    #[test]
    fn an_office_after_a_nationality_is_not_part_of_the_name() {
        check(
            "and Iranian Ambassador to",
            &[(1, 3, Label::ORG)],
            &[("Iranian", Label::MISC)],
        );
    }

    #[test]
    fn a_person_run_into_the_name_before_is_split_off() {
        check(
            "to Baghdad Mohammad Kazem Al Sadeq met",
            &[(1, 6, Label::ORG)],
            &[
                ("Baghdad", Label::LOC),
                ("Mohammad Kazem Al Sadeq", Label::PER),
            ],
        );
        check(
            "the Asa'ib Ahl al-Haq Qais al-Khazali said",
            &[(1, 6, Label::ORG)],
            &[
                ("Asa'ib Ahl al-Haq", Label::ORG),
                ("Qais al-Khazali", Label::PER),
            ],
        );
        // Words the tagger knows keep its reading: a place named after a person, a club.
        for (sentence, span) in [
            ("at Charles de Gaulle airport", (1, 4, Label::LOC)),
            ("for AC Milan .", (1, 3, Label::ORG)),
        ] {
            let (s, e, l) = span;
            let words: Vec<&str> = sentence.split(' ').collect();
            check(sentence, &[span], &[(&words[s..e].join(" "), l)]);
        }
    }

    #[test]
    fn an_unknown_full_name_is_a_person() {
        check(
            "Mohammad Kazem Al Sadeq said",
            &[(0, 4, Label::ORG)],
            &[("Mohammad Kazem Al Sadeq", Label::PER)],
        );
        // A title is no part of the name.
        check(
            "Prince Qais Al Sadeq said",
            &[(0, 4, Label::ORG)],
            &[("Qais Al Sadeq", Label::PER)],
        );
        // A known organisation, a word the tagger knows: its label stands.
        for sentence in ["Kia Motor Corp", "Charles Motor Sadeq Kazem"] {
            let n = sentence.split(' ').count();
            check(sentence, &[(0, n, Label::ORG)], &[(sentence, Label::ORG)]);
        }
    }

    #[test]
    fn a_name_broken_at_a_particle_is_one_person() {
        check(
            "Osama bin Laden 's son",
            &[(0, 1, Label::ORG), (2, 3, Label::PER)],
            &[("Osama bin Laden", Label::PER)],
        );
        check(
            "Rafael van der Vaart signed",
            &[(0, 1, Label::PER), (3, 4, Label::PER)],
            &[("Rafael van der Vaart", Label::PER)],
        );
        check(
            "met Osama bin Laden 's son",
            &[(1, 2, Label::ORG)],
            &[("Osama bin Laden", Label::PER)],
        );
        // Two places are two places.
        check(
            "from Rio de Janeiro",
            &[(1, 2, Label::LOC), (3, 4, Label::LOC)],
            &[("Rio", Label::LOC), ("Janeiro", Label::LOC)],
        );
    }

    #[test]
    fn a_given_name_before_a_person_is_part_of_the_name() {
        check(
            "Mohammad Reza Fallahzadeh said",
            &[(0, 1, Label::LOC), (1, 3, Label::PER)],
            &[("Mohammad Reza Fallahzadeh", Label::PER)],
        );
        check(
            "in Baghdad Reza Fallahzadeh said",
            &[(1, 2, Label::LOC), (2, 4, Label::PER)],
            &[("Baghdad", Label::LOC), ("Reza Fallahzadeh", Label::PER)],
        );
    }

    #[test]
    fn an_ordinal_before_an_organisation_or_event_is_in_its_name() {
        check(
            "Fourth Air Force , 1943",
            &[(1, 3, Label::ORG)],
            &[("Fourth Air Force", Label::ORG)],
        );
        check(
            "the 65th Fighter Wing moved",
            &[(2, 4, Label::ORG)],
            &[("65th Fighter Wing", Label::ORG)],
        );
        check(
            "his 10th U.S. Open",
            &[(2, 4, Label::MISC)],
            &[("U.S. Open", Label::MISC)],
        );
        check(
            "First Chang scored",
            &[(1, 2, Label::PER)],
            &[("Chang", Label::PER)],
        );
    }

    #[test]
    fn a_county_outside_a_results_table_is_a_place() {
        check(
            "born in Fairfax County , Virginia",
            &[(2, 4, Label::ORG)],
            &[("Fairfax County", Label::LOC)],
        );
        check(
            "Notts County 2 1 1",
            &[(0, 2, Label::ORG)],
            &[("Notts County", Label::ORG)],
        );
        check(
            "Peterborough v Notts County",
            &[(0, 1, Label::ORG), (2, 4, Label::ORG)],
            &[("Peterborough", Label::ORG), ("Notts County", Label::ORG)],
        );
    }

    #[test]
    fn an_unknown_kind_of_region_makes_a_place() {
        check(
            "The South Governorate boasts",
            &[(1, 3, Label::MISC)],
            &[("South Governorate", Label::LOC)],
        );
        check(
            "in Idlib Governorate .",
            &[(1, 2, Label::LOC)],
            &[("Idlib Governorate", Label::LOC)],
        );
    }

    proptest! {
        /// Whatever the tags and words, the mended spans lie inside the sentence, are not
        /// empty, and never overlap — the recogniser turns them into offsets as they are.
        #[test]
        fn mended_spans_are_disjoint_and_in_bounds(
            sentence in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Mohammad", "Kazem", "Al", "al-Haq", "Army", "Lebanese", "Resolution",
                    "1701", "Ambassador", "Governorate", "pro-Iran", "de", "the", "Qais",
                    "Baghdad", "Prince", "bin", "van", "der", "Osama", "Laden", "Al",
                    "NEW", "YORK", "(", ")", "-", ",", "AP", "Dec", "7", "\"", "In-so",
                    "Bush-led", "\u{C9}a-b",
                ]),
                1..12,
            ),
            raw in proptest::collection::vec(0usize..9, 12),
        ) {
            let tags: Vec<Tag> = raw[..sentence.len()].iter().map(|&i| Tag::from_index(i)).collect();
            let lex = lexicons(&["Prince"]);
            let mended = super::spans(&tags, &sentence, &lex);
            let mut last_end = 0;
            for span in &mended {
                prop_assert!(
                    span.start >= last_end && !span.is_empty() && span.end <= sentence.len(),
                    "{mended:?}"
                );
                last_end = span.end;
            }
        }
    }
}
