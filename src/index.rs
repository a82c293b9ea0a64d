//! The entity index: one entry per entity of a collection, with its aliases, mention count
//! and the articles it appears in.
//!
//! News names a person in full once (`Najib Mikati`) and by surname afterwards (`Mikati`), and
//! writes one name several ways (`Asa’ib` and `Asa'ib`, `U.S.` and `U.s.` in a title). The index
//! folds those together so the entity panel lists a person once. Mentions are first grouped by
//! a normalised form; each group takes the label most of its mentions got; then a one-word
//! person or a shorter form is merged into the longer name that ends (or starts) with it, when
//! exactly one such name exists — two Smiths stay apart.

use crate::model::{Article, IndexEntry, Label};
use rustc_hash::FxHashMap;

/// The form mentions are grouped by: ASCII quotes and apostrophes, no possessive, case folded.
pub fn normalise(text: &str) -> String {
    let mut s: String = text
        .chars()
        .map(|c| match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' => '"',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for suffix in ["'s", "'"] {
        if s.len() > suffix.len() + 1 && s.ends_with(suffix) {
            s.truncate(s.len() - suffix.len());
        }
    }
    s.to_lowercase()
}

#[derive(Default)]
struct Group {
    labels: FxHashMap<Label, usize>,
    forms: FxHashMap<String, usize>,
    articles: Vec<usize>,
    mentions: usize,
}

impl Group {
    fn label(&self) -> Label {
        // Ties go to the label listed first in `Label::ALL`, so the result is deterministic.
        *self
            .labels
            .iter()
            .max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l)))
            .map(|(l, _)| l)
            .expect("a group has mentions")
    }

    fn absorb(&mut self, other: Group) {
        for (l, n) in other.labels {
            *self.labels.entry(l).or_default() += n;
        }
        for (f, n) in other.forms {
            *self.forms.entry(f).or_default() += n;
        }
        self.articles.extend(other.articles);
        self.mentions += other.mentions;
    }
}

/// Builds the index of every entity in `articles` (titles, captions and paragraphs; variants
/// are copies and are not counted). Entries come most-mentioned first.
pub fn build(articles: &[Article]) -> Vec<IndexEntry> {
    let mut groups: FxHashMap<String, Group> = FxHashMap::default();
    for (a, article) in articles.iter().enumerate() {
        for e in article.blocks().flat_map(|b| &b.entities) {
            let g = groups.entry(normalise(&e.text)).or_default();
            *g.labels.entry(e.label).or_default() += 1;
            *g.forms.entry(e.text.clone()).or_default() += 1;
            if g.articles.last() != Some(&a) {
                g.articles.push(a);
            }
            g.mentions += 1;
        }
    }
    // Merge shorter names into the one longer name of the same label that contains them as
    // whole words at its start or end (`Mikati` into `Najib Mikati`).
    let mut keys: Vec<(String, Label)> =
        groups.iter().map(|(k, g)| (k.clone(), g.label())).collect();
    keys.sort_by(|a, b| {
        b.0.split(' ')
            .count()
            .cmp(&a.0.split(' ').count())
            .then(a.0.cmp(&b.0))
    });
    // Longest first, so that `Najib Mikati` joins `Prime Minister Najib Mikati` before
    // `Mikati` looks for the one name it belongs to.
    for (short, label) in &keys {
        if !matches!(label, Label::PER | Label::ORG | Label::LOC | Label::MISC) {
            continue;
        }
        let containing: Vec<&String> = keys
            .iter()
            .filter(|(long, l)| {
                l == label
                    && long.len() > short.len()
                    && (long.ends_with(&format!(" {short}"))
                        || *label != Label::PER && long.starts_with(&format!("{short} ")))
            })
            .map(|(long, _)| long)
            .filter(|long| groups.contains_key(*long))
            .collect();
        if let [long] = containing[..] {
            let long = long.clone();
            if let Some(g) = groups.remove(short) {
                groups.get_mut(&long).expect("present").absorb(g);
            }
        }
    }
    let mut out: Vec<IndexEntry> = groups
        .into_values()
        .map(|mut g| {
            g.articles.sort_unstable();
            g.articles.dedup();
            let label = g.label();
            let mut forms: Vec<(String, usize)> = g.forms.into_iter().collect();
            // The fullest form names the entry; ties go to the most frequent, then the first
            // in alphabetical order.
            forms.sort_by(|a, b| {
                b.0.split_whitespace()
                    .count()
                    .cmp(&a.0.split_whitespace().count())
                    .then(b.1.cmp(&a.1))
                    .then(a.0.cmp(&b.0))
            });
            let name = forms.remove(0).0;
            forms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            IndexEntry {
                name,
                label,
                aliases: forms.into_iter().map(|(f, _)| f).collect(),
                mentions: g.mentions,
                articles: g.articles,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then(a.label.cmp(&b.label))
            .then(a.name.cmp(&b.name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Entity};

    fn article(mentions: &[(&str, Label)]) -> Article {
        let text: String = mentions
            .iter()
            .map(|(t, _)| *t)
            .collect::<Vec<_>>()
            .join(" ");
        let mut block = Block::new(text);
        let mut at = 0;
        for (t, l) in mentions {
            let n = t.chars().count();
            block.entities.push(Entity {
                start: at,
                end: at + n,
                label: *l,
                text: (*t).to_owned(),
            });
            at += n + 1;
        }
        Article {
            title: Block::new("t"),
            paragraphs: vec![block],
            ..Article::default()
        }
    }

    #[test]
    fn surnames_join_the_full_name() {
        let index = build(&[
            article(&[("Najib Mikati", Label::PER), ("Mikati", Label::PER)]),
            article(&[("Mikati’s", Label::PER), ("Tyre", Label::LOC)]),
        ]);
        let mikati = &index[0];
        assert_eq!(mikati.name, "Najib Mikati");
        assert_eq!(mikati.mentions, 3);
        assert_eq!(mikati.articles, [0, 1]);
        assert_eq!(mikati.aliases.len(), 2);
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn two_people_sharing_a_surname_stay_apart() {
        let index = build(&[article(&[
            ("John Smith", Label::PER),
            ("Jane Smith", Label::PER),
            ("Smith", Label::PER),
        ])]);
        assert_eq!(index.len(), 3);
    }

    #[test]
    fn the_majority_label_wins() {
        let index = build(&[article(&[
            ("Mikati", Label::PER),
            ("Mikati", Label::ORG),
            ("Mikati", Label::PER),
        ])]);
        assert_eq!(
            (index.len(), index[0].label, index[0].mentions),
            (1, Label::PER, 3)
        );
    }
}
