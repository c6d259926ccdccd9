//! Plan files made to be slow (see `plans/hostile.rs`), at 1 MB and 2 MB: time and memory
//! should double, not quadruple. `cargo bench --bench hostile_plans`.

use std::sync::OnceLock;

use pathwise_core::curriculum::{self, Curriculum, LoadOptions};
use pathwise_core::planfile::{diff, progress, read, refresh, team};

#[allow(dead_code)]
#[path = "plans/hostile.rs"]
mod hostile;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

const SIZES: [usize; 2] = [1 << 20, 2 << 20];

fn main() {
    divan::main();
}

fn builtin() -> &'static Curriculum {
    static CUR: OnceLock<Curriculum> = OnceLock::new();
    CUR.get_or_init(|| {
        curriculum::load(&LoadOptions {
            builtin: true,
            dirs: Vec::new(),
            cache_dir: None,
        })
        .unwrap_or_else(|e| panic!("{}", e.render()))
    })
}

fn parse(text: &str) -> read::PlanFile {
    read::read("plan.md", text.as_bytes()).unwrap_or_else(|e| panic!("{}", e.render()))
}

const STAMP: refresh::Stamp = refresh::Stamp {
    date: "2026-02-01",
    paths: &[],
    builtin: true,
};

/// The same item with a long tail, again and again: refresh (as `--dry-run` does).
#[divan::bench(args = SIZES, sample_count = 5)]
fn refresh_repeated_item_with_tail(bencher: divan::Bencher, n: usize) {
    let text = hostile::repeated_item_with_tail(n);
    let cur = builtin();
    bencher.bench(|| refresh::refresh(cur, &parse(&text), &STAMP).map(|r| r.text.len()));
}

/// Every item in an area of its own: progress.
#[divan::bench(args = SIZES, sample_count = 5)]
fn progress_distinct_areas(bencher: divan::Bencher, n: usize) {
    let text = hostile::distinct_areas(n);
    let cur = builtin();
    bencher.bench(|| progress::progress(cur, &parse(&text)).by_area.len());
}

/// Notes after many items: refresh puts each back.
#[divan::bench(args = SIZES, sample_count = 5)]
fn refresh_many_notes(bencher: divan::Bencher, n: usize) {
    let text = hostile::many_notes(n);
    let cur = builtin();
    bencher.bench(|| refresh::refresh(cur, &parse(&text), &STAMP).map(|r| r.text.len()));
}

/// Two large plans: diff.
#[divan::bench(args = SIZES, sample_count = 5)]
fn diff_two_large_plans(bencher: divan::Bencher, n: usize) {
    let (a, b) = (hostile::big_plan(n, 0), hostile::big_plan(n, 1));
    bencher.bench(|| diff::diff(&parse(&a), &parse(&b)).identical);
}

/// Two large plans: team.
#[divan::bench(args = SIZES, sample_count = 5)]
fn team_of_two_large_plans(bencher: divan::Bencher, n: usize) {
    let (a, b) = (hostile::big_plan(n, 0), hostile::big_plan(n, 1));
    let cur = builtin();
    bencher.bench(|| {
        let (a, b) = (parse(&a), parse(&b));
        team::team(cur, &[&a, &b]).members.len()
    });
}

/// Nested aliases in the front matter: refused at once.
#[divan::bench(sample_count = 5)]
fn read_alias_bomb(bencher: divan::Bencher) {
    let text = hostile::alias_bomb();
    bencher.bench(|| read::read("bomb.md", text.as_bytes()).is_err());
}
