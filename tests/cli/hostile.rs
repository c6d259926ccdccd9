//! Hostile input: every bad file gets exit 2 and a message naming it (with line and column where
//! there is one), never a panic, in bounded time and memory. Files that are merely unusual
//! (CRLF, a byte order mark, unicode, comments, anchors) still load.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use crate::common::*;

/// Runs pathwise in `dir` under a 2 GiB address-space limit and a generous time limit that only
/// catches hangs (speed is measured by the benchmarks, not here).
fn bounded(dir: &Path, args: &str) -> (i32, String, String) {
    let bin = env!("CARGO_BIN_EXE_pathwise");
    let mut cmd = assert_cmd::Command::new("sh");
    cmd.current_dir(dir)
        .arg("-c")
        .arg(format!("ulimit -v 2097152; exec '{bin}' {args}"))
        .env("NO_COLOR", "1")
        .env("PATHWISE_CONFIG", "/nonexistent/config.yaml")
        .env("PATHWISE_NO_CACHE", "1")
        .env_remove("PATHWISE_PATHS")
        .timeout(Duration::from_secs(120));
    run(&mut cmd)
}

fn assert_refused(name: &str, code: i32, err: &str) {
    assert_eq!(code, 2, "{name}: exit {code}\n{err}");
    assert!(
        !err.contains("panicked") && !err.contains("hit a bug"),
        "{name}: {err}"
    );
    assert!(
        err.contains(name),
        "{name}: the message does not name the file:\n{err}"
    );
}

#[test]
fn unusual_but_valid_files_still_load() {
    let (code, out, err) = run(pathwise()
        .arg("check")
        .arg("--paths")
        .arg(fixtures().join("good-curriculum")));
    assert_eq!(code, 0, "{err}");
    let topics = format!("{} topics", builtin_topics() + 3);
    assert!(out.contains(&topics), "{out}");
    let (code, out, _) = run(pathwise()
        .arg("--paths")
        .arg(fixtures().join("good-curriculum"))
        .args(["show", "unicode-topic"]));
    assert_eq!(code, 0);
    assert!(out.contains("Données et calcul — 数据 🚀"), "{out}");
    assert!(out.contains("requires:    python-basics"), "{out}");
    let (_, out, _) = run(pathwise()
        .arg("--paths")
        .arg(fixtures().join("good-curriculum"))
        .args(["show", "second-unicode"]));
    assert!(
        out.contains("requires:    python-basics"),
        "an alias is read as its anchor: {out}"
    );
    let (_, out, _) = run(pathwise()
        .arg("--paths")
        .arg(fixtures().join("good-curriculum"))
        .args(["show", "bom-resource"]));
    assert!(out.contains("Ressource avec BOM — «données»"), "{out}");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn hostile_curricula_are_refused_in_bounded_time_and_memory() {
    let cases: Vec<(&str, Vec<u8>)> = vec![
        // Deep nesting.
        ("deep.yaml", format!("topics: {}{}\n", "[".repeat(100_000), "]".repeat(100_000)).into_bytes()),
        // A billion laughs.
        ("bomb.yaml", {
            let mut s = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
            for i in 1..12 {
                let prev = format!("*a{}", i - 1);
                let _ = writeln!(s, "a{i}: &a{i} [{}]", [prev.as_str(); 10].join(", "));
            }
            s.push_str("topics: *a11\n");
            s.into_bytes()
        }),
        // A huge single line and a huge value.
        ("longline.yaml", format!("topics:\n  - id: long\n    title: {}\n    area: learn\n    hours: 1\n    summary: s\n", "x".repeat(5_000_000)).into_bytes()),
        // A file over the size limit.
        ("huge.yaml", {
            let mut v = b"topics:\n".to_vec();
            v.resize(70 * 1024 * 1024, b' ');
            v
        }),
        // Binary garbage.
        ("garbage.yaml", (0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect()),
    ];
    for (name, bytes) in cases {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), name, &bytes);
        let (code, _, err) = bounded(dir.path(), "check --no-builtin --paths .");
        assert_refused(name, code, &err);
    }
}

