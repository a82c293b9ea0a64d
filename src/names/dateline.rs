//! Datelines: the place and the agency that open a wire story's first line.

use crate::model::Label;
use crate::tags::Span;

/// `NEW YORK (AP) —`, `KYIV, Jan 3 (Reuters) -`: a line that opens with a place in capitals
/// (or title case), maybe a region or a date after commas, then a name in brackets and a dash,
/// is a dateline: the bracketed name is the agency that filed it (ORG) and the first words the
/// place (LOC), where the tagger found neither. Agencies the training text never showed (`AP`
/// beside Reuters' `Reuters`) are the ones it misses.
pub(super) fn mend(words: &[&str], spans: &mut Vec<Span>) {
    let capital = |w: &&&str| w.starts_with(|c: char| c.is_uppercase());
    let city = words.iter().take_while(capital).count();
    if !(1..=4).contains(&city) {
        return;
    }
    // Past the place: `, REGION` or `, Mon D` parts, then the bracket.
    let mut i = city;
    while words.get(i) == Some(&",") {
        let part = words[i + 1..]
            .iter()
            .take_while(|w| **w != "," && **w != "(")
            .count();
        if !(1..=3).contains(&part) {
            return;
        }
        i += 1 + part;
    }
    if words.get(i) != Some(&"(") {
        return;
    }
    let agency = words[i + 1..].iter().take_while(capital).count();
    let close = i + 1 + agency;
    if !(1..=4).contains(&agency)
        || words.get(close) != Some(&")")
        || !words
            .get(close + 1)
            .is_some_and(|w| matches!(*w, "-" | "--" | "\u{2014}" | "\u{2013}"))
    {
        return;
    }
    for (start, end, label) in [(0, city, Label::LOC), (i + 1, close, Label::ORG)] {
        if spans.iter().all(|sp| sp.end <= start || sp.start >= end) {
            let at = spans.partition_point(|sp| sp.start < start);
            spans.insert(at, Span::new(start, end, label));
        }
    }
}
