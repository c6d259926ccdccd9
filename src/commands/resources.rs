//! `pathwise resources`: every resource, with its kind and status.

use pathwise_core::json;

use super::{Ctx, json_out, load};
use crate::cli::{FormatArgs, ListFormat};
use crate::error::Result;
use crate::{output, render};

pub(super) fn run(g: &Ctx, a: &FormatArgs) -> Result<()> {
    let cur = load(g)?;
    match a.format {
        ListFormat::Json => json_out(&json::resource_entries(cur)),
        ListFormat::Text => output::stdout(&render::text::resources_text(cur)),
    }
}
