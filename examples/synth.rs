//! Writes a synthetic curriculum in pathwise's format, for benchmarks and load tests.
//!
//! ```sh
//! cargo run --release --example synth -- --topics 100000 --files 8 --out /tmp/synth
//! pathwise --no-builtin --paths /tmp/synth check
//! pathwise --no-builtin --paths /tmp/synth plan --answers /tmp/synth.answers.yaml --format json
//! ```
//!
//! The output is deterministic: the same arguments give the same bytes. Topics are spread over
//! the four areas in tracks of a hundred; each requires up to six earlier topics of its track
//! (and sometimes a foundation topic), each has two resources, and a multiselect `goals`
//! question has options that want the deepest topics of some tracks. The matching answers file is
//! written beside the folder as `DIR.answers.yaml` (inside it, it would be read as curriculum).

use std::fmt::Write as _;
use std::path::PathBuf;

/// splitmix64: a small, fast, deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Topics per track: prerequisites stay inside a track, so plans stay a readable size.
const TRACK: usize = 100;
const AREAS: [&str; 4] = ["learn", "profile", "speed-up", "scale"];
const KINDS: [&str; 5] = ["book", "tutorial", "documentation", "course", "library"];
const WORDS: [&str; 16] = [
    "arrays",
    "kernels",
    "solvers",
    "meshes",
    "graphs",
    "queues",
    "caches",
    "vectors",
    "tensors",
    "streams",
    "matrices",
    "particles",
    "fields",
    "grids",
    "tasks",
    "buffers",
];

pub(crate) struct Spec {
    pub topics: usize,
    pub files: usize,
    pub out: PathBuf,
    pub seed: u64,
}

fn parse_args() -> Result<Spec, String> {
    let mut spec = Spec {
        topics: 1000,
        files: 4,
        out: PathBuf::from("synth"),
        seed: 1,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--topics" => spec.topics = value()?.parse().map_err(|_| "--topics takes a number")?,
            "--files" => spec.files = value()?.parse().map_err(|_| "--files takes a number")?,
            "--out" => spec.out = PathBuf::from(value()?),
            "--seed" => spec.seed = value()?.parse().map_err(|_| "--seed takes a number")?,
            "-h" | "--help" => {
                return Err("usage: synth --topics N --files K --out DIR [--seed S]".into());
            }
            other => return Err(format!("unknown argument {other}; see --help")),
        }
    }
    if spec.topics < 4 || spec.files == 0 {
        return Err("--topics must be at least 4 and --files at least 1".into());
    }
    Ok(spec)
}

pub(crate) fn generate(spec: &Spec) -> std::io::Result<()> {
    std::fs::create_dir_all(&spec.out)?;
    let mut rng = Rng(spec.seed);
    let per_file = spec.topics.div_ceil(spec.files);
    let mut files = vec![String::new(); spec.files];
    files[0].push_str("areas:\n");
    for a in AREAS {
        let _ = write!(
            files[0],
            "  - id: {a}\n    title: Area {a}\n    summary: Synthetic area {a}.\n"
        );
    }
    for (f, text) in files.iter_mut().enumerate() {
        let lo = f * per_file;
        let hi = ((f + 1) * per_file).min(spec.topics);
        if lo >= hi {
            continue;
        }
        text.push_str("topics:\n");
        for i in lo..hi {
            // Topics come in tracks of TRACK; a topic requires up to six earlier topics of its
            // track and, now and then, one of the foundation topics at the very start.
            let area = AREAS[(i * AREAS.len()) / spec.topics];
            let start = i - i % TRACK;
            let n = rng.below(7).min(i - start);
            let mut reqs: Vec<usize> = (0..n).map(|_| start + rng.below(i - start)).collect();
            let foundation = (spec.topics / 100).max(1);
            if i >= foundation && rng.below(4) == 0 {
                reqs.push(rng.below(foundation));
            }
            reqs.sort_unstable();
            reqs.dedup();
            let reqs: Vec<String> = reqs.iter().map(|r| format!("t{r}")).collect();
            let w = WORDS[rng.below(WORDS.len())];
            let _ = write!(
                text,
                "  - id: t{i}\n    title: Topic {i} on {w}\n    area: {area}\n    requires: [{}]\n    hours: {}\n    summary: On {w}, {i}.\n",
                reqs.join(", "),
                1 + rng.below(12)
            );
        }
        text.push_str("resources:\n");
        for i in lo..hi {
            for k in 0..2 {
                let kind = KINDS[rng.below(KINDS.len())];
                let _ = write!(
                    text,
                    "  - id: r{i}-{k}\n    title: Res {k} of t{i}\n    url: https://example.org/t{i}/{k}\n    kind: {kind}\n    teaches: [t{i}]\n    level: beginner\n    cost: free\n    hours: {}\n",
                    1 + rng.below(8)
                );
            }
        }
    }
    for (f, text) in files.iter().enumerate() {
        std::fs::write(spec.out.join(format!("part-{f:03}.yaml")), text)?;
    }
    // Goals that want deep topics: the last topics of three tracks each.
    let mut q = String::from(
        "questions:\n  - id: goals\n    prompt: Which goals?\n    kind: multiselect\n    min: 1\n    options:\n",
    );
    let tracks = spec.topics.div_ceil(TRACK);
    for g in 0..10 {
        let wants: Vec<String> = (0..3)
            .map(|_| {
                let track = rng.below(tracks);
                format!("t{}", ((track + 1) * TRACK).min(spec.topics) - 1)
            })
            .collect();
        let _ = write!(
            q,
            "      - id: goal-{g}\n        label: Goal {g}\n        wants: [{}]\n",
            wants.join(", ")
        );
    }
    q.push_str("  - id: hours_per_week\n    prompt: Hours a week?\n    kind: number\n    setting: hours_per_week\n    min: 1\n    max: 80\n    default: 10\n");
    std::fs::write(spec.out.join("questions.yaml"), q)?;
    std::fs::write(
        spec.out.with_extension("answers.yaml"),
        "goals: [goal-0, goal-3, goal-7]\nhours_per_week: 10\n",
    )?;
    Ok(())
}

fn main() {
    match parse_args() {
        Ok(spec) => {
            if let Err(e) = generate(&spec) {
                eprintln!("error: cannot write {}: {e}", spec.out.display());
                std::process::exit(1);
            }
            eprintln!(
                "wrote {} topics in {} files to {}; answers in {}",
                spec.topics,
                spec.files,
                spec.out.display(),
                spec.out.with_extension("answers.yaml").display()
            );
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    }
}
