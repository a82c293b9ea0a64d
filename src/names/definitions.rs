//! A name the text says what it is: `Aisby is a village in Lincolnshire`, `Fairfax Media, an
//! Australian media company`, `Albert Wren was an Ontario politician`. The kind (`village`,
//! `company`, `politician`) decides the name's type there and wherever else the document
//! names it the same way.
//!
//! An encyclopaedia opens every article so, and news introduces the unfamiliar the same way
//! (`Dahshour, a village 40 km south of Cairo`, `Scorpion Minerals Inc, a junior gold
//! exploration company`). The tagger has to guess a name it never saw from its shape and its
//! neighbours, and reads an English village as a person; the kind a sentence gives is plain
//! evidence. Over the gold names of eng.train and eng.testa the kind given agrees with the
//! type 30 times of 30 (22 and 8); over WikiGold's 29 of 30 — the other is `… from
//! Massachusetts is an American rapper`, where the name before `is` is not the subject.
//! Over eight seeds dev 0.9399 -> 0.9406 and WikiGold 0.6564 -> 0.6617, every seed up on both.
//!
//! A definition is `NAME is/was/are/were a/an KIND` or `NAME, a/an KIND`, with up to three
//! modifying words between the article and the kind (`a former province`, `an American
//! rapper`) but no preposition or conjunction (`a group of`, `an analyst with Gartner`), maybe
//! with a bracket after the name (`Albert Wren ( 1890 - 1960 ) was …`); or the kind right
//! before the name (`the band Korn`, `rapper Kanye West`) or a place's kind and `of` (`the
//! village of Aisby`). Over gold names the kind before agrees with the type 66 times of 69 in
//! eng.train (the others a headline's capitals and `the democratic party Vladimir
//! Zhirinovsky`, both now left out), 12 of 12 in eng.testa and 35 of 36 in WikiGold; `KIND of`
//! 99, 31 and 27 times of as many. With them, over eight seeds, dev 0.9406 -> 0.9407 (four
//! seeds up, none down) and WikiGold 0.6617 -> 0.6709, every seed up. After a copula `the`
//! also introduces a kind (`010 is the tenth album`; not `Cowley was the team 's …`), and
//! products, series, brands and chains are kinds too: dev 0.9407 -> 0.9424 (eng.testa's
//! `distribution chain Ruch SA` makes ten `Ruch`es an organisation, not a person) and
//! WikiGold 0.6709 -> 0.6733, every seed up on both.
//!
//! Where the tagger found no name before a definition, the capitalised words there are one
//! (`Bilje is a village`, `he joined Secrets, a jazz fusion band`), and so are their other
//! mentions inside a sentence: dev level on every seed (its only candidate, `It is a very true
//! film`, is a word the text also writes in lower case) and WikiGold 0.6733 -> 0.6746, every
//! seed up.
//!
//! A defined name a sentence opens with is the whole run of capitalised words, numbers and
//! small words before the definition (`30 Seconds to Mars is an American rock band`, where
//! the tagger found `Mars`), and its other mentions in the document are that name where the
//! tagger found it in pieces: dev level on every seed, WikiGold 0.6829 -> 0.6878, every seed
//! up. The kind must head its phrase (`a hotel waiter` is a waiter); groups, networks,
//! journals, magazines, teams, prisons, caves, facilities and airports are kinds too (`telecoms
//! group LM Ericsson`, `television network CNBC`): dev 0.9435 -> 0.9437 and WikiGold 0.6906
//! -> 0.6913, every seed up on both. The capitalised run right after a kind is a name of it
//! where the tagger found none or only pieces (`the album Darkness Death Doom`, `the group
//! Human Rights in China`): dev 0.9437 -> 0.9442, every seed up; WikiGold 0.6913 -> 0.6915,
//! none down.

use std::collections::HashMap;

use crate::model::Label;
use crate::tagger::{style, Lexicons, Style};
use crate::tags::Span;

