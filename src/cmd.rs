//! One function per subcommand, and the glue around them: loading the curriculum, gathering
//! answers, reporting errors.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::Path;

use console::style;

use crate::answers::{self, Answers, Profile};
use crate::cli::*;
use crate::config;
use crate::curriculum::{self, Curriculum, LoadOptions, read::list};
use crate::diag::{Sources, did_you_mean};
use crate::error::{Error, Result};
use crate::links;
use crate::output;
use crate::plan;
use crate::questionnaire::{self, TerminalPrompter};
use crate::render;
use crate::share::{self, markdown, read, team};

pub fn run(cli: Cli) -> Result<()> {
    let command = cli.command.unwrap_or(Command::Plan(PlanArgs::default()));
    let format_flag = match &command {
        Command::Plan(a) => a.format,
        _ => None,
    };
    if let Some(c) = cli.global.color {
        set_colors(c);
    }
    let eff = config::resolve(&cli.global, format_flag)?;
    set_colors(eff.color.0);
    let g = &Ctx {
        global: cli.global.clone(),
        eff,
    };
    let result = dispatch(g, command);
    finish_cache_write();
    result
}

fn dispatch(g: &Ctx, command: Command) -> Result<()> {
    match command {
        Command::Plan(a) => plan_cmd(g, &a),
        Command::Check(a) => check(g, &a),
        Command::Init { dir } => init(&dir),
        Command::Config => output::stdout(&config::show(&g.eff)),
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(
                shell,
                &mut <Cli as clap::CommandFactory>::command(),
                "pathwise",
                &mut buf,
            );
            output::stdout(&String::from_utf8_lossy(&buf))
        }
        Command::Man => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut buf)
                .map_err(|e| Error::Io(format!("cannot render the manual: {e}")))?;
            output::stdout(&String::from_utf8_lossy(&buf))
        }
        Command::Topics(a) => topics(g, &a),
        Command::Resources(a) => resources(g, &a),
        Command::Show { id } => show(g, &id),
        Command::Graph(a) => graph(g, &a),
        Command::Why(a) => why(g, &a),
        Command::Progress(a) => progress(g, &a),
        Command::Refresh(a) => refresh(g, &a),
        Command::Diff(a) => diff(&a),
        Command::Team(a) => team(g, &a),
    }
}

/// What every command gets: the flags, and the settings with the configuration applied.
pub struct Ctx {
    pub global: Global,
    pub eff: config::Effective,
}

fn set_colors(choice: ColorChoice) {
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

/// Prints an error the way users of terminal tools expect, and returns the exit code.
pub fn report(e: &Error) -> i32 {
    let err = style("error").for_stderr().red().bold();
    match e {
        Error::Data(d) => eprint!("{}", d.render()),
        Error::Usage { message, help } => {
            eprintln!("{err}: {}", crate::sanitize::terminal(message));
            if let Some(h) = help {
                eprintln!(
                    "  {}: {}",
                    style("help").for_stderr().bold(),
                    crate::sanitize::terminal(h)
                );
            }
        }
        Error::Io(m) => eprintln!("{err}: {}", crate::sanitize::terminal(m)),
        Error::Interrupted => {
            let _ = console::Term::stderr().show_cursor();
            eprintln!("\ncancelled; nothing was written");
        }
    }
    e.exit_code()
}

/// On Ctrl-C during the questions: show the cursor again (prompts hide it), say that nothing
/// was written, and exit 130.
fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        let _ = console::Term::stderr().show_cursor();
        eprintln!("\ncancelled; nothing was written");
        std::process::exit(130);
    });
}

