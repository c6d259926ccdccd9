//! Plan files made to be slow or large (the shapes in `benches/plans/hostile.rs`, where their
//! time and memory are measured): every command still answers, within a memory limit, and
//! hangs are caught by a generous timeout. No timings here.

use std::path::Path;
use std::time::Duration;

use crate::common::*;

#[allow(dead_code)]
#[path = "../../benches/plans/hostile.rs"]
mod hostile;

/// Runs pathwise in `dir` under an address-space limit in MiB.
fn bounded(dir: &Path, mib: u64, args: &str) -> (i32, String, String) {
    let bin = env!("CARGO_BIN_EXE_pathwise");
    let mut cmd = assert_cmd::Command::new("sh");
    cmd.current_dir(dir)
        .arg("-c")
        .arg(format!("ulimit -v {}; exec '{bin}' {args}", mib * 1024))
        .env("NO_COLOR", "1")
        .env("PATHWISE_CONFIG", "/nonexistent/config.yaml")
        .env("PATHWISE_NO_CACHE", "1")
        .env_remove("PATHWISE_PATHS")
        .timeout(Duration::from_secs(300));
    run(&mut cmd)
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn one_item_with_a_long_tail_and_many_copies_of_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "tail.md",
        &hostile::repeated_item_with_tail(3_000_000),
    );
    let (code, _, err) = bounded(dir.path(), 1024, "refresh tail.md --dry-run");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("appears again"), "the copies are reported");
    assert!(err.contains("dry run: nothing was written"), "{err}");
}

#[test]
fn every_item_in_an_area_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "areas.md", &hostile::distinct_areas(4_400_000));
    let (code, out, err) = bounded(dir.path(), 1024, "progress areas.md --format json");
    assert_eq!(code, 0, "{err}");
    let p = json(&out);
    assert!(p["by_area"].as_array().unwrap().len() > 30_000);
}

#[test]
fn many_notes_are_all_put_back() {
    let dir = tempfile::tempdir().unwrap();
    let text = hostile::many_notes(4_000_000);
    let notes = text.lines().filter(|l| l.starts_with("Note ")).count();
    assert!(notes > 200_000);
    write(dir.path(), "notes.md", &text);
    let (code, _, err) = bounded(dir.path(), 1024, "refresh notes.md -o out.md");
    assert_eq!(code, 0, "{err}");
    let out = std::fs::read_to_string(dir.path().join("out.md")).unwrap();
    let kept: Vec<&str> = out.lines().filter(|l| l.starts_with("Note ")).collect();
    assert_eq!(kept.len(), notes);
    assert!(
        kept.windows(2).all(|w| {
            let n = |l: &str| {
                l.trim_end_matches('.')
                    .rsplit(' ')
                    .next()
                    .unwrap()
                    .parse::<usize>()
                    .unwrap()
            };
            n(w[0]) < n(w[1])
        }),
        "in their order"
    );
}

#[test]
fn diff_and_team_of_two_large_plans_stay_small() {
    let dir = tempfile::tempdir().unwrap();
    // Tiny task lines are the most per byte; pathwise once took 390 MB for these.
    write(dir.path(), "a.md", &hostile::tiny_tasks(4_800_000));
    write(dir.path(), "b.md", &hostile::tiny_tasks(4_800_001));
    write(dir.path(), "c.md", &hostile::big_plan(4_800_000, 0));
    write(dir.path(), "d.md", &hostile::big_plan(4_800_000, 1));
    let (code, out, err) = bounded(dir.path(), 320, "diff a.md b.md");
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("identical"), "{out}");
    let (code, _, err) = bounded(dir.path(), 320, "team a.md b.md -o team.md");
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = bounded(dir.path(), 320, "diff c.md d.md --format json");
    assert_eq!(code, 1, "{err}");
    assert_eq!(json(&out)["identical"], false);
    let (code, _, err) = bounded(dir.path(), 320, "team c.md d.md -o team2.md");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn an_alias_bomb_in_a_plans_front_matter_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = hostile::alias_bomb();
    assert!(bomb.len() < 500);
    write(dir.path(), "bomb.md", &bomb);
    for cmd in [
        "progress bomb.md",
        "refresh bomb.md",
        "diff bomb.md bomb.md",
    ] {
        let (code, _, err) = bounded(dir.path(), 160, cmd);
        assert_eq!(code, 2, "{cmd}: {err}");
        assert!(
            err.contains("bomb.md") && err.contains("front matter"),
            "{cmd}: {err}"
        );
    }
}

#[test]
fn a_front_matter_of_many_unknown_answers_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "answers.md", &hostile::unknown_answers(5_000));
    let (code, _, err) = bounded(dir.path(), 1024, "refresh answers.md --dry-run");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("unknown question `no_such_question_0`"),
        "{err}"
    );
    let (code, _, err) = bounded(dir.path(), 1024, "progress answers.md");
    assert_eq!(code, 0, "progress needs no answers: {err}");
}
