//! Reading a plan file back: its front matter, its task items (with pulldown-cmark, not
//! regexes), and the lines a person added by hand.

use std::collections::BTreeMap;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Sources};
use crate::error::LoadError;
use crate::planfile::markdown::{Anchor, ItemState, Notes};
use crate::yaml::{self, Node, Value};

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The resource id from the item's marker; `None` for a person's own task.
    pub id: Option<String>,
    pub topic: Option<String>,
    pub area: Option<String>,
    pub week: Option<u32>,
    pub hours: f64,
    pub done: bool,
    pub skipped: bool,
    /// An alternative or legacy resource: it counts only once ticked.
    pub optional: bool,
    pub title: String,
    pub url: Option<String>,
    /// 1-based line in the file.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct PlanFile {
    pub name: String,
    pub text: String,
    pub version: String,
    pub curriculum: String,
    pub created: String,
    /// The `answers` mapping of the front matter, positions relative to the whole file.
    pub answers: Option<Node>,
    pub items: Vec<Item>,
    pub notes: Notes,
    /// Text after an item's marker, by resource id.
    pub tails: BTreeMap<String, String>,
    /// Where the body starts (0-based line index).
    pub body_line: usize,
    /// The plan's topics, from their headings, in file order.
    pub topics: Vec<String>,
}

impl PlanFile {
    pub fn states(&self) -> BTreeMap<String, ItemState> {
        let mut out = BTreeMap::new();
        for it in &self.items {
            if let Some(id) = &it.id {
                let st = out.entry(id.clone()).or_insert_with(ItemState::default);
                st.done |= it.done;
                st.skipped |= it.skipped;
                if let Some(t) = self.tails.get(id) {
                    st.tail = t.clone();
                }
            }
        }
        out
    }

    pub fn sources(&self) -> Sources {
        let mut s = Sources::default();
        s.insert(&self.name, &self.text);
        s
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
    let text = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n");
    let mut lines = text.split('\n');
    if lines.next() != Some("---") {
        return Err(not_a_plan(
            name,
            &text,
            "it has no front matter (a first line of `---`)",
        ));
    }
    let mut front = String::new();
    let mut body_line = None;
    for (i, l) in lines.enumerate() {
        if l == "---" {
            body_line = Some(i + 2);
            break;
        }
        front.push_str(l);
        front.push('\n');
    }
    let Some(body_line) = body_line else {
        return Err(not_a_plan(
            name,
            &text,
            "its front matter never ends (no closing `---` line)",
        ));
    };
    let root = match yaml::parse(&front) {
        Ok(Some(r)) => r,
        Ok(None) => return Err(not_a_plan(name, &text, "its front matter is empty")),
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
            s.insert(name, &text);
            return Err(LoadError::new(vec![d], s));
        }
    };
    let root = shift(root, 1);
    let Value::Map(entries) = &root.value else {
        return Err(not_a_plan(name, &text, "its front matter is not a mapping"));
    };
    let get = |k: &str| {
        entries
            .iter()
            .find(|(key, _)| key.value == Value::Str(k.into()))
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
            &text,
            "its front matter has no `pathwise:` key",
        ));
    }
    let answers = get("answers").cloned();
    let body: String = text
        .split('\n')
        .skip(body_line)
        .collect::<Vec<_>>()
        .join("\n");
    let items = parse_items(&body, body_line);
    let (notes, tails) = hand_written(&body);
    let topics = body
        .split('\n')
        .filter(|l| l.starts_with("### "))
        .filter_map(|l| {
            l.split_once("<!-- pathwise:topic ")
                .and_then(|(_, r)| r.split_whitespace().next())
        })
        .map(String::from)
        .collect();
    Ok(PlanFile {
        name: name.to_string(),
        version: text_of("pathwise"),
        curriculum: text_of("curriculum"),
        created: text_of("created"),
        answers,
        items,
        notes,
        tails,
        body_line,
        topics,
        text,
    })
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

/// Parses `<!-- pathwise:ID key=value … -->`.
pub fn parse_marker(html: &str) -> Option<(String, BTreeMap<String, String>)> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let rest = inner.strip_prefix("pathwise:")?;
    let mut parts = rest.split_whitespace();
    let id = parts.next()?.to_string();
    let kv = parts
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Some((id, kv))
}

