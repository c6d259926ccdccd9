//! `pathwise diff A B`: topics and resources only in one plan file, and in both. Exits 1 when
//! the plans differ, as diff(1) does.

use pathwise_core::planfile::diff;

use super::{json_out, read_plan};
use crate::cli::{DiffArgs, ListFormat};
use crate::error::{Error, Result};
use crate::output;

pub(super) fn run(a: &DiffArgs) -> Result<()> {
    let x = read_plan(&a.a)?;
    let y = read_plan(&a.b)?;
    let d = diff::diff(&x, &y);
    match a.format {
        ListFormat::Json => json_out(&d)?,
        ListFormat::Text => output::stdout(&diff::text(&d))?,
    }
    if d.identical {
        Ok(())
    } else {
        Err(Error::Differ)
    }
}
