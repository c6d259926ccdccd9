//! Asking the questions. The logic (order, defaults, re-asking, the summary, changing one
//! answer) is written against the [`Prompter`] trait; the terminal prompter (`terminal`) uses
//! dialoguer, tests use a scripted fake.

mod terminal;

pub(crate) use terminal::TerminalPrompter;

use crate::error::{Error, Result};
use pathwise_core::answers::{self, Answers};
use pathwise_core::curriculum::{AnswerValue, Curriculum, Question, QuestionKind};
use pathwise_core::format::format_number;
use pathwise_core::sanitize;

/// One way of asking a question. `Ok(None)` means the person cancelled (Esc).
pub(crate) trait Prompter {
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
    /// Shows a line of text (a help text, a warning).
    fn say(&mut self, text: &str);
    /// Shows the answer a question got, once it is accepted.
    fn answered(&mut self, prompt: &str, answer: &str);
    /// Shows the summary of the answers, in place of the summary shown before and of all that
    /// followed it.
    fn summary(&mut self, text: &str);
    /// Takes the summary shown last, and all that followed it, off the screen.
    fn clear_summary(&mut self);
}

/// How an answer left empty is shown.
const NO_ANSWER: &str = "(no answer)";
/// The question at the summary, and its choices.
const CONFIRM: &str = "Make the plan with these answers?";
const MAKE: &str = "Yes, make the plan";
const CHANGE: &str = "Change an answer";
/// The question that picks the answer to change, and its last choice.
const PICK: &str = "Which answer do you want to change?";
const BACK: &str = "None: back to the summary";

fn cancelled<T>(v: Option<T>) -> Result<T> {
    v.ok_or(Error::Interrupted)
}

fn prompt_of(q: &Question) -> String {
    sanitize::terminal(&q.prompt).into_owned()
}

/// What asking a question gave.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Value(AnswerValue),
    /// Left empty (a question that may be).
    Empty,
    /// The person pressed Esc.
    Cancelled,
}

/// Asks one question until it gets a valid answer, offering `current` (an earlier answer) as
/// the default if there is one, else the question's own default.
fn ask_reply(p: &mut dyn Prompter, q: &Question, current: Option<&AnswerValue>) -> Result<Outcome> {
    if let Some(h) = &q.help {
        p.say(&sanitize::terminal(h));
    }
    let prompt = prompt_of(q);
    let labels: Vec<String> = q
        .options
        .iter()
        .map(|o| sanitize::terminal(&o.label).into_owned())
        .collect();
    let default = current.or(q.default.as_ref());
    macro_rules! or_cancel {
        ($e:expr) => {
            match $e? {
                Some(v) => v,
                None => return Ok(Outcome::Cancelled),
            }
        };
    }
    loop {
        let v = match q.kind {
            QuestionKind::Text => {
                let d = match default {
                    Some(AnswerValue::Text(s)) => Some(s.as_str()),
                    _ => None,
                };
                let s = or_cancel!(p.text(&prompt, d));
                if s.trim().is_empty() {
                    if q.required {
                        p.say("An answer is needed.");
                        continue;
                    }
                    p.answered(&prompt, NO_ANSWER);
                    return Ok(Outcome::Empty);
                }
                AnswerValue::Text(s.trim().to_string())
            }
            QuestionKind::Number if optional_number(q) => {
                let current = match current {
                    Some(AnswerValue::Number(n)) => Some(*n),
                    _ => None,
                };
                match ask_optional_number(p, &prompt, current)? {
                    Outcome::Value(v) => v,
                    Outcome::Empty => {
                        p.answered(&prompt, NO_ANSWER);
                        return Ok(Outcome::Empty);
                    }
                    Outcome::Cancelled => return Ok(Outcome::Cancelled),
                }
            }
            QuestionKind::Number => {
                let d = match default {
                    Some(AnswerValue::Number(n)) => Some(*n),
                    _ => None,
                };
                AnswerValue::Number(or_cancel!(p.number(&prompt, d, q.min, q.max)))
            }
            QuestionKind::Confirm => {
                let d = matches!(default, Some(AnswerValue::Bool(true)));
                AnswerValue::Bool(or_cancel!(p.confirm(&prompt, d)))
            }
            QuestionKind::Select => {
                let d = match default {
                    Some(AnswerValue::Text(s)) => {
                        q.options.iter().position(|o| &o.id == s).unwrap_or(0)
                    }
                    _ => 0,
                };
                let i = or_cancel!(p.select(&prompt, &labels, d));
                AnswerValue::Text(q.options[i.min(q.options.len() - 1)].id.clone())
            }
            QuestionKind::Multiselect => {
                let defaults: Vec<bool> = q
                    .options
                    .iter()
                    .map(|o| matches!(default, Some(AnswerValue::Choices(c)) if c.contains(&o.id)))
                    .collect();
                let chosen = or_cancel!(p.multiselect(&prompt, &labels, &defaults));
                AnswerValue::Choices(
                    chosen
                        .into_iter()
                        .filter_map(|i| q.options.get(i).map(|o| o.id.clone()))
                        .collect(),
                )
            }
        };
        match answers::check_value(q, &v) {
            Ok(()) => {
                p.answered(&prompt, &describe(q, &v));
                return Ok(Outcome::Value(v));
            }
            Err(why) => p.say(&format!("{}; please answer again.", capitalise(&why))),
        }
    }
}

