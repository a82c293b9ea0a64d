//! A corpus of 1,000 one-article files, one a headline shape a newsroom writes: a currency sign
//! or a number first, quotes, a bracketed day, an ellipsis, a colon, a character reference, a
//! dash. The same articles are written as every input Folio takes (loose files, a zip, one gzip
//! a file, JSON lines, CSV) by `tests/formats.rs`, which keeps `tests/data/formats/` in step.

/// One file of the corpus.
#[derive(Clone, Debug)]
pub struct File {
    /// `0042.txt`.
    pub name: String,
    /// Its first line, as written (character references and all).
    pub headline: String,
    /// The rest: three sentences in two paragraphs.
    pub body: String,
}

impl File {
    /// The file's text: its headline, a blank line, its body.
    pub fn text(&self) -> String {
        format!("{}\n\n{}\n", self.headline, self.body)
    }

    /// The headline as a reader sees it, its character references decoded.
    pub fn decoded_headline(&self) -> String {
        self.headline.replace("&#163;", "£").replace("&amp;", "&")
    }
}

/// The 1,000 files, in order.
pub fn corpus() -> Vec<File> {
    type Shape = dyn Fn(&str, usize) -> String;
    let shapes: [&Shape; 10] = [
        &|w, n| format!("${n}m payoff for former {w} boss"),
        &|w, n| format!("&#163;{n}.8m fine for {w}"),
        &|w, _| format!("France v {w} (Sat)"),
        &|w, _| format!("Preview: Ireland v {w} (Sun)"),
        &|w, n| format!("Rivals of the £{n}00 {w}..."),
        &|w, _| format!("'Quiet' start for {w} sales"),
        &|w, n| format!("{n} jobs go at {w} plant"),
        &|w, _| format!("\u{201c}Historic\u{201d} deal for {w} \u{2014} minister"),
        &|w, n| format!("{w} profits up {n}% in first half"),
        &|w, _| format!("{w} &amp; partners win contract…"),
    ];
    let words = [
        "Shell", "Viacom", "Wales", "Apple", "Nokia", "Leeds", "Airbus", "Tesco",
    ];
    (0..1000)
        .map(|n| {
            let headline = shapes[n % shapes.len()](words[n / 10 % words.len()], n);
            // Bodies of their own (copies would rightly be merged): words drawn by a generator.
            let mut seed = n as u64 * 0x9E37_79B9 + 1;
            let mut sentence = |len: usize| {
                let vocabulary = [
                    "market", "council", "report", "river", "season", "vote", "price", "team",
                    "school", "storm", "court", "union", "budget", "film", "harbour", "rail",
                    "winter", "museum", "export", "garden", "station", "tax", "bridge", "factory",
                ];
                let mut out = Vec::new();
                for _ in 0..len {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    out.push(vocabulary[(seed % vocabulary.len() as u64) as usize]);
                }
                format!("The {}.", out.join(" "))
            };
            let body = format!("{} {}\n\n{}", sentence(14), sentence(12), sentence(16));
            File {
                name: format!("{n:04}.txt"),
                headline,
                body,
            }
        })
        .collect()
}
