//! The entity index: one entry per entity of a collection, with its aliases, mention count
//! and the articles it appears in.
//!
//! Which entity a mention names is decided inside its own article ([`crate::resolve`] sets
//! every entity's `key`: `Blair` after `Tony Blair` is `tony blair`), so across the collection
//! entries join only by identical keys: no short name is merged into a long one because they
//! share a word somewhere else in the collection. That makes the index a group-by, linear in
//! the mentions, and lets it grow as files arrive: [`Index::set`] adds an article's mentions
//! (taking back what the article contributed before), and [`Index::entries`] lists the
//! entries, the same whatever order the articles came in.
//!
//! Each entry takes the label most of its mentions got, and the name most of its full forms
//! were written as; the other forms are its aliases.

use rustc_hash::FxHashMap;

use crate::model::{Article, IndexEntry, Label};

/// One entry's mentions, by label, by form and by article.
#[derive(Default, Debug, Clone)]
struct Group {
    key: String,
    labels: [usize; Label::ALL.len()],
    /// Each form as written, how often, and whether it is the key itself (a full form) rather
    /// than a short form resolved to it.
    forms: FxHashMap<String, (usize, bool)>,
    /// Mentions in each article naming it.
    articles: FxHashMap<usize, usize>,
    mentions: usize,
}

impl Group {
    fn label(&self) -> Label {
        // Ties go to the label listed first in `Label::ALL`, so the result is deterministic.
        let mut best = 0;
        for (i, &n) in self.labels.iter().enumerate() {
            if n > self.labels[best] {
                best = i;
            }
        }
        Label::ALL[best]
    }

    fn entry(&self) -> IndexEntry {
        let label = self.label();
        let mut forms: Vec<(&str, usize, bool)> = self
            .forms
            .iter()
            .map(|(f, &(n, full))| (f.as_str(), n, full))
            .collect();
        // The name: the full form written most often, then the longest, then the first in
        // alphabetical order; the aliases most frequent first.
        forms.sort_by(|a, b| {
            b.2.cmp(&a.2)
                .then(b.1.cmp(&a.1))
                .then(b.0.len().cmp(&a.0.len()))
                .then(a.0.cmp(b.0))
        });
        let name = forms[0].0.to_owned();
        let mut aliases: Vec<(&str, usize)> = forms[1..].iter().map(|f| (f.0, f.1)).collect();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let mut articles: Vec<usize> = self.articles.keys().copied().collect();
        articles.sort_unstable();
        IndexEntry {
            name,
            label,
            aliases: aliases.into_iter().map(|(f, _)| f.to_owned()).collect(),
            mentions: self.mentions,
            articles,
            surname: label == Label::PER && !self.key.contains(' '),
            key: self.key.clone(),
        }
    }
}

/// The entity index of a collection, kept up to date article by article.
#[derive(Default, Debug, Clone)]
pub struct Index {
    groups: FxHashMap<String, Group>,
    /// What each article contributed: (key, label, form) of each mention, to take back when
    /// the article changes.
    contributed: FxHashMap<usize, Vec<(String, Label, String)>>,
    mentions: usize,
}

/// The key a mention is grouped by: its own, or its normalised text where it has none (an
/// entity made outside the recognizer).
pub(crate) fn key_of(e: &crate::model::Entity) -> std::borrow::Cow<'_, str> {
    if e.key.is_empty() {
        crate::resolve::normalise(&e.text).into()
    } else {
        e.key.as_str().into()
    }
}

impl Index {
    /// An empty index.
    pub fn new() -> Index {
        Index::default()
    }

    /// The index of every entity of `articles`, built once: what each article contributed
    /// is not kept, so it cannot be taken back ([`Index::set`] on such an index adds twice).
    pub fn of(articles: &[Article]) -> Index {
        let mut index = Index::new();
        for (a, article) in articles.iter().enumerate() {
            index.add(a, article, false);
        }
        index
    }

    /// Makes article `a`'s mentions those of `article` (titles, captions and paragraphs;
    /// variants are copies and are not counted), taking back what it had before.
    pub fn set(&mut self, a: usize, article: &Article) {
        self.remove(a);
        self.add(a, article, true);
    }

