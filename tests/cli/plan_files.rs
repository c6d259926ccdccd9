//! Plan files are the user's files: how pathwise writes them, where it finds their curriculum,
//! and the commands that compare and combine them.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use crate::common::*;
use crate::share::{Team, answers, tick};

fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o7777
}

/// `pathwise refresh PLAN --date DATE` on the team's curriculum.
fn refresh(team: &Team, plan: &Path, date: &str) -> (i32, String, String) {
    run(team.cmd().arg("refresh").arg(plan).args(["--date", date]))
}

/// pathwise in the team folder under a given umask (through the shell, which sets it).
fn with_umask(team: &Team, umask: &str, args: &str) -> (i32, String, String) {
    let bin = assert_cmd::cargo::cargo_bin("pathwise");
    let mut c = std::process::Command::new("sh");
    c.arg("-c")
        .arg(format!(
            "umask {umask} && exec '{}' --no-builtin --paths small {args}",
            bin.display()
        ))
        .current_dir(team.path())
        .env("NO_COLOR", "1")
        .env("PATHWISE_CONFIG", "/nonexistent/pathwise-test-config.yaml")
        .env("PATHWISE_NO_CACHE", "1")
        .env_remove("PATHWISE_PATHS")
        .env_remove("PATHWISE_FORMAT");
    let out = c.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn new_files_get_the_permissions_the_umask_allows_and_their_folders() {
    let team = Team::new();
    let ann = answers("ann");
    let bob = answers("bob");
    for (umask, want) in [("022", 0o644), ("002", 0o664), ("077", 0o600)] {
        let (code, _, err) = with_umask(
            &team,
            umask,
            &format!(
                "plan --answers '{}' --save-answers answers/{umask}/ann.yaml -o plans/{umask}/ann.md",
                ann.display()
            ),
        );
        assert_eq!(code, 0, "{err}");
        let (code, _, err) = with_umask(
            &team,
            umask,
            &format!("plan --answers '{}' -o plans/{umask}/bob.md", bob.display()),
        );
        assert_eq!(code, 0, "{err}");
        let (code, _, err) = with_umask(
            &team,
            umask,
            &format!("team plans/{umask}/ann.md plans/{umask}/bob.md -o team/{umask}.md"),
        );
        assert_eq!(code, 0, "{err}");
        let (code, _, err) = with_umask(&team, umask, &format!("init init-{umask}"));
        assert_eq!(code, 0, "{err}");
        for f in [
            format!("plans/{umask}/ann.md"),
            format!("answers/{umask}/ann.yaml"),
            format!("team/{umask}.md"),
            format!("init-{umask}/topics.yaml"),
        ] {
            assert_eq!(mode(&team.path().join(&f)), want, "{f} under umask {umask}");
        }
    }
}

#[test]
fn refresh_through_a_symbolic_link_writes_the_target_and_keeps_the_link() {
    let team = Team::new();
    let plan = team.plan("ann");
    let link = team.path().join("link.md");
    std::os::unix::fs::symlink("ann.md", &link).unwrap();
    tick(&plan, "mpi");
    let (code, _, err) = refresh(&team, &link, "2026-02-01");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 added, 0 removed, 1 tick kept"), "{err}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("refreshed: 2026-02-01"), "{text}");
    assert!(text.contains("- [x] [MPI bindings]"));
    // plan -o LINK --force writes through the link too.
    let (code, _, err) = run(team
        .cmd()
        .args(["plan", "--answers"])
        .arg(answers("cy"))
        .arg("-o")
        .arg(&link)
        .arg("--force"));
    assert_eq!(code, 0, "{err}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&plan)
            .unwrap()
            .contains("# Learning plan for Cy")
    );
}

#[test]
fn refresh_keeps_hard_links_mode_owner_and_group() {
    let team = Team::new();
    let plan = team.plan("ann");
    let other = team.path().join("other-name.md");
    std::fs::hard_link(&plan, &other).unwrap();
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o640)).unwrap();
    // As root, give the file to someone else: the refresh must not take it over.
    let root = std::fs::metadata(&plan).unwrap().uid() == 0
        && std::os::unix::fs::chown(&plan, Some(4321), Some(4321)).is_ok();
    tick(&plan, "mpi");
    let before = std::fs::metadata(&plan).unwrap();
    let (code, _, err) = refresh(&team, &plan, "2026-02-01");
    assert_eq!(code, 0, "{err}");
    let after = std::fs::metadata(&plan).unwrap();
    assert_eq!(after.ino(), before.ino(), "the same file");
    assert_eq!(after.nlink(), 2);
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        std::fs::read_to_string(&plan).unwrap()
    );
    assert!(
        std::fs::read_to_string(&other)
            .unwrap()
            .contains("refreshed: 2026-02-01")
    );
    assert_eq!(mode(&plan), 0o640);
    if root {
        assert_eq!((after.uid(), after.gid()), (4321, 4321));
    }
    // A file with one name is replaced by a new one, which keeps the mode and owner too.
    std::fs::remove_file(&other).unwrap();
    let (code, _, err) = refresh(&team, &plan, "2026-03-01");
    assert_eq!(code, 0, "{err}");
    assert_eq!(mode(&plan), 0o640);
    if root {
        let m = std::fs::metadata(&plan).unwrap();
        assert_eq!((m.uid(), m.gid()), (4321, 4321));
    }
}

