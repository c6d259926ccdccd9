//! The planner: from a profile to an ordered, explained, scheduled list of topics, each with the
//! resources to read or try.
//!
//! The rules, each with its unit test below (and docs/curriculum-format.md for curriculum
//! authors):
//!
//! - **Topics**: what the wanted topics need and the person does not know, prerequisites first
//!   ([`make`]).
//! - **Resources** (`choose_resources`): every topic gets a primary item of its own to tick: the
//!   part of a resource already under way that names one for it, else the best-scoring
//!   candidate (`Fit::score`), else the resource it continues with. Bridges for the person's
//!   background are read first; pages that cover part of a topic are read alongside, never
//!   offered instead; up to two alternatives follow. `free_only` leaves out what is sold.
//! - **Hours** ([`topic_hours`], [`reading_hours`]): a topic's hours are its estimate, or the
//!   reading assigned to it if that is more (a part's hours, a resource taught only here whole,
//!   else the topic's share of it; companions and the share of what it continues add up;
//!   alternatives do not). The schedule, the header, the items of a saved plan (so `progress`
//!   and `team`) and JSON all use them: a topic's required items count for its hours exactly.
//! - **Deadline** ([`fit_deadline`]): keep the wanted topics most answers want, ties in answer
//!   order, while they and their prerequisites fit; list the rest.
//! - **Why** ([`why_text`]): the goals that need a topic, by their labels, and the shortest chain
//!   to the first of them.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;

use crate::answers::{Answers, Profile};
use crate::curriculum::{AnswerValue, Companion, Cost, Curriculum, Status};
use crate::format::{format_number, hours};

pub mod measure;

/// Why a topic is in the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Why {
    /// The goals that need the topic (option ids), in the order they were chosen.
    pub goals: Vec<String>,
    /// Their labels, as the questionnaire shows them, for text meant for people.
    pub labels: Vec<String>,
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
    /// The topic's main resource (or the part of one that teaches it): what to work through.
    Primary,
    /// A short bridge written for people like the learner, to read before the primary.
    First,
    /// A page that covers part of the topic, read beside the primary rather than instead of it.
    Alongside,
    /// Another way to learn the topic, instead of the primary.
    Alternative,
    /// Dead or superseded, listed because the person asked for the guide's legacy resources.
    Legacy,
}

impl Role {
    /// Items the topic asks the person to do; the others are optional.
    pub fn required(self) -> bool {
        matches!(self, Role::Primary | Role::First | Role::Alongside)
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Primary => "primary",
            Role::First => "first",
            Role::Alongside => "alongside",
            Role::Alternative => "alternative",
            Role::Legacy => "legacy",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Pick {
    pub resource: usize,
    pub role: Role,
    /// The part of the resource assigned to this topic (an index into its `parts`).
    pub part: Option<usize>,
    /// The resource was assigned to an earlier topic: this item is its continuation here (its
    /// part for this topic, or its share of it).
    pub continued: bool,
    /// The reading this pick assigns for the topic: the part's hours, the whole resource if it
    /// teaches only this topic, or else the topic's share of it (see [`reading_hours`]).
    pub reading: f64,
    /// The hours the item counts for in the schedule and in progress: a required item its
    /// reading (the primary also the rest of the topic's hours); an alternative or a legacy
    /// resource what the primary counts for, since it would replace it.
    pub counts: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanTopic {
    pub topic: usize,
    /// The topic's hours in this plan (see [`topic_hours`]): what the schedule, the header,
    /// progress and team use.
    pub hours: f64,
    /// The week the topic starts in and the week it ends in (1-based).
    pub week: u32,
    pub end_week: u32,
    pub why: Why,
    pub resources: Vec<Pick>,
    /// Resources assigned whole to an earlier topic that also teach this one, with the hours of
    /// their share for it.
    pub continues: Vec<usize>,
    pub continues_reading: Vec<f64>,
    /// The person has met the topic before (an option `reviews` it): a review, estimated at
    /// [`REVIEW_SHARE`] of the topic's hours, or the reading if that is more.
    pub review: bool,
}

/// How much of a topic's estimate a review of it takes.
pub const REVIEW_SHARE: f64 = 0.5;

/// Why a topic of a plan has nothing current of its own to work through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unresourced {
    /// The curriculum lists no resource for the topic at all.
    NoneListed,
    /// Only resources that are sold teach it, and the person asked for free ones.
    OnlyPaid,
    /// Only unmaintained, deprecated or dead resources teach it.
    OnlyUnmaintained,
    /// Resources teach it, but none fits the person's other choices.
    NoneFits,
}

impl Unresourced {
    /// The reason and what to find, as a sentence that starts "No listed resource" (plan files
    /// know the line by that start); each place that shows it says where to add what is found.
    pub fn sentence(self) -> &'static str {
        match self {
            Unresourced::NoneListed => "No listed resource teaches this topic yet: find one",
            Unresourced::OnlyPaid => {
                "No listed resource fits your choices: only paid ones teach this topic; allow \
                 paid resources, or find a free one"
            }
            Unresourced::OnlyUnmaintained => {
                "No listed resource is current for this topic, only unmaintained ones: find a \
                 current one"
            }
            Unresourced::NoneFits => "No listed resource fits your choices: find one",
        }
    }
}

impl PlanTopic {
    /// A needed topic for which no resource fits the person's constraints.
    pub fn unresourced(&self) -> bool {
        self.continues.is_empty() && !self.resources.iter().any(|p| p.role != Role::Legacy)
    }

    /// Why the topic is [`unresourced`](Self::unresourced), if it is.
    pub fn unresourced_reason(&self, cur: &Curriculum) -> Option<Unresourced> {
        if !self.unresourced() {
            return None;
        }
        let all = cur.resources_for(self.topic);
        let current: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&r| !cur.resources[r].status.is_legacy())
            .collect();
        Some(if all.is_empty() {
            Unresourced::NoneListed
        } else if current.is_empty() {
            Unresourced::OnlyUnmaintained
        } else if current.iter().all(|&r| cur.resources[r].cost == Cost::Paid) {
            Unresourced::OnlyPaid
        } else {
            Unresourced::NoneFits
        })
    }
    /// The hours of the reading assigned for the topic: its required items and its share of
    /// what it continues.
    pub fn reading(&self) -> f64 {
        self.resources
            .iter()
            .filter(|p| p.role.required())
            .map(|p| p.reading)
            .sum::<f64>()
            + self.continues_reading.iter().sum::<f64>()
    }
}

