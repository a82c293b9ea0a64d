//! Holidays and observances are MISC, as CoNLL tags them (`Labour Day`, `Independence Day`,
//! `Australia Day`, `New Year` in eng.train; `Thanksgiving` in WikiGold). The tagger never saw
//! a religious or national holiday outside Reuters' August of 1996, and reads `Christmas` as a
//! person, `Diwali` as an organisation, `Thanksgiving` as nothing.
//!
//! The names are those of `data/gazetteers/holidays.txt` (date-holidays, every country's, in
//! English, as the tokenizer splits them; provenance in its README). A name of one word is
//! taken only when it is on no name list and not a common lower-case word, which leaves out
//! the list's odd words (`Tourism`, `Statehood`, the given name `Mujtaba`).

use std::collections::HashMap;
use std::sync::OnceLock;

use super::shared::capitalised;
use crate::model::Label;
use crate::tagger::Lexicons;
use crate::tags::Span;

/// The holiday names split into tokens as the list writes them, by their first token in lower
/// case, longest first.
fn names() -> &'static HashMap<String, Vec<Vec<String>>> {
    static NAMES: OnceLock<HashMap<String, Vec<Vec<String>>>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for line in include_str!("../../data/gazetteers/holidays.txt").lines() {
            let tokens: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
            if let Some(first) = tokens.first() {
                by_first
                    .entry(first.to_lowercase())
                    .or_default()
                    .push(tokens);
            }
        }
        for names in by_first.values_mut() {
            names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        }
        by_first
    })
}

/// Makes each holiday's name one MISC span, the longest name at each capitalised word.
/// Spans inside give way; a span that reaches past either end (`Christmas Island`) leaves the
/// words as they are.
pub(super) fn mend(words: &[&str], spans: &mut Vec<Span>, lexicons: &Lexicons) {
    let names = names();
    let mut i = 0;
    while i < words.len() {
        let mut len = 0;
        if capitalised(words[i]) {
            // Lower-cased on the stack: this runs for every capitalised word tagged.
            let mut buf = [0u8; 24];
            let w = words[i];
            let lower: std::borrow::Cow<'_, str> = if w.len() <= buf.len() && w.is_ascii() {
                buf[..w.len()].copy_from_slice(w.as_bytes());
                buf[..w.len()].make_ascii_lowercase();
                std::str::from_utf8(&buf[..w.len()]).map_or(w.to_lowercase().into(), Into::into)
            } else {
                w.to_lowercase().into()
            };
            if let Some(candidates) = names.get(&*lower) {
                len = candidates
                    .iter()
                    .find(|name| {
                        name.len() <= words.len() - i
                            && name.iter().zip(&words[i..]).all(|(n, w)| same(n, w))
                            && (name.len() > 1
                                || (lexicons.gazetteer.lists(&words[i..=i]) == 0
                                    && !lexicons.casing.usually_lower(words[i])))
                    })
                    .map_or(0, Vec::len);
            }
        }
        if len > 0 {
            super::claim(spans, i, i + len, Label::MISC);
            i += len;
        } else {
            i += 1;
        }
    }
}

/// Whether `word` is the name's token `name`: the same letters, and a capital where the name
/// has one (`Election Day`, not `Election day`); a headline's capitals match any.
fn same(name: &str, word: &str) -> bool {
    name.to_lowercase() == word.to_lowercase() && capitalised(name) == capitalised(word)
}

#[cfg(test)]
mod tests {
    use super::super::notation::check_rule;
    use super::*;

    #[test]
    fn holidays_are_misc_whatever_the_tagger_made_of_them() {
        check_rule("holidays", &Lexicons::default(), &[
            "came before [Christmas]PER and Thanksgiving . => came before [Christmas]MISC and [Thanksgiving]MISC .",
            "[Hindus]MISC celebrated [Diwali]ORG on [New Year]LOC 's Day . => [Hindus]MISC celebrated [Diwali]MISC on [New Year 's Day]MISC .",
            // A headline's capitals too.
            "CHRISTMAS SALES RISE => [CHRISTMAS]MISC SALES RISE",
            // A name reaching past a holiday, and lower-case words, stay.
            "[Christmas Island]LOC is remote .",
            "the christmas tree",
            "Election day came .",
        ]);
    }

    #[test]
    fn a_one_word_name_on_a_name_list_or_a_common_word_is_not_taken() {
        let mut lexicons = Lexicons::default();
        lexicons.gazetteer.add_list(3, "Mujtaba");
        lexicons.casing.add_words("tourism");
        check_rule(
            "holidays",
            &lexicons,
            &["[Mujtaba]PER said .", "Tourism grew ."],
        );
    }
}
