//! Planning again from a plan file's answers against today's curriculum, keeping everything
//! the person wrote.
//!
//! pathwise's blocks are written anew, in the plan's order, each with the box and strike-through
//! the person gave its item. Everything else in the file is the person's and is kept exactly
//! once: text after a block's marker stays on its line, and the lines after a block follow it
//! into the new file, in their order. Lines that followed a block the new plan no longer has
//! follow the nearest block before it that is still there. In the front matter only the values
//! pathwise writes change; comments and other keys stay.

use std::collections::{BTreeSet, HashMap, HashSet};

use pulldown_cmark::{Event, Parser, Tag};

use crate::answers::{self, Answers, Profile};
use crate::curriculum::Curriculum;
use crate::error::LoadError;
use crate::plan;
use crate::planfile::markdown::{self, Block, paths_value};
use crate::planfile::marker::BlockId;
use crate::planfile::read::{PlanFile, Problem};

/// Why a plan file could not be refreshed.
#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    /// The front matter holds no answers to plan from.
    #[error("the plan has no `answers:` in its front matter")]
    NoAnswers,
    /// The answers do not fit today's questions.
    #[error(transparent)]
    Answers(#[from] LoadError),
    /// A question that must be answered has no answer and no default.
    #[error("{0}")]
    Incomplete(String),
}

/// What a refresh changed, resource by resource.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Changes {
    /// Resources now in the plan that were not before.
    pub added: Vec<String>,
    /// Resources no longer in the plan, and whether the person had done them.
    pub removed: Vec<Removed>,
    /// Items ticked in the new plan.
    pub ticks_kept: usize,
    /// Lines of the person's own carried over (text after a marker counts as one).
    pub notes_kept: usize,
    /// What was found in the file that is not as pathwise wrote it.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Removed {
    pub id: String,
    pub done: bool,
}

/// The refreshed plan's markdown, and what changed.
pub struct Refreshed {
    pub text: String,
    pub changes: Changes,
}

/// Where the new plan comes from.
pub struct Stamp<'a> {
    /// The refresh date.
    pub date: &'a str,
    /// The curriculum folders, relative to the plan's folder.
    pub paths: &'a [String],
    pub builtin: bool,
}

/// Plans again from `old`'s answers.
pub fn refresh(cur: &Curriculum, old: &PlanFile, stamp: &Stamp) -> Result<Refreshed, RefreshError> {
    let node = old.answers().ok_or(RefreshError::NoAnswers)?;
    let given =
        answers::from_node(cur, &old.name, node).map_err(|d| LoadError::new(d, old.sources()))?;
    let mut answers = given.clone();
    answers::complete(cur, &mut answers).map_err(RefreshError::Incomplete)?;
    let mut added_answers = Answers::default();
    for (k, v) in answers.values() {
        if given.get(k).is_none() {
            added_answers.set(k, v.clone());
        }
    }
    let profile = Profile::from_answers(cur, &answers);
    let plan = plan::make(cur, &answers, &profile);
    let states = old.states();
    let blocks = markdown::blocks(cur, &plan, &|r, t| states.get(r, t));
    let front = front_matter(old, cur, stamp, &added_answers);
    let (body, notes_kept) = merge(old, &blocks);
    let mut text = front;
    text.push_str(&body);
    if old.crlf {
        text = text.replace('\n', "\r\n");
    }
    if old.bom {
        text.insert(0, '\u{feff}');
    }

    let mut new_ids: Vec<&str> = Vec::new();
    let mut new_set: HashSet<&str> = HashSet::new();
    let mut ticks_kept = 0;
    for b in &blocks {
        if let BlockId::Item { resource, topic } = &b.id {
            if new_set.insert(resource) {
                new_ids.push(resource);
            }
            if states.get(resource, topic).tick.is_done() {
                ticks_kept += 1;
            }
        }
    }
    let mut old_ids: Vec<&str> = Vec::new();
    let mut seen = HashSet::new();
    for id in old
        .topics
        .iter()
        .flat_map(|t| t.entry.item_ids())
        .chain(old.items.iter().map(|i| i.resource.as_str()))
    {
        if seen.insert(id) {
            old_ids.push(id);
        }
    }
    let changes = Changes {
        added: new_ids
            .iter()
            .filter(|id| !seen.contains(*id))
            .map(|s| (*s).to_string())
            .collect(),
        removed: old_ids
            .iter()
            .filter(|id| !new_set.contains(*id))
            .map(|id| Removed {
                id: (*id).to_string(),
                done: states.resources.get(*id).is_some_and(|s| s.0),
            })
            .collect(),
        ticks_kept,
        notes_kept,
        problems: old.problems.clone(),
    };
    Ok(Refreshed { text, changes })
}

