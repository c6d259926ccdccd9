//! Turning curricula and plans into text for people (styled, wrapped) and JSON for programs.

use std::fmt::Write as _;

use console::style;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value as Json, json};

use crate::answers::format_number;
use crate::curriculum::{Area, Curriculum, Resource, Status};
use crate::plan::{Plan, Role};
use crate::sanitize::terminal as safe;

/// The width to wrap text to: the terminal's; when not on a terminal, `COLUMNS` if it is set
/// (as `ls` and clap read it), else 80; always between 40 and 100.
pub fn width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map(|(_, w)| usize::from(w))
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(80)
        .clamp(40, 100)
}

/// `lead` then `text`, wrapped to `width` columns; lines after the first start with `indent`.
/// A word longer than a line (a link) stays whole.
pub fn wrap(text: &str, width: usize, lead: &str, indent: &str) -> String {
    let mut out = lead.to_string();
    let mut col = console::measure_text_width(lead);
    let mut line_empty = true;
    for word in text.split_whitespace() {
        let w = console::measure_text_width(word);
        if !line_empty && col + 1 + w > width {
            out.push('\n');
            out.push_str(indent);
            col = console::measure_text_width(indent);
            line_empty = true;
        }
        if !line_empty {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += w;
        line_empty = false;
    }
    out
}

/// "1 week", "3 weeks".
pub fn weeks(n: u32) -> String {
    if n == 1 {
        "1 week".to_string()
    } else {
        format!("{n} weeks")
    }
}

pub fn hours(h: f64) -> String {
    format!("{} h", format_number((h * 10.0).round() / 10.0))
}

fn weeks_label(start: u32, end: u32) -> String {
    if start == end {
        format!("week {start}")
    } else {
        format!("weeks {start}–{end}")
    }
}

fn status_note(cur: &Curriculum, r: &Resource) -> String {
    match r.status {
        Status::Current => String::new(),
        s => {
            let succ: Vec<String> = r
                .successors()
                .iter()
                .filter_map(|x| cur.resource(&x.id))
                .map(|i| safe(&cur.resources[i].title).into_owned())
                .collect();
            if succ.is_empty() {
                format!(" [{s}]")
            } else {
                format!(" [{s}; use {}]", succ.join(", "))
            }
        }
    }
}

// ── plan ────────────────────────────────────────────────────────────────

pub fn plan_text(cur: &Curriculum, plan: &Plan) -> String {
    let width = width();
    let mut out = String::new();
    let title = match &plan.name {
        Some(n) => format!("Learning plan for {}", safe(n)),
        None => "Learning plan".to_string(),
    };
    let _ = writeln!(out, "{}", style(title).bold());
    if plan.topics.is_empty() {
        let _ = writeln!(
            out,
            "\nNothing to learn: you already know every topic your goals ({}) need. \
             Choose more goals to get a plan.",
            plan.goals.join(", ")
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{}",
        wrap(
            &format!(
                "Goals: {}. {} topics, {} in all: about {} at {} a week.",
                plan.goals.join(", "),
                plan.topics.len(),
                hours(plan.total_hours),
                weeks(plan.weeks),
                hours(plan.hours_per_week),
            ),
            width,
            "",
            ""
        )
    );
    if !plan.skipped.is_empty() {
        let names: Vec<String> = plan
            .skipped
            .iter()
            .map(|&t| safe(&cur.topics[t].title).into_owned())
            .collect();
        let _ = writeln!(
            out,
            "{}",
            wrap(
                &format!("Skipped, because you know them: {}.", names.join(", ")),
                width,
                "",
                ""
            )
        );
    }
    let mut current_week = 0;
    for (n, pt) in plan.topics.iter().enumerate() {
        let t = &cur.topics[pt.topic];
        if pt.week != current_week {
            current_week = pt.week;
            let _ = writeln!(
                out,
                "\n{}",
                style(format!("Week {}", pt.week)).bold().underlined()
            );
        }
        // The title wraps; the area, hours and weeks stay together, after it or below it.
        let number = format!("{}. ", n + 1);
        let title = wrap(
            &style(safe(&t.title)).bold().to_string(),
            width,
            &number,
            "   ",
        );
        let end = console::measure_text_width(title.rsplit('\n').next().unwrap_or(&title));
        let meta = style(format!(
            "({} · {} · {})",
            safe(&t.area.id),
            hours(pt.hours),
            weeks_label(pt.week, pt.end_week)
        ))
        .dim()
        .to_string();
        let gap = if end + 1 + console::measure_text_width(&meta) <= width {
            " "
        } else {
            "\n   "
        };
        let _ = writeln!(out, "\n{title}{gap}{meta}");
        let _ = writeln!(
            out,
            "{}",
            wrap(&format!("why: {}", why_text(cur, pt)), width, "   ", "   ")
        );
        for p in &pt.resources {
            let r = &cur.resources[p.resource];
            let lead = match p.role {
                Role::Primary => "read:",
                Role::Alternative => "or:",
                Role::Legacy => "from the guide:",
            };
            let line = format!(
                "{lead} {} ({}, {}){} {}",
                safe(&r.title),
                r.kind,
                hours(r.hours),
                status_note(cur, r),
                safe(&r.url)
            );
            let _ = writeln!(out, "{}", wrap(&line, width, "   ", "     "));
        }
        if !pt.continues.is_empty() {
            let names: Vec<String> = pt
                .continues
                .iter()
                .map(|&r| safe(&cur.resources[r].title).into_owned())
                .collect();
            let _ = writeln!(
                out,
                "{}",
                wrap(
                    &format!("continue with: {}", names.join(", ")),
                    width,
                    "   ",
                    "     "
                )
            );
        }
        if pt.unresourced() {
            let _ = writeln!(
                out,
                "   {}",
                style(
                    "no listed resource fits your choices; look for one, or allow paid resources"
                )
                .yellow()
            );
        }
    }
    out
}

/// "for goal pde-solvers: mpi4py-basics → pde-solvers (also for scale)"; long chains are
/// shortened to their first steps and their end.
pub fn why_text(cur: &Curriculum, pt: &crate::plan::PlanTopic) -> String {
    let Some(first) = pt.why.goals.first() else {
        return "a prerequisite of your goals".into();
    };
    let w = &pt.why;
    let mut s = if w.steps == 0 {
        format!("part of goal {first}")
    } else {
        let mut ids: Vec<&str> = w.chain.iter().map(|&t| cur.topics[t].id.as_str()).collect();
        if w.steps + 1 > w.chain.len() {
            ids.push("…");
            ids.push(&cur.topics[w.end].id);
        }
        let mut s = format!("for goal {first}: {}", ids.join(" → "));
        if w.steps + 1 > w.chain.len() {
            let _ = write!(s, " ({} steps)", w.steps);
        }
        s
    };
    if w.goals.len() > 1 {
        let _ = write!(s, " (also for {})", w.goals[1..].join(", "));
    }
    s
}

/// The plan as JSON, serialised as it is written: no intermediate tree, so a plan of a hundred
/// thousand topics streams out in constant extra memory.
pub struct PlanJson<'a> {
    pub cur: &'a Curriculum,
    pub plan: &'a Plan,
}

struct Ids<'a, I: Iterator<Item = &'a str> + Clone>(I);

impl<'a, I: Iterator<Item = &'a str> + Clone> Serialize for Ids<'a, I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}

struct TopicJson<'a> {
    cur: &'a Curriculum,
    pt: &'a crate::plan::PlanTopic,
}

