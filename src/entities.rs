//! Entities in raw text: the trained name tagger and the number rules, with offsets.
//!
//! A [`Recognizer`] holds a trained [`Tagger`]. It reads one document at a time — an article's
//! title, captions and paragraphs together, because a name is easier to recognise when the
//! rest of the article mentions it too — and returns each block's entities with offsets in
//! Unicode scalar values, as the batch interface and the page both want them.

use crate::model::Entity;
use crate::tagger::{ModelError, Tagger};
use crate::{names, numbers, tokenize};

/// The longest run of tokens tagged as one sentence.
const MAX_SENTENCE: usize = 256;

/// The name tagger and the number rules, ready to annotate text.
#[derive(Clone, Debug)]
pub struct Recognizer {
    tagger: Tagger,
}

/// The model the tagger was trained to (`cargo run --release --bin train`), built into native
/// binaries. The page downloads it separately so it never delays the first paint.
#[cfg(not(target_arch = "wasm32"))]
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../models/ner.bin");

impl Recognizer {
    /// A recognizer over a model saved by [`Tagger::to_bytes`].
    pub fn from_bytes(model: &[u8]) -> Result<Recognizer, ModelError> {
        Ok(Recognizer {
            tagger: Tagger::from_bytes(model)?,
        })
    }

    /// The model built into native binaries.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn embedded() -> &'static Recognizer {
        static RECOGNIZER: std::sync::OnceLock<Recognizer> = std::sync::OnceLock::new();
        RECOGNIZER.get_or_init(|| {
            Recognizer::from_bytes(EMBEDDED_MODEL).expect("the built-in model is valid")
        })
    }

    /// The entities of each of a document's blocks, in order.
    pub fn document(&self, blocks: &[&str]) -> Vec<Vec<Entity>> {
        let tokens: Vec<Vec<tokenize::Token<'_>>> =
            blocks.iter().map(|b| tokenize::tokens(b)).collect();
        // Sentences as (block, token range), and their words, for the tagger.
        let mut sentences: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
        for (b, toks) in tokens.iter().enumerate() {
            let mut start = 0;
            for end in tokenize::sentences(toks) {
                // A "sentence" of thousands of tokens is a list or a run-on line, not prose:
                // tagged in pieces, so memory stays small (Viterbi keeps a row a token).
                while end - start > MAX_SENTENCE {
                    sentences.push((b, start..start + MAX_SENTENCE));
                    start += MAX_SENTENCE;
                }
                sentences.push((b, start..end));
                start = end;
            }
        }
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|(b, r)| tokens[*b][r.clone()].iter().map(|t| &*t.norm).collect())
            .collect();
        let tags = self.tagger.tag_document(&words);
        let mut out: Vec<Vec<Entity>> = vec![Vec::new(); blocks.len()];
        for (((b, range), words), tags) in sentences.iter().zip(&words).zip(&tags) {
            let toks = &tokens[*b][range.clone()];
            let mut spans = names::spans(tags, words, self.tagger.lexicons());
            let mut taken = vec![false; toks.len()];
            for &(s, e, _) in &spans {
                taken[s..e].iter_mut().for_each(|t| *t = true);
            }
            spans.extend(numbers::spans(words, &taken));
            for (s, e, label) in spans {
                out[*b].push(Entity {
                    start: toks[s].start,
                    end: toks[e - 1].end,
                    label,
                    text: String::new(),
                });
            }
        }
        for (entities, text) in out.iter_mut().zip(blocks) {
            entities.sort_by_key(|e| e.start);
            to_chars(text, entities);
        }
        out
    }

    /// The entities of one text, as a document of its own.
    pub fn annotate(&self, text: &str) -> Vec<Entity> {
        self.document(&[text]).pop().unwrap_or_default()
    }
}

/// Byte offsets (sorted by start) to scalar-value offsets, filling in each entity's text.
fn to_chars(text: &str, entities: &mut [Entity]) {
    let mut chars = 0;
    let mut byte = 0;
    let mut advance = |to: usize| {
        chars += text[byte..to].chars().count();
        byte = to;
        chars
    };
    // Starts ascend, but an end may lie beyond the next start only if spans overlapped,
    // which they never do: names and numbers are found on disjoint tokens.
    for e in entities.iter_mut() {
        let (start, end) = (e.start, e.end);
        e.text = text[start..end].to_owned();
        e.start = advance(start);
        e.end = advance(end);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::model::Label;

    #[test]
    fn a_prefix_before_a_name_is_not_part_of_it() {
        let found = Recognizer::embedded()
            .annotate("Leaders of the pro-Iran Coordination Framework met in Baghdad.");
        let names: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
        assert!(names.contains(&"Coordination Framework"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("pro-")), "{names:?}");
    }

    #[test]
    fn offsets_count_scalar_values() {
        let r = Recognizer::embedded();
        let text = "“Hello,” said Najib Mikati in Beirut on Saturday.";
        let entities = r.annotate(text);
        assert!(!entities.is_empty());
        let chars: Vec<char> = text.chars().collect();
        for e in &entities {
            let s: String = chars[e.start..e.end].iter().collect();
            assert_eq!(s, e.text);
        }
        assert!(entities
            .iter()
            .any(|e| e.text == "Saturday" && e.label == Label::DATE));
    }
}
