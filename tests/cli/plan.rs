//! Plans from answers files: the three people the guide is for, and the rules every plan keeps.

use crate::common::*;
use serde_json::Value;

fn plan_json(answers: &str, extra: &[&str]) -> Value {
    let path = fixtures().join("answers").join(answers);
    let (code, out, err) = run(pathwise()
        .arg("plan")
        .arg("--answers")
        .arg(&path)
        .args(["--format", "json"])
        .args(extra));
    assert_eq!(code, 0, "{err}");
    json(&out)
}

fn ids(plan: &Value) -> Vec<String> {
    plan["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

fn pos(plan: &Value, id: &str) -> usize {
    ids(plan)
        .iter()
        .position(|t| t == id)
        .unwrap_or_else(|| panic!("{id} not in plan: {:?}", ids(plan)))
}

fn resource_ids(plan: &Value, topic: &str) -> Vec<String> {
    let t = plan["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == topic)
        .unwrap();
    t["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

fn all_resources(plan: &Value) -> Vec<String> {
    plan["topics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|t| {
            t["resources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_string())
        })
        .collect()
}

#[test]
fn fortran_programmer_scaling_a_pde_solver() {
    let p = plan_json("fortran-pde.yaml", &[]);
    assert_eq!(p["name"], "Ada");
    // Knows how to program and how to use a cluster: neither is in the plan.
    assert!(
        p["known"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k == "programming-basics")
    );
    assert!(!ids(&p).contains(&"programming-basics".to_string()));
    assert!(!ids(&p).contains(&"hpc-cluster-basics".to_string()));
    // The Python Tutorial, not Think Python.
    assert_eq!(resource_ids(&p, "python-basics")[0], "python-tutorial");
    assert!(!all_resources(&p).contains(&"think-python".to_string()));
    // NumPy before mpi4py before petsc4py.
    assert!(pos(&p, "numpy-arrays") < pos(&p, "mpi4py-basics"));
    assert!(pos(&p, "mpi4py-basics") < pos(&p, "pde-solvers"));
    assert!(resource_ids(&p, "pde-solvers").contains(&"petsc4py".to_string()));
    // No pandas.
    assert!(!ids(&p).contains(&"dataframes".to_string()));
    assert!(!all_resources(&p).contains(&"pandas".to_string()));
    // The why names the goal and the chain.
    let mpi = p["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "mpi4py-basics")
        .unwrap();
    assert!(
        mpi["goals"]
            .as_array()
            .unwrap()
            .iter()
            .any(|g| g == "pde-solvers")
    );
    let numpy = p["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "numpy-arrays")
        .unwrap();
    // Why, in the learner's words: the next step by its title and the goal by its label.
    assert_eq!(
        numpy["why"].as_str().unwrap(),
        "needed for “Message passing with mpi4py”, on the way to “PDE and linear solvers with \
         petsc4py” in your goal “Solve PDEs and large linear systems”",
    );
}

#[test]
fn newcomer_learning_data_analysis() {
    let p = plan_json("newcomer-data.yaml", &[]);
    assert_eq!(resource_ids(&p, "programming-basics")[0], "think-python");
    assert!(pos(&p, "programming-basics") < pos(&p, "python-basics"));
    assert!(pos(&p, "python-basics") < pos(&p, "numpy-arrays"));
    assert!(pos(&p, "numpy-arrays") < pos(&p, "dataframes"));
    assert!(pos(&p, "dataframes") < pos(&p, "data-analysis-workflow"));
    assert!(!ids(&p).iter().any(|t| t.contains("mpi")), "{:?}", ids(&p));
    // The Python Tutorial is for programmers; this plan never offers it.
    assert!(!all_resources(&p).contains(&"python-tutorial".to_string()));
    // 3 hours a week: many weeks.
    let weeks = p["weeks"].as_u64().unwrap();
    let total = p["total_hours"].as_f64().unwrap();
    assert!(
        weeks as f64 >= total / 3.0 && weeks > 10,
        "{weeks} weeks for {total} h"
    );
}

#[test]
fn experienced_developer_profiling_and_speeding_up() {
    let p = plan_json("pythonista-speed.yaml", &[]);
    let t = ids(&p);
    assert!(
        !t.contains(&"python-basics".to_string()) && !t.contains(&"programming-basics".to_string())
    );
    assert!(pos(&p, "function-profiling") < pos(&p, "cython-basics"));
    assert!(pos(&p, "line-profiling") < pos(&p, "cython-basics"));
    assert!(resource_ids(&p, "function-profiling").contains(&"cprofile".to_string()));
    assert!(resource_ids(&p, "line-profiling").contains(&"line-profiler".to_string()));
    assert!(t.contains(&"numexpr".to_string()) || t.contains(&"numba-jit".to_string()));
    assert!(!t.iter().any(|x| x.contains("mpi")), "{t:?}");
}

#[test]
fn every_topic_comes_after_its_prerequisites_and_weeks_never_go_back() {
    let (_, out, _) = run(pathwise().args(["topics", "--format", "json"]));
    let topics = json(&out);
    for f in [
        "fortran-pde.yaml",
        "newcomer-data.yaml",
        "pythonista-speed.yaml",
    ] {
        let p = plan_json(f, &[]);
        let order = ids(&p);
        for (i, id) in order.iter().enumerate() {
            let t = topics
                .as_array()
                .unwrap()
                .iter()
                .find(|t| &t["id"] == id)
                .unwrap();
            for r in t["requires"].as_array().unwrap() {
                if let Some(j) = order.iter().position(|x| x == r) {
                    assert!(j < i, "{f}: {id} before its prerequisite {r}");
                }
            }
        }
        let weeks: Vec<u64> = p["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["week"].as_u64().unwrap())
            .collect();
        assert!(weeks.windows(2).all(|w| w[0] <= w[1]), "{f}: {weeks:?}");
        let total: f64 = p["topics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["hours"].as_f64().unwrap())
            .sum();
        assert!((total - p["total_hours"].as_f64().unwrap()).abs() < 1e-9);
    }
}

#[test]
fn set_overrides_the_answers_file() {
    let p = plan_json(
        "fortran-pde.yaml",
        &["--set", "hours_per_week=20", "--set", "goals=pde-solvers"],
    );
    assert_eq!(p["hours_per_week"], 20.0);
    assert_eq!(p["goals"], serde_json::json!(["pde-solvers"]));
    assert!(!ids(&p).contains(&"task-parallelism".to_string()));
}

#[test]
fn free_only_drops_paid_books_and_legacy_lists_successors() {
    let p = plan_json(
        "newcomer-data.yaml",
        &["--set", "goals=learn", "--set", "free_only=yes"],
    );
    assert!(!all_resources(&p).contains(&"primer-scientific-programming".to_string()));
    let p = plan_json(
        "fortran-pde.yaml",
        // The goal starts from SciPy; PETSc TAO, where tao4py went, is the large-scale extra.
        &[
            "--set",
            "goals=optimization",
            "--set",
            "extras=petsc-tao",
            "--set",
            "include_legacy=yes",
        ],
    );
    let opt = p["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "optimization")
        .unwrap();
    let tao4py = opt["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "tao4py")
        .expect("legacy tao4py listed");
    assert_eq!(tao4py["role"], "legacy");
    assert_eq!(tao4py["successors"], serde_json::json!(["petsc-tao"]));
    // Without include_legacy, no dead resource appears.
    let p = plan_json(
        "fortran-pde.yaml",
        &["--set", "goals=optimization", "--set", "extras=petsc-tao"],
    );
    assert!(!all_resources(&p).contains(&"tao4py".to_string()));
}

#[test]
fn free_only_changes_a_built_in_plan() {
    // Someone who prefers books and wants faster code gets High Performance Python, a book
    // that is sold; asking for free resources only leaves every paid one out.
    let args = |free: &'static str| {
        vec![
            "--set",
            "python=experienced",
            "--set",
            "goals=speed-up",
            "--set",
            "formats=book",
            "--set",
            free,
        ]
    };
    let paid = plan_json("pythonista-speed.yaml", &args("free_only=no"));
    assert_eq!(
        resource_ids(&paid, "function-profiling")[0],
        "high-performance-python"
    );
    let free = plan_json("pythonista-speed.yaml", &args("free_only=yes"));
    let (_, out, _) = run(pathwise().args(["resources", "--format", "json"]));
    let sold: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["cost"] == "paid")
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert!(sold.contains(&"high-performance-python".to_string()));
    for r in all_resources(&free) {
        assert!(!sold.contains(&r), "{r} is sold but listed with free_only");
    }
    assert_ne!(paid["topics"], free["topics"]);
}

#[test]
fn a_deadline_keeps_what_fits_and_names_what_it_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("ida.yaml");
    std::fs::write(
        &f,
        "python: other-language\nlanguages: [c]\nhpc: cluster-user\ngoals: [speed-up, scale]\n\
         work: [many-runs]\nhours_per_week: 10\ndeadline_weeks: 4\n",
    )
    .unwrap();
    let (code, out, err) = run(pathwise().arg("plan").arg("--answers").arg(&f));
    assert_eq!(code, 0, "{err}");
    // Text wraps: compare words.
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Left out to finish in 4 weeks: NumPy arrays,"),
        "{out}"
    );
    assert!(words.contains("about 4 weeks at 10 h a week"), "{out}");
    let (_, out, _) = run(pathwise()
        .arg("plan")
        .arg("--answers")
        .arg(&f)
        .args(["--format", "json"]));
    let p = json(&out);
    assert!(p["total_hours"].as_f64().unwrap() <= 40.0);
    assert_eq!(p["deadline"]["weeks"], 4.0);
    let dropped: Vec<String> = p["dropped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    assert!(
        dropped.contains(&"cython-arrays".to_string()),
        "{dropped:?}"
    );
    for t in &dropped {
        assert!(!ids(&p).contains(t));
    }
    // `why` says a dropped topic was left out for the deadline, not that no goal needs it.
    let (_, out, _) = run(pathwise()
        .args(["why", "cython-arrays", "--answers"])
        .arg(&f));
    assert!(
        out.replace('\n', " ")
            .contains("left out of your plan to finish by your deadline"),
        "{out}"
    );
}

#[test]
fn contradictory_answers_are_an_error_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("me.yaml");
    std::fs::write(&f, "goals: [profile]\nlanguages: [c, none]\n").unwrap();
    let (code, out, err) = run(pathwise().arg("plan").arg("--answers").arg(&f));
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("me.yaml:2:16"), "{err}");
    assert!(err.contains("cannot be chosen with other options"), "{err}");
    let (code, _, err) = run(pathwise().args([
        "plan",
        "--set",
        "goals=profile",
        "--set",
        "languages=none,r",
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("`none`"), "{err}");
}

#[test]
fn an_answer_to_a_question_that_is_not_asked_warns_and_changes_nothing() {
    // Someone who never programmed is not asked which languages they use.
    let dir = tempfile::tempdir().unwrap();
    let with = dir.path().join("with.yaml");
    let without = dir.path().join("without.yaml");
    std::fs::write(&with, "python: none\nlanguages: [c]\ngoals: [learn]\n").unwrap();
    std::fs::write(&without, "python: none\ngoals: [learn]\n").unwrap();
    let (code, a, err) = run(pathwise().arg("plan").arg("--answers").arg(&with));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning"), "{err}");
    assert!(err.contains("with.yaml:2:1"), "{err}");
    assert!(
        err.contains("`languages` is asked only when `python` is"),
        "{err}"
    );
    let (_, b, err) = run(pathwise().arg("plan").arg("--answers").arg(&without));
    assert!(err.is_empty(), "{err}");
    assert_eq!(a, b);
    // Answered on the command line, the warning says so.
    let (_, _, err) =
        run(pathwise().args(["plan", "--set", "goals=learn", "--set", "gpu_vendor=amd"]));
    assert!(
        err.contains("`--set`: `gpu_vendor` is asked only when"),
        "{err}"
    );
}

#[test]
fn text_output_names_goals_by_their_labels() {
    let (_, out, _) = run(pathwise().args(["plan", "--set", "goals=scale,pde-solvers"]));
    let words = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Goals: Run Python across cores and nodes of a cluster; Solve PDEs"),
        "{out}"
    );
    assert!(
        words.contains("part of your goal “Run Python across cores"),
        "{out}"
    );
    assert!(
        !words.contains("goal scale") && !words.contains("pde-solvers)"),
        "{out}"
    );
}

#[test]
fn each_part_of_a_book_is_its_own_item_to_tick() {
    // Think Python's chapters 1–9 are the first topic's, chapters 10–19 the second's: two
    // items, ticked separately, and progress counts the topics' hours as the header does.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("marie.md");
    let (code, _, err) = run(pathwise()
        .args(["plan", "--set", "python=none", "--set", "goals=learn", "-o"])
        .arg(&plan)
        .args(["--date", "2026-01-01"]));
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(&plan).unwrap();
    let first = "<!-- pathwise:think-python/programming-basics topic=programming-basics";
    let second = "<!-- pathwise:think-python/python-basics topic=python-basics";
    assert!(text.contains(first) && text.contains(second), "{text}");
    assert!(text.contains(
        "[Think Python (Downey)](https://allendowney.github.io/ThinkPython/): chapters 1–9"
    ));
    let ticked = text
        .lines()
        .map(|l| {
            if l.contains(first) {
                l.replacen("- [ ]", "- [x]", 1)
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&plan, &ticked).unwrap();
    let (_, out, _) = run(pathwise()
        .arg("progress")
        .arg(&plan)
        .args(["--format", "json"]));
    let p = json(&out);
    assert_eq!(p["topics"]["done"], 1);
    assert_eq!(p["hours"]["done"], 25.0);
    // Part items name their resource: none is unknown to the curriculum.
    assert_eq!(p["problems"], serde_json::json!([]), "{p}");
    let (_, out, _) = run(pathwise().args([
        "plan",
        "--set",
        "python=none",
        "--set",
        "goals=learn",
        "--format",
        "json",
    ]));
    assert_eq!(p["hours"]["total"], json(&out)["total_hours"]);
    // A refresh keeps the one tick, on the one part.
    let (code, _, err) = run(pathwise()
        .arg("refresh")
        .arg(&plan)
        .args(["--date", "2026-02-01"]));
    assert_eq!(code, 0, "{err}");
    let refreshed = std::fs::read_to_string(&plan).unwrap();
    let line = |m: &str| {
        refreshed
            .lines()
            .find(|l| l.contains(m))
            .unwrap()
            .to_string()
    };
    assert!(line(first).starts_with("- [x]"));
    assert!(line(second).starts_with("- [ ]"));
}

#[test]
fn nothing_to_learn_is_a_friendly_exit_0() {
    let (code, out, _) = run(pathwise()
        .args([
            "plan",
            "--set",
            "python=experienced",
            "--set",
            "goals=learn",
            "--set",
            "languages=c",
        ])
        .args(["--no-builtin"])
        .arg("--paths")
        .arg(fixtures().join("tiny")));
    assert_eq!(code, 0);
    assert!(out.contains("Nothing to learn"), "{out}");
}

#[test]
fn text_plan_matches_golden_file() {
    let path = fixtures().join("answers").join("fortran-pde.yaml");
    let (code, out, err) = run(pathwise().arg("plan").arg("--answers").arg(&path));
    assert_eq!(code, 0, "{err}");
    golden(&fixtures().join("golden").join("fortran-pde.txt"), &out);
}

#[test]
fn same_answers_give_byte_identical_output() {
    let path = fixtures().join("answers").join("pythonista-speed.yaml");
    let a = run(pathwise()
        .arg("plan")
        .arg("--answers")
        .arg(&path)
        .args(["--format", "json"]));
    let b = run(pathwise()
        .arg("plan")
        .arg("--answers")
        .arg(&path)
        .args(["--format", "json"]));
    assert_eq!(a, b);
}

#[test]
fn answers_file_errors_name_file_line_and_fix() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("me.yaml");
    std::fs::write(&f, "python: expert\ngoal: [scale]\ngoals: [scale, gpus]\n").unwrap();
    let (code, out, err) = run(pathwise().arg("plan").arg("--answers").arg(&f));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("me.yaml:1:9"), "{err}");
    assert!(err.contains("`expert` is not an option"), "{err}");
    assert!(
        err.contains("unknown question `goal`") && err.contains("did you mean `goals`?"),
        "{err}"
    );
    assert!(
        err.contains("me.yaml:3:16") && err.contains("did you mean `gpu`?"),
        "{err}"
    );
}

#[test]
fn without_a_terminal_or_answers_plan_explains_answers() {
    let (code, out, err) = run(pathwise().arg("plan"));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("--answers"), "{err}");
    // A missing required answer is named.
    let (code, _, err) = run(pathwise().args(["plan", "--set", "python=none"]));
    assert_eq!(code, 2);
    assert!(err.contains("no answer to `goals`"), "{err}");
}

#[test]
fn save_answers_round_trips_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("saved.yaml");
    let args = [
        "plan",
        "--set",
        "python=beginner",
        "--set",
        "goals=profile",
        "--format",
        "json",
    ];
    let (code, first, err) = run(pathwise().args(args).arg("--save-answers").arg(&f));
    assert_eq!(code, 0, "{err}");
    let saved = std::fs::read_to_string(&f).unwrap();
    assert!(saved.contains("goals: [\"profile\"]"), "{saved}");
    let (code, again, _) = run(pathwise()
        .args(["plan", "--format", "json", "--answers"])
        .arg(&f));
    assert_eq!(code, 0);
    assert_eq!(first, again);
    // A second save refuses to overwrite and leaves the file as it was.
    std::fs::write(&f, "# mine\ngoals: [scale]\n").unwrap();
    let (code, _, err) = run(pathwise().args(args).arg("--save-answers").arg(&f));
    assert_eq!(code, 2);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "# mine\ngoals: [scale]\n"
    );
    let (code, _, _) = run(pathwise()
        .args(args)
        .arg("--save-answers")
        .arg(&f)
        .arg("--force"));
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&f).unwrap().contains("profile"));
}

#[test]
fn why_explains_the_chain() {
    let path = fixtures().join("answers").join("fortran-pde.yaml");
    let (code, out, _) = run(pathwise()
        .args(["why", "pde-solvers", "--answers"])
        .arg(&path));
    assert_eq!(code, 0);
    assert!(out.contains("is in your plan"), "{out}");
    // Wrapped to the terminal (80 columns here).
    assert!(
        out.replace('\n', " ").contains(
            "Starting from what you know (Programming from scratch, Working on an HPC cluster), \
             learn in order:"
        ),
        "{out}"
    );
    // The steps by their titles, in order, each with its id for `pathwise show`.
    let steps: Vec<&str> = out.lines().filter(|l| l.starts_with("  ")).collect();
    assert!(
        steps.ends_with(&[
            "  8. Message passing with mpi4py (mpi4py-basics)",
            "  9. PDE and linear solvers with petsc4py (pde-solvers)",
        ]),
        "{out}"
    );
    let (code, out, _) = run(pathwise()
        .args(["why", "hpc-cluster-basics", "--answers"])
        .arg(&path));
    assert_eq!(code, 0);
    assert!(out.contains("You already know"), "{out}");
    let (code, out, _) = run(pathwise()
        .args(["why", "dataframes", "--answers"])
        .arg(&path));
    assert_eq!(code, 0);
    assert!(out.contains("not in your plan"), "{out}");
}

#[test]
fn a_plan_file_gives_its_answers_to_why_and_plan() {
    let dir = tempfile::tempdir().unwrap();
    let answers = fixtures().join("answers").join("fortran-pde.yaml");
    let plan = dir.path().join("plan.md");
    let (code, _, err) = run(pathwise()
        .args(["plan", "--date", "2026-01-05", "--answers"])
        .arg(&answers)
        .arg("-o")
        .arg(&plan));
    assert_eq!(code, 0, "{err}");
    let from_answers = run(pathwise()
        .args(["why", "pde-solvers", "--answers"])
        .arg(&answers));
    let from_plan = run(pathwise()
        .args(["why", "pde-solvers", "--answers"])
        .arg(&plan));
    assert_eq!(from_plan, from_answers);
    // The same plan again, from the plan file's answers.
    let again = |f: &std::path::Path| {
        run(pathwise()
            .args(["plan", "--format", "json", "--answers"])
            .arg(f))
    };
    assert_eq!(again(&plan), again(&answers));
}

#[test]
fn no_terminal_gives_exit_2_naming_answers() {
    // stdin is not a terminal here (assert_cmd gives an empty pipe).
    let (code, out, err) = run(pathwise().write_stdin(""));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("--answers"), "{err}");
    assert!(err.contains("--set"), "{err}");
}

#[test]
fn the_header_lists_the_goals_not_the_shape_of_the_work_or_the_code() {
    let (code, out, err) = run(pathwise().args([
        "plan",
        "--set",
        "python=beginner",
        "--set",
        "goals=scale",
        "--set",
        "work=many-runs",
        "--set",
        "code=python-script",
    ]));
    assert_eq!(code, 0, "{err}");
    let header = out.replace('\n', " ");
    assert!(
        header.contains("Goals: Run Python across cores and nodes of a cluster. "),
        "{out}"
    );
    // The shape of the work still brings in its topics, and says so where it explains them.
    assert!(out.contains("Using every core of one machine"), "{out}");
    assert!(
        out.contains("why: part of your answer “Many independent runs”"),
        "{out}"
    );
    assert!(
        !header.contains("Goals: Run Python across cores and nodes of a cluster; "),
        "{out}"
    );
}
