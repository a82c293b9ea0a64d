//! The trainer's command line: every experiment switch is a flag here, with its help, so that
//! `train fit --help` lists what can be tried and `models/README.md` can name each by its flag.
//! (These were 25 `FOLIO_*` environment variables read wherever they were used; a misspelt
//! variable was silently ignored, a misspelt flag is an error.)

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Trains Folio's name tagger on CoNLL-2003 eng.train and scores it on eng.testa (the
/// development split) and WikiGold.
///
/// The CoNLL-2003 files are found in --data/conll2003, else in $FOLIO_DATA/conll2003, else in
/// ../shared/data/conll2003 beside the repository; the repository cannot ship them.
#[derive(Parser, Debug)]
#[command(name = "train")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Trains a model (both stages, epochs chosen on dev), writes it, reads it back and
    /// scores what was read on dev and WikiGold, the tagger alone and as Folio shows names.
    Fit(Box<Fit>),
    /// Scores a saved model on dev and WikiGold as `fit` does after writing one.
    Score(Score),
    /// Tags documents without labels with two models and writes, as CoNLL, the sentences both
    /// tag alike and whose every name keeps one label through its document: text for
    /// self-training (`fit --extra`).
    SelfTag(SelfTag),
    /// Measures each name rule (src/names/rules.rs) on a saved model: F1 on dev and WikiGold
    /// with every rule, and with each left out in turn; prints the table of rules in the
    /// order they run, each with its gain.
    Rules(Rules),
}

