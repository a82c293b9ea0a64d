//! The shape of one line: could it be a title, a caption with a credit, a dateline, a ruled
//! line? Read from punctuation, casing and length only, never from particular words.

/// Longest line (in bytes) that can be a title; real headlines are far shorter.
pub(super) const MAX_TITLE_BYTES: usize = 300;
const MAX_TITLE_WORDS: usize = 30;

/// What a line is, before any context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Blank,
    Ruler,
    Text,
}

pub(super) fn kind(text: &str) -> Kind {
    if text.is_empty() {
        Kind::Blank
    } else if is_ruler(text) {
        Kind::Ruler
    } else {
        Kind::Text
    }
}

/// A ruled line: three or more rule characters and nothing else but spaces (`=====`, `- - -`).
/// Two dashes (`--`) are a sign-off or a table marker in news copy, not a rule.
pub fn is_ruler(text: &str) -> bool {
    let mut marks = 0;
    for c in text.chars() {
        match c {
            '=' | '-' | '_' | '*' | '~' | '#' | '+' | '—' | '–' | '•' | '·' => marks += 1,
            c if c.is_whitespace() => {}
            _ => return false,
        }
    }
    marks >= 3
}

/// Could this line be a headline? Short, no sentence ending, not starting lower-case, not a caption.
///
/// Called on most lines of every file, so the cheap rejections come first: most body lines are
/// too long or end in a full stop.
pub fn title_like(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(&last) = bytes.last() else {
        return false;
    };
    if bytes.len() > MAX_TITLE_BYTES || matches!(last, b',' | b';' | b':') {
        return false;
    }
    if last == b'.' {
        let from = memchr::memrchr(b' ', bytes).map_or(0, |i| i + 1);
        if !abbreviation(&text[from..]) {
            return false;
        }
    }
    if last == b')' && credit_start(text).is_some() {
        return false;
    }
    // "delivered to consumer": a wrapped line of a table or a sentence, not a headline.
    let first_word = &text[..memchr::memchr(b' ', bytes).unwrap_or(bytes.len())];
    if first_word.bytes().all(|b| b.is_ascii_lowercase())
        || (first_word.chars().any(char::is_alphabetic)
            && !first_word.chars().any(char::is_uppercase))
    {
        return false;
    }
    if !bytes.iter().any(u8::is_ascii_alphabetic) && !text.chars().any(char::is_alphabetic) {
        return false;
    }
    bytes.iter().filter(|&&b| b == b' ').count() < MAX_TITLE_WORDS
}

/// A headline as a file's first line may be one: short, not a clause cut at a comma or colon,
/// not a sentence (a full stop ends it only as an ellipsis or an abbreviation), and not
/// starting with a lower-case word; unlike [`title_like`] it may open with a digit, a currency
/// sign or a quote and end with a bracketed word (`(Sat)`), as headlines do.
pub fn headline_like(text: &str) -> bool {
    let text = text.trim();
    let Some(last) = text.chars().last() else {
        return false;
    };
    if text.len() > MAX_TITLE_BYTES
        || text.split_whitespace().count() > MAX_TITLE_WORDS
        || matches!(last, ',' | ';' | ':')
        || !text.chars().any(char::is_alphabetic)
    {
        return false;
    }
    if last == '.' && !text.ends_with("...") {
        let from = text.rfind(' ').map_or(0, |i| i + 1);
        if !abbreviation(&text[from..]) {
            return false;
        }
    }
    // The first word decides: `$1m`, `2,225` and `'Quiet'` open headlines, a lower-case word
    // (`delivered to consumer`) a wrapped line of text.
    let first = text.split_whitespace().next().unwrap_or("");
    !first.chars().next().is_some_and(char::is_lowercase)
}

/// `U.S.`, `Inc.`, `Jr.`: a full stop that ends a word, not a sentence.
fn abbreviation(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    word.contains('.')
        || matches!(
            word,
            "Inc" | "Co" | "Corp" | "Ltd" | "Jr" | "Sr" | "St" | "Bros" | "Dr" | "Mr" | "Mrs"
        )
}

