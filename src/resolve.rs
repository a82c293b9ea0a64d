//! Which entity each mention of a document names: resolved inside its own article first.
//!
//! News introduces a person in full once (`Tony Blair`) and then writes the surname alone
//! (`Blair`) ten times; it names a company in full (`Pirelli SpA`, `Securities and Exchange
//! Commission`) and then by its first word or its acronym (`Pirelli`, `SEC`). Whether `Blair`
//! is Tony or Cherie is a fact about one article, not about the collection: joining short forms
//! to long ones across a whole collection credits a name to articles that never write it
//! (`UK` would become `UK High Street`, `France` `Stade de France`). So each mention gets a
//! `key` here, from its own article alone, and the collection's index (the `index` module) only
//! groups identical keys: no evidence crosses an article, and nothing compares pairs of names.
//!
//! The rules, each the evidence a reader would use:
//! - A person's name never includes the title before it (`Prime Minister Tony Blair`, `Mr
//!   Brown`, `Chancellor of the Exchequer Gordon Brown` tagged `Exchequer Gordon Brown`):
//!   CoNLL-2003 leaves titles out, and the span is trimmed to the name.
//! - A person's full name that ends in another full name of the article is that person
//!   (`Najib Mikati` inside a longer stray span).
//! - A person's surname alone, or any shorter run ending their name, is the one person of the
//!   article whose full name ends with it; with two (`John Smith`, `Jane Smith`) it stays
//!   what it is, an unresolved surname. Where no name ends with it, a given name alone is the
//!   one person whose name starts with it. A one-word name the tagger gave another type is
//!   that person too when it is their surname (the tagger's own document rule does the same).
//! - An organisation's first words alone, or its acronym, are the one organisation of the
//!   article that starts with them or whose initials they are.
//! - Everything else, places and other names among them, is its own normalised form: places
//!   never join by containment.
//!
//! Work is linear in the document's mentions: full names are looked up by their first and last
//! words in hash maps.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::{Entity, Label};

/// The form mentions are grouped by: ASCII quotes and apostrophes, no possessive, case folded.
pub fn normalise(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.extend(word.chars().map(|c| match c {
            '’' | '‘' | '`' => '\'',
            '“' | '”' => '"',
            c => c,
        }));
    }
    for suffix in ["'s", "'"] {
        if s.len() > suffix.len() + 1 && s.ends_with(suffix) {
            s.truncate(s.len() - suffix.len());
        }
    }
    s.to_lowercase()
}

/// Titles, offices and honorifics written before a person's name, in lower case and without a
/// full stop. CoNLL-2003 leaves them out of the name (`President Bill Clinton` is tagged
/// `Bill Clinton`), so a person's span that starts with them is trimmed.
const TITLES: &[&str] = &[
    "admiral",
    "agent",
    "ambassador",
    "archbishop",
    "bishop",
    "brigadier",
    "capt",
    "captain",
    "cardinal",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "cllr",
    "coach",
    "col",
    "colonel",
    "commander",
    "commissioner",
    "congressman",
    "congresswoman",
    "consul",
    "councillor",
    "deputy",
    "det",
    "detective",
    "director",
    "dr",
    "envoy",
    "exchequer",
    "father",
    "foreign",
    "gen",
    "general",
    "gov",
    "governor",
    "inspector",
    "judge",
    "justice",
    "leader",
    "lieutenant",
    "lt",
    "manager",
    "mayor",
    "minister",
    "miss",
    "mp",
    "mr",
    "mrs",
    "ms",
    "officer",
    "pope",
    "premier",
    "president",
    "presidential",
    "prime",
    "prof",
    "professor",
    "rabbi",
    "rep",
    "representative",
    "rev",
    "reverend",
    "secretary",
    "sen",
    "senator",
    "sergeant",
    "sgt",
    "sheikh",
    "speaker",
    "superintendent",
    "vice",
];

/// Small words an acronym leaves out (`Securities and Exchange Commission` is `SEC`).
const ACRONYM_SKIPS: &[&str] = &[
    "of", "and", "the", "for", "&", "on", "in", "de", "du", "des",
];

/// Resolves every name of one document (an article's title, captions and paragraphs, in
/// order): trims titles off people's spans and sets each entity's `key`.
/// `texts[b]` is block `b`'s text, `entities[b]` its entities (offsets in scalar values).
pub fn document(texts: &[&str], entities: &mut [Vec<Entity>]) {
    for (text, found) in texts.iter().zip(entities.iter_mut()) {
        for e in found.iter_mut() {
            if e.label == Label::PER {
                trim_title(text, e);
            }
            e.key = normalise(&e.text);
        }
    }
    resolve_people(entities);
    resolve_organisations(entities);
}

