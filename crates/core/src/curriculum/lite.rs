//! A serde deserializer for the plain subset of YAML that curriculum files are usually written
//! in: block mappings with simple keys, block sequences, one-line flow sequences of scalars,
//! one-line plain, single- and double-quoted scalars, folded and literal block scalars
//! (clipped or stripped), comments and blank lines.
//!
//! It reads straight from the text, with no tokens or events, and is many times faster than
//! the general parser. At anything outside the subset, or anything whose meaning it is not
//! sure of (anchors, tags, flow mappings, multi-line plain or quoted scalars, `yes`, `0x1F`,
//! `012`, tabs, carriage returns, unusual characters…) it stops with [`Error::Unsupported`]
//! and the caller reads the file with the general parser. So it never reads a file
//! differently from the general parser: the unit and property tests and the `readers_agree`
//! fuzz target check that.

use std::borrow::Cow;
use std::cell::Cell;
use std::fmt;

use crate::yaml::Pos;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// Why the deserializer stopped.
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// The text is outside the subset: read it with the general parser.
    Unsupported,
    /// The text is inside the subset, but a value does not fit its field (a message from serde
    /// or from the item checks).
    Rejected,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(match self {
            Error::Unsupported => "outside the plain YAML subset",
            Error::Rejected => "a value does not fit",
        })
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Error::Rejected
    }
}

type Result<T> = std::result::Result<T, Error>;

/// At most this many nodes per file; the general parser's budget is higher, so a file the
/// subset reader accepts is never one the general parser refuses as too large.
const MAX_NODES: usize = 4_000_000;

/// At most this many nested collections (the general parser allows 32; curricula need four).
const MAX_DEPTH: usize = 16;

/// Comment lines between a key or dash and a value on the following lines at which the subset
/// gives up (the general parser refuses 32 or more).
const MAX_LOOKAHEAD_COMMENTS: usize = 16;

/// Deserializes a whole document of the subset.
pub fn from_str<'a, T: de::Deserialize<'a>>(text: &'a str) -> Result<T> {
    read(text, false)
}

/// Deserializes a whole document of the subset, noting where each scalar and mapping starts
/// for [`scalar_pos`] and [`map_pos`] as it hands them to visitors.
pub fn from_str_with_positions<'a, T: de::Deserialize<'a>>(text: &'a str) -> Result<T> {
    read(text, true)
}

thread_local! {
    /// Where the last scalar and the last mapping handed to a visitor on this thread start.
    static SPOTS: Cell<(Pos, Pos)> = const { Cell::new((Pos { line: 0, col: 0 }, Pos { line: 0, col: 0 })) };
}

/// Where the scalar being visited starts (line and column from 1, columns in characters), when
/// the document is read [with positions](from_str_with_positions); otherwise zero.
pub fn scalar_pos() -> Pos {
    SPOTS.get().0
}

/// Where the last mapping entered starts (its first key), as for [`scalar_pos`].
pub fn map_pos() -> Pos {
    SPOTS.get().1
}

/// Forgets the positions of an earlier document (for readers that do not set them).
pub fn clear_positions() {
    SPOTS.set(Default::default());
}

fn read<'a, T: de::Deserialize<'a>>(text: &'a str, positions: bool) -> Result<T> {
    clear_positions();
    check_characters(text.as_bytes())?;
    let mut p = Parser {
        b: text.as_bytes(),
        src: text,
        pos: 0,
        nodes: 0,
        comments: 0,
        depth: 0,
        positions,
        seen: (0, 1),
    };
    let value = T::deserialize(ValueDe {
        p: &mut p,
        at: At::Block {
            parent: -1,
            compact: false,
            comments: 0,
        },
    })?;
    // Nothing may follow the root.
    if p.next_line().is_some() {
        return Err(Error::Unsupported);
    }
    Ok(value)
}

/// Whether the general parser reads the same values as this one wherever this one reads a
/// document (true when this one gives up). For tests and the differential fuzz target.
pub fn agrees_with_general(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match from_str::<serde_json::Value>(text) {
        Err(_) => true,
        Ok(value) => {
            serde_saphyr::from_str_with_options::<serde_json::Value>(text, crate::yaml::options())
                .is_ok_and(|general| general == value)
        }
    }
}

/// Gives up on every character the subset does not need and YAML treats specially or refuses:
/// control characters (tab and carriage return included), DEL, C1 controls (NEL included),
/// the line and paragraph separators, a byte order mark inside the text, and U+FFFE/U+FFFF.
fn check_characters(b: &[u8]) -> Result<()> {
    let bad = |i: usize| -> bool {
        match b[i] {
            0..=9 | 11..=31 | 0x7f => true,
            0xc2 => matches!(b.get(i + 1), Some(0x80..=0x9f)),
            0xe2 => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xa8 | 0xa9)),
            0xef => matches!(
                (b.get(i + 1), b.get(i + 2)),
                (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
            ),
            _ => false,
        }
    };
    let check = |i: usize| {
        let c = b[i];
        if (c < 32 || c == 0x7f || matches!(c, 0xc2 | 0xe2 | 0xef)) && c != b'\n' && bad(i) {
            return Err(Error::Unsupported);
        }
        Ok(())
    };
    // Most bytes are printable ASCII or newlines: eight at a time, looking closer only at the
    // words that hold something else.
    let words = b.len() / 8;
    for w in 0..words {
        let x = u64::from_le_bytes(b[w * 8..w * 8 + 8].try_into().unwrap());
        if unusual_bytes(x) != 0 {
            (w * 8..w * 8 + 8).try_for_each(check)?;
        }
    }
    (words * 8..b.len()).try_for_each(check)
}

