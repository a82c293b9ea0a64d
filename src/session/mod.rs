//! A front end's conversation with the core: files and the entity model in, updates out.
//!
//! The page runs a [`Session`] in a web worker so that reading never blocks the tab: it posts
//! a [`Request`] per file and redraws from each [`Update`], which carries only what changed —
//! the articles the file added or touched, already tagged if the model has arrived — so that
//! the first articles show while the rest are read. Nothing here knows about workers or the
//! browser, so it is tested natively like the rest of the core.

use serde::{Deserialize, Serialize};

use crate::builder::{Builder, Options};
use crate::entities::Recognizer;
use crate::index::Index;
use crate::model::IndexEntry;
use crate::model::{Article, Block, Collection, FileInfo, Label};

mod rehearse;
mod update;

pub use update::{Tags, Update};

/// What a front end asks of the core.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// The bytes of the entity model (`models/ner.bin`).
    Model(#[serde(with = "serde_bytes")] Vec<u8>),
    /// Read one file.
    File {
        /// The file's name, as the user gave it.
        name: String,
        /// Its bytes.
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    /// Forget every file read.
    Clear,
    /// Bring the entity index up to date (after the last of a batch of files).
    Refresh,
    /// The articles that mention an entity of the index (by its name and label).
    Mentioning {
        /// The entry's name.
        name: String,
        /// The entry's label.
        label: Label,
    },
    /// Tag these texts (each a document of its own) and count what was found: the browser
    /// benchmark's measure of the tagger where the page runs it.
    Annotate(Vec<String>),
    /// Panic: for the tests that a front end survives a panic in the core.
    Panic,
    /// From now on, hand the tagging of each file's articles to the front end's pool of
    /// tagging workers ([`Response::ToTag`]) instead of tagging them here.
    Delegate,
    /// A tagging worker's task: tag these articles (each with its place and version, given
    /// back as they came) and answer [`Response::TaggedArticles`].
    Tag(Vec<ToTag>),
    /// What a tagging worker made of a [`Response::ToTag`]: each article's entities. Each is
    /// taken only if the article is still the version that was sent.
    Tagged(Vec<Tagged>),
    /// The overview's numbers (after the last of a batch of files, and when the reader
    /// chooses another name, term, ranking or order).
    Overview(crate::overview::Query),
    /// The articles a bar of the overview stands for.
    Narrow(crate::overview::Narrow),
    /// The collection (or the articles with these indices) in a format, for download.
    Export {
        /// The format.
        format: ExportFormat,
        /// The articles to export (what the list shows), or `None` for all.
        only: Option<Vec<usize>>,
    },
}

/// A format to export a collection in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    /// The batch interface's JSON, exactly as `folio` prints it.
    Json,
    /// Markdown, for people: titles, captions, paragraphs and sources.
    Markdown,
    /// One standalone page with the highlights, escaped, with its own security policy.
    Html,
}

/// What the core answers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The model is ready: every article so far comes again, tagged.
    ModelReady(Update),
    /// The model could not be read; articles go on without entities.
    ModelFailed(String),
    /// A file was read (or refused: its `FileInfo` carries the error). Its articles come
    /// untagged, at once; [`Response::Tagged`] follows with their entities.
    File {
        /// The size of the file as it was given (an archive's, not its members').
        given: usize,
        /// The rows it added: one for a file, one a member for an archive.
        files: Vec<FileInfo>,
        /// Its articles.
        update: Update,
    },
    /// Entities found in articles the front end has (in the update's `tagged`), and the index.
    Tagged(Update),
    /// Articles to tag in a pool's worker (after [`Request::Delegate`]): send them on as
    /// [`Request::Tag`], and the answer back as [`Request::Tagged`].
    ToTag(Vec<ToTag>),
    /// A tagging worker's answer to [`Request::Tag`].
    TaggedArticles(Vec<Tagged>),
    /// What [`Request::Annotate`] found; `millis` is filled in by whoever timed it.
    Annotated {
        /// How many entities were found in all.
        entities: usize,
        /// How long the tagging took, in milliseconds.
        millis: f64,
    },
    /// The articles mentioning an entity, ascending (empty if it is not in the index).
    Mentioning {
        /// The entry's name, as asked.
        name: String,
        /// The entry's label, as asked.
        label: Label,
        /// The articles that mention it.
        articles: Vec<usize>,
    },
    /// The overview's numbers, for the query they answer.
    Overview(Box<crate::overview::Overview>),
    /// The articles a bar stands for, in reading order.
    Narrowed {
        /// The bar, as asked.
        narrow: crate::overview::Narrow,
        /// Its articles.
        articles: Vec<usize>,
    },
    /// Everything was forgotten.
    Cleared,
    /// An export: a file name, its media type and its text.
    Exported {
        /// The file name to save it as.
        name: String,
        /// Its media type.
        mime: String,
        /// Its contents.
        text: String,
    },
}

