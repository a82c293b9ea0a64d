//! The worker bridge's two codecs timed where they run, in the browser: each message encoded,
//! copied as `postMessage` copies it (structured clone), and decoded. A benchmark, not a test:
//! ignored unless asked for, it prints its figures and asserts only that both codecs give the
//! message back unchanged.
//!
//!     scripts/bench-codec.sh      (cargo test --target wasm32-unknown-unknown -p folio-worker
//!                                  --test codec -- --include-ignored --nocapture)

use folio::{Request, Response, Session, Update};
use folio_worker::{Bincode, Structured};
use gloo::worker::Codec;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The repository's sample dumps and the seed, as a page would be given them.
const FILES: [(&str, &[u8]); 7] = [
    (
        "seed-sample.txt",
        include_bytes!("../../../assets/seed-sample.txt"),
    ),
    (
        "01-seed.txt",
        include_bytes!("../../../tests/data/dumps/01-seed.txt"),
    ),
    (
        "02-crlf.txt",
        include_bytes!("../../../tests/data/dumps/02-crlf.txt"),
    ),
    (
        "03-ruled.txt",
        include_bytes!("../../../tests/data/dumps/03-ruled.txt"),
    ),
    (
        "04-tight.txt",
        include_bytes!("../../../tests/data/dumps/04-tight.txt"),
    ),
    (
        "05-latin1.txt",
        include_bytes!("../../../tests/data/dumps/05-latin1.txt"),
    ),
    (
        "06-crossdup.txt",
        include_bytes!("../../../tests/data/dumps/06-crossdup.txt"),
    ),
];

fn now() -> f64 {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).unwrap();
    performance.unchecked_into::<web_sys::Performance>().now()
}

fn structured_clone(value: &JsValue) -> JsValue {
    let clone: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &"structuredClone".into())
            .unwrap()
            .unchecked_into();
    clone.call1(&JsValue::NULL, value).unwrap()
}

/// The median turn's milliseconds: encode, copy, decode.
fn time<C: Codec, T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug>(
    message: &T,
    turns: usize,
) -> [f64; 3] {
    let mut all: Vec<[f64; 3]> = (0..turns)
        .map(|_| {
            let t0 = now();
            let encoded = C::encode(message);
            let t1 = now();
            let copied = structured_clone(&encoded);
            let t2 = now();
            let back: T = C::decode(copied);
            let t3 = now();
            assert_eq!(&back, message, "the codec gives the message back");
            [t1 - t0, t2 - t1, t3 - t2]
        })
        .collect();
    all.sort_by(|a, b| a.iter().sum::<f64>().total_cmp(&b.iter().sum::<f64>()));
    all[turns / 2]
}

fn report<T: Serialize + for<'de> Deserialize<'de> + PartialEq + std::fmt::Debug>(
    what: &str,
    message: &T,
) {
    for (name, [e, c, d]) in [
        ("bincode", time::<Bincode, T>(message, 21)),
        ("serde-wasm-bindgen", time::<Structured, T>(message, 21)),
    ] {
        console_log!(
            "{what:<44} {name:<19} encode {e:7.2} ms  copy {c:7.2} ms  decode {d:7.2} ms  total {:7.2} ms",
            e + c + d
        );
    }
}

#[wasm_bindgen_test]
#[ignore = "a benchmark: scripts/bench-codec.sh"]
fn the_bridge_codecs_on_the_messages_the_page_sends_and_gets() {
    let mut session = Session::new();
    let mut updates = Vec::new();
    for (name, bytes) in FILES {
        if let Response::File { update, .. } = session.handle(Request::File {
            name: name.into(),
            bytes: bytes.to_vec(),
        }) {
            updates.push(update);
        }
    }
    let model = include_bytes!("../../../models/ner.bin").to_vec();
    let Response::ModelReady(all) = session.handle(Request::Model(model.clone())) else {
        panic!("the model loads");
    };
    let articles = all.articles.len();
    report(
        &format!("the model's update: {articles} articles, tagged"),
        &all,
    );
    let first: &Update = updates.iter().max_by_key(|u| u.articles.len()).unwrap();
    report(
        &format!("a file's update: {} articles", first.articles.len()),
        first,
    );
    let file = Request::File {
        name: "big.txt".into(),
        bytes: FILES[1].1.repeat(16),
    };
    report("a file of 800 KB, to the worker", &file);
    report("the model, to the worker", &Request::Model(model));
}
