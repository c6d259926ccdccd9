//! Diagnostics printed the way rustc prints them: `error: …`, a `--> file:line:col` pointer,
//! a snippet of the line with the place underlined, notes and help.

use std::fmt::Write as _;

use crate::diag::{Diagnostic, Severity, Sources};
use crate::sanitize;
use crate::yaml::Pos;

/// The part of a message a piece of text plays, so that a front end can colour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The word `error`, and the marks under the place.
    Error,
    /// The word `warning`, and the marks under the place of a warning.
    Warning,
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
    render_first(diags, sources, paint, usize::MAX, "", "")
}

/// Renders the first `shown` diagnostics in full, then counts the others by kind (their code,
/// or the shape of their message), then `hint` as help: thousands of messages are read by no
/// one, but the count of each kind says what went wrong. The last line counts the problems and
/// adds `closing`, what the command did not do because of them ("nothing was written"), if any
/// (see [`summary`]).
pub fn render_first(
    diags: &[Diagnostic],
    sources: &Sources,
    paint: &dyn Paint,
    shown: usize,
    hint: &str,
    closing: &str,
) -> String {
    render_ending(diags, sources, paint, shown, hint, &summary(diags, closing))
}

/// The last line of a report of problems that stopped the run: "2 problems found; nothing was
/// written.", naming errors and warnings apart when there are both, with `closing` if any.
pub fn summary(diags: &[Diagnostic], closing: &str) -> String {
    let warnings = diags.iter().filter(|d| d.is_warning()).count();
    let errors = diags.len() - warnings;
    let found = match (errors, warnings) {
        (n, 0) => count(n, "problem"),
        (0, w) => count(w, "warning"),
        (e, w) => format!("{} and {}", count(e, "error"), count(w, "warning")),
    };
    if closing.is_empty() {
        format!("{found} found.")
    } else {
        format!("{found} found; {closing}.")
    }
}

/// "1 warning", "2 warnings".
pub fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", plural(n))
}