/// Kinds of thing, each a common noun that names one type.
const KINDS: &[(&str, Label)] = &[
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
const STOPS: &[&str] = &[
    "with", "of", "in", "for", "from", "by", "at", "on", "to", "that", "who", "which", "and", "or",
    "as",
];

/// Verbs of reporting after the kind, which make it a clause's subject, not the name's
/// apposition (`Eritrea, an official newspaper reported`).
const REPORTING: &[&str] = &[
    "said", "says", "reported", "reports", "quoted", "added", "told",
];

/// The kind `words[i..]` give the name before them when they read `a/an KIND`, up to three
/// modifiers between (`a former province`), none of them a preposition or conjunction.
fn kind_after(words: &[&str], mut i: usize, the: bool) -> Option<Label> {
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
            return (!clause && !noun_after && !group_of).then_some(label);
        }
        let modifier = w.chars().all(|c| c.is_alphabetic() || c == '-') && !w.is_empty();
        if !modifier || STOPS.contains(&w) {
            return None;
        }
    }
    None
}

fn kind(word: &str) -> Option<Label> {
    KINDS
        .iter()
        .find(|(k, _)| *k == word)
        .map(|&(_, label)| label)
}

/// Kinds of place written `the KIND of NAME` (`the village of Aisby`, `the port of Whittier`).
const PLACES_OF: &[&str] = &[
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
fn defined_after(words: &[&str], end: usize) -> Option<Label> {
    let copula = |w: Option<&&str>| matches!(w, Some(&("is" | "was" | "are" | "were")));
    match words.get(end) {
        Some(&",") => kind_after(words, end + 1, false),
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
fn defined(words: &[&str], span: &Span) -> Option<Label> {
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

/// The names the tagger missed that a definition names in sentence `words`: the capitalised
/// words right before `is a village` or `, a band` with no name on them (`Bilje is a village
/// and municipality`, `he joined Secrets, a jazz fusion band`). A sentence's first word that
/// the text usually writes in lower case is no name (`It is a village`), nor its first `The`;
/// a headline's capitals say nothing.
fn unnamed(words: &[&str], spans: &[Span], lexicons: &Lexicons) -> Vec<Span> {
    let mut found = Vec::new();
    if style(words) != Style::Normal {
        return found;
    }
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    for end in 1..words.len() {
        let Some(label) = defined_after(words, end) else {
            continue;
        };
        let run = words[..end]
            .iter()
            .rev()
            .take(6)
            .take_while(|w| capitalised(w))
            .count();
        let mut start = end - run;
        if start == end {
            continue;
        }
        // A sentence may start inside the words (`… I have . It is a very true film`).
        let opens = |i: usize| {
            i == 0
                || matches!(
                    words[i - 1],
                    "." | "!" | "?" | ":" | ";" | "\"" | "(" | "-" | "--"
                )
        };
        // A sentence's `The` is not part of the name (`The Echelon is a street team`).
        if opens(start) && words[start] == "The" {
            start += 1;
        }
        let first_word =
            opens(start) && end == start + 1 && lexicons.casing.sometimes_lower(words[start]);
        let taken = spans.iter().any(|s| s.start < end && s.end > start);
        if start < end && !first_word && !taken {
            found.push(Span::new(start, end, label));
        }
    }
    // `the album Darkness Death Doom`, `record label Distance Records`: the capitalised run
    // right after a kind, up to six words, no date among them.
    for k in 0..words.len().saturating_sub(1) {
        let Some(label) = kind(words[k]) else {
            continue;
        };
        let date = |w: &&str| {
            super::dates::date_word(w, Label::ORG) || super::dates::date_word(w, Label::PER)
        };
        // Small words join capitalised ones (`group Human Rights in China`), never end them.
        let word = |w: &&str| {
            capitalised(w) && !date(w) && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        };
        let mut run = 0;
        for (n, w) in words[k + 1..].iter().take(6).enumerate() {
            if word(w) {
                run = n + 1;
            } else if !(n > 0 && SMALL.contains(w)) {
                break;
            }
        }
        let (start, end) = (k + 1, k + 1 + run);
        // Names the tagger found inside the run give way to it; one reaching out of it stays.
        let crossing = spans
            .iter()
            .chain(&found)
            .any(|s| s.start < end && s.end > start && (s.start < start || s.end > end));
        let inside = spans.iter().any(|s| s.start >= start && s.end <= end);
        // As for a kind before a name the tagger found: not a person's name made something
        // else (`the democratic party Vladimir Zhirinovsky`), not a headline's capitals.
        let person = label != Label::PER
            && spans
                .iter()
                .any(|s| s.start >= start && s.end <= end && s.label == Label::PER);
        let shouting = words[start..end]
            .iter()
            .all(|w| !w.chars().any(char::is_lowercase));
        if run > 0 && !crossing && !(inside && run == 1) && !person && !shouting {
            found.push(Span::new(start, end, label));
        }
    }
    found.sort_by_key(|s| s.start);
    found
}

/// Words that may join a title's or a band's capitalised words (`30 Seconds to Mars`, `A
/// Storm to Come`, `League of Rights`).
const SMALL: &[&str] = &[
    "to", "of", "the", "and", "&", "a", "an", "in", "on", "for", "from", "de", "at", "by",
];

/// Words that open sentences, not titles: prepositions, conjunctions, adverbs of time,
/// pronouns and determiners other than an article.
const OPENERS: &[&str] = &[
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

/// Grows a defined name that the sentence opens with to the sentence's first word: the
/// subject of `30 Seconds to Mars is an American rock band` is the whole run of capitalised
/// words, numbers and small words before `is`, where the tagger found `Mars`. A sentence's
/// first `The` stays out, and so does a run holding another name.
fn subjects(words: &[&str], spans: &mut [Span]) {
    let start = usize::from(words.first() == Some(&"The"));
    let Some(first) = spans.first().copied() else {
        return;
    };
    if first.start <= start || defined_after(words, first.end).is_none() {
        return;
    }
    let run = &words[start..first.start];
    let title = |w: &&str| w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    // `In 1990 Fairfax Media was a …`, `Last Monday Acme was a …`: a sentence's opening
    // word or a date is not a title's.
    let date =
        |w: &&str| super::dates::date_word(w, Label::ORG) || super::dates::date_word(w, Label::PER);
    if title(&run[0])
        && !OPENERS.contains(&run[0])
        && !run.iter().any(date)
        && run.iter().all(|w| title(w) || SMALL.contains(w))
    {
        spans[0] = Span::new(start, first.end, first.label);
    }
}

/// Records that `name` is defined as `label`; a second, different definition undoes it.
/// Names are compared without case: Wikipedia opens `CALOI is a major Brazilian
/// manufacturer` and goes on with `Caloi`, a headline writes `AISBY`.
fn define(kinds: &mut HashMap<Vec<String>, Option<Label>>, name: &[&str], label: Label) {
    kinds
        .entry(key(name))
        .and_modify(|k| {
            if *k != Some(label) {
                *k = None;
            }
        })
        .or_insert(Some(label));
}

fn key(name: &[&str]) -> Vec<String> {
    name.iter().map(|w| w.to_lowercase()).collect()
}

/// Relabels every name the document defines, here and wherever the same words are a name of
/// the document, and names those the tagger missed, at the definition and at every other
/// mention inside a sentence. A name defined as two different kinds keeps the tagger's labels.
pub fn mend(words: &[Vec<&str>], spans: &mut [Vec<Span>], lexicons: &Lexicons) {
    let mut kinds: HashMap<Vec<String>, Option<Label>> = HashMap::new();
    for (w, ss) in words.iter().zip(spans.iter_mut()) {
        subjects(w, ss);
        for s in ss.iter() {
            if let Some(label) = defined(w, s) {
                define(&mut kinds, &w[s.range()], label);
            }
        }
        for s in unnamed(w, ss, lexicons) {
            define(&mut kinds, &w[s.range()], s.label);
            ss.retain(|t| t.end <= s.start || t.start >= s.end);
            let at = ss.partition_point(|t| t.start < s.start);
            ss.insert(at, s);
        }
    }
    if kinds.is_empty() {
        return;
    }
    for (w, ss) in words.iter().zip(spans.iter_mut()) {
        for s in ss.iter_mut() {
            if let Some(Some(label)) = kinds.get(&key(&w[s.range()])) {
                s.label = *label;
            }
        }
        // Other mentions the tagger missed, inside a sentence of prose.
        if style(w) != Style::Normal {
            continue;
        }
        for (name, label) in &kinds {
            let Some(label) = *label else { continue };
            let n = name.len();
            let mut i = 0;
            while i + n <= w.len() {
                let overlapping = ss.iter().filter(|s| s.start < i + n && s.end > i);
                let inside = overlapping.clone().all(|s| s.start >= i && s.end <= i + n);
                // A mention the tagger missed, not a sentence's first word; or one it found
                // in pieces (`Mars` of `30 Seconds to Mars`).
                let missed = overlapping.clone().next().is_none() && i > 0;
                let pieces = n >= 2 && overlapping.count() >= 1 && inside;
                let same = || {
                    w[i].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                        && w[i..i + n]
                            .iter()
                            .zip(name)
                            .all(|(a, b)| a.to_lowercase() == *b)
                };
                if (missed || pieces) && same() {
                    ss.retain(|s| s.end <= i || s.start >= i + n);
                    let at = ss.partition_point(|t| t.start < i);
                    ss.insert(at, Span::new(i, i + n, label));
                    i += n;
                } else {
                    i += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;

    fn run(sentences: &[&str], spans: &[&[(usize, usize, Label)]]) -> Vec<Vec<Label>> {
        let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
        let mut spans: Vec<Vec<Span>> = spans
            .iter()
            .map(|ss| ss.iter().map(|&(s, e, l)| Span::new(s, e, l)).collect())
            .collect();
        mend(&words, &mut spans, &Lexicons::default());
        spans
            .iter()
            .map(|ss| ss.iter().map(|s| s.label).collect())
            .collect()
    }

    /// The capitalised run right after a kind is a name of that kind where the tagger found
    /// none or only pieces of it; not a person's name, a date, a letter or a headline.
    #[test]
    fn a_run_after_a_kind_is_a_name_of_it() {
        use Label::*;
        type Case<'a> = (
            &'a str,
            &'a [(usize, usize, Label)],
            &'a [(usize, usize, Label)],
        );
        let cases: &[Case] = &[
            ("the album Darkness Death Doom sold", &[], &[(2, 5, MISC)]),
            (
                "the group Human Rights in China said",
                &[(5, 6, LOC)],
                &[(2, 6, ORG)],
            ),
            (
                "the democratic party Vladimir Zhirinovsky .",
                &[(3, 5, PER)],
                &[(3, 5, PER)],
            ),
            ("the team Saturday said", &[], &[]),
            ("price range N", &[], &[]),
        ];
        for &(sentence, before, after) in cases {
            let words: Vec<Vec<&str>> = vec![sentence.split(' ').collect()];
            let mut spans = vec![before.iter().map(|&(s, e, l)| Span::new(s, e, l)).collect()];
            mend(&words, &mut spans, &Lexicons::default());
            let want: Vec<Span> = after.iter().map(|&(s, e, l)| Span::new(s, e, l)).collect();
            assert_eq!(spans[0], want, "{sentence}");
        }
    }

    /// A name defined in capitals is the same name written in title case.
    #[test]
    fn names_compare_without_case() {
        use Label::*;
        let got = run(
            &[
                "CALOI is a major Brazilian manufacturer of bicycles .",
                "In the 1960s , Caloi achieved some popularity .",
            ],
            &[&[(0, 1, ORG)], &[(4, 5, PER)]],
        );
        assert_eq!(got, vec![vec![ORG], vec![ORG]]);
    }

    /// A defined name the sentence opens with is the whole run before the definition, and
    /// its other mentions are that name, not the piece the tagger found; a sentence's opening
    /// word or a date keeps its place outside.
    #[test]
    fn a_defined_subject_is_the_whole_run() {
        use Label::*;
        let sentences = [
            "30 Seconds to Mars is an American rock band .",
            "In 2007 , 30 Seconds to Mars toured with Linkin Park .",
            "In 1990 Fairfax Media was a company .",
            "Last Monday Acme was a company .",
        ];
        let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
        let mut spans = vec![
            vec![Span::new(3, 4, LOC)],
            vec![Span::new(6, 7, LOC), Span::new(9, 11, ORG)],
            vec![Span::new(2, 4, ORG)],
            vec![Span::new(2, 3, ORG)],
        ];
        mend(&words, &mut spans, &Lexicons::default());
        assert_eq!(
            spans,
            vec![
                vec![Span::new(0, 4, ORG)],
                vec![Span::new(3, 7, ORG), Span::new(9, 11, ORG)],
                vec![Span::new(2, 4, ORG)],
                vec![Span::new(2, 3, ORG)],
            ]
        );
    }

    /// Kinds before the name, and a definition after a bracket.
    #[test]
    fn kinds_before_and_brackets() {
        use Label::*;
        let cases: &[(&str, (usize, usize), Label, Label)] = &[
            ("near the village of Aisby .", (4, 5), PER, LOC),
            ("touring with the band Korn .", (4, 5), PER, ORG),
            ("he met rapper Kanye West .", (3, 5), LOC, PER),
            ("the film Stronger opened .", (2, 3), ORG, MISC),
            (
                "Albert Wren ( 1890 - 1960 ) was an Ontario politician .",
                (0, 2),
                LOC,
                PER,
            ),
            // A name in capitals may be a headline's; a full name stays a person.
            ("in the central district SOLIDERE is", (4, 5), ORG, ORG),
            (
                "the democratic party Vladimir Zhirinovsky .",
                (3, 5),
                PER,
                PER,
            ),
            // No kind: nothing changes.
            ("touring with the great Korn .", (4, 5), PER, PER),
        ];
        for &(sentence, (start, end), found, want) in cases {
            let got = run(&[sentence], &[&[(start, end, found)]]);
            assert_eq!(got, vec![vec![want]], "{sentence}");
        }
    }

    /// Names the tagger missed that a definition names, at the definition and at their other
    /// mentions inside a sentence; never a sentence's first word the text writes in lower case.
    #[test]
    fn a_defined_name_the_tagger_missed_is_found() {
        let sentences = [
            "Bilje is a village and municipality in Croatia .",
            "In 1970 he joined Secrets , a jazz fusion band .",
            "later Secrets toured , and Bilje grew .",
            "Secrets toured again .",
            "I think I have . It is a very true film .",
            "The Echelon is a street team .",
        ];
        let words: Vec<Vec<&str>> = sentences.iter().map(|s| s.split(' ').collect()).collect();
        let mut spans = vec![Vec::new(); sentences.len()];
        let mut lexicons = Lexicons::default();
        lexicons.casing.add_words("it\nsecrets");
        mend(&words, &mut spans, &lexicons);
        let got: Vec<Vec<(String, Label)>> = spans
            .iter()
            .zip(&words)
            .map(|(ss, w)| {
                ss.iter()
                    .map(|s| (w[s.range()].join(" "), s.label))
                    .collect()
            })
            .collect();
        let want = |names: &[(&str, Label)]| -> Vec<(String, Label)> {
            names.iter().map(|&(n, l)| (n.to_owned(), l)).collect()
        };
        use Label::*;
        assert_eq!(
            got,
            vec![
                want(&[("Bilje", LOC)]),
                want(&[("Secrets", ORG)]),
                want(&[("Secrets", ORG), ("Bilje", LOC)]),
                // A sentence's first word may be capitalised for the sentence's sake.
                want(&[]),
                want(&[]),
                // A sentence's `The` stays out of the name.
                want(&[("Echelon", ORG)]),
            ]
        );
    }

    proptest! {
        /// A name followed by `is a`, `was an` or `, a` and a kind, with up to three modifiers
        /// between, takes the kind's type, here and at its other mentions; a preposition
        /// before the kind, a reporting verb after it or a second, different definition
        /// leave the tagger's labels.
        #[test]
        fn a_defined_name_takes_its_kind(
            name in select(vec!["Aisby", "Fairfax Media", "Albert Wren", "Home"]),
            link in select(vec!["is a", "was an", ", a"]),
            modifiers in proptest::collection::vec(select(vec!["former", "small", "American", "Ontario", "well-known"]), 0..4),
            kind in select(KINDS.to_vec()),
            found in select(vec![Label::PER, Label::ORG, Label::LOC, Label::MISC]),
        ) {
            let (kind, label) = kind;
            let n = name.split(' ').count();
            let definition = format!("{name} {link} {} {kind} in 1990 .", modifiers.join(" "))
                .replace("  ", " ");
            let mention = format!("later {name} moved .");
            let tagged: &[&[(usize, usize, Label)]] = &[&[(0, n, found)], &[(1, n + 1, found)]];
            prop_assert_eq!(
                run(&[&definition, &mention], tagged),
                vec![vec![label], vec![label]]
            );

            let before = run(&[&definition.replace(kind, &format!("group of {kind}")), &mention], tagged);
            prop_assert_eq!(before, vec![vec![found], vec![found]]);
            let reported = run(&[&definition.replace(" in 1990", " said"), &mention], tagged);
            prop_assert_eq!(reported, vec![vec![found], vec![found]]);
            let other = KINDS.iter().find(|(_, l)| *l != label).unwrap().0;
            let twice = format!("{name} is a {other} .");
            let tagged3: &[&[(usize, usize, Label)]] = &[&[(0, n, found)], &[(1, n + 1, found)], &[(0, n, found)]];
            prop_assert_eq!(
                run(&[&definition, &mention, &twice], tagged3),
                vec![vec![found], vec![found], vec![found]]
            );
        }
    }
}