#[test]
fn hostile_answers_and_plans_are_refused_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = {
        let mut s =
            String::from("a0: &a0 [learn, learn, learn, learn, learn, learn, learn, learn]\n");
        for i in 1..12 {
            {
                let _ = writeln!(
                    s,
                    "a{i}: &a{i} [{}]",
                    vec![format!("*a{}", i - 1); 8].join(", ")
                );
            };
        }
        s.push_str("goals: *a11\n");
        s
    };
    write(dir.path(), "bomb.yaml", bomb.as_bytes());
    let (code, _, err) = bounded(dir.path(), "plan --answers bomb.yaml");
    assert_refused("bomb.yaml", code, &err);
    let deep = format!(
        "---\npathwise: 1\nanswers: {}{}\n---\n",
        "{a: ".repeat(50_000),
        "}".repeat(50_000)
    );
    write(dir.path(), "deep.md", deep.as_bytes());
    let (code, _, err) = bounded(dir.path(), "refresh deep.md --dry-run");
    assert_refused("deep.md", code, &err);
}

#[test]
fn terminal_output_never_carries_escape_sequences_from_data() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("evil.yaml"),
        "topics:\n  - id: evil\n    title: \"Evil \\e[2J\\e]0;owned\\a title \\u202e reversed\"\n    area: learn\n    hours: 1\n    summary: \"Clears \\e[2J the screen\"\nresources:\n  - id: evil-res\n    title: \"\\e[31mred\"\n    url: https://example.org/evil\n    kind: article\n    teaches: [evil, nosuch]\n    level: beginner\n    cost: free\n    hours: 1\n",
    )
    .unwrap();
    // An error message quoting the file.
    let (code, _, err) = run(pathwise().arg("check").arg("--paths").arg(dir.path()));
    assert_eq!(code, 2);
    assert!(
        !err.contains('\x1b') && !err.contains('\u{7}') && !err.contains('\u{202e}'),
        "{err:?}"
    );
    // Listings and details, once the file is valid.
    std::fs::write(
        dir.path().join("evil.yaml"),
        std::fs::read_to_string(dir.path().join("evil.yaml"))
            .unwrap()
            .replace(", nosuch", ""),
    )
    .unwrap();
    for args in [
        vec!["show", "evil"],
        vec!["show", "evil-res"],
        vec!["topics"],
        vec!["resources"],
        vec!["graph"],
    ] {
        let (code, out, err) = run(pathwise().arg("--paths").arg(dir.path()).args(&args));
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(
            !out.contains('\x1b') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "{args:?}: {out:?}"
        );
        if args[0] == "show" && args[1] == "evil" {
            assert!(out.contains("Evil \\u{1b}[2J"), "{out}");
        }
    }
}

#[test]
fn a_panic_prints_a_short_bug_report_not_a_backtrace() {
    // Debug builds panic on purpose when asked, so that this message can be tested.
    let (code, out, err) = run(pathwise()
        .env("PATHWISE_DEBUG_PANIC", "1")
        .env_remove("RUST_BACKTRACE")
        .arg("check"));
    assert_eq!(code, 101);
    assert!(out.is_empty());
    assert!(
        err.contains("hit a bug") && err.contains("Please report it"),
        "{err}"
    );
    assert!(!err.contains("stack backtrace"), "{err}");
    assert!(err.lines().count() <= 4, "{err}");
    assert!(
        !err.contains('\x1b'),
        "stderr is no terminal: no cursor escape in it: {err:?}"
    );
}

// ── many problems ────────────────────────────────────────────────────────

const AREA: &str = "areas:\n  - id: a\n    title: A\n    summary: s\n";

fn topic(i: usize, area: &str, requires: Option<&str>, extra: &str) -> String {
    let requires = requires.map_or(String::new(), |r| format!("    requires: [{r}]\n"));
    format!(
        "  - id: t{i}\n    title: T{i}\n    area: {area}\n{requires}    hours: 1\n    summary: s\n{extra}"
    )
}

/// Checks a curriculum of one generated file; returns stderr after the common assertions.
fn check_generated(text: &str, problems: usize) -> String {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "t.yaml", text.as_bytes());
    let (code, out, err) = bounded(dir.path(), "check --no-builtin --paths .");
    assert_refused("t.yaml", code, &err);
    assert!(out.is_empty(), "{out}");
    assert_eq!(err.matches("\nerror: ").count() + 1, 50, "{err}");
    assert!(
        err.ends_with(&format!(
            "  = help: run again with `--all-errors` to see every problem in full\n\n\
             {problems} problems found.\n"
        )),
        "{err}"
    );
    err
}

