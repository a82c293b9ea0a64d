//! A text's MinHash signature, built one shingle hash at a time by one-permutation hashing with
//! rotation densification, and its band keys.

#[cfg(test)]
use super::shingle::for_each_shingle;
use super::{mix, BANDS, BINS, ROWS};

/// The MinHash signature of one text. Bins keep 16 bits: two different minima agree by chance
/// with probability 2⁻¹⁶ (a negligible bias), and every article's signature costs 256 bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    pub(super) bins: [u16; BINS],
    /// How many bins a shingle fell in; the others borrowed a neighbour's.
    pub(super) full: u8,
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

/// Bits of a bin's hash kept in a signature: the sixteen just below the seven that chose the
/// bin (which every value of the bin shares, so keeping them would waste seven of sixteen).
#[inline(always)]
pub(super) fn kept_bits(value: u64) -> u16 {
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

/// A band's key: the band's four 16-bit rows in one u64, mixed once with the band's number.
/// All 64 bits are kept (see [`Signature`]'s `keys`).
fn band_key(bins: &[u16; BINS], band: usize) -> u64 {
    const { assert!(ROWS * 16 <= 64, "a band's rows fit one u64") };
    let rows = &bins[band * ROWS..(band + 1) * ROWS];
    let packed = rows.iter().fold(0u64, |v, &r| (v << 16) | u64::from(r));
    mix(packed ^ (band as u64 + 1).wrapping_mul(DENSIFY))
}

pub(super) const DENSIFY: u64 = 0x9e37_79b9_7f4a_7c15;

#[cfg(test)]
/// The signature of a whole text, or `None` if it has no words.
pub fn signature(text: &str) -> Option<Signature> {
    let mut sketch = Sketcher::default();
    for_each_shingle(text, |h| sketch.add(h));
    sketch.finish()
}
