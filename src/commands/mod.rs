//! One file per subcommand, and what they share: the settings in force, loading the
//! curriculum, reading input files and gathering answers.

mod check;
mod completions;
mod config;
mod diff;
mod graph;
mod init;
mod man;
mod plan;
mod progress;
mod refresh;
mod resources;
mod show;
mod team;
mod topics;
mod why;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::thread::Scope;

use pathwise_core::answers::{self, Answers};
use pathwise_core::curriculum::{self, Curriculum, LoadOptions};
use pathwise_core::curriculum::{AnswerValue, QuestionKind};
use pathwise_core::diag::{Sources, did_you_mean};
use pathwise_core::planfile::read;
use pathwise_core::yaml::MAX_FILE_BYTES;

use crate::cli::{AnswerArgs, Cli, Command, Global, PlanArgs};
use crate::error::{Error, Result, io_reason};
use crate::questionnaire::{self, TerminalPrompter};
use crate::{output, terminal};

/// What every command gets: the flags, the settings with the configuration applied, and where
/// the curriculum is kept once loaded.
pub(crate) struct Ctx<'s, 'e> {
    pub global: Global,
    pub eff: crate::config::Effective,
    /// Work that may go on beside the command (saving the curriculum cache); `run` waits for it.
    scope: &'s Scope<'s, 'e>,
    curriculum: &'e OnceLock<Curriculum>,
}

/// Runs the command line's command (`plan` when none is given).
pub(crate) fn run(cli: Cli) -> Result<()> {
    let command = cli
        .command
        .unwrap_or_else(|| Command::Plan(PlanArgs::default()));
    // Printing completions or the manual page needs no settings: a broken configuration (which
    // every other command reports) must not stop them.
    match &command {
        Command::Completions { shell } => return completions::run(*shell),
        Command::Man(a) => return man::run(a),
        _ => {}
    }
    let format_flag = match &command {
        Command::Plan(a) => a.format,
        _ => None,
    };
    if let Some(c) = cli.global.color {
        terminal::set_colors(c);
    }
    let eff = crate::config::resolve(&cli.global, format_flag)?;
    terminal::set_colors(eff.color.0);
    let slot = OnceLock::new();
    std::thread::scope(|scope| {
        let g = Ctx {
            global: cli.global,
            eff,
            scope,
            curriculum: &slot,
        };
        dispatch(&g, command)
    })
}

fn dispatch(g: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Plan(a) => plan::run(g, &a),
        Command::Check(a) => check::run(g, &a),
        Command::Init { dir } => init::run(&dir),
        Command::Config => config::run(g),
        Command::Completions { shell } => completions::run(shell),
        Command::Man(a) => man::run(&a),
        Command::Topics(a) => topics::run(g, &a),
        Command::Resources(a) => resources::run(g, &a),
        Command::Show { id } => show::run(g, &id),
        Command::Graph(a) => graph::run(g, &a),
        Command::Why(a) => why::run(g, &a),
        Command::Progress(a) => progress::run(g, &a),
        Command::Refresh(a) => refresh::run(g, &a),
        Command::Diff(a) => diff::run(&a),
        Command::Team(a) => team::run(g, &a),
    }
}

fn load_options(g: &Ctx) -> LoadOptions {
    LoadOptions {
        builtin: !g.global.no_builtin,
        dirs: g.eff.paths.0.clone(),
        cache_dir: crate::config::cache_dir(),
    }
}

/// Loads the curriculum. A curriculum read from its files is saved to the cache on the other
/// core while the command goes on; `run` waits for that before returning.
fn load<'e>(g: &Ctx<'_, 'e>) -> Result<&'e Curriculum> {
    load_with(g, load_options(g))
}

fn load_with<'e>(g: &Ctx<'_, 'e>, options: LoadOptions) -> Result<&'e Curriculum> {
    load_reporting(g, options, true)
}

