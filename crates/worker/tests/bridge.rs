//! Every message the page and its worker exchange comes back from the bridge's codec (bincode,
//! which is not self-describing) exactly as it went: a field skipped when empty, say, would
//! make the other side misread everything after it. Natively, on the seed and the repository's
//! dumps, with the model.

use folio::{ExportFormat, Request, Response, Session};
use serde::{de::DeserializeOwned, Serialize};

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(message: &T) {
    let bytes = bincode::serialize(message).expect("serialises");
    let back: T = bincode::deserialize(&bytes).expect("deserialises");
    assert_eq!(&back, message);
}

#[test]
fn every_message_survives_the_bridge() {
    let files: [(&str, &[u8]); 4] = [
        (
            "seed.txt",
            include_bytes!("../../../assets/seed-sample.txt"),
        ),
        (
            "01-seed.txt",
            include_bytes!("../../../tests/data/dumps/01-seed.txt"),
        ),
        (
            "05-latin1.txt",
            include_bytes!("../../../tests/data/dumps/05-latin1.txt"),
        ),
        // No headline, a reference: a derived title and a counted reference.
        (
            "untitled.txt",
            b"the figures were revised on Tuesday &amp; again on Friday. More.\n",
        ),
    ];
    let mut session = Session::new();
    let mut requests = vec![Request::Model(
        include_bytes!("../../../models/ner.bin").to_vec(),
    )];
    for (name, bytes) in files {
        requests.push(Request::File {
            name: name.into(),
            bytes: bytes.to_vec(),
        });
    }
    requests.extend([
        Request::Refresh,
        Request::Export {
            format: ExportFormat::Json,
            only: Some(vec![0, 1]),
        },
        Request::Annotate(vec!["Najib Mikati visited Tyre.".into()]),
    ]);
    let mut derived = false;
    for request in requests {
        round_trip(&request);
        let response = session.handle(request);
        if let Response::File { update, .. } = &response {
            derived |= update.articles.iter().any(|(_, a)| a.title_derived);
        }
        round_trip(&response);
        if let Some(tagged) = session.tag_pending() {
            round_trip(&tagged);
        }
    }
    assert!(
        derived,
        "an article with a derived title went over the bridge"
    );
}