/// Drops the titles that open a person's span, while a word remains.
fn trim_title(text: &str, e: &mut Entity) {
    let words: Vec<&str> = e.text.split_whitespace().collect();
    let titled = |w: &str| {
        let w = w.trim_end_matches('.').to_lowercase();
        TITLES.contains(&w.as_str())
    };
    let drop = words[..words.len().saturating_sub(1)]
        .iter()
        .take_while(|w| titled(w))
        .count();
    if drop == 0 {
        return;
    }
    let mut rest = e.text.as_str();
    for w in &words[..drop] {
        rest = rest.trim_start()[w.len()..].trim_start();
    }
    let skipped = e.text.len() - rest.len();
    let start = e.start + e.text[..skipped].chars().count();
    debug_assert_eq!(
        text.chars()
            .skip(start)
            .take(rest.chars().count())
            .collect::<String>(),
        rest
    );
    e.start = start;
    e.text = rest.to_owned();
}

/// The words of a key.
fn words(key: &str) -> Vec<&str> {
    key.split(' ').collect()
}

/// Full names (two words or more) by their first and by their last word.
#[derive(Default)]
struct Names<'a> {
    by_first: FxHashMap<&'a str, FxHashSet<&'a str>>,
    by_last: FxHashMap<&'a str, FxHashSet<&'a str>>,
}

impl<'a> Names<'a> {
    fn add(&mut self, key: &'a str) {
        let w = words(key);
        self.by_first.entry(w[0]).or_default().insert(key);
        self.by_last.entry(w[w.len() - 1]).or_default().insert(key);
    }

    /// The full names longer than `key` that end with its words (`prefix` false) or start
    /// with them (`prefix` true).
    fn extending(&self, key: &str, prefix: bool) -> impl Iterator<Item = &'a str> + '_ {
        let w = words(key);
        let (map, word) = if prefix {
            (&self.by_first, w[0])
        } else {
            (&self.by_last, w[w.len() - 1])
        };
        let key = key.to_owned();
        map.get(word)
            .into_iter()
            .flatten()
            .copied()
            .filter(move |long| {
                long.len() > key.len()
                    && if prefix {
                        long.starts_with(&key) && long.as_bytes()[key.len()] == b' '
                    } else {
                        long.ends_with(&key) && long.as_bytes()[long.len() - key.len() - 1] == b' '
                    }
            })
    }
}

/// The one name of `candidates`, if there is exactly one.
fn only<'a>(candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut found: Option<&str> = None;
    for c in candidates {
        match found {
            Some(f) if f != c => return None,
            _ => found = Some(c),
        }
    }
    found
}

/// People: full names that end in another full name are that name; shorter runs of one
/// person's name are that person.
fn resolve_people(entities: &mut [Vec<Entity>]) {
    let keys: Vec<String> = people(entities)
        .filter(|e| e.key.contains(' '))
        .map(|e| e.key.clone())
        .collect();
    let mut full = Names::default();
    for k in &keys {
        full.add(k);
    }
    // A full name with another full name at its end (`exchequer gordon brown` and `gordon
    // brown`) is that one: the shortest full name it ends with, so that one person is one key.
    let mut person_of: FxHashMap<&str, &str> = FxHashMap::default();
    for k in &keys {
        let w = words(k);
        let inner = (1..w.len() - 1)
            .rev()
            .map(|i| &k[k.len() - w[i..].join(" ").len()..])
            .find(|tail| {
                full.by_last
                    .get(w[w.len() - 1])
                    .is_some_and(|s| s.contains(tail))
            });
        // Failing that, a name with middle names or initials (`donald j. trump`) is the
        // article's name of its first and last words (`donald trump`).
        let inner = inner.or_else(|| {
            let last = w[w.len() - 1];
            (3..=4)
                .contains(&w.len())
                .then(|| full.by_last.get(last))
                .flatten()?
                .iter()
                .copied()
                .find(|f| words(f) == [w[0], last])
        });
        if let Some(inner) = inner {
            person_of.insert(k, inner);
        }
    }
    // Two people in one span (`Fresquito Fresquet & Angelo`) are no one person a short form
    // could name.
    let mut persons = Names::default();
    for k in &keys {
        if !person_of.contains_key(k.as_str()) && !k.split(' ').any(|w| w == "&" || w == "and") {
            persons.add(k);
        }
    }
    // A surname first: the one person whose name ends in it; failing any, the one whose
    // name starts with it (a given name).
    let person = |key: &str| {
        let mut ending = persons.extending(key, false).peekable();
        if ending.peek().is_some() {
            only(ending)
        } else if !key.contains(' ') {
            only(persons.extending(key, true))
        } else {
            // A full name is not the longer one it starts (`Melania Trump` of a stray span
            // running on into the next headline).
            None
        }
    };
    let mut resolved: Vec<Option<&str>> = Vec::new();
    for e in entities.iter().flatten() {
        let key = e.key.as_str();
        let to = match e.label {
            Label::PER => person_of.get(key).copied().or_else(|| person(key)),
            // A one-word name of another type that is the surname of exactly one person of
            // the article is that person (the tagger read `Mendonça` alone as a company).
            Label::ORG | Label::LOC | Label::MISC if !key.contains(' ') => {
                only(persons.extending(key, false))
            }
            _ => None,
        };
        resolved.push(to);
    }
    let resolved: Vec<Option<String>> =
        resolved.into_iter().map(|r| r.map(str::to_owned)).collect();
    for (e, to) in entities.iter_mut().flatten().zip(resolved) {
        if let Some(to) = to {
            e.key = to;
            e.label = Label::PER;
        }
    }
}

