//! The hidden markers that tell pathwise's text in a plan file from the person's.
//!
//! Every block pathwise writes carries a marker: an HTML comment (`<!-- pathwise:… -->`) at its
//! end, invisible when the markdown is shown, or a `%% pathwise:diagram` comment line inside the
//! Mermaid diagram. Only text that carries a marker, or lies inside the block written for it, is
//! pathwise's; everything else in the file is the person's, and is kept.
//!
//! Task items keep the marker they always had, `<!-- pathwise:RESOURCE topic=… area=… week=…
//! hours=… -->`; every other block is named by a word (`<!-- pathwise:week 3 -->`). The index at
//! the end of the file (`<!-- pathwise:index … -->`) lists what the plan holds, so that what a
//! person deletes is noticed instead of silently changing the totals.

use std::fmt::Write as _;
use std::ops::Range;

use crate::format::format_number;
use crate::plan::Role;

/// Which block of a plan a marker names.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BlockId {
    /// `# Learning plan for …`
    Title,
    /// `Goals: … · 12 topics · 62 h · …`
    Summary,
    /// `Skipped, because you know them: …`
    Skipped,
    /// What a deadline left out, or that the plan fits it.
    Deadline,
    /// How to tick, skip and write notes.
    HowTo,
    /// `Nothing to learn: …`
    Nothing,
    /// `## Week N`
    Week(u32),
    /// A topic's heading.
    Topic(String),
    /// The line under a topic's heading: its area, hours, weeks and why it is in the plan.
    Why(String),
    /// `Continue with: …` under a topic.
    Continues(String),
    /// `No listed resource fits …` under a topic.
    Unresourced(String),
    /// A task item: one resource for one topic.
    Item { resource: String, topic: String },
    /// `## Prerequisites`
    Prerequisites,
    /// The Mermaid diagram.
    Diagram,
    /// The index of topics and items at the end.
    Index,
}

impl BlockId {
    /// The topic a block belongs to, if it belongs to one.
    pub fn topic(&self) -> Option<&str> {
        match self {
            BlockId::Topic(t)
            | BlockId::Why(t)
            | BlockId::Continues(t)
            | BlockId::Unresourced(t)
            | BlockId::Item { topic: t, .. } => Some(t),
            _ => None,
        }
    }

    /// The hidden marker of a block that is not an item (items carry [`item_marker`]).
    pub fn marker(&self) -> String {
        match self {
            BlockId::Item { resource, topic } => {
                format!("<!-- pathwise:{resource} topic={topic} -->")
            }
            other => format!("<!-- pathwise:{} -->", other.word()),
        }
    }

    /// The marker's words: `week 3`, `topic numpy-arrays`, `title`.
    fn word(&self) -> String {
        match self {
            BlockId::Title => "title".into(),
            BlockId::Summary => "summary".into(),
            BlockId::Skipped => "skipped".into(),
            BlockId::Deadline => "deadline".into(),
            BlockId::HowTo => "howto".into(),
            BlockId::Nothing => "nothing".into(),
            BlockId::Week(n) => format!("week {n}"),
            BlockId::Topic(t) => format!("topic {t}"),
            BlockId::Why(t) => format!("why {t}"),
            BlockId::Continues(t) => format!("continues {t}"),
            BlockId::Unresourced(t) => format!("unresourced {t}"),
            BlockId::Item { resource, .. } => resource.clone(),
            BlockId::Prerequisites => "prerequisites".into(),
            BlockId::Diagram => "diagram".into(),
            BlockId::Index => "index".into(),
        }
    }

