//! Every word list the name rules read, in one place: bodies of a state, particles, titles,
//! kinds of region, offices, numbered references, articles, companies' legal forms, ranks,
//! kinds of event, the last words that make a run an organisation, a place or an event, the
//! small words of a title, and the kinds and phrases a definition reads. Kept apart so that
//! the rules read as rules; each list says where its words come from. (Months and weekdays are
//! the numbers rules', `crate::numbers`; holidays are `data/gazetteers/holidays.txt`.)

use crate::model::Label;

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

/// Words that qualify an office and leave the name with it (`CIA Acting | Director`): in
/// eng.train and eng.testa each of them before an office is outside every name (`Vice
/// President`, `Assistant Secretary` after a name, 10 times of 10).
pub(super) const OFFICE_QUALIFIERS: [&str; 8] = [
    "Acting",
    "Deputy",
    "Executive",
    "Assistant",
    "Vice",
    "Interim",
    "Former",
    "Associate",
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

pub(super) const ARTICLES: [&str; 3] = ["The", "A", "An"];

/// What ends a company's legal name (`Pirelli SpA`, `Magna International Inc`), in the forms
/// the tokenizer leaves them.
pub(super) const DESIGNATORS: [&str; 30] = [
    "Inc",
    "Inc.",
    "Corp",
    "Corp.",
    "Co",
    "Co.",
    "Ltd",
    "Ltd.",
    "Plc",
    "plc",
    "PLC",
    "SpA",
    "S.p.A.",
    "AG",
    "SA",
    "S.A.",
    "NV",
    "N.V.",
    "BV",
    "GmbH",
    "LLC",
    "Limited",
    "Corporation",
    "Incorporated",
    "Bhd",
    "Berhad",
    "AB",
    "ASA",
    "Oyj",
    "Holdings",
];

/// Ranks that stand between a title's first word and a person's name (`Brigadier | General |
/// Ross G. Hoyt`, `Lieutenant Colonel`), besides [`TITLES`] and [`OFFICES`].
pub(super) const RANKS: [&str; 8] = [
    "Admiral",
    "Colonel",
    "Marshal",
    "Commander",
    "Sergeant",
    "Captain",
    "Lieutenant",
    "Major",
];

/// The kinds of event written `KIND of NAME`.
pub(super) const EVENT_KINDS: &[&str] = &["Battle", "Siege", "War", "Treaty", "Sack"];

/// Last words that make a capitalised run an organisation (`Hockey Club`, `City Council`).
/// Besides the kinds eng.train ends organisations with (`Airways` 7 times, `Radio` 3), the
/// kinds of media company Wikipedia names and Reuters of 1996 rarely did (`Soleilmoon
/// Recordings`, `NOK Entertainment`).
pub(super) const ORGANISATION_HEADS: &[&str] = &[
    "Academy",
    "Agency",
    "Airlines",
    "Airways",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Band",
    "Bank",
    "Board",
    "Brigade",
    "Broadcasting",
    "Bureau",
    "Church",
    "Club",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Corporation",
    "Corps",
    "Council",
    "Court",
    "Department",
    "Division",
    "Entertainment",
    "Federation",
    "Fleet",
    "Force",
    "Foundation",
    "Front",
    "Government",
    "Group",
    "Guard",
    "Hospital",
    "Institute",
    "Library",
    "Media",
    "Ministry",
    "Movement",
    "Museum",
    "Navy",
    "Network",
    "Office",
    "Orchestra",
    "Organisation",
    "Organization",
    "Party",
    "Police",
    "Productions",
    "Publishing",
    "Radio",
    "Recordings",
    "Records",
    "Regiment",
    "School",
    "Service",
    "Society",
    "Squadron",
    "Studios",
    "Team",
    "Television",
    "Trust",
    "Union",
    "University",
];

/// Organisations' words that eng.train also ends places or other names with (`West Bank`,
/// `Soviet Union`, `Royal Hospital`, `Supreme Court`, `Russian Federation`).
pub(super) const PLACE_AND_ORGANISATION_HEADS: &[&str] = &[
    "Bank",
    "Church",
    "Committee",
    "Court",
    "Division",
    "Federation",
    "Front",
    "Hospital",
    "Museum",
    "Trust",
    "Union",
];

/// Last words that make a capitalised run an event or award (`Jazz Festival`, `Grand Prix`):
/// the kinds eng.train ends events with (`Cup` 106 times, `Open` 72, `Tour` 10, `Rally` 7,
/// `Prize` 5, `Revolution` 3), and their kin in history (`Appomattox Campaign`).
pub(super) const EVENT_HEADS: &[&str] = &[
    "Award",
    "Awards",
    "Campaign",
    "Championship",
    "Championships",
    "Classic",
    "Cup",
    "Festival",
    "Games",
    "Marathon",
    "Offensive",
    "Open",
    "Prix",
    "Prize",
    "Rally",
    "Rebellion",
    "Revolution",
    "Tour",
    "Tournament",
    "Trophy",
    "Uprising",
];

/// Last words that make a capitalised run a place: in eng.train and eng.testa a name ending
/// in `Street` is a place 23 times of 24, `Bridge` 9 of 10, `Island` 7 of 8, `Islands`,
/// `Ocean`, `Square`, `Sea`, `Road`, `Strait`, `Bay` and `Valley` every time.
pub(super) const PLACE_HEADS: &[&str] = &[
    "Avenue",
    "Bay",
    "Boulevard",
    "Bridge",
    "Island",
    "Islands",
    "Ocean",
    "Road",
    "Sea",
    "Square",
    "Strait",
    "Street",
    "Valley",
];

/// Last words that make a run the tagger found whole an event, but that no name grows into:
/// `Bangladesh Liberation War` is an event (eng.train 11 of 11), but a nationality does not
/// grow into one (`Korean | War`, as CoNLL writes it).
pub(super) const WHOLE_EVENT_HEADS: &[&str] = &["War"];

/// The words a title leaves in lower case.
pub(super) const TITLE_SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "'s",
    "&",
];

