//! Curricula of other shapes than the built-in guide, as teams bring them from open data: a
//! concept graph (hundreds of concepts, each with a few resources, many prerequisites) and a
//! skill tree without any resources. Both load, and a plan for any one concept holds exactly
//! that concept and everything it needs, in an order that respects every prerequisite. Data
//! converted from elsewhere carries cosmetic flaws (links with a trailing space, a concept
//! without a title): they are warnings, and everything still works.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::common::*;

/// A deterministic pseudo-random sequence (a linear congruential generator), so the curricula
/// are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// `n` concepts; concept `i` requires up to four earlier ones; with `resources`, each concept
/// has one to three resources, some teaching a neighbour too. One goal option per concept.
fn concept_graph(n: usize, resources: bool, seed: u64) -> (String, Vec<Vec<usize>>) {
    let mut rng = Lcg(seed);
    let mut requires = vec![Vec::new(); n];
    let mut y = String::from(
        "areas:\n  - id: concepts\n    title: Concepts\n    summary: Ideas and how they build on each other.\n\ntopics:\n",
    );
    for (i, reqs) in requires.iter_mut().enumerate() {
        if i > 0 {
            for _ in 0..rng.below(5) {
                reqs.push(rng.below(i));
            }
            reqs.sort_unstable();
            reqs.dedup();
        }
        let _ = write!(
            y,
            "  - id: c{i}\n    title: Concept {i}\n    area: concepts\n    hours: {}\n    summary: What concept {i} is about.\n",
            1 + rng.below(6)
        );
        if !reqs.is_empty() {
            let ids: Vec<String> = reqs.iter().map(|r| format!("c{r}")).collect();
            let _ = writeln!(y, "    requires: [{}]", ids.join(", "));
        }
    }
    if resources {
        y.push_str("\nresources:\n");
        for i in 0..n {
            for k in 0..=rng.below(3) {
                let mut teaches = vec![format!("c{i}")];
                if i + 1 < n && rng.below(4) == 0 {
                    teaches.push(format!("c{}", i + 1));
                }
                let _ = write!(
                    y,
                    "  - id: r{i}-{k}\n    title: Reading {k} on concept {i}\n    url: https://example.org/c{i}/{k}\n    kind: {}\n    teaches: [{}]\n    level: beginner\n    cost: free\n    hours: {}\n",
                    ["book", "tutorial", "paper", "course"][rng.below(4)],
                    teaches.join(", "),
                    1 + rng.below(8)
                );
            }
        }
    }
    y.push_str("\nquestions:\n  - id: goals\n    prompt: Which concept do you want to learn?\n    kind: multiselect\n    min: 1\n    options:\n");
    for i in 0..n {
        let _ = write!(
            y,
            "      - id: c{i}\n        label: Concept {i}\n        wants: [c{i}]\n"
        );
    }
    (y, requires)
}

fn closure(requires: &[Vec<usize>], goal: usize) -> BTreeSet<String> {
    let mut seen = BTreeSet::from([goal]);
    let mut stack = vec![goal];
    while let Some(t) = stack.pop() {
        for &r in &requires[t] {
            if seen.insert(r) {
                stack.push(r);
            }
        }
    }
    seen.into_iter().map(|i| format!("c{i}")).collect()
}

fn check_plans(n: usize, resources: bool, seed: u64) {
    let (yaml, requires) = concept_graph(n, resources, seed);
    plans_are_closures(&yaml, &requires, resources, seed);
}

/// Plans for some concepts (and the first and last) hold exactly their prerequisites' closure,
/// in an order that respects every prerequisite.
fn plans_are_closures(yaml: &str, requires: &[Vec<usize>], resources: bool, seed: u64) {
    let n = requires.len();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("graph.yaml"), yaml).unwrap();
    let base = || {
        let mut c = pathwise();
        c.arg("--no-builtin").arg("--paths").arg(dir.path());
        c
    };
    let (code, out, err) = run(base().arg("check"));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("{n} topics")), "{out}");
    let mut rng = Lcg(seed ^ 0x5eed);
    for goal in (0..25).map(|_| rng.below(n)).chain([n - 1, 0]) {
        let (code, out, err) = run(base()
            .args(["plan", "--format", "json", "--set"])
            .arg(format!("goals=c{goal}")));
        assert_eq!(code, 0, "c{goal}: {err}");
        let plan = json(&out);
        let topics: Vec<&str> = plan["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap())
            .collect();
        let got: BTreeSet<String> = topics.iter().map(|s| (*s).to_string()).collect();
        assert_eq!(
            got,
            closure(requires, goal),
            "the plan for c{goal} is not its closure"
        );
        let at: BTreeMap<&str, usize> = topics.iter().enumerate().map(|(i, t)| (*t, i)).collect();
        for t in &topics {
            let i: usize = t[1..].parse().unwrap();
            for r in &requires[i] {
                assert!(at[format!("c{r}").as_str()] < at[t], "c{r} comes after {t}");
            }
        }
        if resources {
            for t in plan["topics"].as_array().unwrap() {
                assert!(
                    !t["resources"].as_array().unwrap().is_empty()
                        || !t["continues"].as_array().unwrap().is_empty(),
                    "{} has nothing to read",
                    t["id"]
                );
            }
        }
    }
}

