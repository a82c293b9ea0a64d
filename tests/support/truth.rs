//! How true the entity index is, measured on a real collection: what issue 30 asks of it.
//!
//! - **Surnames**: for each pair of an article and a surname where the article names exactly
//!   one person (a person's name of two words or more, by the entity it resolved to) whose
//!   full name ends in that surname, whether every mention of the surname alone (any name
//!   label) is credited to that person.
//! - **Never written**: for each pair of an index entry and an article it lists, whether the
//!   article writes the entry's name (case and quotes aside, at word boundaries).
//! - **Contractions**: entities that are a contraction or start with one (`I'm`, `We've`,
//!   `'ll`).

use std::collections::{HashMap, HashSet};

use folio::{normalise, Collection, Entity, Label};

/// The figures of one collection.
#[derive(Debug, Default)]
pub struct Truth {
    /// Pairs of an article and a surname its one person of that surname gives.
    pub pairs: usize,
    /// Of those, pairs whose every surname mention is credited to that person.
    pub joined: usize,
    /// Surname mentions in those pairs, and those credited to the person.
    pub mentions: usize,
    pub mentions_joined: usize,
    /// Pairs of (entry, article listed for it), and those whose article never writes the name.
    pub listed: usize,
    pub never_written: usize,
    /// Entities that are or start with a contraction.
    pub contractions: Vec<String>,
}

impl Truth {
    pub fn joined_share(&self) -> f64 {
        self.joined as f64 / self.pairs.max(1) as f64
    }

    pub fn never_written_share(&self) -> f64 {
        self.never_written as f64 / self.listed.max(1) as f64
    }
}

impl std::fmt::Display for Truth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "surnames joined to their article's full name: {}/{} pairs ({:.2}%), {}/{} \
             mentions; (entry, article) pairs whose article never writes the name: {}/{} \
             ({:.2}%); contractions tagged: {}",
            self.joined,
            self.pairs,
            100.0 * self.joined_share(),
            self.mentions_joined,
            self.mentions,
            self.never_written,
            self.listed,
            100.0 * self.never_written_share(),
            self.contractions.len()
        )
    }
}

const NAMES: [Label; 4] = [Label::PER, Label::ORG, Label::LOC, Label::MISC];

/// Whether `word` is a contraction (`I'm`, `don't`) or a clitic alone (`'ve`).
pub fn contraction(word: &str) -> bool {
    let w = word.replace('’', "'").to_lowercase();
    let Some((stem, tail)) = w.rsplit_once('\'') else {
        return false;
    };
    ["m", "re", "ve", "d", "ll"].contains(&tail) && stem.chars().all(char::is_alphabetic)
        || tail == "t" && stem.ends_with('n')
}

/// Whether an entity's text is a contraction or starts with one of a pronoun (`I'm`, `We've
/// been`) or with a clitic. A title may start with a verb's (`Ain't No Sunshine`).
pub fn contracted(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let pronoun = first.replace('’', "'").to_lowercase();
    let pronoun = pronoun.split('\'').next().unwrap_or("");
    let pronouns = [
        "", "i", "you", "we", "they", "he", "she", "it", "who", "there", "that", "what", "let",
    ];
    contraction(first) && (words.next().is_none() || pronouns.contains(&pronoun))
}

/// Whether `hay` holds `needle` with no letter or digit on either side.
fn written(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let mut from = 0;
    while let Some(at) = hay[from..].find(needle) {
        let (s, e) = (from + at, from + at + needle.len());
        let before = hay[..s]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = s + hay[s..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

pub fn measure(c: &Collection) -> Truth {
    let mut t = Truth::default();
    for a in &c.articles {
        let entities: Vec<&Entity> = a.blocks().flat_map(|b| &b.entities).collect();
        for e in &entities {
            if contracted(&e.text) {
                t.contractions.push(e.text.clone());
            }
        }
        // The article's people by the entity their full names resolved to.
        let persons: HashSet<&str> = entities
            .iter()
            .filter(|e| e.label == Label::PER && e.text.split_whitespace().count() >= 2)
            .map(|e| e.key.as_str())
            // A span of two people (`Fresquito Fresquet & Angelo`) is no one person's name.
            .filter(|k| k.contains(' ') && !k.split(' ').any(|w| w == "&" || w == "and"))
            .collect();
        let mut by_surname: HashMap<&str, Vec<&str>> = HashMap::new();
        for p in &persons {
            by_surname
                .entry(p.rsplit(' ').next().unwrap())
                .or_default()
                .push(p);
        }
        for (surname, people) in by_surname {
            let [person] = people[..] else { continue };
            let alone: Vec<&&Entity> = entities
                .iter()
                .filter(|e| NAMES.contains(&e.label) && normalise(&e.text) == surname)
                .collect();
            if alone.is_empty() {
                continue;
            }
            let credited = alone.iter().filter(|e| e.key == person).count();
            if credited != alone.len() && std::env::var_os("FOLIO_TRUTH_DEBUG").is_some() {
                eprintln!(
                    "{person}: {:?}",
                    alone
                        .iter()
                        .map(|e| (&e.text, e.label, &e.key))
                        .collect::<Vec<_>>()
                );
            }
            t.pairs += 1;
            t.joined += usize::from(credited == alone.len());
            t.mentions += alone.len();
            t.mentions_joined += credited;
        }
    }
    let texts: Vec<String> = c
        .articles
        .iter()
        .map(|a| {
            let text: Vec<&str> = a.blocks().map(|b| b.text.as_str()).collect();
            normalise(&text.join("\n"))
        })
        .collect();
    for entry in &c.entities {
        let name = normalise(&entry.name);
        for &a in &entry.articles {
            t.listed += 1;
            let never = !written(&texts[a], &name);
            if never && std::env::var_os("FOLIO_TRUTH_DEBUG").is_some() {
                eprintln!("never written: {:?} in article {a}", entry.name);
            }
            t.never_written += usize::from(never);
        }
    }
    t
}

/// A CoNLL document as a file of loose text: its first sentence the title, then paragraphs of
/// five sentences, written as text is (no space before closing punctuation and clitics).
pub fn text_of(doc: &folio::train::Document) -> String {
    let sentences: Vec<String> = doc.sentences.iter().map(|s| detokenize(&s.words)).collect();
    let mut out = String::new();
    let Some((title, body)) = sentences.split_first() else {
        return out;
    };
    out.push_str(title);
    out.push_str("\n\n");
    for chunk in body.chunks(5) {
        out.push_str(&chunk.join(" "));
        out.push_str("\n\n");
    }
    out
}

fn detokenize(words: &[String]) -> String {
    let mut text = String::new();
    let mut glue_next = true;
    let mut quote_open = false;
    for w in words {
        let closing = matches!(
            w.as_str(),
            "," | "." | ";" | ":" | "!" | "?" | ")" | "%" | "n't"
        ) || (w.starts_with('\'') && w.len() <= 3);
        let quote = w == "\"";
        if !(glue_next || closing || (quote && quote_open)) {
            text.push(' ');
        }
        text.push_str(w);
        glue_next = matches!(w.as_str(), "(" | "$") || (quote && !quote_open);
        if quote {
            quote_open = !quote_open;
        }
    }
    text
}

/// The documents as files, `name-N.txt`.
pub fn files(name: &str, docs: &[folio::train::Document]) -> Vec<(String, Vec<u8>)> {
    docs.iter()
        .enumerate()
        .map(|(i, d)| (format!("{name}-{i:04}.txt"), text_of(d).into_bytes()))
        .filter(|(_, b)| !b.is_empty())
        .collect()
}
