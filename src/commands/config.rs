//! `pathwise config`: the settings in force and where each comes from.

use super::Ctx;
use crate::error::Result;
use crate::output;

pub(super) fn run(g: &Ctx) -> Result<()> {
    output::stdout(&crate::config::show(&g.eff))
}
