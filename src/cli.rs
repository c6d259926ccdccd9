//! Command-line definitions (clap). Behaviour lives in `cmd/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The longest wait for one address with `check --links`: an hour.
pub(crate) const MAX_TIMEOUT_SECS: u64 = 3600;

/// The most plan files a team plan combines.
pub(crate) const MAX_TEAM_PLANS: usize = 100;

#[derive(Debug, Parser)]
#[command(
    name = "pathwise",
    version,
    about = "Turn a curated guide into a personal, ordered, explained learning plan",
    long_about = "Turn a curated guide into a personal, ordered, explained learning plan.\n\n\
        The built-in guide is \"Getting started with Python in HPC\" (2012), brought up to date: \
        learning Python, profiling, speeding up and scaling. Run without a command to answer a \
        few questions and get a plan.",
    after_help = "Examples:\n  pathwise                       ask the questions, print a plan\n  \
        pathwise plan --answers me.yaml --format json\n  pathwise check --paths team/\n  \
        pathwise show mpi4py"
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// Parses the command line, exiting with clap's message and code on a mistake, including
    /// the limits clap cannot word by itself.
    pub(crate) fn parse_checked() -> Cli {
        let cli = Cli::parse();
        if let Some(Command::Team(t)) = &cli.command
            && t.plans.len() > MAX_TEAM_PLANS
        {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            cmd.build();
            let team = cmd
                .find_subcommand_mut("team")
                .expect("the team command is defined");
            clap::Error::raw(
                clap::error::ErrorKind::TooManyValues,
                format!(
                    "a team plan combines at most {MAX_TEAM_PLANS} plan files; {} were given",
                    t.plans.len()
                ),
            )
            .format(team)
            .exit();
        }
        cli
    }
}

