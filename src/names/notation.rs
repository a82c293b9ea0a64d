//! The tests' notation for a sentence and its names, one line each: `the [Lebanese]MISC Army
//! operations` is the words `the Lebanese Army operations` with `Lebanese` a MISC name. A rule's
//! test reads as the sentence the tagger gave and the sentence the rule makes of it.

use super::rules::{Scope, RULES};
use crate::model::Label;
use crate::tagger::Lexicons;
use crate::tags::Span;

/// A sentence in the tests' notation, `the [Lebanese]MISC Army operations`: its words, and
/// its spans, each name in brackets with its label after.
pub(super) fn marked(text: &str) -> (Vec<&str>, Vec<Span>) {
    let (mut words, mut spans, mut start) = (Vec::new(), Vec::new(), None);
    for token in text.split(' ') {
        let token = match token.strip_prefix('[') {
            Some(rest) => {
                start = Some(words.len());
                rest
            }
            None => token,
        };
        match token.split_once(']') {
            Some((word, label)) => {
                words.push(word);
                let label = Label::ALL
                    .into_iter()
                    .find(|l| format!("{l:?}") == label)
                    .expect("a label after the bracket");
                spans.push(Span::new(
                    start.take().expect("an opening bracket"),
                    words.len(),
                    label,
                ));
            }
            None => words.push(token),
        }
    }
    (words, spans)
}

/// `words` with `spans` in the notation of [`marked`].
pub(super) fn marking(words: &[&str], spans: &[Span]) -> String {
    let mut out: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
    for span in spans {
        out[span.start].insert(0, '[');
        out[span.end - 1].push_str(&format!("]{:?}", span.label));
    }
    out.join(" ")
}

/// Runs the rule of [`RULES`] named `rule`, alone, on each case — a sentence in the notation
/// of [`marked`], `=>`, and what the rule makes of it; a case without `=>` is a sentence the
/// rule leaves as it is. The rule runs from the table, as the tagger runs it.
pub(super) fn check_rule(rule: &str, lexicons: &Lexicons, cases: &[&str]) {
    for case in cases {
        let (tagged, want) = case_of(case);
        check_document(rule, lexicons, &[tagged], &[want]);
    }
}

/// A case's sentence as tagged and as it must come out: `tagged => want`, or a sentence alone
/// that must stay as it is.
pub(super) fn case_of(case: &str) -> (&str, &str) {
    case.split_once(" => ").unwrap_or((case, case))
}

/// [`check_rule`] on a document: `tagged` its sentences as the tagger left them, `want` as
/// the rule makes them.
pub(super) fn check_document(rule: &str, lexicons: &Lexicons, tagged: &[&str], want: &[&str]) {
    let rule = RULES
        .iter()
        .find(|r| r.name == rule)
        .expect("a rule of that name");
    let (words, mut spans): (Vec<Vec<&str>>, Vec<Vec<Span>>) =
        tagged.iter().map(|s| marked(s)).unzip();
    match rule.scope {
        Scope::Sentence(mend) => {
            for (w, s) in words.iter().zip(&mut spans) {
                mend(w, s, lexicons);
            }
        }
        Scope::Document(mend) => mend(&words, &mut spans, lexicons),
    }
    let got: Vec<String> = words
        .iter()
        .zip(&spans)
        .map(|(w, s)| marking(w, s))
        .collect();
    assert_eq!(got, want, "{} from {tagged:?}", rule.name);
}
