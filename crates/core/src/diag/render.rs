//! Diagnostics printed the way rustc prints them: `error: …`, a `--> file:line:col` pointer,
//! a snippet of the line with the place underlined, notes and help.

use std::fmt::Write as _;

use crate::diag::{Diagnostic, Sources};
use crate::sanitize;
use crate::yaml::Pos;

/// The part of a message a piece of text plays, so that a front end can colour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The word `error`, and the marks under the place.
    Error,
    /// The message and the words `note` and `help`.
    Emphasis,
    /// Pointers, bars and line numbers.
    Gutter,
}

/// Colours text by its role; [`Plain`] leaves it as it is.
pub trait Paint {
    fn paint(&self, role: Role, text: &str) -> String;
}

/// No colour.
pub struct Plain;

impl Paint for Plain {
    fn paint(&self, _: Role, text: &str) -> String {
        text.to_string()
    }
}

/// Renders diagnostics as `error: …` blocks with a `--> file:line:col` pointer and a snippet.
pub fn render(diags: &[Diagnostic], sources: &Sources, paint: &dyn Paint) -> String {
    let mut out = String::new();
    for d in diags {
        render_one(&mut out, d, sources, paint);
        out.push('\n');
    }
    let n = diags.len();
    let _ = writeln!(
        out,
        "{}",
        paint.paint(
            Role::Emphasis,
            &format!(
                "{n} problem{} found; nothing was planned or written.",
                if n == 1 { "" } else { "s" }
            )
        )
    );
    out
}

fn location(file: &str, pos: Option<Pos>) -> String {
    match pos {
        Some(p) if p.line > 0 => format!("{}:{}:{}", sanitize::terminal(file), p.line, p.col),
        _ => sanitize::terminal(file).into_owned(),
    }
}

fn render_one(out: &mut String, d: &Diagnostic, sources: &Sources, paint: &dyn Paint) {
    let _ = writeln!(
        out,
        "{}{} {}",
        paint.paint(Role::Error, "error"),
        paint.paint(Role::Emphasis, ":"),
        paint.paint(Role::Emphasis, &sanitize::terminal(&d.message))
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
            paint.paint(Role::Gutter, "-->"),
            location(&d.file, d.pos)
        );
    }
    if let Some(p) = d.pos {
        snippet(
            out,
            sources,
            &d.file,
            p,
            d.label.as_deref(),
            gutter_width,
            paint,
        );
    }
    for n in &d.notes {
        let _ = writeln!(
            out,
            "{pad} {} {}: {}",
            paint.paint(Role::Gutter, "="),
            paint.paint(Role::Emphasis, "note"),
            sanitize::terminal(&n.message)
        );
        let _ = writeln!(
            out,
            "{pad}{} {}",
            paint.paint(Role::Gutter, "-->"),
            location(&n.file, n.pos)
        );
        if let Some(p) = n.pos {
            snippet(out, sources, &n.file, p, None, gutter_width, paint);
        }
    }
    if let Some(h) = &d.help {
        let _ = writeln!(
            out,
            "{pad} {} {}: {}",
            paint.paint(Role::Gutter, "="),
            paint.paint(Role::Emphasis, "help"),
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
    paint: &dyn Paint,
) {
    let Some(line) = sources.line(file, pos.line) else {
        return;
    };
    let pad = " ".repeat(gutter_width);
    let bar = paint.paint(Role::Gutter, "|");
    let chars: Vec<char> = line.chars().collect();
    let col = (pos.col.max(1) as usize - 1).min(chars.len());
    // Cut very long lines to a window around the column.
    let start = col.saturating_sub(MAX_SNIPPET / 2);
    let end = (start + MAX_SNIPPET).min(chars.len());
    let shown: String = chars[start..end].iter().collect();
    let shown = sanitize::terminal(&shown).into_owned();
    let prefix: String = chars[start..col].iter().collect();
    let indent = unicode_width::UnicodeWidthStr::width(sanitize::terminal(&prefix).as_ref());
    let width = token_width(&chars[col..end]).max(1);
    let _ = writeln!(out, "{pad} {bar}");
    let _ = writeln!(
        out,
        "{} {bar} {}{shown}{}",
        paint.paint(Role::Gutter, &format!("{:>gutter_width$}", pos.line)),
        if start > 0 { "…" } else { "" },
        if end < chars.len() { "…" } else { "" }
    );
    let marks = "^".repeat(width);
    let _ = writeln!(
        out,
        "{pad} {bar} {}{}{}",
        " ".repeat(indent + usize::from(start > 0)),
        paint.paint(Role::Error, &marks),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_pointer_snippet_and_help() {
        let mut sources = Sources::default();
        sources.insert("t.yaml", "topics:\n  - id: a\n    requires: [numpi]\n");
        let mut d = Diagnostic::new(
            "t.yaml",
            Some(Pos { line: 3, col: 16 }),
            "unknown topic `numpi`",
        );
        d.label("not a topic").help("did you mean `numpy`?");
        let text = render(&[d], &sources, &Plain);
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
