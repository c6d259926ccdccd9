//! Answers to the questionnaire: checking them, reading them from a file or `--set`, and turning
//! them into the profile the planner works from.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::hash::BuildHasher;

use hashbrown::HashTable;

use crate::curriculum::read::list;
use crate::curriculum::{AnswerValue, Curriculum, Kind, Question, QuestionKind, Setting};
use crate::diag::{Diagnostic, Suggester, codes, list_some};
use crate::format::format_number;
use crate::yaml::{self, Node, Pos, Value};

pub use crate::curriculum::check_value;

/// Answers in questionnaire order.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    values: Vec<(String, AnswerValue)>,
    /// Where each question's answer is in `values`: finding one must not walk them all.
    index: HashTable<usize>,
    hasher: foldhash::fast::RandomState,
}

impl PartialEq for Answers {
    fn eq(&self, other: &Answers) -> bool {
        self.values == other.values
    }
}

/// A mapping of question id to answer, in questionnaire order (JSON output).
impl serde::Serialize for Answers {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.values.iter().map(|(k, v)| (k, v)))
    }
}

impl Answers {
    /// The answers, question id and value, in order.
    pub fn values(&self) -> &[(String, AnswerValue)] {
        &self.values
    }
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
    fn slot(&self, id: &str) -> Option<usize> {
        self.index
            .find(self.hasher.hash_one(id), |&i| self.values[i].0 == id)
            .copied()
    }
    pub fn get(&self, id: &str) -> Option<&AnswerValue> {
        self.slot(id).map(|i| &self.values[i].1)
    }
    pub fn set(&mut self, id: &str, v: AnswerValue) {
        match self.slot(id) {
            Some(i) => self.values[i].1 = v,
            None => {
                let i = self.values.len();
                self.values.push((id.to_string(), v));
                let Self {
                    values,
                    index,
                    hasher,
                } = self;
                index.insert_unique(hasher.hash_one(id), i, |&j| {
                    hasher.hash_one(values[j].0.as_str())
                });
            }
        }
    }
    /// Puts the answers in the order of the questions.
    pub fn sort_by(&mut self, cur: &Curriculum) {
        let rank: BTreeMap<&str, usize> = cur
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        self.values
            .sort_by_key(|(k, _)| rank.get(k.as_str()).copied().unwrap_or(usize::MAX));
        self.reindex();
    }
    fn reindex(&mut self) {
        let Self {
            values,
            index,
            hasher,
        } = self;
        index.clear();
        for (i, (k, _)) in values.iter().enumerate() {
            index.insert_unique(hasher.hash_one(k.as_str()), i, |&j| {
                hasher.hash_one(values[j].0.as_str())
            });
        }
    }
    /// The answers as a YAML mapping, one question a line, in questionnaire order.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        for (k, v) in &self.values {
            out.push_str(k);
            out.push_str(": ");
            out.push_str(&yaml_value(v));
            out.push('\n');
        }
        out
    }
}

