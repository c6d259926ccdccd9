//! YAML documents as trees of nodes that know where they are written.
//!
//! Every document is read the same way: by the plain-YAML subset reader (`plain-yaml`) when it
//! is written in that subset, which is most files and many times faster, and otherwise by
//! serde-saphyr, which builds the same tree. Nodes carry byte spans; lines and columns come
//! from a [`LineIndex`] when a message needs them.
//!
//! Loaders want to report *every* problem in a file at once, so they read the tree by hand and
//! collect diagnostics instead of deserialising straight into typed structs, which stops at the
//! first mistake. [`parse`] gives an older, positioned form of the tree (owned text, a line and
//! column on every node) for the small documents that use it: answers files, plan front matter
//! and the configuration file.

use serde_saphyr::granit_parser::ErrorKind;
use serde_saphyr::{Budget, MessageFormatter, Options};

pub use plain_yaml::{LineIndex, Span};

/// A node of the spanned tree, borrowing its text from the document where it can.
pub type SpannedNode<'a> = plain_yaml::Node<'a>;
/// A value of the spanned tree.
pub type SpannedValue<'a> = plain_yaml::Value<'a>;

/// Where a node stands in its file: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    fn from_location(loc: &serde_saphyr::Location) -> Pos {
        Pos {
            line: u32::try_from(loc.line()).unwrap_or(u32::MAX),
            col: u32::try_from(loc.column()).unwrap_or(u32::MAX),
        }
    }

    /// The line and column of a byte offset.
    pub fn at(lines: &mut LineIndex, offset: usize) -> Pos {
        let p = lines.position(offset);
        Pos {
            line: u32::try_from(p.line).unwrap_or(u32::MAX),
            col: u32::try_from(p.column).unwrap_or(u32::MAX),
        }
    }
}

/// A short name for the kind of a value, for "expected X, found Y" messages.
pub fn kind_name(value: &SpannedValue) -> &'static str {
    match value {
        SpannedValue::Null => "nothing (null)",
        SpannedValue::Bool(_) => "a boolean",
        SpannedValue::Int(_) => "a whole number",
        SpannedValue::Float(_) => "a number",
        SpannedValue::Str(_) => "text",
        SpannedValue::Seq(_) => "a list",
        SpannedValue::Map(_) => "a mapping",
    }
}

/// A YAML value in the positioned tree, whose children are `C`.
#[derive(Debug, Clone, PartialEq)]
pub enum Tree<C> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<C>),
    Map(Vec<(C, C)>),
}

pub type Value = Tree<Node>;

/// A node of the positioned tree: owned values, each with its line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
}

impl Node {
    /// A short name for the kind of value, for "expected X, found Y" messages.
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "a whole number",
            Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// What went wrong while reading a file as YAML.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    /// The parser's message, without its position.
    pub message: String,
    pub pos: Option<Pos>,
    pub kind: SyntaxKind,
}

/// The kinds of syntax error that call for their own advice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxKind {
    /// The same key twice in one mapping.
    DuplicateKey(String),
    /// A tab where YAML allows none.
    Tab,
    /// More than one document in the file.
    Documents,
    /// Too large or too deeply nested for the parser's budget.
    Budget,
    Other,
}

impl SyntaxError {
    /// The parser's message made into one a person can act on, and what to do, where known.
    pub fn explain(&self) -> (String, Option<String>) {
        let msg = &self.message;
        match &self.kind {
            SyntaxKind::DuplicateKey(key) => (
                format!("the key `{key}` appears twice in the same mapping"),
                Some("remove or rename one of them".into()),
            ),
            SyntaxKind::Tab => (
                format!("YAML syntax error: {msg}"),
                Some("indent with spaces; YAML does not allow tabs for indentation".into()),
            ),
            SyntaxKind::Documents => (
                "the file holds more than one YAML document".into(),
                Some("remove the `---` separators; the file is one document".into()),
            ),
            SyntaxKind::Budget => (
                format!("the file is too large or too deeply nested to read safely ({msg})"),
                Some(
                    "split it into smaller files and avoid deep nesting and repeated aliases"
                        .into(),
                ),
            ),
            SyntaxKind::Other => (format!("YAML syntax error: {msg}"), None),
        }
    }

