//! `pathwise man`: the manual page, from the command-line definitions.

use crate::cli::Cli;
use crate::error::{Error, Result};
use crate::output;

pub fn run() -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
        .render(&mut buf)
        .map_err(|e| Error::io("cannot render the manual", e))?;
    output::stdout(&String::from_utf8_lossy(&buf))
}
