//! Near-duplicate search: MinHash signatures of word 3-shingles and an LSH index over them.
//!
//! Classic MinHash hashes every shingle once per permutation (128 hashes a shingle), which alone
//! would cap Folio far below 100 MB/s. One-permutation hashing (Li, Owen & Zhang, 2012) hashes
//! each shingle once and lets the top bits pick one of `BINS` bins, keeping each bin's minimum;
//! empty bins of short texts borrow from the next full bin (rotation densification, Shrivastava
//! & Li, 2014), so the probability that two signatures agree in a bin is still their Jaccard
//! similarity. Bins are grouped into `BANDS` bands of `ROWS`; two texts become candidates when a
//! whole band agrees, which for J = 0.8 happens with probability 1 − (1 − 0.8⁴)¹⁶ ≈ 0.9998 (sixteen bands of four bins) and
//! for unrelated texts almost never. Candidates are then confirmed on their exact Jaccard.

use rustc_hash::FxHashMap;

/// Bins in a signature: the estimate's standard error is at most 0.5/√128 ≈ 0.044.
pub const BINS: usize = 128;
/// Rows (bins) per LSH band.
pub const ROWS: usize = 4;
/// LSH bands, over the signature's first `BANDS * ROWS` bins.
pub const BANDS: usize = 16;
/// Words per shingle.
pub const SHINGLE: usize = 3;

/// The MinHash signature of one text. Bins keep 16 bits: two different minima agree by chance
/// with probability 2⁻¹⁶ (a negligible bias), and every article's signature costs 256 bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature([u16; BINS]);

impl Signature {
    /// Fraction of bins on which two signatures agree: an estimate of Jaccard similarity.
    pub fn estimate(&self, other: &Signature) -> f32 {
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f32 / BINS as f32
    }
}

/// Bytes that belong to words: ASCII letters and digits, and every byte of a non-ASCII
/// character (so `São` and `Zürich` are one word each).
static WORD: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c >= 0x80;
        b += 1;
    }
    table
};

/// Turns a stream of texts into word 3-shingle hashes. Feeding several texts (an article's
/// paragraphs) gives the shingles of their concatenation, so paragraph breaks do not matter.
#[derive(Clone, Debug, Default)]
pub struct Shingler {
    window: [u64; SHINGLE],
    words: usize,
    /// Scratch for the word hashes of one text, reused.
    scratch: Vec<u64>,
}

impl Shingler {
    /// Calls `f` with the hash of every shingle completed by the words of `text`.
    ///
    /// Two passes. The first walks the bytes without a branch: every byte stores the running
    /// word hash (rotate, xor) into scratch, and the write position only advances where a word
    /// ends, so the unpredictable word boundaries cost no mispredictions. Rotating by 5 keeps
    /// the first dozen bytes of a word apart exactly. The second pass mixes each word once and
    /// forms the shingles.
    #[inline]
    pub fn feed(&mut self, text: &str, mut f: impl FnMut(u64)) {
        let bytes = text.as_bytes();
        let mut scratch = std::mem::take(&mut self.scratch);
        // Every slot up to the last word is written before it is read: grow, never clear.
        if scratch.len() < bytes.len() / 2 + 2 {
            scratch.resize(bytes.len() / 2 + 2, 0);
        }
        let mut n = 0usize;
        let mut h: u64 = 0;
        let mut in_word = false;
        for &b in bytes {
            let word = WORD[b as usize];
            scratch[n] = h;
            n += usize::from(in_word & !word);
            let next = h.rotate_left(5) ^ u64::from(b);
            h = if word { next } else { 0 };
            in_word = word;
        }
        scratch[n] = h;
        n += usize::from(in_word);
        for &word in &scratch[..n] {
            self.push(mix(word), &mut f);
        }
        self.scratch = scratch;
    }

    #[inline]
    fn push(&mut self, word: u64, f: &mut impl FnMut(u64)) {
        self.window = [self.window[1], self.window[2], word];
        self.words += 1;
        if self.words >= SHINGLE {
            f(mix(self.window[0]
                ^ self.window[1].rotate_left(21)
                ^ self.window[2].rotate_left(42)));
        }
    }

    /// Ends the stream: a text of one or two words is one shingle of its own.
    /// Returns how many words were fed, and makes the shingler ready for a new stream.
    pub fn finish(&mut self, mut f: impl FnMut(u64)) -> usize {
        if (1..SHINGLE).contains(&self.words) {
            f(mix(self
                .window
                .iter()
                .fold(0, |acc, w| acc.rotate_left(21) ^ w)));
        }
        let words = self.words;
        self.words = 0;
        self.window = [0; SHINGLE];
        words
    }
}

