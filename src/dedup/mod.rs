//! Repetition, removed and accounted for: inside an article (the repeated header, a caption
//! printed twice, a copied paragraph) and across files (the same article in several files, or an
//! edited copy of it).
//!
//! Nothing is dropped silently. A line left out of an article goes to its `removed` list with
//! the reason and the file; an exact copy of an article adds its file to `sources`; an edited copy
//! is kept whole as a `variant`.
//!
//! Two concerns, a file each: `clean` takes the repetition out of one article (it sees only
//! that article's lines), `merge` joins articles across files in reading order (it sees the
//! collection so far, by exact key and by MinHash signature).

mod clean;
mod merge;

#[cfg(test)]
pub use clean::clean;
pub use clean::{clean_into, Clean};
pub(crate) use merge::{body_signature, exact_key};
pub use merge::{Merger, Outcome};

#[cfg(test)]
mod tests;
