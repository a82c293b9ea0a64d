//! Events named by their kind: `Battle of Gettysburg`, `Siege of Leningrad`, `War of Spanish
//! Succession`, `Treaty of Rome`. CoNLL tags the whole as MISC (in eng.train, eng.testa and
//! WikiGold alike); the tagger, seeing a place after `of`, tags the place alone.

use super::shared::capitalised;
use super::words::EVENT_KINDS;
use crate::model::Label;
use crate::tags::Span;

/// Makes `KIND of NAME` one MISC span: NAME is the capitalised words after `of` (up to four),
/// or the name the tagger found starting there if it is longer. Spans inside give way; a span
/// that reaches past either end leaves the words as they are.
pub(super) fn mend(words: &[&str], spans: &mut Vec<Span>) {
    for i in 0..words.len().saturating_sub(2) {
        if !EVENT_KINDS.contains(&words[i]) || words[i + 1] != "of" || !capitalised(words[i + 2]) {
            continue;
        }
        let run = words[i + 2..]
            .iter()
            .take(4)
            .take_while(|w| capitalised(w))
            .count();
        let tagged = spans.iter().find(|s| s.start == i + 2).map_or(0, |s| s.end);
        let end = (i + 2 + run).max(tagged);
        super::claim(spans, i, end, Label::MISC);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `KIND of NAME` is one MISC span whatever the tagger found in it; a name running in
        /// from before the kind is left alone, and so is `of` followed by a lower-case word.
        #[test]
        fn events_are_one_misc_name(
            kind in proptest::sample::select(EVENT_KINDS),
            name in proptest::collection::vec(proptest::sample::select(vec!["Gettysburg", "Spanish", "Succession", "Rome"]), 1..4),
            tagged in proptest::option::of(proptest::sample::select(vec![Label::LOC, Label::MISC, Label::PER])),
        ) {
            let mut words = vec!["after", "the", kind, "of"];
            words.extend(&name);
            let end = words.len();
            words.extend(["in", "1863", "."]);
            let mut spans = Vec::new();
            if let Some(label) = tagged {
                spans.push(Span::new(4, 5, label));
            }
            let mut got = spans.clone();
            mend(&words, &mut got);
            prop_assert_eq!(got, vec![Span::new(2, end, Label::MISC)]);

            let crossing = vec![Span::new(1, 3, Label::ORG)];
            let mut got = crossing.clone();
            mend(&words, &mut got);
            prop_assert_eq!(got, crossing);

            let lower = ["the", kind, "of", "attrition", "."];
            let mut got = Vec::new();
            mend(&lower, &mut got);
            prop_assert!(got.is_empty());
        }
    }
}
