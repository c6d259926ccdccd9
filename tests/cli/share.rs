//! Plans that travel: markdown plan files, progress, refresh, diff and team plans.

use std::path::{Path, PathBuf};

use crate::common::*;

/// A folder holding a copy of the small fixture curriculum (`small/`), where plans are made: the
/// folders a plan records are relative to it, so the files are the same wherever it is.
pub(crate) struct Team {
    pub dir: tempfile::TempDir,
}

impl Team {
    pub(crate) fn new() -> Team {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("small")).unwrap();
        std::fs::copy(
            fixtures().join("small").join("curriculum.yaml"),
            dir.path().join("small").join("curriculum.yaml"),
        )
        .unwrap();
        Team { dir }
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// pathwise on the small curriculum only, run in the folder.
    pub(crate) fn cmd(&self) -> assert_cmd::Command {
        let mut c = pathwise();
        c.current_dir(self.path())
            .args(["--no-builtin", "--paths", "small"]);
        c
    }

    /// Writes `name`'s plan into the folder and returns its path.
    pub(crate) fn plan(&self, name: &str) -> PathBuf {
        let out = self.path().join(format!("{name}.md"));
        let (code, _, err) = run(self
            .cmd()
            .arg("plan")
            .arg("--answers")
            .arg(answers(name))
            .arg("-o")
            .arg(&out)
            .args(["--date", "2026-01-01"]));
        assert_eq!(code, 0, "{err}");
        out
    }
}

/// pathwise on the small fixture curriculum only.
fn small() -> assert_cmd::Command {
    let mut c = pathwise();
    c.arg("--no-builtin")
        .arg("--paths")
        .arg(fixtures().join("small"));
    c
}

pub(crate) fn answers(name: &str) -> PathBuf {
    fixtures().join("team").join(format!("{name}.yaml"))
}

/// Writes `name`'s plan into `dir` and returns its path.
fn make_plan(dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(format!("{name}.md"));
    let (code, _, err) = run(small()
        .arg("plan")
        .arg("--answers")
        .arg(answers(name))
        .arg("-o")
        .arg(&out)
        .args(["--date", "2026-01-01"]));
    assert_eq!(code, 0, "{err}");
    out
}

