//! Progress of one plan, the difference between two, and a team plan made of several.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{Value as Json, json};

use crate::answers::{self, Profile};
use crate::curriculum::Curriculum;
use crate::format::hours;
use crate::planfile::read::{Item, PlanFile};
use crate::sanitize::markdown as md;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub done: usize,
    pub total: usize,
    pub skipped: usize,
    pub hours_done: f64,
    pub hours_total: f64,
}

impl Tally {
    fn add(&mut self, it: &Item) {
        if it.skipped {
            self.skipped += 1;
            return;
        }
        if it.optional && !it.done {
            return;
        }
        self.total += 1;
        self.hours_total += it.hours;
        if it.done {
            self.done += 1;
            self.hours_done += it.hours;
        }
    }
    pub fn percent(&self) -> u32 {
        (self.done * 100)
            .checked_div(self.total)
            .map_or(100, |p| p as u32)
    }
    fn json(&self) -> Json {
        json!({
            "done": self.done,
            "total": self.total,
            "skipped": self.skipped,
            "hours_done": self.hours_done,
            "hours_total": self.hours_total,
        })
    }
}

pub struct Progress<'a> {
    pub all: Tally,
    pub by_week: BTreeMap<u32, Tally>,
    pub by_area: Vec<(String, Tally)>,
    pub next: Vec<&'a Item>,
    /// Items whose resource id the curriculum does not have (line, id).
    pub unknown: Vec<(usize, String)>,
    /// Task items a person added, without a pathwise marker.
    pub own: usize,
}

pub fn progress<'a>(cur: &Curriculum, plan: &'a PlanFile) -> Progress<'a> {
    let mut p = Progress {
        all: Tally::default(),
        by_week: BTreeMap::new(),
        by_area: Vec::new(),
        next: Vec::new(),
        unknown: Vec::new(),
        own: 0,
    };
    for it in &plan.items {
        let Some(id) = &it.id else {
            p.own += 1;
            p.all.add(it);
            continue;
        };
        if cur
            .resource(crate::planfile::markdown::item_resource(id))
            .is_none()
        {
            p.unknown.push((it.line, id.clone()));
        }
        p.all.add(it);
        if let Some(w) = it.week {
            p.by_week.entry(w).or_default().add(it);
        }
        let area = it.area.clone().unwrap_or_else(|| "other".into());
        match p.by_area.iter_mut().find(|(a, _)| *a == area) {
            Some((_, t)) => t.add(it),
            None => {
                let mut t = Tally::default();
                t.add(it);
                p.by_area.push((area, t));
            }
        }
        if !it.done && !it.skipped && !it.optional && p.next.len() < 5 {
            p.next.push(it);
        }
    }
    // Areas in curriculum order, unknown ones last.
    p.by_area
        .sort_by_key(|(a, _)| (cur.area(a).unwrap_or(usize::MAX), a.clone()));
    p
}

pub fn progress_json(plan: &PlanFile, p: &Progress) -> Json {
    let mut j = p.all.json();
    j["file"] = json!(plan.name);
    let labelled = |key: &str, value: Json, t: &Tally| {
        let mut v = t.json();
        v[key] = value;
        v
    };
    j["by_week"] = p
        .by_week
        .iter()
        .map(|(w, t)| labelled("week", json!(w), t))
        .collect();
    j["by_area"] = p
        .by_area
        .iter()
        .map(|(a, t)| labelled("area", json!(a), t))
        .collect();
    j["next"] = Json::Array(
        p.next
            .iter()
            .map(|it| json!({"id": it.id, "title": it.title, "url": it.url, "topic": it.topic, "week": it.week, "line": it.line}))
            .collect(),
    );
    j["unknown"] = Json::Array(
        p.unknown
            .iter()
            .map(|(l, id)| json!({"id": id, "line": l}))
            .collect(),
    );
    j["own_items"] = json!(p.own);
    j
}

pub fn progress_text(plan: &PlanFile, p: &Progress) -> String {
    use crate::sanitize::terminal as safe;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {} of {} items done ({}%), {} of {}{}",
        safe(&plan.name),
        p.all.done,
        p.all.total,
        p.all.percent(),
        hours(p.all.hours_done),
        hours(p.all.hours_total),
        if p.all.skipped > 0 {
            format!("; {} skipped", p.all.skipped)
        } else {
            String::new()
        }
    );
    if !p.by_week.is_empty() {
        out.push_str("\nBy week:\n");
        for (w, t) in &p.by_week {
            let _ = writeln!(
                out,
                "  week {w:<3} {:>9} items  {:>7} of {}",
                format!("{}/{}", t.done, t.total),
                hours(t.hours_done),
                hours(t.hours_total)
            );
        }
    }
    if !p.by_area.is_empty() {
        out.push_str("\nBy area:\n");
        for (a, t) in &p.by_area {
            let _ = writeln!(
                out,
                "  {:<9} {:>7} items  {:>7} of {}",
                safe(a),
                format!("{}/{}", t.done, t.total),
                hours(t.hours_done),
                hours(t.hours_total)
            );
        }
    }
    if p.next.is_empty() {
        out.push_str("\nEverything is done or skipped.\n");
    } else {
        out.push_str("\nNext:\n");
        for it in &p.next {
            let _ = writeln!(
                out,
                "  - {}{}{}",
                safe(&it.title),
                it.week.map(|w| format!(" (week {w})")).unwrap_or_default(),
                it.url
                    .as_deref()
                    .map(|u| format!(" {}", safe(u)))
                    .unwrap_or_default()
            );
        }
    }
    for (line, id) in &p.unknown {
        let _ = writeln!(
            out,
            "note: line {line}: `{}` is not in the curriculum; it still counts",
            safe(id)
        );
    }
    out
}

