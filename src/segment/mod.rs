//! Text to raw articles: where each article starts, its header (title and captions) and its body.
//!
//! Scraped dumps carry no markup, so an article's start is read from the shape of the text around
//! it, never from particular words. A line starts an article when it could be a title (short, no
//! sentence ending, not lower-case, not a caption) and one of these holds:
//!
//! 1. it is the first text of the file, or the first after a ruled line (`=====`, `-----`);
//! 2. it comes back within its own header: only captions (lines ending in a credit such as
//!    `(Reuters)`) and blank lines lie between it and its copy — the scraper's repeated header;
//! 3. it stands after a blank line and the next text is a caption shaped like a sentence with a
//!    credit (`… in Baghdad. (Reuters)`);
//! 4. it stands after a blank line, is in title case, and the next text is a dateline
//!    (`MADRID 1996-12-07`, `COMMACK, New York 1996-08-24`).
//!
//! Short table rows (`MTK 3 Ferencvaros 0`) can look like titles, but none of them is followed by
//! its own copy, a credited caption or a dateline, so results tables stay body text.
//!
//! This module only finds structure; what is repeated inside an article is decided by `dedup`.
//!
//! `shape` reads single lines (could it be a title, a caption, a dateline, a ruled line?);
//! this file walks the lines of a file and decides where articles start.

mod shape;

pub use shape::{
    caption, credit_start, dateline, headline_like, is_ruler, title_cased, title_like,
};
use shape::{kind, Kind, MAX_TITLE_BYTES};

/// A line of the decoded text, trimmed, with its 1-based line number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line<'a> {
    pub text: &'a str,
    pub no: usize,
}

/// An article as laid out in one file, before repetition is removed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawArticle<'a> {
    /// The title, then every other line of the header in order (copies of the title, captions).
    /// Empty when the text before the first article has nothing that could be a title.
    pub header: Vec<Line<'a>>,
    /// Body lines in order; [`RawArticle::paragraphs`] splits them at blank lines.
    pub body: Vec<Line<'a>>,
    /// Index in `body` of each paragraph's first line.
    pub starts: Vec<usize>,
    /// Ruled lines inside or right after this article.
    pub separators: Vec<Line<'a>>,
}

impl<'a> RawArticle<'a> {
    /// Body paragraphs: runs of consecutive text lines, split at blank lines.
    pub fn paragraphs(&self) -> impl Iterator<Item = &[Line<'a>]> + '_ {
        self.starts.iter().enumerate().map(|(k, &s)| {
            let e = self.starts.get(k + 1).copied().unwrap_or(self.body.len());
            &self.body[s..e]
        })
    }

    /// The line the article starts at (its title, or its first body line when untitled).
    pub fn first_line(&self) -> usize {
        self.header
            .first()
            .or(self.body.first())
            .map_or(0, |l| l.no)
    }
}

/// How many text lines past a candidate title the search for its repeated header looks.
const HEADER_WINDOW: usize = 16;

#[cfg(test)]
/// Splits decoded text (line ends already `\n`) into raw articles, in order.
pub fn segment(text: &str) -> Vec<RawArticle<'_>> {
    articles(text).collect()
}

/// The raw articles of decoded text, one at a time: only the article being read is held, so
/// memory stays small next to the text however long the file.
pub fn articles(text: &str) -> Articles<'_> {
    assert!(
        u32::try_from(text.len()).is_ok(),
        "texts over 4 GiB are refused before segmentation"
    );
    // Capacity from the line length of the first 64 KiB: a second pass to count would cost more.
    let sample = &text.as_bytes()[..text.len().min(1 << 16)];
    let per_line = sample.len() / (memchr::memchr_iter(b'\n', sample).count() + 1);
    let capacity = text.len() / per_line.max(1) + 1;
    let mut spans = Vec::with_capacity(capacity);
    let mut kinds = Vec::with_capacity(capacity);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
        let line = trim(&text[start..end]);
        let from = line.as_ptr() as usize - text.as_ptr() as usize;
        spans.push((from as u32, (from + line.len()) as u32));
        kinds.push(kind(line));
        start = end + 1;
    }
    Articles {
        text,
        spans,
        kinds,
        i: 0,
        current: RawArticle::default(),
        open: false,
        orphans: Vec::new(),
        after_blank: true,
        after_ruler: true,
        in_paragraph: false,
    }
}

