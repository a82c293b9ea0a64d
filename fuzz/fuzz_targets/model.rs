//! Fuzz target `model`: see folio::fuzzing::model.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzzing::model(data));
