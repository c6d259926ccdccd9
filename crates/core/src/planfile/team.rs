//! A team plan made of teammates' plan files: who learns what together, each member's own
//! track, and who can help whom. Topics are counted done with the plan's own definition (see
//! [`crate::plan::measure`]), as `progress` counts them.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use crate::answers::{self, Profile};
use crate::curriculum::Curriculum;
use crate::format::hours;
use crate::plan::measure::TopicState;
use crate::planfile::progress::{self, Tally};
use crate::planfile::read::PlanFile;
use crate::sanitize::markdown as md;

/// One member, from their plan file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Member {
    pub name: String,
    pub file: String,
    pub goals: Vec<String>,
    pub hours_per_week: f64,
    #[serde(flatten)]
    pub progress: Tally,
    /// Why the answers could not be read, if they could not (what the member knows is then
    /// not used for mentoring).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub answers_problem: Option<String>,
}

/// A topic several members need.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SharedTopic {
    pub id: String,
    pub title: String,
    /// The most hours any member's plan gives the topic (what to book for learning it
    /// together), and the fewest: plans that read different resources give it different hours.
    pub hours: f64,
    pub hours_min: f64,
    pub members: Vec<String>,
}

/// A topic only one member needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackTopic {
    pub id: String,
    pub title: String,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Track {
    pub member: String,
    pub topics: Vec<TrackTopic>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum How {
    /// Their answers say they know it.
    KnowsIt,
    /// They have done it in their plan.
    HasDoneIt,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mentor {
    pub name: String,
    pub how: How,
}

/// Who can help whom with a topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mentoring {
    pub topic: String,
    pub title: String,
    pub mentors: Vec<Mentor>,
    pub learners: Vec<String>,
}

/// A team plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamPlan {
    /// In natural order of their names (m1, m2, m10).
    pub members: Vec<Member>,
    /// In an order that respects prerequisites.
    pub shared: Vec<SharedTopic>,
    pub tracks: Vec<Track>,
    pub mentoring: Vec<Mentoring>,
    pub warnings: Vec<String>,
    /// Every topic anyone needs, in learning order (curriculum indices), for the diagram.
    #[serde(skip)]
    pub order: Vec<usize>,
}

/// Compares names as people do: runs of digits by their value, so m2 comes before m10.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        match (x.chars().next(), y.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let n = x.bytes().take_while(u8::is_ascii_digit).count();
                let m = y.bytes().take_while(u8::is_ascii_digit).count();
                let (p, q) = (
                    x[..n].trim_start_matches('0'),
                    y[..m].trim_start_matches('0'),
                );
                let o = p.len().cmp(&q.len()).then_with(|| p.cmp(q));
                if o != Ordering::Equal {
                    return o;
                }
                x = &x[n..];
                y = &y[m..];
            }
            (Some(c), Some(d)) => {
                let o = c.to_lowercase().cmp(d.to_lowercase());
                if o != Ordering::Equal {
                    return o;
                }
                x = &x[c.len_utf8()..];
                y = &y[d.len_utf8()..];
            }
        }
    }
}

/// What the team plan needs of one member's file.
struct Reading<'p> {
    plan: &'p PlanFile,
    member: Member,
    known: BTreeSet<String>,
    /// Topics in plan order with their hours.
    topics: Vec<(String, f64)>,
    completed: BTreeSet<String>,
}

fn reading<'p>(cur: &Curriculum, plan: &'p PlanFile) -> Reading<'p> {
    let stem = std::path::Path::new(&plan.name)
        .file_stem()
        .map_or(plan.name.clone(), |s| s.to_string_lossy().into_owned());
    let (answers, problem) = match plan.answers() {
        Some(node) => match answers::from_node(cur, &plan.name, node) {
            Ok(a) => (a, None),
            Err(d) => (
                answers::Answers::default(),
                Some(d.first().map_or(String::new(), |d| d.message.clone())),
            ),
        },
        None => (
            answers::Answers::default(),
            Some("the plan has no answers".to_string()),
        ),
    };
    let profile = Profile::from_answers(cur, &answers);
    let states = progress::topic_states(cur, plan);
    let mut tally = Tally::default();
    let mut topics = Vec::with_capacity(states.len());
    let mut completed = BTreeSet::new();
    for st in &states {
        tally.add(st);
        if st.state == TopicState::Done {
            completed.insert(st.topic.entry.id.clone());
        }
        topics.push((st.topic.entry.id.clone(), st.hours));
    }
    Reading {
        plan,
        member: Member {
            name: profile.name.clone().unwrap_or(stem),
            file: plan.name.clone(),
            goals: {
                let labels = crate::plan::goal_labels(cur, &answers, &profile.goals);
                crate::plan::header_goals(cur, &profile.goals, &labels)
                    .into_iter()
                    .map(str::to_string)
                    .collect()
            },
            hours_per_week: profile.hours_per_week,
            progress: tally,
            answers_problem: problem,
        },
        known: profile
            .known
            .iter()
            .map(|&t| cur.topics[t].id.to_string())
            .collect(),
        topics,
        completed,
    }
}

