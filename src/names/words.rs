//! The words the sentence rules of `mod.rs` read: bodies of a state, particles, titles,
//! kinds of region, offices and numbered references. Kept apart so that the rules read as
//! rules; each list says where its words come from.

/// Words that name a body of a state when a nationality or country comes first (`Lebanese
/// Army`, `Irish Navy`): in eng.train such a pair is one organisation every time (Army 5 of 5,
/// Navy 2 of 2, Guard 3 of 3, Forces 2 of 2, Police 3 of 4, Ministry 27 of 27).
pub(super) const INSTITUTIONS: [&str; 6] =
    ["Army", "Navy", "Guard", "Forces", "Police", "Ministry"];

/// Lower-case particles inside a person's name (`Osama bin Laden`, `Rafael van der Vaart`,
/// `de la`), which the training text also writes alone.
pub(super) const PARTICLES: [&str; 16] = [
    "al", "el", "abu", "bin", "ibn", "bint", "van", "von", "der", "den", "de", "da", "di", "du",
    "la", "le",
];

/// A particle, or one of the Arabic ones capitalised (`Mohammad Kazem Al Sadeq`).
pub(super) fn particle(word: &str) -> bool {
    PARTICLES.contains(&word) || matches!(word, "Al" | "El" | "Abu")
}

/// Titles before a person's name (`Prince Norodom Ranariddh`, `General Director Ljubomir
/// Acimovic`), several of them also given names: CoNLL leaves a title out of the name.
pub(super) const TITLES: [&str; 10] = [
    "Prince", "Princess", "King", "Queen", "Sir", "Lord", "Lady", "Sheikh", "General", "Emperor",
];

/// The one-word kinds of region of ISO 3166-2 (the `type` of each subdivision in the npm
/// package `iso-3166-2` 1.0.0, MIT), where a name ends in one (`Idlib Governorate`).
pub(super) const DIVISIONS: [&str; 16] = [
    "Canton",
    "Commune",
    "County",
    "Department",
    "District",
    "Division",
    "Emirate",
    "Governorate",
    "Municipality",
    "Oblast",
    "Parish",
    "Prefecture",
    "Province",
    "Rayon",
    "Region",
    "Territory",
];

/// Offices after a nationality (`Iranian Ambassador`): CoNLL leaves them out of the name (in
/// eng.train President 33 times of 34, Prime 21 of 21, Minister 4 of 4, Ambassador 2 of 2).
pub(super) const OFFICES: [&str; 10] = [
    "Ambassador",
    "Director",
    "Minister",
    "President",
    "Envoy",
    "Chancellor",
    "Premier",
    "Secretary",
    "Governor",
    "Consul",
];

/// Words that refer to a numbered text (`UN Resolution 1701`, `Article 5`): the number makes
/// them a reference, not part of the name before them.
pub(super) const NUMBERED: [&str; 7] = [
    "Resolution",
    "Resolutions",
    "Article",
    "Section",
    "Chapter",
    "Paragraph",
    "Clause",
];
