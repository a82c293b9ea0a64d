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
    use super::super::notation::check_rule;
    use crate::tagger::Lexicons;

    /// A month or weekday swept into a name leaves it; a paper named by its weekday and a
    /// person named by a month keep theirs; a country after `Air` is an airline.
    #[test]
    fn dates_leave_names_and_air_makes_airlines() {
        let lex = Lexicons::default();
        check_rule(
            "date-before",
            &lex,
            &[
                "[September Treasury]ORG bills fell => September [Treasury]ORG bills fell",
                "[Monday Yeltsin]PER said => Monday [Yeltsin]PER said",
                "the [Sunday Times]ORG said",
                "[June Carter]PER sang",
            ],
        );
        check_rule(
            "air-before-country",
            &lex,
            &[
                "flew Air [France]LOC to => flew [Air France]ORG to",
                "the air [France]LOC needs",
            ],
        );
    }
}