/// As [`render_first`], with `ending` as the last line (warnings of a run that goes on say so).
pub fn render_ending(
    diags: &[Diagnostic],
    sources: &Sources,
    paint: &dyn Paint,
    shown: usize,
    hint: &str,
    ending: &str,
) -> String {
    let mut out = String::new();
    let mut cursor = Cursor::default();
    for d in diags.iter().take(shown) {
        render_one(&mut out, d, sources, &mut cursor, paint);
        out.push('\n');
    }
    let n = diags.len();
    if n > shown {
        let rest = &diags[shown..];
        let _ = writeln!(
            out,
            "{}",
            paint.paint(
                Role::Emphasis,
                &format!(
                    "{} more problem{} not shown, by kind:",
                    rest.len(),
                    plural(rest.len())
                )
            )
        );
        let kinds = count_kinds(rest);
        let width = kinds.first().map_or(1, |(c, _)| c.to_string().len());
        for (count, kind) in kinds {
            let _ = writeln!(out, "  {count:>width$}  {}", sanitize::terminal(&kind));
        }
        if !hint.is_empty() {
            let _ = writeln!(
                out,
                "  {} {}: {}",
                paint.paint(Role::Gutter, "="),
                paint.paint(Role::Emphasis, "help"),
                sanitize::terminal(hint)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}", paint.paint(Role::Emphasis, ending));
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The kinds of these diagnostics with their counts, most frequent first (then by name).
fn count_kinds(diags: &[Diagnostic]) -> Vec<(usize, String)> {
    let mut counts: std::collections::HashMap<std::borrow::Cow<'_, str>, usize> =
        std::collections::HashMap::new();
    for d in diags {
        let kind = match d.code {
            Some(c) => std::borrow::Cow::Borrowed(c),
            None => std::borrow::Cow::Owned(shape(&d.message)),
        };
        *counts.entry(kind).or_default() += 1;
    }
    let mut kinds: Vec<(usize, String)> = counts
        .into_iter()
        .map(|(k, c)| (c, k.into_owned()))
        .collect();
    kinds.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    kinds
}

/// A message with the names it quotes left out: "unknown key `k1` in topic `a`" is of the
/// shape "unknown key `…` in topic `…`". Messages quote names between backticks.
fn shape(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(200));
    let mut quoted = false;
    for c in message.chars() {
        if c == '`' {
            if !quoted {
                out.push_str("`…`");
            }
            quoted = !quoted;
        } else if !quoted {
            out.push(c);
        }
    }
    if quoted {
        // An unclosed quote: show the backtick alone, as written.
        out.truncate(out.len() - "…`".len());
    }
    out
}

fn location(file: &str, pos: Option<Pos>) -> String {
    match pos {
        Some(p) if p.line > 0 => format!("{}:{}:{}", sanitize::terminal(file), p.line, p.col),
        _ => sanitize::terminal(file).into_owned(),
    }
}

fn render_one(
    out: &mut String,
    d: &Diagnostic,
    sources: &Sources,
    cursor: &mut Cursor,
    paint: &dyn Paint,
) {
    let (word, role) = match d.severity {
        Severity::Error => ("error", Role::Error),
        Severity::Warning => ("warning", Role::Warning),
    };
    let _ = writeln!(
        out,
        "{}{} {}",
        paint.paint(role, word),
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
            cursor,
            &d.file,
            p,
            d.label.as_deref(),
            gutter_width,
            (paint, role),
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
            snippet(
                out,
                sources,
                cursor,
                &n.file,
                p,
                None,
                gutter_width,
                (paint, role),
            );
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

/// Where the last column was found in a line that is not ASCII, so that many messages about one
/// long line (a flow list) walk it once between them rather than each from its start.
#[derive(Default)]
struct Cursor {
    file: String,
    line: u32,
    /// A column (0-based, in characters) and its byte offset.
    col: usize,
    byte: usize,
}

impl Cursor {
    /// The byte offset of 0-based character column `col` of `text` (line `line` of `file`), or
    /// the end of the line if it is shorter.
    fn find(&mut self, file: &str, line: u32, text: &str, col: usize) -> usize {
        let (mut c, mut b) = if self.file == file && self.line == line && self.col <= col {
            (self.col, self.byte)
        } else {
            (0, 0)
        };
        let mut rest = text[b..].chars();
        while c < col {
            let Some(ch) = rest.next() else { break };
            c += 1;
            b += ch.len_utf8();
        }
        if self.file != file {
            self.file = file.to_string();
        }
        self.line = line;
        self.col = c;
        self.byte = b;
        b
    }
}

#[allow(clippy::too_many_arguments)]
fn snippet(
    out: &mut String,
    sources: &Sources,
    cursor: &mut Cursor,
    file: &str,
    pos: Pos,
    label: Option<&str>,
    gutter_width: usize,
    (paint, marks_role): (&dyn Paint, Role),
) {
    let Some(line) = sources.line(file, pos.line) else {
        return;
    };
    let pad = " ".repeat(gutter_width);
    let bar = paint.paint(Role::Gutter, "|");
    let col = pos.col.max(1) as usize - 1;
    let at = if sources.is_ascii(file) {
        col.min(line.len())
    } else {
        cursor.find(file, pos.line, line, col)
    };
    // Cut very long lines to a window around the column.
    let start = line[..at]
        .char_indices()
        .rev()
        .take(MAX_SNIPPET / 2)
        .last()
        .map_or(at, |(i, _)| i);
    let end = line[start..]
        .char_indices()
        .nth(MAX_SNIPPET)
        .map_or(line.len(), |(i, _)| start + i);
    let shown = sanitize::terminal(&line[start..end]);
    let indent =
        unicode_width::UnicodeWidthStr::width(sanitize::terminal(&line[start..at]).as_ref());
    let rest: Vec<char> = line[at..end].chars().collect();
    let width = token_width(&rest).max(1);
    let _ = writeln!(out, "{pad} {bar}");
    let _ = writeln!(
        out,
        "{} {bar} {}{shown}{}",
        paint.paint(Role::Gutter, &format!("{:>gutter_width$}", pos.line)),
        if start > 0 { "…" } else { "" },
        if end < line.len() { "…" } else { "" }
    );
    let marks = "^".repeat(width);
    let _ = writeln!(
        out,
        "{pad} {bar} {}{}{}",
        " ".repeat(indent + usize::from(start > 0)),
        paint.paint(marks_role, &marks),
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

    #[test]
    fn many_messages_on_one_long_line_point_at_their_columns() {
        // Non-ASCII text, so that columns are characters, not bytes.
        let line: String = (0..300).fold(String::new(), |mut s, i| {
            let _ = write!(s, "é{i:03}, ");
            s
        });
        let mut sources = Sources::default();
        sources.insert("t.yaml", &line);
        let diags: Vec<Diagnostic> = [1u32, 7, 13, 997, 1795, 7]
            .iter()
            .map(|&col| Diagnostic::new("t.yaml", Some(Pos { line: 1, col }), "x"))
            .collect();
        let text = render(&diags, &sources, &Plain);
        let snippets: Vec<&str> = text.lines().filter(|l| l.starts_with("1 |")).collect();
        let marks: Vec<&str> = text.lines().filter(|l| l.contains('^')).collect();
        assert_eq!(snippets.len(), 6, "{text}");
        // Column 1: the line from its start, cut after 120 characters.
        assert_eq!(
            snippets[0],
            format!("1 | {}…", &line.chars().take(120).collect::<String>())
        );
        assert_eq!(marks[0], "  | ^^^^");
        // Column 997: 60 characters before it, 120 in all.
        let window: String = line.chars().skip(936).take(120).collect();
        assert_eq!(snippets[3], format!("1 | …{window}…"));
        assert_eq!(marks[3], format!("  | {}^^^^", " ".repeat(61)));
        assert!(window[window.char_indices().nth(60).unwrap().0..].starts_with("é166"));
        // Column 1795 is near the end: no cut after it.
        assert!(snippets[4].ends_with("é299, "), "{}", snippets[4]);
        // Back to column 7 after the cursor moved on.
        assert_eq!(snippets[5], snippets[1]);
    }

    #[test]
    fn past_the_first_messages_the_others_are_counted_by_kind() {
        let sources = Sources::default();
        let mut diags = Vec::new();
        for i in 0..5 {
            diags.push(Diagnostic::new(
                "a",
                None,
                format!("unknown key `k{i}` in topic `t`"),
            ));
        }
        for i in 0..3 {
            let mut d = Diagnostic::new("a", None, format!("unknown area `x{i}`"));
            d.code("unknown-area");
            diags.push(d);
        }
        let text = render_first(
            &diags,
            &sources,
            &Plain,
            2,
            "say `--all`",
            "nothing was planned or written",
        );
        assert_eq!(
            text,
            "error: unknown key `k0` in topic `t`\n --> a\n\n\
             error: unknown key `k1` in topic `t`\n --> a\n\n\
             6 more problems not shown, by kind:\n\
             \x20 3  unknown key `…` in topic `…`\n\
             \x20 3  unknown-area\n\
             \x20 = help: say `--all`\n\n\
             8 problems found; nothing was planned or written.\n"
        );
        let all = render_first(&diags, &sources, &Plain, usize::MAX, "say `--all`", "");
        assert_eq!(all, render(&diags, &sources, &Plain));
        assert!(all.ends_with("\n8 problems found.\n"), "{all}");
        assert!(!all.contains("not shown"));
        assert_eq!(all.matches("error:").count(), 8);
    }
}
