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

/// A seeded xorshift: each call a number below the one given.
fn below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut rng = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    }
}

/// A generated collection of `articles` articles in `files` files: new articles recombined
/// from the samples' paragraphs, exact copies, copies with a paragraph added or dropped, and
/// copies of copies, each placed in a random file.
fn generated(seed: u64, articles: usize, files: usize) -> Vec<(String, Vec<u8>)> {
    let mut below = below(seed);
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

/// The totals a front end reads after every file (kept as files come, not summed again) are
/// at every step what counting the collection so far gives: articles merged, variants added,
/// files that fail among them.
#[test]
fn the_running_totals_equal_a_count_after_every_file() {
    let mut builder = folio::Builder::new(untagged());
    let mut files = generated(7, 600, 30);
    files.insert(3, ("broken.png".into(), b"\x89PNG\r\n\x1a\n\0\0".to_vec()));
    files.insert(9, ("empty.txt".into(), Vec::new()));
    for (name, bytes) in files {
        let _ = builder.add(&name, bytes);
        let (articles, rows) = (builder.articles(), builder.files());
        let stats = builder.stats();
        assert_eq!(stats.articles, articles.len(), "after {name}");
        assert_eq!(
            (stats.files, stats.files_failed, stats.bytes, stats.lines),
            (
                rows.len(),
                rows.iter().filter(|f| f.error.is_some()).count(),
                rows.iter().map(|f| f.bytes).sum(),
                rows.iter().map(|f| f.lines).sum(),
            ),
            "after {name}"
        );
        assert_eq!(
            (stats.paragraphs, stats.removed_lines),
            (
                articles.iter().map(|a| a.paragraphs.len()).sum(),
                articles.iter().map(|a| a.removed.len()).sum(),
            ),
            "after {name}"
        );
    }
    let stats = builder.stats();
    assert!(stats.duplicate_articles > 0 && stats.near_duplicates > 0 && stats.files_failed == 2);
}

/// The guard on a merge task's size: every component above it is split by exact copies (a
/// text travels once) or, where a copy's first article became a variant, merged whole — and
/// either way reported — and the collection is the same as one machine's.
#[test]
fn oversized_components_split_by_exact_copies_merge_alike_and_are_reported() {
    for seed in 1..=2 {
        let mut files = generated(seed, 1_500, 24);
        // One page copied into every file many times over: a component of 480 copies.
        let boiler = "Subscribe to our newsletter\n\nSubscribe to our newsletter\n\n\
                      Get the day's top stories delivered to your inbox every morning, \
                      with analysis from our correspondents around the world.\n\n";
        for (_, bytes) in files.iter_mut() {
            for _ in 0..20 {
                bytes.extend_from_slice(boiler.as_bytes());
            }
        }
        let want = process(files.clone(), &untagged());
        for max in [1, 4, 100] {
            let (got, report) = cluster::run_guarded(files.clone(), &untagged(), max);
            assert_eq!(
                serde_json::to_string(&got).unwrap(),
                serde_json::to_string(&want).unwrap(),
                "seed {seed}, guard {max}"
            );
            // The boilerplate's component is reported, and its task loaded its text once.
            assert!(
                report
                    .iter()
                    .any(|o| o.articles >= 480 && o.loaded == 1 && !o.whole),
                "seed {seed}, guard {max}: {report:?}"
            );
            assert!(report
                .iter()
                .all(|o| o.articles > max && o.loaded <= o.articles));
            if max == 1 {
                // Both outcomes occur: split components, and copies of variants merged whole.
                assert!(report.iter().any(|o| o.whole), "seed {seed}: none whole");
                assert!(
                    report
                        .iter()
                        .any(|o| !o.whole && o.loaded < o.articles && o.articles < 480),
                    "seed {seed}: none split but the boilerplate"
                );
            }
        }
        // Within the guard nothing is reported.
        assert!(cluster::run_guarded(files, &untagged(), usize::MAX)
            .1
            .is_empty());
    }
}

/// A pool of threads that each take a batch of `self.0` items: what a front end with several
/// workers does, with the results put back in the items' order.
struct Batches(usize);

impl cluster::Pool for Batches {
    fn map<T, U, F>(&self, items: Vec<T>, f: F) -> Vec<U>
    where
        T: Send,
        U: Send,
        F: Fn(T) -> U + Sync + Send,
    {
        let mut batches: Vec<Vec<T>> = Vec::new();
        for item in items {
            match batches.last_mut() {
                Some(b) if b.len() < self.0 => b.push(item),
                _ => batches.push(vec![item]),
            }
        }
        let f = &f;
        std::thread::scope(|s| {
            let running: Vec<_> = batches
                .into_iter()
                .map(|b| s.spawn(move || b.into_iter().map(f).collect::<Vec<U>>()))
                .collect();
            running
                .into_iter()
                .flat_map(|h| h.join().expect("a batch finishes"))
                .collect()
        })
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]
    /// The stages run on threads, in batches of any size, over files in any order — signed,
    /// merged and (for one case in three) tagged on the pool — give the builder's collection
    /// of the files in that order, byte for byte.
    #[test]
    fn the_stages_on_threads_equal_the_builder(
        seed in 1u64..1_000,
        order in proptest::collection::vec(proptest::prelude::any::<u32>(), 12),
        batch in 1usize..40,
        max in proptest::sample::select(vec![1usize, 8, usize::MAX]),
        tag in proptest::sample::select(vec![false, false, true]),
    ) {
        let mut files = generated(seed, 300, 12);
        let mut keyed: Vec<(u32, (String, Vec<u8>))> = order.into_iter().zip(files.drain(..)).collect();
        keyed.sort_by_key(|(k, (name, _))| (*k, name.clone()));
        let files: Vec<(String, Vec<u8>)> = keyed.into_iter().map(|(_, f)| f).collect();
        let options = Options { entities: tag, ..Options::default() };
        let want = process(files.clone(), &options);
        let pool = Batches(batch);
        let signed = cluster::Pool::map(&pool, files, |(name, bytes)| cluster::sign(&name, bytes));
        let (got, _) = cluster::build(signed, &options, max, &pool);
        proptest::prop_assert_eq!(
            serde_json::to_string(&got).unwrap(),
            serde_json::to_string(&want).unwrap()
        );
    }
}

/// Files of articles with dates, a third written without their year (`Dec 7 (Reuters)`: the
/// year comes from the nearest dated article of the file), the rest with one, some undated.
fn dated_files(seed: u64, files: usize) -> Vec<(String, Vec<u8>)> {
    let mut below = below(seed);
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
    ];
    let mut out = vec![String::new(); files];
    for n in 0..40 * files {
        let (month, day, year) = (below(12), 1 + below(28), 2010 + below(15));
        let dateline = match below(3) {
            0 => format!("LONDON, {} {day} (Reuters) - ", MONTHS[month]),
            1 => format!("LONDON, {} {day}, {year} (Reuters) - ", MONTHS[month]),
            _ => String::new(),
        };
        let title = format!("Report number {n} on the markets");
        out[below(files)].push_str(&format!(
            "{title}\n\n{title}\n\n{dateline}Shares rose in early trade on report {n}, dealers said, after a quiet week.\n\n"
        ));
    }
    out.into_iter()
        .enumerate()
        .map(|(i, text)| (format!("dated-{i:02}.txt"), text.into_bytes()))
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(16))]
    /// A cluster dates each file's articles in a task of their own, files grouped and ordered
    /// any way, from the articles or their stubs (`cluster::date`, `cluster::date_stub`: the
    /// Spark job's date stage): every date is the one the whole collection gives it.
    #[test]
    fn dating_files_apart_gives_the_collections_dates(
        seed in 1u64..1_000,
        tasks in 1usize..5,
        order in proptest::collection::vec(proptest::prelude::any::<u32>(), 6),
    ) {
        let files = dated_files(seed, 6);
        let want = process(files, &untagged()).articles;
        proptest::prop_assert!(want.iter().filter(|a| a.date.is_some()).count() > want.len() / 2);
        // Each file's articles with their places; the files dealt to tasks in a shuffled order.
        let mut by_file: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
        for (place, a) in want.iter().enumerate() {
            by_file.entry(a.sources[0].clone()).or_default().push(place);
        }
        let mut files: Vec<(u32, Vec<usize>)> = order.into_iter().zip(by_file.into_values()).collect();
        files.sort_by_key(|(k, places)| (*k, places[0]));
        for task in 0..tasks {
            let mut places: Vec<usize> = files
                .iter()
                .skip(task)
                .step_by(tasks)
                .flat_map(|(_, p)| p.iter().copied())
                .collect();
            places.sort_unstable();
            // Whole articles, or (every other task) only what a date is read from.
            let mut articles: Vec<Article> = places
                .iter()
                .map(|&p| if task % 2 == 0 { Article { date: None, ..want[p].clone() } } else { cluster::date_stub(&want[p]) })
                .collect();
            cluster::date(&places, &mut articles);
            for (&p, a) in places.iter().zip(&articles) {
                proptest::prop_assert_eq!(&a.date, &want[p].date, "article {}", p);
            }
        }
    }
}
