//! What the command line says besides its results: `--quiet` drops confirmations and reports but
//! never a warning or an error; `--verbose` says which configuration and curriculum were used and
//! whether the cache served it; and a run stopped by problems ends by saying what the command
//! did not do, in its own words.

use crate::common::*;

fn plan_to(dir: &std::path::Path, extra: &[&str]) -> (i32, String, String) {
    run(pathwise()
        .current_dir(dir)
        .args([
            "plan",
            "--set",
            "python=experienced",
            "--set",
            "goals=scale",
        ])
        .args(["--date", "2026-01-05", "-o", "plan.md"])
        .args(extra))
}

#[test]
fn quiet_writes_the_same_plan_and_says_nothing() {
    let loud = tempfile::tempdir().unwrap();
    let (code, out, err) = plan_to(loud.path(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    assert!(err.starts_with("wrote your plan to plan.md"), "{err}");

    let quiet = tempfile::tempdir().unwrap();
    let (code, out, err) = plan_to(quiet.path(), &["--quiet"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!((out.as_str(), err.as_str()), ("", ""));
    assert_eq!(
        std::fs::read(loud.path().join("plan.md")).unwrap(),
        std::fs::read(quiet.path().join("plan.md")).unwrap()
    );
}

#[test]
fn quiet_refresh_keeps_what_it_found_in_the_file_and_drops_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = plan_to(dir.path(), &[]);
    assert_eq!(code, 0, "{err}");
    let path = dir.path().join("plan.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let ticked = text.replacen("- [ ] ", "- [✓] ", 1);
    std::fs::write(&path, &ticked).unwrap();

    let (code, out, err) = run(pathwise()
        .current_dir(dir.path())
        .args(["refresh", "-q", "plan.md"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    assert!(
        err.starts_with("note: line ") && err.contains("is not a box pathwise can read"),
        "{err}"
    );
    assert!(
        !err.contains("added,"),
        "the report is a confirmation:\n{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");

    let (code, _, err) = run(pathwise()
        .current_dir(dir.path())
        .args(["refresh", "plan.md"]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("is not a box pathwise can read"), "{err}");
    assert!(err.contains("0 added, 0 removed"), "{err}");
}

#[test]
fn quiet_still_shows_errors() {
    let (code, _, err) = run(pathwise().args(["-q", "show", "no-such-topic"]));
    assert_eq!(code, 2);
    assert!(err.starts_with("error: "), "{err}");
}

#[test]
fn verbose_says_what_was_loaded_and_whether_the_cache_served_it() {
    let cache = tempfile::tempdir().unwrap();
    let cached = || {
        let mut c = pathwise();
        c.env_remove("PATHWISE_NO_CACHE")
            .env("PATHWISE_CACHE_DIR", cache.path())
            .args(["topics", "--verbose"]);
        c
    };
    let topics = builtin_topics();
    let (code, quiet_out, err) = run(pathwise().arg("topics"));
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty(), "{err}");

    let (code, out, first) = run(&mut cached());
    assert_eq!(code, 0, "{first}");
    assert_eq!(out, quiet_out, "--verbose changes only stderr");
    assert!(
        first.contains(
            "config file: /nonexistent/pathwise-test-config.yaml (not found; defaults apply)\n"
        ),
        "{first}"
    );
    assert!(
        first.contains("curriculum: the built-in guide\n"),
        "{first}"
    );
    assert!(
        first.contains(&format!(", {topics} topics, ")),
        "the count of topics:\n{first}"
    );
    assert!(
        first.contains("(read from the files; saved to the cache in "),
        "{first}"
    );

    let (code, _, second) = run(&mut cached());
    assert_eq!(code, 0, "{second}");
    assert!(second.contains("(read from the cache in "), "{second}");

    let (code, _, off) = run(pathwise().args(["topics", "-v"]));
    assert_eq!(code, 0, "{off}");
    assert!(off.contains(" (cache off)\n"), "{off}");
}

#[test]
fn quiet_and_verbose_together_are_refused() {
    let (code, _, err) = run(pathwise().args(["topics", "-q", "-v"]));
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn a_stopped_run_says_what_the_command_did_not_do() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("me.yaml"), "python: fluent\n").unwrap();
    std::fs::write(dir.path().join("bad.md"), "not a plan\n").unwrap();
    let last_line = |args: &[&str]| {
        let (code, out, err) = run(pathwise().current_dir(dir.path()).args(args));
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty());
        err.lines().last().unwrap_or_default().to_string()
    };
    assert_eq!(
        last_line(&["plan", "--answers", "me.yaml"]),
        "1 problem found; nothing was planned or written."
    );
    assert_eq!(
        last_line(&["refresh", "bad.md"]),
        "1 problem found; nothing was written."
    );
    assert_eq!(
        last_line(&["team", "bad.md", "bad.md"]),
        "1 problem found; no team plan was written."
    );
    // Commands that only read have nothing to add.
    assert_eq!(last_line(&["progress", "bad.md"]), "1 problem found.");
    assert_eq!(
        last_line(&["why", "numpy-arrays", "--answers", "me.yaml"]),
        "1 problem found."
    );
    // The file is untouched.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bad.md")).unwrap(),
        "not a plan\n"
    );
}
