//! `pathwise refresh PLAN`: plan again against today's curriculum, keeping everything the person
//! wrote.

use std::fmt::Write as _;

use pathwise_core::curriculum::Curriculum;
use pathwise_core::planfile::read::Problem;
use pathwise_core::planfile::refresh::{self, Changes, RefreshError, Stamp};
use pathwise_core::sanitize::terminal as safe;

use super::{Ctx, load_with, paths_flagged, plan_load_options, read_plan_checked, recorded_paths};
use crate::cli::RefreshArgs;
use crate::error::{Error, Result};
use crate::output;

pub(super) fn run(g: &Ctx, a: &RefreshArgs) -> Result<()> {
    if let Some(p) = &a.output
        && output::identity(p) != output::identity(&a.plan)
    {
        output::check_writable(p, a.force)?;
    }
    let (old, was) = read_plan_checked(&a.plan)?;
    let options = plan_load_options(g, &a.plan, &old)?;
    let cur = load_with(g, options.clone())?;
    let date = crate::date::stamp(a.date.as_deref())?;
    // Written in place unless -o names another file.
    let in_place = match &a.output {
        None => true,
        Some(p) => {
            !output::is_stdout(p)
                && output::identity(p).is_some()
                && output::identity(p) == output::identity(&a.plan)
        }
    };
    let out = if in_place {
        a.plan.as_path()
    } else {
        a.output.as_deref().expect("not in place")
    };
    let paths = if options.dirs.is_empty() {
        Vec::new()
    } else {
        recorded_paths(&options.dirs, Some(out))
    };
    let stamp = Stamp {
        date: &date,
        paths: &paths,
        builtin: options.builtin,
    };
    let done = refresh::refresh(cur, &old, &stamp).map_err(|e| match e {
        RefreshError::NoAnswers => Error::usage(
            format!("{} has no `answers:` in its front matter", a.plan.display()),
            "make the plan again with `pathwise plan --answers FILE -o PLAN`",
        ),
        RefreshError::Answers(mut d) => {
            if old.front.paths.is_empty() && !paths_flagged(g) {
                for diag in &mut d.diagnostics {
                    if !diag.message.starts_with("unknown question") {
                        continue;
                    }
                    let help = diag.help.take().map(|h| format!("{h}; ")).unwrap_or_default();
                    diag.help = Some(format!(
                        "{help}if the plan was made with `--paths DIR`, pass the same folders to refresh"
                    ));
                }
            }
            Error::Data(d)
        }
        RefreshError::Incomplete(m) => Error::usage(m, "add the answer to the plan's front matter"),
    })?;
    let (notes, report) = report(&done.changes, cur);
    // What refresh found in the file is said whatever the verbosity; what it did is a
    // confirmation, except on a dry run, where it is what was asked for.
    eprint!("{notes}");
    if a.dry_run {
        eprint!("{report}");
        eprintln!("dry run: nothing was written");
        return Ok(());
    }
    if in_place {
        // Atomically replaced, and only if nobody saved the file meanwhile.
        output::replace_file(&a.plan, &done.text, was)?;
    } else {
        output::write_file(out, &done.text, a.force)?;
    }
    if crate::say::normal() {
        eprint!("{report}");
    }
    Ok(())
}

/// What was found in the file ("note: line 12: …"), then what changed: "added   Numba",
/// "removed pathos (you had done it)" and the counts. Resources are named by their titles; one
/// the curriculum no longer has, by the id the plan knew it by.
fn report(c: &Changes, cur: &Curriculum) -> (String, String) {
    let title = |id: &str| match cur.resource(id) {
        Some(r) => cur.resources[r].title.to_string(),
        None => format!("{id} (no longer in the curriculum)"),
    };
    let mut notes = String::new();
    for p in &c.problems {
        if matches!(p, Problem::UnknownResource { .. }) {
            continue;
        }
        let at = p.line().map(|l| format!("line {l}: ")).unwrap_or_default();
        let _ = writeln!(notes, "note: {at}{}", safe(&p.message()));
    }
    let mut out = String::new();
    for id in &c.added {
        let _ = writeln!(out, "added   {}", safe(&title(id)));
    }
    for r in &c.removed {
        let was = if r.done { " (you had done it)" } else { "" };
        let _ = writeln!(out, "removed {}{was}", safe(&title(&r.id)));
    }
    let _ = writeln!(
        out,
        "{} added, {} removed, {} kept{}",
        c.added.len(),
        c.removed.len(),
        match c.ticks_kept {
            1 => "1 tick".to_string(),
            n => format!("{n} ticks"),
        },
        match c.notes_kept {
            0 => String::new(),
            1 => ", 1 line of yours kept".to_string(),
            n => format!(", {n} lines of yours kept"),
        }
    );
    (notes, out)
}
