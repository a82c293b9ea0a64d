//! What a front end receives as the collection grows, and how it applies it: the articles a
//! file added or changed, whole, and for articles it already holds only the entities found
//! since. An article's text crosses from the worker once, not again with its entities: on a
//! folder of sixteen thousand one-article files the second copy was half of everything the
//! worker wrote and the page read (and, in a pool, the taggers' answers are the same lists).

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::model::{Article, Entity, IndexEntry, Stats};

/// The changes to the collection since the previous update.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Update {
    /// Articles added or changed, with their index in the collection.
    pub articles: Vec<(usize, Article)>,
    /// Articles whose text the front end has (from an earlier update) and whose entities were
    /// found since: their index and the entities. Applied after `articles`.
    #[serde(default)]
    pub tagged: Vec<(usize, Tags)>,
    /// The entity index's most mentioned entries, at most 400 (what a panel shows;
    /// a collection of many files has tens of thousands, and the page need not hold them),
    /// without their article lists, which grow with the collection: ask with
    /// [`Request::Mentioning`](super::Request::Mentioning). `None` when the index is as last
    /// sent: a folder of ten thousand small files would otherwise send the same 400 entries
    /// twenty thousand times.
    pub entities: Option<Vec<IndexEntry>>,
    /// The collection's totals.
    pub stats: Stats,
    /// Articles read and still waiting for their entities (none without a model): what a
    /// front end's progress counts down once every file is read.
    pub waiting: usize,
    /// Articles a front end's tagging workers have tagged so far: filled in by the worker
    /// that hands them their batches (the session cannot tell its own from theirs).
    pub pooled: usize,
}

impl Update {
    /// Brings a front end's articles (each behind an `Rc`, so that its views share them) up to
    /// date with this update: whole articles put in place, then entities set on those it has.
    /// Entities for an article it does not have, or whose blocks differ, are left out (the
    /// session sends an article whole whenever its text changes, so that does not happen).
    pub fn apply_to(&mut self, articles: &mut Vec<Rc<Article>>) {
        for (i, article) in self.articles.drain(..) {
            if i < articles.len() {
                articles[i] = Rc::new(article);
            } else {
                articles.push(Rc::new(article));
            }
        }
        for (i, tags) in self.tagged.drain(..) {
            // Copied only if a view still holds it (`set_tags` changes nothing when it fails).
            if let Some(article) = articles.get_mut(i) {
                Rc::make_mut(article).set_tags(tags);
            }
        }
    }
}

/// The entities of every block of an article, in reading order: its title, captions and
/// paragraphs, then each variant's.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tags(pub Vec<Vec<Entity>>);

impl Article {
    /// The entities of its blocks and its variants' ([`Tags`]).
    pub fn tags(&self) -> Tags {
        let variants = self.variants.iter().flat_map(|v| v.blocks());
        Tags(
            self.blocks()
                .chain(variants)
                .map(|b| b.entities.clone())
                .collect(),
        )
    }

    /// Sets the entities of its blocks and its variants' from `tags`; false, and nothing set,
    /// when `tags` has not one list a block.
    pub fn set_tags(&mut self, tags: Tags) -> bool {
        let blocks = self.blocks().count()
            + self
                .variants
                .iter()
                .map(|v| v.blocks().count())
                .sum::<usize>();
        if blocks != tags.0.len() {
            return false;
        }
        let mut tags = tags.0.into_iter();
        let Article {
            title,
            captions,
            paragraphs,
            variants,
            ..
        } = self;
        let own = std::iter::once(title).chain(captions).chain(paragraphs);
        let theirs = variants.iter_mut().flat_map(|v| v.blocks_mut());
        for (block, entities) in own.chain(theirs).zip(&mut tags) {
            block.entities = entities;
        }
        true
    }
}
