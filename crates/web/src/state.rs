//! The page's state and the one reducer that changes it.
//!
//! The core runs in a worker (see `link.rs`); the state holds what it has answered so far:
//! each file's `FileInfo`, the articles (replaced one by one as updates name them), the entity
//! index and the totals.

use std::collections::BTreeSet;
use std::rc::Rc;

use folio::overview::{Context, Narrow, Overview, Query, Rank, Sort};
use folio::IndexEntry;
use folio::{Article, FileInfo, Label, Stats};
use folio::{Response, Update};
use yew::Reducible;

/// The seed sample, embedded at build time for the "Try the sample" button.
pub const SAMPLE_NAME: &str = "000_952273073e7dcb6a.txt";
/// Its bytes.
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
    pub files: Rc<Vec<FileInfo>>,
    /// Files sent to the core since the last time nothing was pending, those not answered
    /// yet, and their bytes; and how many files were dropped together (known at once, before
    /// their sizes are read and they are sent a slice at a time).
    pub sent: usize,
    pub expected: usize,
    pub pending: usize,
    pub pending_bytes: u64,
    /// Bytes of the files answered since the last time nothing was pending (for progress).
    pub done_bytes: u64,
    /// Each article behind its own `Rc`, so that an update copies pointers, not articles.
    pub articles: Rc<Vec<Rc<Article>>>,
    pub entities: Rc<Vec<IndexEntry>>,
    pub stats: Stats,
    /// Articles read and still waiting for their entities.
    pub waiting: usize,
    pub model: Model,
    /// The article open in the reader.
    pub open: usize,
    /// Words the article list is narrowed to (titles and text), as typed.
    pub search: String,
    /// Labels whose highlights are switched off.
    pub hidden: BTreeSet<Label>,
    /// The entity (name and label) the list is narrowed to, chosen in the entity panel, and
    /// the articles mentioning it once the core has said which.
    pub filter: Option<(String, Label)>,
    pub filter_articles: Option<Vec<usize>>,
    /// What the reader shows of the open article.
    pub view: View,
    /// Whether the keyboard help is shown.
    pub help: bool,
    /// What the pane beside the list shows: the reader or the overview.
    pub pane: Pane,
    /// The overview's numbers, as last answered.
    pub overview: Option<Rc<Overview>>,
    /// What the overview asks for: the chosen name, the ranking of its companions, the order
    /// of its contexts (the search term comes from `search` when contexts of it are asked).
    pub query: Query,
    /// Whether the contexts are of the search term rather than the chosen name.
    pub contexts_of_search: bool,
    /// The bar of the overview the list is narrowed to, and its articles once the core has
    /// said which.
    pub narrow: Option<Narrow>,
    pub narrow_articles: Option<Vec<usize>>,
    /// A mention opened from its context: marked in the reader and scrolled into view.
    pub mark: Option<Context>,
}

/// What the pane beside the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Pane {
    /// The open article.
    #[default]
    Reader,
    /// The whole collection.
    Overview,
}

/// Contexts listed at most in the overview (all are counted).
pub const CONTEXTS_SHOWN: usize = 150;

/// What the reader shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The clean text with its highlights.
    #[default]
    Text,
    /// What was removed and why, and the near-duplicate variants beside the text.
    Audit,
}

impl State {
    /// The entity index entry the list is narrowed to, if any.
    pub fn filter_entry(&self) -> Option<&IndexEntry> {
        let (name, label) = self.filter.as_ref()?;
        self.entities
            .iter()
            .find(|e| &e.name == name && e.label == *label)
    }

