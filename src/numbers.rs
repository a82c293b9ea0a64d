//! Dates, times, money, percentages, quantities and plain numbers, found by rules.
//!
//! These follow patterns a few rules capture well (a weekday, `25 percent`, `$5.5 million`,
//! `1996-12-06`), so there is no model to train or download. The rules read tokens as
//! [`crate::tokenize`] makes them and never claim a token a name already holds.

use crate::model::Label;
use crate::tags::Span;

pub(crate) const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub(crate) const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "mar.",
    "apr.",
    "jun.",
    "jul.",
    "aug.",
    "sep.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
];

/// Months abbreviated without a full stop, as news datelines write them (`WASHINGTON, Dec 7
/// (Reuters) -`): a date only when capitalised and followed by a day or a year, since `mar`,
/// `jan` and `sept` are also words and names (`Jan Kowalski`).
const BARE_MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

const RELATIVE_DAYS: &[&str] = &["today", "yesterday", "tomorrow", "tonight"];

const SCALES: &[&str] = &[
    "hundred", "thousand", "million", "billion", "trillion", "mln", "bln", "m", "bn",
];

const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
    "dozen",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
];

const CURRENCY_SIGNS: &[&str] = &["$", "£", "€", "¥", "us$", "c$", "a$", "hk$", "nz$", "s$"];

const CURRENCY_WORDS: &[&str] = &[
    "dollar", "dollars", "cent", "cents", "euro", "euros", "yen", "pound", "pounds", "sterling",
    "mark", "marks", "franc", "francs", "lira", "lire", "rupee", "rupees", "yuan", "rouble",
    "roubles", "ruble", "rubles", "peso", "pesos", "riyal", "riyals", "dinar", "dinars", "pence",
    "shekel", "shekels", "guilders", "crowns", "usd", "eur", "gbp", "jpy",
];

const UNITS: &[&str] = &[
    "km",
    "kms",
    "kilometre",
    "kilometres",
    "kilometer",
    "kilometers",
    "mile",
    "miles",
    "metre",
    "metres",
    "meter",
    "meters",
    "m",
    "cm",
    "mm",
    "kg",
    "kgs",
    "kilogram",
    "kilograms",
    "gram",
    "grams",
    "g",
    "tonne",
    "tonnes",
    "ton",
    "tons",
    "lb",
    "lbs",
    "ounce",
    "ounces",
    "oz",
    "feet",
    "foot",
    "ft",
    "inch",
    "inches",
    "yard",
    "yards",
    "acre",
    "acres",
    "hectare",
    "hectares",
    "litre",
    "litres",
    "liter",
    "liters",
    "gallon",
    "gallons",
    "barrel",
    "barrels",
    "bpd",
    "mw",
    "kw",
    "gw",
    "megawatts",
    "degrees",
    "knots",
    "mph",
    "kph",
    "ppm",
    "sq",
    "square",
    "bushels",
    "bushel",
    "bales",
    "cubic",
];

const TIME_WORDS: &[&str] = &[
    "a.m.", "p.m.", "am", "pm", "gmt", "utc", "edt", "est", "bst", "cet",
];

/// The lower-case form, borrowed when the word has no capitals (most words).
fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// `5`, `5,470`, `3.25`, `1/2`, `3.25-3.75`: digits with separators, at least one digit first.
fn is_numeral(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_digit()
        && b.last().is_some_and(u8::is_ascii_digit)
        && b.iter()
            .all(|&c| c.is_ascii_digit() || matches!(c, b',' | b'.' | b'/' | b'-'))
}

fn is_number(s: &str) -> bool {
    is_numeral(s) || NUMBER_WORDS.contains(&&*lower(s))
}

/// `1996-12-06`, `06/12/1996`, `12/6/96`.
fn is_date_numeral(s: &str) -> bool {
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit());
    if parts.len() != 3 || !parts.iter().all(|p| digits(p)) {
        return false;
    }
    let n: Vec<u32> = parts.iter().map(|p| p.parse().unwrap_or(0)).collect();
    if parts[0].len() == 4 {
        (1..=12).contains(&n[1]) && (1..=31).contains(&n[2])
    } else {
        (1..=31).contains(&n[0]) && (1..=31).contains(&n[1]) && matches!(parts[2].len(), 2 | 4)
    }
}

/// A year on its own: four digits from 1800 to 2099 (`in 1996`, `the 2024 election`).
fn is_year(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|c| c.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|y| (1800..2100).contains(&y))
}

/// `10:30`, `9:05:12`.
fn is_clock(s: &str) -> bool {
    let parts: Vec<&str> = s.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()))
        && parts[0].parse::<u32>().is_ok_and(|h| h < 24)
        && parts[1..].iter().all(|p| p.len() == 2 && p < &"60")
}