/// An article on its way to a tagging worker: its place in the collection, the version of it
/// that was sent (a later file may change it meanwhile), and the article.
pub type ToTag = (usize, u64, Article);

/// A tagging worker's answer for one article: its place and version as they came, and the
/// entities found (the text stays with the session, which has it).
pub type Tagged = (usize, u64, Tags);

/// How many articles a delegating session gathers before it hands them to the pool (and how
/// many a pool's batch holds): one small file's article a message would cost more in messages
/// than its tagging saves, and a big file's hundreds in one batch would leave the other
/// workers idle.
pub const POOL_BATCH: usize = 64;

/// How many entries of the entity index an update carries.
pub const INDEX_SENT: usize = 400;

/// Up to this many articles the index's top entries are sent after every file; beyond, after
/// each quarter of growth (listing the top of hundreds of thousands of entries after each of
/// ten thousand files would cost their product).
const RESEND_ALWAYS: usize = 100;

/// The core's side of the conversation: the collection being built, and the model.
#[derive(Debug)]
pub struct Session {
    builder: Builder,
    recognizer: Option<Recognizer>,
    /// The articles as last sent, tagged: the entity index is built over these.
    articles: Vec<Article>,
    /// The entity index of `articles`, updated as each is tagged.
    index: Index,
    /// Articles read but not tagged yet (see [`Session::tag_pending`]).
    untagged: Vec<usize>,
    /// How many articles there were when the index's top entries were last sent.
    indexed: usize,
    /// Whether the index's top entries are to go with the next update.
    index_changed: bool,
    /// Whether a front end's pool tags the articles (see [`Request::Delegate`]).
    delegate: bool,
    /// Each article's version: the number of the change that made it what it is. Numbers
    /// only grow, across [`Request::Clear`] too, so a late answer never matches.
    versions: Vec<u64>,
    /// The number the next change gets.
    next_version: u64,
    /// Articles handed to the pool and not answered yet, ascending.
    awaiting: std::collections::BTreeSet<usize>,
    /// Whether the next [`Session::tag_pending`] hands on a batch however small.
    flush: bool,
    /// Each article's date, kept for the overview until a file changes the articles (dates
    /// read the text and the sources, never the entities).
    dates: Option<Vec<Option<crate::model::ArticleDate>>>,
}

impl Default for Session {
    fn default() -> Session {
        Session::new()
    }
}

impl Session {
    /// A session with no files and no model.
    pub fn new() -> Session {
        Session {
            builder: Builder::new(Options {
                entities: false,
                ..Options::default()
            }),
            recognizer: None,
            articles: Vec::new(),
            index: Index::new(),
            untagged: Vec::new(),
            indexed: 0,
            index_changed: false,
            delegate: false,
            versions: Vec::new(),
            next_version: 0,
            awaiting: std::collections::BTreeSet::new(),
            flush: false,
            dates: None,
        }
    }

    /// Tags here every article still waiting for its entities, the pool's included: what an
    /// export needs now.
    fn tag_here(&mut self) {
        let Some(recognizer) = self.recognizer.as_ref() else {
            return;
        };
        let mut all = std::mem::take(&mut self.untagged);
        all.extend(std::mem::take(&mut self.awaiting));
        all.sort_unstable();
        all.dedup();
        for i in all {
            self.articles[i].annotate(recognizer);
            self.index.set(i, &self.articles[i]);
        }
    }

