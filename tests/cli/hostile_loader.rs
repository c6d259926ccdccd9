//! Hostile curricula and caches, as the loader meets them: inputs that once took minutes (their
//! cost is measured in the `hostile_loader` benchmarks, at two sizes, to show that it grows
//! linearly), files that are not regular files, damaged caches, and plans written before the
//! curriculum fingerprint changed. Exit codes and messages here; never time.

use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use crate::common::*;

/// Runs pathwise in `dir` with no cache under a 2 GiB address-space limit and a time limit
/// that only catches hangs.
fn bounded(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let bin = env!("CARGO_BIN_EXE_pathwise");
    let mut cmd = assert_cmd::Command::new("sh");
    cmd.current_dir(dir)
        .arg("-c")
        .arg(r#"ulimit -v 2097152; exec "$0" "$@""#)
        .arg(bin)
        .args(args)
        .env("NO_COLOR", "1")
        .env("PATHWISE_CONFIG", "/nonexistent/config.yaml")
        .env("PATHWISE_NO_CACHE", "1")
        .env_remove("PATHWISE_PATHS")
        .timeout(Duration::from_secs(120));
    run(&mut cmd)
}

fn no_panic(err: &str) {
    assert!(
        !err.contains("panicked") && !err.contains("hit a bug"),
        "{err}"
    );
}

/// `topics: [{},{},…]`: 300,000 empty mappings on one line (900 KB). Each is one problem at its
/// own column (it was five, and the file took over a minute and a gigabyte).
#[test]
fn three_hundred_thousand_empty_items_are_one_problem_each() {
    let n = 300_000;
    let text = format!("topics: [{}]\n", vec!["{}"; n].join(","));
    assert!(text.len() > 900_000);
    let Err(e) = pathwise_core::curriculum::load_from_memory(false, &[("t.yaml", text.as_bytes())])
    else {
        panic!("empty topics load");
    };
    assert_eq!(e.diagnostics.len(), n);
    for (k, d) in [(0, &e.diagnostics[0]), (n - 1, &e.diagnostics[n - 1])] {
        assert_eq!(d.message, "this topic is empty");
        let pos = d.pos.expect("a position");
        assert_eq!((pos.line, pos.col as usize), (1, 10 + 3 * k));
        assert_eq!(
            d.help.as_deref(),
            Some("give it `id: …` and the other keys of a topic, or remove it")
        );
    }
    // The same through the command line: the first problems in full, then a count.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("t.yaml"), &text).unwrap();
    let (code, out, err) = bounded(tmp.path(), &["--no-builtin", "--paths", ".", "check"]);
    no_panic(&err);
    assert_eq!(
        (code, out.as_str()),
        (2, ""),
        "{}",
        &err[..err.len().min(600)]
    );
    assert!(
        err.starts_with("error: this topic is empty\n --> ./t.yaml:1:10\n"),
        "{}",
        &err[..err.len().min(600)]
    );
    assert!(
        err.contains(" --> ./t.yaml:1:13\n"),
        "the second at its own column"
    );
    assert!(
        err.ends_with("300000 problems found.\n"),
        "{}",
        &err[err.len().saturating_sub(600)..]
    );
}

/// A flow list of 300,000 ids (1.2 MB on one line) with one unknown id: its column is found
/// without counting back to the start of the line for every id.
#[test]
fn one_unknown_id_in_a_long_flow_list_is_reported_at_its_column() {
    let n = 300_000;
    let unknown_at = 200_000;
    let ids: Vec<&str> = (0..n)
        .map(|i| if i == unknown_at { "zz" } else { "ab" })
        .collect();
    let text = format!(
        "areas:\n  - id: learn\n    title: Learn\n    summary: S.\ntopics:\n  - id: ab\n    title: A\n    area: learn\n    hours: 1\n    summary: S.\n  - id: big\n    title: Big\n    area: learn\n    hours: 2\n    summary: S.\n    requires: [{}]\n",
        ids.join(", ")
    );
    assert!(text.len() > 1_200_000);
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("t.yaml"), &text).unwrap();
    let (code, out, err) = bounded(tmp.path(), &["--no-builtin", "--paths", ".", "check"]);
    no_panic(&err);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    let col = "    requires: [".len() + 4 * unknown_at + 1;
    assert!(
        err.starts_with(&format!(
            "error: unknown topic `zz` in `requires` of topic `big`\n  --> ./t.yaml:16:{col}\n"
        )),
        "{}",
        &err[..err.len().min(400)]
    );
    assert!(err.ends_with("1 problem found.\n"), "{err}");
}

