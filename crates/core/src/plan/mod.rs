//! The planner: from a profile to an ordered, explained, scheduled list of topics, each with the
//! resources to read or try.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;

use crate::answers::{Answers, Profile};
use crate::curriculum::{Curriculum, Kind, Status};

/// Why a topic is in the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    /// The goals that need the topic, in the order they were chosen.
    pub goals: Vec<String>,
    /// The first steps of the shortest chain from this topic to a topic the first goal wants
    /// (this topic first, at most [`CHAIN_SHOWN`] topics).
    pub chain: Vec<usize>,
    /// The wanted topic the chain ends at, and how many steps it takes to get there.
    pub end: usize,
    pub steps: usize,
}

/// How many topics of a chain are kept; long chains are elided in the middle.
pub const CHAIN_SHOWN: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Primary,
    Alternative,
    /// Dead or superseded, listed because the person asked for the guide's legacy resources.
    Legacy,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub resource: usize,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanTopic {
    pub topic: usize,
    pub hours: f64,
    /// The week the topic starts in and the week it ends in (1-based).
    pub week: u32,
    pub end_week: u32,
    pub why: Why,
    pub resources: Vec<Pick>,
    /// Resources already listed for an earlier topic that also teach this one.
    pub continues: Vec<usize>,
}

impl PlanTopic {
    /// A needed topic for which no resource fits the person's constraints.
    pub fn unresourced(&self) -> bool {
        self.continues.is_empty() && !self.resources.iter().any(|p| p.role != Role::Legacy)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub name: Option<String>,
    pub answers: Answers,
    pub goals: Vec<String>,
    pub hours_per_week: f64,
    /// Every topic the person knows, in curriculum order.
    pub known: Vec<usize>,
    /// Known topics that the goals would otherwise have needed, in curriculum order.
    pub skipped: Vec<usize>,
    pub topics: Vec<PlanTopic>,
    pub total_hours: f64,
    pub weeks: u32,
}

const EPS: f64 = 1e-9;

/// Makes the plan. Deterministic: the same curriculum and answers give the same plan.
pub fn make(cur: &Curriculum, answers: &Answers, profile: &Profile) -> Plan {
    let g = &cur.graph;
    let wanted: BTreeSet<usize> = profile.wanted.keys().copied().collect();
    let needed = g.needed(&wanted, &profile.known);
    let order = g.order(&needed);

    // What the goals would need if nothing were known, to say what was skipped.
    let skipped: Vec<usize> = {
        let all = g.needed(&wanted, &BTreeSet::new());
        all.intersection(&profile.known).copied().collect()
    };

    let whys = explain(cur, profile, &needed);
    // Resources listed so far, and those listed as a topic's primary resource.
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut used_primary: BTreeSet<usize> = BTreeSet::new();
    let mut topics = Vec::with_capacity(order.len());
    let (mut week, mut used_hours) = (1u32, 0.0f64);
    let per_week = profile.hours_per_week.max(0.5);
    for t in order {
        let hours = cur.topics[t].hours;
        let (start, end) = schedule(&mut week, &mut used_hours, hours, per_week);
        let (resources, continues) = choose_resources(cur, profile, t, &used, &used_primary);
        for p in &resources {
            used.insert(p.resource);
            if p.role == Role::Primary {
                used_primary.insert(p.resource);
            }
        }
        topics.push(PlanTopic {
            topic: t,
            hours,
            week: start,
            end_week: end,
            why: whys.get(&t).cloned().unwrap_or(Why {
                goals: Vec::new(),
                chain: vec![t],
                end: t,
                steps: 0,
            }),
            resources,
            continues,
        });
    }
    let total_hours: f64 = topics.iter().map(|t| t.hours).sum();
    let weeks = topics.last().map_or(0, |t| t.end_week);
    Plan {
        name: profile.name.clone(),
        answers: answers.clone(),
        goals: profile.goals.clone(),
        hours_per_week: profile.hours_per_week,
        known: profile.known.iter().copied().collect(),
        skipped,
        topics,
        total_hours,
        weeks,
    }
}

/// How a topic stands for a person: the answer to "why is it in my plan?".
#[derive(Debug, Clone, PartialEq)]
pub struct TopicReason {
    /// The person already knows it, going by their answers.
    pub known: bool,
    /// Where it is in their plan, if it is.
    pub planned: Option<PlanTopic>,
    /// What to learn to get to it, in order, ending with the topic.
    pub path: Vec<usize>,
    /// The topics on the way that the person already knows.
    pub known_before: Vec<usize>,
}

/// Why `topic` is (or is not) in the plan made from these answers, and the way to it.
pub fn reason(cur: &Curriculum, answers: &Answers, profile: &Profile, topic: usize) -> TopicReason {
    if profile.known.contains(&topic) {
        return TopicReason {
            known: true,
            planned: None,
            path: Vec::new(),
            known_before: Vec::new(),
        };
    }
    let g = &cur.graph;
    let path = g.order(&g.needed(&BTreeSet::from([topic]), &profile.known));
    let planned = make(cur, answers, profile)
        .topics
        .into_iter()
        .find(|pt| pt.topic == topic);
    let before = g.ancestors(topic);
    let known_before = profile
        .known
        .iter()
        .copied()
        .filter(|k| before.contains(k))
        .collect();
    TopicReason {
        known: false,
        planned,
        path,
        known_before,
    }
}

/// Places `hours` of work from the cursor on; returns the first and last week used.
fn schedule(week: &mut u32, used: &mut f64, hours: f64, per_week: f64) -> (u32, u32) {
    if *used >= per_week - EPS {
        *week += 1;
        *used = 0.0;
    }
    let start = *week;
    let mut left = hours;
    loop {
        let take = left.min(per_week - *used);
        *used += take;
        left -= take;
        if left <= EPS {
            break;
        }
        *week += 1;
        *used = 0.0;
    }
    (start, *week)
}

/// For each needed topic, the goals that need it and the shortest chain to the first of them.
/// One breadth-first walk per goal, backwards along prerequisites inside the needed topics; each
/// topic remembers its next step and where its chain ends, so nothing is walked twice.
fn explain(cur: &Curriculum, profile: &Profile, needed: &BTreeSet<usize>) -> BTreeMap<usize, Why> {
    let g = &cur.graph;
    let mut out: BTreeMap<usize, Why> = BTreeMap::new();
    // (next step, end, steps) per topic, for the goal being walked.
    let mut hop: Vec<Option<(Option<usize>, usize, usize)>> = vec![None; g.len()];
    for goal in &profile.goals {
        hop.iter_mut().for_each(|h| *h = None);
        let mut reached = Vec::new();
        let mut queue = VecDeque::new();
        for (&t, gs) in &profile.wanted {
            if gs.contains(goal) && needed.contains(&t) {
                hop[t] = Some((None, t, 0));
                reached.push(t);
                queue.push_back(t);
            }
        }
        while let Some(cur_t) = queue.pop_front() {
            let (_, end, steps) = hop[cur_t].expect("queued topics are reached");
            for &p in g.requires(cur_t) {
                if hop[p].is_none() && needed.contains(&p) {
                    hop[p] = Some((Some(cur_t), end, steps + 1));
                    reached.push(p);
                    queue.push_back(p);
                }
            }
        }
        for t in reached {
            let entry = out.entry(t).or_insert_with(|| {
                let (_, end, steps) = hop[t].expect("reached");
                let mut chain = vec![t];
                let mut at = t;
                while chain.len() < CHAIN_SHOWN {
                    match hop[at] {
                        Some((Some(n), _, _)) => {
                            chain.push(n);
                            at = n;
                        }
                        _ => break,
                    }
                }
                Why {
                    goals: Vec::new(),
                    chain,
                    end,
                    steps,
                }
            });
            entry.goals.push(goal.clone());
        }
    }
    out
}

/// Picks one primary resource and up to two alternatives for a topic, plus legacy ones when
/// asked for. Returns the picks and the resources already listed earlier that also teach it.
fn choose_resources(
    cur: &Curriculum,
    profile: &Profile,
    topic: usize,
    used: &BTreeSet<usize>,
    used_primary: &BTreeSet<usize>,
) -> (Vec<Pick>, Vec<usize>) {
    let mut fitting: Vec<(i32, usize)> = Vec::new();
    let mut misfits: Vec<(i32, usize)> = Vec::new();
    let mut legacy = Vec::new();
    let mut continues = Vec::new();
    for &r in cur.resources_for(topic) {
        let res = &cur.resources[r];
        if res.status.is_legacy() {
            if profile.include_legacy && !used.contains(&r) {
                legacy.push(r);
            }
            continue;
        }
        if profile.free_only && res.cost == crate::curriculum::Cost::Paid {
            continue;
        }
        if used.contains(&r) {
            continues.push(r);
            continue;
        }
        let fits = res.audience().is_empty()
            || res
                .audience()
                .iter()
                .any(|a| profile.traits.contains(a.id.as_str()));
        let s = score(
            profile,
            res.kind,
            res.status,
            !res.audience().is_empty() && fits,
            res.from_guide().is_some(),
        );
        if fits {
            fitting.push((s, r));
        } else {
            misfits.push((s, r));
        }
    }
    // A topic whose main resource was already read for an earlier topic continues with it;
    // otherwise the best remaining resource becomes its primary.
    let continues_primary = continues.iter().any(|r| used_primary.contains(r));
    let mut pool = if fitting.is_empty() && continues.is_empty() {
        misfits
    } else {
        fitting
    };
    pool.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut picks: Vec<Pick> = pool
        .iter()
        .take(3)
        .enumerate()
        .map(|(i, &(_, r))| Pick {
            resource: r,
            role: if i == 0 && !continues_primary {
                Role::Primary
            } else {
                Role::Alternative
            },
        })
        .collect();
    picks.extend(legacy.into_iter().map(|r| Pick {
        resource: r,
        role: Role::Legacy,
    }));
    (picks, continues)
}

fn score(
    profile: &Profile,
    kind: Kind,
    status: Status,
    audience_match: bool,
    from_guide: bool,
) -> i32 {
    let mut s = 0;
    if status == Status::Unmaintained {
        s -= 4;
    }
    if audience_match {
        s += 3;
    }
    if profile.prefers.contains(&kind) {
        s += 2;
    }
    if from_guide {
        s += 1;
    }
    s
}

/// "for goal pde-solvers: mpi4py-basics → pde-solvers (also for scale)"; long chains are
/// shortened to their first steps and their end.
pub fn why_text(cur: &Curriculum, pt: &PlanTopic) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_fills_weeks_in_order() {
        let (mut w, mut u) = (1, 0.0);
        assert_eq!(schedule(&mut w, &mut u, 3.0, 5.0), (1, 1));
        assert_eq!(schedule(&mut w, &mut u, 2.0, 5.0), (1, 1));
        // The week is full: the next topic starts in week 2 and spans three weeks.
        assert_eq!(schedule(&mut w, &mut u, 12.0, 5.0), (2, 4));
        assert_eq!(schedule(&mut w, &mut u, 1.0, 5.0), (4, 4));
    }
}