    /// Takes in a pool's tagged articles that are still the versions sent; the answer lists
    /// those taken.
    fn take_tagged(&mut self, batch: Vec<Tagged>) -> Response {
        let mut taken = Vec::new();
        for (i, version, tags) in batch {
            let current = self.versions.get(i) == Some(&version);
            // A set, not a sorted list: answers come for thousands of articles in flight.
            if current && self.awaiting.remove(&i) {
                if self.articles[i].set_tags(tags) {
                    self.index.set(i, &self.articles[i]);
                    taken.push(i);
                } else {
                    // Not the blocks it was sent with (a tagger's fault): tagged again.
                    self.untagged.push(i);
                }
            }
        }
        let done = self.untagged.is_empty() && self.awaiting.is_empty();
        if done
            || self.articles.len() <= RESEND_ALWAYS
            || self.articles.len() >= self.indexed + self.indexed / 4
        {
            self.reindex();
        }
        Response::Tagged(self.update_tags(&taken))
    }

    /// Sends the index's top entries with the next update.
    fn reindex(&mut self) {
        self.indexed = self.articles.len();
        self.index_changed = true;
    }

    /// Tags the articles read since the last call, if the model is here: the answer to send
    /// after a file's, so that a big file's articles show before its entities are found.
    pub fn tag_pending(&mut self) -> Option<Response> {
        let recognizer = self.recognizer.as_ref()?;
        if self.untagged.is_empty() {
            return None;
        }
        if self.delegate {
            // The pool tags them, in batches worth a message's cost (the rest go when the
            // front end says its files are all sent: `Refresh`); until its answers come they
            // wait here, and an export tags whatever still waits itself.
            if self.untagged.len() < POOL_BATCH && !std::mem::take(&mut self.flush) {
                return None;
            }
            let sent = std::mem::take(&mut self.untagged);
            let batch = sent
                .iter()
                .map(|&i| (i, self.versions[i], self.articles[i].clone()))
                .collect();
            self.awaiting.extend(sent);
            return Some(Response::ToTag(batch));
        }
        let touched = std::mem::take(&mut self.untagged);
        for &i in &touched {
            self.articles[i].annotate(recognizer);
            self.index.set(i, &self.articles[i]);
        }
        // The index is always up to date; its top entries go to the page after each quarter
        // of growth. [`Request::Refresh`] sends them when a batch is done.
        if self.articles.len() <= RESEND_ALWAYS
            || self.articles.len() >= self.indexed + self.indexed / 4
        {
            self.reindex();
        }
        Some(Response::Tagged(self.update_tags(&touched)))
    }

    /// The collection so far (or the articles `only`), as a batch would give it.
    pub fn collection(&self, only: Option<&[usize]>) -> Collection {
        let mut stats = self.builder.stats();
        // Dated over the whole collection: a dateline's year may come from another article.
        let mut all = self.articles.clone();
        crate::dates::date_all(&mut all);
        let (articles, entities) = match only {
            None => (all, self.index.entries()),
            Some(only) => {
                let articles: Vec<Article> =
                    only.iter().filter_map(|&i| all.get(i).cloned()).collect();
                stats.articles = articles.len();
                stats.paragraphs = articles.iter().map(|a| a.paragraphs.len()).sum();
                stats.removed_lines = articles.iter().map(|a| a.removed.len()).sum();
                let entities = if self.recognizer.is_some() {
                    crate::index::build(&articles)
                } else {
                    Vec::new()
                };
                (articles, entities)
            }
        };
        stats.entities = entities.len();
        stats.mentions = entities.iter().map(|e| e.mentions).sum();
        Collection {
            articles,
            files: self.builder.files().to_vec(),
            stats,
            entities,
        }
    }