fn yaml_value(v: &AnswerValue) -> String {
    match v {
        AnswerValue::Bool(b) => b.to_string(),
        AnswerValue::Number(n) => format_number(*n),
        AnswerValue::Text(s) => serde_json::to_string(s).unwrap_or_default(),
        AnswerValue::Choices(c) => format!(
            "[{}]",
            c.iter()
                .map(|s| serde_json::to_string(s).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Converts a YAML node to an answer for `q`, or says what is wrong.
fn value_from_node(q: &Question, n: &Node) -> Result<AnswerValue, String> {
    let v = match (q.kind, &n.value) {
        (QuestionKind::Confirm, Value::Bool(b)) => AnswerValue::Bool(*b),
        (QuestionKind::Number, Value::Int(i)) => AnswerValue::Number(*i as f64),
        (QuestionKind::Number, Value::Float(f)) => AnswerValue::Number(*f),
        (QuestionKind::Text | QuestionKind::Select, Value::Str(s)) => AnswerValue::Text(s.clone()),
        (QuestionKind::Text, Value::Int(i)) => AnswerValue::Text(i.to_string()),
        (QuestionKind::Multiselect, Value::Seq(items)) => {
            let mut ids = Vec::with_capacity(items.len());
            for i in items {
                match &i.value {
                    Value::Str(s) => ids.push(s.clone()),
                    _ => {
                        return Err(format!(
                            "expected a list of option ids, found {} in it",
                            i.kind_name()
                        ));
                    }
                }
            }
            AnswerValue::Choices(ids)
        }
        (QuestionKind::Multiselect, Value::Str(s)) => AnswerValue::Choices(vec![s.clone()]),
        (kind, _) => {
            return Err(format!(
                "expected {}, found {}",
                kind.expected(),
                n.kind_name()
            ));
        }
    };
    Ok(v)
}

/// How many names a message lists before it only counts the rest.
const LISTED: usize = 30;

/// The question of this id, or a message that names the closest one.
pub fn find_question<'c>(cur: &'c Curriculum, id: &str) -> Result<&'c Question, String> {
    cur.question(id)
        .ok_or_else(|| QuestionNames::new(cur).unknown(id))
}

/// Question ids to suggest from, for any number of unknown ones.
struct QuestionNames<'c> {
    ids: Vec<&'c str>,
    suggester: Suggester<'c>,
    /// Messages made so far.
    told: usize,
}

impl<'c> QuestionNames<'c> {
    fn new(cur: &'c Curriculum) -> QuestionNames<'c> {
        let ids: Vec<&str> = cur.questions.iter().map(|q| q.id.as_str()).collect();
        QuestionNames {
            suggester: Suggester::new(ids.iter().copied()),
            ids,
            told: 0,
        }
    }
    /// Why `id` is no question, and which one it may be.
    fn unknown(&mut self, id: &str) -> String {
        self.told += 1;
        match self.suggester.suggest(id) {
            Some(s) => format!("there is no question `{id}`; did you mean `{s}`?"),
            // The list of questions is said often enough: repeated in each of a hundred
            // thousand messages it would hold hundreds of megabytes.
            None if self.told > LIST_TOLD => format!("there is no question `{id}`"),
            None => format!(
                "there is no question `{id}`; the questions are {}",
                list_some(&self.ids, LISTED)
            ),
        }
    }
}

/// How many messages about unknown questions list the questions.
const LIST_TOLD: usize = 50;

/// Reads an answers file: a YAML mapping of question id to answer. Every problem is reported.
pub fn parse_file(cur: &Curriculum, name: &str, bytes: &[u8]) -> Result<Answers, Vec<Diagnostic>> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let pos = yaml::utf8_error_pos(bytes, e.valid_up_to());
            let mut d =
                Diagnostic::new(name, Some(pos), "the answers file is not valid UTF-8 text");
            d.help("an answers file is YAML text: `question: answer`, one a line");
            return Err(vec![d]);
        }
    };
    let root = match yaml::parse(text) {
        Ok(Some(r)) => r,
        Ok(None) => {
            let mut d = Diagnostic::new(name, None, "the answers file is empty");
            d.help("write one `question: answer` a line, e.g. `goals: [profile, speed-up]`");
            return Err(vec![d]);
        }
        Err(e) => {
            let (message, help) = e.explain();
            let mut d = Diagnostic::new(name, e.pos, message);
            d.help(help.unwrap_or_else(|| {
                "an answers file is a YAML mapping: `question: answer`, one a line".into()
            }));
            return Err(vec![d]);
        }
    };
    from_node(cur, name, &root)
}

/// Reads answers from a YAML mapping (an answers file, or a plan's front matter).
pub fn from_node(cur: &Curriculum, name: &str, root: &Node) -> Result<Answers, Vec<Diagnostic>> {
    let mut diags = Vec::new();
    let Value::Map(entries) = &root.value else {
        let mut d = Diagnostic::new(
            name,
            Some(root.pos),
            format!(
                "an answers file is a mapping of question ids to answers, found {}",
                root.kind_name()
            ),
        );
        d.help("write one `question: answer` a line, e.g. `hours_per_week: 5`");
        return Err(vec![d]);
    };
    let mut answers = Answers::default();
    let mut names = None;
    for (k, v) in entries {
        let Value::Str(id) = &k.value else {
            let mut d = Diagnostic::new(
                name,
                Some(k.pos),
                format!("question ids are text, found {}", k.kind_name()),
            );
            d.code(codes::QUESTION_ID_NOT_TEXT);
            diags.push(d);
            continue;
        };
        let Some(q) = cur.question(id) else {
            let why = names
                .get_or_insert_with(|| QuestionNames::new(cur))
                .unknown(id);
            let mut d = Diagnostic::new(name, Some(k.pos), format!("unknown question `{id}`"));
            d.label("not a question")
                .help(why)
                .code(codes::UNKNOWN_QUESTION);
            diags.push(d);
            continue;
        };
        if matches!(v.value, Value::Null) {
            continue;
        }
        match value_from_node(q, v).and_then(|val| check_value(q, &val).map(|()| val)) {
            Ok(val) => answers.set(id, val),
            Err(why) => {
                let mut d = Diagnostic::new(
                    name,
                    Some(value_pos(v, &why)),
                    format!("invalid answer to `{id}`"),
                );
                d.label(why)
                    .help(format!("`{id}` asks: {}", q.prompt))
                    .code(codes::INVALID_ANSWER);
                diags.push(d);
            }
        }
    }
    if diags.is_empty() {
        Ok(answers)
    } else {
        Err(diags)
    }
}

