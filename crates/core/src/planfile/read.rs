//! Reading a plan file back: its front matter, pathwise's blocks (found by [`super::scan`]) and
//! everything else, which is the person's; the plan's topics (from its index), and what in the
//! file is not as pathwise wrote it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use crate::diag::{Diagnostic, Sources};
use crate::error::LoadError;
use crate::plan::Role;
use crate::plan::measure::Mark;
use crate::planfile::markdown::{ItemState, Tick};
use crate::planfile::marker::{BlockId, IndexItem, IndexTopic};
use crate::planfile::scan::Body;
pub use crate::planfile::scan::{Item, OwnTasks, Span};
use crate::yaml::{self, Node, Value};

/// A topic of the plan, from the index (or, in a file without one, from its headings and items).
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub entry: IndexTopic,
    /// Whether the index gave the hours (else they come from the curriculum).
    pub hours_known: bool,
    /// The title from the topic's heading, if the heading is there.
    pub title: Option<String>,
}

/// Something in the file that is not as pathwise wrote it, which `progress` and `refresh` report.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Problem {
    /// A box pathwise cannot read (`[✓]`): neither done nor skipped, and never overwritten.
    UnreadableTick {
        line: usize,
        tick: String,
        resource: String,
    },
    /// A block that appears twice: the later copy is counted once with the first.
    Duplicate {
        line: usize,
        first_line: usize,
        what: String,
    },
    /// An item of the plan whose line is gone.
    MissingItem { topic: String, resource: String },
    /// A topic of the plan with nothing of it left in the file.
    MissingTopic { topic: String, week: u32 },
    /// A week of the plan with nothing of it left in the file.
    MissingWeek { week: u32, topics: Vec<String> },
    /// The index at the end of the file is gone: only the topics found in the file are counted.
    MissingIndex,
    /// An item whose resource the curriculum does not have (it still counts).
    UnknownResource { line: usize, resource: String },
}

impl Problem {
    pub fn line(&self) -> Option<usize> {
        match self {
            Problem::UnreadableTick { line, .. }
            | Problem::Duplicate { line, .. }
            | Problem::UnknownResource { line, .. } => Some(*line),
            _ => None,
        }
    }

    /// The problem in a sentence, saying what pathwise does about it.
    pub fn message(&self) -> String {
        match self {
            Problem::UnreadableTick { tick, resource, .. } => format!(
                "`[{tick}]` (item `{resource}`) is not a box pathwise can read, so the item counts as not done; write `[x]` for done or `[ ]` for not yet (refresh leaves it as it is)"
            ),
            Problem::Duplicate {
                first_line, what, ..
            } => format!(
                "{what} appears again (first on line {first_line}); it is counted once, and refresh keeps the first"
            ),
            Problem::MissingItem { topic, resource } => format!(
                "the item `{resource}` of topic `{topic}` is missing from the file; refresh puts it back"
            ),
            Problem::MissingTopic { topic, week } => format!(
                "topic `{topic}` (week {week}) is missing from the file; it still counts, and refresh puts it back"
            ),
            Problem::MissingWeek { week, topics } => format!(
                "the section of week {week} is missing from the file (topics {}); they still count, and refresh puts them back",
                topics
                    .iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Problem::MissingIndex => "the plan's index (the `pathwise:index` comment at the end) is missing, so only the topics found in the file are counted; refresh puts it back".to_string(),
            Problem::UnknownResource { resource, .. } => {
                format!("`{resource}` is not in the curriculum; it still counts")
            }
        }
    }
}

/// The front matter as read.
#[derive(Debug, Clone, Default)]
pub struct Front {
    pub version: String,
    pub curriculum: String,
    pub created: String,
    pub refreshed: Option<String>,
    /// The curriculum folders that made the plan, relative to the plan's folder.
    pub paths: Vec<String>,
    /// `false` when the plan was made without the built-in guide.
    pub builtin: bool,
    /// The `answers` mapping, positions relative to the whole file.
    pub answers: Option<Node>,
    /// Every top-level key with the 1-based lines it spans in the file (first, last).
    pub keys: Vec<(String, usize, usize)>,
    /// The 1-based line of the closing `---`.
    pub end_line: usize,
}

#[derive(Debug, Clone)]
pub struct PlanFile {
    pub name: String,
    /// The file's text without a byte order mark, line ends made `\n`.
    pub text: String,
    /// The file had a byte order mark / `\r\n` line ends (a refresh writes them back).
    pub bom: bool,
    pub crlf: bool,
    pub front: Front,
    /// Byte offset of the body: the line after the closing `---`.
    pub body_start: usize,
    /// pathwise's blocks in file order.
    pub spans: Vec<Span>,
    /// The task items pathwise wrote, in file order (copies included).
    pub items: Vec<Item>,
    /// The person's tasks by the topic of the block they follow (`None`: a block of no topic).
    pub own_tasks: BTreeMap<Option<String>, OwnTasks>,
    /// The plan's topics, in plan order.
    pub topics: Vec<Topic>,
    /// The file has an index.
    pub indexed: bool,
    /// The file was written before blocks carried markers: lines are recognised as the old
    /// versions wrote them.
    pub legacy: bool,
    pub problems: Vec<Problem>,
}

impl PlanFile {
    /// The answers mapping, if there is one.
    pub fn answers(&self) -> Option<&Node> {
        self.front.answers.as_ref()
    }

