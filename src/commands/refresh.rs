//! `pathwise refresh PLAN`: plan again against today's curriculum, keeping ticks and notes.

use std::fmt::Write as _;

use pathwise_core::planfile::refresh::{self, Changes, RefreshError};
use pathwise_core::sanitize::terminal as safe;

use super::{Ctx, load, read_plan};
use crate::cli::RefreshArgs;
use crate::error::{Error, Result};
use crate::output;

pub fn run(g: &Ctx, a: &RefreshArgs) -> Result<()> {
    let old = read_plan(&a.plan)?;
    let cur = load(g)?;
    let date = crate::date::stamp(a.date.as_deref())?;
    let done = refresh::refresh(cur, &old, &date).map_err(|e| match e {
        RefreshError::NoAnswers => Error::usage(
            format!("{} has no `answers:` in its front matter", a.plan.display()),
            "make the plan again with `pathwise plan --answers FILE -o PLAN`",
        ),
        RefreshError::Answers(d) => Error::Data(d),
        RefreshError::Incomplete(m) => Error::usage(m, "add the answer to the plan's front matter"),
    })?;
    let report = report(&done.changes);
    if a.dry_run {
        eprint!("{report}");
        eprintln!("dry run: nothing was written");
        return Ok(());
    }
    match &a.output {
        Some(p) => output::write_file(p, &done.text, a.force)?,
        // In place: atomically replaced, so a failure leaves the old plan as it was.
        None => output::write_file(&a.plan, &done.text, true)?,
    }
    eprint!("{report}");
    Ok(())
}

/// "added   numba", "removed pathos (you had done it)", then the counts.
fn report(c: &Changes) -> String {
    let mut out = String::new();
    for id in &c.added {
        let _ = writeln!(out, "added   {}", safe(id));
    }
    for r in &c.removed {
        let was = if r.done { " (you had done it)" } else { "" };
        let _ = writeln!(out, "removed {}{was}", safe(&r.id));
    }
    let _ = writeln!(
        out,
        "{} added, {} removed, {} ticks kept{}",
        c.added.len(),
        c.removed.len(),
        c.ticks_kept,
        match c.notes_kept {
            0 => String::new(),
            1 => ", 1 note of yours kept".to_string(),
            n => format!(", {n} notes of yours kept"),
        }
    );
    out
}
