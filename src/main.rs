//! The `pathwise` command line: parse the arguments, run the command, exit with its code.

/// Like the standard `eprint!`, but a closed or failing stderr is ignored instead of panicking
/// (the standard macro panics, and the bug report of that panic fails in turn and aborts):
/// messages are a courtesy, the exit code is the answer. Defined before the modules so that
/// every module prints through it.
macro_rules! eprint {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
}

/// `eprintln!` that ignores a closed or failing stderr; see `eprint!`.
macro_rules! eprintln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

/// A confirmation or report (`wrote your plan to …`): on stderr, unless `--quiet`.
macro_rules! info {
    ($($arg:tt)*) => {{
        if crate::say::normal() {
            eprintln!($($arg)*);
        }
    }};
}

/// A detail only `--verbose` shows: which files and settings were used.
macro_rules! detail {
    ($($arg:tt)*) => {{
        if crate::say::verbose() {
            eprintln!($($arg)*);
        }
    }};
}

mod cli;
mod commands;
mod config;
mod date;
mod error;
mod hints;
mod links;
mod output;
mod questionnaire;
mod render;
mod say;
mod terminal;

use std::process::ExitCode;

fn main() -> ExitCode {
    tune_allocator();
    terminal::install_panic_hook();
    let cli = cli::Cli::parse_checked();
    // Lets the tests see the bug-report message; not compiled into release builds.
    #[cfg(debug_assertions)]
    assert!(
        std::env::var_os("PATHWISE_DEBUG_PANIC").is_none(),
        "deliberate panic for testing the bug-report message"
    );
    say::set(if cli.global.quiet {
        say::Level::Quiet
    } else if cli.global.verbose {
        say::Level::Verbose
    } else {
        say::Level::Normal
    });
    let all_errors = cli.global.all_errors;
    let closing = cli
        .command
        .as_ref()
        .map_or(cli::PLAN_NOT_DONE, cli::Command::not_done);
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => ExitCode::from(terminal::report(&e, all_errors, closing)),
    }
}

/// Keeps large blocks (file texts, item lists) in their own mappings, returned to the system
/// when freed. By default glibc raises this threshold to the size of the first large block
/// freed, a file's text, after which lists of a few megabytes come from the heap and stay
/// resident after they are freed: a first run on a large curriculum peaked about 30 % higher.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: called first thing in `main`, before any other thread exists; `mallopt` only
    // changes a setting of the allocator.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}
