//! `pathwise completions SHELL`: a completion script from the command-line definitions.

use crate::cli::Cli;
use crate::error::Result;
use crate::output;

pub(super) fn run(shell: clap_complete::Shell) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(
        shell,
        &mut <Cli as clap::CommandFactory>::command(),
        "pathwise",
        &mut buf,
    );
    output::stdout(&String::from_utf8_lossy(&buf))
}
