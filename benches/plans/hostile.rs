//! Plan files made to be slow: the shapes that once took pathwise minutes or hundreds of
//! megabytes. Shared by `benches/hostile_plans.rs` (at 1 MB and 2 MB, to show linear growth)
//! and the regression tests in `tests/cli/hostile_plans.rs` (larger, bounded in memory).

use std::fmt::Write as _;

/// A valid front matter for the built-in guide.
pub(crate) const FRONT: &str = "---\npathwise: 0.1.0\ncurriculum: 0\ncreated: 2026-01-01\nanswers:\n  goals: [\"profile\"]\n---\n\n";

fn grow(bytes: usize, mut piece: impl FnMut(usize, &mut String)) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    s.push_str(FRONT);
    let mut i = 0;
    while s.len() < bytes {
        piece(i, &mut s);
        i += 1;
    }
    s
}

/// One item with a long text of the person's after its marker, and many copies of the item.
pub(crate) fn repeated_item_with_tail(bytes: usize) -> String {
    let item = "- [x] [NumPy](https://numpy.org) — library, 8 h <!-- pathwise:numpy topic=numpy-arrays area=learn week=1 hours=8 -->";
    let mut first = true;
    grow(bytes, |_, s| {
        s.push_str(item);
        if first {
            first = false;
            s.push(' ');
            s.push_str(&"my own words after the marker ".repeat(bytes / 60));
        }
        s.push('\n');
    })
}

/// Task lines, as short as they come.
pub(crate) fn tiny_tasks(bytes: usize) -> String {
    grow(bytes, |i, s| {
        s.push_str(if i % 2 == 0 { "- [ ] a\n" } else { "- [x] b\n" });
    })
}

/// Items of a file without an index, each in a topic and an area of its own.
pub(crate) fn distinct_areas(bytes: usize) -> String {
    grow(bytes, |i, s| {
        let _ = writeln!(
            s,
            "- [ ] [R{i}](https://example.org/{i}) — book, 1 h <!-- pathwise:r{i} topic=t{i} area=a{i} week={} hours=1 -->",
            i % 50 + 1
        );
    })
}

/// Items, each followed by notes of the person's (about 200,000 notes in 4 MB).
pub(crate) fn many_notes(bytes: usize) -> String {
    grow(bytes, |i, s| {
        if i % 20 == 0 {
            let _ = writeln!(
                s,
                "\n- [ ] [R{i}](https://example.org/{i}) — book, 1 h <!-- pathwise:r{i} topic=t{} area=learn week=1 hours=1 -->\n",
                i / 200
            );
        }
        let _ = writeln!(s, "Note {i}.");
    })
}

/// A plan as pathwise writes it: week sections, topics with a line each and three items, an
/// index; `seed` makes two plans differ in a third of their topics.
pub(crate) fn big_plan(bytes: usize, seed: usize) -> String {
    let mut index = String::from("<!-- pathwise:index\n");
    let mut s = grow(bytes, |i, s| {
        let t = if i % 3 == 0 { i + seed } else { i };
        let w = i / 10 + 1;
        if i % 10 == 0 {
            let _ = writeln!(s, "## Week {w} <!-- pathwise:week {w} -->\n");
        }
        let _ = writeln!(s, "### {}. Topic {t} <!-- pathwise:topic t{t} -->\n", i + 1);
        let _ = writeln!(
            s,
            "_area{} · 2 h · week {w} · why: part of goal g_ <!-- pathwise:why t{t} -->\n",
            t % 7
        );
        for k in 0..3 {
            let _ = writeln!(
                s,
                "- [{}] [Resource {t}-{k}](https://example.org/{t}/{k}) — book, 2 h <!-- pathwise:r{t}-{k} topic=t{t} area=area{} week={w} hours=2{} -->",
                if (i + k) % 5 == 0 { "x" } else { " " },
                t % 7,
                if k > 0 { " optional=yes" } else { "" }
            );
        }
        s.push('\n');
        let _ = writeln!(
            index,
            "topic t{t} area=area{} weeks={w}-{w} hours=2 primary=r{t}-0 alternatives=r{t}-1,r{t}-2",
            t % 7
        );
    });
    index.push_str("-->\n");
    s.push_str(&index);
    s
}

/// Nested aliases in the front matter: under 500 bytes that would expand to billions of nodes.
pub(crate) fn alias_bomb() -> String {
    let mut s = String::from("---\npathwise: 0.1.0\na: &a [x,x,x,x,x,x,x,x,x]\n");
    let names: Vec<char> = "abcdefghijk".chars().collect();
    for w in names.windows(2) {
        let _ = writeln!(
            s,
            "{}: &{} [{}]",
            w[1],
            w[1],
            vec![format!("*{}", w[0]); 9].join(",")
        );
    }
    s.push_str("answers:\n  goals: [\"profile\"]\n---\n");
    s
}

/// A front matter with `n` answers to questions the curriculum does not have.
pub(crate) fn unknown_answers(n: usize) -> String {
    let mut s = String::from(
        "---\npathwise: 0.1.0\ncurriculum: 0\ncreated: 2026-01-01\nanswers:\n  goals: [\"profile\"]\n",
    );
    for i in 0..n {
        let _ = writeln!(s, "  no_such_question_{i}: 1");
    }
    s.push_str("---\n\n# Learning plan\n");
    s
}
