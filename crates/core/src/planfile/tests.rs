//! Plan files as people and tools edit them: every case the issue reproduced, and a property
//! test over random sequences of such edits.

use std::fmt::Write as _;

use crate::answers::{Answers, Profile};
use crate::curriculum::{AnswerValue, Curriculum, load_from_memory};
use crate::plan;
use crate::planfile::markdown::{self, Meta};
use crate::planfile::progress::{self, Progress};
use crate::planfile::read::{self, PlanFile, Problem};
use crate::planfile::refresh::{self, Stamp};
use crate::planfile::{diff, team};

/// Seven topics: `basics` (one book), `arrays` (docs, and a course as the alternative),
/// `formats` (only continues with the book), `tables`, `messages`, `solvers` (a primary, an
/// alternative and a legacy resource), and `cloud` (no resource at all).
const CURRICULUM: &str = r#"
areas:
  - { id: learn, title: Learn, summary: Foundations. }
  - { id: scale, title: Scale, summary: Many processes. }
topics:
  - { id: basics, title: Basics, area: learn, hours: 4, summary: First steps. }
  - { id: arrays, title: Arrays, area: learn, requires: [basics], hours: 6, summary: Arrays. }
  - { id: formats, title: File formats, area: learn, requires: [arrays], hours: 2, summary: Formats. }
  - { id: tables, title: Tables, area: learn, requires: [arrays], hours: 3, summary: Tables. }
  - { id: messages, title: Message passing, area: scale, requires: [arrays], hours: 5, summary: Messages. }
  - { id: solvers, title: Solvers, area: scale, requires: [messages], hours: 8, summary: Solvers. }
  - { id: cloud, title: Cloud, area: scale, requires: [messages], hours: 1, summary: Cloud. }
resources:
  - { id: intro-book, title: An introductory book, url: "https://example.org/intro", kind: book, teaches: [basics, formats], level: beginner, cost: free, hours: 10 }
  - { id: array-docs, title: Array docs, url: "https://example.org/arrays", kind: documentation, teaches: [arrays], level: beginner, cost: free, hours: 4 }
  - { id: array-course, title: Array course, url: "https://example.org/array-course", kind: course, teaches: [arrays], level: beginner, cost: free, hours: 6 }
  - { id: frames, title: Frames library, url: "https://example.org/frames", kind: library, teaches: [tables], level: beginner, cost: free, hours: 3 }
  - { id: mpi, title: MPI bindings, url: "https://example.org/mpi", kind: library, teaches: [messages], level: intermediate, cost: free, hours: 5 }
  - { id: new-solver, title: New solver bindings, url: "https://example.org/new", kind: library, teaches: [solvers], level: advanced, cost: free, hours: 6 }
  - { id: solver-course, title: Solver course, url: "https://example.org/course", kind: course, teaches: [solvers], level: advanced, cost: free, hours: 12 }
  - { id: old-solver, title: Old solver bindings, url: "http://example.org/old", kind: library, teaches: [solvers], level: advanced, cost: free, hours: 4, status: dead, successors: [new-solver] }
questions:
  - { id: name, prompt: Name?, kind: text, setting: name }
  - id: goals
    prompt: Goals?
    kind: multiselect
    min: 1
    options:
      - { id: all, label: Everything, wants: [tables, solvers, formats, cloud] }
      - { id: data, label: Data, wants: [tables] }
  - { id: hours_per_week, prompt: Hours?, kind: number, setting: hours_per_week, min: 1, max: 40, default: 5 }
  - { id: include_legacy, prompt: Legacy?, kind: confirm, setting: include_legacy, default: true }
"#;

fn cur() -> &'static Curriculum {
    static CUR: std::sync::OnceLock<Curriculum> = std::sync::OnceLock::new();
    CUR.get_or_init(|| {
        load_from_memory(false, &[("c.yaml", CURRICULUM.as_bytes())])
            .unwrap_or_else(|e| panic!("{}", e.render()))
    })
}

/// A fresh plan for Ada, who wants everything.
fn fresh(goals: &[&str]) -> String {
    let cur = cur();
    let mut a = Answers::default();
    a.set("name", AnswerValue::Text("Ada".into()));
    a.set(
        "goals",
        AnswerValue::Choices(goals.iter().map(|g| (*g).to_string()).collect()),
    );
    crate::answers::complete(cur, &mut a).unwrap();
    let p = plan::make(cur, &a, &Profile::from_answers(cur, &a));
    markdown::render(
        cur,
        &p,
        &Meta {
            created: "2026-01-01",
            refreshed: None,
            paths: &[],
            builtin: false,
        },
    )
}

fn ada() -> String {
    fresh(&["all"])
}

fn read(text: &str) -> PlanFile {
    read::read("plan.md", text.as_bytes()).unwrap_or_else(|e| panic!("{}", e.render()))
}