/// Organisations: first words alone and acronyms are the one organisation they begin or
/// abbreviate.
fn resolve_organisations(entities: &mut [Vec<Entity>]) {
    let orgs = || entities.iter().flatten().filter(|e| e.label == Label::ORG);
    let keys: Vec<String> = orgs()
        .filter(|e| e.key.contains(' '))
        .map(|e| e.key.clone())
        .collect();
    let mut full = Names::default();
    let mut acronyms: FxHashMap<String, FxHashSet<&str>> = FxHashMap::default();
    for k in &keys {
        full.add(k);
        if let Some(a) = acronym(k) {
            acronyms.entry(a).or_default().insert(k);
        }
    }
    let mut resolved: Vec<Option<String>> = Vec::new();
    for e in orgs() {
        let by_start = only(full.extending(&e.key, true));
        let by_letters = acronym_form(&e.text)
            .and_then(|a| acronyms.get(&a))
            .and_then(|s| only(s.iter().copied()));
        let to = match (by_start, by_letters) {
            (Some(a), Some(b)) if a != b => None,
            (a, b) => a.or(b),
        };
        resolved.push(to.map(str::to_owned));
    }
    let mut it = resolved.into_iter();
    for e in entities
        .iter_mut()
        .flatten()
        .filter(|e| e.label == Label::ORG)
    {
        if let Some(Some(to)) = it.next() {
            e.key = to;
        }
    }
}

fn people(entities: &[Vec<Entity>]) -> impl Iterator<Item = &Entity> {
    entities.iter().flatten().filter(|e| e.label == Label::PER)
}

/// The initials of a name of three words or more (small words left out), upper case:
/// `securities and exchange commission` → `SEC`.
fn acronym(key: &str) -> Option<String> {
    let initials: String = key
        .split(' ')
        .filter(|w| !ACRONYM_SKIPS.contains(w))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect();
    (initials.chars().count() >= 2 && key.split(' ').count() >= 2).then_some(initials)
}

