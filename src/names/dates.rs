//! Dates at the edge of a name: a month or a weekday the tagger swept into the name after it
//! (`September Treasury`, `Monday Yeltsin`), which is the date, not the name.

use crate::model::Label;
use crate::numbers::{MONTHS, WEEKDAYS};

/// Whether `word` is a month or a weekday that cannot start a name of type `label`: a month
/// starts none (but `May`, and the months that are given names start people's), a weekday no
/// person's (newspapers are named by weekdays: `Sunday Times`).
pub(super) fn date_word(word: &str, label: Label) -> bool {
    let given = matches!(word, "April" | "June" | "July" | "August");
    if label == Label::PER {
        weekday(word) || month(word) && !given
    } else {
        month(word)
    }
}

/// Whether `word` is a month (`May` aside, a word as much as a month) or a weekday, whatever
/// name it might start: the rules that look for a title or a defined name leave dates out.
pub(super) fn any_date(word: &str) -> bool {
    month(word) || weekday(word)
}

/// Whether `word` is written as a month or a weekday is inside a sentence, `January`,
/// `Monday` (the lists are the numbers rules', `crate::numbers`); `May` aside, a word as much
/// as a month.
fn month(word: &str) -> bool {
    word != "May" && written_as(word, &MONTHS[..12])
}

fn weekday(word: &str) -> bool {
    written_as(word, WEEKDAYS)
}

/// `word` is one of `list` (lower case) with a capital, compared without allocating: this
/// runs for every name's first word.
fn written_as(word: &str, list: &[&str]) -> bool {
    written_as_name(word) && list.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// A capital, then lower case (`September`, not `SEPTEMBER`, which a headline writes).
fn written_as_name(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::Lexicons;
    use crate::tags::Span;

    /// A month or weekday swept into a name leaves it; a paper named by its weekday and a
    /// person named by a month keep theirs; a country after `Air` is an airline.
    #[test]
    fn dates_leave_names_and_air_makes_airlines() {
        use Label::*;
        type Case<'a> = (&'a str, (usize, usize, Label), (&'a str, Label));
        let cases: &[Case] = &[
            (
                "September Treasury bills fell",
                (0, 2, ORG),
                ("Treasury", ORG),
            ),
            ("Monday Yeltsin said", (0, 2, PER), ("Yeltsin", PER)),
            ("the Sunday Times said", (1, 3, ORG), ("Sunday Times", ORG)),
            ("June Carter sang", (0, 2, PER), ("June Carter", PER)),
            ("flew Air France to", (2, 3, LOC), ("Air France", ORG)),
            ("the air France needs", (2, 3, LOC), ("France", LOC)),
        ];
        for &(sentence, span, (text, label)) in cases {
            let words: Vec<&str> = sentence.split(' ').collect();
            let tags = crate::tags::tags_of(&[Span::new(span.0, span.1, span.2)], words.len());
            let got: Vec<(String, Label)> =
                super::super::spans(&tags, &words, &Lexicons::default())
                    .iter()
                    .map(|s| (words[s.range()].join(" "), s.label))
                    .collect();
            assert_eq!(got, [(text.to_owned(), label)], "{sentence}");
        }
    }
}
