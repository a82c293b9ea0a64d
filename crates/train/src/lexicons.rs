//! What the features consult besides the sentence: name lists, how words are written, word
//! clusters. Training must not let a document consult what it itself teaches (its own names,
//! its own casing), or the weights learn to trust those far more than they deserve on new
//! text; so each training document reads lexicons built from the other half of eng.train
//! (a two-fold jackknife), and the model carries the lexicons of all of it.

use std::path::{Path, PathBuf};

use folio::train::{self, CasingLexicon, Clusters, Document, Gazetteer, Lexicons};

use crate::cli::Lists;

/// The lists every document reads, whatever it is: data/gazetteers/ and the clusters.
pub struct Shared {
    gazetteer: Gazetteer,
    clusters: Clusters,
    /// data/gazetteers/words.txt, unless `--no-words`.
    words: Option<String>,
    /// How today's news writes words (`--today-casing`).
    today: Option<String>,
    /// Casing counted over all of eng.train (`--shared-casing`): the way before 2026-12-06.
    shared_casing: Option<CasingLexicon>,
    /// The training set's own names as lists (bits 3 to 6), unless `--no-name-list`.
    name_list: bool,
}

impl Shared {
    /// Reads the lists `opts` asks for, from `root`'s data/gazetteers/.
    pub fn read(root: &Path, opts: &Lists, train_docs: &[Document]) -> std::io::Result<Shared> {
        let lists = root.join("data/gazetteers");
        let read = |path: &Path| std::fs::read_to_string(path);
        let mut gazetteer = Gazetteer::default();
        if !opts.no_gazetteer {
            for (kind, name) in [(0, "per"), (1, "loc"), (2, "misc")] {
                gazetteer.add_list(kind, &read(&lists.join(format!("{name}.txt")))?);
            }
            // Over eight seeds dev +0.0001, WikiGold +0.003; not in the committed model.
            if opts.holidays {
                gazetteer.add_list(2, &read(&lists.join("holidays.txt"))?);
            }
            // Bit 7, a list of its own: tried and not kept (models/README.md). Parts of
            // people's names from every background: dev +0.0016 and WikiGold +0.0056 over
            // eight seeds, but the seed sample's names, today's news, F1 0.9635 -> 0.9453.
            let own: Option<PathBuf> = if let Some(path) = &opts.own_list {
                Some(path.clone())
            } else if opts.org_list {
                Some(lists.join("org.txt"))
            } else if opts.name_parts {
                Some(lists.join("names.txt"))
            } else {
                None
            };
            if let Some(path) = own {
                let list = read(&path)?;
                if opts.own_list_new_only {
                    // Only entries no other list has: a given name stays a given name.
                    let fresh: String = list
                        .lines()
                        .filter(|l| {
                            let words: Vec<&str> = l.split_whitespace().collect();
                            gazetteer.lists(&words) == 0
                        })
                        .flat_map(|l| [l, "\n"])
                        .collect();
                    gazetteer.add_list(7, &fresh);
                } else {
                    gazetteer.add_list(7, &list);
                }
            }
        }
        let words = if opts.no_words {
            None
        } else {
            Some(read(&lists.join("words.txt"))?)
        };
        // Word clusters from GloVe vectors (scripts/clusters.mjs).
        let mut clusters = Clusters::default();
        if !opts.no_clusters {
            let path = opts
                .clusters
                .clone()
                .unwrap_or_else(|| lists.join("clusters.txt"));
            clusters.add_list(&read(&path)?);
            if let Some(today) = &opts.today_clusters {
                clusters.add_list(&read(today)?);
            }
        }
        let today = match &opts.today_casing {
            Some(path) => Some(read(path)?),
            None => None,
        };
        let mut shared = Shared {
            gazetteer,
            clusters,
            words,
            today,
            shared_casing: None,
            name_list: !opts.no_name_list,
        };
        if opts.shared_casing {
            shared.shared_casing = Some(shared.casing(train_docs.iter()));
        }
        Ok(shared)
    }

    /// How `docs` write their words, then the word list's words and today's news's for the
    /// words `docs` never show.
    fn casing<'a>(&self, docs: impl Iterator<Item = &'a Document>) -> CasingLexicon {
        let mut casing = casing_of(docs);
        if let Some(words) = &self.words {
            casing.add_words(words);
        }
        if let Some(today) = &self.today {
            casing.add_today(today);
        }
        casing
    }

    /// The lexicons of `docs`: the shared lists, with how `docs` write their words and the
    /// names they hold. Each training document reads those of the half it is not in, so
    /// that its words and names the other half never showed are unseen, as a new name is in
    /// the text the tagger meets: without this every training word is "seen" and the weights
    /// never learn what an unseen capitalised word is worth (over eight seeds dev 0.9340 ->
    /// 0.9375, every seed up, and WikiGold 0.6383 -> 0.6445; models/README.md).
    pub fn lexicons<'a>(&self, docs: impl Iterator<Item = &'a Document> + Clone) -> Lexicons {
        let casing = match &self.shared_casing {
            Some(casing) => casing.clone(),
            None => self.casing(docs.clone()),
        };
        let mut gazetteer = self.gazetteer.clone();
        if self.name_list {
            let mut lists = [String::new(), String::new(), String::new(), String::new()];
            for doc in docs {
                for s in &doc.sentences {
                    for span in train::spans(&s.tags) {
                        let t = train::type_index(span.label);
                        lists[t].push_str(&s.words[span.range()].join(" "));
                        lists[t].push('\n');
                    }
                }
            }
            for (t, list) in lists.iter().enumerate() {
                gazetteer.add_list(3 + t as u8, list);
            }
        }
        Lexicons {
            casing,
            gazetteer,
            clusters: self.clusters.clone(),
        }
    }
}

/// How `docs` write each word (capitalised, lower case, ...).
fn casing_of<'a>(docs: impl Iterator<Item = &'a Document>) -> CasingLexicon {
    CasingLexicon::from_sentences(docs.flat_map(|d| d.sentences.iter().map(|s| s.words.as_slice())))
}

/// The lexicons of all of `docs` (the model's) and of each half (documents with even and odd
/// places), which the other half's documents read in training.
pub struct Jackknife {
    pub all: Lexicons,
    halves: [Lexicons; 2],
}

impl Jackknife {
    pub fn new(shared: &Shared, docs: &[Document]) -> Jackknife {
        let half = |h: usize| {
            shared.lexicons(
                docs.iter()
                    .enumerate()
                    .filter(move |(d, _)| d % 2 == h)
                    .map(|(_, doc)| doc),
            )
        };
        Jackknife {
            all: shared.lexicons(docs.iter()),
            halves: [half(0), half(1)],
        }
    }

    /// What training document `d` reads: the lexicons of the half it is not in.
    pub fn of(&self, d: usize) -> &Lexicons {
        &self.halves[1 - d % 2]
    }
}