/// Topics and resources only in A, only in B, and in both.
pub fn diff(a: &PlanFile, b: &PlanFile) -> Json {
    fn split(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Json {
        json!({
            "only_a": a.difference(b).collect::<Vec<_>>(),
            "only_b": b.difference(a).collect::<Vec<_>>(),
            "both": a.intersection(b).collect::<Vec<_>>(),
        })
    }
    let topics = |p: &PlanFile| -> BTreeSet<String> { p.topics.iter().cloned().collect() };
    let res = |p: &PlanFile| -> BTreeSet<String> {
        p.items.iter().filter_map(|i| i.id.clone()).collect()
    };
    json!({
        "a": a.name,
        "b": b.name,
        "topics": split(&topics(a), &topics(b)),
        "resources": split(&res(a), &res(b)),
    })
}

pub fn diff_text(d: &Json) -> String {
    use crate::sanitize::terminal as safe;
    let mut out = String::new();
    let a = d["a"].as_str().unwrap_or("A");
    let b = d["b"].as_str().unwrap_or("B");
    for what in ["topics", "resources"] {
        for (key, label) in [
            ("only_a", format!("only in {}", safe(a))),
            ("only_b", format!("only in {}", safe(b))),
            ("both", "in both".to_string()),
        ] {
            let ids: Vec<&str> = d[what][key]
                .as_array()
                .map(|v| v.iter().filter_map(|x| x.as_str()).collect())
                .unwrap_or_default();
            let _ = writeln!(out, "{what} {label} ({}):", ids.len());
            for id in ids {
                let _ = writeln!(out, "  {}", safe(id));
            }
        }
    }
    out
}

/// One member of a team, from their plan file.
pub struct Member<'a> {
    pub plan: &'a PlanFile,
    pub name: String,
    pub goals: Vec<String>,
    pub hours_per_week: f64,
    pub tally: Tally,
    pub known: BTreeSet<String>,
    /// Topics in the plan, in plan order.
    pub topics: Vec<String>,
    /// Topics whose items are all done or skipped, with at least one done.
    pub completed: BTreeSet<String>,
    /// Why the answers could not be read, if they could not.
    pub answers_problem: Option<String>,
}

pub fn member<'a>(cur: &Curriculum, plan: &'a PlanFile) -> Member<'a> {
    let stem = std::path::Path::new(&plan.name)
        .file_stem()
        .map_or(plan.name.clone(), |s| s.to_string_lossy().into_owned());
    let (answers, problem) = match &plan.answers {
        Some(node) => match answers::from_node(cur, &plan.name, node) {
            Ok(a) => (a, None),
            Err(d) => (
                Default::default(),
                Some(d.first().map_or(String::new(), |d| d.message.clone())),
            ),
        },
        None => (
            Default::default(),
            Some("the plan has no answers".to_string()),
        ),
    };
    let profile = Profile::from_answers(cur, &answers);
    let mut tally = Tally::default();
    let mut per_topic: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for it in &plan.items {
        tally.add(it);
        if let Some(t) = &it.topic {
            let e = per_topic.entry(t).or_default();
            if !it.skipped && (!it.optional || it.done) {
                e.1 += 1;
                if it.done {
                    e.0 += 1;
                }
            }
        }
    }
    let completed = per_topic
        .iter()
        .filter(|(_, (done, total))| *done > 0 && done == total)
        .map(|(t, _)| t.to_string())
        .collect();
    Member {
        plan,
        name: profile.name.clone().unwrap_or(stem),
        goals: crate::plan::goal_labels(cur, &answers, &profile.goals),
        hours_per_week: profile.hours_per_week,
        tally,
        known: profile
            .known
            .iter()
            .map(|&t| cur.topics[t].id.to_string())
            .collect(),
        topics: plan.topics.clone(),
        completed,
        answers_problem: problem,
    }
}

