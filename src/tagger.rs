//! The name tagger: an averaged structured perceptron over BIO tags with Viterbi decoding.
//!
//! Each token gets a few dozen hashed features (the word, its lower-case form, its shape,
//! affixes, its neighbours) — built from precomputed hashes, never as strings, so tagging costs
//! lookups and a 9×9 Viterbi step a token. Casing is the strongest clue to a name in English
//! and the easiest to be fooled by: a headline in capitals or in title case capitalises every
//! word. So a sentence's style (normal, capitals, title case) is a feature conjoined with the
//! word's shape, and two kinds of evidence say how a word is usually written: in the same
//! document (is it written in lower case somewhere else?) and in the training corpus (how often
//! is it capitalised mid-sentence?).
//!
//! Training (Collins, 2002): tag a sentence with the current weights; where the best path
//! differs from the gold one, add the gold path's features and subtract the predicted path's.
//! The weights kept are the average over every step, which generalises far better than the
//! last ones.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::conll::Document;
use crate::tags::{Tag, TYPES};

/// How a sentence is written: casing means something only in normal sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Normal = 0,
    /// Most words in capitals (`SOCCER - JAPAN GET LUCKY WIN`).
    Capitals = 1,
    /// Most words capitalised (`Mikati: Lebanon in State of War`).
    TitleCase = 2,
}

/// How a word is usually written, from counts over the training text's normal sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Casing {
    Unseen = 0,
    Lower = 1,
    Mixed = 2,
    Capitalised = 3,
    /// Not in the training text, but a common English word in lower case (a word list).
    Dictionary = 4,
}

/// Corpus evidence of how words are written: lower-case form hash to [`Casing`].
#[derive(Clone, Debug, Default)]
pub struct CasingLexicon {
    map: FxHashMap<u32, u8>,
}

impl CasingLexicon {
    /// Counts, for each word not at the start of a normal sentence, how often it is capitalised.
    pub fn from_documents(docs: &[Document]) -> CasingLexicon {
        let mut counts: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
        for doc in docs {
            for s in &doc.sentences {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                if style(&words) != Style::Normal {
                    continue;
                }
                for w in words.iter().skip(1) {
                    let Some(first) = w.chars().next().filter(|c| c.is_alphabetic()) else {
                        continue;
                    };
                    let entry = counts.entry(hash_str(&w.to_lowercase())).or_default();
                    if first.is_uppercase() {
                        entry.0 += 1;
                    } else {
                        entry.1 += 1;
                    }
                }
            }
        }
        let map = counts
            .into_iter()
            .map(|(h, (cap, low))| {
                let ratio = cap as f32 / (cap + low) as f32;
                let casing = if ratio < 0.1 {
                    Casing::Lower
                } else if ratio > 0.9 {
                    Casing::Capitalised
                } else {
                    Casing::Mixed
                };
                (key(h), casing as u8)
            })
            .collect();
        CasingLexicon { map }
    }

    /// Whether `word` is in the training text or on the list of common English words: what
    /// the tagger has evidence about.
    pub fn knows(&self, word: &str) -> bool {
        self.get(lower_hash(word)) != Casing::Unseen as u8
    }

    fn get(&self, lower: u64) -> u8 {
        self.map
            .get(&key(lower))
            .copied()
            .unwrap_or(Casing::Unseen as u8)
    }

    /// Marks the words of `list` (one a line) the training text never showed as
    /// [`Casing::Dictionary`]: evidence for `Moreover` or a headline's `Escalation` that the
    /// corpus cannot give.
    pub fn add_words(&mut self, list: &str) {
        for w in list.lines().map(str::trim).filter(|w| !w.is_empty()) {
            self.map
                .entry(key(hash_str(&w.to_lowercase())))
                .or_insert(Casing::Dictionary as u8);
        }
    }

    /// Entries, for saving.
    pub fn entries(&self) -> impl Iterator<Item = (u32, u8)> + '_ {
        self.map.iter().map(|(&k, &v)| (k, v))
    }

    /// A lexicon from saved entries.
    pub fn from_entries(entries: impl IntoIterator<Item = (u32, u8)>) -> CasingLexicon {
        CasingLexicon {
            map: entries.into_iter().collect(),
        }
    }
}

/// Name lists (gazetteers): lower-case token sequences to the lists they are on, as bits.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entries: FxHashMap<u32, u8>,
}

/// The longest entry a gazetteer matches, in tokens.
const GAZETTEER_MAX_TOKENS: usize = 4;

impl Gazetteer {
    /// Adds every line of `list` (one entry a line) under bit `kind`.
    pub fn add_list(&mut self, kind: u8, list: &str) {
        for entry in list.lines() {
            let tokens: Vec<String> = entry.split_whitespace().map(str::to_lowercase).collect();
            if (1..=GAZETTEER_MAX_TOKENS).contains(&tokens.len()) {
                let k = tokens.iter().fold(0u64, |h, t| mix(h ^ hash_str(t)));
                *self.entries.entry(key(k)).or_default() |= 1 << kind;
            }
        }
    }