pub(crate) fn tick(path: &Path, resource: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let marker = format!("<!-- pathwise:{resource} ");
    let ticked: Vec<String> = text
        .lines()
        .map(|l| {
            if l.contains(&marker) {
                l.replacen("- [ ]", "- [x]", 1)
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(path, ticked.join("\n") + "\n").unwrap();
}

#[test]
fn markdown_plan_matches_golden_file() {
    let team = Team::new();
    for name in ["ann", "bob"] {
        let p = team.plan(name);
        golden(
            &fixtures().join("golden").join(format!("{name}.md")),
            &std::fs::read_to_string(p).unwrap(),
        );
    }
}

#[test]
fn markdown_to_stdout_is_the_same_and_source_date_epoch_sets_the_date() {
    let team = Team::new();
    let file = std::fs::read_to_string(team.plan("ann")).unwrap();
    let (code, out, _) = run(team
        .cmd()
        .args(["plan", "--format", "markdown", "--answers"])
        .arg(answers("ann"))
        .env("SOURCE_DATE_EPOCH", "1767225600"));
    assert_eq!(code, 0);
    assert_eq!(out, file);
    for stdout in ["-", "/dev/stdout"] {
        let (code, out, err) = run(team
            .cmd()
            .args(["plan", "-o", stdout, "--date", "2026-01-01", "--answers"])
            .arg(answers("ann")));
        assert_eq!(code, 0, "{err}");
        assert_eq!(out, file, "-o {stdout}");
    }
}

#[test]
fn data_text_is_escaped_and_only_http_links_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(make_plan(dir.path(), "bob")).unwrap();
    assert!(
        text.contains("# Learning plan for Bob \\<b\\>\\[x\\](javascript:1)\\</b\\>"),
        "{text}"
    );
    // The front matter keeps the name as a quoted YAML string; the body has no raw HTML.
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    assert!(!body.contains("<b>"), "{body}");
    assert!(
        text.contains("[An \\*introductory\\* book](https://example.org/intro)"),
        "{text}"
    );
    // Every real link (a `](` whose `]` is not escaped) goes to http(s).
    for line in body.lines() {
        // Outside code spans.
        let line: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        for (i, _) in line.match_indices("](") {
            if line[..i].ends_with('\\') {
                continue;
            }
            let target = &line[i + 2..];
            assert!(
                target.starts_with("http://") || target.starts_with("https://"),
                "{line}"
            );
        }
    }
}

#[test]
fn round_trip_tick_progress_refresh() {
    let dir = tempfile::tempdir().unwrap();
    let plan = make_plan(dir.path(), "ann");
    let (_, out, _) = run(small()
        .arg("progress")
        .arg(&plan)
        .args(["--format", "json"]));
    let before = json(&out);
    assert_eq!(before["topics"]["done"], 0);
    assert_eq!(before["topics"]["total"], 3);
    assert_eq!(
        before["hours"]["total"], 19.0,
        "the plan's header says 19 h"
    );
    tick(&plan, "array-docs");
    tick(&plan, "mpi");
    // Skip one by striking it through, and add notes of our own.
    let text = std::fs::read_to_string(&plan).unwrap();
    let text = text.replace(
        "- [ ] [New solver bindings](https://example.org/new)",
        "- [ ] ~~[New solver bindings](https://example.org/new)~~",
    );
    let text = text.replace(
        "hours=5 -->\n",
        "hours=5 --> borrowed from Cy\nRemember: cluster account first.\n",
    );
    // Striking through the primary leaves the topic to its alternatives: not skipped yet.
    let text = text.replace(
        "- [ ] [Solver course (paid)](https://example.org/course)",
        "- [ ] ~~[Solver course (paid)](https://example.org/course)~~",
    );
    let text = text.replace(
        "- [ ] [Old solver bindings](http://example.org/old)",
        "- [ ] ~~[Old solver bindings](http://example.org/old)~~",
    );
    std::fs::write(&plan, &text).unwrap();
    let (code, out, _) = run(small()
        .arg("progress")
        .arg(&plan)
        .args(["--format", "json"]));
    assert_eq!(code, 0);
    let after = json(&out);
    assert_eq!(after["topics"]["done"], 2);
    assert_eq!(
        after["topics"]["skipped"], 1,
        "every item of solvers is struck through"
    );
    assert_eq!(after["topics"]["total"], 3);
    assert_eq!(
        after["hours"]["done"], 11.0,
        "arrays (6 h) and messages (5 h)"
    );
    assert_eq!(after["hours"]["skipped"], 8.0);
    assert_eq!(after["hours"]["total"], 19.0);
    let (_, text_out, _) = run(small().arg("progress").arg(&plan));
    assert!(
        text_out.contains("2 of 3 topics done (66%), 11 h of 19 h; 1 skipped (8 h)"),
        "{text_out}"
    );
    // Refresh against the same curriculum changes nothing but the stamp.
    let (code, _, err) = run(small()
        .arg("refresh")
        .arg(&plan)
        .args(["--date", "2026-02-01"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("0 added, 0 removed, 2 ticks kept, 2 lines of yours kept"),
        "{err}"
    );
    let refreshed = std::fs::read_to_string(&plan).unwrap();
    assert_eq!(
        refreshed,
        text.replace(
            "created: 2026-01-01\n",
            "created: 2026-01-01\nrefreshed: 2026-02-01\n"
        )
    );
    let (_, out, _) = run(small()
        .arg("progress")
        .arg(&plan)
        .args(["--format", "json"]));
    assert_eq!(json(&out)["topics"]["done"], 2);
}

#[test]
fn refresh_keeps_ticks_across_a_curriculum_change_and_reports_it() {
    let dir = tempfile::tempdir().unwrap();
    let plan = make_plan(dir.path(), "ann");
    tick(&plan, "mpi");
    tick(&plan, "array-docs");
    // Add a better resource for messages and a new topic that solvers now require.
    let extra = dir.path().join("extra");
    std::fs::create_dir(&extra).unwrap();
    std::fs::write(
        extra.join("more.yaml"),
        "topics:\n  - id: profiling\n    title: Profiling\n    area: learn\n    hours: 2\n    summary: Measure first.\nresources:\n  - id: profiler\n    title: A profiler\n    url: https://example.org/prof\n    kind: tool\n    teaches: [profiling]\n    level: beginner\n    cost: free\n    hours: 1\nquestions:\n  - id: extra\n    prompt: Profile too?\n    kind: multiselect\n    default: [prof]\n    options:\n      - id: prof\n        label: Yes\n        wants: [profiling]\n",
    )
    .unwrap();
    let before = std::fs::read_to_string(&plan).unwrap();
    let (code, _, err) = run(small()
        .arg("--paths")
        .arg(&extra)
        .arg("refresh")
        .arg(&plan)
        .arg("--dry-run"));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("added   A profiler\n"), "{err}");
    assert!(err.contains("dry run"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        before,
        "--dry-run writes nothing"
    );
    let (code, _, err) = run(small().arg("--paths").arg(&extra).arg("refresh").arg(&plan));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 added, 0 removed, 2 ticks kept"), "{err}");
    let after = std::fs::read_to_string(&plan).unwrap();
    assert!(after.contains("- [x] [MPI bindings]"), "{after}");
    assert!(after.contains("- [ ] [A profiler]"), "{after}");
    assert_ne!(
        after.lines().find(|l| l.starts_with("curriculum: ")),
        before.lines().find(|l| l.starts_with("curriculum: "))
    );
}

#[test]
fn progress_tolerates_hand_edits_and_reports_unknown_ids() {
    let dir = tempfile::tempdir().unwrap();
    let plan = make_plan(dir.path(), "cy");
    let text = std::fs::read_to_string(&plan).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    // Move the last task item to the top of the body, delete another, add our own task and an
    // item with an id the curriculum does not have.
    let items: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with("- ["))
        .collect();
    let last = lines.remove(*items.last().unwrap());
    let body = lines.iter().position(|l| l.starts_with("# ")).unwrap();
    lines.insert(body + 1, last);
    lines.retain(|l| !l.contains("pathwise:frames "));
    lines.push("- [x] my own task");
    lines.push("- [x] [Gone](https://example.org/gone) <!-- pathwise:gone topic=x area=learn week=1 hours=2 -->");
    std::fs::write(&plan, lines.join("\n")).unwrap();
    let (code, out, err) = run(small()
        .arg("progress")
        .arg(&plan)
        .args(["--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let p = json(&out);
    assert_eq!(
        p["topics"]["done"], 0,
        "an item outside the plan completes nothing"
    );
    assert_eq!(
        p["topics"]["total"], 4,
        "the deleted item's topic still counts"
    );
    assert_eq!(p["own_tasks"]["done"], 1);
    let problems = p["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|x| x["kind"] == "unknown-resource" && x["resource"] == "gone"),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|x| x["kind"] == "missing-item" && x["resource"] == "frames"),
        "{problems:?}"
    );
    let (_, text, _) = run(small().arg("progress").arg(&plan));
    assert!(text.contains("`gone` is not in the curriculum"), "{text}");
    assert!(
        text.contains("the item `frames` of topic `tables` is missing from the file"),
        "{text}"
    );
}

#[test]
fn files_that_are_not_plans_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 5] = [
        ("empty.md", b""),
        ("notes.md", b"# Shopping\n- [ ] milk\n"),
        ("binary.md", &[0, 159, 146, 150, 0, 1]),
        ("broken.md", b"---\npathwise: [unclosed\n---\n"),
        ("other.md", b"---\ntitle: Jekyll post\n---\nHello\n"),
    ];
    for (name, bytes) in cases {
        let f = dir.path().join(name);
        std::fs::write(&f, bytes).unwrap();
        for cmd in ["progress", "refresh"] {
            let (code, _, err) = run(small().arg(cmd).arg(&f));
            assert_eq!(code, 2, "{cmd} {name}: {err}");
            assert!(err.contains(name), "{cmd} {name}: {err}");
            assert_eq!(
                std::fs::read(&f).unwrap(),
                bytes,
                "{cmd} left {name} as it was"
            );
        }
    }
}

#[test]
fn diff_lists_what_is_only_in_each_plan() {
    let dir = tempfile::tempdir().unwrap();
    let a = make_plan(dir.path(), "ann");
    let b = make_plan(dir.path(), "bob");
    let (code, out, _) = run(small()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .args(["--format", "json"]));
    assert_eq!(code, 1, "the plans differ");
    let d = json(&out);
    let ids = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&d["topics"]["only_a"]), ["messages", "solvers"]);
    assert_eq!(ids(&d["topics"]["only_b"]), ["basics", "tables"]);
    assert_eq!(ids(&d["topics"]["both"]), ["arrays"]);
    assert_eq!(d["topics"]["only_a"][0]["title"], "Message passing");
    assert_eq!(d["identical"], false);
}

#[test]
fn a_team_of_three_shows_members_shared_foundations_and_mentors() {
    let dir = tempfile::tempdir().unwrap();
    let plans: Vec<PathBuf> = ["ann", "bob", "cy"]
        .iter()
        .map(|n| make_plan(dir.path(), n))
        .collect();
    tick(&plans[0], "array-docs");
    let out = dir.path().join("team.md");
    let (code, _, err) = run(small().arg("team").args(&plans).arg("-o").arg(&out));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "wrote the team plan of 3 members to {}",
            out.display()
        )),
        "{err}"
    );
    let text = std::fs::read_to_string(&out).unwrap();
    golden(&fixtures().join("golden").join("team.md"), &text);
    for name in ["| Ann |", "| Bob \\<b\\>", "| Cy |"] {
        assert!(text.contains(name), "{name} missing:\n{text}");
    }
    assert!(text.contains("## Shared foundations"));
    assert!(
        text.contains(
            // Their plans give Arrays 6 h or 10 h (different readings): both are shown.
            "1. Arrays (arrays, 6–10 h) — Ann, Bob \\<b\\>\\[x\\](javascript:1)\\</b\\>, Cy"
        ),
        "{text}"
    );
    assert!(
        text.contains("- Basics: Ann (knows it), Cy (knows it) can help Bob"),
        "{text}"
    );
    assert!(
        text.contains(
            "- Arrays: Ann (has done it) can help Bob \\<b\\>\\[x\\](javascript:1)\\</b\\>, Cy"
        ),
        "{text}"
    );
    // The inputs are untouched.
    for p in &plans {
        assert!(
            std::fs::read_to_string(p)
                .unwrap()
                .starts_with("---\npathwise: ")
        );
    }
}

