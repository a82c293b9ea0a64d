//! Sample dumps in every layout docs/contract.md lists, made from annotated documents, with their
//! answers.
//!
//! The repository ships dumps made from WikiGold's articles (`tests/data/dumps/`, CC BY 4.0
//! text); the same generator makes dumps from CoNLL-2003's development split when `FOLIO_DATA`
//! provides it (Reuters text, never written into the repository). Each document becomes one
//! article: its first sentence, cut short, is the title; a photo caption with a credit names a
//! place of the document; some articles open with a dateline; the sentences, joined as a writer
//! would punctuate them, make paragraphs of at least [`PARAGRAPH_WORDS`] words.
//!
//! Six files, as scrapers write them: the seed's layout (title and captions, each caption twice,
//! then the whole header again), the same with a byte order mark and CRLF line ends, articles
//! between ruled lines with no header at all, headers without blank lines, Windows-1252 text with
//! curly quotes, and a file of copies (exact ones, and one with a paragraph added) of articles
//! from the other five.

use std::collections::HashSet;

use folio::train::{self, Document};
use folio::Label;
use folio::Tag;
use serde::{Deserialize, Serialize};

/// The answer for a set of dumps: the files in reading order and every article once.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gold {
    pub files: Vec<String>,
    pub articles: Vec<GoldArticle>,
}

/// One article as Folio must show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GoldArticle {
    pub title: String,
    /// The photo caption, or empty when the layout has none.
    pub caption: String,
    pub paragraphs: Vec<String>,
    /// Every name of the title, caption and paragraphs in reading order, as `[text, label]`.
    pub entities: Vec<(String, String)>,
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub near_duplicate_sources: Vec<String>,
}

/// The fewest words a generated paragraph has: shorter ones could read as titles.
pub const PARAGRAPH_WORDS: usize = 35;
/// The most words a generated title keeps of its document's first sentence.
const TITLE_WORDS: usize = 10;

/// Text with the names in it, in order.
#[derive(Clone, Debug, Default, PartialEq)]
struct Annotated {
    text: String,
    names: Vec<(String, Label)>,
}

impl Annotated {
    fn push(&mut self, other: &Annotated, sep: &str) {
        if !self.text.is_empty() {
            self.text.push_str(sep);
        }
        self.text.push_str(&other.text);
        self.names.extend(other.names.iter().cloned());
    }
}

/// Tokens joined as written text: no space before closing punctuation and clitics, none after
/// opening brackets and currency signs, straight double quotes paired as open and close.
fn detokenize(words: &[String], tags: &[Tag]) -> Annotated {
    let mut text = String::new();
    let mut at = Vec::with_capacity(words.len());
    let mut quote_open = false;
    let mut glue_next = true;
    for w in words {
        let closing = matches!(
            w.as_str(),
            "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "'s" | "'" | "n't"
        ) || (w.starts_with('\'')
            && w.len() <= 3
            && w[1..].bytes().all(|b| b.is_ascii_alphabetic()));
        let quote = w == "\"";
        let glue = glue_next || closing || (quote && quote_open);
        if !glue {
            text.push(' ');
        }
        let start = text.len();
        text.push_str(w);
        at.push((start, text.len()));
        glue_next =
            matches!(w.as_str(), "(" | "[" | "{" | "$" | "£" | "€") || (quote && !quote_open);
        if quote {
            quote_open = !quote_open;
        }
    }
    let names = train::spans(tags)
        .into_iter()
        .map(|span| {
            (
                text[at[span.start].0..at[span.end - 1].1].to_owned(),
                span.label,
            )
        })
        .collect();
    Annotated { text, names }
}

/// One generated article, before it is laid out.
#[derive(Clone, Debug)]
struct Article {
    title: Annotated,
    /// The place a caption names, if the document names one.
    place: Option<String>,
    dateline: Option<String>,
    paragraphs: Vec<Annotated>,
}

const DAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const CREDITS: [&str; 4] = ["Reuters", "AFP", "AP", "Asharq Al-Awsat"];

impl Article {
    fn from_document(doc: &Document, n: usize) -> Option<Article> {
        let sentences: Vec<Annotated> = doc
            .sentences
            .iter()
            .map(|s| detokenize(&s.words, &s.tags))
            .collect();
        let first = doc.sentences.first()?;
        let title = title_of(&first.words, &first.tags)?;
        let mut paragraphs = Vec::new();
        let mut current = Annotated::default();
        for s in &sentences {
            current.push(s, " ");
            if current.text.split(' ').count() >= PARAGRAPH_WORDS {
                paragraphs.push(std::mem::take(&mut current));
            }
        }
        if !current.text.is_empty() {
            match paragraphs.last_mut() {
                Some(last) => last.push(&current, " "),
                None => paragraphs.push(current),
            }
        }
        let places: Vec<&str> = sentences
            .iter()
            .flat_map(|s| &s.names)
            .filter(|(_, l)| *l == Label::LOC)
            .map(|(t, _)| t.as_str())
            .collect();
        let place = places.first().map(|p| p.to_string());
        // A dateline every other article, from a place of one or two words, in capitals.
        let dateline = places
            .iter()
            .find(|p| p.split(' ').count() <= 2 && p.chars().all(|c| c.is_alphabetic() || c == ' '))
            .filter(|_| n.is_multiple_of(2))
            .map(|p| p.to_uppercase());
        Some(Article {
            title,
            place,
            dateline,
            paragraphs,
        })
    }

