//! A small, spanned YAML document tree on top of serde-saphyr.
//!
//! The curriculum loader wants to report *every* problem in a file at once, with its line and
//! column. Deserialising straight into typed structs stops at the first mistake, so each file is
//! first read into this tree (every node remembers where it stood), and the typed model is built
//! from the tree by hand, collecting diagnostics as it goes.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, Options, Spanned};

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
}

/// A YAML value whose children are `C`: nodes in the finished tree, position-wrapped raw
/// values while reading with positions.
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
    pub message: String,
    pub pos: Option<Pos>,
}

impl SyntaxError {
    /// The parser's message made into one a person can act on, and what to do, where known.
    pub fn explain(&self) -> (String, Option<String>) {
        let msg = &self.message;
        let lower = msg.to_lowercase();
        if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
            let key = rest.split(", set ").next().unwrap_or(rest);
            return (
                format!("the key `{key}` appears twice in the same mapping"),
                Some("remove or rename one of them".into()),
            );
        }
        if lower.contains("tab") {
            return (
                format!("YAML syntax error: {msg}"),
                Some("indent with spaces; YAML does not allow tabs for indentation".into()),
            );
        }
        if lower.contains("budget") {
            if lower.contains("documents") {
                return (
                    "the file holds more than one YAML document".into(),
                    Some("remove the `---` separators; the file is one document".into()),
                );
            }
            return (
                format!("the file is too large or too deeply nested to read safely ({msg})"),
                Some(
                    "split it into smaller files and avoid deep nesting and repeated aliases"
                        .into(),
                ),
            );
        }
        (format!("YAML syntax error: {msg}"), None)
    }
}

/// Where in a byte string the first invalid UTF-8 byte is, as a 1-based line and column.
pub fn utf8_error_pos(bytes: &[u8], valid_up_to: usize) -> Pos {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
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

/// The parser's settings: one document, a budget against hostile files, YAML 1.2 booleans.
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

/// Parses one YAML document, every node with its position. An empty document (nothing but
/// comments) is `Ok(None)`.
pub fn parse(text: &str) -> Result<Option<Node>, SyntaxError> {
    parse_with(text, true)
}

/// Parses one YAML document; without `positions` every node's position is left at zero, which
/// is about half again as fast. Loaders read valid files that way and, if anything is wrong,
/// read them again with positions to point at the mistakes.
pub fn parse_with(text: &str, positions: bool) -> Result<Option<Node>, SyntaxError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(SyntaxError {
            message: format!(
                "the file is {} bytes; pathwise reads YAML files of at most {} bytes",
                text.len(),
                MAX_FILE_BYTES
            ),
            pos: None,
        });
    }
    // A byte order mark is allowed at the very start; the parser does not need to see it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let to_syntax = |e: serde_saphyr::Error| {
        let pos = e
            .location()
            .map(|l| Pos::from_location(&l))
            .filter(|p| p.line > 0);
        SyntaxError {
            message: clean_message(&e),
            pos,
        }
    };
    if positions {
        let raw: Option<Spanned<Raw>> =
            serde_saphyr::from_str_with_options(text, options()).map_err(to_syntax)?;
        Ok(raw.map(convert).filter(|n| n.value != Value::Null))
    } else {
        let node: Option<Node> =
            serde_saphyr::from_str_with_options(text, options()).map_err(to_syntax)?;
        Ok(node.filter(|n| n.value != Value::Null))
    }
}

fn clean_message(e: &serde_saphyr::Error) -> String {
    let text = e.without_snippet().to_string();
    // The library appends " at line L column C"; pathwise prints the position itself.
    let first = text.lines().next().unwrap_or("").trim().to_string();
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first,
    }
}

