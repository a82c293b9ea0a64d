//! The session as a front end meets it: files stream as updates, the model tags what came
//! before, exports equal the batch output, a pool of taggers gives the same collection.
use super::*;

fn seed() -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/seed-sample.txt"))
        .unwrap()
}

/// Asserts that the session's JSON export is the batch output of `files`, byte for byte.
fn assert_exports_the_batch(s: &mut Session, files: &[(&str, Vec<u8>)]) {
    let Response::Exported { text, .. } = s.handle(Request::Export {
        format: ExportFormat::Json,
        only: None,
    }) else {
        panic!("an export answers with the file")
    };
    let batch = crate::builder::process(
        files.iter().map(|(n, b)| ((*n).to_owned(), b.clone())),
        &Options::default(),
    );
    assert_eq!(text, serde_json::to_string(&batch).unwrap() + "\n");
}

/// The articles as a front end holds them: every update it was sent, applied in order.
#[derive(Default)]
struct Mirror(Vec<std::rc::Rc<Article>>);

impl Mirror {
    fn take(&mut self, response: Response) -> Response {
        let mut response = response;
        if let Response::File { update, .. }
        | Response::Tagged(update)
        | Response::ModelReady(update) = &mut response
        {
            let sent = update.clone();
            update.apply_to(&mut self.0);
            *update = sent;
        }
        response
    }

    /// Asserts that it holds the session's articles, entities and all.
    fn assert_holds(&self, s: &Session) {
        let held: Vec<&Article> = self.0.iter().map(|a| &**a).collect();
        let want: Vec<&Article> = s.articles.iter().collect();
        assert_eq!(held, want);
        assert!(held
            .iter()
            .any(|a| !a.title.entities.is_empty()
                || a.paragraphs.iter().any(|p| !p.entities.is_empty())));
    }
}

/// Whole articles once, then their entities alone: a front end that applies every update
/// holds exactly the session's articles, copies merged and variants added before and after
/// the model came.
#[test]
fn a_front_end_applying_the_updates_holds_the_sessions_articles() {
    let mut s = Session::new();
    let mut mirror = Mirror::default();
    let edited = String::from_utf8(seed())
        .unwrap()
        .replace("Mikati said", "Mikati, speaking in Beirut on Sunday, said");
    let before = [
        ("one.txt", seed()),
        ("edited.txt", edited.clone().into_bytes()),
    ];
    for (name, bytes) in before {
        mirror.take(s.handle(Request::File {
            name: name.into(),
            bytes,
        }));
    }
    mirror.take(s.handle(Request::Model(crate::entities::EMBEDDED_MODEL.to_vec())));
    let after = [
        (
            "other.txt",
            b"Blair wins\n\nTony Blair won. Blair spoke.\n".to_vec(),
        ),
        ("copy.txt", seed()),
        (
            "edited-again.txt",
            edited.replace("Beirut", "Tripoli").into_bytes(),
        ),
    ];
    for (name, bytes) in after {
        mirror.take(s.handle(Request::File {
            name: name.into(),
            bytes,
        }));
        while let Some(tagged) = s.tag_pending() {
            let Response::Tagged(update) = &tagged else {
                panic!()
            };
            assert!(
                update.articles.is_empty(),
                "entities travel without their text"
            );
            mirror.take(tagged);
        }
    }
    mirror.assert_holds(&s);
}

