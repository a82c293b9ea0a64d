//! Fuzz target `pipeline`: see folio::fuzzing::pipeline.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzzing::pipeline(data));
