//! `pathwise progress PLAN`: topics and hours done, per week and area, and what is next.

use pathwise_core::planfile::progress;

use super::{Ctx, json_out, load_for_plan, read_plan};
use crate::cli::{ListFormat, ProgressArgs};
use crate::error::Result;
use crate::output;

pub(super) fn run(g: &Ctx, a: &ProgressArgs) -> Result<()> {
    let plan = read_plan(&a.plan)?;
    let cur = load_for_plan(g, &a.plan, &plan)?;
    let p = progress::progress(cur, &plan);
    match a.format {
        ListFormat::Json => json_out(&p),
        ListFormat::Text => output::stdout(&progress::text(&p)),
    }
}