/// Kinds of thing, each a common noun that names one type.
pub(super) const KINDS: &[(&str, Label)] = &[
    ("village", Label::LOC),
    ("town", Label::LOC),
    ("city", Label::LOC),
    ("hamlet", Label::LOC),
    ("municipality", Label::LOC),
    ("parish", Label::LOC),
    ("county", Label::LOC),
    ("district", Label::LOC),
    ("river", Label::LOC),
    ("lake", Label::LOC),
    ("mountain", Label::LOC),
    ("island", Label::LOC),
    ("suburb", Label::LOC),
    ("neighbourhood", Label::LOC),
    ("neighborhood", Label::LOC),
    ("province", Label::LOC),
    ("commune", Label::LOC),
    ("settlement", Label::LOC),
    ("locality", Label::LOC),
    ("peninsula", Label::LOC),
    ("valley", Label::LOC),
    ("port", Label::LOC),
    ("township", Label::LOC),
    ("borough", Label::LOC),
    ("country", Label::LOC),
    ("prison", Label::LOC),
    ("cave", Label::LOC),
    ("facility", Label::LOC),
    ("airport", Label::LOC),
    ("band", Label::ORG),
    ("company", Label::ORG),
    ("corporation", Label::ORG),
    ("firm", Label::ORG),
    ("club", Label::ORG),
    ("party", Label::ORG),
    ("organisation", Label::ORG),
    ("organization", Label::ORG),
    ("agency", Label::ORG),
    ("university", Label::ORG),
    ("college", Label::ORG),
    ("newspaper", Label::ORG),
    ("broadcaster", Label::ORG),
    ("airline", Label::ORG),
    ("manufacturer", Label::ORG),
    ("retailer", Label::ORG),
    ("charity", Label::ORG),
    ("association", Label::ORG),
    ("society", Label::ORG),
    ("institute", Label::ORG),
    ("bank", Label::ORG),
    ("publisher", Label::ORG),
    ("conglomerate", Label::ORG),
    ("brand", Label::ORG),
    ("group", Label::ORG),
    ("network", Label::ORG),
    ("journal", Label::ORG),
    ("magazine", Label::ORG),
    ("team", Label::ORG),
    ("label", Label::ORG),
    ("chain", Label::ORG),
    ("album", Label::MISC),
    ("single", Label::MISC),
    ("song", Label::MISC),
    ("film", Label::MISC),
    ("movie", Label::MISC),
    ("novel", Label::MISC),
    ("opera", Label::MISC),
    ("musical", Label::MISC),
    ("sitcom", Label::MISC),
    ("documentary", Label::MISC),
    ("language", Label::MISC),
    ("festival", Label::MISC),
    ("anthem", Label::MISC),
    ("episode", Label::MISC),
    ("series", Label::MISC),
    ("tournament", Label::MISC),
    ("car", Label::MISC),
    ("singer", Label::PER),
    ("musician", Label::PER),
    ("actor", Label::PER),
    ("actress", Label::PER),
    ("politician", Label::PER),
    ("footballer", Label::PER),
    ("cricketer", Label::PER),
    ("player", Label::PER),
    ("writer", Label::PER),
    ("author", Label::PER),
    ("novelist", Label::PER),
    ("poet", Label::PER),
    ("painter", Label::PER),
    ("rapper", Label::PER),
    ("composer", Label::PER),
    ("journalist", Label::PER),
    ("businessman", Label::PER),
    ("businesswoman", Label::PER),
    ("lawyer", Label::PER),
    ("officer", Label::PER),
    ("general", Label::PER),
];

