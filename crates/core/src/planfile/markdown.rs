//! The plan as GitHub-flavoured markdown that a person can tick off. Every task item carries a
//! hidden, stable marker (`<!-- pathwise:ID topic=… week=… hours=… -->`) so that ticks survive
//! hand edits and refreshes; data text is escaped and only http(s) links are written.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::curriculum::{Curriculum, Status};
use crate::format::format_number;
use crate::format::{hours, weeks};
use crate::plan::{Plan, Role};
use crate::plan::{deadline_text, goals_text, part_title, pick_hours, why_text};
use crate::sanitize::markdown as md;

/// What a person did to an item of an earlier version of the plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemState {
    pub done: bool,
    pub skipped: bool,
    /// Their own text after the item's marker.
    pub tail: String,
}

/// Where a person's own lines stood: after an item, after a topic's heading, or nowhere known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Anchor {
    Resource(String),
    Topic(String),
    Top,
}

/// Lines a person wrote, grouped by the item or topic they followed.
pub type Notes = Vec<(Anchor, Vec<String>)>;

/// What a refresh carries over from the old file.
#[derive(Debug, Clone, Default)]
pub struct Carry {
    pub states: BTreeMap<String, ItemState>,
    pub notes: Notes,
}

pub struct Meta<'a> {
    pub created: &'a str,
    pub refreshed: Option<&'a str>,
}

/// A link target: only http(s) addresses (the loader guarantees it), with the characters that
/// would end a markdown link escaped.
fn href(url: &str) -> String {
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return String::from("#");
    }
    url.replace('(', "%28")
        .replace(')', "%29")
        .replace(' ', "%20")
        .replace('<', "%3C")
        .replace('>', "%3E")
}

/// The marker that identifies an item.
/// Optional items (alternatives, legacy resources) carry `optional=yes`: they count towards
/// progress only once ticked.
pub fn marker(
    resource: &str,
    topic: &str,
    area: &str,
    week: u32,
    h: f64,
    optional: bool,
) -> String {
    format!(
        "<!-- pathwise:{resource} topic={topic} area={area} week={week} hours={}{} -->",
        format_number(h),
        if optional { " optional=yes" } else { "" }
    )
}

/// The id of an item in a plan file: the resource's id, or `resource/topic` for the part of a
/// resource assigned to one topic, or its continuation in a later topic (a resource can have an
/// item in several topics).
pub fn item_id(resource: &str, topic: &str, part: bool) -> String {
    if part {
        format!("{resource}/{topic}")
    } else {
        resource.to_string()
    }
}

/// The resource an item id names (see [`item_id`]).
pub fn item_resource(id: &str) -> &str {
    id.split_once('/').map_or(id, |(r, _)| r)
}

pub fn topic_marker(topic: &str) -> String {
    format!("<!-- pathwise:topic {topic} -->")
}