/// What a deadline did to the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Deadline {
    pub weeks: f64,
    /// The hours the deadline leaves: weeks × hours a week.
    pub budget: f64,
    /// Topics the goals need that were left out to fit, in the order the full plan had them.
    pub dropped: Vec<usize>,
    /// Hours over the budget when even the most wanted topic does not fit (0 otherwise).
    pub over: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub name: Option<String>,
    pub answers: Answers,
    /// The chosen options that want topics (ids), in the order they were chosen.
    pub goals: Vec<String>,
    /// Their labels, as the questionnaire shows them.
    pub goal_labels: Vec<String>,
    pub hours_per_week: f64,
    /// Every topic the person knows, in curriculum order.
    pub known: Vec<usize>,
    /// Known topics that the goals would otherwise have needed, in curriculum order.
    pub skipped: Vec<usize>,
    pub topics: Vec<PlanTopic>,
    pub total_hours: f64,
    pub weeks: u32,
    /// Set when the person gave a deadline.
    pub deadline: Option<Deadline>,
}

const EPS: f64 = 1e-9;

/// Makes the plan. Deterministic: the same curriculum and answers give the same plan.
///
/// With a deadline, the plan keeps what fits in it (see [`fit_deadline`]) and names what it
/// leaves out.
pub fn make(cur: &Curriculum, answers: &Answers, profile: &Profile) -> Plan {
    let full = build(cur, answers, profile);
    match profile.deadline_weeks {
        Some(weeks) => fit_deadline(cur, answers, profile, full, weeks),
        None => full,
    }
}

/// The plan for every wanted topic.
fn build(cur: &Curriculum, answers: &Answers, profile: &Profile) -> Plan {
    let g = &cur.graph;
    let wanted: BTreeSet<usize> = profile.wanted.keys().copied().collect();
    let needed = g.needed(&wanted, &profile.known);
    let order = g.order(&needed);

    // What the goals would need if nothing were known, to say what was skipped.
    let skipped: Vec<usize> = {
        let all = g.needed(&wanted, &BTreeSet::new());
        all.intersection(&profile.known).copied().collect()
    };

    let labels = labels_of(cur, answers);
    let whys = explain(cur, profile, &needed, &labels);
    // Resources listed so far, and those assigned whole (or by parts) as a primary.
    let mut used: BTreeSet<usize> = BTreeSet::new();
    let mut used_primary: BTreeSet<usize> = BTreeSet::new();
    let mut topics = Vec::with_capacity(order.len());
    let (mut week, mut used_hours) = (1u32, 0.0f64);
    let per_week = profile.hours_per_week.max(0.5);
    for t in order {
        let (mut resources, continues) =
            choose_resources(cur, profile, t, &needed, &used, &used_primary);
        for p in &resources {
            used.insert(p.resource);
            if p.role == Role::Primary {
                used_primary.insert(p.resource);
            }
        }
        let continues_reading: Vec<f64> = continues
            .iter()
            .map(|&r| reading_hours(cur, r, t).0)
            .collect();
        let review = profile.reviewing.contains(&t);
        let estimate = if review {
            cur.topics[t].hours * REVIEW_SHARE
        } else {
            cur.topics[t].hours
        };
        let hours = topic_hours(estimate, &resources, &continues_reading);
        assign_counts(&mut resources, hours);
        let (start, end) = schedule(&mut week, &mut used_hours, hours, per_week);
        topics.push(PlanTopic {
            topic: t,
            hours,
            week: start,
            end_week: end,
            why: whys.get(&t).cloned().unwrap_or(Why {
                goals: Vec::new(),
                labels: Vec::new(),
                chain: vec![t],
                end: t,
                steps: 0,
            }),
            resources,
            continues,
            continues_reading,
            review,
        });
    }
    let total_hours: f64 = topics.iter().map(|t| t.hours).sum();
    let weeks = topics.last().map_or(0, |t| t.end_week);
    Plan {
        name: profile.name.clone(),
        answers: answers.clone(),
        goals: profile.goals.clone(),
        goal_labels: profile
            .goals
            .iter()
            .map(|g| labels.get(g).cloned().unwrap_or_else(|| g.clone()))
            .collect(),
        hours_per_week: profile.hours_per_week,
        known: profile.known.iter().copied().collect(),
        skipped,
        topics,
        total_hours,
        weeks,
        deadline: None,
    }
}

/// The labels of the chosen options that want topics, by option id (the first question that
/// has the id wins, as in the profile's goals).
fn labels_of(cur: &Curriculum, answers: &Answers) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (id, v) in answers.values() {
        let Some(q) = cur.question(id) else { continue };
        let chosen: &[String] = match v {
            AnswerValue::Text(s) => std::slice::from_ref(s),
            AnswerValue::Choices(c) => c,
            _ => continue,
        };
        for c in chosen {
            if let Some(o) = q.option(c)
                && !o.wants.is_empty()
            {
                out.entry(o.id.clone()).or_insert_with(|| o.label.clone());
            }
        }
    }
    out
}

/// The labels of goals (option ids) in a set of answers, for a plan read back from its file.
pub fn goal_labels(cur: &Curriculum, answers: &Answers, goals: &[String]) -> Vec<String> {
    let labels = labels_of(cur, answers);
    goals
        .iter()
        .map(|g| labels.get(g).cloned().unwrap_or_else(|| g.clone()))
        .collect()
}

/// The reading a resource assigns for a topic, and the part that does (an index into its
/// `parts`): the part's hours when it names one for the topic; the whole resource when it
/// teaches only this topic; otherwise the topic's share of what its parts leave, in proportion
/// to the estimates of the topics that share it, rounded to the half hour (at least half an
/// hour).
pub fn reading_hours(cur: &Curriculum, r: usize, topic: usize) -> (f64, Option<usize>) {
    let res = &cur.resources[r];
    let id = cur.topics[topic].id.as_str();
    if let Some(i) = res.parts().iter().position(|p| p.topic.id == id) {
        return (res.parts()[i].hours, Some(i));
    }
    let sharing: Vec<usize> = res
        .teaches
        .iter()
        .filter(|t| res.part_for(&t.id).is_none())
        .filter_map(|t| cur.topic(&t.id))
        .collect();
    if sharing == [topic] && res.parts().is_empty() {
        return (res.hours, None);
    }
    let left = (res.hours - res.parts().iter().map(|p| p.hours).sum::<f64>()).max(0.0);
    let total: f64 = sharing.iter().map(|&t| cur.topics[t].hours).sum();
    if total <= EPS {
        return (res.hours, None);
    }
    let share = left * cur.topics[topic].hours / total;
    (((share * 2.0).round() / 2.0).max(0.5), None)
}

/// A topic's hours in a plan: its own estimate (learning it, practice included), or the reading
/// the plan assigns for it if that is more. The reading is the required items' (primary, read
/// first, read alongside) plus the topic's share of the resources it continues with.
/// Alternatives do not add: they would replace the primary.
pub fn topic_hours(estimate: f64, picks: &[Pick], continues_reading: &[f64]) -> f64 {
    let reading: f64 = picks
        .iter()
        .filter(|p| p.role.required())
        .map(|p| p.reading)
        .sum::<f64>()
        + continues_reading.iter().sum::<f64>();
    estimate.max(reading)
}