/// Whether text of the person's, put before a block, would run into it: a paragraph line
/// followed directly by a paragraph of pathwise's would become one paragraph.
fn needs_blank(id: &BlockId) -> bool {
    !matches!(
        id,
        BlockId::Title
            | BlockId::Week(_)
            | BlockId::Topic(_)
            | BlockId::Prerequisites
            | BlockId::Item { .. }
            | BlockId::Diagram
            | BlockId::Index
    )
}

/// Whether text, followed by anything, leaves it inside a construct it opened (a fenced code
/// block, an HTML block): pathwise's blocks after it would stop being recognised.
fn swallows(text: &str) -> bool {
    const PROBE: &str = "<!-- pathwise:probe -->";
    let probe = format!("{text}\n\n{PROBE}\n");
    let at = probe.len() - PROBE.len() - 1;
    let mut html_start = None;
    for (e, r) in Parser::new(&probe).into_offset_iter() {
        match e {
            Event::Start(Tag::HtmlBlock) => html_start = Some(r.start),
            Event::Html(h) | Event::InlineHtml(h) if h.contains("pathwise:probe") => {
                return html_start != Some(at);
            }
            _ => {}
        }
    }
    true
}

/// A piece of the person's text to put back: lines (each ending in a newline).
#[derive(Default)]
struct Notes {
    text: String,
}

impl Notes {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        if !s.ends_with('\n') {
            self.text.push('\n');
        }
    }
}

/// Lines without the blank lines at their end (and without the last line break).
fn without_blank_lines_at_end(s: &str) -> &str {
    let mut end = s.len();
    loop {
        let body = s[..end].strip_suffix('\n').unwrap_or(&s[..end]);
        let start = body.rfind('\n').map_or(0, |i| i + 1);
        if start == 0 || has_text(&body[start..]) {
            return body;
        }
        end = start;
    }
}

fn has_text(s: &str) -> bool {
    s.chars().any(|c| !c.is_whitespace())
}