/// Title case: most longer words begin with a capital (or the line is in capitals).
pub fn title_cased(text: &str) -> bool {
    let (mut long, mut capital) = (0, 0);
    for word in text.split_whitespace() {
        // Most words are ASCII: bytes answer without decoding characters.
        if word.is_ascii() {
            let bytes = word.as_bytes();
            let Some(&first) = bytes.iter().find(|b| b.is_ascii_alphanumeric()) else {
                continue;
            };
            if first.is_ascii_alphabetic()
                && bytes.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 4
            {
                long += 1;
                capital += first.is_ascii_uppercase() as usize;
            }
            continue;
        }
        let mut chars = word.chars().skip_while(|c| !c.is_alphanumeric());
        let Some(first) = chars.next() else { continue };
        if !first.is_alphabetic() || word.chars().filter(|c| c.is_alphabetic()).count() < 4 {
            continue;
        }
        long += 1;
        capital += first.is_uppercase() as usize;
    }
    long > 0 && capital * 3 >= long * 2
}

/// Byte index of the `(` of a trailing credit such as `(Reuters)` or `(Asharq Al-Awsat)`.
pub fn credit_start(text: &str) -> Option<usize> {
    let body = text.strip_suffix(')')?;
    let open = memchr::memrchr(b'(', body.as_bytes())?;
    let credit = &body[open + 1..];
    if open == 0 || credit.is_empty() || credit.len() > 60 {
        return None;
    }
    // Digits and ')' are ASCII, so their bytes cannot be part of another character.
    if credit.bytes().any(|b| b.is_ascii_digit() || b == b')') {
        return None;
    }
    let ok = credit.chars().next().is_some_and(char::is_uppercase) && !words_at_least(credit, 7);
    ok.then_some(open)
}

/// Whether `text` has at least `n` words (as `split_whitespace` finds them), counted no
/// further than needed; ASCII text is read as bytes, without decoding characters.
fn words_at_least(text: &str, n: usize) -> bool {
    if !text.is_ascii() {
        return text.split_whitespace().nth(n - 1).is_some();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        // What `char::is_whitespace` calls whitespace among ASCII (with vertical tab).
        let space = matches!(b, b' ' | b'\t'..=b'\r');
        if !space && !in_word {
            words += 1;
            if words >= n {
                return true;
            }
        }
        in_word = !space;
    }
    false
}

/// A photo caption: text ending in a credit in brackets. `strict` also asks for a sentence of at
/// least four words before the credit, the shape that tells a caption from a table row like
/// `Andre Agassi (U.S.)`.
///
/// The last byte rules out most lines, inlined where the segmenter asks (it asks of nearly
/// every line); the rest is [`credited_caption`].
#[inline]
pub fn caption(text: &str, strict: bool) -> bool {
    text.ends_with(')') && credited_caption(text, strict)
}

fn credited_caption(text: &str, strict: bool) -> bool {
    let Some(open) = credit_start(text) else {
        return false;
    };
    let before = text[..open].trim_end();
    if !strict {
        return words_at_least(before, 2);
    }
    before.ends_with(['.', '!', '?', '"', '”', '’', '\'']) && words_at_least(before, 4)
}

/// A dateline: a place in capitals, an optional region, and a date.
/// `BEIJING 1996-08-27`, `COMMACK, New York 1996-08-24`, `MADRID, Dec 7`.
///
/// Length and last byte rule out most lines, inlined where the segmenter asks; the rest is
/// [`dated_place`].
#[inline]
pub fn dateline(text: &str) -> bool {
    text.len() <= 80 && text.as_bytes().last().is_some_and(u8::is_ascii_digit) && dated_place(text)
}

fn dated_place(text: &str) -> bool {
    // The place is in capitals: a lower-case letter in the first word rules it out at once
    // (table rows ending in figures are common, datelines are one an article).
    let first_word = text.split([' ', ',']).next().unwrap_or("");
    if first_word.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let Some(place) = strip_date(text) else {
        return false;
    };
    let place = place.trim_end().trim_end_matches(',');
    let (city, region) = match place.split_once(',') {
        Some((city, region)) => (city, Some(region.trim())),
        None => (place, None),
    };
    let city_ok = !city.is_empty()
        && city.split_whitespace().count() <= 4
        && city.chars().any(char::is_alphabetic)
        && city
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-' | '’'));
    let region_ok = region.is_none_or(|r| {
        !r.is_empty()
            && r.len() <= 40
            && r.chars().next().is_some_and(char::is_uppercase)
            && r.chars()
                .all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\''))
    });
    city_ok && region_ok
}