#[test]
fn fifty_thousand_unknown_keys_in_one_topic() {
    let keys: String = (0..50_000).map(|i| format!("    k{i}: 1\n")).collect();
    let err = check_generated(
        &format!("{AREA}topics:\n{}", topic(0, "a", None, &keys)),
        50_000,
    );
    assert!(
        err.starts_with(
            "error: unknown key `k0` in topic `t0`\n  --> ./t.yaml:11:5\n   |\n11 |     k0: 1\n"
        ),
        "{err}"
    );
    assert!(err.contains("  --> ./t.yaml:60:5\n"), "{err}");
    assert!(
        err.contains(
            "49950 more problems not shown, by kind:\n  49950  unknown key `…` in topic `…`\n"
        ),
        "{err}"
    );
}

#[test]
fn thirty_thousand_topics_with_an_unknown_area() {
    let topics: String = (0..30_000).map(|i| topic(i, "nosuch", None, "")).collect();
    let err = check_generated(&format!("{AREA}topics:\n{topics}"), 30_000);
    assert!(
        err.starts_with("error: unknown area `nosuch` in topic `t0`\n --> ./t.yaml:8:11\n"),
        "{err}"
    );
    assert!(
        err.contains("= help: did you mean `a`?") || err.contains("define an area"),
        "{err}"
    );
    assert!(
        err.contains("29950 more problems not shown, by kind:\n  29950  unknown-area\n"),
        "{err}"
    );
}

#[test]
fn twenty_thousand_topics_that_require_themselves() {
    let topics: String = (0..20_000)
        .map(|i| topic(i, "a", Some(&format!("t{i}")), ""))
        .collect();
    let err = check_generated(&format!("{AREA}topics:\n{topics}"), 20_000);
    assert!(
        err.starts_with("error: topic `t0` requires itself: t0 -> t0\n --> ./t.yaml:9:16\n"),
        "{err}"
    );
    assert!(
        err.contains("19950 more problems not shown, by kind:\n  19950  requires-itself\n"),
        "{err}"
    );
}

#[test]
fn five_thousand_misspelt_prerequisites_among_twenty_thousand_topics() {
    let topics: String = (0..20_000)
        .map(|i| {
            let wrong = format!("tt{i}");
            topic(i, "a", (i < 5_000).then_some(wrong.as_str()), "")
        })
        .collect();
    let err = check_generated(&format!("{AREA}topics:\n{topics}"), 5_000);
    assert!(
        err.starts_with(
            "error: unknown topic `tt0` in `requires` of topic `t0`\n --> ./t.yaml:9:16\n"
        ),
        "{err}"
    );
    // Each is told the topic it probably means.
    assert!(err.contains("= help: did you mean `t12`?"), "{err}");
    assert!(err.contains("= help: did you mean `t49`?"), "{err}");
    assert!(
        err.contains("4950 more problems not shown, by kind:\n  4950  unknown-topic\n"),
        "{err}"
    );
}

#[test]
fn every_problem_is_shown_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let topics: String = (0..60).map(|i| topic(i, "nosuch", None, "")).collect();
    write(
        dir.path(),
        "t.yaml",
        format!("{AREA}topics:\n{topics}").as_bytes(),
    );
    let (code, _, some) = run(pathwise()
        .args(["check", "--no-builtin", "--paths"])
        .arg(dir.path()));
    assert_eq!(code, 2);
    assert_eq!(some.matches("error: unknown area").count(), 50, "{some}");
    assert!(
        some.contains("10 more problems not shown, by kind:\n  10  unknown-area\n"),
        "{some}"
    );
    let (code, _, all) = run(pathwise()
        .args(["check", "--all-errors", "--no-builtin", "--paths"])
        .arg(dir.path()));
    assert_eq!(code, 2);
    assert_eq!(all.matches("error: unknown area").count(), 60, "{all}");
    assert!(
        !all.contains("not shown") && !all.contains("--all-errors"),
        "{all}"
    );
    assert!(all.ends_with("\n60 problems found.\n"));
    // The first fifty are the same either way.
    let cut = some.find("10 more problems").unwrap();
    assert!(all.starts_with(&some[..cut]));
}

