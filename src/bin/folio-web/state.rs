//! The page's state and the one reducer that changes it.

use std::rc::Rc;

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
        titles: Vec<String>,
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
                titles: collection
                    .articles
                    .iter()
                    .map(|a| a.title.text.to_string())
                    .collect(),
            },
        }
    }
}

/// Everything the page shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub files: Vec<Loaded>,
    /// Files being read right now.
    pub pending: usize,
}

/// What can happen to the page.
pub enum Action {
    /// Reading of this many files started.
    Started(usize),
    /// A file was read (or failed).
    Loaded(Loaded),
    /// Forget every file.
    Clear,
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
            }
            Action::Clear => next = State::default(),
        }
        Rc::new(next)
    }
}
