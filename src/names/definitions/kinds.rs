//! The words a definition reads: kinds of thing and the type each names, and the phrases
//! around a name that give it a kind (`is a village`, `, an American band`, `the band`,
//! `the village of`).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::super::shared::capitalised;
use super::super::words::{KINDS, PLACES_OF, REPORTING, STOPS};
use crate::model::Label;
use crate::tags::Span;

/// The kind `words[i..]` give the name before them when they read `a/an KIND`, up to three
/// modifiers between (`a former province`), none of them a preposition or conjunction.
pub(super) fn kind_after(words: &[&str], mut i: usize, the: bool) -> Option<Label> {
    let article = match words.get(i) {
        Some(&("a" | "an")) => true,
        Some(&"the") => the,
        _ => false,
    };
    if !article {
        return None;
    }
    i += 1;
    for j in i..words.len().min(i + 4) {
        let w = words[j];
        if let Some(label) = kind(w) {
            // `Eritrea, an official newspaper reported`; `Cowley was the team 's …`.
            let next = words.get(j + 1).copied().unwrap_or(".");
            let clause = REPORTING.contains(&next) || next.starts_with('\'');
            // The kind must be the phrase's head: `a hotel waiter`, `a park developer` name
            // a waiter and a developer, `a group of boy scouts` the scouts.
            let noun_after = next.chars().all(char::is_lowercase)
                && !STOPS.contains(&next)
                && !next.ends_with("ed")
                && !matches!(next, "that" | "whose" | "where" | "when");
            let group_of = w == "group" && matches!(next, "of" | "one");
            // `Wang Donghai, the pressure group Human Rights in China said`: the kind is the
            // name after it, which is the clause's subject.
            let named_after = capitalised(next);
            return (!clause && !noun_after && !group_of && !named_after).then_some(label);
        }
        let modifier = w.chars().all(|c| c.is_alphabetic() || c == '-') && !w.is_empty();
        if !modifier || STOPS.contains(&w) {
            return None;
        }
    }
    None
}

/// The type `word` names as a kind of thing. The rules ask this of every word of a document,
/// so the kinds are a hash map built once, not a list searched each time.
pub(super) fn kind(word: &str) -> Option<Label> {
    static MAP: OnceLock<FxHashMap<&'static str, Label>> = OnceLock::new();
    // Every kind is a lower-case word of 3 to 13 letters: most words of a text are no kind
    // (`the`, `of`), and names start with a capital.
    if !(3..=13).contains(&word.len()) || !word.starts_with(|c: char| c.is_ascii_lowercase()) {
        return None;
    }
    MAP.get_or_init(|| KINDS.iter().copied().collect())
        .get(word)
        .copied()
}

/// The kind the words from `end` on give the name that ends there (`is a village`, `, a
/// band`, `( 1890 - 1960 ) was a politician`).
pub(super) fn defined_after(words: &[&str], end: usize) -> Option<Label> {
    let copula = |w: Option<&&str>| matches!(w, Some(&("is" | "was" | "are" | "were")));
    match words.get(end) {
        Some(&",") => kind_after(words, end + 1, true),
        w if copula(w) => kind_after(words, end + 1, true),
        // `Carter Anthony Beauford ( born November 2 , 1957 )`: only people are born.
        Some(&"(") if words.get(end + 1) == Some(&"born") => Some(Label::PER),
        // `Albert Wren ( 1890 – 1960 ) was an Ontario politician`.
        Some(&"(") => words[end..]
            .iter()
            .position(|w| *w == ")")
            .map(|close| end + close + 1)
            .filter(|&i| copula(words.get(i)))
            .and_then(|i| kind_after(words, i + 1, true)),
        _ => None,
    }
}

/// The kind a sentence gives the name `span`, if it gives one: after it (`NAME is a KIND`,
/// `NAME, a KIND`, `NAME ( born 1890 ) was a KIND`) or before it (`the band Korn`, `the village
/// of Aisby`).
pub(super) fn defined(words: &[&str], span: &Span) -> Option<Label> {
    if let Some(label) = defined_after(words, span.end) {
        return Some(label);
    }
    let start = span.start;
    let before = start.checked_sub(1).map(|i| words[i]);
    // `the village of Aisby`.
    if start >= 2 && before == Some("of") && PLACES_OF.contains(&words[start - 2]) {
        return Some(Label::LOC);
    }
    // `the band Korn`, `rapper Kanye West`; not a name in capitals, which may be a headline's
    // (`central district SOLIDERE`), nor a full name made something else (`the democratic
    // party Vladimir Zhirinovsky`).
    let label = kind(before?)?;
    let shouting = words[span.range()]
        .iter()
        .all(|w| !w.chars().any(char::is_lowercase));
    let full_name = span.label == Label::PER && span.end - span.start >= 2;
    (!shouting && (!full_name || label == Label::PER)).then_some(label)
}
