//! `pathwise check`: validate the curriculum (and with `--links`, its addresses).

use pathwise_core::LoadError;
use pathwise_core::diag::count;

use super::{Ctx, load_options, load_reporting};
use crate::cli::CheckArgs;
use crate::error::{Error, Result};
use crate::{links, output, terminal};

pub(super) fn run(g: &Ctx, a: &CheckArgs) -> Result<()> {
    let cur = load_reporting(g, load_options(g), false)?;
    if a.strict && !cur.warnings.is_empty() {
        return Err(Error::Strict(LoadError::new(
            cur.warnings.clone(),
            cur.warning_sources.clone(),
        )));
    }
    terminal::warnings(&cur.warnings, &cur.warning_sources, g.global.all_errors);
    if a.links {
        return links::check_command(cur, a);
    }
    let guide = cur
        .resources
        .iter()
        .filter(|r| r.from_guide().is_some())
        .count();
    let warnings = match cur.warnings.len() {
        0 => String::new(),
        n => format!(" ({})", count(n, "warning")),
    };
    output::stdout(&format!(
        "ok: {}, {}, {} ({guide} from the guide), {} in {}{warnings}\n",
        count(cur.areas.len(), "area"),
        count(cur.topics.len(), "topic"),
        count(cur.resources.len(), "resource"),
        count(cur.questions.len(), "question"),
        count(cur.files.len(), "file"),
    ))
}
