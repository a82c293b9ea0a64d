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

use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::Hasher;

use crate::conll::{Document, Tag, TAGS};

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
}

/// Corpus evidence of how words are written: lower-case form hash to [`Casing`].
#[derive(Clone, Debug, Default)]
pub struct CasingLexicon {
    map: FxHashMap<u64, u8>,
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
                (h, casing as u8)
            })
            .collect();
        CasingLexicon { map }
    }

    fn get(&self, lower: u64) -> u8 {
        self.map
            .get(&lower)
            .copied()
            .unwrap_or(Casing::Unseen as u8)
    }

    /// Entries, for saving.
    pub fn entries(&self) -> impl Iterator<Item = (u64, u8)> + '_ {
        self.map.iter().map(|(&k, &v)| (k, v))
    }

    /// A lexicon from saved entries.
    pub fn from_entries(entries: impl IntoIterator<Item = (u64, u8)>) -> CasingLexicon {
        CasingLexicon {
            map: entries.into_iter().collect(),
        }
    }
}

/// The style of a sentence from its words.
pub fn style(words: &[&str]) -> Style {
    let (mut alpha, mut caps, mut cap_initial) = (0, 0, 0);
    for w in words {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        if letters.len() < 2 {
            continue;
        }
        alpha += 1;
        caps += usize::from(letters.iter().all(|c| c.is_uppercase()));
        cap_initial += usize::from(letters[0].is_uppercase());
    }
    if alpha >= 2 && caps * 10 >= alpha * 7 {
        Style::Capitals
    } else if alpha >= 4 && cap_initial * 10 >= alpha * 8 {
        Style::TitleCase
    } else {
        Style::Normal
    }
}

/// Document-wide evidence: the lower-case forms written in lower case somewhere in normal text.
#[derive(Clone, Debug, Default)]
pub struct DocContext {
    lower_seen: FxHashSet<u64>,
}

impl DocContext {
    /// Gathers the evidence of one document's sentences.
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]>) -> DocContext {
        let mut lower_seen = FxHashSet::default();
        for words in sentences {
            if style(words) != Style::Normal {
                continue;
            }
            for w in words.iter().skip(1) {
                if w.chars().next().is_some_and(char::is_lowercase) {
                    lower_seen.insert(hash_str(w));
                }
            }
        }
        DocContext { lower_seen }
    }
}

/// Per-token values the feature templates combine.
struct Token<'a> {
    word: u64,
    lower: u64,
    shape: u64,
    lower_text: String,
    text: &'a str,
    capitalised: bool,
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    h.write(s.as_bytes());
    mix(h.finish())
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

/// `Xx`, `XX`, `x`, `d`, `Xx-Xx`, `d.d`: character classes with runs collapsed.
fn shape(word: &str) -> String {
    let mut out = String::with_capacity(8);
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
            out.push(class);
            last = class;
        }
    }
    out
}

const BOUNDARY: u64 = 0x5bd1_e995_1234_5678;

/// Builds the features of every token of a sentence into `out` (one list per token).
pub fn features(
    words: &[&str],
    doc: &DocContext,
    lexicon: &CasingLexicon,
    out: &mut Vec<Vec<u64>>,
) {
    let sentence_style = style(words) as u64;
    let tokens: Vec<Token<'_>> = words
        .iter()
        .map(|&w| {
            let lower_text = w.to_lowercase();
            Token {
                word: hash_str(w),
                lower: hash_str(&lower_text),
                shape: hash_str(&shape(w)),
                capitalised: w.chars().next().is_some_and(char::is_uppercase),
                lower_text,
                text: w,
            }
        })
        .collect();
    out.resize_with(words.len(), Vec::new);
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
        let ii = i as isize;
        let lower = |k: isize| at(ii + k, |t| t.lower);
        let shape_at = |k: isize| at(ii + k, |t| t.shape);
        f.push(feature(0, 0));
        f.push(feature(1, t.word));
        f.push(feature(2, t.lower));
        f.push(feature(3, t.shape));
        let chars: Vec<char> = t.lower_text.chars().collect();
        for k in 1..=4.min(chars.len()) {
            f.push(feature(
                10 + k as u64,
                hash_str(&chars[..k].iter().collect::<String>()),
            ));
            f.push(feature(
                20 + k as u64,
                hash_str(&chars[chars.len() - k..].iter().collect::<String>()),
            ));
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
        let _ = t.text;
    }
}

/// Scores of one token for each tag.
type Row = [f32; TAGS];

