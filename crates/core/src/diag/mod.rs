//! Diagnostics about data files: a message, the file, line and column, a snippet of the line
//! and what to do. Every problem found in a run is collected and printed together.

use std::collections::BTreeMap;

mod render;
pub use render::{Paint, Plain, Role, render};

use crate::yaml::Pos;

#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file's display name.
    pub file: String,
    pub pos: Option<Pos>,
    pub message: String,
    /// A short text shown under the underlined part of the line.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    /// Other places that belong to the same problem (the other half of a duplicate, the hops of a
    /// cycle).
    pub notes: Vec<Note>,
    /// What kind of problem this is, for programs that act on it (a front end adding a hint
    /// that names its own options); `None` for most.
    pub code: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub file: String,
    pub pos: Option<Pos>,
    pub message: String,
}

impl Diagnostic {
    /// Whether this message, or one of its notes, points into the file of this name.
    pub fn points_into(&self, file: &str) -> bool {
        self.file == file || self.notes.iter().any(|n| n.file == file)
    }

    pub fn new(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            pos,
            message: message.into(),
            label: None,
            help: None,
            notes: Vec::new(),
            code: None,
        }
    }
    pub fn code(&mut self, code: &'static str) -> &mut Self {
        self.code = Some(code);
        self
    }
    pub fn label(&mut self, label: impl Into<String>) -> &mut Self {
        self.label = Some(label.into());
        self
    }
    pub fn help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
    pub fn note(&mut self, file: &str, pos: Option<Pos>, message: impl Into<String>) -> &mut Self {
        self.notes.push(Note {
            file: file.to_string(),
            pos,
            message: message.into(),
        });
        self
    }

    fn sort_key(&self) -> (String, u32, u32, String) {
        let (l, c) = self.pos.map_or((0, 0), |p| (p.line, p.col));
        (self.file.clone(), l, c, self.message.clone())
    }
}

/// The text of every file read, so that a diagnostic can show the line it points at.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    texts: BTreeMap<String, String>,
}

impl Sources {
    pub fn insert(&mut self, name: &str, text: &str) {
        self.texts.insert(name.to_string(), text.to_string());
    }
    /// One line of a file, without its line ending.
    pub fn line(&self, file: &str, line: u32) -> Option<&str> {
        let text = self.texts.get(file)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        text.split('\n')
            .nth(line.checked_sub(1)? as usize)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }
}

/// Sorts diagnostics by file, line and column and removes exact repeats, so output is stable.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by_key(Diagnostic::sort_key);
    diags.dedup();
}

/// Suggests the closest candidate to a misspelt name, if one is close enough.
pub fn did_you_mean<'a, I>(wrong: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(wrong, c);
        if score > 0.8 && best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let ids = ["numpy-arrays", "mpi4py-basics", "cython-basics"];
        assert_eq!(did_you_mean("numpy-array", ids), Some("numpy-arrays"));
        assert_eq!(did_you_mean("mpi4py-basic", ids), Some("mpi4py-basics"));
        assert_eq!(did_you_mean("quantum-chemistry", ids), None);
    }
}
