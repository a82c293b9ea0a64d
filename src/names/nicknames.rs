//! The parts of a person's name the tagger sees too rarely to keep in it: nicknames in quotes
//! (`Roberto "Hands of Stone" Duran`; CoNLL tags the whole as one person, the tagger finds
//! the given name and the surname apart and reads the nickname as something else) and the
//! hyphenated given names of Korean and Chinese names written surname first (`Kim In-so`,
//! `Chen Chun-yeh`: the tagger finds the surname alone).

use super::shared::capitalised;
use crate::model::Label;
use crate::tags::Span;

/// Joins a name, a quoted run of one to four capitalised words (small words between) and a name
/// right after it into one person, where either name is a person's, whatever the tagger found
/// inside the quotes.
pub(super) fn mend(words: &[&str], spans: &mut Vec<Span>) {
    let mut k = 0;
    while k < spans.len() {
        let a = spans[k];
        let open = a.end;
        let close = (open + 2..words.len().min(open + 6)).find(|&i| words[i] == "\"");
        let joined = close.filter(|&close| {
            words[open] == "\""
                && capitalised(words[open + 1])
                && words[open + 1..close]
                    .iter()
                    .all(|w| capitalised(w) || matches!(*w, "of" | "the" | "and"))
        });
        // The spans inside the quotes, then the person after them.
        let inside = spans[k + 1..]
            .iter()
            .take_while(|s| joined.is_some_and(|close| s.end <= close))
            .count();
        match (joined, spans.get(k + 1 + inside)) {
            // A name on each side, one of them a person's (`Dahvin "DaHv" Daniels`, where the
            // tagger read the given name as a place).
            (Some(close), Some(b))
                if b.start == close + 1 && (a.label == Label::PER || b.label == Label::PER) =>
            {
                let end = b.end;
                spans.drain(k + 1..k + 2 + inside);
                spans[k] = Span::new(a.start, end, Label::PER);
            }
            _ => k += 1,
        }
    }
}

/// Compounds on a name that are not names: `Bush-led`, `Lee-born`, `Kim-era`.
fn compound(part: &str) -> bool {
    part.ends_with("ed")
        || matches!(
            part,
            "born" | "run" | "made" | "era" | "style" | "type" | "like" | "bound" | "speaking"
        )
}

