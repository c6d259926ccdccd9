//! One rule for exit codes, the one the README and the manual give: 0 success; 1 the system
//! failed (a file that exists could not be read, or could not be written); 2 bad usage or bad
//! data (an unknown option or id, a file that does not exist, a mistake in a file). Checked for
//! every command that reads or writes a file. (3, `check --links` without a network, is tested
//! in `links.rs`.)

use crate::common::*;

const MISSING: &str = "/nonexistent/pathwise-missing-file";

/// Every command, given a file (or folder) that does not exist where it reads one.
fn reads_of_a_missing_file() -> Vec<Vec<&'static str>> {
    vec![
        vec!["plan", "--answers", MISSING],
        vec!["why", "numpy-arrays", "--answers", MISSING],
        vec!["progress", MISSING],
        vec!["refresh", MISSING],
        vec!["diff", MISSING, MISSING],
        vec!["team", MISSING, MISSING],
        vec!["check", "--paths", MISSING],
        vec!["topics", "--paths", MISSING],
        vec!["plan", "--set", "goals=profile", "--paths", MISSING],
    ]
}

#[test]
fn a_file_that_does_not_exist_is_bad_usage_exit_2_naming_it() {
    for args in reads_of_a_missing_file() {
        let (code, out, err) = run(pathwise().args(&args));
        assert_eq!(code, 2, "{args:?}: exit {code}\n{err}");
        assert!(out.is_empty(), "{args:?} wrote to stdout");
        assert!(
            err.contains(MISSING),
            "{args:?} does not name the file:\n{err}"
        );
    }
}

#[test]
fn unknown_options_ids_and_values_are_bad_usage_exit_2() {
    for args in [
        vec!["plan", "--no-such-flag"],
        vec!["show", "no-such-topic"],
        vec!["why", "no-such-topic"],
        vec!["topics", "--area", "no-such-area"],
        vec!["graph", "--topic", "no-such-topic"],
        vec!["plan", "--set", "no_such_question=1"],
        vec!["plan", "--set", "goals=no-such-goal"],
        vec!["no-such-command"],
    ] {
        let (code, out, err) = run(pathwise().args(&args));
        assert_eq!(code, 2, "{args:?}: exit {code}\n{err}");
        assert!(out.is_empty(), "{args:?} wrote to stdout");
    }
}

#[test]
fn a_file_that_cannot_be_written_is_a_system_failure_exit_1() {
    // A path under a regular file: the system refuses, whoever runs the test.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let target = file.join("plan.md");
    let (code, out, err) = run(pathwise()
        .args(["plan", "--set", "goals=profile", "-o"])
        .arg(&target));
    assert_eq!(code, 1, "exit {code}\n{err}");
    assert!(out.is_empty());
    assert!(err.contains("cannot write"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn success_is_0() {
    for args in [
        vec!["check"],
        vec!["topics"],
        vec!["plan", "--set", "goals=profile"],
    ] {
        let (code, _, err) = run(pathwise().args(&args));
        assert_eq!(code, 0, "{args:?}: {err}");
    }
}
