//! Benchmarks of each stage at 1k, 10k and 100k topics (synthetic curricula from
//! `examples/synth.rs`): load and validate, graph build, planning, markdown rendering.
//!
//! `cargo bench --bench pipeline`. Whole-process figures (with the cache, and peak memory) are
//! in BENCHMARKS.md, measured with hyperfine and /usr/bin/time.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use pathwise_core::answers::{Answers, Profile};
use pathwise_core::curriculum::{self, AnswerValue, Curriculum, LoadOptions};
use pathwise_core::graph::TopicGraph;
use pathwise_core::plan;
use pathwise_core::planfile::markdown;

#[allow(dead_code)]
#[path = "../examples/synth.rs"]
mod synth;

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

fn main() {
    divan::main();
}

/// A synthetic curriculum of `n` topics in 8 files, written once per process.
fn dir(n: usize) -> PathBuf {
    static DIRS: OnceLock<tempfile::TempDir> = OnceLock::new();
    let root = DIRS.get_or_init(|| tempfile::tempdir().expect("temporary folder"));
    let out = root.path().join(format!("synth-{n}"));
    if !out.exists() {
        synth::generate(&synth::Spec {
            topics: n,
            files: 8,
            out: out.clone(),
            seed: 1,
        })
        .expect("synthetic curriculum written");
    }
    out
}

fn load(n: usize) -> Curriculum {
    curriculum::load(&LoadOptions {
        builtin: false,
        dirs: vec![dir(n)],
        cache_dir: None,
    })
    .unwrap_or_else(|e| panic!("{}", e.render()))
}

fn loaded(n: usize) -> &'static Curriculum {
    static CURRICULA: OnceLock<Vec<(usize, &'static Curriculum)>> = OnceLock::new();
    let all = CURRICULA.get_or_init(|| {
        SIZES
            .iter()
            .map(|&n| (n, &*Box::leak(Box::new(load(n)))))
            .collect()
    });
    all.iter()
        .find(|(k, _)| *k == n)
        .expect("a benchmarked size")
        .1
}

fn answers() -> Answers {
    let mut a = Answers::default();
    a.set(
        "goals",
        AnswerValue::Choices(vec!["goal-0".into(), "goal-3".into(), "goal-7".into()]),
    );
    a.set("hours_per_week", AnswerValue::Number(10.0));
    a
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn load_and_validate(bencher: divan::Bencher, n: usize) {
    dir(n);
    bencher.bench(|| load(n));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn graph_build(bencher: divan::Bencher, n: usize) {
    let cur = loaded(n);
    let prereqs: Vec<Vec<usize>> = (0..cur.topics.len())
        .map(|t| cur.graph.requires(t).to_vec())
        .collect();
    let ranks: Vec<usize> = cur
        .topics
        .iter()
        .map(|t| cur.area(&t.area.id).unwrap_or(0))
        .collect();
    bencher.bench(|| TopicGraph::new(prereqs.clone(), &ranks));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn planning(bencher: divan::Bencher, n: usize) {
    let cur = loaded(n);
    let a = answers();
    let profile = Profile::from_answers(cur, &a);
    bencher.bench(|| plan::make(cur, &a, &profile));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn markdown_rendering(bencher: divan::Bencher, n: usize) {
    let cur = loaded(n);
    let a = answers();
    let p = plan::make(cur, &a, &Profile::from_answers(cur, &a));
    let meta = markdown::Meta {
        created: "2026-01-01",
        refreshed: None,
        paths: &[],
        builtin: false,
    };
    bencher.bench(|| markdown::render(cur, &p, &meta));
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn needed_and_order(bencher: divan::Bencher, n: usize) {
    let cur = loaded(n);
    let wanted: BTreeSet<usize> = Profile::from_answers(cur, &answers())
        .wanted
        .keys()
        .copied()
        .collect();
    bencher.bench(|| {
        cur.graph
            .order(&cur.graph.needed(&wanted, &BTreeSet::new()))
    });
}
