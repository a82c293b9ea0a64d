//! A front end's conversation with the core: files and the entity model in, updates out.
//!
//! The page runs a [`Session`] in a web worker so that reading never blocks the tab: it posts
//! a [`Request`] per file and redraws from each [`Update`], which carries only what changed —
//! the articles the file added or touched, already tagged if the model has arrived — so that
//! the first articles show while the rest are read. Nothing here knows about workers or the
//! browser, so it is tested natively like the rest of the core.

use serde::{Deserialize, Serialize};

use crate::entities::Recognizer;
use crate::index::IndexEntry;
use crate::{Article, Builder, FileInfo, Options, Stats};

/// What a front end asks of the core.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Request {
    /// The bytes of the entity model (`models/ner.bin`).
    Model(Vec<u8>),
    /// Read one file.
    File { name: String, bytes: Vec<u8> },
    /// Forget every file read.
    Clear,
}

/// What the core answers.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Response {
    /// The model is ready: every article so far comes again, tagged.
    ModelReady(Update),
    /// The model could not be read; articles go on without entities.
    ModelFailed(String),
    /// A file was read (or refused: its `FileInfo` carries the error).
    File(FileInfo, Update),
    /// Everything was forgotten.
    Cleared,
}

/// The changes to the collection since the previous update.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Update {
    /// Articles added or changed, with their index in the collection.
    pub articles: Vec<(usize, Article)>,
    /// The whole entity index (small beside the articles).
    pub entities: Vec<IndexEntry>,
    pub stats: Stats,
}

/// The core's side of the conversation: the collection being built, and the model.
#[derive(Debug)]
pub struct Session {
    builder: Builder,
    recognizer: Option<Recognizer>,
    /// The articles as last sent, tagged: the entity index is built over these.
    articles: Vec<Article>,
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
                    self.recognizer = Some(recognizer);
                    let all = (0..self.articles.len()).collect::<Vec<_>>();
                    Response::ModelReady(self.update(&all))
                }
                Err(err) => Response::ModelFailed(format!("the entity model is unusable: {err}")),
            },
            Request::File { name, bytes } => {
                let info = match self.builder.add(&name, bytes) {
                    Ok(info) => info.clone(),
                    Err(_) => self
                        .builder
                        .files()
                        .last()
                        .cloned()
                        .expect("a failed file is listed"),
                };
                let touched = self.builder.take_touched();
                for &i in &touched {
                    let mut article = self.builder.articles()[i].clone();
                    if let Some(r) = &self.recognizer {
                        article.annotate(r);
                    }
                    if i < self.articles.len() {
                        self.articles[i] = article;
                    } else {
                        self.articles.push(article);
                    }
                }
                Response::File(info, self.update(&touched))
            }
            Request::Clear => {
                *self = Session {
                    recognizer: self.recognizer.take(),
                    ..Session::new()
                };
                Response::Cleared
            }
        }
    }

    fn update(&self, touched: &[usize]) -> Update {
        let entities = if self.recognizer.is_some() {
            crate::index::build(&self.articles)
        } else {
            Vec::new()
        };
        let mut stats = self.builder.stats();
        stats.entities = entities.len();
        stats.mentions = entities.iter().map(|e| e.mentions).sum();
        Update {
            articles: touched
                .iter()
                .map(|&i| (i, self.articles[i].clone()))
                .collect(),
            entities,
            stats,
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn seed() -> Vec<u8> {
        std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/samples/000_952273073e7dcb6a.txt"),
        )
        .unwrap()
    }

    #[test]
    fn files_stream_as_updates_and_the_model_tags_what_came_before() {
        let mut s = Session::new();
        let Response::File(info, update) = s.handle(Request::File {
            name: "seed.txt".into(),
            bytes: seed(),
        }) else {
            panic!("a file gets a file response")
        };
        assert_eq!((info.lines, info.articles), (67, 2));
        assert_eq!(update.articles.len(), 2);
        assert!(
            update.articles[0].1.title.entities.is_empty(),
            "no model yet"
        );
        // The same file again: one touched article each, nothing new.
        let Response::File(_, again) = s.handle(Request::File {
            name: "copy.txt".into(),
            bytes: seed(),
        }) else {
            panic!()
        };
        assert_eq!(again.stats.articles, 2);
        assert_eq!(again.stats.duplicate_articles, 2);
        assert!(again.articles.iter().all(|(_, a)| a.sources.len() == 2));
        let Response::ModelReady(tagged) =
            s.handle(Request::Model(crate::entities::EMBEDDED_MODEL.to_vec()))
        else {
            panic!("the model loads")
        };
        assert_eq!(tagged.articles.len(), 2);
        assert!(tagged.entities.iter().any(|e| e.name == "Najib Mikati"));
        assert!(tagged.stats.entities > 0);
    }

    #[test]
    fn refused_files_and_bad_models_are_answered_not_fatal() {
        let mut s = Session::new();
        let Response::File(info, update) = s.handle(Request::File {
            name: "photo.png".into(),
            bytes: b"\x89PNG\r\n\x1a\n\0\0".to_vec(),
        }) else {
            panic!()
        };
        assert!(info.error.as_deref().unwrap().contains("photo.png"));
        assert!(update.articles.is_empty());
        assert!(matches!(
            s.handle(Request::Model(b"not a model".to_vec())),
            Response::ModelFailed(_)
        ));
        assert!(matches!(s.handle(Request::Clear), Response::Cleared));
    }
}