    /// For each token, the lists of the longest entry covering it, and whether it begins it.
    fn mark(&self, lowers: &[u64]) -> Vec<(u8, bool)> {
        let mut marks = vec![(0u8, false); lowers.len()];
        if self.entries.is_empty() {
            return marks;
        }
        let mut i = 0;
        while i < lowers.len() {
            let mut h = 0u64;
            let mut best = None;
            for len in 1..=GAZETTEER_MAX_TOKENS.min(lowers.len() - i) {
                h = mix(h ^ lowers[i + len - 1]);
                if let Some(&kinds) = self.entries.get(&key(h)) {
                    best = Some((len, kinds));
                }
            }
            match best {
                Some((len, kinds)) => {
                    for (k, mark) in marks[i..i + len].iter_mut().enumerate() {
                        *mark = (kinds, k == 0);
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        marks
    }

    /// The lists (bits set by [`Gazetteer::add_list`]) that have `words` as one entry; 0 if
    /// none does.
    pub fn lists(&self, words: &[&str]) -> u8 {
        if !(1..=GAZETTEER_MAX_TOKENS).contains(&words.len()) {
            return 0;
        }
        let h = words.iter().fold(0u64, |h, w| mix(h ^ lower_hash(w)));
        self.entries.get(&key(h)).copied().unwrap_or(0)
    }

    /// Entries, for saving.
    pub fn entries(&self) -> impl Iterator<Item = (u32, u8)> + '_ {
        self.entries.iter().map(|(&k, &v)| (k, v))
    }

    /// A gazetteer from saved entries.
    pub fn from_entries(entries: impl IntoIterator<Item = (u32, u8)>) -> Gazetteer {
        Gazetteer {
            entries: entries.into_iter().collect(),
        }
    }
}

/// What the features consult besides the sentence: corpus casing and the name lists.
#[derive(Clone, Debug, Default)]
pub struct Lexicons {
    pub casing: CasingLexicon,
    pub gazetteer: Gazetteer,
}

/// The style of a sentence from its words.
pub fn style(words: &[&str]) -> Style {
    let (mut alpha, mut caps, mut cap_initial) = (0, 0, 0);
    for w in words {
        let mut letters = w.chars().filter(|c| c.is_alphabetic());
        let Some(first) = letters.next() else {
            continue;
        };
        let mut rest = letters.peekable();
        if rest.peek().is_none() {
            continue;
        }
        alpha += 1;
        caps += usize::from(first.is_uppercase() && rest.all(char::is_uppercase));
        cap_initial += usize::from(first.is_uppercase());
    }
    if alpha >= 2 && caps * 10 >= alpha * 7 {
        Style::Capitals
    } else if alpha >= 4 && cap_initial * 10 >= alpha * 8 {
        Style::TitleCase
    } else {
        Style::Normal
    }
}

/// Document-wide evidence: the lower-case forms written in lower case somewhere in normal
/// text, and those written capitalised somewhere other than a sentence's start.
#[derive(Clone, Debug, Default)]
pub struct DocContext {
    lower_seen: FxHashSet<u64>,
    capital_seen: FxHashSet<u64>,
    /// For each capitalised word form, the words around its occurrences in normal text (up
    /// to [`CONTEXTS`]): `Suu Kyi` is a person wherever one occurrence says `Suu Kyi said`.
    contexts: FxHashMap<u64, Vec<(u64, u64)>>,
}

/// Occurrences of a word whose neighbours the document context keeps.
const CONTEXTS: usize = 6;

impl DocContext {
    /// Gathers the evidence of one document's sentences.
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]>) -> DocContext {
        let mut lower_seen = FxHashSet::default();
        let mut capital_seen = FxHashSet::default();
        let mut contexts: FxHashMap<u64, Vec<(u64, u64)>> = FxHashMap::default();
        for words in sentences {
            if style(words) != Style::Normal {
                continue;
            }
            for (i, w) in words.iter().enumerate() {
                if w.chars().next().is_some_and(char::is_uppercase) {
                    let around = |j: Option<usize>| {
                        j.and_then(|j| words.get(j))
                            .map_or(BOUNDARY, |w| lower_hash(w))
                    };
                    let list = contexts.entry(lower_hash(w)).or_default();
                    if list.len() < CONTEXTS {
                        list.push((around(i.checked_sub(1)), around(Some(i + 1))));
                    }
                }
            }
            for w in words.iter().skip(1) {
                match w.chars().next() {
                    Some(c) if c.is_lowercase() => {
                        lower_seen.insert(hash_str(w));
                    }
                    Some(c) if c.is_uppercase() => {
                        capital_seen.insert(lower_hash(w));
                    }
                    _ => {}
                }
            }
        }
        DocContext {
            lower_seen,
            capital_seen,
            contexts,
        }
    }
}

/// Per-token values the feature templates combine.
struct Token<'a> {
    word: u64,
    lower: u64,
    shape: u64,
    lower_text: std::borrow::Cow<'a, str>,
    text: &'a str,
    capitalised: bool,
}

/// A 64-bit hash of the bytes, the same on every platform: a model trained natively must find
/// its features in the browser, where `usize` (and so `FxHasher`) is 32 bits wide.
fn hash_str(s: &str) -> u64 {
    hash_bytes(s.as_bytes())
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
    }
    mix(h)
}

#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A feature: template number and value, hashed together.
#[inline]
fn feature(template: u64, value: u64) -> u64 {
    mix(value ^ template.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

const BOUNDARY: u64 = 0x5bd1_e995_1234_5678;

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
        let mut counts: FxHashMap<u64, [u16; 5]> = FxHashMap::default();
        for (words, tags) in sentences.iter().zip(tags) {
            for (w, &t) in words.iter().zip(tags) {
                if w.chars().next().is_some_and(char::is_uppercase) {
                    counts.entry(lower_hash(w)).or_default()[kind(t)] += 1;
                }
            }
        }
        DocLabels { counts }
    }

    /// The type most often given to the other tokens of this word form (0 for O), if any.
    fn majority(&self, lower: u64, own: Tag) -> Option<u64> {
        let mut counts = *self.counts.get(&lower)?;
        counts[kind(own)] = counts[kind(own)].saturating_sub(1);
        let (best, &n) = counts.iter().enumerate().max_by_key(|(_, &n)| n)?;
        (n > 0).then_some(best as u64)
    }
}

/// The second stage's view of a sentence: the document's labels and this sentence's
/// first-stage tags.
#[derive(Clone, Copy, Debug)]
pub struct Hints<'a> {
    pub labels: &'a DocLabels,
    pub tags: &'a [Tag],
}

/// Builds the features of every token of a sentence into `out` (one list per token): those
/// of [`base_features`], then for the second stage those of the first stage's `hints`.
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

/// The lower-case form, borrowed when the word is lower case already (most words are).
fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word.bytes().all(|b| !b.is_ascii_uppercase() && b < 0x80) {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

/// The hash of the lower-case form; ASCII words are lower-cased on the stack, not in a new
/// string (this runs several times for every capitalised word of a document).
fn lower_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    if bytes.len() <= 64 && bytes.is_ascii() {
        let mut buf = [0u8; 64];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        return hash_bytes(&buf[..bytes.len()]);
    }
    hash_str(&lowercase(word))
}

