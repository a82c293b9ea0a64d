//! Rules that read a whole document's names, not one sentence's: a person's surname standing
//! alone is that person wherever the full name appears (`Biden` after `Joe Biden`), and a
//! company's first word standing alone is that company (`Pirelli` after `Pirelli SpA`).
//!
//! The tagger's second stage already reads the labels a word got elsewhere in the document,
//! but by majority of its tokens: where a surname alone outnumbers its full name (one `Joe
//! Biden`, ten `Biden`s, each read as a place), the majority is the wrong label. A full name
//! of two or more words tagged as a person is the stronger evidence, and CoNLL tags the short
//! form as the person too.

use std::collections::HashSet;

use super::words::DESIGNATORS;
use crate::model::Label;
use crate::tags::Span;

/// Relabels as a person every one-word name of another type whose word ends a person's name
/// of two or more words somewhere in the document (compared without case, so a headline's
/// `BIDEN` counts). `spans[k]` are sentence `k`'s spans over `words[k]`.
pub fn mend(words: &[Vec<&str>], spans: &mut [Vec<Span>]) {
    let surnames = people(words, spans);
    relabel_alone(words, spans, &surnames, Label::PER);
}

/// `Boatmen 's Bancshares Inc.`, then `Boatmen 's` alone: a company whose name holds a
/// possessive (`Moody 's Investors Service`, `Lloyd 's`). Where a one-word organisation,
/// `'s` and an organisation follow one another, the tagger split one name (eng.train joins
/// them 17 times, keeps them apart 3); and wherever else in the document that word stands
/// alone as a name before `'s`, the `'s` is the name's too (`Lloyd 's` 11 times of 11).
/// An acronym (`NATO 's International Security Assistance Force`) or a word that names a
/// person elsewhere in the document (`Trump 's Justice Department` beside `Donald Trump`)
/// owns what follows: eng.train and eng.testa join neither (news of 2012-2020 did, wrongly).
pub fn possessive_names(words: &[Vec<&str>], spans: &mut [Vec<Span>]) {
    // Most documents have no one-word organisation before `'s`: they need no people.
    let owner = |w: &[&str], s: &Span| {
        s.label == Label::ORG && s.end - s.start == 1 && w.get(s.end) == Some(&"'s")
    };
    if !words
        .iter()
        .zip(spans.iter())
        .any(|(w, ss)| ss.iter().any(|s| owner(w, s)))
    {
        return;
    }
    let people = people(words, spans);
    let company =
        |word: &str| word.chars().any(char::is_lowercase) && !people.contains(&word.to_lowercase());
    let mut owners: HashSet<String> = HashSet::new();
    for (w, ss) in words.iter().zip(spans.iter_mut()) {
        super::edges::join_pairs(ss, |last, s| {
            let joins = owner(w, last)
                && s.label == Label::ORG
                && s.start == last.end + 1
                && company(w[last.start]);
            if joins {
                owners.insert(w[last.start].to_lowercase());
            }
            joins.then_some(Label::ORG)
        });
    }
    if owners.is_empty() {
        return;
    }
    for (w, ss) in words.iter().zip(spans.iter_mut()) {
        for i in 0..ss.len() {
            let s = ss[i];
            let free = ss.get(i + 1).is_none_or(|n| n.start > s.end);
            if s.end - s.start == 1
                && free
                && w.get(s.end) == Some(&"'s")
                && owners.contains(&w[s.start].to_lowercase())
            {
                ss[i] = Span::new(s.start, s.end + 1, Label::ORG);
            }
        }
    }
}

/// Gives `label` to every one-word name of another type whose word, lower-cased, is one of
/// `forms`.
fn relabel_alone(
    words: &[Vec<&str>],
    spans: &mut [Vec<Span>],
    forms: &HashSet<String>,
    label: Label,
) {
    if forms.is_empty() {
        return;
    }
    for (w, ss) in words.iter().zip(spans.iter_mut()) {
        for s in ss.iter_mut() {
            if s.label != label
                && s.end - s.start == 1
                && forms.contains(&w[s.start].to_lowercase())
            {
                s.label = label;
            }
        }
    }
}

/// Relabels as an organisation every one-word name of another type whose word begins a
/// company's legal name in the document (`Pirelli` after `Pirelli SpA`, `Magna` after `Magna
/// International Inc`): Reuters names a company once in full, then by its first word, which
/// the tagger, never having seen it, reads as a surname. A word that also ends a person's
/// full name in the document is left alone (`Ford` beside `Ford Motor Co` and `Gerald Ford`).
pub fn company_short_forms(words: &[Vec<&str>], spans: &mut [Vec<Span>]) {
    let mut firsts: HashSet<String> = HashSet::new();
    for (w, ss) in words.iter().zip(spans.iter()) {
        for s in ss.iter().filter(|s| s.end - s.start >= 2) {
            if s.label == Label::ORG
                && DESIGNATORS.contains(&w[s.end - 1])
                && surname_like(w[s.start])
            {
                firsts.insert(w[s.start].to_lowercase());
            }
        }
    }
    if firsts.is_empty() {
        return;
    }
    let people = people(words, spans);
    firsts.retain(|f| !people.contains(f));
    relabel_alone(words, spans, &firsts, Label::ORG);
}