fn is_day_of_month(s: &str) -> bool {
    let s = s.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !s.is_empty()
        && s.len() <= 2
        && s.bytes().all(|c| c.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

/// Whether a span may start at `word`: a digit, a currency sign, or a day, month or number
/// word. Most tokens are none of these, and this answers without allocating.
fn may_start(word: &str) -> bool {
    static STARTERS: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    let starters = STARTERS.get_or_init(|| {
        [
            WEEKDAYS,
            RELATIVE_DAYS,
            MONTHS,
            BARE_MONTHS,
            NUMBER_WORDS,
            CURRENCY_SIGNS,
        ]
        .into_iter()
        .flatten()
        .copied()
        .collect()
    });
    let b = word.as_bytes();
    if b.first().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    if b.len() > 12 {
        return false;
    }
    if !word.is_ascii() {
        return starters.contains(word.to_lowercase().as_str());
    }
    let mut buf = [0u8; 12];
    buf[..b.len()].copy_from_slice(b);
    buf[..b.len()].make_ascii_lowercase();
    std::str::from_utf8(&buf[..b.len()]).is_ok_and(|w| starters.contains(w))
}

/// Finds the spans of a sentence's tokens: `(first token, end token, label)`. Tokens with
/// `taken[i]` (part of a name) are never part of a span.
pub fn spans(words: &[&str], taken: &[bool]) -> Vec<Span> {
    let n = words.len();
    if !words.iter().any(|w| may_start(w)) {
        return Vec::new();
    }
    let lowers: Vec<std::borrow::Cow<'_, str>> = words.iter().map(|w| lower(w)).collect();
    let free = |i: usize| i < n && !taken[i];
    let is = |i: usize, set: &[&str]| free(i) && set.contains(&&*lowers[i]);
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        if !free(i) || !may_start(words[i]) {
            i += 1;
            continue;
        }
        let w = words[i];
        // Extends `end` over a number's scale word (`5.5 million`).
        let scaled = |end: usize| if is(end, SCALES) { end + 1 } else { end };
        let capital = w.chars().next().is_some_and(char::is_uppercase);
        let day_or_year =
            i + 1 < n && free(i + 1) && (is_day_of_month(words[i + 1]) || is_year(words[i + 1]));
        // `December 7`, `December`, and `Dec 7` as datelines write it (not `Dec` alone).
        let month_date = is(i, MONTHS)
            && (day_or_year || capital && lowers[i] != "may" && lowers[i] != "march")
            || is(i, BARE_MONTHS) && capital && day_or_year;
        let found: Option<(usize, Label)> = if is(i, WEEKDAYS) || is(i, RELATIVE_DAYS) {
            // `Saturday`, `Saturday, December 7`.
            let mut end = i + 1;
            if is(end, MONTHS) {
                end = date_after_month(words, &free, end);
            } else if words.get(end) == Some(&",") && is(end + 1, MONTHS) {
                end = date_after_month(words, &free, end + 1);
            }
            Some((end, Label::DATE))
        } else if month_date {
            Some((date_after_month(words, &free, i), Label::DATE))
        } else if is_date_numeral(w) {
            Some((i + 1, Label::DATE))
        } else if is_day_of_month(w) && !is_numeral_with_unit(&lowers, i) && is(i + 1, MONTHS) {
            // `6 December 1996`.
            let mut end = i + 2;
            if free(end) && is_year(words[end]) {
                end += 1;
            }
            Some((end, Label::DATE))
        } else if is_clock(w) {
            let end = if is(i + 1, TIME_WORDS) { i + 2 } else { i + 1 };
            Some((end, Label::TIME))
        } else if is_numeral(w) && is(i + 1, &["a.m.", "p.m.", "am", "pm"]) {
            Some((i + 2, Label::TIME))
        } else if is(i, CURRENCY_SIGNS) && free(i + 1) && is_numeral(words[i + 1]) {
            Some((scaled(i + 2), Label::MONEY))
        } else if is_number(w) {
            let mut end = i + 1;
            // `5.5 million`, `two hundred`.
            while end < n && free(end) && is_number(words[end]) && !is_year(words[end]) {
                end += 1;
            }
            end = scaled(end);
            if is(end, &["percent", "pct", "%"]) {
                Some((end + 1, Label::PERCENT))
            } else if words.get(end) == Some(&"per")
                && lowers.get(end + 1).map(|l| &**l) == Some("cent")
                && free(end + 1)
            {
                Some((end + 2, Label::PERCENT))
            } else if is(end, CURRENCY_WORDS) && !pound_of_weight(&lowers, end) {
                Some((end + 1, Label::MONEY))
            } else if is(end, UNITS) {
                Some((end + 1, Label::QUANTITY))
            } else if end == i + 1 && is_year(w) {
                Some((end, Label::DATE))
            } else if is_numeral(w) || end > i + 1 || lowers[i] != "one" {
                Some((end, Label::CARDINAL))
            } else {
                None
            }
        } else {
            None
        };
        match found {
            Some((end, label)) if end > i => {
                out.push(Span::new(i, end, label));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// `pound` after a number is weight when a price per pound follows (`75 cents / pound`) —
/// here it is money only when it is not `/ pound` itself.
fn pound_of_weight(lowers: &[std::borrow::Cow<'_, str>], at: usize) -> bool {
    at > 0 && lowers[at - 1] == "/"
}

fn is_numeral_with_unit(lowers: &[std::borrow::Cow<'_, str>], i: usize) -> bool {
    lowers.get(i + 1).is_some_and(|u| UNITS.contains(&&**u))
}

/// The end of a date that starts with the month at `month`: `December`, `December 7`,
/// `December 7, 1996`, `December 1996`.
fn date_after_month(words: &[&str], free: &dyn Fn(usize) -> bool, month: usize) -> usize {
    let mut end = month + 1;
    if free(end) && is_day_of_month(words[end]) {
        end += 1;
        if words.get(end) == Some(&",") && free(end + 1) && is_year(words[end + 1]) {
            end += 2;
        } else if free(end) && is_year(words[end]) {
            end += 1;
        }
    } else if free(end) && is_year(words[end]) {
        end += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, Label)> {
        let words: Vec<&str> = text.split(' ').collect();
        let taken = vec![false; words.len()];
        spans(&words, &taken)
            .into_iter()
            .map(|span| (words[span.range()].join(" "), span.label))
            .collect()
    }

    fn one(text: &str, label: Label) {
        let f = found(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        assert_eq!(f[0].1, label, "{text}: {f:?}");
    }

    /// Every month, as datelines abbreviate it without a full stop, with every day: one date
    /// from the month through the day (and a year after it); the same word before anything
    /// else, or in lower case, is no date.
    #[test]
    fn bare_month_abbreviations_before_a_day_are_dates() {
        for m in BARE_MONTHS {
            let title = format!("{}{}", m[..1].to_uppercase(), &m[1..]);
            for d in 1..=31 {
                let dateline = format!("WASHINGTON , {title} {d} ( Reuters ) -");
                assert_eq!(
                    found(&dateline),
                    [(format!("{title} {d}"), Label::DATE)],
                    "{dateline}"
                );
                assert_eq!(
                    found(&format!("on {title} {d} , 2024 ,")),
                    [(format!("{title} {d} , 2024"), Label::DATE)]
                );
            }
            let upper = m.to_uppercase();
            assert_eq!(found(&format!("{upper} 7")).len(), 1, "{upper} 7");
            assert!(found(&format!("{title} Kowalski said")).is_empty());
            assert_eq!(
                found(&format!("to {m} 7 lives")),
                [("7".to_owned(), Label::CARDINAL)]
            );
        }
    }

    #[test]
    fn each_label() {
        one("visited on Saturday the city", Label::DATE);
        one("on 1996-12-06 .", Label::DATE);
        one("on December 6 , 1996 .", Label::DATE);
        one("in 1996", Label::DATE);
        one("at 10:30 GMT", Label::TIME);
        one("at 3 p.m.", Label::TIME);
        one("paid $ 5.5 million", Label::MONEY);
        one("75 cents / pound", Label::MONEY);
        one("rose 25 percent", Label::PERCENT);
        one("rose 2.5 % .", Label::PERCENT);
        one("drove 40 km", Label::QUANTITY);
        one("sold 5,470 shares", Label::CARDINAL);
        one("UN Resolution 1701 .", Label::CARDINAL);
        one("three people", Label::CARDINAL);
    }

    #[test]
    fn spans_are_whole() {
        assert_eq!(
            found("on December 6 , 1996 at 10:30 GMT"),
            [
                ("December 6 , 1996".to_owned(), Label::DATE),
                ("10:30 GMT".to_owned(), Label::TIME)
            ]
        );
        assert_eq!(found("$ 5.5 million")[0].0, "$ 5.5 million");
    }

    #[test]
    fn words_that_only_look_like_dates_or_numbers() {
        assert!(found("you may go").is_empty());
        assert!(found("one of them").is_empty());
        assert!(found("March on").len() <= 1);
    }

    #[test]
    fn names_are_left_alone() {
        let words = ["Boeing", "747", "landed", "on", "Monday"];
        let taken = [true, true, false, false, false];
        assert_eq!(spans(&words, &taken), [Span::new(4, 5, Label::DATE)]);
    }
}
