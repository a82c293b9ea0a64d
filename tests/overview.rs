//! What a user sees of the Overview's numbers: every bar counts exactly the articles a click on
//! it narrows the list to (a span of the timeline, a name, a pair of names), the timeline
//! places every dated article once, contexts point at their mentions, and the files' bars add
//! up to the collection. The page draws these numbers and `folio --format overview` prints
//! them; both come from `folio::overview`.

mod support;

use folio::overview::{
    narrow, to_csv, Narrow, Overview, Query, Rank, Sort, Source, Table, Timeline, Unit,
};
use folio::{process, ArticleDate, Collection, DateFrom, Index, Options};

/// Sentences of real text (WikiGold's, in the repository) to build dated articles from.
fn sentences() -> Vec<String> {
    let text = std::fs::read_to_string(support::repo("data/wikigold/wikigold.conll")).unwrap();
    text.split("\n\n")
        .map(|s| {
            let words: Vec<&str> = s.lines().filter_map(|l| l.split(' ').next()).collect();
            words.join(" ").replace(" ,", ",").replace(" .", ".")
        })
        .filter(|s| s.split_whitespace().count() > 12 && !s.contains("DOCSTART"))
        .collect()
}

/// A collection of `n` articles over two years, dated by each of the four sources in turn
/// (a record's field, a dateline, a date line, a file's name) and some undated.
fn dated(n: usize) -> Collection {
    process(dated_files(n), &Options::default())
}

/// The files of [`dated`].
fn dated_files(n: usize) -> Vec<(String, Vec<u8>)> {
    let sentences = sentences();
    let s = sentences.len();
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut files = Vec::new();
    let mut records = String::new();
    for i in 0..n {
        let (year, month, day) = (2019 + (i * 7 / n) % 2, 1 + (i * 5) % 12, 1 + (i * 11) % 28);
        // Four sentences no other article has together: no two articles are copies.
        let body = format!(
            "{} {}\n\n{} {}",
            sentences[(4 * i) % s],
            sentences[(4 * i + 1) % s],
            sentences[(4 * i + 2) % s],
            sentences[(7 * i + 3) % s],
        );
        let title = format!("Story number {i} of the day");
        match i % 5 {
            0 => {
                let record = serde_json::json!({
                    "title": title,
                    "text": body,
                    "date": format!("{year}-{month:02}-{day:02}T10:00:00Z"),
                });
                records.push_str(&format!("{record}\n"));
            }
            1 => files.push((
                format!("wire-{i}.txt"),
                format!(
                    "{title}\n\nLONDON, {} {day}, {year} (Reuters) - {body}\n",
                    &months[month - 1][..3]
                ),
            )),
            2 => files.push((
                format!("post-{i}.txt"),
                format!(
                    "{title}\n\nPublished: {} {day}, {year}\n\n{body}\n",
                    months[month - 1]
                ),
            )),
            3 => files.push((
                format!("{year}{month:02}{day:02}_story-{i}.txt"),
                format!("{title}\n\n{body}\n"),
            )),
            _ => files.push((format!("undated-{i}.txt"), format!("{title}\n\n{body}\n"))),
        }
    }
    files.push(("feed.jsonl".to_owned(), records));
    files
        .into_iter()
        .map(|(n, t)| (n, t.into_bytes()))
        .collect()
}

