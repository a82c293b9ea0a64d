//! What a document says about its own words, gathered across all its sentences: which words
//! it writes in lower case, or capitalised mid-sentence, and the words around its capitalised
//! ones ([`DocContext`], read by both stages), and the labels the first stage gave each word
//! form ([`DocLabels`], read by the second).
//!
//! Both read each token through its [`Spelling`] (its hashes and how it begins). A loaded
//! tagger computes a token's spelling once, with the rest of what the features read of the
//! word, and hands the same values to the evidence, the features and the second stage: tagging
//! had hashed every word's lower-case form three more times and read every sentence's style
//! five times, a tenth of its work.

use rustc_hash::{FxHashMap, FxHashSet};

use super::hash::{hash_str, lower_hash, BOUNDARY};
use super::lexicon::{style, Style};
use crate::tags::Tag;

/// What the document's evidence reads of a token: its hashes and how it begins.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spelling {
    /// The hash of the word as written.
    pub(super) word: u64,
    /// The hash of its lower-case form.
    pub(super) lower: u64,
    /// Whether it begins with an upper-case letter.
    pub(super) capitalised: bool,
    /// Whether it begins with a lower-case letter (neither, for digits and punctuation).
    pub(super) lower_initial: bool,
}

impl Spelling {
    /// The spelling of `w`.
    pub(super) fn of(w: &str) -> Spelling {
        Spelling::hashed(w, hash_str(w))
    }

    /// The spelling of `w`, whose hash as written (`hash_str`) is `word`.
    pub(super) fn hashed(w: &str, word: u64) -> Spelling {
        let first = w.chars().next();
        Spelling {
            word,
            lower: lower_hash(w),
            capitalised: first.is_some_and(char::is_uppercase),
            lower_initial: first.is_some_and(char::is_lowercase),
        }
    }
}

impl AsRef<Spelling> for Spelling {
    fn as_ref(&self) -> &Spelling {
        self
    }
}

/// The spellings of a sentence's words.
pub(super) fn spellings(words: &[&str]) -> Vec<Spelling> {
    words.iter().map(|w| Spelling::of(w)).collect()
}

/// Document-wide evidence: the lower-case forms written in lower case somewhere in normal
/// text, and those written capitalised somewhere other than a sentence's start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocContext {
    pub(super) lower_seen: FxHashSet<u64>,
    pub(super) capital_seen: FxHashSet<u64>,
    /// For each capitalised word form, the words around its occurrences in normal text (up
    /// to [`CONTEXTS`]): `Suu Kyi` is a person wherever one occurrence says `Suu Kyi said`.
    pub(super) contexts: FxHashMap<u64, Vec<(u64, u64)>>,
}

/// Occurrences of a word whose neighbours the document context keeps. Twelve rather than
/// six (2026-12-06): over eight seeds dev 0.9375 -> 0.9387 and WikiGold 0.6445 -> 0.6467;
/// 24 gave 0.9377 and 0.6458 over seeds 0-3 (models/README.md).
const CONTEXTS: usize = 12;

impl DocContext {
    /// Gathers the evidence of one document's sentences.
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]>) -> DocContext {
        let mut ctx = DocContext::default();
        for words in sentences {
            ctx.add(style(words), &spellings(words));
        }
        ctx
    }

    /// Adds the evidence of one sentence of style `style`, spelt `words`.
    pub(super) fn add<S: AsRef<Spelling>>(&mut self, style: Style, words: &[S]) {
        if style != Style::Normal {
            return;
        }
        let around = |j: Option<usize>| {
            j.and_then(|j| words.get(j))
                .map_or(BOUNDARY, |w| w.as_ref().lower)
        };
        for (i, w) in words.iter().enumerate() {
            let w = w.as_ref();
            if w.capitalised {
                let list = self.contexts.entry(w.lower).or_default();
                if list.len() < CONTEXTS {
                    list.push((around(i.checked_sub(1)), around(Some(i + 1))));
                }
            }
        }
        for w in words.iter().skip(1) {
            let w = w.as_ref();
            if w.lower_initial {
                self.lower_seen.insert(w.word);
            } else if w.capitalised {
                self.capital_seen.insert(w.lower);
            }
        }
    }
}

