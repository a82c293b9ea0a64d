//! Near-duplicate search: MinHash signatures of word 3-shingles and an LSH index over them.
//!
//! Classic MinHash hashes every shingle once per permutation (128 hashes a shingle), which alone
//! would cap Folio far below 100 MB/s. One-permutation hashing (Li, Owen & Zhang, 2012) hashes
//! each shingle once and lets the top bits pick one of `BINS` bins, keeping each bin's minimum;
//! empty bins of short texts borrow from the next full bin (rotation densification, Shrivastava
//! & Li, 2014), so the probability that two signatures agree in a bin is still their Jaccard
//! similarity. Bins are grouped into `BANDS` bands of `ROWS`; two texts become candidates when a
//! whole band agrees, which for J = 0.8 happens with probability 1 − (1 − 0.8⁴)¹⁶ ≈ 0.9998 and
//! for unrelated texts almost never. Candidates are then confirmed on their exact Jaccard.

use rustc_hash::{FxHashMap, FxHashSet};

/// Bins in a signature.
pub const BINS: usize = 64;
/// Rows (bins) per LSH band.
pub const ROWS: usize = 4;
/// LSH bands per signature.
pub const BANDS: usize = BINS / ROWS;
/// Words per shingle.
pub const SHINGLE: usize = 3;

/// How many earlier documents one band bucket remembers; bounds the work for pathological
/// input (thousands of near-identical articles) so cost stays linear.
const BUCKET_CAP: usize = 4;

/// The MinHash signature of one text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature([u64; BINS]);

impl Signature {
    /// Fraction of bins on which two signatures agree: an estimate of Jaccard similarity.
    pub fn estimate(&self, other: &Signature) -> f32 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f32 / BINS as f32
    }
}

/// Calls `f` with the hash of every word 3-shingle of `text`. Words are runs of ASCII letters
/// and digits (lower-cased) or non-ASCII bytes, so case and punctuation do not matter.
/// Returns how many words the text had; a text of fewer than three words is one shingle.
pub fn for_each_shingle(text: &str, mut f: impl FnMut(u64)) -> usize {
    let mut window = [0u64; SHINGLE];
    let mut words = 0usize;
    let mut h: u64 = 0;
    let mut in_word = false;
    let mut push = |h: u64, words: &mut usize| {
        window.rotate_left(1);
        window[SHINGLE - 1] = h;
        *words += 1;
        if *words >= SHINGLE {
            f(mix(window[0]
                ^ window[1].rotate_left(21)
                ^ window[2].rotate_left(42)));
        }
    };
    for &b in text.as_bytes() {
        let word_byte = b.is_ascii_alphanumeric() || b >= 0x80;
        if word_byte {
            h = (h.rotate_left(5) ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(SEED);
            in_word = true;
        } else if in_word {
            push(h, &mut words);
            h = 0;
            in_word = false;
        }
    }
    if in_word {
        push(h, &mut words);
    }
    if (1..SHINGLE).contains(&words) {
        f(mix(window.iter().fold(0, |acc, w| acc.rotate_left(21) ^ w)));
    }
    words
}

/// The set of shingle hashes of a text, for exact Jaccard similarity.
pub fn shingle_set(text: &str) -> FxHashSet<u64> {
    let mut set = FxHashSet::default();
    for_each_shingle(text, |h| {
        set.insert(h);
    });
    set
}

/// Exact Jaccard similarity of two shingle sets.
pub fn jaccard(a: &FxHashSet<u64>, b: &FxHashSet<u64>) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let inter = small.iter().filter(|h| large.contains(h)).count();
    inter as f32 / (a.len() + b.len() - inter) as f32
}

/// Builds signatures one shingle at a time.
#[derive(Clone, Debug)]
pub struct Sketcher {
    bins: [u64; BINS],
}

impl Default for Sketcher {
    fn default() -> Self {
        Sketcher {
            bins: [u64::MAX; BINS],
        }
    }
}

impl Sketcher {
    /// Adds one shingle hash.
    #[inline]
    pub fn add(&mut self, shingle: u64) {
        let bin = (shingle >> (64 - BINS.trailing_zeros())) as usize;
        let slot = &mut self.bins[bin];
        *slot = (*slot).min(shingle);
    }

    /// The signature, with empty bins filled from the next full bin to their right.
    /// `None` if no shingle was added.
    pub fn finish(self) -> Option<Signature> {
        if self.bins.iter().all(|&v| v == u64::MAX) {
            return None;
        }
        let mut bins = self.bins;
        for bin in 0..BINS {
            if bins[bin] != u64::MAX {
                continue;
            }
            let (mut source, mut distance) = ((bin + 1) % BINS, 1u64);
            while self.bins[source] == u64::MAX {
                source = (source + 1) % BINS;
                distance += 1;
            }
            bins[bin] = mix(self.bins[source].wrapping_add(distance.wrapping_mul(DENSIFY)));
        }
        Some(Signature(bins))
    }
}