#[test]
fn an_edit_saved_while_refresh_writes_is_never_lost() {
    let team = Team::new();
    for hard_link in [false, true] {
        let plan = team.plan(if hard_link { "bob" } else { "ann" });
        if hard_link {
            std::fs::hard_link(&plan, team.path().join("bob-too.md")).unwrap();
        }
        let (code, _, err) = run(team.cmd().arg("refresh").arg(&plan).env(
            "PATHWISE_DEBUG_EDIT_DURING_WRITE",
            "my line saved meanwhile\n",
        ));
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("changed since pathwise read it"), "{err}");
        let text = std::fs::read_to_string(&plan).unwrap();
        assert!(text.ends_with("-->\nmy line saved meanwhile\n"), "{text}");
        assert!(!text.contains("refreshed:"), "nothing was written");
    }
    let names: Vec<String> = std::fs::read_dir(team.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn temporary_files_an_interrupted_run_left_are_removed() {
    let team = Team::new();
    let stale = team.path().join(".pathwise-AbCdEf.tmp");
    let fresh = team.path().join(".pathwise-GhIjKl.tmp");
    std::fs::write(&stale, "half a plan").unwrap();
    std::fs::write(&fresh, "being written").unwrap();
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(old)
        .unwrap();
    team.plan("ann");
    assert!(!stale.exists(), "a day-old temporary file is removed");
    assert!(
        fresh.exists(),
        "one another run may be writing is left alone"
    );
}

#[test]
fn a_file_named_for_a_format_gets_that_format_whatever_the_settings_say() {
    let team = Team::new();
    std::fs::write(team.path().join("config.yaml"), "format: json\n").unwrap();
    let plan = || {
        let mut c = team.cmd();
        c.arg("plan").arg("--answers").arg(answers("ann"));
        c
    };
    for (env, config) in [(Some("json"), false), (None, true)] {
        let mut c = plan();
        c.args(["-o", "plan.md"]);
        if let Some(f) = env {
            c.env("PATHWISE_FORMAT", f);
        }
        if config {
            c.env("PATHWISE_CONFIG", team.path().join("config.yaml"));
        }
        let (code, _, err) = run(c.arg("--force"));
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("run `pathwise progress plan.md`"), "{err}");
        let (code, _, err) = run(team.cmd().args(["progress", "plan.md"]));
        assert_eq!(code, 0, "the plan reads back: {err}");
    }
    // The environment's JSON still goes to a file not named for a format, and to stdout.
    let (code, _, err) = run(plan()
        .args(["-o", "plan.data"])
        .env("PATHWISE_FORMAT", "json"));
    assert_eq!(code, 0, "{err}");
    json(&std::fs::read_to_string(team.path().join("plan.data")).unwrap());
    assert!(!err.contains("progress"), "{err}");
    // A flag that contradicts the name is refused, and nothing is written.
    let (code, _, err) = run(plan().args(["--format", "json", "-o", "other.md"]));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("other.md is named as a markdown file, but --format asks for JSON"),
        "{err}"
    );
    assert!(!team.path().join("other.md").exists());
    // Text and JSON files are not offered to `progress`.
    for (format, file) in [("text", "plan.txt"), ("json", "plan.json")] {
        let (code, _, err) = run(plan().args(["--format", format, "-o", file]));
        assert_eq!(code, 0, "{err}");
        assert!(!err.contains("progress"), "{err}");
        assert!(err.contains(&format!("wrote your plan to {file}")), "{err}");
    }
}

