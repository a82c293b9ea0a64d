//! A capitalised article inside a sentence starts the name after it: `the film The Last
//! Emperor`, `the album A Beautiful Lie`, `supporting The Used`, `prices at The Times`.
//!
//! English writes `the` in lower case inside a sentence unless it belongs to a name, so a
//! capital `The`, `A` or `An` after a lower-case word is the first word of the title, band or
//! paper after it. eng.train and WikiGold agree: of such articles before a capitalised word
//! (outside headlines, and not after a list's `*` or a quote's opening), eng.train puts 28 of
//! 28 inside the name (`The Oval`, `The Walt Disney Co`, `The Wall Street Journal`) and WikiGold
//! 50 of 51. The tagger, which saw few of them, leaves the article out of names it never saw.
//!
//! Only a lower-case word or a comma before the article says it is mid-sentence: after a
//! quote, a colon or a dash a new sentence or title may start, and a capitalised word before
//! it may make it a letter (`Group A`, `Class A`). A person's name keeps its own first word
//! (`An Marchal` is a given name the tagger already includes).

use super::words::ARTICLES;
use crate::model::Label;
use crate::tagger::{style, Style};
use crate::tags::Span;

/// Grows each name that starts right after a mid-sentence capitalised article to take the
/// article in. Spans stay sorted and never overlap.
pub(super) fn mend(words: &[&str], spans: &mut [Span]) {
    // Only where an article stands before a name is the sentence's style worth reading (this
    // runs on every sentence; the style scans every word).
    let mut headline: Option<bool> = None;
    for i in 1..words.len() {
        let before = words[i - 1];
        let mid_sentence = before == "," || before.starts_with(char::is_lowercase);
        // The article must be free: a name the tagger already made of it (`The` alone, in a
        // run of captions) is left as it is, or the two would overlap.
        let free = || !spans.iter().any(|s| s.start <= i && i < s.end);
        if !ARTICLES.contains(&words[i]) || !mid_sentence || !free() {
            continue;
        }
        // The article is free (no span ends on it) and a name other than a person's starts
        // right after it; a headline capitalises every word, so its articles say nothing.
        if let Some(span) = spans
            .iter_mut()
            .find(|s| s.start == i + 1 && s.label != Label::PER)
        {
            if !*headline.get_or_insert_with(|| style(words) != Style::Normal) {
                span.start = i;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;

    fn mended(words: &[&str], spans: &[Span]) -> Vec<Span> {
        crate::names::mended_by(mend, words, spans)
    }

    proptest! {
        /// After a lower-case word or a comma, a capitalised article joins the name (not a
        /// person's) that starts right after it; after anything else, before a person, in a
        /// headline or before no name, nothing changes.
        #[test]
        fn a_mid_sentence_article_starts_the_name(
            before in select(vec!["the film", "supporting", "told", "London ,", "prices at"]),
            article in select(ARTICLES.to_vec()),
            name in select(vec!["Last Emperor", "Used", "Times", "Wall Street Journal", "Oval"]),
            label in select(vec![Label::ORG, Label::MISC, Label::LOC]),
        ) {
            let mut words: Vec<&str> = before.split(' ').collect();
            let at = words.len();
            words.push(article);
            words.extend(name.split(' '));
            let end = words.len();
            words.extend(["was", "cited", "in", "the", "report", "of", "1990", "."]);
            let found = vec![Span::new(at + 1, end, label)];
            prop_assert_eq!(mended(&words, &found), vec![Span::new(at, end, label)]);

            // An article the tagger made a name of stays that name: nothing overlaps.
            let taken = vec![Span::new(at, at + 1, Label::LOC), Span::new(at + 1, end, label)];
            prop_assert_eq!(mended(&words, &taken), taken.clone());

            let person = vec![Span::new(at + 1, end, Label::PER)];
            prop_assert_eq!(mended(&words, &person), person);
            prop_assert!(mended(&words, &[]).is_empty());

            // After a quote, a colon, a capitalised word (`Group A`) or at the sentence's
            // start the article may begin a sentence or be a letter.
            for opener in ["\"", ":", "-", "Group"] {
                let mut other = words.clone();
                other[at - 1] = opener;
                prop_assert_eq!(mended(&other, &found), found.clone());
            }
            let first = &words[at..];
            let shifted = vec![Span::new(1, end - at, label)];
            prop_assert_eq!(mended(first, &shifted), shifted.clone());

            // A headline in title case capitalises its articles too (`Crisis Hits Workers at
            // The Oval`).
            let mut headline = vec!["Crisis", "Hits", "Workers", "at", article];
            headline.extend(name.split(' '));
            let in_headline = vec![Span::new(5, headline.len(), label)];
            prop_assert_eq!(mended(&headline, &in_headline), in_headline.clone());
        }
    }
}
