//! Entities in raw text: the trained name tagger and the number rules, with offsets; and the
//! annotation of a collection's articles with them.
//!
//! A [`Recognizer`] holds a trained [`Tagger`]. It reads one document at a time — an article's
//! title, captions and paragraphs together, because a name is easier to recognise when the
//! rest of the article mentions it too — and returns each block's entities with offsets in
//! Unicode scalar values, as the batch interface and the page both want them.

use crate::model::{Article, Block, Collection, Entity, Label};
use crate::tagger::{ModelError, Tagger};
use crate::{index, names, numbers, resolve, tokenize};

/// The longest run of tokens tagged as one sentence.
const MAX_SENTENCE: usize = 256;

/// The name tagger and the number rules, ready to annotate text.
#[derive(Clone, Debug)]
pub struct Recognizer {
    tagger: Tagger,
}

/// The model the tagger was trained to (`cargo run --release --bin train -- fit`), built into native
/// binaries. The page downloads it separately so it never delays the first paint.
#[cfg(feature = "embedded-model")]
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../models/ner.bin");

impl Recognizer {
    /// A recognizer over a saved model (`models/ner.bin`, as `train` writes it).
    pub fn from_bytes(model: &[u8]) -> Result<Recognizer, ModelError> {
        Ok(Recognizer {
            tagger: Tagger::from_bytes(model)?,
        })
    }

    /// The model built into native binaries.
    #[cfg(feature = "embedded-model")]
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
        let sentences: Vec<(usize, std::ops::Range<usize>)> = tokens
            .iter()
            .enumerate()
            .flat_map(|(b, toks)| sentence_ranges(blocks[b], toks).map(move |r| (b, r)))
            .collect();
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|(b, r)| tokens[*b][r.clone()].iter().map(|t| &*t.norm).collect())
            .collect();
        let tags = self.tagger.tag_document(&words);
        let names = names::document(&tags, &words, self.tagger.lexicons());
        let mut out: Vec<Vec<Entity>> = vec![Vec::new(); blocks.len()];
        for (((b, range), words), mut spans) in sentences.iter().zip(&words).zip(names) {
            let toks = &tokens[*b][range.clone()];
            let mut taken = vec![false; toks.len()];
            for span in &spans {
                taken[span.range()].iter_mut().for_each(|t| *t = true);
            }
            spans.extend(numbers::spans(words, &taken));
            for span in spans {
                out[*b].push(Entity {
                    start: toks[span.start].start,
                    end: toks[span.end - 1].end,
                    label: span.label,
                    text: String::new(),
                    key: String::new(),
                });
            }
        }
        for (entities, text) in out.iter_mut().zip(blocks) {
            entities.sort_by_key(|e| e.start);
            to_chars(text, entities);
        }
        resolve::document(blocks, &mut out);
        out
    }

    /// The entities of one text, as a document of its own.
    pub fn annotate(&self, text: &str) -> Vec<Entity> {
        self.document(&[text]).pop().unwrap_or_default()
    }
}

/// The token ranges of `text`'s sentences (`sentence_ends`), a "sentence" of thousands of
/// tokens cut in pieces: that is a list or a run-on line, not prose, and tagged in pieces memory
/// stays small (Viterbi keeps a row a token).
fn sentence_ranges(
    text: &str,
    toks: &[tokenize::Token<'_>],
) -> impl Iterator<Item = std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    for end in sentence_ends(text, toks) {
        while end - start > MAX_SENTENCE {
            ranges.push(start..start + MAX_SENTENCE);
            start += MAX_SENTENCE;
        }
        ranges.push(start..end);
        start = end;
    }
    ranges.into_iter()
}

/// The words of each sentence of `text` as [`Recognizer::document`] hands them to the tagger:
/// what the trainer measures the name rules on when the text has no labels (`train rules
/// --news`).
#[cfg(feature = "train")]
pub fn sentence_words(text: &str) -> Vec<Vec<String>> {
    let toks = tokenize::tokens(text);
    sentence_ranges(text, &toks)
        .map(|r| toks[r].iter().map(|t| t.norm.to_string()).collect())
        .collect()
}