fn convert(sp: Spanned<Raw>) -> Node {
    let pos = Pos::from_location(&sp.referenced);
    let value = match sp.value.0 {
        Tree::Null => Value::Null,
        Tree::Bool(b) => Value::Bool(b),
        Tree::Int(i) => Value::Int(i),
        Tree::Float(f) => Value::Float(f),
        Tree::Str(s) => Value::Str(s),
        Tree::Seq(items) => Value::Seq(items.into_iter().map(convert).collect()),
        Tree::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(k), convert(v)))
                .collect(),
        ),
    };
    Node { value, pos }
}

/// A node without its position, read straight from the parser.
impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor::<Node>(PhantomData))
            .map(|value| Node {
                value,
                pos: Pos::default(),
            })
    }
}

/// A value read with its children wrapped in their positions; [`convert`] makes it a node.
struct Raw(Tree<Spanned<Raw>>);

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor::<Spanned<Raw>>(PhantomData))
            .map(Raw)
    }
}

/// Reads any YAML value into a [`Tree`] whose children are read as `C`.
struct TreeVisitor<C>(PhantomData<C>);

impl<'de, C: Deserialize<'de>> Visitor<'de> for TreeVisitor<C> {
    type Value = Tree<C>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Tree<C>, E> {
        Ok(Tree::Null)
    }
    fn visit_none<E>(self) -> Result<Tree<C>, E> {
        Ok(Tree::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Tree<C>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Tree<C>, E> {
        Ok(Tree::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Tree<C>, E> {
        Ok(Tree::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Tree<C>, E> {
        // Integers beyond i64 are kept as (rounded) floats.
        Ok(i64::try_from(v).map_or(Tree::Float(v as f64), Tree::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Tree<C>, E> {
        // Integers beyond i64 are kept as (rounded) floats.
        Ok(i64::try_from(v).map_or(Tree::Float(v as f64), Tree::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Tree<C>, E> {
        // Integers beyond i64 are kept as (rounded) floats.
        Ok(i64::try_from(v).map_or(Tree::Float(v as f64), Tree::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Tree<C>, E> {
        Ok(Tree::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Tree<C>, E> {
        Ok(Tree::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Tree<C>, E> {
        Ok(Tree::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Tree<C>, E> {
        String::from_utf8(v.to_vec())
            .map(Tree::Str)
            .map_err(|_| E::custom("binary data is not valid UTF-8 text"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree<C>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element::<C>()? {
            items.push(item);
        }
        Ok(Tree::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree<C>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some((k, v)) = map.next_entry::<C, C>()? {
            entries.push((k, v));
        }
        Ok(Tree::Map(entries))
    }
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
        let n = parse("a: 1\nb:\n  - x\n  - 2.5\n").unwrap().unwrap();
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

    #[test]
    fn empty_and_comment_only_documents_are_none() {
        assert!(parse("").unwrap().is_none());
        assert!(parse("# nothing here\n").unwrap().is_none());
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.pos.is_some(), "{e:?}");
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let e = parse("a: 1\na: 2\n").unwrap_err();
        assert!(
            e.message.to_lowercase().contains("duplicate"),
            "{}",
            e.message
        );
    }

    #[test]
    fn without_positions_the_tree_is_the_same() {
        let text = "a: [1, x, {b: 2.5}]\nc: ~\nd: \"é\"\n";
        fn strip(n: Node) -> Node {
            let value = match n.value {
                Value::Seq(items) => Value::Seq(items.into_iter().map(strip).collect()),
                Value::Map(e) => {
                    Value::Map(e.into_iter().map(|(k, v)| (strip(k), strip(v))).collect())
                }
                v => v,
            };
            Node {
                value,
                pos: Pos::default(),
            }
        }
        let with = parse_with(text, true).unwrap().unwrap();
        let without = parse_with(text, false).unwrap().unwrap();
        assert_eq!(strip(with), without);
    }

    #[test]
    fn bom_and_crlf_load() {
        let n = parse("\u{feff}a: 1\r\nb: two\r\n").unwrap().unwrap();
        assert_eq!(map(&n)[1].1.value, Value::Str("two".into()));
    }
}