#[derive(Args, Debug)]
pub struct SelfTag {
    /// The two models (say, two seeds of the same training): a sentence is kept only where
    /// both give the same names.
    #[arg(value_name = "MODEL", num_args = 2, required = true)]
    pub models: Vec<PathBuf>,
    /// The folder of text files (each a document) to tag.
    #[arg(long, value_name = "DIR")]
    pub news: PathBuf,
    /// How many of DIR's files (sorted by name) to read.
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub documents: usize,
    /// The CoNLL file to write (word and tag a line, -DOCSTART- between documents).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

#[derive(Args, Debug)]
pub struct Rules {
    /// The model to measure the rules on.
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    #[command(flatten)]
    pub data: Data,
    /// Also counts, on the text files of DIR (each a document, unlabeled: today's news, say,
    /// from scripts/real-news.py), the sentences each rule changes, with examples of what it
    /// changes: where dev and WikiGold cannot tell whether a rule is alive.
    #[arg(long, value_name = "DIR")]
    pub news: Option<PathBuf>,
    /// How many of DIR's files (sorted by name) to read.
    #[arg(long, value_name = "N", default_value_t = 2000, requires = "news")]
    pub documents: usize,
    /// How many changes to show for each rule.
    #[arg(long, value_name = "N", default_value_t = 4, requires = "news")]
    pub examples: usize,
}

/// Where the annotated data is.
#[derive(Args, Debug, Clone)]
pub struct Data {
    /// The folder holding conll2003/ (eng.train, eng.testa); default $FOLIO_DATA, else
    /// ../shared/data beside the repository.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
}

/// Files of `word gold predicted`, one token a line and a blank line between sentences, for
/// error analysis.
#[derive(Args, Debug, Clone, Default)]
pub struct Dumps {
    /// Writes the dev split as Folio shows names (the tagger, then the name rules).
    #[arg(long, value_name = "FILE")]
    pub dump_shown: Option<PathBuf>,
    /// Writes WikiGold as Folio shows names.
    #[arg(long, value_name = "FILE")]
    pub dump_wikigold: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct Score {
    /// The model to score (as `fit` writes it).
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    #[command(flatten)]
    pub data: Data,
    #[command(flatten)]
    pub dumps: Dumps,
}

#[derive(Args, Debug)]
pub struct Fit {
    #[command(flatten)]
    pub data: Data,
    /// Where the model goes (default models/ner.bin, the committed model).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The shuffling seed. The committed model has the first, 0, not the best of several on
    /// dev: a choice among seeds flatters dev and carries nothing to other text.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The most epochs each stage trains for; the best on dev is kept.
    #[arg(long, default_value_t = 30)]
    pub epochs: usize,
    /// Writes the dev split as the tagger alone tags it (no name rules).
    #[arg(long, value_name = "FILE")]
    pub dump: Option<PathBuf>,
    #[command(flatten)]
    pub dumps: Dumps,
    #[command(flatten)]
    pub augment: Augment,
    #[command(flatten)]
    pub lists: Lists,
    #[command(flatten)]
    pub features: Features,
}

/// Copies of training sentences (crates/train/src/augment.rs).
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Training text")]
pub struct Augment {
    /// Does not add each document's first sentences again in title case (the committed model
    /// has them: web headlines).
    #[arg(long)]
    pub no_title_case: bool,
    /// Adds today's datelines made from 1996's (`MADRID, Dec 7 (Reuters) - …`). Tried, not kept.
    #[arg(long)]
    pub augment_datelines: bool,
    /// Copies a third of the sentences with names, each name swapped for another of its type.
    /// Tried, not kept.
    #[arg(long)]
    pub augment_mentions: bool,
    /// Adds each document's first two sentences again in capitals. Tried, not kept.
    #[arg(long)]
    pub augment_caps: bool,
}

/// The name and word lists the features consult (data/gazetteers/).
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Lists")]
pub struct Lists {
    /// Trains without the name lists (per.txt, loc.txt, misc.txt and any list below).
    #[arg(long)]
    pub no_gazetteer: bool,
    /// Holidays and observances (holidays.txt) as MISC names. Tried, not kept.
    #[arg(long)]
    pub holidays: bool,
    /// Today's organisations and products (org.txt) as a list of their own. Tried, not kept.
    #[arg(long, group = "own")]
    pub org_list: bool,
    /// Parts of people's names from every background (names.txt) as a list of their own.
    /// Tried, not kept.
    #[arg(long, group = "own")]
    pub name_parts: bool,
    /// Any list of names (one a line) as a list of their own, e.g. faker's surnames. Tried,
    /// not kept.
    #[arg(long, value_name = "FILE", group = "own")]
    pub own_list: Option<PathBuf>,
    /// Of the list above, only the entries no other list has.
    #[arg(long, requires = "own")]
    pub own_list_new_only: bool,
    /// Trains without the training set's own names as a list (jackknifed: each training
    /// document reads the other half's).
    #[arg(long)]
    pub no_name_list: bool,
    /// Trains without the list of common lower-case English words (words.txt).
    #[arg(long)]
    pub no_words: bool,
    /// How today's news writes each word (counts from scripts/today_casing.py) for the words
    /// neither eng.train nor words.txt has: a casing prior the weights learn.
    #[arg(long, value_name = "FILE")]
    pub today_casing: Option<PathBuf>,
    /// Trains without word clusters.
    #[arg(long, conflicts_with = "clusters")]
    pub no_clusters: bool,
    /// Adds today's words to the tree of word clusters, each with the path of the known words
    /// it is used most like in today's news (scripts/today_clusters.py).
    #[arg(long, value_name = "FILE", conflicts_with = "no_clusters")]
    pub today_clusters: Option<PathBuf>,
    /// Reads another tree of word clusters (default data/gazetteers/clusters.txt).
    #[arg(long, value_name = "FILE")]
    pub clusters: Option<PathBuf>,
    /// Counts how the words are written over all of eng.train for every training document,
    /// rather than each document reading the other half's (the way before 2026-12-06).
    #[arg(long)]
    pub shared_casing: bool,
}

/// The weights' features.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Features")]
pub struct Features {
    /// Adds the documents of a CoNLL file to the training text (say, `train self-tag`'s):
    /// self-training.
    #[arg(long, value_name = "FILE")]
    pub extra: Option<PathBuf>,
    /// Drops the features seen fewer than N times in training (1 keeps all).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_count: u32,
    /// Each epoch, each token of a gold name loses its spelling features with probability P,
    /// so that the weights learn what else marks a name. Tried, not kept.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub drop_identity: f64,
    /// Leaves out of the written model the features whose weights are all under N
    /// quantisation steps (default: the format's own threshold).
    #[arg(long, value_name = "N")]
    pub prune: Option<i32>,
}
