//! `cargo bench --bench core`: throughput of decode + segment + dedup on dumps built from the
//! repository's sample dumps (`tests/data/dumps/`, WikiGold's articles), at 10 MB and 50 MB (cost should grow linearly), next to `awk '!seen[$0]++'` on
//! the same bytes — a line dedup that does strictly less work — and the peak memory of the whole
//! pipeline measured in a child process.
//!
//! Options (environment): `FOLIO_BENCH_MB=10,50` sizes to run; `FOLIO_BENCH_TURNS=1` prints
//! each turn's times; `FOLIO_BENCH_KEEP=1` keeps the generated dumps in the temp directory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use folio::{Builder, Options};

/// Articles and their pieces taken from the samples, to recombine into large dumps.
struct Pool {
    titles: Vec<String>,
    captions: Vec<String>,
    paragraphs: Vec<String>,
    sentences: Vec<String>,
}

/// The repository's sample dumps: every layout, and text anyone who clones the project has.
fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/dumps")
}

fn pool() -> Pool {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let dir = samples();
    for entry in std::fs::read_dir(&dir).expect("tests/data/dumps") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            files.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    let c = folio::process(
        files,
        &Options {
            entities: false,
            ..Options::default()
        },
    );
    let mut pool = Pool {
        titles: vec![],
        captions: vec![],
        paragraphs: vec![],
        sentences: vec![],
    };
    for a in c.articles {
        pool.titles.push(a.title.text.to_string());
        pool.captions
            .extend(a.captions.into_iter().map(|b| b.text.to_string()));
        pool.paragraphs
            .extend(a.paragraphs.into_iter().map(|b| b.text.to_string()));
    }
    for p in pool.paragraphs.iter().filter(|p| p.len() > 80) {
        pool.sentences
            .extend(p.split_inclusive(". ").map(|s| s.trim().to_owned()));
    }
    pool
}

/// A paragraph no other new article has, as in real dumps: prose recombined from two sentences
/// of the samples, table rows with fresh figures.
fn fresh_paragraph(pool: &Pool, rng: &mut Rng) -> String {
    let p = &pool.paragraphs[rng.below(pool.paragraphs.len())];
    if p.len() > 80 {
        let a = &pool.sentences[rng.below(pool.sentences.len())];
        let b = &pool.sentences[rng.below(pool.sentences.len())];
        format!("{a} {b}")
    } else {
        p.chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    char::from(b'0' + rng.below(10) as u8)
                } else {
                    c
                }
            })
            .collect()
    }
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A dump of about `bytes` bytes in the seed's layout and the tight and ruled ones: 60% new
/// articles, 25% exact copies of earlier ones, 15% edited copies (a paragraph added). Lines
/// repeat only where real dumps repeat them: headers, and copies of articles.
fn dump(pool: &Pool, bytes: usize) -> Vec<u8> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(bytes + 64 * 1024);
    let mut written: Vec<(usize, usize)> = Vec::new();
    let mut n = 0usize;
    while out.len() < bytes {
        let roll = rng.below(100);
        let start = out.len();
        if roll < 25 && !written.is_empty() {
            let (s, e) = written[rng.below(written.len())];
            let copy = out[s..e].to_owned();
            out.push_str(&copy);
        } else if roll < 40 && !written.is_empty() {
            let (s, e) = written[rng.below(written.len())];
            let copy = out[s..e].to_owned();
            out.push_str(&copy);
            out.push_str("The report was updated with new figures later in the day.\n\n");
        } else {
            n += 1;
            let title = format!("{} {n}", pool.titles[rng.below(pool.titles.len())]);
            let caption = &pool.captions[rng.below(pool.captions.len())];
            let layout = rng.below(3);
            let paragraphs: Vec<String> = (0..4 + rng.below(12))
                .map(|_| fresh_paragraph(pool, &mut rng))
                .collect();
            match layout {
                0 => {
                    for _ in 0..2 {
                        out.push_str(&format!("{title}\n\n{caption}\n{caption}\n\n"));
                    }
                }
                1 => {
                    for _ in 0..2 {
                        out.push_str(&format!("{title}\n{caption}\n{caption}\n"));
                    }
                    out.push('\n');
                }
                _ => out.push_str(&format!("==========\n\n{title}\n\n")),
            }
            out.push_str("LONDON 1996-08-24\n\n");
            for p in &paragraphs {
                out.push_str(p);
                out.push_str("\n\n");
            }
            written.push((start, out.len()));
        }
    }
    out.into_bytes()
}