/// A number question that may be left unanswered: not required and with no default (such as a
/// deadline).
fn optional_number(q: &Question) -> bool {
    q.kind == QuestionKind::Number && !q.required && q.default.is_none()
}

/// Asks for a number that may be left empty. With no earlier answer, an empty answer skips the
/// question; with one, it is the default and `none` skips. The value is checked by the caller,
/// which asks again if it is out of range.
fn ask_optional_number(
    p: &mut dyn Prompter,
    prompt: &str,
    current: Option<f64>,
) -> Result<Outcome> {
    let (full, default) = match current {
        None => (format!("{prompt} (leave empty to skip)"), None),
        Some(n) => (
            format!("{prompt} (type none to skip)"),
            Some(format_number(n)),
        ),
    };
    loop {
        let Some(s) = p.text(&full, default.as_deref())? else {
            return Ok(Outcome::Cancelled);
        };
        let s = s.trim();
        if s.is_empty() || s.eq_ignore_ascii_case("none") {
            return Ok(Outcome::Empty);
        }
        match s.parse::<f64>() {
            Ok(n) if n.is_finite() => return Ok(Outcome::Value(AnswerValue::Number(n))),
            _ => p.say("Enter a number, or nothing to skip; please answer again."),
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// A one-line rendering of an answer, with option labels.
pub(crate) fn describe(q: &Question, v: &AnswerValue) -> String {
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

/// What the person said to each question, in curriculum order: `None` while it is still to be
/// asked, `Some(None)` when it was left empty.
type Given = Vec<Option<Option<AnswerValue>>>;

/// Asks every question not already answered in `preset`, shows a summary and asks to confirm.
/// At the summary, "change an answer" asks one question again (its answer as the default), then
/// the questions that answer makes relevant; those it makes irrelevant are dropped.
pub(crate) fn run(p: &mut dyn Prompter, cur: &Curriculum, preset: &Answers) -> Result<Answers> {
    let mut given: Given = vec![None; cur.questions.len()];
    if !ask_pending(p, cur, preset, &mut given)? {
        return Err(Error::Interrupted);
    }
    loop {
        let mut answers = merged(cur, preset, &given);
        answers::complete(cur, &mut answers)
            .map_err(|m| Error::usage(m, "answer every required question"))?;
        let lines = summary_lines(cur, &answers);
        let mut summary = String::from("Your answers:");
        for (_, line) in &lines {
            summary.push_str("\n  ");
            summary.push_str(line);
        }
        p.summary(&summary);
        let choices = [MAKE.to_string(), CHANGE.to_string()];
        if cancelled(p.select(CONFIRM, &choices, 0)?)? == 0 {
            p.answered(CONFIRM, "yes");
            return Ok(answers);
        }
        // The list of answers to change takes the summary's place.
        p.clear_summary();
        let before = given.clone();
        // Esc anywhere in a change, at the questions it makes relevant too, undoes all of it.
        if !(change(p, cur, &answers, &lines, &mut given)?
            && ask_pending(p, cur, preset, &mut given)?)
        {
            given = before;
        }
    }
}

/// The preset answers with the person's on top, in curriculum order.
fn merged(cur: &Curriculum, preset: &Answers, given: &Given) -> Answers {
    let mut out = Answers::default();
    for (q, g) in cur.questions.iter().zip(given) {
        match g {
            Some(Some(v)) => out.set(&q.id, v.clone()),
            Some(None) => {}
            None => {
                if let Some(v) = preset.get(&q.id) {
                    out.set(&q.id, v.clone());
                }
            }
        }
    }
    out
}

/// Asks, in order, the questions that the answers so far make relevant and that have not been
/// asked; forgets the answers to questions that they make irrelevant (which then take their
/// defaults, and are asked again if a later change makes them relevant). `false` when the
/// person pressed Esc.
fn ask_pending(
    p: &mut dyn Prompter,
    cur: &Curriculum,
    preset: &Answers,
    given: &mut Given,
) -> Result<bool> {
    for (i, q) in cur.questions.iter().enumerate() {
        // Only earlier answers decide whether a question is asked.
        let relevant = q.when.is_empty() || answers::asked(cur, &merged(cur, preset, given))[i];
        if !relevant {
            given[i] = None;
            continue;
        }
        if given[i].is_some() || preset.get(&q.id).is_some() {
            continue;
        }
        given[i] = Some(match ask_reply(p, q, None)? {
            Outcome::Value(v) => Some(v),
            Outcome::Empty => None,
            Outcome::Cancelled => return Ok(false),
        });
    }
    Ok(true)
}

/// The summary's lines, `id: answer`, with the index of their question: every question these
/// answers ask (the others take their defaults and are not shown).
fn summary_lines(cur: &Curriculum, answers: &Answers) -> Vec<(usize, String)> {
    let on = answers::asked(cur, answers);
    cur.questions
        .iter()
        .enumerate()
        .filter(|(i, _)| on[*i])
        .map(|(i, q)| {
            let value = answers
                .get(&q.id)
                .map_or(NO_ANSWER.to_string(), |v| describe(q, v));
            (i, format!("{}: {value}", sanitize::terminal(&q.id)))
        })
        .collect()
}

/// Lets the person pick one answer from the summary and give it again; `false` when they went
/// back instead (Esc, at the pick or at the question, or the last item of the pick).
fn change(
    p: &mut dyn Prompter,
    cur: &Curriculum,
    answers: &Answers,
    lines: &[(usize, String)],
    given: &mut Given,
) -> Result<bool> {
    let mut items: Vec<String> = lines.iter().map(|(_, l)| l.clone()).collect();
    items.push(BACK.to_string());
    let Some(k) = p.select(PICK, &items, 0)? else {
        return Ok(false);
    };
    let Some(&(i, _)) = lines.get(k) else {
        return Ok(false);
    };
    let q = &cur.questions[i];
    given[i] = Some(match ask_reply(p, q, answers.get(&q.id))? {
        Outcome::Value(v) => Some(v),
        Outcome::Empty => None,
        Outcome::Cancelled => return Ok(false),
    });
    Ok(true)
}

#[cfg(test)]
pub(crate) mod fake {
    use super::*;
    use std::collections::VecDeque;

    /// A prompter that replays scripted replies and records what it was asked.
    #[derive(Default)]
    pub(crate) struct Scripted {
        pub replies: VecDeque<Reply>,
        pub asked: Vec<String>,
        pub said: Vec<String>,
        /// The answers shown once accepted: (prompt, answer).
        pub echoed: Vec<(String, String)>,
        /// Every summary shown.
        pub summaries: Vec<String>,
    }

    #[derive(Debug, Clone)]
    pub(crate) enum Reply {
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
        pub(crate) fn new(replies: Vec<Reply>) -> Scripted {
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
        fn answered(&mut self, prompt: &str, answer: &str) {
            self.echoed.push((prompt.to_string(), answer.to_string()));
        }
        fn summary(&mut self, text: &str) {
            self.summaries.push(text.to_string());
        }
        fn clear_summary(&mut self) {}
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
    /// and `free_only` answered, every other question left at its default), then "make the plan"
    /// at the summary. Built from the curriculum, so questions added to it need no change here.
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
        out.push(MAKE_PLAN);
        out
    }

    /// The replies at the summary.
    const MAKE_PLAN: Reply = Reply::Select(0);
    const CHANGE_ONE: Reply = Reply::Select(1);

    /// Where a question's line is in the summary (and in the list of answers to change).
    fn line_of(summary: &str, question: &str) -> usize {
        summary
            .lines()
            .skip(1)
            .position(|l| l.trim_start().starts_with(&format!("{question}:")))
            .unwrap_or_else(|| panic!("{question} is not in the summary:\n{summary}"))
    }

    #[test]
    fn asks_every_question_in_order_and_collects_answers() {
        let cur = builtin();
        let pde = option(&cur, "goals", "pde-solvers");
        let mut p = Scripted::new(script(&cur, Reply::Multi(vec![pde])));
        let a = run(&mut p, &cur, &Answers::default()).unwrap();
        // Every question but the GPU vendor (no GPU goal), and the summary's question.
        assert_eq!(p.asked.len(), cur.questions.len());
        assert_eq!(p.asked.last().map(String::as_str), Some(CONFIRM));
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
        // The summary lists the answers by question id, with the deadline left empty.
        assert_eq!(p.summaries.len(), 1);
        assert!(
            p.summaries[0].contains("\n  goals: Solve PDEs and large linear systems\n"),
            "{}",
            p.summaries[0]
        );
        assert!(p.summaries[0].contains("\n  deadline_weeks: (no answer)\n"));
        // Each answer is shown once accepted, with its label.
        assert!(
            p.echoed.contains(&(
                prompt_of(cur.question("languages").unwrap()),
                "Fortran".into()
            )),
            "{:?}",
            p.echoed
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
            !p.summaries.iter().any(|s| s.contains("languages:")),
            "{:?}",
            p.summaries
        );
    }

    #[test]
    fn a_deadline_may_be_left_empty_or_given() {
        let cur = builtin();
        let q = cur.question("deadline_weeks").unwrap();
        let mut p = Scripted::new(vec![Reply::Text("")]);
        assert_eq!(ask_reply(&mut p, q, None).unwrap(), Outcome::Empty);
        assert!(p.asked[0].contains("leave empty to skip"));
        // Not a number, then out of range, then a good answer.
        let mut p = Scripted::new(vec![
            Reply::Text("soon"),
            Reply::Text("0"),
            Reply::Text("6"),
        ]);
        assert_eq!(
            ask_reply(&mut p, q, None).unwrap(),
            Outcome::Value(AnswerValue::Number(6.0))
        );
        assert_eq!(p.asked.len(), 3);
        // Asked again with 6 as the answer so far: it is the default, and `none` drops it.
        let six = AnswerValue::Number(6.0);
        let mut p = Scripted::new(vec![Reply::Default]);
        assert_eq!(
            ask_reply(&mut p, q, Some(&six)).unwrap(),
            Outcome::Value(six.clone())
        );
        assert!(p.asked[0].contains("type none to skip"), "{:?}", p.asked);
        let mut p = Scripted::new(vec![Reply::Text("none")]);
        assert_eq!(ask_reply(&mut p, q, Some(&six)).unwrap(), Outcome::Empty);
        assert_eq!(p.echoed[0].1, NO_ANSWER);
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

    /// The summary a first round of these replies shows, and the answers it gives.
    fn first_summary(cur: &Curriculum, replies: Vec<Reply>) -> (String, Answers) {
        let mut p = Scripted::new(replies);
        p.replies.push_back(MAKE_PLAN);
        let a = run(&mut p, cur, &Answers::default()).unwrap();
        (p.summaries.remove(0), a)
    }

    #[test]
    fn changing_one_answer_asks_only_that_question_again() {
        let cur = builtin();
        let pde = option(&cur, "goals", "pde-solvers");
        let mut replies = script(&cur, Reply::Multi(vec![pde]));
        replies.pop();
        let (summary, unchanged) = first_summary(&cur, replies.clone());
        let asked_first = replies.len();
        replies.extend([
            CHANGE_ONE,
            Reply::Select(line_of(&summary, "hours_per_week")),
            Reply::Number(8.0),
            MAKE_PLAN,
        ]);
        let mut p = Scripted::new(replies);
        let a = run(&mut p, &cur, &Answers::default()).unwrap();
        // The question was asked once more with its answer as the default, nothing else was.
        let hours = prompt_of(cur.question("hours_per_week").unwrap());
        assert_eq!(p.asked.iter().filter(|q| **q == hours).count(), 2);
        assert_eq!(p.asked.len(), asked_first + 4);
        assert_eq!(p.asked[asked_first + 1], PICK);
        // The second summary differs from the first in that line alone.
        assert_eq!(p.summaries.len(), 2);
        assert_eq!(p.summaries[0], summary);
        let one: Vec<&str> = p.summaries[0].lines().collect();
        let two: Vec<&str> = p.summaries[1].lines().collect();
        assert_eq!(one.len(), two.len());
        let differ: Vec<(&&str, &&str)> = one.iter().zip(&two).filter(|(a, b)| a != b).collect();
        assert_eq!(
            differ,
            [(&"  hours_per_week: 3", &"  hours_per_week: 8")],
            "{one:?}\n{two:?}"
        );
        // The answers are the first round's, with the hours changed.
        let mut expected = unchanged;
        expected.set("hours_per_week", AnswerValue::Number(8.0));
        assert_eq!(a, expected);
    }

    /// A first round with the given goals and answers (a GPU vendor when the goals ask for it).
    fn first_round(cur: &Curriculum, goals: &[&str], vendor: Option<&str>) -> Vec<Reply> {
        let goals = goals.iter().map(|g| option(cur, "goals", g)).collect();
        let mut replies = script(cur, Reply::Multi(goals));
        replies.pop();
        if let Some(v) = vendor {
            replies.insert(
                position(cur, "gpu_vendor"),
                Reply::Select(option(cur, "gpu_vendor", v)),
            );
        }
        replies
    }

    #[test]
    fn a_change_asks_the_questions_it_makes_relevant_and_drops_the_others() {
        let cur = builtin();
        // Without a GPU goal, then changed to one: the GPU vendor is asked right after.
        let mut replies = first_round(&cur, &["profile"], None);
        let (summary, _) = first_summary(&cur, replies.clone());
        assert!(!summary.contains("gpu_vendor"));
        let goals_line = line_of(&summary, "goals");
        replies.extend([
            CHANGE_ONE,
            Reply::Select(goals_line),
            Reply::Multi(vec![option(&cur, "goals", "gpu")]),
            Reply::Select(option(&cur, "gpu_vendor", "amd")),
            MAKE_PLAN,
        ]);
        let mut p = Scripted::new(replies);
        let a = run(&mut p, &cur, &Answers::default()).unwrap();
        assert_eq!(a.get("gpu_vendor"), Some(&AnswerValue::Text("amd".into())));
        assert!(
            p.summaries[1].contains("\n  gpu_vendor: AMD"),
            "{}",
            p.summaries[1]
        );
        assert!(p.replies.is_empty());

        // With a GPU goal and AMD, then changed to none: the vendor is dropped, takes its
        // default again and leaves the summary.
        let mut replies = first_round(&cur, &["gpu"], Some("amd"));
        let (summary, _) = first_summary(&cur, replies.clone());
        assert!(summary.contains("\n  gpu_vendor: AMD"), "{summary}");
        let goals_line = line_of(&summary, "goals");
        replies.extend([
            CHANGE_ONE,
            Reply::Select(goals_line),
            Reply::Multi(vec![option(&cur, "goals", "profile")]),
            MAKE_PLAN,
        ]);
        let mut p = Scripted::new(replies);
        let a = run(&mut p, &cur, &Answers::default()).unwrap();
        assert_eq!(
            a.get("gpu_vendor"),
            cur.question("gpu_vendor").unwrap().default.as_ref()
        );
        assert!(!p.summaries[1].contains("gpu_vendor"), "{}", p.summaries[1]);
        assert!(p.replies.is_empty());
    }

    #[test]
    fn escape_at_a_question_a_change_makes_relevant_undoes_the_change() {
        let cur = builtin();
        // Goals changed from profiling to GPUs, then Esc at the GPU vendor this asks: the
        // summary is the first one again, and so are the answers.
        let mut replies = first_round(&cur, &["profile"], None);
        let (summary, unchanged) = first_summary(&cur, replies.clone());
        replies.extend([
            CHANGE_ONE,
            Reply::Select(line_of(&summary, "goals")),
            Reply::Multi(vec![option(&cur, "goals", "gpu")]),
            Reply::Cancel,
            MAKE_PLAN,
        ]);
        let mut p = Scripted::new(replies);
        let a = run(&mut p, &cur, &Answers::default()).unwrap();
        assert!(
            p.asked.iter().any(|q| q.starts_with("Which GPUs")),
            "{:?}",
            p.asked
        );
        assert_eq!(p.summaries, [summary.clone(), summary]);
        assert_eq!(a, unchanged);
        assert!(p.replies.is_empty());
    }

    #[test]
    fn escape_while_changing_goes_back_to_the_summary_unchanged() {
        let cur = builtin();
        let pde = option(&cur, "goals", "pde-solvers");
        let mut replies = script(&cur, Reply::Multi(vec![pde]));
        replies.pop();
        let (summary, unchanged) = first_summary(&cur, replies.clone());
        // The list of answers to change ends with "back to the summary".
        let back = summary.lines().count() - 1;
        replies.extend([
            // Esc at the list of answers, then at the question itself, then the last item.
            CHANGE_ONE,
            Reply::Cancel,
            CHANGE_ONE,
            Reply::Select(line_of(&summary, "goals")),
            Reply::Cancel,
            CHANGE_ONE,
            Reply::Select(back),
            MAKE_PLAN,
        ]);
        let mut p = Scripted::new(replies);
        let a = run(&mut p, &cur, &Answers::default()).unwrap();
        assert_eq!(a, unchanged);
        assert_eq!(p.summaries.len(), 4);
        assert!(p.summaries.iter().all(|s| *s == summary));
        // Esc at the summary itself cancels the run.
        let mut replies = script(&cur, Reply::Multi(vec![pde]));
        *replies.last_mut().unwrap() = Reply::Cancel;
        assert!(matches!(
            run(&mut Scripted::new(replies), &cur, &Answers::default()),
            Err(Error::Interrupted)
        ));
    }
}
