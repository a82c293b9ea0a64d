//! Entities as a user meets them: the committed model's quality on the development split, the
//! names in the sample dumps, the entity index of the seed, offsets a script can slice by.

mod support;

use std::collections::HashMap;
use std::path::PathBuf;

use folio::{process, Collection, Label, Options, Recognizer, Tagger, EMBEDDED_MODEL};

fn collection(paths: &[PathBuf]) -> Collection {
    let files = paths.iter().map(|p| {
        (
            p.file_name().unwrap().to_string_lossy().into_owned(),
            std::fs::read(p).expect("sample exists"),
        )
    });
    process(files, &Options::default())
}

/// Scores the committed model on `docs` the CoNLL way, as Folio shows names (the tagger's spans
/// mended by the name rules) and the tagger alone; fails below `floor`.
fn gate(what: &str, docs: &[folio::train::Document], floor: f64) {
    let tagger = Tagger::from_bytes(EMBEDDED_MODEL).expect("the committed model loads");
    let scores = folio::train::evaluate(&tagger, docs);
    eprintln!(
        "{what}, tagger alone: F1 {:.4}\ntagger and the name rules:\n{}",
        scores.tagger.f1(),
        scores.shown
    );
    assert!(
        scores.shown.f1() >= floor,
        "{what}: F1 fell below {floor}:\n{}",
        scores.shown
    );
}

/// The development split, on which every choice was made: the shipped model stays above 0.92.
#[test]
#[cfg_attr(
    not(folio_data),
    ignore = "needs CoNLL-2003 (eng.train, eng.testa): set FOLIO_DATA to a directory holding conll2003/"
)]
fn committed_model_scores_at_least_0_92_on_the_development_split() {
    gate("eng.testa", &support::conll("eng.testa"), 0.92);
}

/// WikiGold (Wikipedia, another register and another decade, never trained on) is scored
/// exactly like the development split: how far the tagger carries beyond 1996's news.
#[test]
fn committed_model_holds_out_of_domain_on_wikigold() {
    gate("WikiGold", &support::wikigold(), WIKIGOLD_FLOOR);
}

/// The committed model's WikiGold F1 may not fall below this: the gate issue 15 asks for. The
/// committed model (seed 0: jackknifed casing, twelve contexts) scores 0.6954 with the span
/// and document rules of 2026-12-06 evening (definitions, lists, articles; its seeds' mean is
/// 0.6939), 0.6505 with those of the afternoon; the model before the clusters 0.5977.
const WIKIGOLD_FLOOR: f64 = 0.68;

/// Names found in the articles of generated dumps against their answer (text and label,
/// counted as multisets per article): what the pipeline keeps of the tagger's quality once
/// text is segmented into titles, captions and paragraphs. Returns (P, R, F1).
fn dump_names(files: Vec<(String, Vec<u8>)>, gold: &support::dumps::Gold) -> (f64, f64, f64) {
    let c = process(files, &Options::default());
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for g in &gold.articles {
        let a = c
            .articles
            .iter()
            .find(|a| a.title.text == g.title.as_str())
            .unwrap_or_else(|| panic!("no article {:?}", g.title));
        let mut want: HashMap<(String, String), i64> = HashMap::new();
        for e in &g.entities {
            *want.entry(e.clone()).or_default() += 1;
        }
        for e in a.blocks().flat_map(|b| &b.entities) {
            if matches!(e.label, Label::PER | Label::ORG | Label::LOC | Label::MISC) {
                let n = want
                    .entry((e.text.clone(), e.label.as_str().to_owned()))
                    .or_default();
                if *n > 0 {
                    tp += 1;
                } else {
                    fp += 1;
                }
                *n -= 1;
            }
        }
        fn_ += want.values().filter(|&&n| n > 0).sum::<i64>() as usize;
    }
    let (p, r) = (tp as f64 / (tp + fp) as f64, tp as f64 / (tp + fn_) as f64);
    (p, r, 2.0 * p * r / (p + r))
}