/// Timed runs of each side at each size.
const RUNS: usize = 15;

/// The timed work: bytes in memory to a finished collection (freeing it is not timed).
fn build(bytes: Vec<u8>) -> folio::Collection {
    let mut builder = Builder::new(Options {
        entities: false,
        ..Options::default()
    });
    builder
        .add("bench.txt", bytes)
        .expect("the generated dump is text");
    builder.finish()
}

fn run_pipeline(bytes: Vec<u8>) -> (usize, usize) {
    let c = build(bytes);
    (
        c.stats.articles,
        c.stats.duplicate_articles + c.stats.near_duplicates,
    )
}

/// The awk to compare with, preferring mawk (the fastest).
fn find_awk() -> Option<&'static str> {
    ["mawk", "gawk", "awk"].into_iter().find(|a| {
        Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {a}"))
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// One run of `awk '!seen[$0]++' path > /dev/null`, in seconds (no shell in between).
fn awk_seconds(awk: &str, path: &Path) -> Option<f64> {
    let t = Instant::now();
    let status = Command::new(awk)
        .arg("!seen[$0]++")
        .arg(path)
        .stdout(std::process::Stdio::null())
        .status()
        .ok()?;
    status.success().then(|| t.elapsed().as_secs_f64())
}

/// Runs the pipeline on `path` in a child process (this same binary) and returns its peak RSS
/// in bytes, as the child reads it from `/proc/self/status` (`VmHWM`). `getrusage` would not
/// do: Linux carries the spawning process's high-water mark across `exec`, so it would count
/// this benchmark's own generated data.
fn child_peak_rss(path: &Path) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .env("FOLIO_BENCH_CHILD", path)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let kb: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().ok()?;
    Some(kb * 1024)
}

/// This process's peak resident set in KiB, from `/proc/self/status`.
fn own_peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Counts live heap bytes, so the child can say how much of its peak RSS is live data; only
/// when `COUNTING` is set (FOLIO_BENCH_VERBOSE), so that the timed runs allocate exactly as the
/// `folio` command does. `realloc` goes straight to the system's: the trait's default would
/// turn every growing `Vec` into allocate, copy and free.
struct Counting;

static COUNTING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static LIVE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static PEAK: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

fn count(grown: isize) {
    use std::sync::atomic::Ordering::Relaxed;
    if COUNTING.load(Relaxed) {
        let live = LIVE
            .fetch_add(grown as usize, Relaxed)
            .wrapping_add(grown as usize);
        PEAK.fetch_max(live, Relaxed);
    }
}

unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        count(layout.size() as isize);
        unsafe { std::alloc::System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        count(-(layout.size() as isize));
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new: usize) -> *mut u8 {
        count(new as isize - layout.size() as isize);
        unsafe { std::alloc::System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    if let Ok(path) = std::env::var("FOLIO_BENCH_CHILD") {
        // The child: read the file and run the whole pipeline, nothing else.
        if std::env::var_os("FOLIO_BENCH_VERBOSE").is_some() {
            COUNTING.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        let bytes = std::fs::read(path).unwrap();
        // FOLIO_BENCH_REPEAT=N runs the pipeline N more times first: for profiling the timed path.
        let repeat: usize = std::env::var("FOLIO_BENCH_REPEAT")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        for _ in 0..repeat {
            drop(build(bytes.clone()));
        }
        let c = build(bytes);
        println!("{}", own_peak_rss_kib().unwrap_or(0));
        if std::env::var_os("FOLIO_BENCH_VERBOSE").is_some() {
            let mb = |b: usize| b as f64 / 1e6;
            let text: usize = c
                .articles
                .iter()
                .map(|a| {
                    a.title.text.len() + a.paragraphs.iter().map(|p| p.text.len()).sum::<usize>()
                })
                .sum();
            let removed: usize = c.articles.iter().map(|a| a.removed.len()).sum();
            let paragraphs: usize = c.articles.iter().map(|a| a.paragraphs.len()).sum();
            eprintln!(
                "peak live heap {:.0} MB, live at end {:.0} MB; article text {:.0} MB in {} paragraphs; {} removed entries",
                mb(PEAK.load(std::sync::atomic::Ordering::Relaxed)),
                mb(LIVE.load(std::sync::atomic::Ordering::Relaxed)),
                mb(text), paragraphs, removed
            );
        }
        return;
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this once quickly.
    if std::env::args().all(|a| a != "--bench") {
        let pool = pool();
        let (articles, copies) = run_pipeline(dump(&pool, 200_000));
        assert!(articles > 10 && copies > 0);
        return;
    }
    let sizes: Vec<usize> = std::env::var("FOLIO_BENCH_MB")
        .unwrap_or_else(|_| "10,50".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let pool = pool();
    println!(
        "Folio core benchmark: decode + segment + dedup, one thread, {RUNS} turns each taking turns with awk (times: best)"
    );
    println!(
        "{:>7} {:>9} {:>9} {:>9} {:>12} {:>12} {:>16} {:>10}",
        "size", "articles", "copies", "folio", "folio MB/s", "awk MB/s", "vs awk*", "peak RSS"
    );
    let mut rates = Vec::new();
    for mb in sizes {
        let data = dump(&pool, mb << 20);
        let size = data.len();
        let path = std::env::temp_dir().join(format!("folio-bench-{mb}mb.txt"));
        std::fs::File::create(&path)
            .and_then(|mut f| f.write_all(&data))
            .unwrap();
        // Folio and awk take turns, best of RUNS each: a shared machine's speed drifts over
        // seconds, and timing one after the other would hand the drift to one side.
        let awk = find_awk();
        let (mut secs, mut awk_secs) = (f64::INFINITY, f64::INFINITY);
        let (mut articles, mut copies) = (0, 0);
        // Each turn's awk time over Folio's: the median of these pairs is the comparison
        // least moved by a slow moment on either side.
        let mut ratios = Vec::new();
        let (mut times, mut awk_times) = (Vec::new(), Vec::new());
        for _ in 0..RUNS {
            let input = data.clone();
            let t = Instant::now();
            let collection = build(input);
            let took = t.elapsed().as_secs_f64();
            secs = secs.min(took);
            times.push(took);
            (articles, copies) = (
                collection.stats.articles,
                collection.stats.duplicate_articles + collection.stats.near_duplicates,
            );
            drop(collection);
            if let Some(s) = awk.and_then(|awk| awk_seconds(awk, &path)) {
                awk_secs = awk_secs.min(s);
                awk_times.push(s);
                ratios.push(s / took);
                if std::env::var_os("FOLIO_BENCH_TURNS").is_some() {
                    eprintln!("turn: folio {:.1} ms, awk {:.1} ms", took * 1e3, s * 1e3);
                }
            }
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
        };
        let ratio = median(&mut ratios);
        let medians = median(&mut awk_times) / median(&mut times);
        let rate = size as f64 / secs / 1e6;
        rates.push((mb, rate));
        let (awk_rate, awk_name) = (size as f64 / awk_secs / 1e6, awk.unwrap_or("awk"));
        let rss = child_peak_rss(&path).map_or("?".into(), |b| {
            format!("{:.0} MB ({:.1}x)", b as f64 / 1e6, b as f64 / size as f64)
        });
        println!(
            "{:>5}MB {:>9} {:>9} {:>8.3}s {:>12.1} {:>7.1} ({}) {:>4.2} {:>4.2} {:>4.2}x {:>10}",
            mb,
            articles,
            copies,
            secs,
            rate,
            awk_rate,
            awk_name,
            awk_secs / secs,
            medians,
            ratio,
            rss
        );
        if std::env::var_os("FOLIO_BENCH_KEEP").is_none() {
            let _ = std::fs::remove_file(&path);
        }
    }
    if let [(a, ra), .., (b, rb)] = rates.as_slice() {
        println!(
            "linearity: {b} MB runs at {:.0}% of the {a} MB rate (100% = perfectly linear cost)",
            rb / ra * 100.0
        );
    }
    println!(
        "* vs awk: awk's time over Folio's — best over best, median over median, and the median \
         over the {RUNS} turns of each turn's pair (above 1: Folio is faster)"
    );
}