/// The team plan of these plan files.
pub fn team(cur: &Curriculum, plans: &[&PlanFile]) -> TeamPlan {
    let mut members: Vec<Reading> = plans.iter().map(|p| reading(cur, p)).collect();
    members.sort_by(|a, b| {
        natural_cmp(&a.member.name, &b.member.name)
            .then_with(|| natural_cmp(&a.member.file, &b.member.file))
    });
    let mut warnings = Vec::new();
    let prints: BTreeSet<&str> = members
        .iter()
        .map(|m| m.plan.front.curriculum.as_str())
        .collect();
    if prints.len() > 1 || !prints.contains(cur.fingerprint.as_str()) {
        warnings.push(format!(
            "the plans were made against different curricula ({}; today's is {}); topics are matched by id — `pathwise refresh` brings a plan up to date",
            prints.iter().copied().collect::<Vec<_>>().join(", "),
            cur.fingerprint
        ));
    }
    for m in &members {
        if let Some(p) = &m.member.answers_problem {
            warnings.push(format!(
                "{}: the answers could not be read ({p}); what they know is not used for mentoring",
                m.plan.name
            ));
        }
    }
    // Who needs each topic, and the hours their plans give it.
    let mut needers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut topic_hours: HashMap<&str, (f64, f64)> = HashMap::new();
    for (i, m) in members.iter().enumerate() {
        for (t, h) in &m.topics {
            let v = needers.entry(t).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
            // The fewest and the most any member's plan gives it.
            let e = topic_hours.entry(t).or_insert((*h, *h));
            *e = (e.0.min(*h), e.1.max(*h));
        }
    }
    let title = |id: &str| {
        cur.topic(id)
            .map_or(id.to_string(), |t| cur.topics[t].title.to_string())
    };
    let names = |ix: &[usize]| ix.iter().map(|&i| members[i].member.name.clone()).collect();
    let shared_set: BTreeSet<usize> = needers
        .iter()
        .filter(|(_, v)| v.len() > 1)
        .filter_map(|(t, _)| cur.topic(t))
        .collect();
    let shared = cur
        .graph
        .order(&shared_set)
        .into_iter()
        .map(|t| {
            let id = cur.topics[t].id.as_str();
            let (least, most) = topic_hours
                .get(id)
                .copied()
                .unwrap_or((cur.topics[t].hours, cur.topics[t].hours));
            SharedTopic {
                id: id.to_string(),
                title: title(id),
                hours: most,
                hours_min: least,
                members: names(&needers[id]),
            }
        })
        .collect();
    let tracks = members
        .iter()
        .enumerate()
        .map(|(i, m)| Track {
            member: m.member.name.clone(),
            topics: m
                .topics
                .iter()
                .filter(|(t, _)| needers[t.as_str()] == [i])
                .map(|(t, _)| TrackTopic {
                    id: t.clone(),
                    title: title(t),
                    done: m.completed.contains(t),
                })
                .collect(),
        })
        .collect();
    // In learning order; topics the curriculum no longer has, last.
    let union: BTreeSet<usize> = needers.keys().filter_map(|t| cur.topic(t)).collect();
    let order = cur.graph.order(&union);
    let mut by_order: Vec<(&str, &Vec<usize>)> = order
        .iter()
        .map(|&t| cur.topics[t].id.as_str())
        .filter_map(|id| needers.get_key_value(id).map(|(k, v)| (*k, v)))
        .collect();
    by_order.extend(
        needers
            .iter()
            .filter(|(t, _)| cur.topic(t).is_none())
            .map(|(t, v)| (*t, v)),
    );
    let mut mentoring = Vec::new();
    for (t, ix) in by_order {
        let learners: Vec<usize> = ix
            .iter()
            .copied()
            .filter(|&i| !members[i].completed.contains(t))
            .collect();
        if learners.is_empty() {
            continue;
        }
        let mentors: Vec<Mentor> = members
            .iter()
            .enumerate()
            .filter(|(i, m)| {
                !learners.contains(i) && (m.known.contains(t) || m.completed.contains(t))
            })
            .map(|(_, m)| Mentor {
                name: m.member.name.clone(),
                how: if m.known.contains(t) {
                    How::KnowsIt
                } else {
                    How::HasDoneIt
                },
            })
            .collect();
        if mentors.is_empty() {
            continue;
        }
        mentoring.push(Mentoring {
            topic: t.to_string(),
            title: title(t),
            mentors,
            learners: names(&learners),
        });
    }
    TeamPlan {
        members: members.into_iter().map(|m| m.member).collect(),
        shared,
        tracks,
        mentoring,
        warnings,
        order,
    }
}

