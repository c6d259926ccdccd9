//! `pathwise why TOPIC`: why a topic is in your plan, and the chain from what you know to it.

use std::fmt::Write as _;

use pathwise_core::answers::{Answers, Profile};
use pathwise_core::plan::{self, why_text};
use pathwise_core::sanitize::terminal as safe;

use super::{Ctx, gather, load, unknown_id};
use crate::cli::WhyArgs;
use crate::error::Result;
use crate::{output, render};

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
    // The sentence that answers, wrapped to the terminal; then the steps.
    let mut head = String::new();
    if reason.known {
        let _ = writeln!(
            head,
            "You already know {title} ({}), going by your answers.",
            a.topic
        );
        let text = render::text::wrap(head.trim_end(), render::text::width(), "", "");
        return output::stdout(&format!("{text}\n"));
    }
    match &reason.planned {
        Some(pt) => {
            let _ = writeln!(
                head,
                "{title} ({}) is in your plan, week {}: {}.",
                a.topic,
                pt.week,
                why_text(cur, pt)
            );
        }
        None if answers.is_empty() => {}
        None if reason.dropped => {
            let _ = writeln!(
                head,
                "{title} ({}) is left out of your plan to finish by your deadline; plan it after.",
                a.topic
            );
        }
        None => {
            let _ = writeln!(
                head,
                "{title} ({}) is not in your plan: none of your goals needs it.",
                a.topic
            );
        }
    }
    let mut out = String::new();
    if !head.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            render::text::wrap(head.trim_end(), render::text::width(), "", "")
        );
    }
    // Topics by their titles (ids in brackets, for `pathwise show ID`), one step a line.
    let titles = |v: &[usize]| -> Vec<String> {
        v.iter()
            .map(|&i| safe(&cur.topics[i].title).into_owned())
            .collect()
    };
    let width = render::text::width();
    let lead = if answers.is_empty() {
        "With no answers given (nothing known yet), learn in order:".to_string()
    } else if reason.known_before.is_empty() {
        "To learn it, in order:".to_string()
    } else {
        format!(
            "Starting from what you know ({}), learn in order:",
            titles(&reason.known_before).join(", ")
        )
    };
    let _ = writeln!(out, "{}", render::text::wrap(&lead, width, "", ""));
    for (n, &i) in reason.path.iter().enumerate() {
        let step = format!(
            "{}. {} ({})",
            n + 1,
            safe(&cur.topics[i].title),
            safe(&cur.topics[i].id)
        );
        let _ = writeln!(out, "{}", render::text::wrap(&step, width, "  ", "     "));
    }
    output::stdout(&out)
}
