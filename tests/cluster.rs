//! The pass cut as a cluster cuts it (`folio::cluster`: sign each file, link articles that
//! share a key into components, merge each component alone, put the articles back in reading
//! order) gives exactly the articles one machine gives: sources, variants, removed lines and
//! all, and tagged alike. Checked on the repository's samples and on generated collections whose copies, exact
//! and edited, are spread over many files.

mod support;

use folio::{cluster, process, Article, Options};

fn untagged() -> Options {
    Options {
        entities: false,
        ..Options::default()
    }
}

fn one_machine(files: &[(String, Vec<u8>)]) -> Vec<Article> {
    process(files.to_vec(), &untagged()).articles
}

/// The collections both ways, as JSON, equal: articles, files and their counts, totals, and
/// (tagged) entities.
fn assert_same(files: Vec<(String, Vec<u8>)>, options: &Options, what: &str) {
    let want = process(files.clone(), options);
    // Not a vacuous check: copies from other files and edited copies are there to merge.
    assert!(
        want.articles.iter().any(|a| a.sources.len() > 1),
        "{what}: no copies"
    );
    assert!(
        want.articles.iter().any(|a| !a.variants.is_empty()),
        "{what}: no variants"
    );
    let got = cluster::run(files, options);
    assert_eq!(
        got.articles.len(),
        want.articles.len(),
        "{what}: article count"
    );
    for (i, (g, w)) in got.articles.iter().zip(&want.articles).enumerate() {
        assert_eq!(
            serde_json::to_string(g).unwrap(),
            serde_json::to_string(w).unwrap(),
            "{what}: article {i} ({})",
            w.title.text.as_str()
        );
    }
    assert_eq!(
        serde_json::to_string(&got).unwrap(),
        serde_json::to_string(&want).unwrap(),
        "{what}: the collection"
    );
}

#[test]
fn the_samples_merge_alike_cut_into_components() {
    let mut files = Vec::new();
    for dir in ["tests/data/dumps", "tests/data/formats"] {
        let dir = support::repo(dir);
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".json") && !n.starts_with("bomb"))
            .collect();
        names.sort();
        files.extend(support::read(&names, &dir));
    }
    files.push((
        "seed-sample.txt".into(),
        std::fs::read(support::seed_path()).unwrap(),
    ));
    // Read twice over, so that every article has an exact copy in another file.
    let again: Vec<_> = files
        .iter()
        .map(|(n, b)| (format!("again/{n}"), b.clone()))
        .collect();
    files.extend(again);
    assert_same(files, &Options::default(), "samples, tagged");
}

/// A generated collection of `articles` articles in `files` files: new articles recombined
/// from the samples' paragraphs, exact copies, copies with a paragraph added or dropped, and
/// copies of copies, each placed in a random file.
fn generated(seed: u64, articles: usize, files: usize) -> Vec<(String, Vec<u8>)> {
    let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut below = |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    let pool = one_machine(&support::read(
        &["01-seed.txt".into(), "03-ruled.txt".into()],
        &support::dumps_dir(),
    ));
    let paragraphs: Vec<String> = pool
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(|p| p.text.to_string()))
        .filter(|p| p.split_whitespace().count() >= 6)
        .collect();
    let mut written: Vec<(String, Vec<String>)> = Vec::new();
    let mut out = vec![String::new(); files];
    for n in 0..articles {
        let roll = below(100);
        let article = if roll < 25 && !written.is_empty() {
            written[below(written.len())].clone()
        } else if roll < 45 && !written.is_empty() {
            let (title, mut body) = written[below(written.len())].clone();
            if below(2) == 0 && body.len() > 2 {
                body.remove(below(body.len()));
            } else {
                body.push(paragraphs[below(paragraphs.len())].clone());
            }
            (title, body)
        } else {
            let title = format!("Story number {n} of the day");
            let body = (0..2 + below(6))
                .map(|_| paragraphs[below(paragraphs.len())].clone())
                .collect();
            (title, body)
        };
        let file = &mut out[below(files)];
        file.push_str(&format!("{}\n\n{}\n\n", article.0, article.0));
        for p in &article.1 {
            file.push_str(p);
            file.push_str("\n\n");
        }
        written.push(article);
    }
    out.into_iter()
        .enumerate()
        .map(|(i, text)| (format!("part-{i:03}.txt"), text.into_bytes()))
        .collect()
}

#[test]
fn generated_collections_with_copies_over_many_files_merge_alike() {
    for seed in 1..=4 {
        assert_same(
            generated(seed, 1_500, 24),
            &untagged(),
            &format!("seed {seed}"),
        );
    }
}