    /// Answers one request.
    pub fn handle(&mut self, request: Request) -> Response {
        match request {
            Request::Model(bytes) => match Recognizer::from_bytes(&bytes) {
                Ok(recognizer) => {
                    for article in &mut self.articles {
                        article.annotate(&recognizer);
                    }
                    // Kept article by article: each is taken back when it is tagged again.
                    self.index = Index::new();
                    for (i, article) in self.articles.iter().enumerate() {
                        self.index.set(i, article);
                    }
                    self.recognizer = Some(recognizer);
                    self.untagged.clear();
                    self.awaiting.clear();
                    self.reindex();
                    let all = (0..self.articles.len()).collect::<Vec<_>>();
                    Response::ModelReady(self.update(&all))
                }
                Err(err) => Response::ModelFailed(format!("the entity model is unusable: {err}")),
            },
            Request::File { name, bytes } => {
                let given = bytes.len();
                let before = self.builder.files().len();
                // The rows this file added: one, or one a member of an archive; a file refused
                // as a whole has its row too.
                let _ = self.builder.add(&name, bytes);
                let files = self.builder.files()[before..].to_vec();
                let touched = self.builder.take_touched();
                if !touched.is_empty() {
                    self.dates = None;
                }
                for &i in &touched {
                    let article = self.builder.articles()[i].clone();
                    self.versions.resize(self.versions.len().max(i + 1), 0);
                    self.versions[i] = self.next_version;
                    self.next_version += 1;
                    if i < self.articles.len() {
                        // A copy merged in or a variant added: the text tagged before stays.
                        let old = std::mem::replace(&mut self.articles[i], article);
                        keep_entities(&old, &mut self.articles[i]);
                    } else {
                        self.articles.push(article);
                    }
                }
                if self.recognizer.is_some() {
                    self.untagged.extend(&touched);
                    self.untagged.sort_unstable();
                    self.untagged.dedup();
                }
                Response::File {
                    given,
                    files,
                    update: self.update(&touched),
                }
            }
            Request::Panic => panic!("a panic asked for (Request::Panic)"),
            Request::Annotate(texts) => {
                let entities = match &self.recognizer {
                    Some(r) => texts.iter().map(|t| r.annotate(t).len()).sum(),
                    None => 0,
                };
                Response::Annotated {
                    entities,
                    millis: 0.0,
                }
            }
            Request::Mentioning { name, label } => {
                // An entry's name is one of its full forms, whose normalised form is its key.
                let articles = self
                    .index
                    .entry(&crate::resolve::normalise(&name))
                    .filter(|e| e.name == name && e.label == label)
                    .map(|e| e.articles)
                    .unwrap_or_default();
                Response::Mentioning {
                    name,
                    label,
                    articles,
                }
            }
            Request::Refresh => {
                // With a pool, its answers bring the entities (and the index, with the last);
                // what waits for a full batch goes now.
                if self.delegate {
                    self.flush = true;
                } else {
                    let _ = self.tag_pending();
                }
                self.reindex();
                Response::Tagged(self.update(&[]))
            }
            Request::Delegate => {
                self.delegate = true;
                Response::Tagged(self.update(&[]))
            }
            Request::Tag(batch) => Response::TaggedArticles(match &self.recognizer {
                Some(recognizer) => batch
                    .into_iter()
                    .map(|(i, version, mut article)| {
                        article.annotate(recognizer);
                        (i, version, article.tags())
                    })
                    .collect(),
                // No model yet: nothing comes back, and the articles wait to be tagged.
                None => Vec::new(),
            }),
            Request::Tagged(batch) => self.take_tagged(batch),
            Request::Overview(query) => {
                let dates = self.take_dates();
                let overview = crate::overview::Overview::of(self.overview_source(&dates), &query);
                self.dates = Some(dates);
                Response::Overview(Box::new(overview))
            }
            Request::Narrow(narrow) => {
                let dates = self.take_dates();
                let articles = crate::overview::narrow(self.overview_source(&dates), &narrow);
                self.dates = Some(dates);
                Response::Narrowed { narrow, articles }
            }
            Request::Export { format, only } => {
                self.tag_here();
                self.reindex();
                let c = self.collection(only.as_deref());
                let (text, mime, name) = match format {
                    ExportFormat::Json => (
                        serde_json::to_string(&c).unwrap_or_default() + "\n",
                        "application/json",
                        "folio.json",
                    ),
                    ExportFormat::Markdown => {
                        (crate::export::to_markdown(&c), "text/markdown", "folio.md")
                    }
                    ExportFormat::Html => (crate::export::to_html(&c), "text/html", "folio.html"),
                };
                Response::Exported {
                    name: name.to_owned(),
                    mime: mime.to_owned(),
                    text,
                }
            }
            Request::Clear => {
                *self = Session {
                    recognizer: self.recognizer.take(),
                    delegate: self.delegate,
                    next_version: self.next_version,
                    ..Session::new()
                };
                Response::Cleared
            }
        }
    }

