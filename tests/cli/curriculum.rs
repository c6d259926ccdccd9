//! The built-in curriculum and the listing commands.

use std::collections::BTreeSet;

use crate::common::*;

fn resources() -> Vec<serde_json::Value> {
    let (code, out, err) = run(pathwise().args(["resources", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    json(&out).as_array().unwrap().clone()
}

#[test]
fn check_passes_on_the_built_in_guide() {
    let (code, out, err) = run(pathwise().arg("check"));
    assert_eq!(code, 0, "{err}");
    // The counts, each found another way: the listings and the files themselves.
    let (_, topics, _) = run(pathwise().args(["topics", "--format", "json"]));
    let topics = json(&topics).as_array().unwrap().len();
    let resources = resources();
    let from_guide = resources
        .iter()
        .filter(|r| !r["from_guide"].is_null())
        .count();
    let paths = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("paths");
    let questions = std::fs::read_to_string(paths.join("questions.yaml"))
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("  - id: "))
        .count();
    let mut files = 0;
    let mut stack = vec![paths];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else if e.path().extension().is_some_and(|x| x == "yaml") {
                files += 1;
            }
        }
    }
    assert_eq!(
        out,
        format!(
            "ok: 4 areas, {topics} topics, {} resources ({from_guide} from the guide), \
             {questions} questions in {files} files\n",
            resources.len()
        )
    );
}

/// Every resource the 2012 guide names, by the id pathwise gives it.
const GUIDE: &[&str] = &[
    "primer-scientific-programming",
    "python-scripting-computational-science",
    "python-for-data-analysis",
    "python-tutorial",
    "think-python",
    "enthought-python-distribution",
    "numpy",
    "scipy",
    "matplotlib",
    "ipython",
    "ipython-notebook",
    "scipy-conferences",
    "next-day-video",
    "pyvideo",
    "bloom-super-glue-keynote",
    "numfocus-user-stories",
    "pyclaw",
    "cprofile",
    "line-profiler",
    "memory-profiler",
    "ipython-timeit",
    "cython",
    "ctypes",
    "numexpr",
    "blist",
    "pandas",
    "pytables",
    "mpi4py",
    "disco",
    "ipyparallel",
    "pathos",
    "petsc4py",
    "slepc4py",
    "tao4py",
    "pytrilinos",
];

