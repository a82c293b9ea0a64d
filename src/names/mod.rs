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
#[cfg(test)]
mod notation;
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
use shared::{modifier, particle_name};

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

/// A sentence rule's spans for `words` tagged with `spans`, for the rules' tests.
#[cfg(test)]
fn mended_by(rule: fn(&[&str], &mut [Span]), words: &[&str], spans: &[Span]) -> Vec<Span> {
    let mut got = spans.to_vec();
    rule(words, &mut got);
    got
}

#[cfg(test)]
mod tests {
    use super::notation::{case_of, marked, marking};
    use super::*;
    use crate::tagger::{CasingLexicon, Gazetteer};
    use proptest::prelude::*;

    /// Name lists as the model has them, small: given names, places, nationalities, and the
    /// training set's organisations; `words` are what the training text showed.
    fn lexicons(words: &[&str]) -> Lexicons {
        let mut gazetteer = Gazetteer::default();
        gazetteer.add_list(0, "Mohammad\nQais\nCharles\nMilan\nDe\nOsama");
        gazetteer.add_list(1, "Baghdad\nLebanon\nIran");
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

    /// Each case, `tagged => want` in the notation of `notation::marked` (or a sentence alone,
    /// which must stay as it is), through every rule a sentence can be told alone.
    fn check(cases: &[&str]) {
        let lex = lexicons(&["Prince", "Motor", "Corp", "Gaulle", "Army", "County"]);
        for case in cases {
            let (tagged, want) = case_of(case);
            let (words, spans) = marked(tagged);
            let mended = super::spans(&crate::tags::tags_of(&spans, words.len()), &words, &lex);
            assert_eq!(marking(&words, &mended), want, "from {tagged:?}");
        }
    }

    #[test]
    fn modifiers_and_particles() {
        assert!(modifier("anti-Western") && !modifier("al-Maliki") && !modifier("pro-soccer"));
        assert!(particle_name("al-Haq") && !particle_name("al-") && !particle_name("also"));
        // A modifier before a name goes; a modifier alone is a name of its own; a prefix on
        // the name's own first word stays (`United` is no place of its own).
        check(&[
            "the [pro-Iran Coordination Framework]ORG => the pro-Iran [Coordination Framework]ORG",
            "an [ex-England]MISC player",
            "the [non-United States]LOC budget",
        ]);
    }

    #[test]
    fn a_numbered_reference_is_not_part_of_the_name() {
        check(&[
            "of [UN Resolution]ORG 1701 . => of [UN]ORG Resolution 1701 .",
            "the [Resolution Trust Corp]ORG",
        ]);
    }

    #[test]
    fn a_particle_after_a_name_joins_it_and_a_state_body_makes_an_organisation() {
        check(&[
            "the [Asa'ib Ahl]ORG al-Haq said => the [Asa'ib Ahl al-Haq]ORG said",
            "the [Lebanese]MISC Army operations => the [Lebanese Army]ORG operations",
            "the [Lebanese]MISC army",
        ]);
    }

    #[test]
    fn an_office_after_a_nationality_is_not_part_of_the_name() {
        check(&[
            "and [Iranian Ambassador]ORG to => and [Iranian]MISC Ambassador to",
            "[CIA Acting Director]ORG said => [CIA]ORG Acting Director said",
        ]);
    }

    #[test]
    fn a_name_broken_at_a_particle_is_one_person() {
        check(&[
            "[Osama]ORG bin [Laden]PER 's son => [Osama bin Laden]PER 's son",
            "[Rafael]PER van der [Vaart]PER signed => [Rafael van der Vaart]PER signed",
            "met [Osama]ORG bin Laden 's son => met [Osama bin Laden]PER 's son",
            // Two places are two places, and an organisation is no person.
            "from [Rio]LOC de [Janeiro]LOC",
            "the [Yemen-based]MISC al [Qaeda]PER branch",
            "[Qais]ORG al [Qaeda]MISC said",
        ]);
    }

    #[test]
    fn a_given_name_before_a_person_is_part_of_the_name() {
        check(&[
            "[Mohammad]LOC [Reza Fallahzadeh]PER said => [Mohammad Reza Fallahzadeh]PER said",
            "in [Baghdad]LOC [Reza Fallahzadeh]PER said",
        ]);
    }

    #[test]
    fn an_ordinal_before_an_organisation_or_event_is_in_its_name() {
        check(&[
            "Fourth [Air Force]ORG , 1943 => [Fourth Air Force]ORG , 1943",
            "the 65th [Fighter Wing]ORG moved => the [65th Fighter Wing]ORG moved",
            "his 10th [U.S. Open]MISC",
            "First [Chang]PER scored",
        ]);
    }

    #[test]
    fn a_county_outside_a_results_table_is_a_place_as_is_an_unknown_kind_of_region() {
        check(&[
            "born in [Fairfax County]ORG , Virginia => born in [Fairfax County]LOC , Virginia",
            "[Notts County]ORG 2 1 1",
            "[Peterborough]ORG v [Notts County]ORG",
            "The [South Governorate]MISC boasts => The [South Governorate]LOC boasts",
            "in [Idlib]LOC Governorate . => in [Idlib Governorate]LOC .",
        ]);
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
