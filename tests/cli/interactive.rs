//! The questionnaire in a real pseudo-terminal, driven like a person would.

use std::process::Command;
use std::time::Duration;

use expectrl::session::OsSession as Session;
use expectrl::{ControlCode, Expect};

use crate::common::fixtures;

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const SHOW_CURSOR: &str = "\x1b[?25h";

/// Runs pathwise in a pseudo-terminal through `sh`, which prints the exit code at the end.
fn spawn(args: &str) -> Session {
    let bin = env!("CARGO_BIN_EXE_pathwise");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("'{bin}' {args}; echo EXIT=$?"))
        .env_remove("NO_COLOR")
        .env_remove("PATHWISE_PATHS")
        .env("PATHWISE_NO_CACHE", "1")
        .env("PATHWISE_CONFIG", "/nonexistent/config.yaml")
        .env("TERM", "xterm-256color");
    let mut s = Session::spawn(cmd).expect("spawn in a pty");
    s.set_expect_timeout(Some(Duration::from_secs(20)));
    s
}

fn answer(s: &mut Session, prompt: &str, keys: &str) {
    s.expect(prompt)
        .unwrap_or_else(|e| panic!("waiting for {prompt:?}: {e}"));
    // Let the prompt switch the terminal to raw mode before typing.
    std::thread::sleep(Duration::from_millis(100));
    s.send(keys).unwrap();
}

#[test]
fn answering_every_question_shows_a_plan_and_saves_the_answers() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("me.yaml");
    let mut s = spawn(&format!("plan --save-answers '{}'", saved.display()));
    answer(&mut s, "Your name", &format!("Ada{ENTER}"));
    answer(&mut s, "How much Python", ENTER); // default: some Python
    answer(&mut s, "other languages", &format!("{DOWN}{DOWN} {ENTER}")); // Fortran
    answer(&mut s, "already used", ENTER);
    answer(&mut s, "experience with HPC", &format!("{DOWN}{ENTER}")); // cluster user
    answer(&mut s, "want to be able to do", &format!("{DOWN} {ENTER}")); // profile
    answer(&mut s, "shape is the work", ENTER);
    answer(&mut s, "code do you already have", ENTER);
    // No GPU goal: the GPU vendor is not asked.
    answer(&mut s, "Anything else", ENTER);
    answer(&mut s, "hours a week", ENTER);
    answer(&mut s, "leave empty to skip", ENTER); // no deadline
    answer(&mut s, "kinds of material", ENTER);
    // Yes/no questions take Enter like the others: the Enter after `y` is not the next answer.
    answer(&mut s, "Only free", &format!("y{ENTER}"));
    answer(&mut s, "dead or superseded", &format!("y{ENTER}"));
    answer(&mut s, "Make the plan with these answers?", ENTER);
    s.expect("Learning plan for Ada").unwrap();
    s.expect("Profiling functions").unwrap();
    s.expect("EXIT=0").unwrap();
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("name: \"Ada\""), "{text}");
    assert!(text.contains("languages: [\"fortran\"]"), "{text}");
    assert!(text.contains("hpc: \"cluster-user\""), "{text}");
    assert!(text.contains("goals: [\"profile\"]"), "{text}");
    assert!(!text.contains("deadline_weeks"), "{text}");
    assert!(text.contains("free_only: true"), "{text}");
    assert!(text.contains("include_legacy: true"), "{text}");
}

#[test]
fn ctrl_c_exits_130_shows_the_cursor_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("me.yaml");
    let mut s = spawn(&format!("plan --save-answers '{}'", saved.display()));
    answer(&mut s, "Your name", &format!("Ada{ENTER}"));
    // A select prompt hides the cursor; interrupt it there.
    answer(&mut s, "How much Python", "");
    s.send(ControlCode::EndOfText).unwrap();
    s.expect(SHOW_CURSOR).unwrap();
    s.expect("EXIT=130").unwrap();
    assert!(!saved.exists(), "nothing may be written after Ctrl-C");
}

#[test]
fn escape_cancels_cleanly() {
    let mut s = spawn("plan");
    answer(&mut s, "Your name", ENTER);
    answer(&mut s, "How much Python", "\x1b");
    s.expect("cancelled; nothing was written").unwrap();
    s.expect("EXIT=130").unwrap();
}

#[test]
fn a_team_question_is_asked_too() {
    let tiny = fixtures().join("tiny");
    let mut s = spawn(&format!("--no-builtin --paths '{}' plan", tiny.display()));
    answer(&mut s, "Python?", &format!("{DOWN}{ENTER}")); // No
    answer(&mut s, "Languages?", ENTER);
    answer(&mut s, "Goals?", &format!(" {ENTER}"));
    answer(&mut s, "Make the plan with these answers?", ENTER);
    s.expect("Basics").unwrap();
    s.expect("EXIT=0").unwrap();
}

#[test]
fn answers_on_the_command_line_mean_no_questions_even_on_a_terminal() {
    let mut s = spawn("plan --set goals=profile --set python=experienced");
    s.expect("Learning plan").unwrap();
    s.expect("Profiling functions").unwrap();
    s.expect("EXIT=0").unwrap();
}