/// The new body: `blocks` in order, each followed by the person's text that followed it in the
/// old file. Returns the body and how many of the person's lines it kept.
fn merge(old: &PlanFile, blocks: &[Block]) -> (String, usize) {
    let text = &old.text;
    let new_ids: HashSet<&BlockId> = blocks.iter().map(|b| &b.id).collect();
    // The person's text, by the block it follows (None: the top of the body).
    let mut after: HashMap<Option<&BlockId>, Notes> = HashMap::new();
    let mut tails: HashMap<&BlockId, &str> = HashMap::new();
    let mut at_end = Notes::default();
    let mut kept = 0;
    let mut anchor: Option<&BlockId> = None;
    let mut placed: HashSet<&BlockId> = HashSet::new();
    let mut pos = old.body_start;
    fn put<'a>(
        after: &mut HashMap<Option<&'a BlockId>, Notes>,
        anchor: Option<&'a BlockId>,
        s: &str,
        at_end: &mut Notes,
        kept: &mut usize,
    ) {
        if !has_text(s) {
            return;
        }
        *kept += s.lines().filter(|l| has_text(l)).count();
        if swallows(s) {
            at_end.push(s);
        } else {
            after.entry(anchor).or_default().push(s);
        }
    }
    for span in &old.spans {
        // The person's lines before this block, after the previous one.
        let gap = &text[pos..span.start.max(pos)];
        let gap = if anchor.is_some() || pos != old.body_start {
            gap.strip_prefix('\n').unwrap_or(gap)
        } else {
            gap
        };
        put(&mut after, anchor, gap, &mut at_end, &mut kept);
        let tail = &text[span.end..span.tail_end];
        let first = placed.insert(&span.id);
        if new_ids.contains(&span.id) {
            if first {
                kept += tail.lines().filter(|l| has_text(l)).count();
                tails.insert(&span.id, tail);
            } else {
                put(
                    &mut after,
                    Some(&span.id),
                    tail.trim_start_matches([' ', '\t']),
                    &mut at_end,
                    &mut kept,
                );
            }
            anchor = Some(&span.id);
        } else {
            let t = tail.trim_start_matches([' ', '\t']);
            put(
                &mut after,
                anchor,
                t.strip_prefix('\n').unwrap_or(t),
                &mut at_end,
                &mut kept,
            );
        }
        pos = span.tail_end.max(pos);
    }
    let rest = &text[pos.min(text.len())..];
    let rest = if pos == old.body_start {
        rest
    } else {
        rest.strip_prefix('\n').unwrap_or(rest)
    };
    put(&mut after, anchor, rest, &mut at_end, &mut kept);

    let mut out = String::with_capacity(text.len() + 1024);
    let mut after_notes = false;
    // The person's lines, without the blank lines after them: what separates them from the next
    // block is pathwise's layout, as it is between two blocks (else a refresh of the refreshed
    // file could lay them out differently).
    let put_notes = |out: &mut String, n: &Notes| {
        out.push_str(without_blank_lines_at_end(&n.text));
        out.push('\n');
    };
    if let Some(n) = after.remove(&None) {
        put_notes(&mut out, &n);
        after_notes = true;
    }
    for b in blocks {
        // After the person's lines, the blank line pathwise puts before the block; a paragraph
        // of pathwise's always gets one, or it would run into their text.
        let wanted = if after_notes {
            b.blank_before || needs_blank(&b.id)
        } else {
            b.blank_before
        };
        if wanted {
            out.push('\n');
        }
        out.push_str(&b.text);
        if let Some(t) = tails.get(&b.id) {
            out.push_str(t);
        }
        out.push('\n');
        after_notes = false;
        if let Some(n) = after.remove(&Some(&b.id)) {
            put_notes(&mut out, &n);
            after_notes = true;
        }
    }
    if !at_end.text.is_empty() {
        out.push('\n');
        let t = at_end.text.trim_start_matches(['\n', '\r']);
        out.push_str(t);
    }
    (out, kept)
}

/// One line of the old front matter with a new value, keeping a comment after it.
fn set_value(line: &str, key: &str, value: &str) -> String {
    let after = line
        .split_once(':')
        .map_or("", |(_, v)| v)
        .trim_start_matches([' ', '\t']);
    let value_len = match after.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let mut end = after.len();
            let mut escaped = false;
            for (i, c) in after.char_indices().skip(1) {
                if q == '"' && c == '\\' && !escaped {
                    escaped = true;
                    continue;
                }
                if c == q && !escaped {
                    end = i + 1;
                    break;
                }
                escaped = false;
            }
            end
        }
        _ => after
            .find(" #")
            .or_else(|| after.find("\t#"))
            .unwrap_or(after.len()),
    };
    let rest = &after[value_len.min(after.len())..];
    let comment = if rest.trim_start().starts_with('#') {
        rest
    } else {
        ""
    };
    format!("{key}: {value}{comment}")
}