const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const HIGH: u64 = 0x8080_8080_8080_8080;
const fn splat(c: u8) -> u64 {
    0x0101_0101_0101_0101 * c as u64
}

/// The high bit of each byte of `x` that is zero (exact, no carries between bytes).
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7) + LOW7) | x) & HIGH
}

/// The high bit of each byte of `x` that is not printable ASCII or a newline: below 0x20 (but
/// not `\n`), 0x7f, or 0x80 and above.
fn unusual_bytes(x: u64) -> u64 {
    let below_space = !((x & LOW7) + splat(0x80 - 0x20)) & !x & HIGH;
    let newline = zero_bytes(x ^ splat(b'\n'));
    let delete = zero_bytes(x ^ splat(0x7f));
    (below_space & !newline) | delete | (x & HIGH)
}

struct Parser<'a> {
    src: &'a str,
    b: &'a [u8],
    /// The next byte to read: a line start between values, or inside a line while reading one.
    pos: usize,
    nodes: usize,
    /// How many comment lines the last `next_line` passed.
    comments: usize,
    /// How many collections enclose the current value.
    depth: usize,
    /// Whether to note positions for visitors.
    positions: bool,
    /// A byte offset and its line number, from which the next position is counted.
    seen: (usize, usize),
}

/// Where a value is.
#[derive(Clone, Copy)]
enum At {
    /// On the current line at `pos`; `item` when it follows a sequence's `- ` (where a mapping
    /// may start on the same line).
    Inline { item: bool, parent: usize },
    /// On the following lines, more indented than `parent` (the column of the key or dash
    /// that owns it); `compact` allows a sequence at the parent's own column (`key:\n- a`).
    /// `comments` counts a comment on the key's or dash's own line.
    Block {
        parent: isize,
        compact: bool,
        comments: usize,
    },
}