/// Calls `f` with the hash of every word 3-shingle of `text`; returns how many words it had.
pub fn for_each_shingle(text: &str, mut f: impl FnMut(u64)) -> usize {
    let mut shingler = Shingler::default();
    shingler.feed(text, &mut f);
    shingler.finish(f)
}

/// The distinct shingle hashes of a text, sorted: the form [`jaccard`] takes.
pub fn shingle_set(text: &str) -> Vec<u64> {
    let mut set = Vec::new();
    for_each_shingle(text, |h| set.push(h));
    set.sort_unstable();
    set.dedup();
    set
}

/// Exact Jaccard similarity of two sorted, deduplicated shingle sets (a merge, no hashing).
pub fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut inter) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
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
    ///
    /// One pass leftwards from a full bin carries the nearest full bin to the right and the
    /// distance to it, so filling costs O(BINS) however sparse the bins are.
    pub fn finish(self) -> Option<Signature> {
        let full = self.bins.iter().position(|&v| v != u64::MAX)?;
        let mut out = [0u16; BINS];
        let (mut right, mut distance) = (self.bins[full], 0u64);
        for step in 0..BINS {
            let bin = (full + BINS - step) % BINS;
            let value = self.bins[bin];
            let filled = if value != u64::MAX {
                (right, distance) = (value, 0);
                value
            } else {
                distance += 1;
                right.wrapping_add(distance.wrapping_mul(DENSIFY))
            };
            out[bin] = (filled >> 48) as u16;
        }
        Some(Signature(out))
    }
}

/// LSH buckets: for each band's value, the last document that had it. One id a bucket keeps
/// memory small and bounds the candidates of any document to `BANDS`, so cost stays linear even
/// on thousands of near-identical articles; an earlier document pushed out of one bucket is
/// still found through its other bands.
#[derive(Clone, Debug, Default)]
pub struct Index {
    buckets: FxHashMap<u32, u32>,
}

impl Index {
    /// Ids of earlier documents that share at least one band with `sig`, without repeats.
    pub fn candidates(&self, sig: &Signature) -> impl Iterator<Item = u32> {
        let mut ids = [u32::MAX; BANDS];
        let mut n = 0;
        for band in 0..BANDS {
            if let Some(&id) = self.buckets.get(&band_key(sig, band)) {
                if !ids[..n].contains(&id) {
                    ids[n] = id;
                    n += 1;
                }
            }
        }
        ids.into_iter().take(n)
    }

    /// Remembers `sig` under `id`.
    pub fn insert(&mut self, id: u32, sig: &Signature) {
        for band in 0..BANDS {
            self.buckets.insert(band_key(sig, band), id);
        }
    }
}

/// A band's key; 32 bits suffice, as a collision only adds a candidate that is then screened.
fn band_key(sig: &Signature, band: usize) -> u32 {
    let rows = &sig.0[band * ROWS..(band + 1) * ROWS];
    let mut h = mix(band as u64 + 1);
    for &r in rows {
        h = mix(h ^ u64::from(r));
    }
    h as u32
}

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
    fn words_ignore_punctuation() {
        assert_eq!(
            shingle_set("The quick, brown fox!"),
            shingle_set("The quick brown fox")
        );
        assert_ne!(
            shingle_set("The quick brown fox"),
            shingle_set("The quick brown box")
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
        assert_eq!(
            index
                .candidates(&signature(&edited).unwrap())
                .collect::<Vec<_>>(),
            vec![0]
        );
        let j = jaccard(&shingle_set(BASE), &shingle_set(&edited));
        assert!(j > 0.75 && j < 1.0, "{j}");
    }

    #[test]
    fn empty_bins_borrow_from_the_next_full_bin() {
        let h = (5u64 << 57) | 7; // top seven bits: bin 5
        let mut sketch = Sketcher::default();
        sketch.add(h);
        let sig = sketch.finish().unwrap();
        assert_eq!(sig.0[5], (h >> 48) as u16);
        // Bin 4 is one step left of bin 5; bin 6 wraps all the way round, 127 steps.
        assert_eq!(sig.0[4], (h.wrapping_add(DENSIFY) >> 48) as u16);
        let wrapped = h.wrapping_add(127u64.wrapping_mul(DENSIFY));
        assert_eq!(sig.0[6], (wrapped >> 48) as u16);
    }

    proptest! {
        // The estimate tracks exact Jaccard within a few standard errors (sqrt(J(1-J)/128) ≤ 0.044).
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
            prop_assert!((exact - est).abs() < 0.25, "exact {exact} estimate {est}");
        }
    }
}
