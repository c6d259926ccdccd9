//! What a plan counts, defined once. The plan's header and weekly schedule, `progress`,
//! `refresh`, `diff` and `team` all count with these definitions, so their numbers agree.
//!
//! - An **item** is one resource (or part of one) offered for one topic ([`super::Pick`]). The
//!   topic asks for its *required* items: the primary, a bridge to read first, a page to read
//!   alongside. Alternatives and legacy resources are optional: each would replace the primary.
//! - A **topic's hours** are [`super::PlanTopic::hours`] (see [`super::topic_hours`]): the
//!   schedule places them and the header adds them up. Each item counts for
//!   [`super::Pick::counts`] of them: the required items' counts add up to the topic's hours,
//!   and an alternative counts what the primary does, since it replaces it; alternatives never
//!   add hours.
//! - A topic is **done** ([`topic_progress`]) when each of its required items is done, the
//!   primary counting as done when an alternative or legacy resource was done instead. A topic
//!   with no items is done when a resource it continues with is done, or, when no listed
//!   resource fits at all, when a task the person added under it is. Hours done are the counts
//!   of the required items done (all the topic's hours once it is done). A topic is
//!   **skipped** when nothing of it is done and everything that could complete it is struck
//!   through.

use serde::Serialize;

use super::Role;

/// What a person did with one item (or one task of their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mark {
    /// Not ticked yet.
    Open,
    /// Ticked.
    Done,
    /// Struck through: the person will not use it.
    Skipped,
    /// Ticked with a mark pathwise cannot read (`[✓]`): neither done nor skipped.
    Unreadable,
}

/// Where a topic stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TopicState {
    Open,
    Done,
    Skipped,
}

/// One item of a topic as the person left it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ItemMark {
    pub role: Role,
    pub mark: Mark,
    /// The hours it counts for ([`super::Pick::counts`]).
    pub counts: f64,
}

/// Where a topic stands and how many of its `hours` are done, from its items, the resources it
/// continues with and the tasks the person added under it.
pub fn topic_progress(
    hours: f64,
    items: &[ItemMark],
    continued: &[Mark],
    own: &[Mark],
) -> (TopicState, f64) {
    let done = |m: &Mark| *m == Mark::Done;
    let skipped = |m: &Mark| *m == Mark::Skipped;
    let required: Vec<&ItemMark> = items.iter().filter(|i| i.role.required()).collect();
    if !required.is_empty() {
        let replaced = items.iter().any(|i| !i.role.required() && done(&i.mark));
        let satisfied = |i: &ItemMark| done(&i.mark) || (i.role == Role::Primary && replaced);
        if required.iter().all(|i| satisfied(i)) {
            return (TopicState::Done, hours);
        }
        let part: f64 = required
            .iter()
            .filter(|i| satisfied(i))
            .map(|i| i.counts)
            .sum();
        let state = if part == 0.0 && items.iter().all(|i| skipped(&i.mark)) {
            TopicState::Skipped
        } else {
            TopicState::Open
        };
        return (state, part.min(hours));
    }
    // No required item: optional ones, what the topic continues with, or the person's tasks.
    let marks: Vec<Mark> = items
        .iter()
        .map(|i| i.mark)
        .chain(continued.iter().copied())
        .collect();
    let marks = if marks.is_empty() { own } else { &marks[..] };
    if marks.iter().any(done) {
        (TopicState::Done, hours)
    } else if !marks.is_empty() && marks.iter().all(skipped) {
        (TopicState::Skipped, 0.0)
    } else {
        (TopicState::Open, 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::Mark::*;
    use super::{ItemMark, TopicState, topic_progress};
    use crate::plan::Role;

    fn item(role: Role, mark: super::Mark, counts: f64) -> ItemMark {
        ItemMark { role, mark, counts }
    }

    #[test]
    fn an_alternative_done_instead_of_the_primary_completes_the_topic_and_adds_nothing() {
        let items = [
            item(Role::Primary, Open, 8.0),
            item(Role::Alternative, Done, 8.0),
            item(Role::Legacy, Open, 8.0),
        ];
        assert_eq!(
            topic_progress(8.0, &items, &[], &[]),
            (TopicState::Done, 8.0)
        );
        let items = [
            item(Role::Primary, Done, 8.0),
            item(Role::Alternative, Done, 8.0),
        ];
        assert_eq!(
            topic_progress(8.0, &items, &[], &[]),
            (TopicState::Done, 8.0)
        );
    }

    #[test]
    fn every_required_item_must_be_done_and_each_counts_its_hours() {
        let items = [
            item(Role::First, Done, 1.0),
            item(Role::Primary, Open, 5.0),
            item(Role::Alongside, Open, 2.0),
        ];
        assert_eq!(
            topic_progress(8.0, &items, &[], &[]),
            (TopicState::Open, 1.0)
        );
        // An alternative replaces the primary, not the bridge or the page alongside.
        let items = [
            item(Role::First, Open, 1.0),
            item(Role::Primary, Open, 5.0),
            item(Role::Alongside, Done, 2.0),
            item(Role::Alternative, Done, 5.0),
        ];
        assert_eq!(
            topic_progress(8.0, &items, &[], &[]),
            (TopicState::Open, 7.0)
        );
    }

    #[test]
    fn a_topic_without_items_is_done_with_what_it_continues_or_a_task_of_ones_own() {
        assert_eq!(
            topic_progress(2.0, &[], &[Done], &[]),
            (TopicState::Done, 2.0)
        );
        assert_eq!(
            topic_progress(2.0, &[], &[Open], &[Done]),
            (TopicState::Open, 0.0)
        );
        assert_eq!(
            topic_progress(1.0, &[], &[], &[Done]),
            (TopicState::Done, 1.0)
        );
        assert_eq!(topic_progress(1.0, &[], &[], &[]), (TopicState::Open, 0.0));
    }

    #[test]
    fn skipped_only_when_everything_is_struck_through_and_nothing_done() {
        let all = [
            item(Role::Primary, Skipped, 4.0),
            item(Role::Alternative, Skipped, 4.0),
        ];
        assert_eq!(
            topic_progress(4.0, &all, &[], &[]),
            (TopicState::Skipped, 0.0)
        );
        let one = [
            item(Role::Primary, Skipped, 4.0),
            item(Role::Alternative, Open, 4.0),
        ];
        assert_eq!(topic_progress(4.0, &one, &[], &[]), (TopicState::Open, 0.0));
        let odd = [item(Role::Primary, Unreadable, 4.0)];
        assert_eq!(topic_progress(4.0, &odd, &[], &[]), (TopicState::Open, 0.0));
    }
}
