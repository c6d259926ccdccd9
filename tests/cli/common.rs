use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The binary, with a clean, colourless environment.
pub(crate) fn pathwise() -> Command {
    let mut c = Command::cargo_bin("pathwise").expect("binary built");
    c.env("NO_COLOR", "1")
        .env_remove("PATHWISE_PATHS")
        .env_remove("PATHWISE_NAME")
        .env_remove("PATHWISE_FORMAT")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("SOURCE_DATE_EPOCH")
        .env("PATHWISE_CONFIG", "/nonexistent/pathwise-test-config.yaml")
        .env("PATHWISE_NO_CACHE", "1")
        .env("COLUMNS", "80");
    c
}

/// How many topics the built-in curriculum has, for tests that add some on top of it.
pub(crate) fn builtin_topics() -> usize {
    let (code, out, err) = run(pathwise().args(["topics", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    json(&out).as_array().unwrap().len()
}

pub(crate) fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// Runs and returns (exit code, stdout, stderr).
pub(crate) fn run(cmd: &mut Command) -> (i32, String, String) {
    let out: Output = cmd.output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub(crate) fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{stdout}"))
}

/// Compares with a golden file; `TRYCMD=overwrite` writes it instead, as it does for the
/// snapshot cases in `tests/cases.rs`.
pub(crate) fn golden(path: &Path, actual: &str) {
    if std::env::var_os("TRYCMD").is_some_and(|v| v == "overwrite") {
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with TRYCMD=overwrite",
            path.display()
        )
    });
    assert_eq!(expected, actual, "output differs from {}", path.display());
}
