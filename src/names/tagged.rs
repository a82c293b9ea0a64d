//! The first rules: each tagged span's own edges and label, read from the words at its ends.
//! They run before any rule that joins or makes names, each over every span of the sentence
//! (`rules::RULES` lists them in order). A span only grows into words no span holds.

use super::shared::{capitalised, label_of, modifier, particle_name};
use super::shared::{NATIONALITY, PLACE};
use super::words::{DIVISIONS, INSTITUTIONS, NUMBERED, OFFICES, OFFICE_QUALIFIERS, PARTICLES};
use super::{dates, GIVEN_NAME};
use crate::model::Label;
use crate::tagger::Lexicons;
use crate::tags::Span;

/// Which words some span holds.
fn taken(spans: &[Span], n: usize) -> Vec<bool> {
    let mut taken = vec![false; n];
    for span in spans {
        taken[span.range()].iter_mut().for_each(|t| *t = true);
    }
    taken
}

/// `the pro-Iran Coordination Framework`: CoNLL tags `pro-Moscow` alone as a name of its own
/// (MISC, 9 times of 12) but never as part of the name after it, and the tagger, which never
/// saw one before a name, sweeps it in. Only where the prefixed word is a place or a
/// nationality on the name lists: in `non-United States`, `anti-Wall Street` or `anti-Second
/// Amendment` the prefix is on the name's own first word, which stays (on news of 2012-2020,
/// stripping every prefix got most of its changes wrong: models/README.md).
pub(super) fn modifier_before(words: &[&str], spans: &mut [Span], lexicons: &Lexicons) {
    let named = |w: &str| {
        w.split_once('-')
            .is_some_and(|(_, stem)| lexicons.gazetteer.lists(&[stem]) & (PLACE | NATIONALITY) != 0)
    };
    for span in spans.iter_mut() {
        while span.end - span.start > 1 && modifier(words[span.start]) && named(words[span.start]) {
            span.start += 1;
        }
    }
}

/// `September Treasury`, `Monday Yeltsin`: a month or a weekday before a name is the date,
/// never part of it (in eng.train, once in 2,000), unless it ends the name (`Sheffield
/// Wednesday`), may be a given name (`June`) or names a paper (`Sunday Times`).
pub(super) fn date_before(words: &[&str], spans: &mut [Span], _: &Lexicons) {
    for span in spans.iter_mut() {
        if span.end - span.start > 1 && dates::date_word(words[span.start], span.label) {
            span.start += 1;
        }
    }
}

/// `Air France`: a country after `Air` is an airline (in eng.train `Air` before a name is
/// part of an organisation every time).
pub(super) fn air_before_country(words: &[&str], spans: &mut [Span], _: &Lexicons) {
    let mut taken = taken(spans, words.len());
    for span in spans.iter_mut() {
        let s = span.start;
        if span.label == Label::LOC && s > 0 && words[s - 1] == "Air" && !taken[s - 1] {
            taken[s - 1] = true;
            *span = Span::new(s - 1, span.end, Label::ORG);
        }
    }
}

/// `UN Resolution 1701` names `UN`: a word such as `Resolution` or `Article` before a number
/// leaves the name.
pub(super) fn numbered_reference(words: &[&str], spans: &mut [Span], _: &Lexicons) {
    for span in spans.iter_mut() {
        let e = span.end;
        if e - span.start > 1
            && NUMBERED.contains(&words[e - 1])
            && words
                .get(e)
                .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
        {
            span.end -= 1;
        }
    }
}

/// `Iranian Ambassador`: an office at a name's end is no part of it (CoNLL leaves titles and
/// offices out), nor are the words qualifying it (`CIA Acting Director`); what is left takes
/// the label the lists give it.
pub(super) fn office_after(words: &[&str], spans: &mut [Span], lexicons: &Lexicons) {
    for span in spans.iter_mut() {
        if span.end - span.start > 1 && OFFICES.contains(&words[span.end - 1]) {
            span.end -= 1;
            while span.end - span.start > 1 && OFFICE_QUALIFIERS.contains(&words[span.end - 1]) {
                span.end -= 1;
            }
            span.label = label_of(&words[span.range()], lexicons).unwrap_or(span.label);
        }
    }
}