/// The hours the members' plans give a topic: what its required items count for (the plans'
/// own hours, not the curriculum's estimate); the most any member's plan gives it.
fn shared_hours(members: &[Member], topic: &str, who: &[usize]) -> f64 {
    who.iter()
        .map(|&i| {
            members[i]
                .plan
                .items
                .iter()
                .filter(|it| it.topic.as_deref() == Some(topic) && !it.optional && it.id.is_some())
                .map(|it| it.hours)
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

/// The team plan as markdown. Returns the text and the warnings to show.
pub fn team_markdown(cur: &Curriculum, members: &[Member]) -> (String, Vec<String>) {
    let mut warnings = Vec::new();
    let prints: BTreeSet<&str> = members.iter().map(|m| m.plan.curriculum.as_str()).collect();
    if prints.len() > 1 || !prints.contains(cur.fingerprint.as_str()) {
        warnings.push(format!(
            "the plans were made against different curricula ({}; today's is {}); topics are matched by id — `pathwise refresh` brings a plan up to date",
            prints.iter().copied().collect::<Vec<_>>().join(", "),
            cur.fingerprint
        ));
    }
    for m in members {
        if let Some(p) = &m.answers_problem {
            warnings.push(format!(
                "{}: the answers could not be read ({p}); what they know is not used for mentoring",
                m.plan.name
            ));
        }
    }
    let mut out = String::from("# Team learning plan\n\n");
    for w in &warnings {
        let _ = writeln!(out, "> **Warning:** {}\n", md(w));
    }
    out.push_str("## Members\n\n| Member | Goals | Hours a week | Progress |\n|---|---|---|---|\n");
    for m in members {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} of {} items ({}%) |",
            md(&m.name),
            md(&m.goals.join("; ")),
            hours(m.hours_per_week),
            m.tally.done,
            m.tally.total,
            m.tally.percent()
        );
    }
    // Who needs each topic.
    let mut needers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, m) in members.iter().enumerate() {
        for t in &m.topics {
            needers.entry(t).or_default().push(i);
        }
    }
    let title = |id: &str| cur.topic(id).map_or(md(id), |t| md(&cur.topics[t].title));
    let names = |ix: &[usize]| {
        ix.iter()
            .map(|&i| md(&members[i].name))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let shared: BTreeSet<usize> = needers
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .filter_map(|(t, _)| cur.topic(t))
        .collect();
    out.push_str("\n## Shared foundations\n\n");
    if shared.is_empty() {
        out.push_str("No topic is needed by more than one member.\n");
    } else {
        out.push_str("Topics several members need, in an order that respects their prerequisites: learn them together.\n\n");
        for (n, t) in cur.graph.order(&shared).into_iter().enumerate() {
            let id = &cur.topics[t].id;
            let _ = writeln!(
                out,
                "{}. {} ({}, {}) — {}",
                n + 1,
                title(id),
                md(id),
                hours(shared_hours(members, id, &needers[id.as_str()])),
                names(&needers[id.as_str()])
            );
        }
    }
    out.push_str("\n## Own tracks\n");
    for (i, m) in members.iter().enumerate() {
        let own: Vec<&String> = m
            .topics
            .iter()
            .filter(|t| needers[t.as_str()] == [i])
            .collect();
        let _ = writeln!(out, "\n### {}\n", md(&m.name));
        if own.is_empty() {
            out.push_str("Nothing beyond the shared foundations.\n");
        }
        for t in own {
            let done = if m.completed.contains(t) {
                " (done)"
            } else {
                ""
            };
            let _ = writeln!(out, "- {} ({}){done}", title(t), md(t));
        }
    }
    out.push_str("\n## Mentors\n\n");
    let mut pairs = 0;
    // In learning order; topics the curriculum no longer has, last.
    let union: BTreeSet<usize> = needers.keys().filter_map(|t| cur.topic(t)).collect();
    let order = cur.graph.order(&union);
    let mut by_order: Vec<(&str, &Vec<usize>)> = order
        .iter()
        .map(|&t| cur.topics[t].id.as_str())
        .filter_map(|id| needers.get_key_value(id).map(|(k, v)| (*k, v)))
        .collect();
    by_order.extend(
        needers
            .iter()
            .filter(|(t, _)| cur.topic(t).is_none())
            .map(|(t, v)| (*t, v)),
    );
    for (t, ix) in by_order {
        let learners: Vec<usize> = ix
            .iter()
            .copied()
            .filter(|&i| !members[i].completed.contains(t))
            .collect();
        if learners.is_empty() {
            continue;
        }
        let mentors: Vec<String> = members
            .iter()
            .enumerate()
            .filter(|(i, m)| {
                !learners.contains(i) && (m.known.contains(t) || m.completed.contains(t))
            })
            .map(|(_, m)| {
                let how = if m.known.contains(t) {
                    "knows it"
                } else {
                    "has done it"
                };
                format!("{} ({how})", md(&m.name))
            })
            .collect();
        if mentors.is_empty() {
            continue;
        }
        pairs += 1;
        let _ = writeln!(
            out,
            "- {}: {} can help {}",
            title(t),
            mentors.join(", "),
            names(&learners)
        );
    }
    if pairs == 0 {
        out.push_str(
            "Nobody on the team knows or has finished a topic another member still needs.\n",
        );
    }
    let _ = writeln!(
        out,
        "\n## All topics\n\n```mermaid\n{}```",
        crate::diagram::mermaid(cur, &order)
    );
    (out, warnings)
}
