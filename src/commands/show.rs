//! `pathwise show ID`: one topic or resource in detail.

use super::{Ctx, load, unknown_id};
use crate::error::Result;
use crate::{output, render};

pub(super) fn run(g: &Ctx, id: &str) -> Result<()> {
    let cur = load(g)?;
    if let Some(t) = cur.topic(id) {
        output::stdout(&render::text::topic_detail(cur, t))
    } else if let Some(r) = cur.resource(id) {
        output::stdout(&render::text::resource_detail(cur, r))
    } else {
        Err(unknown_id(cur, id, "topic or resource", false))
    }
}