impl<'a> Parser<'a> {
    /// The line and column (from 1, in characters) of a byte offset. Offsets asked for mostly
    /// grow, so lines are counted on from the last one.
    fn spot(&mut self, offset: usize) -> Pos {
        if offset < self.seen.0 {
            self.seen = (0, 1);
        }
        let (from, line) = self.seen;
        let line = line + memchr::memchr_iter(b'\n', &self.b[from..offset]).count();
        self.seen = (offset, line);
        let line_start = memchr::memrchr(b'\n', &self.b[..offset]).map_or(0, |i| i + 1);
        let col = 1 + self.b[line_start..offset]
            .iter()
            .filter(|&&c| c & 0xc0 != 0x80)
            .count();
        Pos {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }

    fn note_scalar(&mut self, offset: usize) {
        if self.positions {
            let at = self.spot(offset);
            SPOTS.set((at, SPOTS.get().1));
        }
    }

    fn note_map(&mut self, offset: usize) {
        if self.positions {
            let at = self.spot(offset);
            SPOTS.set((SPOTS.get().0, at));
        }
    }

    /// One level deeper into nested collections; deeper than the general parser's budget
    /// allows is left to it.
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error::Unsupported);
        }
        Ok(())
    }

    fn node(&mut self) -> Result<()> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Error::Unsupported);
        }
        Ok(())
    }

    fn line_end(&self, from: usize) -> usize {
        memchr::memchr(b'\n', &self.b[from..]).map_or(self.b.len(), |i| from + i)
    }

    /// Moves `pos` (at a line start) past blank and comment lines, to the start of the next
    /// line with content; returns its indentation, or `None` at the end.
    fn next_line(&mut self) -> Option<usize> {
        self.comments = 0;
        loop {
            if self.pos >= self.b.len() {
                return None;
            }
            let start = self.pos;
            let mut i = start;
            while i < self.b.len() && self.b[i] == b' ' {
                i += 1;
            }
            match self.b.get(i) {
                None => {
                    self.pos = i;
                    return None;
                }
                Some(b'\n') => self.pos = i + 1,
                Some(b'#') => {
                    let end = self.line_end(i);
                    self.pos = (end + 1).min(self.b.len());
                    self.comments += 1;
                }
                Some(_) => return Some(i - start),
            }
        }
    }

    /// After a value on a line: only spaces, then the end of the line or a comment. Moves to
    /// the next line.
    fn end_of_line(&mut self) -> Result<()> {
        let mut i = self.pos;
        let mut spaced = false;
        while i < self.b.len() && self.b[i] == b' ' {
            i += 1;
            spaced = true;
        }
        match self.b.get(i) {
            None => self.pos = i,
            Some(b'\n') => self.pos = i + 1,
            Some(b'#') if spaced => self.pos = (self.line_end(i) + 1).min(self.b.len()),
            Some(_) => return Err(Error::Unsupported),
        }
        Ok(())
    }

    /// Moves to the start of the next line (past a comment after a dash or key, where a
    /// space is known to precede it).
    fn skip_line(&mut self) {
        self.pos = (self.line_end(self.pos) + 1).min(self.b.len());
    }

    /// Where the value after a key (`after_key`) or a sequence's dash is, `pos` just past the
    /// colon or dash and `col` the column of the key or dash: on this line, or on the next ones
    /// (where a sequence may sit at the key's own column).
    fn value_after(&mut self, col: usize, after_key: bool) -> At {
        self.skip_spaces();
        match self.b.get(self.pos) {
            None | Some(b'\n' | b'#') => {
                let comments = usize::from(self.b.get(self.pos) == Some(&b'#'));
                self.skip_line();
                At::Block {
                    parent: col as isize,
                    compact: after_key,
                    comments,
                }
            }
            Some(_) => At::Inline {
                item: !after_key,
                parent: col,
            },
        }
    }

    fn skip_spaces(&mut self) {
        while self.b.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
    }

    /// Whether the text at `i` is a dash that starts a sequence item.
    fn is_dash(&self, i: usize) -> bool {
        self.b.get(i) == Some(&b'-') && matches!(self.b.get(i + 1), None | Some(b' ' | b'\n'))
    }

    /// The length of a simple key at `i` (`[A-Za-z_][A-Za-z0-9_]*` followed by `:` and a space
    /// or the end of the line), if there is one.
    fn key_len(&self, i: usize) -> Option<usize> {
        let b = self.b;
        if !b
            .get(i)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_')
        {
            return None;
        }
        let mut j = i + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'_') {
            j += 1;
        }
        (b.get(j) == Some(&b':') && matches!(b.get(j + 1), None | Some(b' ' | b'\n')))
            .then_some(j - i)
    }

    /// Reads a scalar or starts a collection on the current line at `pos`.
    fn inline_scalar(&mut self) -> Result<Scalar<'a>> {
        self.node()?;
        let s = match self.b[self.pos] {
            b'"' => Scalar::Str(self.double_quoted()?),
            b'\'' => Scalar::Str(self.single_quoted()?),
            _ => {
                let end = self.line_end(self.pos);
                let line = &self.src[self.pos..end];
                // A comment starts at a `#` after a space.
                let text = match comment_start(line.as_bytes()) {
                    Some(i) => &line[..i],
                    None => line,
                };
                let text = text.trim_end_matches(' ');
                if text.contains(": ") || text.ends_with(':') {
                    return Err(Error::Unsupported);
                }
                self.pos = (end + 1).min(self.b.len());
                return resolve_plain(text, false);
            }
        };
        self.end_of_line()?;
        Ok(s)
    }

    /// A folded (`>`) or literal (`|`) block scalar, clipped or stripped (`-`), its indentation
    /// set by its first line; `pos` at the indicator, `parent` the column of the key or dash it
    /// belongs to. Kept (`+`) and explicitly indented scalars, leading blank lines, lines
    /// indented more than the first and blank lines holding spaces are left to the general
    /// parser.
    fn block_scalar(&mut self, parent: usize) -> Result<Scalar<'a>> {
        self.node()?;
        let folded = self.b[self.pos] == b'>';
        self.pos += 1;
        let strip = self.b.get(self.pos) == Some(&b'-');
        if strip {
            self.pos += 1;
        }
        self.end_of_line()?;
        let mut out = String::new();
        let mut indent: Option<usize> = None;
        let mut empty_lines = 0;
        while self.pos < self.b.len() {
            let start = self.pos;
            let end = self.line_end(start);
            let line = &self.b[start..end];
            let spaces = line.iter().take_while(|&&c| c == b' ').count();
            if spaces == line.len() {
                if !line.is_empty() || indent.is_none() {
                    return Err(Error::Unsupported);
                }
                empty_lines += 1;
                self.pos = (end + 1).min(self.b.len());
                continue;
            }
            let n = *indent.get_or_insert(spaces);
            if n <= parent || spaces > n {
                // An empty scalar, or a more-indented line (kept as it is, not folded).
                return Err(Error::Unsupported);
            }
            if spaces < n {
                if spaces > parent {
                    return Err(Error::Unsupported);
                }
                break;
            }
            if !out.is_empty() {
                if folded && empty_lines == 0 {
                    out.push(' ');
                } else {
                    let breaks = if folded { empty_lines } else { empty_lines + 1 };
                    out.extend(std::iter::repeat_n('\n', breaks));
                }
            }
            out.push_str(&self.src[start + n..end]);
            empty_lines = 0;
            self.pos = (end + 1).min(self.b.len());
        }
        if indent.is_none() {
            return Err(Error::Unsupported);
        }
        if !strip {
            out.push('\n');
        }
        Ok(Scalar::Str(Cow::Owned(out)))
    }

    fn double_quoted(&mut self) -> Result<Cow<'a, str>> {
        let start = self.pos + 1;
        let mut i = start;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            match self.b.get(i) {
                None | Some(b'\n') => return Err(Error::Unsupported),
                Some(b'"') => break,
                Some(b'\\') => {
                    let o = owned.get_or_insert_with(String::new);
                    o.push_str(&self.src[run..i]);
                    let (c, len) = self.escape(i + 1)?;
                    o.push(c);
                    i += 1 + len;
                    run = i;
                }
                Some(_) => i += 1,
            }
        }
        self.pos = i + 1;
        Ok(match owned {
            None => Cow::Borrowed(&self.src[start..i]),
            Some(mut o) => {
                o.push_str(&self.src[run..i]);
                Cow::Owned(o)
            }
        })
    }

    /// The character an escape at `i` (after the backslash) stands for, and its length.
    fn escape(&self, i: usize) -> Result<(char, usize)> {
        let simple = match self.b.get(i) {
            Some(b'\\') => '\\',
            Some(b'"') => '"',
            Some(b'/') => '/',
            Some(b'n') => '\n',
            Some(b't') => '\t',
            Some(b'r') => '\r',
            Some(b'0') => '\0',
            Some(b'u') => return self.hex(i + 1, 4),
            _ => return Err(Error::Unsupported),
        };
        Ok((simple, 1))
    }

    fn hex(&self, i: usize, digits: usize) -> Result<(char, usize)> {
        let h = self.src.get(i..i + digits).ok_or(Error::Unsupported)?;
        if !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(Error::Unsupported);
        }
        let n = u32::from_str_radix(h, 16).map_err(|_| Error::Unsupported)?;
        let c = char::from_u32(n).ok_or(Error::Unsupported)?;
        Ok((c, 1 + digits))
    }

    fn single_quoted(&mut self) -> Result<Cow<'a, str>> {
        let start = self.pos + 1;
        let mut i = start;
        let mut doubled = false;
        loop {
            match self.b.get(i) {
                None | Some(b'\n') => return Err(Error::Unsupported),
                Some(b'\'') if self.b.get(i + 1) == Some(&b'\'') => {
                    doubled = true;
                    i += 2;
                }
                Some(b'\'') => break,
                Some(_) => i += 1,
            }
        }
        self.pos = i + 1;
        let s = &self.src[start..i];
        Ok(if doubled {
            Cow::Owned(s.replace("''", "'"))
        } else {
            Cow::Borrowed(s)
        })
    }

    /// Reads a one-line flow sequence of scalars, `pos` at its `[`.
    fn flow_sequence(&mut self) -> Result<Vec<(Scalar<'a>, Option<Pos>)>> {
        self.node()?;
        self.pos += 1;
        let mut out = Vec::new();
        loop {
            self.skip_spaces();
            let start = self.pos;
            match self.b.get(self.pos) {
                Some(b']') if out.is_empty() => break,
                Some(b'"') => out.push((Scalar::Str(self.double_quoted()?), None)),
                Some(b'\'') => out.push((Scalar::Str(self.single_quoted()?), None)),
                Some(_) => {
                    while let Some(c) = self.b.get(self.pos)
                        && !matches!(c, b',' | b']' | b'[' | b'{' | b'}' | b'#' | b':' | b'\n')
                    {
                        self.pos += 1;
                    }
                    let text = self.src[start..self.pos].trim_end_matches(' ');
                    if text.is_empty() {
                        return Err(Error::Unsupported);
                    }
                    out.push((resolve_plain(text, true)?, None));
                }
                None => return Err(Error::Unsupported),
            }
            if self.positions
                && let Some(last) = out.last_mut()
            {
                last.1 = Some(self.spot(start));
            }
            self.node()?;
            self.skip_spaces();
            match self.b.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => break,
                _ => return Err(Error::Unsupported),
            }
        }
        self.pos += 1;
        self.end_of_line()?;
        Ok(out)
    }
}