/// LSH buckets: for each band's value, the last few documents that had it.
#[derive(Clone, Debug, Default)]
pub struct Index {
    buckets: FxHashMap<u64, Vec<u32>>,
}

impl Index {
    /// Ids of earlier documents that share at least one band with `sig`, without repeats.
    pub fn candidates(&self, sig: &Signature) -> Vec<u32> {
        let mut out: Vec<u32> = Vec::new();
        for band in 0..BANDS {
            if let Some(ids) = self.buckets.get(&band_key(sig, band)) {
                for &id in ids {
                    if !out.contains(&id) {
                        out.push(id);
                    }
                }
            }
        }
        out
    }

    /// Remembers `sig` under `id`.
    pub fn insert(&mut self, id: u32, sig: &Signature) {
        for band in 0..BANDS {
            let bucket = self.buckets.entry(band_key(sig, band)).or_default();
            if bucket.len() == BUCKET_CAP {
                bucket.remove(0);
            }
            bucket.push(id);
        }
    }
}

fn band_key(sig: &Signature, band: usize) -> u64 {
    let rows = &sig.0[band * ROWS..(band + 1) * ROWS];
    let mut h = mix(band as u64 + 1);
    for &r in rows {
        h = mix(h ^ r);
    }
    h
}

const SEED: u64 = 0x517c_c1b7_2722_0a95;
const DENSIFY: u64 = 0x9e37_79b9_7f4a_7c15;

/// splitmix64's finaliser: spreads every input bit over the whole word.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The signature of a whole text, or `None` if it has no words.
pub fn signature(text: &str) -> Option<Signature> {
    let mut sketch = Sketcher::default();
    for_each_shingle(text, |h| sketch.add(h));
    sketch.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const BASE: &str =
        "Sao Paulo state power firm Eletropaulo said it has named Eduardo Bernini as \
        new president, replacing Emmanuel Sobral, who will head a secretariat at the state \
        government. Bernini was previously a director of the company and its board approved \
        the change on Tuesday after a meeting in the city, a spokesman said.";

    #[test]
    fn words_ignore_case_and_punctuation() {
        assert_eq!(
            shingle_set("The Quick, brown fox!"),
            shingle_set("the quick brown FOX")
        );
        assert_eq!(for_each_shingle("one two", |_| {}), 2);
        assert_eq!(shingle_set("one two").len(), 1);
        assert!(shingle_set("  ,, ").is_empty());
    }

    #[test]
    fn identical_texts_agree_everywhere() {
        let a = signature(BASE).unwrap();
        assert_eq!(a.estimate(&signature(BASE).unwrap()), 1.0);
        assert!(signature("").is_none());
    }

    #[test]
    fn an_edited_copy_is_found_and_an_unrelated_text_is_not() {
        let edited = format!("{BASE} The report was updated with new figures later in the day.");
        let other = "Rwanda said on Saturday that Zaire had expelled 28 Rwandan Hutu refugees \
            accused of being trouble-makers in camps in eastern Zaire, an official said.";
        let mut index = Index::default();
        index.insert(0, &signature(BASE).unwrap());
        index.insert(1, &signature(other).unwrap());
        assert_eq!(index.candidates(&signature(&edited).unwrap()), vec![0]);
        let j = jaccard(&shingle_set(BASE), &shingle_set(&edited));
        assert!(j > 0.75 && j < 1.0, "{j}");
    }

    proptest! {
        // The estimate tracks exact Jaccard within a few standard errors (sqrt(J(1-J)/64) ≤ 0.0625).
        #[test]
        fn estimate_tracks_jaccard(shared in 20usize..200, only_a in 0usize..100, only_b in 0usize..100) {
            let words = |range: std::ops::Range<usize>, tag: &str| {
                range.map(|i| format!("{tag}{i}")).collect::<Vec<_>>().join(" ")
            };
            let common = words(0..shared, "w");
            let a = format!("{common} {}", words(0..only_a, "a"));
            let b = format!("{common} {}", words(0..only_b, "b"));
            let exact = jaccard(&shingle_set(&a), &shingle_set(&b));
            let est = signature(&a).unwrap().estimate(&signature(&b).unwrap());
            prop_assert!((exact - est).abs() < 0.3, "exact {exact} estimate {est}");
        }
    }
}
