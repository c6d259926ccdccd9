//! The subset reader: straight from the text to nodes, line by line.

use std::borrow::Cow;

use crate::{MAX_DEPTH, MAX_KEYS, MAX_NODES, Node, Span, Unsupported, Value};

type Result<T> = std::result::Result<T, Unsupported>;

/// Comment lines between a key or dash and a value on the following lines at which the reader
/// gives up (serde-saphyr refuses 32 or more: it holds them while looking ahead).
const MAX_LOOKAHEAD_COMMENTS: usize = 16;

/// Reads a whole document of the subset. An empty document (nothing, or only comments and
/// blank lines) is `Ok(None)`.
pub fn parse(text: &str) -> Result<Option<Node<'_>>> {
    let mut p = Parser::new(text)?;
    let shape = p.block_shape(-1, false, 0, 0)?;
    let root = match shape {
        Shape::Nothing(_) => None,
        shape => Some(p.read_shape(shape)?),
    };
    p.at_end()?;
    Ok(root)
}

/// Reads a document one part at a time: when its root is a block mapping, each key with its
/// value, except that the items of a block sequence under a root key come one by one, so that
/// a large document is never a whole tree in memory. Any other document comes whole, as
/// [`Entry::Root`]; an empty one gives nothing.
///
/// The subset is checked as the reader goes: an [`Unsupported`] can come after some entries
/// have been handed out, and is the last thing the iterator gives. Whoever reads the entries
/// then drops what it made of them and reads the document with a general parser.
pub fn entries(text: &str) -> Entries<'_> {
    match Parser::new(text) {
        Ok(p) => Entries {
            p,
            state: State::Start,
        },
        Err(e) => Entries {
            p: Parser::empty(text),
            state: State::Failed(e),
        },
    }
}

/// A part of a document, from [`entries`].
#[derive(Debug, Clone, PartialEq)]
pub enum Entry<'a> {
    /// A key of the root mapping and its value.
    Pair(Node<'a>, Node<'a>),
    /// A key of the root mapping whose value is a block sequence: its items follow, each as an
    /// [`Entry::Item`], until the next `Pair` or `List`.
    List(Node<'a>),
    /// An item of the sequence under the last [`Entry::List`].
    Item(Node<'a>),
    /// The whole document, when its root is not a block mapping.
    Root(Node<'a>),
}

/// The parts of a document; see [`entries`].
pub struct Entries<'a> {
    p: Parser<'a>,
    state: State,
}

enum State {
    Start,
    /// Between the entries of the root mapping, whose keys are at this column.
    Root {
        col: usize,
    },
    /// Inside a block sequence under a root key: dashes at `dashes`, the root's keys at `col`.
    List {
        col: usize,
        dashes: usize,
    },
    Failed(Unsupported),
    Done,
}

impl<'a> Iterator for Entries<'a> {
    type Item = Result<Entry<'a>>;

    fn next(&mut self) -> Option<Result<Entry<'a>>> {
        let next = match std::mem::replace(&mut self.state, State::Done) {
            State::Done => return None,
            State::Failed(e) => return Some(Err(e)),
            State::Start => self.start(),
            State::Root { col } => self.root_entry(col),
            State::List { col, dashes } => self.list_item(col, dashes),
        };
        match next {
            Ok(entry) => entry.map(Ok),
            // The error is the last thing given.
            Err(e) => Some(Err(e)),
        }
    }
}

