//! What joins a name at its edge: a given name the tagger split off a person's name, an
//! ordinal before an organisation or an event.

use super::words::{OFFICES, TITLES};
use super::GIVEN_NAME;
use crate::model::Label;
use crate::tagger::Lexicons;
use crate::tags::Span;

/// `William | James Atessis`, `Chad | Edward Gaudin`: a one-word name right before a person's
/// name, with nothing between, is its given name when it is one or a person's (the tagger
/// began the name again, or read `Chad` as the country). CoNLL never puts two names side by
/// side without a word between; a place before a person stays (`Baghdad` is no given name),
/// and so does a title (`Prince`), which CoNLL leaves out.
pub(super) fn given_name_before_person(spans: &mut Vec<Span>, words: &[&str], lexicons: &Lexicons) {
    let mut joined: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans.drain(..) {
        if let Some(last) = joined.last_mut() {
            let word = words[last.start];
            let title = TITLES.contains(&word) || OFFICES.contains(&word);
            let given = !title
                && (last.label == Label::PER
                    || lexicons.gazetteer.lists(&words[last.range()]) & GIVEN_NAME != 0);
            if last.end == span.start
                && span.label == Label::PER
                && last.end - last.start == 1
                && given
            {
                *last = Span::new(last.start, span.end, Label::PER);
                continue;
            }
        }
        joined.push(span);
    }
    *spans = joined;
}

/// `Fourth Air Force`, `Second Battle of Bull Run`, `the 65th Air Division`: an ordinal right
/// before an organisation or event is part of its name (in eng.train every spelled ordinal
/// before a name but a person's is inside it, 17 times; a numbered one before an event is
/// not always, `10th U.S. Open`, so only an organisation takes a numbered one).
pub(super) fn ordinal_before(spans: &mut [Span], words: &[&str]) {
    const SPELLED: [&str; 20] = [
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
        "Sixteenth",
        "Seventeenth",
        "Eighteenth",
        "Nineteenth",
        "Twentieth",
    ];
    let numbered = |w: &str| {
        let digits = w.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && matches!(&w[digits..], "st" | "nd" | "rd" | "th" | "d")
    };
    for i in 0..spans.len() {
        let span = spans[i];
        let Some(before) = span.start.checked_sub(1) else {
            continue;
        };
        let free = i == 0 || spans[i - 1].end <= before;
        let word = words[before];
        let joins = match span.label {
            Label::ORG => SPELLED.contains(&word) || numbered(word),
            Label::MISC => SPELLED.contains(&word),
            _ => false,
        };
        if free && joins {
            spans[i].start = before;
        }
    }
}
