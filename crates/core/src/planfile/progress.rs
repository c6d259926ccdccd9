//! How far a person is through a plan file: topics and hours done, per week and area, and what
//! is next. Counted with the plan's own definitions ([`crate::plan::measure`]), so the totals
//! are the plan header's.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;

use serde::Serialize;

use crate::curriculum::Curriculum;
use crate::format::hours;
use crate::plan::Role;
use crate::plan::measure::{self, ItemMark, Mark, TopicState};
use crate::planfile::markdown::item_resource;
use crate::planfile::marker::IndexItem;
use crate::planfile::read::{Item, PlanFile, Problem, Topic};
use crate::sanitize::terminal as safe;

/// Topics done, skipped, and in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Count {
    pub done: usize,
    pub skipped: usize,
    pub total: usize,
}

/// Hours done, skipped, and in all.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Hours {
    pub done: f64,
    pub skipped: f64,
    pub total: f64,
}

/// Topics and their hours.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    pub topics: Count,
    pub hours: Hours,
}

impl Tally {
    pub(crate) fn add(&mut self, t: &TopicStatus) {
        self.topics.total += 1;
        self.hours.total += t.hours;
        self.hours.done += t.done;
        match t.state {
            TopicState::Done => self.topics.done += 1,
            TopicState::Skipped => {
                self.topics.skipped += 1;
                self.hours.skipped += t.hours;
            }
            TopicState::Open => {}
        }
    }

    /// Topics done, in percent of all (100 for a plan with none).
    pub fn percent(&self) -> u32 {
        (self.topics.done * 100)
            .checked_div(self.topics.total)
            .map_or(100, |p| u32::try_from(p).unwrap_or(100))
    }
}

/// One topic and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicProgress {
    pub id: String,
    pub title: String,
    pub area: String,
    pub week: u32,
    pub hours: f64,
    /// The hours of it done.
    pub done: f64,
    pub state: TopicState,
}

/// The item to do next for a topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextItem {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub line: usize,
}

/// A topic still to do, and how.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Next {
    pub topic: String,
    pub title: String,
    pub week: u32,
    /// Its first item neither done nor struck through, if any.
    pub item: Option<NextItem>,
    /// Otherwise: the resources it continues with.
    pub continues: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekProgress {
    pub week: u32,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AreaProgress {
    pub area: String,
    #[serde(flatten)]
    pub tally: Tally,
}

/// How far a person is through a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub file: String,
    #[serde(flatten)]
    pub all: Tally,
    pub by_week: Vec<WeekProgress>,
    pub by_area: Vec<AreaProgress>,
    pub by_topic: Vec<TopicProgress>,
    /// Up to five topics still to do, in plan order.
    pub next: Vec<Next>,
    /// The tasks the person added.
    pub own_tasks: Count,
    pub problems: Vec<Problem>,
}

/// How many topics `next` lists.
const NEXT: usize = 5;

/// A topic's hours: from the plan's index, else (a file without one) the curriculum's estimate.
fn topic_hours(cur: &Curriculum, t: &Topic) -> f64 {
    if t.hours_known {
        return t.entry.hours;
    }
    cur.topic(&t.entry.id).map_or(0.0, |i| cur.topics[i].hours)
}

/// Where one topic of a plan file stands.
#[derive(Debug, Clone, Copy)]
pub struct TopicStatus<'p> {
    pub topic: &'p Topic,
    pub state: TopicState,
    pub hours: f64,
    /// The hours of it done.
    pub done: f64,
}