/// What each item counts for: the companions their reading, the primary the rest of the
/// topic's hours (so that a topic's required items add up to its hours), alternatives and
/// legacy resources what the primary counts for.
fn assign_counts(picks: &mut [Pick], hours: f64) {
    let companions: f64 = picks
        .iter()
        .filter(|p| matches!(p.role, Role::First | Role::Alongside))
        .map(|p| p.reading)
        .sum();
    let has_primary = picks.iter().any(|p| p.role == Role::Primary);
    let primary = if has_primary {
        (hours - companions).max(0.0)
    } else {
        0.0
    };
    for p in picks.iter_mut() {
        p.counts = match p.role {
            Role::Primary => primary,
            Role::First | Role::Alongside => p.reading,
            Role::Alternative | Role::Legacy => primary,
        };
    }
}

/// Fits the plan into `weeks` × hours a week. If it is over, wanted topics are ranked by how
/// many chosen options want them (ties in the order the answers want them); a topic is kept if
/// it and its prerequisites not yet kept fit in the hours left; the rest is left out and
/// listed. The most wanted topic is always kept, even when it alone does not fit: the plan
/// then says how many hours over it is.
pub fn fit_deadline(
    cur: &Curriculum,
    answers: &Answers,
    profile: &Profile,
    full: Plan,
    weeks: f64,
) -> Plan {
    let budget = weeks * profile.hours_per_week.max(0.5);
    if full.total_hours <= budget + EPS {
        let mut plan = full;
        plan.deadline = Some(Deadline {
            weeks,
            budget,
            dropped: Vec::new(),
            over: 0.0,
        });
        return plan;
    }
    let g = &cur.graph;
    let hours_of: BTreeMap<usize, f64> = full.topics.iter().map(|t| (t.topic, t.hours)).collect();
    let mut ranked: Vec<(usize, usize)> = profile
        .wanted_order
        .iter()
        .enumerate()
        .filter(|(_, t)| hours_of.contains_key(t))
        .map(|(i, &t)| (i, t))
        .collect();
    ranked.sort_by_key(|&(i, t)| (std::cmp::Reverse(profile.wanted[&t].len()), i));
    let mut kept: BTreeSet<usize> = BTreeSet::new();
    let mut kept_wanted: Vec<usize> = Vec::new();
    let mut left = budget;
    for (n, &(_, t)) in ranked.iter().enumerate() {
        let closure = g.needed(&BTreeSet::from([t]), &profile.known);
        let cost: f64 = closure
            .iter()
            .filter(|c| !kept.contains(c))
            .map(|c| hours_of.get(c).copied().unwrap_or(cur.topics[*c].hours))
            .sum();
        if n == 0 || cost <= left + EPS {
            left -= cost;
            kept.extend(closure);
            kept_wanted.push(t);
        }
    }
    // The plan of what is kept; resources chosen for fewer topics can change its hours, so
    // drop the least wanted kept topic until it fits (or only the most wanted is left).
    let plan = loop {
        let mut p = profile.clone();
        p.wanted.retain(|t, _| kept_wanted.contains(t));
        p.wanted_order.retain(|t| kept_wanted.contains(t));
        let plan = build(cur, answers, &p);
        if plan.total_hours <= budget + EPS || kept_wanted.len() <= 1 {
            break plan;
        }
        kept_wanted.pop();
    };
    let in_plan: BTreeSet<usize> = plan.topics.iter().map(|t| t.topic).collect();
    let dropped = full
        .topics
        .iter()
        .map(|t| t.topic)
        .filter(|t| !in_plan.contains(t))
        .collect();
    let over = (plan.total_hours - budget).max(0.0);
    Plan {
        // The goals are the person's, whether or not all of them fit.
        goals: full.goals,
        goal_labels: full.goal_labels,
        deadline: Some(Deadline {
            weeks,
            budget,
            dropped,
            over,
        }),
        ..plan
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
    /// The goals need it, but it was left out to fit the deadline.
    pub dropped: bool,
}

/// Why `topic` is (or is not) in the plan made from these answers, and the way to it.
pub fn reason(cur: &Curriculum, answers: &Answers, profile: &Profile, topic: usize) -> TopicReason {
    if profile.known.contains(&topic) {
        return TopicReason {
            known: true,
            planned: None,
            path: Vec::new(),
            known_before: Vec::new(),
            dropped: false,
        };
    }
    let g = &cur.graph;
    let path = g.order(&g.needed(&BTreeSet::from([topic]), &profile.known));
    let plan = make(cur, answers, profile);
    let dropped = plan
        .deadline
        .as_ref()
        .is_some_and(|d| d.dropped.contains(&topic));
    let planned = plan.topics.into_iter().find(|pt| pt.topic == topic);
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
        dropped,
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
fn explain(
    cur: &Curriculum,
    profile: &Profile,
    needed: &BTreeSet<usize>,
    labels: &BTreeMap<String, String>,
) -> BTreeMap<usize, Why> {
    let g = &cur.graph;
    let mut out: BTreeMap<usize, Why> = BTreeMap::new();
    // (next step, end, steps) per topic, for the goal being walked.
    let mut hop: Vec<Option<(Option<usize>, usize, usize)>> = vec![None; g.len()];
    for goal in &profile.goals {
        hop.fill(None);
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
                    labels: Vec::new(),
                    chain,
                    end,
                    steps,
                }
            });
            entry.goals.push(goal.clone());
            entry
                .labels
                .push(labels.get(goal).cloned().unwrap_or_else(|| goal.clone()));
        }
    }
    out
}