    /// The indices of the articles the list shows: all, or those matching the search and
    /// naming the chosen entity.
    pub fn visible(&self) -> Vec<usize> {
        let words: Vec<String> = self
            .search
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let only: Option<&[usize]> = match (&self.filter, &self.filter_articles) {
            (Some(_), Some(articles)) => Some(articles),
            (Some(_), None) => Some(&[]),
            (None, _) => None,
        };
        let narrowed: Option<&[usize]> = match (&self.narrow, &self.narrow_articles) {
            (Some(_), Some(articles)) => Some(articles),
            (Some(_), None) => Some(&[]),
            (None, _) => None,
        };
        (0..self.articles.len())
            .filter(|i| only.is_none_or(|only| only.binary_search(i).is_ok()))
            .filter(|i| narrowed.is_none_or(|n| n.binary_search(i).is_ok()))
            .filter(|&i| words.is_empty() || matches_words(&self.articles[i], &words))
            .collect()
    }
}

/// Whether every word occurs in the article's title, captions or paragraphs (any case).
fn matches_words(article: &Article, words: &[String]) -> bool {
    let text: String = article
        .blocks()
        .map(|b| b.text.as_str().to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    words.iter().all(|w| text.contains(w.as_str()))
}

impl State {
    /// Takes in one of the core's answers.
    fn answer(&mut self, response: Response) {
        match response {
            Response::File {
                given,
                files,
                update,
            } => {
                self.pending = self.pending.saturating_sub(1);
                self.done_bytes += given as u64;
                Rc::make_mut(&mut self.files).extend(files);
                self.apply(update);
            }
            Response::Tagged(update) => self.apply(update),
            Response::Mentioning {
                name,
                label,
                articles,
            } => {
                if self.filter == Some((name, label)) {
                    if !articles.contains(&self.open) {
                        self.open = articles.first().copied().unwrap_or(self.open);
                    }
                    self.filter_articles = Some(articles);
                }
            }
            Response::ModelReady(update) => {
                self.model = Model::Ready;
                self.apply(update);
            }
            Response::ModelFailed(message) => self.model = Model::Failed(message),
            Response::Overview(overview) => self.overview = Some(Rc::new(*overview)),
            Response::Narrowed { narrow, articles } => {
                if self.narrow.as_ref() == Some(&narrow) {
                    if !articles.contains(&self.open) {
                        self.open = articles.first().copied().unwrap_or(self.open);
                    }
                    self.narrow_articles = Some(articles);
                }
            }
            // Exports are downloads, handled where the answer arrives; the pool's batches go
            // from worker to worker and never reach the page.
            Response::Cleared
            | Response::Exported { .. }
            | Response::Annotated { .. }
            | Response::ToTag(_)
            | Response::TaggedArticles(_) => {}
        }
    }

    fn apply(&mut self, mut update: Update) {
        update.apply_to(Rc::make_mut(&mut self.articles));
        if let Some(entities) = update.entities {
            self.entities = Rc::new(entities);
        }
        self.stats = update.stats;
        self.waiting = update.waiting;
    }
}

/// What can happen to the page.
pub enum Action {
    /// This many files were dropped or chosen together: the progress counts them all from the
    /// start.
    Expect(usize),
    /// These files (their sizes) were sent to the core.
    Sent(Vec<u64>),
    /// The core answered, once or more since the last redraw (see `link::batched`).
    Core(Vec<Response>),
    /// The browser could not read a file, so the core never saw it.
    Unreadable { name: String, message: String },
    /// The model could not be downloaded.
    ModelUnavailable(String),
    /// Forget every file.
    Clear,
    /// Open this article in the reader.
    Open(usize),
    /// Open the next (or previous) article of the list.
    Step(isize),
    /// Narrow the list to these words.
    Search(String),
    /// Switch one label's highlights off or on.
    Toggle(Label),
    /// Narrow the list to one entity, or (the same again, or `None`) widen it back.
    Filter(Option<(String, Label)>),
    /// Show the text or the audit.
    Show(View),
    /// Show or hide the keyboard help.
    Help(bool),
    /// Escape: close the help, else clear the entity filter, else the search.
    Escape,
    /// Show the reader or the overview beside the list.
    ShowPane(Pane),
    /// Choose the name the overview's pairs and contexts are of (by key).
    Choose(String),
    /// Rank the chosen name's companions so.
    Rank(Rank),
    /// Sort the contexts so.
    Sort(Sort),
    /// List the contexts of the search term (or, `false`, of the chosen name).
    ContextsOfSearch(bool),
    /// Narrow the list to a bar of the overview, or (the same again, or `None`) widen it back.
    Narrow(Option<Narrow>),
    /// Open a mention's article in the reader, the mention marked.
    OpenContext(Context),
    /// The core panicked reading `file`: the collection starts over (its files are read again
    /// by a new worker, all but this one) and the file is listed with the message.
    CoreFailed { file: String, message: String },
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Expect(files) => {
                if next.pending == 0 {
                    next.sent = 0;
                    next.expected = 0;
                    next.done_bytes = 0;
                    next.pending_bytes = 0;
                }
                next.expected = next.expected.max(next.sent) + files;
            }
            Action::Sent(sizes) => {
                // A new batch, unless these are the next slice of files dropped together.
                if next.pending == 0 && next.sent >= next.expected {
                    next.sent = 0;
                    next.expected = 0;
                    next.done_bytes = 0;
                    next.pending_bytes = 0;
                }
                next.sent += sizes.len();
                next.pending += sizes.len();
                next.pending_bytes += sizes.iter().sum::<u64>();
            }
            Action::Core(answers) => {
                for answer in answers {
                    next.answer(answer);
                }
            }
            Action::ModelUnavailable(message) => next.model = Model::Failed(message),
            Action::Unreadable { name, message } => {
                next.pending = next.pending.saturating_sub(1);
                Rc::make_mut(&mut next.files).push(FileInfo::failed(name, 0, message));
            }
            Action::Clear => {
                next = State {
                    model: self.model.clone(),
                    pane: self.pane,
                    ..State::default()
                }
            }
            Action::Open(i) => {
                next.open = i;
                next.mark = None;
            }
            Action::CoreFailed { file, message } => {
                next = State {
                    model: self.model.clone(),
                    ..State::default()
                };
                let error = if file.is_empty() {
                    format!("Folio's core stopped ({message}). It was restarted and your files were read again.")
                } else {
                    format!("{file}: Folio's core stopped while reading it ({message}). It was restarted and your other files were read again.")
                };
                Rc::make_mut(&mut next.files).push(FileInfo::failed(file, 0, error));
            }
            Action::Step(by) => {
                let visible = next.visible();
                if !visible.is_empty() {
                    let at = visible.iter().position(|&i| i == next.open);
                    let to = match at {
                        Some(at) => (at as isize + by).clamp(0, visible.len() as isize - 1),
                        None => 0,
                    };
                    next.open = visible[to as usize];
                    next.mark = None;
                }
            }
            Action::Search(words) => next.search = words,
            Action::Toggle(label) => {
                if !next.hidden.remove(&label) {
                    next.hidden.insert(label);
                }
            }
            Action::Filter(entity) => {
                next.filter = if entity == next.filter { None } else { entity };
                // The core says which articles mention it (see `App`).
                next.filter_articles = None;
            }
            Action::Show(view) => next.view = view,
            Action::ShowPane(pane) => next.pane = pane,
            Action::Choose(key) => next.query.name = Some(key),
            Action::Rank(rank) => next.query.rank = rank,
            Action::Sort(sort) => next.query.sort = sort,
            Action::ContextsOfSearch(on) => next.contexts_of_search = on,
            Action::Narrow(narrow) => {
                next.narrow = if narrow == next.narrow { None } else { narrow };
                next.narrow_articles = None;
            }
            Action::OpenContext(context) => {
                next.open = context.article;
                next.pane = Pane::Reader;
                next.view = View::Text;
                next.mark = Some(context);
            }
            Action::Help(shown) => next.help = shown,
            Action::Escape => {
                if next.help {
                    next.help = false;
                } else if next.narrow.is_some() {
                    next.narrow = None;
                    next.narrow_articles = None;
                } else if next.filter.is_some() {
                    next.filter = None;
                    next.filter_articles = None;
                } else {
                    next.search.clear();
                }
            }
        }
        Rc::new(next)
    }
}
