//! Raw text to the tokens the tagger was trained on, with where each came from.
//!
//! The tagger learnt from CoNLL-2003, whose Reuters text is tokenised the Penn Treebank way:
//! punctuation apart (`Mikati` `:`), possessives apart (`Iran` `'s`), abbreviations whole
//! (`U.S.`, `Inc.`), hyphenated and apostrophised names whole (`al-Maliki`, `Asa'ib`). Web text
//! adds curly quotes and apostrophes; a token's `norm` writes them the ASCII way the training
//! text does, while `start`/`end` keep pointing into the original.

/// One token: a byte range of the text and the form the tagger reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// Byte offsets into the text, end exclusive.
    pub start: usize,
    pub end: usize,
    /// The token as the tagger reads it: curly quotes and apostrophes made ASCII.
    pub norm: std::borrow::Cow<'a, str>,
}

/// Abbreviations that keep their full stop (beside single letters and dotted forms like U.S.).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "gov",
    "sen", "rep", "rev", "st", "mt", "ft", "inc", "corp", "co", "ltd", "plc", "bros", "vs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "jr", "sr",
    "messrs", "est", "approx", "dept", "univ", "assn", "ave", "blvd",
];

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»' | '„' | '`'
    )
}

/// Punctuation that is always a token of its own at a word's edge.
fn is_edge_punct(c: char) -> bool {
    is_quote(c)
        || matches!(
            c,
            '(' | ')' | '[' | ']' | '{' | '}' | ',' | ';' | ':' | '!' | '?' | '…' | '—' | '–'
        )
}

fn is_currency(c: char) -> bool {
    matches!(c, '$' | '£' | '€' | '¥')
}

/// Splits `text` into tokens, in order.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().expect("in bounds");
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let mut end = i;
        while end < text.len() {
            let c = text[end..].chars().next().expect("in bounds");
            if c.is_whitespace() {
                break;
            }
            end += c.len_utf8();
        }
        split_word(text, i, end, &mut out);
        i = end;
    }
    out
}

/// Splits one whitespace-delimited chunk `text[start..end]` into tokens.
fn split_word<'a>(text: &'a str, mut start: usize, mut end: usize, out: &mut Vec<Token<'a>>) {
    // Leading punctuation and currency signs, each a token.
    while start < end {
        let c = text[start..end].chars().next().expect("non-empty");
        if is_edge_punct(c) || is_currency(c) {
            push(text, start, start + c.len_utf8(), out);
            start += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing punctuation, kept to emit after the word.
    let mut tail: Vec<(usize, usize)> = Vec::new();
    loop {
        if start >= end {
            break;
        }
        let c = text[..end].chars().next_back().expect("non-empty");
        let at = end - c.len_utf8();
        if is_edge_punct(c) || c == '%' {
            // An apostrophe closing a plural possessive (`farmers'`) stays a token of its own.
            tail.push((at, end));
            end = at;
        } else if c == '.' {
            let word = &text[start..at];
            if keeps_full_stop(word) {
                break;
            }
            // `...` and `.` alike: the dots are one token.
            let mut dots = at;
            while dots > start && text.as_bytes()[dots - 1] == b'.' {
                dots -= 1;
            }
            tail.push((dots, end));
            end = dots;
        } else {
            break;
        }
    }
    if start < end {
        match clitic(&text[start..end]) {
            Some(len) => {
                push(text, start, end - len, out);
                push(text, end - len, end, out);
            }
            None => push(text, start, end, out),
        }
    }
    for &(s, e) in tail.iter().rev() {
        push(text, s, e, out);
    }
}

/// The clitics split off the word before them, the Treebank way (and CoNLL-2003's): the
/// possessive (`Iran` `'s`), the negative (`do` `n't`) and the contracted verbs (`I` `'m`,
/// `we` `'ve`, `they` `'re`, `I` `'d`, `you` `'ll`). Kept whole, `I've` or `We'll` is a
/// capitalised word the tagger has never seen, and quotes are full of them.
const CLITICS: &[&str] = &["s", "m", "re", "ve", "d", "ll"];

/// The length in bytes of the clitic ending `word`, if one does: an apostrophe (straight or
/// curly) and one of [`CLITICS`] in any case after at least one letter, or `n't`. A verb's
/// clitic follows letters only, so a name's apostrophe inside a word (`O'Neill`, `Asa'ib`) or
/// after a digit is left alone.
fn clitic(word: &str) -> Option<usize> {
    let (stem, tail) = word.rsplit_once(['\'', '’'])?;
    let apostrophe = word.len() - stem.len() - tail.len();
    if stem.is_empty() {
        return None;
    }
    if tail.eq_ignore_ascii_case("t") {
        let n = stem.strip_suffix(['n', 'N'])?;
        return (!n.is_empty()).then_some(1 + apostrophe + tail.len());
    }
    let known = CLITICS.iter().any(|c| tail.eq_ignore_ascii_case(c));
    let letters = stem.chars().all(char::is_alphabetic);
    (known && (letters || tail.eq_ignore_ascii_case("s"))).then_some(apostrophe + tail.len())
}