impl<'a> Entries<'a> {
    fn start(&mut self) -> Result<Option<Entry<'a>>> {
        let p = &mut self.p;
        let Some(indent) = p.next_line() else {
            return Ok(None);
        };
        if p.key_len(p.pos + indent).is_some() {
            p.node()?;
            p.enter()?;
            self.root_entry(indent)
        } else {
            let shape = p.block_shape(-1, false, 0, 0)?;
            let root = p.read_shape(shape)?;
            p.at_end()?;
            Ok(Some(Entry::Root(root)))
        }
    }

    fn root_entry(&mut self, col: usize) -> Result<Option<Entry<'a>>> {
        let p = &mut self.p;
        match p.next_line() {
            None => return Ok(None),
            Some(indent) if indent != col => return Err(p.unsupported()),
            Some(_) => {}
        }
        let key = p.key(p.pos + col)?;
        p.root_keys.check(&key, p.pos)?;
        match p.value_after(col, true) {
            At::Block {
                parent,
                compact,
                comments,
                null_at,
            } => match p.block_shape(parent, compact, comments, null_at)? {
                Shape::Seq { col: dashes, .. } => {
                    p.node()?;
                    p.enter()?;
                    self.state = State::List { col, dashes };
                    Ok(Some(Entry::List(key)))
                }
                shape => {
                    let value = p.read_shape(shape)?;
                    self.state = State::Root { col };
                    Ok(Some(Entry::Pair(key, value)))
                }
            },
            at @ At::Inline { .. } => {
                let value = p.value(at)?;
                self.state = State::Root { col };
                Ok(Some(Entry::Pair(key, value)))
            }
        }
    }

    fn list_item(&mut self, col: usize, dashes: usize) -> Result<Option<Entry<'a>>> {
        let p = &mut self.p;
        match p.seq_item(dashes)? {
            Some((item, _)) => {
                self.state = State::List { col, dashes };
                Ok(Some(Entry::Item(item)))
            }
            None => {
                p.depth -= 1;
                self.root_entry(col)
            }
        }
    }
}

/// Whether two short texts are equal, looking at their lengths and first bytes before
/// comparing them whole.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().first() == b.as_bytes().first() && a == b
}

/// The keys of a mapping, to refuse a repeated one as the general parser does.
struct Keys<'a> {
    seen: [&'a str; MAX_KEYS],
    count: usize,
}

impl<'a> Keys<'a> {
    fn new() -> Self {
        Keys {
            seen: [""; MAX_KEYS],
            count: 0,
        }
    }

    fn check(&mut self, key: &Node<'a>, at: usize) -> Result<()> {
        let Value::Str(Cow::Borrowed(k)) = key.value else {
            return Err(Unsupported { offset: at });
        };
        if self.count == MAX_KEYS || self.seen[..self.count].iter().any(|s| same(s, k)) {
            return Err(Unsupported { offset: at });
        }
        self.seen[self.count] = k;
        self.count += 1;
        Ok(())
    }
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
    root_keys: Keys<'a>,
}

/// Where a value is.
#[derive(Clone, Copy)]
enum At {
    /// On the current line at `pos`; `item` when it follows a sequence's `- ` (where a mapping
    /// may start on the same line). `parent` is the column of the key or dash it belongs to.
    Inline { item: bool, parent: usize },
    /// On the following lines, more indented than `parent` (the column of the key or dash
    /// that owns it, -1 for the root); `compact` allows a sequence at the parent's own column
    /// (`key:\n- a`). `comments` counts a comment on the key's or dash's own line; `null_at` is
    /// where a missing value is placed.
    Block {
        parent: isize,
        compact: bool,
        comments: usize,
        null_at: usize,
    },
}

/// What the value on the following lines is.
#[derive(Clone, Copy)]
enum Shape {
    /// Nothing: a null placed at this offset (for the root: an empty document).
    Nothing(usize),
    /// A block mapping whose keys are at this column, `pos` at its first key.
    Map { col: usize },
    /// A block sequence whose dashes are at this column, `pos` at the first dash;
    /// `indentless` when at its key's own column (it is then placed at its first item).
    Seq { col: usize, indentless: bool },
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Result<Self> {
        check_characters(text.as_bytes())?;
        Ok(Parser::empty(text))
    }

    fn empty(text: &'a str) -> Self {
        Parser {
            src: text,
            b: text.as_bytes(),
            pos: 0,
            nodes: 0,
            comments: 0,
            depth: 0,
            root_keys: Keys::new(),
        }
    }

    fn unsupported(&self) -> Unsupported {
        Unsupported { offset: self.pos }
    }

    /// Nothing may follow the root.
    fn at_end(&mut self) -> Result<()> {
        match self.next_line() {
            None => Ok(()),
            Some(_) => Err(self.unsupported()),
        }
    }