/// The hash of the word's shape — `Xx`, `XX`, `x`, `d`, `Xx-Xx`, `d.d`: character classes
/// with runs collapsed — without building the string.
fn shape_hash(word: &str) -> u64 {
    let mut h = 0u64;
    let mut last = '\0';
    for c in word.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if class != last {
            h = (h.rotate_left(5) ^ u64::from(class)).wrapping_mul(0xf135_7aea_2e62_a9c5);
            last = class;
        }
    }
    mix(h)
}

/// The features every stage uses: the word, its forms and neighbours, casing evidence and
/// the name lists, into the first `words.len()` lists of `out` (one a token, replacing what
/// was there; `out` grows to that length if shorter).
pub fn base_features(
    words: &[&str],
    doc: &DocContext,
    lexicons: &Lexicons,
    out: &mut Vec<Vec<u64>>,
) {
    let lexicon = &lexicons.casing;
    let sentence_style = style(words) as u64;
    let tokens: Vec<Token<'_>> = words
        .iter()
        .map(|&w| {
            let lower_text = lowercase(w);
            Token {
                word: hash_str(w),
                lower: hash_str(&lower_text),
                shape: shape_hash(w),
                capitalised: w.chars().next().is_some_and(char::is_uppercase),
                lower_text,
                text: w,
            }
        })
        .collect();
    // Only grown: lists beyond this sentence keep their capacity for a longer one.
    if out.len() < words.len() {
        out.resize_with(words.len(), Vec::new);
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
        f.reserve(72);
        let ii = i as isize;
        let lower = |k: isize| at(ii + k, |t| t.lower);
        let shape_at = |k: isize| at(ii + k, |t| t.shape);
        f.push(feature(0, 0));
        f.push(feature(1, t.word));
        f.push(feature(2, t.lower));
        f.push(feature(3, t.shape));
        // Prefixes and suffixes of up to four characters, as slices of the lower-case form.
        let lt: &str = &t.lower_text;
        for (k, (b, c)) in lt.char_indices().take(4).enumerate() {
            f.push(feature(11 + k as u64, hash_str(&lt[..b + c.len_utf8()])));
        }
        for (k, (b, _)) in lt.char_indices().rev().take(4).enumerate() {
            f.push(feature(21 + k as u64, hash_str(&lt[b..])));
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
        let casing = lexicon.get(t.lower) as u64;
        let seen_lower = u64::from(t.capitalised && doc.lower_seen.contains(&t.lower));
        let initial = u64::from(i == 0);
        f.push(feature(50, sentence_style << 8 | casing));
        f.push(feature(51, sentence_style << 8 | seen_lower << 4 | initial));
        f.push(feature(
            52,
            t.shape ^ (sentence_style << 60) ^ (casing << 56),
        ));
        f.push(feature(53, t.lower ^ (sentence_style << 60)));
        f.push(feature(54, casing << 4 | seen_lower << 2 | initial));
        let seen_capital = u64::from(doc.capital_seen.contains(&t.lower));
        f.push(feature(
            55,
            sentence_style << 8 | seen_capital << 4 | seen_lower << 2 | u64::from(t.capitalised),
        ));
        // Neighbours as written: a capitalised neighbour is a name's other half.
        f.push(feature(60, at(ii - 1, |t| t.word)));
        f.push(feature(61, at(ii + 1, |t| t.word)));
        // Parts of hyphenated words: Pro-Iran, al-Maliki, Asa'ib.
        if t.text.contains('-') {
            for part in t.lower_text.split('-').filter(|p| !p.is_empty()) {
                f.push(feature(62, hash_str(part)));
            }
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
        f.push(feature(
            64,
            (t.text.chars().count().min(12) as u64) | (t.shape << 8),
        ));
        if t.capitalised {
            if let Some(list) = doc.contexts.get(&t.lower) {
                for &(prev, next) in list {
                    f.push(feature(90, prev));
                    f.push(feature(91, next));
                }
            }
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

/// The second stage's features: the first stage's tags around each token and the labels
/// its word form got elsewhere in the document, appended to `out`.
pub fn hint_features(words: &[&str], h: Hints<'_>, out: &mut [Vec<u64>]) {
    let sentence_style = style(words) as u64;
    for (i, (w, f)) in words.iter().zip(out.iter_mut()).enumerate() {
        let capitalised = w.chars().next().is_some_and(char::is_uppercase);
        let own = h.tags[i].index() as u64;
        let prev = if i == 0 {
            99
        } else {
            h.tags[i - 1].index() as u64
        };
        let next = h.tags.get(i + 1).map_or(99, |t| t.index() as u64);
        f.push(feature(70, own));
        f.push(feature(71, own << 8 | prev << 16 | next));
        if let Some(major) = h.labels.majority(lower_hash(w), h.tags[i]) {
            f.push(feature(72, major));
            f.push(feature(73, major << 8 | own));
            f.push(feature(
                74,
                major << 8 | sentence_style << 4 | u64::from(capitalised),
            ));
        }
    }
}

/// What the model scores for a token: `O`, or for each name type whether the token begins
/// (B), continues (I), ends (L) or is the whole of (U) a name. BILOU lets a weight say "last
/// word of an organisation" (`Inc`, `United`) which BIO cannot; output is converted to BIO.
const STATES: usize = 1 + 4 * TYPES.len();

/// Scores of one token for each state.
type Row = [f32; STATES];

/// A state's position in its name: 0 for O, then B, I, L, U.
fn position(state: usize) -> usize {
    if state == 0 {
        0
    } else {
        1 + (state - 1) % 4
    }
}

fn state_type(state: usize) -> usize {
    (state - 1) / 4
}

/// Whether state `to` may follow `from` (`None`: the sentence start).
fn allowed(from: Option<usize>, to: usize) -> bool {
    let open = from.is_some_and(|f| matches!(position(f), 1 | 2));
    match position(to) {
        0 | 1 | 4 => !open,
        _ => open && state_type(from.unwrap_or(1)) == state_type(to),
    }
}

/// Whether a sentence may end in `state` (no name left open).
fn closes(state: usize) -> bool {
    !matches!(position(state), 1 | 2)
}

/// BIO tags to BILOU states.
fn states_of(tags: &[Tag]) -> Vec<usize> {
    let type_of = |l| TYPES.iter().position(|&t| t == l).unwrap_or(0);
    (0..tags.len())
        .map(|i| {
            let continues = matches!(tags.get(i + 1), Some(Tag::I(_)));
            match tags[i] {
                Tag::O => 0,
                Tag::B(l) => 1 + 4 * type_of(l) + if continues { 0 } else { 3 },
                Tag::I(l) => 1 + 4 * type_of(l) + if continues { 1 } else { 2 },
            }
        })
        .collect()
}

/// A state as a BIO tag.
fn tag_of(state: usize) -> Tag {
    match position(state) {
        0 => Tag::O,
        1 | 4 => Tag::B(TYPES[state_type(state)]),
        _ => Tag::I(TYPES[state_type(state)]),
    }
}

/// A trained tagger.
#[derive(Clone, Debug, Default)]
pub struct Model {
    /// Weights by [`key`] of the feature, while training. (A loaded [`Tagger`] keeps its
    /// weights in a [`Joint`] table instead; its models hold the transitions and lexicons.)
    weights: FxHashMap<u32, Row>,
    /// `transitions[from][to]`; row `STATES` is the sentence start.
    transitions: [[f32; STATES]; STATES + 1],
    pub lexicons: Lexicons,
}

impl Model {
    /// The best tag sequence for a sentence whose token features are `feats`.
    pub fn decode(&self, feats: &[Vec<u64>]) -> Vec<Tag> {
        self.decode_states(feats).into_iter().map(tag_of).collect()
    }

    fn decode_states(&self, feats: &[Vec<u64>]) -> Vec<usize> {
        let emissions: Vec<Row> = feats
            .iter()
            .map(|fs| {
                let mut row = [0f32; STATES];
                for &f in fs {
                    if let Some(w) = self.weights.get(&key(f)) {
                        for t in 0..STATES {
                            row[t] += w[t];
                        }
                    }
                }
                row
            })
            .collect();
        viterbi(&emissions, &self.transitions)
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }
}

impl Model {
    /// Writes the model's weights: rows sorted by feature key, keys as deltas, weights
    /// quantised to `WEIGHT_LEVELS` steps of the largest and written as varints.
    fn write(&self, out: &mut Vec<u8>, prune: i32) {
        let max = self
            .weights
            .values()
            .flat_map(|r| r.iter())
            .fold(0f32, |m, &w| m.max(w.abs()))
            .max(1e-6);
        let scale = max / WEIGHT_LEVELS;
        out.extend_from_slice(&scale.to_le_bytes());
        for row in &self.transitions {
            for w in row {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        let mut rows: Vec<(u32, Vec<(u8, i32)>)> = self
            .weights
            .iter()
            .map(|(&k, row)| {
                let q = row
                    .iter()
                    .enumerate()
                    .map(|(t, &w)| (t as u8, (w / scale).round() as i32))
                    .filter(|&(_, w)| w != 0)
                    .collect::<Vec<_>>();
                (k, q)
            })
            .filter(|(_, q)| q.iter().any(|&(_, w)| w.abs() >= prune.max(1)))
            .collect();
        rows.sort_unstable_by_key(|(k, _)| *k);
        write_varint(out, rows.len() as u64);
        let mut last = 0u32;
        for (k, q) in rows {
            write_varint(out, u64::from(k - last));
            last = k;
            // Which states have a weight, as a bit set, then the weights in state order.
            let mask = q.iter().fold(0u32, |m, &(t, _)| m | 1 << t);
            write_varint(out, u64::from(mask));
            for (_, w) in q {
                write_varint(out, u64::from((w << 1) as u32 ^ (w >> 31) as u32));
            }
        }
    }

    /// Reads a model written by [`Model::write`]: its transitions and lexicons, and its
    /// weights as a table.
    fn read(input: &mut Reader<'_>, lexicons: Lexicons) -> Result<(Model, Table), ModelError> {
        let scale = input.f32()?;
        let mut transitions = [[0f32; STATES]; STATES + 1];
        for row in transitions.iter_mut() {
            for w in row.iter_mut() {
                *w = input.f32()?;
            }
        }
        let n = input.varint()? as usize;
        let mut entries = Vec::with_capacity(n.min(1 << 22));
        let mut k = 0u32;
        for _ in 0..n {
            k = input.next_key(k)?;
            let mask = input.varint()?;
            if mask >> STATES != 0 {
                return Err(ModelError::Corrupt);
            }
            let mut row = [0i16; STATES];
            for (t, w) in row.iter_mut().enumerate() {
                if mask & 1 << t != 0 {
                    let z = u32::try_from(input.varint()?).map_err(|_| ModelError::Corrupt)?;
                    let q = (z >> 1) as i32 ^ -((z & 1) as i32);
                    *w = i16::try_from(q).map_err(|_| ModelError::Corrupt)?;
                }
            }
            entries.push((k, row));
        }
        let model = Model {
            weights: FxHashMap::default(),
            transitions,
            lexicons,
        };
        Ok((model, Table::new(entries, scale)))
    }
}

/// One stage's saved weights: 16-bit steps of `scale` in a dense array, found through slots
/// of a 32-bit key and a row number. [`Joint`] merges two.
#[derive(Clone, Debug, Default)]
struct Table {
    /// Open addressing, at most half full; key 0 marks an empty slot (a real 0 is stored as 1).
    slots: Vec<(u32, u32)>,
    rows: Vec<[i16; STATES]>,
    scale: f32,
}

impl Table {
    fn new(entries: Vec<(u32, [i16; STATES])>, scale: f32) -> Table {
        let cap = (entries.len() * 2).next_power_of_two().max(16);
        let mut table = Table {
            slots: vec![(0, 0); cap],
            rows: Vec::with_capacity(entries.len()),
            scale,
        };
        for (k, row) in entries {
            let k = k.max(1);
            let mut i = k as usize & (cap - 1);
            while table.slots[i].0 != 0 && table.slots[i].0 != k {
                i = (i + 1) & (cap - 1);
            }
            if table.slots[i].0 == 0 {
                table.slots[i] = (k, table.rows.len() as u32);
                table.rows.push(row);
            }
        }
        table
    }
}

/// Weights are saved as integers from −`WEIGHT_LEVELS` to `WEIGHT_LEVELS`: finer steps change
/// no decision the tagger makes on the development split and cost download size.
const WEIGHT_LEVELS: f32 = 2047.0;

/// Features whose weights all stay under this many steps are left out of a saved model.
pub const PRUNE: i32 = 1;

fn write_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Weights and lexicons keep 32 bits of each hash: among a few hundred thousand entries a
/// collision is a handful at most and costs a negligible weight mix-up, for half the memory.
fn key(feature: u64) -> u32 {
    (feature >> 32) as u32
}

/// Why a saved model could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelError {
    /// The bytes do not start with Folio's model header.
    NotAModel,
    /// A model of a format version this build does not read.
    Version(u32),
    /// The bytes end early or hold impossible values.
    Corrupt,
}

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelError::NotAModel => write!(f, "not a Folio tagger model"),
            ModelError::Version(v) => write!(f, "tagger model format {v} is not supported"),
            ModelError::Corrupt => write!(f, "the tagger model is truncated or corrupt"),
        }
    }
}

impl std::error::Error for ModelError {}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let (head, rest) = self.0.split_first_chunk::<N>().ok_or(ModelError::Corrupt)?;
        self.0 = rest;
        Ok(*head)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take::<1>()?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take()?))
    }
    /// The next of a sorted list of 32-bit keys written as deltas from the last (`last`).
    fn next_key(&mut self, last: u32) -> Result<u32, ModelError> {
        let delta = u32::try_from(self.varint()?).map_err(|_| ModelError::Corrupt)?;
        last.checked_add(delta).ok_or(ModelError::Corrupt)
    }

    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(ModelError::Corrupt)
    }
    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.take()?))
    }
}

