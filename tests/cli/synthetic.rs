//! The synthetic curricula the benchmarks use: valid under `check`, plannable, and read by the
//! fast plain-YAML reader (so a change that pushes them onto the slow path shows up here, not
//! only in a benchmark).

use crate::common::*;

#[allow(dead_code)]
#[path = "../../examples/synth.rs"]
mod synth;

/// A synthetic curriculum of 1,000 topics in 4 files, under `tmp`.
fn generate(tmp: &tempfile::TempDir, seed: u64) -> std::path::PathBuf {
    let out = tmp.path().join("synth");
    synth::generate(&synth::Spec {
        topics: 1_000,
        files: 4,
        out: out.clone(),
        seed,
    })
    .unwrap();
    out
}

#[test]
fn a_synthetic_curriculum_checks_plans_and_stays_on_the_fast_path() {
    let tmp = tempfile::tempdir().unwrap();
    let out = generate(&tmp, 7);

    let (code, stdout, err) = run(pathwise()
        .arg("--no-builtin")
        .arg("--paths")
        .arg(&out)
        .arg("check"));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("1000 topics, 2000 resources"), "{stdout}");

    let (code, stdout, err) = run(pathwise()
        .arg("--no-builtin")
        .arg("--paths")
        .arg(&out)
        .arg("plan")
        .arg("--answers")
        .arg(out.with_extension("answers.yaml"))
        .args(["--format", "json"]));
    assert_eq!(code, 0, "{err}");
    let plan = json(&stdout);
    let topics = plan["topics"].as_array().unwrap();
    assert!(
        topics.len() > 3,
        "a plan towards three deep goals: {topics:?}"
    );
    // Each topic's reason is a chain of topics each requiring the one before, ending at a goal:
    // the plan has them all, in that order.
    let order: Vec<&str> = topics.iter().map(|t| t["id"].as_str().unwrap()).collect();
    let at = |id: &str| order.iter().position(|t| *t == id);
    for t in topics {
        let chain: Vec<&str> = t["chain"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert_eq!(chain[0], t["id"], "{t}");
        for pair in chain.windows(2) {
            let (a, b) = (at(pair[0]), at(pair[1]));
            assert!(a.is_some() && b.is_some(), "{pair:?} not both planned");
            assert!(a < b, "{pair:?} out of order in {order:?}");
        }
    }

    for f in 0..4 {
        let text = std::fs::read_to_string(out.join(format!("part-{f:03}.yaml"))).unwrap();
        assert!(
            pathwise_core::curriculum::subset_reads(&text),
            "part-{f:03}.yaml left the fast plain-YAML reader"
        );
    }
}

/// A problem deep inside large files is reported at its exact line and column: the quick
/// reader's own positions, checked against the text.
#[test]
fn a_cycle_across_large_files_points_at_both_places() {
    let tmp = tempfile::tempdir().unwrap();
    let out = generate(&tmp, 3);
    // t300 (second file) and t600 (third file) now require each other.
    let mut places = Vec::new();
    for (file, topic, other) in [
        ("part-001.yaml", "t300", "t600"),
        ("part-002.yaml", "t600", "t300"),
    ] {
        let path = out.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let at = lines
            .iter()
            .position(|l| l.trim() == format!("- id: {topic}"))
            .unwrap();
        let req = (at..at + 6)
            .find(|&i| lines[i].trim_start().starts_with("requires:"))
            .unwrap();
        lines[req] = format!("    requires: [{other}]");
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        places.push(format!("{file}:{}:16", req + 1));
    }
    let (code, _, err) = run(pathwise()
        .arg("--no-builtin")
        .arg("--paths")
        .arg(&out)
        .arg("check"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("prerequisites form a cycle"), "{err}");
    for place in &places {
        assert!(err.contains(place.as_str()), "{place} not in:\n{err}");
    }
}