/// The overview's source over a finished collection, as `Overview::of_collection` reads it.
fn with_source<T>(c: &Collection, f: impl FnOnce(Source<'_>) -> T) -> T {
    let dates: Vec<Option<ArticleDate>> = c.articles.iter().map(|a| a.date.clone()).collect();
    let index = Index::of(&c.articles);
    f(Source {
        articles: &c.articles,
        dates: &dates,
        index: &index,
        files: &c.files,
    })
}

#[test]
fn every_bar_counts_the_articles_it_narrows_to() {
    let c = dated(400);
    assert_eq!(c.articles.len(), 400);
    let from: Vec<Option<DateFrom>> = c
        .articles
        .iter()
        .map(|a| a.date.as_ref().map(|d| d.from))
        .collect();
    for source in [
        DateFrom::Meta,
        DateFrom::Dateline,
        DateFrom::Text,
        DateFrom::File,
    ] {
        assert_eq!(
            from.iter().filter(|f| **f == Some(source)).count(),
            80,
            "{source:?}"
        );
    }
    let o = Overview::of_collection(&c, &Query::default());
    // Just under two years: a week a bar, Monday to Sunday.
    assert_eq!(o.timeline.unit, Unit::Week);
    assert_eq!(o.timeline.undated, 80);
    assert!(
        (100..=106).contains(&o.timeline.bins.len()),
        "{}",
        o.timeline.bins.len()
    );
    let placed: usize = o.timeline.bins.iter().map(|b| b.count).sum();
    assert_eq!(
        placed + o.timeline.undated + o.timeline.partial,
        c.articles.len()
    );
    with_source(&c, |source| {
        for bin in &o.timeline.bins {
            let span = Narrow::Span {
                start: bin.start.clone(),
                end: bin.end.clone(),
            };
            assert_eq!(narrow(source, &span).len(), bin.count, "{bin:?}");
        }
        assert!(o.names.len() >= 10, "{:?}", o.names.len());
        for name in &o.names {
            let key = Narrow::Name {
                key: name.key.clone(),
            };
            assert_eq!(narrow(source, &key).len(), name.articles, "{}", name.name);
            let entry = c.entities.iter().find(|e| e.key == name.key).unwrap();
            assert_eq!(
                entry.articles.len(),
                name.articles,
                "as the entity panel lists it"
            );
            // Its series: its mentions in the dated articles, bar by bar.
            let dated: usize = entry
                .articles
                .iter()
                .filter(|&&a| {
                    c.articles[a]
                        .date
                        .as_ref()
                        .is_some_and(|d| !d.value.starts_with('-'))
                })
                .map(|&a| {
                    c.articles[a]
                        .blocks()
                        .flat_map(|b| &b.entities)
                        .filter(|e| e.key == name.key)
                        .count()
                })
                .sum();
            assert_eq!(name.series.iter().sum::<usize>(), dated, "{}", name.name);
        }
        for rank in [Rank::Count, Rank::Lift] {
            let query = Query {
                rank,
                ..Query::default()
            };
            let together = Overview::of(source, &query).together.unwrap();
            assert!(!together.pairs.is_empty());
            for pair in &together.pairs {
                let both = Narrow::Pair {
                    a: together.key.clone(),
                    b: pair.key.clone(),
                };
                assert_eq!(narrow(source, &both).len(), pair.count, "{}", pair.name);
            }
        }
    });
}

#[test]
fn contexts_point_at_their_mentions_and_sort_as_asked() {
    let c = dated(100);
    let o = Overview::of_collection(&c, &Query::default());
    let chosen = o.together.as_ref().unwrap().key.clone();
    let contexts = o.contexts.unwrap();
    let entry = c.entities.iter().find(|e| e.key == chosen).unwrap();
    assert_eq!(contexts.total, entry.mentions);
    assert_eq!(contexts.lines.len(), contexts.total);
    for line in &contexts.lines {
        let block = c.articles[line.article].blocks().nth(line.block).unwrap();
        let word: String = block
            .text
            .as_str()
            .chars()
            .skip(line.start)
            .take(line.end - line.start)
            .collect();
        assert_eq!(word, line.word);
        assert!(line.left.chars().count() <= 60 && line.right.chars().count() <= 60);
    }
    // A term, whole words in any case; sorted by the word after; limited but all counted.
    for (sort, limit) in [
        (Sort::After, Some(5)),
        (Sort::Date, None),
        (Sort::Before, None),
    ] {
        let query = Query {
            term: Some("THE  band".into()),
            sort,
            limit,
            ..Query::default()
        };
        let contexts = Overview::of_collection(&c, &query).contexts.unwrap();
        assert!(contexts.term && contexts.total > 5, "{}", contexts.total);
        assert_eq!(contexts.lines.len(), limit.unwrap_or(contexts.total));
        assert!(contexts
            .lines
            .iter()
            .all(|l| l.word.to_lowercase() == "the band"));
        let after: Vec<String> = contexts
            .lines
            .iter()
            .map(|l| match sort {
                Sort::After => l
                    .right
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_lowercase(),
                Sort::Before => l
                    .left
                    .split_whitespace()
                    .last()
                    .unwrap_or("")
                    .to_lowercase(),
                _ => l.date.clone().unwrap_or_else(|| "~".into()),
            })
            .map(|w| {
                w.chars()
                    .filter(|c| c.is_alphanumeric() || *c == '~' || *c == '-')
                    .collect()
            })
            .collect();
        assert!(
            after.windows(2).all(|w| w[0] <= w[1]),
            "{sort:?}: {after:?}"
        );
    }
    // Never part of a word.
    let query = Query {
        term: Some("ban".into()),
        ..Query::default()
    };
    assert_eq!(
        Overview::of_collection(&c, &query).contexts.unwrap().total,
        0
    );
}

#[test]
fn the_files_bars_add_up_to_the_collection() {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(support::repo("tests/data/dumps"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect();
    files.sort();
    let c = process(files, &Options::default());
    let o = Overview::of_collection(&c, &Query::default());
    assert_eq!(o.files.len(), c.files.len());
    assert_eq!(
        o.files.iter().map(|f| f.kept).sum::<usize>(),
        c.articles.len()
    );
    let merged = c.stats.duplicate_articles + c.stats.near_duplicates;
    assert_eq!(o.files.iter().map(|f| f.merged).sum::<usize>(), merged);
    let removed: usize = o
        .files
        .iter()
        .map(|f| f.repeated_line + f.repeated_header + f.separator)
        .sum();
    let lines = c
        .articles
        .iter()
        .flat_map(|a| &a.removed)
        .filter(|r| r.reason != folio::Reason::DuplicateArticle)
        .count();
    assert_eq!(removed, lines);
    assert!(o.files.iter().any(|f| f.separator > 0) && o.files.iter().any(|f| f.merged > 0));
}

proptest::proptest! {
    /// Whatever the dates, the bars run from the first dated day to the last without a gap, in
    /// the unit the span calls for, and hold every placed article once.
    #[test]
    fn the_timeline_places_every_dated_article_once(
        days in proptest::collection::vec(proptest::option::of(0i64..3000), 0..60),
    ) {
        let iso = |d: i64| {
            // 2015-01-01 plus d days, counted day by day.
            let (mut y, mut m, mut day) = (2015, 1u32, 1u32);
            for _ in 0..d {
                let len = match m { 2 if y % 4 == 0 => 29, 2 => 28, 4 | 6 | 9 | 11 => 30, _ => 31 };
                day += 1;
                if day > len { day = 1; m += 1; if m > 12 { m = 1; y += 1; } }
            }
            format!("{y:04}-{m:02}-{day:02}")
        };
        let dates: Vec<Option<ArticleDate>> = days
            .iter()
            .map(|d| d.map(|d| ArticleDate { value: iso(d), from: DateFrom::Meta }))
            .collect();
        let t = Timeline::of(&dates);
        let dated = days.iter().flatten().count();
        proptest::prop_assert_eq!(t.bins.iter().map(|b| b.count).sum::<usize>(), dated);
        proptest::prop_assert_eq!(t.undated, days.len() - dated);
        for w in t.bins.windows(2) {
            proptest::prop_assert!(w[0].end < w[1].start);
        }
        for d in dates.iter().flatten() {
            let holding = t.bins.iter().filter(|b| b.start <= d.value && d.value <= b.end).count();
            proptest::prop_assert_eq!(holding, 1);
        }
        if let (Some(lo), Some(hi)) = (days.iter().flatten().min(), days.iter().flatten().max()) {
            let unit = match hi - lo { s if s < 92 => Unit::Day, s if s < 732 => Unit::Week, _ => Unit::Month };
            proptest::prop_assert_eq!(t.unit, unit);
        }
    }
}

/// The page's worker answers the same numbers as `folio --format overview` prints for the same
/// files: its session's articles are undated and its index grown article by article, yet
/// dated and counted alike.
#[test]
fn the_page_gets_the_numbers_the_command_prints() {
    let c = dated(60);
    let mut session = folio::Session::new();
    session.handle(folio::Request::Model(folio::EMBEDDED_MODEL.to_vec()));
    for (name, bytes) in dated_files(60) {
        session.handle(folio::Request::File { name, bytes });
    }
    session.handle(folio::Request::Refresh);
    for query in [
        Query::default(),
        Query {
            rank: Rank::Lift,
            sort: Sort::Date,
            term: Some("album".into()),
            limit: Some(3),
            ..Query::default()
        },
    ] {
        let want = Overview::of_collection(&c, &query);
        match session.handle(folio::Request::Overview(query)) {
            folio::Response::Overview(got) => assert_eq!(*got, want),
            other => panic!("{other:?}"),
        }
    }
}

/// Each table exports as CSV with a header and a row per bar, name, pair, line or file, its
/// numbers those drawn.
#[test]
fn each_table_exports_as_csv() {
    let c = dated(120);
    let o = Overview::of_collection(&c, &Query::default());
    for table in Table::ALL {
        let text = to_csv(&o, table);
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let want = match table {
            Table::Timeline => o.timeline.bins.len(),
            Table::Names => o.names.len(),
            Table::Pairs => o.together.as_ref().unwrap().pairs.len(),
            Table::Contexts => o.contexts.as_ref().unwrap().lines.len(),
            Table::Files => o.files.len(),
        };
        assert_eq!(rows.len(), want, "{table:?}");
        if table == Table::Timeline {
            let counts: Vec<usize> = rows.iter().map(|r| r[2].parse().unwrap()).collect();
            let drawn: Vec<usize> = o.timeline.bins.iter().map(|b| b.count).collect();
            assert_eq!(counts, drawn);
        }
    }
}
