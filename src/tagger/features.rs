//! The features of a sentence's tokens, as hashes: the first stage's from the words, their
//! neighbours, casing evidence and the name lists; the second stage's from the first stage's
//! tags and the labels the same word got elsewhere in the document.

use rustc_hash::FxHashMap;

use super::evidence::{spellings, DocContext, DocLabels, Spelling};
#[cfg(feature = "train")]
use super::hash::lower_hash;
use super::hash::{feature, hash_str, lowercase, shape_hash, BOUNDARY};
use super::lexicon::{cluster_prefix, style, Lexicons, Style};
use crate::tags::Tag;

/// What the templates read of a word wherever it stands: its hashes, its cluster and how the
/// training corpus writes it. The same for every occurrence, so a tagger can keep it by word
/// ([`WordInfos`]) instead of hashing the word three ways and looking it up in two tables of
/// hundreds of thousands of entries at every token.
#[derive(Clone, Copy, Debug)]
pub(super) struct WordInfo {
    /// Its hashes and initial, which the document's evidence reads too.
    spelling: Spelling,
    shape: u64,
    /// The word's cluster path (0: in no cluster).
    cluster: u16,
    /// The word's `Casing` in the corpus lexicon.
    casing: u8,
}

impl WordInfo {
    fn new(w: &str, word: u64, lexicons: &Lexicons) -> WordInfo {
        let spelling = Spelling::hashed(w, word);
        WordInfo {
            spelling,
            shape: shape_hash(w),
            cluster: lexicons.clusters.get(spelling.lower),
            casing: lexicons.casing.get(spelling.lower),
        }
    }

    /// The [`WordInfo`] of `w`, from `infos` when kept there (and kept there if not).
    pub(super) fn kept(w: &str, lexicons: &Lexicons, infos: &mut WordInfos) -> WordInfo {
        let word = hash_str(w);
        if let Some(&i) = infos.get(&word) {
            return i;
        }
        if infos.len() >= WORD_INFOS {
            infos.clear();
        }
        let i = WordInfo::new(w, word, lexicons);
        infos.insert(word, i);
        i
    }
}

impl AsRef<Spelling> for WordInfo {
    fn as_ref(&self) -> &Spelling {
        &self.spelling
    }
}

/// Reads a document once for a tagger that keeps rows by word: each token's [`WordInfo`]
/// into `doc` (sentence after sentence) and each sentence's style into `styles`, and from
/// them the document's evidence.
pub(super) fn read_document(
    sentences: &[Vec<&str>],
    lexicons: &Lexicons,
    infos: &mut WordInfos,
    doc: &mut Vec<WordInfo>,
    styles: &mut Vec<Style>,
) -> DocContext {
    doc.clear();
    styles.clear();
    let mut ctx = DocContext::default();
    for words in sentences {
        let at = doc.len();
        doc.extend(words.iter().map(|w| WordInfo::kept(w, lexicons, infos)));
        let styled = style(words);
        styles.push(styled);
        ctx.add(styled, &doc[at..]);
    }
    ctx
}

/// [`WordInfo`]s kept by the word's hash, for the words seen lately (a tagger's, per table).
pub(super) type WordInfos = FxHashMap<u64, WordInfo>;

/// The words [`WordInfos`] keeps before it starts afresh.
const WORD_INFOS: usize = 1 << 15;

/// Per-token values the feature templates combine.
struct Token<'a> {
    word: u64,
    lower: u64,
    shape: u64,
    /// The word's cluster path (0: in no cluster).
    cluster: u16,
    casing: u8,
    text: &'a str,
    capitalised: bool,
}

