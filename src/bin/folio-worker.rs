//! The web worker binary: Folio's core, registered as a worker for the page to spawn
//! (built by Trunk with `data-type="worker"`; see src/bin/folio-web/worker.rs).

#[cfg(target_arch = "wasm32")]
#[path = "folio-web/worker.rs"]
mod worker;

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo::worker::Registrable;
    worker::CoreWorker::registrar().register();
}

/// Natively there is no worker; `cargo build` still checks this target compiles.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("folio-worker is the page's web worker: run `scripts/serve.sh`");
}