#[derive(Default)]
struct Building {
    task: Option<bool>,
    skipped: bool,
    marker: Option<(String, BTreeMap<String, String>)>,
    title: String,
    url: Option<String>,
    line: usize,
    in_link: bool,
}

fn parse_items(body: &str, body_line: usize) -> Vec<Item> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&s| s <= offset) + body_line;
    let parser = Parser::new_ext(
        body,
        Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH,
    );
    let mut stack: Vec<Building> = Vec::new();
    let mut strike_depth = 0usize;
    let mut items = Vec::new();
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Item) => stack.push(Building {
                line: line_of(range.start),
                ..Default::default()
            }),
            Event::End(TagEnd::Item) => {
                if let Some(b) = stack.pop()
                    && let Some(done) = b.task
                {
                    let (id, kv) = match b.marker {
                        Some((id, kv)) => (Some(id), kv),
                        None => (None, BTreeMap::new()),
                    };
                    items.push(Item {
                        id,
                        topic: kv.get("topic").cloned(),
                        area: kv.get("area").cloned(),
                        week: kv.get("week").and_then(|w| w.parse().ok()),
                        hours: kv
                            .get("hours")
                            .and_then(|h| h.parse::<f64>().ok())
                            // What a curriculum allows (1e308 would make totals infinite).
                            .filter(|&h| h == 0.0 || crate::curriculum::read::hours_ok(h))
                            .unwrap_or(0.0),
                        done,
                        skipped: b.skipped,
                        optional: kv.get("optional").is_some_and(|v| v == "yes"),
                        title: b.title.trim().to_string(),
                        url: b.url,
                        line: b.line,
                    });
                }
            }
            Event::TaskListMarker(checked) => {
                if let Some(b) = stack.last_mut() {
                    b.task = Some(checked);
                }
            }
            Event::Start(Tag::Strikethrough) => strike_depth += 1,
            Event::End(TagEnd::Strikethrough) => strike_depth = strike_depth.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(b) = stack.last_mut() {
                    if b.url.is_none() {
                        b.url = Some(dest_url.to_string());
                        b.in_link = true;
                    }
                    if strike_depth > 0 {
                        b.skipped = true;
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(b) = stack.last_mut() {
                    b.in_link = false;
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(b) = stack.last_mut() {
                    if strike_depth > 0 && b.task.is_some() && b.url.is_none() {
                        b.skipped = true;
                    }
                    if b.in_link || b.url.is_none() {
                        b.title.push_str(&t);
                    }
                }
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                if let Some(b) = stack.last_mut()
                    && b.marker.is_none()
                {
                    b.marker = parse_marker(&h);
                }
            }
            _ => {}
        }
    }
    items
}

/// Whether a body line is one pathwise writes (and so can write again).
fn generated(line: &str) -> bool {
    let l = line.trim_end();
    l.is_empty()
        || l.starts_with("# Learning plan")
        || l.starts_with("## Week ")
        || l == "## Prerequisites"
        || l == "## Notes kept from an earlier version"
        || (l.starts_with("### ") && l.contains("<!-- pathwise:topic "))
        || (l.starts_with("- [") && l.contains("<!-- pathwise:"))
        || (l.starts_with('_') && l.contains(" · why: "))
        || l.starts_with("Goals: ")
        || l.starts_with("Skipped, because you know them: ")
        || l.starts_with("Tick an item with `[x]` when done")
        || l.starts_with("Continue with: ")
        || l.starts_with("No listed resource fits your choices")
        || l.starts_with("Nothing to learn: ")
}

