//! What joins a name at its edge or leaves it: a given name the tagger split off a person's
//! name, a place before an organisation, two places joined by `and` that are one, an ordinal
//! before an organisation or an event; a title's first word, a sentence's full stop.

use super::shared::capitalised;
use super::words::RANKS;
use super::words::{OFFICES, TITLES};
use super::GIVEN_NAME;
use crate::model::Label;
use crate::tagger::Lexicons;
use crate::tags::Span;

/// Joins each name to the one before it where `join` gives the joined name's label: the one
/// mechanism of the rules that find two names the tagger split from one (`spans` sorted, as
/// they stay).
pub(super) fn join_pairs(
    spans: &mut Vec<Span>,
    mut join: impl FnMut(&Span, &Span) -> Option<Label>,
) {
    let mut joined: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans.drain(..) {
        if let Some(last) = joined.last_mut() {
            if let Some(label) = join(last, &span) {
                *last = Span::new(last.start, span.end, label);
                continue;
            }
        }
        joined.push(span);
    }
    *spans = joined;
}

/// `William | James Atessis`, `Chad | Edward Gaudin`: a one-word name right before a person's
/// name, with nothing between, is its given name when it is one or a person's (the tagger
/// began the name again, or read `Chad` as the country). CoNLL never puts two names side by
/// side without a word between; a place before a person stays (`Baghdad` is no given name),
/// and so does a title (`Prince`), which CoNLL leaves out.
pub(super) fn given_name_before_person(spans: &mut Vec<Span>, words: &[&str], lexicons: &Lexicons) {
    join_pairs(spans, |last, span| {
        let word = words[last.start];
        let title = TITLES.contains(&word) || OFFICES.contains(&word);
        let given = !title
            && (last.label == Label::PER
                || lexicons.gazetteer.lists(&words[last.range()]) & GIVEN_NAME != 0);
        (last.end == span.start && span.label == Label::PER && last.end - last.start == 1 && given)
            .then_some(Label::PER)
    });
}

/// `Fourth Air Force`, `Second Battle of Bull Run`, `the 65th Air Division`: an ordinal right
/// before an organisation or event is part of its name (in eng.train every spelled ordinal
/// before a name but a person's is inside it, 17 times; a numbered one before an event is
/// not always, `10th U.S. Open`, so of events only a battle or war by its kind takes one:
/// `2nd Battle of Fredericksburg`). It runs after the rules that make events of `Battle of
/// …` and grow runs to their kind's word, so it finds the name they made.
pub(super) fn ordinal_before(spans: &mut [Span], words: &[&str]) {
    const SPELLED: [&str; 20] = [
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
        "Sixteenth",
        "Seventeenth",
        "Eighteenth",
        "Nineteenth",
        "Twentieth",
    ];
    let numbered = |w: &str| {
        let digits = w.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th" | "d")
    };
    for i in 0..spans.len() {
        let span = spans[i];
        let Some(before) = span.start.checked_sub(1) else {
            continue;
        };
        let free = i == 0 || spans[i - 1].end <= before;
        let word = words[before];
        let joins = match span.label {
            Label::ORG => SPELLED.contains(&word) || numbered(word),
            Label::MISC => {
                SPELLED.contains(&word)
                    || numbered(word) && super::words::EVENT_KINDS.contains(&words[span.start])
            }
            _ => false,
        };
        if free && joins {
            spans[i].start = before;
        }
    }
}