const MAGIC: &[u8; 8] = b"FOLIONER";
const FORMAT: u32 = 3;

impl Tagger {
    /// The model as bytes: header, lexicons, then both stages.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.to_bytes_pruned(PRUNE)
    }

    /// [`Tagger::to_bytes`], leaving out features whose weights are all under `prune`
    /// quantisation steps.
    pub fn to_bytes_pruned(&self, prune: i32) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        let lex = &self.first.lexicons;
        for entries in [
            lex.casing.entries().collect::<Vec<_>>(),
            lex.gazetteer.entries().collect::<Vec<_>>(),
        ] {
            let mut entries = entries;
            entries.sort_unstable();
            write_varint(&mut out, entries.len() as u64);
            let mut last = 0u32;
            for (k, v) in entries {
                write_varint(&mut out, u64::from(k - last));
                last = k;
                out.push(v);
            }
        }
        self.first.write(&mut out, prune);
        self.second.write(&mut out, prune);
        out
    }

    /// The name lists and casing evidence the model was trained with.
    pub fn lexicons(&self) -> &Lexicons {
        &self.first.lexicons
    }

    /// Reads a model written by [`Tagger::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, ModelError> {
        let rest = bytes.strip_prefix(MAGIC).ok_or(ModelError::NotAModel)?;
        let mut input = Reader(rest);
        let version = input.u32()?;
        if version != FORMAT {
            return Err(ModelError::Version(version));
        }
        let mut tables = Vec::new();
        for _ in 0..2 {
            let n = input.varint()? as usize;
            let mut entries = Vec::with_capacity(n.min(1 << 20));
            let mut k = 0u32;
            for _ in 0..n {
                k = input.next_key(k)?;
                entries.push((k, input.u8()?));
            }
            tables.push(entries);
        }
        let gazetteer = Gazetteer::from_entries(tables.pop().unwrap_or_default());
        let casing = CasingLexicon::from_entries(tables.pop().unwrap_or_default());
        let lexicons = Lexicons { casing, gazetteer };
        let first = Model::read(&mut input, lexicons.clone())?;
        let second = Model::read(&mut input, lexicons)?;
        if !input.0.is_empty() {
            return Err(ModelError::Corrupt);
        }
        Ok(Tagger {
            first: first.0,
            second: second.0,
            joint: Some(Joint::new(first.1, second.1)),
        })
    }
}

