//! Times tagging with a model file: every line of the given text files, three passes, best.
//!
//!     cargo run --release --example speed_probe -- MODEL FILE...
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, model, files @ ..] = &args[..] else {
        eprintln!("usage: speed_probe MODEL FILE...");
        std::process::exit(2);
    };
    let r = folio::Recognizer::from_bytes(&std::fs::read(model).unwrap()).unwrap();
    let mut lines = Vec::new();
    for f in files {
        for l in std::fs::read_to_string(f).unwrap().lines() {
            if l.split_whitespace().count() >= 3 {
                lines.push(l.to_owned());
            }
        }
    }
    let mut all = Vec::new();
    while all.len() < 7000 {
        all.extend(lines.iter().cloned());
    }
    let words: usize = all.iter().map(|l| l.split_whitespace().count()).sum();
    let mut best = f64::MAX;
    let mut n = 0;
    for _ in 0..5 {
        let t = std::time::Instant::now();
        for l in &all {
            n += r.annotate(l).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "{words} words, best {best:.3} s, {:.0} words/s ({n})",
        words as f64 / best
    );
}