/// The team plan as markdown.
pub fn markdown(cur: &Curriculum, team: &TeamPlan) -> String {
    let mut out = String::from("# Team learning plan\n\n");
    for w in &team.warnings {
        let _ = writeln!(out, "> **Warning:** {}\n", md(w));
    }
    out.push_str("## Members\n\n| Member | Goals | Hours a week | Progress |\n|---|---|---|---|\n");
    for m in &team.members {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} of {} topics ({}%), {} of {} |",
            md(&m.name),
            md(&m.goals.join("; ")),
            hours(m.hours_per_week),
            m.progress.topics.done,
            m.progress.topics.total,
            m.progress.percent(),
            hours(m.progress.hours.done),
            hours(m.progress.hours.total)
        );
    }
    let list = |names: &[String]| names.iter().map(|n| md(n)).collect::<Vec<_>>().join(", ");
    out.push_str("\n## Shared foundations\n\n");
    if team.shared.is_empty() {
        out.push_str("No topic is needed by more than one member.\n");
    } else {
        out.push_str("Topics several members need, in an order that respects their prerequisites: learn them together.\n\n");
        for (n, s) in team.shared.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {} ({}, {}) — {}",
                n + 1,
                md(&s.title),
                md(&s.id),
                if (s.hours - s.hours_min).abs() < 1e-9 {
                    hours(s.hours)
                } else {
                    // "5–6 h": each member's plan gives one of these.
                    format!(
                        "{}–{}",
                        crate::format::format_number(s.hours_min),
                        hours(s.hours)
                    )
                },
                list(&s.members)
            );
        }
    }
    out.push_str("\n## Own tracks\n");
    for t in &team.tracks {
        let _ = writeln!(out, "\n### {}\n", md(&t.member));
        if t.topics.is_empty() {
            out.push_str("Nothing beyond the shared foundations.\n");
        }
        for topic in &t.topics {
            let done = if topic.done { " (done)" } else { "" };
            let _ = writeln!(out, "- {} ({}){done}", md(&topic.title), md(&topic.id));
        }
    }
    out.push_str("\n## Mentors\n\n");
    if team.mentoring.is_empty() {
        out.push_str(
            "Nobody on the team knows or has finished a topic another member still needs.\n",
        );
    }
    for m in &team.mentoring {
        let mentors: Vec<String> = m
            .mentors
            .iter()
            .map(|x| {
                let how = match x.how {
                    How::KnowsIt => "knows it",
                    How::HasDoneIt => "has done it",
                };
                format!("{} ({how})", md(&x.name))
            })
            .collect();
        let _ = writeln!(
            out,
            "- {}: {} can help {}",
            md(&m.title),
            mentors.join(", "),
            list(&m.learners)
        );
    }
    let _ = writeln!(
        out,
        "\n## All topics\n\n```mermaid\n{}```",
        crate::diagram::mermaid(cur, &team.order)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;

    #[test]
    fn names_sort_naturally() {
        let mut v = vec!["m10", "m2", "M1", "m100", "m1", "ann", "m02"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["ann", "M1", "m1", "m02", "m2", "m10", "m100"]);
    }
}
