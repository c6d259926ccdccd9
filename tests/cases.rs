//! Snapshot cases: one fixture is one test case, and its exit code, stdout and stderr are
//! checked together.
//!
//! - `tests/fixtures/bad-curricula/<case>/`: a curriculum folder with a mistake; `check.toml`
//!   runs `pathwise check` on it, `check.stderr` is the exact message; a `check-<flag>.toml`
//!   beside it runs `check` with that flag (`check-strict.toml`: `check --strict`).
//! - `tests/fixtures/bad-answers/<case>.yaml`: an answers file with a mistake; `<case>.toml`
//!   runs `pathwise plan --answers` on it, `<case>.stderr` is the exact message.
//! - `tests/fixtures/bad-plans/<case>.md`: a file that is not a usable plan; `<case>.toml` runs
//!   `pathwise progress` (or `refresh`) on it.
//!
//! - `README.md`: its `console` examples, so the README shows what pathwise really prints.
//!
//! Adding a case is adding its files. After an intended change of wording,
//! `TRYCMD=overwrite cargo test --test cases` rewrites the expected files: read the diff.
//! Every case runs with an empty environment but for the variables set here, so a developer's
//! own configuration or curriculum folders never leak in.

use std::time::Duration;

#[test]
fn cases() {
    trycmd::TestCases::new()
        .default_bin_name("pathwise")
        .env("NO_COLOR", "1")
        .env("COLUMNS", "80")
        .env("PATHWISE_CONFIG", "/nonexistent/pathwise-test-config.yaml")
        .env("PATHWISE_NO_CACHE", "1")
        // Only catches hangs; speed is measured by the benchmarks.
        .timeout(Duration::from_secs(120))
        .case("tests/fixtures/bad-curricula/*/check.toml")
        .case("tests/fixtures/bad-curricula/*/check-*.toml")
        .case("tests/fixtures/bad-answers/*.toml")
        .case("tests/fixtures/bad-plans/*.toml")
        .case("README.md");
}
