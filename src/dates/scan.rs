//! Finding a calendar date written in a line, in the forms news and scrapers write: ISO 8601
//! (`2020-12-07`, `2020-12-07T10:00:00Z`), `2020/12/07`, a month's name before or after the day
//! (`December 7, 2020`, `Dec. 7`, `7th Dec 2020`, RFC 2822's `Mon, 07 Dec 2020 10:00:00 GMT`),
//! and, where the caller says so, eight digits (`20201207`, as file names write them). Numeric
//! day/month orders other than year first (`07/12/2020`) are left alone: half the world reads
//! them one way and half the other.
//!
//! Written here rather than with a date crate: what is needed is finding a date inside free
//! text, which a format-string parser does not do, and the calendar arithmetic is a page long.

/// A calendar day; `year` is `None` where the text gave the month and day only (a dateline
/// such as `LONDON, Dec 7 (Reuters) -`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// The year, if the text gave one.
    pub year: Option<u16>,
    /// The month, 1 to 12.
    pub month: u8,
    /// The day of the month.
    pub day: u8,
}

impl Day {
    /// ISO 8601: `2020-12-07`, or `--12-07` without a year.
    pub fn iso(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("--{:02}-{:02}", self.month, self.day),
        }
    }

    fn new(year: Option<u32>, month: u32, day: u32) -> Option<Day> {
        let year = match year {
            Some(y) if (1900..=2100).contains(&y) => Some(y as u16),
            Some(_) => return None,
            None => None,
        };
        let month = u8::try_from(month).ok().filter(|m| (1..=12).contains(m))?;
        let longest = days_in(year.map_or(2000, u32::from), month);
        let day = u8::try_from(day)
            .ok()
            .filter(|d| (1..=longest).contains(d))?;
        Some(Day { year, month, day })
    }
}

/// Days in `month` of `year` (the Gregorian calendar).
fn days_in(year: u32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

/// The day of a Unix time in seconds (or milliseconds, told by their count of digits), UTC.
pub fn unix(text: &str) -> Option<Day> {
    let text = text.trim();
    if !(9..=13).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut seconds: i64 = text.parse().ok()?;
    if text.len() >= 12 {
        seconds /= 1000;
    }
    // Howard Hinnant's days-to-civil.
    let z = seconds.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Day::new(u32::try_from(year).ok(), month as u32, day as u32)
}

/// A month's name or its abbreviation (`Dec`, `Dec.`, `Sept`, `DEC`), capitalised as news
/// writes them (so that `may` and `march` in a sentence stay words), as its number.
pub(super) fn month(word: &str) -> Option<u32> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word == "sept" {
        return Some(9);
    }
    crate::numbers::MONTHS
        .iter()
        .position(|name| *name == word || (word.len() == 3 && name.starts_with(&word)))
        .map(|i| i as u32 + 1)
}

/// The line cut into words at spaces and punctuation that cannot be part of a date's word
/// (a comma, brackets, a bar), keeping `-` and `/` inside words (`2020-12-07`).
fn words(line: &str) -> Vec<&str> {
    line.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | '|' | ';' | '[' | ']'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A day of the month as written: `7`, `07`, `7th`, `1st`.
fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..].to_ascii_lowercase();
    let ordinal = matches!(suffix.as_str(), "" | "st" | "nd" | "rd" | "th");
    (ordinal && (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
}

/// A year as written after a day: four digits.
fn year_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(['.', ':']);
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
}

/// `2020-12-07` (a time may follow a `T`), `2020/12/07`, `2020_12_07`, anywhere in a word
/// (`news-2020-12-07.jsonl`); and with `packed`, eight digits (`20201207_story`).
fn numeric(word: &str, packed: bool) -> Option<Day> {
    let b = word.as_bytes();
    let digits_at = |i: usize| {
        let n = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let bounded = i == 0 || !b[i - 1].is_ascii_digit();
        (bounded, n)
    };
    let number = |i: usize, n: usize| word[i..i + n].parse::<u32>().ok();
    for i in 0..b.len() {
        let (bounded, n) = digits_at(i);
        if !bounded || n == 0 {
            continue;
        }
        if n == 4
            && b.get(i + 4)
                .is_some_and(|c| matches!(c, b'-' | b'/' | b'_' | b'.'))
        {
            let sep = b[i + 4];
            let (_, m) = digits_at(i + 5);
            if (1..=2).contains(&m) && b.get(i + 5 + m) == Some(&sep) {
                let (_, d) = digits_at(i + 6 + m);
                if (1..=2).contains(&d) {
                    let day = Day::new(number(i, 4), number(i + 5, m)?, number(i + 6 + m, d)?);
                    if day.is_some() {
                        return day;
                    }
                }
            }
        }
        if packed && n == 8 {
            let n = number(i, 8)?;
            if let Some(day) = Day::new(Some(n / 10_000), n / 100 % 100, n % 100) {
                return Some(day);
            }
        }
    }
    None
}

/// The first date written in `line`, and the byte offset where it starts. `packed` allows eight
/// bare digits (`20201207`), which in running text are more often a number than a date.
pub fn find(line: &str, packed: bool) -> Option<(Day, usize)> {
    // Every form has a number in it: a line without a digit (most of an article's) is passed
    // over without splitting it into words.
    if !line.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let all = words(line);
    let at = |w: &str| w.as_ptr() as usize - line.as_ptr() as usize;
    for (i, &w) in all.iter().enumerate() {
        if let Some(day) = numeric(w, packed) {
            return Some((day, at(w)));
        }
        let next = |k: usize| all.get(i + k).copied();
        // December 7, 2020 / Dec. 7 / Dec 7th 2020
        if let Some(m) = month(w) {
            if let Some(d) = next(1).and_then(day_number) {
                let year = next(2).and_then(year_number);
                if let Some(day) = Day::new(year, m, d) {
                    return Some((day, at(w)));
                }
            }
        }
        // 7 December 2020 / 07 Dec 2020 / 7th Dec
        if let Some(d) = day_number(w) {
            if let Some(m) = next(1).and_then(month) {
                let year = next(2).and_then(year_number);
                if let Some(day) = Day::new(year, m, d) {
                    return Some((day, at(w)));
                }
            }
        }
    }
    None
}
