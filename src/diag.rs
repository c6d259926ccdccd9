//! Diagnostics about data files: a message, the file, line and column, a snippet of the line
//! and what to do. Every problem found in a run is collected and printed together.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use console::style;

use crate::sanitize;
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
        }
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
    fn line(&self, file: &str, line: u32) -> Option<&str> {
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

/// Renders diagnostics as `error: …` blocks with a `--> file:line:col` pointer and a snippet.
pub fn render(diags: &[Diagnostic], sources: &Sources) -> String {
    let mut out = String::new();
    for d in diags {
        render_one(&mut out, d, sources);
        out.push('\n');
    }
    let n = diags.len();
    let _ = writeln!(
        out,
        "{}",
        style(format!(
            "{n} problem{} found; nothing was planned or written.",
            if n == 1 { "" } else { "s" }
        ))
        .for_stderr()
        .bold()
    );
    out
}

fn location(file: &str, pos: Option<Pos>) -> String {
    match pos {
        Some(p) if p.line > 0 => format!("{}:{}:{}", sanitize::terminal(file), p.line, p.col),
        _ => sanitize::terminal(file).into_owned(),
    }
}

fn render_one(out: &mut String, d: &Diagnostic, sources: &Sources) {
    let _ = writeln!(
        out,
        "{}{} {}",
        style("error").for_stderr().red().bold(),
        style(":").for_stderr().bold(),
        style(sanitize::terminal(&d.message)).for_stderr().bold()
    );
    let gutter_width = d.pos.map_or(1, |p| p.line.to_string().len()).max(
        d.notes
            .iter()
            .filter_map(|n| n.pos)
            .map(|p| p.line.to_string().len())
            .max()
            .unwrap_or(1),
    );
    let pad = " ".repeat(gutter_width);
    if !d.file.is_empty() {
        let _ = writeln!(
            out,
            "{pad}{} {}",
            style("-->").for_stderr().blue().bold(),
            location(&d.file, d.pos)
        );
    }
    if let Some(p) = d.pos {
        snippet(out, sources, &d.file, p, d.label.as_deref(), gutter_width);
    }
    for n in &d.notes {
        let _ = writeln!(
            out,
            "{pad} {} {}: {}",
            style("=").for_stderr().blue().bold(),
            style("note").for_stderr().bold(),
            sanitize::terminal(&n.message)
        );
        let _ = writeln!(
            out,
            "{pad}{} {}",
            style("-->").for_stderr().blue().bold(),
            location(&n.file, n.pos)
        );
        if let Some(p) = n.pos {
            snippet(out, sources, &n.file, p, None, gutter_width);
        }
    }
    if let Some(h) = &d.help {
        let _ = writeln!(
            out,
            "{pad} {} {}: {}",
            style("=").for_stderr().blue().bold(),
            style("help").for_stderr().bold(),
            sanitize::terminal(h)
        );
    }
}

/// The longest line shown in a snippet; longer lines are cut around the column.
const MAX_SNIPPET: usize = 120;

fn snippet(
    out: &mut String,
    sources: &Sources,
    file: &str,
    pos: Pos,
    label: Option<&str>,
    gutter_width: usize,
) {
    let Some(line) = sources.line(file, pos.line) else {
        return;
    };
    let pad = " ".repeat(gutter_width);
    let bar = style("|").for_stderr().blue().bold();
    let chars: Vec<char> = line.chars().collect();
    let col = (pos.col.max(1) as usize - 1).min(chars.len());
    // Cut very long lines to a window around the column.
    let start = col.saturating_sub(MAX_SNIPPET / 2);
    let end = (start + MAX_SNIPPET).min(chars.len());
    let shown: String = chars[start..end].iter().collect();
    let shown = sanitize::terminal(&shown).into_owned();
    let prefix: String = chars[start..col].iter().collect();
    let indent = console::measure_text_width(&sanitize::terminal(&prefix));
    let width = token_width(&chars[col..end]).max(1);
    let _ = writeln!(out, "{pad} {bar}");
    let _ = writeln!(
        out,
        "{} {bar} {}{shown}{}",
        style(format!("{:>gutter_width$}", pos.line))
            .for_stderr()
            .blue()
            .bold(),
        if start > 0 { "…" } else { "" },
        if end < chars.len() { "…" } else { "" }
    );
    let marks = "^".repeat(width);
    let _ = writeln!(
        out,
        "{pad} {bar} {}{}{}",
        " ".repeat(indent + usize::from(start > 0)),
        style(marks).for_stderr().red().bold(),
        label.map_or(String::new(), |l| format!(" {}", sanitize::terminal(l)))
    );
}

/// The width of the token that starts a slice of a line: a quoted string, or a run up to the
/// next YAML delimiter.
fn token_width(rest: &[char]) -> usize {
    match rest.first() {
        Some(&q @ ('"' | '\'')) => rest[1..]
            .iter()
            .position(|&c| c == q)
            .map_or(rest.len(), |i| i + 2),
        Some(_) => rest
            .iter()
            .position(|&c| matches!(c, ',' | ']' | '}' | '#'))
            .unwrap_or(rest.len())
            .max(1),
        None => 1,
    }
    .min(80)
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

    #[test]
    fn renders_pointer_snippet_and_help() {
        console::set_colors_enabled_stderr(false);
        let mut sources = Sources::default();
        sources.insert("t.yaml", "topics:\n  - id: a\n    requires: [numpi]\n");
        let mut d = Diagnostic::new(
            "t.yaml",
            Some(Pos { line: 3, col: 16 }),
            "unknown topic `numpi`",
        );
        d.label("not a topic").help("did you mean `numpy`?");
        let text = render(&[d], &sources);
        assert!(text.contains("error: unknown topic `numpi`"), "{text}");
        assert!(text.contains(" --> t.yaml:3:16"), "{text}");
        assert!(text.contains("3 |     requires: [numpi]"), "{text}");
        assert!(
            text.contains("  |                ^^^^^ not a topic"),
            "{text}"
        );
        assert!(text.contains("= help: did you mean `numpy`?"), "{text}");
    }
}