#[test]
fn files_stream_as_updates_and_the_model_tags_what_came_before() {
    let mut s = Session::new();
    let Response::File { files, update, .. } = s.handle(Request::File {
        name: "seed.txt".into(),
        bytes: seed(),
    }) else {
        panic!("a file gets a file response")
    };
    assert_eq!(files.len(), 1);
    assert_eq!((files[0].lines, files[0].articles), (67, 2));
    assert_eq!(update.articles.len(), 2);
    assert!(
        update.articles[0].1.title.entities.is_empty(),
        "no model yet"
    );
    // The same file again: one touched article each, nothing new.
    let Response::File { update: again, .. } = s.handle(Request::File {
        name: "copy.txt".into(),
        bytes: seed(),
    }) else {
        panic!()
    };
    assert_eq!(again.stats.articles, 2);
    assert_eq!(again.stats.duplicate_articles, 2);
    assert!(again.articles.iter().all(|(_, a)| a.sources.len() == 2));
    let Response::ModelReady(tagged) =
        s.handle(Request::Model(crate::entities::EMBEDDED_MODEL.to_vec()))
    else {
        panic!("the model loads")
    };
    assert_eq!(tagged.articles.len(), 2);
    let index = tagged.entities.expect("the index comes with the model");
    assert!(index.iter().any(|e| e.name == "Najib Mikati"));
    assert!(tagged.stats.entities > 0);
    // With the model in, a file's articles come at once and their entities right after.
    let Response::File { update: third, .. } = s.handle(Request::File {
        name: "again.txt".into(),
        bytes: seed(),
    }) else {
        panic!()
    };
    assert!(
        third
            .articles
            .iter()
            .all(|(_, a)| !a.title.entities.is_empty()),
        "a merged copy keeps the tags it had"
    );
    let Some(Response::Tagged(done)) = s.tag_pending() else {
        panic!("the touched articles are tagged")
    };
    assert_eq!((done.articles.len(), done.tagged.len()), (0, 2));
    assert!(s.tag_pending().is_none());
    let Response::Mentioning { articles, .. } = s.handle(Request::Mentioning {
        name: "Najib Mikati".into(),
        label: Label::PER,
    }) else {
        panic!()
    };
    assert_eq!(articles, [1]);
}

#[test]
fn refused_files_and_bad_models_are_answered_not_fatal() {
    let mut s = Session::new();
    let Response::File { files, update, .. } = s.handle(Request::File {
        name: "photo.png".into(),
        bytes: b"\x89PNG\r\n\x1a\n\0\0".to_vec(),
    }) else {
        panic!()
    };
    assert!(files[0].error.as_deref().unwrap().contains("photo.png"));
    assert!(update.articles.is_empty());
    assert!(matches!(
        s.handle(Request::Model(b"not a model".to_vec())),
        Response::ModelFailed(_)
    ));
    assert!(matches!(s.handle(Request::Clear), Response::Cleared));
}

#[test]
fn the_json_export_is_the_batch_output() {
    // A file before the model, the model, the same file again (its articles tagged a
    // second time), another: the index taken back and given again equals the batch's.
    let mut s = Session::new();
    let files = [
        ("first.txt", seed()),
        ("seed.txt", seed()),
        (
            "other.txt",
            b"Blair wins\n\nTony Blair won. Blair spoke.\n".to_vec(),
        ),
    ];
    s.handle(Request::File {
        name: files[0].0.into(),
        bytes: files[0].1.clone(),
    });
    s.handle(Request::Model(crate::entities::EMBEDDED_MODEL.to_vec()));
    for (name, bytes) in &files[1..] {
        s.handle(Request::File {
            name: (*name).into(),
            bytes: bytes.clone(),
        });
    }
    assert_exports_the_batch(&mut s, &files);
    let Response::Exported { text, .. } = s.handle(Request::Export {
        format: ExportFormat::Markdown,
        only: Some(vec![1]),
    }) else {
        panic!()
    };
    assert!(text.contains("Mikati") && !text.contains("Leaders of Iraqi"));
}

/// A folder of many small files: the index is rebuilt, and sent, only as the collection
/// grows by a quarter, so the work and the answers grow with the files, not their square.
#[test]
fn many_small_files_send_the_index_only_when_it_changed() {
    let mut s = Session::new();
    s.handle(Request::Model(crate::entities::EMBEDDED_MODEL.to_vec()));
    let files = 1_000;
    let mut sent = 0;
    for i in 0..files {
        let text =
            format!("Report {i} from Paris\n\nJohn Smith{i} met the council of Lyon on day {i}.\n");
        let mut answers = vec![s.handle(Request::File {
            name: format!("{i}.txt"),
            bytes: text.into_bytes(),
        })];
        answers.extend(s.tag_pending());
        for answer in answers {
            if let Response::File { update: u, .. } | Response::Tagged(u) = answer {
                sent += usize::from(u.entities.is_some());
            }
        }
    }
    // Every file up to RESEND_ALWAYS, then each quarter's growth: about 20 more.
    assert!(
        sent <= RESEND_ALWAYS + 25,
        "the index was sent {sent} times"
    );
    let Response::Tagged(last) = s.handle(Request::Refresh) else {
        panic!()
    };
    let index = last.entities.expect("a refresh sends the index");
    assert_eq!(last.stats.articles, files);
    assert!(index
        .iter()
        .any(|e| e.name == "Paris" && e.mentions == files));
}

