//! Titles in quotation marks: `the album "Other Voices"`, `"Time Has Taken Its Toll On You"`.
//!
//! A work — a song, an album, a film, a book, a game, an operation — is MISC, and news and
//! encyclopedias alike write its title in quotes and in title case. The tagger reads each word
//! of it as what the word usually is (`Doctor` a title, `Dream` nothing), so it misses the
//! title or cuts it into pieces of other types. A quoted run of two to eight words, every one
//! capitalised but the small words between, is one title. Quoted speech is not: it has lower-case
//! words and punctuation.

use super::shared::{capital_or_digit, capitalised};
use super::words::TITLE_SMALL_WORDS;
use crate::model::Label;
use crate::tags::Span;

fn quote(w: &str) -> bool {
    matches!(w, "\"" | "``" | "''")
}

/// Whether `words` (what a pair of quotes holds) read as a title.
fn title(words: &[&str]) -> bool {
    (2..=8).contains(&words.len())
        && capital_or_digit(words[0])
        && capital_or_digit(words[words.len() - 1])
        && words
            .iter()
            .all(|w| capital_or_digit(w) || TITLE_SMALL_WORDS.contains(w))
}

/// Makes every quoted title of the sentence `words` one MISC span, in place of the spans the
/// tagger found inside it; a span reaching past the quotes is left as it is, and so is the
/// title.
pub(super) fn mend(words: &[&str], spans: &mut Vec<Span>) {
    let mut i = 0;
    while i < words.len() {
        if !quote(words[i]) {
            i += 1;
            continue;
        }
        let Some(len) = words[i + 1..].iter().position(|w| quote(w)) else {
            return;
        };
        let (start, end) = (i + 1, i + 1 + len);
        if title(&words[start..end]) {
            super::claim(spans, start, end, Label::MISC);
        }
        i = end + 1;
    }
}

/// Whether `w` is a model designation: one to four letters, a hyphen, a number (`P-47`,
/// `F-16`, `EF-111`, `MiG-29`).
fn designation(w: &str) -> bool {
    let Some((letters, number)) = w.split_once('-') else {
        return false;
    };
    let number = number
        .strip_suffix(|c: char| c.is_ascii_uppercase())
        .unwrap_or(number);
    (1..=4).contains(&letters.len())
        && letters.starts_with(|c: char| c.is_ascii_uppercase())
        && letters.bytes().all(|b| b.is_ascii_alphabetic())
        && (1..=4).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
}

/// A model designation followed by its name in title case (`P-47 Thunderbolt`, `F-16 Fighting
/// Falcon`) is one MISC name, as eng.train (`CAC-40 General`) and WikiGold tag them, where the
/// tagger took the name for a person. A name in capitals (a headline's `U-21 QUALIFIER`) or a
/// lower-case word after the designation (`F-16 fighter`) is left alone.
pub(super) fn designations(words: &[&str], spans: &mut Vec<Span>) {
    let title_case = |w: &str| capitalised(w) && w.chars().skip(1).any(char::is_lowercase);
    for i in 0..words.len() {
        if !designation(words[i]) {
            continue;
        }
        let name = words[i + 1..]
            .iter()
            .take(3)
            .take_while(|w| title_case(w))
            .count();
        let end = i + 1 + name;
        if name > 0 {
            super::claim(spans, i, end, Label::MISC);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::notation::check_rule;
    use super::*;
    use crate::tagger::Lexicons;
    use proptest::prelude::*;

    const CAPITALISED: &[&str] = &[
        "Other", "Voices", "Doctor", "Who", "Time", "Toll", "You", "1999", "Dream",
    ];

    /// Designations with their names are one MISC name; headlines in capitals, lower-case
    /// words after a designation and words that only look alike stay as they were.
    #[test]
    fn a_designation_and_its_name_are_one_misc_name() {
        check_rule(
            "designations",
            &Lexicons::default(),
            &[
                "the P-47 Thunderbolt flew => the [P-47 Thunderbolt]MISC flew",
                "an F-16 Fighting Falcon crashed => an [F-16 Fighting Falcon]MISC crashed",
                "the EF-111A Raven => the [EF-111A Raven]MISC",
                "an F-16 fighter crashed",
                "U-21 QUALIFIER",
                "Al-Qaeda Leader said",
                "the 1-0 Win",
            ],
        );
    }

    proptest! {
        /// A quoted run of capitalised words, small words between, is one MISC title in place of
        /// whatever the tagger found inside; a span reaching past a quote keeps the quote as it
        /// is; quoted speech (a lower-case word, a comma) and a single quoted word are no title.
        #[test]
        fn quoted_titles_are_one_misc_name(
            first in proptest::sample::select(CAPITALISED),
            middle in proptest::collection::vec(proptest::sample::select(
                [CAPITALISED, TITLE_SMALL_WORDS].concat()), 0..5),
            last in proptest::sample::select(CAPITALISED),
            inside in proptest::option::of((0usize..7, 1usize..3)),
            speech in proptest::sample::select(vec!["said", ","]),
        ) {
            let mut words = vec!["the", "album", "\""];
            words.push(first);
            words.extend(&middle);
            words.push(last);
            let end = words.len();
            words.extend(["\"", "sold", "well", "."]);
            let mut spans = Vec::new();
            if let Some((at, len)) = inside {
                let s = 3 + at.min(end - 4);
                spans.push(Span::new(s, (s + len).min(end), Label::PER));
            }
            let mut got = spans.clone();
            mend(&words, &mut got);
            prop_assert_eq!(got, vec![Span::new(3, end, Label::MISC)]);

            // A span from before the quotes into the title: left alone.
            let crossing = vec![Span::new(1, 4, Label::ORG)];
            let mut got = crossing.clone();
            mend(&words, &mut got);
            prop_assert_eq!(got, crossing);

            // Quoted speech: a lower-case word or a comma inside.
            let mut spoken = words.clone();
            spoken.insert(4, speech);
            let mut got = spans.clone();
            mend(&spoken, &mut got);
            prop_assert_eq!(got, spans.clone());

            // One quoted word.
            let one = ["he", "said", "\"", first, "\"", "."];
            let mut got = Vec::new();
            mend(&one, &mut got);
            prop_assert!(got.is_empty());
        }
    }
}
