//! The saved model: its file format (version 4), written after training and read by every
//! front end, with the errors a damaged or foreign file gives.

use rustc_hash::FxHashMap;

use super::lexicon::{CasingLexicon, Clusters, Gazetteer, Lexicons};
use super::stage::Model;
use super::states::STATES;
use super::table::{Joint, Table};
use super::Tagger;

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
const FORMAT: u32 = 4;
/// The format before word clusters: read as a model without them.
const FORMAT_WITHOUT_CLUSTERS: u32 = 3;

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
        // Word clusters: sorted keys as deltas, each path as a varint (most fit one byte or two).
        let mut clusters: Vec<(u32, u16)> = lex.clusters.entries().collect();
        clusters.sort_unstable();
        write_varint(&mut out, clusters.len() as u64);
        let mut last = 0u32;
        for (k, v) in clusters {
            write_varint(&mut out, u64::from(k - last));
            last = k;
            write_varint(&mut out, u64::from(v));
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
        if version != FORMAT && version != FORMAT_WITHOUT_CLUSTERS {
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
        let mut clusters = Vec::new();
        if version == FORMAT {
            let n = input.varint()? as usize;
            clusters.reserve(n.min(1 << 20));
            let mut k = 0u32;
            for _ in 0..n {
                k = input.next_key(k)?;
                let path = u16::try_from(input.varint()?).map_err(|_| ModelError::Corrupt)?;
                clusters.push((k, path));
            }
        }
        let lexicons = Lexicons {
            casing,
            gazetteer,
            clusters: Clusters::from_entries(clusters),
        };
        let first = Model::read(&mut input, lexicons.clone())?;
        let second = Model::read(&mut input, lexicons)?;
        if !input.0.is_empty() {
            return Err(ModelError::Corrupt);
        }
        let joint = Joint::new(first.1, second.1, !first.0.lexicons.clusters.is_empty());
        Ok(Tagger {
            first: first.0,
            second: second.0,
            joint: Some(joint),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{features, DocContext, Trainer};
    use super::*;
    use crate::model::Label;
    use crate::tags::Tag;

    /// A small tagger trained on a toy language in which capitalised words after `met` are
    /// people and after `in` places, with name lists and a casing lexicon to save.
    fn trained() -> (Tagger, Vec<Vec<&'static str>>) {
        let sentences: Vec<Vec<&str>> = vec![
            vec!["Ann", "met", "Bob", "in", "Paris", "."],
            vec!["Carl", "met", "Dora", "in", "Rome", "today", "."],
            vec!["they", "met", "Eve", "in", "Oslo", "."],
        ];
        let gold = |words: &[&str]| -> Vec<Tag> {
            words
                .iter()
                .enumerate()
                .map(|(i, w)| match (i.checked_sub(1).map(|j| words[j]), w) {
                    (_, w) if !w.starts_with(char::is_uppercase) => Tag::O,
                    (Some("in"), _) => Tag::B(Label::LOC),
                    _ => Tag::B(Label::PER),
                })
                .collect()
        };
        let mut lexicons = Lexicons::default();
        lexicons.gazetteer.add_list(0, "Ann\nBob");
        lexicons.gazetteer.add_list(1, "Paris\nNew York");
        lexicons.casing.add_words("met\nin\ntoday");
        lexicons
            .clusters
            .add_list("paris\t0110\nrome\t0111\nmet\t10");
        let mut stages = Vec::new();
        for _ in 0..2 {
            let mut trainer = Trainer::new(lexicons.clone());
            for _ in 0..5 {
                for words in &sentences {
                    let ctx = DocContext::new([words.as_slice()]);
                    let mut feats = Vec::new();
                    features(words, &ctx, &lexicons, None, &mut feats);
                    trainer.learn(&feats[..words.len()], &gold(words));
                }
            }
            stages.push(trainer.averaged());
        }
        let second = stages.pop().unwrap();
        let first = stages.pop().unwrap();
        (Tagger::new(first, second), sentences)
    }

    #[test]
    fn a_saved_model_loads_and_tags_as_it_was_trained() {
        let (tagger, sentences) = trained();
        let bytes = tagger.to_bytes();
        let loaded = Tagger::from_bytes(&bytes).expect("a saved model loads");
        for words in &sentences {
            let doc = [words.clone()];
            assert_eq!(
                loaded.tag_document(&doc),
                tagger.tag_document(&doc),
                "{words:?}"
            );
        }
        let unseen = [vec!["Fay", "met", "Gil", "in", "Lima", "."]];
        let tags = loaded.tag_document(&unseen);
        assert_eq!(tags, tagger.tag_document(&unseen), "new names, as trained");
        assert_eq!(tags[0][2], Tag::B(Label::PER), "{tags:?}");
        assert_eq!(tags[0][4], Tag::B(Label::LOC), "{tags:?}");
        // The lexicons come back entry for entry.
        let sorted = |mut v: Vec<(u32, u8)>| {
            v.sort_unstable();
            v
        };
        let (a, b) = (tagger.lexicons(), loaded.lexicons());
        assert_eq!(
            sorted(a.casing.entries().collect()),
            sorted(b.casing.entries().collect())
        );
        assert_eq!(
            sorted(a.gazetteer.entries().collect()),
            sorted(b.gazetteer.entries().collect())
        );
        assert_eq!(b.gazetteer.lists(&["new", "york"]), 1 << 1);
        let mut clusters: Vec<(u32, u16)> = b.clusters.entries().collect();
        clusters.sort_unstable();
        let mut trained: Vec<(u32, u16)> = a.clusters.entries().collect();
        trained.sort_unstable();
        assert_eq!(clusters, trained);
        assert_eq!(clusters.len(), 3);
    }

    #[test]
    fn damaged_or_foreign_bytes_are_refused_with_a_reason() {
        let bytes = trained().0.to_bytes();
        assert_eq!(
            Tagger::from_bytes(b"PNG, not a model").unwrap_err(),
            ModelError::NotAModel
        );
        let mut other = bytes.clone();
        other[8..12].copy_from_slice(&99u32.to_le_bytes());
        assert_eq!(
            Tagger::from_bytes(&other).unwrap_err(),
            ModelError::Version(99)
        );
        for cut in [12, bytes.len() / 2, bytes.len() - 1] {
            assert_eq!(
                Tagger::from_bytes(&bytes[..cut]).unwrap_err(),
                ModelError::Corrupt,
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(
            Tagger::from_bytes(&longer).unwrap_err(),
            ModelError::Corrupt
        );
    }
}
