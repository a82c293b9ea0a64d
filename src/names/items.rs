//! A numbered item's label is no name: `Milepost 0.8 : Scribner's spur`, `Stage 5 : …`,
//! `Step 2 : …`. A line that opens with a capitalised word, a number and a colon lists one
//! item of a series (a route's mileposts, a race's stages, a recipe's steps), and its first
//! word is a common noun capitalised by its place, where the tagger, which never saw such a
//! line (eng.train and eng.testa have none), read a one-word name. A name the tagger found
//! together with its number (`Apollo 11 :`, `Channel 4 :`) is not a label and stays, and so
//! does an acronym or abbreviation (`CPAC 2019 :`, `H.R. 1234 :`): a common noun is written in
//! title case, or in capitals where the training text writes it in lower case (`STAFFER 1 :`);
//! a name and a year (`Davos 2019 :`) are an edition of an event, no item. On US news of
//! 2012-2020 the rule without these tests dropped as many names as labels.
//!
//! On the models of 2026-12-06 (eight seeds) dev was level on every seed, since no such line is
//! in it, and WikiGold rose on every seed, mean 0.6980 -> 0.7004 (a railway's list of mileposts).

use super::shared::capitalised;
use crate::tagger::Lexicons;
use crate::tags::Span;

/// Whether `word` is a number as an item is numbered (`2`, `0.8`, `1,200`), not a year: a
/// name and a year (`Davos 2019 :`, `Election 2016 :`) are an edition of an event.
fn number(word: &str) -> bool {
    let year = word.len() == 4
        && (word.starts_with("19") || word.starts_with("20"))
        && word.bytes().all(|b| b.is_ascii_digit());
    word.starts_with(|c: char| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && !year
}

/// Whether `word` reads as a common noun capitalised by its place: in title case (no capital
/// or full stop after its first letter), or a word the training text writes in lower case.
fn common_noun(word: &str, lexicons: &Lexicons) -> bool {
    let mut rest = word.chars().skip(1);
    rest.all(|c| !c.is_uppercase() && c != '.') || lexicons.casing.usually_lower(word)
}

/// Drops the one-word name that opens `words` as a numbered item's label.
pub(super) fn mend(words: &[&str], spans: &mut Vec<Span>, lexicons: &Lexicons) {
    let [first, n, colon, ..] = words else {
        return;
    };
    let label = spans.first().is_some_and(|s| (s.start, s.end) == (0, 1))
        && capitalised(first)
        && common_noun(first, lexicons)
        && number(n)
        && *colon == ":"
        && !spans.iter().any(|s| s.start <= 1 && s.end > 1);
    if label {
        spans.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::super::notation::check_rule;
    use super::*;
    use crate::model::Label;
    use crate::tagger::Lexicons;
    use proptest::prelude::*;

    #[test]
    fn a_numbered_item_s_label_is_no_name() {
        let lex = Lexicons::default();
        for (label, n) in [
            ("Milepost", "19.5"),
            ("Stage", "2"),
            ("Step", "0.8"),
            ("Exit", "12"),
        ] {
            let case = format!(
                "[{label}]ORG {n} : [Bridgton Junction]LOC yard => {label} {n} : [Bridgton Junction]LOC yard"
            );
            check_rule("items", &lex, &[&case]);
        }
        // A name with its number, a name not followed by a number and colon, a name later
        // in the line: all stay.
        check_rule(
            "items",
            &lex,
            &[
                "[Apollo 11]MISC : the landing",
                "[Leeds]ORG 2 [Everton]ORG 1",
                "[Reuters]ORG : [Leeds]ORG 2 :",
                "[Windows]MISC 95 - review",
            ],
        );
    }

    proptest! {
        /// The rule drops at most the first name, and only a one-word one at the start.
        #[test]
        fn drops_at_most_an_opening_word(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["Stage", "2", "0.8", ":", "Paris", "the"]),
                0..8,
            ),
            lengths in proptest::collection::vec(1usize..3, 0..4),
        ) {
            let mut spans = Vec::new();
            let mut at = 0;
            for len in lengths {
                if at + len > words.len() {
                    break;
                }
                spans.push(Span::new(at, at + len, Label::ORG));
                at += len + 1;
            }
            let mut got = spans.clone();
            mend(&words, &mut got, &Lexicons::default());
            prop_assert!(got == spans || (got[..] == spans[1..] && spans[0] == Span::new(0, 1, Label::ORG)));
        }
    }
}
