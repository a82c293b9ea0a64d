//! Copies across files: the same article in several files (its files added to `sources`), or
//! an edited copy of it (kept whole as a `variant`), found by an exact key and by MinHash
//! signatures of its body, and merged in reading order.

use std::hash::Hasher;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHasher};

use super::clean::Clean;
use crate::minhash::{self, Index, Shingler, Signature, Sketcher};
use crate::model::{Article, Reason, Removed, Text, Variant};

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
    /// Signature of each article, where it has words.
    signatures: Vec<Option<Signature>>,
    /// Exact-text hash to the first article with it. A 64-bit collision between different
    /// texts would only send the second to the near-duplicate check, where it scores 1.0.
    exact: FxHashMap<u64, u32>,
    near: Index,
    shingler: Shingler,
}

impl Merger {
    /// A merger that keeps copies with a body Jaccard similarity of at least `threshold` as variants.
    pub fn new(threshold: f32) -> Merger {
        Merger {
            threshold,
            articles: Vec::new(),
            signatures: Vec::new(),
            exact: FxHashMap::default(),
            near: Index::default(),
            shingler: Shingler::default(),
        }
    }

    /// The articles merged so far.
    pub fn articles(&self) -> &[Article] {
        &self.articles
    }

    /// Adds one cleaned article read from file `source`, and says what became of it.
    ///
    /// `file` is the decoded text the article borrows from; kept articles point into it.
    pub fn add(&mut self, article: &Clean<'_>, source: &Arc<str>, file: &Arc<String>) -> Outcome {
        let key = exact_key(article);
        let copy_of = self
            .exact
            .get(&key)
            .map(|&i| i as usize)
            .filter(|&i| same_text(&self.articles[i], article));
        if let Some(index) = copy_of {
            self.merge_copy(index, article, source, file);
            return Outcome::Duplicate(index);
        }
        let signature = body_signature(&mut self.shingler, article);
        if let Some(sig) = &signature {
            if let Some((index, similarity)) = self.most_similar(sig, article) {
                self.add_variant(index, article, source, file, similarity);
                return Outcome::Variant(index);
            }
        }
        let index = self.articles.len();
        self.exact.entry(key).or_insert(index as u32);
        if let Some(sig) = &signature {
            self.near.insert(index as u32, sig);
        }
        self.signatures.push(signature);
        self.articles.push(article.to_article(source, file));
        Outcome::New(index)
    }

    /// Gives article `index` what a structured dump's record said of it, unless an earlier
    /// copy already did.
    pub fn set_meta(&mut self, index: usize, meta: &crate::model::Meta) {
        if let Some(article) = self.articles.get_mut(index) {
            if article.meta.is_none() && *meta != crate::model::Meta::default() {
                article.meta = Some(meta.clone());
            }
        }
    }

    /// The merged articles, in the order they were first read.
    pub fn finish(self) -> Vec<Article> {
        self.articles
    }