/// A scalar's value, resolved as the general parser resolves it (YAML 1.2 core schema).
enum Scalar<'a> {
    Null,
    Str(Cow<'a, str>),
    Int(u64),
    Float(f64),
}

/// What a plain scalar means, or `Unsupported` when the subset is not sure.
fn resolve_plain(s: &str, flow: bool) -> Result<Scalar<'_>> {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return Ok(Scalar::Null);
    };
    if matches!(s, "~" | "null" | "Null" | "NULL") {
        return Ok(Scalar::Null);
    }
    if first.is_ascii_digit() && !number_like(b) {
        // Text such as `2020, open access`, `5th edition` or `2.x`.
        return Ok(Scalar::Str(Cow::Borrowed(s)));
    }
    if first.is_ascii_digit() {
        // Decimal integers and simple decimal fractions; any other spelling (`012`, `1e3`,
        // `0x1F`, `1_000`, dates, versions) is left to the general parser.
        let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if first == b'0' && int_len > 1 {
            return Err(Error::Unsupported);
        }
        if int_len == b.len() {
            return s.parse().map(Scalar::Int).map_err(|_| Error::Unsupported);
        }
        let rest = &b[int_len..];
        if rest.len() > 1 && rest[0] == b'.' && rest[1..].iter().all(u8::is_ascii_digit) {
            return s.parse().map(Scalar::Float).map_err(|_| Error::Unsupported);
        }
        return Err(Error::Unsupported);
    }
    // Indicators, signs, dots and the like start something else or something unusual.
    if b"-?:,[]{}#&*!|>'\"%@`+.~$=<\\".contains(&first) {
        return Err(Error::Unsupported);
    }
    if b.len() <= 5 {
        let lower = s.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n"
        ) {
            return Err(Error::Unsupported);
        }
    }
    if flow && s.contains(['"', '\'']) {
        return Err(Error::Unsupported);
    }
    Ok(Scalar::Str(Cow::Borrowed(s)))
}

/// Where ` #` first occurs in a line.
fn comment_start(line: &[u8]) -> Option<usize> {
    memchr::memchr_iter(b'#', line)
        .find(|&i| i > 0 && line[i - 1] == b' ')
        .map(|i| i - 1)
}

/// Whether text starting with a digit might be a number in some spelling a YAML parser accepts
/// (decimal, `0x`/`0o`/`0b` radix, exponent, underscores, sexagesimal `1:30`); when not, it is
/// certainly text.
fn number_like(b: &[u8]) -> bool {
    b.iter().enumerate().all(|(i, c)| match c {
        b'x' | b'X' | b'o' | b'O' => i == 1,
        c => c.is_ascii_hexdigit() || b"+-._:".contains(c),
    })
}

fn visit_scalar<'de, V: Visitor<'de>>(s: Scalar<'de>, visitor: V) -> Result<V::Value> {
    match s {
        Scalar::Null => visitor.visit_unit(),
        Scalar::Str(Cow::Borrowed(s)) => visitor.visit_borrowed_str(s),
        Scalar::Str(Cow::Owned(s)) => visitor.visit_string(s),
        Scalar::Int(n) => visitor.visit_u64(n),
        Scalar::Float(x) => visitor.visit_f64(x),
    }
}

struct ValueDe<'p, 'a> {
    p: &'p mut Parser<'a>,
    at: At,
}