    /// Whether `line` (without its indentation) is where pathwise's text for this block starts:
    /// a person's lines just before a block, in the same paragraph, stay theirs.
    pub fn starts_at(&self, line: &str) -> bool {
        let l = line.trim_start_matches(|c: char| c.is_whitespace() || c == '>');
        let prefix = match self {
            BlockId::Title => "# ",
            BlockId::Summary => "Goals: ",
            BlockId::Skipped => "Skipped, because",
            BlockId::Deadline => return l.starts_with("It fits") || l.starts_with("Left out"),
            BlockId::HowTo => "Tick an item",
            BlockId::Nothing => "Nothing to learn",
            BlockId::Week(_) => "## Week",
            BlockId::Topic(_) => "### ",
            BlockId::Why(_) => return l.starts_with('_') || l.starts_with('*'),
            BlockId::Continues(_) => "Continue with",
            BlockId::Unresourced(_) => "No listed resource",
            BlockId::Item { .. } => return is_bullet(l),
            BlockId::Prerequisites => "## Prerequisites",
            BlockId::Diagram | BlockId::Index => return false,
        };
        l.starts_with(prefix)
    }

    /// A phrase for messages: "the item `mpi` of topic `messages`", "the heading of week 3".
    pub fn describe(&self) -> String {
        match self {
            BlockId::Title => "the title".into(),
            BlockId::Summary => "the summary line".into(),
            BlockId::Skipped => "the line of skipped topics".into(),
            BlockId::Deadline => "the deadline line".into(),
            BlockId::HowTo => "the line on ticking".into(),
            BlockId::Nothing => "the line saying there is nothing to learn".into(),
            BlockId::Week(n) => format!("the heading of week {n}"),
            BlockId::Topic(t) => format!("the heading of topic `{t}`"),
            BlockId::Why(t) => format!("the line under topic `{t}`"),
            BlockId::Continues(t) => format!("the `Continue with` line of topic `{t}`"),
            BlockId::Unresourced(t) => format!("the `No listed resource` line of topic `{t}`"),
            BlockId::Item { resource, topic } if topic.is_empty() => {
                format!("the item `{resource}`")
            }
            BlockId::Item { resource, topic } => {
                format!("the item `{resource}` of topic `{topic}`")
            }
            BlockId::Prerequisites => "the Prerequisites heading".into(),
            BlockId::Diagram => "the diagram".into(),
            BlockId::Index => "the index".into(),
        }
    }
}

/// A list item's bullet: `-`, `*`, `+`, `1.` or `1)` followed by a space (or the line's end).
pub fn is_bullet(l: &str) -> bool {
    let rest = if let Some(r) = l.strip_prefix(['-', '*', '+']) {
        r
    } else {
        let digits = l.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return false;
        }
        match l[digits..].strip_prefix(['.', ')']) {
            Some(r) => r,
            None => return false,
        }
    };
    rest.is_empty() || rest.starts_with([' ', '\t'])
}

/// What an item's marker says about it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemFields {
    pub area: Option<String>,
    pub week: Option<u32>,
    pub hours: Option<f64>,
    /// An alternative or a legacy resource.
    pub optional: bool,
}

/// A marker read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    pub id: BlockId,
    /// For items: what the marker says besides the ids.
    pub item: Option<ItemFields>,
    /// For the index: the text after `pathwise:index`.
    pub rest: String,
}

/// The marker of a task item.
pub fn item_marker(
    resource: &str,
    topic: &str,
    area: &str,
    week: u32,
    hours: f64,
    optional: bool,
) -> String {
    format!(
        "<!-- pathwise:{resource} topic={topic} area={area} week={week} hours={}{} -->",
        format_number(hours),
        if optional { " optional=yes" } else { "" }
    )
}

