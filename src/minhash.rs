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
pub struct Signature {
    bins: [u16; BINS],
    /// How many bins a shingle fell in; the others borrowed a neighbour's.
    full: u8,
    /// Each band's key in the LSH index, computed once for the lookup and the insert: 64 bits,
    /// the keys a job past one machine groups by (`cluster`), so that a billion documents do
    /// not collide into one group and candidates here are exactly articles sharing a key there.
    pub(crate) keys: [u64; BANDS],
}

impl Signature {
    /// Whether the text was too short to fill most bins: borrowed bins agree or differ
    /// together, so the estimate of a short text is far noisier than its standard error says
    /// (two ten-word texts sharing half their shingles can agree on nearly every bin).
    pub fn sparse(&self) -> bool {
        usize::from(self.full) < BINS / 2
    }

    /// Fraction of bins on which two signatures agree: an estimate of Jaccard similarity.
    pub fn estimate(&self, other: &Signature) -> f32 {
        let same = self
            .bins
            .iter()
            .zip(&other.bins)
            .filter(|(a, b)| a == b)
            .count();
        same as f32 / BINS as f32
    }
}

/// Whether a byte belongs to a word: ASCII letters and digits, and every byte of a non-ASCII
/// character (so `São` and `Zürich` are one word each).
#[cfg(test)]
fn word_byte(b: u8) -> bool {
    (b >= 0x80) | ((b | 0x20).wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10)
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// Bit `i` set where byte `i` of `x` (little-endian) is a word byte: eight bytes classified
/// at once in a u64 (SWAR), safe and as fast in WebAssembly as natively. Each byte is tested
/// with additions that set its top bit without carrying into the next byte.
#[inline]
fn word_bits(x: u64) -> u64 {
    let high = x & (ONES * 0x80);
    // Letters: lower-cased, within 'a'..='z'; digits: within '0'..='9'.
    let y = (x | (ONES * 0x20)) & (ONES * 0x7f);
    let letter = y.wrapping_add(ONES * (0x80 - u64::from(b'a')))
        & !y.wrapping_add(ONES * (0x7f - u64::from(b'z')));
    let z = x & (ONES * 0x7f);
    let digit = z.wrapping_add(ONES * (0x80 - u64::from(b'0')))
        & !z.wrapping_add(ONES * (0x7f - u64::from(b'9')));
    let word = (high | letter | digit) & (ONES * 0x80);
    // Gathers the eight top bits into the top byte, byte i's to bit 56 + i.
    (word >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Bit `i` set where `block[i]` is a word byte.
#[inline]
fn word_mask(block: &[u8; 64]) -> u64 {
    block
        .chunks_exact(8)
        .enumerate()
        .fold(0, |mask, (i, eight)| {
            let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
            mask | (word_bits(x) << (8 * i))
        })
}

/// The hash of the word `text[start..end]`, eight bytes at a time: most words take one load
/// and one multiply. The last load reaches past the word (masked off) when the text goes on,
/// which spares a copy; word bytes are never zero, so the masking cannot make two words alike.
#[inline]
fn word_hash(text: &[u8], start: usize, end: usize) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let len = end - start;
    // Most words: one load, masked to the word. The same value as the general path below.
    if len <= 8 && start + 8 <= text.len() {
        let keep = u64::MAX >> (64 - 8 * len);
        return ((len as u64).rotate_left(29) ^ (load(text, start) & keep)).wrapping_mul(K);
    }
    let mut h = len as u64;
    let mut at = start;
    while at + 8 <= end {
        h = (h.rotate_left(29) ^ load(text, at)).wrapping_mul(K);
        at += 8;
    }
    if at < end {
        let keep = u64::MAX >> (64 - 8 * (end - at));
        let last = if at + 8 <= text.len() {
            load(text, at)
        } else {
            text[at..end]
                .iter()
                .rev()
                .fold(0, |v, &b| (v << 8) | u64::from(b))
        };
        h = (h.rotate_left(29) ^ (last & keep)).wrapping_mul(K);
    }
    h
}

/// Eight bytes of `text` from `at`, little-endian.
#[inline(always)]
fn load(text: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(text[at..at + 8].try_into().expect("eight bytes"))
}

/// Turns a stream of texts into word 3-shingle hashes. Feeding several texts (an article's
/// paragraphs) gives the shingles of their concatenation, so paragraph breaks do not matter.
#[derive(Clone, Debug, Default)]
pub struct Shingler {
    window: [u64; SHINGLE],
    words: usize,
    /// Scratch for the word-byte bitmask of one text, reused.
    mask: Vec<u64>,
}

impl Shingler {
    /// Calls `f` with the hash of every shingle completed by the words of `text`.
    ///
    /// Two passes. The first marks word bytes in a bitmask, eight bytes at a time, without a
    /// branch. The second finds where words start and end with shifts and bit scans and
    /// hashes each word whole, so the cost goes by words, not bytes.
    #[inline]
    pub fn feed(&mut self, text: &str, mut f: impl FnMut(u64)) {
        let bytes = text.as_bytes();
        let mut mask = std::mem::take(&mut self.mask);
        mask.clear();
        let mut blocks = bytes.chunks_exact(64);
        for block in &mut blocks {
            mask.push(word_mask(block.try_into().expect("64 bytes")));
        }
        let rest = blocks.remainder();
        if !rest.is_empty() {
            let mut eights = rest.chunks_exact(8);
            let mut last = 0;
            let mut shift = 0;
            for eight in &mut eights {
                last |= word_bits(u64::from_le_bytes(eight.try_into().expect("8"))) << shift;
                shift += 8;
            }
            let tail = eights.remainder();
            let x = tail.iter().rev().fold(0, |v, &b| (v << 8) | u64::from(b));
            // The missing bytes read as zero, which is not a word byte.
            mask.push(last | (word_bits(x) << shift));
        }
        // Block by block, each word from its start: a start is a word byte after a non-word
        // byte, and the word ends at the first non-word byte after it, one bit scan away. A
        // word still running at the end of a block is finished in the next one.
        let mut carry = 0;
        let mut running: Option<usize> = None;
        // The window lives in locals while the text is read: kept in `self`, it went through
        // memory for every word.
        let (mut window, mut words) = (self.window, self.words);
        let mut push = |word: u64| {
            window = [window[1], window[2], word];
            words += 1;
            if words >= SHINGLE {
                f(shingle_hash(&window));
            }
        };
        for (block, &m) in mask.iter().enumerate() {
            let base = block * 64;
            let mut starts = m & !((m << 1) | carry);
            carry = m >> 63;
            if let Some(start) = running {
                let end = (!m).trailing_zeros() as usize;
                if end == 64 {
                    continue;
                }
                push(word_hash(bytes, start, base + end));
                running = None;
            }
            while starts != 0 {
                let at = starts.trailing_zeros();
                starts &= starts - 1;
                // Bits shifted in from the top read as word bytes: no end in this block.
                let len = (!m >> at).trailing_zeros();
                if at + len >= 64 {
                    running = Some(base + at as usize);
                } else {
                    let start = base + at as usize;
                    push(word_hash(bytes, start, start + len as usize));
                }
            }
        }
        if let Some(start) = running {
            push(word_hash(bytes, start, bytes.len()));
        }
        (self.window, self.words) = (window, words);
        self.mask = mask;
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

#[cfg(test)]
/// Calls `f` with the hash of every word 3-shingle of `text`; returns how many words it had.
pub fn for_each_shingle(text: &str, mut f: impl FnMut(u64)) -> usize {
    let mut shingler = Shingler::default();
    shingler.feed(text, &mut f);
    shingler.finish(f)
}

#[cfg(test)]
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

/// A shingle's hash from its words' hashes. Word hashes end in a multiply (see
/// [`word_hash`]), so their high bits are well mixed; the rotations bring those bits down and
/// one more multiply spreads every bit of the window into the high bits, which are all a
/// signature reads (a bin from the top seven, then the value below them).
#[inline(always)]
fn shingle_hash(window: &[u64; SHINGLE]) -> u64 {
    let x = window[0] ^ window[1].rotate_left(21) ^ window[2].rotate_left(42);
    let h = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 31)
}

/// Bits of a bin's hash kept in a signature: the sixteen just below the seven that chose the
/// bin (which every value of the bin shares, so keeping them would waste seven of sixteen).
#[inline(always)]
fn kept_bits(value: u64) -> u16 {
    (value >> (64 - BINS.trailing_zeros() - 16)) as u16
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

    /// The signature, with empty bins filled from the next full bin to their right (round
    /// the end), shifted by their distance. `None` if no shingle was added.
    ///
    /// One pass leftwards from a full bin carries the nearest full bin to the right and the
    /// distance to it, so filling costs O(BINS) however sparse the bins are.
    pub fn finish(self) -> Option<Signature> {
        let first = self.bins.iter().position(|&v| v != u64::MAX)?;
        let mut out = [0u16; BINS];
        // `right` already carries its distance: each empty step adds one more DENSIFY.
        let (mut right, mut full) = (self.bins[first], 0u8);
        let mut fill = |values: &[u64], out: &mut [u16]| {
            for (value, out) in values.iter().zip(out).rev() {
                // Without a branch: whether a bin is full is a coin toss for a short text.
                let is_full = *value != u64::MAX;
                right = if is_full {
                    *value
                } else {
                    right.wrapping_add(DENSIFY)
                };
                full += u8::from(is_full);
                *out = kept_bits(right);
            }
        };
        // Leftwards from the first full bin down to bin 0, then on from the last bin.
        let (low, high) = out.split_at_mut(first + 1);
        fill(&self.bins[..=first], low);
        fill(&self.bins[first + 1..], high);
        Some(Signature {
            bins: out,
            full,
            keys: std::array::from_fn(|band| band_key(&out, band)),
        })
    }
}

/// LSH buckets: for each band's value, the last document that had it. One id a bucket keeps
/// memory small and bounds the candidates of any document to `BANDS`, so cost stays linear even
/// on thousands of near-identical articles; an earlier document pushed out of one bucket is
/// still found through its other bands.
///
/// An open-addressing table of (key, id + 1) pairs probed linearly: the keys are already
/// well-mixed hashes, so their low bits place them, and a probe stays within a cache line or
/// two. (A general hash map hashed each key again and cost twice as much here.)
#[derive(Clone, Debug, Default)]
pub struct Index {
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl Index {
    /// Ids of earlier documents that share at least one band with `sig`, without repeats.
    pub fn candidates(&self, sig: &Signature) -> impl Iterator<Item = u32> {
        let mut ids = [u32::MAX; BANDS];
        let mut n = 0;
        if !self.slots.is_empty() {
            // Every band's home slot is read first: sixteen independent loads the processor
            // overlaps, where probing band after band waited on each cache miss in turn (a
            // big collection's table is far larger than the cache).
            let mask = self.slots.len() - 1;
            let homes = sig.keys.map(|key| self.slots[key as usize & mask]);
            for (&key, (home_key, home_id)) in sig.keys.iter().zip(homes) {
                let id = if home_id == 0 || home_key == key {
                    home_id
                } else {
                    self.slots[self.find(key)].1
                };
                if let Some(id) = id.checked_sub(1) {
                    if !ids[..n].contains(&id) {
                        ids[n] = id;
                        n += 1;
                    }
                }
            }
        }
        ids.into_iter().take(n)
    }

    /// Remembers `sig` under `id`.
    pub fn insert(&mut self, id: u32, sig: &Signature) {
        if (self.len + BANDS) * 2 > self.slots.len() {
            self.grow();
        }
        for &key in &sig.keys {
            let slot = self.find(key);
            self.len += usize::from(self.slots[slot].1 == 0);
            self.slots[slot] = (key, id + 1);
        }
    }

    /// The slot holding `key`, or the empty one where it would go.
    fn find(&self, key: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        loop {
            let (k, id) = self.slots[i];
            if id == 0 || k == key {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(1024);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        for (key, id) in old.into_iter().filter(|&(_, id)| id != 0) {
            let slot = self.find(key);
            self.slots[slot] = (key, id);
        }
    }
}

/// A band's key: the band's four 16-bit rows in one u64, mixed once with the band's number.
/// All 64 bits are kept (see [`Signature`]'s `keys`).
fn band_key(bins: &[u16; BINS], band: usize) -> u64 {
    const { assert!(ROWS * 16 <= 64, "a band's rows fit one u64") };
    let rows = &bins[band * ROWS..(band + 1) * ROWS];
    let packed = rows.iter().fold(0u64, |v, &r| (v << 16) | u64::from(r));
    mix(packed ^ (band as u64 + 1).wrapping_mul(DENSIFY))
}

const DENSIFY: u64 = 0x9e37_79b9_7f4a_7c15;

/// splitmix64's finaliser: spreads every input bit over the whole word.
#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
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
    fn eight_bytes_at_once_classify_like_one_at_a_time() {
        for a in 0..=255u8 {
            for b in [
                0u8, b'/', b'0', b'9', b':', b'@', b'A', b'Z', b'[', b'`', b'a', b'z', b'{', 0x7f,
                0x80, 0xff,
            ] {
                let bytes = [a, b, a, b, b, a, b'Z', a];
                let want = (0..8).fold(0, |m, i| m | (u64::from(word_byte(bytes[i])) << i));
                assert_eq!(word_bits(u64::from_le_bytes(bytes)), want, "{bytes:?}");
            }
        }
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
        assert_eq!(sig.bins[5], kept_bits(h));
        // Bin 4 is one step left of bin 5; bin 6 wraps all the way round, 127 steps.
        assert_eq!(sig.bins[4], kept_bits(h.wrapping_add(DENSIFY)));
        let wrapped = h.wrapping_add(127u64.wrapping_mul(DENSIFY));
        assert_eq!(sig.bins[6], kept_bits(wrapped));
        assert_eq!(sig.full, 1);
    }

    /// Word count and shingles of `text` from its words split one at a time.
    fn reference_shingles(text: &str) -> (usize, Vec<u64>) {
        let words: Vec<&str> = text
            .split(|c: char| !c.is_ascii_alphanumeric() && c.is_ascii())
            .filter(|w| !w.is_empty())
            .collect();
        let hashes: Vec<u64> = words
            .iter()
            .map(|w| word_hash(w.as_bytes(), 0, w.len()))
            .collect();
        let mut want: Vec<u64> = hashes
            .windows(SHINGLE)
            .map(|w| shingle_hash(w.try_into().unwrap()))
            .collect();
        if (1..SHINGLE).contains(&hashes.len()) {
            let mut window = [0; SHINGLE];
            for &h in &hashes {
                window = [window[1], window[2], h];
            }
            want.push(mix(window.iter().fold(0, |acc, w| acc.rotate_left(21) ^ w)));
        }
        (words.len(), want)
    }

    #[test]
    fn words_across_and_beyond_blocks() {
        let long = "x".repeat(150);
        for text in [
            format!("{} end", "a".repeat(64)),
            format!("{} {} tail", "b".repeat(63), "c".repeat(65)),
            format!("one {long} two {long}"),
            format!("{} {}", "d".repeat(60), "e".repeat(67)),
            "f".repeat(128),
        ] {
            let (count, want) = reference_shingles(&text);
            let mut got = Vec::new();
            assert_eq!(for_each_shingle(&text, |h| got.push(h)), count, "{text}");
            assert_eq!(got, want, "{text}");
        }
    }

    proptest! {
        // Shingles are those of the text's words: maximal runs of ASCII letters, digits and
        // non-ASCII characters, hashed whole, wherever they fall in the 64-byte blocks.
        #[test]
        fn shingles_are_those_of_the_words(text in "[a-zA-Z0-9 .,;\n\u{e9}\u{4e2d}]{0,300}") {
            let (count, want) = reference_shingles(&text);
            let mut got = Vec::new();
            prop_assert_eq!(for_each_shingle(&text, |h| got.push(h)), count);
            prop_assert_eq!(got, want);
        }

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
