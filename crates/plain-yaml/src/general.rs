//! The same tree from serde-saphyr, for any YAML: the general parser to fall back on.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Options, Spanned};

use crate::{Node, Span, Value};

/// Parses one YAML document with serde-saphyr into nodes with their spans (a node's span starts
/// where serde-saphyr places it; for text its end is that of the text as written, for other
/// values the span is empty). An empty document is `Ok(None)`. Integers beyond `i64` become
/// (rounded) floats.
pub fn parse(text: &str, options: Options) -> Result<Option<Node<'_>>, serde_saphyr::Error> {
    let raw: Option<Spanned<Raw<'_>>> = serde_saphyr::from_str_with_options(text, options)?;
    Ok(raw.map(convert))
}

fn convert(sp: Spanned<Raw<'_>>) -> Node<'_> {
    let span = sp.referenced.span();
    let start = span.byte_offset().map_or(0, |o| o as usize);
    let len = span.byte_len().map_or(0, |l| l as usize);
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
    let end = if matches!(value, Value::Str(_)) {
        start + len
    } else {
        start
    };
    Node {
        value,
        span: Span { start, end },
    }
}

/// A value as serde-saphyr hands it over, its children wrapped in their places.
enum Tree<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Seq(Vec<Spanned<Raw<'a>>>),
    Map(Vec<(Spanned<Raw<'a>>, Spanned<Raw<'a>>)>),
}

struct Raw<'a>(Tree<'a>);

impl<'de> Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TreeVisitor(PhantomData)).map(Raw)
    }
}

struct TreeVisitor<'de>(PhantomData<&'de ()>);

impl<'de> Visitor<'de> for TreeVisitor<'de> {
    type Value = Tree<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Tree<'de>, E> {
        Ok(Tree::Null)
    }
    fn visit_none<E>(self) -> Result<Tree<'de>, E> {
        Ok(Tree::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Tree<'de>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Tree<'de>, E> {
        Ok(Tree::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Tree<'de>, E> {
        Ok(Tree::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Tree<'de>, E> {
        Ok(i64::try_from(v).map_or(Tree::Float(v as f64), Tree::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Tree<'de>, E> {
        Ok(i64::try_from(v).map_or(Tree::Float(v as f64), Tree::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Tree<'de>, E> {
        Ok(i64::try_from(v).map_or(Tree::Float(v as f64), Tree::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Tree<'de>, E> {
        Ok(Tree::Float(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Tree<'de>, E> {
        Ok(Tree::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Tree<'de>, E> {
        Ok(Tree::Str(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> Result<Tree<'de>, E> {
        Ok(Tree::Str(Cow::Owned(v)))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Tree<'de>, E> {
        String::from_utf8(v.to_vec())
            .map(|s| Tree::Str(Cow::Owned(s)))
            .map_err(|_| E::custom("binary data is not valid UTF-8 text"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Tree::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree<'de>, A::Error> {
        let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(0).min(1024));
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Tree::Map(entries))
    }
}

/// Whether serde-saphyr reads a document as the subset reader does: `Ok` when the subset
/// reader gives up on it, or when serde-saphyr reads the same values at the same places, both
/// from [`crate::parse`] and from [`crate::entries`]; otherwise what differs. For tests and
/// fuzzing.
pub fn agrees(text: &str, options: Options) -> Result<(), String> {
    let whole = crate::parse(text);
    let parts = reassemble(text);
    if whole.is_err() && parts.is_err() {
        return Ok(());
    }
    let general = parse(text, options)
        .map_err(|e| format!("the subset reader reads what serde-saphyr refuses: {e}"))?;
    if let Ok(whole) = whole {
        compare(whole.as_ref(), general.as_ref(), true, "parse")?;
    }
    if let Ok(parts) = parts {
        compare(parts.as_ref(), general.as_ref(), false, "entries")?;
    }
    Ok(())
}

/// The document from [`crate::entries`], put back together. The spans of the lists under root
/// keys are not known (entries do not give them): they are left empty.
fn reassemble(text: &str) -> Result<Option<Node<'_>>, crate::Unsupported> {
    let mut root: Option<Node> = None;
    let mut entries: Vec<(Node, Node)> = Vec::new();
    for e in crate::entries(text) {
        match e? {
            crate::Entry::Root(n) => root = Some(n),
            crate::Entry::Pair(k, v) => entries.push((k, v)),
            crate::Entry::List(k) => entries.push((
                k,
                Node {
                    value: Value::Seq(Vec::new()),
                    span: Span::default(),
                },
            )),
            crate::Entry::Item(n) => match entries.last_mut() {
                Some((
                    _,
                    Node {
                        value: Value::Seq(items),
                        ..
                    },
                )) => items.push(n),
                _ => unreachable!("items come after a list"),
            },
        }
    }
    if let Some((k, _)) = entries.first() {
        let start = k.span.start;
        root = Some(Node {
            value: Value::Map(entries),
            span: Span { start, end: start },
        });
    }
    Ok(root)
}

fn compare(a: Option<&Node>, b: Option<&Node>, exact: bool, via: &str) -> Result<(), String> {
    match (a, b) {
        (None, None) => Ok(()),
        // serde-saphyr reads a document of only `~` as null, which is no document to the
        // subset reader (it gives up on a root scalar).
        (Some(a), Some(b)) => node(a, b, exact, via),
        (a, b) => Err(format!("{via}: {a:?} against serde-saphyr's {b:?}")),
    }
}

fn node(a: &Node, b: &Node, exact: bool, via: &str) -> Result<(), String> {
    let differ = || Err(format!("{via}: {a:?}\nagainst serde-saphyr's\n{b:?}"));
    // Lists under root keys read through `entries` have no span of their own.
    let unplaced = !exact && a.span == Span::default() && matches!(a.value, Value::Seq(_));
    if a.span.start != b.span.start && !unplaced {
        return differ();
    }
    match (&a.value, &b.value) {
        (Value::Seq(x), Value::Seq(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .try_for_each(|(a, b)| node(a, b, exact, via)),
        (Value::Map(x), Value::Map(y)) if x.len() == y.len() => {
            x.iter().zip(y).try_for_each(|((ka, va), (kb, vb))| {
                node(ka, kb, exact, via)?;
                node(va, vb, exact, via)
            })
        }
        (Value::Float(x), Value::Float(y)) if x.to_bits() == y.to_bits() => Ok(()),
        (x, y) if !matches!(x, Value::Seq(_) | Value::Map(_)) && x == y => Ok(()),
        _ => differ(),
    }
}
