//! `train`: trains Folio's name tagger on CoNLL-2003 `eng.train`, picks each stage's number of
//! epochs by its F1 on `eng.testa` (the development split), writes `models/ner.bin` and scores
//! it on dev and WikiGold. `train fit --help` lists every experiment switch; `train score
//! MODEL` scores a saved model; `train rules MODEL` measures each name rule on it;
//! `scripts/seeds.sh` trains several seeds and prints their means.
//!
//! - `cli`: the flags;
//! - `augment`: copies of training sentences (headlines in title case, …);
//! - `lexicons`: the lists the features consult, jackknifed so that no training document
//!   reads its own names or casing;
//! - `fit`: the two stages of averaged perceptron;
//! - `report`: the figures and the dumps.
//!
//! The run is deterministic: the same data, flags and code give the same bytes.

mod augment;
mod cli;
mod fit;
mod lexicons;
mod report;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use folio::train::{self, Document};
use folio::Tagger;

use cli::{Cli, Command, Data};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The repository's root, where the name lists and the model live.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let result = match &cli.command {
        Command::Fit(opts) => fit(&root, opts),
        Command::Score(opts) => score(&root, opts),
        Command::Rules(opts) => rules(&root, opts),
        Command::SelfTag(opts) => self_tag(opts),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("train: {err}");
            ExitCode::from(err.status())
        }
    }
}

/// Why `train` stopped.
#[derive(Debug)]
enum Error {
    /// eng.train or eng.testa is not where it was looked for.
    NoData(PathBuf),
    /// A CoNLL file that is not CoNLL.
    Read(train::ReadError),
    Io(std::io::Error),
    Model(String),
}

impl Error {
    fn status(&self) -> u8 {
        match self {
            Error::NoData(_) => 2,
            _ => 1,
        }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::NoData(path) => write!(
                f,
                "{} is missing: train needs CoNLL-2003's eng.train and eng.testa, which the \
                 repository cannot ship; give the folder holding conll2003/ with --data or set \
                 FOLIO_DATA",
                path.display()
            ),
            Error::Read(err) => write!(f, "{err}"),
            Error::Io(err) => write!(f, "{err}"),
            Error::Model(err) => write!(f, "the model written cannot be read back: {err}"),
        }
    }
}

impl From<train::ReadError> for Error {
    fn from(err: train::ReadError) -> Error {
        Error::Read(err)
    }
}

impl From<std::io::Error> for Error {
    fn from(err: std::io::Error) -> Error {
        Error::Io(err)
    }
}

/// The folder of eng.train and eng.testa: `--data`, else $FOLIO_DATA (the variable every test
/// that needs the data reads), else ../shared/data beside the repository.
fn conll_dir(root: &Path, data: &Data) -> Result<PathBuf, Error> {
    let data = data
        .data
        .clone()
        .or_else(|| {
            std::env::var_os("FOLIO_DATA")
                .filter(|d| !d.is_empty())
                .map(PathBuf::from)
        })
        .unwrap_or_else(|| root.join("../shared/data"));
    let dir = data.join("conll2003");
    for file in ["eng.train", "eng.testa"] {
        if !dir.join(file).is_file() {
            return Err(Error::NoData(dir.join(file)));
        }
    }
    Ok(dir)
}

fn fit(root: &Path, opts: &cli::Fit) -> Result<(), Error> {
    let dir = conll_dir(root, &opts.data)?;
    let mut train_docs = train::read(&dir.join("eng.train"))?;
    if let Some(extra) = &opts.features.extra {
        train_docs.extend(train::read(extra)?);
    }
    augment::augment(root, &mut train_docs, &opts.augment)?;
    let dev = train::read(&dir.join("eng.testa"))?;
    let shared = lexicons::Shared::read(root, &opts.lists, &train_docs)?;
    let lex = lexicons::Jackknife::new(&shared, &train_docs);
    let schedule = fit::Schedule {
        seed: opts.seed,
        epochs: opts.epochs,
        min_count: opts.features.min_count,
        drop_identity: opts.features.drop_identity,
    };
    let fitted = fit::fit(&train_docs, &lex, &dev, &schedule);

    let predicted: Vec<Vec<folio::Tag>> = dev
        .iter()
        .map(train::words_of)
        .flat_map(|w| fitted.tagger.tag_document(&w))
        .collect();
    let gold = dev
        .iter()
        .flat_map(|d| d.sentences.iter().map(|s| s.tags.as_slice()));
    let scores = train::score(gold.zip(predicted.iter().map(Vec::as_slice)));
    println!(
        "stage 1: {} epochs; stage 2: {} epochs\ndev (eng.testa), exact span:\n{scores}",
        fitted.first_epochs, fitted.second_epochs
    );
    if let Some(path) = &opts.dump {
        report::dump(path, &dev, &predicted)?;
    }
    // Save, read back, and score what was read: the figure is the shipped model's.
    let out = opts
        .out
        .clone()
        .unwrap_or_else(|| root.join("models/ner.bin"));
    let tagger = &fitted.tagger;
    let bytes = match opts.features.prune {
        Some(prune) => tagger.to_bytes_pruned(prune),
        None => tagger.to_bytes(),
    };
    std::fs::write(&out, &bytes)?;
    println!(
        "saved {} ({} bytes, {} + {} features)",
        out.display(),
        bytes.len(),
        tagger.first.len(),
        tagger.second.len(),
    );
    let loaded = read_model(&out)?;
    report::report(root, &loaded, &dev, &opts.dumps)?;
    Ok(())
}

fn score(root: &Path, opts: &cli::Score) -> Result<(), Error> {
    let dir = conll_dir(root, &opts.data)?;
    let dev: Vec<Document> = train::read(&dir.join("eng.testa"))?;
    let tagger = read_model(&opts.model)?;
    report::report(root, &tagger, &dev, &opts.dumps)?;
    Ok(())
}

fn rules(root: &Path, opts: &cli::Rules) -> Result<(), Error> {
    let dir = conll_dir(root, &opts.data)?;
    let dev: Vec<Document> = train::read(&dir.join("eng.testa"))?;
    let wikigold = train::read(&root.join("data/wikigold/wikigold.conll"))?;
    let tagger = read_model(&opts.model)?;
    let text = match &opts.news {
        Some(dir) => {
            let texts = read_texts(dir, opts.documents)?;
            Some(report::rules_on_text(&tagger, &texts, opts.examples))
        }
        None => None,
    };
    report::rules(&tagger, &dev, &wikigold, text.as_ref());
    Ok(())
}

fn self_tag(opts: &cli::SelfTag) -> Result<(), Error> {
    let models = [read_model(&opts.models[0])?, read_model(&opts.models[1])?];
    let texts = read_texts(&opts.news, opts.documents)?;
    let (conll, kept, sentences) = report::self_tag(&models, &texts);
    std::fs::write(&opts.out, conll)?;
    println!(
        "{} of {sentences} sentences of {} documents kept -> {}",
        kept,
        texts.len(),
        opts.out.display()
    );
    Ok(())
}

/// The first `n` text files of `dir` (sorted by name), each a document.
fn read_texts(dir: &Path, n: usize) -> Result<Vec<String>, Error> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    files.sort();
    files.truncate(n);
    Ok(files
        .iter()
        .map(|f| std::fs::read(f).map(|b| String::from_utf8_lossy(&b).into_owned()))
        .collect::<Result<Vec<String>, _>>()?)
}

fn read_model(path: &Path) -> Result<Tagger, Error> {
    Tagger::from_bytes(&std::fs::read(path)?).map_err(|e| Error::Model(e.to_string()))
}
