//! Hostile input: every bad file gets exit 2 and a message naming it (with line and column where
//! there is one), never a panic, in bounded time and memory. Files that are merely unusual
//! (CRLF, a byte order mark, unicode, comments, anchors) still load.

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
                s.push_str(&format!("a{i}: &a{i} [{}]\n", [prev.as_str(); 10].join(", ")));
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
            s.push_str(&format!(
                "a{i}: &a{i} [{}]\n",
                vec![format!("*a{}", i - 1); 8].join(", ")
            ));
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
}