#[test]
fn a_concept_graph_with_resources_plans_every_concept_with_exactly_its_prerequisites() {
    check_plans(400, true, 7);
}

#[test]
fn a_skill_tree_without_resources_plans_every_skill_with_exactly_its_prerequisites() {
    check_plans(200, false, 11);
}

/// Metacademy's concept graph converted field for field (concepts with titles, summaries,
/// prerequisites and resources; a goal option per concept), with the flaws of the real data:
/// six links with a trailing space, and one concept whose title is empty, so that its summary
/// and its option's label are empty too.
fn metacademy_like() -> Converted {
    let n = 487;
    let (yaml, requires) = concept_graph(n, true, 2012);
    let untitled = 123;
    let spaced = [5, 60, 150, 260, 333, 480];
    let mut out = String::with_capacity(yaml.len() + 64);
    let mut places = Vec::new();
    for (i, line) in yaml.lines().enumerate() {
        let at = |col| (i + 1, col);
        let line = if line == format!("    title: Concept {untitled}") {
            places.push(at(12));
            "    title: \"\"".to_string()
        } else if line == format!("    summary: What concept {untitled} is about.") {
            places.push(at(14));
            "    summary: \"\"".to_string()
        } else if line == format!("        label: Concept {untitled}") {
            places.push(at(16));
            "        label: \"\"".to_string()
        } else if let Some(c) = spaced
            .iter()
            .find(|c| line == format!("    url: https://example.org/c{c}/0"))
        {
            places.push(at(10));
            format!("    url: \"https://example.org/c{c}/0 \"")
        } else {
            line.to_string()
        };
        out.push_str(&line);
        out.push('\n');
    }
    assert_eq!(places.len(), 9, "every flaw was put in");
    Converted {
        yaml: out,
        requires,
        untitled,
        places,
    }
}

/// A curriculum converted from open data.
struct Converted {
    yaml: String,
    requires: Vec<Vec<usize>>,
    /// The concept whose title is empty.
    untitled: usize,
    /// The places (line, column) of the flaws.
    places: Vec<(usize, usize)>,
}

#[test]
fn a_converted_concept_graph_with_cosmetic_flaws_loads_with_warnings_and_plans() {
    let Converted {
        yaml,
        requires,
        untitled,
        places,
    } = metacademy_like();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("graph.yaml");
    std::fs::write(&file, &yaml).unwrap();
    let base = || {
        let mut c = pathwise();
        c.arg("--no-builtin").arg("--paths").arg(dir.path());
        c
    };

    // `check` passes, and names each flaw once, as a warning with its file, line and column.
    let (code, out, err) = run(base().arg("check"));
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("ok: 1 area, 487 topics, ") && out.ends_with(" in 1 file (9 warnings)\n"),
        "{out}"
    );
    assert!(!err.contains("error"), "{err}");
    assert_eq!(err.matches("warning: ").count(), 9, "{err}");
    let shown = file.display().to_string();
    for (line, col) in &places {
        assert_eq!(
            err.matches(&format!("--> {shown}:{line}:{col}\n")).count(),
            1,
            "{line}:{col} in {err}"
        );
    }
    assert_eq!(
        err.matches("has spaces around the link").count(),
        6,
        "{err}"
    );
    for key in ["title", "summary", "label"] {
        assert!(
            err.contains(&format!("warning: `{key}` of ")),
            "{key}: {err}"
        );
    }
    assert!(
        err.ends_with("9 warnings found; the curriculum is usable as it is.\n"),
        "{err}"
    );

    // `check --strict` fails on them, for a team's CI.
    let (code, out, strict) = run(base().args(["check", "--strict"]));
    assert_eq!(code, 2, "{strict}");
    assert!(out.is_empty(), "{out}");
    assert_eq!(strict.matches("warning: ").count(), 9, "{strict}");
    assert!(
        strict.ends_with("9 warnings found; `--strict` fails on warnings.\n"),
        "{strict}"
    );

    // A plan to the untitled concept works: it shows the id where the title would be, and the
    // warnings once, on stderr.
    let goal = format!("goals=c{untitled}");
    let (code, out, plan_err) = run(base().args(["plan", "--set", &goal]));
    assert_eq!(code, 0, "{plan_err}");
    assert_eq!(plan_err, err, "the same warnings, once");
    assert!(out.contains(&format!("Goals: c{untitled}.")), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains(&format!(". c{untitled} (concepts · "))),
        "{out}"
    );
    let (code, out, _) = run(base().args(["plan", "--format", "json", "--set", &goal]));
    assert_eq!(code, 0);
    let plan = json(&out);
    let topics = plan["topics"].as_array().unwrap();
    let got: BTreeSet<String> = topics
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, closure(&requires, untitled));
    let last = topics.last().unwrap();
    assert_eq!(last["id"], format!("c{untitled}"));
    assert_eq!(last["title"], format!("c{untitled}"));
    // The links are used trimmed.
    let (code, out, _) = run(base().args(["resources", "--format", "json"]));
    assert_eq!(code, 0);
    let urls: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["url"].as_str().unwrap().to_string())
        .collect();
    assert!(urls.contains(&"https://example.org/c5/0".to_string()));
    assert!(urls.iter().all(|u| u.trim() == u), "untrimmed link");

    // `show` and `topics` work too.
    let (code, out, _) = run(base().args(["show", &format!("c{untitled}")]));
    assert_eq!(code, 0);
    assert!(
        out.starts_with(&format!("c{untitled} (topic c{untitled})")),
        "{out}"
    );
    let (code, _, _) = run(base().arg("topics"));
    assert_eq!(code, 0);

    // Every plan to a concept holds exactly its prerequisites' closure.
    plans_are_closures(&yaml, &requires, true, 2012);
}