#[test]
fn an_answers_file_with_forty_thousand_unknown_questions() {
    let dir = tempfile::tempdir().unwrap();
    let answers: String = (0..40_000).map(|i| format!("x{i}: 1\n")).collect();
    write(dir.path(), "me.yaml", answers.as_bytes());
    let (code, out, err) = bounded(dir.path(), "plan --answers me.yaml");
    assert_refused("me.yaml", code, &err);
    assert!(out.is_empty());
    assert!(
        err.starts_with("error: unknown question `x0`\n --> me.yaml:1:1\n"),
        "{err}"
    );
    assert!(
        err.contains("= help: there is no question `x0`; the questions are `"),
        "{err}"
    );
    assert!(
        err.contains("39950 more problems not shown, by kind:\n  39950  unknown-question\n"),
        "{err}"
    );
    assert!(err.ends_with("40000 problems found; nothing was planned or written.\n"));
}

#[test]
fn forty_thousand_questions_are_answered_and_planned() {
    let dir = tempfile::tempdir().unwrap();
    let questions: String = (0..40_000)
        .map(|i| {
            format!(
                "  - id: q{i}\n    prompt: Q{i}?\n    kind: select\n    default: o1\n    options:\n      \
                 - id: o0\n        label: O0\n      - id: o1\n        label: O1\n"
            )
        })
        .collect();
    let goal = "  - id: goals\n    prompt: Goals?\n    kind: multiselect\n    options:\n      \
                - id: all\n        label: All\n        wants: [t0]\n";
    std::fs::create_dir(dir.path().join("cur")).unwrap();
    write(
        &dir.path().join("cur"),
        "q.yaml",
        format!(
            "{AREA}topics:\n{}questions:\n{goal}{questions}",
            topic(0, "a", None, "")
        )
        .as_bytes(),
    );
    let answers: String = std::iter::once("goals: [all]\n".to_string())
        .chain((0..40_000).map(|i| format!("q{i}: o{}\n", i % 2)))
        .collect();
    write(dir.path(), "me.yaml", answers.as_bytes());
    let (code, out, err) = bounded(
        dir.path(),
        "--no-builtin --paths cur plan --answers me.yaml --format json",
    );
    assert_eq!(code, 0, "{err}");
    let plan = json(&out);
    let given = plan["answers"].as_object().unwrap();
    assert_eq!(given.len(), 40_001);
    assert_eq!(given["q0"], "o0");
    assert_eq!(given["q39999"], "o1");
    assert_eq!(plan["topics"][0]["id"], "t0");
}

#[test]
fn a_closed_stderr_is_no_crash() {
    // `pathwise check --paths bad 2>&1 | head -1` once aborted when `head` had gone.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_pathwise"))
        .args(["check", "--paths", "/nonexistent/folder"])
        .env("PATHWISE_CONFIG", "/nonexistent/config.yaml")
        .env("PATHWISE_NO_CACHE", "1")
        .stdout(writer.try_clone().unwrap())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2), "{status:?}");
}

// ── diagrams ─────────────────────────────────────────────────────────────

/// Text as a YAML double-quoted scalar, with everything but printable ASCII escaped.
fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            ' '..='~' => out.push(c),
            c => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

