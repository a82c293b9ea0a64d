//! What the page offers scripts on `window`: the benchmark's hook (`folioAnnotate`, tagging in
//! the worker) and the tests' (`folioPanicForTest`, `folioRenders`, `folioPool`). They read nothing the page has not
//! shown and change nothing on it, but for the panic, which is what its test is for. They are
//! built only with the `hooks` feature (test and benchmark builds); the page people get has
//! none of them (`tests/e2e/ship.test.mjs` greps the Pages build).

#[cfg(feature = "hooks")]
use folio::Request;
#[cfg(feature = "hooks")]
use wasm_bindgen::closure::Closure;
#[cfg(feature = "hooks")]
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::context::Shared;

#[cfg(feature = "hooks")]
thread_local! {
    /// Blocks of text the reader has rendered, for the test that typing in the search box
    /// does not render the open article again.
    static BLOCK_RENDERS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts one rendered block (the reader calls it for each).
pub fn count_block_render() {
    #[cfg(feature = "hooks")]
    BLOCK_RENDERS.with(|n| n.set(n.get() + 1));
}

#[cfg(feature = "hooks")]
fn set(name: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &name.into(), value);
}

/// Without the `hooks` feature: nothing on `window`.
#[cfg(not(feature = "hooks"))]
#[hook]
pub fn use_scripting(_shared: Shared) {}

/// Puts the hooks on `window` once.
#[cfg(feature = "hooks")]
#[hook]
pub fn use_scripting(shared: Shared) {
    use_effect_with((), move |_| {
        let core = shared.core.clone();
        let bench = shared.bench.clone();
        let annotate = Closure::<dyn Fn(js_sys::Array) -> js_sys::Promise>::new(
            move |texts: js_sys::Array| {
                let texts: Vec<String> = texts.iter().filter_map(|t| t.as_string()).collect();
                let core = core.clone();
                let bench = bench.clone();
                js_sys::Promise::new(&mut move |resolve, _reject| {
                    bench.expect(resolve);
                    core.send(Request::Annotate(texts.clone()));
                })
            },
        );
        set("folioAnnotate", annotate.as_ref());
        annotate.forget();
        let core = shared.core.clone();
        // `folioPanicForTest()` kills the core's worker, `folioPanicForTest('tagger')` a tagger.
        let panic = Closure::<dyn Fn(JsValue)>::new(move |which: JsValue| {
            if which.as_string().as_deref() == Some("tagger") {
                core.panic_tagger();
            } else {
                core.send(Request::Panic);
            }
        });
        set("folioPanicForTest", panic.as_ref());
        panic.forget();
        let renders = Closure::<dyn Fn() -> f64>::new(|| BLOCK_RENDERS.with(|n| n.get() as f64));
        set("folioRenders", renders.as_ref());
        renders.forget();
        // The pool: its tagging workers, the articles they tagged, and those still waiting.
        let core = shared.core.clone();
        let pool = Closure::<dyn Fn() -> js_sys::Array>::new(move || {
            let (taggers, pooled, waiting) = core.pool_progress();
            js_sys::Array::of3(
                &(taggers as f64).into(),
                &(pooled as f64).into(),
                &(waiting as f64).into(),
            )
        });
        set("folioPool", pool.as_ref());
        pool.forget();
    });
}