/// A person's name followed by a capitalised word joined by a hyphen to a lower-case part
/// (`Kim` `In-so`) takes that word in: a given name after a surname. In eng.train such a word
/// after a person is part of the name four times in five. So does `Jr.` or `Sr.` after a
/// person (in eng.train, `Jr` after a person is in the name three times of three).
pub(super) fn given_after_surname(words: &[&str], spans: &mut [Span]) {
    let taken: Vec<usize> = spans.iter().map(|s| s.start).collect();
    for s in spans.iter_mut() {
        let Some(next) = words.get(s.end) else {
            continue;
        };
        let given = next.split_once('-').is_some_and(|(a, b)| {
            a.chars().count() <= 6
                && b.len() <= 6
                && capitalised(a)
                && a.chars().skip(1).all(char::is_lowercase)
                && !b.is_empty()
                && b.chars().all(char::is_lowercase)
                && !compound(b)
        });
        // `Clay Tice Jr.`: CoNLL keeps the suffix in the name.
        let suffix = matches!(*next, "Jr" | "Jr." | "Sr" | "Sr.");
        if s.label == Label::PER && (given || suffix) && !taken.contains(&s.end) {
            s.end += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::notation::check_rule;
    use super::*;
    use crate::tagger::Lexicons;
    use proptest::prelude::*;

    /// `Jr.` and `Sr.` after a person stay in the name; after anything else they stay out.
    #[test]
    fn a_suffix_stays_in_the_persons_name() {
        for suffix in ["Jr", "Jr.", "Sr", "Sr."] {
            let case = format!("[Clay Tice]PER {suffix} said => [Clay Tice {suffix}]PER said");
            let other = format!("[Clay Tice]ORG {suffix} said");
            check_rule(
                "given-after-surname",
                &Lexicons::default(),
                &[&case, &other],
            );
        }
    }

    proptest! {
        /// A surname and a hyphenated given name (`Kim In-so`) are one person, however the
        /// parts are made; a participle compound (`Kim-led`) or a word in capitals after it
        /// stays out, and so does a word another name already starts with.
        #[test]
        fn a_hyphenated_given_name_joins_the_surname(
            a in "[A-Z\u{C9}][a-z]{1,5}",
            b in "[a-z]{1,6}",
            compound_part in proptest::sample::select(vec!["led", "based", "born", "era"]),
        ) {
            let given = format!("{a}-{b}");
            let words = ["Kim", given.as_str(), "won", "."];
            let mut spans = vec![Span::new(0, 1, Label::PER)];
            given_after_surname(&words, &mut spans);
            let want = if compound(&b) { 1 } else { 2 };
            prop_assert_eq!(spans, vec![Span::new(0, want, Label::PER)]);

            let led = format!("{a}-{compound_part}");
            let words = ["Kim", led.as_str(), "troops", "."];
            let mut spans = vec![Span::new(0, 1, Label::PER)];
            given_after_surname(&words, &mut spans);
            prop_assert_eq!(spans, vec![Span::new(0, 1, Label::PER)]);

            let words = ["Kim", given.as_str(), "won", "."];
            let mut spans = vec![Span::new(0, 1, Label::PER), Span::new(1, 2, Label::ORG)];
            given_after_surname(&words, &mut spans);
            prop_assert_eq!(spans, vec![Span::new(0, 1, Label::PER), Span::new(1, 2, Label::ORG)]);
        }

        /// Given name, quoted nickname, surname: one person, whatever the tagger made of the
        /// nickname or (if it found the other a person) of one of the names; with no name
        /// after the quotes, or a lower-case word inside them, the spans stay as they were.
        #[test]
        fn a_quoted_nickname_joins_the_name_around_it(
            nickname in proptest::collection::vec(proptest::sample::select(vec!["Hands", "of", "Stone", "Macho", "The", "Rock"]), 1..4),
            tagged in proptest::option::of(proptest::sample::select(vec![Label::MISC, Label::ORG, Label::LOC])),
            lower in any::<bool>(),
        ) {
            prop_assume!(nickname[0].starts_with(char::is_uppercase));
            let mut words = vec!["Roberto", "\""];
            words.extend(&nickname);
            let close = words.len();
            words.extend(["\"", "Duran", "won", "."]);
            let mut spans = vec![Span::new(0, 1, Label::PER)];
            if let Some(label) = tagged {
                spans.push(Span::new(2, close, label));
            }
            spans.push(Span::new(close + 1, close + 2, Label::PER));
            let mut got = spans.clone();
            mend(&words, &mut got);
            prop_assert_eq!(got, vec![Span::new(0, close + 2, Label::PER)]);
            let mut place_first = spans.clone();
            place_first[0] = Span::new(0, 1, Label::LOC);
            mend(&words, &mut place_first);
            prop_assert_eq!(place_first, vec![Span::new(0, close + 2, Label::PER)]);

            // No name after the quotes.
            let mut alone = spans[..spans.len() - 1].to_vec();
            let kept = alone.clone();
            mend(&words, &mut alone);
            prop_assert_eq!(alone, kept);

            // Quoted speech between two names.
            if lower {
                let mut spoken = words.clone();
                spoken.insert(2, "said");
                let moved: Vec<Span> = spans.iter().map(|s| if s.start >= 2 { Span::new(s.start + 1, s.end + 1, s.label) } else { *s }).collect();
                let mut got = moved.clone();
                mend(&spoken, &mut got);
                prop_assert_eq!(got, moved);
            }
        }
    }
}
