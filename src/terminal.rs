//! The terminal around a run: colours, printing errors, Ctrl-C and panics.

use console::style;
use pathwise_core::diag::{self, Paint, Role};
use pathwise_core::sanitize;

use crate::cli::ColorChoice;
use crate::error::Error;

/// Turns colour on or off for stdout and stderr.
pub(crate) fn set_colors(choice: ColorChoice) {
    let (out, err) = match choice {
        ColorChoice::Always => (true, true),
        ColorChoice::Never => (false, false),
        // Colour only where the stream is a terminal that can show it.
        ColorChoice::Auto => (
            console::Term::stdout().features().colors_supported(),
            console::Term::stderr().features().colors_supported(),
        ),
    };
    console::set_colors_enabled(out);
    console::set_colors_enabled_stderr(err);
}

/// How many problems are shown in full before the others are only counted.
pub(crate) const SHOWN_PROBLEMS: usize = 50;

const ALL_HINT: &str = "run again with `--all-errors` to see every problem in full";

fn shown(all: bool) -> usize {
    if all { usize::MAX } else { SHOWN_PROBLEMS }
}

/// Prints the curriculum's warnings (cosmetic flaws it was loaded despite) on stderr, as errors
/// are printed and counting toward the same limit.
pub(crate) fn warnings(diags: &[diag::Diagnostic], sources: &diag::Sources, all: bool) {
    if diags.is_empty() {
        return;
    }
    eprint!(
        "{}",
        diag::render_ending(
            diags,
            sources,
            &Stderr,
            shown(all),
            ALL_HINT,
            &format!(
                "{} found; the curriculum is usable as it is.",
                diag::count(diags.len(), "warning")
            )
        )
    );
}

/// Prints an error the way users of terminal tools expect, and returns the exit code. Of many
/// problems in data files, the first [`SHOWN_PROBLEMS`] are shown unless `all` is set; their
/// count ends with `closing`, what the command did not do because of them.
pub(crate) fn report(e: &Error, all: bool, closing: &str) -> u8 {
    let err = style("error").for_stderr().red().bold();
    match e {
        Error::Data(d) => eprint!(
            "{}",
            diag::render_first(
                &d.diagnostics,
                &d.sources,
                &Stderr,
                shown(all),
                ALL_HINT,
                closing
            )
        ),
        Error::Strict(d) => eprint!(
            "{}",
            diag::render_ending(
                &d.diagnostics,
                &d.sources,
                &Stderr,
                shown(all),
                ALL_HINT,
                &format!(
                    "{} found; `--strict` fails on warnings.",
                    diag::count(d.diagnostics.len(), "warning")
                )
            )
        ),
        Error::Usage { message, help } => {
            eprintln!("{err}: {}", sanitize::terminal(message));
            if let Some(h) = help {
                eprintln!(
                    "  {}: {}",
                    style("help").for_stderr().bold(),
                    sanitize::terminal(h)
                );
            }
        }
        Error::Io { message, .. } => eprintln!("{err}: {}", sanitize::terminal(message)),
        Error::Offline(why) => {
            eprintln!(
                "{err}: cannot reach the network: {}",
                sanitize::terminal(why)
            );
            eprintln!(
                "  {}: check the connection (or the proxy in HTTPS_PROXY), then run again",
                style("help").for_stderr().bold()
            );
        }
        Error::Differ => {}
        Error::Interrupted => {
            show_cursor();
            eprintln!("\ncancelled; nothing was written");
        }
    }
    e.exit_code()
}

/// On Ctrl-C during the questions: show the cursor again (prompts hide it), say that nothing
/// was written, and exit 130.
pub(crate) fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        show_cursor();
        eprintln!("\ncancelled; nothing was written");
        std::process::exit(130);
    });
}

/// Shows the cursor again (prompts hide it), if stderr is a terminal: elsewhere the escape
/// sequence would only be noise in a log.
fn show_cursor() {
    let term = console::Term::stderr();
    if term.is_term() {
        let _ = term.show_cursor();
    }
}

/// A panic prints a short bug report instead of a backtrace.
pub(crate) fn install_panic_hook() {
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|info| {
            show_cursor();
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            eprintln!(
                "pathwise {} hit a bug and stopped{place}: {msg}\n\
                 Nothing was written. Please report it with the command you ran and, if you can, \
                 the files it read. Run again with RUST_BACKTRACE=1 for details.",
                env!("CARGO_PKG_VERSION")
            );
        }));
    }
}

/// Diagnostics coloured as rustc colours them, on stderr (when it shows colour).
struct Stderr;

impl Paint for Stderr {
    fn paint(&self, role: Role, text: &str) -> String {
        let s = style(text).for_stderr().bold();
        match role {
            Role::Error => s.red(),
            Role::Warning => s.yellow(),
            Role::Emphasis => s,
            Role::Gutter => s.blue(),
        }
        .to_string()
    }
}
