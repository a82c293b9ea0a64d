//! The forms an article's date is written in, each with where it must be found, and the rule
//! that a date mentioned in the body is never the article's.
use super::*;

fn day(year: Option<u16>, month: u8, d: u8) -> Day {
    Day {
        year,
        month,
        day: d,
    }
}

/// A record's date field, the first and second body lines, the file's name, and what the
/// article's date must be (its ISO form and where it was read).
type Form = (
    Option<&'static str>,
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
);

#[rustfmt::skip]
const FORMS: &[Form] = &[
    // The record's date field: ISO 8601, RFC 2822 / HTTP, Unix seconds and milliseconds, words.
    (Some("2020-12-07"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("2020-12-07T10:00:00Z"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("2020-12-07T23:59:59+05:30"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("2020-12-07 10:00:00"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("Mon, 07 Dec 2020 10:00:00 GMT"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("Mon, 7 Dec 2020 10:00:00 +0000"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("1607335200"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("1607335200000"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("December 7, 2020"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("7 Dec 2020"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("2020/12/07"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("20201207"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("Dec. 7, 2020"), "", "", "a.txt", Some(("2020-12-07", "meta"))),
    (Some("Sept. 3, 2019"), "", "", "a.txt", Some(("2019-09-03", "meta"))),
    (Some("29 February 2024"), "", "", "a.txt", Some(("2024-02-29", "meta"))),
    // Not dates: the field is ignored and the next source is tried.
    (Some("29 February 2023"), "", "", "a.txt", None),
    (Some("yesterday"), "", "", "a.txt", None),
    (Some("2020-13-07"), "", "", "2021-01-02-x.txt", Some(("2021-01-02", "file"))),
    // Datelines.
    (None, "LONDON, Dec 7 (Reuters) - Britain said on Monday it would", "", "a.txt", Some(("--12-07", "dateline"))),
    (None, "WASHINGTON/NEW YORK, Dec 7 (Reuters) - The Fed said", "", "a.txt", Some(("--12-07", "dateline"))),
    (None, "Dec. 7, 2020 — The ministry said", "", "a.txt", Some(("2020-12-07", "dateline"))),
    (None, "MADRID 1996-12-07", "Spain's economy grew.", "a.txt", Some(("1996-12-07", "dateline"))),
    (None, "BEIRUT, March 3 (AP) — Lebanon's", "", "a.txt", Some(("--03-03", "dateline"))),
    (None, "Beirut, Lebanon, 3 March 2024: The cabinet met", "", "a.txt", Some(("2024-03-03", "dateline"))),
    (None, "NEW DELHI, Sept 3 - India's", "", "a.txt", Some(("--09-03", "dateline"))),
    (None, "PARIS, 7th December 2020 - France", "", "a.txt", Some(("2020-12-07", "dateline"))),
    // Date lines among the first lines.
    (None, "Published: Dec 7, 2020", "The ministry said.", "a.txt", Some(("2020-12-07", "text"))),
    (None, "Updated 3 March 2024 14:05", "The ministry said.", "a.txt", Some(("2024-03-03", "text"))),
    (None, "By Jane Doe | March 3, 2024", "The ministry said.", "a.txt", Some(("2024-03-03", "text"))),
    (None, "Monday, December 7, 2020", "The ministry said.", "a.txt", Some(("2020-12-07", "text"))),
    (None, "December 7, 2020 at 10:15 a.m. ET", "The ministry said.", "a.txt", Some(("2020-12-07", "text"))),
    (None, "Posted on 2020-12-07", "The ministry said.", "a.txt", Some(("2020-12-07", "text"))),
    (None, "Last updated: 07 Dec 2020 10:00 GMT", "The ministry said.", "a.txt", Some(("2020-12-07", "text"))),
    (None, "By Reuters Staff", "Dec 7, 2020", "a.txt", Some(("2020-12-07", "text"))),
    // The file's name.
    (None, "The ministry said.", "", "2020-12-07-story.txt", Some(("2020-12-07", "file"))),
    (None, "The ministry said.", "", "dump/20201207_story.txt", Some(("2020-12-07", "file"))),
    (None, "The ministry said.", "", "2020_12_07.txt", Some(("2020-12-07", "file"))),
    (None, "The ministry said.", "", "news-2019-09-03.jsonl", Some(("2019-09-03", "file"))),
    // Mentioned in the body: never the article's date.
    (None, "The talks began on December 7, 2020, and ended a week later.", "", "a.txt", None),
    (None, "On Dec 7 - the day after the vote - officials met.", "", "a.txt", None),
    (None, "Officials said the law takes effect on 1 January 2021.", "", "a.txt", None),
    (None, "He may 5 times", "", "a.txt", None),
    (None, "The company, founded in 1996-12-07 style, said", "", "a.txt", None),
    (None, "Prices rose 12/07/2020 percent", "", "a.txt", None),
    // The record's field comes first, then the dateline, then a date line, then the file.
    (Some("2021-01-01"), "LONDON, Dec 7 (Reuters) - Britain", "", "2019-09-03.txt", Some(("2021-01-01", "meta"))),
    (None, "LONDON, Dec 7 (Reuters) - Britain", "Published: Jan 2, 2021", "2019-09-03.txt", Some(("--12-07", "dateline"))),
    (None, "Published: Jan 2, 2021", "Text.", "2019-09-03.txt", Some(("2021-01-02", "text"))),
];

fn name(from: From) -> &'static str {
    match from {
        From::Meta => "meta",
        From::Dateline => "dateline",
        From::Text => "text",
        From::File => "file",
    }
}

#[test]
fn every_form_is_read_from_where_it_is_written() {
    assert!(FORMS.len() >= 40);
    for (meta, first, second, file, want) in FORMS {
        let body: Vec<&str> = [*first, *second]
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect();
        let got = of_article(*meta, &body, file).map(|(d, from)| (d.iso(), name(from)));
        let want = want.map(|(v, f)| (v.to_owned(), f));
        assert_eq!(got, want, "{meta:?} / {first:?} / {second:?} / {file:?}");
    }
}

#[test]
fn unix_times_cross_the_calendar() {
    assert_eq!(unix("0000000000"), Some(day(Some(1970), 1, 1)));
    assert_eq!(unix("951782400"), Some(day(Some(2000), 2, 29)));
    assert_eq!(unix("4102444799"), Some(day(Some(2099), 12, 31)));
    assert_eq!(unix("12345"), None);
}

proptest::proptest! {
    /// A date written anywhere in a sentence of the body, whatever its form and however the
    /// sentence goes, never becomes the article's date (nor do the sentences around it).
    #[test]
    fn a_date_in_a_sentence_is_never_the_articles(
        form in 0usize..6,
        (y, m, d) in (1990u16..2030, 1u8..=12, 1u8..=28),
        before in proptest::collection::vec("[a-z]{2,9}", 2..8),
        after in proptest::collection::vec("[a-z]{2,9}", 1..8),
        line in 0usize..5,
    ) {
        const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June",
            "July", "August", "September", "October", "November", "December"];
        let name = MONTHS[m as usize - 1];
        let date = match form {
            0 => format!("{name} {d}, {y}"),
            1 => format!("{d} {name} {y}"),
            2 => format!("{y}-{m:02}-{d:02}"),
            3 => format!("{}. {d}", &name[..3]),
            4 => format!("{name} {d}"),
            _ => format!("{d}th {name}"),
        };
        let mut words = before.clone();
        words[0] = {
            let mut w = words[0].clone();
            w[..1].make_ascii_uppercase();
            w
        };
        let sentence = format!("{} {date} {}.", words.join(" "), after.join(" "));
        let mut body = vec!["The minister spoke to reporters at length."; 5];
        body[line] = &sentence;
        proptest::prop_assert_eq!(of_article(None, &body, "story.txt"), None, "{}", sentence);
    }
}
