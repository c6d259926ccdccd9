//! `pathwise diff A B`: topics and resources only in one plan file, and in both.

use pathwise_core::planfile::team;

use super::{json_out, read_plan};
use crate::cli::{DiffArgs, ListFormat};
use crate::error::Result;
use crate::output;

pub fn run(a: &DiffArgs) -> Result<()> {
    let x = read_plan(&a.a)?;
    let y = read_plan(&a.b)?;
    let d = team::diff(&x, &y);
    match a.format {
        ListFormat::Json => json_out(&d),
        ListFormat::Text => output::stdout(&team::diff_text(&d)),
    }
}
