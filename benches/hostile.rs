//! The worst cases of hostile input, each at 1 MB and 2 MB of input: the time of the 2 MB case
//! should be about twice that of the 1 MB case (linear growth), not four times.
//!
//! `cargo bench --bench hostile`. Each case is what a command does with such a file, up to the
//! text it prints: load and check a curriculum, then render its problems as the binary does
//! (the first 50 in full, the rest counted by kind); read an answers file; draw a diagram.

use pathwise_core::answers::{self, Profile};
use pathwise_core::curriculum::{self, Curriculum, LoadOptions};
use pathwise_core::diag::{self, Diagnostic, Plain, Sources};
use pathwise_core::diagram;
use pathwise_core::yaml::Pos;
use std::fmt::Write as _;

const MEGABYTES: [usize; 2] = [1, 2];

fn main() {
    divan::main();
}

const AREA: &str = "areas:\n  - id: a\n    title: A\n    summary: s\n";

fn topic(out: &mut String, i: usize, area: &str, requires: Option<&str>) {
    {
        let _ = write!(out, "  - id: t{i}\n    title: T{i}\n    area: {area}\n");
    };
    if let Some(r) = requires {
        {
            let _ = writeln!(out, "    requires: [{r}]");
        };
    }
    out.push_str("    hours: 1\n    summary: s\n");
}

/// A curriculum file of about `mb` megabytes: `AREA`, then what `item` writes for 0, 1, 2, …
fn sized(mb: usize, head: &str, mut item: impl FnMut(&mut String, usize)) -> String {
    let mut out = String::from(head);
    let mut i = 0;
    while out.len() < mb << 20 {
        item(&mut out, i);
        i += 1;
    }
    out
}

/// Loads one curriculum file that has problems and renders them as `pathwise check` prints them.
fn check(text: &str) -> String {
    match curriculum::load_from_memory(false, &[("t.yaml", text.as_bytes())]) {
        Ok(_) => panic!("the curriculum was meant to have problems"),
        Err(e) => diag::render_first(&e.diagnostics, &e.sources, &Plain, 50, "--all-errors", ""),
    }
}

fn loaded(text: &str) -> Curriculum {
    curriculum::load_from_memory(false, &[("t.yaml", text.as_bytes())])
        .unwrap_or_else(|e| panic!("{}", e.render()))
}

/// Unknown keys in one topic (each message quotes its line).
#[divan::bench(args = MEGABYTES, sample_count = 3, sample_size = 1)]
fn unknown_keys(bencher: divan::Bencher, mb: usize) {
    let mut head = String::from(AREA);
    head.push_str("topics:\n");
    topic(&mut head, 0, "a", None);
    let text = sized(mb, &head, |out, i| {
        let _ = writeln!(out, "    k{i}: 1");
    });
    bencher.bench(|| check(&text));
}

/// Topics whose area does not exist (a did-you-mean each).
#[divan::bench(args = MEGABYTES, sample_count = 3, sample_size = 1)]
fn unknown_areas(bencher: divan::Bencher, mb: usize) {
    let text = sized(mb, &format!("{AREA}topics:\n"), |out, i| {
        topic(out, i, "nosuch", None);
    });
    bencher.bench(|| check(&text));
}

/// Topics that require themselves (a cycle each).
#[divan::bench(args = MEGABYTES, sample_count = 3, sample_size = 1)]
fn self_requiring_topics(bencher: divan::Bencher, mb: usize) {
    let text = sized(mb, &format!("{AREA}topics:\n"), |out, i| {
        topic(out, i, "a", Some(&format!("t{i}")));
    });
    bencher.bench(|| check(&text));
}

/// One topic in four requires a misspelt id: did-you-mean against every topic, bounded.
#[divan::bench(args = MEGABYTES, sample_count = 3, sample_size = 1)]
fn misspelt_references(bencher: divan::Bencher, mb: usize) {
    let text = sized(mb, &format!("{AREA}topics:\n"), |out, i| {
        let wrong = format!("t{}x", i / 4);
        topic(out, i, "a", (i % 4 == 0).then_some(wrong.as_str()));
    });
    bencher.bench(|| check(&text));
}