    /// What the person did to each item, by resource and topic, and to each resource anywhere
    /// (a resource ticked for one topic is done for every topic that lists it). Copies of an
    /// item count as one: ticked if any copy is, struck through only if every copy is.
    pub fn states(&self) -> States {
        let mut s = States::default();
        for it in &self.items {
            let e = s
                .items
                .entry((it.resource.clone(), it.topic.clone()))
                .or_insert_with(|| ItemState {
                    tick: it.tick.clone(),
                    skipped: it.skipped,
                });
            match (&e.tick, &it.tick) {
                (Tick::Done(_), _) => {}
                (_, Tick::Done(_)) | (Tick::Open, Tick::Unreadable(_)) => e.tick = it.tick.clone(),
                _ => {}
            }
            e.skipped &= it.skipped;
            let r = s
                .resources
                .entry(it.resource.clone())
                .or_insert((false, true));
            r.0 |= it.tick.is_done();
            r.1 &= it.skipped;
        }
        s
    }

    /// What a resource counts as: done if ticked anywhere, skipped if struck through anywhere
    /// and never ticked, unreadable if its only box cannot be read.
    pub fn resource_marks(&self) -> HashMap<&str, Mark> {
        let mut out: HashMap<&str, Mark> = HashMap::new();
        for it in &self.items {
            let m = it.mark();
            let e = out.entry(it.resource.as_str()).or_insert(m);
            *e = match (*e, m) {
                (Mark::Done, _) | (_, Mark::Done) => Mark::Done,
                (Mark::Open, _) | (_, Mark::Open) => Mark::Open,
                (Mark::Unreadable, _) | (_, Mark::Unreadable) => Mark::Unreadable,
                _ => Mark::Skipped,
            };
        }
        out
    }

    pub fn sources(&self) -> Sources {
        let mut s = Sources::default();
        s.insert(&self.name, &self.text);
        s
    }

    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.text[..offset.min(self.text.len())]
            .bytes()
            .filter(|&b| b == b'\n')
            .count()
            + 1
    }
}

/// What the person did, by (resource, topic), and by resource: (done anywhere, struck
/// through everywhere).
#[derive(Debug, Clone, Default)]
pub struct States {
    pub items: HashMap<(String, String), ItemState>,
    pub resources: HashMap<String, (bool, bool)>,
}

impl States {
    /// The state to write for an item of a new version of the plan.
    pub fn get(&self, resource: &str, topic: &str) -> ItemState {
        if let Some(s) = self.items.get(&(resource.to_string(), topic.to_string())) {
            return s.clone();
        }
        match self.resources.get(resource) {
            Some(&(done, skipped)) => ItemState {
                tick: if done { Tick::Done('x') } else { Tick::Open },
                skipped: skipped && !done,
            },
            None => ItemState::default(),
        }
    }
}

fn not_a_plan(name: &str, text: &str, why: &str) -> LoadError {
    not_a_plan_at(name, text, why, None)
}

fn not_a_plan_at(name: &str, text: &str, why: &str, pos: Option<yaml::Pos>) -> LoadError {
    let mut d = Diagnostic::new(name, pos, format!("not a pathwise plan: {why}"));
    d.help("give a plan written by `pathwise plan -o FILE`; it starts with a `---` block holding `pathwise:` and `answers:`");
    let mut s = Sources::default();
    s.insert(name, text);
    LoadError::new(vec![d], s)
}

