//! Every input the fuzz targets ever crashed on (fuzz/regressions/TARGET/), and the seed
//! corpus (fuzz/seeds/), run through the same checks as the fuzzers: once a crash is fixed it
//! stays fixed, without a fuzzer.

use std::path::Path;

fn run(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    for dir in [root.join("regressions").join(target), root.join("seeds")] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&bytes));
            assert!(outcome.is_ok(), "{target} fails on {}", path.display());
        }
    }
}

#[test]
fn decode() {
    run("decode", folio::fuzzing::decode);
}

#[test]
fn segment() {
    run("segment", folio::fuzzing::segment);
}

#[test]
fn dedup() {
    run("dedup", folio::fuzzing::dedup);
}

#[test]
fn tagger() {
    run("tagger", folio::fuzzing::tagger);
}

#[test]
fn pipeline() {
    run("pipeline", folio::fuzzing::pipeline);
}

#[test]
fn model() {
    run("model", folio::fuzzing::model);
}

#[test]
fn archive() {
    run("archive", folio::fuzzing::archive);
}

#[test]
fn records() {
    run("records", folio::fuzzing::records);
}
