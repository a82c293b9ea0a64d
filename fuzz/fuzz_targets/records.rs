//! Fuzz target `records`: see folio::fuzzing::records.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzzing::records(data));
