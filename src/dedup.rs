//! Repetition, removed and accounted for: inside an article (the repeated header, a caption
//! printed twice, a copied paragraph) and across files (the same article in several files, or an
//! edited copy of it).
//!
//! Nothing is dropped silently. A line left out of an article goes to its `removed` list with
//! the reason and the file; an exact copy of an article adds its file to `sources`; an edited copy
//! is kept whole as a `variant`.

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::Hasher;

use crate::minhash::{self, Index, Signature};
use crate::model::{Article, Block, Reason, Removed, Variant};
use crate::segment::{Line, RawArticle};

/// A repeated body paragraph is removed only if it is prose this long; short repeated lines are
/// table rows or markers (`--`, `ingot 75 cents / pound`) that legitimately recur.
const MIN_REPEATED_WORDS: usize = 8;

/// Turns one raw article of file `source` into a clean article with its removals recorded.
pub fn clean(raw: &RawArticle<'_>, source: &str) -> Article {
    let mut removed = Vec::new();
    let remove = |line: &Line<'_>, reason, removed: &mut Vec<Removed>| {
        removed.push(Removed {
            text: line.text.to_owned(),
            reason,
            source: source.to_owned(),
            line: line.no,
        })
    };
    for line in &raw.separators {
        remove(line, Reason::Separator, &mut removed);
    }

    let mut seen: FxHashSet<&str> = FxHashSet::default();
    let title = raw.header.first().map_or("", |l| l.text);
    seen.insert(title);
    let mut captions = Vec::new();
    let mut in_copy = false;
    for line in raw.header.iter().skip(1) {
        if line.text == title {
            in_copy = true;
            remove(line, Reason::RepeatedHeader, &mut removed);
        } else if seen.contains(line.text) {
            let reason = if in_copy {
                Reason::RepeatedHeader
            } else {
                Reason::RepeatedLine
            };
            remove(line, reason, &mut removed);
        } else {
            seen.insert(line.text);
            captions.push(Block::new(line.text));
        }
    }
    let header_lines = seen.clone();

    let mut paragraphs = Vec::with_capacity(raw.body.len());
    let mut joined = String::new();
    for lines in &raw.body {
        let text: &str = if let [line] = lines.as_slice() {
            line.text
        } else {
            joined.clear();
            for (k, line) in lines.iter().enumerate() {
                if k > 0 {
                    joined.push('\n');
                }
                joined.push_str(line.text);
            }
            &joined
        };
        let repeated = header_lines.contains(text)
            || (seen.contains(text)
                && text
                    .split_whitespace()
                    .nth(MIN_REPEATED_WORDS - 1)
                    .is_some());
        if repeated {
            for line in lines {
                remove(line, Reason::RepeatedLine, &mut removed);
            }
            continue;
        }
        paragraphs.push(Block::new(text));
        if let [line] = lines.as_slice() {
            seen.insert(line.text);
        }
    }
    Article {
        title: Block::new(title),
        captions,
        paragraphs,
        sources: vec![source.to_owned()],
        variants: Vec::new(),
        removed,
    }
}

/// What became of an article given to [`Merger::add`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A new article, at this index.
    New(usize),
    /// An exact copy of the article at this index; its file was added to `sources`.
    Duplicate(usize),
    /// An edited copy, kept as a variant of the article at this index.
    Variant(usize),
}

/// Merges articles from many files, in reading order, into one list without copies.
#[derive(Debug)]
pub struct Merger {
    threshold: f32,
    articles: Vec<Article>,
    exact: FxHashMap<u64, Vec<usize>>,
    near: Index,
}

impl Merger {
    /// A merger that keeps copies with a body Jaccard similarity of at least `threshold` as variants.
    pub fn new(threshold: f32) -> Merger {
        Merger {
            threshold,
            articles: Vec::new(),
            exact: FxHashMap::default(),
            near: Index::default(),
        }
    }

