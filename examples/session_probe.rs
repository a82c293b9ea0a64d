//! How long the page's worker path takes natively: a `Session` fed as a single worker feeds
//! it (the model, then each file followed by `tag_pending`, then `Refresh`). Set beside
//! `folio --jobs 1` on the same files, the difference is what the session adds per file
//! (it found the totals summed over the whole collection after every file).
//!
//!     cargo run --release --example session_probe -- FILES...
use folio::{Request, Session};

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let mut session = Session::new();
    let model = std::fs::read("models/ner.bin").expect("run from the repository's root");
    session.handle(Request::Model(model));
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for name in &files {
        let read = std::fs::read(name).expect("a readable file");
        bytes += read.len();
        session.handle(Request::File {
            name: name.clone(),
            bytes: read,
        });
        while session.tag_pending().is_some() {}
    }
    session.handle(Request::Refresh);
    println!(
        "{} files, {:.1} MB: {:.2} s",
        files.len(),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
}