pub fn render(cur: &Curriculum, plan: &Plan, meta: &Meta, carry: Option<&Carry>) -> String {
    let mut out = String::new();
    // Front matter.
    out.push_str("---\n");
    let _ = writeln!(out, "pathwise: {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "curriculum: {}", cur.fingerprint);
    let _ = writeln!(out, "created: {}", meta.created);
    if let Some(r) = meta.refreshed {
        let _ = writeln!(out, "refreshed: {r}");
    }
    out.push_str("answers:\n");
    for line in plan.answers.to_yaml().lines() {
        let _ = writeln!(out, "  {line}");
    }
    out.push_str("---\n\n");

    let title = match &plan.name {
        Some(n) => format!("Learning plan for {}", md(n)),
        None => "Learning plan".to_string(),
    };
    let _ = writeln!(out, "# {title}\n");
    if plan.topics.is_empty() {
        let _ = writeln!(
            out,
            "Nothing to learn: you already know every topic your goals ({}) need.",
            md(&goals_text(plan))
        );
        return out;
    }
    let _ = writeln!(
        out,
        "Goals: {} · {} topics · {} · about {} at {} a week.\n",
        md(&goals_text(plan)),
        plan.topics.len(),
        hours(plan.total_hours),
        weeks(plan.weeks),
        hours(plan.hours_per_week)
    );
    if !plan.skipped.is_empty() {
        let names: Vec<String> = plan
            .skipped
            .iter()
            .map(|&t| md(&cur.topics[t].title))
            .collect();
        let _ = writeln!(
            out,
            "Skipped, because you know them: {}.\n",
            names.join(", ")
        );
    }
    if let Some(d) = deadline_text(cur, plan) {
        let _ = writeln!(out, "{}\n", md(&d));
    }
    let _ = writeln!(
        out,
        "Tick an item with `[x]` when done; strike it through (`~~[Title](url)~~`) to skip it. \
         Add your own notes on lines of their own: `pathwise refresh` keeps them.\n"
    );
    let mut week = 0;
    for (n, pt) in plan.topics.iter().enumerate() {
        let t = &cur.topics[pt.topic];
        if pt.week != week {
            week = pt.week;
            let _ = writeln!(out, "## Week {week}\n");
        }
        let weeks = if pt.week == pt.end_week {
            format!("week {}", pt.week)
        } else {
            format!("weeks {}–{}", pt.week, pt.end_week)
        };
        let _ = writeln!(
            out,
            "### {}. {} {}\n",
            n + 1,
            md(&t.title),
            topic_marker(&t.id)
        );
        let _ = writeln!(
            out,
            "_{} · {} · {weeks} · why: {}_\n",
            md(&t.area.id),
            hours(pt.hours),
            md(&why_text(cur, pt))
        );
        for p in &pt.resources {
            let r = &cur.resources[p.resource];
            let id = item_id(&r.id, &t.id, p.part.is_some() || p.continued);
            let state = carry
                .and_then(|c| c.states.get(id.as_str()))
                .cloned()
                .unwrap_or_default();
            let link = format!("[{}]({})", md(&r.title), href(&r.url));
            let link = if state.skipped {
                format!("~~{link}~~")
            } else {
                link
            };
            let link = match part_title(cur, p) {
                Some(part) => format!("{link}: {}", md(part)),
                None => link,
            };
            let mut extra = String::new();
            match p.role {
                Role::Primary => {}
                Role::First => extra.push_str(" · read first"),
                Role::Alongside => extra.push_str(" · read alongside"),
                Role::Alternative => extra.push_str(" · alternative"),
                Role::Legacy => {
                    let succ: Vec<String> = r
                        .successors()
                        .iter()
                        .filter_map(|s| cur.resource(&s.id))
                        .map(|i| md(&cur.resources[i].title))
                        .collect();
                    let _ = write!(extra, " · {}; use {} instead", r.status, succ.join(", "));
                }
            }
            if r.status == Status::Unmaintained {
                extra.push_str(" · unmaintained");
            }
            let _ = writeln!(
                out,
                "- [{}] {link} — {}, {}{extra} {}{}",
                if state.done { "x" } else { " " },
                r.kind,
                pick_hours(cur, p),
                marker(
                    &id,
                    &t.id,
                    &t.area.id,
                    pt.week,
                    p.counts,
                    !p.role.required()
                ),
                state.tail
            );
        }
        if !pt.continues.is_empty() {
            let names: Vec<String> = pt
                .continues
                .iter()
                .map(|&r| md(&cur.resources[r].title))
                .collect();
            let _ = writeln!(out, "\nContinue with: {} (listed above).", names.join(", "));
        }
        if pt.unresourced() {
            let _ = writeln!(
                out,
                "\nNo listed resource fits your choices; find one and add it here."
            );
        }
        out.push('\n');
    }
    let order: Vec<usize> = plan.topics.iter().map(|t| t.topic).collect();
    let _ = writeln!(
        out,
        "## Prerequisites\n\n```mermaid\n{}```",
        crate::diagram::mermaid(cur, &order)
    );
    match carry {
        Some(c) if !c.notes.is_empty() => insert_notes(&out, c),
        _ => out,
    }
}

/// Puts a person's own lines back after the item or topic they followed; lines whose anchor is
/// gone go to a section at the end, so nothing they wrote is lost.
fn insert_notes(text: &str, carry: &Carry) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let mut orphans: Vec<&str> = Vec::new();
    // Insert from the last anchor position backwards so indices stay valid.
    let mut placed: Vec<(usize, &Vec<String>)> = Vec::new();
    for (anchor, note) in &carry.notes {
        let at = match anchor {
            Anchor::Resource(id) => {
                let m = format!("<!-- pathwise:{id} ");
                lines
                    .iter()
                    .position(|l| l.starts_with("- [") && l.contains(&m))
            }
            Anchor::Topic(id) => {
                let m = topic_marker(id);
                // After the topic's heading and its why line.
                lines
                    .iter()
                    .position(|l| l.starts_with("### ") && l.contains(&m))
                    .map(|i| (i + 2).min(lines.len() - 1))
            }
            Anchor::Top => lines.iter().position(|l| l.starts_with("# ")),
        };
        match at {
            Some(i) => placed.push((i, note)),
            None => orphans.extend(note.iter().map(String::as_str)),
        }
    }
    placed.sort_by_key(|(i, _)| std::cmp::Reverse(*i));
    for (i, note) in placed {
        for (k, l) in note.iter().enumerate() {
            lines.insert(i + 1 + k, l.clone());
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    if !orphans.is_empty() {
        out.push_str("\n## Notes kept from an earlier version\n\n");
        for l in orphans {
            out.push_str(l);
            out.push('\n');
        }
    }
    out
}