    /// Adds article `a`'s mentions, and keeps them to take back if `keep`.
    fn add(&mut self, a: usize, article: &Article, keep: bool) {
        let mut kept = Vec::new();
        for e in article.blocks().flat_map(|b| &b.entities) {
            let key = key_of(e);
            if !self.groups.contains_key(&*key) {
                let group = Group {
                    key: key.to_string(),
                    ..Group::default()
                };
                self.groups.insert(key.to_string(), group);
            }
            let g = self.groups.get_mut(&*key).expect("inserted");
            g.labels[e.label as usize] += 1;
            // Whether a form is the key itself (a full form) is read once, when it is new.
            match g.forms.get_mut(e.text.as_str()) {
                Some(f) => f.0 += 1,
                None => {
                    let full = crate::resolve::normalise(&e.text) == *key;
                    g.forms.insert(e.text.clone(), (1, full));
                }
            }
            *g.articles.entry(a).or_default() += 1;
            g.mentions += 1;
            self.mentions += 1;
            if keep {
                kept.push((key.into_owned(), e.label, e.text.clone()));
            }
        }
        if !kept.is_empty() {
            self.contributed.insert(a, kept);
        }
    }

    /// Takes back article `a`'s mentions.
    pub fn remove(&mut self, a: usize) {
        let Some(mentions) = self.contributed.remove(&a) else {
            return;
        };
        self.mentions -= mentions.len();
        for (key, label, form) in mentions {
            let g = self.groups.get_mut(&key).expect("contributed to");
            g.labels[label as usize] -= 1;
            g.mentions -= 1;
            if let Some(f) = g.forms.get_mut(&form) {
                f.0 -= 1;
                if f.0 == 0 {
                    g.forms.remove(&form);
                }
            }
            if let Some(n) = g.articles.get_mut(&a) {
                *n -= 1;
                if *n == 0 {
                    g.articles.remove(&a);
                }
            }
            if g.mentions == 0 {
                self.groups.remove(&key);
            }
        }
    }

    /// How many entries there are.
    pub fn len(&self) -> usize {
        self.groups.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Every mention counted.
    pub fn mentions(&self) -> usize {
        self.mentions
    }

    /// The entry of `key`.
    pub fn entry(&self, key: &str) -> Option<IndexEntry> {
        self.groups.get(key).map(Group::entry)
    }

    /// The `n` most mentioned entries, in the order of [`Index::entries`].
    pub fn top(&self, n: usize) -> Vec<IndexEntry> {
        best(self.groups.values().collect(), n, |a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then(a.label().cmp(&b.label()))
                .then(a.key.cmp(&b.key))
        })
    }

    /// For each of `labels`, its `n` entries named in the most articles (then the most
    /// mentioned, then by key): the overview's bars. One pass over the entries, whatever
    /// their number.
    pub(crate) fn most_named(&self, labels: &[Label], n: usize) -> Vec<Vec<IndexEntry>> {
        let mut by_label: Vec<Vec<&Group>> = vec![Vec::new(); labels.len()];
        for g in self.groups.values() {
            let label = g.label();
            if let Some(i) = labels.iter().position(|&l| l == label) {
                by_label[i].push(g);
            }
        }
        by_label
            .into_iter()
            .map(|groups| {
                best(groups, n, |a, b| {
                    b.articles
                        .len()
                        .cmp(&a.articles.len())
                        .then(b.mentions.cmp(&a.mentions))
                        .then(a.key.cmp(&b.key))
                })
            })
            .collect()
    }

    /// Each article naming `key`, with its mentions there, in reading order.
    pub(crate) fn mentions_by_article(&self, key: &str) -> Vec<(usize, usize)> {
        let mut articles: Vec<(usize, usize)> = self
            .groups
            .get(key)
            .map(|g| g.articles.iter().map(|(&a, &n)| (a, n)).collect())
            .unwrap_or_default();
        articles.sort_unstable();
        articles
    }

    /// The label of `key`'s entry and how many articles name it.
    pub(crate) fn label_and_reach(&self, key: &str) -> Option<(Label, usize)> {
        self.groups.get(key).map(|g| (g.label(), g.articles.len()))
    }

    /// Every entry, most mentioned first, then by label and key: one order whatever order
    /// the articles came in.
    pub fn entries(&self) -> Vec<IndexEntry> {
        self.top(self.groups.len())
    }
}

