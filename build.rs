//! Finds the CoNLL-2003 data the development tests need, which may not be redistributed and so
//! is never in the repository.
//!
//! `FOLIO_DATA` names a directory holding `conll2003/eng.train` and `conll2003/eng.testa`
//! (default: `../shared/data` beside the repository, when it exists). If the data is there, the
//! tests that need it are compiled with `cfg(folio_data)` and find it through the
//! `FOLIO_DATA_DIR` environment variable at compile time; if not, they are ignored with a reason
//! (`cargo test` lists them as ignored, saying how to enable them) and everything else runs.
//!
//! `FOLIO_REQUIRE_DATA=1` (set by `.ci/run`) turns a missing data directory into a build
//! failure: CI never skips those tests silently.

use std::path::{Path, PathBuf};

fn main() {
    println!("cargo::rustc-check-cfg=cfg(folio_data)");
    println!("cargo::rerun-if-env-changed=FOLIO_DATA");
    println!("cargo::rerun-if-env-changed=FOLIO_REQUIRE_DATA");
    println!("cargo::rerun-if-changed=build.rs");
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by Cargo"));
    let (dir, named) = match std::env::var_os("FOLIO_DATA").filter(|d| !d.is_empty()) {
        Some(dir) => (root.join(dir), true),
        None => (root.join("../shared/data"), false),
    };
    let required =
        std::env::var_os("FOLIO_REQUIRE_DATA").is_some_and(|v| !v.is_empty() && v != "0");
    if has_conll(&dir) {
        println!("cargo::rustc-cfg=folio_data");
        println!("cargo::rustc-env=FOLIO_DATA_DIR={}", dir.display());
        // A change to the data (a new eng.testa) must rebuild the tests that read it.
        println!(
            "cargo::rerun-if-changed={}",
            dir.join("conll2003").display()
        );
    } else if required {
        panic!(
            "FOLIO_REQUIRE_DATA is set, but {} holds no conll2003/eng.train and eng.testa{}",
            dir.display(),
            if named {
                " (from FOLIO_DATA)"
            } else {
                " (FOLIO_DATA is unset; that is its default)"
            }
        );
    } else if named {
        // Named but absent: say so once, at build time, rather than skip quietly.
        println!(
            "cargo::warning=FOLIO_DATA={} holds no conll2003/eng.train and eng.testa: the tests that need them are ignored",
            dir.display()
        );
    }
}

fn has_conll(dir: &Path) -> bool {
    ["eng.train", "eng.testa"]
        .iter()
        .all(|f| dir.join("conll2003").join(f).is_file())
}
