//! What each file gave: the articles first found in it, the copies of other articles it held
//! (exact ones merged, edited ones kept as variants), and the lines left out of its articles,
//! by reason: a dump's quality at a glance. One pass over the articles' sources, variants and
//! removed lines, each looked up by file name.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::Source;
use crate::dates::file_of_source;
use crate::model::Reason;

/// One file's bar.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileBar {
    /// The file's name, as given.
    pub name: String,
    /// Articles first found in it.
    pub kept: usize,
    /// Copies of articles read before (exact copies merged and edited ones kept as variants).
    pub merged: usize,
    /// Lines removed because the article already had them.
    pub repeated_line: usize,
    /// Titles and captions printed again before the body.
    pub repeated_header: usize,
    /// Ruled lines between articles.
    pub separator: usize,
    /// Whether the file could not be read.
    pub failed: bool,
}

/// Every file's bar, in the order the files were given.
pub fn bars(source: Source<'_>) -> Vec<FileBar> {
    let mut bars: Vec<FileBar> = source
        .files
        .iter()
        .map(|f| FileBar {
            name: f.name.clone(),
            kept: f.articles,
            merged: 0,
            repeated_line: 0,
            repeated_header: 0,
            separator: 0,
            failed: f.error.is_some(),
        })
        .collect();
    // A name given twice is counted on its last row, the one its articles came from.
    let at: FxHashMap<&str, usize> = source
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.name.as_str(), i))
        .collect();
    for article in source.articles {
        for variant in &article.variants {
            if let Some(&i) = at.get(file_of_source(&variant.source)) {
                bars[i].merged += 1;
            }
        }
        for removed in &article.removed {
            let Some(&i) = at.get(file_of_source(&removed.source)) else {
                continue;
            };
            let bar = &mut bars[i];
            match removed.reason {
                Reason::DuplicateArticle => bar.merged += 1,
                Reason::RepeatedLine => bar.repeated_line += 1,
                Reason::RepeatedHeader => bar.repeated_header += 1,
                Reason::Separator => bar.separator += 1,
            }
        }
    }
    bars
}
