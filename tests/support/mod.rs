//! What the integration tests share: where their data is, and the sample dump generator.
//!
//! Data that may be redistributed is in the repository: the seed sample (`assets/`), WikiGold
//! (`data/wikigold/`) and dumps made from it (`tests/data/dumps/`). CoNLL-2003 may not be; the
//! tests that need it are compiled only where `build.rs` found it (`cfg(folio_data)`, through
//! `FOLIO_DATA`) and are listed as ignored elsewhere.

#![allow(dead_code)]

pub mod dumps;
pub mod headlines;
pub mod truth;

use std::path::PathBuf;

/// Why a test is ignored in a clone without the CoNLL-2003 data.
pub const NEEDS_CONLL: &str =
    "needs CoNLL-2003 (eng.train, eng.testa): set FOLIO_DATA to a directory holding conll2003/";

/// A path inside the repository.
pub fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The seed sample: the real dump Folio was born from.
pub fn seed_path() -> PathBuf {
    repo("assets/seed-sample.txt")
}

/// The repository's sample dumps, made from WikiGold (`tests/data/dumps/`).
pub fn dumps_dir() -> PathBuf {
    repo("tests/data/dumps")
}

/// WikiGold's documents (CC BY 4.0, in the repository).
pub fn wikigold() -> Vec<folio::train::Document> {
    folio::train::read(&repo("data/wikigold/wikigold.conll")).expect("data/wikigold reads")
}

/// A file of the CoNLL-2003 data (`eng.train`, `eng.testa`), which `build.rs` found. Tests
/// that call it carry `#[cfg_attr(not(folio_data), ignore = "needs CoNLL-2003 …")]`.
pub fn conll(name: &str) -> Vec<folio::train::Document> {
    #[cfg(folio_data)]
    {
        let path = PathBuf::from(env!("FOLIO_DATA_DIR"))
            .join("conll2003")
            .join(name);
        folio::train::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
    #[cfg(not(folio_data))]
    panic!("{name}: {NEEDS_CONLL}")
}

/// Reads `names` from `dir` as `(name, bytes)`.
pub fn read(names: &[String], dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    names
        .iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(n))
                .unwrap_or_else(|e| panic!("{}: {e}", dir.join(n).display()));
            (n.clone(), bytes)
        })
        .collect()
}