/// States no name is open after: O, and L and U of each type.
const CLOSED: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];

/// One Viterbi step: each state's best score over its allowed predecessors.
///
/// BILOU fixes who may precede whom — O, B and U follow a closed state; I and L follow B or I
/// of their type — so rather than trying all STATES² pairs and rejecting most, each closed
/// predecessor is added to the whole row and I and L then choose between their two. Only the
/// maxima are taken here (a loop the compiler vectorises); which predecessor gave each is
/// worked out when tracing the best path back, for the one state on it.
#[inline]
fn step(prev: &Row, transitions: &[[f32; STATES]; STATES + 1]) -> Row {
    let mut best = [f32::NEG_INFINITY; STATES];
    for p in CLOSED {
        let base = prev[p];
        for (b, &w) in best.iter_mut().zip(&transitions[p]) {
            *b = b.max(base + w);
        }
    }
    for x in 0..TYPES.len() {
        let (b, i) = (1 + 4 * x, 2 + 4 * x);
        for t in [2 + 4 * x, 3 + 4 * x] {
            best[t] = (prev[b] + transitions[b][t]).max(prev[i] + transitions[i][t]);
        }
    }
    best
}

/// The predecessor of state `to` on the best path: the first allowed state giving the best
/// score, as [`step`] scored them.
fn best_predecessor(prev: &Row, transitions: &[[f32; STATES]; STATES + 1], to: usize) -> usize {
    let open = [1 + 4 * state_type(to.max(1)), 2 + 4 * state_type(to.max(1))];
    let candidates: &[usize] = if matches!(position(to), 2 | 3) {
        &open
    } else {
        &CLOSED
    };
    let mut best = (f32::NEG_INFINITY, candidates[0]);
    for &p in candidates {
        let s = prev[p] + transitions[p][to];
        if s > best.0 {
            best = (s, p);
        }
    }
    best.1
}

/// Viterbi over BILOU states with ill-formed sequences (`O` → `I-X`, a name left open) forbidden.
fn viterbi(emissions: &[Row], transitions: &[[f32; STATES]; STATES + 1]) -> Vec<usize> {
    let mut out = Vec::new();
    viterbi_into(emissions, transitions, &mut Vec::new(), &mut out);
    out
}

