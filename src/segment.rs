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
    /// Body paragraphs: runs of consecutive text lines, split at blank lines.
    pub body: Vec<Vec<Line<'a>>>,
    /// Ruled lines inside or right after this article.
    pub separators: Vec<Line<'a>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Blank,
    Ruler,
    Text,
}

/// How many text lines past a candidate title the search for its repeated header looks.
const HEADER_WINDOW: usize = 16;
/// Longest line (in bytes) that can be a title; real headlines are far shorter.
const MAX_TITLE_BYTES: usize = 300;
const MAX_TITLE_WORDS: usize = 30;

/// Splits decoded text (line ends already `\n`) into raw articles, in order.
pub fn segment(text: &str) -> Vec<RawArticle<'_>> {
    let lines: Vec<Line<'_>> = text
        .split('\n')
        .enumerate()
        .map(|(i, t)| Line {
            text: t.trim(),
            no: i + 1,
        })
        .collect();
    Segmenter {
        kinds: lines.iter().map(|l| kind(l.text)).collect(),
        lines,
    }
    .run()
}

struct Segmenter<'a> {
    lines: Vec<Line<'a>>,
    kinds: Vec<Kind>,
}

impl<'a> Segmenter<'a> {
    fn run(&self) -> Vec<RawArticle<'a>> {
        let mut articles: Vec<RawArticle<'a>> = Vec::new();
        let mut current: Option<RawArticle<'a>> = None;
        let mut paragraph: Vec<Line<'a>> = Vec::new();
        // Separators seen before any article belong to the first one.
        let mut orphan_separators: Vec<Line<'a>> = Vec::new();
        let mut after_blank = true;
        let mut after_ruler = true;
        let mut i = 0;
        while i < self.lines.len() {
            let line = self.lines[i];
            match self.kinds[i] {
                Kind::Blank => {
                    flush(&mut paragraph, current.as_mut());
                    after_blank = true;
                    i += 1;
                }
                Kind::Ruler => {
                    flush(&mut paragraph, current.as_mut());
                    match current.as_mut() {
                        Some(article) => article.separators.push(line),
                        None => orphan_separators.push(line),
                    }
                    after_blank = true;
                    after_ruler = true;
                    i += 1;
                }
                Kind::Text => {
                    let first = current.is_none();
                    let start = if first && !title_like(line.text) {
                        // Text with no title shape before it: an untitled article.
                        current = Some(RawArticle::default());
                        None
                    } else if first {
                        Some(self.repeats_in_header(i))
                    } else {
                        let has_body = current.as_ref().is_some_and(|a| !a.body.is_empty())
                            || !paragraph.is_empty();
                        self.starts_article(i, after_blank && has_body, after_ruler)
                    };
                    match start {
                        Some(repeated) => {
                            flush(&mut paragraph, current.as_mut());
                            articles.extend(current.take());
                            let (header, next) = self.header(i, repeated);
                            current = Some(RawArticle {
                                header,
                                ..RawArticle::default()
                            });
                            i = next;
                        }
                        None => {
                            paragraph.push(line);
                            i += 1;
                        }
                    }
                    after_blank = false;
                    after_ruler = false;
                }
            }
        }
        flush(&mut paragraph, current.as_mut());
        articles.extend(current);
        if let Some(first) = articles.first_mut() {
            orphan_separators.append(&mut first.separators);
            first.separators = orphan_separators;
        }
        articles
    }

    /// Whether line `i` starts an article, and if so whether its header repeats.
    ///
    /// `after_blank` is false right after a header: the first body line may be a byline
    /// (`Evelyn Leopold`) before a dateline, which is shaped just like a title before one.
    fn starts_article(&self, i: usize, after_blank: bool, after_ruler: bool) -> Option<bool> {
        let text = self.lines[i].text;
        if !title_like(text) {
            return None;
        }
        let repeated = self.repeats_in_header(i);
        if after_ruler || repeated {
            return Some(repeated);
        }
        if !after_blank {
            return None;
        }
        let next = self.next_text(i)?;
        if caption(next, true) || (title_cased(text) && dateline(next)) {
            return Some(false);
        }
        None
    }

    /// The next text line after `i`, if only blank lines lie between.
    fn next_text(&self, i: usize) -> Option<&'a str> {
        (i + 1..self.lines.len())
            .find(|&j| self.kinds[j] != Kind::Blank)
            .filter(|&j| self.kinds[j] == Kind::Text)
            .map(|j| self.lines[j].text)
    }

    /// Whether line `i` comes back after nothing but captions and blank lines.
    fn repeats_in_header(&self, i: usize) -> bool {
        let title = self.lines[i].text;
        let mut seen = 0;
        for j in i + 1..self.lines.len() {
            match self.kinds[j] {
                Kind::Blank => continue,
                Kind::Ruler => return false,
                Kind::Text => {
                    let text = self.lines[j].text;
                    if text == title {
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
    fn header(&self, i: usize, repeated: bool) -> (Vec<Line<'a>>, usize) {
        let title = self.lines[i].text;
        let mut header = vec![self.lines[i]];
        let mut in_copy = false;
        let mut end = i + 1;
        let mut j = i + 1;
        while j < self.lines.len() {
            match self.kinds[j] {
                Kind::Blank => {}
                Kind::Ruler => break,
                Kind::Text => {
                    let line = self.lines[j];
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
            j += 1;
        }
        (header, end)
    }
}

fn flush<'a>(paragraph: &mut Vec<Line<'a>>, article: Option<&mut RawArticle<'a>>) {
    if paragraph.is_empty() {
        return;
    }
    let lines = std::mem::take(paragraph);
    match article {
        Some(article) => article.body.push(lines),
        None => unreachable!("text is only gathered once an article is open"),
    }
}

fn kind(text: &str) -> Kind {
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
pub fn title_like(text: &str) -> bool {
    if text.len() > MAX_TITLE_BYTES || !text.chars().any(char::is_alphabetic) {
        return false;
    }
    let mut words = text.split_whitespace();
    let (Some(first), last) = (words.next(), text.split_whitespace().next_back()) else {
        return false;
    };
    if text.split_whitespace().count() > MAX_TITLE_WORDS {
        return false;
    }
    // "delivered to consumer": a wrapped line of a table or a sentence, not a headline.
    if first.chars().any(char::is_alphabetic) && !first.chars().any(char::is_uppercase) {
        return false;
    }
    let last = last.unwrap_or(first);
    match text.chars().next_back() {
        Some(',' | ';' | ':') => return false,
        Some('.') if !abbreviation(last) => return false,
        _ => {}
    }
    credit_start(text).is_none()
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
fn credit_start(text: &str) -> Option<usize> {
    let body = text.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let credit = &body[open + 1..];
    let ok = open > 0
        && !credit.is_empty()
        && credit.len() <= 60
        && credit.chars().next().is_some_and(char::is_uppercase)
        && !credit.chars().any(|c| c.is_ascii_digit() || c == ')')
        && credit.split_whitespace().count() <= 6;
    ok.then_some(open)
}

/// A photo caption: text ending in a credit in brackets. `strict` also asks for a sentence of at
/// least four words before the credit, the shape that tells a caption from a table row like
/// `Andre Agassi (U.S.)`.
pub fn caption(text: &str, strict: bool) -> bool {
    let Some(open) = credit_start(text) else {
        return false;
    };
    let before = text[..open].trim_end();
    let words = before.split_whitespace().count();
    if !strict {
        return words >= 2;
    }
    words >= 4 && before.ends_with(['.', '!', '?', '"', '”', '’', '\''])
}

/// A dateline: a place in capitals, an optional region, and a date.
/// `BEIJING 1996-08-27`, `COMMACK, New York 1996-08-24`, `MADRID, Dec 7`.
pub fn dateline(text: &str) -> bool {
    if text.len() > 80 {
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
    let mut words: Vec<&str> = text.split_whitespace().collect();
    if words.len() >= 2 && words.last()?.len() == 4 && words.last()?.parse::<u16>().is_ok() {
        words.pop();
    }
    let day = words.pop()?.trim_end_matches(',');
    let month = words.pop()?.trim_end_matches('.');
    let day_ok = !day.is_empty() && day.len() <= 2 && day.bytes().all(|b| b.is_ascii_digit());
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month_ok = month.len() >= 3
        && month.chars().next().is_some_and(char::is_uppercase)
        && MONTHS.iter().any(|m| month.to_lowercase().starts_with(m));
    if !(day_ok && month_ok) || words.is_empty() {
        return None;
    }
    let end = text.rfind(month)?;
    Some(&text[..end])
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
        assert_eq!(articles[0].body.len(), 2);
        assert_eq!(articles[1].header.len(), 4);
        assert_eq!(articles[1].body[0][0].text, "Body.");
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
        assert_eq!(segment(text)[0].body[0][0].text, "SAO PAULO 1996-08-27");
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
        assert_eq!(articles[1].body.len(), 2);
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
        assert_eq!(articles[0].body[0][0].text, "Evelyn Leopold");
    }

    #[test]
    fn results_tables_stay_body() {
        let text = "Soccer - Hungary Results\n\nHungary Results (AFP)\n\nSoccer - Hungary Results\n\n\
                    BUDAPEST 1996-08-26\n\nStadler 0 Haladas 0\n\nMTK 3 Ferencvaros 0\n\n\
                    1. Ujpest TE 3 3 - - 10 2 9\n\nAndre Agassi (U.S.)\n\nPete Sampras (U.S.)\n\n--\n\n\
                    delivered to consumer\n\n--\n";
        let articles = segment(text);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].body.len(), 9);
    }

    #[test]
    fn untitled_text_is_one_article() {
        let long = "This is a long opening sentence of a file that has no title at all.";
        let articles = segment(long);
        assert_eq!(articles.len(), 1);
        assert!(articles[0].header.is_empty());
        assert_eq!(articles[0].body[0][0].text, long);
        assert!(segment("").is_empty());
        assert!(segment("\n\n  \n").is_empty());
    }

    #[test]
    fn line_numbers_are_kept() {
        let articles = segment("Title Here\n\nBody line.\n");
        assert_eq!(articles[0].header[0].no, 1);
        assert_eq!(articles[0].body[0][0].no, 3);
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
        assert!(!title_cased("Results at the hamlet cup tennis tournament"));
    }
}