/// Topic ids that are Mermaid keywords or look like its own ids, with titles that try to break
/// out of their labels or reconfigure the diagram; and what a reader must see for each title.
fn hostile_diagram_curriculum() -> (String, Vec<String>, Vec<String>) {
    let areas = [
        ("learn", "Learn %%{init: {'theme':'dark'}}%%"),
        ("more", "More \"areas\" `x` #quot;"),
    ];
    let topics = [
        ("end", "learn", "The end", ""),
        ("style", "learn", "Style \"quoted\" #quot; #35;", "end"),
        ("class", "learn", "Class `code` <b>bold</b> & more", "style"),
        (
            "click",
            "more",
            "Click %%{init: {\"theme\": \"forest\"}}%%",
            "class, area-learn",
        ),
        ("call", "more", "Call\u{2028}next line", "click"),
        ("href", "more", "Href \u{202e}reversed\u{202c} end", "call"),
        (
            "graph",
            "more",
            "Graph [brackets] (parens) {braces}",
            "href",
        ),
        ("flowchart", "more", "Flowchart ; semicolon | pipe", "graph"),
        ("subgraph", "more", "Subgraph --> arrow", "flowchart"),
        (
            "interpolate",
            "more",
            "Interpolate \\ backslash",
            "subgraph",
        ),
        ("area-learn", "learn", "A topic named like an area", "end"),
        ("a-learn", "learn", "Another one", ""),
    ];
    let mut y = String::from("areas:\n");
    for (id, title) in areas {
        {
            let _ = write!(
                y,
                "  - id: {id}\n    title: {}\n    summary: s\n",
                yaml_quoted(title)
            );
        };
    }
    y.push_str("topics:\n");
    for (id, area, title, requires) in topics {
        {
            let _ = write!(
                y,
                "  - id: {id}\n    title: {}\n    area: {area}\n    requires: [{requires}]\n    hours: 1\n    summary: s\n",
                yaml_quoted(title)
            );
        };
    }
    let all: Vec<&str> = topics.iter().map(|t| t.0).collect();
    {
        let _ = write!(
            y,
            "questions:\n  - id: goals\n    prompt: Goals?\n    kind: multiselect\n    options:\n      \
         - id: all\n        label: All\n        wants: [{}]\n",
            all.join(", ")
        );
    };
    // What the terminal-safe escaping makes of each title, as the diagram must show it.
    let shown = |t: &str| {
        t.replace('\u{2028}', "\\u{2028}")
            .replace('\u{202e}', "\\u{202e}")
            .replace('\u{202c}', "\\u{202c}")
    };
    (
        y,
        topics.iter().map(|t| shown(t.2)).collect(),
        areas.iter().map(|a| shown(a.1)).collect(),
    )
}

/// The Mermaid blocks of a markdown file.
fn mermaid_blocks(markdown: &str) -> Vec<String> {
    markdown
        .split("```mermaid\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap().to_string())
        .collect()
}

/// The folder where `.ci/run` installs Mermaid's parser; `None` (after a loud message) when it
/// cannot run here, which fails the test in CI.
fn mermaid_checker() -> Option<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("target").join("mermaid");
    let node = std::process::Command::new("node").arg("--version").output();
    let why = if node.is_err() {
        "Node is not installed"
    } else if !dir.join("node_modules").join("mermaid").is_dir() {
        "Mermaid's parser is not installed in target/mermaid (`.ci/run` installs it)"
    } else {
        std::fs::copy(
            root.join("tests").join("mermaid").join("check.mjs"),
            dir.join("check.mjs"),
        )
        .unwrap();
        return Some(dir);
    };
    assert!(
        std::env::var_os("CI").is_none(),
        "diagrams cannot be checked with Mermaid's parser: {why}"
    );
    eprintln!(
        "\n!!! SKIPPED: the generated diagrams were NOT checked with Mermaid's parser: {why}.\n"
    );
    None
}

#[test]
fn diagrams_parse_with_mermaid_whatever_the_ids_and_titles() {
    let (curriculum, nodes, groups) = hostile_diagram_curriculum();
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("cur")).unwrap();
    write(&dir.path().join("cur"), "c.yaml", curriculum.as_bytes());
    let at = |args: &[&str]| {
        let (code, out, err) = run(pathwise()
            .current_dir(dir.path())
            .args(["--no-builtin", "--paths", "cur"])
            .args(args));
        assert_eq!(code, 0, "{args:?}: {err}");
        out
    };
    let graph = at(&["graph"]);
    at(&["plan", "--set", "goals=all", "-o", "ann.md"]);
    at(&["plan", "--set", "goals=all", "-o", "bob.md"]);
    let team = at(&["team", "ann.md", "bob.md"]);
    let plan = std::fs::read_to_string(dir.path().join("ann.md")).unwrap();
    let mut diagrams = vec![("graph".to_string(), graph)];
    diagrams.extend(
        mermaid_blocks(&plan)
            .into_iter()
            .map(|d| ("plan".into(), d)),
    );
    diagrams.extend(
        mermaid_blocks(&team)
            .into_iter()
            .map(|d| ("team".into(), d)),
    );
    assert_eq!(diagrams.len(), 3, "one diagram in each: {diagrams:?}");
    for (name, d) in &diagrams {
        assert!(d.starts_with("flowchart LR\n"), "{name}: {d}");
        assert!(!d.contains("%%"), "{name}: {d}");
        for raw in ['\u{2028}', '\u{202e}'] {
            assert!(!d.contains(raw), "{name}: {d:?}");
        }
    }
    let Some(checker) = mermaid_checker() else {
        return;
    };
    let input: Vec<serde_json::Value> = diagrams
        .iter()
        .map(|(name, text)| {
            serde_json::json!({"name": name, "text": text, "nodes": nodes, "groups": groups})
        })
        .collect();
    let mut cmd = assert_cmd::Command::new("node");
    cmd.current_dir(&checker)
        .arg("check.mjs")
        .write_stdin(serde_json::to_string(&input).unwrap());
    let (code, out, err) = run(&mut cmd);
    assert_eq!(code, 0, "Mermaid's parser refused a diagram:\n{out}{err}");
    assert!(out.contains("3 diagram(s) parsed, 0 problem(s)"), "{out}");
}

