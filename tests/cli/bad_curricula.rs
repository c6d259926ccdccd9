//! Golden fixtures: each folder under tests/fixtures/bad-curricula is a curriculum overlay with
//! a mistake, and `expected.stderr` the exact message `pathwise check` must print. Adding a case
//! is adding a folder.

use crate::common::*;

#[test]
fn every_bad_curriculum_exits_2_with_its_expected_message() {
    let root = fixtures().join("bad-curricula");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 20,
        "expected at least 20 cases, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let builtin = !case.join("no-builtin").exists();
        let mut cmd = pathwise();
        cmd.current_dir(case).arg("check").arg("--paths").arg(".");
        if !builtin {
            cmd.arg("--no-builtin");
        }
        let (code, stdout, stderr) = run(&mut cmd);
        if code != 2 {
            failures.push(format!("{name}: exit code {code}, expected 2\n{stderr}"));
            continue;
        }
        assert!(stdout.is_empty(), "{name}: printed to stdout: {stdout}");
        assert!(!stderr.contains("panicked"), "{name}: panicked: {stderr}");
        let expected = case.join("expected.stderr");
        if std::env::var_os("PATHWISE_BLESS").is_some() {
            std::fs::write(&expected, &stderr).unwrap();
            continue;
        }
        match std::fs::read_to_string(&expected) {
            Ok(e) if e == stderr => {}
            Ok(e) => failures.push(format!(
                "{name}: message differs\n--- expected\n{e}--- actual\n{stderr}"
            )),
            Err(_) => failures.push(format!(
                "{name}: no expected.stderr (run with PATHWISE_BLESS=1)"
            )),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
