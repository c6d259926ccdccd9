//! Diagnostics about data files: a message, the file, line and column, a snippet of the line
//! and what to do. Every problem found in a run is collected and printed together.

use std::collections::BTreeMap;

mod render;
mod suggest;
pub use render::{Paint, Plain, Role, count, render, render_ending, render_first, summary};
pub use suggest::{Suggester, did_you_mean};

use crate::yaml::Pos;

/// Codes of the common diagnostics. When there are too many problems to show, the others are
/// counted by code; front ends may also act on them.
pub mod codes {
    pub const UNKNOWN_AREA: &str = "unknown-area";
    pub const UNKNOWN_TOPIC: &str = "unknown-topic";
    pub const UNKNOWN_RESOURCE: &str = "unknown-resource";
    pub const UNKNOWN_AUDIENCE: &str = "unknown-audience";
    pub const DUPLICATE_ID: &str = "duplicate-id";
    pub const REQUIRES_ITSELF: &str = "requires-itself";
    pub const CYCLE: &str = "prerequisite-cycle";
    pub const OWN_SUCCESSOR: &str = "own-successor";
    pub const BAD_QUESTION: &str = "bad-question";
    pub const UNKNOWN_QUESTION: &str = "unknown-question";
    pub const INVALID_ANSWER: &str = "invalid-answer";
    pub const QUESTION_ID_NOT_TEXT: &str = "question-id-not-text";

    /// Warnings: cosmetic flaws that leave the data usable.
    pub const EMPTY_TEXT: &str = "empty-text";
    pub const SPACES_AROUND_LINK: &str = "spaces-around-link";
    pub const NEEDLESS_EXCLUSIVE: &str = "needless-exclusive";
    /// Every warning's code: a stored warning's code is one of these.
    pub const WARNINGS: &[&str] = &[EMPTY_TEXT, SPACES_AROUND_LINK, NEEDLESS_EXCLUSIVE];
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Severity {
    /// The data cannot be used as it is: nothing is planned.
    #[default]
    Error,
    /// A cosmetic flaw: the data is used, with the fallback the message names.
    Warning,
}

/// Names quoted and joined for a message (`` `a`, `b` and `c` ``), at most `max` of them: a
/// message lists a few, not forty thousand.
pub fn list_some(names: &[&str], max: usize) -> String {
    let quote = |n: &&str| format!("`{n}`");
    match names.len() {
        0 => String::new(),
        1 => quote(&names[0]),
        n if n <= max => format!(
            "{} and {}",
            names[..n - 1]
                .iter()
                .map(quote)
                .collect::<Vec<_>>()
                .join(", "),
            quote(&names[n - 1])
        ),
        n => format!(
            "{} and {} more",
            names[..max]
                .iter()
                .map(quote)
                .collect::<Vec<_>>()
                .join(", "),
            n - max
        ),
    }
}

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
    pub severity: Severity,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub file: String,
    pub pos: Option<Pos>,
    pub message: String,
}

impl Diagnostic {
    pub fn new(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_string(),
            pos,
            message: message.into(),
            label: None,
            help: None,
            notes: Vec::new(),
            code: None,
            severity: Severity::Error,
        }
    }
    /// A warning: a flaw that leaves the data usable.
    pub fn warning(file: &str, pos: Option<Pos>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::new(file, pos, message)
        }
    }
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
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

    /// The order messages are shown in: by file, line, column, then message.
    fn order(&self, other: &Diagnostic) -> std::cmp::Ordering {
        let place = |d: &Diagnostic| d.pos.map_or((0, 0), |p| (p.line, p.col));
        self.file
            .cmp(&other.file)
            .then_with(|| place(self).cmp(&place(other)))
            .then_with(|| self.message.cmp(&other.message))
    }
}

/// The text of every file read, so that a diagnostic can show the line it points at.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    texts: BTreeMap<String, Text>,
}

/// A file's text and where each of its lines starts, found once: showing the line of each of
/// a hundred thousand messages must not scan the file from its start each time.
#[derive(Debug, Clone)]
struct Text {
    text: String,
    /// The byte offset of the start of each line after the first, in `text` without its byte
    /// order mark; empty when the text is too large for 32-bit offsets (lines are then found by
    /// scanning).
    starts: Vec<u32>,
    /// Whether the text is all ASCII, so that a column is also a byte offset.
    ascii: bool,
}

impl Sources {
    pub fn insert(&mut self, name: &str, text: &str) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let starts = if u32::try_from(text.len()).is_ok() {
            memchr::memchr_iter(b'\n', text.as_bytes())
                .map(|i| (i + 1) as u32)
                .collect()
        } else {
            Vec::new()
        };
        self.texts.insert(
            name.to_string(),
            Text {
                text: text.to_string(),
                starts,
                ascii: text.is_ascii(),
            },
        );
    }

    /// One line of a file, without its line ending.
    pub fn line(&self, file: &str, line: u32) -> Option<&str> {
        let Text { text, starts, .. } = self.texts.get(file)?;
        let k = line.checked_sub(1)? as usize;
        let line = if starts.is_empty() && u32::try_from(text.len()).is_err() {
            text.split('\n').nth(k)?
        } else {
            let start = if k == 0 {
                0
            } else {
                *starts.get(k - 1)? as usize
            };
            let end = starts.get(k).map_or(text.len(), |&e| e as usize - 1);
            &text[start..end]
        };
        Some(line.strip_suffix('\r').unwrap_or(line))
    }

    /// Whether a file's text is all ASCII (its columns are byte offsets).
    fn is_ascii(&self, file: &str) -> bool {
        self.texts.get(file).is_some_and(|t| t.ascii)
    }
}

/// Sorts diagnostics by file, line and column and removes exact repeats, so output is stable.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(Diagnostic::order);
    diags.dedup();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_cut() {
        assert_eq!(list_some(&[], 3), "");
        assert_eq!(list_some(&["a"], 3), "`a`");
        assert_eq!(list_some(&["a", "b", "c"], 3), "`a`, `b` and `c`");
        assert_eq!(
            list_some(&["a", "b", "c", "d", "e"], 3),
            "`a`, `b`, `c` and 2 more"
        );
    }

    #[test]
    fn lines_are_found_by_number() {
        let mut s = Sources::default();
        s.insert("a", "\u{feff}one\r\ntwo\n\nfour");
        s.insert("b", "");
        s.insert("c", "x\n");
        assert_eq!(s.line("a", 1), Some("one"));
        assert_eq!(s.line("a", 2), Some("two"));
        assert_eq!(s.line("a", 3), Some(""));
        assert_eq!(s.line("a", 4), Some("four"));
        assert_eq!(s.line("a", 5), None);
        assert_eq!(s.line("a", 0), None);
        assert_eq!(s.line("b", 1), Some(""));
        assert_eq!(s.line("b", 2), None);
        assert_eq!(s.line("c", 1), Some("x"));
        assert_eq!(s.line("c", 2), Some(""));
        assert_eq!(s.line("c", 3), None);
        assert_eq!(s.line("d", 1), None);
    }
}