struct PickJson<'a> {
    cur: &'a Curriculum,
    pick: &'a crate::plan::Pick,
}

impl Serialize for PickJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = &self.cur.resources[self.pick.resource];
        let mut m = s.serialize_map(Some(8))?;
        m.serialize_entry("id", &r.id)?;
        m.serialize_entry("title", &r.title)?;
        m.serialize_entry("url", &r.url)?;
        m.serialize_entry("kind", &r.kind)?;
        m.serialize_entry("hours", &r.hours)?;
        m.serialize_entry("status", &r.status)?;
        m.serialize_entry(
            "successors",
            &Ids(r.successors().iter().map(|x| x.id.as_str())),
        )?;
        m.serialize_entry(
            "role",
            match self.pick.role {
                Role::Primary => "primary",
                Role::Alternative => "alternative",
                Role::Legacy => "legacy",
            },
        )?;
        m.end()
    }
}

impl Serialize for TopicJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (cur, pt) = (self.cur, self.pt);
        let t = &cur.topics[pt.topic];
        let mut m = s.serialize_map(Some(14))?;
        m.serialize_entry("id", &t.id)?;
        m.serialize_entry("title", &t.title)?;
        m.serialize_entry("area", &t.area.id)?;
        m.serialize_entry("hours", &pt.hours)?;
        m.serialize_entry("week", &pt.week)?;
        m.serialize_entry("end_week", &pt.end_week)?;
        m.serialize_entry("why", &why_text(cur, pt))?;
        m.serialize_entry("goals", &pt.why.goals)?;
        m.serialize_entry(
            "chain",
            &Ids(pt.why.chain.iter().map(|&c| cur.topics[c].id.as_str())),
        )?;
        m.serialize_entry("chain_end", &cur.topics[pt.why.end].id)?;
        m.serialize_entry("chain_steps", &pt.why.steps)?;
        let picks: Vec<PickJson> = pt
            .resources
            .iter()
            .map(|pick| PickJson { cur, pick })
            .collect();
        m.serialize_entry("resources", &picks)?;
        m.serialize_entry(
            "continues",
            &Ids(pt.continues.iter().map(|&r| cur.resources[r].id.as_str())),
        )?;
        m.serialize_entry("unresourced", &pt.unresourced())?;
        m.end()
    }
}