/// A trained tagger.
#[derive(Clone, Debug, Default)]
pub struct Model {
    weights: FxHashMap<u64, Row>,
    /// `transitions[from][to]`; row `TAGS` is the sentence start.
    transitions: [[f32; TAGS]; TAGS + 1],
    pub lexicon: CasingLexicon,
}

impl Model {
    /// The best tag sequence for a sentence whose token features are `feats`.
    pub fn decode(&self, feats: &[Vec<u64>]) -> Vec<Tag> {
        let emissions: Vec<Row> = feats
            .iter()
            .map(|fs| {
                let mut row = [0f32; TAGS];
                for f in fs {
                    if let Some(w) = self.weights.get(f) {
                        for t in 0..TAGS {
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

/// Viterbi over BIO with ill-formed transitions (`O` → `I-X`) forbidden.
fn viterbi(emissions: &[Row], transitions: &[[f32; TAGS]; TAGS + 1]) -> Vec<Tag> {
    let n = emissions.len();
    if n == 0 {
        return Vec::new();
    }
    let allowed = |from: Option<usize>, to: usize| match Tag::from_index(to) {
        Tag::I(_) => from.is_some_and(|f| Tag::from_index(f).allows(Tag::from_index(to))),
        _ => true,
    };
    let mut score = vec![[f32::NEG_INFINITY; TAGS]; n];
    let mut back = vec![[0u8; TAGS]; n];
    for t in 0..TAGS {
        if allowed(None, t) {
            score[0][t] = transitions[TAGS][t] + emissions[0][t];
        }
    }
    for i in 1..n {
        for t in 0..TAGS {
            let mut best = (f32::NEG_INFINITY, 0);
            for p in 0..TAGS {
                if !allowed(Some(p), t) {
                    continue;
                }
                let s = score[i - 1][p] + transitions[p][t];
                if s > best.0 {
                    best = (s, p);
                }
            }
            score[i][t] = best.0 + emissions[i][t];
            back[i][t] = best.1 as u8;
        }
    }
    let mut t = (0..TAGS)
        .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
        .unwrap_or(0);
    let mut out = vec![Tag::O; n];
    for i in (0..n).rev() {
        out[i] = Tag::from_index(t);
        t = back[i][t] as usize;
    }
    out
}

/// Averaged perceptron training state.
#[derive(Debug, Default)]
pub struct Trainer {
    model: Model,
    /// Sum of step-weighted updates, for averaging: average = w − u / c.
    totals: FxHashMap<u64, Row>,
    trans_totals: [[f32; TAGS]; TAGS + 1],
    step: f32,
}

impl Trainer {
    /// A trainer for documents whose casing statistics are in `lexicon`.
    pub fn new(lexicon: CasingLexicon) -> Trainer {
        Trainer {
            model: Model {
                lexicon,
                ..Model::default()
            },
            step: 1.0,
            ..Trainer::default()
        }
    }

    /// Learns from one sentence; returns whether the current weights got it wrong.
    pub fn learn(&mut self, feats: &[Vec<u64>], gold: &[Tag]) -> bool {
        let predicted = self.model.decode(feats);
        let wrong = predicted != gold;
        if wrong {
            let c = self.step;
            for (i, fs) in feats.iter().enumerate() {
                let (g, p) = (gold[i].index(), predicted[i].index());
                if g == p {
                    continue;
                }
                for &f in fs {
                    let w = self.model.weights.entry(f).or_insert([0.0; TAGS]);
                    w[g] += 1.0;
                    w[p] -= 1.0;
                    let u = self.totals.entry(f).or_insert([0.0; TAGS]);
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
                    (TAGS, TAGS)
                } else {
                    (gold[i - 1].index(), predicted[i - 1].index())
                };
                let (g, p) = (gold[i].index(), predicted[i].index());
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
                let mut row = [0f32; TAGS];
                for t in 0..TAGS {
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
            lexicon: self.model.lexicon.clone(),
        }
    }
}

/// Tags every sentence of `docs` with `model`; returns the predictions in order.
pub fn tag_documents(model: &Model, docs: &[Document]) -> Vec<Vec<Tag>> {
    let mut out = Vec::new();
    let mut feats = Vec::new();
    for doc in docs {
        let sentences: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let ctx = DocContext::new(sentences.iter().map(Vec::as_slice));
        for words in &sentences {
            features(words, &ctx, &model.lexicon, &mut feats);
            out.push(model.decode(&feats[..words.len()]));
        }
    }
    out
}
