//! The page's state and the one reducer that changes it.

use std::rc::Rc;

use folio::entities::Recognizer;
use folio::{Article, Collection};
use yew::Reducible;

/// The seed sample, embedded at build time for the "Try the sample" button.
pub const SAMPLE_NAME: &str = "000_952273073e7dcb6a.txt";
pub const SAMPLE: &[u8] = include_bytes!("../../../assets/seed-sample.txt");

/// One file the person gave us, as the core read it.
#[derive(Clone, Debug, PartialEq)]
pub enum Loaded {
    /// Read as text.
    Read {
        name: String,
        bytes: usize,
        lines: usize,
        encoding: String,
        articles: Vec<Article>,
    },
    /// Could not be read; the message names the file.
    Failed { name: String, message: String },
}

impl Loaded {
    /// Reads one file with the core, on this thread (the shell's files are small; the viewer
    /// moves this into a worker).
    pub fn read(name: &str, bytes: Vec<u8>) -> Loaded {
        let options = folio::Options {
            entities: false,
            ..folio::Options::default()
        };
        let collection = folio::process([(name.to_owned(), bytes)], &options);
        let info = &collection.files[0];
        match &info.error {
            Some(message) => Loaded::Failed {
                name: name.to_owned(),
                message: message.clone(),
            },
            None => Loaded::Read {
                name: name.to_owned(),
                bytes: info.bytes,
                lines: info.lines,
                encoding: info.encoding.clone().unwrap_or_default(),
                articles: collection.articles,
            },
        }
    }
}

/// Everything the page shows.
#[derive(Clone, Debug, Default)]
pub struct State {
    pub files: Vec<Loaded>,
    /// Files being read right now.
    pub pending: usize,
    /// The articles of every file read, tagged once the model has arrived.
    pub collection: Rc<Collection>,
    /// The entity model, downloaded after the first paint; until then articles show plain.
    pub recognizer: Option<Rc<Recognizer>>,
    /// Why the model could not be had, if it could not.
    pub model_error: Option<String>,
    /// The article open in the reader.
    pub open: usize,
}

impl State {
    /// The collection of every file read, annotated if the model is here.
    fn rebuild(&mut self) {
        let mut collection = Collection::default();
        for f in &self.files {
            if let Loaded::Read { articles, .. } = f {
                collection.articles.extend(articles.iter().cloned());
            }
        }
        if let Some(r) = &self.recognizer {
            collection.annotate(r);
        }
        self.collection = Rc::new(collection);
    }
}

/// What can happen to the page.
pub enum Action {
    /// Reading of this many files started.
    Started(usize),
    /// A file was read (or failed).
    Loaded(Loaded),
    /// Forget every file.
    Clear,
    /// The entity model arrived (or could not be had).
    Model(Result<Rc<Recognizer>, String>),
    /// Open this article in the reader.
    Open(usize),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Started(n) => next.pending += n,
            Action::Loaded(file) => {
                next.pending = next.pending.saturating_sub(1);
                next.files.push(file);
                next.rebuild();
            }
            Action::Clear => {
                next = State {
                    recognizer: self.recognizer.clone(),
                    model_error: self.model_error.clone(),
                    ..State::default()
                }
            }
            Action::Model(Ok(recognizer)) => {
                next.recognizer = Some(recognizer);
                next.rebuild();
            }
            Action::Model(Err(message)) => next.model_error = Some(message),
            Action::Open(i) => next.open = i,
        }
        Rc::new(next)
    }
}
