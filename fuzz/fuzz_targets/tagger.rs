//! Fuzz target `tagger`: see folio::fuzzing::tagger.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzzing::tagger(data));