fn refreshed(text: &str) -> (String, refresh::Changes) {
    let r = refresh::refresh(
        cur(),
        &read(text),
        &Stamp {
            date: "2026-02-01",
            paths: &[],
            builtin: false,
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    (r.text, r.changes)
}

fn progress(text: &str) -> Progress {
    progress::progress(cur(), &read(text))
}

/// Ticks the item of `resource` (its first line).
fn tick(text: &str, resource: &str) -> String {
    edit_item(text, resource, |l| l.replacen("[ ]", "[x]", 1))
}

fn edit_item(text: &str, resource: &str, f: impl Fn(&str) -> String) -> String {
    let marker = format!("<!-- pathwise:{resource} ");
    let mut done = false;
    let lines: Vec<String> = text
        .split('\n')
        .map(|l| {
            if !done && l.contains(&marker) {
                done = true;
                f(l)
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(done, "no item {resource}");
    lines.join("\n")
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}"))
        + 1
}

/// The same plan, refreshed, must differ only in its `refreshed:` line.
fn stamped(text: &str) -> String {
    text.replacen(
        "created: 2026-01-01\n",
        "created: 2026-01-01\nrefreshed: 2026-02-01\n",
        1,
    )
}

#[test]
fn an_untouched_plan_refreshes_to_itself_and_again_to_the_same_bytes() {
    let a = ada();
    let (once, changes) = refreshed(&a);
    assert_eq!(once, stamped(&a));
    assert_eq!(changes.notes_kept, 0);
    assert!(changes.problems.is_empty(), "{:?}", changes.problems);
    assert_eq!(refreshed(&once).0, once);
}

#[test]
fn notes_that_look_generated_are_the_persons_and_survive() {
    let a = ada();
    let notes = [
        "Goals: finish by June",
        "Continue with: the exercises",
        "## Week 12",
        "# Learning plan of my own",
        "Nothing to learn: just kidding",
        "_mine · 3 h · week 1 · why: because_",
        "Tick an item with `[x]` when done, I told myself",
        "```mermaid\nflowchart LR\n  me --> you\n```",
        "- [ ] Continue with: a task of mine",
    ];
    let body = notes.join("\n\n");
    let text = a.replacen(
        "## Week 3 <!-- pathwise:week 3 -->\n",
        &format!("## Week 3 <!-- pathwise:week 3 -->\n\n{body}\n"),
        1,
    );
    let (out, changes) = refreshed(&text);
    assert_eq!(out, stamped(&text), "nothing moves, nothing is lost");
    assert_eq!(changes.notes_kept, 12, "each line of the person's");
    assert_eq!(out.matches("```mermaid").count(), 2);
}

#[test]
fn comments_and_keys_of_the_persons_in_the_front_matter_survive() {
    let a = ada();
    let text = a
        .replacen(
            "---\npathwise:",
            "---\n# reminder: share with the group\npathwise:",
            1,
        )
        .replacen("answers:\n", "owner: ada\nanswers: # as asked in May\n", 1)
        .replacen("hours_per_week: 5", "hours_per_week: 5 # term time", 1)
        .replacen("created: 2026-01-01", "created: 2026-01-01 # first day", 1);
    let (out, _) = refreshed(&text);
    assert_eq!(
        out,
        text.replacen(
            "created: 2026-01-01 # first day\n",
            "created: 2026-01-01 # first day\nrefreshed: 2026-02-01\n",
            1
        )
    );
}

#[test]
fn items_rewritten_by_formatters_stay_items() {
    let a = tick(&ada(), "array-docs");
    let before = progress(&a);
    let text = edit_item(&a, "array-docs", |l| l.replacen("- [x]", "* [x]", 1));
    let text = edit_item(&text, "mpi", |l| format!("  {l}"));
    let text = edit_item(&text, "frames", |l| l.replacen(" <!--", "\n  <!--", 1));
    let text = edit_item(&text, "new-solver", |l| l.replacen(" <!--", "\n<!--", 1));
    let text = edit_item(&text, "solver-course", |l| {
        l.replacen("- [ ]", "   *  [ ]", 1)
            .replacen(" area=", "\n     area=", 1)
    });
    let p = read(&text);
    assert_eq!(p.items.len(), read(&a).items.len(), "no item lost or added");
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(progress(&text).all, before.all);
    let (out, _) = refreshed(&text);
    assert_eq!(out.matches("<!-- pathwise:frames ").count(), 1);
    assert_eq!(out.matches("<!-- pathwise:array-docs ").count(), 1);
    assert!(out.contains("* [x] [Array docs]") || out.contains("- [x] [Array docs]"));
    assert_eq!(progress(&out).all, before.all);
}

#[test]
fn a_box_pathwise_cannot_read_is_reported_with_its_line_and_kept() {
    for odd in ["✓", "x ", "v", ""] {
        let text = edit_item(&ada(), "mpi", |l| l.replacen("[ ]", &format!("[{odd}]"), 1));
        let line = line_of(&text, "pathwise:mpi ");
        let p = progress(&text);
        assert!(
            p.problems.contains(&Problem::UnreadableTick {
                line,
                tick: odd.to_string(),
                resource: "mpi".into()
            }),
            "[{odd}]: {:?}",
            p.problems
        );
        assert_eq!(p.all.topics.done, 0);
        let (out, changes) = refreshed(&text);
        assert!(
            out.contains(&format!("- [{odd}] [MPI bindings]")),
            "[{odd}]:\n{out}"
        );
        assert!(
            changes
                .problems
                .iter()
                .any(|p| matches!(p, Problem::UnreadableTick { .. }))
        );
    }
}

#[test]
fn an_item_whose_marker_was_deleted_is_reported_and_the_numbers_agree() {
    let a = tick(&ada(), "frames");
    let text = edit_item(&a, "frames", |l| l[..l.find(" <!--").unwrap()].to_string());
    let p = progress(&text);
    assert!(p.problems.contains(&Problem::MissingItem {
        topic: "tables".into(),
        resource: "frames".into()
    }));
    // The header and the tables agree: the topic still counts, and is not done.
    assert_eq!(p.all.topics.total, 7);
    assert_eq!(p.all.hours.total, 33.0);
    assert_eq!(p.all.topics.done, 0);
    let week_total: usize = p.by_week.iter().map(|w| w.tally.topics.total).sum();
    assert_eq!(week_total, 7);
    let (out, _) = refreshed(&text);
    // The line is the person's now and stays; the item is put back.
    assert!(out.contains("- [x] [Frames library](https://example.org/frames) — library, 3 h\n"));
    assert_eq!(out.matches("<!-- pathwise:frames ").count(), 1);
    assert_eq!(progress(&out).all, p.all);
}

#[test]
fn copies_are_counted_once_and_reported() {
    let a = ada();
    let item = a
        .lines()
        .find(|l| l.contains("pathwise:mpi "))
        .unwrap()
        .replacen("[ ]", "[x]", 1);
    let text = format!("{a}\n{item}\n");
    let p = progress(&text);
    assert_eq!(p.all.topics.done, 1, "messages, once");
    assert_eq!(p.all.topics.total, 7);
    assert!(
        p.problems
            .iter()
            .any(|x| matches!(x, Problem::Duplicate { first_line, .. } if *first_line == line_of(&a, "pathwise:mpi "))),
        "{:?}",
        p.problems
    );
    let (out, _) = refreshed(&text);
    assert_eq!(out.matches("<!-- pathwise:mpi ").count(), 1);
    assert!(
        out.contains("- [x] [MPI bindings]"),
        "the copy's tick is kept"
    );
}

#[test]
fn a_deleted_week_is_reported_and_the_totals_do_not_change() {
    let a = ada();
    let start = a.find("## Week 4 ").unwrap();
    let end = a.find("## Week 5 ").unwrap();
    let text = format!("{}{}", &a[..start], &a[end..]);
    let p = progress(&text);
    assert_eq!(p.all.topics.total, 7);
    assert_eq!(p.all.hours.total, 33.0);
    assert!(
        p.problems.contains(&Problem::MissingWeek {
            week: 4,
            topics: vec!["tables".into(), "messages".into()]
        }),
        "{:?}",
        p.problems
    );
    let (out, _) = refreshed(&text);
    assert_eq!(out, stamped(&a), "refresh puts the week back");
}

#[test]
fn notes_after_the_same_item_come_back_in_their_order() {
    let a = ada();
    let text = edit_item(&a, "mpi", |l| {
        format!("{l}\nfirst note\nsecond note\n\nthird note")
    });
    let text = edit_item(&text, "new-solver", |l| format!("{l}\nafter the solver"));
    let (out, _) = refreshed(&text);
    assert_eq!(out, stamped(&text));
    // Even when the items they follow are gone from the new plan.
    let data_only = text.replacen("goals: [\"all\"]", "goals: [\"data\"]", 1);
    let (out, changes) = refreshed(&data_only);
    let f = out.find("first note").unwrap();
    let s = out.find("second note").unwrap();
    let t = out.find("third note").unwrap();
    let u = out.find("after the solver").unwrap();
    assert!(f < s && s < t && t < u, "{out}");
    assert_eq!(changes.notes_kept, 4);
}

#[test]
fn an_alternative_done_instead_of_the_primary_completes_the_topic_and_adds_nothing() {
    let a = ada();
    let before = progress(&a);
    let p = progress(&tick(&a, "solver-course"));
    assert_eq!(p.all.topics.done, 1);
    assert_eq!(
        p.all.hours.done, 8.0,
        "the topic's hours, not the course's 12"
    );
    assert_eq!(p.all.hours.total, before.all.hours.total);
    assert!(p.next.iter().all(|n| n.topic != "solvers"), "{:?}", p.next);
    // The header says the same total.
    assert!(a.contains("· 7 topics · 33 h ·"));
}

#[test]
fn a_topic_that_continues_a_resource_is_done_with_its_continuation() {
    // File formats continues the book begun for Basics, as an item of its own.
    let a = ada();
    assert!(a.contains(
        "[An introductory book](https://example.org/intro): continued — book, 3.5 h of 10 h"
    ));
    let done = |text: &str| -> Vec<String> {
        progress(text)
            .by_topic
            .iter()
            .filter(|t| t.state == crate::plan::measure::TopicState::Done)
            .map(|t| t.id.clone())
            .collect()
    };
    assert_eq!(done(&tick(&a, "intro-book")), ["basics"]);
    let both = tick(&tick(&a, "intro-book"), "intro-book/formats");
    assert_eq!(done(&both), ["basics", "formats"]);
    assert_eq!(
        progress(&both).all.hours.done,
        10.0,
        "6.5 h and 3.5 h: the book's 10 h"
    );
    let t = team::team(cur(), &[&read(&both), &read(&ada())]);
    assert!(
        t.members.iter().any(|m| m.progress.topics.done == 2),
        "team counts as progress does"
    );
    // A file of an earlier version, whose topic had only a `Continue with` line and no item
    // of its own: done with the resource it continues.
    let old = a
        .lines()
        .filter(|l| !l.contains("pathwise:intro-book/formats"))
        .map(|l| {
            if l.starts_with("topic formats ") {
                "topic formats area=learn weeks=3-4 hours=3.5 continues=intro-book".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(done(&tick(&old, "intro-book")), ["basics", "formats"]);
}

#[test]
fn a_bridge_to_read_first_is_required_and_an_alternative_replaces_only_the_primary() {
    // Arrays, as a plan for someone with a bridge to read first would have it.
    let a = ada()
        .replacen(
            "- [ ] [Array docs]",
            "- [ ] [Arrays for MATLAB users](https://example.org/bridge) — tutorial, 1 h · read first <!-- pathwise:bridge topic=arrays area=learn week=2 hours=1 -->\n- [ ] [Array docs]",
            1,
        )
        .replacen(
            "items=primary:array-docs:6,alternative:array-course:6",
            "items=first:bridge:1,primary:array-docs:5,alternative:array-course:5",
            1,
        );
    let arrays = |p: &Progress| {
        p.by_topic
            .iter()
            .find(|t| t.id == "arrays")
            .unwrap()
            .clone()
    };
    let p = progress(&tick(&a, "array-course"));
    assert_eq!(arrays(&p).state, crate::plan::measure::TopicState::Open);
    assert_eq!(
        arrays(&p).done,
        5.0,
        "the primary's share, done by its alternative"
    );
    let next = p.next.iter().find(|n| n.topic == "arrays").unwrap();
    assert_eq!(
        next.item.as_ref().unwrap().id,
        "bridge",
        "not the replaced primary"
    );
    let p = progress(&tick(&tick(&a, "array-course"), "bridge"));
    assert_eq!(arrays(&p).state, crate::plan::measure::TopicState::Done);
    assert_eq!(arrays(&p).done, 6.0);
    assert_eq!(p.all.hours.total, 33.0);
}

#[test]
fn a_topic_without_resources_is_done_with_a_task_of_ones_own() {
    let a = ada();
    // The line says why: nothing in the curriculum teaches the topic.
    assert!(
        a.contains(
            "No listed resource teaches this topic yet: find one and add it here as a task \
             (`- [ ] …`); ticking it completes the topic. <!-- pathwise:unresourced cloud -->"
        ),
        "{a}"
    );
    let text = a.replacen(
        "ticking it completes the topic. <!-- pathwise:unresourced cloud -->\n",
        "ticking it completes the topic. <!-- pathwise:unresourced cloud -->\n\n- [x] [A cloud course](https://example.org/cloud)\n",
        1,
    );
    let p = progress(&text);
    assert_eq!(p.all.topics.done, 1);
    assert_eq!(p.own_tasks.done, 1);
    let (out, _) = refreshed(&text);
    assert_eq!(out, stamped(&text));
}

#[test]
fn a_file_of_an_earlier_version_is_read_and_refreshed_without_copies() {
    // What the versions before markers on every block wrote.
    let old = "---\npathwise: 0.1.0\ncurriculum: abc\ncreated: 2026-01-01\nanswers:\n  name: \"Ada\"\n  goals: [\"data\"]\n---\n\n# Learning plan for Ada\n\nGoals: data · 3 topics · 13 h · about 3 weeks at 5 h a week.\n\nTick an item with `[x]` when done; strike it through (`~~[Title](url)~~`) to skip it. Add your own notes on lines of their own: `pathwise refresh` keeps them.\n\n## Week 1\n\n### 1. Basics <!-- pathwise:topic basics -->\n\n_learn · 4 h · week 1 · why: for goal data: basics → arrays → tables_\n\n- [x] [An introductory book](https://example.org/intro) — book, 10 h <!-- pathwise:intro-book topic=basics area=learn week=1 hours=10 -->\nMy note.\n\n### 2. Arrays <!-- pathwise:topic arrays -->\n\n_learn · 6 h · weeks 1–2 · why: for goal data: arrays → tables_\n\n- [ ] [Array docs](https://example.org/arrays) — documentation, 4 h <!-- pathwise:array-docs topic=arrays area=learn week=1 hours=4 -->\n- [ ] [Array course](https://example.org/array-course) — course, 6 h · alternative <!-- pathwise:array-course topic=arrays area=learn week=1 hours=6 optional=yes -->\n\n## Week 3\n\n### 3. Tables <!-- pathwise:topic tables -->\n\n_learn · 3 h · week 3 · why: part of goal data_\n\n- [ ] [Frames library](https://example.org/frames) — library, 3 h <!-- pathwise:frames topic=tables area=learn week=3 hours=3 -->\n\n## Prerequisites\n\n```mermaid\nflowchart LR\n  basics[\"Basics\"]\n```\n";
    let p = read(old);
    assert!(p.legacy);
    let pr = progress::progress(cur(), &p);
    assert_eq!(pr.all.topics.done, 1);
    assert_eq!(pr.all.hours.total, 13.0, "hours from the curriculum");
    let (out, changes) = refreshed(old);
    assert_eq!(changes.notes_kept, 1);
    let mut data = fresh(&["data"]);
    data = tick(&data, "intro-book");
    data = edit_item(&data, "intro-book", |l| format!("{l}\nMy note."));
    assert_eq!(
        out.split_once("\n---\n").unwrap().1,
        data.split_once("\n---\n").unwrap().1,
        "the body is the new one, with the tick and the note"
    );
}

#[test]
fn diff_shows_titles_and_says_identical() {
    let a = read(&ada());
    let d = diff::diff(&a, &a);
    assert!(d.identical);
    assert_eq!(
        diff::text(&d),
        "identical: plan.md and plan.md plan the same 7 topics and 9 resources\n"
    );
    let b = read(&fresh(&["data"]));
    let d = diff::diff(&a, &b);
    assert!(!d.identical);
    let t = diff::text(&d);
    assert!(
        t.starts_with("Topics only in plan.md (4):\n  File formats (formats)\n"),
        "{t}"
    );
    assert!(!t.contains("(0)"), "{t}");
    assert_eq!(t.matches("only in").count(), 2, "{t}");
}

#[test]
fn files_that_are_not_plans_are_refused() {
    for bad in [
        "",
        "# Notes\n",
        "---\ntitle: x\n---\n",
        "---\npathwise: 1\n",
        "\u{0}\u{1}binary",
    ] {
        let e = read::read("x.md", bad.as_bytes()).unwrap_err();
        assert!(
            e.render().contains("not a pathwise plan"),
            "{bad:?}: {}",
            e.render()
        );
    }
    assert!(read::read("x.md", &[0xff, 0xfe, 0x00]).is_err());
}

#[test]
fn an_alias_bomb_in_the_front_matter_is_refused_at_once() {
    // Nine to the tenth power of `x`s from under 500 bytes.
    let mut s = String::from("---\npathwise: 1\na: &a [x,x,x,x,x,x,x,x,x]\n");
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
    s.push_str("answers: {}\n---\n");
    assert!(s.len() < 500, "{}", s.len());
    let e = read::read("bomb.md", s.as_bytes()).unwrap_err();
    assert!(e.render().contains("front matter"), "{}", e.render());
}

#[test]
fn a_note_that_would_swallow_what_follows_goes_to_the_end_and_stays_there() {
    let a = ada();
    let text = edit_item(&a, "mpi", |l| format!("{l}\n\n~~~\nmy code, never closed"));
    let (out, _) = refreshed(&text);
    // The lines the fence swallowed (pathwise's old ones among them) are the person's now.
    assert!(out.contains("-->\n\n~~~\nmy code, never closed\n"), "{out}");
    assert!(out.find("~~~").unwrap() > out.find("<!-- pathwise:index").unwrap());
    assert_eq!(read(&out).items.len(), read(&a).items.len());
    assert_eq!(refreshed(&out).0, out);
}

#[test]
fn a_mermaid_block_of_ones_own_right_after_the_diagram_stays() {
    let a = ada();
    let mine = "```mermaid\nflowchart LR\n  me --> you\n```";
    let text = a.replacen(
        "```\n\n<!-- pathwise:index",
        &format!("```\n{mine}\n\n<!-- pathwise:index"),
        1,
    );
    let (out, changes) = refreshed(&text);
    assert_eq!(out, stamped(&text));
    assert_eq!(changes.notes_kept, 4);
}

/// The property: random sequences of the edits people and tools make.
mod edits {
    use std::collections::BTreeSet;

    use proptest::prelude::*;
    use proptest::sample::Index;

    use super::*;

    /// One line (or block of lines) of the edited file, as the test knows it.
    #[derive(Debug, Clone)]
    enum Line {
        /// A line of the front matter pathwise wrote.
        Front(String),
        /// A line the person added to the front matter.
        FrontOwn(String),
        /// A block of pathwise's, by the key of its marker.
        Tool {
            key: String,
            text: String,
            item: Option<String>,
        },
        /// A line of the person's.
        Own(String),
        Blank,
    }

    #[derive(Debug, Clone)]
    enum Edit {
        Tick(Index, bool),
        Strike(Index),
        Note(Index, String, bool),
        Move(Index, Index),
        Copy(Index, Index),
        Bullet(Index),
        Indent(Index),
        Wrap(Index),
        DeleteWeek(Index),
        FrontComment(Index, String),
        FrontKey(String),
        TrailingComment(Index),
    }

    /// Notes of any text, including lines that look like pathwise's.
    fn note() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Goals: finish by June".to_string()),
            Just("Continue with: the exercises".to_string()),
            Just("## Week 7".to_string()),
            Just("# Learning plan for me".to_string()),
            Just("Nothing to learn: ha".to_string()),
            Just("_notes · 2 h · week 1 · why: mine_".to_string()),
            Just("### 9. My own topic".to_string()),
            Just("- [ ] a task of mine".to_string()),
            Just("- [x] a task I did".to_string()),
            Just("* a bullet".to_string()),
            Just("> a quote".to_string()),
            Just("```mermaid\nflowchart LR\n  a --> b\n```".to_string()),
            Just("<!-- a comment of mine -->".to_string()),
            Just("---".to_string()),
            Just("===".to_string()),
            "[A-Za-z0-9 .,:;!?*_#>=+()|\\[\\]-]{1,30}",
        ]
        .prop_filter("a line with text", |s| s.trim() != "")
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            3 => (any::<Index>(), any::<bool>()).prop_map(|(i, u)| Edit::Tick(i, u)),
            1 => any::<Index>().prop_map(Edit::Strike),
            4 => (any::<Index>(), note(), any::<bool>()).prop_map(|(i, n, b)| Edit::Note(i, n, b)),
            1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Move(a, b)),
            1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Copy(a, b)),
            1 => any::<Index>().prop_map(Edit::Bullet),
            1 => any::<Index>().prop_map(Edit::Indent),
            1 => any::<Index>().prop_map(Edit::Wrap),
            1 => any::<Index>().prop_map(Edit::DeleteWeek),
            1 => (any::<Index>(), "[a-z ]{0,20}").prop_map(|(i, s)| Edit::FrontComment(i, s)),
            1 => "[a-z]{3,8}".prop_map(Edit::FrontKey),
            1 => any::<Index>().prop_map(Edit::TrailingComment),
        ]
    }

    /// The key of a marker on a line: `week 3`, `mpi topic=messages`.
    fn key(line: &str) -> Option<String> {
        let i = line.find("<!-- pathwise:")?;
        let rest = &line[i + "<!-- pathwise:".len()..];
        let rest = &rest[..rest.find("-->")?];
        let mut words = rest.split_whitespace();
        let first = words.next()?;
        Some(match words.next() {
            Some(w) if w.starts_with("topic=") => format!("{first} {w}"),
            Some(w) if !w.contains('=') => format!("{first} {w}"),
            _ => first.to_string(),
        })
    }

    /// The fresh plan as the test's lines.
    fn model(text: &str) -> Vec<Line> {
        let mut out = Vec::new();
        let mut lines = text.lines();
        out.push(Line::Front(lines.next().unwrap().to_string()));
        for l in lines.by_ref() {
            out.push(Line::Front(l.to_string()));
            if l == "---" {
                break;
            }
        }
        while let Some(l) = lines.next() {
            if l.is_empty() {
                out.push(Line::Blank);
            } else if let Some((key, end)) = match l {
                "<!-- pathwise:diagram -->" => Some(("diagram", "```")),
                "<!-- pathwise:index" => Some(("index", "-->")),
                _ => None,
            } {
                // A block of several lines, up to and including its last.
                let mut block = vec![l.to_string()];
                for m in lines.by_ref() {
                    block.push(m.to_string());
                    if m == end {
                        break;
                    }
                }
                out.push(Line::Tool {
                    key: key.into(),
                    text: block.join("\n"),
                    item: None,
                });
            } else {
                let k = key(l).expect("every line of a fresh plan is pathwise's");
                let item = l
                    .starts_with("- [")
                    .then(|| k.split_whitespace().next().unwrap().to_string());
                out.push(Line::Tool {
                    key: k,
                    text: l.to_string(),
                    item,
                });
            }
        }
        out
    }

    fn render(m: &[Line]) -> String {
        let mut s = String::new();
        for l in m {
            match l {
                Line::Front(t) | Line::FrontOwn(t) | Line::Own(t) => s.push_str(t),
                Line::Tool { text, .. } => s.push_str(text),
                Line::Blank => {}
            }
            s.push('\n');
        }
        s
    }

    fn body_start(m: &[Line]) -> usize {
        m.iter()
            .skip(1)
            .position(|l| matches!(l, Line::Front(t) if t == "---"))
            .unwrap()
            + 2
    }

    fn items(m: &[Line]) -> Vec<usize> {
        (0..m.len())
            .filter(|&i| matches!(&m[i], Line::Tool { item: Some(_), .. }))
            .collect()
    }

    /// Applies an edit; returns the resources whose item was ticked.
    fn apply(
        m: &mut Vec<Line>,
        e: &Edit,
        ticked: &mut BTreeSet<String>,
        struck: &mut BTreeSet<String>,
    ) {
        let body = body_start(m);
        let its = items(m);
        match e {
            Edit::Tick(i, upper) if !its.is_empty() => {
                if let Line::Tool {
                    text,
                    item: Some(r),
                    ..
                } = &mut m[its[i.index(its.len())]]
                    && text.contains("[ ]")
                {
                    *text = text.replacen("[ ]", if *upper { "[X]" } else { "[x]" }, 1);
                    ticked.insert(r.clone());
                }
            }
            Edit::Strike(i) if !its.is_empty() => {
                if let Line::Tool {
                    text,
                    item: Some(r),
                    ..
                } = &mut m[its[i.index(its.len())]]
                    && !text.contains("~~")
                {
                    let open = text.find("] [").unwrap() + 2;
                    let link = &text[open..];
                    let close = open
                        + link.find("](").unwrap()
                        + link[link.find("](").unwrap()..].find(')').unwrap()
                        + 1;
                    *text = format!(
                        "{}~~{}~~{}",
                        &text[..open],
                        &text[open..close],
                        &text[close..]
                    );
                    struck.insert(r.clone());
                }
            }
            Edit::Note(i, note, blank) => {
                let at = body + i.index(m.len() - body + 1);
                // A note of several lines (a fenced block) stays whole.
                let mut add = vec![Line::Own(note.clone())];
                if *blank {
                    add.insert(0, Line::Blank);
                    add.push(Line::Blank);
                }
                m.splice(at..at, add);
            }
            Edit::Move(a, b) if !its.is_empty() => {
                let from = its[a.index(its.len())];
                let line = m.remove(from);
                let at = body + b.index(m.len() - body + 1);
                m.insert(at, line);
            }
            Edit::Copy(a, b) if !its.is_empty() => {
                let line = m[its[a.index(its.len())]].clone();
                let at = body + b.index(m.len() - body + 1);
                m.insert(at, line);
            }
            Edit::Bullet(i) | Edit::Indent(i) | Edit::Wrap(i) if !its.is_empty() => {
                if let Line::Tool { text, .. } = &mut m[its[i.index(its.len())]] {
                    *text = match e {
                        Edit::Bullet(_) => text.replacen("- [", "* [", 1),
                        // Two spaces at most: four would make it a code block.
                        Edit::Indent(_) if !text.contains('\n') && !text.starts_with(' ') => {
                            format!("  {text}")
                        }
                        Edit::Wrap(_) if !text.contains('\n') => {
                            let indent = text.len() - text.trim_start().len() + 2;
                            text.replacen(" <!--", &format!("\n{}<!--", " ".repeat(indent)), 1)
                        }
                        _ => text.clone(),
                    };
                }
            }
            Edit::DeleteWeek(i) => {
                let weeks: Vec<usize> = (0..m.len())
                    .filter(
                        |&j| matches!(&m[j], Line::Tool { key, .. } if key.starts_with("week ")),
                    )
                    .collect();
                if weeks.is_empty() {
                    return;
                }
                let start = weeks[i.index(weeks.len())];
                let end = (start + 1..m.len())
                    .find(|&j| {
                        matches!(&m[j], Line::Tool { key, .. } if key.starts_with("week ") || key == "prerequisites")
                    })
                    .unwrap_or(m.len());
                m.drain(start..end);
            }
            Edit::FrontComment(i, text) => {
                let at = 1 + i.index(body - 1);
                m.insert(at, Line::FrontOwn(format!("# {text}")));
            }
            Edit::FrontKey(k) => {
                let answers = m
                    .iter()
                    .position(|l| matches!(l, Line::Front(t) if t == "answers:"))
                    .unwrap();
                let k = format!("own-{k}");
                if !m
                    .iter()
                    .any(|l| matches!(l, Line::FrontOwn(t) if t.starts_with(&format!("{k}:"))))
                {
                    m.insert(answers, Line::FrontOwn(format!("{k}: mine")));
                }
            }
            Edit::TrailingComment(i) => {
                let lines: Vec<usize> = (1..body - 1)
                    .filter(|&j| matches!(&m[j], Line::Front(t) if t.starts_with("  ") || t.starts_with("created:")))
                    .collect();
                if let Line::Front(t) = &mut m[lines[i.index(lines.len())]]
                    && !t.contains(" #")
                {
                    t.push_str(" # mine");
                }
            }
            _ => {}
        }
    }

    /// The person's body lines with the key of the block before each (`top` before any).
    fn owned(m: &[Line]) -> Vec<(String, String)> {
        let mut anchor = "top".to_string();
        let mut out = Vec::new();
        for l in &m[body_start(m)..] {
            match l {
                Line::Tool { key, .. } => anchor = key.clone(),
                Line::Own(t) => out.extend(
                    t.lines()
                        .filter(|l| !l.trim().is_empty())
                        .map(|l| (anchor.clone(), l.to_string())),
                ),
                _ => {}
            }
        }
        out
    }

    /// The same for a file pathwise wrote: its blocks are whole lines with a marker, the
    /// diagram and the index.
    fn owned_in(text: &str) -> (Vec<(String, String)>, Vec<String>) {
        let body = text.splitn(3, "---\n").nth(2).unwrap();
        let mut anchor = "top".to_string();
        let mut order = vec![anchor.clone()];
        let mut out = Vec::new();
        let mut lines = body.lines().peekable();
        while let Some(l) = lines.next() {
            if l == "<!-- pathwise:diagram -->" && lines.peek() == Some(&"```mermaid") {
                lines.next();
                for m in lines.by_ref() {
                    if m == "```" {
                        break;
                    }
                }
                anchor = "diagram".into();
            } else if l == "<!-- pathwise:index" {
                for m in lines.by_ref() {
                    if m == "-->" {
                        break;
                    }
                }
                anchor = "index".into();
            } else if let Some(k) = key(l) {
                anchor = k;
                if let Some(tail) = l.split("-->").nth(1).filter(|t| !t.trim().is_empty()) {
                    out.push((anchor.clone(), tail.trim().to_string()));
                }
            } else {
                if !l.trim().is_empty() {
                    out.push((anchor.clone(), l.to_string()));
                }
                continue;
            }
            order.push(anchor.clone());
        }
        (out, order)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        #[test]
        fn refresh_keeps_every_tick_and_line_in_order_and_progress_agrees(
            edits in proptest::collection::vec(edit(), 0..12)
        ) {
            let a = ada();
            let mut m = model(&a);
            let mut ticked = BTreeSet::new();
            let mut struck = BTreeSet::new();
            for e in &edits {
                apply(&mut m, e, &mut ticked, &mut struck);
            }
            // What the person left ticked and struck (a deleted week takes its ticks with it).
            let ticked: BTreeSet<String> = m.iter().filter_map(|l| match l {
                Line::Tool { text, item: Some(r), .. } if text.contains("[x]") || text.contains("[X]") => Some(r.clone()),
                _ => None,
            }).collect();
            // Struck through: every copy of the item is.
            let struck: BTreeSet<String> = m.iter().filter_map(|l| match l {
                Line::Tool { text, item: Some(r), .. } if text.contains("~~") => Some(r.clone()),
                _ => None,
            }).filter(|r| !m.iter().any(|l| matches!(l, Line::Tool { text, item: Some(o), .. } if o == r && !text.contains("~~")))).collect();
            let edited = render(&m);
            let before = progress(&edited);
            let (out, _) = refreshed(&edited);

            // Every line of the person's, once, after the block it followed, in order.
            let (got, order) = owned_in(&out);
            let mut want = owned(&m);
            let rank = |k: &str| order.iter().position(|o| o == k).unwrap_or(usize::MAX);
            // Lines after a block the person deleted follow the block before it.
            let mut last = "top".to_string();
            for w in &mut want {
                if rank(&w.0) == usize::MAX {
                    w.0 = last.clone();
                } else {
                    last = w.0.clone();
                }
            }
            want.sort_by_key(|(k, _)| rank(k));
            let texts = |v: &[(String, String)]| v.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>();
            prop_assert_eq!(texts(&got), texts(&want), "\n--- edited:\n{}\n--- refreshed:\n{}", edited, out);

            // The front matter keeps the person's lines.
            let front_out = out.split("\n---\n").next().unwrap();
            for l in &m {
                if let Line::FrontOwn(t) | Line::Front(t) = l
                    && (t.starts_with('#') || t.contains(" # ") || t.starts_with("own-"))
                {
                    prop_assert!(front_out.contains(t.as_str()), "{} lost:\n{}", t, front_out);
                }
            }

            // Every tick and strike-through is kept.
            let after = read(&out);
            for it in &after.items {
                if ticked.contains(&it.resource) {
                    prop_assert!(it.tick.is_done(), "{} lost its tick:\n{}", it.resource, out);
                }
                if struck.contains(&it.resource) && !ticked.contains(&it.resource) {
                    prop_assert!(it.skipped, "{} lost its strike-through", it.resource);
                }
            }

            // progress agrees with itself, with the plan's header, and before and after.
            let p = progress(&out);
            prop_assert_eq!(p.all, before.all);
            prop_assert_eq!(p.all.topics.total, 7);
            prop_assert_eq!(p.all.hours.total, 33.0);
            prop_assert!(out.contains("· 7 topics · 33 h ·"));
            let weeks: usize = p.by_week.iter().map(|w| w.tally.topics.done).sum();
            let areas: usize = p.by_area.iter().map(|w| w.tally.topics.done).sum();
            prop_assert_eq!(weeks, p.all.topics.done);
            prop_assert_eq!(areas, p.all.topics.done);
            let hours: f64 = p.by_topic.iter().map(|t| t.hours).sum();
            prop_assert_eq!(hours, p.all.hours.total);

            // Refreshing again changes nothing.
            prop_assert_eq!(refreshed(&out).0, out);
        }
    }
}

#[test]
fn a_url_ending_in_a_backslash_stays_one_link() {
    let text = CURRICULUM.replace(
        r#"url: "https://example.org/intro""#,
        r#"url: "https://example.org/intro\\""#,
    );
    assert_ne!(text, CURRICULUM);
    let cur = load_from_memory(false, &[("c.yaml", text.as_bytes())])
        .unwrap_or_else(|e| panic!("{}", e.render()));
    assert_eq!(cur.resources[0].url, "https://example.org/intro\\");
    let mut a = Answers::default();
    a.set("goals", AnswerValue::Choices(vec!["all".into()]));
    crate::answers::complete(&cur, &mut a).unwrap();
    let p = plan::make(&cur, &a, &Profile::from_answers(&cur, &a));
    let md = markdown::render(
        &cur,
        &p,
        &Meta {
            created: "2026-01-01",
            refreshed: None,
            paths: &[],
            builtin: false,
        },
    );
    let links: Vec<String> = pulldown_cmark::Parser::new(&md)
        .filter_map(|e| match e {
            pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) => {
                Some(dest_url.to_string())
            }
            _ => None,
        })
        .collect();
    assert!(
        links.contains(&"https://example.org/intro%5C".to_string()),
        "{links:?}"
    );
    // Read back, the item is still the book, once.
    let file = read::read("plan.md", md.as_bytes()).unwrap_or_else(|e| panic!("{}", e.render()));
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert!(
        file.items.iter().any(|i| i.resource == "intro-book"),
        "the book is an item"
    );
}
