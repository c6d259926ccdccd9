//! The plan as GitHub-flavoured markdown that a person can tick off.
//!
//! The file is front matter (the answers and where the plan came from) and a sequence of blocks,
//! each carrying a hidden marker (see [`super::marker`]): the title, a summary, a section per
//! week, a heading, a line and task items per topic, the prerequisite diagram and an index. Data
//! text is escaped and only http(s) links are written.

use std::fmt::Write as _;

use crate::curriculum::{Curriculum, Status};
use crate::format::{hours, weeks};
use crate::plan::{Plan, Role};
use crate::plan::{deadline_text, goals_text, part_title, pick_hours, why_text};
use crate::planfile::marker::{BlockId, IndexItem, IndexTopic, index_block, item_marker};
use crate::sanitize::markdown as md;

/// The box of a task item as the person left it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Tick {
    /// `[ ]`, or no box at all.
    #[default]
    Open,
    /// `[x]` or `[X]`, kept as written.
    Done(char),
    /// A box pathwise cannot read (`[✓]`, `[x ]`): what is between the brackets, written back
    /// as it was.
    Unreadable(String),
}

impl Tick {
    pub fn is_done(&self) -> bool {
        matches!(self, Tick::Done(_))
    }
}

/// What a person did to an item of an earlier version of the plan.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemState {
    pub tick: Tick,
    /// Struck through.
    pub skipped: bool,
}

/// Where the plan came from, for the front matter.
pub struct Meta<'a> {
    pub created: &'a str,
    pub refreshed: Option<&'a str>,
    /// The curriculum folders that made the plan, relative to the plan's folder.
    pub paths: &'a [String],
    /// Whether the built-in guide was part of the curriculum.
    pub builtin: bool,
}

/// One block of the body: the text pathwise writes for it, marker included.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub id: BlockId,
    pub text: String,
    /// Whether a blank line separates it from the block before (task items of one topic follow
    /// each other directly).
    pub blank_before: bool,
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

/// A link target: only http(s) addresses (the loader guarantees it), with the characters that
/// would end a markdown link (or escape its closing parenthesis) percent-encoded.
fn href(url: &str) -> String {
    crate::sanitize::link_target(url)
}