/// `text` as an acronym, if it is written as one: two to eight capitals, dots allowed
/// (`SEC`, `S.E.C.`).
fn acronym_form(text: &str) -> Option<String> {
    let letters: String = text.chars().filter(|&c| c != '.').collect();
    let n = letters.chars().count();
    ((2..=8).contains(&n) && letters.chars().all(|c| c.is_uppercase())).then_some(letters)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document of one block per sentence, its names at the places the texts say.
    fn resolved(blocks: &[(&str, &[(&str, Label)])]) -> Vec<(String, String)> {
        let texts: Vec<&str> = blocks.iter().map(|(t, _)| *t).collect();
        let mut entities: Vec<Vec<Entity>> = blocks
            .iter()
            .map(|(text, names)| {
                names
                    .iter()
                    .map(|(name, label)| {
                        let at = text.find(name).expect("the name is in its text");
                        let start = text[..at].chars().count();
                        Entity {
                            start,
                            end: start + name.chars().count(),
                            label: *label,
                            text: (*name).to_owned(),
                            key: String::new(),
                        }
                    })
                    .collect()
            })
            .collect();
        document(&texts, &mut entities);
        for (text, found) in texts.iter().zip(&entities) {
            for e in found {
                let slice: String = text.chars().skip(e.start).take(e.end - e.start).collect();
                assert_eq!(slice, e.text, "offsets still slice the text");
            }
        }
        entities
            .into_iter()
            .flatten()
            .map(|e| (e.text, e.key))
            .collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn a_surname_is_the_one_person_its_article_introduced() {
        let got = resolved(&[
            ("Blair wins", &[("Blair", Label::PER)]),
            ("Tony Blair said so.", &[("Tony Blair", Label::PER)]),
            (
                "Blair’s aide and Tony agreed.",
                &[("Blair’s", Label::PER), ("Tony", Label::PER)],
            ),
        ]);
        assert_eq!(
            got,
            pairs(&[
                ("Blair", "tony blair"),
                ("Tony Blair", "tony blair"),
                ("Blair’s", "tony blair"),
                ("Tony", "tony blair"),
            ])
        );
    }

    #[test]
    fn two_people_of_one_surname_leave_it_unresolved() {
        let got = resolved(&[(
            "John Smith met Jane Smith; Smith left.",
            &[
                ("John Smith", Label::PER),
                ("Jane Smith", Label::PER),
                ("Smith", Label::PER),
            ],
        )]);
        assert_eq!(got[2], ("Smith".to_owned(), "smith".to_owned()));
    }

    #[test]
    fn titles_are_no_part_of_a_name() {
        let got = resolved(&[
            (
                "Prime Minister Najib Mikati spoke.",
                &[("Prime Minister Najib Mikati", Label::PER)],
            ),
            (
                "Chancellor of the Exchequer Gordon Brown and Mr Brown",
                &[
                    ("Exchequer Gordon Brown", Label::PER),
                    ("Mr Brown", Label::PER),
                ],
            ),
            (
                "Mikati and Prince Harry",
                &[("Mikati", Label::PER), ("Prince Harry", Label::PER)],
            ),
        ]);
        assert_eq!(
            got,
            pairs(&[
                ("Najib Mikati", "najib mikati"),
                ("Gordon Brown", "gordon brown"),
                ("Brown", "gordon brown"),
                ("Mikati", "najib mikati"),
                ("Prince Harry", "prince harry"),
            ])
        );
    }

    #[test]
    fn a_middle_initial_is_the_same_person() {
        let got = resolved(&[(
            "Donald J. Trump, or Donald Trump; Trump and Melania Trump Melania TrumpThe Hill",
            &[
                ("Donald J. Trump", Label::PER),
                ("Donald Trump", Label::PER),
                ("Trump", Label::PER),
                ("Melania Trump", Label::PER),
                ("Melania Trump Melania TrumpThe Hill", Label::PER),
            ],
        )]);
        let keys: Vec<&str> = got.iter().map(|(_, k)| k.as_str()).collect();
        assert_eq!(keys[..2], ["donald trump", "donald trump"]);
        assert_eq!(
            keys[2], "trump",
            "Donald or Melania: the surname alone stays a surname"
        );
        assert_eq!(
            keys[3], "melania trump",
            "no full name joins a longer one it starts"
        );
    }

    #[test]
    fn a_full_name_inside_a_longer_span_is_that_person() {
        let got = resolved(&[(
            "Shadow Home Gordon Brown and Gordon Brown; Brown",
            &[
                ("Shadow Home Gordon Brown", Label::PER),
                ("Gordon Brown", Label::PER),
                ("Brown", Label::PER),
            ],
        )]);
        assert!(got.iter().all(|(_, k)| k == "gordon brown"), "{got:?}");
    }

    #[test]
    fn organisations_by_first_word_and_acronym() {
        let got = resolved(&[
            (
                "Pirelli SpA rose; Pirelli said.",
                &[("Pirelli SpA", Label::ORG), ("Pirelli", Label::ORG)],
            ),
            (
                "The Securities and Exchange Commission (SEC) and the S.E.C.",
                &[
                    ("Securities and Exchange Commission", Label::ORG),
                    ("SEC", Label::ORG),
                    ("S.E.C.", Label::ORG),
                ],
            ),
        ]);
        assert_eq!(
            got,
            pairs(&[
                ("Pirelli SpA", "pirelli spa"),
                ("Pirelli", "pirelli spa"),
                (
                    "Securities and Exchange Commission",
                    "securities and exchange commission"
                ),
                ("SEC", "securities and exchange commission"),
                ("S.E.C.", "securities and exchange commission"),
            ])
        );
    }

    #[test]
    fn places_never_join_by_containment() {
        let got = resolved(&[(
            "France at the Stade de France, in the UK High Street and the UK",
            &[
                ("France", Label::LOC),
                ("Stade de France", Label::LOC),
                ("UK High Street", Label::LOC),
                ("UK", Label::LOC),
            ],
        )]);
        assert_eq!(got[0].1, "france");
        assert_eq!(got[3].1, "uk");
    }
}