/// Picks a topic's resources: one primary, the pages that go with it (bridges to read first,
/// pages read alongside), up to two alternatives, and legacy ones when asked for. Returns the
/// picks and the resources the person is already working through for an earlier topic (as its
/// primary) that also teach this one: the topic continues with them.
///
/// Every topic gets a primary of its own when any resource is left to give it, so that it has
/// something to do and tick. A resource assigned earlier that names a part for this topic
/// (chapters, an episode) is that primary: the part is the topic's own item. Otherwise
/// candidates are ranked by [`Fit::score`]. A resource listed earlier only as an alternative may
/// become this topic's primary (the person was never told to start it), but is not offered as
/// an alternative twice. An unmaintained resource is offered only when nothing current fits.
/// A bridge (`companion: first`) is listed only for the people it is written for; pages read
/// alongside are never offered as alternatives to the primary, and are listed for every topic of
/// the plan they cover (a page on thread pools read for profiling a job and again, its other
/// part, for threads).
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
    let mut continued_part = None;
    let mut firsts = Vec::new();
    let topic_id = cur.topics[topic].id.as_str();
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
            if res.part_for(topic_id).is_some() {
                continued_part.get_or_insert(r);
            } else {
                continues.push(r);
            }
            continue;
        }
        let fits = res.audience().is_empty()
            || res
                .audience()
                .iter()
                .any(|a| profile.traits.contains(a.id.as_str()));
        if res.companion() == Some(Companion::First) {
            if fits && !used.contains(&r) {
                firsts.push(r);
            }
            continue;
        }
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
            paid: res.cost == Cost::Paid,
        };
        let s = fit.score();
        if fits {
            fitting.push((s, r));
        } else {
            misfits.push((s, r));
        }
    }
    let mut pool = if fitting.is_empty() && continues.is_empty() && continued_part.is_none() {
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
    let pick = |r: usize, role: Role| {
        let (reading, part) = reading_hours(cur, r, topic);
        Pick {
            resource: r,
            role,
            part,
            continued: used_primary.contains(&r),
            reading,
            counts: 0.0,
        }
    };
    // The primary: the part of a resource already under way, or the best candidate (a page
    // meant to be read alongside only if nothing else fits); with
    // neither, a bridge stands in, or else the resource the topic continues with becomes its
    // own item (its share for this topic), so that there is always something to tick.
    // A page read alongside is the primary only when nothing else teaches the topic.
    let alongside = |r: usize| cur.resources[r].companion() == Some(Companion::Alongside);
    let mut primary = continued_part
        .or_else(|| {
            pool.iter()
                .find(|&&(_, r)| !alongside(r))
                .or(pool.first())
                .map(|&(_, r)| r)
        })
        .or_else(|| (!firsts.is_empty()).then(|| firsts.remove(0)));
    if primary.is_none() && !continues.is_empty() {
        primary = Some(continues.remove(0));
    }
    let mut picks: Vec<Pick> = firsts.iter().map(|&r| pick(r, Role::First)).collect();
    let Some(primary) = primary else {
        picks.extend(legacy.into_iter().map(|r| pick(r, Role::Legacy)));
        return (picks, continues);
    };
    picks.push(pick(primary, Role::Primary));
    for &(_, r) in &pool {
        // Listed for every topic it covers, even if an earlier topic listed it: a page read
        // alongside is part of each topic's reading (its part for this one, or its share).
        if r != primary && alongside(r) {
            picks.push(pick(r, Role::Alongside));
        }
    }
    let mut alternatives = 0;
    for &(_, r) in &pool {
        if alternatives == 2 {
            break;
        }
        // Offered before: only worth naming again as this topic's primary.
        if r == primary || alongside(r) || used.contains(&r) {
            continue;
        }
        picks.push(pick(r, Role::Alternative));
        alternatives += 1;
    }
    picks.extend(legacy.into_iter().map(|r| pick(r, Role::Legacy)));
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
    /// Sold rather than free.
    paid: bool,
}

impl Fit {
    /// Fit comes first: audience (+3), the topic's own resource (+2), one that carries on into
    /// the rest of the plan (+2), a preferred form (+2); provenance last: named by the guide
    /// (+1). A paid resource loses 1 (a free one as good comes first); an unmaintained one
    /// loses 4.
    fn score(self) -> i32 {
        let mut s = 0;
        for (holds, points) in [
            (self.audience, 3),
            (self.main_topic, 2),
            (self.covers_more, 2),
            (self.preferred_kind, 2),
            (self.from_guide, 1),
            (self.unmaintained, -4),
            (self.paid, -1),
        ] {
            if holds {
                s += points;
            }
        }
        s
    }
}

/// A label without its closing aside: "Many independent runs (parameter sweeps, …)" is
/// "Many independent runs", for lines that name several goals.
pub fn short_label(label: &str) -> &str {
    match label
        .strip_suffix(')')
        .and_then(|l| l.rfind(" (").map(|i| &label[..i]))
    {
        Some(short) if !short.trim().is_empty() => short,
        _ => label,
    }
}

/// The goals' short labels, for a plan's header: "Analyse data; Work with tables larger than
/// memory". Only the answers to the goals question (`setting: goals`) are goals there; the
/// other options that want topics (the shape of the work, the code one has) still explain
/// topics, but are not listed as goals. A curriculum without such a question lists them all.
pub fn goals_text(cur: &Curriculum, plan: &Plan) -> String {
    header_goals(cur, &plan.goals, &plan.goal_labels)
        .iter()
        .map(|l| short_label(l))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Whether an option that wants topics is a goal: one of the goals question's options (any
/// such option when no question has `setting: goals`).
fn is_goal(cur: &Curriculum, option: &str) -> bool {
    let mut goal_questions = cur
        .questions
        .iter()
        .filter(|q| q.setting == Some(crate::curriculum::Setting::Goals))
        .peekable();
    goal_questions.peek().is_none() || goal_questions.any(|q| q.option(option).is_some())
}

/// Of the goals (option ids) and their labels, the labels of those the goals question gives;
/// all of them when no question has `setting: goals`, or when none of them comes from it.
pub fn header_goals<'l>(cur: &Curriculum, goals: &[String], labels: &'l [String]) -> Vec<&'l str> {
    let from_question: Vec<&str> = goals
        .iter()
        .zip(labels)
        .filter(|(g, _)| is_goal(cur, g))
        .map(|(_, l)| l.as_str())
        .collect();
    if from_question.is_empty() {
        labels.iter().map(String::as_str).collect()
    } else {
        from_question
    }
}

/// Why a topic is in the plan, in words a learner reads: "part of your goal “Scale”", "needed
/// for “Message passing with MPI” in your goal “Scale”", or, further down the chain, "needed
/// for “Parallel computing concepts”, on the way to “Message passing with MPI” in your goal
/// “Scale”"; then "(also for …)" the other goals. Topics by their titles, goals by their
/// labels: ids are for files and JSON.
pub fn why_text(cur: &Curriculum, pt: &PlanTopic) -> String {
    let Some(first) = pt.why.labels.first().map(|l| short_label(l)) else {
        return "a prerequisite of your goals".into();
    };
    let w = &pt.why;
    let title = |t: usize| cur.topics[t].title.as_str();
    // An answer to the goals question is a goal; another answer that wants topics (the shape
    // of the work, the code one has) is named as an answer.
    let kind = match w.goals.first() {
        Some(g) if !is_goal(cur, g) => "answer",
        _ => "goal",
    };
    let mut s = match (w.steps, w.chain.get(1)) {
        (0, _) => format!("part of your {kind} “{first}”"),
        (1, _) | (_, None) => format!("needed for “{}” in your {kind} “{first}”", title(w.end)),
        (_, Some(&next)) => format!(
            "needed for “{}”, on the way to “{}” in your {kind} “{first}”",
            title(next),
            title(w.end)
        ),
    };
    if w.labels.len() > 1 {
        let others: Vec<String> = w.labels[1..]
            .iter()
            .map(|l| format!("“{}”", short_label(l)))
            .collect();
        let _ = write!(s, " (also for {})", others.join(", "));
    }
    s
}

