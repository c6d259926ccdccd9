//! `pathwise team PLAN…`: teammates' plan files combined into a team plan.

use console::style;
use pathwise_core::planfile::{read, team};
use pathwise_core::sanitize::terminal as safe;

use super::{Ctx, load, read_plan};
use crate::cli::TeamArgs;
use crate::error::{Error, Result};
use crate::output;

pub fn run(g: &Ctx, a: &TeamArgs) -> Result<()> {
    if let Some(p) = &a.output {
        output::check_writable(p, a.force)?;
        if a.plans.iter().any(|q| q == p) {
            return Err(Error::usage(
                format!("{} is one of the plans being combined", p.display()),
                "write the team plan to a file of its own",
            ));
        }
    }
    let plans: Vec<read::PlanFile> = a
        .plans
        .iter()
        .map(|p| read_plan(p))
        .collect::<Result<_>>()?;
    let cur = load(g)?;
    let members: Vec<team::Member> = plans.iter().map(|p| team::member(cur, p)).collect();
    let (text, warnings) = team::team_markdown(cur, &members);
    for w in &warnings {
        eprintln!(
            "{}: {}",
            style("warning").for_stderr().yellow().bold(),
            safe(w)
        );
    }
    match &a.output {
        None => output::stdout(&text),
        Some(p) => output::write_file(p, &text, a.force),
    }
}