#[test]
fn every_guide_resource_is_present_and_marked_from_guide() {
    let all = resources();
    for id in GUIDE {
        let r = all
            .iter()
            .find(|r| r["id"] == *id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert!(r["from_guide"].is_string(), "{id} lacks from_guide");
    }
    let marked = all.iter().filter(|r| r["from_guide"].is_string()).count();
    assert_eq!(
        marked,
        GUIDE.len(),
        "only the guide's resources carry from_guide"
    );
}

#[test]
fn legacy_resources_name_successors_that_exist() {
    let all = resources();
    let ids: BTreeSet<&str> = all.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut legacy = 0;
    for r in &all {
        let status = r["status"].as_str().unwrap();
        if status == "dead" || status == "superseded" {
            legacy += 1;
            let succ = r["successors"].as_array().unwrap();
            assert!(!succ.is_empty(), "{} has no successors", r["id"]);
            for s in succ {
                assert!(
                    ids.contains(s.as_str().unwrap()),
                    "{} names missing {s}",
                    r["id"]
                );
            }
        }
    }
    assert!(
        legacy >= 7,
        "the guide has at least seven dead or superseded resources"
    );
}

#[test]
fn statuses_follow_the_2026_reference() {
    let all = resources();
    let status = |id: &str| {
        all.iter().find(|r| r["id"] == id).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let succ = |id: &str| -> Vec<String> {
        all.iter().find(|r| r["id"] == id).unwrap()["successors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(status("memory-profiler"), "unmaintained");
    for dead in ["blist", "disco", "enthought-python-distribution", "tao4py"] {
        assert_eq!(status(dead), "dead", "{dead}");
    }
    // The reference file says deprecated (Trilinos 16.0, 2024); since then it was removed with
    // Epetra, and Trilinos 17 (2026) no longer ships it.
    assert_eq!(status("pytrilinos"), "dead");
    assert_eq!(succ("pytrilinos"), ["pytrilinos2"]);
    assert_eq!(succ("tao4py"), ["petsc-tao"]);
    assert_eq!(succ("blist"), ["sortedcontainers"]);
    assert!(succ("memory-profiler").contains(&"memray".to_string()));
    for modern in [
        "numba",
        "dask",
        "ray",
        "memray",
        "scalene",
        "py-spy",
        "pybind11",
        "nanobind",
        "pyo3",
        "cupy",
        "jax",
        "miniforge",
        "uv",
        "pixi",
        "h5py",
        "zarr",
        "polars",
    ] {
        let r = all
            .iter()
            .find(|r| r["id"] == modern)
            .unwrap_or_else(|| panic!("{modern} missing"));
        assert!(r["from_guide"].is_null(), "{modern} is not from the guide");
    }
}

#[test]
fn every_url_is_http_or_https() {
    for r in resources() {
        let url = r["url"].as_str().unwrap();
        assert!(
            url.starts_with("https://") || url.starts_with("http://"),
            "{url}"
        );
    }
}

#[test]
fn topics_json_lists_topics_with_prerequisites() {
    let (code, out, _) = run(pathwise().args(["topics", "--format", "json"]));
    assert_eq!(code, 0);
    let topics = json(&out);
    let topics = topics.as_array().unwrap();
    assert!((30..=90).contains(&topics.len()), "{} topics", topics.len());
    let petsc = topics.iter().find(|t| t["id"] == "pde-solvers").unwrap();
    assert_eq!(petsc["area"], "scale");
    assert!(
        petsc["requires"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "mpi4py-basics")
    );
    assert!(petsc["hours"].as_f64().unwrap() > 0.0);
    // Listed by area in the built-in order.
    let areas: Vec<&str> = topics.iter().map(|t| t["area"].as_str().unwrap()).collect();
    let mut sorted = areas.clone();
    let rank = |a: &str| {
        ["learn", "profile", "speed-up", "scale"]
            .iter()
            .position(|x| *x == a)
            .unwrap()
    };
    sorted.sort_by_key(|a| rank(a));
    assert_eq!(areas, sorted);
}

#[test]
fn topics_can_be_filtered_by_area_and_unknown_areas_are_explained() {
    let (code, out, _) = run(pathwise().args(["topics", "--area", "profile"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("function-profiling") && !out.contains("mpi4py-basics"),
        "{out}"
    );
    let (code, _, err) = run(pathwise().args(["topics", "--area", "profiel"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `profile`?"), "{err}");
}

#[test]
fn show_describes_topics_and_resources() {
    let (code, out, _) = run(pathwise().args(["show", "pde-solvers"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("requires:    mpi4py-basics, sparse-linear-algebra"),
        "{out}"
    );
    assert!(out.contains("required by: nothing"), "{out}");
    assert!(out.contains("petsc4py"), "{out}");
    let (code, out, _) = run(pathwise().args(["show", "sparse-linear-algebra"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("required by: sparse-eigenproblems, pde-solvers, pde-frameworks"),
        "{out}"
    );
    let (code, out, _) = run(pathwise().args(["show", "tao4py"]));
    assert_eq!(code, 0);
    assert!(out.contains("status:     dead"), "{out}");
    assert!(out.contains("successors: petsc-tao"), "{out}");
    let (code, _, err) = run(pathwise().args(["show", "petsc4pi"]));
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `petsc4py`?"), "{err}");
}

#[test]
fn graph_is_mermaid_or_dot_and_can_focus_on_a_topic() {
    let (code, out, _) = run(pathwise().arg("graph"));
    assert_eq!(code, 0);
    assert!(out.starts_with("flowchart LR\n"));
    assert!(
        out.contains("  t_mpi4py_basics --> t_pde_solvers\n"),
        "{out}"
    );
    let (code, out, _) =
        run(pathwise().args(["graph", "--format", "dot", "--topic", "eigenproblems"]));
    assert_eq!(code, 0);
    assert!(out.starts_with("digraph pathwise {"));
    // SLEPc builds on SciPy's eigensolvers and on MPI, not on the PDE solvers.
    assert!(
        out.contains("\"sparse-eigenproblems\" -> \"eigenproblems\";")
            && out.contains("\"mpi4py-basics\" -> \"eigenproblems\";")
            && !out.contains("\"pde-solvers\""),
        "{out}"
    );
    // Only the topic's neighbourhood: nothing about pandas.
    assert!(!out.contains("dataframes"), "{out}");
}

#[test]
fn team_paths_extend_the_built_in_guide() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("team.yaml"),
        "topics:\n  - id: our-solver\n    title: Our solver\n    area: scale\n    requires: [pde-solvers]\n    hours: 6\n    summary: The group's own code.\nresources:\n  - id: our-wiki\n    title: Wiki\n    url: https://wiki.example.org/solver\n    kind: documentation\n    teaches: [our-solver, pde-solvers]\n    level: intermediate\n    cost: free\n    hours: 2\n",
    )
    .unwrap();
    let (code, out, err) = run(pathwise().arg("check").arg("--paths").arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    let topics = format!("{} topics", builtin_topics() + 1);
    assert!(out.contains(&topics), "{out}");
    // The variable adds folders too.
    let (code, out, _) = run(pathwise()
        .env("PATHWISE_PATHS", dir.path())
        .args(["show", "our-solver"]));
    assert_eq!(code, 0);
    assert!(out.contains("requires:    pde-solvers"), "{out}");
    // Without the built-ins the prerequisite is missing.
    let (code, _, err) = run(pathwise()
        .arg("check")
        .arg("--no-builtin")
        .arg("--paths")
        .arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("unknown topic `pde-solvers`"), "{err}");
}

#[test]
fn output_is_identical_across_runs() {
    let a = run(pathwise().args(["resources", "--format", "json"]));
    let b = run(pathwise().args(["resources", "--format", "json"]));
    assert_eq!(a, b);
    let a = run(pathwise().arg("graph"));
    let b = run(pathwise().arg("graph"));
    assert_eq!(a, b);
}

#[test]
fn the_cache_is_used_and_correct_under_every_edit() {
    let cache = tempfile::tempdir().unwrap();
    let team = tempfile::tempdir().unwrap();
    let file = team.path().join("team.yaml");
    let topic = |hours: &str| {
        format!(
            "topics:\n  - id: our-topic\n    title: Ours\n    area: scale\n    requires: [pde-solvers]\n    hours: {hours}\n    summary: S.\n"
        )
    };
    std::fs::write(&file, topic("4")).unwrap();
    let cached = |args: &[&str]| {
        let mut c = pathwise();
        c.env_remove("PATHWISE_NO_CACHE")
            .env("PATHWISE_CACHE_DIR", cache.path())
            .arg("--paths")
            .arg(team.path())
            .args(args);
        run(&mut c)
    };
    let fresh = run(pathwise()
        .arg("--paths")
        .arg(team.path())
        .args(["topics", "--format", "json"]));
    let first = cached(&["topics", "--format", "json"]);
    assert_eq!(first, fresh);
    let files: Vec<_> = std::fs::read_dir(cache.path()).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "one cache file written");
    // Served from the cache: the same output, and the cache file is not written again (a cache
    // that cannot be read is rewritten).
    let written = files[0].metadata().unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(cached(&["topics", "--format", "json"]), fresh);
    assert_eq!(
        files[0].path().metadata().unwrap().modified().unwrap(),
        written,
        "the cache was read, not rewritten"
    );
    // An edit of the same size, in the same second, is seen at once.
    std::fs::write(&file, topic("5")).unwrap();
    let (_, out, _) = cached(&["show", "our-topic"]);
    assert!(out.contains("hours:       5 h"), "{out}");
    // A broken edit is reported, not hidden by the cache.
    std::fs::write(&file, topic("-5")).unwrap();
    let (code, _, err) = cached(&["check"]);
    assert_eq!(code, 2);
    assert!(err.contains("team.yaml:6:12"), "{err}");
    // A corrupt cache file is ignored.
    for f in std::fs::read_dir(cache.path()).unwrap().flatten() {
        std::fs::write(f.path(), b"garbage").unwrap();
    }
    std::fs::write(&file, topic("4")).unwrap();
    assert_eq!(cached(&["topics", "--format", "json"]), fresh);
}