/// Whether `word` (without its final `.`) is an abbreviation whose full stop is part of it.
fn keeps_full_stop(word: &str) -> bool {
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let first = chars.next().expect("non-empty");
    // An initial (`J.`) or a dotted abbreviation (`U.S`, `p.m`).
    if chars.as_str().is_empty() && first.is_alphabetic() {
        return true;
    }
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push<'a>(text: &'a str, start: usize, end: usize, out: &mut Vec<Token<'a>>) {
    let raw = &text[start..end];
    let norm = if raw.contains(['“', '”', '‘', '’', '«', '»', '„', '`']) {
        std::borrow::Cow::Owned(
            raw.chars()
                .map(|c| match c {
                    '“' | '”' | '«' | '»' | '„' => '"',
                    '‘' | '’' | '`' => '\'',
                    c => c,
                })
                .collect(),
        )
    } else {
        std::borrow::Cow::Borrowed(raw)
    };
    out.push(Token { start, end, norm });
}

/// Splits a block's tokens into sentences: after `.`, `!` or `?` followed by a token that can
/// start one. Returns the end index (exclusive) of each sentence.
pub fn sentences(tokens: &[Token<'_>]) -> Vec<usize> {
    let mut ends = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let stop = matches!(&*t.norm, "." | "!" | "?" | "..." | "…");
        if !stop {
            continue;
        }
        // Closing quotes and brackets belong to the sentence they close.
        let mut j = i + 1;
        while j < tokens.len() && matches!(&*tokens[j].norm, "\"" | "'" | ")" | "]") {
            j += 1;
        }
        let next_starts = tokens.get(j).is_none_or(|n| {
            n.norm
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || is_quote(c))
        });
        if next_starts && j < tokens.len() && ends.last() != Some(&j) {
            ends.push(j);
        }
    }
    if ends.last() != Some(&tokens.len()) && !tokens.is_empty() {
        ends.push(tokens.len());
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokens(text)
            .into_iter()
            .map(|t| t.norm.into_owned())
            .collect()
    }

    #[test]
    fn treebank_style() {
        assert_eq!(
            words("Mikati: Lebanon in State of War, (Reuters)"),
            ["Mikati", ":", "Lebanon", "in", "State", "of", "War", ",", "(", "Reuters", ")"]
        );
        assert_eq!(
            words("Iran’s Quds Force said “no.”"),
            ["Iran", "'s", "Quds", "Force", "said", "\"", "no", ".", "\""]
        );
        assert_eq!(
            words("The U.S. and Mr. Smith Inc. paid $5.5 million, 25% more."),
            [
                "The", "U.S.", "and", "Mr.", "Smith", "Inc.", "paid", "$", "5.5", "million", ",",
                "25", "%", "more", "."
            ]
        );
        assert_eq!(
            words("Asa'ib Ahl al-Haq haven't 5,470"),
            ["Asa'ib", "Ahl", "al-Haq", "have", "n't", "5,470"]
        );
    }

    #[test]
    fn contractions_split_the_conll_way() {
        assert_eq!(
            words("I'm sure we’ve said I'd go, and you'll see they're right"),
            [
                "I", "'m", "sure", "we", "'ve", "said", "I", "'d", "go", ",", "and", "you", "'ll",
                "see", "they", "'re", "right"
            ]
        );
        assert_eq!(
            words("DON'T can’t It's WE'VE"),
            ["DO", "N'T", "ca", "n't", "It", "'s", "WE", "'VE"]
        );
        // An apostrophe inside a name or a word is no clitic's.
        assert_eq!(
            words("O'Neill D'Amato rock'n'roll 1990's Sa'ad"),
            ["O'Neill", "D'Amato", "rock'n'roll", "1990", "'s", "Sa'ad"]
        );
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "«Tyre» — Najib’s";
        for t in tokens(text) {
            let raw = &text[t.start..t.end];
            assert_eq!(raw.chars().count(), t.norm.chars().count(), "{raw}");
        }
    }

    #[test]
    fn sentence_ends() {
        let t = tokens("He left. She stayed in the U.S. for a year. \"Why?\" he asked");
        let ends = sentences(&t);
        let first: Vec<_> = t[..ends[0]].iter().map(|t| &*t.norm).collect();
        assert_eq!(first, ["He", "left", "."]);
        assert_eq!(ends.len(), 3, "{ends:?}");
        assert_eq!(*ends.last().unwrap(), t.len());
        assert!(sentences(&[]).is_empty());
    }
}
