//! The persona suite: realistic people, each a file in `tests/personas/` with their answers and
//! what a teacher of Python for HPC expects of their plan. One test runs them all and reports
//! every failed expectation at once.
//!
//! A persona with `pending: "reason"` describes a plan the program cannot make yet; it must still
//! fail at least one expectation, so that a fix shows up as a persona to un-pend rather than as
//! expectations nobody checks any more.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::common::*;
use pathwise_core::yaml::{self, Node, Tree};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Persona {
    who: String,
    teacher: String,
    answers: BTreeMap<String, Value>,
    expect: Expect,
    #[serde(default)]
    pending: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// Topics that must be in the plan.
    #[serde(default)]
    includes_topics: Vec<String>,
    /// Topics that must not be.
    #[serde(default)]
    excludes_topics: Vec<String>,
    /// Resources the plan must assign (as a topic's primary resource, a page to read first or
    /// alongside it, or an alternative).
    #[serde(default)]
    includes_resources: Vec<String>,
    /// Resources the plan must not list at all.
    #[serde(default)]
    excludes_resources: Vec<String>,
    /// Resources the plan must ask the person to work through (a primary item, a bridge read
    /// first or a page read alongside), not merely offer as an alternative: complements the
    /// person needs, such as a profiler and the markers that make its timeline readable.
    #[serde(default)]
    reads: Vec<String>,
    /// Topic → `[min, max]`: the topic is in the plan and its hours lie in the range (overlapping
    /// readings must not inflate a topic far beyond what learning it takes).
    #[serde(default)]
    topic_hours: BTreeMap<String, [f64; 2]>,
    /// Pairs `[a, b]`: both in the plan, topic `a` before topic `b`.
    #[serde(default)]
    order: Vec<Vec<String>>,
    /// The plan's first topic.
    #[serde(default)]
    first: Option<String>,
    /// The plan's total hours lie in `[min, max]`.
    #[serde(default)]
    hours: Option<[f64; 2]>,
    /// Pairs `[a, b]` of resources: `a` is assigned, and listed before `b` if `b` is listed at
    /// all (the plan recommends `a` first).
    #[serde(default)]
    resource_order: Vec<Vec<String>>,
    /// Topic → the resource that must be its primary one.
    #[serde(default)]
    primary: BTreeMap<String, String>,
    /// Topic → a resource to read before its primary (a bridge from what the person knows).
    #[serde(default)]
    read_first: BTreeMap<String, String>,
    /// Every topic of the plan has a primary item of its own to work through and tick (not
    /// only "continue with" one listed earlier).
    #[serde(default)]
    own_resources: bool,
    /// Every hour of reading the plan assigns is in its schedule: a topic's hours cover its
    /// items' reading, a part counts its own hours and a resource that teaches only this topic
    /// counts whole (checked against the curriculum, not the plan's own figures).
    #[serde(default)]
    hours_cover_reading: bool,
}

/// What the curriculum says of a resource, for checking the plan's reading hours.
struct ResourceFacts {
    hours: f64,
    teaches: Vec<String>,
    /// Topic → the hours of the part for it.
    parts: BTreeMap<String, f64>,
}

/// A persona file as JSON, read with the same YAML parser as the curriculum.
fn to_json(n: &Node) -> Value {
    match &n.value {
        Tree::Null => Value::Null,
        Tree::Bool(b) => Value::Bool(*b),
        Tree::Int(i) => Value::from(*i),
        Tree::Float(f) => Value::from(*f),
        Tree::Str(s) => Value::String(s.clone()),
        Tree::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        Tree::Map(pairs) => Value::Object(
            pairs
                .iter()
                .map(|(k, v)| {
                    let key = match &k.value {
                        Tree::Str(s) => s.clone(),
                        other => format!("{other:?}"),
                    };
                    (key, to_json(v))
                })
                .collect(),
        ),
    }
}

