//! What the name rules share: the name lists' bits, making a run of words one span, the one
//! label the lists give some words, the prefixes and particles names carry, and whether a word
//! is written as a name's (a capital, or a capital or digit in a title).

use crate::model::Label;
use crate::tagger::Lexicons;
use crate::tags::Span;

/// Bits of the name lists: given names; the training set's organisations, places, other names.
pub(super) const GIVEN_NAME: u8 = 1 << 0;
pub(super) const PLACE: u8 = 1 << 1;
pub(super) const NATIONALITY: u8 = 1 << 2;
pub(super) const TRAINING_PERSON: u8 = 1 << 3;
pub(super) const TRAINING_ORGANISATION: u8 = 1 << 4;
pub(super) const TRAINING_PLACE: u8 = 1 << 5;
pub(super) const TRAINING_MISC: u8 = 1 << 6;

/// Whether `word` starts with a capital: the first evidence of a name every rule reads.
pub(super) fn capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
}

/// Whether `word` starts with a capital or a digit: a word of a title or a name (`Apollo 11`,
/// `2001`).
pub(super) fn capital_or_digit(word: &str) -> bool {
    word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// Makes `start..end` one span of `label` in place of the spans inside it, unless a span
/// reaches past either end. `spans` stay sorted.
pub(super) fn claim(spans: &mut Vec<Span>, start: usize, end: usize, label: Label) {
    let crosses = spans
        .iter()
        .any(|s| s.start < end && s.end > start && (s.start < start || s.end > end));
    if !crosses {
        spans.retain(|s| s.end <= start || s.start >= end);
        let at = spans.partition_point(|s| s.start < start);
        spans.insert(at, Span::new(start, end, label));
    }
}

/// The one type the name lists give `words` as a whole, if they agree on one.
pub(super) fn label_of(words: &[&str], lexicons: &Lexicons) -> Option<Label> {
    let lists = lexicons.gazetteer.lists(words);
    let mut types = [
        (Label::PER, GIVEN_NAME | TRAINING_PERSON),
        (Label::ORG, TRAINING_ORGANISATION),
        (Label::LOC, PLACE | TRAINING_PLACE),
        (Label::MISC, NATIONALITY | TRAINING_MISC),
    ]
    .into_iter()
    .filter(|&(_, bits)| lists & bits != 0);
    match (types.next(), types.next()) {
        (Some((label, _)), None) => Some(label),
        _ => None,
    }
}

/// `pro-Iran`, `anti-Western`, `ex-Soviet`, `non-Muslim`: an English prefix before a name.
pub(super) fn modifier(word: &str) -> bool {
    ["pro-", "anti-", "ex-", "non-"].iter().any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
    })
}

/// `al-Haq`, `el-Sisi`, `ash-Sharq`: the Arabic article joined to a capitalised name.
pub(super) fn particle_name(word: &str) -> bool {
    [
        "al-", "el-", "ad-", "an-", "ar-", "as-", "ash-", "at-", "az-",
    ]
    .iter()
    .any(|p| {
        word.strip_prefix(p)
            .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase))
    })
}