/// [`viterbi`] into `out`, with `score` as scratch: tagging many sentences reuses both.
fn viterbi_into(
    emissions: &[Row],
    transitions: &[[f32; STATES]; STATES + 1],
    score: &mut Vec<Row>,
    out: &mut Vec<usize>,
) {
    let n = emissions.len();
    out.clear();
    if n == 0 {
        return;
    }
    score.clear();
    score.resize(n, [f32::NEG_INFINITY; STATES]);
    for t in 0..STATES {
        if allowed(None, t) {
            score[0][t] = transitions[STATES][t] + emissions[0][t];
        }
    }
    for i in 1..n {
        let best = step(&score[i - 1], transitions);
        for (s, (b, e)) in score[i].iter_mut().zip(best.iter().zip(&emissions[i])) {
            *s = b + e;
        }
    }
    let mut t = (0..STATES)
        .filter(|&t| closes(t))
        .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
        .unwrap_or(0);
    out.resize(n, 0);
    for i in (0..n).rev() {
        out[i] = t;
        if i > 0 {
            t = best_predecessor(&score[i - 1], transitions, t);
        }
    }
}

/// Averaged perceptron training state.
#[derive(Debug, Default)]
pub struct Trainer {
    model: Model,
    /// Sum of step-weighted updates, for averaging: average = w − u / c.
    totals: FxHashMap<u32, Row>,
    trans_totals: [[f32; STATES]; STATES + 1],
    step: f32,
}

impl Trainer {
    /// A trainer whose features consult `lexicons`.
    pub fn new(lexicons: Lexicons) -> Trainer {
        Trainer {
            model: Model {
                lexicons,
                ..Model::default()
            },
            step: 1.0,
            ..Trainer::default()
        }
    }

    /// Learns from one sentence; returns whether the current weights got it wrong.
    pub fn learn(&mut self, feats: &[Vec<u64>], gold: &[Tag]) -> bool {
        let gold = states_of(gold);
        let predicted = self.model.decode_states(feats);
        let wrong = predicted != gold;
        if wrong {
            let c = self.step;
            for (i, fs) in feats.iter().enumerate() {
                let (g, p) = (gold[i], predicted[i]);
                if g == p {
                    continue;
                }
                for &f in fs {
                    let f = key(f);
                    let w = self.model.weights.entry(f).or_insert([0.0; STATES]);
                    w[g] += 1.0;
                    w[p] -= 1.0;
                    let u = self.totals.entry(f).or_insert([0.0; STATES]);
                    u[g] += c;
                    u[p] -= c;
                }
            }
            let mut update = |from: usize, to: usize, delta: f32| {
                self.model.transitions[from][to] += delta;
                self.trans_totals[from][to] += c * delta;
            };
            for i in 0..gold.len() {
                let (gf, pf) = if i == 0 {
                    (STATES, STATES)
                } else {
                    (gold[i - 1], predicted[i - 1])
                };
                let (g, p) = (gold[i], predicted[i]);
                if (gf, g) != (pf, p) {
                    update(gf, g, 1.0);
                    update(pf, p, -1.0);
                }
            }
        }
        self.step += 1.0;
        wrong
    }

    /// The averaged model so far (training can go on).
    pub fn averaged(&self) -> Model {
        let c = self.step;
        let weights = self
            .model
            .weights
            .iter()
            .filter_map(|(f, w)| {
                let u = &self.totals[f];
                let mut row = [0f32; STATES];
                for t in 0..STATES {
                    row[t] = w[t] - u[t] / c;
                }
                row.iter().any(|&v| v != 0.0).then_some((*f, row))
            })
            .collect();
        let mut transitions = self.model.transitions;
        for (from, row) in transitions.iter_mut().enumerate() {
            for (to, v) in row.iter_mut().enumerate() {
                *v -= self.trans_totals[from][to] / c;
            }
        }
        Model {
            weights,
            transitions,
            lexicons: self.model.lexicons.clone(),
        }
    }
}

/// The tagger: a first stage that reads each sentence, and a second that also reads the first
/// stage's labels across the document.
#[derive(Clone, Debug, Default)]
pub struct Tagger {
    pub first: Model,
    pub second: Model,
    /// Both stages' weights in one table, in a loaded tagger (see [`Joint`]).
    joint: Option<Joint>,
}

/// Both stages' weights under one key lookup. Tagging is bound by memory — a token asks for
/// some fifty features in tables of megabytes, most never learnt — and the second stage asks
/// for every feature the first did. So each slot holds a key and the feature's rows for both
/// stages side by side, in bytes: a hit reads one place, usually one cache line, where a key
/// table pointing into a table of rows had read two.
///
/// The rows are the model's weights (saved in 12-bit steps) requantised to 8 bits per stage,
/// scaled by the stage's largest weight, which halves them and lets a key and both rows share
/// one slot: measured on the development split, F1 moved by +0.0002.
#[derive(Clone, Debug, Default)]
struct Joint {
    /// Open addressing, at most two thirds full (key 0 marks an empty slot; a real 0 is
    /// stored as 1).
    slots: Vec<Slot>,
    scale: [f32; 2],
    /// One bit per key hash, set for every learnt feature: most features a token asks for
    /// were never learnt, and this small array (it stays in cache) turns most of them away
    /// before the slots are read.
    filter: Vec<u64>,
}

/// One learnt feature: its key, then the first stage's row and the second's (zero where a
/// stage lacks it). Forty bytes.
#[derive(Clone, Copy, Debug)]
#[repr(C)]
struct Slot {
    key: u32,
    rows: [i8; 2 * STATES],
    _pad: [u8; 2],
}

const EMPTY: Slot = Slot {
    key: 0,
    rows: [0; 2 * STATES],
    _pad: [0; 2],
};

type Sum = [i32; STATES];

