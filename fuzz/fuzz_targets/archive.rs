//! Fuzz target `archive`: see folio::fuzzing::archive.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzzing::archive(data));