/// Loads the curriculum; its warnings are printed once, at the first load, if `report`
/// (otherwise the command reports them itself).
fn load_reporting<'e>(
    g: &Ctx<'_, 'e>,
    options: LoadOptions,
    report: bool,
) -> Result<&'e Curriculum> {
    if crate::say::verbose() {
        say_settings(g, &options);
    }
    let loaded = curriculum::load(&options).map_err(crate::hints::for_load)?;
    if crate::say::verbose() {
        say_loaded(&loaded, &options);
    }
    let cur: &'e Curriculum = match g.curriculum.set(loaded) {
        Ok(()) => {
            let cur = g.curriculum.get().expect("the curriculum was just stored");
            if report {
                terminal::warnings(&cur.warnings, &cur.warning_sources, g.global.all_errors);
            }
            cur
        }
        // A second load in one run reads the same files: keep the first.
        Err(_) => g.curriculum.get().expect("the curriculum is stored"),
    };
    if cur.wants_caching() {
        g.scope.spawn(move || cur.store_in_cache());
    }
    Ok(cur)
}

/// `--verbose`: the configuration file and the curriculum folders in force.
fn say_settings(g: &Ctx, options: &LoadOptions) {
    use pathwise_core::sanitize::terminal as safe;
    match (&g.eff.file.path, g.eff.file.found) {
        (Some(p), true) => detail!("config file: {}", safe(&p.display().to_string())),
        (Some(p), false) => detail!(
            "config file: {} (not found; defaults apply)",
            safe(&p.display().to_string())
        ),
        (None, _) => detail!("config file: none"),
    }
    let mut from: Vec<String> = Vec::new();
    if options.builtin {
        from.push("the built-in guide".to_string());
    }
    from.extend(
        options
            .dirs
            .iter()
            .map(|d| safe(&d.display().to_string()).into_owned()),
    );
    detail!("curriculum: {}", from.join(", "));
}

/// `--verbose`: what was loaded, and whether it came from the cache.
fn say_loaded(cur: &Curriculum, options: &LoadOptions) {
    use pathwise_core::sanitize::terminal as safe;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let cache = match &options.cache_dir {
        None => "cache off".to_string(),
        Some(d) if cur.wants_caching() => format!(
            "read from the files; saved to the cache in {}",
            safe(&d.display().to_string())
        ),
        Some(d) => format!("read from the cache in {}", safe(&d.display().to_string())),
    };
    detail!(
        "loaded {}: {}, {}, {}, {} ({cache})",
        plural(cur.files.len(), "file", "files"),
        plural(cur.areas.len(), "area", "areas"),
        plural(cur.topics.len(), "topic", "topics"),
        plural(cur.resources.len(), "resource", "resources"),
        plural(cur.questions.len(), "question", "questions"),
    );
}

fn json_out<T: serde::Serialize>(v: &T) -> Result<()> {
    output::stdout_json(v)
}

fn unknown_id(cur: &Curriculum, id: &str, what: &str, topics_only: bool) -> Error {
    let mut names: Vec<&str> = cur.topics.iter().map(|t| t.id.as_str()).collect();
    if !topics_only {
        names.extend(cur.resources.iter().map(|r| r.id.as_str()));
    }
    Error::usage(
        format!("no {what} has the id `{id}`"),
        match did_you_mean(id, names.iter().copied()) {
            Some(s) => format!(
                "did you mean `{s}`? `pathwise topics` and `pathwise resources` list the ids"
            ),
            None => "`pathwise topics` and `pathwise resources` list the ids".to_string(),
        },
    )
}

/// Reads a file the user named (answers, a plan), refusing what is too large to be one.
fn read_input(path: &Path, what: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| {
        Error::usage(
            format!(
                "cannot read the {what} {}: {}",
                path.display(),
                io_reason(&e)
            ),
            "check the file name",
        )
    })?;
    let mut bytes = Vec::new();
    f.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(format_args!("cannot read {}", path.display()), e))?;
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::usage(
            format!("{} is too large to be a {what}", path.display()),
            "check the file name",
        ));
    }
    Ok(bytes)
}

fn read_plan(path: &Path) -> Result<read::PlanFile> {
    Ok(read_plan_checked(path)?.0)
}

/// Reads a plan file, with the fingerprint of its bytes to check it is unchanged before
/// replacing it.
fn read_plan_checked(path: &Path) -> Result<(read::PlanFile, (usize, u64))> {
    let bytes = read_input(path, "plan file")?;
    let plan = read::read(&path.display().to_string(), &bytes)?;
    Ok((plan, output::fingerprint(&bytes)))
}

/// An absolute path without `.` or `..` or symbolic links, for a path that may not exist yet.
fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = std::fs::canonicalize(p) {
        return c;
    }
    match (p.parent(), p.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            absolute(dir).join(name)
        }
        _ => std::env::current_dir().map_or_else(|_| p.to_path_buf(), |d| d.join(p)),
    }
}