struct TopicsJson<'a> {
    cur: &'a Curriculum,
    plan: &'a Plan,
}

impl Serialize for TopicsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.plan
                .topics
                .iter()
                .map(|pt| TopicJson { cur: self.cur, pt }),
        )
    }
}

impl Serialize for PlanJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (cur, plan) = (self.cur, self.plan);
        let mut m = s.serialize_map(Some(10))?;
        m.serialize_entry("name", &plan.name)?;
        m.serialize_entry("answers", &plan.answers.to_json())?;
        m.serialize_entry("goals", &plan.goals)?;
        m.serialize_entry("hours_per_week", &plan.hours_per_week)?;
        m.serialize_entry(
            "known",
            &Ids(plan.known.iter().map(|&t| cur.topics[t].id.as_str())),
        )?;
        m.serialize_entry(
            "skipped",
            &Ids(plan.skipped.iter().map(|&t| cur.topics[t].id.as_str())),
        )?;
        m.serialize_entry("topics", &TopicsJson { cur, plan })?;
        m.serialize_entry("total_hours", &plan.total_hours)?;
        m.serialize_entry("weeks", &plan.weeks)?;
        m.serialize_entry("curriculum", &cur.fingerprint)?;
        m.end()
    }
}

// ── lists and details ───────────────────────────────────────────────────