/// Reads a plan file. A file that is not a pathwise plan is an error naming the file.
pub fn read(name: &str, bytes: &[u8]) -> Result<PlanFile, LoadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let pos = yaml::utf8_error_pos(bytes, e.valid_up_to());
            return Err(not_a_plan_at(
                name,
                "",
                "the file is not UTF-8 text",
                Some(pos),
            ));
        }
    };
    let bom = text.starts_with('\u{feff}');
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let crlf = text.split('\n').next().is_some_and(|l| l.ends_with('\r'));
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    };
    let (front, body_start) = front_matter(name, &text)?;
    let mut plan = PlanFile {
        name: name.to_string(),
        bom,
        crlf,
        front,
        body_start,
        spans: Vec::new(),
        items: Vec::new(),
        own_tasks: BTreeMap::new(),
        topics: Vec::new(),
        indexed: false,
        legacy: false,
        problems: Vec::new(),
        text,
    };
    let found = Body::read(&plan.text, body_start);
    plan.spans = found.spans;
    plan.items = found.items;
    plan.own_tasks = found.own_tasks;
    plan.legacy = found.legacy;
    plan.indexed = found.index.is_some();
    plan.topics = topics(&plan, found.index, &found.titles);
    plan.problems = problems(&plan, &found.unreadable);
    Ok(plan)
}