/// Where each topic of a plan file stands, in plan order (see [`measure::topic_progress`]).
pub fn topic_states<'p>(cur: &Curriculum, plan: &'p PlanFile) -> Vec<TopicStatus<'p>> {
    let marks = plan.resource_marks();
    let mut in_file: HashMap<&str, Vec<&Item>> = HashMap::new();
    for it in &plan.items {
        in_file.entry(&it.topic).or_default().push(it);
    }
    plan.topics
        .iter()
        .map(|t| {
            let e = &t.entry;
            let mut seen: HashSet<&str> = HashSet::new();
            // Items the plan lists count even when their line is gone (as not done); items
            // found under the topic that it does not list count as alternatives.
            let mut items: Vec<ItemMark> = Vec::with_capacity(e.items.len());
            for i in &e.items {
                if seen.insert(&i.id) {
                    items.push(ItemMark {
                        role: i.role,
                        mark: marks.get(i.id.as_str()).copied().unwrap_or(Mark::Open),
                        counts: i.counts,
                    });
                }
            }
            for it in in_file.get(e.id.as_str()).map_or(&[][..], Vec::as_slice) {
                if seen.insert(&it.resource) {
                    items.push(ItemMark {
                        role: Role::Alternative,
                        mark: marks
                            .get(it.resource.as_str())
                            .copied()
                            .unwrap_or(Mark::Open),
                        counts: it.hours.unwrap_or(0.0),
                    });
                }
            }
            let continued: Vec<Mark> = e
                .continues
                .iter()
                .map(|r| marks.get(r.as_str()).copied().unwrap_or(Mark::Open))
                .collect();
            let own = plan
                .own_tasks
                .get(&Some(e.id.clone()))
                .map_or(&[][..], |t| t.marks());
            let hours = topic_hours(cur, t);
            let (state, done) = measure::topic_progress(hours, &items, &continued, own);
            TopicStatus {
                topic: t,
                state,
                hours,
                done,
            }
        })
        .collect()
}

pub fn progress(cur: &Curriculum, plan: &PlanFile) -> Progress {
    let states = topic_states(cur, plan);
    let mut all = Tally::default();
    let mut by_week: BTreeMap<u32, Tally> = BTreeMap::new();
    let mut by_area: HashMap<&str, Tally> = HashMap::new();
    let mut topics = Vec::with_capacity(states.len());
    let mut next = Vec::new();
    let first_item: HashMap<(&str, &str), &Item> =
        plan.items.iter().fold(HashMap::new(), |mut m, it| {
            m.entry((it.resource.as_str(), it.topic.as_str()))
                .or_insert(it);
            m
        });
    let marks = plan.resource_marks();
    let titles: HashMap<&str, &str> = plan
        .items
        .iter()
        .rev()
        .map(|i| (i.resource.as_str(), i.title.as_str()))
        .collect();
    let title_of = |r: &str| {
        titles
            .get(r)
            .map_or_else(|| r.to_string(), |t| (*t).to_string())
    };
    for st in &states {
        let (t, state, h) = (st.topic, &st.state, &st.hours);
        let e = &t.entry;
        all.add(st);
        by_week.entry(e.week).or_default().add(st);
        by_area.entry(&e.area).or_default().add(st);
        let title = t
            .title
            .clone()
            .or_else(|| cur.topic(&e.id).map(|i| cur.topics[i].title.to_string()))
            .unwrap_or_else(|| e.id.clone());
        if *state == TopicState::Open && next.len() < NEXT {
            // The first required item still to do, else the first other one.
            let open = |i: &&IndexItem| {
                matches!(
                    marks.get(i.id.as_str()),
                    Some(Mark::Open | Mark::Unreadable)
                )
            };
            // A primary that an alternative done instead replaced is not to do.
            let replaced = e
                .items
                .iter()
                .any(|i| !i.role.required() && marks.get(i.id.as_str()) == Some(&Mark::Done));
            let item = e
                .items
                .iter()
                .filter(|i| i.role.required() && !(replaced && i.role == Role::Primary))
                .find(open)
                .or_else(|| e.items.iter().find(open))
                .and_then(|i| first_item.get(&(i.id.as_str(), e.id.as_str())))
                .map(|it| NextItem {
                    id: it.resource.clone(),
                    title: it.title.clone(),
                    url: it.url.clone(),
                    line: it.line,
                });
            let continues = if item.is_none() {
                e.continues.iter().map(|r| title_of(r)).collect()
            } else {
                Vec::new()
            };
            next.push(Next {
                topic: e.id.clone(),
                title: title.clone(),
                week: e.week,
                item,
                continues,
            });
        }
        topics.push(TopicProgress {
            id: e.id.clone(),
            title,
            area: e.area.clone(),
            week: e.week,
            hours: *h,
            done: st.done,
            state: *state,
        });
    }
    // Areas in curriculum order, unknown ones last.
    let mut by_area: Vec<AreaProgress> = by_area
        .into_iter()
        .map(|(a, tally)| AreaProgress {
            area: a.to_string(),
            tally,
        })
        .collect();
    by_area.sort_by(|x, y| {
        let rank = |a: &str| cur.area(a).unwrap_or(usize::MAX);
        rank(&x.area)
            .cmp(&rank(&y.area))
            .then_with(|| x.area.cmp(&y.area))
    });
    let mut own_tasks = Count::default();
    for t in plan.own_tasks.values() {
        own_tasks.total += t.total;
        own_tasks.done += t.done;
        own_tasks.skipped += t.skipped;
    }
    let mut problems = plan.problems.clone();
    let mut reported: HashSet<&str> = HashSet::new();
    for it in &plan.items {
        if cur.resource(item_resource(&it.resource)).is_none() && reported.insert(&it.resource) {
            problems.push(Problem::UnknownResource {
                line: it.line,
                resource: it.resource.clone(),
            });
        }
    }
    problems.sort_by_key(|p| p.line().unwrap_or(usize::MAX));
    Progress {
        file: plan.name.clone(),
        all,
        by_week: by_week
            .into_iter()
            .map(|(week, tally)| WeekProgress { week, tally })
            .collect(),
        by_area,
        by_topic: topics,
        next,
        own_tasks,
        problems,
    }
}