/// The repository's dumps, WikiGold's articles: Wikipedia, which the tagger never saw, so the
/// floor is WikiGold's own level, not the development split's.
#[test]
fn names_in_the_sample_dumps_match_their_answer() {
    let dir = support::dumps_dir();
    let gold: support::dumps::Gold =
        serde_json::from_slice(&std::fs::read(dir.join("gold.json")).unwrap()).unwrap();
    let (p, r, f1) = dump_names(support::read(&gold.files, &dir), &gold);
    eprintln!("names in the sample dumps (WikiGold): P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(
        f1 >= 0.60,
        "names in the sample dumps: P {p:.3} R {r:.3} F1 {f1:.3}"
    );
}

/// Dumps of the development split's news in every layout keep the tagger's dev quality.
#[test]
#[cfg_attr(
    not(folio_data),
    ignore = "needs CoNLL-2003 (eng.train, eng.testa): set FOLIO_DATA to a directory holding conll2003/"
)]
fn names_in_dumps_of_reuters_news_match_their_answer() {
    let (files, gold) = support::dumps::generate(&support::conll("eng.testa"));
    let (p, r, f1) = dump_names(files, &gold);
    eprintln!("names in dumps of eng.testa: P {p:.3} R {r:.3} F1 {f1:.3}");
    assert!(
        f1 >= 0.90,
        "names in dumps of eng.testa: P {p:.3} R {r:.3} F1 {f1:.3}"
    );
}

#[test]
fn the_seed_index_lists_mikati_once_with_his_surname_as_an_alias() {
    let c = collection(&[support::seed_path()]);
    let mikati = c
        .entities
        .iter()
        .find(|e| e.name == "Najib Mikati")
        .expect("Najib Mikati is in the index");
    assert_eq!(mikati.label, Label::PER);
    assert!(mikati.aliases.iter().any(|a| a == "Mikati"), "{mikati:?}");
    // The title, the caption and three paragraphs name him; every mention counts.
    assert_eq!(mikati.mentions, 5, "{mikati:?}");
    assert!(
        !c.entities.iter().any(|e| e.name == "Mikati"),
        "the surname is not an entry of its own"
    );
    assert_eq!(c.stats.entities, c.entities.len());
    assert_eq!(
        c.stats.mentions,
        c.entities.iter().map(|e| e.mentions).sum::<usize>()
    );
}

