//! Scores a model on the development split and on WikiGold twice: each document tagged on its
//! own (as Folio does), and every document tagged together as one collection (the document
//! context — casing evidence, the words around other mentions, the second stage's labels of
//! the other mentions — then spans the whole collection). Measured and not kept (models/README.md).
//!
//!     cargo run --release --example collection_probe -- MODEL EN_TESTA WIKIGOLD

fn main() {
    use folio::train;
    let args: Vec<String> = std::env::args().collect();
    let [_, model, dev, wikigold] = &args[..] else {
        eprintln!("usage: collection_probe MODEL EN_TESTA WIKIGOLD_CONLL");
        std::process::exit(2);
    };
    let tagger = folio::Tagger::from_bytes(&std::fs::read(model).expect("the model reads"))
        .expect("a model");
    for (name, path) in [("dev", dev), ("WikiGold", wikigold)] {
        let docs = train::read(std::path::Path::new(path)).expect("a CoNLL file");
        let per_doc = train::evaluate(&tagger, &docs).shown.f1();
        let mut together = docs[0].clone();
        for d in &docs[1..] {
            together.sentences.extend(d.sentences.iter().cloned());
        }
        let collection = train::evaluate(&tagger, &[together]).shown.f1();
        println!("{name}: each document alone {per_doc:.4}, as one collection {collection:.4}");
    }
}