/// `str::trim`, with a fast path for the usual ASCII edges.
fn trim(s: &str) -> &str {
    let s = s.trim_ascii();
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(&a), Some(&b)) if a >= 0x80 || b >= 0x80 => s.trim(),
        _ => s,
    }
}

/// Iterator over the raw articles of a text; see [`articles`].
#[derive(Debug)]
pub struct Articles<'a> {
    text: &'a str,
    /// Each line's trimmed byte range: eight bytes a line, so long files of short lines stay small.
    spans: Vec<(u32, u32)>,
    kinds: Vec<Kind>,
    i: usize,
    /// The article being read; `open` says whether one is.
    current: RawArticle<'a>,
    open: bool,
    /// Separators seen before any article; they go to the first one.
    orphans: Vec<Line<'a>>,
    after_blank: bool,
    after_ruler: bool,
    in_paragraph: bool,
}

impl<'a> Iterator for Articles<'a> {
    type Item = RawArticle<'a>;

    fn next(&mut self) -> Option<RawArticle<'a>> {
        let mut article = RawArticle::default();
        self.next_into(&mut article).then_some(article)
    }
}

impl RawArticle<'_> {
    fn clear(&mut self) {
        self.header.clear();
        self.body.clear();
        self.starts.clear();
        self.separators.clear();
    }
}

impl<'a> Articles<'a> {
    /// Reads the next article into `out`, reusing its buffers; false when the text is done.
    /// The allocating [`Iterator`] is simpler; this is for reading many articles fast.
    pub fn next_into(&mut self, out: &mut RawArticle<'a>) -> bool {
        while self.i < self.kinds.len() {
            let i = self.i;
            let line = self.line(i);
            match self.kinds[i] {
                Kind::Blank => {
                    self.in_paragraph = false;
                    self.after_blank = true;
                    self.i += 1;
                }
                Kind::Ruler => {
                    self.in_paragraph = false;
                    if self.open {
                        self.current.separators.push(line);
                    } else {
                        self.orphans.push(line);
                    }
                    self.after_blank = true;
                    self.after_ruler = true;
                    self.i += 1;
                }
                Kind::Text => {
                    let start = if !self.open {
                        self.opening_title(i, line.text)
                            .then(|| self.repeats_in_header(i, line.text))
                    } else {
                        self.starts_article(
                            i,
                            line.text,
                            self.after_blank && !self.current.body.is_empty(),
                            self.after_ruler,
                        )
                    };
                    self.after_blank = false;
                    self.after_ruler = false;
                    if let Some(repeated) = start {
                        let was_open = self.open;
                        if was_open {
                            // Hand the finished article out and take `out`'s buffers to fill.
                            std::mem::swap(out, &mut self.current);
                        }
                        self.current.clear();
                        self.current.separators.append(&mut self.orphans);
                        let mut header = std::mem::take(&mut self.current.header);
                        self.i = self.header(i, repeated, &mut header);
                        self.current.header = header;
                        self.open = true;
                        self.in_paragraph = false;
                        if was_open {
                            return true;
                        }
                        continue;
                    }
                    if !self.open {
                        // Text with no title shape before it: an untitled article.
                        self.current.clear();
                        self.current.separators.append(&mut self.orphans);
                        self.open = true;
                    }
                    if !self.in_paragraph {
                        self.current.starts.push(self.current.body.len());
                        self.in_paragraph = true;
                    }
                    self.current.body.push(line);
                    self.i += 1;
                }
            }
        }
        if !self.open {
            return false;
        }
        self.open = false;
        std::mem::swap(out, &mut self.current);
        true
    }

