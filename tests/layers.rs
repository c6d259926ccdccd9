//! Data flows one way. Each module may use only the modules in the layers below its own, so
//! that there is no import cycle and the core never reaches for the command line. This test
//! reads the sources and fails on any `crate::` path that points up or sideways.

use std::collections::BTreeMap;
use std::path::Path;

/// The core's top-level modules, lowest layer first. A module may use its own layer's
/// submodules and anything in a lower layer.
const CORE: &[&[&str]] = &[
    &["yaml", "sanitize", "format", "scaffold"],
    &["diag", "graph"],
    &["error"],
    &["curriculum"],
    &["answers"],
    &["plan"],
    &["json", "diagram"],
    &["planfile"],
];

/// The plan-file modules, lowest first: the markdown writer knows nothing of reading back.
const PLANFILE: &[&[&str]] = &[
    &["marker"],
    &["markdown"],
    &["scan"],
    &["read"],
    &["progress", "diff"],
    &["team", "refresh"],
    &["tests"],
];

/// The binary's modules: the commands sit on top of everything else.
const CLI: &[&[&str]] = &[
    &["error", "cli", "say"],
    &["hints", "output", "date", "render", "terminal"],
    &["config", "links", "questionnaire"],
    &["commands"],
];

fn layers(table: &[&[&str]]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for (i, layer) in table.iter().enumerate() {
        for name in *layer {
            m.insert((*name).to_string(), i);
        }
    }
    m
}

/// Every `.rs` file under `dir`, with the path of its module below `dir` ("plan", "planfile/read").
fn sources(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p.strip_prefix(dir).unwrap().with_extension("");
                let rel = rel.to_string_lossy().replace('\\', "/");
                let rel = rel.strip_suffix("/mod").unwrap_or(&rel).to_string();
                out.push((rel, std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The modules named after `prefix` in a source text (`crate::x` gives `x`).
fn uses<'a>(text: &'a str, prefix: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices(prefix) {
        let rest = &text[i + prefix.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end > 0 {
            out.push(&rest[..end]);
        }
    }
    out
}

fn check(root: &Path, table: &[&[&str]], prefixes: &[&str], problems: &mut Vec<String>) {
    let rank = layers(table);
    for (module, text) in sources(root) {
        let top = module.split('/').next().unwrap();
        if matches!(top, "lib" | "main" | "mod") {
            continue;
        }
        let Some(&mine) = rank.get(top) else {
            problems.push(format!("{module}: not in the layer table; add it"));
            continue;
        };
        for used in prefixes.iter().flat_map(|p| uses(&text, p)) {
            if used == top {
                continue;
            }
            match rank.get(used) {
                Some(&theirs) if theirs < mine => {}
                Some(_) => problems.push(format!("{module} uses {used}, a layer not below it")),
                None => {}
            }
        }
    }
}

#[test]
fn core_modules_only_use_lower_layers() {
    let mut problems = Vec::new();
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/core/src");
    check(&core, CORE, &["crate::"], &mut problems);
    check(
        &core.join("planfile"),
        PLANFILE,
        &["crate::planfile::", "super::"],
        &mut problems,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn command_line_modules_only_use_lower_layers() {
    let mut problems = Vec::new();
    check(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        CLI,
        &["crate::"],
        &mut problems,
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_core_uses_no_terminal_or_command_line_crate() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/core");
    let manifest = std::fs::read_to_string(core.join("Cargo.toml")).unwrap();
    for forbidden in ["clap", "console", "dialoguer", "indicatif", "ureq", "ctrlc"] {
        assert!(
            !manifest
                .lines()
                .any(|l| l.trim_start().starts_with(forbidden)),
            "crates/core depends on {forbidden}"
        );
        for (module, text) in sources(&core.join("src")) {
            assert!(
                !text.contains(&format!("{forbidden}::")),
                "crates/core/src/{module} uses {forbidden}"
            );
        }
    }
}