#[test]
fn offsets_slice_the_text_in_scalar_values() {
    let text = "Prime Minister Najib Mikati visited the city of Tyre on Saturday, saying “we are ready”; 5,470 students sat exams and prices rose 25 percent.";
    let entities = Recognizer::embedded().annotate(text);
    let chars: Vec<char> = text.chars().collect();
    for e in &entities {
        assert_eq!(chars[e.start..e.end].iter().collect::<String>(), e.text);
    }
    let found: Vec<(&str, Label)> = entities
        .iter()
        .map(|e| (e.text.as_str(), e.label))
        .collect();
    for want in [
        ("Najib Mikati", Label::PER),
        ("Tyre", Label::LOC),
        ("Saturday", Label::DATE),
        ("5,470", Label::CARDINAL),
        ("25 percent", Label::PERCENT),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
}

/// Names as news writes them today, each sentence on its own: particles (`al-`, `bin`, `van
/// der`) and curly apostrophes inside a name, a militia's leader named right after it, a
/// resolution by number, a state's army, a kind of region the 1996 training text never named.
///
/// What the span rules make is exact: every name comes out whole, as one span with exactly
/// its text, and nothing else is tagged inside or across it. Which type the tagger gives a
/// name it never saw varies with the training seed, so the labels are a floor: all but one
/// of the twelve right (a name beside a modifier such as `pro-Iran` may also be tagged, as
/// CoNLL tags `pro-Moscow` MISC).
#[test]
fn names_with_particles_and_modern_forms_come_out_whole() {
    let cases: [(&str, &[(&str, Label)]); 6] = [
        (
            "Head of the pro-Iran Asa’ib Ahl al-Haq Qais al-Khazali said on Monday that his movement was ready.",
            &[("Asa’ib Ahl al-Haq", Label::ORG), ("Qais al-Khazali", Label::PER)],
        ),
        (
            "Osama bin Laden’s son Hamza bin Laden was killed, officials said.",
            &[("Osama bin Laden", Label::PER), ("Hamza bin Laden", Label::PER)],
        ),
        (
            "Former Iraqi Prime Minister Nouri al-Maliki met the delegation in Baghdad.",
            &[
                ("Iraqi", Label::MISC),
                ("Nouri al-Maliki", Label::PER),
                ("Baghdad", Label::LOC),
            ],
        ),
        (
            "Dutch midfielder Rafael van der Vaart signed for Hamburg on Tuesday.",
            &[
                ("Dutch", Label::MISC),
                ("Rafael van der Vaart", Label::PER),
                ("Hamburg", Label::LOC),
            ],
        ),
        (
            "The Lebanese Army said it had deployed troops in the South Governorate.",
            &[("Lebanese Army", Label::ORG), ("South Governorate", Label::LOC)],
        ),
        (
            "Prime Minister Najib Mikati called for the implementation of UN Resolution 1701.",
            &[("Najib Mikati", Label::PER), ("UN", Label::ORG)],
        ),
    ];
    let mut mislabelled = Vec::new();
    for (text, want) in cases {
        let found: Vec<(String, Label)> = Recognizer::embedded()
            .annotate(text)
            .into_iter()
            .filter(|e| matches!(e.label, Label::PER | Label::ORG | Label::LOC | Label::MISC))
            .map(|e| (e.text, e.label))
            .collect();
        for &(name, label) in want {
            let same: Vec<&(String, Label)> = found.iter().filter(|(t, _)| t == name).collect();
            assert_eq!(
                same.len(),
                1,
                "{name:?} is not one whole name in {found:?} ({text:?})"
            );
            if same[0].1 != label {
                mislabelled.push((name, label, same[0].1));
            }
        }
        for (t, _) in &found {
            let inside_or_across = want
                .iter()
                .any(|(name, _)| t != name && (name.contains(t.as_str()) || t.contains(name)));
            assert!(
                !inside_or_across,
                "{t:?} cuts into a name of {want:?} ({text:?})"
            );
            assert!(
                want.iter().any(|(name, _)| name == t)
                    || ["pro-", "anti-", "ex-", "non-"]
                        .iter()
                        .any(|p| t.starts_with(p)),
                "{t:?} tagged, not a name of {want:?} ({text:?})"
            );
        }
    }
    assert!(
        mislabelled.len() <= 1,
        "labels (want, found): {mislabelled:?}"
    );
}

/// Every person, organisation and place of the seed sample, by hand (CoNLL conventions:
/// nationalities are MISC), in reading order per article, each mention once.
const SEED_NAMES: [&[(&str, Label)]; 2] = [
    &[
        // Title and caption.
        ("Iraqi", Label::MISC),
        ("Syria", Label::LOC),
        ("Lebanon", Label::LOC),
        ("Gaza", Label::LOC),
        ("Iraqis", Label::MISC),
        ("Baghdad", Label::LOC),
        ("Palestinians", Label::MISC),
        ("Reuters", Label::ORG),
        // Body.
        ("Iraqi", Label::MISC),
        ("Iran", Label::LOC),
        ("Syria", Label::LOC),
        ("Lebanon", Label::LOC),
        ("Israeli", Label::MISC),
        ("Gaza Strip", Label::LOC),
        ("Iraqi", Label::MISC),
        ("Asharq Al-Awsat", Label::ORG),
        ("Syria", Label::LOC),
        ("Lebanon", Label::LOC),
        ("Iraqi", Label::MISC),
        ("Iran", Label::LOC),
        ("Gaza", Label::LOC),
        ("Coordination Framework", Label::ORG),
        ("Iraq", Label::LOC),
        ("Gaza", Label::LOC),
        ("Syria", Label::LOC),
        ("Lebanon", Label::LOC),
        ("Iraq", Label::LOC),
        ("Iraqi", Label::MISC),
        ("Iranian", Label::MISC),
        ("Iraq", Label::LOC),
        ("Coordination Framework", Label::ORG),
        ("Iraqi", Label::MISC),
        ("American", Label::MISC),
        ("Israeli", Label::MISC),
        ("Iran", Label::LOC),
        ("Quds Force", Label::ORG),
        ("Mohammad Reza Fallahzadeh", Label::PER),
        ("Iranian", Label::MISC),
        ("Baghdad", Label::LOC),
        ("Mohammad Kazem Al Sadeq", Label::PER),
        ("Iraqi", Label::MISC),
        ("Nouri al-Maliki", Label::PER),
        ("Israel", Label::LOC),
        ("Palestinian", Label::MISC),
        ("Hamas", Label::ORG),
        ("Israel", Label::LOC),
        ("Radio Farda", Label::ORG),
        ("Quds Force", Label::ORG),
        ("Iran", Label::LOC),
        ("Asa'ib Ahl al-Haq", Label::ORG),
        ("Qais al-Khazali", Label::PER),
        ("Iraqi", Label::MISC),
        ("Palestinians", Label::MISC),
        ("Israelis", Label::MISC),
        ("Gaza", Label::LOC),
        ("Iran", Label::LOC),
    ],
    &[
        ("Mikati", Label::PER),
        ("Lebanon", Label::LOC),
        ("Najib Mikati", Label::PER),
        ("Tyre", Label::LOC),
        ("Asharq Al-Awsat", Label::ORG),
        ("Najib Mikati", Label::PER),
        ("Lebanon", Label::LOC),
        ("Israel", Label::LOC),
        ("Mikati", Label::PER),
        ("Tyre", Label::LOC),
        ("Lebanese Army", Label::ORG),
        ("Abbas Halabi", Label::PER),
        ("Lebanese", Label::MISC),
        ("UN", Label::ORG),
        ("Israel", Label::LOC),
        ("Lebanon", Label::LOC),
        ("Gaza", Label::LOC),
        ("UN", Label::ORG),
        ("Mikati", Label::PER),
        ("Lebanese", Label::MISC),
        ("Israeli", Label::MISC),
        ("Halabi", Label::PER),
        ("Israel", Label::LOC),
        ("Lebanese", Label::MISC),
        ("UN", Label::ORG),
        // CoNLL tags `the Internet` MISC (3 times of 3 in eng.train).
        ("Internet", Label::MISC),
        ("Israeli", Label::MISC),
        (
            "Educational Center for Research and Development",
            Label::ORG,
        ),
        ("South Governorate", Label::LOC),
    ],
];

/// The seed's names against the hand-written list: a floor of F1 0.95 (names with their label
/// and span), and no title-case headline word taken for a name.
///
/// A floor, not an exact list: the seed is one sample, and a tagger or rule chosen to get
/// exactly its 85 names right is chosen for one sample's strings. What the tagger learns is
/// judged over seeds on dev and WikiGold (models/README.md); this test says the seed still
/// reads well. (The committed model of 2026-12-06 finds 82 of the 85 and tags 87: F1 0.953;
/// its seeds' mean is 0.960.)
#[test]
fn the_seed_sample_names_its_people_organisations_and_places() {
    let c = collection(&[support::seed_path()]);
    assert_eq!(c.articles.len(), 2);
    let (mut found, mut right, mut wanted) = (0, 0, 0);
    for (article, expected) in c.articles.iter().zip(SEED_NAMES) {
        let blocks = article.blocks();
        let names: Vec<(&str, Label)> = blocks
            .flat_map(|b| &b.entities)
            .filter(|e| matches!(e.label, Label::PER | Label::ORG | Label::LOC | Label::MISC))
            .map(|e| (e.text.as_str(), e.label))
            .collect();
        for (text, _) in &names {
            for word in [
                "Wake",
                "Escalation",
                "Head",
                "Factions",
                "Leaders",
                "State",
                "War",
                "Resistance",
                "Government",
                "Duty",
                "Moreover",
            ] {
                assert!(
                    !text.split(' ').any(|w| w == word),
                    "{word:?} was taken for (part of) a name: {text:?}"
                );
            }
        }
        let mut remaining: Vec<(&str, Label)> = expected.to_vec();
        for name in &names {
            if let Some(i) = remaining.iter().position(|e| e == name) {
                remaining.swap_remove(i);
                right += 1;
            } else {
                eprintln!("tagged, not on the list: {name:?}");
            }
        }
        for name in &remaining {
            eprintln!("on the list, not tagged: {name:?}");
        }
        found += names.len();
        wanted += expected.len();
    }
    let (precision, recall) = (right as f64 / found as f64, right as f64 / wanted as f64);
    eprintln!(
        "seed names: {right} of {wanted} found, {found} tagged: P {precision:.3} R {recall:.3}"
    );
    let f1 = 2.0 * precision * recall / (precision + recall);
    assert!(
        f1 >= 0.95,
        "seed names: {right} of {wanted} found, {found} tagged (P {precision:.3} R {recall:.3} F1 {f1:.3}); see above"
    );
}

/// One person keeps one label through an article: a surname standing alone (in a headline in
/// capitals too) is the person its full name names elsewhere in the article, whatever the
/// tagger made of it alone (on its own it reads `Musk said` and `Macron said` at a line's
/// start as organisations).
#[test]
fn a_surname_alone_names_the_person_of_its_full_name_through_an_article() {
    for full in ["Xi Jinping", "Elon Musk", "Emmanuel Macron", "Javier Milei"] {
        let surname = full.rsplit(' ').next().unwrap();
        let blocks = [
            format!("{} SAYS TALKS WILL GO ON", surname.to_uppercase()),
            format!("{full} visited the plant on Monday."),
            format!(
                "{surname} said the deal would help Washington.\nLater {surname} met reporters \
                 in Paris, and {surname} smiled."
            ),
        ];
        let blocks: Vec<&str> = blocks.iter().map(String::as_str).collect();
        let entities = Recognizer::embedded().document(&blocks);
        let mentions: Vec<&folio::Entity> = entities
            .iter()
            .flatten()
            .filter(|e| e.text.eq_ignore_ascii_case(surname) || e.text == full)
            .collect();
        assert!(mentions.len() >= 4, "{full}: {entities:?}");
        for e in mentions {
            assert_eq!(e.label, Label::PER, "{full}: {e:?}");
        }
    }
}

/// Holidays are MISC, as CoNLL tags `Labour Day` and `Independence Day`: the tagger alone,
/// which never saw one outside Reuters' August of 1996, reads `Christmas` as a person and
/// `Diwali` as an organisation.
#[test]
fn holidays_are_misc() {
    let text = "Shoppers crowded the stores before Christmas, families travelled home for \
                Thanksgiving, and Hindus celebrated Diwali on Monday.";
    let found: Vec<(String, Label)> = Recognizer::embedded()
        .annotate(text)
        .into_iter()
        .map(|e| (e.text, e.label))
        .collect();
    for holiday in ["Christmas", "Thanksgiving", "Diwali"] {
        assert!(
            found.contains(&(holiday.to_owned(), Label::MISC)),
            "{holiday} in {found:?}"
        );
    }
}
