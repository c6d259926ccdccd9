//! Fitting the terminal ecosystem: completions, man page, configuration, colour, link checking
//! and scaffolding.

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::Command as Std;

use crate::common::*;

#[test]
fn bash_completion_registers() {
    let bin = env!("CARGO_BIN_EXE_pathwise");
    let out = Std::new("bash")
        .arg("-c")
        .arg(format!(
            "source <('{bin}' completions bash) && complete -p pathwise"
        ))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("complete") && text.contains("pathwise"),
        "{text}"
    );
}

/// The subcommands, as users type them.
const SUBCOMMANDS: [&str; 15] = [
    "plan",
    "check",
    "topics",
    "resources",
    "show",
    "graph",
    "progress",
    "refresh",
    "diff",
    "team",
    "why",
    "init",
    "config",
    "completions",
    "man",
];

#[test]
fn completions_exist_for_every_shell_and_know_every_command() {
    for (shell, start) in [
        ("bash", "_pathwise() {"),
        ("zsh", "#compdef pathwise"),
        ("fish", "complete -c pathwise"),
        ("powershell", "using namespace System.Management.Automation"),
        ("elvish", "use builtin;"),
    ] {
        let (code, out, err) = run(pathwise().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains(start), "{shell}:\n{out}");
        for sub in SUBCOMMANDS {
            assert!(out.contains(sub), "{shell} does not complete `{sub}`");
        }
        assert!(
            out.contains("answers"),
            "{shell} does not complete --answers"
        );
    }
    let (code, _, err) = run(pathwise().args(["completions", "tcsh"]));
    assert_eq!(code, 2);
    assert!(err.contains("possible values"), "{err}");
}

/// Renders roff with `man` when it is installed.
fn man_render(roff: &str) -> Option<String> {
    Std::new("man").arg("--version").output().ok()?;
    let mut child = Std::new("man")
        .args(["-l", "-"])
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(roff.as_bytes())
        .unwrap();
    let rendered = child.wait_with_output().unwrap();
    Some(String::from_utf8_lossy(&rendered.stdout).into_owned())
}

#[test]
fn man_page_has_the_sections_users_look_for() {
    let (code, out, _) = run(pathwise().arg("man"));
    assert_eq!(code, 0);
    assert!(
        out.contains(".TH pathwise 1"),
        "{}",
        &out[..200.min(out.len())]
    );
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "OPTIONS",
        "SUBCOMMANDS",
        "ENVIRONMENT",
        "FILES",
        "EXAMPLES",
        "EXIT STATUS",
        "SEE ALSO",
    ] {
        assert!(
            out.contains(&format!(".SH {section}")),
            "no {section} section"
        );
    }
    for var in [
        "PATHWISE_PATHS",
        "PATHWISE_CONFIG",
        "NO_COLOR",
        "SOURCE_DATE_EPOCH",
    ] {
        assert!(out.contains(var), "ENVIRONMENT does not name {var}");
    }
    if let Some(text) = man_render(&out) {
        assert!(
            text.contains("EXIT STATUS") && text.contains("130"),
            "{text}"
        );
    }
}

#[test]
fn man_dir_writes_every_page_the_main_page_refers_to() {
    let dir = tempfile::tempdir().unwrap();
    let man1 = dir.path().join("man").join("man1");
    let (code, _, err) = run(pathwise().arg("man").arg("--dir").arg(&man1));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("man -M"), "{err}");
    let main = std::fs::read_to_string(man1.join("pathwise.1")).unwrap();
    for sub in SUBCOMMANDS {
        let page = format!("pathwise-{sub}");
        assert!(
            main.contains(&format!("pathwise\\-{sub}(1)")),
            "pathwise(1) does not list {page}"
        );
        let text = std::fs::read_to_string(man1.join(format!("{page}.1")))
            .unwrap_or_else(|_| panic!("no page {page}.1"));
        assert!(text.contains(&format!(".TH {page} 1")), "{page}: {text}");
        assert!(
            text.contains("\\fBpathwise\\fR(1)"),
            "{page} does not refer back"
        );
    }
    // Pages already there are kept unless --force is given.
    std::fs::write(man1.join("pathwise-plan.1"), "mine").unwrap();
    let (code, _, err) = run(pathwise().arg("man").arg("--dir").arg(&man1));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read_to_string(man1.join("pathwise-plan.1")).unwrap(),
        "mine"
    );
    let (code, _, err) = run(pathwise().args(["man", "--force", "--dir"]).arg(&man1));
    assert_eq!(code, 0, "{err}");
    assert_ne!(
        std::fs::read_to_string(man1.join("pathwise-plan.1")).unwrap(),
        "mine"
    );
}

#[test]
fn every_subcommand_help_has_an_example() {
    for sub in SUBCOMMANDS {
        let (code, out, _) = run(pathwise().args([sub, "--help"]));
        assert_eq!(code, 0, "{sub}");
        assert!(
            out.contains("Examples:\n  pathwise") || out.contains("Examples:\n  source"),
            "{sub} --help has no example:\n{out}"
        );
    }
}

