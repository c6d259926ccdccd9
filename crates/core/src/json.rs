//! JSON for programs: typed views of plans, topics and resources that derive `Serialize`.
//!
//! The views borrow from the curriculum and the plan, so nothing is copied; a plan's topics are
//! serialised one at a time as they are written, so a plan of a hundred thousand topics streams
//! out without a second copy of itself.

use serde::{Serialize, Serializer};

use crate::answers::Answers;
use crate::curriculum::{Companion, Cost, Curriculum, Kind, Level, Resource, Status};
use crate::plan::{Pick, Plan, PlanTopic, why_text};

/// A plan as programs read it (`pathwise plan --format json`).
#[derive(Serialize)]
pub struct PlanView<'a> {
    pub name: Option<&'a str>,
    /// The answers the plan was made from, in questionnaire order.
    pub answers: &'a Answers,
    /// The chosen options that want topics, by id and by label.
    pub goals: &'a [String],
    pub goal_labels: &'a [String],
    pub hours_per_week: f64,
    /// Topics the person knows, and those of them the goals would otherwise have needed.
    pub known: Vec<&'a str>,
    pub skipped: Vec<&'a str>,
    pub topics: Topics<'a>,
    pub total_hours: f64,
    pub weeks: u32,
    /// The deadline, if one was given; `dropped` lists the topics left out to fit it.
    pub deadline: Option<DeadlineView>,
    pub dropped: Vec<&'a str>,
    /// The fingerprint of the curriculum the plan was made from.
    pub curriculum: &'a str,
}

#[derive(Serialize)]
pub struct DeadlineView {
    pub weeks: f64,
    /// The hours the deadline leaves.
    pub hours: f64,
    /// How far over those hours the plan still is (0 when it fits).
    pub over_hours: f64,
}

/// A plan's topics, serialised as they are written.
pub struct Topics<'a> {
    cur: &'a Curriculum,
    topics: &'a [PlanTopic],
}

impl Serialize for Topics<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.topics.iter().map(|pt| TopicView::new(self.cur, pt)))
    }
}

/// One topic of a plan.
#[derive(Serialize)]
pub struct TopicView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub area: &'a str,
    pub hours: f64,
    /// The person has met the topic before: the plan keeps it as a review.
    pub review: bool,
    pub week: u32,
    pub end_week: u32,
    /// Why the topic is in the plan, as a sentence, and the parts of that sentence: the goals
    /// that need it and the first steps of the chain to the first of them.
    pub why: String,
    pub goals: &'a [String],
    pub chain: Vec<&'a str>,
    pub chain_end: &'a str,
    pub chain_steps: usize,
    pub resources: Vec<PickView<'a>>,
    /// Resources the person is already reading for an earlier topic that also teach this one.
    pub continues: Vec<&'a str>,
    /// No listed resource fits the person's choices.
    pub unresourced: bool,
    /// Why, when it is: `none-listed`, `only-paid`, `only-unmaintained` or `none-fits`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unresourced_reason: Option<crate::plan::Unresourced>,
}

impl<'a> TopicView<'a> {
    pub fn new(cur: &'a Curriculum, pt: &'a PlanTopic) -> TopicView<'a> {
        let t = &cur.topics[pt.topic];
        TopicView {
            id: &t.id,
            title: &t.title,
            area: &t.area.id,
            hours: pt.hours,
            review: pt.review,
            week: pt.week,
            end_week: pt.end_week,
            why: why_text(cur, pt),
            goals: &pt.why.goals,
            chain: pt
                .why
                .chain
                .iter()
                .map(|&c| cur.topics[c].id.as_str())
                .collect(),
            chain_end: &cur.topics[pt.why.end].id,
            chain_steps: pt.why.steps,
            resources: pt.resources.iter().map(|p| PickView::new(cur, p)).collect(),
            continues: pt
                .continues
                .iter()
                .map(|&r| cur.resources[r].id.as_str())
                .collect(),
            unresourced: pt.unresourced(),
            unresourced_reason: pt.unresourced_reason(cur),
        }
    }
}

/// A resource assigned to a topic, and in what role.
#[derive(Serialize)]
pub struct PickView<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub kind: Kind,
    pub hours: f64,
    pub status: Status,
    pub successors: Vec<&'a str>,
    /// `primary`, `alternative`, `first`, `alongside` or `legacy`.
    pub role: &'static str,
    /// The part assigned to this topic, if the resource names one.
    pub part: Option<PartView<'a>>,
    /// The resource was assigned to an earlier topic: this is its continuation here.
    pub continued: bool,
    /// The hours of reading this pick assigns for the topic (the part, the whole resource, or
    /// the topic's share of it).
    pub reading_hours: f64,
}