#[test]
fn team_warns_when_plans_come_from_different_curricula() {
    let dir = tempfile::tempdir().unwrap();
    let a = make_plan(dir.path(), "ann");
    let b = make_plan(dir.path(), "cy");
    let text = std::fs::read_to_string(&b).unwrap();
    let changed = text
        .lines()
        .map(|l| {
            if l.starts_with("curriculum: ") {
                "curriculum: 0000000000000000"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&b, changed).unwrap();
    let (code, out, err) = run(small().arg("team").arg(&a).arg(&b));
    assert_eq!(code, 0);
    assert!(err.contains("different curricula"), "{err}");
    assert!(out.contains("**Warning:**"), "{out}");
    // One plan is not a team.
    let (code, _, _) = run(small().arg("team").arg(&a));
    assert_eq!(code, 2);
}

#[test]
fn refusing_to_overwrite_leaves_the_file_identical_and_force_replaces_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.md");
    std::fs::write(&out, "my precious notes\n").unwrap();
    let (code, _, err) = run(small()
        .arg("plan")
        .arg("--answers")
        .arg(answers("ann"))
        .arg("-o")
        .arg(&out));
    assert_eq!(code, 2);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        "my precious notes\n"
    );
    let (code, _, _) = run(small()
        .arg("plan")
        .arg("--answers")
        .arg(answers("ann"))
        .arg("-o")
        .arg(&out)
        .arg("--force"));
    assert_eq!(code, 0);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .starts_with("---\npathwise: ")
    );
    // No temporary files are left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_full_device_gives_exit_1_and_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let full = Path::new("/dev/full");
    if !full.exists() {
        eprintln!("no /dev/full on this system");
        return;
    }
    let (code, _, err) = run(small()
        .arg("plan")
        .arg("--answers")
        .arg(answers("ann"))
        .args(["-o", "/dev/full", "--force"]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("/dev/full") && err.contains("no space"),
        "{err}"
    );
    assert!(
        std::fs::metadata(full)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_folder_that_cannot_be_written_gives_exit_1_and_loses_nothing() {
    // /proc refuses new files even for root; a read-only folder does the same for other users.
    let (code, _, err) = run(small()
        .arg("plan")
        .arg("--answers")
        .arg(answers("ann"))
        .args(["-o", "/proc/pathwise-plan.md"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("/proc/pathwise-plan.md"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let plan = make_plan(dir.path(), "ann");
    let before = std::fs::read(&plan).unwrap();
    let mut perms = std::fs::metadata(dir.path()).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    std::fs::set_permissions(dir.path(), perms.clone()).unwrap();
    let writable = tempfile::tempfile_in(dir.path()).is_ok(); // true for root
    let (code, _, err) = run(small()
        .arg("refresh")
        .arg(&plan)
        .args(["--date", "2027-01-01"]));
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(dir.path(), perms).unwrap();
    if !writable {
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("cannot write"), "{err}");
        assert_eq!(std::fs::read(&plan).unwrap(), before, "the plan is intact");
    }
    // Whoever runs the tests: refresh and team whose output cannot be written exit 1 and leave
    // their inputs as they were.
    let other = make_plan(dir.path(), "bob");
    let other_before = std::fs::read(&other).unwrap();
    // As root the refresh above went through; compare against the plan as it is now.
    let before = std::fs::read(&plan).unwrap();
    let (code, _, err) = run(small()
        .arg("refresh")
        .arg(&plan)
        .args(["-o", "/proc/pathwise-refreshed.md"]));
    assert_eq!(code, 1, "{err}");
    let (code, _, err) = run(small()
        .arg("team")
        .arg(&plan)
        .arg(&other)
        .args(["-o", "/proc/pathwise-team.md"]));
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "refresh and team never touch their inputs"
    );
    assert_eq!(std::fs::read(&other).unwrap(), other_before);
}
