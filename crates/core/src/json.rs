//! JSON for programs: plans streamed as they are written, lists as values.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value as Json, json};

use crate::curriculum::Curriculum;
use crate::plan::{Plan, why_text};

/// The plan as JSON, serialised as it is written: no intermediate tree, so a plan of a hundred
/// thousand topics streams out in constant extra memory.
pub struct PlanJson<'a> {
    pub cur: &'a Curriculum,
    pub plan: &'a Plan,
}

struct Ids<'a, I: Iterator<Item = &'a str> + Clone>(I);

impl<'a, I: Iterator<Item = &'a str> + Clone> Serialize for Ids<'a, I> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.clone())
    }
}

struct TopicJson<'a> {
    cur: &'a Curriculum,
    pt: &'a crate::plan::PlanTopic,
}

struct PickJson<'a> {
    cur: &'a Curriculum,
    pick: &'a crate::plan::Pick,
}

impl Serialize for PickJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let r = &self.cur.resources[self.pick.resource];
        let mut m = s.serialize_map(Some(11))?;
        m.serialize_entry("id", &r.id)?;
        m.serialize_entry("title", &r.title)?;
        m.serialize_entry("url", &r.url)?;
        m.serialize_entry("kind", &r.kind)?;
        m.serialize_entry("hours", &r.hours)?;
        m.serialize_entry("status", &r.status)?;
        m.serialize_entry(
            "successors",
            &Ids(r.successors().iter().map(|x| x.id.as_str())),
        )?;
        m.serialize_entry("role", self.pick.role.as_str())?;
        // The part assigned to this topic, if the resource names one; and the hours of reading
        // this pick assigns for the topic (the part, the whole resource, or the topic's share).
        let part = self
            .pick
            .part
            .and_then(|i| r.parts().get(i))
            .map(|p| json!({"title": p.title, "hours": p.hours}));
        m.serialize_entry("part", &part)?;
        m.serialize_entry("continued", &self.pick.continued)?;
        m.serialize_entry("reading_hours", &self.pick.reading)?;
        m.end()
    }
}

impl Serialize for TopicJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (cur, pt) = (self.cur, self.pt);
        let t = &cur.topics[pt.topic];
        let mut m = s.serialize_map(Some(14))?;
        m.serialize_entry("id", &t.id)?;
        m.serialize_entry("title", &t.title)?;
        m.serialize_entry("area", &t.area.id)?;
        m.serialize_entry("hours", &pt.hours)?;
        m.serialize_entry("week", &pt.week)?;
        m.serialize_entry("end_week", &pt.end_week)?;
        m.serialize_entry("why", &why_text(cur, pt))?;
        m.serialize_entry("goals", &pt.why.goals)?;
        m.serialize_entry(
            "chain",
            &Ids(pt.why.chain.iter().map(|&c| cur.topics[c].id.as_str())),
        )?;
        m.serialize_entry("chain_end", &cur.topics[pt.why.end].id)?;
        m.serialize_entry("chain_steps", &pt.why.steps)?;
        let picks: Vec<PickJson> = pt
            .resources
            .iter()
            .map(|pick| PickJson { cur, pick })
            .collect();
        m.serialize_entry("resources", &picks)?;
        m.serialize_entry(
            "continues",
            &Ids(pt.continues.iter().map(|&r| cur.resources[r].id.as_str())),
        )?;
        m.serialize_entry("unresourced", &pt.unresourced())?;
        m.end()
    }
}

struct TopicsJson<'a> {
    cur: &'a Curriculum,
    plan: &'a Plan,
}

impl Serialize for TopicsJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.plan
                .topics
                .iter()
                .map(|pt| TopicJson { cur: self.cur, pt }),
        )
    }
}

impl Serialize for PlanJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (cur, plan) = (self.cur, self.plan);
        let mut m = s.serialize_map(Some(13))?;
        m.serialize_entry("name", &plan.name)?;
        m.serialize_entry("answers", &plan.answers.to_json())?;
        m.serialize_entry("goals", &plan.goals)?;
        m.serialize_entry("goal_labels", &plan.goal_labels)?;
        m.serialize_entry("hours_per_week", &plan.hours_per_week)?;
        m.serialize_entry(
            "known",
            &Ids(plan.known.iter().map(|&t| cur.topics[t].id.as_str())),
        )?;
        m.serialize_entry(
            "skipped",
            &Ids(plan.skipped.iter().map(|&t| cur.topics[t].id.as_str())),
        )?;
        m.serialize_entry("topics", &TopicsJson { cur, plan })?;
        m.serialize_entry("total_hours", &plan.total_hours)?;
        m.serialize_entry("weeks", &plan.weeks)?;
        // The deadline, if one was given: its weeks, the hours they leave and how far over the
        // plan still is; `dropped` lists the topics left out to fit it.
        let deadline = plan
            .deadline
            .as_ref()
            .map(|d| json!({"weeks": d.weeks, "hours": d.budget, "over_hours": d.over}));
        m.serialize_entry("deadline", &deadline)?;
        m.serialize_entry(
            "dropped",
            &Ids(plan
                .deadline
                .iter()
                .flat_map(|d| d.dropped.iter())
                .map(|&t| cur.topics[t].id.as_str())),
        )?;
        m.serialize_entry("curriculum", &cur.fingerprint)?;
        m.end()
    }
}

// ── lists and details ───────────────────────────────────────────────────

pub fn topics_json(cur: &Curriculum, topics: &[usize]) -> Json {
    Json::Array(
        topics
            .iter()
            .map(|&i| {
                let t = &cur.topics[i];
                json!({
                    "id": t.id,
                    "title": t.title,
                    "area": t.area.id,
                    "requires": t.requires.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
                    "hours": t.hours,
                    "summary": t.summary,
                    "resources": cur.resources_for(i).iter().map(|&r| cur.resources[r].id.as_str()).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
pub fn resources_json(cur: &Curriculum) -> Json {
    Json::Array(
        cur.resources
            .iter()
            .map(|r| {
                json!({
                    "id": r.id,
                    "title": r.title,
                    "url": r.url,
                    "kind": r.kind,
                    "level": r.level,
                    "cost": r.cost,
                    "hours": r.hours,
                    "status": r.status,
                    "successors": r.successors().iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
                    "from_guide": r.from_guide(),
                    "guide_url": r.guide_url(),
                    "version": r.version(),
                    "teaches": r.teaches.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
                    "audience": r.audience().iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
                    "summary": r.summary(),
                    "note": r.note(),
                    "parts": r.parts().iter().map(|p| json!({"topic": p.topic.id.as_str(), "title": p.title, "hours": p.hours})).collect::<Vec<_>>(),
                    "companion": r.companion(),
                })
            })
            .collect(),
    )
}
