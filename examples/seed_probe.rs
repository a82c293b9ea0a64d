//! Prints the names a model finds in dump files, one `label<TAB>text` a line, in reading order:
//! for comparing models on the seed sample before one is committed (its test embeds the
//! committed model).
//!
//!     cargo run --release --example seed_probe -- MODEL FILE...

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, model, files @ ..] = &args[..] else {
        eprintln!("usage: seed_probe MODEL FILE...");
        std::process::exit(2);
    };
    let recognizer = folio::Recognizer::from_bytes(&std::fs::read(model).expect("the model reads"))
        .expect("a model");
    let files = files
        .iter()
        .map(|f| (f.clone(), std::fs::read(f).expect("the file reads")));
    let options = folio::Options {
        entities: false,
        ..folio::Options::default()
    };
    let mut c = folio::process(files, &options);
    c.annotate(&recognizer);
    for a in &c.articles {
        for b in a.blocks() {
            for e in &b.entities {
                if matches!(e.label.as_str(), "PER" | "ORG" | "LOC" | "MISC") {
                    println!("{}\t{}", e.label.as_str(), e.text);
                }
            }
        }
    }
}