/// Every problem shown in full (`--all-errors`): diagnostics every ten characters of one long
/// line that is not ASCII, so that columns must be counted in characters.
#[divan::bench(args = MEGABYTES, sample_count = 3, sample_size = 1)]
fn all_errors_on_one_long_line(bencher: divan::Bencher, mb: usize) {
    let line = "é".repeat((mb << 20) / 2);
    let mut sources = Sources::default();
    sources.insert("t.yaml", &line);
    let diags: Vec<Diagnostic> = (0..line.chars().count() as u32 / 10)
        .map(|k| {
            Diagnostic::new(
                "t.yaml",
                Some(Pos {
                    line: 1,
                    col: k * 10 + 1,
                }),
                "x",
            )
        })
        .collect();
    bencher.bench(|| diag::render(&diags, &sources, &Plain));
}

/// An answers file of unknown questions, against the built-in curriculum.
#[divan::bench(args = MEGABYTES, sample_count = 3, sample_size = 1)]
fn unknown_answers(bencher: divan::Bencher, mb: usize) {
    let cur = curriculum::load(&LoadOptions {
        builtin: true,
        dirs: Vec::new(),
        cache_dir: None,
    })
    .unwrap_or_else(|e| panic!("{}", e.render()));
    let text = sized(mb, "", |out, i| {
        let _ = writeln!(out, "x{i}: 1");
    });
    bencher.bench(|| {
        let diags = answers::parse_file(&cur, "me.yaml", text.as_bytes()).unwrap_err();
        let mut sources = Sources::default();
        sources.insert("me.yaml", &text);
        diag::render_first(&diags, &sources, &Plain, 50, "--all-errors", "")
    });
}

/// A questionnaire of many questions, every one answered: reading the answers and making the
/// profile the planner works from.
#[divan::bench(args = MEGABYTES, sample_count = 3, sample_size = 1)]
fn many_answers(bencher: divan::Bencher, mb: usize) {
    let mut head = String::from(AREA);
    head.push_str("topics:\n");
    topic(&mut head, 0, "a", None);
    head.push_str(
        "questions:\n  - id: goals\n    prompt: Goals?\n    kind: multiselect\n    options:\n      \
         - id: all\n        label: All\n        wants: [t0]\n",
    );
    let mut n = 0;
    let text = sized(mb, &head, |out, i| {
        n = i + 1;
        {
            let _ = write!(
                out,
                "  - id: q{i}\n    prompt: Q?\n    kind: select\n    options:\n      - id: o0\n        \
             label: O0\n      - id: o1\n        label: O1\n"
            );
        };
    });
    let cur = loaded(&text);
    let mut answers_text = String::from("goals: [all]\n");
    for i in 0..n {
        {
            let _ = writeln!(answers_text, "q{i}: o{}", i % 2);
        };
    }
    bencher.bench(|| {
        let mut a = answers::parse_file(&cur, "me.yaml", answers_text.as_bytes())
            .unwrap_or_else(|_| panic!("the answers are valid"));
        answers::complete(&cur, &mut a).unwrap();
        Profile::from_answers(&cur, &a)
    });
}

/// As many areas as topics, a topic in each: the diagram groups topics by area.
#[divan::bench(args = MEGABYTES, sample_count = 3, sample_size = 1)]
fn diagram_of_many_areas(bencher: divan::Bencher, mb: usize) {
    let mut areas = String::from("areas:\n");
    let mut topics = String::from("topics:\n");
    let mut i = 0;
    while areas.len() + topics.len() < mb << 20 {
        {
            let _ = write!(areas, "  - id: a{i}\n    title: A{i}\n    summary: s\n");
        };
        topic(
            &mut topics,
            i,
            &format!("a{i}"),
            (i > 0).then(|| format!("t{}", i - 1)).as_deref(),
        );
        i += 1;
    }
    let cur = loaded(&(areas + &topics));
    let all: Vec<usize> = (0..cur.topics.len()).collect();
    bencher.bench(|| (diagram::mermaid(&cur, &all), diagram::dot(&cur, &all)));
}