/// A YAML string: JSON's quoting is valid YAML.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// The value of the `paths:` key of the front matter.
pub fn paths_value(paths: &[String]) -> String {
    format!(
        "[{}]",
        paths
            .iter()
            .map(|p| quoted(p))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// The front matter, from the first `---` to the closing one, each line ending in a newline.
pub fn front_matter(cur: &Curriculum, plan: &Plan, meta: &Meta) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "pathwise: {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "curriculum: {}", cur.fingerprint);
    let _ = writeln!(out, "created: {}", meta.created);
    if let Some(r) = meta.refreshed {
        let _ = writeln!(out, "refreshed: {r}");
    }
    if !meta.paths.is_empty() {
        let _ = writeln!(out, "paths: {}", paths_value(meta.paths));
    }
    if !meta.builtin {
        out.push_str("builtin: false\n");
    }
    out.push_str("answers:\n");
    for line in plan.answers.to_yaml().lines() {
        let _ = writeln!(out, "  {line}");
    }
    out.push_str("---\n");
    out
}

/// The whole file for a new plan.
pub fn render(cur: &Curriculum, plan: &Plan, meta: &Meta) -> String {
    let blocks = blocks(cur, plan, &|_, _| ItemState::default());
    join(&front_matter(cur, plan, meta), &blocks)
}

/// Front matter and blocks as a file.
pub fn join(front: &str, blocks: &[Block]) -> String {
    let mut out =
        String::with_capacity(front.len() + blocks.iter().map(|b| b.text.len() + 2).sum::<usize>());
    out.push_str(front);
    for b in blocks {
        if b.blank_before {
            out.push('\n');
        }
        out.push_str(&b.text);
        out.push('\n');
    }
    out
}

/// The body's blocks in order. `state` gives what the person did to an item (by resource and
/// topic id) in an earlier version of the plan.
pub fn blocks(
    cur: &Curriculum,
    plan: &Plan,
    state: &dyn Fn(&str, &str) -> ItemState,
) -> Vec<Block> {
    let mut out = Vec::new();
    let mut push = |id: BlockId, text: String, blank_before: bool| {
        out.push(Block {
            id,
            text,
            blank_before,
        });
    };
    let title = match &plan.name {
        Some(n) => format!("Learning plan for {}", md(n)),
        None => "Learning plan".to_string(),
    };
    push(
        BlockId::Title,
        format!("# {title} {}", BlockId::Title.marker()),
        true,
    );
    if plan.topics.is_empty() {
        push(
            BlockId::Nothing,
            format!(
                "Nothing to learn: you already know every topic your goals ({}) need. {}",
                md(&goals_text(cur, plan)),
                BlockId::Nothing.marker()
            ),
            true,
        );
        push(BlockId::Index, index_block(&[]), true);
        return out;
    }
    push(
        BlockId::Summary,
        format!(
            "Goals: {} · {} topics · {} · about {} at {} a week. {}",
            md(&goals_text(cur, plan)),
            plan.topics.len(),
            hours(plan.total_hours),
            weeks(plan.weeks),
            hours(plan.hours_per_week),
            BlockId::Summary.marker()
        ),
        true,
    );
    if !plan.skipped.is_empty() {
        let names: Vec<String> = plan
            .skipped
            .iter()
            .map(|&t| md(&cur.topics[t].title))
            .collect();
        push(
            BlockId::Skipped,
            format!(
                "Skipped, because you know them: {}. {}",
                names.join(", "),
                BlockId::Skipped.marker()
            ),
            true,
        );
    }
    if let Some(d) = deadline_text(cur, plan) {
        push(
            BlockId::Deadline,
            format!("{} {}", md(&d), BlockId::Deadline.marker()),
            true,
        );
    }
    push(
        BlockId::HowTo,
        format!(
            "Tick an item with `[x]` when done; strike it through (`~~[Title](url)~~`) to skip it. \
             An item's hours are its reading; a topic's hours add practice. A topic is done \
             when its items are ticked (an alternative may stand in for the main one). \
             Write your own notes and tasks anywhere: `pathwise refresh` rewrites only its own \
             lines, which end in a hidden `pathwise:` marker. {}",
            BlockId::HowTo.marker()
        ),
        true,
    );
    let mut week = 0;
    let mut index = Vec::with_capacity(plan.topics.len());
    for (n, pt) in plan.topics.iter().enumerate() {
        let t = &cur.topics[pt.topic];
        if pt.week != week {
            week = pt.week;
            let id = BlockId::Week(week);
            let marker = id.marker();
            push(id, format!("## Week {week} {marker}"), true);
        }
        let span = if pt.week == pt.end_week {
            format!("week {}", pt.week)
        } else {
            format!("weeks {}–{}", pt.week, pt.end_week)
        };
        let id = BlockId::Topic(t.id.to_string());
        let marker = id.marker();
        push(
            id,
            format!("### {}. {} {marker}", n + 1, md(&t.title)),
            true,
        );
        let id = BlockId::Why(t.id.to_string());
        let marker = id.marker();
        push(
            id,
            format!(
                "_{} · {}{} · {span} · why: {}_ {marker}",
                md(&t.area.id),
                hours(pt.hours),
                if pt.review { " · review" } else { "" },
                md(&why_text(cur, pt))
            ),
            true,
        );
        let mut entry = IndexTopic {
            id: t.id.to_string(),
            area: t.area.id.to_string(),
            week: pt.week,
            end_week: pt.end_week,
            hours: pt.hours,
            ..Default::default()
        };
        for (i, p) in pt.resources.iter().enumerate() {
            let r = &cur.resources[p.resource];
            let id = item_id(&r.id, &t.id, p.part.is_some() || p.continued);
            let st = state(&id, &t.id);
            let link = format!("[{}]({})", md(&r.title), href(&r.url));
            let link = if st.skipped {
                format!("~~{link}~~")
            } else {
                link
            };
            let link = match part_title(cur, p) {
                Some(part) => format!("{link}: {}", md(part)),
                None => link,
            };
            entry.items.push(IndexItem {
                id: id.clone(),
                role: p.role,
                counts: p.counts,
            });
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
            let tick = match &st.tick {
                Tick::Open => " ".to_string(),
                Tick::Done(c) => c.to_string(),
                Tick::Unreadable(s) => s.clone(),
            };
            push(
                BlockId::Item {
                    resource: id.clone(),
                    topic: t.id.to_string(),
                },
                format!(
                    "- [{tick}] {link} — {}, {}{extra} {}",
                    r.kind,
                    pick_hours(cur, p),
                    item_marker(
                        &id,
                        &t.id,
                        &t.area.id,
                        pt.week,
                        p.counts,
                        !p.role.required()
                    ),
                ),
                i == 0,
            );
        }
        if !pt.continues.is_empty() {
            let names: Vec<String> = pt
                .continues
                .iter()
                .map(|&r| md(&cur.resources[r].title))
                .collect();
            entry.continues = pt
                .continues
                .iter()
                .map(|&r| cur.resources[r].id.to_string())
                .collect();
            let id = BlockId::Continues(t.id.to_string());
            let marker = id.marker();
            push(
                id,
                format!(
                    "Continue with: {} (listed above). {marker}",
                    names.join(", ")
                ),
                true,
            );
        }
        if let Some(why) = pt.unresourced_reason(cur) {
            let id = BlockId::Unresourced(t.id.to_string());
            let marker = id.marker();
            push(
                id,
                format!(
                    "{} and add it here as a task (`- [ ] …`); ticking it completes the topic. \
                     {marker}",
                    why.sentence()
                ),
                true,
            );
        }
        index.push(entry);
    }
    push(
        BlockId::Prerequisites,
        format!("## Prerequisites {}", BlockId::Prerequisites.marker()),
        true,
    );
    let order: Vec<usize> = plan.topics.iter().map(|t| t.topic).collect();
    // The marker stands on the line before the fence: the diagram's text stays Mermaid's own.
    push(
        BlockId::Diagram,
        format!(
            "{}\n```mermaid\n{}```",
            BlockId::Diagram.marker(),
            crate::diagram::mermaid(cur, &order)
        ),
        true,
    );
    push(BlockId::Index, index_block(&index), true);
    out
}
