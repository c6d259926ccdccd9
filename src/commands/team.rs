//! `pathwise team PLAN…`: teammates' plan files combined into a team plan.

use console::style;
use pathwise_core::planfile::{read, team};
use pathwise_core::sanitize::terminal as safe;

use super::{Ctx, load, read_plan};
use crate::cli::{TeamArgs, TeamFormat};
use crate::error::{Error, Result};
use crate::output;

pub(super) fn run(g: &Ctx, a: &TeamArgs) -> Result<()> {
    let mut warnings = Vec::new();
    // The same file named twice (by any path) is one member.
    let mut files: Vec<(&std::path::Path, _)> = Vec::new();
    for p in &a.plans {
        let id = output::identity(p);
        match files.iter().find(|(_, other)| id.is_some() && *other == id) {
            Some((first, _)) => warnings.push(format!(
                "{} is the same file as {}; it counts once",
                p.display(),
                first.display()
            )),
            None => files.push((p, id)),
        }
    }
    if let Some(out) = &a.output {
        output::check_writable(out, a.force)?;
        let target = output::identity(out);
        if let Some((p, _)) = files
            .iter()
            .find(|(p, id)| (target.is_some() && *id == target) || *p == out.as_path())
        {
            return Err(Error::usage(
                format!(
                    "{} is one of the plans being combined ({})",
                    out.display(),
                    p.display()
                ),
                "write the team plan to a file of its own",
            ));
        }
    }
    let plans: Vec<read::PlanFile> = files
        .iter()
        .map(|(p, _)| read_plan(p))
        .collect::<Result<_>>()?;
    let cur = load(g)?;
    let refs: Vec<&read::PlanFile> = plans.iter().collect();
    let team = team::team(cur, &refs);
    let text = match a.format {
        TeamFormat::Markdown => team::markdown(cur, &team),
        TeamFormat::Json => {
            let mut j = serde_json::to_string_pretty(&team).expect("team plans serialise");
            j.push('\n');
            j
        }
    };
    for w in warnings.iter().chain(&team.warnings) {
        eprintln!(
            "{}: {}",
            style("warning").for_stderr().yellow().bold(),
            safe(w)
        );
    }
    match &a.output {
        None => output::stdout(&text),
        Some(p) => {
            output::write_file(p, &text, a.force)?;
            if !output::is_stdout(p) {
                info!(
                    "wrote the team plan of {} members to {}",
                    team.members.len(),
                    p.display()
                );
            }
            Ok(())
        }
    }
}
