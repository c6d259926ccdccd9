//! Property tests: on random acyclic curricula, every plan respects every prerequisite, contains
//! every wanted topic that is not known, contains no known topic, and is the same across runs
//! and however the items are spread over files.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use pathwise_core::answers::{Answers, Profile};
use pathwise_core::curriculum::{self, AnswerValue, LoadOptions};
use pathwise_core::plan;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Case {
    /// For each topic, its prerequisites (all earlier topics) and its area.
    topics: Vec<(Vec<usize>, usize)>,
    wanted: Vec<usize>,
    known: Vec<usize>,
    /// Which file each topic goes in, and a permutation of file creation order.
    file_of: Vec<usize>,
}

fn case() -> impl Strategy<Value = Case> {
    (2usize..40).prop_flat_map(|n| {
        let topics = (0..n)
            .map(|i| {
                (
                    proptest::collection::vec(0..i.max(1), 0..=3.min(i)),
                    0usize..4,
                )
            })
            .collect::<Vec<_>>();
        (
            topics,
            proptest::collection::vec(0..n, 1..5),
            proptest::collection::vec(0..n, 0..5),
            proptest::collection::vec(0usize..3, n),
        )
            .prop_map(move |(topics, wanted, known, file_of)| {
                let topics = topics
                    .into_iter()
                    .enumerate()
                    .map(|(i, (mut reqs, area))| {
                        reqs.retain(|&r| r < i);
                        reqs.sort_unstable();
                        reqs.dedup();
                        (reqs, area)
                    })
                    .collect();
                Case {
                    topics,
                    wanted,
                    known,
                    file_of,
                }
            })
    })
}

const AREAS: [&str; 4] = ["learn", "profile", "speed-up", "scale"];

fn write(case: &Case, dir: &Path, reverse_files: bool) {
    let mut files = vec![String::new(); 3];
    files[0].push_str("areas:\n");
    for a in AREAS {
        {
            let _ = write!(files[0], "  - id: {a}\n    title: {a}\n    summary: {a}.\n");
        };
    }
    files[0].push_str(
        "questions:\n  - id: goals\n    prompt: Goals?\n    kind: multiselect\n    options:\n",
    );
    {
        let _ = write!(
            files[0],
            "      - id: want\n        label: Want\n        wants: [{}]\n",
            case.wanted
                .iter()
                .map(|w| format!("t{w}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    {
        let _ = write!(
            files[0],
            "      - id: know\n        label: Know\n        knows: [{}]\n",
            case.known
                .iter()
                .map(|w| format!("t{w}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    for (i, (reqs, area)) in case.topics.iter().enumerate() {
        let f = &mut files[case.file_of[i]];
        if !f.contains("topics:") {
            f.push_str("topics:\n");
        }
        let reqs: Vec<String> = reqs.iter().map(|r| format!("t{r}")).collect();
        {
            let _ = write!(
                f,
                "  - id: t{i}\n    title: Topic {i}\n    area: {}\n    requires: [{}]\n    hours: {}\n    summary: Topic {i}.\n",
                AREAS[*area],
                reqs.join(", "),
                1 + i % 7
            );
        };
    }
    // Resources in a section of their own at the end of each file.
    let mut order: Vec<usize> = (0..3).collect();
    if reverse_files {
        order.reverse();
    }
    for f in order {
        let mut text = files[f].clone();
        let topics_here: Vec<usize> = (0..case.topics.len())
            .filter(|&i| case.file_of[i] == f)
            .collect();
        if !topics_here.is_empty() {
            text.push_str("resources:\n");
            for i in topics_here {
                {
                    let _ = write!(
                        text,
                        "  - id: r{i}\n    title: R{i}\n    url: https://example.org/{i}\n    kind: tutorial\n    teaches: [t{i}]\n    level: beginner\n    cost: free\n    hours: 1\n"
                    );
                };
            }
        }
        // Creation order differs between runs; names do not.
        if !text.is_empty() {
            std::fs::write(dir.join(format!("part{f}.yaml")), text).unwrap();
        }
    }
}

fn plan_for(case: &Case, reverse: bool) -> (Vec<String>, plan::Plan, curriculum::Curriculum) {
    let dir = tempfile::tempdir().unwrap();
    write(case, dir.path(), reverse);
    let cur = curriculum::load(&LoadOptions {
        builtin: false,
        dirs: vec![dir.path().to_path_buf()],
        cache_dir: None,
    })
    .unwrap_or_else(|e| panic!("{}", e.render()));
    let mut answers = Answers::default();
    answers.set(
        "goals",
        AnswerValue::Choices(vec!["want".into(), "know".into()]),
    );
    let profile = Profile::from_answers(&cur, &answers);
    let p = plan::make(&cur, &answers, &profile);
    let ids = p
        .topics
        .iter()
        .map(|t| cur.topics[t.topic].id.to_string())
        .collect();
    (ids, p, cur)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn plans_respect_prerequisites_wants_and_knowledge(case in case()) {
        let (ids, p, cur) = plan_for(&case, false);
        let pos = |id: &str| ids.iter().position(|x| x == id);
        let known: BTreeSet<String> = case.known.iter().map(|k| format!("t{k}")).collect();
        // Every prerequisite that is in the plan comes before the topic that needs it.
        for (i, id) in ids.iter().enumerate() {
            let t = cur.topic(id).unwrap();
            for r in &cur.topics[t].requires {
                if let Some(j) = pos(&r.id) {
                    prop_assert!(j < i, "{id} before {}", r.id);
                } else {
                    // The walk back from a planned topic stops only at known topics.
                    prop_assert!(known.contains(r.id.as_str()), "{id} needs {} which is neither planned nor known", r.id);
                }
            }
        }
        for w in &case.wanted {
            let id = format!("t{w}");
            prop_assert_eq!(pos(&id).is_some(), !known.contains(&id), "wanted {}", id);
        }
        for k in &known {
            prop_assert!(pos(k).is_none(), "known {} planned", k);
        }
        // Weeks never go back; hours add up.
        prop_assert!(p.topics.windows(2).all(|w| w[0].week <= w[1].week && w[0].end_week <= w[1].end_week));
        prop_assert!(p.topics.iter().all(|t| t.week <= t.end_week));
        let total: f64 = p.topics.iter().map(|t| t.hours).sum();
        prop_assert!((total - p.total_hours).abs() < 1e-9);
    }

    #[test]
    fn plans_are_identical_across_runs_and_file_creation_orders(case in case()) {
        let (a, pa, _) = plan_for(&case, false);
        let (b, pb, _) = plan_for(&case, true);
        let (c, _, _) = plan_for(&case, false);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(&a, &c);
        prop_assert_eq!(pa.weeks, pb.weeks);
    }
}
