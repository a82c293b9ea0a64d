//! Fuzz target `dedup`: see folio::fuzzing::dedup.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzzing::dedup(data));