/// What a value turned out to be, before it is handed to a visitor.
enum Shape<'a> {
    /// A scalar and the offset it starts at.
    Scalar(Scalar<'a>, usize),
    Flow(Vec<(Scalar<'a>, Option<Pos>)>),
    /// A block mapping whose keys are at this column, its first key at offset `start`;
    /// `inline` when that key is at `pos`.
    Map {
        col: usize,
        inline: bool,
        start: usize,
    },
    /// A block sequence whose dashes are at this column, `pos` at the line's start.
    Seq {
        col: usize,
    },
}

impl<'a> ValueDe<'_, 'a> {
    fn shape(&mut self) -> Result<Shape<'a>> {
        let p = &mut *self.p;
        match self.at {
            At::Inline { item, parent } => {
                let pos = p.pos;
                match p.b[pos] {
                    b'[' => Ok(Shape::Flow(p.flow_sequence()?)),
                    b'>' | b'|' => Ok(Shape::Scalar(p.block_scalar(parent)?, pos)),
                    _ if item && p.key_len(pos).is_some() => {
                        let line_start = p.src[..pos].rfind('\n').map_or(0, |i| i + 1);
                        Ok(Shape::Map {
                            col: pos - line_start,
                            inline: true,
                            start: pos,
                        })
                    }
                    _ => Ok(Shape::Scalar(p.inline_scalar()?, pos)),
                }
            }
            At::Block {
                parent,
                compact,
                comments,
            } => {
                let next = p.next_line();
                // The general parser refuses a long run of comments between a key or dash and
                // its value (it buffers them while looking ahead); leave such files to it.
                if parent >= 0 && comments + p.comments >= MAX_LOOKAHEAD_COMMENTS {
                    return Err(Error::Unsupported);
                }
                let Some(indent) = next else {
                    p.node()?;
                    return Ok(Shape::Scalar(Scalar::Null, p.pos));
                };
                let at = p.pos + indent;
                let dash = p.is_dash(at);
                if indent as isize > parent {
                    if dash {
                        Ok(Shape::Seq { col: indent })
                    } else if p.key_len(at).is_some() {
                        Ok(Shape::Map {
                            col: indent,
                            inline: false,
                            start: at,
                        })
                    } else {
                        Err(Error::Unsupported)
                    }
                } else if indent as isize == parent && compact && dash {
                    Ok(Shape::Seq { col: indent })
                } else {
                    p.node()?;
                    Ok(Shape::Scalar(Scalar::Null, p.pos))
                }
            }
        }
    }

    fn visit<V: Visitor<'a>>(self, shape: Shape<'a>, visitor: V) -> Result<V::Value> {
        match shape {
            Shape::Scalar(s, start) => {
                self.p.note_scalar(start);
                visit_scalar(s, visitor)
            }
            Shape::Flow(items) => visitor.visit_seq(FlowSeq {
                items: items.into_iter(),
            }),
            Shape::Map { col, inline, start } => {
                self.p.note_map(start);
                self.p.node()?;
                self.p.enter()?;
                let value = visitor.visit_map(BlockMap {
                    p: &mut *self.p,
                    col,
                    inline,
                    value: None,
                    keys: [""; MAX_KEYS],
                    key_count: 0,
                });
                self.p.depth -= 1;
                value
            }
            Shape::Seq { col } => {
                self.p.node()?;
                self.p.enter()?;
                let value = visitor.visit_seq(BlockSeq {
                    p: &mut *self.p,
                    col,
                });
                self.p.depth -= 1;
                value
            }
        }
    }
}