/// Where the sentences of a block end: where `tokenize::sentences` says, and at every line
/// break. A name never runs from one line into the next: a photographer's credit at the end of
/// one line is not the start of the dateline below it.
fn sentence_ends(text: &str, toks: &[tokenize::Token<'_>]) -> Vec<usize> {
    let mut ends: Vec<usize> = (1..toks.len())
        .filter(|&i| text[toks[i - 1].end..toks[i].start].contains('\n'))
        .collect();
    ends.extend(tokenize::sentences(toks));
    ends.sort_unstable();
    ends.dedup();
    ends
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

impl Collection {
    /// Tags the entities of every article (and variant) and builds the entity index.
    pub fn annotate(&mut self, recognizer: &Recognizer) {
        for article in &mut self.articles {
            article.annotate(recognizer);
        }
        self.index_entities();
    }

    /// Builds the entity index (and its totals) from the articles' tagged blocks.
    pub fn index_entities(&mut self) {
        self.entities = index::build(&self.articles);
        self.stats.entities = self.entities.len();
        self.stats.mentions = self.entities.iter().map(|e| e.mentions).sum();
    }
}

impl Article {
    /// Tags the entities of the article and of its variants, each as one document.
    pub fn annotate(&mut self, recognizer: &Recognizer) {
        annotate_blocks(recognizer, self.blocks_mut());
        complete_credits(&mut self.captions);
        for v in &mut self.variants {
            annotate_blocks(recognizer, v.blocks_mut());
            complete_credits(&mut v.captions);
        }
    }
}

/// A caption's credit in brackets names its source, whole: where the tagger found a name in
/// `(Asharq Al-Awsat)` but only `Al-Awsat`, the name becomes the whole credit (a person if the
/// tagger said so, else an organisation: agencies and papers). A credit the tagger found no
/// name in (`(File Photo)`) is left alone.
fn complete_credits(captions: &mut [Block]) {
    for block in captions {
        let text = block.text.as_str();
        let Some(open) = crate::segment::credit_start(text) else {
            continue;
        };
        let credit = &text[open + 1..text.len() - 1];
        let start = text[..open + 1].chars().count();
        let end = start + credit.chars().count();
        let inside: Vec<&Entity> = block
            .entities
            .iter()
            .filter(|e| e.start < end && e.end > start)
            .collect();
        if inside.is_empty() {
            continue;
        }
        let label = if inside.iter().any(|e| e.label == Label::PER) {
            Label::PER
        } else {
            Label::ORG
        };
        let credit = Entity {
            start,
            end,
            label,
            text: credit.to_owned(),
            key: resolve::normalise(credit),
        };
        block.entities.retain(|e| e.end <= start || e.start >= end);
        let at = block.entities.partition_point(|e| e.start < start);
        block.entities.insert(at, credit);
    }
}

/// Tags one article's blocks as one document.
fn annotate_blocks<'a>(recognizer: &Recognizer, blocks: impl Iterator<Item = &'a mut Block>) {
    let mut blocks: Vec<&mut Block> = blocks.collect();
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    let found = recognizer.document(&texts);
    for (block, entities) in blocks.iter_mut().zip(found) {
        block.entities = entities;
    }
}

#[cfg(all(test, feature = "embedded-model"))]
mod tests {
    use super::*;

    fn entity(text: &str, part: &str, label: Label) -> Entity {
        let at = text.find(part).unwrap();
        let start = text[..at].chars().count();
        Entity {
            start,
            end: start + part.chars().count(),
            label,
            text: part.to_owned(),
            key: String::new(),
        }
    }

    #[test]
    fn a_name_found_in_a_credit_becomes_the_whole_credit() {
        let text = "Mikati visits Tyre’s students. (Asharq Al-Awsat)";
        let mut caption = Block::new(text);
        caption.entities = vec![
            entity(text, "Mikati", Label::PER),
            entity(text, "Tyre", Label::LOC),
            entity(text, "Al-Awsat", Label::ORG),
        ];
        let mut photo = Block::new("Smoke rises over the port. (File Photo)");
        let mut person = Block::new("A rally in the capital. (Jane Doe Smith)");
        person.entities = vec![entity(person.text.as_str(), "Jane Doe", Label::PER)];
        let mut captions = [caption, photo.clone(), person];
        complete_credits(&mut captions);
        let found: Vec<(&str, Label)> = captions[0]
            .entities
            .iter()
            .map(|e| (e.text.as_str(), e.label))
            .collect();
        assert_eq!(
            found,
            [
                ("Mikati", Label::PER),
                ("Tyre", Label::LOC),
                ("Asharq Al-Awsat", Label::ORG)
            ]
        );
        let credit = &captions[0].entities[2];
        let chars: String = text
            .chars()
            .skip(credit.start)
            .take(credit.end - credit.start)
            .collect();
        assert_eq!(chars, "Asharq Al-Awsat", "offsets in scalar values");
        photo.entities.clear();
        assert_eq!(captions[1], photo, "no name found, nothing added");
        assert_eq!(captions[2].entities[0].text, "Jane Doe Smith");
        assert_eq!(captions[2].entities[0].label, Label::PER);
    }

    #[test]
    fn a_prefix_before_a_name_is_not_part_of_it() {
        let found = Recognizer::embedded()
            .annotate("Leaders of the pro-Iran Coordination Framework met in Baghdad.");
        let names: Vec<&str> = found.iter().map(|e| e.text.as_str()).collect();
        assert!(names.contains(&"Coordination Framework"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("pro-")), "{names:?}");
    }

    /// A credit at the end of one line and a dateline on the next are two names, not one.
    #[test]
    fn no_entity_crosses_a_line_break() {
        let r = Recognizer::embedded();
        let text = "Smoke rises over the city. Photo by John Smith\nLONDON, Dec 7 (Reuters) - Prices rose.";
        let found = r.annotate(text);
        assert!(!found.is_empty());
        for e in &found {
            assert!(!e.text.contains('\n'), "{e:?} runs across the line break");
        }
    }

    proptest::proptest! {
        /// Whatever the text, no entity spans a line break, and every entity slices its text.
        #[test]
        fn entities_stay_on_their_line(
            lines in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Photo by John Smith", "LONDON", "Dec 7 (Reuters) -", "Najib Mikati said",
                    "in New York", "the United Nations", "Bank of America Corp", "", "U.S.",
                ]),
                1..8,
            ),
        ) {
            let text = lines.join("\n");
            let chars: Vec<char> = text.chars().collect();
            for e in Recognizer::embedded().annotate(&text) {
                proptest::prop_assert!(!e.text.contains('\n'), "{:?} in {:?}", e, text);
                proptest::prop_assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
            }
        }
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