#[test]
fn no_color_means_no_escape_sequences_and_always_means_colour() {
    let answers = fixtures().join("answers").join("fortran-pde.yaml");
    for args in [
        vec!["plan", "--answers"],
        vec!["why", "pde-solvers", "--answers"],
    ] {
        let (_, out, err) = run(pathwise().args(&args).arg(&answers));
        assert!(!out.contains('\x1b') && !err.contains('\x1b'), "{args:?}");
    }
    let (_, out, err) = run(pathwise().args(["show", "numpi"]));
    assert!(!out.contains('\x1b') && !err.contains('\x1b'));
    // NO_COLOR beats CLICOLOR_FORCE; --color always beats both.
    let (_, out, _) = run(pathwise()
        .env("CLICOLOR_FORCE", "1")
        .arg("plan")
        .arg("--answers")
        .arg(&answers));
    assert!(!out.contains('\x1b'));
    let (_, out, _) = run(pathwise()
        .args(["--color", "always", "plan", "--answers"])
        .arg(&answers));
    assert!(out.contains("\x1b["), "no colour with --color always");
    let (_, out, _) = run(pathwise()
        .env_remove("NO_COLOR")
        .env("CLICOLOR_FORCE", "1")
        .arg("plan")
        .arg("--answers")
        .arg(&answers));
    assert!(out.contains("\x1b["), "CLICOLOR_FORCE forces colour");
    // Not a terminal, nothing set: no colour.
    let (_, out, _) = run(pathwise()
        .env_remove("NO_COLOR")
        .arg("plan")
        .arg("--answers")
        .arg(&answers));
    assert!(!out.contains('\x1b'));
}

/// A tiny HTTP server on 127.0.0.1: `/good` is 200, `/moved` redirects to `/good`, anything
/// else is 404. It answers a bounded number of requests, then stops.
fn serve(requests: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            if reader.read_line(&mut line).is_err() {
                continue;
            }
            // Read the rest of the request head.
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
            }
            let path = line.split_whitespace().nth(1).unwrap_or("/");
            let resp = match path {
                "/good" => "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
                    .to_string(),
                "/moved" => format!(
                    "HTTP/1.1 301 Moved\r\nLocation: http://127.0.0.1:{port}/good\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                ),
                _ => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .to_string(),
            };
            let _ = stream.write_all(resp.as_bytes());
        }
    });
    port
}

#[test]
fn link_checker_names_only_the_missing_page() {
    let port = serve(40);
    let dir = tempfile::tempdir().unwrap();
    let mut yaml = String::from(
        "areas:\n  - id: learn\n    title: L\n    summary: S.\ntopics:\n  - id: t\n    title: T\n    area: learn\n    hours: 1\n    summary: S.\nresources:\n",
    );
    for (id, path) in [
        ("good-page", "good"),
        ("missing-page", "missing"),
        ("moved-page", "moved"),
    ] {
        {
            let _ = write!(
                yaml,
                "  - id: {id}\n    title: {id}\n    url: http://127.0.0.1:{port}/{path}\n    kind: article\n    teaches: [t]\n    level: beginner\n    cost: free\n    hours: 1\n"
            );
        };
    }
    std::fs::write(dir.path().join("c.yaml"), yaml).unwrap();
    let (code, out, err) = run(pathwise()
        .args([
            "check",
            "--links",
            "--no-builtin",
            "--timeout",
            "5",
            "--paths",
        ])
        .arg(dir.path()));
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("broken      missing-page"), "{out}");
    assert!(
        !out.contains("broken      good-page") && !out.contains("broken      moved-page"),
        "{out}"
    );
    assert!(out.contains("redirected  moved-page"), "{out}");
    assert!(
        out.contains("3 links checked: 1 fine, 1 redirected, 1 broken"),
        "{out}"
    );
    assert!(err.contains("1 link is broken"), "{err}");
}

