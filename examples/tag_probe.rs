use std::time::Instant;
fn main() {
    let text = std::fs::read_to_string("/tmp/merged.jsonl").unwrap();
    let t = Instant::now();
    let mut arts: Vec<folio::Article> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let parse = t.elapsed();
    let r = folio::Recognizer::embedded();
    let t = Instant::now();
    for a in &mut arts { a.annotate(r); }
    let tag = t.elapsed();
    let t = Instant::now();
    let n: usize = arts.iter().map(|a| serde_json::to_string(a).unwrap().len()).sum();
    let ser = t.elapsed();
    println!("parse {parse:?} annotate {tag:?} serialize {ser:?} ({n} bytes)");
}