/// The lines a person wrote, each group with the item or topic it followed, and text they added
/// after an item's marker.
fn hand_written(body: &str) -> (Notes, BTreeMap<String, String>) {
    let mut notes: Vec<(Anchor, Vec<String>)> = Vec::new();
    let mut tails = BTreeMap::new();
    let mut anchor = Anchor::Top;
    let mut group: Vec<String> = Vec::new();
    let mut in_mermaid = false;
    let mut prev_blank = false;
    let flush =
        |group: &mut Vec<String>, anchor: &Anchor, notes: &mut Vec<(Anchor, Vec<String>)>| {
            while group.last().is_some_and(|l| l.trim().is_empty()) {
                group.pop();
            }
            if group.iter().any(|l| !l.trim().is_empty()) {
                notes.push((anchor.clone(), std::mem::take(group)));
            }
            group.clear();
        };
    for line in body.split('\n') {
        if in_mermaid {
            if line.trim_end() == "```" {
                in_mermaid = false;
            }
            continue;
        }
        if line.trim_end() == "```mermaid" {
            flush(&mut group, &anchor, &mut notes);
            in_mermaid = true;
            continue;
        }
        if generated(line) {
            if line.trim().is_empty() {
                if !group.is_empty() {
                    group.push(String::new());
                }
                prev_blank = true;
                continue;
            }
            flush(&mut group, &anchor, &mut notes);
            if let Some(i) = line.find("<!-- pathwise:") {
                let end = line[i..].find("-->").map(|e| i + e + 3);
                let marker = end.and_then(|e| parse_marker(&line[i..e]));
                match marker {
                    // `### 3. Title <!-- pathwise:topic ID -->`
                    Some(_) if line.starts_with("### ") => {
                        if let Some(topic) = line[i..]
                            .strip_prefix("<!-- pathwise:topic ")
                            .and_then(|r| r.split_whitespace().next())
                        {
                            anchor = Anchor::Topic(topic.to_string());
                        }
                    }
                    Some((id, _)) => {
                        let tail = end.map(|e| line[e..].to_string()).unwrap_or_default();
                        if !tail.trim().is_empty() {
                            tails.insert(id.clone(), tail);
                        }
                        anchor = Anchor::Resource(id);
                    }
                    None => {}
                }
            }
            prev_blank = false;
            continue;
        }
        if group.is_empty() && prev_blank {
            group.push(String::new());
        }
        group.push(line.to_string());
        prev_blank = false;
    }
    flush(&mut group, &anchor, &mut notes);
    (notes, tails)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "---\npathwise: 0.1.0\ncurriculum: abc\ncreated: 2026-01-01\nanswers:\n  goals: [\"learn\"]\n---\n\n# Learning plan\n\n## Week 1\n\n### 1. Basics <!-- pathwise:topic basics -->\n\n_learn · 2 h · week 1 · why: part of goal learn_\n\n- [x] [A book](https://example.org/book) — book, 4 h <!-- pathwise:book topic=basics area=learn week=1 hours=4 --> read ch. 1\n- [ ] ~~[Other](https://example.org/o)~~ — tutorial, 1 h <!-- pathwise:other topic=basics area=learn week=1 hours=1 -->\nMy own note.\n- [ ] my own task\n";

    #[test]
    fn reads_items_ticks_skips_and_markers() {
        let p = read("p.md", PLAN.as_bytes()).unwrap();
        assert_eq!(p.created, "2026-01-01");
        assert_eq!(p.items.len(), 3);
        let book = &p.items[0];
        assert_eq!(book.id.as_deref(), Some("book"));
        assert!(book.done && !book.skipped);
        assert_eq!(book.hours, 4.0);
        assert_eq!(book.week, Some(1));
        assert_eq!(book.title, "A book");
        assert_eq!(book.line, 17);
        assert!(p.items[1].skipped && !p.items[1].done);
        assert_eq!(p.items[2].id, None);
    }

    #[test]
    fn finds_hand_written_lines_and_tails() {
        let p = read("p.md", PLAN.as_bytes()).unwrap();
        assert_eq!(p.tails.get("book").map(String::as_str), Some(" read ch. 1"));
        assert_eq!(
            p.notes,
            vec![(
                Anchor::Resource("other".into()),
                vec!["My own note.".into(), "- [ ] my own task".into()]
            )]
        );
    }

    #[test]
    fn files_that_are_not_plans_are_refused() {
        for bad in [
            "",
            "# Notes\n",
            "---\ntitle: x\n---\n",
            "---\npathwise: 1\n",
            "\u{0}\u{1}binary",
        ] {
            let e = read("x.md", bad.as_bytes()).unwrap_err();
            assert!(
                e.render().contains("not a pathwise plan"),
                "{bad:?}: {}",
                e.render()
            );
        }
        assert!(read("x.md", &[0xff, 0xfe, 0x00]).is_err());
    }
}