// ── settings ─────────────────────────────────────────────────────────────

#[test]
fn a_configuration_file_that_is_no_regular_file_is_refused_with_a_message() {
    // /dev/zero was read until memory ran out.
    let (code, out, err) = run(pathwise().env("PATHWISE_CONFIG", "/dev/zero").arg("config"));
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: the configuration file /dev/zero is not a regular file\n  \
         help: set PATHWISE_CONFIG to a YAML file, or unset it\n"
    );
    // A named pipe is not waited on.
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("config.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let (code, _, err) = run(pathwise()
            .env("PATHWISE_CONFIG", &fifo)
            .arg("topics")
            .timeout(Duration::from_secs(60)));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("is not a regular file"), "{err}");
    }
}

#[test]
fn a_folder_where_the_configuration_file_should_be_stops_all_but_completions_and_the_manual() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pathwise").join("config.yaml");
    std::fs::create_dir_all(&file).unwrap();
    let with = || {
        let mut c = pathwise();
        c.env_remove("PATHWISE_CONFIG")
            .env("XDG_CONFIG_HOME", dir.path());
        c
    };
    let (code, out, err) = run(with().arg("topics"));
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        format!(
            "error: the configuration file {} is a folder, not a file\n  \
             help: remove or rename it, or set PATHWISE_CONFIG to a YAML file\n",
            file.display()
        )
    );
    let (code, out, err) = run(with().args(["completions", "bash"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("_pathwise()"), "{out}");
    let (code, out, _) = run(with().arg("man"));
    assert_eq!(code, 0);
    assert!(out.contains(".TH pathwise"), "{out}");
}

#[test]
fn a_configuration_folder_that_is_a_file_means_no_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let not_a_folder = dir.path().join("config-home");
    std::fs::write(&not_a_folder, "").unwrap();
    let (code, out, err) = run(pathwise()
        .env_remove("PATHWISE_CONFIG")
        .env("XDG_CONFIG_HOME", &not_a_folder)
        .arg("config"));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(&format!(
            "config file: {}/pathwise/config.yaml (none: a folder on its path is a file; \
             defaults apply)\n",
            not_a_folder.display()
        )),
        "{out}"
    );
    let (code, _, err) = run(pathwise()
        .env_remove("PATHWISE_CONFIG")
        .env("XDG_CONFIG_HOME", &not_a_folder)
        .args(["show", "numpy-arrays"]));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_relative_home_puts_nothing_in_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (code, out, err) = run(pathwise()
        .current_dir(dir.path())
        .env("HOME", "relative-home")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("PATHWISE_CONFIG")
        .env_remove("PATHWISE_CACHE_DIR")
        .env_remove("PATHWISE_NO_CACHE")
        .arg("config"));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with(
            "config file: none (no home folder with an absolute path, and PATHWISE_CONFIG is not set)\n"
        ),
        "{out}"
    );
    let (code, _, err) = run(pathwise()
        .current_dir(dir.path())
        .env("HOME", "relative-home")
        .env_remove("XDG_CACHE_HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("PATHWISE_CONFIG")
        .env_remove("PATHWISE_CACHE_DIR")
        .env_remove("PATHWISE_NO_CACHE")
        .arg("topics"));
    assert_eq!(code, 0, "{err}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_name_from_the_environment_or_configuration_gets_the_checks_answers_get() {
    for (name, why) in [
        ("Ada\tLovelace", "the text contains control characters"),
        ("Ada\u{7}", "the text contains control characters"),
        (
            "Ada \u{202e}ecalevoL",
            "the text contains invisible formatting characters",
        ),
        (&"a".repeat(300), "the text is longer than 200 bytes"),
    ] {
        let (code, out, err) = run(pathwise().env("PATHWISE_NAME", name).args([
            "plan",
            "--set",
            "goals=profile",
            "--format",
            "markdown",
        ]));
        assert_eq!((code, out.as_str()), (2, ""), "{name:?}");
        assert!(
            err.starts_with(&format!(
                "error: the name in PATHWISE_NAME cannot go on a plan: {why}"
            )),
            "{name:?}: {err}"
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "name: \"Ada\\tLovelace\"\n").unwrap();
    let (code, out, err) =
        run(pathwise()
            .env("PATHWISE_CONFIG", &config)
            .args(["plan", "--set", "goals=profile"]));
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with(&format!(
            "error: the name cannot go on a plan: the text contains control characters\n \
             --> {}:1:7\n",
            config.display()
        )),
        "{err}"
    );
}

#[test]
fn limits_on_flags_are_named() {
    // The timeout once overflowed when added to the clock.
    let (code, out, err) =
        run(pathwise().args(["check", "--links", "--timeout", "9223372036854775807"]));
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with(
            "error: invalid value '9223372036854775807' for '--timeout <SECONDS>': \
             9223372036854775807 is not in 1..=3600\n"
        ),
        "{err}"
    );
    let plans: Vec<String> = (0..101).map(|i| format!("p{i}.md")).collect();
    let (code, out, err) = run(pathwise().arg("team").args(&plans));
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        err.starts_with(
            "error: a team plan combines at most 100 plan files; 101 were given\n\nUsage: pathwise team"
        ),
        "{err}"
    );
}

