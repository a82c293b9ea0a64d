//! The overview's numbers as CSV, a table at a time (timeline, names, pairs, contexts, files),
//! for a spreadsheet or a script: the same numbers the charts draw, written by the csv crate
//! (quoting names and contexts that hold commas, quotes or line ends).

use serde::{Deserialize, Serialize};

use super::Overview;

/// One of the overview's tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Table {
    /// Articles per bar.
    Timeline,
    /// The most named, with their mentions per bar.
    Names,
    /// The names beside the chosen one.
    Pairs,
    /// The contexts listed.
    Contexts,
    /// What each file gave.
    Files,
}

impl Table {
    /// Every table, in the order the overview shows them.
    pub const ALL: [Table; 5] = [
        Table::Timeline,
        Table::Names,
        Table::Pairs,
        Table::Contexts,
        Table::Files,
    ];

    /// The table's name, as its file is named (`folio-timeline.csv`).
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Timeline => "timeline",
            Table::Names => "names",
            Table::Pairs => "pairs",
            Table::Contexts => "contexts",
            Table::Files => "files",
        }
    }
}

/// The table `table` of `o` as CSV, with a header row.
pub fn to_csv(o: &Overview, table: Table) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut row = |fields: Vec<String>| {
        // Writing to memory cannot fail.
        let _ = w.write_record(&fields);
    };
    let s = |v: &dyn ToString| v.to_string();
    match table {
        Table::Timeline => {
            row(vec!["start".into(), "end".into(), "articles".into()]);
            for b in &o.timeline.bins {
                row(vec![b.start.clone(), b.end.clone(), s(&b.count)]);
            }
        }
        Table::Names => {
            let mut head = vec![
                "name".into(),
                "label".into(),
                "articles".into(),
                "mentions".into(),
            ];
            head.extend(o.timeline.bins.iter().map(|b| b.start.clone()));
            row(head);
            for n in &o.names {
                let mut r = vec![
                    n.name.clone(),
                    n.label.as_str().into(),
                    s(&n.articles),
                    s(&n.mentions),
                ];
                r.extend(n.series.iter().map(|m| s(m)));
                row(r);
            }
        }
        Table::Pairs => {
            row(["name", "with", "label", "together", "articles", "lift"]
                .map(String::from)
                .to_vec());
            if let Some(t) = &o.together {
                for p in &t.pairs {
                    row(vec![
                        t.name.clone(),
                        p.name.clone(),
                        p.label.as_str().into(),
                        s(&p.count),
                        s(&p.articles),
                        format!("{:.2}", p.lift),
                    ]);
                }
            }
        }
        Table::Contexts => {
            row(["article", "date", "left", "word", "right"]
                .map(String::from)
                .to_vec());
            for l in o.contexts.iter().flat_map(|c| &c.lines) {
                row(vec![
                    s(&(l.article + 1)),
                    l.date.clone().unwrap_or_default(),
                    l.left.clone(),
                    l.word.clone(),
                    l.right.clone(),
                ]);
            }
        }
        Table::Files => {
            row([
                "file",
                "kept",
                "copies",
                "repeated lines",
                "repeated headers",
                "separators",
                "unreadable",
            ]
            .map(String::from)
            .to_vec());
            for f in &o.files {
                row(vec![
                    f.name.clone(),
                    s(&f.kept),
                    s(&f.merged),
                    s(&f.repeated_line),
                    s(&f.repeated_header),
                    s(&f.separator),
                    s(&f.failed),
                ]);
            }
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