/// Buffers for tagging, kept between documents (see [`Tagger::tag_joint`]).
#[derive(Default)]
struct Scratch {
    feats: Vec<Vec<u64>>,
    hints: Vec<Vec<u64>>,
    sums: Vec<(Sum, Sum)>,
    partial: Vec<Sum>,
    emissions: Vec<Row>,
    score: Vec<Row>,
    states: Vec<usize>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Joint {
    fn new(first: Table, second: Table) -> Joint {
        let mut index: FxHashMap<u32, usize> = FxHashMap::default();
        let mut wide: Vec<[i16; 2 * STATES]> = Vec::new();
        for (stage, table) in [&first, &second].into_iter().enumerate() {
            for &(k, row) in table.slots.iter().filter(|s| s.0 != 0) {
                let e = *index.entry(k).or_insert_with(|| {
                    wide.push([0; 2 * STATES]);
                    wide.len() - 1
                });
                wide[e][stage * STATES..(stage + 1) * STATES]
                    .copy_from_slice(&table.rows[row as usize]);
            }
        }
        // Each stage's weights to 8 bits, its largest weight to ±127.
        let mut scale = [first.scale, second.scale];
        let mut step = [1.0f32; 2];
        for (stage, step) in step.iter_mut().enumerate() {
            let largest = wide
                .iter()
                .flat_map(|w| &w[stage * STATES..(stage + 1) * STATES])
                .map(|w| w.unsigned_abs())
                .max()
                .unwrap_or(0);
            *step = f32::from(largest.max(1)) / 127.0;
            scale[stage] *= *step;
        }
        let cap = (index.len() * 3 / 2).next_power_of_two().max(16);
        let mut slots = vec![EMPTY; cap];
        for (&k, &e) in &index {
            let mut i = k as usize & (cap - 1);
            while slots[i].key != 0 {
                i = (i + 1) & (cap - 1);
            }
            let mut rows = [0i8; 2 * STATES];
            for (j, (r, &w)) in rows.iter_mut().zip(&wide[e]).enumerate() {
                *r = (f32::from(w) / step[j / STATES])
                    .round()
                    .clamp(-127.0, 127.0) as i8;
            }
            slots[i] = Slot {
                key: k,
                rows,
                _pad: [0; 2],
            };
        }
        let bits = (index.len() * 16).next_power_of_two().max(64);
        let mut filter = vec![0u64; bits / 64];
        for &k in index.keys() {
            let b = Self::filter_bit(k, bits);
            filter[b / 64] |= 1 << (b % 64);
        }
        Joint {
            slots,
            scale,
            filter,
        }
    }

    /// The filter bit of key `k` (slots use its low bits; this, its high ones).
    #[inline]
    fn filter_bit(k: u32, bits: usize) -> usize {
        (k.max(1).rotate_left(16) as usize) & (bits - 1)
    }

    /// Both stages' rows of key `k`, if the feature was learnt.
    #[inline]
    fn get(&self, k: u32) -> Option<&[i8; 2 * STATES]> {
        let b = Self::filter_bit(k, self.filter.len() * 64);
        if self.filter[b / 64] & (1 << (b % 64)) == 0 {
            return None;
        }
        let k = k.max(1);
        let mask = self.slots.len() - 1;
        let mut i = k as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.key == k {
                return Some(&slot.rows);
            }
            if slot.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Both stages' sums over each token's features, for a whole sentence.
    fn sums(&self, feats: &[Vec<u64>], out: &mut Vec<(Sum, Sum)>) {
        out.clear();
        for fs in feats {
            let mut sum = [0i32; 2 * STATES];
            for &f in fs {
                if let Some(w) = self.get(key(f)) {
                    for (s, &w) in sum.iter_mut().zip(w) {
                        *s += i32::from(w);
                    }
                }
            }
            let (mut one, mut two) = ([0; STATES], [0; STATES]);
            one.copy_from_slice(&sum[..STATES]);
            two.copy_from_slice(&sum[STATES..]);
            out.push((one, two));
        }
    }

    /// Adds the second stage's row of feature `f` to `sum`.
    fn add_second(&self, sum: &mut Sum, f: u64) {
        if let Some(w) = self.get(key(f)) {
            for (s, &w) in sum.iter_mut().zip(&w[STATES..]) {
                *s += i32::from(w);
            }
        }
    }

    fn emission(&self, stage: usize, sum: &Sum) -> Row {
        sum.map(|s| s as f32 * self.scale[stage])
    }
}

impl Tagger {
    /// The tagger of two trained stages.
    pub fn new(first: Model, second: Model) -> Tagger {
        Tagger {
            first,
            second,
            joint: None,
        }
    }

    /// Tags one document's sentences.
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        match &self.joint {
            Some(joint) => self.tag_joint(joint, sentences),
            None => self.tag_separately(sentences),
        }
    }

    /// Tagging with a loaded model: one lookup a feature serves both stages.
    ///
    /// Buffers live in a per-thread [`Scratch`] and keep their capacity from one document to
    /// the next: a paragraph tagged on its own had cost a hundred allocations.
    fn tag_joint(&self, joint: &Joint, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        SCRATCH.with_borrow_mut(|s| self.tag_joint_with(joint, sentences, s))
    }

    fn tag_joint_with(
        &self,
        joint: &Joint,
        sentences: &[Vec<&str>],
        s: &mut Scratch,
    ) -> Vec<Vec<Tag>> {
        let ctx = DocContext::new(sentences.iter().map(Vec::as_slice));
        let mut first = Vec::with_capacity(sentences.len());
        // Each sentence's second-stage sums over the shared features, one after another.
        s.partial.clear();
        for words in sentences {
            base_features(words, &ctx, &self.first.lexicons, &mut s.feats);
            joint.sums(&s.feats[..words.len()], &mut s.sums);
            s.emissions.clear();
            s.emissions
                .extend(s.sums.iter().map(|(one, _)| joint.emission(0, one)));
            s.partial.extend(s.sums.iter().map(|(_, two)| *two));
            viterbi_into(
                &s.emissions,
                &self.first.transitions,
                &mut s.score,
                &mut s.states,
            );
            first.push(s.states.iter().map(|&t| tag_of(t)).collect::<Vec<Tag>>());
        }
        let labels = DocLabels::new(sentences, &first);
        let mut at = 0;
        let mut out = Vec::with_capacity(sentences.len());
        for (words, tags) in sentences.iter().zip(&first) {
            let n = words.len();
            if s.hints.len() < n {
                s.hints.resize_with(n, Vec::new);
            }
            s.hints[..n].iter_mut().for_each(Vec::clear);
            hint_features(
                words,
                Hints {
                    labels: &labels,
                    tags,
                },
                &mut s.hints[..n],
            );
            s.emissions.clear();
            for (sum, fs) in s.partial[at..at + n].iter_mut().zip(&s.hints) {
                for &f in fs {
                    joint.add_second(sum, f);
                }
                s.emissions.push(joint.emission(1, sum));
            }
            at += n;
            viterbi_into(
                &s.emissions,
                &self.second.transitions,
                &mut s.score,
                &mut s.states,
            );
            out.push(s.states.iter().map(|&t| tag_of(t)).collect());
        }
        out
    }

    /// Tagging with freshly trained models, stage by stage.
    fn tag_separately(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Tag>> {
        let ctx = DocContext::new(sentences.iter().map(Vec::as_slice));
        let base: Vec<Vec<Vec<u64>>> = sentences
            .iter()
            .map(|words| {
                let mut f = Vec::new();
                base_features(words, &ctx, &self.first.lexicons, &mut f);
                f
            })
            .collect();
        let first: Vec<Vec<Tag>> = base.iter().map(|f| self.first.decode(f)).collect();
        let labels = DocLabels::new(sentences, &first);
        base.into_iter()
            .zip(sentences)
            .zip(&first)
            .map(|((mut f, words), tags)| {
                hint_features(
                    words,
                    Hints {
                        labels: &labels,
                        tags,
                    },
                    &mut f,
                );
                self.second.decode(&f)
            })
            .collect()
    }
}

/// One stage over a document; `hints` are the first stage's labels, for the second.
pub fn tag_stage(
    model: &Model,
    sentences: &[Vec<&str>],
    hints: Option<(&DocLabels, &[Vec<Tag>])>,
) -> Vec<Vec<Tag>> {
    tag_stage_with(model, &model.lexicons, sentences, hints)
}

/// [`tag_stage`], the features consulting `lexicons` rather than the model's own (training
/// labels each half of its documents with the other half's name list).
pub fn tag_stage_with(
    model: &Model,
    lexicons: &Lexicons,
    sentences: &[Vec<&str>],
    hints: Option<(&DocLabels, &[Vec<Tag>])>,
) -> Vec<Vec<Tag>> {
    let ctx = DocContext::new(sentences.iter().map(Vec::as_slice));
    let mut feats = Vec::new();
    sentences
        .iter()
        .enumerate()
        .map(|(k, words)| {
            let h = hints.map(|(labels, tags)| Hints {
                labels,
                tags: &tags[k],
            });
            features(words, &ctx, lexicons, h, &mut feats);
            model.decode(&feats[..words.len()])
        })
        .collect()
}

/// The words of each sentence of a document, borrowed.
pub fn words_of(doc: &Document) -> Vec<Vec<&str>> {
    doc.sentences
        .iter()
        .map(|s| s.words.iter().map(String::as_str).collect())
        .collect()
}

/// Tags every sentence of `docs` with one stage, `model`; returns the predictions in order.
pub fn tag_documents(model: &Model, docs: &[Document]) -> Vec<Vec<Tag>> {
    docs.iter()
        .flat_map(|doc| tag_stage(model, &words_of(doc), None))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Numbers in −4..4 from a seed (xorshift), to fill weight tables.
    fn filler(mut seed: u64) -> impl FnMut() -> f32 {
        seed |= 1;
        move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 8000) as f32 / 1000.0 - 4.0
        }
    }

