//! Every name rule in the order it runs, in one table: what it mends, and where it runs (on one
//! sentence's spans, or on a whole document's). The order matters — a rule that strips a
//! title runs before the rules that join names, the rules that make events before the ordinal
//! rule that reads them — and lives here rather than in comments. `train rules MODEL` scores
//! the model on dev and WikiGold with each rule left out, which is each rule's measured gain
//! (models/README.md, "The rules in order").

use super::{
    articles, brackets, clitics, dateline, definitions, document, edges, events, heads, holidays,
    items, lists, nicknames, tagged, titles,
};
use crate::tagger::Lexicons;
use crate::tags::Span;

/// A sentence rule: a sentence's words, its spans (sorted, not overlapping, and so left).
pub type SentenceRule = fn(&[&str], &mut Vec<Span>, &Lexicons);

/// A document rule: each sentence's words and spans (`spans[k]` over `words[k]`).
pub type DocumentRule = fn(&[Vec<&str>], &mut [Vec<Span>], &Lexicons);

/// What a rule reads and mends.
#[derive(Clone, Copy)]
pub enum Scope {
    /// One sentence's words and spans.
    Sentence(SentenceRule),
    /// A document's sentences together.
    Document(DocumentRule),
}

/// One rule: its name (`train rules` and the README use it), what it mends, where it runs.
// Names and descriptions are read by `train rules` (the `train` feature) and the tests.
#[cfg_attr(not(any(test, feature = "train")), allow(dead_code))]
pub struct Rule {
    /// A short name, unique in [`RULES`].
    pub name: &'static str,
    /// What it mends, with an example.
    pub mends: &'static str,
    /// What it reads and mends.
    pub scope: Scope,
}

const fn in_sentence(name: &'static str, mends: &'static str, run: SentenceRule) -> Rule {
    Rule {
        name,
        mends,
        scope: Scope::Sentence(run),
    }
}

const fn in_document(name: &'static str, mends: &'static str, run: DocumentRule) -> Rule {
    Rule {
        name,
        mends,
        scope: Scope::Document(run),
    }
}