/// A coordinator with a pool of taggers, answers arriving late and out of order, a copy
/// changing an article while its first version is being tagged: the export is the batch
/// output, as with no pool.
#[test]
fn a_pool_of_taggers_gives_the_batch_output() {
    let model = crate::entities::EMBEDDED_MODEL.to_vec();
    let mut coordinator = Session::new();
    let mut tagger = Session::new();
    coordinator.handle(Request::Delegate);
    coordinator.handle(Request::Model(model.clone()));
    tagger.handle(Request::Model(model));
    let edited = String::from_utf8(seed())
        .unwrap()
        .replace("Mikati said", "Mikati, speaking in Beirut on Sunday, said");
    let files = [
        ("one.txt", seed()),
        (
            "other.txt",
            b"Blair wins\n\nTony Blair won. Blair spoke.\n".to_vec(),
        ),
        ("copy.txt", seed()),
        ("edited.txt", edited.into_bytes()),
    ];
    let mut in_flight: Vec<Vec<ToTag>> = Vec::new();
    let mut mirror = Mirror::default();
    for (n, (name, bytes)) in files.iter().enumerate() {
        let Response::File { update, .. } = mirror.take(coordinator.handle(Request::File {
            name: (*name).into(),
            bytes: bytes.clone(),
        })) else {
            panic!("a file is answered")
        };
        // What waits for its entities is counted once, whether it is out or not yet sent.
        assert!(update.waiting >= update.articles.len(), "{name}");
        assert!(update.waiting <= coordinator.articles.len(), "{name}");
        // A file's few articles wait for a fuller batch, until the front end says its files
        // are all sent.
        assert!(coordinator.tag_pending().is_none());
        mirror.take(coordinator.handle(Request::Refresh));
        match coordinator.tag_pending() {
            Some(Response::ToTag(batch)) => in_flight.push(batch),
            other => panic!("a delegating session hands its articles on: {other:?}"),
        }
        // Every other file, the oldest batch comes back (the first one only after the copy
        // and the edit changed its articles: its answers are stale and left out).
        if n % 2 == 1 && in_flight.len() > 1 {
            let batch = in_flight.remove(1);
            let Response::TaggedArticles(tagged) = tagger.handle(Request::Tag(batch)) else {
                panic!()
            };
            mirror.take(coordinator.handle(Request::Tagged(tagged)));
        }
    }
    let mut waiting = Vec::new();
    for batch in in_flight.into_iter().rev() {
        let Response::TaggedArticles(tagged) = tagger.handle(Request::Tag(batch)) else {
            panic!()
        };
        let Response::Tagged(update) = mirror.take(coordinator.handle(Request::Tagged(tagged)))
        else {
            panic!("the pool's answer is taken in")
        };
        waiting.push(update.waiting);
    }
    mirror.assert_holds(&coordinator);
    // The count falls to nothing as the answers come.
    assert_eq!(waiting.last(), Some(&0), "{waiting:?}");
    assert!(waiting.windows(2).all(|w| w[0] >= w[1]), "{waiting:?}");
    assert!(coordinator.untagged.is_empty() && coordinator.awaiting.is_empty());
    assert_exports_the_batch(&mut coordinator, &files);
    // Stale answers were left out, and the articles they named were tagged by a later one.
    assert!(coordinator.next_version > coordinator.articles.len() as u64);
}

/// An export while the pool still works tags what waits itself.
#[test]
fn an_export_does_not_wait_for_the_pool() {
    let mut s = Session::new();
    s.handle(Request::Delegate);
    s.handle(Request::Model(crate::entities::EMBEDDED_MODEL.to_vec()));
    s.handle(Request::File {
        name: "seed.txt".into(),
        bytes: seed(),
    });
    assert!(
        s.tag_pending().is_none(),
        "two articles wait for a fuller batch"
    );
    s.handle(Request::Refresh);
    assert!(matches!(s.tag_pending(), Some(Response::ToTag(b)) if b.len() == 2));
    assert_exports_the_batch(&mut s, &[("seed.txt", seed())]);
}
