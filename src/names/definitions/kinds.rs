//! The words a definition reads: kinds of thing and the type each names, and the phrases
//! around a name that give it a kind (`is a village`, `, an American band`, `the band`,
//! `the village of`).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::model::Label;
use crate::tags::Span;

/// Kinds of thing, each a common noun that names one type.
pub(super) const KINDS: &[(&str, Label)] = &[
    ("village", Label::LOC),
    ("town", Label::LOC),
    ("city", Label::LOC),
    ("hamlet", Label::LOC),
    ("municipality", Label::LOC),
    ("parish", Label::LOC),
    ("county", Label::LOC),
    ("district", Label::LOC),
    ("river", Label::LOC),
    ("lake", Label::LOC),
    ("mountain", Label::LOC),
    ("island", Label::LOC),
    ("suburb", Label::LOC),
    ("neighbourhood", Label::LOC),
    ("neighborhood", Label::LOC),
    ("province", Label::LOC),
    ("commune", Label::LOC),
    ("settlement", Label::LOC),
    ("locality", Label::LOC),
    ("peninsula", Label::LOC),
    ("valley", Label::LOC),
    ("port", Label::LOC),
    ("township", Label::LOC),
    ("borough", Label::LOC),
    ("country", Label::LOC),
    ("prison", Label::LOC),
    ("cave", Label::LOC),
    ("facility", Label::LOC),
    ("airport", Label::LOC),
    ("band", Label::ORG),
    ("company", Label::ORG),
    ("corporation", Label::ORG),
    ("firm", Label::ORG),
    ("club", Label::ORG),
    ("party", Label::ORG),
    ("organisation", Label::ORG),
    ("organization", Label::ORG),
    ("agency", Label::ORG),
    ("university", Label::ORG),
    ("college", Label::ORG),
    ("newspaper", Label::ORG),
    ("broadcaster", Label::ORG),
    ("airline", Label::ORG),
    ("manufacturer", Label::ORG),
    ("retailer", Label::ORG),
    ("charity", Label::ORG),
    ("association", Label::ORG),
    ("society", Label::ORG),
    ("institute", Label::ORG),
    ("bank", Label::ORG),
    ("publisher", Label::ORG),
    ("conglomerate", Label::ORG),
    ("brand", Label::ORG),
    ("group", Label::ORG),
    ("network", Label::ORG),
    ("journal", Label::ORG),
    ("magazine", Label::ORG),
    ("team", Label::ORG),
    ("label", Label::ORG),
    ("chain", Label::ORG),
    ("album", Label::MISC),
    ("single", Label::MISC),
    ("song", Label::MISC),
    ("film", Label::MISC),
    ("movie", Label::MISC),
    ("novel", Label::MISC),
    ("opera", Label::MISC),
    ("musical", Label::MISC),
    ("sitcom", Label::MISC),
    ("documentary", Label::MISC),
    ("language", Label::MISC),
    ("festival", Label::MISC),
    ("anthem", Label::MISC),
    ("episode", Label::MISC),
    ("series", Label::MISC),
    ("tournament", Label::MISC),
    ("car", Label::MISC),
    ("singer", Label::PER),
    ("musician", Label::PER),
    ("actor", Label::PER),
    ("actress", Label::PER),
    ("politician", Label::PER),
    ("footballer", Label::PER),
    ("cricketer", Label::PER),
    ("player", Label::PER),
    ("writer", Label::PER),
    ("author", Label::PER),
    ("novelist", Label::PER),
    ("poet", Label::PER),
    ("painter", Label::PER),
    ("rapper", Label::PER),
    ("composer", Label::PER),
    ("journalist", Label::PER),
    ("businessman", Label::PER),
    ("businesswoman", Label::PER),
    ("lawyer", Label::PER),
    ("officer", Label::PER),
    ("general", Label::PER),
];

/// Words that end the phrase before a kind: `a group of`, `an analyst with`.
pub(super) const STOPS: &[&str] = &[
    "with", "of", "in", "for", "from", "by", "at", "on", "to", "that", "who", "which", "and", "or",
    "as",
];

/// Verbs of reporting after the kind, which make it a clause's subject, not the name's
/// apposition (`Eritrea, an official newspaper reported`).
pub(super) const REPORTING: &[&str] = &[
    "said", "says", "reported", "reports", "quoted", "added", "told",
];

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
            let named_after = next.starts_with(char::is_uppercase);
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

/// Kinds of place written `the KIND of NAME` (`the village of Aisby`, `the port of Whittier`).
pub(super) const PLACES_OF: &[&str] = &[
    "village",
    "town",
    "city",
    "hamlet",
    "municipality",
    "parish",
    "county",
    "district",
    "province",
    "island",
    "port",
    "borough",
    "township",
    "suburb",
    "commune",
];

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

/// Words that may join a title's or a band's capitalised words (`30 Seconds to Mars`, `A
/// Storm to Come`, `League of Rights`).
pub(super) const SMALL: &[&str] = &[
    "to", "of", "the", "and", "&", "a", "an", "in", "on", "for", "from", "de", "at", "by",
];

/// Words that open sentences, not titles: prepositions, conjunctions, adverbs of time,
/// pronouns and determiners other than an article.
pub(super) const OPENERS: &[&str] = &[
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "When",
    "While",
    "If",
    "As",
    "Although",
    "Though",
    "Because",
    "Yesterday",
    "Today",
    "Tomorrow",
    "Last",
    "This",
    "That",
    "These",
    "Those",
    "Earlier",
    "Later",
    "Meanwhile",
    "However",
    "But",
    "And",
    "Or",
    "So",
    "Then",
    "Now",
    "There",
    "Here",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "Also",
    "Both",
    "Some",
    "Many",
    "Most",
    "Every",
    "Each",
    "No",
    "Not",
    "Only",
    "Even",
    "Under",
    "Over",
    "Through",
    "Across",
    "Against",
    "Among",
    "Between",
    "Without",
    "Within",
    "With",
    "Into",
    "Despite",
    "Following",
    "According",
    "Like",
    "Unlike",
    "Once",
    "Shortly",
    "Soon",
    "Next",
];