/// Points at the list item that is wrong, when the reason names one.
fn value_pos(v: &Node, why: &str) -> Pos {
    if let Value::Seq(items) = &v.value {
        for i in items {
            if let Value::Str(s) = &i.value
                && why.starts_with(&format!("`{s}`"))
            {
                return i.pos;
            }
        }
    }
    v.pos
}

/// Fills unanswered questions with their defaults; a required question with neither is an error.
pub fn complete(cur: &Curriculum, answers: &mut Answers) -> Result<(), String> {
    let mut missing = Vec::new();
    for q in &cur.questions {
        if answers.get(&q.id).is_some() {
            continue;
        }
        match &q.default {
            Some(d) => answers.set(&q.id, d.clone()),
            None if q.required
                || (q.kind == QuestionKind::Multiselect && q.min.unwrap_or(0.0) > 0.0) =>
            {
                missing.push(q.id.as_str());
            }
            None => {}
        }
    }
    answers.sort_by(cur);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "no answer to {}, which {} no default",
            list(&missing),
            if missing.len() == 1 { "has" } else { "have" }
        ))
    }
}

/// Whether each question (in curriculum order) is asked, given these answers: a question with
/// `when` is asked only when an earlier question's answer includes one of the options it names.
/// A question that is not asked counts as its default, also for the questions after it.
pub fn asked(cur: &Curriculum, answers: &Answers) -> Vec<bool> {
    let index: BTreeMap<&str, usize> = cur
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| (q.id.as_str(), i))
        .collect();
    let mut out: Vec<bool> = Vec::with_capacity(cur.questions.len());
    for q in &cur.questions {
        let holds = q.when.is_empty()
            || q.when.iter().any(|c| {
                let Some(&e) = index.get(c.question.id.as_str()) else {
                    return false;
                };
                // Only earlier questions count (the loader checks that `when` names them).
                let Some(&on) = out.get(e) else {
                    return false;
                };
                let earlier = &cur.questions[e];
                let value = if on {
                    answers.get(&earlier.id).or(earlier.default.as_ref())
                } else {
                    earlier.default.as_ref()
                };
                let chosen: &[String] = match value {
                    Some(AnswerValue::Text(s)) => std::slice::from_ref(s),
                    Some(AnswerValue::Choices(c)) => c,
                    _ => &[],
                };
                c.options
                    .iter()
                    .any(|o| chosen.iter().any(|x| x == o.id.as_str()))
            });
        out.push(holds);
    }
    out
}

/// What a question's `when` asks for, for messages: "`goals` includes `gpu` or `gpu-kernels`",
/// "`python` is `beginner` or `experienced`".
pub fn when_text(cur: &Curriculum, q: &Question) -> String {
    let parts: Vec<String> = q
        .when
        .iter()
        .map(|c| {
            let ids: Vec<String> = c.options.iter().map(|o| format!("`{}`", o.id)).collect();
            let ids = match ids.len() {
                1 => ids[0].clone(),
                n => format!("{} or {}", ids[..n - 1].join(", "), ids[n - 1]),
            };
            let verb = match cur.question(&c.question.id).map(|e| e.kind) {
                Some(QuestionKind::Select) => "is",
                _ => "includes",
            };
            format!("`{}` {verb} {ids}", c.question.id)
        })
        .collect();
    parts.join(", or ")
}

/// Answers given to questions that these answers leave unasked, other than their defaults: each
/// with why it is not asked. They are kept (in saved answers and plans) but not used.
pub fn unasked_answers(cur: &Curriculum, answers: &Answers) -> Vec<(String, String)> {
    let on = asked(cur, answers);
    cur.questions
        .iter()
        .zip(on)
        // An answer that is the default says nothing the person was not asked (saved answers
        // hold every question's value).
        .filter(|(q, on)| {
            !on && answers
                .get(&q.id)
                .is_some_and(|v| Some(v) != q.default.as_ref())
        })
        .map(|(q, _)| {
            (
                q.id.clone(),
                format!(
                    "`{}` is asked only when {}; this answer is not used",
                    q.id,
                    when_text(cur, q)
                ),
            )
        })
        .collect()
}

