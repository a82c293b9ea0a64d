//! How a message crosses between the page and its worker. gloo's default, [`Bincode`], writes
//! each message to bytes in WebAssembly, copies them into a `Uint8Array`, and reads them back
//! on the other side; [`Structured`] (serde-wasm-bindgen) builds the message as JavaScript
//! values, which the browser's structured clone copies, and reads those back. Both are kept so
//! that `tests/codec.rs` (run by `scripts/bench-codec.sh`) can time them in Chromium on the
//! messages the page sends and gets; the bridge uses [`WorkerCodec`], the faster (figures in
//! the README).

pub use gloo::worker::Bincode;
use gloo::worker::Codec;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

/// Messages as JavaScript values, by serde-wasm-bindgen (bytes as `Uint8Array`s).
#[derive(Debug)]
pub struct Structured;

impl Codec for Structured {
    fn encode<I: Serialize>(input: I) -> JsValue {
        input
            .serialize(&serde_wasm_bindgen::Serializer::new())
            .expect("a worker message serialises")
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        serde_wasm_bindgen::from_value(input).expect("a worker message deserialises")
    }
}

/// The codec both ends of the bridge use.
pub type WorkerCodec = Bincode;
