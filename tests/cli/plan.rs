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
    assert!(
        numpy["why"].as_str().unwrap().contains("→"),
        "{}",
        numpy["why"]
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
    assert!(
        out.contains("Starting from what you know (programming-basics, hpc-cluster-basics)"),
        "{out}"
    );
    assert!(out.contains("mpi4py-basics → pde-solvers"), "{out}");
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
fn no_terminal_gives_exit_2_naming_answers() {
    // stdin is not a terminal here (assert_cmd gives an empty pipe).
    let (code, out, err) = run(pathwise().write_stdin(""));
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("--answers"), "{err}");
    assert!(err.contains("--set"), "{err}");
}