    /// The articles' dates, as kept or read afresh (put them back after use).
    fn take_dates(&mut self) -> Vec<Option<crate::model::ArticleDate>> {
        self.dates
            .take()
            .filter(|d| d.len() == self.articles.len())
            .unwrap_or_else(|| crate::dates::dates_of(&self.articles))
    }

    /// What the overview reads: the articles as tagged so far (a pool's answers still on
    /// their way count once they come), their dates, the index and the files.
    fn overview_source<'a>(
        &'a self,
        dates: &'a [Option<crate::model::ArticleDate>],
    ) -> crate::overview::Source<'a> {
        crate::overview::Source {
            articles: &self.articles,
            dates,
            index: &self.index,
            files: self.builder.files(),
        }
    }

    /// An update carrying the articles `touched` whole (their text is new to the front end).
    fn update(&mut self, touched: &[usize]) -> Update {
        Update {
            articles: touched
                .iter()
                .map(|&i| (i, self.articles[i].clone()))
                .collect(),
            ..self.totals()
        }
    }

    /// An update carrying only the entities of the articles `tagged`, whose text the front
    /// end has (every change to an article's text is sent whole at once, in order).
    fn update_tags(&mut self, tagged: &[usize]) -> Update {
        Update {
            tagged: tagged
                .iter()
                .map(|&i| (i, self.articles[i].tags()))
                .collect(),
            ..self.totals()
        }
    }

    /// An update of the totals and, if it changed, the index's top entries.
    fn totals(&mut self) -> Update {
        let mut stats = self.builder.stats();
        stats.entities = self.index.len();
        stats.mentions = self.index.mentions();
        Update {
            articles: Vec::new(),
            tagged: Vec::new(),
            entities: std::mem::take(&mut self.index_changed).then(|| {
                self.index
                    .top(INDEX_SENT)
                    .into_iter()
                    .map(|e| IndexEntry {
                        articles: Vec::new(),
                        ..e.clone()
                    })
                    .collect()
            }),
            stats,
            waiting: self.waiting(),
            pooled: 0,
        }
    }

    /// Articles read and not tagged yet: those to hand on and those out with the pool (an
    /// article changed while out is in both, and counted once).
    fn waiting(&self) -> usize {
        let out = &self.awaiting;
        out.len() + self.untagged.iter().filter(|i| !out.contains(i)).count()
    }
}

/// Carries the entities of an article's blocks over to its new version where the text is the
/// same (merging a copy or adding a variant leaves the primary text as it was).
fn keep_entities(old: &Article, new: &mut Article) {
    let carry = |old: &mut dyn Iterator<Item = &Block>,
                 new: &mut dyn Iterator<Item = &mut Block>| {
        for (o, n) in old.zip(new) {
            if o.text == n.text {
                n.entities = o.entities.clone();
            }
        }
    };
    carry(&mut old.blocks(), &mut new.blocks_mut());
    for (o, n) in old.variants.iter().zip(&mut new.variants) {
        carry(&mut o.blocks(), &mut n.blocks_mut());
    }
}

#[cfg(all(test, feature = "embedded-model"))]
mod tests;
