//! The planner: from a profile to an ordered, explained, scheduled list of topics, each with the
//! resources to read or try.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;

use crate::answers::{Answers, Profile};
use crate::curriculum::{Cost, Curriculum, Status};

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
        let (resources, continues) =
            choose_resources(cur, profile, t, &needed, &used, &used_primary);
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
/// asked for. Returns the picks and the resources the person is already reading for an earlier
/// topic (its primary) that also teach this one: the topic continues with them.
///
/// Every topic gets a primary of its own when any resource is left to give it, so that it has
/// something to do and tick; what continues from earlier topics is named beside it. Candidates
/// are ranked by [`score`]. A resource listed earlier only as an alternative may become this
/// topic's primary (the person was never told to start it), but is not offered as an
/// alternative twice. An unmaintained resource is offered only when nothing current fits.
fn choose_resources(
    cur: &Curriculum,
    profile: &Profile,
    topic: usize,
    needed: &BTreeSet<usize>,
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
        if profile.free_only && res.cost == Cost::Paid {
            continue;
        }
        if used_primary.contains(&r) {
            continues.push(r);
            continue;
        }
        let fits = res.audience().is_empty()
            || res
                .audience()
                .iter()
                .any(|a| profile.traits.contains(a.id.as_str()));
        let fit = Fit {
            audience: !res.audience().is_empty() && fits,
            main_topic: res
                .teaches
                .first()
                .is_some_and(|t| cur.topic(&t.id) == Some(topic)),
            covers_more: res.teaches.iter().any(|t| {
                cur.topic(&t.id)
                    .is_some_and(|other| other != topic && needed.contains(&other))
            }),
            preferred_kind: profile.prefers.contains(&res.kind),
            from_guide: res.from_guide().is_some(),
            unmaintained: res.status == Status::Unmaintained,
        };
        let s = fit.score();
        if fits {
            fitting.push((s, r));
        } else {
            misfits.push((s, r));
        }
    }
    let mut pool = if fitting.is_empty() && continues.is_empty() {
        misfits
    } else {
        fitting
    };
    // Unmaintained resources only when nothing current teaches the topic.
    if pool
        .iter()
        .any(|&(_, r)| cur.resources[r].status == Status::Current)
    {
        pool.retain(|&(_, r)| cur.resources[r].status == Status::Current);
    }
    pool.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut picks: Vec<Pick> = Vec::new();
    for &(_, r) in &pool {
        if picks.len() == 3 {
            break;
        }
        let role = if picks.is_empty() {
            Role::Primary
        } else {
            Role::Alternative
        };
        // Offered before as an alternative: only worth naming again as this topic's primary.
        if used.contains(&r) && role == Role::Alternative {
            continue;
        }
        picks.push(Pick { resource: r, role });
    }
    picks.extend(legacy.into_iter().map(|r| Pick {
        resource: r,
        role: Role::Legacy,
    }));
    (picks, continues)
}

/// How a resource suits a person and a topic.
#[derive(Debug, Clone, Copy, Default)]
struct Fit {
    /// Written for people like them (its audience matches a trait of theirs).
    audience: bool,
    /// The topic is the first the resource teaches: it is about this topic.
    main_topic: bool,
    /// It also teaches other topics of the plan: one resource that carries the person further
    /// beats a detour through one that stops here.
    covers_more: bool,
    /// In a form they prefer.
    preferred_kind: bool,
    /// Named by the guide.
    from_guide: bool,
    unmaintained: bool,
}

impl Fit {
    /// Fit comes first: audience (+3), the topic's own resource (+2), one that carries on into
    /// the rest of the plan (+2), a preferred form (+2); provenance last: named by the guide
    /// (+1). An unmaintained resource loses 4.
    fn score(self) -> i32 {
        let mut s = 0;
        for (holds, points) in [
            (self.audience, 3),
            (self.main_topic, 2),
            (self.covers_more, 2),
            (self.preferred_kind, 2),
            (self.from_guide, 1),
            (self.unmaintained, -4),
        ] {
            if holds {
                s += points;
            }
        }
        s
    }
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