pub fn topics_json(cur: &Curriculum, topics: &[usize]) -> Json {
    Json::Array(
        topics
            .iter()
            .map(|&i| {
                let t = &cur.topics[i];
                json!({
                    "id": t.id,
                    "title": t.title,
                    "area": t.area.id,
                    "requires": t.requires.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
                    "hours": t.hours,
                    "summary": t.summary,
                    "resources": cur.resources_for(i).iter().map(|&r| cur.resources[r].id.as_str()).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}

pub fn topics_text(cur: &Curriculum, topics: &[usize]) -> String {
    let mut out = String::new();
    let idw = topics
        .iter()
        .map(|&i| cur.topics[i].id.len())
        .max()
        .unwrap_or(0);
    let mut area = None;
    for &i in topics {
        let t = &cur.topics[i];
        if area != Some(&t.area.id) {
            area = Some(&t.area.id);
            let a = cur.area_of(i);
            let _ = writeln!(
                out,
                "{}{} {}",
                if out.is_empty() { "" } else { "\n" },
                style(safe(&a.id)).bold(),
                style(safe(&a.title)).dim()
            );
        }
        let _ = writeln!(
            out,
            "  {:<idw$}  {:>6}  {}",
            safe(&t.id),
            hours(t.hours),
            safe(&t.title)
        );
    }
    out
}

pub fn resources_json(cur: &Curriculum) -> Json {
    Json::Array(
        cur.resources
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "title": r.title,
                    "url": r.url,
                    "kind": r.kind,
                    "level": r.level,
                    "cost": r.cost,
                    "hours": r.hours,
                    "status": r.status,
                    "successors": r.successors().iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
                    "from_guide": r.from_guide(),
                    "guide_url": r.guide_url(),
                    "version": r.version(),
                    "teaches": r.teaches.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
                    "audience": r.audience().iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
                    "summary": r.summary(),
                    "note": r.note(),
                })
            })
            .collect(),
    )
}

pub fn resources_text(cur: &Curriculum) -> String {
    let mut out = String::new();
    let idw = cur.resources.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in &cur.resources {
        let _ = writeln!(
            out,
            "{:<idw$}  {:<13}  {}{}{}",
            safe(&r.id),
            r.kind.as_str(),
            safe(&r.title),
            status_note(cur, r),
            if r.from_guide().is_some() {
                style(" (guide)").dim().to_string()
            } else {
                String::new()
            }
        );
    }
    out
}

fn id_list(cur: &Curriculum, ids: impl IntoIterator<Item = usize>) -> String {
    let v: Vec<String> = ids
        .into_iter()
        .map(|i| safe(&cur.topics[i].id).into_owned())
        .collect();
    if v.is_empty() {
        "nothing".into()
    } else {
        v.join(", ")
    }
}

pub fn topic_detail(cur: &Curriculum, i: usize) -> String {
    let width = width();
    let t = &cur.topics[i];
    let a = cur.area_of(i);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}",
        style(safe(&t.title)).bold(),
        style(format!("(topic {})", safe(&t.id))).dim()
    );
    let _ = writeln!(out, "area:        {} — {}", safe(&a.id), safe(&a.title));
    let _ = writeln!(out, "hours:       {}", hours(t.hours));
    let requires = t.requires.iter().filter_map(|r| cur.topic(&r.id));
    let _ = writeln!(
        out,
        "{}",
        wrap(
            &id_list(cur, requires),
            width,
            "requires:    ",
            "             "
        )
    );
    let _ = writeln!(
        out,
        "{}",
        wrap(
            &id_list(cur, cur.graph.required_by(i).iter().copied()),
            width,
            "required by: ",
            "             "
        )
    );
    let _ = writeln!(out, "defined in:  {}", safe(cur.file_name(t.origin)));
    let _ = writeln!(out, "\n{}", wrap(&safe(&t.summary), width, "", ""));
    let rs = cur.resources_for(i);
    let _ = writeln!(out, "\n{}", style("Resources").bold());
    if rs.is_empty() {
        let _ = writeln!(out, "  none yet");
    }
    for &r in rs {
        let res = &cur.resources[r];
        let _ = writeln!(
            out,
            "{}",
            wrap(
                &format!(
                    "{} — {} ({}){} {}",
                    safe(&res.id),
                    safe(&res.title),
                    res.kind,
                    status_note(cur, res),
                    safe(&res.url)
                ),
                width,
                "  ",
                "    "
            )
        );
    }
    out
}

pub fn resource_detail(cur: &Curriculum, r: usize) -> String {
    let width = width();
    let res = &cur.resources[r];
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}",
        style(safe(&res.title)).bold(),
        style(format!("(resource {})", safe(&res.id))).dim()
    );
    let _ = writeln!(out, "url:        {}", safe(&res.url));
    if let Some(u) = &res.guide_url() {
        let _ = writeln!(out, "guide url:  {}", safe(u));
    }
    let _ = writeln!(out, "kind:       {}, {}, {}", res.kind, res.level, res.cost);
    let _ = writeln!(out, "hours:      {}", hours(res.hours));
    let _ = writeln!(out, "status:     {}", res.status);
    if !res.successors().is_empty() {
        let s: Vec<String> = res
            .successors()
            .iter()
            .map(|s| safe(&s.id).into_owned())
            .collect();
        let _ = writeln!(out, "successors: {}", s.join(", "));
    }
    if let Some(v) = &res.version() {
        let _ = writeln!(out, "version:    {}", safe(v));
    }
    let _ = writeln!(
        out,
        "from guide: {}",
        res.from_guide()
            .map_or("no (added since the guide)".into(), |s| safe(s)
                .into_owned())
    );
    let t: Vec<String> = res
        .teaches
        .iter()
        .map(|s| safe(&s.id).into_owned())
        .collect();
    let _ = writeln!(out, "teaches:    {}", t.join(", "));
    if !res.audience().is_empty() {
        let a: Vec<String> = res
            .audience()
            .iter()
            .map(|s| safe(&s.id).into_owned())
            .collect();
        let _ = writeln!(out, "audience:   {}", a.join(", "));
    }
    let _ = writeln!(out, "defined in: {}", safe(cur.file_name(res.origin)));
    if let Some(s) = &res.summary() {
        let _ = writeln!(out, "\n{}", wrap(&safe(s), width, "", ""));
    }
    if let Some(n) = &res.note() {
        let _ = writeln!(
            out,
            "\n{}",
            wrap(&format!("Note: {}", safe(n)), width, "", "")
        );
    }
    out
}

