//! A reader for the plain subset of YAML that most hand-written configuration and data files
//! are written in, into a tree of nodes that know their byte spans.
//!
//! The subset: block mappings whose keys are simple words (`[A-Za-z_][A-Za-z0-9_]*`), block
//! sequences, one-line flow sequences of scalars and flow mappings, one-line flow mappings of
//! simple words to scalars (`{id: a, hours: 2}`), one-line plain, single- and double-quoted
//! scalars, folded and literal block scalars (clipped or stripped), comments and blank lines.
//! Plain scalars resolve as in YAML 1.2's core schema: `~`, `null` and empty are null, `true`
//! and `false` booleans, decimal integers and fractions numbers, anything else text.
//!
//! It reads the text directly, with no tokens or events, many times faster than a general
//! parser. At anything outside the subset, or anything whose meaning it is not sure of
//! (anchors, tags, nested flow collections, multi-line plain or quoted scalars, `yes`, `0x1F`, `012`,
//! tabs, carriage returns, duplicate keys, unusual characters, …) it stops with
//! [`Unsupported`], and the caller reads the document with a general parser. With the
//! `serde-saphyr` feature (on by default), [`general::parse`] is that parser, building the same
//! tree: wherever this reader reads a document, serde-saphyr reads the same values at the same
//! places (the crate's property tests and a fuzz target check that).
//!
//! ```
//! let doc = plain_yaml::parse("name: Ann\ntools: [numpy, mpi4py]\n").unwrap().unwrap();
//! let plain_yaml::Value::Map(entries) = &doc.value else { panic!() };
//! assert_eq!(entries[1].1.span.start, 17);
//! let mut lines = plain_yaml::LineIndex::new("name: Ann\ntools: [numpy, mpi4py]\n");
//! assert_eq!(lines.position(entries[1].1.span.start), plain_yaml::Position { line: 2, column: 8 });
//! ```
//!
//! A large document whose root is a mapping of lists can be read one list item at a time with
//! [`entries`], so that it is never a whole tree in memory.

use std::borrow::Cow;

#[cfg(feature = "serde-saphyr")]
pub mod general;
mod lines;
mod parser;

pub use lines::{LineIndex, Position};
pub use parser::{Entries, Entry, entries, parse};

/// Where a node is written: byte offsets into the text read, `start` inclusive, `end`
/// exclusive. A scalar's span covers its text as written (quotes included); a collection's
/// starts at its first key, dash or bracket, and a null written as nothing has an empty span
/// where serde-saphyr places it (the colon of its key, or the end of its dash's line).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A value with the place it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub value: Value<'a>,
    pub span: Span,
}

/// A YAML value. Text borrows from the document where it is written as it reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Cow<'a, str>),
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
}

impl Value<'_> {
    /// The text, if this is text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// The document is outside the subset (or is not valid YAML): read it with a general parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsupported {
    /// About where the reader stopped, as a byte offset; for finding out why.
    pub offset: usize,
}

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "outside the plain YAML subset (at byte {})", self.offset)
    }
}

impl std::error::Error for Unsupported {}

/// At most this many nodes in a document: a general parser's budget is usually higher, so that
/// a document this reader accepts is not one the general parser refuses as too large.
pub const MAX_NODES: usize = 4_000_000;

/// At most this many nested collections (serde-saphyr's default budget allows more).
pub const MAX_DEPTH: usize = 16;

/// Mappings with more keys than this are left to the general parser.
pub const MAX_KEYS: usize = 24;