    /// The most similar earlier article at or above the threshold. The signatures' estimate
    /// decides, except within `AMBIGUOUS` of the threshold or above it when either text is too
    /// short for a reliable estimate, where the exact Jaccard of both texts' shingle sets (which
    /// costs a pass over both) is computed instead. The similarity
    /// reported is the exact one when it was computed, the estimate otherwise.
    fn most_similar(&self, sig: &Signature, article: &Clean<'_>) -> Option<(usize, f32)> {
        /// About 2.7 standard errors of a 128-bin estimate at J = 0.8.
        const AMBIGUOUS: f32 = 0.1;
        let mut shingles: Option<Vec<u64>> = None;
        self.near
            .candidates(sig)
            .map(|id| id as usize)
            .filter_map(|i| {
                let theirs = self.signatures[i].as_ref()?;
                let estimate = sig.estimate(theirs);
                // A short text's estimate is checked before it merges anything, not before
                // it is turned down: a false merge hides an article, a missed one shows two.
                let reliable = !sig.sparse() && !theirs.sparse();
                if estimate <= self.threshold - AMBIGUOUS
                    || (reliable && estimate >= self.threshold + AMBIGUOUS)
                {
                    return (estimate >= self.threshold).then_some((i, estimate));
                }
                let mine = shingles.get_or_insert_with(|| {
                    shingle_set(article.paragraphs.iter().map(|p| p.as_ref()), article.title)
                });
                let primary = &self.articles[i];
                let theirs = shingle_set(
                    primary.paragraphs.iter().map(|p| p.text.as_str()),
                    primary.title.text.as_str(),
                );
                let similarity = minhash::jaccard(mine, &theirs);
                (similarity >= self.threshold).then_some((i, similarity))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }

    fn merge_copy(
        &mut self,
        index: usize,
        copy: &Clean<'_>,
        source: &Arc<str>,
        file: &Arc<String>,
    ) {
        let primary = &mut self.articles[index];
        primary.removed.push(Removed {
            text: Text::within(file, copy.title),
            reason: Reason::DuplicateArticle,
            source: Arc::clone(source),
            line: copy.line,
        });
        if !primary.sources.iter().any(|s| **s == **source) {
            primary.sources.push(source.to_string());
        }
    }

    fn add_variant(
        &mut self,
        index: usize,
        copy: &Clean<'_>,
        source: &Arc<str>,
        file: &Arc<String>,
        similarity: f32,
    ) {
        let copy = copy.to_article(source, file);
        let primary = &mut self.articles[index];
        primary.removed.extend(copy.removed);
        primary.variants.push(Variant {
            source: source.to_string(),
            similarity,
            title: copy.title,
            captions: copy.captions,
            paragraphs: copy.paragraphs,
        });
    }
}

/// Feeds the text near-duplicates are judged on to `shingler`: the body, or the title when
/// there is no body.
fn body_shingles<'p>(
    shingler: &mut Shingler,
    paragraphs: impl Iterator<Item = &'p str>,
    title: &str,
    mut f: impl FnMut(u64),
) {
    let mut any = false;
    for p in paragraphs {
        any = true;
        shingler.feed(p, &mut f);
    }
    if !any {
        shingler.feed(title, &mut f);
    }
    shingler.finish(f);
}

/// The signature near copies are found by: of the body, or of the title without one.
pub(crate) fn body_signature(shingler: &mut Shingler, article: &Clean<'_>) -> Option<Signature> {
    let mut sketch = Sketcher::default();
    let paragraphs = article.paragraphs.iter().map(|p| p.as_ref());
    body_shingles(shingler, paragraphs, article.title, |h| sketch.add(h));
    sketch.finish()
}

/// The distinct shingle hashes of an article's body, sorted (for [`minhash::jaccard`]).
fn shingle_set<'p>(paragraphs: impl Iterator<Item = &'p str>, title: &str) -> Vec<u64> {
    let mut set = Vec::new();
    body_shingles(&mut Shingler::default(), paragraphs, title, |h| set.push(h));
    set.sort_unstable();
    set.dedup();
    set
}

/// The key of an article's exact text (see `cluster::link_keys`).
pub(crate) fn exact_key(article: &Clean<'_>) -> u64 {
    let mut h = FxHasher::default();
    h.write(article.title.as_bytes());
    for text in &article.captions {
        h.write_u8(0xFF);
        h.write(text.as_bytes());
    }
    h.write_u8(0xFE);
    for text in &article.paragraphs {
        h.write_u8(0xFF);
        h.write(text.as_bytes());
    }
    h.finish()
}

fn same_text(a: &Article, b: &Clean<'_>) -> bool {
    // A derived title stands for an empty one.
    (if a.title_derived {
        b.title.trim().is_empty()
    } else {
        a.title.text == b.title
    }) && a
        .captions
        .iter()
        .map(|c| c.text.as_str())
        .eq(b.captions.iter().copied())
        && a.paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .eq(b.paragraphs.iter().map(|p| p.as_ref()))
}
