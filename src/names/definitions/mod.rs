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
//!
//! After a comma `the` introduces a kind too (`Fairfax Media, the Australian media company`),
//! unless a name follows the kind, which makes it a clause's subject (`Wang Donghai, the
//! pressure group Human Rights in China said`): dev level on every seed, WikiGold 0.7030 ->
//! 0.7038, every seed up.

use std::collections::HashMap;

mod kinds;

use super::shared::{capital_or_digit, capitalised};
use super::words::{DEFINITION_SMALL_WORDS, OPENERS};
use crate::model::Label;
use crate::tagger::{style, Lexicons, Style};
use crate::tags::Span;
use kinds::{defined, defined_after, kind};

/// The names the tagger missed that a definition names in sentence `words`: the capitalised
/// words right before `is a village` or `, a band` with no name on them (`Bilje is a village
/// and municipality`, `he joined Secrets, a jazz fusion band`). A sentence's first word that
/// the text usually writes in lower case is no name (`It is a village`), nor its first `The`;
/// a headline's capitals say nothing.
fn unnamed(words: &[&str], spans: &[Span], lexicons: &Lexicons) -> Vec<Span> {
    let mut found = Vec::new();
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
        // Nor a sentence's opening word or a date (`Last Monday Acme was a company`).
        while start < end
            && (OPENERS.contains(&words[start]) || super::dates::any_date(words[start]))
        {
            start += 1;
        }
        if start == end {
            continue;
        }
        let first_word =
            opens(start) && end == start + 1 && lexicons.casing.sometimes_lower(words[start]);
        // Names the tagger found inside the run give way to it (`CBS Cable was an early cable
        // network`, where it found `CBS`), unless one reaches out of it, or one is a person's
        // and the kind is not (`Paul Smith Ltd` stays the tagger's business).
        let overlapping = || spans.iter().filter(|s| s.start < end && s.end > start);
        let crossing = overlapping().any(|s| s.start < start || s.end > end);
        let person = label != Label::PER && overlapping().any(|s| s.label == Label::PER);
        let whole = overlapping().any(|s| (s.start, s.end) == (start, end));
        if start < end && !first_word && !crossing && !person && !whole {
            found.push(Span::new(start, end, label));
        }
    }
    // `the album Darkness Death Doom`, `record label Distance Records`: the capitalised run
    // right after a kind, up to six words, no date among them.
    for k in 0..words.len().saturating_sub(1) {
        let Some(label) = kind(words[k]) else {
            continue;
        };
        // Small words join capitalised ones (`group Human Rights in China`), never end them,
        // nor join a person's name (`economist Lynn Reaser of Barnett Banks Inc.`).
        let word = |w: &&str| {
            capitalised(w)
                && !super::dates::any_date(w)
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        };
        let mut run = 0;
        for (n, w) in words[k + 1..].iter().take(6).enumerate() {
            if word(w) {
                run = n + 1;
            } else if !(n > 0 && label != Label::PER && DEFINITION_SMALL_WORDS.contains(w)) {
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
        let piece_only = inside && run == 1;
        if run > 0 && !crossing && !piece_only && !person && !shouting {
            found.push(Span::new(start, end, label));
        }
    }
    // The style scans every word: read it only where something was found.
    if !found.is_empty() && style(words) != Style::Normal {
        found.clear();
    }
    found.sort_by_key(|s| s.start);
    found
}

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
    // `In 1990 Fairfax Media was a …`, `Last Monday Acme was a …`: a sentence's opening
    // word or a date is not a title's.
    if capital_or_digit(run[0])
        && !OPENERS.contains(&run[0])
        && !run.iter().any(|w| super::dates::any_date(w))
        && run
            .iter()
            .all(|w| capital_or_digit(w) || DEFINITION_SMALL_WORDS.contains(w))
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
                // The words first (without allocating: this runs at every word), then the
                // names around them.
                let same = capital_or_digit(w[i])
                    && w[i..i + n]
                        .iter()
                        .zip(name)
                        .all(|(a, b)| a.chars().flat_map(char::to_lowercase).eq(b.chars()));
                if !same {
                    i += 1;
                    continue;
                }
                let overlapping = ss.iter().filter(|s| s.start < i + n && s.end > i);
                let inside = overlapping.clone().all(|s| s.start >= i && s.end <= i + n);
                // A mention the tagger missed, not a sentence's first word; or one it found
                // in pieces (`Mars` of `30 Seconds to Mars`).
                let missed = overlapping.clone().next().is_none() && i > 0;
                let pieces = n >= 2 && overlapping.count() >= 1 && inside;
                if missed || pieces {
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
mod tests;