/// The text before a trailing date (`1996-08-27`, `Dec 7`, `December 7, 1996`), if it ends in one.
fn strip_date(text: &str) -> Option<&str> {
    let bytes = text.as_bytes();
    if bytes.len() > 11 {
        let tail = &bytes[bytes.len() - 10..];
        let iso = tail.iter().enumerate().all(|(k, b)| match k {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
        if iso && bytes[bytes.len() - 11] == b' ' {
            return Some(&text[..text.len() - 11]);
        }
    }
    let (rest, last) = text.trim_end().rsplit_once(' ')?;
    let (rest, day) = if last.len() == 4 && last.bytes().all(|b| b.is_ascii_digit()) {
        rest.trim_end().rsplit_once(' ')?
    } else {
        (rest, last)
    };
    let day = day.trim_end_matches(',');
    let (place, month) = rest.trim_end().rsplit_once(' ')?;
    let month = month.trim_end_matches('.');
    let day_ok = !day.is_empty() && day.len() <= 2 && day.bytes().all(|b| b.is_ascii_digit());
    const MONTHS: [&[u8]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let month_ok = month.len() >= 3
        && month.as_bytes()[0].is_ascii_uppercase()
        && MONTHS
            .iter()
            .any(|m| month.as_bytes()[..3].eq_ignore_ascii_case(m));
    (day_ok && month_ok && !place.trim().is_empty()).then_some(place)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte count of words agrees with `split_whitespace` on ASCII text.
        #[test]
        fn ascii_word_counts_agree(text in "[a-z \t\n\x0b\x0c\r.]{0,40}", n in 1usize..8) {
            proptest::prop_assert_eq!(
                words_at_least(&text, n),
                text.split_whitespace().nth(n - 1).is_some()
            );
        }
    }

    #[test]
    fn shapes() {
        assert!(is_ruler("========") && is_ruler("- - -") && is_ruler("***"));
        assert!(!is_ruler("--") && !is_ruler("-- Stockholm newsroom"));
        assert!(title_like("Talks With U.S.") && title_like("Mikati: Lebanon in State of War"));
        assert!(!title_like("He said so.") && !title_like("delivered to consumer"));
        assert!(!title_like(
            "Aluminum scrap, Midwest and East coast average price,"
        ));
        assert!(caption("Iraqis stage a rally in Baghdad. (Reuters)", true));
        assert!(caption("A general view of U.S. on Friday. (AP)", true));
        assert!(!caption("Andre Agassi (U.S.)", true) && caption("Andre Agassi (U.S.)", false));
        assert!(!caption("Extras (b-4 lb-3 nb-11) 18", false));
        assert!(!caption("Pakistan first innings (overnight 229-1)", false));
        assert!(dateline("BEIJING 1996-08-27") && dateline("COMMACK, New York 1996-08-24"));
        assert!(dateline("BUENOS AIRES, Argentina 1996-08-29") && dateline("MADRID Dec. 7"));
        assert!(!dateline("Six months to August 31, 1996") && !dateline("Sales 3.30 3.17 2.75"));
        assert!(title_cased("Ipo Filing - Transkaryotic Therapies Inc"));
        for headline in [
            "$1m payoff for former Shell boss",
            "France v Wales (Sat)",
            "Rivals of the £400 Apple...",
            "'Quiet' start to holiday sales",
            "2,225 jobs go at the plant",
        ] {
            assert!(headline_like(headline), "{headline}");
        }
        for text in [
            "delivered to consumer",
            "He said so.",
            "Aluminum scrap, Midwest,",
            "--",
        ] {
            assert!(!headline_like(text), "{text}");
        }
        assert!(!title_cased("Results at the hamlet cup tennis tournament"));
    }
}