#[test]
fn a_plan_remembers_its_curriculum_folders() {
    let team = Team::new();
    let out = team.path().join("plans").join("ann.md");
    let (code, _, err) = run(team
        .cmd()
        .args(["plan", "--answers"])
        .arg(answers("ann"))
        .args(["-o", "plans/ann.md"]));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("\npaths: [\"../small\"]\nbuiltin: false\n"),
        "{text}"
    );
    // From anywhere, without --paths.
    let elsewhere = tempfile::tempdir().unwrap();
    for cmd in ["progress", "refresh"] {
        let (code, _, err) = run(pathwise()
            .current_dir(elsewhere.path())
            .arg(cmd)
            .arg(&out)
            .args(
                ["--date", "2026-02-01"]
                    .iter()
                    .take(if cmd == "refresh" { 2 } else { 0 }),
            ));
        assert_eq!(code, 0, "{cmd}: {err}");
    }
    // Moved away from its curriculum: say so, and what to do.
    let moved = elsewhere.path().join("ann.md");
    std::fs::copy(&out, &moved).unwrap();
    let (code, _, err) = run(pathwise().arg("refresh").arg(&moved));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("was made with the curriculum folder ../small"),
        "{err}"
    );
    assert!(err.contains("--paths"), "{err}");
    let (code, _, err) = run(pathwise()
        .args(["--no-builtin", "--paths"])
        .arg(team.path().join("small"))
        .arg("refresh")
        .arg(&moved));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&moved).unwrap();
    let line = text.lines().find(|l| l.starts_with("paths: ")).unwrap();
    assert!(
        !line.contains("../small"),
        "the new place is recorded: {line}"
    );
}

#[test]
fn a_plan_that_records_no_folders_gets_a_hint_about_paths() {
    // A plan made with the built-in guide and a team's folder that adds a question, from a
    // version that did not record the folder.
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("extra");
    std::fs::create_dir(&extra).unwrap();
    std::fs::write(
        extra.join("q.yaml"),
        "questions:\n  - id: team_track\n    prompt: Which track?\n    kind: select\n    default: a\n    options:\n      - { id: a, label: A }\n",
    )
    .unwrap();
    let plan = dir.path().join("plan.md");
    let (code, _, err) = run(pathwise()
        .arg("--paths")
        .arg(&extra)
        .args(["plan", "--set", "goals=profile", "-o"])
        .arg(&plan));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("\npaths: [\"extra\"]\n"), "{text}");
    std::fs::write(&plan, text.replace("paths: [\"extra\"]\n", "")).unwrap();
    let (code, _, err) = run(pathwise().arg("refresh").arg(&plan));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown question `team_track`"), "{err}");
    assert!(
        err.contains("if the plan was made with `--paths DIR`, pass the same folders to refresh"),
        "{err}"
    );
    let (code, _, err) = run(pathwise()
        .arg("--paths")
        .arg(&extra)
        .arg("refresh")
        .arg(&plan));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn team_compares_files_not_path_text() {
    let team = Team::new();
    let a = team.plan("ann");
    let b = team.plan("bob");
    let before = std::fs::read(&a).unwrap();
    std::os::unix::fs::symlink("ann.md", team.path().join("ann-link.md")).unwrap();
    for out in ["./ann.md", "ann-link.md", "../{dir}/ann.md"] {
        let out = out.replace("{dir}", &team.path().file_name().unwrap().to_string_lossy());
        let (code, _, err) = run(team
            .cmd()
            .args(["team", "ann.md", "bob.md", "-o", &out, "--force"]));
        assert_eq!(code, 2, "-o {out}: {err}");
        assert!(err.contains("is one of the plans being combined"), "{err}");
        assert_eq!(std::fs::read(&a).unwrap(), before);
    }
    // The same file twice is one member.
    let (code, out, err) =
        run(team
            .cmd()
            .args(["team", "ann.md", "./ann.md", "ann-link.md", "bob.md"]));
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("./ann.md is the same file as ann.md; it counts once"),
        "{err}"
    );
    assert_eq!(out.matches("| Ann |").count(), 1, "{out}");
    assert!(!out.contains("Ann, Ann"), "{out}");
    let _ = b;
}