/// Reads the front matter; returns it and the byte offset of the body.
fn front_matter(name: &str, text: &str) -> Result<(Front, usize), LoadError> {
    let Some(after_open) = text
        .strip_prefix("---\n")
        .map(|_| 4)
        .or_else(|| (text == "---").then_some(3))
    else {
        return Err(not_a_plan(
            name,
            text,
            "it has no front matter (a first line of `---`)",
        ));
    };
    // The closing `---` line.
    let mut at = after_open;
    let mut line = 2;
    let close = loop {
        if at >= text.len() {
            break None;
        }
        let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i);
        if &text[at..end] == "---" {
            break Some((at, end));
        }
        at = end + 1;
        line += 1;
    };
    let Some((close_start, close_end)) = close else {
        return Err(not_a_plan(
            name,
            text,
            "its front matter never ends (no closing `---` line)",
        ));
    };
    let body_start = (close_end + 1).min(text.len());
    let front_text = &text[after_open.min(close_start)..close_start];
    let root = match yaml::parse_limited(front_text) {
        Ok(Some(r)) => r,
        Ok(None) => return Err(not_a_plan(name, text, "its front matter is empty")),
        Err(e) => {
            let pos = e.pos.map(|mut p| {
                p.line += 1;
                p
            });
            let mut d = Diagnostic::new(
                name,
                pos,
                format!("the plan's front matter is not valid YAML: {}", e.message),
            );
            d.help("fix the block between the `---` lines, or make the plan again with `pathwise plan -o FILE`");
            let mut s = Sources::default();
            s.insert(name, text);
            return Err(LoadError::new(vec![d], s));
        }
    };
    let root = shift(root, 1);
    let Value::Map(entries) = &root.value else {
        return Err(not_a_plan(name, text, "its front matter is not a mapping"));
    };
    let get = |k: &str| {
        entries
            .iter()
            .find(|(key, _)| matches!(&key.value, Value::Str(s) if s == k))
            .map(|(_, v)| v)
    };
    let text_of = |k: &str| match get(k).map(|n| &n.value) {
        Some(Value::Str(s)) => s.clone(),
        Some(Value::Int(i)) => i.to_string(),
        Some(Value::Float(f)) => f.to_string(),
        _ => String::new(),
    };
    if get("pathwise").is_none() {
        return Err(not_a_plan(
            name,
            text,
            "its front matter has no `pathwise:` key",
        ));
    }
    let paths = match get("paths").map(|n| &n.value) {
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(|i| match &i.value {
                Value::Str(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        Some(Value::Str(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let key_lines: Vec<(String, usize)> = entries
        .iter()
        .map(|(k, _)| {
            let name = match &k.value {
                Value::Str(s) => s.clone(),
                _ => String::new(),
            };
            (name, k.pos.line as usize)
        })
        .collect();
    let keys = key_lines
        .iter()
        .enumerate()
        .map(|(i, (k, l))| {
            let last = key_lines.get(i + 1).map_or(line - 1, |(_, next)| next - 1);
            (k.clone(), *l, last.max(*l))
        })
        .collect();
    let front = Front {
        version: text_of("pathwise"),
        curriculum: text_of("curriculum"),
        created: text_of("created"),
        refreshed: get("refreshed").map(|_| text_of("refreshed")),
        paths,
        builtin: !matches!(get("builtin").map(|n| &n.value), Some(Value::Bool(false))),
        answers: get("answers").cloned(),
        keys,
        end_line: line,
    };
    Ok((front, body_start))
}

/// Moves every position of a tree down by `lines`.
fn shift(mut n: Node, lines: u32) -> Node {
    n.pos.line += lines;
    n.value = match n.value {
        Value::Seq(items) => Value::Seq(items.into_iter().map(|i| shift(i, lines)).collect()),
        Value::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (shift(k, lines), shift(v, lines)))
                .collect(),
        ),
        v => v,
    };
    n
}

/// The plan's topics: from the index, or rebuilt from the headings and items in the file.
fn topics(
    plan: &PlanFile,
    index: Option<Vec<IndexTopic>>,
    titles: &HashMap<String, String>,
) -> Vec<Topic> {
    let title = |id: &str| titles.get(id).cloned();
    if let Some(index) = index {
        return index
            .into_iter()
            .map(|entry| Topic {
                title: title(&entry.id),
                hours_known: true,
                entry,
            })
            .collect();
    }
    let mut order: Vec<String> = Vec::new();
    let mut by_id: HashMap<String, IndexTopic> = HashMap::new();
    fn add(order: &mut Vec<String>, by_id: &mut HashMap<String, IndexTopic>, id: &str) {
        if !by_id.contains_key(id) {
            order.push(id.to_string());
            by_id.insert(
                id.to_string(),
                IndexTopic {
                    id: id.to_string(),
                    ..Default::default()
                },
            );
        }
    }
    for s in &plan.spans {
        if let BlockId::Topic(t) = &s.id {
            add(&mut order, &mut by_id, t);
        }
    }
    let mut listed: HashSet<(&str, &str)> = HashSet::new();
    for it in &plan.items {
        if it.topic.is_empty() {
            continue;
        }
        add(&mut order, &mut by_id, &it.topic);
        let e = by_id.get_mut(&it.topic).expect("added");
        if e.area.is_empty() {
            e.area = it.area.clone().unwrap_or_default();
        }
        if let Some(w) = it.week
            && (e.week == 0 || w < e.week)
        {
            e.week = w;
            e.end_week = e.end_week.max(w);
        }
        // A file without an index: an item's role is only whether it is optional.
        if listed.insert((&it.topic, &it.resource)) {
            e.items.push(IndexItem {
                id: it.resource.clone(),
                role: if it.optional {
                    Role::Alternative
                } else {
                    Role::Primary
                },
                counts: it.hours.unwrap_or(0.0),
            });
        }
    }
    order
        .into_iter()
        .map(|id| {
            let entry = by_id.remove(&id).expect("added");
            Topic {
                title: title(&id),
                hours_known: false,
                entry,
            }
        })
        .collect()
}

/// Copies, unreadable boxes, and what the index lists but the file no longer has.
fn problems(plan: &PlanFile, unreadable: &[(usize, String, String)]) -> Vec<Problem> {
    let mut out: Vec<Problem> = unreadable
        .iter()
        .map(|(line, tick, resource)| Problem::UnreadableTick {
            line: *line,
            tick: tick.clone(),
            resource: resource.clone(),
        })
        .collect();
    let mut first: HashMap<&BlockId, usize> = HashMap::new();
    for s in &plan.spans {
        match first.get(&s.id) {
            Some(&l) => out.push(Problem::Duplicate {
                line: s.line,
                first_line: l,
                what: s.id.describe(),
            }),
            None => {
                first.insert(&s.id, s.line);
            }
        }
    }
    if plan.indexed {
        let present: BTreeSet<&str> = plan.spans.iter().filter_map(|s| s.id.topic()).collect();
        let items: BTreeSet<(&str, &str)> = plan
            .items
            .iter()
            .map(|i| (i.resource.as_str(), i.topic.as_str()))
            .collect();
        let mut missing_by_week: BTreeMap<u32, (Vec<String>, usize)> = BTreeMap::new();
        for t in &plan.topics {
            let e = &t.entry;
            let w = missing_by_week.entry(e.week).or_default();
            w.1 += 1;
            if !present.contains(e.id.as_str()) {
                w.0.push(e.id.clone());
                continue;
            }
            for r in e.item_ids() {
                if !items.contains(&(r, e.id.as_str())) {
                    out.push(Problem::MissingItem {
                        topic: e.id.clone(),
                        resource: r.to_string(),
                    });
                }
            }
        }
        for (week, (missing, total)) in missing_by_week {
            let heading = first.contains_key(&BlockId::Week(week));
            if !missing.is_empty() && missing.len() == total && !heading {
                out.push(Problem::MissingWeek {
                    week,
                    topics: missing,
                });
            } else {
                out.extend(
                    missing
                        .into_iter()
                        .map(|topic| Problem::MissingTopic { topic, week }),
                );
            }
        }
    } else if !plan.legacy {
        out.push(Problem::MissingIndex);
    }
    out.sort_by_key(|p| p.line().unwrap_or(usize::MAX));
    out
}