fn config(dir: &std::path::Path, text: &str) -> std::path::PathBuf {
    let p = dir.join("config.yaml");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn config_precedence_flags_beat_environment_beat_file_beat_defaults() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("team")).unwrap();
    let cfg = config(
        dir.path(),
        "name: From File\nformat: json\ncolor: never\npaths: [team]\n",
    );
    let show =
        |cmd: &mut assert_cmd::Command| run(cmd.env("PATHWISE_CONFIG", &cfg).arg("config")).1;
    let out = show(&mut pathwise());
    assert!(out.contains("name:   From File  (from "), "{out}");
    assert!(out.contains("format: json  (from "), "{out}");
    assert!(
        out.contains(&format!("paths:  {}", dir.path().join("team").display())),
        "{out}"
    );
    let out = show(
        pathwise()
            .env("PATHWISE_NAME", "From Env")
            .env("PATHWISE_FORMAT", "text"),
    );
    assert!(
        out.contains("name:   From Env  (from the PATHWISE_NAME variable)"),
        "{out}"
    );
    assert!(
        out.contains("format: text  (from the PATHWISE_FORMAT variable)"),
        "{out}"
    );
    let out = show(
        pathwise()
            .env("PATHWISE_PATHS", "/elsewhere")
            .args(["--color", "always"]),
    );
    assert!(
        out.contains("paths:  /elsewhere  (from the PATHWISE_PATHS variable)"),
        "{out}"
    );
    assert!(
        out.contains("color:  always  (from the --color flag)"),
        "{out}"
    );
    // The settings are used: the file's format and name reach the plan, flags win.
    let answers = fixtures().join("answers").join("pythonista-speed.yaml");
    let (code, out, err) = run(pathwise()
        .env("PATHWISE_CONFIG", &cfg)
        .arg("plan")
        .arg("--answers")
        .arg(&answers)
        .args(["--set", "name="]));
    assert_eq!(code, 0, "{err}");
    assert!(json(&out)["topics"].is_array());
    let (_, out, _) = run(pathwise().env("PATHWISE_CONFIG", &cfg).args([
        "plan",
        "--format",
        "text",
        "--set",
        "goals=profile",
    ]));
    assert!(out.starts_with("Learning plan for From File"), "{out}");
    // Defaults when there is no file.
    let (_, out, _) = run(pathwise().arg("config"));
    assert!(
        out.contains("(not found; defaults apply)") && out.contains("format: text  (from default)"),
        "{out}"
    );
}

#[test]
fn a_broken_config_file_is_an_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = config(dir.path(), "name: Ada\nformat: yaml\ncolour: never\n");
    let (code, _, err) = run(pathwise().env("PATHWISE_CONFIG", &cfg).arg("config"));
    assert_eq!(code, 2);
    assert!(err.contains("config.yaml:2:9"), "{err}");
    assert!(err.contains("unknown format `yaml`"), "{err}");
    assert!(
        err.contains("config.yaml:3:1") && err.contains("did you mean `color`?"),
        "{err}"
    );
    let cfg = config(dir.path(), "paths: [a\n");
    let (code, _, err) = run(pathwise().env("PATHWISE_CONFIG", &cfg).arg("check"));
    assert_eq!(code, 2);
    assert!(err.contains("config.yaml:"), "{err}");
}

#[test]
fn init_scaffolds_a_team_curriculum_that_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    let (code, _, err) = run(pathwise().arg("init").arg(&team));
    assert_eq!(code, 0, "{err}");
    for f in [
        "README.md",
        "topics.yaml",
        "resources.yaml",
        "questions.yaml",
    ] {
        assert!(team.join(f).exists(), "{f}");
    }
    let (code, out, err) = run(pathwise().arg("check").arg("--paths").arg(&team));
    assert_eq!(code, 0, "{err}");
    let topics = format!("{} topics", builtin_topics() + 1);
    assert!(out.contains(&topics), "{out}");
    // Its question plans its topic on top of the built-in prerequisites.
    let (code, out, err) = run(pathwise().arg("--paths").arg(&team).args([
        "plan",
        "--format",
        "json",
        "--set",
        "goals=learn",
        "--set",
        "our_cluster=yes-jobs",
    ]));
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = json(&out)["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ids.contains(&"our-cluster".to_string()) && ids.contains(&"mpi4py-basics".to_string()),
        "{ids:?}"
    );
    // Never over an existing folder with files.
    let before = std::fs::read_to_string(team.join("topics.yaml")).unwrap();
    let (code, _, err) = run(pathwise().arg("init").arg(&team));
    assert_eq!(code, 2);
    assert!(err.contains("not empty"), "{err}");
    assert_eq!(
        std::fs::read_to_string(team.join("topics.yaml")).unwrap(),
        before
    );
}

/// Off a terminal, plan text wraps to `COLUMNS` when it is set (between 40 and 100), else 80.
#[test]
fn plan_text_wraps_to_columns_off_a_terminal() {
    let answers = fixtures().join("answers").join("fortran-pde.yaml");
    let text = |columns: Option<&str>| {
        let mut c = pathwise();
        match columns {
            Some(v) => c.env("COLUMNS", v),
            None => c.env_remove("COLUMNS"),
        };
        let (code, out, err) = run(c.arg("plan").arg("--answers").arg(&answers));
        assert_eq!(code, 0, "{err}");
        out
    };
    let why_width = |out: &str| {
        out.lines()
            .filter(|l| l.trim_start().starts_with("why:"))
            .map(|l| l.chars().count())
            .max()
            .unwrap()
    };
    let narrow = text(Some("60"));
    let wide = text(Some("100"));
    // Every line fits, but for a word longer than a line (a link) on a line of its own.
    for line in narrow.lines() {
        assert!(
            line.chars().count() <= 60 || !line.trim().contains(' '),
            "too wide: {line}"
        );
    }
    assert!(why_width(&wide) > 80, "{wide}");
    assert!(narrow.lines().count() > wide.lines().count());
    // Unset or not a number: 80. Out of range: clamped.
    assert_eq!(text(None), text(Some("80")));
    assert_eq!(text(Some("wide")), text(Some("80")));
    assert_eq!(text(Some("500")), wide);
}