    /// A path's score, or `None` if BILOU forbids it.
    fn score(
        path: &[usize],
        emissions: &[Row],
        transitions: &[[f32; STATES]; STATES + 1],
    ) -> Option<f32> {
        let mut total = 0.0;
        let mut prev = None;
        for (&s, e) in path.iter().zip(emissions) {
            if !allowed(prev, s) {
                return None;
            }
            total += transitions[prev.unwrap_or(STATES)][s] + e[s];
            prev = Some(s);
        }
        prev.is_none_or(closes).then_some(total)
    }

    proptest! {
        /// Viterbi finds the best well-formed path: checked against every path of up to
        /// three tokens.
        #[test]
        fn viterbi_finds_the_best_well_formed_path(seed in any::<u64>(), n in 1usize..=3) {
            let mut next = filler(seed);
            let transitions: [[f32; STATES]; STATES + 1] =
                std::array::from_fn(|_| std::array::from_fn(|_| next()));
            let emissions: Vec<Row> = (0..n).map(|_| std::array::from_fn(|_| next())).collect();
            let path = viterbi(&emissions, &transitions);
            let got = score(&path, &emissions, &transitions);
            prop_assert!(got.is_some(), "ill-formed path {:?}", path);
            let mut best = f32::NEG_INFINITY;
            for code in 0..STATES.pow(n as u32) {
                let candidate: Vec<usize> =
                    (0..n).map(|i| code / STATES.pow(i as u32) % STATES).collect();
                if let Some(s) = score(&candidate, &emissions, &transitions) {
                    best = best.max(s);
                }
            }
            prop_assert!((got.unwrap() - best).abs() < 1e-3, "{} < {}", got.unwrap(), best);
        }
    }

    /// The joint table finds each stage's row of every learnt feature, to within half an
    /// 8-bit step, zero where a stage lacks the feature, and nothing for an unknown one.
    #[test]
    fn joint_rows_are_both_stages_within_half_a_step() {
        let row = |k: u32| -> [i16; STATES] {
            std::array::from_fn(|i| ((k as i32 * 37 + i as i32 * 101) % 4095 - 2047) as i16)
        };
        let key = |k: u32| k * 7919;
        let first = Table::new((1..500).map(|k| (key(k), row(k))).collect(), 0.5);
        let second = Table::new((250..800).map(|k| (key(k), row(k + 1))).collect(), 0.25);
        let joint = Joint::new(first, second);
        for k in 1..800 {
            let rows = joint.get(key(k)).expect("a learnt feature is found");
            let want = [
                (1..500).contains(&k).then(|| row(k)),
                (250..800).contains(&k).then(|| row(k + 1)),
            ];
            for (stage, (want, scale)) in want.iter().zip([0.5, 0.25]).enumerate() {
                for i in 0..STATES {
                    let got = f32::from(rows[stage * STATES + i]) * joint.scale[stage];
                    let exact = want.map_or(0.0, |w| f32::from(w[i]) * scale);
                    assert!(
                        (got - exact).abs() <= joint.scale[stage] / 2.0 + 1e-6,
                        "feature {k}, stage {stage}, state {i}: {got} for {exact}"
                    );
                }
            }
        }
        assert!((1..50).all(|k| joint.get(key(k) + 1).is_none()));
    }
}