#[derive(Debug, Args, Clone)]
pub(crate) struct Global {
    /// Add the curriculum files in DIR on top of the built-in guide (repeatable). Without it,
    /// the folders in `PATHWISE_PATHS` (separated by ':') or the config file's `paths` are used
    #[arg(long = "paths", value_name = "DIR", global = true)]
    pub paths: Vec<PathBuf>,
    /// Use only the folders given with --paths, not the built-in guide
    #[arg(long, global = true)]
    pub no_builtin: bool,
    /// When to colour output [default: auto; `NO_COLOR` and `CLICOLOR_FORCE` are honoured]
    #[arg(long, value_enum, value_name = "WHEN", global = true)]
    pub color: Option<ColorChoice>,
    /// Show every problem found in full; without it, the first 50 are shown and the others
    /// counted by kind
    #[arg(long, global = true)]
    pub all_errors: bool,
    /// Print only results, warnings and errors: no confirmations (`wrote your plan to …`) or
    /// reports of what was done
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say which configuration file and curriculum were used, and whether the curriculum
    /// came from the cache
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What `plan` did not do when it stops on a problem.
pub(crate) const PLAN_NOT_DONE: &str = "nothing was planned or written";

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Ask about your background and goals, then print a plan (the default command)
    #[command(after_help = "Examples:\n  pathwise plan\n  \
        pathwise plan --answers me.yaml\n  \
        pathwise plan --set python=experienced --set goals=profile,speed-up --format json\n  \
        pathwise plan --save-answers me.yaml")]
    Plan(PlanArgs),
    /// Check the curriculum files and report every problem and warning
    #[command(
        after_help = "Problems (bad syntax, unknown ids, cycles, duplicate ids, wrong types, unsafe \
        links) stop every command and exit 2. Warnings (cosmetic flaws such as an empty title or \
        spaces around a link) are reported and worked around; with --strict, check exits 2 on \
        them too.\n\n\
        Examples:\n  pathwise check\n  pathwise check --paths team/ --no-builtin\n  \
        pathwise check --strict --paths team/\n  pathwise check --links"
    )]
    Check(CheckArgs),
    /// List the topics
    #[command(
        after_help = "Examples:\n  pathwise topics\n  pathwise topics --area scale --format json"
    )]
    Topics(TopicsArgs),
    /// List the resources
    #[command(after_help = "Examples:\n  pathwise resources\n  pathwise resources --format json")]
    Resources(FormatArgs),
    /// Show one topic or resource in detail
    #[command(after_help = "Examples:\n  pathwise show mpi4py-basics\n  pathwise show tao4py")]
    Show {
        /// A topic or resource id
        id: String,
    },
    /// Print the prerequisite graph as Mermaid or Graphviz source
    #[command(after_help = "Examples:\n  pathwise graph > guide.mmd\n  \
        pathwise graph --format dot --topic pde-solvers | dot -Tsvg > pde.svg")]
    Graph(GraphArgs),
    /// Show how far you are through a plan file: topics and hours done, per week and area
    #[command(
        after_help = "Examples:\n  pathwise progress plan.md\n  pathwise progress plan.md --format json"
    )]
    Progress(ProgressArgs),
    /// Plan again from a plan file's answers against today's curriculum, keeping your ticks
    #[command(
        after_help = "Examples:\n  pathwise refresh plan.md --dry-run\n  pathwise refresh plan.md\n  \
        pathwise refresh plan.md -o plan-2027.md"
    )]
    Refresh(RefreshArgs),
    /// Compare two plan files: topics and resources only in one, and in both; exits 1 when they
    /// differ, as diff(1) does
    #[command(after_help = "Examples:\n  pathwise diff ada.md grace.md\n  \
        pathwise diff plan.md plan-2027.md --format json")]
    Diff(DiffArgs),
    /// Combine teammates' plan files into a team plan
    #[command(after_help = "Examples:\n  pathwise team plans/*.md -o team.md\n  \
        pathwise team plans/*.md --format json")]
    Team(TeamArgs),
    /// Create a folder for a team's own curriculum that extends the built-in guide
    #[command(
        after_help = "Examples:\n  pathwise init team-curriculum\n  pathwise check --paths team-curriculum"
    )]
    Init {
        /// The folder to create (it must not exist, or be empty)
        dir: PathBuf,
    },
    /// Show the settings in force and where each comes from
    #[command(
        after_help = "Examples:\n  pathwise config\n  PATHWISE_CONFIG=team.yaml pathwise config"
    )]
    Config,
    /// Print a shell completion script
    #[command(after_help = "Examples:\n  source <(pathwise completions bash)\n  \
        pathwise completions zsh > ~/.zfunc/_pathwise\n  pathwise completions fish > ~/.config/fish/completions/pathwise.fish")]
    Completions {
        /// The shell to complete for
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write a page per command into a folder
    #[command(after_help = "Examples:\n  pathwise man | man -l -\n  \
        pathwise man --dir ~/.local/share/man/man1")]
    Man(ManArgs),
    /// Explain why a topic is in your plan: the chain from what you know to it
    #[command(
        after_help = "Examples:\n  pathwise why pde-solvers --answers me.yaml\n  \
        pathwise why numba-jit --set python=experienced --set goals=speed-up"
    )]
    Why(WhyArgs),
}

impl Command {
    /// What the command did not do when it stops on a problem, said after the problems: only
    /// for commands that write or make something (a listing that stops has nothing to add).
    pub(crate) fn not_done(&self) -> &'static str {
        match self {
            Command::Plan(_) => PLAN_NOT_DONE,
            Command::Refresh(_) | Command::Init { .. } | Command::Man(_) => "nothing was written",
            Command::Team(_) => "no team plan was written",
            Command::Check(_)
            | Command::Topics(_)
            | Command::Resources(_)
            | Command::Show { .. }
            | Command::Graph(_)
            | Command::Progress(_)
            | Command::Diff(_)
            | Command::Config
            | Command::Completions { .. }
            | Command::Why(_) => "",
        }
    }
}

#[derive(Debug, Args, Clone, Default)]
pub(crate) struct AnswerArgs {
    /// Read answers from a YAML file of `question: answer` lines, or from a plan file written by
    /// `plan -o` (the answers in its front matter)
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// Answer a question on the command line, e.g. `--set hours_per_week=3` (repeatable;
    /// multiselect answers are comma-separated). With answers given, nothing is asked: the
    /// other questions take their defaults
    #[arg(long = "set", value_name = "QUESTION=VALUE")]
    pub set: Vec<String>,
}

#[derive(Debug, Args, Clone, Default)]
pub(crate) struct PlanArgs {
    #[command(flatten)]
    pub answers: AnswerArgs,
    /// Output format [default: text, or markdown with --output]
    #[arg(long, value_enum)]
    pub format: Option<PlanFormat>,
    /// Write the plan to FILE (markdown unless --format says otherwise; `-` is stdout)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The date to stamp on a markdown plan (YYYY-MM-DD) [default: `SOURCE_DATE_EPOCH` or today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// After asking the questions, save the answers to FILE for later runs
    #[arg(long, value_name = "FILE")]
    pub save_answers: Option<PathBuf>,
    /// Replace files that already exist
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum PlanFormat {
    #[default]
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum ListFormat {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args, Clone)]
pub(crate) struct FormatArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Args, Clone)]
pub(crate) struct TopicsArgs {
    /// Only topics of this area (learn, profile, speed-up, scale, or a team's own)
    #[arg(long, value_name = "AREA")]
    pub area: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum GraphFormat {
    #[default]
    Mermaid,
    Dot,
}

#[derive(Debug, Args, Clone)]
pub(crate) struct GraphArgs {
    /// Picture source format
    #[arg(long, value_enum, default_value_t = GraphFormat::Mermaid)]
    pub format: GraphFormat,
    /// Only this topic, its prerequisites and the topics that need it
    #[arg(long, value_name = "ID")]
    pub topic: Option<String>,
}

#[derive(Debug, Args, Clone)]
pub(crate) struct WhyArgs {
    /// A topic id
    pub topic: String,
    #[command(flatten)]
    pub answers: AnswerArgs,
}

#[derive(Debug, Args, Clone)]
pub(crate) struct ProgressArgs {
    /// A plan file written by `pathwise plan -o`
    pub plan: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Args, Clone)]
pub(crate) struct RefreshArgs {
    /// A plan file written by `pathwise plan -o`
    pub plan: PathBuf,
    /// Write the refreshed plan to FILE instead of replacing PLAN (`-` is stdout)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only report what would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// The date to stamp as `refreshed` (YYYY-MM-DD) [default: `SOURCE_DATE_EPOCH` or today]
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Replace FILE given with --output if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args, Clone)]
pub(crate) struct DiffArgs {
    /// A plan file written by `pathwise plan -o` (its topics are "only in" A)
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// The plan file to compare it with (its topics are "only in" B)
    #[arg(value_name = "B")]
    pub b: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Debug, Args, Clone)]
pub(crate) struct TeamArgs {
    /// Two to a hundred plan files
    #[arg(required = true, num_args = 2..)]
    pub plans: Vec<PathBuf>,
    /// Write the team plan to FILE (`-` is stdout) [default: stdout]
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = TeamFormat::Markdown)]
    pub format: TeamFormat,
    /// Replace FILE if it exists
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub(crate) enum TeamFormat {
    #[default]
    Markdown,
    Json,
}

#[derive(Debug, Args, Clone, Default)]
pub(crate) struct ManArgs {
    /// Write pathwise.1 and a page per command (pathwise-plan.1, …) into DIR instead of
    /// printing pathwise.1
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// With --dir: replace pages that already exist
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub(crate) struct CheckArgs {
    /// Fail (exit 2) on warnings too: cosmetic flaws such as an empty title or spaces around
    /// a link, which other commands report and work around. For a team's CI
    #[arg(long)]
    pub strict: bool,
    /// Also check that every resource URL answers (needs the network; exit 3 when it cannot be
    /// reached, 1 when an address is broken)
    #[arg(long)]
    pub links: bool,
    /// With --links: seconds to wait for each address (1 to 3600)
    #[arg(long, value_name = "SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_SECS))]
    pub timeout: u64,
    /// With --links: how many addresses to check at once
    #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
}
