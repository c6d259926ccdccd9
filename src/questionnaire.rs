//! Asking the questions. The logic (order, defaults, re-asking, the summary) is written against
//! the [`Prompter`] trait; the terminal prompter uses dialoguer, tests use a scripted fake.

use crate::error::{Error, Result};
use pathwise_core::answers::{self, Answers};
use pathwise_core::curriculum::{AnswerValue, Curriculum, Question, QuestionKind};
use pathwise_core::format::format_number;
use pathwise_core::sanitize;

/// One way of asking a question. `Ok(None)` means the person cancelled (Esc).
pub trait Prompter {
    fn text(&mut self, prompt: &str, default: Option<&str>) -> Result<Option<String>>;
    fn number(
        &mut self,
        prompt: &str,
        default: Option<f64>,
        min: Option<f64>,
        max: Option<f64>,
    ) -> Result<Option<f64>>;
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Option<usize>>;
    fn multiselect(
        &mut self,
        prompt: &str,
        items: &[String],
        defaults: &[bool],
    ) -> Result<Option<Vec<usize>>>;
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<Option<bool>>;
    /// Shows a line of text (a help text, a warning, the summary).
    fn say(&mut self, text: &str);
}

fn cancelled<T>(v: Option<T>) -> Result<T> {
    v.ok_or(Error::Interrupted)
}

fn prompt_of(q: &Question) -> String {
    sanitize::terminal(&q.prompt).into_owned()
}

/// Asks one question until it gets a valid answer.
pub fn ask(p: &mut dyn Prompter, q: &Question) -> Result<Option<AnswerValue>> {
    if let Some(h) = &q.help {
        p.say(&sanitize::terminal(h));
    }
    let prompt = prompt_of(q);
    let labels: Vec<String> = q
        .options
        .iter()
        .map(|o| sanitize::terminal(&o.label).into_owned())
        .collect();
    loop {
        let v = match q.kind {
            QuestionKind::Text => {
                let d = match &q.default {
                    Some(AnswerValue::Text(s)) => Some(s.as_str()),
                    _ => None,
                };
                let s = cancelled(p.text(&prompt, d)?)?;
                if s.trim().is_empty() {
                    if q.required {
                        p.say("An answer is needed.");
                        continue;
                    }
                    return Ok(None);
                }
                AnswerValue::Text(s.trim().to_string())
            }
            QuestionKind::Number if optional_number(q) => match ask_optional_number(p, &prompt)? {
                Some(v) => v,
                None => return Ok(None),
            },
            QuestionKind::Number => {
                let d = match &q.default {
                    Some(AnswerValue::Number(n)) => Some(*n),
                    _ => None,
                };
                AnswerValue::Number(cancelled(p.number(&prompt, d, q.min, q.max)?)?)
            }
            QuestionKind::Confirm => {
                let d = matches!(q.default, Some(AnswerValue::Bool(true)));
                AnswerValue::Bool(cancelled(p.confirm(&prompt, d)?)?)
            }
            QuestionKind::Select => {
                let d = match &q.default {
                    Some(AnswerValue::Text(s)) => {
                        q.options.iter().position(|o| &o.id == s).unwrap_or(0)
                    }
                    _ => 0,
                };
                let i = cancelled(p.select(&prompt, &labels, d)?)?;
                AnswerValue::Text(q.options[i.min(q.options.len() - 1)].id.clone())
            }
            QuestionKind::Multiselect => {
                let defaults: Vec<bool> = q
                    .options
                    .iter()
                    .map(|o| matches!(&q.default, Some(AnswerValue::Choices(c)) if c.contains(&o.id)))
                    .collect();
                let chosen = cancelled(p.multiselect(&prompt, &labels, &defaults)?)?;
                AnswerValue::Choices(
                    chosen
                        .into_iter()
                        .filter_map(|i| q.options.get(i).map(|o| o.id.clone()))
                        .collect(),
                )
            }
        };
        match answers::check_value(q, &v) {
            Ok(()) => return Ok(Some(v)),
            Err(why) => p.say(&format!("{}; please answer again.", capitalise(&why))),
        }
    }
}

