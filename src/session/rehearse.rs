//! A rehearsal: the whole pipeline run over a short text and thrown away.
//!
//! A WebAssembly engine first runs the core from quickly made baseline code and compiles each
//! function again, optimised, once it has run a while: in Chromium, on helper threads. Left to
//! the user's first folder, that compiling competes with the reading for the cores (measured on
//! two cores: about a second of CPU in a ten-megabyte folder's three, more with more workers,
//! each compiling its own). A worker rehearses once its model is in, while the user is still
//! choosing files, so the hot code is optimised before their first file comes. Nothing of the
//! session changes; natively it is merely work done twice.

use super::Session;
use crate::builder::{Builder, Options};
use crate::index::Index;

impl Session {
    /// Reads `text` as a file, tags its articles and indexes them, `rounds` times over, keeping
    /// nothing; answers how many entities were found in all (nothing without the model). Every
    /// other round reads the same articles as a structured dump (JSON lines, as scrapers
    /// write them), whose reading is code of its own.
    pub fn rehearse(&self, text: &[u8], rounds: usize) -> usize {
        let Some(recognizer) = self.recognizer.as_ref() else {
            return 0;
        };
        let mut found = 0;
        for round in 0..rounds {
            let (name, bytes) = if round % 2 == 0 {
                (format!("rehearsal-{round}.txt"), text.to_vec())
            } else {
                (format!("rehearsal-{round}.jsonl"), as_json_lines(text))
            };
            let mut builder = Builder::new(Options {
                entities: false,
                ..Options::default()
            });
            let _ = builder.add(&name, bytes);
            let mut articles = builder.finish().articles;
            let mut index = Index::new();
            for (i, article) in articles.iter_mut().enumerate() {
                article.annotate(recognizer);
                index.set(i, article);
                found += article.blocks().map(|b| b.entities.len()).sum::<usize>();
            }
        }
        found
    }
}

/// The articles of `text` as a dump of JSON lines (`title`, `content`), each with its text
/// again at its head, as many scrapers write it.
fn as_json_lines(text: &[u8]) -> Vec<u8> {
    let mut builder = Builder::new(Options {
        entities: false,
        ..Options::default()
    });
    let _ = builder.add("rehearsal.txt", text.to_vec());
    let mut out = Vec::new();
    for article in builder.finish().articles {
        let title = article.title.text.as_str();
        let body: Vec<&str> = article.blocks().map(|b| b.text.as_str()).collect();
        let line = serde_json::json!({ "title": title, "content": body.join("\n\n") });
        out.extend_from_slice(line.to_string().as_bytes());
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rehearsal_reads_both_forms_and_leaves_the_session_as_it_was() {
        let text = include_bytes!("../../assets/seed-sample.txt");
        let lines = as_json_lines(text);
        let articles = crate::process(
            [("sample.txt".to_owned(), text.to_vec())],
            &Options::default(),
        )
        .articles
        .len();
        assert!(articles >= 1);
        assert_eq!(
            lines
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .count(),
            articles,
            "a line an article"
        );
        let mut session = Session::new();
        assert_eq!(
            session.rehearse(text, 2),
            0,
            "nothing is tagged without the model"
        );
        session.handle(crate::session::Request::Model(
            crate::EMBEDDED_MODEL.to_vec(),
        ));
        let before = format!("{session:?}");
        let text_round = session.rehearse(text, 1);
        let both = session.rehearse(text, 2);
        assert!(text_round > 0);
        assert!(both > text_round, "the JSON lines round finds names too");
        assert_eq!(format!("{session:?}"), before);
    }
}
