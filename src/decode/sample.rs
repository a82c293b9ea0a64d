//! What chardetng is shown of a legacy-encoded file: a few KiB of its non-ASCII bytes, each
//! run with a little ASCII context, whatever the file's size.
//!
//! The detector scores byte pairs and words; the long stretches of plain ASCII between the
//! accented words tell it nothing. Fed whole, a 50 MB Windows-1252 dump cost four seconds,
//! 80% of them in the detector, and a folder of 200 KB legacy files made `folio` twice as slow
//! as awk. The guess from the sample is the guess from the whole file: the tests check it on
//! every encoding a scraper meets, over 200 generated files of 20 to 500 KB, sparse and dense.

/// How many bytes of a legacy-encoded file chardetng is shown at most.
pub(super) const SIZE: usize = 16 * 1024;
/// How much ASCII context is kept on each side of a run of non-ASCII bytes.
const CONTEXT: usize = 24;
/// How many windows of the same run of non-ASCII bytes the sample keeps.
const REPEATS: u16 = 32;

/// The sample of `bytes` (all of it when it is no longer than the sample would be).
pub(super) fn of(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if bytes.len() <= SIZE {
        return std::borrow::Cow::Borrowed(bytes);
    }
    let mut sample = Vec::with_capacity(SIZE + 2 * CONTEXT);
    let mut seen: rustc_hash::FxHashMap<&[u8], u16> = rustc_hash::FxHashMap::default();
    let mut at = 0;
    while sample.len() < SIZE {
        let Some(offset) = bytes[at..].iter().position(|&b| b >= 0x80) else {
            break;
        };
        let start = at + offset;
        let run_end = |from: usize| {
            from + bytes[from..]
                .iter()
                .position(|&b| b < 0x80)
                .unwrap_or(bytes.len() - from)
        };
        // The window runs on through every run that starts inside its context, so that it ends
        // on plain ASCII: never between a double-byte character's lead and its trail (Shift_JIS,
        // GBK and EUC-KR trails may be ASCII bytes), which would disqualify the encoding. Past
        // the sample's budget it ends at the end of a run, with the byte after it (ASCII, or
        // the trail of the run's last character).
        let budget = SIZE.saturating_sub(sample.len()).max(2);
        let mut end = run_end(start);
        let to = loop {
            if end - start >= budget {
                break (end + 1).min(bytes.len());
            }
            let to = (end + CONTEXT).min(bytes.len());
            match bytes[end..to].iter().position(|&b| b >= 0x80) {
                Some(p) => end = run_end(end + p),
                None => break to,
            }
        };
        // One run longer than the budget (a page with no ASCII at all) is cut at an even
        // distance from its start: a character's start in the double-byte encodings.
        let to = if to - start > budget + CONTEXT {
            start + (budget & !1)
        } else {
            to
        };
        // A run seen often already (`’` in `it’s` a thousand times) tells the detector
        // little more: past a few dozen, its windows are left out, so the budget reaches the
        // rarer letters further on that decide between encodings.
        let seen = seen.entry(&bytes[start..run_end(start)]).or_insert(0u16);
        *seen = seen.saturating_add(1);
        if *seen > REPEATS {
            at = to;
            continue;
        }
        let from = start.saturating_sub(CONTEXT).max(at);
        if !sample.is_empty() && from > at {
            // A space between windows: no byte pair spans two places of the file.
            sample.push(b' ');
        }
        sample.extend_from_slice(&bytes[from..to]);
        at = to;
    }
    std::borrow::Cow::Owned(sample)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::Encoding;

    fn guess(bytes: &[u8]) -> &'static Encoding {
        let mut d = chardetng::EncodingDetector::new();
        d.feed(bytes, true);
        d.guess(None, true)
    }

    /// The detector's guess from the sample is its guess from the whole file, on text in the
    /// legacy encodings a scraper meets, however long and however sparse its accents.
    #[test]
    fn the_sample_keeps_the_detectors_guess() {
        let texts = [
            (encoding_rs::WINDOWS_1252, "Caf\u{e9} \u{201c}quoted\u{201d} na\u{ef}ve r\u{e9}sum\u{e9} \u{2014} d\u{e9}j\u{e0} vu."),
            (encoding_rs::ISO_8859_2, "Za\u{17c}\u{f3}\u{142}\u{107} g\u{119}\u{15b}l\u{105} ja\u{17a}\u{144} w \u{141}odzi."),
            (encoding_rs::WINDOWS_1251, "\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442}, \u{43c}\u{438}\u{440}! \u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430} \u{438} \u{41a}\u{438}\u{435}\u{432}."),
            (encoding_rs::SHIFT_JIS, "\u{6771}\u{4eac}\u{3067}\u{4f1a}\u{8b70}\u{304c}\u{958b}\u{304b}\u{308c}\u{305f}\u{3002}"),
        ];
        for (encoding, line) in texts {
            for filler in [0usize, 40, 4000] {
                let mut text = String::new();
                for i in 0..400 {
                    text.push_str(line);
                    text.push_str(&" plain ascii words".repeat(filler / 18 + i % 3));
                    text.push('\n');
                }
                let (bytes, _, _) = encoding.encode(&text);
                assert_eq!(
                    guess(&of(&bytes)),
                    guess(&bytes),
                    "{} with {filler} bytes of ASCII a line",
                    encoding.name()
                );
                assert!(of(&bytes).len() <= SIZE + 2 * CONTEXT + 2);
            }
        }
    }

    /// Words of news in each legacy encoding, written as a scraper leaves them.
    const LANGUAGES: &[(&str, &[&str])] = &[
        ("windows-1252", &["caf\u{e9}", "na\u{ef}ve", "r\u{e9}sum\u{e9}", "d\u{e9}j\u{e0}", "\u{fc}ber", "Gr\u{f6}\u{df}e", "ni\u{f1}o", "a\u{f1}o", "se\u{f1}or", "\u{201c}quoted\u{201d}", "\u{2014}", "\u{20ac}5", "fa\u{e7}ade", "l'\u{e9}t\u{e9}", "march\u{e9}", "M\u{fc}nchen", "Espa\u{f1}a", "it\u{2019}s"]),
        ("ISO-8859-2", &["za\u{17c}\u{f3}\u{142}\u{107}", "g\u{119}\u{15b}l\u{105}", "ja\u{17a}\u{144}", "\u{141}\u{f3}d\u{17a}", "p\u{159}\u{ed}li\u{161}", "\u{17e}lu\u{165}ou\u{10d}k\u{fd}", "k\u{16f}\u{148}", "\u{fa}p\u{11b}l", "rz\u{105}d", "powiedzia\u{142}", "wybory", "Krak\u{f3}w"]),
        ("windows-1251", &["\u{41f}\u{440}\u{438}\u{432}\u{435}\u{442}", "\u{43c}\u{438}\u{440}", "\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}", "\u{41a}\u{438}\u{435}\u{432}", "\u{43f}\u{440}\u{430}\u{432}\u{438}\u{442}\u{435}\u{43b}\u{44c}\u{441}\u{442}\u{432}\u{43e}", "\u{437}\u{430}\u{44f}\u{432}\u{438}\u{43b}", "\u{43f}\u{440}\u{435}\u{437}\u{438}\u{434}\u{435}\u{43d}\u{442}", "\u{432}\u{44b}\u{431}\u{43e}\u{440}\u{44b}"]),
        ("KOI8-R", &["\u{43f}\u{440}\u{430}\u{432}\u{438}\u{442}\u{435}\u{43b}\u{44c}\u{441}\u{442}\u{432}\u{43e}", "\u{437}\u{430}\u{44f}\u{432}\u{438}\u{43b}", "\u{41c}\u{43e}\u{441}\u{43a}\u{432}\u{430}", "\u{432}\u{44b}\u{431}\u{43e}\u{440}\u{44b}", "\u{441}\u{435}\u{433}\u{43e}\u{434}\u{43d}\u{44f}"]),
        ("Shift_JIS", &["\u{6771}\u{4eac}", "\u{4f1a}\u{8b70}", "\u{958b}\u{304b}\u{308c}\u{305f}", "\u{653f}\u{5e9c}", "\u{767a}\u{8868}", "\u{65e5}\u{672c}", "\u{3002}", "\u{9996}\u{76f8}\u{306f}"]),
        ("EUC-KR", &["\u{c11c}\u{c6b8}", "\u{c815}\u{bd80}", "\u{bc1c}\u{d45c}", "\u{b300}\u{d1b5}\u{b839}", "\u{d55c}\u{ad6d}", "\u{acbd}\u{c81c}"]),
        ("GBK", &["\u{5317}\u{4eac}", "\u{653f}\u{5e9c}", "\u{5ba3}\u{5e03}", "\u{4e2d}\u{56fd}", "\u{7ecf}\u{6d4e}", "\u{603b}\u{7edf}"]),
        ("windows-1256", &["\u{628}\u{64a}\u{631}\u{648}\u{62a}", "\u{627}\u{644}\u{62d}\u{643}\u{648}\u{645}\u{629}", "\u{642}\u{627}\u{644}", "\u{627}\u{644}\u{631}\u{626}\u{64a}\u{633}"]),
        ("windows-1253", &["\u{391}\u{3b8}\u{3ae}\u{3bd}\u{3b1}", "\u{3ba}\u{3c5}\u{3b2}\u{3ad}\u{3c1}\u{3bd}\u{3b7}\u{3c3}\u{3b7}", "\u{3c0}\u{3c1}\u{3cc}\u{3b5}\u{3b4}\u{3c1}\u{3bf}\u{3c2}", "\u{3b5}\u{3ba}\u{3bb}\u{3bf}\u{3b3}\u{3ad}\u{3c2}"]),
    ];

    const ENGLISH: &[&str] = &[
        "the",
        "government",
        "said",
        "on",
        "Tuesday",
        "that",
        "talks",
        "would",
        "resume",
        "in",
        "a",
        "statement",
        "minister",
        "reporters",
        "after",
        "meeting",
        "of",
        "and",
        "prices",
    ];

    /// 200 generated files of 20 to 500 KB in nine legacy encodings, their native words from
    /// one in a hundred to nine in ten: the sample's guess is the whole file's every time.
    #[test]
    fn two_hundred_legacy_files_keep_their_guess() {
        let mut rng: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: u64| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng % n
        };
        for file in 0..200 {
            let (name, words) = LANGUAGES[file % LANGUAGES.len()];
            let encoding = Encoding::for_label(name.as_bytes()).expect("a WHATWG label");
            // Sizes spread evenly on a log scale from 20 to 500 KB; densities from 1% to 90%.
            let size = (20_000.0 * 25f64.powf(next(1000) as f64 / 1000.0)) as usize;
            let density = [1, 5, 20, 50, 90][file / LANGUAGES.len() % 5];
            let mut text = String::with_capacity(size);
            let mut line = 0;
            while text.len() < size {
                let w = if next(100) < density {
                    words[next(words.len() as u64) as usize]
                } else {
                    ENGLISH[next(ENGLISH.len() as u64) as usize]
                };
                text.push_str(w);
                line += 1;
                text.push(if line % 14 == 0 { '\n' } else { ' ' });
            }
            let (bytes, _, unmappable) = encoding.encode(&text);
            assert!(!unmappable, "{name}: every word is in its encoding");
            assert!(
                of(&bytes).len() <= SIZE + 2 * CONTEXT + 2,
                "the sample is bounded"
            );
            assert_eq!(
                guess(&of(&bytes)).name(),
                guess(&bytes).name(),
                "file {file}: {name}, {} bytes, {density}% native words",
                bytes.len()
            );
        }
    }
}
