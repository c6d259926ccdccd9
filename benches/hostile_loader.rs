//! The loader on hostile curricula at 1 MB and 2 MB, to show that its cost grows linearly with
//! the input (a quadratic step shows as four times the time for twice the bytes):
//!
//! - `empty_items`: `topics: [{}, {}, …]`, a flow list of empty mappings (outside the plain
//!   subset: read by serde-saphyr), one problem each;
//! - `unknown_in_flow_list`: a flow list of ids on one line with one unknown id, whose column
//!   must be found;
//! - `plain_items`: valid topics in the plain subset, the ordinary case, for comparison;
//! - `many_files`: a file per topic, each with one problem (an unknown area), so that every
//!   message points into a file of its own.
//!
//! Each loads from memory, checks, and (for the first two) returns the problems with their
//! lines and columns. `cargo bench --bench hostile_loader`. The command line's tests of the same
//! inputs are in `tests/cli/hostile_loader.rs`.

use pathwise_core::curriculum;
use std::fmt::Write as _;

const SIZES: [usize; 2] = [1 << 20, 2 << 20];

fn main() {
    divan::main();
}

fn empty_items(bytes: usize) -> String {
    let n = (bytes - 10) / 3;
    format!("topics: [{}]\n", vec!["{}"; n].join(","))
}

fn unknown_in_flow_list(bytes: usize) -> String {
    let head = "areas:\n  - id: learn\n    title: Learn\n    summary: S.\ntopics:\n  - id: ab\n    title: A\n    area: learn\n    hours: 1\n    summary: S.\n  - id: big\n    title: Big\n    area: learn\n    hours: 2\n    summary: S.\n    requires: [";
    let n = (bytes - head.len()) / 4;
    let ids: Vec<&str> = (0..n)
        .map(|i| if i == n * 2 / 3 { "zz" } else { "ab" })
        .collect();
    format!("{head}{}]\n", ids.join(", "))
}

fn plain_items(bytes: usize) -> String {
    let mut s = String::from("areas:\n  - id: learn\n    title: Learn\n    summary: S.\ntopics:\n");
    let mut i = 0;
    while s.len() < bytes {
        {
            let _ = write!(
                s,
                "  - id: t{i}\n    title: Topic {i}\n    area: learn\n    requires: [{}]\n    hours: 2\n    summary: What topic {i} is about.\n",
                if i == 0 {
                    "t0".to_string()
                } else {
                    format!("t{}", i - 1)
                }
            );
        };
        i += 1;
    }
    s.replace("requires: [t0]", "requires: []")
}

fn load(text: &str) -> Result<curriculum::Curriculum, pathwise_core::LoadError> {
    curriculum::load_from_memory(false, &[("t.yaml", text.as_bytes())])
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn empty_items_load(bencher: divan::Bencher, bytes: usize) {
    let text = empty_items(bytes);
    bencher.bench(|| {
        let e = load(&text).err().expect("problems");
        assert!(e.diagnostics.len() > 100_000);
    });
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn unknown_in_flow_list_load(bencher: divan::Bencher, bytes: usize) {
    let text = unknown_in_flow_list(bytes);
    bencher.bench(|| {
        let e = load(&text).err().expect("a problem");
        assert_eq!(e.diagnostics.len(), 1);
    });
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn plain_items_load(bencher: divan::Bencher, bytes: usize) {
    let text = plain_items(bytes);
    bencher.bench(|| load(&text).expect("valid"));
}

/// Files of about 100 bytes, each with a topic in an unknown area, to `bytes` in all.
fn many_files(bytes: usize) -> Vec<(String, Vec<u8>)> {
    (0..bytes / 100)
        .map(|i| {
            (
                format!("f{i}.yaml"),
                format!("topics:\n  - id: t{i}\n    title: T\n    area: nowhere\n    hours: 1\n    summary: S.\n")
                    .into_bytes(),
            )
        })
        .collect()
}

#[divan::bench(args = SIZES, sample_count = 5, sample_size = 1)]
fn many_files_load(bencher: divan::Bencher, bytes: usize) {
    let files = many_files(bytes);
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    bencher.bench(|| {
        let e = curriculum::load_from_memory(false, &refs)
            .err()
            .expect("problems");
        assert_eq!(e.diagnostics.len(), refs.len());
    });
}
