#!/usr/bin/env bash
# Times the worker bridge's two codecs (bincode, gloo's default; serde-wasm-bindgen) in headless
# Chromium on the messages the page sends and gets: encode, structured clone (what postMessage
# copies), decode. See crates/worker/tests/codec.rs; the README has the figures.
source "$(dirname "$0")/lib/preamble.sh"
"$root/scripts/setup.sh"
export CHROMEDRIVER=/usr/bin/chromedriver
cargo test --release --target wasm32-unknown-unknown -p folio-worker --test codec -- --include-ignored --nocapture