/// Reads one HTML comment (`<!-- pathwise:… -->`, which may span lines). `None` for a comment
/// that is not a marker pathwise knows: such text stays the person's.
pub fn parse(comment: &str) -> Option<Marker> {
    let inner = comment
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim_start();
    let rest = inner.strip_prefix("pathwise:")?;
    let mut words = rest.split_whitespace();
    let first = words.next()?;
    if first == "index" {
        let after = rest.trim_start().strip_prefix("index").unwrap_or("");
        return Some(Marker {
            id: BlockId::Index,
            item: None,
            rest: after.to_string(),
        });
    }
    let words: Vec<&str> = words.collect();
    if words.iter().any(|w| w.contains('=')) {
        let mut topic = String::new();
        let mut fields = ItemFields::default();
        for w in &words {
            let Some((k, v)) = w.split_once('=') else {
                continue;
            };
            match k {
                "topic" => topic = v.to_string(),
                "area" => fields.area = Some(v.to_string()),
                "week" => fields.week = v.parse().ok(),
                "hours" => fields.hours = hours_of(v),
                "optional" => fields.optional = v == "yes",
                _ => {}
            }
        }
        return Some(Marker {
            id: BlockId::Item {
                resource: first.to_string(),
                topic,
            },
            item: Some(fields),
            rest: String::new(),
        });
    }
    let arg = words.first().map(|s| (*s).to_string());
    let id = match (first, arg) {
        ("title", _) => BlockId::Title,
        ("summary", _) => BlockId::Summary,
        ("skipped", _) => BlockId::Skipped,
        ("deadline", _) => BlockId::Deadline,
        ("howto", _) => BlockId::HowTo,
        ("nothing", _) => BlockId::Nothing,
        ("prerequisites", _) => BlockId::Prerequisites,
        ("diagram", _) => BlockId::Diagram,
        ("week", Some(n)) => BlockId::Week(n.parse().ok()?),
        ("topic", Some(t)) => BlockId::Topic(t),
        ("why", Some(t)) => BlockId::Why(t),
        ("continues", Some(t)) => BlockId::Continues(t),
        ("unresourced", Some(t)) => BlockId::Unresourced(t),
        _ => return None,
    };
    Some(Marker {
        id,
        item: None,
        rest: String::new(),
    })
}

/// Every marker in `text` (an HTML block), with its byte range. Linear in the text.
pub fn find_all(text: &str) -> Vec<(Range<usize>, Marker)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&text.as_bytes()[at..], b"<!--") {
        let start = at + i;
        let Some(j) = memchr::memmem::find(&text.as_bytes()[start + 4..], b"-->") else {
            break;
        };
        let end = start + 4 + j + 3;
        if let Some(m) = parse(&text[start..end]) {
            out.push((start..end, m));
        }
        at = end;
    }
    out
}

/// One item of a topic in the index: its id, its role and the hours it counts for.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexItem {
    pub id: String,
    pub role: Role,
    pub counts: f64,
}

/// One topic of the index: what the plan gave it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexTopic {
    pub id: String,
    pub area: String,
    pub week: u32,
    pub end_week: u32,
    pub hours: f64,
    /// Its items, in the plan's order.
    pub items: Vec<IndexItem>,
    /// Resources listed for an earlier topic that teach this one too.
    pub continues: Vec<String>,
}

impl IndexTopic {
    /// The ids of its items.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|i| i.id.as_str())
    }
}

fn role(s: &str) -> Option<Role> {
    [
        Role::Primary,
        Role::First,
        Role::Alongside,
        Role::Alternative,
        Role::Legacy,
    ]
    .into_iter()
    .find(|r| r.as_str() == s)
}

/// The index block: one line per topic (`topic ID area=… weeks=S-E hours=H
/// items=ROLE:ID:HOURS,… continues=ID,…`).
pub fn index_block(topics: &[IndexTopic]) -> String {
    let mut out = String::from("<!-- pathwise:index\n");
    for t in topics {
        let _ = write!(
            out,
            "topic {} area={} weeks={}-{} hours={}",
            t.id,
            t.area,
            t.week,
            t.end_week,
            format_number(t.hours)
        );
        if !t.items.is_empty() {
            let items: Vec<String> = t
                .items
                .iter()
                .map(|i| format!("{}:{}:{}", i.role.as_str(), i.id, format_number(i.counts)))
                .collect();
            let _ = write!(out, " items={}", items.join(","));
        }
        if !t.continues.is_empty() {
            let _ = write!(out, " continues={}", t.continues.join(","));
        }
        out.push('\n');
    }
    out.push_str("-->");
    out
}

/// Hours as a plan may give them (what a curriculum allows, or none).
fn hours_of(v: &str) -> Option<f64> {
    v.parse::<f64>()
        .ok()
        .filter(|&h| h == 0.0 || crate::curriculum::read::hours_ok(h))
}