    /// One level deeper into nested collections.
    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.unsupported());
        }
        Ok(())
    }

    fn node(&mut self) -> Result<()> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.unsupported());
        }
        Ok(())
    }

    fn line_end(&self, from: usize) -> usize {
        memchr::memchr(b'\n', &self.b[from..]).map_or(self.b.len(), |i| from + i)
    }

    fn line_start(&self, at: usize) -> usize {
        memchr::memrchr(b'\n', &self.b[..at]).map_or(0, |i| i + 1)
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
            Some(_) => return Err(Unsupported { offset: i }),
        }
        Ok(())
    }

    fn skip_spaces(&mut self) {
        while self.b.get(self.pos) == Some(&b' ') {
            self.pos += 1;
        }
    }

    /// Where the value after a key (`after_key`) or a sequence's dash is, `pos` just past the
    /// colon or dash and `col` the column of the key or dash: on this line, or on the next ones
    /// (where a sequence may sit at the key's own column).
    fn value_after(&mut self, col: usize, after_key: bool) -> At {
        let indicator = self.pos - 1;
        self.skip_spaces();
        match self.b.get(self.pos) {
            None | Some(b'\n' | b'#') => {
                let comments = usize::from(self.b.get(self.pos) == Some(&b'#'));
                let end = self.line_end(self.pos);
                self.pos = (end + 1).min(self.b.len());
                At::Block {
                    parent: col.cast_signed(),
                    compact: after_key,
                    comments,
                    // serde-saphyr places a missing value at its key's colon, or at the end of
                    // its dash's line.
                    null_at: if after_key { indicator } else { end },
                }
            }
            Some(_) => At::Inline {
                item: !after_key,
                parent: col,
            },
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

    /// The key at `i`, leaving `pos` just past its colon. A word that YAML reads as something
    /// other than text (`null`, `true`, `yes`, …) is left to the general parser.
    fn key(&mut self, i: usize) -> Result<Node<'a>> {
        let len = self.key_len(i).ok_or(Unsupported { offset: i })?;
        self.node()?;
        let text = &self.src[i..i + len];
        if !matches!(resolve_plain(text, false, i)?, Value::Str(_)) {
            return Err(Unsupported { offset: i });
        }
        self.pos = i + len + 1;
        Ok(Node {
            value: Value::Str(Cow::Borrowed(text)),
            span: Span {
                start: i,
                end: i + len,
            },
        })
    }

    /// What the value on the following lines is, `pos` at a line start.
    fn block_shape(
        &mut self,
        parent: isize,
        compact: bool,
        comments: usize,
        null_at: usize,
    ) -> Result<Shape> {
        let next = self.next_line();
        // serde-saphyr refuses a long run of comments between a key or dash and its value.
        if parent >= 0 && comments + self.comments >= MAX_LOOKAHEAD_COMMENTS {
            return Err(self.unsupported());
        }
        let Some(indent) = next else {
            return Ok(Shape::Nothing(null_at));
        };
        let at = self.pos + indent;
        let dash = self.is_dash(at);
        if indent.cast_signed() > parent {
            if dash {
                Ok(Shape::Seq {
                    col: indent,
                    indentless: false,
                })
            } else if self.key_len(at).is_some() {
                self.pos = at;
                Ok(Shape::Map { col: indent })
            } else {
                Err(Unsupported { offset: at })
            }
        } else if indent.cast_signed() == parent && compact && dash {
            Ok(Shape::Seq {
                col: indent,
                indentless: true,
            })
        } else {
            Ok(Shape::Nothing(null_at))
        }
    }

    fn read_shape(&mut self, shape: Shape) -> Result<Node<'a>> {
        match shape {
            Shape::Nothing(at) => {
                self.node()?;
                Ok(Node {
                    value: Value::Null,
                    span: Span { start: at, end: at },
                })
            }
            Shape::Map { col } => self.block_map(col),
            Shape::Seq { col, indentless } => self.block_seq(col, indentless),
        }
    }

    /// Reads the value at `at`.
    fn value(&mut self, at: At) -> Result<Node<'a>> {
        match at {
            At::Inline { item, parent } => {
                let pos = self.pos;
                match self.b[pos] {
                    b'[' => self.flow_sequence(),
                    b'{' => {
                        let map = self.flow_mapping()?;
                        self.end_of_line()?;
                        Ok(map)
                    }
                    b'>' | b'|' => self.block_scalar(parent),
                    _ if item && self.key_len(pos).is_some() => {
                        let col = pos - self.line_start(pos);
                        self.block_map(col)
                    }
                    _ => self.inline_scalar(),
                }
            }
            At::Block {
                parent,
                compact,
                comments,
                null_at,
            } => {
                let shape = self.block_shape(parent, compact, comments, null_at)?;
                self.read_shape(shape)
            }
        }
    }

    /// A block mapping whose keys are at `col`, `pos` at its first key.
    fn block_map(&mut self, col: usize) -> Result<Node<'a>> {
        self.node()?;
        self.enter()?;
        let start = self.pos;
        // Most mappings in data files have a handful of keys: one allocation for them.
        let mut entries: Vec<(Node<'a>, Node<'a>)> = Vec::with_capacity(8);
        // The keys read so far, to refuse a repeated one as the general parser does.
        let mut keys = Keys::new();
        let mut first = true;
        loop {
            let at = if std::mem::take(&mut first) {
                self.pos
            } else {
                match self.next_line() {
                    None => break,
                    Some(indent) if indent < col => break,
                    Some(indent) if indent > col => return Err(self.unsupported()),
                    Some(indent) => self.pos + indent,
                }
            };
            let key = self.key(at)?;
            keys.check(&key, at)?;
            let value_at = self.value_after(col, true);
            let value = self.value(value_at)?;
            entries.push((key, value));
        }
        self.depth -= 1;
        let end = entries.last().map_or(start, |(_, v)| v.span.end);
        Ok(Node {
            value: Value::Map(entries),
            span: Span { start, end },
        })
    }

    /// A block sequence whose dashes are at `col`, `pos` at the start of its first line.
    fn block_seq(&mut self, col: usize, indentless: bool) -> Result<Node<'a>> {
        self.node()?;
        self.enter()?;
        let mut start = self.pos + col;
        let mut items = Vec::new();
        while let Some((item, token)) = self.seq_item(col)? {
            if items.is_empty() && indentless {
                // serde-saphyr places a sequence at its key's column where the first item's
                // first token is (for a block scalar its indicator), or at the end of the first
                // dash's line when the item starts on a later line or is empty.
                start = token;
            }
            items.push(item);
        }
        self.depth -= 1;
        let end = items.last().map_or(start, |i| i.span.end);
        Ok(Node {
            value: Value::Seq(items),
            span: Span { start, end },
        })
    }

    /// The next item of a block sequence whose dashes are at `col`, with where its first token
    /// is, or `None` at its end (`pos` then at the start of the line that ends it).
    fn seq_item(&mut self, col: usize) -> Result<Option<(Node<'a>, usize)>> {
        let Some(indent) = self.next_line() else {
            return Ok(None);
        };
        if indent > col {
            return Err(self.unsupported());
        }
        if indent < col || !self.is_dash(self.pos + indent) {
            // The end of the sequence; whoever owns that line reads it.
            return Ok(None);
        }
        self.pos += indent + 1;
        let at = self.value_after(col, false);
        let token = match at {
            At::Inline { .. } => self.pos,
            At::Block { null_at, .. } => null_at,
        };
        let item = self.value(at)?;
        Ok(Some((item, token)))
    }

    /// A scalar on the current line at `pos`.
    fn inline_scalar(&mut self) -> Result<Node<'a>> {
        self.node()?;
        let start = self.pos;
        let value = match self.b[start] {
            b'"' => Value::Str(self.double_quoted()?),
            b'\'' => Value::Str(self.single_quoted()?),
            _ => {
                let end = self.line_end(start);
                let line = &self.src[start..end];
                // A comment starts at a `#` after a space.
                let text = match comment_start(line.as_bytes()) {
                    Some(i) => &line[..i],
                    None => line,
                };
                let text = text.trim_end_matches(' ');
                if text.contains(": ") || text.ends_with(':') {
                    return Err(Unsupported { offset: start });
                }
                self.pos = (end + 1).min(self.b.len());
                return Ok(Node {
                    value: resolve_plain(text, false, start)?,
                    span: Span {
                        start,
                        end: start + text.len(),
                    },
                });
            }
        };
        let end = self.pos;
        self.end_of_line()?;
        Ok(Node {
            value,
            span: Span { start, end },
        })
    }

    /// A folded (`>`) or literal (`|`) block scalar, clipped or stripped (`-`), its indentation
    /// set by its first line; `pos` at the indicator, `parent` the column of the key or dash it
    /// belongs to. Kept (`+`) and explicitly indented scalars, leading blank lines, lines
    /// indented more than the first and blank lines holding spaces are left to the general
    /// parser.
    fn block_scalar(&mut self, parent: usize) -> Result<Node<'a>> {
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
        let mut start = self.pos;
        let mut end = self.pos;
        while self.pos < self.b.len() {
            let line_start = self.pos;
            let line_end = self.line_end(line_start);
            let line = &self.b[line_start..line_end];
            let spaces = line.iter().take_while(|&&c| c == b' ').count();
            if spaces == line.len() {
                if !line.is_empty() || indent.is_none() {
                    return Err(self.unsupported());
                }
                empty_lines += 1;
                self.pos = (line_end + 1).min(self.b.len());
                continue;
            }
            let n = match indent {
                Some(n) => n,
                None => {
                    start = line_start + spaces;
                    *indent.insert(spaces)
                }
            };
            if n <= parent || spaces > n {
                // An empty scalar, or a more-indented line (kept as it is, not folded).
                return Err(self.unsupported());
            }
            if spaces < n {
                if spaces > parent {
                    return Err(self.unsupported());
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
            out.push_str(&self.src[line_start + n..line_end]);
            empty_lines = 0;
            end = line_end;
            self.pos = (line_end + 1).min(self.b.len());
        }
        if indent.is_none() {
            return Err(self.unsupported());
        }
        if !strip {
            out.push('\n');
        }
        Ok(Node {
            value: Value::Str(Cow::Owned(out)),
            span: Span { start, end },
        })
    }

    fn double_quoted(&mut self) -> Result<Cow<'a, str>> {
        let start = self.pos + 1;
        let mut i = start;
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            match self.b.get(i) {
                None | Some(b'\n') => return Err(Unsupported { offset: i }),
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
            _ => return Err(Unsupported { offset: i }),
        };
        Ok((simple, 1))
    }

    fn hex(&self, i: usize, digits: usize) -> Result<(char, usize)> {
        let bad = Unsupported { offset: i };
        let h = self.src.get(i..i + digits).ok_or(bad)?;
        if !h.bytes().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad);
        }
        let n = u32::from_str_radix(h, 16).map_err(|_| bad)?;
        let c = char::from_u32(n).ok_or(bad)?;
        Ok((c, 1 + digits))
    }

    fn single_quoted(&mut self) -> Result<Cow<'a, str>> {
        let start = self.pos + 1;
        let mut i = start;
        let mut doubled = false;
        loop {
            match self.b.get(i) {
                None | Some(b'\n') => return Err(Unsupported { offset: i }),
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

    /// A one-line flow sequence of scalars and flow mappings, `pos` at its `[`; the rest of
    /// the line must be empty.
    fn flow_sequence(&mut self) -> Result<Node<'a>> {
        self.node()?;
        let open = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        loop {
            self.skip_spaces();
            match self.b.get(self.pos) {
                Some(b']') if items.is_empty() => break,
                Some(b'{') => items.push(self.flow_mapping()?),
                _ => items.push(self.flow_scalar()?),
            }
            self.skip_spaces();
            match self.b.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b']') => break,
                _ => return Err(self.unsupported()),
            }
        }
        self.pos += 1;
        let end = self.pos;
        self.end_of_line()?;
        Ok(Node {
            value: Value::Seq(items),
            span: Span { start: open, end },
        })
    }

    /// A flow mapping on one line whose keys are simple words and whose values are scalars,
    /// `pos` at its `{`; `pos` ends just past its `}`.
    fn flow_mapping(&mut self) -> Result<Node<'a>> {
        self.node()?;
        self.enter()?;
        let open = self.pos;
        self.pos += 1;
        let mut entries = Vec::new();
        let mut keys = Keys::new();
        loop {
            self.skip_spaces();
            if self.b.get(self.pos) == Some(&b'}') && entries.is_empty() {
                break;
            }
            let at = self.pos;
            // `key: value`: the colon followed by a space, and a value.
            if self
                .key_len(at)
                .is_none_or(|len| self.b.get(at + len + 1) != Some(&b' '))
            {
                return Err(Unsupported { offset: at });
            }
            let key = self.key(at)?;
            keys.check(&key, at)?;
            self.skip_spaces();
            let value = self.flow_scalar()?;
            entries.push((key, value));
            self.skip_spaces();
            match self.b.get(self.pos) {
                Some(b',') => self.pos += 1,
                Some(b'}') => break,
                _ => return Err(self.unsupported()),
            }
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(Node {
            value: Value::Map(entries),
            span: Span {
                start: open,
                end: self.pos,
            },
        })
    }

    /// A quoted or plain scalar inside a flow collection, `pos` at its start.
    fn flow_scalar(&mut self) -> Result<Node<'a>> {
        let start = self.pos;
        let value = match self.b.get(self.pos) {
            Some(b'"') => Value::Str(self.double_quoted()?),
            Some(b'\'') => Value::Str(self.single_quoted()?),
            Some(_) => {
                while let Some(c) = self.b.get(self.pos)
                    && !matches!(c, b',' | b']' | b'[' | b'{' | b'}' | b'#' | b':' | b'\n')
                {
                    self.pos += 1;
                }
                let text = self.src[start..self.pos].trim_end_matches(' ');
                if text.is_empty() {
                    return Err(Unsupported { offset: start });
                }
                resolve_plain(text, true, start)?
            }
            None => return Err(Unsupported { offset: start }),
        };
        let end = match &value {
            Value::Str(_) if matches!(self.b[start], b'"' | b'\'') => self.pos,
            _ => start + self.src[start..self.pos].trim_end_matches(' ').len(),
        };
        self.node()?;
        Ok(Node {
            value,
            span: Span { start, end },
        })
    }
}