    /// The articles merged so far.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Adds one cleaned article (with exactly one source) that starts at line `line` of its file,
    /// and says what became of it.
    pub fn add(&mut self, article: Article, line: usize) -> Outcome {
        let key = exact_key(&article);
        if let Some(&index) = self.exact.get(&key).and_then(|ids| {
            ids.iter()
                .find(|&&i| same_text(&self.articles[i], &article))
        }) {
            self.merge_copy(index, article, line);
            return Outcome::Duplicate(index);
        }
        let body = body_text(&article);
        let signature = minhash::signature(&body);
        if let Some(sig) = &signature {
            if let Some((index, similarity)) = self.most_similar(sig, &body) {
                self.add_variant(index, article, similarity);
                return Outcome::Variant(index);
            }
        }
        let index = self.articles.len();
        self.exact.entry(key).or_default().push(index);
        if let Some(sig) = &signature {
            self.near.insert(index as u32, sig);
        }
        self.articles.push(article);
        Outcome::New(index)
    }

    /// The merged articles, in the order they were first read.
    pub fn finish(self) -> Vec<Article> {
        self.articles
    }

    fn most_similar(&self, sig: &Signature, body: &str) -> Option<(usize, f32)> {
        let candidates = self.near.candidates(sig);
        if candidates.is_empty() {
            return None;
        }
        let shingles = minhash::shingle_set(body);
        candidates
            .into_iter()
            .map(|id| id as usize)
            .filter_map(|index| {
                let other = minhash::shingle_set(&body_text(&self.articles[index]));
                let similarity = minhash::jaccard(&shingles, &other);
                (similarity >= self.threshold).then_some((index, similarity))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    fn merge_copy(&mut self, index: usize, copy: Article, line: usize) {
        let primary = &mut self.articles[index];
        let source = copy.sources.into_iter().next().unwrap_or_default();
        primary.removed.push(Removed {
            text: copy.title.text,
            reason: Reason::DuplicateArticle,
            source: source.clone(),
            line,
        });
        if !primary.sources.contains(&source) {
            primary.sources.push(source);
        }
    }

    fn add_variant(&mut self, index: usize, copy: Article, similarity: f32) {
        let primary = &mut self.articles[index];
        let source = copy.sources.into_iter().next().unwrap_or_default();
        primary.removed.extend(copy.removed);
        primary.variants.push(Variant {
            source,
            similarity,
            title: copy.title,
            captions: copy.captions,
            paragraphs: copy.paragraphs,
        });
    }
}

/// The text near-duplicates are judged on: the body, or the title when there is no body.
fn body_text(article: &Article) -> String {
    if article.paragraphs.is_empty() {
        return article.title.text.clone();
    }
    let mut text = String::with_capacity(article.paragraphs.iter().map(|p| p.text.len() + 1).sum());
    for p in &article.paragraphs {
        text.push_str(&p.text);
        text.push('\n');
    }
    text
}

fn exact_key(article: &Article) -> u64 {
    let mut h = FxHasher::default();
    h.write(article.title.text.as_bytes());
    for block in article.captions.iter().chain(&article.paragraphs) {
        h.write_u8(0xFF);
        h.write(block.text.as_bytes());
    }
    h.write_usize(article.captions.len());
    h.finish()
}

fn same_text(a: &Article, b: &Article) -> bool {
    a.title.text == b.title.text
        && a.captions
            .iter()
            .map(|c| &c.text)
            .eq(b.captions.iter().map(|c| &c.text))
        && a.paragraphs
            .iter()
            .map(|p| &p.text)
            .eq(b.paragraphs.iter().map(|p| &p.text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn cleaned(text: &str, source: &str) -> Vec<Article> {
        segment(text).iter().map(|raw| clean(raw, source)).collect()
    }

    #[test]
    fn header_repeats_are_removed_with_reasons() {
        let text = "Title Of Story\n\nA rally in Baghdad today. (Reuters)\nA rally in Baghdad today. (Reuters)\n\n\
                    Title Of Story\n\nA rally in Baghdad today. (Reuters)\nA rally in Baghdad today. (Reuters)\n\n\
                    The body.\n";
        let a = &cleaned(text, "f.txt")[0];
        assert_eq!(a.title.text, "Title Of Story");
        assert_eq!(
            a.captions,
            vec![Block::new("A rally in Baghdad today. (Reuters)")]
        );
        assert_eq!(a.paragraphs, vec![Block::new("The body.")]);
        let reasons: Vec<_> = a.removed.iter().map(|r| (r.reason, r.line)).collect();
        assert_eq!(
            reasons,
            [
                (Reason::RepeatedLine, 4),
                (Reason::RepeatedHeader, 6),
                (Reason::RepeatedHeader, 8),
                (Reason::RepeatedHeader, 9)
            ]
        );
    }

    #[test]
    fn repeated_prose_goes_but_repeated_table_rows_stay() {
        let prose = "Police were seeking a fourteenth officer in the case, a spokesman said.";
        let text = format!(
            "Some Title Here\n\n{prose}\n\n--\n\ningot 75 cents / pound\n\n--\n\n\
                            ingot 75 cents / pound\n\n{prose}\n\nSome Title Here\n"
        );
        let a = &cleaned(&text, "f.txt")[0];
        let texts: Vec<_> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                prose,
                "--",
                "ingot 75 cents / pound",
                "--",
                "ingot 75 cents / pound"
            ]
        );
        assert_eq!(a.removed.len(), 2);
        assert!(a.removed.iter().all(|r| r.reason == Reason::RepeatedLine));
    }

    #[test]
    fn exact_copies_merge_sources_and_edited_copies_become_variants() {
        let body =
            "Sao Paulo state power firm Eletropaulo said it has named Eduardo Bernini as new \
                    president.\n\nBernini was previously a director of the company, which said \
                    its board approved the change on Tuesday.\n\nThe company gave no reason for \
                    the change in a short statement released in the city.\n\nSobral will head \
                    a secretariat at the state government from next month, it added.";
        let a = format!("Eletropaulo Names President\n\nA view of the city. (Reuters)\n\n{body}\n");
        let edited = format!("{a}\nThe report was updated later in the day.\n");
        let other = "Rwanda Expels Refugees\n\nA view of the camp. (AP)\n\nRwanda said on \
                     Saturday that Zaire had expelled 28 refugees from camps in the east.\n";
        let mut merger = Merger::new(0.8);
        let mut outcomes = Vec::new();
        for (text, source) in [
            (a.as_str(), "a.txt"),
            (other, "a.txt"),
            (a.as_str(), "b.txt"),
            (edited.as_str(), "c.txt"),
        ] {
            for article in cleaned(text, source) {
                outcomes.push(merger.add(article, 1));
            }
        }
        assert_eq!(
            outcomes,
            [
                Outcome::New(0),
                Outcome::New(1),
                Outcome::Duplicate(0),
                Outcome::Variant(0)
            ]
        );
        let articles = merger.finish();
        assert_eq!(articles[0].sources, ["a.txt", "b.txt"]);
        assert_eq!(articles[0].variants.len(), 1);
        let variant = &articles[0].variants[0];
        assert_eq!(variant.source, "c.txt");
        assert!(variant.similarity >= 0.8 && variant.similarity < 1.0);
        assert_eq!(variant.paragraphs.len(), 5);
        assert!(articles[0]
            .removed
            .iter()
            .any(|r| r.reason == Reason::DuplicateArticle && r.source == "b.txt"));
    }

    #[test]
    fn the_threshold_is_respected() {
        let a = "Alpha Story\n\none two three four five six seven eight nine ten\n";
        let b = "Alpha Story\n\none two three four five six seven eight nine ten eleven twelve\n";
        for (threshold, expect_variant) in [(0.5, true), (0.95, false)] {
            let mut merger = Merger::new(threshold);
            merger.add(cleaned(a, "a").remove(0), 1);
            let outcome = merger.add(cleaned(b, "b").remove(0), 1);
            assert_eq!(
                matches!(outcome, Outcome::Variant(0)),
                expect_variant,
                "{threshold}"
            );
        }
    }
}