#[test]
fn absurd_hours_in_a_plan_file_are_never_shown_as_infinite() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = run(pathwise().current_dir(dir.path()).args([
        "plan",
        "--set",
        "goals=profile",
        "-o",
        "p.md",
    ]));
    assert_eq!(code, 0, "{err}");
    let path = dir.path().join("p.md");
    let text = std::fs::read_to_string(&path).unwrap();
    // Every item's hours marker says 1e308.
    let mut edited = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(" hours=") {
        let (before, after) = rest.split_at(at + " hours=".len());
        edited.push_str(before);
        edited.push_str("1e308");
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    }
    edited.push_str(rest);
    assert_eq!(
        edited.matches("hours=1e308 ").count(),
        text.matches(" hours=").count()
    );
    assert!(edited.matches("hours=1e308 ").count() > 2);
    std::fs::write(&path, edited).unwrap();
    let (code, out, err) = run(pathwise()
        .current_dir(dir.path())
        .args(["progress", "p.md"]));
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("inf"), "{out}");
    let (code, out, _) = run(pathwise()
        .current_dir(dir.path())
        .args(["progress", "p.md", "--format", "json"]));
    assert_eq!(code, 0);
    assert!(!out.contains("null") && !out.contains("e+308"), "{out}");
}

#[test]
fn the_questions_in_a_terminal_too_small_for_a_list_end_with_a_message() {
    use expectrl::Expect;
    for rows in [1, 2] {
        let bin = env!("CARGO_BIN_EXE_pathwise");
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "until [ \"$(stty size)\" = '{rows} 80' ]; do sleep 0.02; done; \
                 '{bin}' plan; echo EXIT=$?"
            ))
            .env_remove("NO_COLOR")
            .env_remove("PATHWISE_PATHS")
            .env_remove("PATHWISE_NAME")
            .env("PATHWISE_NO_CACHE", "1")
            .env("PATHWISE_CONFIG", "/nonexistent/config.yaml")
            .env("TERM", "xterm-256color");
        let mut s = expectrl::session::OsSession::spawn(cmd).expect("spawn in a pty");
        // Set from here, after the pty library has set its own size of 24 rows (a `stty` in
        // the child could run before that and be undone); the shell waits for it.
        s.get_process_mut().set_window_size(80, rows).unwrap();
        // Generous: only a hang should fail this.
        s.set_expect_timeout(Some(Duration::from_secs(60)));
        // Refused before the first question, so that no answer is given in vain.
        s.expect("too small to ask the questions in (they need at least 3)")
            .unwrap_or_else(|e| panic!("{rows} rows: {e}"));
        let rest = s.expect("EXIT=").unwrap();
        assert!(
            !String::from_utf8_lossy(rest.before()).contains("hit a bug"),
            "{rows} rows"
        );
        s.expect("2").unwrap();
    }
}
