//! Fuzz target `segment`: see folio::fuzzing::segment.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| folio::fuzzing::segment(data));
