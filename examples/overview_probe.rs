//! How long the Overview's numbers take natively, in the page's worker path: a `Session` read
//! and tagged file by file as one worker reads them, then `Request::Overview` (the numbers
//! asked when the last file is read, and again for another name, ranking, order or term) and
//! `Request::Narrow` (a click on a bar: a span, a name, a pair). The page adds the message
//! and the drawing; `scripts/bench-browser.mjs` with `FOLIO_BENCH_OVERVIEW=1` measures those.
//!
//!     cargo run --release --example overview_probe -- FILES...
use std::time::Instant;

use folio::overview::{Narrow, Query, Rank, Sort};
use folio::{Request, Response, Session};

/// The best of `runs` timings of `f`, in milliseconds, and its last answer.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut last = None;
    for _ in 0..runs {
        let started = Instant::now();
        last = Some(f());
        best = best.min(started.elapsed().as_secs_f64() * 1e3);
    }
    (best, last.expect("at least one run"))
}

fn main() {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let mut session = Session::new();
    let model = std::fs::read("models/ner.bin").expect("run from the repository's root");
    session.handle(Request::Model(model));
    for name in &files {
        let bytes = std::fs::read(name).expect("a readable file");
        session.handle(Request::File {
            name: name.clone(),
            bytes,
        });
        while session.tag_pending().is_some() {}
    }
    session.handle(Request::Refresh);
    let query = Query {
        limit: Some(300),
        ..Query::default()
    };
    let (ms, answer) = best(5, || session.handle(Request::Overview(query.clone())));
    let Response::Overview(o) = answer else {
        panic!("an overview")
    };
    println!(
        "{} files, {} articles, {} names listed, {} dated bars, {} contexts of {:?}",
        files.len(),
        o.articles,
        o.names.len(),
        o.timeline.bins.len(),
        o.contexts.as_ref().map_or(0, |c| c.total),
        o.together.as_ref().map(|t| t.name.clone()),
    );
    println!("overview (default query): {ms:.1} ms");
    for (what, query) in [
        (
            "by lift, contexts by date",
            Query {
                rank: Rank::Lift,
                sort: Sort::Date,
                ..query.clone()
            },
        ),
        (
            "contexts of a term (\"said\")",
            Query {
                term: Some("said".into()),
                sort: Sort::After,
                ..query.clone()
            },
        ),
    ] {
        let (ms, _) = best(5, || session.handle(Request::Overview(query.clone())));
        println!("overview ({what}): {ms:.1} ms");
    }
    let name = o.names.first().map(|n| n.key.clone()).unwrap_or_default();
    let other = o
        .together
        .as_ref()
        .and_then(|t| t.pairs.first())
        .map(|p| p.key.clone())
        .unwrap_or_default();
    let chosen = o
        .together
        .as_ref()
        .map(|t| t.key.clone())
        .unwrap_or_default();
    let busiest = o.timeline.bins.iter().max_by_key(|b| b.count);
    let mut narrows = vec![
        ("a name", Narrow::Name { key: name }),
        (
            "a pair",
            Narrow::Pair {
                a: chosen,
                b: other,
            },
        ),
    ];
    if let Some(b) = busiest {
        narrows.push((
            "a span",
            Narrow::Span {
                start: b.start.clone(),
                end: b.end.clone(),
            },
        ));
    }
    for (what, narrow) in narrows {
        let (ms, answer) = best(5, || session.handle(Request::Narrow(narrow.clone())));
        let n = match answer {
            Response::Narrowed { articles, .. } => articles.len(),
            _ => 0,
        };
        println!("narrow to {what} ({n} articles): {ms:.1} ms");
    }
}