/// `German | Air Force`, `St. Louis | Eagles`, `New Jersey | Department of Public Safety`: a
/// place or a nationality right before an organisation, with nothing between, begins its
/// name. In eng.train 559 organisations begin with a name found alone elsewhere (`European
/// Union`, `Baltimore Orioles`, `Czech National Bank`), against 11 places and a few
/// nationalities tagged apart from the organisation after them (`U.S. | Senate`, `Russian |
/// Duma`). A hyphenated word (`Los Angeles-based | Miss Universe Inc.`) describes, and stays
/// apart; so does a place before an acronym (`Chicago | NAPM`, `Palestinian | U.N.`), which
/// is not a name's last words but a name of its own.
pub(super) fn place_before_organisation(spans: &mut Vec<Span>, words: &[&str]) {
    join_pairs(spans, |last, span| {
        // A nationality begins an organisation of generic words (`German Air Force`), not a
        // name of its own (`Palestinian | Hamas`, `Russian | Duma`).
        let begins = match last.label {
            Label::LOC => last.end - last.start <= 3,
            Label::MISC => last.end - last.start == 1 && span.end - span.start >= 2,
            _ => false,
        };
        (begins
            && last.end == span.start
            && span.label == Label::ORG
            && !words[last.end - 1].contains('-')
            && capitalised(words[span.start])
            && (span.end - span.start > 1 || words[span.start].contains(char::is_lowercase)))
        .then_some(Label::ORG)
    });
}

/// `Brigadier | General Ross G. Hoyt`, `Prime | Minister John Howard`: a one-word "person" right
/// before a title, with a person's name after it, is the title's first word. In eng.train the
/// word before a title before a person is never a person (`Prime Minister` 52 times, `Foreign
/// Minister` 27, `Palestinian President` 9, `Major General` …, none of some two hundred).
pub(super) fn title_before_title(spans: &mut Vec<Span>, words: &[&str]) {
    let title = |w: &str| TITLES.contains(&w) || OFFICES.contains(&w) || RANKS.contains(&w);
    let person_at =
        |spans: &[Span], at: usize| spans.iter().any(|s| s.start == at && s.label == Label::PER);
    let drop: Vec<Span> = spans
        .iter()
        .filter(|s| {
            s.label == Label::PER
                && s.end - s.start == 1
                && words.get(s.end).is_some_and(|w| title(w))
                && person_at(spans, s.end + 1)
        })
        .copied()
        .collect();
    spans.retain(|s| !drop.contains(s));
}

/// `the Domesday Book .`, `at Carnegie Hall .`: the full stop ending a sentence is no part of
/// the name before it, though the tagger now and then runs a name into it. A stop after an
/// abbreviation is (`Salomon Bros .`, `Benevolent Assoc .`, `Colo .`: every name of eng.train
/// ending in a stop ends so), and an abbreviation is short or no word the corpus writes in lower
/// case, where `Book` and `Hall` are.
pub(super) fn final_stop(spans: &mut [Span], words: &[&str], lexicons: &Lexicons) {
    for span in spans.iter_mut() {
        let (start, end) = (span.start, span.end);
        if end - start >= 2 && words[end - 1] == "." {
            let before = words[end - 2];
            let letters = before.chars().filter(|c| c.is_alphabetic()).count();
            if letters > 3 && lexicons.casing.sometimes_lower(before) {
                span.end -= 1;
            }
        }
    }
}

/// `Bosnia | and | Herzegovina`, `Trinidad | and | Tobago`: two names joined by `and` whose
/// whole is a place on the name lists are that one place (eng.train tags `Trinidad and Tobago`
/// whole, and `Bosnia | and Yugoslavia` apart, which no list has as one name).
pub(super) fn places_joined_by_and(spans: &mut Vec<Span>, words: &[&str], lexicons: &Lexicons) {
    join_pairs(spans, |last, span| {
        (span.start == last.end + 1
            && matches!(words[last.end], "and" | "&")
            && lexicons.gazetteer.lists(&words[last.start..span.end]) & super::PLACE != 0)
            .then_some(Label::LOC)
    });
}

#[cfg(test)]
mod tests {
    use super::super::notation::check_rule;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_place_or_nationality_begins_the_organisation_after_it() {
        // Apart: an acronym, a hyphenated modifier, a word between, a person, a two-word
        // nationality's event.
        check_rule(
            "place-before-organisation",
            &Lexicons::default(),
            &[
                "against the [German]MISC [Air Force]ORG => against the [German Air Force]ORG",
                "for the [St. Louis]LOC [Eagles]ORG => for the [St. Louis Eagles]ORG",
                "[Chicago]LOC [NAPM]ORG index",
                "[Palestinian]MISC [U.N.]ORG envoy",
                "the [Palestinian]MISC [Hamas]ORG group",
                "[Los Angeles-based]MISC [Miss Universe Inc.]ORG",
                "[Paris]LOC and [Lazard Freres]ORG",
                "[Anne Miller]PER [Lazard]ORG",
                "[UEFA Cup]MISC [Lyngby]ORG",
            ],
        );
    }

