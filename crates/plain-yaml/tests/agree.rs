//! Property tests: documents written in many styles, read by the subset reader and by
//! serde-saphyr, must give the same values at the same places wherever the subset reader
//! reads them; and plain documents must be read.

#![cfg(feature = "serde-saphyr")]

use proptest::prelude::*;

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! { strict_booleans: true }
}

/// A document tree to write in YAML in many ways.
#[derive(Debug, Clone)]
enum Node {
    Scalar(&'static str),
    /// Nothing after the key or dash: a null.
    Empty,
    /// A block scalar: folded or literal, stripped or clipped, its lines.
    Block(bool, bool, Vec<&'static str>),
    Flow(Vec<&'static str>),
    Seq(Vec<Node>),
    Map(Vec<(&'static str, Node)>),
}

/// Scalars as written in the text, beyond the safe ones: to be given up on, or read exactly as
/// serde-saphyr reads them. The tricky documents draw from both pools.
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
    "True",
    "FALSE",
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
    "9223372036854775808",
    "1.",
    "a:",
    "- x",
    "{a}",
    "{a: }",
    "{a: 1, }",
    "{a: [1]}",
    "{a: {b: 1}}",
    "{a:1}",
    "{\"a\": 1}",
    "{a: 1, a: 2}",
    "{a: x y}",
    "{a: 'q' }",
    "{ a: b }",
    "{null: 1}",
    "{a: b} c",
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
    "true",
    "false",
    "It's (fine) [really]",
    "2.x",
    "5th edition",
    "2020, open access",
    "3 hours",
    "9223372036854775807",
    "{}",
    "{a: b}",
    "{id: x, nn: null, h: 1.5}",
    "{title: 'T', s: \"d\"}",
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
const SAFE_FLOW: &[&str] = &[
    "a",
    "b-c",
    "1",
    "1.5",
    "'q'",
    "\"d\"",
    "null",
    "é",
    "true",
    "{}",
    "{a: 1}",
    "{id: x, t: 'T'}",
];
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
    // Safe flow items are id-like and safe block scalars start with a line of text and have no
    // more-indented lines (the subset leaves the others to the general parser).
    let (flow_pool, first_lines, lines) = if tricky {
        (pool, BLOCK_LINES, BLOCK_LINES)
    } else {
        (SAFE_FLOW.to_vec(), SAFE_FIRST_LINES, SAFE_BLOCK_LINES)
    };
    let flow =
        proptest::collection::vec(proptest::sample::select(flow_pool), 0..4).prop_map(Node::Flow);
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
    let leaf = prop_oneof![3 => scalar, 1 => Just(Node::Empty), 1 => flow, 1 => block];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..4).prop_map(Node::Seq),
            proptest::collection::vec((proptest::sample::select(KEYS), inner), 1..4)
                .prop_map(Node::Map),
        ]
    })
}

/// Writes a tree as YAML; `style` bytes pick indentation, compact sequences, comments and blank
/// lines.
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
            Node::Empty => self.end_line(indent),
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
                _ => self.inline(v, indent),
            }
        }
    }

    fn seq(&mut self, items: &[Node], indent: usize) {
        for item in items {
            self.out.push_str(&" ".repeat(indent));
            self.out.push('-');
            match item {
                Node::Map(m) => {
                    let gap = 1 + self.pick(2) as usize;
                    self.out.push_str(&" ".repeat(gap));
                    self.map(m, indent + 1 + gap, true);
                }
                Node::Seq(inner) => {
                    self.end_line(indent);
                    self.seq(inner, indent + 2);
                }
                _ => self.inline(item, indent),
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

    /// Wherever the subset reader reads a document, serde-saphyr reads the same values at the
    /// same places.
    #[test]
    fn never_reads_differently(doc in root(true), style in proptest::collection::vec(any::<u8>(), 1..16)) {
        let text = write(&doc, &style);
        let agreed = plain_yaml::general::agrees(&text, options());
        prop_assert!(agreed.is_ok(), "{}\n{}", text, agreed.unwrap_err());
    }

    /// Plain documents without repeated keys are inside the subset (read by `entries` at
    /// least: `parse` gives up on a list at its key's column whose first item is empty).
    #[test]
    fn reads_plain_documents(doc in root(false), style in proptest::collection::vec(any::<u8>(), 1..16)) {
        let text = write(&doc, &style);
        let agreed = plain_yaml::general::agrees(&text, options());
        prop_assert!(agreed.is_ok(), "{}\n{}", text, agreed.unwrap_err());
        let general = plain_yaml::general::parse(&text, options());
        // Repeated keys (which the generator may write) are refused by both.
        let read = plain_yaml::entries(&text).all(|e| e.is_ok());
        prop_assert_eq!(read, general.is_ok(), "{}", text);
    }
}
