//! `pathwise progress PLAN`: items and hours done, per week and area, and what is next.

use pathwise_core::planfile::team;

use super::{Ctx, json_out, load, read_plan};
use crate::cli::{ListFormat, ProgressArgs};
use crate::error::Result;
use crate::output;

pub fn run(g: &Ctx, a: &ProgressArgs) -> Result<()> {
    let plan = read_plan(&a.plan)?;
    let cur = load(g)?;
    let p = team::progress(cur, &plan);
    match a.format {
        ListFormat::Json => json_out(&team::progress_json(&plan, &p)),
        ListFormat::Text => output::stdout(&team::progress_text(&plan, &p)),
    }
}