/// Reads the index's lines back; what it does not understand is left out.
pub fn parse_index(rest: &str) -> Vec<IndexTopic> {
    let mut out = Vec::new();
    for line in rest.lines() {
        let mut words = line.split_whitespace();
        if words.next() != Some("topic") {
            continue;
        }
        let Some(id) = words.next() else { continue };
        let mut t = IndexTopic {
            id: id.to_string(),
            ..Default::default()
        };
        for w in words {
            let Some((k, v)) = w.split_once('=') else {
                continue;
            };
            match k {
                "area" => t.area = v.to_string(),
                "weeks" => {
                    let (a, b) = v.split_once('-').unwrap_or((v, v));
                    t.week = a.parse().unwrap_or(0);
                    t.end_week = b.parse().unwrap_or(t.week);
                }
                "hours" => t.hours = hours_of(v).unwrap_or(0.0),
                "items" => {
                    t.items = v
                        .split(',')
                        .filter_map(|i| {
                            let mut p = i.splitn(3, ':');
                            let role = role(p.next()?)?;
                            let id = p.next().filter(|s| !s.is_empty())?;
                            Some(IndexItem {
                                id: id.to_string(),
                                role,
                                counts: p.next().and_then(hours_of).unwrap_or(0.0),
                            })
                        })
                        .collect();
                }
                "continues" => {
                    t.continues = v
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect();
                }
                _ => {}
            }
        }
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_round_trip() {
        for id in [
            BlockId::Title,
            BlockId::Summary,
            BlockId::Skipped,
            BlockId::Deadline,
            BlockId::HowTo,
            BlockId::Nothing,
            BlockId::Week(12),
            BlockId::Topic("numpy-arrays".into()),
            BlockId::Why("numpy-arrays".into()),
            BlockId::Continues("numpy-arrays".into()),
            BlockId::Unresourced("numpy-arrays".into()),
            BlockId::Prerequisites,
        ] {
            assert_eq!(parse(&id.marker()).map(|m| m.id), Some(id));
        }
        let m = parse(&item_marker("mpi", "messages", "scale", 2, 5.0, true)).unwrap();
        assert_eq!(
            m.id,
            BlockId::Item {
                resource: "mpi".into(),
                topic: "messages".into()
            }
        );
        assert_eq!(
            m.item,
            Some(ItemFields {
                area: Some("scale".into()),
                week: Some(2),
                hours: Some(5.0),
                optional: true
            })
        );
    }

    #[test]
    fn a_marker_wrapped_over_lines_still_reads() {
        let m = parse("<!-- pathwise:mpi topic=messages\n  area=scale week=2 hours=5 -->").unwrap();
        assert_eq!(m.item.unwrap().week, Some(2));
    }

    #[test]
    fn comments_that_are_not_markers_stay_the_persons() {
        for c in [
            "<!-- my note -->",
            "<!-- pathwise: -->",
            "<!-- pathwise:week three -->",
            "<!-- pathwise:frobnicate -->",
            "<!-- pathwise:topic -->",
        ] {
            assert_eq!(parse(c), None, "{c}");
        }
    }

    #[test]
    fn the_index_round_trips() {
        let t = IndexTopic {
            id: "solvers".into(),
            area: "scale".into(),
            week: 3,
            end_week: 4,
            hours: 8.0,
            items: vec![
                IndexItem {
                    id: "petsc-for-c".into(),
                    role: Role::First,
                    counts: 1.0,
                },
                IndexItem {
                    id: "book/solvers".into(),
                    role: Role::Primary,
                    counts: 7.0,
                },
                IndexItem {
                    id: "solver-course".into(),
                    role: Role::Alternative,
                    counts: 7.0,
                },
            ],
            continues: vec!["lectures".into()],
        };
        let block = index_block(std::slice::from_ref(&t));
        let found = find_all(&block);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.id, BlockId::Index);
        assert_eq!(parse_index(&found[0].1.rest), vec![t]);
    }

    #[test]
    fn bullets() {
        for yes in ["- x", "* x", "+ x", "1. x", "12) x", "-"] {
            assert!(is_bullet(yes), "{yes}");
        }
        for no in ["-x", "x", "1.x", "_a_", "1234567890. x"] {
            assert!(!is_bullet(no), "{no}");
        }
    }
}
