//! `pathwise why TOPIC`: why a topic is in your plan, and the chain from what you know to it.

use std::fmt::Write as _;

use pathwise_core::answers::{Answers, Profile};
use pathwise_core::plan::{self, why_text};
use pathwise_core::sanitize::terminal as safe;

use super::{Ctx, gather, load, unknown_id};
use crate::cli::WhyArgs;
use crate::error::Result;
use crate::output;

pub(super) fn run(g: &Ctx, a: &WhyArgs) -> Result<()> {
    let cur = load(g)?;
    let t = cur
        .topic(&a.topic)
        .ok_or_else(|| unknown_id(cur, &a.topic, "topic", true))?;
    let (answers, _) = if a.answers.answers.is_some() || !a.answers.set.is_empty() {
        gather(cur, &a.answers, false)?
    } else {
        (Answers::default(), false)
    };
    let profile = Profile::from_answers(cur, &answers);
    let reason = plan::reason(cur, &answers, &profile, t);
    let title = safe(&cur.topics[t].title).into_owned();
    let mut out = String::new();
    if reason.known {
        let _ = writeln!(
            out,
            "You already know {title} ({}), going by your answers.",
            a.topic
        );
        return output::stdout(&out);
    }
    match &reason.planned {
        Some(pt) => {
            let _ = writeln!(
                out,
                "{title} ({}) is in your plan, week {}: {}.",
                a.topic,
                pt.week,
                why_text(cur, pt)
            );
        }
        None if answers.is_empty() => {}
        None if reason.dropped => {
            let _ = writeln!(
                out,
                "{title} ({}) is left out of your plan to finish by your deadline; plan it after.",
                a.topic
            );
        }
        None => {
            let _ = writeln!(
                out,
                "{title} ({}) is not in your plan: none of your goals needs it.",
                a.topic
            );
        }
    }
    let ids = |v: &[usize]| -> Vec<&str> { v.iter().map(|&i| cur.topics[i].id.as_str()).collect() };
    let chain = ids(&reason.path).join(" → ");
    if reason.known_before.is_empty() {
        let _ = writeln!(out, "To learn it, in order: {chain}");
    } else {
        let _ = writeln!(
            out,
            "Starting from what you know ({}), learn in order: {chain}",
            ids(&reason.known_before).join(", ")
        );
    }
    output::stdout(&out)
}