/// Named pipes, sockets, devices and folders named like curriculum files are refused with a
/// message naming them, before anything is opened: a pipe would be waited on forever.
#[cfg(unix)]
#[test]
fn files_that_are_not_regular_files_are_refused_not_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::write(
        dir.join("areas.yaml"),
        "areas:\n  - id: learn\n    title: Learn\n    summary: S.\n",
    )
    .unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(dir.join("pipe.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("socket.yaml")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.yaml")).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink(dir.join("sub"), dir.join("folder.yaml")).unwrap();

    let (code, out, err) = bounded(dir, &["--no-builtin", "--paths", ".", "check"]);
    no_panic(&err);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    for (name, kind) in [
        ("pipe.yaml", "a named pipe"),
        ("socket.yaml", "a socket"),
        ("zero.yaml", "a device"),
        ("folder.yaml", "a folder"),
    ] {
        assert!(
            err.contains(&format!(
                "error: this is {kind}, not a regular file; curriculum files are regular files\n --> ./{name}\n  = help: remove it, or rename it so that its name does not end in .yaml\n"
            )),
            "{name}:\n{err}"
        );
    }
    assert!(err.ends_with("4 problems found.\n"), "{err}");
    // With them gone, the folder loads.
    for name in ["pipe.yaml", "socket.yaml", "zero.yaml", "folder.yaml"] {
        std::fs::remove_file(dir.join(name)).unwrap();
    }
    let (code, out, err) = bounded(dir, &["--no-builtin", "--paths", ".", "check"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("ok: 1 area, 0 topics"), "{out}");
}

/// Runs with the cache in `cache`.
fn cached(cache: &Path, args: &[&str]) -> (i32, String, String) {
    let mut c = pathwise();
    c.env_remove("PATHWISE_NO_CACHE")
        .env("PATHWISE_CACHE_DIR", cache)
        .args(args);
    run(&mut c)
}

fn cache_file(cache: &Path) -> std::path::PathBuf {
    let files: Vec<_> = std::fs::read_dir(cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("curriculum-"))
        })
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

/// One damaged byte in the cache file, anywhere, or a file cut short or grown: the next run is
/// correct (the same output as without a cache), and the cache is written again whole.
#[test]
fn a_damaged_cache_is_a_miss_and_is_written_again() {
    let tmp = tempfile::tempdir().unwrap();
    // The built-in guide (a small cache, read in one go) and 10,000 topics with long summaries
    // (a large one, streamed).
    let mut big =
        String::from("areas:\n  - id: learn\n    title: Learn\n    summary: S.\ntopics:\n");
    for i in 0..10_000 {
        {
            let _ = write!(
                big,
                "  - id: t{i}\n    title: Topic {i}\n    area: learn\n    hours: 1\n    summary: {}\n",
                "A long summary. ".repeat(30)
            );
        };
    }
    let big_dir = tmp.path().join("big");
    std::fs::create_dir(&big_dir).unwrap();
    std::fs::write(big_dir.join("t.yaml"), big).unwrap();
    let builtin_plan = [
        "plan",
        "--format",
        "json",
        "--answers",
        &fixtures()
            .join("answers")
            .join("newcomer-data.yaml")
            .display()
            .to_string(),
    ]
    .map(String::from);
    let big_topics = [
        "--no-builtin",
        "--paths",
        big_dir.to_str().unwrap(),
        "topics",
        "--format",
        "json",
    ]
    .map(String::from);
    for (args, large) in [(&builtin_plan[..], false), (&big_topics[..], true)] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        // What a run without the cache prints, warnings included.
        let fresh = run(pathwise().args(&args));
        assert_eq!(fresh.0, 0, "{}", fresh.2);
        no_panic(&fresh.2);
        let cache = tempfile::tempdir().unwrap();
        assert_eq!(cached(cache.path(), &args), fresh);
        let path = cache_file(cache.path());
        let good = std::fs::read(&path).unwrap();
        assert_eq!(good.len() > 4 << 20, large, "{} bytes", good.len());
        let mut damaged: Vec<Vec<u8>> =
            [0, 9, 30, 60, good.len() / 3, good.len() / 2, good.len() - 1]
                .iter()
                .map(|&at| {
                    let mut b = good.clone();
                    b[at] ^= 0x01;
                    b
                })
                .collect();
        damaged.push(good[..good.len() / 2].to_vec());
        damaged.push([&good[..], b"\0"].concat());
        damaged.push(Vec::new());
        for bad in damaged {
            std::fs::write(&path, &bad).unwrap();
            let again = cached(cache.path(), &args);
            no_panic(&again.2);
            assert!(again == fresh, "another plan from a damaged cache");
            assert!(
                std::fs::read(&path).unwrap() == good,
                "the cache is written again whole"
            );
        }
    }
}