#[test]
fn team_members_sort_naturally() {
    let team = Team::new();
    let names = ["m10", "m2", "m100", "m1"];
    let mut files = Vec::new();
    for n in names {
        let f = team.path().join(format!("{n}.md"));
        let (code, _, err) = run(team
            .cmd()
            .args(["plan", "--set", "goals=data", "--set"])
            .arg(format!("name={n}"))
            .arg("-o")
            .arg(&f));
        assert_eq!(code, 0, "{err}");
        files.push(f);
    }
    let (code, out, err) = run(team.cmd().arg("team").args(&files));
    assert_eq!(code, 0, "{err}");
    let order: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("| m"))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(order, ["1", "2", "10", "100"]);
    // The same team plan as JSON.
    let (code, out, err) = run(team
        .cmd()
        .arg("team")
        .args(&files)
        .args(["--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let t = json(&out);
    let names: Vec<&str> = t["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["m1", "m2", "m10", "m100"]);
    assert_eq!(t["members"][0]["topics"]["total"], 3);
    assert_eq!(t["shared"][0]["id"], "basics");
}

#[test]
fn diff_exits_1_when_plans_differ_and_says_identical_when_not() {
    let team = Team::new();
    let a = team.plan("ann");
    let b = team.plan("bob");
    let (code, out, _) = run(team.cmd().arg("diff").arg(&a).arg(&a));
    assert_eq!(code, 0);
    assert_eq!(
        out,
        format!(
            "identical: {} and {} plan the same 3 topics and 5 resources\n",
            a.display(),
            a.display()
        )
    );
    let (code, out, _) = run(team.cmd().arg("diff").arg("ann.md").arg("bob.md"));
    assert_eq!(code, 1);
    assert_eq!(
        out,
        "Topics only in ann.md (2):\n  Message passing (messages)\n  Solvers (solvers)\n\
         Topics only in bob.md (2):\n  Basics (basics)\n  Tables (tables)\n\
         Topics in both (1):\n  Arrays (arrays)\n\
         Resources only in ann.md (4):\n  MPI bindings (mpi)\n  New solver bindings (new-solver)\n  Solver course (paid) (solver-course)\n  Old solver bindings (old-solver)\n\
         Resources only in bob.md (2):\n  An *introductory* book (intro-book)\n  Frames library (frames)\n\
         Resources in both (1):\n  Array docs (array-docs)\n"
    );
    let _ = b;
    let (code, help, _) = run(pathwise().args(["diff", "--help"]));
    assert_eq!(code, 0);
    let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(help.contains("exits 1 when they differ"), "{help}");
    assert!(
        help.contains("<A>") && help.contains("A plan file written by `pathwise plan -o`"),
        "{help}"
    );
    assert!(
        help.contains("<B>") && help.contains("The plan file to compare it with"),
        "{help}"
    );
}

#[test]
fn a_plan_with_windows_line_ends_keeps_them() {
    let team = Team::new();
    let plan = team.plan("ann");
    let text = std::fs::read_to_string(&plan)
        .unwrap()
        .replace('\n', "\r\n");
    let text = text.replace("hours=5 -->\r\n", "hours=5 -->\r\nmy note\r\n");
    std::fs::write(&plan, &text).unwrap();
    let (code, _, err) = refresh(&team, &plan, "2026-02-01");
    assert_eq!(code, 0, "{err}");
    let after = std::fs::read_to_string(&plan).unwrap();
    assert_eq!(
        after,
        text.replace(
            "created: 2026-01-01\r\n",
            "created: 2026-01-01\r\nrefreshed: 2026-02-01\r\n"
        )
    );
}

/// A plan that may be written in a folder that allows no new files: the message names the
/// folder, and the plan is left as it was. Run as someone the folder's mode applies to (as
/// root, through `setpriv` as `nobody`).
#[test]
fn a_folder_that_allows_no_new_files_is_named_as_the_problem() {
    let team = Team::new();
    let plan = team.plan("ann");
    let before = std::fs::read(&plan).unwrap();
    let root = std::fs::metadata(&plan).unwrap().uid() == 0;
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    if root && setpriv.is_none() {
        eprintln!("skipped: running as root without setpriv, the folder's mode would not apply");
        return;
    }
    // Somewhere `nobody` can run the binary from, and the folder open to read.
    let bin_dir = tempfile::tempdir().unwrap();
    let bin = bin_dir.path().join("pathwise");
    std::fs::copy(assert_cmd::cargo::cargo_bin("pathwise"), &bin).unwrap();
    for p in [bin_dir.path(), &bin] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    std::fs::set_permissions(&plan, std::fs::Permissions::from_mode(0o666)).unwrap();
    std::fs::set_permissions(team.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut c = match (root, setpriv) {
        (true, Some(sp)) => {
            let mut c = std::process::Command::new(sp);
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&bin);
            c
        }
        _ => std::process::Command::new(&bin),
    };
    let out = c
        .args(["--no-builtin", "--paths", "small", "refresh", "ann.md"])
        .args(["--date", "2026-02-01"])
        .current_dir(team.path())
        .env("NO_COLOR", "1")
        .env("HOME", bin_dir.path())
        .env("PATHWISE_CONFIG", "/nonexistent/pathwise-test-config.yaml")
        .env("PATHWISE_NO_CACHE", "1")
        .env_remove("PATHWISE_PATHS")
        .output()
        .unwrap();
    std::fs::set_permissions(team.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.starts_with("error: cannot write ann.md: the current folder does not allow new files"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the plan is untouched"
    );
}