fn read_persona(text: &str) -> Result<Persona, String> {
    let node = yaml::parse(text)
        .map_err(|e| format!("{} at {:?}", e.message, e.pos))?
        .ok_or("the file is empty")?;
    serde_json::from_value(to_json(&node)).map_err(|e| e.to_string())
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn resource_facts() -> BTreeMap<String, ResourceFacts> {
    let (code, out, err) = run(pathwise().args(["resources", "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let parts = r["parts"]
                .as_array()
                .map(|ps| {
                    ps.iter()
                        .map(|p| {
                            (
                                p["topic"].as_str().unwrap().to_string(),
                                p["hours"].as_f64().unwrap(),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            (
                r["id"].as_str().unwrap().to_string(),
                ResourceFacts {
                    hours: r["hours"].as_f64().unwrap(),
                    teaches: strings(&r["teaches"]),
                    parts,
                },
            )
        })
        .collect()
}

fn curriculum_ids(what: &str) -> BTreeSet<String> {
    let (code, out, err) = run(pathwise().args([what, "--format", "json"]));
    assert_eq!(code, 0, "{err}");
    json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_string())
        .collect()
}

/// Checks the plan against the expectations; returns what failed.
fn failures(plan: &Value, e: &Expect, facts: &BTreeMap<String, ResourceFacts>) -> Vec<String> {
    let mut out = Vec::new();
    let topics = plan["topics"].as_array().cloned().unwrap_or_default();
    let ids: Vec<String> = topics
        .iter()
        .map(|t| t["id"].as_str().unwrap_or("").to_string())
        .collect();
    let pos = |id: &str| ids.iter().position(|t| t == id);
    // (id, role, reading hours, whether it is a part) of each resource listed for a topic.
    let assigned = |t: &Value| -> Vec<(String, String, f64, bool)> {
        t["resources"]
            .as_array()
            .map(|rs| {
                rs.iter()
                    .map(|r| {
                        (
                            r["id"].as_str().unwrap_or("").to_string(),
                            r["role"].as_str().unwrap_or("").to_string(),
                            r["reading_hours"].as_f64().unwrap_or(f64::NAN),
                            !r["part"].is_null(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let required = |role: &str| matches!(role, "primary" | "first" | "alongside");
    // Every resource the plan lists, in the order it lists them.
    let mut listing: Vec<String> = Vec::new();
    let mut recommended: BTreeSet<String> = BTreeSet::new();
    let mut read: BTreeSet<String> = BTreeSet::new();
    for t in &topics {
        for (r, role, _, _) in assigned(t) {
            if required(&role) || role == "alternative" {
                recommended.insert(r.clone());
            }
            if required(&role) {
                read.insert(r.clone());
            }
            if !listing.contains(&r) {
                listing.push(r);
            }
        }
    }
    let listed: BTreeSet<String> = listing.iter().cloned().collect();

    for t in &e.includes_topics {
        if pos(t).is_none() {
            out.push(format!("includes_topics: `{t}` is not in the plan"));
        }
    }
    for t in &e.excludes_topics {
        if let Some(i) = pos(t) {
            out.push(format!(
                "excludes_topics: `{t}` is in the plan (item {})",
                i + 1
            ));
        }
    }
    for r in &e.includes_resources {
        if !recommended.contains(r) {
            out.push(format!("includes_resources: `{r}` is not assigned"));
        }
    }
    for r in &e.excludes_resources {
        if listed.contains(r) {
            out.push(format!("excludes_resources: `{r}` is listed"));
        }
    }
    for r in &e.reads {
        if !read.contains(r) {
            out.push(if recommended.contains(r) {
                format!("reads: `{r}` is only offered as an alternative")
            } else {
                format!("reads: `{r}` is not assigned")
            });
        }
    }
    for (t, [lo, hi]) in &e.topic_hours {
        match topics.iter().find(|x| x["id"] == t.as_str()) {
            None => out.push(format!("topic_hours: `{t}` is not in the plan")),
            Some(x) => {
                let h = x["hours"].as_f64().unwrap_or(f64::NAN);
                if !(h >= *lo && h <= *hi) {
                    out.push(format!(
                        "topic_hours: `{t}` takes {h} h, outside [{lo}, {hi}]"
                    ));
                }
            }
        }
    }
    for pair in &e.order {
        let (a, b) = (&pair[0], &pair[1]);
        match (pos(a), pos(b)) {
            (Some(i), Some(j)) if i < j => {}
            (Some(i), Some(j)) => out.push(format!(
                "order: `{a}` (item {}) should come before `{b}` (item {})",
                i + 1,
                j + 1
            )),
            (ia, ib) => out.push(format!(
                "order: [{a}, {b}] needs both in the plan; missing: {}",
                [(a, ia), (b, ib)]
                    .iter()
                    .filter(|(_, i)| i.is_none())
                    .map(|(t, _)| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
    for pair in &e.resource_order {
        let (a, b) = (&pair[0], &pair[1]);
        let at = |r: &String| listing.iter().position(|x| x == r);
        match (recommended.contains(a), at(a), at(b)) {
            (false, _, _) => out.push(format!("resource_order: `{a}` is not assigned")),
            (true, Some(i), Some(j)) if j < i => out.push(format!(
                "resource_order: `{b}` (listed {}) comes before `{a}` (listed {})",
                j + 1,
                i + 1
            )),
            _ => {}
        }
    }
    if let Some(f) = &e.first
        && ids.first() != Some(f)
    {
        out.push(format!(
            "first: expected `{f}`, the plan starts with {:?}",
            ids.first()
        ));
    }
    if let Some([lo, hi]) = e.hours {
        let h = plan["total_hours"].as_f64().unwrap_or(f64::NAN);
        if !(h >= lo && h <= hi) {
            out.push(format!("hours: {h} h is outside [{lo}, {hi}]"));
        }
    }
    for (t, r) in &e.primary {
        match topics.iter().find(|x| x["id"] == t.as_str()) {
            None => out.push(format!("primary: `{t}` is not in the plan")),
            Some(x) => {
                let p: Vec<String> = assigned(x)
                    .into_iter()
                    .filter(|(_, role, _, _)| role == "primary")
                    .map(|(id, _, _, _)| id)
                    .collect();
                if !p.contains(r) {
                    out.push(format!(
                        "primary: `{t}` should start with `{r}`; its primary is {p:?}, it continues {:?}",
                        strings(&x["continues"])
                    ));
                }
            }
        }
    }
    for (t, r) in &e.read_first {
        match topics.iter().find(|x| x["id"] == t.as_str()) {
            None => out.push(format!("read_first: `{t}` is not in the plan")),
            Some(x) => {
                let items = assigned(x);
                let first = items
                    .iter()
                    .position(|(id, role, _, _)| id == r && role == "first");
                let primary = items.iter().position(|(_, role, _, _)| role == "primary");
                match (first, primary) {
                    (Some(f), Some(p)) if f < p => {}
                    (Some(_), _) => {
                        out.push(format!("read_first: `{r}` is listed after `{t}`'s primary"));
                    }
                    (None, _) => out.push(format!(
                        "read_first: `{t}` does not list `{r}` to read first; it lists {:?}",
                        items
                            .iter()
                            .map(|(id, role, _, _)| format!("{id} ({role})"))
                            .collect::<Vec<_>>()
                    )),
                }
            }
        }
    }
    if e.own_resources {
        for (t, id) in topics.iter().zip(&ids) {
            if !assigned(t).iter().any(|(_, role, _, _)| role == "primary") {
                out.push(format!(
                    "own_resources: `{id}` has nothing of its own to tick (continues {:?})",
                    strings(&t["continues"])
                ));
            }
        }
    }
    if e.hours_cover_reading {
        for (t, id) in topics.iter().zip(&ids) {
            let hours = t["hours"].as_f64().unwrap_or(0.0);
            let mut reading = 0.0;
            for (r, role, h, part) in assigned(t) {
                let Some(f) = facts.get(&r) else { continue };
                // What the curriculum says this item takes, where it says it outright.
                let expected = if part {
                    f.parts.get(id).copied()
                } else if f.teaches == [id.clone()] && f.parts.is_empty() {
                    Some(f.hours)
                } else {
                    None
                };
                if let Some(x) = expected
                    && (x - h).abs() > 1e-9
                {
                    out.push(format!(
                        "hours_cover_reading: `{id}` counts {h} h of `{r}`, which takes {x} h"
                    ));
                }
                if required(&role) {
                    reading += h;
                }
            }
            if hours + 1e-9 < reading {
                out.push(format!(
                    "hours_cover_reading: `{id}` has {hours} h for {reading} h of reading"
                ));
            }
        }
    }
    out
}

/// Ids in the expectations that the curriculum does not have: a typo would otherwise pass as
/// "excluded" or keep a pending persona failing for the wrong reason.
fn unknown_ids(e: &Expect, topics: &BTreeSet<String>, resources: &BTreeSet<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut topic_refs: Vec<&String> = e
        .includes_topics
        .iter()
        .chain(&e.excludes_topics)
        .chain(e.order.iter().flatten())
        .chain(e.first.iter())
        .chain(e.primary.keys())
        .chain(e.read_first.keys())
        .chain(e.topic_hours.keys())
        .collect();
    topic_refs.sort();
    topic_refs.dedup();
    for t in topic_refs {
        if !topics.contains(t) {
            out.push(format!("unknown topic `{t}` in `expect`"));
        }
    }
    let mut res_refs: Vec<&String> = e
        .includes_resources
        .iter()
        .chain(&e.excludes_resources)
        .chain(&e.reads)
        .chain(e.resource_order.iter().flatten())
        .chain(e.primary.values())
        .chain(e.read_first.values())
        .collect();
    res_refs.sort();
    res_refs.dedup();
    for r in res_refs {
        if !resources.contains(r) {
            out.push(format!("unknown resource `{r}` in `expect`"));
        }
    }
    out
}

/// Problems with a persona file itself: these fail the suite whether or not it is pending.
fn malformed(p: &Persona) -> Vec<String> {
    let mut out = Vec::new();
    let e = &p.expect;
    if p.who.trim().is_empty() || p.teacher.trim().is_empty() {
        out.push("`who` and `teacher` must say something".to_string());
    }
    if p.pending.as_ref().is_some_and(|r| r.trim().is_empty()) {
        out.push("`pending` must give the reason".to_string());
    }
    for pair in e.order.iter().chain(&e.resource_order) {
        if pair.len() != 2 {
            out.push(format!(
                "`order` and `resource_order` entries are pairs, not {pair:?}"
            ));
        }
    }
    if let Some([lo, hi]) = e.hours
        && !(lo >= 0.0 && lo <= hi)
    {
        out.push(format!("`hours` must be [min, max], not [{lo}, {hi}]"));
    }
    for (t, [lo, hi]) in &e.topic_hours {
        if !(*lo >= 0.0 && lo <= hi) {
            out.push(format!(
                "`topic_hours` of `{t}` must be [min, max], not [{lo}, {hi}]"
            ));
        }
    }
    let checks = e.includes_topics.len()
        + e.excludes_topics.len()
        + e.includes_resources.len()
        + e.excludes_resources.len()
        + e.reads.len()
        + e.topic_hours.len()
        + e.order.len()
        + e.resource_order.len()
        + e.primary.len()
        + e.read_first.len()
        + usize::from(e.first.is_some())
        + usize::from(e.hours.is_some())
        + usize::from(e.own_resources)
        + usize::from(e.hours_cover_reading);
    if checks == 0 {
        out.push("`expect` checks nothing".to_string());
    }
    out
}

fn plan_for(dir: &Path, id: &str, answers: &BTreeMap<String, Value>) -> Result<Value, String> {
    // JSON is YAML: the answers go to the real binary as a file, as a user would give them.
    let file = dir.join(format!("{id}.yaml"));
    std::fs::write(&file, serde_json::to_string(answers).unwrap()).unwrap();
    let (code, out, err) = run(pathwise()
        .arg("plan")
        .arg("--answers")
        .arg(&file)
        .args(["--format", "json"]));
    if code == 0 {
        Ok(json(&out))
    } else {
        // The first line of each error is enough to say what went wrong.
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
        Err(format!(
            "the plan could not be made (exit {code}): {}",
            errors.join("; ")
        ))
    }
}

#[test]
fn every_persona_gets_a_plan_a_teacher_would_sign() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("personas");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 12,
        "the suite needs at least twelve personas, found {}",
        files.len()
    );
    let topics = curriculum_ids("topics");
    let resources = curriculum_ids("resources");
    let facts = resource_facts();
    let dir = tempfile::tempdir().unwrap();
    let mut problems = Vec::new();
    let mut pending = 0;
    for f in &files {
        let id = f.file_stem().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(f).unwrap();
        let p: Persona = match read_persona(&text) {
            Ok(p) => p,
            Err(e) => {
                problems.push(format!("{id}: cannot read the persona: {e}"));
                continue;
            }
        };
        let mut bad = malformed(&p);
        bad.extend(unknown_ids(&p.expect, &topics, &resources));
        if !bad.is_empty() {
            problems.extend(bad.into_iter().map(|b| format!("{id}: {b}")));
            continue;
        }
        let failed = match plan_for(dir.path(), &id, &p.answers) {
            Ok(plan) => failures(&plan, &p.expect, &facts),
            Err(e) => vec![e],
        };
        match &p.pending {
            None => problems.extend(failed.into_iter().map(|x| format!("{id}: {x}"))),
            Some(_) if failed.is_empty() => problems.push(format!(
                "{id}: passes every expectation now: remove its `pending`"
            )),
            Some(_) => pending += 1,
        }
    }
    assert!(
        problems.is_empty(),
        "{} persona problem(s) ({pending} pending persona(s) fail as expected):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

/// The persona files' answers, in file order, as bases for trying other answers.
fn persona_answers() -> Vec<(String, BTreeMap<String, Value>)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("personas");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let id = f.file_stem().unwrap().to_string_lossy().into_owned();
            let p = read_persona(&std::fs::read_to_string(f).unwrap())
                .unwrap_or_else(|e| panic!("{id}: {e}"));
            (id, p.answers)
        })
        .collect()
}

/// Does an option say it implies anything? Options such as "none of these" do not.
fn has_effect(option: &Value) -> bool {
    ["knows", "wants", "traits", "prefers"]
        .iter()
        .any(|k| option[*k].as_array().is_some_and(|a| !a.is_empty()))
}

#[test]
fn every_answer_changes_some_plan() {
    // The built-in questionnaire, read from its source file.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("paths")
            .join("questions.yaml"),
    )
    .unwrap();
    let questions = to_json(&yaml::parse(&text).unwrap().unwrap())["questions"].clone();
    let dir = tempfile::tempdir().unwrap();
    // Bases: every persona whose answers make a plan today.
    let bases: Vec<(String, BTreeMap<String, Value>, Value)> = persona_answers()
        .into_iter()
        .filter_map(|(id, a)| {
            let plan = plan_for(dir.path(), &id, &a).ok()?;
            Some((id, a, plan["topics"].clone()))
        })
        .collect();
    assert!(bases.len() >= 10, "{} bases", bases.len());
    let mut inert = Vec::new();
    let mut tried = 0;
    for q in questions.as_array().unwrap() {
        let qid = q["id"].as_str().unwrap();
        let kind = q["kind"].as_str().unwrap();
        // Each option that implies something. Yes/no settings (free_only, include_legacy) are
        // filters, tested where they apply, not answers that imply topics or audiences.
        let choices: Vec<(String, Value)> = match kind {
            "select" | "multiselect" => q["options"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|o| has_effect(o))
                .map(|o| (o["id"].as_str().unwrap().to_string(), o["id"].clone()))
                .collect(),
            _ => continue,
        };
        for (label, choice) in choices {
            let changes = bases.iter().any(|(id, base, topics)| {
                let mut a = base.clone();
                match kind {
                    "select" if base.get(qid) == Some(&choice) => return false,
                    "select" => {
                        a.insert(qid.to_string(), choice.clone());
                    }
                    _ => {
                        let mut list = base
                            .get(qid)
                            .and_then(Value::as_array)
                            .cloned()
                            .unwrap_or_default();
                        match list.iter().position(|x| x == &choice) {
                            Some(i) => {
                                list.remove(i);
                            }
                            None => list.push(choice.clone()),
                        }
                        a.insert(qid.to_string(), Value::Array(list));
                    }
                }
                tried += 1;
                plan_for(dir.path(), &format!("{id}-{qid}-{label}"), &a)
                    .is_ok_and(|p| &p["topics"] != topics)
            });
            if !changes {
                inert.push(format!("{qid}: {label}"));
            }
        }
    }
    assert!(
        inert.is_empty(),
        "answers that change no persona's plan ({tried} plans tried): {}",
        inert.join(", ")
    );
}