impl<'a> PickView<'a> {
    pub fn new(cur: &'a Curriculum, pick: &Pick) -> PickView<'a> {
        let r = &cur.resources[pick.resource];
        PickView {
            id: &r.id,
            title: &r.title,
            url: &r.url,
            kind: r.kind,
            hours: r.hours,
            status: r.status,
            successors: successor_ids(r),
            role: pick.role.as_str(),
            part: pick.part.and_then(|i| r.parts().get(i)).map(|p| PartView {
                topic: None,
                title: &p.title,
                hours: p.hours,
            }),
            continued: pick.continued,
            reading_hours: pick.reading,
        }
    }
}

/// A named part of a resource (chapters, a section) and its hours.
#[derive(Serialize)]
pub struct PartView<'a> {
    /// The topic the part teaches, in resource listings; left out where the topic is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub topic: Option<&'a str>,
    pub title: &'a str,
    pub hours: f64,
}

impl<'a> PlanView<'a> {
    pub fn new(cur: &'a Curriculum, plan: &'a Plan) -> PlanView<'a> {
        let ids = |v: &'a [usize]| -> Vec<&'a str> {
            v.iter().map(|&t| cur.topics[t].id.as_str()).collect()
        };
        PlanView {
            name: plan.name.as_deref(),
            answers: &plan.answers,
            goals: &plan.goals,
            goal_labels: &plan.goal_labels,
            hours_per_week: plan.hours_per_week,
            known: ids(&plan.known),
            skipped: ids(&plan.skipped),
            topics: Topics {
                cur,
                topics: &plan.topics,
            },
            total_hours: plan.total_hours,
            weeks: plan.weeks,
            deadline: plan.deadline.as_ref().map(|d| DeadlineView {
                weeks: d.weeks,
                hours: d.budget,
                over_hours: d.over,
            }),
            dropped: plan
                .deadline
                .as_ref()
                .map_or_else(Vec::new, |d| ids(&d.dropped)),
            curriculum: &cur.fingerprint,
        }
    }
}

// ── lists ───────────────────────────────────────────────────────────────

/// A topic of the curriculum (`pathwise topics --format json`).
#[derive(Serialize)]
pub struct TopicEntry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub area: &'a str,
    pub requires: Vec<&'a str>,
    pub hours: f64,
    pub summary: &'a str,
    /// The resources that teach it, in curriculum order.
    pub resources: Vec<&'a str>,
}

/// The given topics, in the order given.
pub fn topic_entries<'a>(cur: &'a Curriculum, topics: &[usize]) -> Vec<TopicEntry<'a>> {
    topics
        .iter()
        .map(|&i| {
            let t = &cur.topics[i];
            TopicEntry {
                id: &t.id,
                title: &t.title,
                area: &t.area.id,
                requires: t.requires.iter().map(|r| r.id.as_str()).collect(),
                hours: t.hours,
                summary: &t.summary,
                resources: cur
                    .resources_for(i)
                    .iter()
                    .map(|&r| cur.resources[r].id.as_str())
                    .collect(),
            }
        })
        .collect()
}

/// A resource of the curriculum (`pathwise resources --format json`).
#[derive(Serialize)]
pub struct ResourceEntry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: &'a str,
    pub kind: Kind,
    pub level: Level,
    pub cost: Cost,
    pub hours: f64,
    pub status: Status,
    pub successors: Vec<&'a str>,
    /// The guide's section that names it; `null` for resources added since.
    pub from_guide: Option<&'a str>,
    /// The link the guide gave, when it differs from today's.
    pub guide_url: Option<&'a str>,
    pub version: Option<&'a str>,
    pub teaches: Vec<&'a str>,
    pub audience: Vec<&'a str>,
    pub summary: Option<&'a str>,
    pub note: Option<&'a str>,
    pub parts: Vec<PartView<'a>>,
    pub companion: Option<Companion>,
}

/// Every resource, in curriculum order.
pub fn resource_entries(cur: &Curriculum) -> Vec<ResourceEntry<'_>> {
    cur.resources
        .iter()
        .map(|r| ResourceEntry {
            id: &r.id,
            title: &r.title,
            url: &r.url,
            kind: r.kind,
            level: r.level,
            cost: r.cost,
            hours: r.hours,
            status: r.status,
            successors: successor_ids(r),
            from_guide: r.from_guide(),
            guide_url: r.guide_url(),
            version: r.version(),
            teaches: r.teaches.iter().map(|s| s.id.as_str()).collect(),
            audience: r.audience().iter().map(|s| s.id.as_str()).collect(),
            summary: r.summary(),
            note: r.note(),
            parts: r
                .parts()
                .iter()
                .map(|p| PartView {
                    topic: Some(&p.topic.id),
                    title: &p.title,
                    hours: p.hours,
                })
                .collect(),
            companion: r.companion(),
        })
        .collect()
}

fn successor_ids(r: &Resource) -> Vec<&str> {
    r.successors().iter().map(|s| s.id.as_str()).collect()
}