/// A panic prints a short bug report instead of a backtrace.
pub fn install_panic_hook() {
    if std::env::var_os("RUST_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|info| {
            let _ = console::Term::stderr().show_cursor();
            let place = info
                .location()
                .map(|l| format!(" at {}:{}", l.file(), l.line()))
                .unwrap_or_default();
            let msg = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
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

pub fn load_options(g: &Ctx) -> LoadOptions {
    LoadOptions {
        builtin: !g.global.no_builtin,
        dirs: g.eff.paths.0.clone(),
        cache: true,
    }
}

/// Loads the curriculum for the rest of the process. It is leaked on purpose: a command runs
/// once and exits, and freeing a large curriculum item by item would only cost time.
pub fn load(g: &Ctx) -> Result<&'static Curriculum> {
    let cur: &'static Curriculum = Box::leak(Box::new(curriculum::load(&load_options(g))?));
    // Save it for the next run on the other core while this one does the work; `run` waits.
    if cur.wants_caching() {
        let writer = std::thread::spawn(move || cur.store_in_cache());
        if let Ok(mut w) = CACHE_WRITER.lock() {
            *w = Some(writer);
        }
    }
    Ok(cur)
}

static CACHE_WRITER: std::sync::Mutex<Option<std::thread::JoinHandle<()>>> =
    std::sync::Mutex::new(None);

/// Waits for the cache to be written, so that the process never exits half way through.
fn finish_cache_write() {
    let handle = CACHE_WRITER.lock().ok().and_then(|mut w| w.take());
    if let Some(h) = handle {
        let _ = h.join();
    }
}

fn check(g: &Ctx, a: &CheckArgs) -> Result<()> {
    let cur = load(g)?;
    if a.links {
        return links::check_command(cur, a);
    }
    let guide = cur
        .resources
        .iter()
        .filter(|r| r.from_guide().is_some())
        .count();
    output::stdout(&format!(
        "ok: {} areas, {} topics, {} resources ({} from the guide), {} questions in {} files\n",
        cur.areas.len(),
        cur.topics.len(),
        cur.resources.len(),
        guide,
        cur.questions.len(),
        cur.files.len()
    ))
}

fn json_out(v: &serde_json::Value) -> Result<()> {
    output::stdout_json(v)
}

fn topics(g: &Ctx, a: &TopicsArgs) -> Result<()> {
    let cur = load(g)?;
    let mut ids: Vec<usize> = (0..cur.topics.len()).collect();
    if let Some(area) = &a.area {
        if cur.area(area).is_none() {
            let names: Vec<&str> = cur.areas.iter().map(|a| a.id.as_str()).collect();
            return Err(Error::usage(
                format!("unknown area `{area}`"),
                match did_you_mean(area, names.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the areas are {}", list(&names)),
                },
            ));
        }
        ids.retain(|&i| cur.topics[i].area.id == area);
    }
    // Area order, then curriculum order.
    ids.sort_by_key(|&i| (cur.area(&cur.topics[i].area.id), i));
    match a.format {
        ListFormat::Json => json_out(&render::topics_json(cur, &ids)),
        ListFormat::Text => output::stdout(&render::topics_text(cur, &ids)),
    }
}

fn resources(g: &Ctx, a: &FormatArgs) -> Result<()> {
    let cur = load(g)?;
    match a.format {
        ListFormat::Json => json_out(&render::resources_json(cur)),
        ListFormat::Text => output::stdout(&render::resources_text(cur)),
    }
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

fn show(g: &Ctx, id: &str) -> Result<()> {
    let cur = load(g)?;
    if let Some(t) = cur.topic(id) {
        output::stdout(&render::topic_detail(cur, t))
    } else if let Some(r) = cur.resource(id) {
        output::stdout(&render::resource_detail(cur, r))
    } else {
        Err(unknown_id(cur, id, "topic or resource", false))
    }
}

fn graph(g: &Ctx, a: &GraphArgs) -> Result<()> {
    let cur = load(g)?;
    let set: BTreeSet<usize> = match &a.topic {
        None => (0..cur.topics.len()).collect(),
        Some(id) => {
            let t = cur
                .topic(id)
                .ok_or_else(|| unknown_id(cur, id, "topic", true))?;
            let mut s = cur.graph.ancestors(t);
            s.insert(t);
            // And everything that needs it.
            let mut stack = vec![t];
            while let Some(x) = stack.pop() {
                for &d in cur.graph.required_by(x) {
                    if s.insert(d) {
                        stack.push(d);
                    }
                }
            }
            s
        }
    };
    let order = cur.graph.order(&set);
    output::stdout(&match a.format {
        GraphFormat::Mermaid => render::mermaid(cur, &order),
        GraphFormat::Dot => render::dot(cur, &order),
    })
}

fn read_input(path: &Path, what: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(|e| {
        Error::usage(
            format!(
                "cannot read the {what} {}: {}",
                path.display(),
                curriculum::io_reason(&e)
            ),
            "check the file name",
        )
    })?;
    let mut bytes = Vec::new();
    f.take(crate::yaml::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Error::Io(format!(
                "cannot read {}: {}",
                path.display(),
                curriculum::io_reason(&e)
            ))
        })?;
    if bytes.len() > crate::yaml::MAX_FILE_BYTES {
        return Err(Error::usage(
            format!("{} is too large to be a {what}", path.display()),
            "check the file name",
        ));
    }
    Ok(bytes)
}

/// Answers from `--answers` and `--set`, and whether any were given.
fn preset_answers(cur: &Curriculum, a: &AnswerArgs) -> Result<(Answers, bool)> {
    let mut answers = Answers::default();
    let mut given = false;
    if let Some(path) = &a.answers {
        let bytes = read_input(path, "answers file")?;
        let name = path.display().to_string();
        answers = answers::parse_file(cur, &name, &bytes).map_err(|diags| {
            let mut sources = Sources::default();
            sources.insert(&name, &String::from_utf8_lossy(&bytes));
            Error::data(diags, sources)
        })?;
        given = true;
    }
    for spec in &a.set {
        let (id, v) = answers::parse_set(cur, spec).map_err(|m| {
            Error::usage(
                m,
                "`--set QUESTION=VALUE`, e.g. `--set goals=profile,speed-up`",
            )
        })?;
        answers.set(&id, v);
        given = true;
    }
    Ok((answers, given))
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
        install_interrupt_handler();
        let mut p = TerminalPrompter::new();
        let answers = questionnaire::run(&mut p, cur, &answers)?;
        return Ok((answers, true));
    }
    if !given && allow_prompt {
        return Err(no_terminal_error(None));
    }
    answers::complete(cur, &mut answers).map_err(|m| no_terminal_error(Some(m)))?;
    Ok((answers, false))
}