    use crate::curriculum::{AnswerValue, load_from_memory};

    /// A small curriculum: `a` and `b` (learn) lead to `c` and `d` (scale). The resources are
    /// made to test one rule each; `goals` wants topics, `background` knows them and gives
    /// traits.
    const CURRICULUM: &str = r#"
areas:
  - { id: learn, title: Learn, summary: Learn. }
  - { id: scale, title: Scale, summary: Scale. }
topics:
  - { id: a, title: A, area: learn, hours: 2, summary: A. }
  - { id: b, title: B, area: learn, requires: [a], hours: 3, summary: B. }
  - { id: c, title: C, area: scale, requires: [b], hours: 4, summary: C. }
  - { id: d, title: D, area: scale, requires: [b], hours: 1, summary: D. }
resources:
  - { id: a-guide, title: A guide, url: "https://a.example", kind: book, teaches: [a], level: beginner, cost: free, hours: 2, from_guide: "Learning" }
  - { id: a-course, title: A course, url: "https://c.example", kind: course, teaches: [a, b], level: beginner, cost: free, hours: 6 }
  - { id: b-docs, title: B docs, url: "https://b.example", kind: documentation, teaches: [b], level: beginner, cost: free, hours: 3 }
  - { id: c-for-r, title: C for R users, url: "https://r.example", kind: tutorial, teaches: [c], level: beginner, cost: free, hours: 4, audience: [r-users] }
  - { id: c-guide, title: C guide, url: "https://cg.example", kind: tutorial, teaches: [c], level: beginner, cost: free, hours: 4, from_guide: "Scaling" }
  - { id: d-old, title: D old, url: "https://do.example", kind: library, teaches: [d], level: beginner, cost: free, hours: 1, status: unmaintained, from_guide: "Scaling" }
  - { id: d-new, title: D new, url: "https://dn.example", kind: library, teaches: [d], level: beginner, cost: free, hours: 1 }
questions:
  - id: goals
    prompt: Goals?
    kind: multiselect
    options:
      - { id: want-c, label: C, wants: [c] }
      - { id: want-d, label: D, wants: [d] }
  - id: background
    prompt: Background?
    kind: multiselect
    options:
      - { id: knows-a, label: A, knows: [a] }
      - { id: r, label: R, traits: [r-users] }
"#;

    fn plan_for(goals: &[&str], background: &[&str]) -> (Curriculum, Plan) {
        let cur = load_from_memory(false, &[("t.yaml", CURRICULUM.as_bytes())])
            .unwrap_or_else(|e| panic!("{}", e.render()));
        let mut answers = Answers::default();
        let list = |v: &[&str]| AnswerValue::Choices(v.iter().map(|s| (*s).to_string()).collect());
        answers.set("goals", list(goals));
        answers.set("background", list(background));
        let profile = Profile::from_answers(&cur, &answers);
        let plan = make(&cur, &answers, &profile);
        (cur, plan)
    }

    fn ids(cur: &Curriculum, plan: &Plan) -> Vec<String> {
        plan.topics
            .iter()
            .map(|t| cur.topics[t.topic].id.to_string())
            .collect()
    }

    fn picks(cur: &Curriculum, plan: &Plan, topic: &str) -> Vec<(String, Role)> {
        let t = plan
            .topics
            .iter()
            .find(|t| cur.topics[t.topic].id == topic)
            .unwrap_or_else(|| panic!("{topic} is not in the plan"));
        t.resources
            .iter()
            .map(|p| (cur.resources[p.resource].id.to_string(), p.role))
            .collect()
    }

    #[test]
    fn prerequisites_come_first_and_known_topics_are_skipped() {
        let (cur, plan) = plan_for(&["want-c", "want-d"], &[]);
        assert_eq!(ids(&cur, &plan), ["a", "b", "c", "d"]);
        assert!(plan.skipped.is_empty());
        let (cur, plan) = plan_for(&["want-c"], &["knows-a"]);
        assert_eq!(ids(&cur, &plan), ["b", "c"]);
        assert_eq!(plan.skipped, [cur.topic("a").unwrap()]);
    }

