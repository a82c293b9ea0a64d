//! Words and their 3-shingles, hashed as the text is read, a 64-byte block at a time; and the
//! exact Jaccard similarity of two shingle sets.

use super::{mix, SHINGLE};

/// Whether a byte belongs to a word: ASCII letters and digits, and every byte of a non-ASCII
/// character (so `São` and `Zürich` are one word each).
#[cfg(test)]
pub(super) fn word_byte(b: u8) -> bool {
    (b >= 0x80) | ((b | 0x20).wrapping_sub(b'a') < 26) | (b.wrapping_sub(b'0') < 10)
}

const ONES: u64 = 0x0101_0101_0101_0101;

/// Bit `i` set where byte `i` of `x` (little-endian) is a word byte: eight bytes classified
/// at once in a u64 (SWAR), safe and as fast in WebAssembly as natively. Each byte is tested
/// with additions that set its top bit without carrying into the next byte.
#[inline]
pub(super) fn word_bits(x: u64) -> u64 {
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
pub(super) fn word_hash(text: &[u8], start: usize, end: usize) -> u64 {
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
pub(super) fn shingle_hash(window: &[u64; SHINGLE]) -> u64 {
    let x = window[0] ^ window[1].rotate_left(21) ^ window[2].rotate_left(42);
    let h = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 31)
}