impl<'de> Deserializer<'de> for ValueDe<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        let shape = self.shape()?;
        self.visit(shape, visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(mut self, visitor: V) -> Result<V::Value> {
        match self.shape()? {
            Shape::Scalar(Scalar::Null, _) => visitor.visit_none(),
            shape => visitor.visit_some(Resolved { de: self, shape }),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        mut self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        let shape = self.shape()?;
        Resolved { de: self, shape }.deserialize_any(StructOnly(visitor))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// A struct is read from a mapping only (serde would also take a sequence of its fields in
/// order, which a curriculum never means).
struct StructOnly<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for StructOnly<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> std::result::Result<V::Value, A::Error> {
        self.0.visit_map(map)
    }
}

/// A value whose shape has been looked at (for `Option`), handed on as it is.
struct Resolved<'p, 'a> {
    de: ValueDe<'p, 'a>,
    shape: Shape<'a>,
}

impl<'de> Deserializer<'de> for Resolved<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.de.visit(self.shape, visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visitor.visit_some(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_any(StructOnly(visitor))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

struct ScalarDe<'a>(Scalar<'a>);

impl<'de> Deserializer<'de> for ScalarDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        visit_scalar(self.0, visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.0 {
            Scalar::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

struct FlowSeq<'a> {
    items: std::vec::IntoIter<(Scalar<'a>, Option<Pos>)>,
}

impl<'de> SeqAccess<'de> for FlowSeq<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let Some((s, at)) = self.items.next() else {
            return Ok(None);
        };
        if let Some(at) = at {
            SPOTS.set((at, SPOTS.get().1));
        }
        seed.deserialize(ScalarDe(s)).map(Some)
    }
}

struct BlockSeq<'p, 'a> {
    p: &'p mut Parser<'a>,
    col: usize,
}

impl<'de> SeqAccess<'de> for BlockSeq<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        let p = &mut *self.p;
        let Some(indent) = p.next_line() else {
            return Ok(None);
        };
        if indent > self.col {
            return Err(Error::Unsupported);
        }
        if indent < self.col || !p.is_dash(p.pos + indent) {
            // The end of the sequence; whoever owns that line reads it.
            return Ok(None);
        }
        p.pos += indent + 1;
        let at = p.value_after(self.col, false);
        seed.deserialize(ValueDe { p, at }).map(Some)
    }
}

struct BlockMap<'p, 'a> {
    p: &'p mut Parser<'a>,
    col: usize,
    /// The first key is at `pos`, after a sequence's dash.
    inline: bool,
    value: Option<At>,
    /// The keys read so far, to refuse a repeated one as the general parser does.
    keys: [&'a str; MAX_KEYS],
    key_count: usize,
}

/// Mappings with more keys than this are left to the general parser.
const MAX_KEYS: usize = 24;

impl<'de> MapAccess<'de> for BlockMap<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        let p = &mut *self.p;
        let at = if std::mem::take(&mut self.inline) {
            p.pos
        } else {
            match p.next_line() {
                None => return Ok(None),
                Some(indent) if indent < self.col => return Ok(None),
                Some(indent) if indent > self.col => return Err(Error::Unsupported),
                Some(indent) => p.pos + indent,
            }
        };
        let len = p.key_len(at).ok_or(Error::Unsupported)?;
        p.node()?;
        let key = &p.src[at..at + len];
        let seen = &mut self.keys[..self.key_count];
        if seen.contains(&key) || self.key_count == MAX_KEYS {
            return Err(Error::Unsupported);
        }
        self.keys[self.key_count] = key;
        self.key_count += 1;
        p.pos = at + len + 1;
        self.value = Some(p.value_after(self.col, true));
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let at = self.value.take().ok_or(Error::Unsupported)?;
        seed.deserialize(ValueDe { p: self.p, at })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::{Value, json};

    fn read(text: &str) -> Result<Value> {
        from_str(text)
    }

    #[test]
    fn reads_the_subset_as_the_general_parser_does() {
        let cases: &[(&str, Value)] = &[
            (
                "topics:\n  - id: a\n    title: Topic one, on [x]\n    requires: [b, 'c', \"d\"]\n    hours: 12\n    summary: It's 1.5 times # a comment\n",
                json!({"topics": [{"id": "a", "title": "Topic one, on [x]", "requires": ["b", "c", "d"], "hours": 12, "summary": "It's 1.5 times"}]}),
            ),
            (
                "# heading\n\nresources:\n- id: r\n  url: https://e.org/a#frag\n  teaches:\n  - a\n  -   b\n  hours: 0.25\n\n  note: ~\n  version:\n",
                json!({"resources": [{"id": "r", "url": "https://e.org/a#frag", "teaches": ["a", "b"], "hours": 0.25, "note": null, "version": null}]}),
            ),
            (
                "a:\n    b:\n        - x\n        -\n          c: \"tab\\there \\u00e9 \\\"q\\\" \\\\\"\n    d: 'it''s'\ne: []\nf: x:y\n",
                json!({"a": {"b": ["x", {"c": "tab\there é \"q\" \\"}], "d": "it's"}, "e": [], "f": "x:y"}),
            ),
            (
                "a: null\nb: Null\nc: 0\nd: 10.50\ne: é ü\n",
                json!({"a": null, "b": null, "c": 0, "d": 10.5, "e": "é ü"}),
            ),
            ("", Value::Null),
            ("# only a comment\n", Value::Null),
            ("a: 1", json!({"a": 1})),
            ("a:\n- - x\n", Value::Null),
        ];
        for (text, want) in cases {
            match read(text) {
                Ok(got) => {
                    assert_eq!(&got, want, "{text:?}");
                    assert!(agrees_with_general(text), "{text:?}");
                }
                Err(e) => assert_eq!((e, want), (Error::Unsupported, &Value::Null), "{text:?}"),
            }
        }
        // The last case is outside the subset; the others are inside.
        assert_eq!(read("a:\n- - x\n"), Err(Error::Unsupported));
    }

    /// Mappings nested `depth` deep, the innermost holding `k: 1`.
    fn nested(depth: usize) -> String {
        (0..depth)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .chain([format!("{}k: 1\n", " ".repeat(depth))])
            .collect()
    }

    #[test]
    fn reads_nesting_up_to_its_limit() {
        let text = nested(MAX_DEPTH - 1);
        assert!(read(&text).is_ok(), "{text}");
        assert!(agrees_with_general(&text));
        assert_eq!(read(&nested(MAX_DEPTH)), Err(Error::Unsupported));
    }

    #[test]
    fn gives_up_on_everything_outside_the_subset() {
        let outside = [
            "a: &x 1\nb: *x\n",
            "a: !tag x\n",
            "a: |+\n  text\n",
            "a: >2\n  text\n",
            "a: >-\n\n  text\n",
            "a: >-\n  text\n    more\n",
            "a: >-\n  text\n  \n  more\n",
            "a: >-\nb: 1\n",
            "a:\n  b: >-\n  text\n",
            "a: one\n  two\n",
            "a:\n  one\n",
            "a: \"one\n  two\"\n",
            "a: 'one\n  two'\n",
            "a: [x,\n  y]\n",
            "a: [x, ]\n",
            "a: {b: 1}\n",
            "a: yes\n",
            "a: No\n",
            "a: true\n",
            "a: 012\n",
            "a: 0x1F\n",
            "a: 1e3\n",
            "a: 1_000\n",
            "a: .5\n",
            "a: -1\n",
            "a: +1\n",
            "a: .inf\n",
            "a: 2024-01-01\n",
            "a: 3.12.1\n",
            "a: b: c\n",
            "a: b:\n",
            "a:\tb\n",
            "a: b\r\nc: d\r\n",
            "a: x\u{85}y\n",
            "a: x\u{2028}y\n",
            "a: x\u{feff}y\n",
            "a: x\u{7f}\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "%YAML 1.2\n---\na: 1\n",
            "? a\n: 1\n",
            "\"a\": 1\n",
            "a b: 1\n",
            "a: 1\na: 2\n",
            "a: \"x\" y\n",
            "a: \"x\"#y\n",
            "a: \"\\q\"\n",
            "a: \"\\ud800\"\n",
            "a:\n  - x\n  b: 1\n",
            "a: 1\n  b: 2\n",
            "- x\n y\n",
            "a: 1\n- x\n",
            "a: [b: c]\n",
            "a: [x#y]\n",
            "a: ~x\n",
            "a: @x\n",
            // Deeper nesting than the subset reads.
            &nested(20),
            // The general parser refuses 32 comments between a key and its value.
            &format!("a: # x\n{}  - x\n", "  # c\n".repeat(40)),
            &format!("a:\n  -\n{}    b: 1\n", "# c\n".repeat(40)),
        ];
        for text in outside {
            assert_eq!(read(text), Err(Error::Unsupported), "{text:?}");
        }
    }

    #[test]
    fn the_word_at_a_time_scan_flags_exactly_the_unusual_bytes() {
        for c in 0..=255u8 {
            let usual = (0x20..0x7f).contains(&c) || c == b'\n';
            for at in 0..8 {
                let mut bytes = [b'a'; 8];
                bytes[at] = c;
                let flags = unusual_bytes(u64::from_le_bytes(bytes));
                assert_eq!(flags == 0, usual, "byte {c:#x} at {at}");
                if !usual {
                    assert_eq!(flags, 0x80 << (8 * at), "byte {c:#x} at {at}");
                }
            }
        }
        // Neighbours do not disturb each other.
        let mixed = u64::from_le_bytes([0xff, b'\n', 0x00, 0x7f, b' ', 0x1f, b'~', 0x80]);
        let flagged: u64 = [0, 2, 3, 5, 7].iter().map(|k| 0x80 << (8 * k)).sum();
        assert_eq!(unusual_bytes(mixed), flagged);
        assert_eq!(check_characters(b"plain text\nand more of it\n"), Ok(()));
        assert_eq!(
            check_characters(b"plain text\nand more\x01 of it\n"),
            Err(Error::Unsupported)
        );
        assert_eq!(
            check_characters("sixteen bytes ok\u{85}".as_bytes()),
            Err(Error::Unsupported)
        );
        assert_eq!(check_characters("é ü — fine".as_bytes()), Ok(()));
    }

    #[test]
    fn values_that_do_not_fit_are_rejected_not_unsupported() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Item {
            id: String,
        }
        assert!(from_str::<Vec<Item>>("- id: a\n- id: b\n").is_ok());
        assert_eq!(
            from_str::<Vec<Item>>("- id: a\n  other: b\n").unwrap_err(),
            Error::Rejected
        );
        assert_eq!(
            from_str::<Vec<Item>>("- id: 1\n").unwrap_err(),
            Error::Rejected
        );
    }

    /// A document tree to write in YAML in many ways.
    #[derive(Debug, Clone)]
    enum Node {
        Scalar(&'static str),
        /// A block scalar: folded or literal, stripped or clipped, its lines.
        Block(bool, bool, Vec<&'static str>),
        Flow(Vec<&'static str>),
        Seq(Vec<Node>),
        Map(Vec<(&'static str, Node)>),
    }

    /// Scalars as written in the text, beyond the safe ones: to be given up on, or read exactly
    /// as the general parser reads them. The tricky documents draw from both pools.
    const TRICKY: &[&str] = &[
        "1.0.2",
        "0x1G",
        "1o",
        "0o17",
        "0b101",
        "1:30",
        "12h",
        "1 000",
        "1,5",
        "0x1F 2",
        "1e3 x",
        "0.25",
        "012",
        "1e3",
        "0x1F",
        "yes",
        "No",
        "true",
        "-a",
        "a: b",
        "a #b",
        "a#b",
        "[a]",
        "\"\\x41\"",
        "&a",
        "*a",
        "!t x",
        "|",
        ">",
        "{a}",
        ".5",
        "+1",
        "-1",
        ".inf",
        "1_000",
        "2024-01-01",
        "3.12.1",
        "@x",
        "%x",
        "a b ",
        "\"a\" b",
        "18446744073709551616",
        "1.",
        "a:",
    ];
    const SAFE: &[&str] = &[
        "a",
        "Topic 1 on x",
        "https://e.org/a#b",
        "x:y",
        "1",
        "12",
        "0",
        "1.5",
        "é ü",
        "'q'",
        "\"d\\n\"",
        "'it''s'",
        "\"\\u00e9\"",
        "a,b",
        "null",
        "~",
        "It's (fine) [really]",
        "2.x",
        "5th edition",
        "2020, open access",
        "3 hours",
    ];
    const BLOCK_LINES: &[&str] = &[
        "alpha beta",
        "",
        "",
        "  more indented",
        "# not a comment",
        "x: y",
        "trailing space ",
        "é - [a]",
    ];
    const SAFE_FLOW: &[&str] = &["a", "b-c", "1", "1.5", "'q'", "\"d\"", "null", "é"];
    const SAFE_FIRST_LINES: &[&str] = &["alpha beta", "# not a comment", "x: y", "é - [a]"];
    const SAFE_BLOCK_LINES: &[&str] = &[
        "alpha beta",
        "",
        "# not a comment",
        "x: y",
        "trailing space ",
        "é - [a]",
    ];
    const KEYS: &[&str] = &["id", "title", "a", "b_c", "requires", "x1"];

    fn node(tricky: bool) -> impl Strategy<Value = Node> {
        let both: Vec<&'static str> = SAFE.iter().chain(TRICKY).copied().collect();
        let pool = if tricky { both } else { SAFE.to_vec() };
        let scalar = proptest::sample::select(pool.clone()).prop_map(Node::Scalar);
        // Safe flow items are id-like and safe block scalars start with a line of text and have
        // no more-indented lines (the subset leaves the others to the general parser).
        let (flow_pool, first_lines, lines) = if tricky {
            (pool, BLOCK_LINES, BLOCK_LINES)
        } else {
            (SAFE_FLOW.to_vec(), SAFE_FIRST_LINES, SAFE_BLOCK_LINES)
        };
        let flow = proptest::collection::vec(proptest::sample::select(flow_pool), 0..4)
            .prop_map(Node::Flow);
        let block = (
            any::<bool>(),
            any::<bool>(),
            proptest::sample::select(first_lines),
            proptest::collection::vec(proptest::sample::select(lines), 0..4),
        )
            .prop_map(|(folded, strip, first, mut rest)| {
                rest.insert(0, first);
                Node::Block(folded, strip, rest)
            });
        let leaf = prop_oneof![3 => scalar, 1 => flow, 1 => block];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 1..4).prop_map(Node::Seq),
                proptest::collection::vec((proptest::sample::select(KEYS), inner), 1..4)
                    .prop_map(Node::Map),
            ]
        })
    }

    /// Writes a tree as YAML; `style` bytes pick indentation, compact sequences, comments and
    /// blank lines.
    struct Writer<'s> {
        out: String,
        style: &'s [u8],
        at: usize,
    }

    impl Writer<'_> {
        fn pick(&mut self, n: u8) -> u8 {
            let b = self
                .style
                .get(self.at % self.style.len().max(1))
                .copied()
                .unwrap_or(0);
            self.at += 1;
            b % n
        }

        fn end_line(&mut self, indent: usize) {
            match self.pick(8) {
                0 => self.out.push_str(" # note"),
                1 => self.out.push_str("   "),
                _ => {}
            }
            self.out.push('\n');
            match self.pick(10) {
                0 => self.out.push('\n'),
                1 => {
                    let extra = self.pick(3) as usize;
                    self.out.push_str(&" ".repeat(indent + extra));
                    self.out.push_str("# between\n");
                }
                _ => {}
            }
        }

        fn inline(&mut self, n: &Node, indent: usize) {
            match n {
                Node::Scalar(s) => {
                    self.out.push(' ');
                    self.out.push_str(s);
                    self.end_line(indent);
                }
                Node::Flow(items) => {
                    self.out.push_str(" [");
                    self.out.push_str(&items.join(", "));
                    self.out.push(']');
                    self.end_line(indent);
                }
                Node::Block(folded, strip, lines) => {
                    self.out.push_str(if *folded { " >" } else { " |" });
                    if *strip {
                        self.out.push('-');
                    }
                    // No blank or comment lines after the header: those would be content.
                    if self.pick(2) == 0 {
                        self.out.push_str(" # note");
                    }
                    self.out.push('\n');
                    let step = [2, 3][self.pick(2) as usize];
                    for line in lines {
                        if !line.is_empty() {
                            self.out.push_str(&" ".repeat(indent + step));
                            self.out.push_str(line);
                        }
                        self.out.push('\n');
                    }
                }
                _ => unreachable!(),
            }
        }

        fn map(&mut self, entries: &[(&str, Node)], indent: usize, first_inline: bool) {
            for (i, (k, v)) in entries.iter().enumerate() {
                if !(first_inline && i == 0) {
                    self.out.push_str(&" ".repeat(indent));
                }
                self.out.push_str(k);
                self.out.push(':');
                match v {
                    Node::Scalar(_) | Node::Flow(_) | Node::Block(..) => self.inline(v, indent),
                    Node::Seq(items) => {
                        self.end_line(indent);
                        let step = [0, 2, 4][self.pick(3) as usize];
                        self.seq(items, indent + step);
                    }
                    Node::Map(m) => {
                        self.end_line(indent);
                        let step = [2, 4][self.pick(2) as usize];
                        self.map(m, indent + step, false);
                    }
                }
            }
        }

        fn seq(&mut self, items: &[Node], indent: usize) {
            for item in items {
                self.out.push_str(&" ".repeat(indent));
                self.out.push('-');
                match item {
                    Node::Scalar(_) | Node::Flow(_) | Node::Block(..) => self.inline(item, indent),
                    Node::Map(m) => {
                        let gap = 1 + self.pick(2) as usize;
                        self.out.push_str(&" ".repeat(gap));
                        self.map(m, indent + 1 + gap, true);
                    }
                    Node::Seq(inner) => {
                        self.end_line(indent);
                        self.seq(inner, indent + 2);
                    }
                }
            }
        }
    }

    fn write(root: &[(&'static str, Node)], style: &[u8]) -> String {
        let mut w = Writer {
            out: String::new(),
            style,
            at: 0,
        };
        w.map(root, 0, false);
        w.out
    }

    fn root(tricky: bool) -> impl Strategy<Value = Vec<(&'static str, Node)>> {
        proptest::collection::vec((proptest::sample::select(KEYS), node(tricky)), 1..5)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Wherever the subset reader reads a document, the general parser reads the same.
        #[test]
        fn never_reads_differently(doc in root(true), style in proptest::collection::vec(any::<u8>(), 1..16)) {
            let text = write(&doc, &style);
            prop_assert!(agrees_with_general(&text), "{}", text);
        }

        /// Plain documents without repeated keys are inside the subset.
        #[test]
        fn reads_plain_documents(doc in root(false), style in proptest::collection::vec(any::<u8>(), 1..16)) {
            let text = write(&doc, &style);
            let general =
                serde_saphyr::from_str_with_options::<Value>(&text, crate::yaml::options());
            // Repeated keys (which the generator may write) are refused by both.
            if let Ok(general) = general {
                prop_assert_eq!(read(&text).ok(), Some(general), "{}", text);
            } else {
                prop_assert!(read(&text).is_err(), "{}", text);
            }
        }
    }
}
