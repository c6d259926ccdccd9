//! Text from data files is untrusted: before it reaches a terminal, control characters, escape
//! sequences and bidirectional overrides are made visible instead of being interpreted.

use std::borrow::Cow;

/// True for characters that must never reach a terminal raw.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200e}' | '\u{200f}'          // left-to-right / right-to-left marks
            | '\u{202a}'..='\u{202e}'        // embeddings and overrides
            | '\u{2066}'..='\u{2069}'        // isolates
            | '\u{061c}'                     // Arabic letter mark
            | '\u{feff}'                     // zero-width no-break space
        )
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
                _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
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
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
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
    fn markdown_text_cannot_inject_links_or_html() {
        assert_eq!(
            markdown("[x](javascript:alert(1)) <b>"),
            "\\[x\\](javascript:alert(1)) \\<b\\>"
        );
    }
}