/// What the planner needs to know about a person.
#[derive(Debug, Clone)]
pub struct Profile {
    pub name: Option<String>,
    pub hours_per_week: f64,
    pub free_only: bool,
    pub include_legacy: bool,
    pub known: BTreeSet<usize>,
    /// Topics met before that the plan keeps as a review (and that are not known).
    pub reviewing: BTreeSet<usize>,
    /// Wanted topics, each with the goals (option ids) that want it, in answer order.
    pub wanted: BTreeMap<usize, Vec<String>>,
    /// Goal option ids in the order they were chosen.
    pub goals: Vec<String>,
    pub traits: BTreeSet<String>,
    pub prefers: BTreeSet<Kind>,
    /// The weeks the plan must fit in, if there is a deadline.
    pub deadline_weeks: Option<f64>,
    /// Wanted topics in the order the answers first want them.
    pub wanted_order: Vec<usize>,
}

pub const DEFAULT_HOURS_PER_WEEK: f64 = 5.0;

impl Profile {
    pub fn from_answers(cur: &Curriculum, answers: &Answers) -> Profile {
        let mut p = Profile {
            name: None,
            hours_per_week: DEFAULT_HOURS_PER_WEEK,
            free_only: false,
            include_legacy: false,
            known: BTreeSet::new(),
            reviewing: BTreeSet::new(),
            wanted: BTreeMap::new(),
            goals: Vec::new(),
            traits: BTreeSet::new(),
            prefers: BTreeSet::new(),
            deadline_weeks: None,
            wanted_order: Vec::new(),
        };
        let on = asked(cur, answers);
        let index: BTreeMap<&str, usize> = cur
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        // What is in `goals`, and in each topic's list of goals, to keep them free of repeats
        // without searching them.
        let mut goals_seen: HashSet<&str> = HashSet::new();
        let mut wanted_seen: HashSet<(usize, &str)> = HashSet::new();
        for (id, v) in &answers.values {
            let Some(&qi) = index.get(id.as_str()) else {
                continue;
            };
            let q = &cur.questions[qi];
            // A question these answers leave unasked counts as its default.
            let v = if on[qi] {
                v
            } else {
                match &q.default {
                    Some(d) => d,
                    None => continue,
                }
            };
            match (q.setting, v) {
                (Some(Setting::Name), AnswerValue::Text(s)) if !s.trim().is_empty() => {
                    p.name = Some(s.trim().to_string());
                }
                (Some(Setting::HoursPerWeek), AnswerValue::Number(n)) if *n > 0.0 => {
                    p.hours_per_week = *n;
                }
                (Some(Setting::FreeOnly), AnswerValue::Bool(b)) => p.free_only = *b,
                (Some(Setting::IncludeLegacy), AnswerValue::Bool(b)) => p.include_legacy = *b,
                (Some(Setting::DeadlineWeeks), AnswerValue::Number(n)) if *n > 0.0 => {
                    p.deadline_weeks = Some(*n);
                }
                _ => {}
            }
            let chosen: Vec<&str> = match v {
                AnswerValue::Text(s) if q.kind == QuestionKind::Select => vec![s.as_str()],
                AnswerValue::Choices(c) => c.iter().map(String::as_str).collect(),
                _ => continue,
            };
            for c in chosen {
                let Some(o) = q.option(c) else { continue };
                for k in &o.knows {
                    if let Some(t) = cur.topic(&k.id) {
                        p.known.insert(t);
                    }
                }
                for k in &o.reviews {
                    if let Some(t) = cur.topic(&k.id) {
                        p.reviewing.insert(t);
                    }
                }
                if !o.wants.is_empty() && goals_seen.insert(&o.id) {
                    p.goals.push(o.id.clone());
                }
                for w in &o.wants {
                    if let Some(t) = cur.topic(&w.id) {
                        if !p.wanted.contains_key(&t) {
                            p.wanted_order.push(t);
                        }
                        if wanted_seen.insert((t, &o.id)) {
                            p.wanted.entry(t).or_default().push(o.id.clone());
                        }
                    }
                }
                p.traits.extend(o.traits.iter().cloned());
                p.prefers.extend(o.prefers.iter().copied());
            }
        }
        // What another answer says is known needs no review.
        let known = &p.known;
        p.reviewing.retain(|t| !known.contains(t));
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curriculum::load_from_memory;

    const CURRICULUM: &str = r#"
areas:
  - { id: learn, title: Learn, summary: s }
topics:
  - { id: basics, title: Basics, area: learn, hours: 1, summary: s }
  - { id: arrays, title: Arrays, area: learn, hours: 1, summary: s, requires: [basics] }
  - { id: gpus, title: GPUs, area: learn, hours: 1, summary: s, requires: [arrays] }
  - { id: mpi, title: MPI, area: learn, hours: 1, summary: s, requires: [basics] }
resources:
  - { id: r, title: R, url: "https://r.example", kind: book, teaches: [basics], level: beginner, cost: free, hours: 1 }
questions:
  - id: python
    prompt: How much Python?
    kind: select
    required: true
    options:
      - { id: none, label: None, traits: [new] }
      - { id: some, label: Some, knows: [basics], traits: [programmer] }
  - id: goals
    prompt: Goals?
    kind: multiselect
    options:
      - { id: gpu, label: GPU, wants: [gpus] }
      - { id: scale, label: Scale, wants: [mpi, arrays] }
      - { id: nothing, label: Nothing yet, exclusive: true }
  - id: vendor
    prompt: Which GPU vendor?
    kind: select
    default: unsure
    when: { goals: [gpu] }
    options:
      - { id: nvidia, label: NVIDIA, prefers: [tool] }
      - { id: unsure, label: Not sure }
  - { id: hours, prompt: Hours a week?, kind: number, default: 5, setting: hours_per_week }
  - { id: who, prompt: Name?, kind: text, setting: name }
"#;

    fn cur() -> Curriculum {
        load_from_memory(false, &[("t.yaml", CURRICULUM.as_bytes())])
            .unwrap_or_else(|e| panic!("{}", e.render()))
    }

    fn parse(text: &str) -> Result<Answers, Vec<Diagnostic>> {
        parse_file(&cur(), "me.yaml", text.as_bytes())
    }

    fn choices(v: &[&str]) -> AnswerValue {
        AnswerValue::Choices(v.iter().map(|s| (*s).to_string()).collect())
    }

    #[test]
    fn a_file_is_read_completed_in_questionnaire_order_and_written_back_the_same() {
        let c = cur();
        let mut a = parse("hours: 3\ngoals: [scale, gpu]\npython: some\n").unwrap();
        assert_eq!(a.get("hours"), Some(&AnswerValue::Number(3.0)));
        complete(&c, &mut a).unwrap();
        let ids: Vec<&str> = a.values().iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(ids, ["python", "goals", "vendor", "hours"]);
        assert_eq!(a.get("vendor"), Some(&AnswerValue::Text("unsure".into())));
        let yaml = a.to_yaml();
        assert_eq!(
            yaml,
            "python: \"some\"\ngoals: [\"scale\", \"gpu\"]\nvendor: \"unsure\"\nhours: 3\n"
        );
        assert_eq!(parse(&yaml).unwrap(), a);
    }

    #[test]
    fn setting_an_answer_again_replaces_it_in_place() {
        let mut a = Answers::default();
        a.set("python", AnswerValue::Text("none".into()));
        a.set("goals", choices(&["gpu"]));
        a.set("python", AnswerValue::Text("some".into()));
        assert_eq!(a.values().len(), 2);
        assert_eq!(a.values()[0].0, "python");
        assert_eq!(a.get("python"), Some(&AnswerValue::Text("some".into())));
        assert_eq!(a.get("missing"), None);
    }

    #[test]
    fn every_problem_is_reported_with_its_place() {
        let diags = parse("pyton: some\ngoals: [gpu, scael]\nhours: lots\n").unwrap_err();
        assert_eq!(diags.len(), 3, "{diags:?}");
        let unknown = &diags[0];
        assert_eq!(unknown.message, "unknown question `pyton`");
        assert_eq!(unknown.pos.map(|p| (p.line, p.col)), Some((1, 1)));
        assert!(
            unknown.help.as_deref().unwrap_or("").contains("`python`"),
            "did you mean: {unknown:?}"
        );
        // The wrong item of a list is pointed at, not the list.
        let option = &diags[1];
        assert_eq!(option.message, "invalid answer to `goals`");
        assert_eq!(option.pos.map(|p| (p.line, p.col)), Some((2, 14)));
        assert_eq!(diags[2].message, "invalid answer to `hours`");
        assert_eq!(diags[2].pos.map(|p| p.line), Some(3));
    }

    #[test]
    fn files_that_are_not_a_mapping_of_answers_are_refused_with_help() {
        let empty = parse("").unwrap_err();
        assert_eq!(empty[0].message, "the answers file is empty");
        let list = parse("- python\n").unwrap_err();
        assert!(
            list[0].message.starts_with("an answers file is a mapping"),
            "{list:?}"
        );
        let binary = parse_file(&cur(), "me.yaml", b"python: \xff\n").unwrap_err();
        assert_eq!(
            binary[0].message,
            "the answers file is not valid UTF-8 text"
        );
        assert_eq!(binary[0].pos.map(|p| (p.line, p.col)), Some((1, 9)));
    }

    #[test]
    fn an_exclusive_option_with_others_is_a_contradiction() {
        let diags = parse("python: some\ngoals: [gpu, nothing]\n").unwrap_err();
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].message, "invalid answer to `goals`");
        assert_eq!(diags[0].pos.map(|p| p.line), Some(2));
        assert!(
            diags[0].label.as_deref().unwrap_or("").contains("nothing"),
            "{diags:?}"
        );
        assert!(parse("python: some\ngoals: [nothing]\n").is_ok());
    }

    #[test]
    fn a_required_question_without_an_answer_or_default_is_named() {
        let c = cur();
        let mut a = Answers::default();
        a.set("goals", choices(&["gpu"]));
        let err = complete(&c, &mut a).unwrap_err();
        assert_eq!(err, "no answer to `python`, which has no default");
    }

    #[test]
    fn a_question_with_when_is_asked_only_after_the_answer_it_names() {
        let c = cur();
        let mut a = Answers::default();
        a.set("python", AnswerValue::Text("some".into()));
        a.set("goals", choices(&["scale"]));
        a.set("vendor", AnswerValue::Text("nvidia".into()));
        assert_eq!(asked(&c, &a), [true, true, false, true, true]);
        // The answer is kept but not used, and the person is told why.
        let unasked = unasked_answers(&c, &a);
        assert_eq!(
            unasked,
            [(
                "vendor".to_string(),
                "`vendor` is asked only when `goals` includes `gpu`; this answer is not used"
                    .to_string()
            )]
        );
        let p = Profile::from_answers(&c, &a);
        assert!(
            p.prefers.is_empty(),
            "an unasked answer counts as its default"
        );

        a.set("goals", choices(&["gpu"]));
        assert_eq!(asked(&c, &a), [true; 5]);
        assert!(unasked_answers(&c, &a).is_empty());
        let p = Profile::from_answers(&c, &a);
        assert!(p.prefers.contains(&Kind::Tool));
    }

    #[test]
    fn the_profile_holds_what_the_answers_imply() {
        let c = cur();
        let mut a = Answers::default();
        a.set("python", AnswerValue::Text("some".into()));
        a.set("goals", choices(&["scale", "gpu"]));
        a.set("hours", AnswerValue::Number(2.5));
        a.set("who", AnswerValue::Text("  Ada ".into()));
        let p = Profile::from_answers(&c, &a);
        let topic = |id: &str| c.topic(id).unwrap();
        assert_eq!(p.name.as_deref(), Some("Ada"));
        assert_eq!(p.hours_per_week, 2.5);
        assert_eq!(p.known, BTreeSet::from([topic("basics")]));
        assert_eq!(p.goals, ["scale", "gpu"]);
        // In the order the answers first want them.
        assert_eq!(
            p.wanted_order,
            [topic("mpi"), topic("arrays"), topic("gpus")]
        );
        assert_eq!(p.wanted[&topic("mpi")], ["scale"]);
        assert!(p.traits.contains("programmer") && !p.traits.contains("new"));
    }

    #[test]
    fn hours_that_are_not_positive_keep_the_default() {
        let c = cur();
        let mut a = Answers::default();
        a.set("hours", AnswerValue::Number(0.0));
        a.set("who", AnswerValue::Text("   ".into()));
        let p = Profile::from_answers(&c, &a);
        assert_eq!(p.hours_per_week, DEFAULT_HOURS_PER_WEEK);
        assert_eq!(p.name, None);
    }

    #[test]
    fn when_text_reads_as_a_sentence() {
        let c = cur();
        let vendor = c.question("vendor").unwrap();
        assert_eq!(when_text(&c, vendor), "`goals` includes `gpu`");
    }
}