    fn from_saphyr(e: &serde_saphyr::Error) -> SyntaxError {
        use serde_saphyr::Error as E;
        use serde_saphyr::ExternalMessageSource as Source;
        use serde_saphyr::budget::BudgetBreach;
        let pos = e
            .location()
            .map(|l| Pos::from_location(&l))
            .filter(|p| p.line > 0);
        // The error itself, unwrapped from the snippet and alias wrappers.
        let mut inner = e.without_snippet();
        while let E::AliasError { error, .. } = inner {
            inner = error.without_snippet();
        }
        let message = serde_saphyr::DefaultMessageFormatter
            .format_message(inner)
            .into_owned();
        let kind = match inner {
            E::DuplicateMappingKey { key, .. } => {
                SyntaxKind::DuplicateKey(key.clone().unwrap_or_else(|| "?".into()))
            }
            E::Budget {
                breach: BudgetBreach::Documents { .. },
                ..
            }
            | E::MultipleDocuments { .. } => SyntaxKind::Documents,
            E::Budget { .. } => SyntaxKind::Budget,
            E::ExternalMessage { source, .. } => match source.as_ref() {
                Source::Parser(scan) => match scan.kind() {
                    ErrorKind::TabNotAllowed
                    | ErrorKind::TabInBlockIndentation
                    | ErrorKind::TabAtBlockScalarStart
                    | ErrorKind::TabInIndentation
                    | ErrorKind::TabInPlainScalar => SyntaxKind::Tab,
                    _ => SyntaxKind::Other,
                },
                _ => SyntaxKind::Other,
            },
            _ => SyntaxKind::Other,
        };
        SyntaxError { message, pos, kind }
    }
}

/// Where in a byte string the first invalid UTF-8 byte is, as a 1-based line and column.
pub fn utf8_error_pos(bytes: &[u8], valid_up_to: usize) -> Pos {
    let before = &bytes[..valid_up_to];
    let line = memchr::memchr_iter(b'\n', before).count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    Pos {
        line: line as u32,
        col: col as u32,
    }
}

/// The largest YAML file pathwise reads.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The general parser's settings: one document, a budget against hostile files, YAML 1.2
/// booleans.
pub fn options() -> Options {
    let mut budget = Budget::default();
    budget.max_reader_input_bytes = Some(MAX_FILE_BYTES);
    budget.max_depth = 32;
    budget.max_events = 20_000_000;
    budget.max_nodes = 10_000_000;
    budget.max_aliases = 10_000;
    budget.max_anchors = 10_000;
    budget.max_documents = 1;
    serde_saphyr::options! {
        budget: Some(budget),
        with_snippet: false,
        strict_booleans: true,
        // `.nan` and `.inf` reach the reader, which says why they are not valid hours.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
    }
}

/// The text without a byte order mark at its start. Spans count from after it: a line index
/// for messages is made on this text.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn too_large(text: &str) -> Option<SyntaxError> {
    (text.len() > MAX_FILE_BYTES).then(|| SyntaxError {
        message: format!(
            "the file is {} bytes; pathwise reads YAML files of at most {} bytes",
            text.len(),
            MAX_FILE_BYTES
        ),
        pos: None,
        kind: SyntaxKind::Other,
    })
}

/// Parses one YAML document (given [without its byte order mark](without_bom)) into spanned
/// nodes: with the subset reader when it can, else with serde-saphyr. An empty document
/// (nothing but comments) is `Ok(None)`.
pub fn parse_spanned(text: &str) -> Result<Option<SpannedNode<'_>>, SyntaxError> {
    if let Some(e) = too_large(text) {
        return Err(e);
    }
    match plain_yaml::parse(text) {
        Ok(root) => Ok(root),
        Err(_) => parse_general(text),
    }
}

/// Parses one YAML document (given without its byte order mark) with serde-saphyr.
pub fn parse_general(text: &str) -> Result<Option<SpannedNode<'_>>, SyntaxError> {
    if let Some(e) = too_large(text) {
        return Err(e);
    }
    plain_yaml::general::parse(text, options()).map_err(|e| SyntaxError::from_saphyr(&e))
}

/// Parses one YAML document into the positioned tree. A null or empty document is `Ok(None)`.
pub fn parse(text: &str) -> Result<Option<Node>, SyntaxError> {
    let text = without_bom(text);
    let Some(root) = parse_spanned(text)? else {
        return Ok(None);
    };
    let mut lines = LineIndex::new(text);
    Ok(Some(positioned(root, &mut lines)).filter(|n| n.value != Value::Null))
}