    fn caption(&self, n: usize) -> (String, Vec<(String, Label)>) {
        let day = DAYS[n % DAYS.len()];
        let credit = CREDITS[n % CREDITS.len()];
        let mut names = Vec::new();
        let text = match &self.place {
            Some(place) => {
                names.push((place.clone(), Label::LOC));
                format!("A general view of {place} on {day}. ({credit})")
            }
            None => format!("People gather in the street on {day}. ({credit})"),
        };
        names.push((credit.to_owned(), Label::ORG));
        (text, names)
    }

    /// The body's paragraphs as text, the dateline first.
    fn body(&self, n: usize) -> Vec<String> {
        self.dateline
            .iter()
            .map(|d| format!("{d} 2009-{:02}-{:02}", 1 + n % 12, 1 + n % 28))
            .chain(self.paragraphs.iter().map(|p| p.text.clone()))
            .collect()
    }

    fn gold(&self, n: usize, with_caption: bool, source: &str) -> GoldArticle {
        let (caption, caption_names) = if with_caption {
            self.caption(n)
        } else {
            (String::new(), Vec::new())
        };
        let names = self
            .title
            .names
            .iter()
            .cloned()
            .chain(caption_names)
            .chain(self.dateline.iter().map(|d| (d.clone(), Label::LOC)))
            .chain(self.paragraphs.iter().flat_map(|p| p.names.iter().cloned()))
            .map(|(t, l)| (t, l.as_str().to_owned()))
            .collect();
        GoldArticle {
            title: self.title.text.clone(),
            caption,
            paragraphs: self.body(n),
            entities: names,
            sources: vec![source.to_owned()],
            near_duplicate_sources: Vec::new(),
        }
    }
}

/// A headline from a document's first sentence: at most [`TITLE_WORDS`] words, never cut
/// inside a name, without closing punctuation, its first letter a capital.
fn title_of(words: &[String], tags: &[Tag]) -> Option<Annotated> {
    let mut end = words.len().min(TITLE_WORDS);
    while end > 1
        && (matches!(tags.get(end), Some(Tag::I(_)))
            || !words[end - 1].chars().any(char::is_alphanumeric))
    {
        end -= 1;
    }
    let mut title = detokenize(&words[..end], &tags[..end]);
    if title.text.split(' ').count() < 2 {
        return None;
    }
    let mut chars = title.text.chars();
    let first = chars.next()?;
    if first.is_lowercase() {
        title.text = first.to_uppercase().chain(chars).collect();
        if let Some((name, _)) = title.names.first_mut().filter(|_| tags[0] != Tag::O) {
            *name = title.text[..name.len()].to_owned();
        }
    }
    Some(title)
}

/// How a file lays out its articles.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Layout {
    /// Title, blank, caption twice, blank, all of it again, then the body: the seed's.
    Seed,
    /// The header without blank lines in it.
    Tight,
    /// Articles between ruled lines, with a title and no captions.
    Ruled,
}

fn render(articles: &[(usize, &Article)], layout: Layout) -> String {
    let mut out = String::new();
    for (k, &(n, a)) in articles.iter().enumerate() {
        if layout == Layout::Ruled && k > 0 {
            out.push_str("========================================\n\n");
        }
        match layout {
            Layout::Seed | Layout::Tight => {
                let gap = if layout == Layout::Seed { "\n\n" } else { "\n" };
                let (caption, _) = a.caption(n);
                for _ in 0..2 {
                    out.push_str(&a.title.text);
                    out.push_str(gap);
                    out.push_str(&caption);
                    out.push('\n');
                    out.push_str(&caption);
                    out.push_str(gap);
                }
                if layout == Layout::Tight {
                    out.push('\n');
                }
            }
            Layout::Ruled => {
                out.push_str(&a.title.text);
                out.push_str("\n\n");
            }
        }
        for p in a.body(n) {
            out.push_str(&p);
            out.push_str("\n\n");
        }
    }
    out
}

/// Straight double quotes as curly ones, paired, and apostrophes as right single quotes: how
/// a word processor writes them, and what a Windows-1252 file carries.
fn curly(text: &str) -> String {
    let mut open = false;
    text.chars()
        .map(|c| match c {
            '"' => {
                open = !open;
                if open {
                    '“'
                } else {
                    '”'
                }
            }
            '\'' => '’',
            c => c,
        })
        .collect()
}

fn curly_article(a: &Article) -> Article {
    let fix = |x: &Annotated| Annotated {
        text: curly(&x.text),
        names: x.names.iter().map(|(t, l)| (curly(t), *l)).collect(),
    };
    Article {
        title: fix(&a.title),
        place: a.place.as_deref().map(curly),
        dateline: a.dateline.as_deref().map(curly),
        paragraphs: a.paragraphs.iter().map(fix).collect(),
    }
}