    #[test]
    fn a_title_s_first_word_is_no_person() {
        // A nationality stays; so does a person with no title after, or no person after it.
        check_rule("title-before-title", &Lexicons::default(), &[
            "; [Brigadier]PER General [Ross G. Hoyt]PER , => ; Brigadier General [Ross G. Hoyt]PER ,",
            "[Iraqi]MISC President [Saddam Hussein]PER",
            "[Major]PER said General [Hoyt]PER",
            "[Major]PER General [Motors]ORG",
        ]);
    }

    #[test]
    fn a_sentence_s_full_stop_is_no_part_of_a_name() {
        // After an abbreviation the stop is the name's.
        let mut lex = Lexicons::default();
        lex.casing.add_words("book\nhall\nno");
        check_rule(
            "final-stop",
            &lex,
            &[
                "in the [Domesday Book .]ORG => in the [Domesday Book]ORG .",
                "played at [Carnegie Hall .]ORG => played at [Carnegie Hall]ORG .",
                "bought by [Salomon Bros .]ORG",
                "the [CDU No .]ORG",
                "Denver , [Colo .]ORG",
            ],
        );
    }

    #[test]
    fn an_ordinal_before_a_battle_is_in_its_name() {
        check_rule("ordinal-before", &Lexicons::default(), &[
            "at the 2nd [Battle of Fredericksburg]MISC . => at the [2nd Battle of Fredericksburg]MISC .",
            "won the 10th [U.S. Open]MISC .",
        ]);
    }

    #[test]
    fn two_places_joined_by_and_that_are_one() {
        let mut lex = Lexicons::default();
        lex.gazetteer.add_list(
            1,
            "Bosnia and Herzegovina\nTrinidad and Tobago\nBosnia\nSerbia",
        );
        check_rule(
            "places-joined-by-and",
            &lex,
            &[
                "in [Bosnia]LOC and [Herzegovina]LOC . => in [Bosnia and Herzegovina]LOC .",
                "[Bosnia]LOC and [Serbia]LOC met",
            ],
        );
    }

    proptest! {
        /// Whatever the tagger found, the rule only joins two names that touch, the second an
        /// organisation: every word named before is named after, and nothing else changes.
        #[test]
        fn joins_only_touching_names(
            cuts in proptest::collection::vec((0usize..3, 0usize..4), 0..8),
            words in proptest::collection::vec(
                proptest::sample::select(vec!["German", "Air", "Force", "NATO", "U.S.-led", "said", "Ann"]),
                30,
            ),
        ) {
            let mut spans = Vec::new();
            let mut at = 0;
            for (gap, kind) in cuts {
                let (start, end) = (at + gap, at + gap + 1 + kind % 2);
                if end > words.len() {
                    break;
                }
                spans.push(Span::new(start, end, [Label::PER, Label::ORG, Label::LOC, Label::MISC][kind]));
                at = end;
            }
            let mut got = spans.clone();
            place_before_organisation(&mut got, &words);
            let named = |s: &[Span]| -> Vec<usize> { s.iter().flat_map(Span::range).collect() };
            prop_assert_eq!(named(&got), named(&spans));
            for s in &got {
                if !spans.contains(s) {
                    prop_assert_eq!(s.label, Label::ORG);
                    let parts: Vec<&Span> =
                        spans.iter().filter(|p| p.start >= s.start && p.end <= s.end).collect();
                    prop_assert_eq!(parts.len(), 2);
                    prop_assert_eq!(parts[0].end, parts[1].start);
                    prop_assert_eq!(parts[1].label, Label::ORG);
                }
            }
        }
    }
}
