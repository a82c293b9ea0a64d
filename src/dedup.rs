//! Repetition, removed and accounted for: inside an article (the repeated header, a caption
//! printed twice, a copied paragraph) and across files (the same article in several files, or an
//! edited copy of it).
//!
//! Nothing is dropped silently. A line left out of an article goes to its `removed` list with
//! the reason and the file; an exact copy of an article adds its file to `sources`; an edited copy
//! is kept whole as a `variant`.

use std::borrow::Cow;
use std::hash::Hasher;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};

use crate::minhash::{self, Index, Shingler, Signature, Sketcher};
use crate::model::{Article, Block, Reason, Removed, Text, Variant};
use crate::segment::{Line, RawArticle};

/// A repeated body paragraph is removed only if it is prose this long; short repeated lines are
/// table rows or markers (`--`, `ingot 75 cents / pound`) that legitimately recur.
const MIN_REPEATED_WORDS: usize = 8;

/// An article with its repetition removed, still borrowing the file's text: cheap to compare
/// and hash, and only turned into an owned [`Article`] if it is kept. Its buffers are reused
/// from one article to the next by [`clean_into`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Clean<'a> {
    pub title: &'a str,
    pub captions: Vec<&'a str>,
    /// Paragraphs; one of several lines is joined with `\n` (the only allocation).
    pub paragraphs: Vec<Cow<'a, str>>,
    pub removed: Vec<(Line<'a>, Reason)>,
    /// The line the article starts at in its file.
    pub line: usize,
    seen: Vec<&'a str>,
}

impl Clean<'_> {
    /// The article as the collection keeps it, read from file `source` whose decoded text is
    /// `file`: its text points into `file` wherever it is a verbatim range of it.
    pub fn to_article(&self, source: &Arc<str>, file: &Arc<String>) -> Article {
        let text = |part: &str| Text::within(file, part);
        let derived = self.title.trim().is_empty();
        let title = if derived {
            let first: Option<&str> = self
                .paragraphs
                .first()
                .map(|p| p.as_ref())
                .or(self.captions.first().copied());
            first.map_or_else(|| Text::from(UNTITLED), |p| derived_title(p, file))
        } else {
            text(self.title)
        };
        Article {
            title: Block::new(title),
            title_derived: derived,
            captions: self.captions.iter().map(|c| Block::new(text(c))).collect(),
            paragraphs: self
                .paragraphs
                .iter()
                .map(|p| match p {
                    Cow::Borrowed(p) => Block::new(text(p)),
                    Cow::Owned(p) => Block::new(p.as_str()),
                })
                .collect(),
            sources: vec![source.to_string()],
            variants: Vec::new(),
            removed: self
                .removed
                .iter()
                .map(|(line, reason)| Removed {
                    text: text(line.text),
                    reason: *reason,
                    source: Arc::clone(source),
                    line: line.no,
                })
                .collect(),
            meta: None,
        }
    }
}

/// The title of an article with nothing to call one: its first paragraph's first sentence (the
/// first line of it), shortened to [`DERIVED_WORDS`] words with an ellipsis. A range of the
/// file where it is one.
fn derived_title(paragraph: &str, file: &Arc<String>) -> Text {
    let line = paragraph.lines().next().unwrap_or("").trim();
    let sentence = line
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && line[i + 1..].starts_with(' ')
                && line[..i]
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.chars().count() > 2)
        })
        .map_or(line, |(i, c)| &line[..i + c.len_utf8()]);
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.is_empty() {
        return Text::from(UNTITLED);
    }
    if words.len() <= DERIVED_WORDS {
        return Text::within(file, sentence);
    }
    Text::from(format!("{}…", words[..DERIVED_WORDS].join(" ")))
}

/// The most words a derived title keeps.
const DERIVED_WORDS: usize = 12;

/// The title of an article with no words at all (a caption alone, say).
const UNTITLED: &str = "(untitled)";

#[cfg(test)]
/// Removes the repetition inside one raw article, recording every removed line with its reason.
pub fn clean<'a>(raw: &RawArticle<'a>) -> Clean<'a> {
    let mut out = Clean::default();
    clean_into(raw, &mut out);
    out
}