/// The six files and their answer, from `docs` (at least 20 usable documents).
pub fn generate(docs: &[Document]) -> (Vec<(String, Vec<u8>)>, Gold) {
    // News has its own near-duplicates (a results table sent twice, a story updated), which
    // Folio rightly merges: an answer of distinct articles keeps only the first of each.
    let mut seen: Vec<HashSet<[&str; 3]>> = Vec::new();
    let articles: Vec<Article> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            let words: Vec<&str> = d
                .sentences
                .iter()
                .flat_map(|s| s.words.iter().map(String::as_str))
                .collect();
            let shingles: HashSet<[&str; 3]> =
                words.windows(3).map(|w| [w[0], w[1], w[2]]).collect();
            let similar = seen.iter().any(|other| {
                let common = shingles.intersection(other).count();
                common * 2 >= (shingles.len() + other.len() - common)
            });
            seen.push(shingles);
            !similar
        })
        .filter_map(|(n, d)| Article::from_document(d, n))
        .collect();
    assert!(articles.len() >= 20, "too few documents to make dumps");
    // Articles whose text Windows-1252 can carry, for the legacy file (after curly quotes).
    let legacy = |a: &Article| {
        let all = render(&[(0, &curly_article(a))], Layout::Seed);
        let (_, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&all);
        !unmappable
    };
    let per_file = (articles.len() - 2) / 5;
    let mut groups: [Vec<usize>; 5] = Default::default();
    let mut next = 0;
    // The legacy file takes the first `per_file` articles Windows-1252 can write.
    let latin: Vec<usize> = (0..articles.len())
        .filter(|&i| legacy(&articles[i]))
        .take(per_file)
        .collect();
    for (g, group) in groups.iter_mut().enumerate() {
        if g == 4 {
            *group = latin.clone();
            continue;
        }
        while group.len() < per_file {
            if !latin.contains(&next) {
                group.push(next);
            }
            next += 1;
        }
    }
    let fresh: Vec<usize> = (next..articles.len())
        .filter(|i| !latin.contains(i))
        .take(2)
        .collect();
    let names = [
        "01-seed.txt",
        "02-crlf.txt",
        "03-ruled.txt",
        "04-tight.txt",
        "05-latin1.txt",
        "06-crossdup.txt",
    ];
    let layouts = [
        Layout::Seed,
        Layout::Seed,
        Layout::Ruled,
        Layout::Tight,
        Layout::Seed,
    ];
    let mut files = Vec::new();
    let mut gold = Vec::new();
    let mut shown: Vec<Article> = Vec::new();
    for (g, group) in groups.iter().enumerate() {
        let list: Vec<(usize, Article)> = group
            .iter()
            .map(|&i| {
                let a = &articles[i];
                (i, if g == 4 { curly_article(a) } else { a.clone() })
            })
            .collect();
        let refs: Vec<(usize, &Article)> = list.iter().map(|(i, a)| (*i, a)).collect();
        let text = render(&refs, layouts[g]);
        let bytes = match g {
            1 => format!("\u{feff}{}", text.replace('\n', "\r\n")).into_bytes(),
            4 => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
            _ => text.into_bytes(),
        };
        files.push((names[g].to_owned(), bytes));
        for (i, a) in list {
            gold.push(a.gold(i, layouts[g] != Layout::Ruled, names[g]));
            shown.push(a);
        }
    }
    // The copies: the second article of the seed file and of the legacy one exactly, the
    // third of the tight file with a paragraph added (a near-duplicate), and two new ones.
    let copy_of = |g: usize, k: usize| groups[..g].iter().map(Vec::len).sum::<usize>() + k;
    let exact = [copy_of(0, 1), copy_of(4, 1)];
    let edited = copy_of(3, 2);
    let mut copies: Vec<(usize, Article)> = exact
        .iter()
        .map(|&k| (gold_n(&groups, k), shown[k].clone()))
        .collect();
    let mut changed = shown[edited].clone();
    changed.paragraphs.push(Annotated {
        text: "The report was updated with new figures later in the day.".to_owned(),
        names: Vec::new(),
    });
    copies.push((gold_n(&groups, edited), changed));
    for &i in &fresh {
        copies.push((i, articles[i].clone()));
    }
    let refs: Vec<(usize, &Article)> = copies.iter().map(|(i, a)| (*i, a)).collect();
    files.push((
        names[5].to_owned(),
        render(&refs, Layout::Seed).into_bytes(),
    ));
    for &k in &exact {
        gold[k].sources.push(names[5].to_owned());
    }
    gold[edited]
        .near_duplicate_sources
        .push(names[5].to_owned());
    for &i in &fresh {
        gold.push(articles[i].gold(i, true, names[5]));
    }
    let gold = Gold {
        files: names.iter().map(|n| n.to_string()).collect(),
        articles: gold,
    };
    (files, gold)
}

/// The document number of the `k`th article shown (its caption and dateline depend on it).
fn gold_n(groups: &[Vec<usize>; 5], k: usize) -> usize {
    groups
        .iter()
        .flatten()
        .nth(k)
        .copied()
        .expect("an article shown")
}