/// [`parse`] for a small document (a plan's front matter), allowing aliases to replay no more
/// than a small multiple of the text's own size: a few hundred bytes of nested aliases are
/// refused at once instead of growing into hundreds of megabytes first.
pub fn parse_limited(text: &str) -> Result<Option<Node>, SyntaxError> {
    let text = without_bom(text);
    if let Some(e) = too_large(text) {
        return Err(e);
    }
    let root = match plain_yaml::parse(text) {
        Ok(root) => root,
        Err(_) => {
            let mut opts = options();
            let events = 1_000 + 16 * text.len();
            opts.alias_limits.max_total_replayed_events = events;
            if let Some(b) = opts.budget.as_mut() {
                b.max_events = b.max_events.min(events + 1_000);
                b.max_nodes = b.max_nodes.min(events + 1_000);
            }
            plain_yaml::general::parse(text, opts).map_err(|e| SyntaxError::from_saphyr(&e))?
        }
    };
    let Some(root) = root else {
        return Ok(None);
    };
    let mut lines = LineIndex::new(text);
    Ok(Some(positioned(root, &mut lines)).filter(|n| n.value != Value::Null))
}

fn positioned(n: SpannedNode, lines: &mut LineIndex) -> Node {
    let pos = Pos::at(lines, n.span.start);
    let value = match n.value {
        SpannedValue::Null => Value::Null,
        SpannedValue::Bool(b) => Value::Bool(b),
        SpannedValue::Int(i) => Value::Int(i),
        SpannedValue::Float(f) => Value::Float(f),
        SpannedValue::Str(s) => Value::Str(s.into_owned()),
        SpannedValue::Seq(items) => {
            Value::Seq(items.into_iter().map(|i| positioned(i, lines)).collect())
        }
        SpannedValue::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let k = positioned(k, lines);
                    (k, positioned(v, lines))
                })
                .collect(),
        ),
    };
    Node { value, pos }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(n: &Node) -> &Vec<(Node, Node)> {
        match &n.value {
            Value::Map(m) => m,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn nodes_know_their_positions() {
        for text in [
            "a: 1\nb:\n  - x\n  - 2.5\n",
            // Outside the subset (an anchor): read by the general parser, same places.
            "a: &n 1\nb:\n  - x\n  - 2.5\n",
        ] {
            let n = parse(text).unwrap().unwrap();
            let m = map(&n);
            assert_eq!(m[0].0.value, Value::Str("a".into()));
            assert_eq!(m[0].1.value, Value::Int(1));
            assert_eq!((m[1].0.pos.line, m[1].0.pos.col), (2, 1));
            let Value::Seq(items) = &m[1].1.value else {
                panic!()
            };
            assert_eq!(items[0].value, Value::Str("x".into()));
            assert_eq!((items[0].pos.line, items[0].pos.col), (3, 5));
            assert_eq!(items[1].value, Value::Float(2.5));
        }
    }

    #[test]
    fn empty_and_comment_only_documents_are_none() {
        assert!(parse("").unwrap().is_none());
        assert!(parse("# nothing here\n").unwrap().is_none());
        assert!(parse("~\n").unwrap().is_none());
    }

    #[test]
    fn syntax_errors_have_positions_and_kinds() {
        let e = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.pos.is_some(), "{e:?}");
        assert_eq!(e.kind, SyntaxKind::Other);
        let e = parse("a: 1\na: 2\n").unwrap_err();
        assert_eq!(e.kind, SyntaxKind::DuplicateKey("a".into()));
        assert_eq!(e.pos, Some(Pos { line: 2, col: 1 }));
        assert_eq!(
            e.explain().0,
            "the key `a` appears twice in the same mapping"
        );
        let e = parse("a:\n\t- b\n").unwrap_err();
        assert_eq!(e.kind, SyntaxKind::Tab);
        assert_eq!(
            e.explain().0,
            "YAML syntax error: tabs disallowed within this context (block indentation)"
        );
        let e = parse("a: 1\n---\na: 2\n").unwrap_err();
        assert_eq!(e.kind, SyntaxKind::Documents);
        let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        assert_eq!(parse(&deep).unwrap_err().kind, SyntaxKind::Budget);
        // Aliases are followed to the error they lead to.
        let e = parse("a: &x [1, 2]\nb: *x\nb: 3\n").unwrap_err();
        assert_eq!(e.kind, SyntaxKind::DuplicateKey("b".into()));
    }

    #[test]
    fn bom_and_crlf_load() {
        let n = parse("\u{feff}a: 1\r\nb: two\r\n").unwrap().unwrap();
        assert_eq!(map(&n)[1].1.value, Value::Str("two".into()));
        assert_eq!(map(&n)[1].1.pos, Pos { line: 2, col: 4 });
    }
}