/// The rules, in the order they run; each runs over the whole document (a sentence rule on
/// every sentence) before the next.
pub const RULES: &[Rule] = &[
    in_sentence("modifier-before", "`pro-Iran Coordination Framework`: an English prefix word leaves the name", |w, s, l| tagged::modifier_before(w, s, l)),
    in_sentence("date-before", "`Monday Yeltsin`: a month or weekday before a name leaves it", |w, s, l| tagged::date_before(w, s, l)),
    in_sentence("air-before-country", "`Air France`: a country after `Air` is an airline", |w, s, l| tagged::air_before_country(w, s, l)),
    in_sentence("numbered-reference", "`UN Resolution 1701` names `UN`", |w, s, l| tagged::numbered_reference(w, s, l)),
    in_sentence("office-after", "`Iranian Ambassador`: an office leaves the name", |w, s, l| tagged::office_after(w, s, l)),
    in_sentence("particle-after", "`Asa'ib Ahl al-Haq`: an `al-` word joins the name before it", |w, s, l| tagged::particle_after(w, s, l)),
    in_sentence("region-kind", "`Kyiv Oblast`, `Fairfax County`: a kind of region makes a place", |w, s, l| tagged::region_kind(w, s, l)),
    in_sentence("institution-after", "`Lebanese Army`: a state body after a nationality is an organisation", |w, s, l| tagged::institution_after(w, s, l)),
    in_sentence("broken-at-particle", "`Osama bin Laden`: a person broken at a particle is one name", tagged::broken_at_particle),
    in_sentence("given-name-before-person", "`Mohammad` before `Reza Fallahzadeh`: a given name joins the person after it", |w, s, l| edges::given_name_before_person(s, w, l)),
    in_sentence("place-before-organisation", "`European` before `Union`: a place the tagger split off the organisation it begins (not `U.S.` before `Senate`)", |w, s, _| edges::place_before_organisation(s, w)),
    in_sentence("title-before-title", "`Prime` before `Minister John Howard`: a one-word person before a title is the title's", |w, s, _| edges::title_before_title(s, w)),
    in_sentence("final-stop", "`Carnegie Hall .`: a sentence's full stop leaves the name (`Bros .` keeps it)", |w, s, l| edges::final_stop(s, w, l)),
    in_sentence("places-joined-by-and", "`Trinidad and Tobago`: two places joined by `and` that the lists know as one", |w, s, l| edges::places_joined_by_and(s, w, l)),
    in_sentence("items", "`Milepost 0.8 :`: a numbered item's label is no name", items::mend),
    in_sentence("brackets", "`( Jerry ) Koosman`: a name holding half a pair of brackets takes the other", |w, s, _| brackets::mend(w, s)),
    in_sentence("dateline", "`NEW YORK (AP) -`: the place and agency opening a wire story", |w, s, _| dateline::mend(w, s)),
    in_sentence("nicknames", "`Roberto \"Hands of Stone\" Duran`: a quoted nickname inside a person's name", |w, s, _| nicknames::mend(w, s)),
    in_sentence("given-after-surname", "`Kim In-so`, `Jr.`: a given name after a surname joins the person", |w, s, _| nicknames::given_after_surname(w, s)),
    in_sentence("titles", "`the album \"Other Voices\"`: a quoted title in title case is one MISC name", |w, s, _| titles::mend(w, s)),
    in_sentence("designations", "`P-47 Thunderbolt`: a model designation and its name are one MISC name", |w, s, _| titles::designations(w, s)),
    in_sentence("events", "`Battle of ...`, `Treaty of ...`: an event's whole name", |w, s, _| events::mend(w, s)),
    in_sentence("holidays", "`Diwali`, `Thanksgiving`: a holiday on the list is MISC", holidays::mend),
    in_sentence("heads", "a capitalised run ending in a kind of organisation or event is one name", heads::mend),
    in_sentence("ordinal-before", "`Fourth Air Force`: an ordinal before an organisation or event", |w, s, _| edges::ordinal_before(s, w)),
    in_sentence("articles", "`the film The Last Emperor`: a capital article mid-sentence opens the name", |w, s, _| articles::mend(w, s)),
    in_sentence("lists", "`Korn, Deadsy and Linkin Park`: names of a list of three or more share the most common type", |w, s, l| lists::mend(w, s, l)),
    in_document("surname-alone", "`Biden` after `Joe Biden` is the person", |w, s, _| document::mend(w, s)),
    in_document("company-short-forms", "`Pirelli` after `Pirelli SpA` is the company", |w, s, _| document::company_short_forms(w, s)),
    in_document("possessive-names", "`Lloyd 's`: a possessive inside a company's name", |w, s, _| document::possessive_names(w, s)),
    in_document("definitions", "`X, a company that ...`: what the text says a name is", definitions::mend),
    in_sentence("clitics", "`We 've`: no name holds a verb's clitic", |w, s, _| clitics::mend(w, s)),
];

/// Which rules run: all but those left out (by their place in [`RULES`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Enabled(u64);

impl Enabled {
    /// Every rule.
    pub const ALL: Enabled = Enabled(u64::MAX);

    /// Every rule but the one named `name`, if there is one.
    #[cfg_attr(not(any(test, feature = "train")), allow(dead_code))]
    pub fn without(name: &str) -> Option<Enabled> {
        let at = RULES.iter().position(|r| r.name == name)?;
        Some(Enabled(!(1 << at)))
    }

    fn runs(self, at: usize) -> bool {
        self.0 & (1 << at) != 0
    }
}

/// Runs the enabled rules in order over a document's sentences: each sentence rule on every
/// sentence, each document rule on the whole.
pub fn run(words: &[Vec<&str>], spans: &mut [Vec<Span>], lexicons: &Lexicons, enabled: Enabled) {
    for (at, rule) in RULES.iter().enumerate() {
        if !enabled.runs(at) {
            continue;
        }
        match rule.scope {
            Scope::Sentence(mend) => {
                for (w, s) in words.iter().zip(spans.iter_mut()) {
                    mend(w, s, lexicons);
                }
            }
            Scope::Document(mend) => mend(words, spans, lexicons),
        }
    }
}

/// Runs the enabled sentence rules that come before the first document rule on one sentence:
/// what a sentence can be told without its document.
#[cfg(any(test, feature = "train"))]
pub fn run_sentence(words: &[&str], spans: &mut Vec<Span>, lexicons: &Lexicons, enabled: Enabled) {
    for (at, rule) in RULES.iter().enumerate() {
        match rule.scope {
            Scope::Document(_) => break,
            Scope::Sentence(mend) if enabled.runs(at) => mend(words, spans, lexicons),
            Scope::Sentence(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_own_name_and_fits_the_mask() {
        assert!(RULES.len() <= 64);
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        for rule in RULES {
            assert_ne!(Enabled::without(rule.name), Some(Enabled::ALL));
        }
        assert_eq!(Enabled::without("no such rule"), None);
    }
}