/// First-stage labels across a document: for each word form, how often its tokens were tagged
/// O, PER, ORG, LOC or MISC. The second stage reads them so that one name is tagged alike
/// throughout a document (`Mikati` after `Najib Mikati`).
#[derive(Clone, Debug, Default)]
pub struct DocLabels {
    counts: FxHashMap<u64, [u16; 5]>,
}

fn kind(tag: Tag) -> usize {
    match tag {
        Tag::O => 0,
        Tag::B(l) | Tag::I(l) => 1 + crate::tags::TYPES.iter().position(|&t| t == l).unwrap_or(0),
    }
}

impl DocLabels {
    /// Counts the first-stage `tags` of a document's `sentences`.
    pub fn new(sentences: &[Vec<&str>], tags: &[Vec<Tag>]) -> DocLabels {
        let mut labels = DocLabels::default();
        for (words, tags) in sentences.iter().zip(tags) {
            labels.add(&spellings(words), tags);
        }
        labels
    }

    /// Counts the first-stage `tags` of a document's sentences, spelt `words` one sentence
    /// after another.
    pub(super) fn counted<S: AsRef<Spelling>>(words: &[S], tags: &[Vec<Tag>]) -> DocLabels {
        let mut labels = DocLabels::default();
        let mut at = 0;
        for tags in tags {
            labels.add(&words[at..at + tags.len()], tags);
            at += tags.len();
        }
        labels
    }

    /// Counts the first-stage `tags` of one sentence, spelt `words`.
    pub(super) fn add<S: AsRef<Spelling>>(&mut self, words: &[S], tags: &[Tag]) {
        for (w, &t) in words.iter().zip(tags) {
            let w = w.as_ref();
            if w.capitalised {
                self.counts.entry(w.lower).or_default()[kind(t)] += 1;
            }
        }
    }

    /// The type most often given to the other tokens of this word form (0 for O), if any.
    pub(super) fn majority(&self, lower: u64, own: Tag) -> Option<u64> {
        let mut counts = *self.counts.get(&lower)?;
        counts[kind(own)] = counts[kind(own)].saturating_sub(1);
        let (best, &n) = counts.iter().enumerate().max_by_key(|(_, &n)| n)?;
        (n > 0).then_some(best as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The evidence of a document is the same gathered from its words or from spellings
    /// computed elsewhere, and reads what the document says: `Apple` capitalised mid-sentence,
    /// `apple` in lower case, nothing from a headline.
    #[test]
    fn evidence_reads_normal_sentences_only() {
        let doc: Vec<Vec<&str>> = vec![
            vec!["APPLE", "SHARES", "FALL"],
            vec!["She", "ate", "an", "apple", "at", "Apple", "."],
        ];
        let ctx = DocContext::new(doc.iter().map(Vec::as_slice));
        assert!(ctx.lower_seen.contains(&hash_str("apple")));
        assert!(ctx.capital_seen.contains(&lower_hash("Apple")));
        assert!(
            !ctx.capital_seen.contains(&lower_hash("SHARES")),
            "headline"
        );
        assert!(
            !ctx.capital_seen.contains(&lower_hash("She")),
            "sentence start"
        );
        assert_eq!(
            ctx.contexts[&lower_hash("Apple")],
            vec![(lower_hash("at"), lower_hash("."))]
        );
        let mut again = DocContext::default();
        for words in &doc {
            let spelt: Vec<Spelling> = words.iter().map(|w| Spelling::of(w)).collect();
            again.add(style(words), &spelt);
        }
        assert_eq!(again, ctx);
    }
}
