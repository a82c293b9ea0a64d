//! What the features consult besides the sentence: how words are written in the training
//! corpus (`CasingLexicon`), name lists (`Gazetteer`), word clusters learnt from text far larger
//! than the training set (`Clusters`), and a sentence's style.

use rustc_hash::FxHashMap;

use super::hash::{hash_str, key, lower_hash, mix};

/// How a sentence is written: casing means something only in normal sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Ordinary prose, where a capital means something.
    Normal = 0,
    /// Most words in capitals (`SOCCER - JAPAN GET LUCKY WIN`).
    Capitals = 1,
    /// Most words capitalised (`Mikati: Lebanon in State of War`).
    TitleCase = 2,
}

/// How a word is usually written, from counts over the training text's normal sentences.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
// Only training counts words into these; a loaded model reads them back as numbers.
#[cfg_attr(not(feature = "train"), allow(dead_code))]
pub enum Casing {
    Unseen = 0,
    Lower = 1,
    Mixed = 2,
    Capitalised = 3,
    /// Not in the training text, but a common English word in lower case (a word list).
    Dictionary = 4,
    /// In neither, but today's news writes it in lower case (`livestream`, `tweeted`): counts
    /// over news of 2010 and later (`data/gazetteers/casing.txt`), the same thresholds.
    TodayLower = 5,
    /// In neither; today's news writes it both ways.
    TodayMixed = 6,
    /// In neither; today's news capitalises it (`TikTok`, `Brexit`, `Zelensky`): a name the
    /// training text could not know.
    TodayCapitalised = 7,
}

impl Casing {
    /// How often a word is capitalised, of how often it was seen.
    #[cfg(feature = "train")]
    fn of_ratio(capitalised: u32, lower: u32, today: bool) -> Casing {
        let ratio = capitalised as f32 / (capitalised + lower) as f32;
        match (ratio < 0.1, ratio > 0.9, today) {
            (true, _, false) => Casing::Lower,
            (_, true, false) => Casing::Capitalised,
            (false, false, false) => Casing::Mixed,
            (true, _, true) => Casing::TodayLower,
            (_, true, true) => Casing::TodayCapitalised,
            (false, false, true) => Casing::TodayMixed,
        }
    }
}

/// Corpus evidence of how words are written: lower-case form hash to `Casing`.
#[derive(Clone, Debug, Default)]
pub struct CasingLexicon {
    map: FxHashMap<u32, u8>,
}