/// A number question that may be left unanswered: not required and with no default (such as a
/// deadline).
fn optional_number(q: &Question) -> bool {
    q.kind == QuestionKind::Number && !q.required && q.default.is_none()
}

/// Asks for a number that may be left empty; `None` when it is. The value is checked by the
/// caller, which asks again if it is out of range.
fn ask_optional_number(p: &mut dyn Prompter, prompt: &str) -> Result<Option<AnswerValue>> {
    loop {
        let s = cancelled(p.text(&format!("{prompt} (leave empty to skip)"), None)?)?;
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        match s.parse::<f64>() {
            Ok(n) if n.is_finite() => return Ok(Some(AnswerValue::Number(n))),
            _ => p.say("Enter a number, or nothing to skip; please answer again."),
        }
    }
}

/// Whether a question is asked after these answers (its `when`, if any, holds).
fn is_asked(cur: &Curriculum, answers: &Answers, index: usize) -> bool {
    cur.questions[index].when.is_empty() || answers::asked(cur, answers)[index]
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// A one-line rendering of an answer, with option labels.
pub fn describe(q: &Question, v: &AnswerValue) -> String {
    let label = |id: &str| q.option(id).map_or(id.to_string(), |o| o.label.clone());
    let text = match v {
        AnswerValue::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        AnswerValue::Number(n) => format_number(*n),
        AnswerValue::Text(s) if q.kind == QuestionKind::Select => label(s),
        AnswerValue::Text(s) => s.clone(),
        AnswerValue::Choices(c) if c.is_empty() => "none".to_string(),
        AnswerValue::Choices(c) => c.iter().map(|id| label(id)).collect::<Vec<_>>().join(", "),
    };
    sanitize::terminal(&text).into_owned()
}

/// Asks every question not already answered in `preset`, shows a summary and asks to confirm.
/// Saying no starts the questions again, with the answers given as defaults.
pub fn run(p: &mut dyn Prompter, cur: &Curriculum, preset: &Answers) -> Result<Answers> {
    let mut previous: Option<Answers> = None;
    loop {
        let mut answers = preset.clone();
        for (i, q) in cur.questions.iter().enumerate() {
            if preset.get(&q.id).is_some() || !is_asked(cur, &answers, i) {
                continue;
            }
            let mut q = q.clone();
            if let Some(prev) = previous.as_ref().and_then(|a| a.get(&q.id)) {
                q.default = Some(prev.clone());
            }
            if let Some(v) = ask(p, &q)? {
                answers.set(&q.id, v);
            }
        }
        answers::complete(cur, &mut answers)
            .map_err(|m| Error::usage(m, "answer every required question"))?;
        let mut summary = String::from("Your answers:\n");
        // Questions these answers leave unasked are not shown: they take their defaults.
        let on = answers::asked(cur, &answers);
        let unasked: std::collections::HashSet<&str> = cur
            .questions
            .iter()
            .zip(&on)
            .filter(|(_, on)| !**on)
            .map(|(q, _)| q.id.as_str())
            .collect();
        for (id, v) in answers.values() {
            if unasked.contains(&id.as_str()) {
                continue;
            }
            if let Some(q) = cur.question(id) {
                summary.push_str(&format!(
                    "  {}: {}\n",
                    sanitize::terminal(id),
                    describe(q, v)
                ));
            }
        }
        p.say(summary.trim_end());
        if cancelled(p.confirm("Make the plan with these answers?", true)?)? {
            return Ok(answers);
        }
        previous = Some(answers);
    }
}

/// The prompter for a real terminal, drawing on stderr.
pub struct TerminalPrompter {
    theme: dialoguer::theme::ColorfulTheme,
    term: console::Term,
}

impl Default for TerminalPrompter {
    fn default() -> Self {
        Self::new()
    }
}

impl TerminalPrompter {
    pub fn new() -> TerminalPrompter {
        TerminalPrompter {
            theme: dialoguer::theme::ColorfulTheme::default(),
            term: console::Term::stderr(),
        }
    }
}

/// The fewest terminal rows a list of choices can be drawn in (dialoguer's paging needs a row
/// for the prompt and one for the page; with fewer it panics).
const MIN_ROWS: u16 = 3;

impl TerminalPrompter {
    /// Refuses to draw a list of choices in a terminal too small to hold one.
    fn check_room(&self) -> Result<()> {
        let (rows, _) = self.term.size();
        if rows < MIN_ROWS {
            return Err(Error::usage(
                format!(
                    "the terminal is {rows} row{} high; choosing from a list needs at least \
                     {MIN_ROWS}",
                    if rows == 1 { "" } else { "s" }
                ),
                "make the window taller, or give the answers with `--answers FILE` or \
                 `--set QUESTION=VALUE`",
            ));
        }
        Ok(())
    }
}

fn io_err(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(e) = e;
    if e.kind() == std::io::ErrorKind::Interrupted {
        Error::Interrupted
    } else {
        Error::io_message(format!("cannot talk to the terminal: {e}"))
    }
}

impl Prompter for TerminalPrompter {
    fn text(&mut self, prompt: &str, default: Option<&str>) -> Result<Option<String>> {
        let mut input = dialoguer::Input::<String>::with_theme(&self.theme)
            .with_prompt(prompt)
            .allow_empty(true);
        if let Some(d) = default {
            input = input.default(d.to_string());
        }
        input.interact_text_on(&self.term).map(Some).map_err(io_err)
    }

    fn number(
        &mut self,
        prompt: &str,
        default: Option<f64>,
        min: Option<f64>,
        max: Option<f64>,
    ) -> Result<Option<f64>> {
        let mut input = dialoguer::Input::<String>::with_theme(&self.theme)
            .with_prompt(prompt)
            .validate_with(move |s: &String| -> std::result::Result<(), String> {
                let n: f64 = s.trim().parse().map_err(|_| "enter a number".to_string())?;
                if !n.is_finite() {
                    return Err("enter a number".into());
                }
                if let Some(lo) = min
                    && n < lo
                {
                    return Err(format!("at least {}", format_number(lo)));
                }
                if let Some(hi) = max
                    && n > hi
                {
                    return Err(format!("at most {}", format_number(hi)));
                }
                Ok(())
            });
        if let Some(d) = default {
            input = input.default(format_number(d));
        }
        let s = input.interact_text_on(&self.term).map_err(io_err)?;
        Ok(s.trim().parse().ok())
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Option<usize>> {
        self.check_room()?;
        dialoguer::Select::with_theme(&self.theme)
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact_on_opt(&self.term)
            .map_err(io_err)
    }

    fn multiselect(
        &mut self,
        prompt: &str,
        items: &[String],
        defaults: &[bool],
    ) -> Result<Option<Vec<usize>>> {
        self.check_room()?;
        dialoguer::MultiSelect::with_theme(&self.theme)
            .with_prompt(format!("{prompt} (space to choose, enter to confirm)"))
            .items(items)
            .defaults(defaults)
            .interact_on_opt(&self.term)
            .map_err(io_err)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<Option<bool>> {
        dialoguer::Confirm::with_theme(&self.theme)
            .with_prompt(prompt)
            .default(default)
            .interact_on_opt(&self.term)
            .map_err(io_err)
    }

    fn say(&mut self, text: &str) {
        let _ = self
            .term
            .write_line(&console::style(text).for_stderr().dim().to_string());
    }
}

#[cfg(test)]
pub mod fake {
    use super::*;
    use std::collections::VecDeque;

    /// A prompter that replays scripted replies and records what it was asked.
    #[derive(Default)]
    pub struct Scripted {
        pub replies: VecDeque<Reply>,
        pub asked: Vec<String>,
        pub said: Vec<String>,
    }

    #[derive(Debug, Clone)]
    pub enum Reply {
        Text(&'static str),
        Number(f64),
        Select(usize),
        Multi(Vec<usize>),
        Confirm(bool),
        /// Accept the default.
        Default,
        Cancel,
    }

    impl Scripted {
        pub fn new(replies: Vec<Reply>) -> Scripted {
            Scripted {
                replies: replies.into(),
                ..Default::default()
            }
        }
        fn next(&mut self, prompt: &str) -> Reply {
            self.asked.push(prompt.to_string());
            self.replies
                .pop_front()
                .unwrap_or_else(|| panic!("no scripted reply for {prompt:?}"))
        }
    }

    impl Prompter for Scripted {
        fn text(&mut self, prompt: &str, default: Option<&str>) -> Result<Option<String>> {
            Ok(match self.next(prompt) {
                Reply::Text(s) => Some(s.to_string()),
                Reply::Default => Some(default.unwrap_or("").to_string()),
                Reply::Cancel => None,
                r => panic!("{prompt}: unexpected {r:?}"),
            })
        }
        fn number(
            &mut self,
            prompt: &str,
            default: Option<f64>,
            _: Option<f64>,
            _: Option<f64>,
        ) -> Result<Option<f64>> {
            Ok(match self.next(prompt) {
                Reply::Number(n) => Some(n),
                Reply::Default => default,
                Reply::Cancel => None,
                r => panic!("{prompt}: unexpected {r:?}"),
            })
        }
        fn select(&mut self, prompt: &str, _: &[String], default: usize) -> Result<Option<usize>> {
            Ok(match self.next(prompt) {
                Reply::Select(i) => Some(i),
                Reply::Default => Some(default),
                Reply::Cancel => None,
                r => panic!("{prompt}: unexpected {r:?}"),
            })
        }
        fn multiselect(
            &mut self,
            prompt: &str,
            _: &[String],
            defaults: &[bool],
        ) -> Result<Option<Vec<usize>>> {
            Ok(match self.next(prompt) {
                Reply::Multi(v) => Some(v),
                Reply::Default => Some((0..defaults.len()).filter(|&i| defaults[i]).collect()),
                Reply::Cancel => None,
                r => panic!("{prompt}: unexpected {r:?}"),
            })
        }
        fn confirm(&mut self, prompt: &str, default: bool) -> Result<Option<bool>> {
            Ok(match self.next(prompt) {
                Reply::Confirm(b) => Some(b),
                Reply::Default => Some(default),
                Reply::Cancel => None,
                r => panic!("{prompt}: unexpected {r:?}"),
            })
        }
        fn say(&mut self, text: &str) {
            self.said.push(text.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fake::{Reply, Scripted};
    use super::*;
    use pathwise_core::curriculum::{LoadOptions, load};

    fn builtin() -> Curriculum {
        load(&LoadOptions {
            builtin: true,
            dirs: Vec::new(),
            cache_dir: None,
        })
        .expect("built-in curriculum loads")
    }

    /// The position of an option among a built-in question's options.
    fn option(cur: &Curriculum, question: &str, id: &str) -> usize {
        let q = cur.question(question).expect("built-in question");
        q.options
            .iter()
            .position(|o| o.id == id)
            .expect("built-in option")
    }

    /// Where a question stands in the questionnaire.
    fn position(cur: &Curriculum, question: &str) -> usize {
        cur.questions
            .iter()
            .position(|q| q.id == question)
            .expect("built-in question")
    }

    /// One reply per question in the curriculum's order (name, python, languages, goals, hours
    /// and free_only answered, every other question left at its default), then yes at the
    /// summary. Built from the curriculum, so questions added to it need no change here.
    fn script(cur: &Curriculum, goals: Reply) -> Vec<Reply> {
        let mut out: Vec<Reply> = cur
            .questions
            .iter()
            // These answers (a programmer, goals without GPUs) ask `languages` but not the
            // questions that depend on a GPU goal.
            .filter(|q| q.when.is_empty() || q.id == "languages")
            .map(|q| match q.id.as_str() {
                "name" => Reply::Text("Ada"),
                "python" => Reply::Select(option(cur, "python", "other-language")),
                "languages" => Reply::Multi(vec![option(cur, "languages", "fortran")]),
                "goals" => goals.clone(),
                "hours_per_week" => Reply::Number(3.0),
                "free_only" => Reply::Confirm(true),
                _ => Reply::Default,
            })
            .collect();
        out.push(Reply::Confirm(true));
        out
    }

    #[test]
    fn asks_every_question_in_order_and_collects_answers() {
        let cur = builtin();
        let pde = option(&cur, "goals", "pde-solvers");
        let mut p = Scripted::new(script(&cur, Reply::Multi(vec![pde])));
        let a = run(&mut p, &cur, &Answers::default()).unwrap();
        // Every question but the GPU vendor (no GPU goal), and the summary's confirmation.
        assert_eq!(p.asked.len(), cur.questions.len());
        assert!(!p.asked.iter().any(|q| q.starts_with("Which GPUs")));
        assert!(p.asked[0].starts_with("Your name"));
        assert_eq!(a.get("name"), Some(&AnswerValue::Text("Ada".into())));
        assert_eq!(
            a.get("python"),
            Some(&AnswerValue::Text("other-language".into()))
        );
        assert_eq!(
            a.get("languages"),
            Some(&AnswerValue::Choices(vec!["fortran".into()]))
        );
        assert_eq!(a.get("hpc"), Some(&AnswerValue::Text("none".into())));
        assert_eq!(
            a.get("goals"),
            Some(&AnswerValue::Choices(vec!["pde-solvers".into()]))
        );
        assert_eq!(a.get("hours_per_week"), Some(&AnswerValue::Number(3.0)));
        assert_eq!(a.get("free_only"), Some(&AnswerValue::Bool(true)));
        assert_eq!(a.get("include_legacy"), Some(&AnswerValue::Bool(false)));
        // The summary lists the answers by question id.
        assert!(
            p.said
                .iter()
                .any(|s| s.contains("goals: Solve PDEs and large linear systems")),
            "{:?}",
            p.said
        );
    }

    #[test]
    fn questions_are_asked_only_when_earlier_answers_make_them_relevant() {
        let cur = builtin();
        // A GPU goal asks for the vendor, right after the questions before it.
        let gpu = option(&cur, "goals", "gpu");
        let mut replies = script(&cur, Reply::Multi(vec![gpu]));
        // The script leaves the vendor out and no question before it: its place is its own.
        let vendor = position(&cur, "gpu_vendor");
        replies.insert(vendor, Reply::Select(option(&cur, "gpu_vendor", "amd")));
        let mut p = Scripted::new(replies);
        let a = run(&mut p, &cur, &Answers::default()).unwrap();
        assert_eq!(a.get("gpu_vendor"), Some(&AnswerValue::Text("amd".into())));
        assert!(p.asked.iter().any(|q| q.starts_with("Which GPUs")));
        // Someone who never programmed is not asked which other languages they use; the
        // question takes its default and the summary leaves it out.
        let mut preset = Answers::default();
        preset.set("python", AnswerValue::Text("none".into()));
        let mut replies = script(&cur, Reply::Default);
        replies.remove(position(&cur, "python"));
        replies.remove(position(&cur, "languages") - 1);
        let goals = position(&cur, "goals") - 2;
        replies[goals] = Reply::Multi(vec![option(&cur, "goals", "learn")]);
        let mut p = Scripted::new(replies);
        let a = run(&mut p, &cur, &preset).unwrap();
        assert!(
            !p.asked
                .iter()
                .any(|q| q.starts_with("Which other languages"))
        );
        assert_eq!(a.get("languages"), Some(&AnswerValue::Choices(vec![])));
        assert!(
            !p.said.iter().any(|s| s.contains("languages:")),
            "{:?}",
            p.said
        );
    }

    #[test]
    fn a_deadline_may_be_left_empty_or_given() {
        let cur = builtin();
        let q = cur.question("deadline_weeks").unwrap();
        let mut p = Scripted::new(vec![Reply::Text("")]);
        assert_eq!(ask(&mut p, q).unwrap(), None);
        assert!(p.asked[0].contains("leave empty to skip"));
        // Not a number, then out of range, then a good answer.
        let mut p = Scripted::new(vec![
            Reply::Text("soon"),
            Reply::Text("0"),
            Reply::Text("6"),
        ]);
        assert_eq!(ask(&mut p, q).unwrap(), Some(AnswerValue::Number(6.0)));
        assert_eq!(p.asked.len(), 3);
    }

    #[test]
    fn an_empty_goal_list_is_asked_again() {
        let cur = builtin();
        let mut replies = script(&cur, Reply::Multi(vec![]));
        let profile = option(&cur, "goals", "profile");
        replies.insert(position(&cur, "goals") + 1, Reply::Multi(vec![profile]));
        let mut p = Scripted::new(replies);
        let a = run(&mut p, &cur, &Answers::default()).unwrap();
        assert_eq!(
            a.get("goals"),
            Some(&AnswerValue::Choices(vec!["profile".into()]))
        );
        assert!(
            p.said.iter().any(|s| s.starts_with("Choose at least 1")),
            "{:?}",
            p.said
        );
        assert_eq!(
            p.asked
                .iter()
                .filter(|q| q.starts_with("What do you want"))
                .count(),
            2
        );
    }

    #[test]
    fn preset_answers_are_not_asked() {
        let cur = builtin();
        let mut preset = Answers::default();
        preset.set("goals", AnswerValue::Choices(vec!["scale".into()]));
        preset.set("name", AnswerValue::Text("Bo".into()));
        let mut replies = script(&cur, Reply::Default);
        replies.remove(position(&cur, "goals"));
        replies.remove(position(&cur, "name"));
        let mut p = Scripted::new(replies);
        let a = run(&mut p, &cur, &preset).unwrap();
        assert!(
            !p.asked
                .iter()
                .any(|q| q.starts_with("What do you want") || q.starts_with("Your name"))
        );
        assert_eq!(
            a.get("goals"),
            Some(&AnswerValue::Choices(vec!["scale".into()]))
        );
    }

    #[test]
    fn cancelling_any_prompt_is_an_interruption() {
        let cur = builtin();
        let mut p = Scripted::new(vec![Reply::Text("Ada"), Reply::Cancel]);
        assert!(matches!(
            run(&mut p, &cur, &Answers::default()),
            Err(Error::Interrupted)
        ));
    }

    #[test]
    fn saying_no_at_the_summary_starts_again_with_the_answers_as_defaults() {
        let cur = builtin();
        let pde = option(&cur, "goals", "pde-solvers");
        let mut replies = script(&cur, Reply::Multi(vec![pde]));
        *replies.last_mut().unwrap() = Reply::Confirm(false);
        // Second round: accept every default (the first round's answers), then confirm.
        replies.extend(std::iter::repeat_n(Reply::Default, cur.questions.len()));
        replies.push(Reply::Confirm(true));
        let mut p = Scripted::new(replies);
        let a = run(&mut p, &cur, &Answers::default()).unwrap();
        assert_eq!(
            a.get("goals"),
            Some(&AnswerValue::Choices(vec!["pde-solvers".into()]))
        );
        assert_eq!(a.get("hours_per_week"), Some(&AnswerValue::Number(3.0)));
        assert_eq!(a.get("name"), Some(&AnswerValue::Text("Ada".into())));
    }
}