fn is_comment_or_blank(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

/// The new front matter: the old one's lines, with the values pathwise writes brought up to
/// date, and the answers newly given defaults added to the `answers` block.
fn front_matter(old: &PlanFile, cur: &Curriculum, stamp: &Stamp, added: &Answers) -> String {
    let front = &old.front;
    let lines: Vec<&str> = old.text[..old.body_start].split('\n').collect();
    // (key, new value): `None` removes the key.
    let created = if front.created.is_empty() {
        stamp.date.to_string()
    } else {
        front.created.clone()
    };
    let tool: [(&str, Option<String>); 6] = [
        ("pathwise", Some(env!("CARGO_PKG_VERSION").to_string())),
        ("curriculum", Some(cur.fingerprint.clone())),
        ("created", Some(created)),
        ("refreshed", Some(stamp.date.to_string())),
        (
            "paths",
            (!stamp.paths.is_empty()).then(|| paths_value(stamp.paths)),
        ),
        ("builtin", (!stamp.builtin).then(|| "false".to_string())),
    ];
    let key_at: HashMap<usize, (&str, usize)> = front
        .keys
        .iter()
        .map(|(k, first, last)| (*first, (k.as_str(), *last)))
        .collect();
    let present: BTreeSet<&str> = front.keys.iter().map(|(k, _, _)| k.as_str()).collect();
    // Keys to add, each after the last key before it in pathwise's order that is there.
    let order = [
        "pathwise",
        "curriculum",
        "created",
        "refreshed",
        "paths",
        "builtin",
        "answers",
    ];
    let mut insert_after: HashMap<&str, Vec<String>> = HashMap::new();
    let mut at_top: Vec<String> = Vec::new();
    for (i, (k, v)) in tool.iter().enumerate() {
        let Some(v) = v else { continue };
        if present.contains(k) {
            continue;
        }
        let line = format!("{k}: {v}");
        match order[..i].iter().rev().find(|p| present.contains(*p)) {
            Some(p) => insert_after.entry(p).or_default().push(line),
            None => at_top.push(line),
        }
    }
    let mut out: Vec<String> = vec!["---".to_string()];
    out.extend(at_top);
    let last = front.end_line;
    let mut l = 2;
    while l < last {
        let Some(&(key, end)) = key_at.get(&l) else {
            out.push(lines[l - 1].to_string());
            l += 1;
            continue;
        };
        // The lines of the key's value, and the comments and blank lines after them.
        let value_end = (l..=end)
            .rev()
            .find(|&i| i == l || !is_comment_or_blank(lines[i - 1]))
            .unwrap_or(l);
        match tool.iter().find(|(k, _)| *k == key) {
            Some((_, Some(v))) => {
                out.push(set_value(lines[l - 1], key, v));
                for i in l + 1..=value_end {
                    if is_comment_or_blank(lines[i - 1]) {
                        out.push(lines[i - 1].to_string());
                    }
                }
            }
            Some((_, None)) => {
                for i in l + 1..=value_end {
                    if is_comment_or_blank(lines[i - 1]) {
                        out.push(lines[i - 1].to_string());
                    }
                }
            }
            None => {
                for i in l..=value_end {
                    out.push(lines[i - 1].to_string());
                }
                if key == "answers" && !added.is_empty() {
                    let first_entry = (l + 1..=value_end)
                        .map(|i| lines[i - 1])
                        .find(|s| !is_comment_or_blank(s));
                    // Only a block mapping can take more lines; a flow mapping is left as it is.
                    let opens_block = lines[l - 1]
                        .split(" #")
                        .next()
                        .is_some_and(|k| k.trim_end().ends_with(':'));
                    if let Some(entry) = first_entry.filter(|_| opens_block) {
                        let indent: String = entry.chars().take_while(|c| *c == ' ').collect();
                        for a in added.to_yaml().lines() {
                            out.push(format!("{indent}{a}"));
                        }
                    }
                }
            }
        }
        if let Some(extra) = insert_after.remove(key) {
            out.extend(extra);
        }
        for i in value_end + 1..=end {
            out.push(lines[i - 1].to_string());
        }
        l = end + 1;
    }
    out.push("---".to_string());
    let mut s = out.join("\n");
    s.push('\n');
    s
}
