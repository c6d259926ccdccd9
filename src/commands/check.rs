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
        "ok: {}, {}, {} ({guide} from the guide), {} in {}\n",
        count(cur.areas.len(), "area"),
        count(cur.topics.len(), "topic"),
        count(cur.resources.len(), "resource"),
        count(cur.questions.len(), "question"),
        count(cur.files.len(), "file"),
    ))
}

/// "1 area", "4 areas".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