/// The `n` first of `groups` in `order`, as entries: a selection, then a sort of the few kept.
fn best(
    mut groups: Vec<&Group>,
    n: usize,
    order: impl Fn(&&Group, &&Group) -> std::cmp::Ordering,
) -> Vec<IndexEntry> {
    if groups.len() > n {
        groups.select_nth_unstable_by(n, &order);
        groups.truncate(n);
    }
    groups.sort_by(order);
    groups.into_iter().map(Group::entry).collect()
}

/// Builds the index of every entity in `articles`. Entries come most-mentioned first.
pub fn build(articles: &[Article]) -> Vec<IndexEntry> {
    Index::of(articles).entries()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Entity};

    /// An article of one block of these names, resolved as the recognizer resolves them.
    fn article(mentions: &[(&str, Label)]) -> Article {
        let text: String = mentions
            .iter()
            .map(|(t, _)| *t)
            .collect::<Vec<_>>()
            .join(" ");
        let mut entities = Vec::new();
        let mut at = 0;
        for (t, l) in mentions {
            let n = t.chars().count();
            entities.push(Entity {
                start: at,
                end: at + n,
                label: *l,
                text: (*t).to_owned(),
                key: String::new(),
            });
            at += n + 1;
        }
        let mut found = vec![entities];
        crate::resolve::document(&[&text], &mut found);
        let mut block = Block::new(text);
        block.entities = found.pop().expect("one block");
        Article {
            title: Block::new("t"),
            paragraphs: vec![block],
            ..Article::default()
        }
    }

    #[test]
    fn surnames_join_the_full_name_their_article_gives() {
        let index = build(&[
            article(&[("Najib Mikati", Label::PER), ("Mikati", Label::PER)]),
            article(&[("Mikati’s", Label::PER), ("Tyre", Label::LOC)]),
        ]);
        let mikati = &index[0];
        assert_eq!(mikati.name, "Najib Mikati");
        assert_eq!(mikati.mentions, 2);
        assert_eq!(mikati.articles, [0]);
        assert_eq!(mikati.aliases, ["Mikati"]);
        assert!(!mikati.surname);
        // The second article never names Najib Mikati: its Mikati is a surname of its own.
        let alone = index.iter().find(|e| e.key == "mikati").unwrap();
        assert_eq!((alone.articles.as_slice(), alone.surname), (&[1][..], true));
        assert_eq!(index.len(), 3);
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
    fn places_never_join_by_containment() {
        let index = build(&[
            article(&[("UK High Street", Label::LOC)]),
            article(&[("UK", Label::LOC), ("France", Label::LOC)]),
            article(&[("Stade de France", Label::LOC)]),
        ]);
        assert_eq!(index.len(), 4);
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

    proptest::proptest! {
        /// Built article by article in any order, with articles replaced on the way, the index
        /// is the one built at once.
        #[test]
        fn any_order_gives_the_same_index(
            picks in proptest::collection::vec(
                proptest::collection::vec((0usize..8, 0usize..3), 0..6),
                1..12,
            ),
            order in proptest::collection::vec(0usize..100, 0..30),
        ) {
            let names = [
                "Tony Blair", "Blair", "Cherie Blair", "UK", "UK High Street", "SEC",
                "Securities and Exchange Commission", "Blair’s",
            ];
            let labels = [Label::PER, Label::ORG, Label::LOC];
            let articles: Vec<Article> = picks
                .iter()
                .map(|p| {
                    let m: Vec<(&str, Label)> =
                        p.iter().map(|&(n, l)| (names[n], labels[l])).collect();
                    article(&m)
                })
                .collect();
            let at_once = build(&articles);
            let mut index = Index::new();
            for &o in &order {
                let a = o % articles.len();
                // Another article's mentions first, then its own: a replacement.
                index.set(a, &articles[(a + 1) % articles.len()]);
                index.set(a, &articles[a]);
            }
            for (a, article) in articles.iter().enumerate().rev() {
                index.set(a, article);
            }
            proptest::prop_assert_eq!(index.entries(), at_once.clone());
            proptest::prop_assert_eq!(index.mentions(), at_once.iter().map(|e| e.mentions).sum::<usize>());
            for n in [0, 1, 3] {
                proptest::prop_assert_eq!(index.top(n), at_once.iter().take(n).cloned().collect::<Vec<_>>());
            }
        }
    }
}
