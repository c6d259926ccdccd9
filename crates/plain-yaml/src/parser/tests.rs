use super::*;
use std::fmt::Write as _;

/// serde-saphyr with the settings a careful caller uses: YAML 1.2 booleans only.
#[cfg(feature = "serde-saphyr")]
fn options() -> serde_saphyr::Options {
    serde_saphyr::options! { strict_booleans: true }
}

fn str(s: &str) -> Value<'_> {
    Value::Str(Cow::Borrowed(s))
}

/// The values of a tree with its spans' starts, written compactly: `{a@0: 1@3}`.
fn show(n: &Node) -> String {
    let v = match &n.value {
        Value::Null => "~".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => format!("{f:?}"),
        Value::Str(s) => format!("{s:?}"),
        Value::Seq(items) => format!(
            "[{}]",
            items.iter().map(show).collect::<Vec<_>>().join(", ")
        ),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", show(k), show(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!("{v}@{}", n.span.start)
}

#[test]
fn reads_values_at_their_places() {
    let text =
        "topics:\n  - id: a\n    requires: [b, 'c']\n    hours: 1.5\n    done: true\n    note:\n";
    let root = parse(text).unwrap().unwrap();
    assert_eq!(
        show(&root),
        "{\"topics\"@0: [{\"id\"@12: \"a\"@16, \"requires\"@22: [\"b\"@33@, \"c\"@36]@32, \
         \"hours\"@45: 1.5@52, \"done\"@60: true@66, \"note\"@75: ~@79}@12]@10}@0"
            .replace("@33@", "@33")
    );
    let Value::Map(top) = &root.value else {
        panic!()
    };
    let Value::Seq(items) = &top[0].1.value else {
        panic!()
    };
    let Value::Map(fields) = &items[0].value else {
        panic!()
    };
    assert_eq!(fields[0].1.value, str("a"));
    // Text that needs no unescaping borrows from the document.
    assert!(matches!(fields[0].1.value, Value::Str(Cow::Borrowed(_))));
    assert_eq!(fields[0].1.span, Span { start: 16, end: 17 });
}

#[test]
fn empty_documents_are_none() {
    for text in ["", "\n\n", "# only a comment\n", "  # indented comment"] {
        assert_eq!(parse(text), Ok(None), "{text:?}");
        assert_eq!(entries(text).count(), 0, "{text:?}");
    }
}

#[test]
fn entries_hand_out_list_items_one_at_a_time() {
    let text = "areas: []\ntopics:\n  - id: a\n  - id: b\nresources:\n- id: r\nquestions:\nx: 1\n";
    let got: Vec<String> = entries(text)
        .map(|e| match e.unwrap() {
            Entry::Pair(k, v) => format!("pair {}: {}", show(&k), show(&v)),
            Entry::List(k) => format!("list {}", show(&k)),
            Entry::Item(n) => format!("item {}", show(&n)),
            Entry::Root(n) => format!("root {}", show(&n)),
        })
        .collect();
    assert_eq!(
        got,
        [
            "pair \"areas\"@0: []@7",
            "list \"topics\"@10",
            "item {\"id\"@22: \"a\"@26}@22",
            "item {\"id\"@32: \"b\"@36}@32",
            "list \"resources\"@38",
            "item {\"id\"@51: \"r\"@55}@51",
            "pair \"questions\"@57: ~@66",
            "pair \"x\"@68: 1@71",
        ]
    );
    // A root that is not a mapping comes whole.
    let got: Vec<_> = entries("- a\n- b\n").collect();
    assert_eq!(got.len(), 1);
    assert!(matches!(&got[0], Ok(Entry::Root(Node { value: Value::Seq(s), .. })) if s.len() == 2));
}

#[test]
fn entries_end_with_the_reason_to_give_up() {
    let text = "topics:\n  - id: a\n  - id: &x b\n  - id: c\n";
    let got: Vec<_> = entries(text).collect();
    assert!(matches!(got[0], Ok(Entry::List(_))));
    assert!(matches!(got[1], Ok(Entry::Item(_))));
    assert!(got[2].is_err());
    assert_eq!(got.len(), 3);
    assert!(parse(text).is_err());
    // A repeated root key, found after the first one's items were handed out.
    let text = "topics:\n  - id: a\ntopics: []\n";
    assert!(entries(text).last().unwrap().is_err());
}

#[cfg(feature = "serde-saphyr")]
#[test]
fn reads_the_subset_as_serde_saphyr_does() {
    let cases = [
        "topics:\n  - id: a\n    title: Topic one, on [x]\n    requires: [b, 'c', \"d\"]\n    hours: 12\n    summary: It's 1.5 times # a comment\n",
        "# heading\n\nresources:\n- id: r\n  url: https://e.org/a#frag\n  teaches:\n  - a\n  -   b\n  hours: 0.25\n\n  note: ~\n  version:\n",
        "a:\n    b:\n        - x\n        -\n          c: \"tab\\there \\u00e9 \\\"q\\\" \\\\\"\n    d: 'it''s'\ne: []\nf: x:y\n",
        "a: null\nb: Null\nc: 0\nd: 10.50\ne: é ü\nf: true\ng: false\n",
        "a: 1",
        "a:\n  - x\n  -\n  - # note\n  -   \n  - z\nb: # c\n  - z\nc: # c\n  k: w\nd: # c\ne:\n",
        "a:\n-\n- x\nb:\n- # c\n  - y1\n",
        "a:\n- id: x\n  t: 1\n- z\nb: >-\n  folded\n  text\n\n  more\nc: |\n  literal\n  text\n",
        "- a\n- b\n",
        "# c\n\n- k: 1\n  l:\n    - m\n",
        "  a: 1\n  b:\n  - c\n",
        "a: [ ]\nb: ''\nc: \"\"\nd: [1, 1.5, null, x y, 'q', \"d\"]\n",
        "a: {}\nb: {x: 1, yy: 'q', z: null, w: \"d\"}\nc: [{}, {d: e}, f]\nd:\n  - {id: a, nn: 1.5}\n  -  {  }\n",
    ];
    for text in cases {
        assert!(parse(text).is_ok(), "not read: {text:?}");
        assert!(entries(text).all(|e| e.is_ok()), "not read: {text:?}");
        crate::general::agrees(text, options()).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    }
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
    assert!(parse(&text).is_ok(), "{text}");
    assert!(parse(&nested(MAX_DEPTH)).is_err());
    assert!(entries(&nested(MAX_DEPTH)).any(|e| e.is_err()));
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
        "a: {b: {c: 1}}\n",
        "a: {b: [1]}\n",
        "a: {b}\n",
        "a: {b: }\n",
        "a: {b: 1, }\n",
        "a: {b:1}\n",
        "a: {\"b\": 1}\n",
        "a: {b: 1, b: 2}\n",
        "a: [{b: 1}, [c]]\n",
        "a: {b: 1} c\n",
        "a: {b: 1\n",
        "a: yes\n",
        "a: No\n",
        "a: True\n",
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
        "a: 99999999999999999999\n",
        "a: b: c\n",
        "a: b:\n",
        "a:\tb\n",
        "a: b\r\nc: d\r\n",
        "a: x\u{85}y\n",
        "a: x\u{2028}y\n",
        "a: x\u{feff}y\n",
        "\u{feff}a: 1\n",
        "a: x\u{7f}\n",
        "---\na: 1\n",
        "a: 1\n...\n",
        "%YAML 1.2\n---\na: 1\n",
        "? a\n: 1\n",
        "\"a\": 1\n",
        "a b: 1\n",
        "a: 1\na: 2\n",
        "null: 1\n",
        "true: 1\n",
        "y: 1\n",
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
        "a:\n- - x\n",
        "hello\n",
        // Deeper nesting than the subset reads.
        &nested(20),
        // serde-saphyr refuses 32 comments between a key and its value.
        &format!("a: # x\n{}  - x\n", "  # c\n".repeat(40)),
        &format!("a:\n  -\n{}    b: 1\n", "# c\n".repeat(40)),
        // More keys in one mapping than the subset reads.
        &(0..30).fold(String::new(), |mut s, i| {
            let _ = writeln!(s, "k{i}: 1");
            s
        }),
    ];
    for text in outside {
        assert!(parse(text).is_err(), "{text:?}");
        assert!(entries(text).any(|e| e.is_err()), "{text:?}");
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
        Err(Unsupported { offset: 19 })
    );
    assert!(check_characters("sixteen bytes ok\u{85}".as_bytes()).is_err());
    assert_eq!(check_characters("é ü — fine".as_bytes()), Ok(()));
}

/// A flow list of many ids on one line, and many lines: reading takes one pass.
#[test]
fn long_lines_and_long_lists_are_read() {
    let ids: Vec<String> = (0..50_000).map(|i| format!("t{i}")).collect();
    let text = format!("requires: [{}]\n", ids.join(", "));
    let root = parse(&text).unwrap().unwrap();
    let Value::Map(m) = &root.value else { panic!() };
    let Value::Seq(items) = &m[0].1.value else {
        panic!()
    };
    assert_eq!(items.len(), 50_000);
    assert_eq!(items[49_999].value, str("t49999"));
}