    fn line(&self, i: usize) -> Line<'a> {
        let (start, end) = self.spans[i];
        Line {
            text: &self.text[start as usize..end as usize],
            no: i + 1,
        }
    }

    /// Whether line `i` starts an article, and if so whether its header repeats.
    ///
    /// `after_blank` is false right after a header: the first body line may be a byline
    /// (`Evelyn Leopold`) before a dateline, which is shaped just like a title before one.
    /// The structural signals are checked before the line's own shape: they reject almost
    /// every body line at once, while `title_like` would read each one.
    fn starts_article(
        &self,
        i: usize,
        text: &str,
        after_blank: bool,
        after_ruler: bool,
    ) -> Option<bool> {
        // A line too long for a title is body, whatever follows it: most body lines stop
        // here, before the look ahead.
        if text.len() > MAX_TITLE_BYTES {
            return None;
        }
        let repeated = self.repeats_in_header(i, text);
        if after_ruler {
            return self.opening_title(i, text).then_some(repeated);
        }
        let signal = repeated
            || (after_blank
                && self.next_text(i).is_some_and(|next| {
                    caption(next, true) || (dateline(next) && title_like(text) && title_cased(text))
                }));
        (signal && title_like(text)).then_some(repeated)
    }

    /// Whether line `i`, the first text of the file or the first after a ruled line, is a
    /// title: shaped like one, or a headline standing alone before a blank line whatever it
    /// starts or ends with (`$1m payoff for former Shell boss`, `France v Wales (Sat)`,
    /// `Rivals of the £400 Apple...`). Nothing can come before a title there, so its first
    /// line is the article's headline unless it reads as a sentence of body text.
    fn opening_title(&self, i: usize, text: &str) -> bool {
        title_like(text)
            || (self.kinds.get(i + 1).is_none_or(|k| *k == Kind::Blank) && headline_like(text))
    }

    /// The next text line after `i`, if only blank lines lie between.
    fn next_text(&self, i: usize) -> Option<&'a str> {
        (i + 1..self.kinds.len())
            .find(|&j| self.kinds[j] != Kind::Blank)
            .filter(|&j| self.kinds[j] == Kind::Text)
            .map(|j| self.line(j).text)
    }

    /// Whether line `i` comes back after nothing but captions and blank lines.
    fn repeats_in_header(&self, i: usize, title: &str) -> bool {
        let mut seen = 0;
        for j in i + 1..self.kinds.len() {
            match self.kinds[j] {
                Kind::Blank => continue,
                Kind::Ruler => return false,
                Kind::Text => {
                    let text = self.line(j).text;
                    if text.len() == title.len() && text == title {
                        return true;
                    }
                    seen += 1;
                    if seen > HEADER_WINDOW || !caption(text, false) {
                        return false;
                    }
                }
            }
        }
        false
    }

    /// The header that starts at line `i`, and the index of the first line after it.
    ///
    /// Until the title repeats, captions are accepted (any credited line when the header is
    /// known to repeat, sentence-shaped ones otherwise). After it repeats, only lines already in
    /// the header are: a credited line the first block did not have is body text.
    fn header(&self, i: usize, repeated: bool, header: &mut Vec<Line<'a>>) -> usize {
        let title = self.line(i).text;
        header.clear();
        header.push(self.line(i));
        let mut in_copy = false;
        let mut end = i + 1;
        for j in i + 1..self.kinds.len() {
            match self.kinds[j] {
                Kind::Blank => {}
                Kind::Ruler => break,
                Kind::Text => {
                    let line = self.line(j);
                    let belongs = if line.text == title {
                        in_copy = true;
                        true
                    } else if in_copy {
                        header.iter().any(|h| h.text == line.text)
                    } else {
                        caption(line.text, !repeated)
                    };
                    if !belongs {
                        break;
                    }
                    header.push(line);
                    end = j + 1;
                }
            }
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<&str> {
        segment(text)
            .iter()
            .map(|a| a.header.first().map_or("", |l| l.text))
            .collect()
    }

    #[test]
    fn repeated_header_with_blank_lines() {
        let text = "Leaders Head to Syria\n\nIraqis stage a rally in Baghdad. (Reuters)\n\
                    Iraqis stage a rally in Baghdad. (Reuters)\n\nLeaders Head to Syria\n\n\
                    Iraqis stage a rally in Baghdad. (Reuters)\nIraqis stage a rally in Baghdad. (Reuters)\n\n\
                    The leaders of several factions have headed to Syria.\n\nThey were briefed.\n\n\
                    Mikati: Lebanon in State of War\n\nMikati visits Tyre. (Asharq Al-Awsat)\n\n\
                    Mikati: Lebanon in State of War\n\nMikati visits Tyre. (Asharq Al-Awsat)\n\nBody.\n";
        let articles = segment(text);
        assert_eq!(
            titles(text),
            ["Leaders Head to Syria", "Mikati: Lebanon in State of War"]
        );
        assert_eq!(articles[0].header.len(), 6);
        assert_eq!(articles[0].paragraphs().count(), 2);
        assert_eq!(articles[1].header.len(), 4);
        assert_eq!(articles[1].body[0].text, "Body.");
    }

    #[test]
    fn tight_header_without_blank_lines() {
        let text = "Brazil Names New President\nA view of Sao Paulo on Tuesday. (Reuters)\n\
                    Brazil Names New President\nA view of Sao Paulo on Tuesday. (Reuters)\n\n\
                    SAO PAULO 1996-08-27\n\nEletropaulo said it has named a president.\n\n\
                    Rwanda Says Zaire Expels Refugees\nA view of Zaire on Friday. (AP)\n\
                    Rwanda Says Zaire Expels Refugees\nA view of Zaire on Friday. (AP)\n\nKIGALI 1996-08-24\n";
        assert_eq!(
            titles(text),
            [
                "Brazil Names New President",
                "Rwanda Says Zaire Expels Refugees"
            ]
        );
        assert_eq!(segment(text)[0].body[0].text, "SAO PAULO 1996-08-27");
    }

    #[test]
    fn ruled_separators_without_repetition() {
        let text = "Nuclear Pact Will Be a Step\n\nBEIJING 1996-08-27\n\nChina said so.\n\n\
                    ========\n\nSweden's Om to Open Bourse\n\nSTOCKHOLM 1996-08-29\n\nOM said.\n";
        let articles = segment(text);
        assert_eq!(
            titles(text),
            ["Nuclear Pact Will Be a Step", "Sweden's Om to Open Bourse"]
        );
        assert_eq!(articles[0].separators.len(), 1);
        assert_eq!(articles[1].paragraphs().count(), 2);
    }

    #[test]
    fn title_repeated_without_captions() {
        let text =
            "Kurds Clash Again in Iraq\n\nKurds Clash Again in Iraq\n\nFighting broke out.\n\n\
                    Israel Plays Down Fears\n\nIsrael Plays Down Fears\n\nIsrael said.\n";
        assert_eq!(
            titles(text),
            ["Kurds Clash Again in Iraq", "Israel Plays Down Fears"]
        );
    }

    #[test]
    fn title_then_dateline_without_repetition() {
        let text = "First Story Here\n\nLONDON 1996-08-24\n\nSome text.\n\n\
                    Second Story Arrives Today\n\nMADRID, Spain Dec 7\n\nMore text.\n";
        assert_eq!(
            titles(text),
            ["First Story Here", "Second Story Arrives Today"]
        );
    }

    #[test]
    fn a_byline_before_the_dateline_is_body() {
        let text = "Burundi Defends Regime\nA view of Russia on Friday. (AP)\n\
                    Burundi Defends Regime\nA view of Russia on Friday. (AP)\n\n\
                    Evelyn Leopold\n\nUNITED NATIONS 1996-08-28\n\nBurundi's military said.\n";
        let articles = segment(text);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].body[0].text, "Evelyn Leopold");
    }

    #[test]
    fn results_tables_stay_body() {
        let text = "Soccer - Hungary Results\n\nHungary Results (AFP)\n\nSoccer - Hungary Results\n\n\
                    BUDAPEST 1996-08-26\n\nStadler 0 Haladas 0\n\nMTK 3 Ferencvaros 0\n\n\
                    1. Ujpest TE 3 3 - - 10 2 9\n\nAndre Agassi (U.S.)\n\nPete Sampras (U.S.)\n\n--\n\n\
                    delivered to consumer\n\n--\n";
        let articles = segment(text);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].paragraphs().count(), 9);
    }

    #[test]
    fn untitled_text_is_one_article() {
        let long = "This is a long opening sentence of a file that has no title at all.";
        let articles = segment(long);
        assert_eq!(articles.len(), 1);
        assert!(articles[0].header.is_empty());
        assert_eq!(articles[0].body[0].text, long);
        assert!(segment("").is_empty());
        assert!(segment("\n\n  \n").is_empty());
        assert!(segment("=====\n\n-----\n").is_empty());
        let two_lines = segment("A Title\n\nline one\nline two\n\nnext\n");
        let paragraphs: Vec<Vec<&str>> = two_lines[0]
            .paragraphs()
            .map(|p| p.iter().map(|l| l.text).collect())
            .collect();
        assert_eq!(paragraphs, [vec!["line one", "line two"], vec!["next"]]);
    }

    #[test]
    fn line_numbers_are_kept() {
        let articles = segment("Title Here\n\nBody line.\n");
        assert_eq!(articles[0].header[0].no, 1);
        assert_eq!(articles[0].body[0].no, 3);
    }
}
