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
//!
//! Three concerns, a file each: `shingle` turns text into hashes of word 3-shingles (and
//! measures two sets' exact Jaccard), `sketch` folds those hashes into a signature and its band
//! keys, `index` finds the signatures sharing a band.

mod index;
mod shingle;
mod sketch;

pub use index::Index;
#[cfg(test)]
pub use shingle::{for_each_shingle, shingle_set};
pub use shingle::{jaccard, Shingler};
#[cfg(test)]
pub use sketch::signature;
pub use sketch::{Signature, Sketcher};

/// Bins in a signature: the estimate's standard error is at most 0.5/√128 ≈ 0.044.
pub const BINS: usize = 128;
/// Rows (bins) per LSH band.
pub const ROWS: usize = 4;
/// LSH bands, over the signature's first `BANDS * ROWS` bins.
pub const BANDS: usize = 16;
/// Words per shingle.
pub const SHINGLE: usize = 3;

/// splitmix64's finaliser: spreads every input bit over the whole word.
#[inline]
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests;
