//! A contracted verb is never part of a name: `I` `'m`, `We` `'ve`, `do` `n't`.
//!
//! The tokenizer splits contractions the CoNLL way, so the tagger sees `We` `'ve` as it saw them
//! in training; but a capitalised pronoun opening a quote, then a clitic the tagger has rarely
//! seen in a name, can still be read as the start of one (`We 've Ca` as an event). No name of
//! CoNLL-2003 holds such a clitic, so a span holding one keeps only what follows it.

use crate::tags::Span;

/// Whether `word` is the clitic of a contracted verb or negation (`'m`, `'re`, `'ve`, `'d`,
/// `'ll`, `n't`), in any case. The possessive `'s` is not: it is part of names (`Lloyd 's`).
pub(super) fn verb_clitic(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    matches!(lower.as_str(), "'m" | "'re" | "'ve" | "'d" | "'ll" | "n't")
}

/// Cuts every span of the sentence `words` after its last verb clitic, and before the stem of
/// a contraction at its end (`Why America Ca` of `Why America Can't`); a span left empty is
/// dropped.
pub(super) fn mend(words: &[&str], spans: &mut Vec<Span>) {
    spans.retain_mut(|s| {
        if let Some(at) = (s.start..s.end).rev().find(|&i| verb_clitic(words[i])) {
            s.start = at + 1;
        }
        if words.get(s.end).is_some_and(|w| verb_clitic(w)) {
            s.end -= 1;
        }
        s.start < s.end
    });
}

#[cfg(test)]
mod tests {
    use super::super::notation::check_rule;
    use crate::tagger::Lexicons;

    #[test]
    fn a_name_keeps_only_what_follows_a_clitic() {
        // `We 've Ca` keeps `Ca`, then loses it before `n't`.
        check_rule(
            "clitics",
            &Lexicons::default(),
            &[
                "[We 've Ca]MISC n't => We 've Ca n't",
                "said [Tony Blair 's]PER",
                "[I 'M]ORG => I 'M",
                "[Why America Ca]MISC n't => [Why America]MISC Ca n't",
            ],
        );
    }
}