/// "3 of 12 topics done (25%), 14 h of 62 h; 1 skipped (5 h)"
pub fn summary(t: &Tally) -> String {
    let mut s = format!(
        "{} of {} topics done ({}%), {} of {}",
        t.topics.done,
        t.topics.total,
        t.percent(),
        hours(t.hours.done),
        hours(t.hours.total)
    );
    if t.topics.skipped > 0 {
        let _ = write!(
            s,
            "; {} skipped ({})",
            t.topics.skipped,
            hours(t.hours.skipped)
        );
    }
    s
}

/// The progress as text for a terminal.
pub fn text(p: &Progress) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", safe(&p.file), summary(&p.all));
    let row = |out: &mut String, label: String, t: &Tally| {
        let _ = writeln!(
            out,
            "  {label:<10} {:>7} topics  {:>7} of {}",
            format!("{}/{}", t.topics.done, t.topics.total),
            hours(t.hours.done),
            hours(t.hours.total)
        );
    };
    if !p.by_week.is_empty() {
        out.push_str("\nBy week:\n");
        for w in &p.by_week {
            row(&mut out, format!("week {}", w.week), &w.tally);
        }
    }
    if !p.by_area.is_empty() {
        out.push_str("\nBy area:\n");
        for a in &p.by_area {
            row(&mut out, safe(&a.area).into_owned(), &a.tally);
        }
    }
    if p.next.is_empty() {
        if p.all.topics.total > 0 {
            out.push_str("\nEverything is done or skipped.\n");
        }
    } else {
        out.push_str("\nNext:\n");
        for n in &p.next {
            let how = match (&n.item, n.continues.is_empty()) {
                (Some(it), _) => format!(
                    ": {}{}",
                    safe(&it.title),
                    it.url
                        .as_deref()
                        .map(|u| format!(" {}", safe(u)))
                        .unwrap_or_default()
                ),
                (None, false) => format!(
                    ": continue with {}",
                    n.continues
                        .iter()
                        .map(|c| safe(c).into_owned())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                (None, true) => ": find a resource and add it as a task".to_string(),
            };
            let _ = writeln!(out, "  - {} (week {}){how}", safe(&n.title), n.week);
        }
    }
    if p.own_tasks.total > 0 {
        let _ = writeln!(
            out,
            "\nYour own tasks: {} of {} done.",
            p.own_tasks.done, p.own_tasks.total
        );
    }
    if !p.problems.is_empty() {
        out.push('\n');
    }
    for pr in &p.problems {
        let at = pr.line().map(|l| format!("line {l}: ")).unwrap_or_default();
        let _ = writeln!(out, "note: {at}{}", safe(&pr.message()));
    }
    out
}
