//! Planning again from a plan file's answers against today's curriculum, keeping what the
//! person did: ticks, skips and notes.

use std::collections::BTreeSet;

use crate::answers::{self, Profile};
use crate::curriculum::Curriculum;
use crate::error::LoadError;
use crate::plan;
use crate::planfile::markdown::{self, Carry, Meta};
use crate::planfile::read::PlanFile;

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
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Changes {
    /// Resources now in the plan that were not before.
    pub added: Vec<String>,
    /// Resources no longer in the plan, and whether the person had done them.
    pub removed: Vec<Removed>,
    /// Ticked resources still in the plan.
    pub ticks_kept: usize,
    /// Lines of the person's own carried over.
    pub notes_kept: usize,
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

/// Plans again from `old`'s answers, stamping `date` as the refresh date.
pub fn refresh(cur: &Curriculum, old: &PlanFile, date: &str) -> Result<Refreshed, RefreshError> {
    let node = old.answers.as_ref().ok_or(RefreshError::NoAnswers)?;
    let mut answers =
        answers::from_node(cur, &old.name, node).map_err(|d| LoadError::new(d, old.sources()))?;
    answers::complete(cur, &mut answers).map_err(RefreshError::Incomplete)?;
    let profile = Profile::from_answers(cur, &answers);
    let plan = plan::make(cur, &answers, &profile);
    let states = old.states();
    let created = if old.created.is_empty() {
        date
    } else {
        old.created.as_str()
    };
    let carry = Carry {
        states,
        notes: old.notes.clone(),
    };
    let text = markdown::render(
        cur,
        &plan,
        &Meta {
            created,
            refreshed: Some(date),
        },
        Some(&carry),
    );
    let new_ids: BTreeSet<String> = plan
        .topics
        .iter()
        .flat_map(|t| {
            t.resources
                .iter()
                .map(|r| cur.resources[r.resource].id.to_string())
        })
        .collect();
    let old_ids: BTreeSet<String> = old.items.iter().filter_map(|i| i.id.clone()).collect();
    let done = |id: &str| carry.states.get(id).is_some_and(|s| s.done);
    let changes = Changes {
        added: new_ids.difference(&old_ids).cloned().collect(),
        removed: old_ids
            .difference(&new_ids)
            .map(|id| Removed {
                id: id.clone(),
                done: done(id),
            })
            .collect(),
        ticks_kept: new_ids.iter().filter(|i| done(i)).count(),
        notes_kept: old.notes.len(),
    };
    Ok(Refreshed { text, changes })
}