    #[test]
    fn a_resource_that_carries_on_into_the_plan_beats_the_guides_provenance() {
        // `a-course` teaches b too, which the plan needs; `a-guide` only has the guide's +1.
        let (cur, plan) = plan_for(&["want-c"], &[]);
        assert_eq!(
            picks(&cur, &plan, "a")[0],
            ("a-course".into(), Role::Primary)
        );
        // b continues with the course and still gets a resource of its own to do.
        let b = plan
            .topics
            .iter()
            .find(|t| cur.topics[t.topic].id == "b")
            .unwrap();
        assert_eq!(b.continues, [cur.resource("a-course").unwrap()]);
        assert_eq!(picks(&cur, &plan, "b"), [("b-docs".into(), Role::Primary)]);
    }

    #[test]
    fn continue_with_names_only_what_the_person_was_told_to_start() {
        // Knowing a, the course is never assigned before b: it is one of b's own resources,
        // not a "continue with" pointing at something the person was never told to start.
        let (cur, plan) = plan_for(&["want-c"], &["knows-a"]);
        let b = plan
            .topics
            .iter()
            .find(|t| cur.topics[t.topic].id == "b")
            .unwrap();
        assert!(b.continues.is_empty());
        assert!(picks(&cur, &plan, "b").contains(&("a-course".into(), Role::Alternative)));
        for (goals, background) in [
            (&["want-c", "want-d"][..], &[][..]),
            (&["want-c"], &["knows-a"]),
            (&["want-d"], &["r"]),
        ] {
            let (cur, plan) = plan_for(goals, background);
            for (i, t) in plan.topics.iter().enumerate() {
                for r in &t.continues {
                    let assigned = plan.topics[..i].iter().any(|e| {
                        e.resources
                            .iter()
                            .any(|p| p.resource == *r && p.role == Role::Primary)
                    });
                    assert!(
                        assigned,
                        "{} continues with an unassigned resource",
                        cur.topics[t.topic].id
                    );
                }
            }
        }
    }

    #[test]
    fn a_resource_written_for_the_person_comes_first() {
        let (cur, plan) = plan_for(&["want-c"], &[]);
        assert_eq!(picks(&cur, &plan, "c")[0].0, "c-guide");
        let (cur, plan) = plan_for(&["want-c"], &["r"]);
        assert_eq!(picks(&cur, &plan, "c")[0].0, "c-for-r");
    }

    #[test]
    fn unmaintained_resources_only_when_nothing_current_teaches_the_topic() {
        let (cur, plan) = plan_for(&["want-d"], &[]);
        assert_eq!(picks(&cur, &plan, "d"), [("d-new".into(), Role::Primary)]);
    }

    #[test]
    fn every_topic_says_which_goal_needs_it_and_through_what() {
        let (cur, plan) = plan_for(&["want-c", "want-d"], &[]);
        let text: Vec<String> = plan.topics.iter().map(|t| why_text(&cur, t)).collect();
        assert_eq!(
            text,
            [
                "for goal want-c: a → b → c (also for want-d)",
                "for goal want-c: b → c (also for want-d)",
                "part of goal want-c",
                "part of goal want-d",
            ]
        );
    }

    #[test]
    fn hours_and_weeks_follow_the_schedule() {
        let (_, plan) = plan_for(&["want-c"], &[]);
        assert!(
            (plan.total_hours - 9.0).abs() < 1e-9,
            "{}",
            plan.total_hours
        );
        // 5 h a week by default: a (2 h) and b (3 h) fill week 1, c (4 h) is week 2.
        let weeks: Vec<(u32, u32)> = plan.topics.iter().map(|t| (t.week, t.end_week)).collect();
        assert_eq!(weeks, [(1, 1), (1, 1), (2, 2)]);
        assert_eq!(plan.weeks, 2);
    }

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
