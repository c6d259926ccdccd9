//! The questionnaire as a person sees it: the real binary in a pseudo-terminal of a given size,
//! its output drawn by a terminal emulator, and the screen (with what scrolled off the top)
//! checked once the run is over.

use std::io::ErrorKind;
use std::num::NonZeroU16;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use expectrl::session::OsSession as Session;

use crate::common::{pathwise, run};

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const SPACE: &str = " ";
const ESC: &str = "\x1b";

/// The questions the answers below ask, in order, as the summary names them: not the GPU
/// vendor, which only a GPU goal asks.
const ASKED: &[&str] = &[
    "name",
    "python",
    "languages",
    "tools",
    "hpc",
    "goals",
    "work",
    "code",
    "extras",
    "hours_per_week",
    "deadline_weeks",
    "formats",
    "free_only",
    "include_legacy",
];

/// A run in a pseudo-terminal and the screen it draws.
struct Screen {
    session: Session,
    parser: vt100::Parser,
    cols: u16,
    /// When output last arrived.
    last_output: Instant,
    done: bool,
}

impl Screen {
    /// Runs pathwise through `sh`, which waits until the terminal has the size set here and
    /// prints the exit code at the end. (The size is set from this side, after the pty library
    /// has set its own of 80 by 24: a `stty` in the child could run before that and be undone.)
    fn spawn(args: &str, cols: u16, rows: u16, no_color: bool) -> Screen {
        let bin = env!("CARGO_BIN_EXE_pathwise");
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "until [ \"$(stty size)\" = '{rows} {cols}' ]; do sleep 0.02; done; \
                 '{bin}' {args}; echo EXIT=$?"
            ))
            .env_remove("NO_COLOR")
            .env_remove("COLUMNS")
            .env_remove("LINES")
            .env_remove("PATHWISE_PATHS")
            .env_remove("PATHWISE_NAME")
            .env("PATHWISE_NO_CACHE", "1")
            .env("PATHWISE_CONFIG", "/nonexistent/config.yaml")
            .env("TERM", "xterm-256color");
        if no_color {
            cmd.env("NO_COLOR", "1");
        }
        let mut session = Session::spawn(cmd).expect("spawn in a pty");
        session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("size the pty");
        Screen {
            session,
            parser: vt100::Parser::new(
                NonZeroU16::new(rows).expect("rows"),
                NonZeroU16::new(cols).expect("columns"),
                10_000,
            ),
            cols,
            last_output: Instant::now(),
            done: false,
        }
    }

    /// Draws whatever output has arrived.
    fn pump(&mut self) {
        let mut buf = [0u8; 4096];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => {
                    self.done = true;
                    return;
                }
                Ok(n) => {
                    self.parser.process(&buf[..n]);
                    self.last_output = Instant::now();
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => return,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                // The other end closed (EIO on Linux).
                Err(_) => {
                    self.done = true;
                    return;
                }
            }
        }
    }

    /// Every row, those scrolled off the top first, each with whether the terminal wrapped it
    /// into the next (a row longer than the screen is wide).
    fn rows(&mut self) -> Vec<(String, bool)> {
        let screen = self.parser.screen_mut();
        screen.set_scrollback(usize::MAX);
        let above = screen.scrollback();
        let mut out = Vec::new();
        for offset in (1..=above).rev() {
            screen.set_scrollback(offset);
            let row = screen.rows(0, self.cols).next().unwrap_or_default();
            out.push((row, screen.row_wrapped(0)));
        }
        screen.set_scrollback(0);
        for (i, row) in screen.rows(0, self.cols).enumerate() {
            out.push((row, screen.row_wrapped(i as u16)));
        }
        // The rows below the last written one are empty.
        while out.last().is_some_and(|(r, _)| r.trim().is_empty()) {
            out.pop();
        }
        out
    }

    /// The screen as one line of words (a row the terminal wrapped joined to the next as it
    /// was written).
    fn words(&mut self) -> String {
        let mut text = String::new();
        for (row, wrapped) in self.rows() {
            text.push_str(&row);
            if !wrapped {
                text.push(' ');
            }
        }
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Waits until the screen shows `text` (wherever its rows break) and the program has been
    /// quiet for a moment, so that it is waiting for keys.
    fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        loop {
            self.pump();
            if self.last_output.elapsed() > Duration::from_millis(150)
                && self.words().contains(text)
            {
                return;
            }
            if start.elapsed() > Duration::from_secs(30)
                || self.done && !self.words().contains(text)
            {
                panic!("waiting for {text:?}; the screen is:\n{}", self.dump());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        use std::io::Write;
        self.session.write_all(keys.as_bytes()).unwrap();
        self.session.flush().unwrap();
        // The next `wait_for` must see the answer to these keys, not the screen before them.
        self.last_output = Instant::now();
    }

    fn answer(&mut self, prompt: &str, keys: &str) {
        self.wait_for(&format!("? {prompt}"));
        self.send(keys);
    }

    fn dump(&mut self) -> String {
        self.rows()
            .iter()
            .map(|(r, w)| format!("{r}{}\n", if *w { " ⏎" } else { "" }))
            .collect()
    }
}

/// The entries of the last summary on the screen, `id: answer`, rows that continue one joined
/// to it.
fn last_summary(rows: &[(String, bool)]) -> Vec<String> {
    let start = rows
        .iter()
        .rposition(|(r, _)| r == "Your answers:")
        .expect("a summary on the screen");
    let mut entries: Vec<String> = Vec::new();
    for (r, _) in &rows[start + 1..] {
        if let Some(e) = r.strip_prefix("  ") {
            if e.starts_with("  ") {
                let last = entries
                    .last_mut()
                    .expect("an entry before its continuation");
                last.push(' ');
                last.push_str(e.trim());
            } else {
                entries.push(e.to_string());
            }
        } else {
            break;
        }
    }
    entries
}

fn ids(entries: &[String]) -> Vec<&str> {
    entries
        .iter()
        .map(|e| e.split_once(':').map_or(e.as_str(), |(id, _)| id))
        .collect()
}

/// The marker of the row the cursor is on.
const CURSOR: char = '❯';

/// The rows of the screen that hold a list's cursor.
fn cursor_rows(rows: &[(String, bool)]) -> Vec<&str> {
    rows.iter()
        .filter(|(r, _)| r.starts_with(CURSOR))
        .map(|(r, _)| r.as_str())
        .collect()
}

/// Answers every question, leaves the goals empty once, then changes the hours from 5 to 8 at
/// the summary, and checks the screen the run leaves and the plan it writes.
fn questionnaire_at(cols: u16, rows: u16, no_color: bool) {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.md");
    let saved = dir.path().join("me.yaml");
    let mut s = Screen::spawn(
        &format!(
            "plan --date 2030-01-07 -o '{}' --save-answers '{}'",
            plan.display(),
            saved.display()
        ),
        cols,
        rows,
        no_color,
    );
    s.answer("Your name", &format!("Ada Lovelace{ENTER}"));
    s.answer("How much Python", ENTER); // default: some Python
    // The row the cursor is on is marked, whether colour shows or not.
    s.answer("Which other languages", &format!("{DOWN}{DOWN}{SPACE}"));
    s.wait_for("Fortran");
    let on_screen = s.rows();
    assert_eq!(
        cursor_rows(&on_screen),
        [format!("{CURSOR} ✔ Fortran")],
        "{}",
        s.dump()
    );
    assert!(
        on_screen.iter().any(|(r, _)| r == "  ⬚ C++"),
        "{}",
        s.dump()
    );
    s.send(ENTER);
    s.answer("Which of these have you already used?", ENTER);
    s.answer("What is your experience with HPC", ENTER);
    // No goal: asked again.
    s.answer("What do you want to be able to do?", ENTER);
    s.wait_for("Choose at least 1; please answer again.");
    s.answer(
        "What do you want to be able to do?",
        &format!("{DOWN}{SPACE}{ENTER}"),
    ); // profile
    s.answer("What shape is the work", ENTER);
    s.answer("What code do you already have", ENTER);
    s.answer("Anything else", ENTER);
    s.answer("How many hours a week", ENTER); // 5
    s.answer("In how many weeks", ENTER); // no deadline
    s.answer("Which kinds of material", ENTER);
    s.answer("Only free resources?", ENTER);
    s.answer("Also list the guide's dead", ENTER);

    s.wait_for("? Make the plan with these answers?");
    let first = last_summary(&s.rows());
    assert_eq!(ids(&first), ASKED, "{}", s.dump());
    assert!(
        first.contains(&"hours_per_week: 5".to_string()),
        "{first:?}"
    );
    // Change the name, then think better of it: Esc at the question goes back to the summary.
    s.send(&format!("{DOWN}{ENTER}")); // change an answer
    s.answer("Which answer do you want to change?", ENTER); // the name
    s.answer(
        "Your name (shown on the plan) (Ada Lovelace)",
        &format!("Bo{ESC}"),
    );
    s.wait_for("? Make the plan with these answers?");
    assert_eq!(last_summary(&s.rows()), first, "{}", s.dump());
    // Change the hours, with a refused answer on the way.
    s.send(&format!("{DOWN}{ENTER}"));
    let hours = ASKED.iter().position(|q| *q == "hours_per_week").unwrap();
    s.answer(
        "Which answer do you want to change?",
        &format!("{}{ENTER}", DOWN.repeat(hours)),
    );
    s.answer(
        "How many hours a week can you spend? (5)",
        &format!("lots{ENTER}"),
    );
    s.wait_for("✘ enter a number");
    s.answer(
        "How many hours a week can you spend? (5)",
        &format!("8{ENTER}"),
    );
    s.answer("Make the plan with these answers?", ENTER);
    s.wait_for("EXIT=0");

    let screen = s.rows();
    let dump = s.dump();
    // What the questionnaire drew ends with the answer to its last question; what follows is
    // the plan command's own report.
    let end = screen
        .iter()
        .rposition(|(r, _)| r.starts_with("✔ Make the plan"))
        .expect("the summary's answer");
    let screen = &screen[..=end];
    // No row is longer than the screen is wide.
    assert!(screen.iter().all(|(_, wrapped)| !wrapped), "{dump}");
    // Nothing left behind: no prompt, no list, no refusal, no empty answer, no line twice.
    for (r, _) in screen {
        assert!(!r.starts_with("? "), "a prompt left behind: {r:?}\n{dump}");
        assert!(
            !r.contains('⬚') && !r.starts_with(CURSOR),
            "a list left: {r:?}\n{dump}"
        );
        assert!(!r.contains('✘'), "a refusal left: {r:?}\n{dump}");
        assert!(
            !r.trim_end().ends_with('·'),
            "an empty answer: {r:?}\n{dump}"
        );
    }
    let mut seen = std::collections::HashSet::new();
    for (r, _) in screen.iter().filter(|(r, _)| !r.trim().is_empty()) {
        assert!(seen.insert(r.as_str()), "shown twice: {r:?}\n{dump}");
    }
    // One summary is left, complete, and it differs from the first in the hours alone.
    assert_eq!(
        screen.iter().filter(|(r, _)| r == "Your answers:").count(),
        1,
        "{dump}"
    );
    let last = last_summary(screen);
    assert_eq!(ids(&last), ASKED, "{dump}");
    let changed: Vec<(&String, &String)> =
        first.iter().zip(&last).filter(|(a, b)| a != b).collect();
    assert_eq!(
        changed,
        [(
            &"hours_per_week: 5".to_string(),
            &"hours_per_week: 8".to_string()
        )],
        "{dump}"
    );
    // Each answer was shown as it was given, the refused one not at all.
    let words = s.words();
    for shown in [
        "✔ Your name (shown on the plan) · Ada Lovelace",
        "✔ How much Python have you written? · I have written some Python",
        "✔ Which other languages do you use? · Fortran",
        "✔ What do you want to be able to do? · Find out where my code spends its time and memory",
        "✔ In how many weeks must you be done? · (no answer)",
        "✔ Make the plan with these answers? · yes",
    ] {
        assert!(
            words.contains(shown),
            "{shown:?} not on the screen:\n{dump}"
        );
    }
    assert_eq!(
        words
            .matches("✔ What do you want to be able to do?")
            .count(),
        1,
        "{dump}"
    );
    assert!(words.contains("EXIT=0"), "{dump}");

    // The plan is made with the changed answer: it is the plan those answers give.
    let written = std::fs::read_to_string(&plan).unwrap();
    let answers = std::fs::read_to_string(&saved).unwrap();
    assert!(answers.contains("hours_per_week: 8"), "{answers}");
    assert!(answers.contains("goals: [\"profile\"]"), "{answers}");
    assert_eq!(written, plan_from(&saved, dir.path(), None));
    assert_ne!(written, plan_from(&saved, dir.path(), Some(5)));
}

/// The plan an answers file gives, with the hours changed if asked.
fn plan_from(answers: &Path, dir: &Path, hours: Option<u32>) -> String {
    let out = dir.join("again.md");
    let mut cmd = pathwise();
    cmd.args(["plan", "--date", "2030-01-07", "--force", "-o"])
        .arg(&out)
        .arg("--answers")
        .arg(answers);
    if let Some(h) = hours {
        cmd.args(["--set", &format!("hours_per_week={h}")]);
    }
    let (code, _, err) = run(&mut cmd);
    assert_eq!(code, 0, "{err}");
    std::fs::read_to_string(&out).unwrap()
}

#[test]
fn at_60_columns_without_colour_the_screen_is_clean_and_one_answer_changes() {
    questionnaire_at(60, 30, true);
}

#[test]
fn at_100_columns_in_colour_the_screen_is_clean_and_one_answer_changes() {
    questionnaire_at(100, 30, false);
}
