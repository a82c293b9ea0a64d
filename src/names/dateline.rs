//! Datelines: the place and the agency that open a wire story's first line.

use super::shared::capitalised;
use crate::model::Label;
use crate::tags::Span;

/// `NEW YORK (AP) —`, `KYIV, Jan 3 (Reuters) -`: a line that opens with a place in capitals
/// (or title case), maybe a region or a date after commas, then a name in brackets and a dash,
/// is a dateline: the bracketed name is the agency that filed it (ORG) and the first words the
/// place (LOC), where the tagger found neither. Agencies the training text never showed (`AP`
/// beside Reuters' `Reuters`) are the ones it misses.
pub(super) fn mend(words: &[&str], spans: &mut Vec<Span>) {
    let city = words.iter().take_while(|w| capitalised(w)).count();
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
    let agency = words[i + 1..].iter().take_while(|w| capitalised(w)).count();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::Lexicons;
    use crate::tags::Tag;
    use proptest::prelude::*;

    proptest! {
        /// A dateline — a place in capitals, maybe a region and a date after commas, an agency
        /// in brackets, a dash — gives the place (LOC) and the agency (ORG) where the tagger
        /// found nothing there, and leaves what the tagger found; without the dash, or with
        /// the line starting in lower case, it is no dateline.
        #[test]
        fn datelines_give_the_place_and_the_agency(
            city in proptest::collection::vec(proptest::sample::select(vec!["NEW", "YORK", "KYIV", "Gaza", "CITY", "SAN"]), 1..4),
            region in proptest::option::of(proptest::sample::select(vec!["Calif.", "N.Y.", "Ukraine"])),
            date in proptest::option::of(proptest::sample::select(vec!["Dec 7", "Jan 31", "Sept 2"])),
            agency in proptest::collection::vec(proptest::sample::select(vec!["AP", "AFP", "Xinhua", "Kyodo", "Yonhap", "Al", "Jazeera"]), 1..3),
            dash in proptest::sample::select(vec!["-", "--", "\u{2014}", "\u{2013}"]),
            tagged in any::<bool>(),
        ) {
            let mut words: Vec<&str> = city.clone();
            for part in region.iter().chain(&date) {
                words.push(",");
                words.extend(part.split(' '));
            }
            let open = words.len();
            words.push("(");
            words.extend(&agency);
            words.extend([")", dash, "The", "mayor", "said", "."]);
            let lex = Lexicons::default();
            let mut tags = vec![Tag::O; words.len()];
            if tagged {
                // The tagger found the place, as a person: its reading stands.
                tags[..city.len()].copy_from_slice(&crate::tags::tags_of(&[Span::new(0, city.len(), Label::PER)], city.len()));
            }
            let got: Vec<(usize, usize, Label)> = crate::names::spans(&tags, &words, &lex)
                .iter().map(|s| (s.start, s.end, s.label)).collect();
            let place = if tagged { Label::PER } else { Label::LOC };
            prop_assert_eq!(got, vec![(0, city.len(), place), (open + 1, open + 1 + agency.len(), Label::ORG)]);
            let no_dash: Vec<&str> = words.iter().map(|w| if *w == dash { "said" } else { *w }).collect();
            prop_assert!(crate::names::spans(&vec![Tag::O; words.len()], &no_dash, &lex).is_empty());
            let mut lower = words.clone();
            lower.insert(0, "in");
            prop_assert!(crate::names::spans(&vec![Tag::O; lower.len()], &lower, &lex).is_empty());
        }
    }
}
