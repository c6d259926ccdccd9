//! The core's error: problems found in data files, each with its file, line and column.

use crate::diag::{self, Diagnostic, Sources};

/// Every problem found in the files read (a curriculum, an answers file, a plan file), with the
/// text of the files they point into so that each can be shown with its line.
#[derive(Debug, thiserror::Error)]
#[error("{} problem{} found", .diagnostics.len(), if .diagnostics.len() == 1 { "" } else { "s" })]
pub struct LoadError {
    pub diagnostics: Vec<Diagnostic>,
    pub sources: Sources,
}

impl LoadError {
    /// The problems, sorted by file, line and column, without repeats.
    pub fn new(mut diagnostics: Vec<Diagnostic>, sources: Sources) -> LoadError {
        diag::sort(&mut diagnostics);
        LoadError {
            diagnostics,
            sources,
        }
    }

    /// The problems as text without colour, each with its place and snippet.
    pub fn render(&self) -> String {
        diag::render(&self.diagnostics, &self.sources, &diag::Plain)
    }
}
