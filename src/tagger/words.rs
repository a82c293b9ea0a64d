//! Rows kept by word: what makes a loaded tagger's lookups few (see `joint`).

use rustc_hash::FxHashMap;

use super::states::STATES;

/// Both stages' sums, a token's or a word's.
pub(super) type Wide = [i32; 2 * STATES];

/// Both stages' rows summed over the features that read only the word and its sentence's
/// style (`word_features`: the word, its forms, prefixes, suffixes, parts, length and
/// cluster, and its casing, shape, form and cluster with the style — some twenty-five of a
/// token's fifty), kept by word and style for the words seen lately. Words repeat (a few thousand
/// make most of any text), so most tokens take one probe of this table instead of twenty of
/// the model's, and skip hashing their prefixes and suffixes. The sums are of the same 8-bit
/// rows, in integers, so tagging gives exactly what it gave without them.
#[derive(Default)]
pub(super) struct WordRows {
    /// The table these rows are of (`Joint`'s id).
    owner: u64,
    index: FxHashMap<u64, u32>,
    rows: Vec<Wide>,
    /// Reused for a new word's features.
    feats: Vec<u64>,
}

/// The words [`WordRows`] keeps before it starts afresh (each row 136 bytes: 4 MiB; a few
/// in tests, so that they start afresh often).
#[cfg(not(test))]
const WORD_ROWS: usize = 1 << 15;
#[cfg(test)]
const WORD_ROWS: usize = 37;

impl WordRows {
    /// The summed row of the word hashed `hash` in table `owner`; `sum` computes it for a
    /// word not kept, given a buffer for its features.
    #[inline]
    pub(super) fn row(
        &mut self,
        owner: u64,
        hash: u64,
        sum: impl FnOnce(&mut Vec<u64>) -> Wide,
    ) -> &Wide {
        if self.owner != owner {
            self.owner = owner;
            self.index.clear();
            self.rows.clear();
        }
        let at = match self.index.get(&hash) {
            Some(&at) => at,
            None => {
                if self.rows.len() >= WORD_ROWS {
                    self.index.clear();
                    self.rows.clear();
                }
                self.feats.clear();
                let row = sum(&mut self.feats);
                self.rows.push(row);
                let at = (self.rows.len() - 1) as u32;
                self.index.insert(hash, at);
                at
            }
        };
        &self.rows[at as usize]
    }
}
