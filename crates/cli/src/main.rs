//! `folio`: Folio's batch front end. Reads dump files and prints their collection.
//!
//! Exit status: 0 when every file was read; 1 when some file could not be read (missing, not
//! readable, not text, empty) — the others still go through and are printed — or when an
//! `--annotate` input line was not valid; 2 for a usage error.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use folio::cluster::{self, Pool, Signed};
use folio::{overview, FileErrorKind, Options};
use rayon::prelude::*;

/// Read raw scraped news dumps as clean articles.
///
/// Prints the collection of every FILE as JSON (or Markdown or HTML): repeated titles,
/// captions and copies removed, every removed line listed with its reason.
///
/// Exit status: 0 when every file was read; 1 when a file could not be read (the others
/// are still printed) or an --annotate line was invalid; 2 for a usage error.
#[derive(Parser, Debug)]
#[command(name = "folio", version)]
struct Args {
    /// Dump files to read; `-` reads standard input.
    #[arg(required_unless_present = "annotate")]
    files: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,

    /// Skip entity tagging.
    #[arg(long)]
    no_entities: bool,

    /// Read JSON lines {"id": …, "text": "…"} on standard input and write one line per
    /// input, {"id": …, "entities": [{"start", "end", "label", "text"}]}, with offsets in
    /// Unicode scalar values.
    #[arg(long, conflicts_with_all = ["files", "format"])]
    annotate: bool,

    /// Body similarity (0 to 1) from which an article is kept as a near-duplicate variant.
    #[arg(long, default_value_t = 0.8, value_parser = parse_threshold)]
    threshold: f32,

    /// Indent the JSON output.
    #[arg(long)]
    pretty: bool,

    /// With `--format overview`: the chosen name (an entity's key, as in the JSON's
    /// `entities`), whose companions and contexts are listed; the most named by default.
    #[arg(long, value_name = "KEY")]
    name: Option<String>,

    /// With `--format overview`: list every occurrence of these words in context instead of
    /// the chosen name's mentions.
    #[arg(long, value_name = "WORDS")]
    term: Option<String>,

    /// With `--format overview`: rank the names that go with the chosen one by the articles
    /// naming both, or by lift.
    #[arg(long, value_enum, default_value_t = RankArg::Count)]
    rank: RankArg,

    /// With `--format overview`: sort the contexts in reading order, by the word before or
    /// after the mention, or by date.
    #[arg(long, value_enum, default_value_t = SortArg::Reading)]
    sort: SortArg,

    /// Threads to work on (all cores by default); the output is the same whatever it is.
    #[arg(long, short = 'j', value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,
}

/// The core's stages on rayon's threads: [`Pool::map`] keeps each result in its item's place.
struct Threads;

impl Pool for Threads {
    fn map<T, U, F>(&self, items: Vec<T>, f: F) -> Vec<U>
    where
        T: Send,
        U: Send,
        F: Fn(T) -> U + Sync + Send,
    {
        items.into_par_iter().map(f).collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Md,
    Html,
    /// The overview's numbers as JSON: timeline, names, pairs, contexts, files.
    Overview,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RankArg {
    Count,
    Lift,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum SortArg {
    Reading,
    Before,
    After,
    Date,
}

/// What `--format overview` is asked for.
fn query(args: &Args) -> overview::Query {
    overview::Query {
        name: args.name.clone(),
        term: args.term.clone(),
        rank: match args.rank {
            RankArg::Count => overview::Rank::Count,
            RankArg::Lift => overview::Rank::Lift,
        },
        sort: match args.sort {
            SortArg::Reading => overview::Sort::Reading,
            SortArg::Before => overview::Sort::Before,
            SortArg::After => overview::Sort::After,
            SortArg::Date => overview::Sort::Date,
        },
        ..overview::Query::default()
    }
}

fn parse_threshold(s: &str) -> Result<f32, String> {
    let t: f32 = s.parse().map_err(|_| format!("'{s}' is not a number"))?;
    if (0.0..=1.0).contains(&t) {
        Ok(t)
    } else {
        Err(format!("{t} is not between 0 and 1"))
    }
}

mod alloc;

#[global_allocator]
static ALLOCATOR: alloc::Allocator = alloc::Allocator;

fn main() -> ExitCode {
    let args = Args::parse();
    let threads = args.jobs.map_or(0, |n| n as usize);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        Err(err) => {
            eprintln!("folio: cannot start {threads} threads: {err}");
            return ExitCode::from(1);
        }
    };
    let result = pool.install(|| {
        if args.annotate {
            annotate()
        } else {
            collect(&args)
        }
    });
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        // A closed pipe (`folio … | head`) is the reader's choice, not an error.
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("folio: {err}");
            ExitCode::from(1)
        }
    }
}