/// Words that end the phrase before a kind: `a group of`, `an analyst with`.
pub(super) const STOPS: &[&str] = &[
    "with", "of", "in", "for", "from", "by", "at", "on", "to", "that", "who", "which", "and", "or",
    "as",
];

/// Verbs of reporting after the kind, which make it a clause's subject, not the name's
/// apposition (`Eritrea, an official newspaper reported`).
pub(super) const REPORTING: &[&str] = &[
    "said", "says", "reported", "reports", "quoted", "added", "told",
];

/// Kinds of place written `the KIND of NAME` (`the village of Aisby`, `the port of Whittier`).
pub(super) const PLACES_OF: &[&str] = &[
    "village",
    "town",
    "city",
    "hamlet",
    "municipality",
    "parish",
    "county",
    "district",
    "province",
    "island",
    "port",
    "borough",
    "township",
    "suburb",
    "commune",
];

/// Words that may join a title's or a band's capitalised words (`30 Seconds to Mars`, `A
/// Storm to Come`, `League of Rights`).
pub(super) const DEFINITION_SMALL_WORDS: &[&str] = &[
    "to", "of", "the", "and", "&", "a", "an", "in", "on", "for", "from", "de", "at", "by",
];

/// Words that open sentences, not titles: prepositions, conjunctions, adverbs of time,
/// pronouns and determiners other than an article.
pub(super) const OPENERS: &[&str] = &[
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "When",
    "While",
    "If",
    "As",
    "Although",
    "Though",
    "Because",
    "Yesterday",
    "Today",
    "Tomorrow",
    "Last",
    "This",
    "That",
    "These",
    "Those",
    "Earlier",
    "Later",
    "Meanwhile",
    "However",
    "But",
    "And",
    "Or",
    "So",
    "Then",
    "Now",
    "There",
    "Here",
    "Its",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "Also",
    "Both",
    "Some",
    "Many",
    "Most",
    "Every",
    "Each",
    "No",
    "Not",
    "Only",
    "Even",
    "Under",
    "Over",
    "Through",
    "Across",
    "Against",
    "Among",
    "Between",
    "Without",
    "Within",
    "With",
    "Into",
    "Despite",
    "Following",
    "According",
    "Like",
    "Unlike",
    "Once",
    "Shortly",
    "Soon",
    "Next",
];
