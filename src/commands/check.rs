//! `pathwise check`: validate the curriculum (and with `--links`, its addresses).

use super::{Ctx, load};
use crate::cli::CheckArgs;
use crate::error::Result;
use crate::{links, output};

pub fn run(g: &Ctx, a: &CheckArgs) -> Result<()> {
    let cur = load(g)?;
    if a.links {
        return links::check_command(cur, a);
    }
    let guide = cur
        .resources
        .iter()
        .filter(|r| r.from_guide().is_some())
        .count();
    output::stdout(&format!(
        "ok: {} areas, {} topics, {} resources ({} from the guide), {} questions in {} files\n",
        cur.areas.len(),
        cur.topics.len(),
        cur.resources.len(),
        guide,
        cur.questions.len(),
        cur.files.len()
    ))
}