/// Reads every file and prints the collection; `Ok(false)` if some file failed.
fn collect(args: &Args) -> io::Result<bool> {
    let options = Options {
        entities: !args.no_entities,
        near_threshold: args.threshold,
    };
    // Each file read and signed on its own; then the articles linked, merged component by
    // component and tagged, as `folio::cluster` cuts the pass (equal to the builder's).
    let signed = Threads.map(args.files.clone(), |name| match read(&name) {
        Ok(bytes) => cluster::sign(&name, bytes),
        Err(err) => Signed::failed(&name, 0, FileErrorKind::Io(describe(&err))),
    });
    let mut all_read = true;
    // One row for a file, one a member for an archive: each file or member that could not be
    // read, and each record left out of a structured dump, gets its line, in reading order.
    for row in signed.iter().flat_map(|s| &s.rows) {
        if let Some(error) = &row.error {
            eprintln!("folio: {error}");
            all_read = false;
        }
        for skipped in &row.skipped {
            eprintln!("folio: {}: {skipped}", row.name);
        }
    }
    let (collection, _) = cluster::build(signed, &options, usize::MAX, &Threads);
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    match args.format {
        Format::Json if args.pretty => serde_json::to_writer_pretty(&mut out, &collection)?,
        // sonic-rs escapes strings with SIMD: the same bytes as serde_json (which the page's
        // export uses; a test checks it), and a sixth of the work for a 50 MB dump, where
        // serde_json's byte-at-a-time escaping was a quarter of the whole run.
        // Built whole in one block about the size of the input, then written: sonic-rs streams
        // into its own writers only, through many small reserves that cost more than the copy,
        // and one large block is faulted in as huge pages (`alloc`).
        Format::Json => {
            let mut json =
                Vec::with_capacity(collection.stats.bytes + collection.stats.bytes / 4 + 4096);
            sonic_rs::to_writer(&mut json, &collection).map_err(io::Error::from)?;
            out.write_all(&json)?;
        }
        Format::Md => out.write_all(folio::to_markdown(&collection).as_bytes())?,
        Format::Html => out.write_all(folio::to_html(&collection).as_bytes())?,
        Format::Overview => {
            let overview = overview::Overview::of_collection(&collection, &query(args));
            if args.pretty {
                serde_json::to_writer_pretty(&mut out, &overview)?;
            } else {
                serde_json::to_writer(&mut out, &overview)?;
            }
        }
    }
    if matches!(args.format, Format::Json | Format::Overview) {
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(all_read)
}

fn read(name: &str) -> io::Result<Vec<u8>> {
    if name == "-" {
        let mut bytes = Vec::new();
        io::stdin().lock().read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    if std::fs::metadata(name)?.is_dir() {
        return Err(io::Error::other("is a directory, not a file"));
    }
    std::fs::read(name)
}

fn describe(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}

#[derive(serde::Deserialize)]
struct AnnotateIn {
    id: serde_json::Value,
    text: String,
}

#[derive(serde::Serialize)]
struct AnnotateOut<'a> {
    id: &'a serde_json::Value,
    entities: Vec<folio::Entity>,
}

/// `--annotate`: one JSON line in, one JSON line out. A line that is not valid input gets
/// a message on standard error naming its number, and the rest go on.
fn annotate() -> io::Result<bool> {
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut all_ok = true;
    let mut lines = stdin.lines().enumerate();
    loop {
        // A batch of lines at a time, tagged on every thread and written in their order.
        let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
        for (n, line) in lines.by_ref() {
            let line = line?;
            if !line.trim().is_empty() {
                batch.push((n, line));
                if batch.len() == BATCH {
                    break;
                }
            }
        }
        if batch.is_empty() {
            break;
        }
        let done = Threads.map(batch, |(n, line)| {
            serde_json::from_str::<AnnotateIn>(&line)
                .map(|input| {
                    let entities = folio::annotate(&input.text);
                    (input.id, entities)
                })
                .map_err(|err| (n, err))
        });
        for result in done {
            match result {
                Ok((id, entities)) => {
                    serde_json::to_writer(&mut out, &AnnotateOut { id: &id, entities })?;
                    out.write_all(b"\n")?;
                }
                Err((n, err)) => {
                    eprintln!("folio: standard input line {}: {err}", n + 1);
                    all_ok = false;
                }
            }
        }
    }
    out.flush()?;
    Ok(all_ok)
}

/// Lines of `--annotate` input read before they are tagged together.
const BATCH: usize = 512;
