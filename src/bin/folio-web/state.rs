//! The page's state and the one reducer that changes it.
//!
//! The core runs in a worker (see `worker.rs`); the state holds what it has answered so far:
//! each file's `FileInfo`, the articles (replaced one by one as updates name them), the entity
//! index and the totals.

use std::rc::Rc;

use folio::index::IndexEntry;
use folio::session::{Response, Update};
use folio::{Article, FileInfo, Stats};
use yew::Reducible;

/// The seed sample, embedded at build time for the "Try the sample" button.
pub const SAMPLE_NAME: &str = "000_952273073e7dcb6a.txt";
pub const SAMPLE: &[u8] = include_bytes!("../../../assets/seed-sample.txt");

/// Where the entity model stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Model {
    /// Downloading or being read; articles show without highlights meanwhile.
    #[default]
    Loading,
    Ready,
    /// It could not be had; the message says why.
    Failed(String),
}

/// Everything the page shows.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Every file given, in the order the core answered, with its error if it was refused.
    pub files: Vec<FileInfo>,
    /// Files sent to the core and not answered yet, and their bytes.
    pub pending: usize,
    pub pending_bytes: u64,
    /// Bytes of the files answered since the last time nothing was pending (for progress).
    pub done_bytes: u64,
    pub articles: Rc<Vec<Article>>,
    pub entities: Rc<Vec<IndexEntry>>,
    pub stats: Stats,
    pub model: Model,
    /// The article open in the reader.
    pub open: usize,
}

impl State {
    fn apply(&mut self, update: Update) {
        let articles = Rc::make_mut(&mut self.articles);
        for (i, article) in update.articles {
            if i < articles.len() {
                articles[i] = article;
            } else {
                articles.push(article);
            }
        }
        self.entities = Rc::new(update.entities);
        self.stats = update.stats;
    }
}

/// What can happen to the page.
pub enum Action {
    /// These files (their sizes) were sent to the core.
    Sent(Vec<u64>),
    /// The core answered.
    Core(Response),
    /// The browser could not read a file, so the core never saw it.
    Unreadable { name: String, message: String },
    /// The model could not be downloaded.
    ModelUnavailable(String),
    /// Forget every file.
    Clear,
    /// Open this article in the reader.
    Open(usize),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Sent(sizes) => {
                if next.pending == 0 {
                    next.done_bytes = 0;
                    next.pending_bytes = 0;
                }
                next.pending += sizes.len();
                next.pending_bytes += sizes.iter().sum::<u64>();
            }
            Action::Core(Response::File(info, update)) => {
                next.pending = next.pending.saturating_sub(1);
                next.done_bytes += info.bytes as u64;
                next.files.push(info);
                next.apply(update);
            }
            Action::Core(Response::ModelReady(update)) => {
                next.model = Model::Ready;
                next.apply(update);
            }
            Action::Core(Response::ModelFailed(message)) | Action::ModelUnavailable(message) => {
                next.model = Model::Failed(message)
            }
            Action::Core(Response::Cleared) => {}
            Action::Unreadable { name, message } => {
                next.pending = next.pending.saturating_sub(1);
                next.files.push(FileInfo {
                    name,
                    bytes: 0,
                    lines: 0,
                    encoding: None,
                    replaced: 0,
                    articles: 0,
                    error: Some(message),
                });
            }
            Action::Clear => {
                next = State {
                    model: self.model.clone(),
                    ..State::default()
                }
            }
            Action::Open(i) => next.open = i,
        }
        Rc::new(next)
    }
}
