//! The web worker binary: Folio's core, registered as a worker for the page to spawn (built by
//! Trunk with `data-type="worker"`, into the page's `worker/` folder; see index.html).

use gloo::worker::Registrable;

fn main() {
    // A panic kills this worker's WebAssembly: say so, and on what file, on the broadcast
    // channel the page listens to, so it can start a new worker.
    // Only the first panic is news: the dead instance may panic again on whatever message still
    // reaches it (the page's goodbye to it, say), and the page must not restart again for that.
    static REPORTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    std::panic::set_hook(Box::new(|info| {
        if REPORTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let file = folio_worker::READING.with(|r| r.borrow().clone());
        let report = format!("{file}\n{info}");
        if let Ok(channel) = web_sys::BroadcastChannel::new(folio_worker::PANIC_CHANNEL) {
            let _ = channel.post_message(&report.into());
        }
    }));
    folio_worker::CoreWorker::registrar()
        .encoding::<folio_worker::WorkerCodec>()
        .register();
}