fn plan_cmd(g: &Ctx, a: &PlanArgs) -> Result<()> {
    let cur = load(g)?;
    if let Some(p) = &a.save_answers {
        output::check_writable(p, a.force)?;
    }
    if let Some(p) = &a.output {
        output::check_writable(p, a.force)?;
    }
    let date = share::date::stamp(a.date.as_deref())?;
    let (mut answers, asked) = gather(cur, &a.answers, true)?;
    // A default name from the configuration, kept in the answers so that refresh keeps it.
    if let (Some(name), Some(q)) = (
        &g.eff.name.0,
        cur.questions
            .iter()
            .find(|q| q.setting == Some(crate::curriculum::Setting::Name)),
    ) && answers.get(&q.id).is_none()
    {
        answers.set(&q.id, crate::curriculum::AnswerValue::Text(name.clone()));
        answers.sort_by(cur);
    }
    if let Some(p) = &a.save_answers {
        let mut text =
            String::from("# pathwise answers: `pathwise plan --answers FILE` reads them back\n");
        text.push_str(&answers.to_yaml());
        output::write_file(p, &text, a.force)?;
        if asked || p.as_os_str() != "-" {
            eprintln!("saved your answers to {}", p.display());
        }
    }
    let profile = Profile::from_answers(cur, &answers);
    let plan = plan::make(cur, &answers, &profile);
    // Without a format from a flag, the environment or the configuration, a file gets markdown.
    let format = match (&g.eff.format.1, &a.output) {
        (config::Source::Default, Some(_)) => PlanFormat::Markdown,
        _ => g.eff.format.0,
    };
    let text = match format {
        PlanFormat::Text => render::plan_text(cur, &plan),
        PlanFormat::Json => {
            let json = render::PlanJson { cur, plan: &plan };
            let res = match &a.output {
                None => output::stdout_json(&json),
                Some(p) => {
                    let mut text = serde_json::to_string_pretty(&json).expect("plans serialise");
                    text.push('\n');
                    output::write_file(p, &text, a.force)
                }
            };
            std::mem::forget(plan);
            return res;
        }
        PlanFormat::Markdown => markdown::render(
            cur,
            &plan,
            &markdown::Meta {
                created: &date,
                refreshed: None,
            },
            None,
        ),
    };
    match &a.output {
        None => output::stdout(&text),
        Some(p) => {
            output::write_file(p, &text, a.force)?;
            if p.as_os_str() != "-" {
                eprintln!(
                    "wrote your plan to {}; tick items off there, then run `pathwise progress {}`",
                    p.display(),
                    p.display()
                );
            }
            Ok(())
        }
    }
}