/// A warm run (the curriculum served from the cache) shows the same warnings as a cold one.
#[test]
fn warnings_survive_the_cache() {
    let yaml = metacademy_like().yaml;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("graph.yaml"), &yaml).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let cached = || {
        let mut c = pathwise();
        c.env_remove("PATHWISE_NO_CACHE")
            .env("PATHWISE_CACHE_DIR", cache.path())
            .arg("--no-builtin")
            .arg("--paths")
            .arg(dir.path())
            .arg("check");
        run(&mut c)
    };
    let cold = cached();
    assert_eq!(cold.0, 0, "{}", cold.2);
    assert_eq!(cold.2.matches("warning: ").count(), 9, "{}", cold.2);
    let files: Vec<_> = std::fs::read_dir(cache.path()).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "one cache file written");
    let written = files[0].metadata().unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(cached(), cold);
    assert_eq!(
        files[0].path().metadata().unwrap().modified().unwrap(),
        written,
        "the warm run read the cache"
    );
}

/// Warnings count toward the limit of fifty messages shown in full, as errors do, and are
/// counted by kind past it; `--all-errors` shows them all.
#[test]
fn warnings_count_toward_the_limit_of_messages_shown() {
    let topics: String = (0..55)
        .map(|i| {
            format!("  - id: t{i}\n    title: \"\"\n    area: a\n    hours: 1\n    summary: S.\n")
        })
        .collect();
    let good = format!("areas:\n  - id: a\n    title: A\n    summary: S.\n\ntopics:\n{topics}");
    let dir = tempfile::tempdir().unwrap();
    let check = |text: &str, all: bool| {
        std::fs::write(dir.path().join("t.yaml"), text).unwrap();
        let mut c = pathwise();
        c.args(["check", "--no-builtin", "--paths"]).arg(dir.path());
        if all {
            c.arg("--all-errors");
        }
        run(&mut c)
    };
    let (code, _, err) = check(&good, false);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("warning: ").count(), 50, "{err}");
    assert!(
        err.ends_with(
            "5 more problems not shown, by kind:\n  5  empty-text\n  \
             = help: run again with `--all-errors` to see every problem in full\n\n\
             55 warnings found; the curriculum is usable as it is.\n"
        ),
        "{err}"
    );
    let (code, _, err) = check(&good, true);
    assert_eq!(code, 0);
    assert_eq!(err.matches("warning: ").count(), 55, "{err}");
    assert!(!err.contains("not shown"), "{err}");
    // With an error among them, they are shown and counted together.
    let bad = good.replacen("area: a", "area: nowhere", 1);
    let (code, _, err) = check(&bad, false);
    assert_eq!(code, 2);
    assert_eq!(
        err.matches("\nwarning: ").count() + err.matches("\nerror: ").count() + 1,
        50,
        "{err}"
    );
    assert!(
        err.starts_with("warning: `title` of topic `t0` is empty"),
        "{err}"
    );
    assert!(err.ends_with("1 error and 55 warnings found.\n"), "{err}");
}