// ── diagrams ────────────────────────────────────────────────────────────

fn mermaid_id(id: &str) -> String {
    id.replace('-', "_")
}

fn mermaid_label(s: &str) -> String {
    safe(s).replace('"', "#quot;").replace(['<', '>'], "")
}

/// How a diagram format writes its parts.
struct Diagram {
    header: &'static str,
    footer: &'static str,
    group_start: fn(&Area) -> String,
    group_end: &'static str,
    node: fn(&crate::curriculum::Topic) -> String,
    edge: fn(&str, &str) -> String,
}

/// The given topics (in the order given), grouped by area, and the prerequisite edges between
/// them.
fn diagram(cur: &Curriculum, topics: &[usize], d: &Diagram) -> String {
    let mut out = String::from(d.header);
    let in_set: std::collections::BTreeSet<usize> = topics.iter().copied().collect();
    for (ai, a) in cur.areas.iter().enumerate() {
        let members: Vec<usize> = topics
            .iter()
            .copied()
            .filter(|&t| cur.area(&cur.topics[t].area.id) == Some(ai))
            .collect();
        if members.is_empty() {
            continue;
        }
        out.push_str(&(d.group_start)(a));
        for t in members {
            out.push_str(&(d.node)(&cur.topics[t]));
        }
        out.push_str(d.group_end);
    }
    for &t in topics {
        for &p in cur.graph.requires(t) {
            if in_set.contains(&p) {
                out.push_str(&(d.edge)(&cur.topics[p].id, &cur.topics[t].id));
            }
        }
    }
    out.push_str(d.footer);
    out
}

/// A Mermaid flowchart of the given topics and their prerequisites, grouped by area.
pub fn mermaid(cur: &Curriculum, topics: &[usize]) -> String {
    diagram(
        cur,
        topics,
        &Diagram {
            header: "flowchart LR\n",
            footer: "",
            group_start: |a| {
                format!(
                    "  subgraph {}[\"{}\"]\n",
                    mermaid_id(&format!("area-{}", a.id)),
                    mermaid_label(&a.title)
                )
            },
            group_end: "  end\n",
            node: |t| {
                format!(
                    "    {}[\"{}\"]\n",
                    mermaid_id(&t.id),
                    mermaid_label(&t.title)
                )
            },
            edge: |from, to| format!("  {} --> {}\n", mermaid_id(from), mermaid_id(to)),
        },
    )
}

fn dot_quote(s: &str) -> String {
    format!("\"{}\"", safe(s).replace('\\', "\\\\").replace('"', "\\\""))
}

/// A Graphviz digraph of the given topics and their prerequisites, clustered by area.
pub fn dot(cur: &Curriculum, topics: &[usize]) -> String {
    diagram(
        cur,
        topics,
        &Diagram {
            header: "digraph pathwise {\n  rankdir=LR;\n  node [shape=box];\n",
            footer: "}\n",
            group_start: |a| {
                format!(
                    "  subgraph {} {{\n    label={};\n",
                    dot_quote(&format!("cluster_{}", a.id)),
                    dot_quote(&a.title)
                )
            },
            group_end: "  }\n",
            node: |t| {
                format!(
                    "    {} [label={}];\n",
                    dot_quote(&t.id),
                    dot_quote(&t.title)
                )
            },
            edge: |from, to| format!("  {} -> {};\n", dot_quote(from), dot_quote(to)),
        },
    )
}