/// `Asa'ib Ahl al-Haq`: a particle joined to a name belongs to the name before it.
pub(super) fn particle_after(words: &[&str], spans: &mut [Span], _: &Lexicons) {
    let mut taken = taken(spans, words.len());
    for span in spans.iter_mut() {
        while span.end < words.len() && !taken[span.end] && particle_name(words[span.end]) {
            taken[span.end] = true;
            span.end += 1;
        }
    }
}

/// `the South Governorate`, `Kyiv Oblast`: a kind of region the training text never named
/// makes the name a place. `Fairfax County`, `Jefferson Parish`: in eng.train every `County`
/// name is a club in a results table (`Notts County 2 1 1`, `Peterborough v Notts County`);
/// outside one it is the place.
pub(super) fn region_kind(words: &[&str], spans: &mut [Span], lexicons: &Lexicons) {
    let mut taken = taken(spans, words.len());
    let division = |w: &str| DIVISIONS.contains(&w) && !lexicons.casing.knows(w);
    let results = |i: Option<&&str>| {
        i.is_some_and(|w| *w == "v" || w.starts_with(|c: char| c.is_ascii_digit()))
    };
    for span in spans.iter_mut() {
        let (s, e) = (span.start, span.end);
        let county = matches!(words[e - 1], "County" | "Parish")
            && !results(s.checked_sub(1).and_then(|i| words.get(i)))
            && !results(words.get(e));
        if e - s > 1 && (division(words[e - 1]) || county) {
            span.label = Label::LOC;
        } else if span.label == Label::LOC && e < words.len() && !taken[e] && division(words[e]) {
            taken[e] = true;
            span.end += 1;
        }
    }
}

/// `the Lebanese Army`: a state body after a nationality or a place is an organisation.
pub(super) fn institution_after(words: &[&str], spans: &mut [Span], _: &Lexicons) {
    let mut taken = taken(spans, words.len());
    for span in spans.iter_mut() {
        let e = span.end;
        if matches!(span.label, Label::MISC | Label::LOC)
            && e < words.len()
            && !taken[e]
            && INSTITUTIONS.contains(&words[e])
        {
            taken[e] = true;
            *span = Span::new(span.start, e + 1, Label::ORG);
        }
    }
}

/// `Osama bin Laden`, `Rafael van der Vaart`: a person's name the tagger broke at one or two
/// lower-case particles is one name, whether it tagged the rest or not. Its first part is a
/// person or opens with a given name, and a second part it tagged is a person: `Yemen-based al
/// Qaeda` is no person's name.
pub(super) fn broken_at_particle(words: &[&str], spans: &mut Vec<Span>, lexicons: &Lexicons) {
    let given = |at: usize| lexicons.gazetteer.lists(&words[at..at + 1]) & GIVEN_NAME != 0;
    let mut taken = taken(spans, words.len());
    let mut joined: Vec<Span> = Vec::with_capacity(spans.len());
    for &Span {
        start: s,
        end: mut e,
        mut label,
    } in spans.iter()
    {
        if let Some(last) = joined.last_mut() {
            let between = &words[last.end..s];
            if (1..=2).contains(&between.len())
                && between.iter().all(|w| PARTICLES.contains(w))
                && label == Label::PER
                && (last.label == Label::PER || given(last.start))
            {
                *last = Span::new(last.start, e, Label::PER);
                continue;
            }
        }
        let rest = e + words[e..]
            .iter()
            .zip(&taken[e..])
            .take_while(|(w, t)| !**t && PARTICLES.contains(w))
            .count();
        if (1..=2).contains(&(rest - e)) && (label == Label::PER || given(s)) {
            // The next span, if it starts right there, joins on the next turn instead.
            let end = rest
                + words[rest..]
                    .iter()
                    .zip(&taken[rest..])
                    .take_while(|(w, t)| !**t && capitalised(w))
                    .count();
            if end > rest {
                taken[e..end].iter_mut().for_each(|t| *t = true);
                (e, label) = (end, Label::PER);
            }
        }
        joined.push(Span::new(s, e, label));
    }
    *spans = joined;
}