/// Plans written before the fingerprint became an XXH3 hash still read; they count as made
/// against another curriculum until `refresh` writes today's fingerprint.
#[test]
fn plans_with_the_old_fingerprint_read_and_refresh_updates_them() {
    let tmp = tempfile::tempdir().unwrap();
    let answers = fixtures().join("answers").join("newcomer-data.yaml");
    let plan_at = |name: &str| {
        let path = tmp.path().join(name);
        let (code, _, err) = run(pathwise()
            .args(["plan", "--date", "2026-01-01", "--answers"])
            .arg(&answers)
            .arg("-o")
            .arg(&path));
        assert_eq!(code, 0, "{err}");
        path
    };
    let old = plan_at("old.md");
    let new = plan_at("new.md");
    let text = std::fs::read_to_string(&new).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("curriculum: "))
        .unwrap()
        .to_string();
    let today = line["curriculum: ".len()..].to_string();
    assert!(today.starts_with("xxh3-") && today.len() == 37, "{today}");
    let fingerprint_of = |path: &Path| {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .find_map(|l| l.strip_prefix("curriculum: ").map(str::to_string))
            .unwrap()
    };
    // As the earlier 128-bit digest wrote it.
    let before = "f2fef360e039ae901c95516819314f69";
    std::fs::write(
        &old,
        std::fs::read_to_string(&old)
            .unwrap()
            .replace(&line, &format!("curriculum: {before}")),
    )
    .unwrap();

    let (code, _, err) = run(pathwise().arg("progress").arg(&old));
    assert_eq!(code, 0, "an old plan reads: {err}");
    let (code, out, err) = run(pathwise().args(["team", "-o", "-"]).arg(&old).arg(&new));
    assert_eq!(code, 0, "{err}");
    let warning = format!(
        "the plans were made against different curricula ({before}, {today}; today's is {today})"
    );
    assert!(
        out.contains(&warning) || err.contains(&warning),
        "{out}\n{err}"
    );

    let (code, _, err) = run(pathwise()
        .args(["refresh", "--date", "2026-01-01"])
        .arg(&old));
    assert_eq!(code, 0, "{err}");
    assert_eq!(fingerprint_of(&old), today);
    let (code, out, err) = run(pathwise().args(["team", "-o", "-"]).arg(&old).arg(&new));
    assert_eq!(code, 0, "{err}");
    assert!(
        !out.contains("different curricula") && !err.contains("different curricula"),
        "{out}\n{err}"
    );
}

/// 40,000 files with one problem each (4 MB in all): every message names its own file and
/// shows its line. The files the messages point into were found by comparing every file with
/// every message, twice (13.6 s).
#[test]
fn forty_thousand_files_with_a_problem_each_are_each_reported() {
    let dir = tempfile::tempdir().unwrap();
    let n = 40_000;
    for i in 0..n {
        std::fs::write(
            dir.path().join(format!("f{i:05}.yaml")),
            format!("topics:\n  - id: t{i}\n    title: T\n    area: nowhere\n    hours: 1\n    summary: S.\n"),
        )
        .unwrap();
    }
    let (code, out, err) = bounded(dir.path(), &["--paths", ".", "check"]);
    no_panic(&err);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains(&format!("{n} problems found")),
        "{}",
        &err[err.len().saturating_sub(400)..]
    );
    // The first messages are shown in full, each with its own file and line.
    assert!(
        err.contains("--> ./f00000.yaml:4:11"),
        "{}",
        &err[..err.len().min(800)]
    );
    assert!(
        err.contains("4 |     area: nowhere"),
        "{}",
        &err[..err.len().min(800)]
    );
}
