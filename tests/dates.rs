//! What a user sees of an article's date in the collection: read from its record's field, its
//! dateline (a missing year from the nearest dated article of its file), a date line, or its
//! file's name, and never from a date its body mentions. The forms themselves are tested
//! beside the code (`src/dates/tests.rs`).

use folio::{process, DateFrom, Options};

/// A collection's articles carry their dates: from a record's field, a dateline (its year from
/// the nearest dated article of its file), a date line, the file's name, or none at all.
#[test]
fn a_collection_dates_its_articles() {
    let loose = "Britain Acts\n\nLONDON, Dec 7 (Reuters) - Britain said on Monday it would act.\n\n\
                 =====\n\nSpain Grows\n\nMADRID 1996-12-07\n\nSpain's economy grew in the third quarter.\n\n\
                 =====\n\nFrance Waits\n\nPARIS, Dec 9 (Reuters) - France said it would wait.\n";
    let files = vec![
        ("wires.txt".to_owned(), loose.as_bytes().to_vec()),
        (
            "2021-03-04-story.txt".to_owned(),
            b"Markets Rise\n\nStocks rose on Thursday as investors weighed the data.\n".to_vec(),
        ),
        (
            "mention.txt".to_owned(),
            b"Talks Go On\n\nThe talks began on December 7, 2020, and went on for a week.\n".to_vec(),
        ),
        (
            "dump.jsonl".to_owned(),
            br#"{"title": "Rates Hold", "text": "The bank held its rates steady.", "date": "Mon, 07 Dec 2020 10:00:00 GMT"}"#
                .to_vec(),
        ),
        (
            "blog.txt".to_owned(),
            b"A Post\n\nPublished: March 3, 2024\n\nThe post says many things about the weather.\n".to_vec(),
        ),
    ];
    let c = process(
        files,
        &Options {
            entities: false,
            ..Default::default()
        },
    );
    let dates: Vec<(String, Option<(String, DateFrom)>)> = c
        .articles
        .iter()
        .map(|a| {
            (
                a.title.text.to_string(),
                a.date.as_ref().map(|d| (d.value.clone(), d.from)),
            )
        })
        .collect();
    let want = |v: &str, f| Some((v.to_owned(), f));
    assert_eq!(
        dates,
        [
            (
                "Britain Acts".to_owned(),
                want("1996-12-07", DateFrom::Dateline)
            ),
            (
                "Spain Grows".to_owned(),
                want("1996-12-07", DateFrom::Dateline)
            ),
            (
                "France Waits".to_owned(),
                want("1996-12-09", DateFrom::Dateline)
            ),
            (
                "Markets Rise".to_owned(),
                want("2021-03-04", DateFrom::File)
            ),
            ("Talks Go On".to_owned(), None),
            ("Rates Hold".to_owned(), want("2020-12-07", DateFrom::Meta)),
            ("A Post".to_owned(), want("2024-03-03", DateFrom::Text)),
        ]
    );
    let json = serde_json::to_value(&c.articles[0]).unwrap();
    assert_eq!(
        json["date"],
        serde_json::json!({"value": "1996-12-07", "from": "dateline"})
    );
    assert_eq!(
        serde_json::to_value(&c.articles[4]).unwrap()["date"],
        serde_json::Value::Null
    );
}

#[test]
fn a_dateline_without_a_year_in_a_file_without_one_keeps_its_month_and_day() {
    let c = process(
        [(
            "w.txt".to_owned(),
            b"Britain Acts\n\nLONDON, Dec 7 (Reuters) - Britain said it would act.\n".to_vec(),
        )],
        &Options {
            entities: false,
            ..Default::default()
        },
    );
    assert_eq!(
        c.articles[0].date.as_ref().map(|d| d.value.as_str()),
        Some("--12-07")
    );
}