/// The surnames, lower-cased, of the document's people named in full: a person's name of two
/// words or more ends in one (`ford` of `Gerald Ford`), or in one and a suffix (`trump` of
/// `Donald Trump Jr.`). A word that names a person there is no company's.
fn people(words: &[Vec<&str>], spans: &[Vec<Span>]) -> HashSet<String> {
    let mut out = HashSet::new();
    for (w, ss) in words.iter().zip(spans) {
        for s in ss.iter().filter(|s| s.label == Label::PER) {
            let mut name = &w[s.range()];
            if let [rest @ .., last] = name {
                if SUFFIXES.contains(last) {
                    name = rest;
                }
            }
            if let [_, .., last] = name {
                if surname_like(last) {
                    out.insert(last.to_lowercase());
                }
            }
        }
    }
    out
}

/// What follows a surname in a person's name: `Jr.`, `III`.
const SUFFIXES: &[&str] = &["Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV"];

/// A word that can be a surname: capitalised, two letters or more, all letters (a hyphen or
/// apostrophe inside: `Al-Sadeq`, `O'Neill`), and not a suffix such as `Jr`.
fn surname_like(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        && !SUFFIXES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::super::notation::check_document;
    use crate::tagger::Lexicons;

    #[test]
    fn a_surname_alone_is_the_person_of_its_full_name() {
        let lex = Lexicons::default();
        check_document(
            "surname-alone",
            &lex,
            &[
                "President [Joe Biden]PER spoke .",
                "[BIDEN]ORG SAYS ECONOMY STRONG",
                "[Biden]LOC later left for [Delaware]LOC .",
            ],
            &[
                "President [Joe Biden]PER spoke .",
                "[BIDEN]PER SAYS ECONOMY STRONG",
                "[Biden]PER later left for [Delaware]LOC .",
            ],
        );
        check_document(
            "surname-alone",
            &lex,
            &["[Donald Trump Jr.]PER spoke .", "[Trump]ORG left ."],
            &["[Donald Trump Jr.]PER spoke .", "[Trump]PER left ."],
        );
        // `Jr` ends the name, not a surname; two-word names keep their label; `Jordan` is a
        // given name here, not the end of a name.
        let stay = [
            "[Joe Biden Jr]PER visited [Biden Inc]ORG and [Biden Lake]LOC .",
            "[Jordan]LOC won ; [Jordan Henderson]PER scored .",
        ];
        check_document("surname-alone", &lex, &stay, &stay);
    }

    #[test]
    fn a_company_s_first_word_alone_is_the_company() {
        // `Pirelli` is the company wherever it stands alone; `Ford` also ends a person's name
        // here, so it stays as the tagger read it.
        check_document(
            "company-short-forms",
            &Lexicons::default(),
            &[
                "said [Pirelli SpA]ORG chairman [Marco Tronchetti Provera]PER .",
                "[Pirelli]PER is linking with [Hong Kong]LOC 's [Ford]PER .",
                "[Gerald Ford]PER met [Ford Motor Co]ORG and [Pirelli]LOC .",
            ],
            &[
                "said [Pirelli SpA]ORG chairman [Marco Tronchetti Provera]PER .",
                "[Pirelli]ORG is linking with [Hong Kong]LOC 's [Ford]PER .",
                "[Gerald Ford]PER met [Ford Motor Co]ORG and [Pirelli]ORG .",
            ],
        );
    }

    #[test]
    fn a_possessive_company_name_keeps_its_s() {
        // Another company's possessive (`Bertelsmann 's chief`) is no part of its name; the
        // last sentence is a headline.
        check_document(
            "possessive-names",
            &Lexicons::default(),
            &[
                "the acquisition of [Boatmen]ORG 's [Bancshares Inc.]ORG by [NationsBank]ORG",
                "[Boatmen]ORG 's was the prize ; [Bertelsmann]ORG 's chief spoke",
                "[Boatmen]PER 's",
            ],
            &[
                "the acquisition of [Boatmen 's Bancshares Inc.]ORG by [NationsBank]ORG",
                "[Boatmen 's]ORG was the prize ; [Bertelsmann]ORG 's chief spoke",
                "[Boatmen 's]ORG",
            ],
        );
        // An acronym, or a person of the document, owns what follows.
        let owned = [
            "[President Donald Trump]PER spoke .",
            "[NATO]ORG 's [International Security Assistance Force]ORG and [Trump]ORG 's [Justice Department]ORG",
            "[Trump]ORG 's aides",
        ];
        check_document("possessive-names", &Lexicons::default(), &owned, &owned);
    }
}
