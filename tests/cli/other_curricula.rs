//! Curricula of other shapes than the built-in guide, as teams bring them from open data: a
//! concept graph (hundreds of concepts, each with a few resources, many prerequisites) and a
//! skill tree without any resources. Both load, and a plan for any one concept holds exactly
//! that concept and everything it needs, in an order that respects every prerequisite.

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
            for k in 0..1 + rng.below(3) {
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
    let dir = tempfile::tempdir().unwrap();
    let (yaml, requires) = concept_graph(n, resources, seed);
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
            closure(&requires, goal),
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