/// How many hours a pick shows: its part's, the resource's when it is assigned whole, or "the
/// topic's share of the whole" ("3.5 h of 12 h").
pub fn pick_hours(cur: &Curriculum, p: &Pick) -> String {
    let r = &cur.resources[p.resource];
    if p.part.is_some() || (p.reading - r.hours).abs() < 1e-9 {
        hours(p.reading)
    } else {
        format!("{} of {}", hours(p.reading), hours(r.hours))
    }
}

/// What to read of a pick, when not all of it: the part's title, or "continued" for the rest
/// of a resource assigned to an earlier topic.
pub fn part_title<'c>(cur: &'c Curriculum, p: &Pick) -> Option<&'c str> {
    match p
        .part
        .and_then(|i| cur.resources[p.resource].parts().get(i))
    {
        Some(part) => Some(part.title.as_str()),
        None if p.continued => Some("continued"),
        None => None,
    }
}

/// The line under a plan's header about its deadline, if it has one.
pub fn deadline_text(cur: &Curriculum, plan: &Plan) -> Option<String> {
    let d = plan.deadline.as_ref()?;
    let weeks = format_number(d.weeks);
    let mut s = if d.dropped.is_empty() {
        format!("It fits your deadline of {weeks} weeks.")
    } else {
        let names: Vec<&str> = d
            .dropped
            .iter()
            .map(|&t| cur.topics[t].title.as_str())
            .collect();
        format!(
            "Left out to finish in {weeks} weeks: {}. Plan them after the deadline.",
            names.join(", ")
        )
    };
    if d.over > 1e-9 {
        let _ = write!(
            s,
            " Even so the plan is {} over the {} that {weeks} weeks at {} a week allow.",
            hours(d.over),
            hours(d.budget),
            hours(plan.hours_per_week)
        );
    }
    Some(s)
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
  - { id: e, title: E, area: scale, requires: [a], hours: 2, summary: E. }
  - { id: h, title: H, area: scale, requires: [e], hours: 1, summary: H. }
resources:
  - { id: a-guide, title: A guide, url: "https://a.example", kind: book, teaches: [a], level: beginner, cost: free, hours: 2, from_guide: "Learning" }
  - { id: a-course, title: A course, url: "https://c.example", kind: course, teaches: [a, b], level: beginner, cost: free, hours: 6 }
  - { id: b-docs, title: B docs, url: "https://b.example", kind: documentation, teaches: [b], level: beginner, cost: free, hours: 3 }
  - { id: c-for-r, title: C for R users, url: "https://r.example", kind: tutorial, teaches: [c], level: beginner, cost: free, hours: 4, audience: [r-users] }
  - { id: c-guide, title: C guide, url: "https://cg.example", kind: tutorial, teaches: [c], level: beginner, cost: free, hours: 4, from_guide: "Scaling" }
  - { id: d-old, title: D old, url: "https://do.example", kind: library, teaches: [d], level: beginner, cost: free, hours: 1, status: unmaintained, from_guide: "Scaling" }
  - { id: d-new, title: D new, url: "https://dn.example", kind: library, teaches: [d], level: beginner, cost: free, hours: 1 }
  - { id: c-bridge, title: C for R users first, url: "https://cb.example", kind: documentation, teaches: [c], level: beginner, cost: free, hours: 1, audience: [r-users], companion: first }
  - { id: c-page, title: C page, url: "https://cp.example", kind: documentation, teaches: [c], level: beginner, cost: free, hours: 1, companion: alongside }
  - id: e-book
    title: E book
    url: "https://eb.example"
    kind: tutorial
    teaches: [a, e, h]
    level: beginner
    cost: free
    hours: 10
    parts:
      - { topic: a, title: chapter 1, hours: 3 }
      - { topic: e, title: chapter 2, hours: 4 }
  - { id: e-paid, title: E paid, url: "https://ep.example", kind: book, teaches: [e], level: beginner, cost: paid, hours: 2 }
  - { id: e-free, title: E free, url: "https://ef.example", kind: book, teaches: [e], level: beginner, cost: free, hours: 2 }
questions:
  - id: goals
    prompt: Goals?
    kind: multiselect
    options:
      - { id: want-c, label: C, wants: [c] }
      - { id: want-d, label: D, wants: [d] }
      - { id: want-e, label: E (and more), wants: [e] }
      - { id: want-cd, label: C and D, wants: [c, d] }
      - { id: want-h, label: H, wants: [h] }
  - id: background
    prompt: Background?
    kind: multiselect
    options:
      - { id: knows-a, label: A, knows: [a] }
      - { id: r, label: R, traits: [r-users] }
      - { id: nothing, label: None of these, exclusive: true }
  - id: r-flavour
    prompt: Which R?
    kind: select
    default: base
    when: { background: [r] }
    options:
      - { id: base, label: Base R }
      - { id: tidy, label: The tidyverse, knows: [b] }
  - { id: hours, prompt: Hours?, kind: number, setting: hours_per_week }
  - { id: weeks, prompt: Weeks?, kind: number, setting: deadline_weeks }
  - { id: free, prompt: Free only?, kind: confirm, setting: free_only }
  - id: formats
    prompt: Formats?
    kind: multiselect
    options:
      - { id: books, label: Books, prefers: [book] }
"#;

    fn curriculum() -> Curriculum {
        load_from_memory(false, &[("t.yaml", CURRICULUM.as_bytes())])
            .unwrap_or_else(|e| panic!("{}", e.render()))
    }

    /// A plan from answers given as `(question, value)`; lists are comma-separated.
    fn plan_with(answers_in: &[(&str, &str)]) -> (Curriculum, Plan) {
        let cur = curriculum();
        let mut answers = Answers::default();
        for (q, v) in answers_in {
            let kind = cur.question(q).expect("a test question").kind;
            let value = match kind {
                crate::curriculum::QuestionKind::Number => AnswerValue::Number(v.parse().unwrap()),
                crate::curriculum::QuestionKind::Confirm => AnswerValue::Bool(*v == "yes"),
                crate::curriculum::QuestionKind::Select => AnswerValue::Text(v.to_string()),
                _ => AnswerValue::Choices(
                    v.split(',')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                ),
            };
            answers.set(q, value);
        }
        crate::answers::complete(&cur, &mut answers).unwrap();
        let profile = Profile::from_answers(&cur, &answers);
        let plan = make(&cur, &answers, &profile);
        (cur, plan)
    }

    fn topic<'p>(cur: &Curriculum, plan: &'p Plan, id: &str) -> &'p PlanTopic {
        plan.topics
            .iter()
            .find(|t| cur.topics[t.topic].id == id)
            .unwrap_or_else(|| panic!("{id} is not in the plan"))
    }

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
        let primary = |cur: &Curriculum, plan: &Plan| {
            picks(cur, plan, "c")
                .into_iter()
                .find(|p| p.1 == Role::Primary)
                .unwrap()
                .0
        };
        let (cur, plan) = plan_for(&["want-c"], &[]);
        assert_eq!(primary(&cur, &plan), "c-guide");
        let (cur, plan) = plan_for(&["want-c"], &["r"]);
        assert_eq!(primary(&cur, &plan), "c-for-r");
    }

    #[test]
    fn a_bridge_is_read_first_and_only_by_the_people_it_is_written_for() {
        // Without the trait the bridge is not listed at all; with it, before the primary and
        // not as an alternative.
        let (cur, plan) = plan_for(&["want-c"], &[]);
        assert!(!picks(&cur, &plan, "c").iter().any(|p| p.0 == "c-bridge"));
        let (cur, plan) = plan_for(&["want-c"], &["r"]);
        let c = picks(&cur, &plan, "c");
        assert_eq!(c[0], ("c-bridge".into(), Role::First));
        assert_eq!(c[1], ("c-for-r".into(), Role::Primary));
    }

    #[test]
    fn pages_read_alongside_are_never_offered_instead_of_the_primary() {
        for background in [&[][..], &["r"]] {
            let (cur, plan) = plan_for(&["want-c"], background);
            let c = picks(&cur, &plan, "c");
            assert!(c.contains(&("c-page".into(), Role::Alongside)), "{c:?}");
            assert!(!c.iter().any(|p| p.0 == "c-page" && p.1 != Role::Alongside));
        }
    }

    #[test]
    fn a_page_read_alongside_is_read_for_every_topic_it_covers() {
        // The thread-pool page covers both topics with a part each: listed beside each
        // topic's primary, with that topic's part, not dropped because p listed it first.
        let yaml = r#"
areas:
  - { id: learn, title: Learn, summary: Learn. }
topics:
  - { id: p, title: P, area: learn, hours: 2, summary: P. }
  - { id: t, title: T, area: learn, requires: [p], hours: 2, summary: T. }
resources:
  - { id: p-docs, title: P docs, url: "https://p.example", kind: documentation, teaches: [p], level: beginner, cost: free, hours: 1 }
  - { id: t-docs, title: T docs, url: "https://t.example", kind: documentation, teaches: [t], level: beginner, cost: free, hours: 1 }
  - id: pools
    title: Pools
    url: "https://pools.example"
    kind: library
    teaches: [t, p]
    level: beginner
    cost: free
    hours: 1.5
    companion: alongside
    parts:
      - { topic: t, title: limiting threads, hours: 1 }
      - { topic: p, title: inspecting threads, hours: 0.5 }
questions:
  - id: goals
    prompt: Goals?
    kind: multiselect
    options:
      - { id: want-t, label: T, wants: [t] }
"#;
        let cur = load_from_memory(false, &[("t.yaml", yaml.as_bytes())])
            .unwrap_or_else(|e| panic!("{}", e.render()));
        let mut answers = Answers::default();
        answers.set("goals", AnswerValue::Choices(vec!["want-t".into()]));
        let profile = Profile::from_answers(&cur, &answers);
        let plan = make(&cur, &answers, &profile);
        let pools = cur.resource("pools").unwrap();
        for (id, primary, part, reading) in [("p", "p-docs", 1, 0.5), ("t", "t-docs", 0, 1.0)] {
            let pt = topic(&cur, &plan, id);
            assert_eq!(
                picks(&cur, &plan, id),
                [
                    (primary.to_string(), Role::Primary),
                    ("pools".to_string(), Role::Alongside)
                ]
            );
            let page = pt.resources.iter().find(|p| p.resource == pools).unwrap();
            assert_eq!((page.part, page.reading), (Some(part), reading), "{id}");
        }
    }

    #[test]
    fn a_resource_under_way_gives_each_topic_its_own_part() {
        // The E book is assigned for a (chapter 1); e continues it with chapter 2 as its own
        // item (role primary, the part's hours), not as a "continue with".
        let (cur, plan) = plan_with(&[("goals", "want-e")]);
        assert_eq!(ids(&cur, &plan), ["a", "e"]);
        let book = cur.resource("e-book").unwrap();
        let a = topic(&cur, &plan, "a");
        let e = topic(&cur, &plan, "e");
        assert_eq!(a.resources[0].resource, book);
        assert_eq!(a.resources[0].part, Some(0));
        assert_eq!(e.resources[0].resource, book);
        assert_eq!(e.resources[0].role, Role::Primary);
        assert_eq!(e.resources[0].part, Some(1));
        assert!(e.continues.is_empty());
        // The parts' hours: chapter 1 takes 3 h (more than a's estimate of 2 h), chapter 2
        // takes 4 h (more than e's 2 h).
        assert_eq!((a.hours, e.hours), (3.0, 4.0));
    }

    #[test]
    fn a_topic_that_only_continues_a_resource_gets_it_as_its_own_item() {
        // Nothing but the E book teaches h, and it names no part for h: the book, continued,
        // is h's own item to tick, with the 3 h its parts leave.
        let (cur, plan) = plan_with(&[("goals", "want-h")]);
        assert_eq!(ids(&cur, &plan), ["a", "e", "h"]);
        let h = topic(&cur, &plan, "h");
        assert!(h.continues.is_empty());
        assert_eq!(h.resources.len(), 1);
        let p = &h.resources[0];
        assert_eq!(cur.resources[p.resource].id, "e-book");
        assert_eq!((p.role, p.part, p.continued), (Role::Primary, None, true));
        assert_eq!(p.reading, 3.0);
        assert_eq!(part_title(&cur, p), Some("continued"));
        assert_eq!(h.hours, 3.0);
    }

    #[test]
    fn reading_is_the_part_the_whole_resource_or_the_topics_share() {
        let cur = curriculum();
        let r = |id: &str| cur.resource(id).unwrap();
        let t = |id: &str| cur.topic(id).unwrap();
        // A part: its own hours.
        assert_eq!(reading_hours(&cur, r("e-book"), t("e")), (4.0, Some(1)));
        // A resource that teaches only this topic: all of it.
        assert_eq!(reading_hours(&cur, r("b-docs"), t("b")), (3.0, None));
        // Shared by estimates, to the half hour: 6 h × 2/5 = 2.4 h, 6 h × 3/5 = 3.6 h.
        assert_eq!(reading_hours(&cur, r("a-course"), t("a")), (2.5, None));
        assert_eq!(reading_hours(&cur, r("a-course"), t("b")), (3.5, None));
    }

    #[test]
    fn a_topics_hours_are_its_estimate_or_the_reading_assigned_if_that_is_more() {
        let pick = |role, reading| Pick {
            resource: 0,
            role,
            part: None,
            continued: false,
            reading,
            counts: 0.0,
        };
        // Reading shorter than the estimate: the estimate (practice takes time too).
        assert_eq!(topic_hours(4.0, &[pick(Role::Primary, 1.0)], &[]), 4.0);
        // Longer: the reading, companions and continued shares included.
        assert_eq!(
            topic_hours(
                4.0,
                &[
                    pick(Role::First, 1.0),
                    pick(Role::Primary, 3.0),
                    pick(Role::Alongside, 1.0)
                ],
                &[0.5]
            ),
            5.5
        );
        // Alternatives and legacy resources would replace the primary: they add nothing.
        assert_eq!(
            topic_hours(
                4.0,
                &[
                    pick(Role::Primary, 2.0),
                    pick(Role::Alternative, 30.0),
                    pick(Role::Legacy, 9.0)
                ],
                &[]
            ),
            4.0
        );
    }

    #[test]
    fn every_hour_of_a_plan_is_in_its_items() {
        // The hours the required items count for add up to each topic's hours, and so to the
        // plan's total: progress (which adds up items) and the header agree.
        for answers in [
            &[("goals", "want-c,want-d")][..],
            &[("goals", "want-c"), ("background", "r")],
            &[("goals", "want-e,want-c")],
        ] {
            let (cur, plan) = plan_with(answers);
            let mut total = 0.0;
            for t in &plan.topics {
                let items: f64 = t
                    .resources
                    .iter()
                    .filter(|p| p.role.required())
                    .map(|p| p.counts)
                    .sum();
                assert!((items - t.hours).abs() < 1e-9, "{}", cur.topics[t.topic].id);
                assert!(t.hours + 1e-9 >= t.reading());
                assert!(t.hours + 1e-9 >= cur.topics[t.topic].hours);
                total += items;
            }
            assert!((total - plan.total_hours).abs() < 1e-9);
        }
    }

    #[test]
    fn free_only_leaves_out_what_is_sold_and_a_free_resource_as_good_comes_first() {
        // E free and E paid are both books about e: the paid one loses the tie.
        let (cur, plan) = plan_with(&[("goals", "want-e"), ("background", "knows-a")]);
        let e = picks(&cur, &plan, "e");
        let at = |id: &str| e.iter().position(|p| p.0 == id);
        assert!(at("e-free").unwrap() < at("e-paid").unwrap(), "{e:?}");
        let (cur, plan) = plan_with(&[
            ("goals", "want-e"),
            ("background", "knows-a"),
            ("free", "yes"),
        ]);
        assert!(!picks(&cur, &plan, "e").iter().any(|p| p.0 == "e-paid"));
    }

    #[test]
    fn a_deadline_keeps_what_most_answers_want_and_names_the_rest() {
        // d is wanted by two answers (want-cd, want-d), c and e by one each. The full plan:
        // a 2.5 h, b 6.5 h, c 5 h, d 1 h, e 4 h (chapter 2 of the E book) = 19 h.
        let dropped = |cur: &Curriculum, plan: &Plan| -> Vec<String> {
            let d = plan.deadline.as_ref().expect("a deadline");
            d.dropped
                .iter()
                .map(|&t| cur.topics[t].id.to_string())
                .collect()
        };
        let (cur, full) = plan_with(&[("goals", "want-e,want-cd,want-d")]);
        assert_eq!(ids(&cur, &full), ["a", "b", "c", "d", "e"]);
        assert_eq!(full.total_hours, 19.0);
        assert!(full.deadline.is_none());
        // Two weeks at 5 h: d and its prerequisites take all 10 h; c and e are left out.
        let (cur, plan) = plan_with(&[("goals", "want-e,want-cd,want-d"), ("weeks", "2")]);
        assert_eq!(ids(&cur, &plan), ["a", "b", "d"]);
        assert_eq!(dropped(&cur, &plan), ["c", "e"]);
        assert_eq!(plan.deadline.as_ref().unwrap().over, 0.0);
        // The goals stay the person's, even those left out.
        assert_eq!(plan.goals, full.goals);
        // Three weeks: 5 h left after d; c (5 h) and e (4 h) each fit, not both. They are
        // wanted as often, so the one the answers want first is kept.
        let (cur, plan) = plan_with(&[("goals", "want-e,want-cd,want-d"), ("weeks", "3")]);
        assert_eq!(ids(&cur, &plan), ["a", "b", "d", "e"]);
        assert_eq!(dropped(&cur, &plan), ["c"]);
        let (cur, plan) = plan_with(&[("goals", "want-cd,want-e,want-d"), ("weeks", "3")]);
        assert_eq!(ids(&cur, &plan), ["a", "b", "c", "d"]);
        assert_eq!(dropped(&cur, &plan), ["e"]);
        assert!(plan.total_hours <= plan.deadline.as_ref().unwrap().budget);
        assert!(
            deadline_text(&cur, &plan)
                .unwrap()
                .starts_with("Left out to finish in 3 weeks: E.")
        );
    }

    #[test]
    fn a_deadline_too_short_for_anything_keeps_the_most_wanted_and_says_by_how_much() {
        let (cur, plan) = plan_with(&[("goals", "want-c"), ("hours", "1"), ("weeks", "1")]);
        assert_eq!(ids(&cur, &plan), ["a", "b", "c"]);
        let d = plan.deadline.as_ref().unwrap();
        assert!(d.dropped.is_empty());
        assert!((d.over - (plan.total_hours - 1.0)).abs() < 1e-9);
        assert!(deadline_text(&cur, &plan).unwrap().contains("over the 1 h"));
    }

    #[test]
    fn a_plan_that_fits_its_deadline_says_so() {
        let (cur, plan) = plan_with(&[("goals", "want-d"), ("weeks", "52")]);
        assert!(plan.deadline.as_ref().unwrap().dropped.is_empty());
        assert_eq!(
            deadline_text(&cur, &plan).unwrap(),
            "It fits your deadline of 52 weeks."
        );
    }

    #[test]
    fn an_answer_to_a_question_that_is_not_asked_is_not_used() {
        // `r-flavour` is asked only with `background: r`; the tidyverse means knowing b.
        let (cur, plan) = plan_with(&[
            ("goals", "want-c"),
            ("background", "r"),
            ("r-flavour", "tidy"),
        ]);
        assert!(plan.skipped.contains(&cur.topic("b").unwrap()));
        let mut answers = Answers::default();
        answers.set("goals", AnswerValue::Choices(vec!["want-c".into()]));
        answers.set("r-flavour", AnswerValue::Text("tidy".into()));
        let unasked = crate::answers::unasked_answers(&cur, &answers);
        assert_eq!(unasked.len(), 1);
        assert!(
            unasked[0].1.contains("`background` includes `r`"),
            "{unasked:?}"
        );
        let (cur, plan) = plan_with(&[("goals", "want-c"), ("r-flavour", "tidy")]);
        assert!(plan.skipped.is_empty());
        assert!(ids(&cur, &plan).contains(&"b".to_string()));
    }

    #[test]
    fn an_exclusive_option_cannot_be_chosen_with_others() {
        let cur = curriculum();
        let q = cur.question("background").unwrap();
        let both = AnswerValue::Choices(vec!["r".into(), "nothing".into()]);
        let why = crate::curriculum::check_value(q, &both).unwrap_err();
        assert!(why.starts_with("`nothing`"), "{why}");
        assert!(
            crate::curriculum::check_value(q, &AnswerValue::Choices(vec!["nothing".into()]))
                .is_ok()
        );
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
        // Topics by their titles and goals by their labels, as the questionnaire shows them,
        // not their ids.
        assert_eq!(
            text,
            [
                "needed for “B”, on the way to “C” in your goal “C” (also for “D”)",
                "needed for “C” in your goal “C” (also for “D”)",
                "part of your goal “C”",
                "part of your goal “D”",
            ]
        );
        // Asides in parentheses are left out where several goals are named.
        let (cur, plan) = plan_with(&[("goals", "want-e,want-c")]);
        assert_eq!(
            why_text(&cur, topic(&cur, &plan, "e")),
            "part of your goal “E”"
        );
        assert_eq!(plan.goal_labels, ["E (and more)", "C"]);
        assert_eq!(goals_text(&cur, &plan), "E; C");
    }

    #[test]
    fn hours_and_weeks_follow_the_schedule() {
        // a: its share of the course (2.5 h, more than its 2 h); b: B docs (3 h) and its share
        // of the course it continues (3.5 h); c: C guide (4 h) and the page read alongside
        // (1 h). The topics' hours, not their estimates (2 + 3 + 4 h), fill the weeks.
        let (_, plan) = plan_for(&["want-c"], &[]);
        let hours: Vec<f64> = plan.topics.iter().map(|t| t.hours).collect();
        assert_eq!(hours, [2.5, 6.5, 5.0]);
        assert!(
            (plan.total_hours - 14.0).abs() < 1e-9,
            "{}",
            plan.total_hours
        );
        // 5 h a week by default: a and 2.5 h of b in week 1, the rest of b and 1 h of c in
        // week 2, the rest of c in week 3.
        let weeks: Vec<(u32, u32)> = plan.topics.iter().map(|t| (t.week, t.end_week)).collect();
        assert_eq!(weeks, [(1, 1), (1, 2), (2, 3)]);
        assert_eq!(plan.weeks, 3);
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

#[cfg(test)]
mod unresourced_tests {
    use super::*;
    use crate::curriculum::load_from_memory;

    /// `none` has no resource; `sold` only a paid one; `old` only a superseded one; `fine` a free
    /// one.
    const CURRICULUM: &str = r#"
areas:
  - { id: learn, title: Learn, summary: s }
topics:
  - { id: none, title: None, area: learn, hours: 1, summary: s }
  - { id: sold, title: Sold, area: learn, hours: 1, summary: s }
  - { id: old, title: Old, area: learn, hours: 1, summary: s }
  - { id: fine, title: Fine, area: learn, hours: 1, summary: s }
resources:
  - { id: book, title: Book, url: "https://b.example", kind: book, teaches: [sold], level: beginner, cost: paid, hours: 1 }
  - { id: gone, title: Gone, url: "https://g.example", kind: library, teaches: [old], level: beginner, cost: free, hours: 1, status: superseded, successors: [docs] }
  - { id: docs, title: Docs, url: "https://d.example", kind: documentation, teaches: [fine], level: beginner, cost: free, hours: 1 }
questions:
  - id: goals
    prompt: Goals?
    kind: multiselect
    options:
      - { id: all, label: All, wants: [none, sold, old, fine] }
  - { id: free, prompt: Free only?, kind: confirm, setting: free_only }
"#;

    fn reasons(free_only: bool) -> Vec<(String, Option<Unresourced>)> {
        let cur = load_from_memory(false, &[("t.yaml", CURRICULUM.as_bytes())])
            .unwrap_or_else(|e| panic!("{}", e.render()));
        let mut a = Answers::default();
        a.set("goals", AnswerValue::Choices(vec!["all".into()]));
        a.set("free", AnswerValue::Bool(free_only));
        let plan = make(&cur, &a, &Profile::from_answers(&cur, &a));
        plan.topics
            .iter()
            .map(|t| {
                (
                    cur.topics[t.topic].id.to_string(),
                    t.unresourced_reason(&cur),
                )
            })
            .collect()
    }

    #[test]
    fn a_topic_with_nothing_to_read_says_why() {
        let r = |id: &str, free| reasons(free).into_iter().find(|(t, _)| t == id).unwrap().1;
        assert_eq!(r("none", false), Some(Unresourced::NoneListed));
        assert_eq!(r("old", false), Some(Unresourced::OnlyUnmaintained));
        assert_eq!(
            r("sold", false),
            None,
            "a paid book is fine without free_only"
        );
        assert_eq!(r("sold", true), Some(Unresourced::OnlyPaid));
        assert_eq!(r("fine", true), None);
        for why in [
            Unresourced::NoneListed,
            Unresourced::OnlyPaid,
            Unresourced::OnlyUnmaintained,
            Unresourced::NoneFits,
        ] {
            // Plan files know the line by this start.
            assert!(why.sentence().starts_with("No listed resource"), "{why:?}");
        }
    }
}

#[cfg(test)]
mod review_tests {
    use super::*;
    use crate::curriculum::load_from_memory;

    const CURRICULUM: &str = r#"
areas:
  - { id: learn, title: Learn, summary: s }
topics:
  - { id: lang, title: The language, area: learn, hours: 12, summary: s }
  - { id: arrays, title: Arrays, area: learn, hours: 4, summary: s, requires: [lang] }
resources:
  - { id: tutorial, title: Tutorial, url: "https://t.example", kind: tutorial, teaches: [lang], level: beginner, cost: free, hours: 4 }
  - { id: docs, title: Docs, url: "https://d.example", kind: documentation, teaches: [arrays], level: beginner, cost: free, hours: 2 }
questions:
  - id: python
    prompt: Python?
    kind: select
    options:
      - { id: new, label: New to it }
      - { id: some, label: Some, reviews: [lang] }
      - { id: both, label: Both, reviews: [lang], knows: [lang] }
  - id: goals
    prompt: Goals?
    kind: multiselect
    options:
      - { id: arrays, label: Arrays, wants: [arrays] }
"#;

    fn lang(python: &str) -> (f64, bool) {
        let cur = load_from_memory(false, &[("t.yaml", CURRICULUM.as_bytes())])
            .unwrap_or_else(|e| panic!("{}", e.render()));
        let mut a = Answers::default();
        a.set("python", AnswerValue::Text(python.into()));
        a.set("goals", AnswerValue::Choices(vec!["arrays".into()]));
        let plan = make(&cur, &a, &Profile::from_answers(&cur, &a));
        plan.topics
            .iter()
            .find(|t| cur.topics[t.topic].id == "lang")
            .map_or((0.0, false), |t| (t.hours, t.review))
    }

    #[test]
    fn a_topic_met_before_is_a_shorter_review() {
        assert_eq!(lang("new"), (12.0, false));
        // Half the estimate, and not less than the reading (4 h).
        assert_eq!(lang("some"), (6.0, true));
        // Known wins: skipped, not reviewed.
        assert_eq!(lang("both"), (0.0, false));
    }
}
