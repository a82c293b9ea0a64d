//! The tests' notation for a sentence and its names, one line each: `the [Lebanese]MISC Army
//! operations` is the words `the Lebanese Army operations` with `Lebanese` a MISC name. A rule's
//! test reads as the sentence the tagger gave and the sentence the rule makes of it.

use crate::model::Label;
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