impl CasingLexicon {
    /// Counts, for each word not at the start of a normal sentence of `sentences` (the
    /// training text), how often it is capitalised.
    #[cfg(feature = "train")]
    pub fn from_sentences<'a>(sentences: impl IntoIterator<Item = &'a [String]>) -> CasingLexicon {
        let mut counts: FxHashMap<u64, (u32, u32)> = FxHashMap::default();
        for sentence in sentences {
            let words: Vec<&str> = sentence.iter().map(String::as_str).collect();
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
        let map = counts
            .into_iter()
            .map(|(h, (cap, low))| (key(h), Casing::of_ratio(cap, low, false) as u8))
            .collect();
        CasingLexicon { map }
    }

    /// Whether `word` is in the training text or on the list of common English words: what
    /// the tagger has evidence about.
    pub fn knows(&self, word: &str) -> bool {
        let casing = self.get(lower_hash(word));
        casing != Casing::Unseen as u8 && casing <= Casing::Dictionary as u8
    }

    /// Whether the training text writes `word` in lower case, or the list of common English
    /// words has it: a capital on it means a sentence's start or a headline, not a name.
    pub fn usually_lower(&self, word: &str) -> bool {
        let casing = self.get(lower_hash(word));
        casing == Casing::Lower as u8 || casing == Casing::Dictionary as u8
    }

    /// Whether the training text writes `word` in lower case at least now and then (`It`
    /// inside a sentence after a quote): a capital on it alone is no evidence of a name.
    pub fn sometimes_lower(&self, word: &str) -> bool {
        let casing = self.get(lower_hash(word));
        casing == Casing::Mixed as u8 || self.usually_lower(word)
    }

    pub(super) fn get(&self, lower: u64) -> u8 {
        self.map
            .get(&key(lower))
            .copied()
            .unwrap_or(Casing::Unseen as u8)
    }

    /// Marks the words of `list` (one a line) the training text never showed as
    /// `Casing::Dictionary`: evidence for `Moreover` or a headline's `Escalation` that the
    /// corpus cannot give.
    pub fn add_words(&mut self, list: &str) {
        for w in list.lines().map(str::trim).filter(|w| !w.is_empty()) {
            self.map
                .entry(key(hash_str(&w.to_lowercase())))
                .or_insert(Casing::Dictionary as u8);
        }
    }

    /// Gives the words of `counts` that neither the training text nor the word list has how
    /// today's news writes them: each line `word<TAB>capitalised<TAB>lower`, counts from inside
    /// sentences of news of 2010 and later (`scripts/today_casing.py`). A word the training
    /// text never showed is what a new name looks like; this says which of them today's news
    /// writes as one.
    #[cfg(feature = "train")]
    pub fn add_today(&mut self, counts: &str) {
        for line in counts.lines() {
            let mut fields = line.split('\t');
            let (Some(word), Some(Ok(cap)), Some(Ok(low))) = (
                fields.next(),
                fields.next().map(str::parse::<u32>),
                fields.next().map(str::parse::<u32>),
            ) else {
                continue;
            };
            if cap + low == 0 {
                continue;
            }
            self.map
                .entry(key(hash_str(&word.to_lowercase())))
                .or_insert(Casing::of_ratio(cap, low, true) as u8);
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
    pub(super) fn mark(&self, lowers: &[u64]) -> Vec<(u8, bool)> {
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

/// Word clusters: each lower-case word form's place in a binary tree of clusters, as a bit
/// path with a leading 1 (`0b1` is the root, `0b10` and `0b11` its halves). Words that share
/// contexts in billions of words of Wikipedia and news share a path, so a word the training
/// text never showed reads like the seen words of its cluster; a prefix of a path is a coarser
/// cluster (`data/gazetteers/README.md` says where the tree comes from).
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    map: FxHashMap<u32, u16>,
}

/// The deepest path [`Clusters`] keeps, in bits (a path and its leading 1 fit in a `u16`).
pub const CLUSTER_DEPTH: usize = 15;

impl Clusters {
    /// Adds every `word<TAB>bits` line of `list` (bits a string of `0` and `1`, at most
    /// fifteen of them, `CLUSTER_DEPTH`); other lines are skipped.
    pub fn add_list(&mut self, list: &str) {
        for line in list.lines() {
            let Some((word, bits)) = line.split_once('\t') else {
                continue;
            };
            if bits.len() > CLUSTER_DEPTH || !bits.bytes().all(|b| b == b'0' || b == b'1') {
                continue;
            }
            let path = bits
                .bytes()
                .fold(1u16, |p, b| p << 1 | u16::from(b == b'1'));
            self.map.insert(key(hash_str(&word.to_lowercase())), path);
        }
    }

    /// The path of the word whose lower-case form hashes to `lower`; 0 for a word not in any
    /// cluster.
    pub(super) fn get(&self, lower: u64) -> u16 {
        self.map.get(&key(lower)).copied().unwrap_or(0)
    }

    /// Whether there are any clusters at all (a model trained without them has none).
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Entries, for saving.
    pub fn entries(&self) -> impl Iterator<Item = (u32, u16)> + '_ {
        self.map.iter().map(|(&k, &v)| (k, v))
    }

    /// Clusters from saved entries.
    pub fn from_entries(entries: impl IntoIterator<Item = (u32, u16)>) -> Clusters {
        Clusters {
            map: entries.into_iter().collect(),
        }
    }
}

/// The first `bits` bits of a cluster path (with its leading 1), or the whole path if it is
/// shorter; 0 stays 0.
#[inline]
pub(super) fn cluster_prefix(path: u16, bits: u32) -> u16 {
    if path == 0 {
        return 0;
    }
    let len = 15 - path.leading_zeros();
    if len > bits {
        path >> (len - bits)
    } else {
        path
    }
}

/// What the features consult besides the sentence: corpus casing, the name lists and the word
/// clusters.
#[derive(Clone, Debug, Default)]
pub struct Lexicons {
    /// How words are written in the training corpus (and a list of common lower-case words).
    pub casing: CasingLexicon,
    /// The name lists.
    pub gazetteer: Gazetteer,
    /// Word clusters (empty in a model trained without them).
    pub clusters: Clusters,
}

/// For a word's letters, two or more: whether the first is a capital, and whether all are.
fn letter_shape(mut letters: impl Iterator<Item = char>) -> Option<(bool, bool)> {
    let first = letters.next()?;
    let mut rest = letters.peekable();
    rest.peek()?;
    let initial = first.is_uppercase();
    Some((initial, initial && rest.all(|c| c.is_uppercase())))
}

/// The style of a sentence from its words.
pub fn style(words: &[&str]) -> Style {
    let (mut alpha, mut caps, mut cap_initial) = (0, 0, 0);
    for w in words {
        // Whether the word's first letter and all its letters are capitals, for words of two
        // letters or more. Most words are ASCII, read as bytes: every sentence's style is read
        // several times (features, document context, rules), so this loop is hot.
        let shape = if w.is_ascii() {
            letter_shape(w.bytes().filter(u8::is_ascii_alphabetic).map(char::from))
        } else {
            letter_shape(w.chars().filter(|c| c.is_alphabetic()))
        };
        let Some((initial, all)) = shape else {
            continue;
        };
        alpha += 1;
        caps += usize::from(all);
        cap_initial += usize::from(initial);
    }
    if alpha >= 2 && caps * 10 >= alpha * 7 {
        Style::Capitals
    } else if alpha >= 4 && cap_initial * 10 >= alpha * 8 {
        Style::TitleCase
    } else {
        Style::Normal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_paths_and_their_prefixes() {
        let mut c = Clusters::default();
        c.add_list("google\t0000001010\nnirvana\t0110\nbad\t012\nnotab 01\n");
        let google = c.get(hash_str("google"));
        assert_eq!(google, 0b1_0000001010);
        assert_eq!(c.get(lower_hash("Google")), google, "looked up lower-cased");
        assert_eq!(
            c.get(hash_str("bad")),
            0,
            "a path of other characters is skipped"
        );
        assert_eq!(c.get(hash_str("notab")), 0);
        assert_eq!(cluster_prefix(google, 4), 0b1_0000);
        assert_eq!(cluster_prefix(c.get(hash_str("nirvana")), 8), 0b1_0110);
        assert_eq!(cluster_prefix(0, 4), 0);
    }
}
