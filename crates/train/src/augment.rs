//! Copies of training sentences that show the tagger text as it will meet it: headlines in
//! title case (kept), and, tried and not kept behind their flags (models/README.md), today's
//! datelines and names swapped for others of their type.

use std::path::Path;

use folio::train::{self, Document};
use folio::Tag;

use crate::cli;

/// Adds to `docs` the copies `opts` asks for, in a fixed order and from one fixed stream of
/// numbers, so that a run is reproducible.
pub fn augment(root: &Path, docs: &mut [Document], opts: &cli::Augment) -> std::io::Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    if opts.augment_datelines {
        augment_datelines(docs, &mut rng);
    }
    if opts.augment_mentions {
        let pools = mention_pools(root, docs, &mut rng)?;
        augment_mentions(docs, &pools, &mut rng);
    }
    if !opts.no_title_case {
        augment_title_case(docs);
    }
    if opts.augment_caps {
        augment_caps(docs);
    }
    Ok(())
}

/// The names `augment_mentions` swaps in, one pool a type: people as a given name from the
/// lists and a surname of the training text, organisations from the training text, places
/// and other names from the lists.
fn mention_pools(
    root: &Path,
    docs: &[Document],
    rng: &mut Rng,
) -> std::io::Result<[Vec<Vec<String>>; 4]> {
    let lists = root.join("data/gazetteers");
    let read_list = |name: &str| -> std::io::Result<Vec<Vec<String>>> {
        Ok(std::fs::read_to_string(lists.join(name))?
            .lines()
            .map(|l| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .filter(|w| !w.is_empty() && w.len() <= 4)
            .collect())
    };
    let mut training: [Vec<Vec<String>>; 4] = Default::default();
    for s in docs.iter().flat_map(|d| &d.sentences) {
        for span in train::spans(&s.tags) {
            training[train::type_index(span.label)].push(s.words[span.range()].to_vec());
        }
    }
    let given = read_list("per.txt")?;
    let surnames: Vec<String> = training[0]
        .iter()
        .filter(|n| n.len() >= 2)
        .map(|n| n[n.len() - 1].clone())
        .collect();
    let people: Vec<Vec<String>> = (0..20_000)
        .map(|_| {
            let g = &given[rng.below(given.len())];
            let mut name = g.clone();
            name.push(surnames[rng.below(surnames.len())].clone());
            name
        })
        .collect();
    Ok([
        people,
        std::mem::take(&mut training[1]),
        read_list("loc.txt")?,
        read_list("misc.txt")?,
    ])
}

/// Headlines and datelines in capitals: each document's first two sentences again, every
/// letter a capital, labels unchanged.
fn augment_caps(docs: &mut [Document]) {
    for doc in docs.iter_mut() {
        let copies: Vec<train::Sentence> = doc
            .sentences
            .iter()
            .filter(|s| s.words.len() >= 4)
            .take(2)
            .map(|s| train::Sentence {
                words: s.words.iter().map(|w| w.to_uppercase()).collect(),
                tags: s.tags.clone(),
            })
            .collect();
        doc.sentences.extend(copies);
    }
}

/// Web headlines are in title case (`Mikati: Lebanon in State of War`), which CoNLL's
/// Reuters text (headlines in capitals) almost never is. So each document's first
/// sentences are also added in title case, labels unchanged: the tagger learns that in
/// such a sentence a capital says little and the word and the rest of the document say more.
fn augment_title_case(docs: &mut [Document]) {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "by", "with",
        "from", "as",
    ];
    for doc in docs.iter_mut() {
        let copies: Vec<train::Sentence> = doc
            .sentences
            .iter()
            .filter(|s| {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                words.len() >= 4 && train::style(&words) == train::Style::Normal
            })
            .take(2)
            .map(|s| train::Sentence {
                words: s
                    .words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        if i > 0 && SMALL.contains(&w.as_str()) {
                            return w.clone();
                        }
                        let mut c = w.chars();
                        match c.next() {
                            Some(f) => f.to_uppercase().chain(c).collect(),
                            None => w.clone(),
                        }
                    })
                    .collect(),
                tags: s.tags.clone(),
            })
            .collect();
        doc.sentences.extend(copies);
    }
}

/// A deterministic stream of numbers for the augmentations (xorshift).
struct Rng(u64);
impl Rng {
    /// A number below `n`.
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
];

/// Today's datelines (`MADRID, Dec 7 (Reuters) - Spain said ...`) from 1996's (`MADRID
/// 1996-12-07` on a line of its own, then the story): the city stays a place, the agency
/// is an organisation, an abbreviated month is nobody's name.
fn augment_datelines(docs: &mut [Document], rng: &mut Rng) {
    const AGENCIES: [&str; 3] = ["Reuters", "AP", "AFP"];
    for doc in docs.iter_mut() {
        let mut copies = Vec::new();
        for pair in doc.sentences.windows(2) {
            let (line, story) = (&pair[0], &pair[1]);
            let Some((date, place)) = line.words.split_last() else {
                continue;
            };
            let parts: Vec<&str> = date.split('-').collect();
            let is_date =
                parts.len() == 3 && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
            if !is_date || place.is_empty() || place.len() > 4 || line.tags[0] == Tag::O {
                continue;
            }
            let month: usize = parts[1].parse().unwrap_or(1);
            let day: usize = parts[2].parse().unwrap_or(1);
            let agency = AGENCIES[rng.below(AGENCIES.len())];
            let mut words: Vec<String> = place.to_vec();
            let mut tags: Vec<Tag> = line.tags[..place.len()].to_vec();
            for (w, t) in [
                (",", Tag::O),
                (MONTHS[month.clamp(1, 12) - 1], Tag::O),
                (&day.to_string(), Tag::O),
                ("(", Tag::O),
                (agency, Tag::B(folio::Label::ORG)),
                (")", Tag::O),
                ("-", Tag::O),
            ] {
                words.push(w.to_owned());
                tags.push(t);
            }
            words.extend(story.words.iter().cloned());
            tags.extend(story.tags.iter().copied());
            copies.push(train::Sentence { words, tags });
        }
        doc.sentences.extend(copies);
    }
}

/// Copies of sentences with each name replaced by another of its type — places and
/// nationalities from the name lists, people as a given name from the lists and a surname
/// of the training text, organisations from the training text — so that the tagger learns
/// the contexts names stand in, not 1996's names.
fn augment_mentions(docs: &mut [Document], pools: &[Vec<Vec<String>>; 4], rng: &mut Rng) {
    for doc in docs.iter_mut() {
        let mut copies = Vec::new();
        for s in doc
            .sentences
            .iter()
            .filter(|s| s.tags.iter().any(|t| *t != Tag::O))
        {
            if rng.below(3) != 0 {
                continue;
            }
            let (mut words, mut tags) = (Vec::new(), Vec::new());
            let mut at = 0;
            for span in train::spans(&s.tags) {
                words.extend(s.words[at..span.start].iter().cloned());
                tags.extend(s.tags[at..span.start].iter().copied());
                let pool = &pools[train::type_index(span.label)];
                let name = &pool[rng.below(pool.len())];
                for (k, w) in name.iter().enumerate() {
                    words.push(w.clone());
                    tags.push(if k == 0 {
                        Tag::B(span.label)
                    } else {
                        Tag::I(span.label)
                    });
                }
                at = span.end;
            }
            words.extend(s.words[at..].iter().cloned());
            tags.extend(s.tags[at..].iter().copied());
            copies.push(train::Sentence { words, tags });
        }
        doc.sentences.extend(copies);
    }
}
