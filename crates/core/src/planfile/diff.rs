//! The difference between two plan files: topics and resources only in one, and in both.

use std::collections::HashSet;
use std::fmt::Write as _;

use serde::Serialize;

use crate::planfile::read::PlanFile;
use crate::sanitize::terminal as safe;

/// A topic or resource, by id and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub id: String,
    pub title: String,
}

/// What is only in A, only in B, and in both (each in plan order).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Split {
    pub only_a: Vec<Entry>,
    pub only_b: Vec<Entry>,
    pub both: Vec<Entry>,
}

impl Split {
    fn new(a: Vec<Entry>, b: Vec<Entry>) -> Split {
        let in_a: HashSet<&str> = a.iter().map(|e| e.id.as_str()).collect();
        let in_b: HashSet<&str> = b.iter().map(|e| e.id.as_str()).collect();
        let only_b = b
            .iter()
            .filter(|e| !in_a.contains(e.id.as_str()))
            .cloned()
            .collect();
        let (both, only_a) = a
            .iter()
            .cloned()
            .partition(|e| in_b.contains(e.id.as_str()));
        Split {
            only_a,
            only_b,
            both,
        }
    }

    fn same(&self) -> bool {
        self.only_a.is_empty() && self.only_b.is_empty()
    }
}

/// Two plans compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanDiff {
    pub a: String,
    pub b: String,
    /// The two plans hold the same topics and resources.
    pub identical: bool,
    pub topics: Split,
    pub resources: Split,
}

/// A plan's topics, in plan order.
fn topics(p: &PlanFile) -> Vec<Entry> {
    p.topics
        .iter()
        .map(|t| Entry {
            id: t.entry.id.clone(),
            title: t.title.clone().unwrap_or_else(|| t.entry.id.clone()),
        })
        .collect()
}

/// A plan's resources (what the index lists, and items found in the file), in plan order.
fn resources(p: &PlanFile) -> Vec<Entry> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let titles: std::collections::HashMap<&str, &str> = p
        .items
        .iter()
        .rev()
        .map(|i| (i.resource.as_str(), i.title.as_str()))
        .collect();
    let listed = p.topics.iter().flat_map(|t| t.entry.item_ids());
    for id in listed.chain(p.items.iter().map(|i| i.resource.as_str())) {
        if seen.insert(id) {
            out.push(Entry {
                id: id.to_string(),
                title: titles
                    .get(id)
                    .filter(|t| !t.is_empty())
                    .map_or_else(|| id.to_string(), |t| (*t).to_string()),
            });
        }
    }
    out
}

pub fn diff(a: &PlanFile, b: &PlanFile) -> PlanDiff {
    let topics = Split::new(topics(a), topics(b));
    let resources = Split::new(resources(a), resources(b));
    PlanDiff {
        a: a.name.clone(),
        b: b.name.clone(),
        identical: topics.same() && resources.same(),
        topics,
        resources,
    }
}

/// The difference as text: each non-empty group with its titles, or "identical".
pub fn text(d: &PlanDiff) -> String {
    let mut out = String::new();
    let (a, b) = (safe(&d.a), safe(&d.b));
    if d.identical {
        let _ = writeln!(
            out,
            "identical: {a} and {b} plan the same {} and {}",
            plural(d.topics.both.len(), "topic"),
            plural(d.resources.both.len(), "resource")
        );
        return out;
    }
    for (what, split) in [("Topics", &d.topics), ("Resources", &d.resources)] {
        for (label, list) in [
            (format!("only in {a}"), &split.only_a),
            (format!("only in {b}"), &split.only_b),
            ("in both".to_string(), &split.both),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{what} {label} ({}):", list.len());
            for e in list {
                let _ = writeln!(out, "  {} ({})", safe(&e.title), safe(&e.id));
            }
        }
    }
    out
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