/// Scaffolds a team curriculum folder that extends the built-in guide.
fn init(dir: &Path) -> Result<()> {
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(Error::usage(
                format!("{} already exists and is not empty", dir.display()),
                "choose a new folder name; pathwise init never overwrites files",
            ));
        }
    } else if dir.exists() {
        return Err(Error::usage(
            format!("{} exists and is not a folder", dir.display()),
            "choose a new folder name",
        ));
    }
    let fail = |e: std::io::Error| {
        Error::Io(format!(
            "cannot create {}: {}",
            dir.display(),
            curriculum::io_reason(&e)
        ))
    };
    std::fs::create_dir_all(dir).map_err(fail)?;
    for (name, text) in crate::scaffold::FILES {
        output::write_file(&dir.join(name), text, false)?;
    }
    eprintln!(
        "created {} with a topic, a resource and a question that extend the built-in guide\n\
         next: edit the files, then run `pathwise check --paths {}` and `pathwise plan --paths {}`",
        dir.display(),
        dir.display(),
        dir.display()
    );
    Ok(())
}

fn read_plan(path: &Path) -> Result<read::PlanFile> {
    let bytes = read_input(path, "plan file")?;
    read::read(&path.display().to_string(), &bytes)
}

fn progress(g: &Ctx, a: &ProgressArgs) -> Result<()> {
    let plan = read_plan(&a.plan)?;
    let cur = load(g)?;
    let p = team::progress(cur, &plan);
    match a.format {
        ListFormat::Json => json_out(&team::progress_json(&plan, &p)),
        ListFormat::Text => output::stdout(&team::progress_text(&plan, &p)),
    }
}

fn refresh(g: &Ctx, a: &RefreshArgs) -> Result<()> {
    let old = read_plan(&a.plan)?;
    let cur = load(g)?;
    let date = share::date::stamp(a.date.as_deref())?;
    let Some(node) = &old.answers else {
        return Err(Error::usage(
            format!("{} has no `answers:` in its front matter", a.plan.display()),
            "make the plan again with `pathwise plan --answers FILE -o PLAN`",
        ));
    };
    let mut answers =
        answers::from_node(cur, &old.name, node).map_err(|d| Error::data(d, old.sources()))?;
    answers::complete(cur, &mut answers)
        .map_err(|m| Error::usage(m, "add the answer to the plan's front matter"))?;
    let profile = Profile::from_answers(cur, &answers);
    let plan = plan::make(cur, &answers, &profile);
    let states = old.states();
    let carry = markdown::Carry {
        states: states.clone(),
        notes: old.notes.clone(),
    };
    let created = if old.created.is_empty() {
        date.clone()
    } else {
        old.created.clone()
    };
    let text = markdown::render(
        cur,
        &plan,
        &markdown::Meta {
            created: &created,
            refreshed: Some(&date),
        },
        Some(&carry),
    );
    // Report what changed.
    let new_ids: BTreeSet<String> = plan
        .topics
        .iter()
        .flat_map(|t| {
            t.resources
                .iter()
                .map(|r| cur.resources[r.resource].id.to_string())
        })
        .collect();
    let old_ids: BTreeSet<String> = old.items.iter().filter_map(|i| i.id.clone()).collect();
    let added: Vec<&String> = new_ids.difference(&old_ids).collect();
    let removed: Vec<&String> = old_ids.difference(&new_ids).collect();
    let mut report = String::new();
    for id in &added {
        report.push_str(&format!("added   {}\n", crate::sanitize::terminal(id)));
    }
    for id in &removed {
        let was = states
            .get(*id)
            .map_or("", |s| if s.done { " (you had done it)" } else { "" });
        report.push_str(&format!("removed {}{was}\n", crate::sanitize::terminal(id)));
    }
    let kept = new_ids
        .iter()
        .filter(|i| states.get(*i).is_some_and(|s| s.done))
        .count();
    report.push_str(&format!(
        "{} added, {} removed, {} ticks kept{}\n",
        added.len(),
        removed.len(),
        kept,
        match old.notes.len() {
            0 => String::new(),
            1 => ", 1 note of yours kept".to_string(),
            n => format!(", {n} notes of yours kept"),
        }
    ));
    if a.dry_run {
        eprint!("{report}");
        eprintln!("dry run: nothing was written");
        return Ok(());
    }
    match &a.output {
        Some(p) => output::write_file(p, &text, a.force)?,
        // In place: atomically replaced, so a failure leaves the old plan as it was.
        None => output::write_file(&a.plan, &text, true)?,
    }
    eprint!("{report}");
    Ok(())
}

