//! The web worker binary: Folio's core, registered as a worker for the page to spawn
//! (built by Trunk with `data-type="worker"`; see src/bin/folio-web/worker.rs).

#[cfg(target_arch = "wasm32")]
#[path = "folio-web/worker.rs"]
mod worker;

#[cfg(target_arch = "wasm32")]
fn main() {
    use gloo::worker::Registrable;
    // A panic kills this worker's WebAssembly: say so, and on what file, on the broadcast
    // channel the page listens to, so it can start a new worker.
    // Only the first panic is news: the dead instance may panic again on whatever message still
    // reaches it (the page's goodbye to it, say), and the page must not restart again for that.
    static REPORTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    std::panic::set_hook(Box::new(|info| {
        if REPORTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let file = worker::READING.with(|r| r.borrow().clone());
        let report = format!("{file}\n{info}");
        if let Ok(channel) = web_sys::BroadcastChannel::new(worker::PANIC_CHANNEL) {
            let _ = channel.post_message(&report.into());
        }
    }));
    worker::CoreWorker::registrar().register();
}

/// Natively there is no worker; `cargo build` still checks this target compiles.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("folio-worker is the page's web worker: run `scripts/serve.sh`");
}
