//! Fuzz target `decode`: see folio::fuzzing::decode.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzzing::decode(data));
