//! `pathwise man`: the manual, from the command-line definitions: pathwise(1) on stdout, or with
//! `--dir` that page and one per command (pathwise-plan(1), …), which pathwise(1) refers to.

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::{Error, Result};
use crate::output;

pub(super) fn run(a: &ManArgs) -> Result<()> {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    // Gives each command its page name, `pathwise-plan`.
    cmd.build();
    let main = page(&cmd, MAIN_EXTRA)?;
    let Some(dir) = &a.dir else {
        return output::stdout(&main);
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io(format_args!("cannot create {}", dir.display()), e))?;
    let mut written = vec![(dir.join("pathwise.1"), main)];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_display_name().unwrap_or_else(|| sub.get_name());
        written.push((dir.join(format!("{name}.1")), page(sub, SUB_EXTRA)?));
    }
    for (path, _) in &written {
        output::check_writable(path, a.force)?;
    }
    for (path, text) in &written {
        output::write_file(path, text, a.force)?;
    }
    // `man` looks for pages in the `man1` folders of the folders it searches.
    let how = match dir.parent() {
        Some(root) if dir.file_name().is_some_and(|n| n == "man1") => {
            format!("man -M {} pathwise", root.display())
        }
        _ => format!("man -l {}", dir.join("pathwise.1").display()),
    };
    info!(
        "wrote {} manual pages to {}; read them with `{how}`",
        written.len(),
        dir.display()
    );
    Ok(())
}

/// A page: what clap knows of the command, then sections of our own.
fn page(cmd: &clap::Command, extra: &str) -> Result<String> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone())
        .render(&mut buf)
        .map_err(|e| Error::io("cannot render the manual", e))?;
    // The text after the options is always our examples.
    let mut text = String::from_utf8_lossy(&buf).replace(".SH EXTRA\n", ".SH EXAMPLES\n");
    text.push_str(extra);
    Ok(text)
}

/// The sections of pathwise(1) that clap does not know about.
const MAIN_EXTRA: &str = r".SH ENVIRONMENT
.TP
\fBPATHWISE_PATHS\fR
Curriculum folders to add on top of the built\-in guide, separated by \fB:\fR (as \fB\-\-paths\fR).
.TP
\fBPATHWISE_NAME\fR, \fBPATHWISE_FORMAT\fR
Your name on plans, and the default output format (text, json or markdown).
.TP
\fBPATHWISE_CONFIG\fR
The configuration file to read instead of the default one.
.TP
\fBPATHWISE_CACHE_DIR\fR, \fBPATHWISE_NO_CACHE\fR
Where validated curricula are cached; set PATHWISE_NO_CACHE=1 to turn the cache off.
.TP
\fBNO_COLOR\fR, \fBCLICOLOR_FORCE\fR
Turn colour off, or on even when the output is not a terminal.
.TP
\fBCOLUMNS\fR
The width to wrap text to when the output is not a terminal (40 to 100; default 80).
.TP
\fBSOURCE_DATE_EPOCH\fR
The date to stamp on plan files, for byte\-identical output.
.TP
\fBXDG_CONFIG_HOME\fR, \fBXDG_CACHE_HOME\fR
Where the configuration file and the cache are looked for.
.SH FILES
.TP
\fI$XDG_CONFIG_HOME/pathwise/config.yaml\fR (usually \fI~/.config/pathwise/config.yaml\fR; on macOS \fI~/Library/Preferences/pathwise/config.yaml\fR, on Windows \fI%APPDATA%\\pathwise\\config.yaml\fR)
Defaults for curriculum folders, name, format and colour; \fBpathwise config\fR shows what is in force, and \fBPATHWISE_CONFIG\fR names another file.
.TP
\fI$XDG_CACHE_HOME/pathwise/\fR (usually \fI~/.cache/pathwise/\fR; on macOS \fI~/Library/Caches/pathwise/\fR, on Windows \fI%LOCALAPPDATA%\\pathwise\\\fR)
Validated curricula, keyed by the contents of their files; safe to delete. \fBPATHWISE_CACHE_DIR\fR names another folder.
.SH EXIT STATUS
.TP
\fB0\fR
Success.
.TP
\fB1\fR
The system failed: a file could not be written or read although it exists, a plan changed while \fBrefresh\fR was writing it, \fBdiff\fR found the plans differ, a link check found broken addresses.
.TP
\fB2\fR
Bad usage or bad data: an unknown option or id, a file that does not exist, a curriculum, answers or plan file with a mistake (the message names the file, line and column); with \fBcheck \-\-strict\fR, a curriculum with warnings.
.TP
\fB3\fR
\fBcheck \-\-links\fR could not reach the network (no host name could be resolved, or no host answered); no address was judged.
.TP
\fB130\fR
Interrupted (Ctrl\-C, or Esc while answering the questions; Esc while changing one answer from the summary only goes back to the summary); nothing was written.
.PP
A curriculum's warnings (cosmetic flaws such as an empty title or spaces around a link) are printed on standard error, named by file, line and column, and do not change the exit status: every command goes on with the fallback each warning names.
.SH SEE ALSO
The pages of each command: \fBpathwise\-plan\fR(1), \fBpathwise\-check\fR(1) and the others listed above, written by \fBpathwise man \-\-dir\fR \fIDIR\fR.
";

/// The sections of each command's page.
const SUB_EXTRA: &str = r".SH SEE ALSO
\fBpathwise\fR(1), for the settings, environment, files and exit status shared by every command.
";