/// [`clean`], into `out`'s reused buffers.
pub fn clean_into<'a>(raw: &RawArticle<'a>, out: &mut Clean<'a>) {
    out.captions.clear();
    out.paragraphs.clear();
    out.removed.clear();
    out.removed
        .extend(raw.separators.iter().map(|l| (*l, Reason::Separator)));
    out.line = raw.first_line();

    let title = raw.header.first().map_or("", |l| l.text);
    out.title = title;
    let mut in_copy = false;
    for line in raw.header.iter().skip(1) {
        if line.text == title {
            in_copy = true;
            out.removed.push((*line, Reason::RepeatedHeader));
        } else if out.captions.contains(&line.text) {
            let reason = if in_copy {
                Reason::RepeatedHeader
            } else {
                Reason::RepeatedLine
            };
            out.removed.push((*line, reason));
        } else {
            out.captions.push(line.text);
        }
    }

    let mut seen = Seen::new(raw.starts.len(), std::mem::take(&mut out.seen));
    for lines in raw.paragraphs() {
        let text: Cow<'a, str> = match lines {
            [line] => Cow::Borrowed(line.text),
            _ => Cow::Owned(lines.iter().map(|l| l.text).collect::<Vec<_>>().join("\n")),
        };
        let in_header = text.len() <= MAX_HEADER_LINE
            && (text == title || out.captions.iter().any(|c| *c == text));
        let repeated = in_header
            || (text.len() >= 2 * MIN_REPEATED_WORDS
                && match &text {
                    Cow::Borrowed(t) => !seen.insert(t),
                    Cow::Owned(_) => false,
                }
                && text
                    .split_whitespace()
                    .nth(MIN_REPEATED_WORDS - 1)
                    .is_some());
        if repeated {
            out.removed
                .extend(lines.iter().map(|l| (*l, Reason::RepeatedLine)));
        } else {
            out.paragraphs.push(text);
        }
    }
    if let Seen::Few(buffer) = seen {
        out.seen = buffer;
    }
}

/// Longer lines are never a title or caption, so need not be compared with them.
const MAX_HEADER_LINE: usize = 1000;

/// Paragraphs seen so far in one article. Most articles have a few dozen paragraphs, where a
/// scan (comparing lengths first) beats building a hash set; long ones get the set.
enum Seen<'a> {
    Few(Vec<&'a str>),
    Many(FxHashSet<&'a str>),
}

impl<'a> Seen<'a> {
    const FEW: usize = 24;

    fn new(paragraphs: usize, mut buffer: Vec<&'a str>) -> Seen<'a> {
        if paragraphs <= Self::FEW {
            buffer.clear();
            Seen::Few(buffer)
        } else {
            Seen::Many(FxHashSet::with_capacity_and_hasher(
                paragraphs,
                Default::default(),
            ))
        }
    }

    /// Adds `text`; false if it was already there.
    fn insert(&mut self, text: &'a str) -> bool {
        match self {
            Seen::Few(seen) => {
                let new = !seen.iter().any(|s| s.len() == text.len() && *s == text);
                if new {
                    seen.push(text);
                }
                new
            }
            Seen::Many(seen) => seen.insert(text),
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn cleaned(text: &str, source: &str) -> Vec<Article> {
        let source: Arc<str> = source.into();
        let file = Arc::new(text.to_owned());
        segment(&file)
            .iter()
            .map(|raw| clean(raw).to_article(&source, &file))
            .collect()
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
            let file = Arc::new(text.to_owned());
            for raw in segment(&file) {
                outcomes.push(merger.add(&clean(&raw), &source.into(), &file));
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
            .any(|r| r.reason == Reason::DuplicateArticle && &*r.source == "b.txt"));
    }

    #[test]
    fn the_threshold_is_respected() {
        let a = "Alpha Story\n\none two three four five six seven eight nine ten\n";
        let b = "Alpha Story\n\none two three four five six seven eight nine ten eleven twelve\n";
        for (threshold, expect_variant) in [(0.5, true), (0.95, false)] {
            let mut merger = Merger::new(threshold);
            let (a, b) = (Arc::new(a.to_owned()), Arc::new(b.to_owned()));
            merger.add(&clean(&segment(&a)[0]), &"a".into(), &a);
            let outcome = merger.add(&clean(&segment(&b)[0]), &"b".into(), &b);
            assert_eq!(
                matches!(outcome, Outcome::Variant(0)),
                expect_variant,
                "{threshold}"
            );
        }
    }

    /// Short articles are judged on their exact similarity: a ten-word text fills few of a
    /// signature's bins, and its estimate could call a text sharing half of it a copy.
    #[test]
    fn short_articles_are_merged_only_when_truly_similar() {
        let mut merger = Merger::new(0.8);
        for n in 0..3_000 {
            let text = Arc::new(format!(
                "Report {n} from Paris\n\nJohn Smith{n} met the council of Lyon on day {n}.\n"
            ));
            let outcome = merger.add(&clean(&segment(&text)[0]), &"a".into(), &text);
            assert!(
                matches!(outcome, Outcome::New(i) if i == n),
                "{n}: {outcome:?}"
            );
        }
    }
}
