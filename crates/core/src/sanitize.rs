//! Text from data files is untrusted: before it reaches a terminal, control characters, escape
//! sequences and bidirectional overrides are made visible instead of being interpreted.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for characters that must never reach a terminal raw: control characters, line and
/// paragraph separators (which break lines where none is expected), and bidirectional controls
/// (which can make text read differently from what it is).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_invisible_format(c)
}

/// Invisible characters that change how text around them is shown.
fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{200e}' | '\u{200f}'          // left-to-right / right-to-left marks
        | '\u{202a}'..='\u{202e}'        // embeddings and overrides
        | '\u{2066}'..='\u{2069}'        // isolates
        | '\u{061c}'                     // Arabic letter mark
        | '\u{feff}'                     // zero-width no-break space
        | '\u{2028}' | '\u{2029}'        // line and paragraph separators
    )
}

/// The longest text answer (a name): it goes into plans, file front matter and messages.
pub const MAX_TEXT_BYTES: usize = 200;

/// What is wrong with `s` as a short text of a person's (a name): too long, or holding control
/// or invisible formatting characters; `None` if nothing. Every way a name comes in (answers
/// files, `--set`, the terminal, the environment, the configuration file) is checked by this.
pub fn text_problem(s: &str) -> Option<String> {
    if s.len() > MAX_TEXT_BYTES {
        Some(format!("the text is longer than {MAX_TEXT_BYTES} bytes"))
    } else if s.chars().any(char::is_control) {
        Some("the text contains control characters".into())
    } else if s.chars().any(is_invisible_format) {
        Some("the text contains invisible formatting characters (bidirectional controls or line separators)".into())
    } else {
        None
    }
}

/// A web address as a markdown link target: characters that would end the link or escape its
/// closing parenthesis (`(`, `)`, `<`, `>`, a space, a backslash) are percent-encoded; anything
/// but an http(s) address becomes `#`.
pub fn link_target(url: &str) -> String {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return String::from("#");
    }
    let mut out = String::with_capacity(url.len() + 8);
    for c in url.chars() {
        match c {
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            ' ' => out.push_str("%20"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if is_unsafe(c) || c.is_whitespace() => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Escapes control, escape and bidi characters as `\u{..}` (tab as four spaces is not done:
/// tabs are escaped too, so what is shown is exactly what is in the file).
pub fn terminal(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                _ => {
                    let _ = write!(out, "\\u{{{:x}}}", c as u32);
                }
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Escapes text for inline markdown: no markup, no raw HTML, no control characters.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '<' | '>' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_made_visible() {
        assert_eq!(terminal("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(terminal("ok"), "ok");
        assert_eq!(terminal("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(terminal("bell\u{7}"), "bell\\u{7}");
    }

    #[test]
    fn line_separators_and_bidi_controls_are_made_visible() {
        assert_eq!(terminal("a\u{2028}b\u{2029}c"), "a\\u{2028}b\\u{2029}c");
        assert_eq!(terminal("\u{2067}x\u{2069}"), "\\u{2067}x\\u{2069}");
        assert_eq!(markdown("a\u{2028}b"), "a\\u{2028}b");
    }

    #[test]
    fn names_are_short_plain_text() {
        assert_eq!(text_problem("Ada Lovelace"), None);
        assert_eq!(text_problem("Zoë 数据 🚀"), None);
        assert!(text_problem("Ada\t").unwrap().contains("control"));
        assert!(text_problem("Ada\u{7}").unwrap().contains("control"));
        assert!(
            text_problem("Ada\u{202e}")
                .unwrap()
                .contains("bidirectional")
        );
        assert!(
            text_problem("Ada\u{2028}")
                .unwrap()
                .contains("line separators")
        );
        assert_eq!(text_problem(&"a".repeat(200)), None);
        assert!(
            text_problem(&"a".repeat(201))
                .unwrap()
                .contains("200 bytes")
        );
    }

    /// The link a markdown reader sees.
    fn parsed_link(markdown: &str) -> Option<String> {
        pulldown_cmark::Parser::new(markdown).find_map(|e| match e {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                Some(dest_url.into_string())
            }
            _ => None,
        })
    }

    #[test]
    fn link_targets_stay_one_link() {
        for (url, want) in [
            ("https://example.org/a\\", "https://example.org/a%5C"),
            ("https://example.org/a\\)b", "https://example.org/a%5C%29b"),
            ("https://example.org/(x)", "https://example.org/%28x%29"),
            (
                "https://example.org/a b<c>",
                "https://example.org/a%20b%3Cc%3E",
            ),
            (
                "https://example.org/\u{202e}",
                "https://example.org/%E2%80%AE",
            ),
            ("javascript:alert(1)", "#"),
        ] {
            let target = link_target(url);
            assert_eq!(target, want);
            let text = format!("[title]({target}) after");
            assert_eq!(parsed_link(&text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn markdown_text_cannot_inject_links_or_html() {
        assert_eq!(
            markdown("[x](javascript:alert(1)) <b>"),
            "\\[x\\](javascript:alert(1)) \\<b\\>"
        );
    }
}
