//! How a sentence's names are written token by token: BIO tags, and the spans they mark.
//!
//! The tagger reads and writes BIO tags (`B-PER I-PER O`), CoNLL-2003 is annotated with them,
//! and the rules that mend names (`names`) and find numbers (`numbers`) work on [`Span`]s of
//! tokens. This module is the one place both forms and the conversion between them live, so
//! that runtime code never depends on the reading and scoring of CoNLL files (`conll`, a
//! training-time module).

use crate::model::Label;

/// A token's tag in BIO form over the four CoNLL name types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Tag {
    /// Outside any name.
    O,
    /// The first token of a name.
    B(Label),
    /// A token inside a name, after its first.
    I(Label),
}

/// The name types CoNLL annotates, in tag-index order.
pub const TYPES: [Label; 4] = [Label::PER, Label::ORG, Label::LOC, Label::MISC];

/// Number of BIO tags: O and B/I for each type.
#[cfg(test)]
pub const TAGS: usize = 1 + 2 * TYPES.len();

impl Tag {
    /// Dense index in `0..TAGS`.
    pub fn index(self) -> usize {
        match self {
            Tag::O => 0,
            Tag::B(l) => 1 + 2 * type_index(l),
            Tag::I(l) => 2 + 2 * type_index(l),
        }
    }

    /// The tag with dense index `i`.
    pub fn from_index(i: usize) -> Tag {
        match i {
            0 => Tag::O,
            i if i % 2 == 1 => Tag::B(TYPES[(i - 1) / 2]),
            i => Tag::I(TYPES[(i - 2) / 2]),
        }
    }

    /// Whether `next` may follow `self` in well-formed BIO.
    pub fn allows(self, next: Tag) -> bool {
        match next {
            Tag::I(l) => matches!(self, Tag::B(p) | Tag::I(p) if p == l),
            _ => true,
        }
    }
}

/// The position of a name type in [`TYPES`].
///
/// # Panics
///
/// If `label` is not one of the four name types.
pub fn type_index(label: Label) -> usize {
    TYPES
        .iter()
        .position(|&t| t == label)
        .expect("a CoNLL name type")
}

/// A labelled run of a sentence's tokens: `start..end`, end exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The first token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// What the tokens name.
    pub label: Label,
}

impl Span {
    /// The span of tokens `start..end` labelled `label`.
    pub fn new(start: usize, end: usize, label: Label) -> Span {
        Span { start, end, label }
    }

    /// The tokens it covers.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }

    /// How many tokens it covers.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether it covers no token.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// The name spans of a BIO sequence. An `I-X` that does not continue an `X` starts a name,
/// as conlleval reads it.
pub fn spans(tags: &[Tag]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Label)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        match tag {
            Tag::I(l) if open.is_some_and(|(_, o)| o == l) => {}
            Tag::B(l) | Tag::I(l) => {
                if let Some((s, o)) = open.take() {
                    out.push(Span::new(s, i, o));
                }
                open = Some((i, l));
            }
            Tag::O => {
                if let Some((s, o)) = open.take() {
                    out.push(Span::new(s, i, o));
                }
            }
        }
    }
    if let Some((s, o)) = open {
        out.push(Span::new(s, tags.len(), o));
    }
    out
}

#[cfg(any(test, feature = "train"))]
/// The BIO tags of a sentence of `len` tokens with these disjoint spans: the inverse of
/// [`spans`], to score spans changed after tagging.
pub fn tags_of(spans: &[Span], len: usize) -> Vec<Tag> {
    let mut tags = vec![Tag::O; len];
    for span in spans {
        tags[span.start] = Tag::B(span.label);
        tags[span.start + 1..span.end]
            .iter_mut()
            .for_each(|t| *t = Tag::I(span.label));
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tag_indices_round_trip() {
        for i in 0..TAGS {
            assert_eq!(Tag::from_index(i).index(), i);
        }
        assert!(!Tag::O.allows(Tag::I(Label::PER)));
        assert!(Tag::B(Label::PER).allows(Tag::I(Label::PER)));
        assert!(!Tag::B(Label::ORG).allows(Tag::I(Label::PER)));
    }

    #[test]
    fn a_stray_inside_tag_starts_a_name() {
        use Label::*;
        let tags = [Tag::O, Tag::I(LOC), Tag::I(LOC), Tag::B(LOC), Tag::I(PER)];
        assert_eq!(
            spans(&tags),
            [
                Span::new(1, 3, LOC),
                Span::new(3, 4, LOC),
                Span::new(4, 5, PER)
            ]
        );
    }

    fn tag() -> impl Strategy<Value = Tag> {
        (0..TAGS).prop_map(Tag::from_index)
    }

    proptest! {
        /// Spans and tags are two writings of the same names: a well-formed sequence comes
        /// back as it was, and any sequence's spans are disjoint and in order.
        #[test]
        fn spans_and_tags_round_trip(tags in prop::collection::vec(tag(), 0..40)) {
            let found = spans(&tags);
            prop_assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
            prop_assert!(found.iter().all(|s| !s.is_empty() && s.end <= tags.len()));
            let written = tags_of(&found, tags.len());
            prop_assert_eq!(spans(&written), found);
            let well_formed = tags.iter().enumerate().all(|(i, t)| {
                !matches!(t, Tag::I(_)) || (i > 0 && tags[i - 1].allows(*t))
            });
            if well_formed {
                prop_assert_eq!(written, tags);
            }
        }
    }
}