fn diff(a: &DiffArgs) -> Result<()> {
    let x = read_plan(&a.a)?;
    let y = read_plan(&a.b)?;
    let d = team::diff(&x, &y);
    match a.format {
        ListFormat::Json => json_out(&d),
        ListFormat::Text => output::stdout(&team::diff_text(&d)),
    }
}

fn team(g: &Ctx, a: &TeamArgs) -> Result<()> {
    if let Some(p) = &a.output {
        output::check_writable(p, a.force)?;
        if a.plans.iter().any(|q| q == p) {
            return Err(Error::usage(
                format!("{} is one of the plans being combined", p.display()),
                "write the team plan to a file of its own",
            ));
        }
    }
    let plans: Vec<read::PlanFile> = a
        .plans
        .iter()
        .map(|p| read_plan(p))
        .collect::<Result<_>>()?;
    let cur = load(g)?;
    let members: Vec<team::Member> = plans.iter().map(|p| team::member(cur, p)).collect();
    let (text, warnings) = team::team_markdown(cur, &members);
    for w in &warnings {
        eprintln!(
            "{}: {}",
            style("warning").for_stderr().yellow().bold(),
            crate::sanitize::terminal(w)
        );
    }
    match &a.output {
        None => output::stdout(&text),
        Some(p) => output::write_file(p, &text, a.force),
    }
}

fn why(g: &Ctx, a: &WhyArgs) -> Result<()> {
    let cur = load(g)?;
    let t = cur
        .topic(&a.topic)
        .ok_or_else(|| unknown_id(cur, &a.topic, "topic", true))?;
    let (answers, _) = if a.answers.answers.is_some() || !a.answers.set.is_empty() {
        gather(cur, &a.answers, false)?
    } else {
        (Answers::default(), false)
    };
    let profile = Profile::from_answers(cur, &answers);
    let title = crate::sanitize::terminal(&cur.topics[t].title).into_owned();
    let mut out = String::new();
    if profile.known.contains(&t) {
        out.push_str(&format!(
            "You already know {title} ({}), going by your answers.\n",
            a.topic
        ));
        return output::stdout(&out);
    }
    let path = cur
        .graph
        .order(&cur.graph.needed(&BTreeSet::from([t]), &profile.known));
    let chain: Vec<&str> = path.iter().map(|&i| cur.topics[i].id.as_str()).collect();
    let plan = plan::make(cur, &answers, &profile);
    match plan.topics.iter().find(|pt| pt.topic == t) {
        Some(pt) => out.push_str(&format!(
            "{title} ({}) is in your plan, week {}: {}.\n",
            a.topic,
            pt.week,
            render::why_text(cur, pt)
        )),
        None if answers.values.is_empty() => {}
        None => out.push_str(&format!(
            "{title} ({}) is not in your plan: none of your goals needs it.\n",
            a.topic
        )),
    }
    let before = cur.graph.ancestors(t);
    let known: Vec<&str> = profile
        .known
        .iter()
        .filter(|k| before.contains(k))
        .map(|&k| cur.topics[k].id.as_str())
        .collect();
    if known.is_empty() {
        out.push_str(&format!("To learn it, in order: {}\n", chain.join(" → ")));
    } else {
        out.push_str(&format!(
            "Starting from what you know ({}), learn in order: {}\n",
            known.join(", "),
            chain.join(" → ")
        ));
    }
    output::stdout(&out)
}