impl<'a> Token<'a> {
    fn new(w: &'a str, lexicons: &Lexicons) -> Token<'a> {
        Token::of(w, WordInfo::new(w, hash_str(w), lexicons))
    }

    /// The token of `w` from what is kept of it. The lower-case text itself is made only for
    /// the templates that read it (`forms`, `parts`), which a tagger keeping rows by word runs
    /// once a word, not once a token.
    fn of(w: &'a str, i: WordInfo) -> Token<'a> {
        Token {
            word: i.spelling.word,
            lower: i.spelling.lower,
            shape: i.shape,
            cluster: i.cluster,
            casing: i.casing,
            capitalised: i.spelling.capitalised,
            text: w,
        }
    }

    /// The word, its lower-case form and shape, and its prefixes and suffixes of up to four
    /// characters (as slices of the lower-case form).
    fn forms(&self, f: &mut Vec<u64>) {
        f.push(feature(0, 0));
        f.push(feature(1, self.word));
        f.push(feature(2, self.lower));
        f.push(feature(3, self.shape));
        let lower_text = lowercase(self.text);
        let lt: &str = &lower_text;
        for (k, (b, c)) in lt.char_indices().take(4).enumerate() {
            f.push(feature(11 + k as u64, hash_str(&lt[..b + c.len_utf8()])));
        }
        for (k, (b, _)) in lt.char_indices().rev().take(4).enumerate() {
            f.push(feature(21 + k as u64, hash_str(&lt[b..])));
        }
    }

    /// Parts of hyphenated words: Pro-Iran, al-Maliki, Asa'ib.
    fn parts(&self, f: &mut Vec<u64>) {
        if self.text.contains('-') {
            for part in lowercase(self.text).split('-').filter(|p| !p.is_empty()) {
                f.push(feature(62, hash_str(part)));
            }
        }
    }

    /// The word's length in characters (up to 12) with its shape.
    fn length(&self, f: &mut Vec<u64>) {
        f.push(feature(
            64,
            (self.text.chars().count().min(12) as u64) | (self.shape << 8),
        ));
    }

    /// The templates that read the word and the sentence's style and nothing else: the
    /// word's corpus casing, its shape with that casing, its lower-case form, and its cluster
    /// with its capital, each with the style.
    fn styled(&self, sentence_style: u64, lexicons: &Lexicons, f: &mut Vec<u64>) {
        let casing = u64::from(self.casing);
        f.push(feature(50, sentence_style << 8 | casing));
        f.push(feature(
            52,
            self.shape ^ (sentence_style << 60) ^ (casing << 56),
        ));
        f.push(feature(53, self.lower ^ (sentence_style << 60)));
        if !lexicons.clusters.is_empty() {
            f.push(feature(
                105,
                u64::from(self.cluster) | u64::from(self.capitalised) << 16 | sentence_style << 20,
            ));
        }
    }

    /// The word's cluster, coarse to fine (a Brown cluster's prefixes, as Ratinov and Roth
    /// read them).
    fn clusters(&self, f: &mut Vec<u64>) {
        for (k, bits) in CLUSTER_PREFIXES.into_iter().enumerate() {
            f.push(feature(
                100 + k as u64,
                u64::from(cluster_prefix(self.cluster, bits)),
            ));
        }
    }
}

/// The features of `word` that read nothing but the word and the style of its sentence (as
/// [`base_features`] makes them for each token): the same for every occurrence in sentences
/// of that style, so a tagger can sum their rows once a word and style.
pub fn word_features(word: &str, sentence_style: Style, lexicons: &Lexicons, out: &mut Vec<u64>) {
    let t = Token::new(word, lexicons);
    t.styled(sentence_style as u64, lexicons, out);
    t.forms(out);
    t.parts(out);
    t.length(out);
    if !lexicons.clusters.is_empty() {
        t.clusters(out);
    }
}

/// The features of a token that are its very spelling (the word, its lower-case form, that
/// form with the sentence's style): what a tagger memorises of the names it was trained on.
/// Training can drop them now and then from a name's tokens (`train fit --drop-identity`),
/// so that the context, the affixes, the clusters and the lists must carry a name the
/// training text never showed.
#[cfg(feature = "train")]
pub fn identity_features(words: &[&str], i: usize) -> [u64; 3] {
    let sentence_style = style(words) as u64;
    let w = words[i];
    let lower = lower_hash(w);
    [
        feature(1, hash_str(w)),
        feature(2, lower),
        feature(53, lower ^ (sentence_style << 60)),
    ]
}

/// The second stage's view of a sentence: the document's labels and this sentence's
/// first-stage tags.
#[derive(Clone, Copy, Debug)]
pub struct Hints<'a> {
    /// The labels each word form got across the document.
    pub labels: &'a DocLabels,
    /// This sentence's first-stage tags.
    pub tags: &'a [Tag],
}

#[cfg(feature = "train")]
/// Builds the features of every token of a sentence into `out` (one list per token): those
/// of `base_features`, then for the second stage those of the first stage's `hints`.
pub fn features(
    words: &[&str],
    doc: &DocContext,
    lexicons: &Lexicons,
    hints: Option<Hints<'_>>,
    out: &mut Vec<Vec<u64>>,
) {
    base_features(words, doc, lexicons, out);
    if let Some(h) = hints {
        hint_features(words, h, &mut out[..words.len()]);
    }
}

/// What a tagger that keeps rows by word (see `joint::WordRows`) needs of each token besides
/// its pushed features: the key of its word's row (which sums the templates that read only
/// the word and its sentence's style, [`word_features`]) and its neighbours' 8-bit cluster
/// prefixes (templates 106 and 107; [`PAST_SENTENCE`] beyond the sentence).
#[derive(Clone, Copy, Debug)]
pub struct TokenKeys {
    /// The hash of the word as written, with its sentence's style.
    pub word: u64,
    /// The style of the word's sentence.
    pub style: Style,
    /// The cluster prefixes of the words before and after.
    pub near: [u16; 2],
}

/// A neighbour's cluster prefix past either end of the sentence.
pub const PAST_SENTENCE: u16 = 0xffff;

/// The features every stage uses: the word, its forms and neighbours, casing evidence and
/// the name lists, into the first `words.len()` lists of `out` (one a token, replacing what
/// was there; `out` grows to that length if shorter).
///
/// [`base_features_kept`] is the same for a tagger that keeps rows by word.
pub fn base_features(
    words: &[&str],
    doc: &DocContext,
    lexicons: &Lexicons,
    out: &mut Vec<Vec<u64>>,
) {
    let tokens: Vec<Token<'_>> = words.iter().map(|&w| Token::new(w, lexicons)).collect();
    token_features(&tokens, style(words), doc, lexicons, out, None);
}

/// [`base_features`] for a tagger that keeps rows by word, from each word's [`WordInfo`]
/// (`infos`, one a word) and the sentence's style, both read once for the document.
///
/// The templates that read only the word itself ([`word_features`]) and the neighbours'
/// clusters (106, 107) are not pushed; each token's [`TokenKeys`] go to `keys` instead, for a
/// tagger that keeps those templates' rows summed by word and by prefix.
pub(super) fn base_features_kept(
    words: &[&str],
    infos: &[WordInfo],
    styled: Style,
    doc: &DocContext,
    lexicons: &Lexicons,
    out: &mut Vec<Vec<u64>>,
    keys: &mut Vec<TokenKeys>,
) {
    let tokens: Vec<Token<'_>> = words
        .iter()
        .zip(infos)
        .map(|(&w, &i)| Token::of(w, i))
        .collect();
    token_features(&tokens, styled, doc, lexicons, out, Some(keys));
}

/// The features of [`base_features`] (all of them, without `keys`) from the tokens of a
/// sentence of style `styled`.
fn token_features(
    tokens: &[Token<'_>],
    styled: Style,
    doc: &DocContext,
    lexicons: &Lexicons,
    out: &mut Vec<Vec<u64>>,
    mut keys: Option<&mut Vec<TokenKeys>>,
) {
    let sentence_style = styled as u64;
    // Only grown: lists beyond this sentence keep their capacity for a longer one.
    if out.len() < tokens.len() {
        out.resize_with(tokens.len(), Vec::new);
    }
    let lowers: Vec<u64> = tokens.iter().map(|t| t.lower).collect();
    let marks = lexicons.gazetteer.mark(&lowers);
    let at = |i: isize, f: fn(&Token<'_>) -> u64| -> u64 {
        if i < 0 || i as usize >= tokens.len() {
            BOUNDARY.wrapping_add(i.unsigned_abs() as u64)
        } else {
            f(&tokens[i as usize])
        }
    };
    for (i, t) in tokens.iter().enumerate() {
        let f = &mut out[i];
        f.clear();
        // Room for every template (and the second stage's), so pushes never reallocate.
        f.reserve(88);
        let ii = i as isize;
        let lower = |k: isize| at(ii + k, |t| t.lower);
        let shape_at = |k: isize| at(ii + k, |t| t.shape);
        let whole = keys.is_none();
        if whole {
            t.forms(f);
        }
        f.push(feature(30, lower(-1)));
        f.push(feature(31, lower(1)));
        f.push(feature(32, lower(-2)));
        f.push(feature(33, lower(2)));
        f.push(feature(34, shape_at(-1)));
        f.push(feature(35, shape_at(1)));
        f.push(feature(36, lower(-1) ^ lower(0).rotate_left(17)));
        f.push(feature(37, lower(0) ^ lower(1).rotate_left(17)));
        f.push(feature(
            38,
            shape_at(-1) ^ shape_at(0).rotate_left(13) ^ shape_at(1).rotate_left(26),
        ));
        f.push(feature(39, lower(-1) ^ t.shape.rotate_left(9)));
        f.push(feature(40, t.shape ^ lower(1).rotate_left(9)));
        // Casing in context: the sentence's style with the word's shape and the evidence.
        let casing = u64::from(t.casing);
        let seen_lower = u64::from(t.capitalised && doc.lower_seen.contains(&t.lower));
        let initial = u64::from(i == 0);
        if whole {
            t.styled(sentence_style, lexicons, f);
        }
        f.push(feature(51, sentence_style << 8 | seen_lower << 4 | initial));
        f.push(feature(54, casing << 4 | seen_lower << 2 | initial));
        let seen_capital = u64::from(doc.capital_seen.contains(&t.lower));
        f.push(feature(
            55,
            sentence_style << 8 | seen_capital << 4 | seen_lower << 2 | u64::from(t.capitalised),
        ));
        // Neighbours as written: a capitalised neighbour is a name's other half.
        f.push(feature(60, at(ii - 1, |t| t.word)));
        f.push(feature(61, at(ii + 1, |t| t.word)));
        if whole {
            t.parts(f);
        }
        // Where the token sits in a run of capitalised words, and how long the run is.
        let cap = |k: isize| -> bool {
            let j = ii + k;
            j >= 0 && (j as usize) < tokens.len() && tokens[j as usize].capitalised
        };
        if t.capitalised {
            let (mut left, mut right) = (0, 0);
            while left < 4 && cap(-(left + 1)) {
                left += 1;
            }
            while right < 4 && cap(right + 1) {
                right += 1;
            }
            f.push(feature(
                63,
                (left as u64) << 8 | right as u64 | sentence_style << 16,
            ));
        }
        if whole {
            t.length(f);
        }
        if t.capitalised {
            if let Some(list) = doc.contexts.get(&t.lower) {
                for &(prev, next) in list {
                    f.push(feature(90, prev));
                    f.push(feature(91, next));
                }
            }
        }
        // Word clusters: the token's own (its prefixes in `Token::clusters`), the finest
        // with the word's casing, and the neighbours' at a middle depth.
        let near = |k: isize| -> u16 {
            let j = ii + k;
            if j < 0 || j as usize >= tokens.len() {
                PAST_SENTENCE
            } else {
                cluster_prefix(tokens[j as usize].cluster, NEAR_BITS)
            }
        };
        let clustered = !lexicons.clusters.is_empty();
        if clustered {
            if whole {
                t.clusters(f);
            }
            if whole {
                f.push(feature(106, u64::from(near(-1))));
                f.push(feature(107, u64::from(near(1))));
            }
        }
        if let Some(keys) = keys.as_mut() {
            keys.push(TokenKeys {
                // A word's row differs by style (the templates of `Token::styled`).
                word: t.word ^ (sentence_style + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15),
                style: styled,
                near: if clustered {
                    [near(-1), near(1)]
                } else {
                    [0; 2]
                },
            });
        }
        let (kinds, begins) = marks[i];
        if kinds != 0 {
            let kinds = kinds as u64;
            f.push(feature(
                80,
                kinds << 4 | u64::from(begins) << 2 | u64::from(t.capitalised),
            ));
            f.push(feature(
                81,
                kinds << 8 | sentence_style << 4 | u64::from(begins),
            ));
            f.push(feature(82, kinds << 8 | casing));
        }
        let (prev_kinds, next_kinds) = (
            if i > 0 { marks[i - 1].0 } else { 0 },
            marks.get(i + 1).map_or(0, |m| m.0),
        );
        if prev_kinds | next_kinds != 0 {
            f.push(feature(83, (prev_kinds as u64) << 8 | next_kinds as u64));
        }
    }
}

/// The prefix lengths of a token's own cluster path that templates 100–104 read.
const CLUSTER_PREFIXES: [u32; 5] = [4, 6, 8, 10, 12];

/// The prefix length of the neighbours' cluster paths (templates 106 and 107).
pub const NEAR_BITS: u32 = 8;

/// The second stage's features: the first stage's tags around each token and the labels
/// its word form got elsewhere in the document, appended to `out`.
pub fn hint_features(words: &[&str], h: Hints<'_>, out: &mut [Vec<u64>]) {
    let mut keys = Vec::new();
    hint_keys(&spellings(words), style(words), h, &mut keys);
    for (k, f) in keys.iter().zip(out.iter_mut()) {
        let [a, b] = k.first();
        f.push(a);
        f.push(b);
        if let Some(more) = k.second() {
            f.extend(more);
        }
    }
}

/// The tags past either end of a sentence, in [`HintKeys::prev`] and [`HintKeys::next`].
pub(super) const PAST_TAGS: usize = 1 + 2 * crate::tags::TYPES.len();

/// What the second stage's templates read of one token, as small numbers: the first stage's
/// tag of the token and of its neighbours (dense tag indices, [`PAST_TAGS`] past the
/// sentence), the type its word got most often elsewhere in the document, the sentence's
/// style and the word's capital. Few enough values that a loaded tagger keeps the summed rows
/// of every combination in two small tables (`joint`) rather than probing five features.
#[derive(Clone, Copy, Debug)]
pub(super) struct HintKeys {
    pub(super) own: usize,
    pub(super) prev: usize,
    pub(super) next: usize,
    /// The majority type (0 for O) of the word's other occurrences, if any.
    pub(super) major: Option<usize>,
    pub(super) style: usize,
    pub(super) capitalised: bool,
}

impl HintKeys {
    /// Templates 70 and 71: the token's own tag, and with its neighbours'.
    pub(super) fn first(&self) -> [u64; 2] {
        let outside = |t: usize| if t == PAST_TAGS { 99 } else { t as u64 };
        let own = self.own as u64;
        [
            feature(70, own),
            feature(71, own << 8 | outside(self.prev) << 16 | outside(self.next)),
        ]
    }

    /// Templates 72 to 74, when the word was tagged elsewhere in the document.
    pub(super) fn second(&self) -> Option<[u64; 3]> {
        let major = self.major? as u64;
        Some([
            feature(72, major),
            feature(73, major << 8 | self.own as u64),
            feature(
                74,
                major << 8 | (self.style as u64) << 4 | u64::from(self.capitalised),
            ),
        ])
    }
}

/// The [`HintKeys`] of each token of a sentence of style `styled`, spelt `words`, into `out`
/// (cleared first).
pub(super) fn hint_keys<S: AsRef<Spelling>>(
    words: &[S],
    styled: Style,
    h: Hints<'_>,
    out: &mut Vec<HintKeys>,
) {
    out.clear();
    for (i, w) in words.iter().enumerate() {
        let w = w.as_ref();
        out.push(HintKeys {
            own: h.tags[i].index(),
            prev: if i == 0 {
                PAST_TAGS
            } else {
                h.tags[i - 1].index()
            },
            next: h.tags.get(i + 1).map_or(PAST_TAGS, |t| t.index()),
            major: h.labels.majority(w.lower, h.tags[i]).map(|m| m as usize),
            style: styled as usize,
            capitalised: w.capitalised,
        });
    }
}