/// What a plain scalar means, or `Unsupported` when the subset is not sure; `at` is where it
/// is written.
fn resolve_plain(s: &str, flow: bool, at: usize) -> Result<Value<'_>> {
    let unsupported = Unsupported { offset: at };
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return Ok(Value::Null);
    };
    if matches!(s, "~" | "null" | "Null" | "NULL") {
        return Ok(Value::Null);
    }
    if first.is_ascii_digit() && !number_like(b) {
        // Text such as `2020, open access`, `5th edition` or `2.x`.
        return Ok(Value::Str(Cow::Borrowed(s)));
    }
    if first.is_ascii_digit() {
        // Decimal integers and simple decimal fractions; any other spelling (`012`, `1e3`,
        // `0x1F`, `1_000`, dates, versions) is left to the general parser.
        let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
        if first == b'0' && int_len > 1 {
            return Err(unsupported);
        }
        if int_len == b.len() {
            return s.parse().map(Value::Int).map_err(|_| unsupported);
        }
        let rest = &b[int_len..];
        if rest.len() > 1 && rest[0] == b'.' && rest[1..].iter().all(u8::is_ascii_digit) {
            return s.parse().map(Value::Float).map_err(|_| unsupported);
        }
        return Err(unsupported);
    }
    // Indicators, signs, dots and the like start something else or something unusual.
    if UNUSUAL_START[usize::from(first)] {
        return Err(unsupported);
    }
    match s {
        "true" => return Ok(Value::Bool(true)),
        "false" => return Ok(Value::Bool(false)),
        _ => {}
    }
    if b.len() <= 5
        && ["true", "false", "yes", "no", "on", "off", "y", "n"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(s))
    {
        return Err(unsupported);
    }
    if flow && s.contains(['"', '\'']) {
        return Err(unsupported);
    }
    Ok(Value::Str(Cow::Borrowed(s)))
}

/// The first characters of plain scalars the subset leaves to the general parser: indicators,
/// signs, dots and the like start something else or something unusual.
const UNUSUAL_START: [bool; 256] = {
    let mut t = [false; 256];
    let chars = b"-?:,[]{}#&*!|>'\"%@`+.~$=<\\";
    let mut i = 0;
    while i < chars.len() {
        t[chars[i] as usize] = true;
        i += 1;
    }
    t
};

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

/// Gives up on every character the subset does not need and YAML treats specially or refuses:
/// control characters (tab and carriage return included), DEL, C1 controls (NEL included),
/// the line and paragraph separators, a byte order mark, and U+FFFE/U+FFFF.
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
            return Err(Unsupported { offset: i });
        }
        Ok(())
    };
    // Most bytes are printable ASCII or newlines: eight at a time, looking closer only at the
    // words that hold something else.
    let words = b.len() / 8;
    for w in 0..words {
        let x = u64::from_le_bytes(b[w * 8..w * 8 + 8].try_into().expect("eight bytes"));
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

#[cfg(test)]
mod tests;