/// `to` as seen from the folder `from` (both absolute): `../team-curriculum`.
fn relative(from: &Path, to: &Path) -> PathBuf {
    let a: Vec<_> = from.components().collect();
    let b: Vec<_> = to.components().collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if common == 0 {
        return to.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// Curriculum folders as a plan written to `plan` (stdout: the current folder) records them:
/// relative to the plan's folder.
fn recorded_paths(dirs: &[PathBuf], plan: Option<&Path>) -> Vec<String> {
    let base = match plan.filter(|p| !output::is_stdout(p)) {
        Some(p) => absolute(&output::resolve(p))
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default(),
        None => absolute(Path::new(".")),
    };
    dirs.iter()
        .map(|d| relative(&base, &absolute(d)).to_string_lossy().into_owned())
        .collect()
}

/// Whether `--paths` was given on the command line.
fn paths_flagged(g: &Ctx) -> bool {
    matches!(g.eff.paths.1, crate::config::Source::Flag(_))
}

/// The curriculum a plan file was made from: the folders its front matter records (relative to
/// the plan), unless `--paths` names others.
fn plan_load_options(g: &Ctx, path: &Path, plan: &read::PlanFile) -> Result<LoadOptions> {
    let flagged = paths_flagged(g);
    if flagged || plan.front.paths.is_empty() {
        return Ok(LoadOptions {
            builtin: !g.global.no_builtin && (flagged || plan.front.builtin),
            ..load_options(g)
        });
    }
    let base = absolute(&output::resolve(path))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut dirs = Vec::new();
    for p in &plan.front.paths {
        let d = base.join(p);
        if !d.is_dir() {
            return Err(Error::usage(
                format!(
                    "{} was made with the curriculum folder {p} (`paths:` in its front matter), which is not at {}",
                    path.display(),
                    d.display()
                ),
                "pass `--paths DIR` (repeatable) to say where the plan's curriculum folders are now",
            ));
        }
        dirs.push(d);
    }
    Ok(LoadOptions {
        builtin: !g.global.no_builtin && plan.front.builtin,
        dirs,
        cache_dir: crate::config::cache_dir(),
    })
}

/// Loads the curriculum a plan file was made from (see [`plan_load_options`]).
fn load_for_plan<'e>(
    g: &Ctx<'_, 'e>,
    path: &Path,
    plan: &read::PlanFile,
) -> Result<&'e Curriculum> {
    load_with(g, plan_load_options(g, path, plan)?)
}

/// Answers from `--answers` and `--set`, and whether any were given.
fn preset_answers(cur: &Curriculum, a: &AnswerArgs) -> Result<(Answers, bool)> {
    let mut answers = Answers::default();
    let mut given = false;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut plan_answers = None;
    if let Some(path) = &a.answers {
        let bytes = read_input(path, "answers file")?;
        let name = path.display().to_string();
        let data_error = |diags| {
            let mut sources = Sources::default();
            sources.insert(&name, &String::from_utf8_lossy(&bytes));
            Error::Data(pathwise_core::LoadError::new(diags, sources))
        };
        // A plan file gives the answers in its front matter (as `refresh` reads them).
        let plan = bytes
            .starts_with(b"---")
            .then(|| read::read(&name, &bytes).ok())
            .flatten();
        answers = match plan {
            Some(plan) => {
                let Some(node) = plan.answers().cloned() else {
                    return Err(Error::usage(
                        format!("{name} is a plan file without answers in its front matter"),
                        "give an answers file, or a plan written by `pathwise plan -o FILE`",
                    ));
                };
                let got = answers::from_node(cur, &name, &node).map_err(data_error)?;
                plan_answers = Some(node);
                got
            }
            None => answers::parse_file(cur, &name, &bytes).map_err(data_error)?,
        };
        given = true;
        file = Some((name, bytes));
    }
    for spec in &a.set {
        let (id, v) = parse_set(cur, spec).map_err(|m| {
            Error::usage(
                m,
                "`--set QUESTION=VALUE`, e.g. `--set goals=profile,speed-up`",
            )
        })?;
        answers.set(&id, v);
        given = true;
    }
    warn_unasked(cur, &answers, file.as_ref(), plan_answers.as_ref());
    Ok((answers, given))
}

/// Warns about answers to questions that the other answers leave unasked (their `when` does
/// not hold): they are kept but not used. Names the line of the answers file that gives them.
fn warn_unasked(
    cur: &Curriculum,
    answers: &Answers,
    file: Option<&(String, Vec<u8>)>,
    plan_answers: Option<&pathwise_core::yaml::Node>,
) {
    let unasked = answers::unasked_answers(cur, answers);
    if unasked.is_empty() {
        return;
    }
    // Where each question is answered in the file, if it is.
    let root = plan_answers.cloned().or_else(|| {
        file.and_then(|(_, b)| {
            pathwise_core::yaml::parse(std::str::from_utf8(b).ok()?)
                .ok()
                .flatten()
        })
    });
    for (id, why) in unasked {
        let at = match (file, &root) {
            (Some((name, _)), Some(root)) => match key_pos(root, &id) {
                Some(p) => format!(
                    "{}:{}:{}: ",
                    pathwise_core::sanitize::terminal(name),
                    p.line,
                    p.col
                ),
                None => "`--set`: ".to_string(),
            },
            _ => "`--set`: ".to_string(),
        };
        eprintln!(
            "{}: {at}{}",
            console::style("warning").for_stderr().yellow().bold(),
            pathwise_core::sanitize::terminal(&why)
        );
    }
}

fn key_pos(root: &pathwise_core::yaml::Node, id: &str) -> Option<pathwise_core::yaml::Pos> {
    match &root.value {
        pathwise_core::yaml::Value::Map(entries) => entries
            .iter()
            .find(|(k, _)| matches!(&k.value, pathwise_core::yaml::Value::Str(s) if s == id))
            .map(|(k, _)| k.pos),
        _ => None,
    }
}

fn interactive() -> bool {
    std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
}

fn no_terminal_error(detail: Option<String>) -> Error {
    Error::usage(
        detail
            .unwrap_or_else(|| "no terminal to ask the questions on, and no answers given".into()),
        "give the answers with `--answers FILE` (a YAML file of `question: answer` lines) or \
         `--set QUESTION=VALUE`, e.g. `pathwise plan --set python=experienced --set goals=profile`",
    )
}

/// Gathers answers: from `--answers` and `--set` when either is given (the rest take their
/// defaults, so scripts never block on a question), otherwise by asking on the terminal.
fn gather(cur: &Curriculum, a: &AnswerArgs, allow_prompt: bool) -> Result<(Answers, bool)> {
    let (mut answers, given) = preset_answers(cur, a)?;
    if !given && allow_prompt && interactive() {
        terminal::install_interrupt_handler();
        let mut p = TerminalPrompter::new()?;
        let answers = questionnaire::run(&mut p, cur, &answers)?;
        return Ok((answers, true));
    }
    if !given && allow_prompt {
        return Err(no_terminal_error(None));
    }
    answers::complete(cur, &mut answers).map_err(|m| no_terminal_error(Some(m)))?;
    Ok((answers, false))
}

/// Parses `--set id=value`.
fn parse_set(cur: &Curriculum, spec: &str) -> Result<(String, AnswerValue), String> {
    let Some((id, raw)) = spec.split_once('=') else {
        return Err(format!(
            "`--set {spec}` is not of the form `question=value`, e.g. `--set hours_per_week=3`"
        ));
    };
    let id = id.trim();
    let q = answers::find_question(cur, id)?;
    let raw = raw.trim();
    let v = match q.kind {
        QuestionKind::Confirm => match raw.to_lowercase().as_str() {
            "true" | "yes" | "y" => AnswerValue::Bool(true),
            "false" | "no" | "n" => AnswerValue::Bool(false),
            _ => return Err(format!("`--set {id}=…` takes `yes` or `no`, not `{raw}`")),
        },
        QuestionKind::Number => match raw.parse::<f64>() {
            Ok(n) => AnswerValue::Number(n),
            Err(_) => return Err(format!("`--set {id}=…` takes a number, not `{raw}`")),
        },
        QuestionKind::Text | QuestionKind::Select => AnswerValue::Text(raw.to_string()),
        QuestionKind::Multiselect => AnswerValue::Choices(
            raw.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        ),
    };
    answers::check_value(q, &v).map_err(|why| format!("`--set {id}=…`: {why}"))?;
    Ok((id.to_string(), v))
}
