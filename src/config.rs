//! The configuration file and where each effective setting comes from. Flags beat environment
//! variables, which beat the configuration file, which beats the defaults.

use std::fmt;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;

use crate::cli::{ColorChoice, Global, PlanFormat};
use crate::error::{Error, Result};
use pathwise_core::curriculum::read::{FileCtx, MapReader};
use pathwise_core::diag::{Diagnostic, Sources};
use pathwise_core::sanitize::text_problem;
use pathwise_core::yaml::{self, SpannedValue as Value};

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Source {
    Flag(&'static str),
    Env(&'static str),
    Config(PathBuf),
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(s) => write!(f, "the {s} flag"),
            Source::Env(s) => write!(f, "the {s} variable"),
            Source::Config(p) => write!(f, "{}", p.display()),
            Source::Default => f.write_str("default"),
        }
    }
}

/// What the configuration file says.
#[derive(Debug, Clone, Default)]
pub(crate) struct FileConfig {
    pub path: Option<PathBuf>,
    pub found: bool,
    /// Why no file can be at `path`, when that is not simply that it does not exist.
    pub absent_because: Option<String>,
    pub paths: Vec<PathBuf>,
    pub name: Option<String>,
    pub format: Option<PlanFormat>,
    pub color: Option<ColorChoice>,
}

/// The user's folders for configuration and caches: XDG on Linux and other Unix systems
/// (`XDG_CONFIG_HOME`, `XDG_CACHE_HOME`, else `~/.config` and `~/.cache`), Library on macOS,
/// `AppData` on Windows. `None` without a home folder; a folder that is not an absolute path
/// (a relative `HOME`) is never used, so that nothing lands in the current folder.
fn base_dir(pick: fn(&dyn BaseStrategy) -> PathBuf) -> Option<PathBuf> {
    let strategy = etcetera::base_strategy::choose_native_strategy().ok()?;
    Some(pick(&strategy)).filter(|d| d.is_absolute())
}

/// The folder of the curriculum cache: `PATHWISE_CACHE_DIR`, else `pathwise` in the user's
/// cache folder; `None` when `PATHWISE_NO_CACHE` is set (to anything but `0`) or no folder can
/// be found.
pub(crate) fn cache_dir() -> Option<PathBuf> {
    if std::env::var_os("PATHWISE_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
        return None;
    }
    if let Some(d) = std::env::var_os("PATHWISE_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    Some(base_dir(|s| s.cache_dir())?.join("pathwise"))
}

/// The configuration file's location: `PATHWISE_CONFIG`, else `pathwise/config.yaml` in the
/// user's configuration folder.
pub(crate) fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PATHWISE_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    Some(
        base_dir(|s| s.config_dir())?
            .join("pathwise")
            .join("config.yaml"),
    )
}

/// The largest configuration file read: a few settings take a few hundred bytes.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

fn parse_format(s: &str) -> Option<PlanFormat> {
    match s {
        "text" => Some(PlanFormat::Text),
        "json" => Some(PlanFormat::Json),
        "markdown" => Some(PlanFormat::Markdown),
        _ => None,
    }
}

fn parse_color(s: &str) -> Option<ColorChoice> {
    match s {
        "auto" => Some(ColorChoice::Auto),
        "always" => Some(ColorChoice::Always),
        "never" => Some(ColorChoice::Never),
        _ => None,
    }
}

/// A folder named in the file: `~/` is the home folder; relative paths start at the file's folder.
fn expand(base: &Path, s: &str) -> PathBuf {
    match (s.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => base.join(s),
    }
}

/// The configuration file's bytes, or `None` when there is no file (`cfg` then says why, if it
/// is not simply missing). Only a regular file of reasonable size is read: a folder, a device
/// such as `/dev/zero` or a named pipe is refused with a message instead of failing oddly,
/// reading forever or waiting forever.
fn read_config(path: &Path, cfg: &mut FileConfig) -> Result<Option<Vec<u8>>> {
    use std::io::{ErrorKind, Read};
    let shown = path.display();
    let fix = if std::env::var_os("PATHWISE_CONFIG").is_some_and(|p| !p.is_empty()) {
        "set PATHWISE_CONFIG to a YAML file, or unset it"
    } else {
        "remove or rename it, or set PATHWISE_CONFIG to a YAML file"
    };
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(None),
        // A folder on the way is a file: no configuration file can be there.
        Err(e) if e.kind() == ErrorKind::NotADirectory => {
            cfg.absent_because = Some("a folder on its path is a file".into());
            return Ok(None);
        }
        Err(e) => {
            return Err(Error::io(
                format_args!("cannot read the configuration file {shown}"),
                e,
            ));
        }
    };
    if meta.is_dir() {
        return Err(Error::usage(
            format!("the configuration file {shown} is a folder, not a file"),
            fix,
        ));
    }
    if !meta.is_file() {
        return Err(Error::usage(
            format!("the configuration file {shown} is not a regular file"),
            fix,
        ));
    }
    let too_large = || {
        Error::usage(
            format!(
                "the configuration file {shown} is larger than {} KiB, too large to be one",
                MAX_CONFIG_BYTES / 1024
            ),
            fix,
        )
    };
    if meta.len() > MAX_CONFIG_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_CONFIG_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| {
            Error::io(
                format_args!("cannot read the configuration file {shown}"),
                e,
            )
        })?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(too_large());
    }
    Ok(Some(bytes))
}

/// Reads the configuration file. A missing file is no error; a broken one is, with its line.
pub(crate) fn load_file() -> Result<FileConfig> {
    let Some(path) = config_path() else {
        return Ok(FileConfig::default());
    };
    let mut cfg = FileConfig {
        path: Some(path.clone()),
        ..Default::default()
    };
    let Some(bytes) = read_config(&path, &mut cfg)? else {
        return Ok(cfg);
    };
    cfg.found = true;
    let name = path.display().to_string();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let fail = |diags: Vec<Diagnostic>| {
        let mut s = Sources::default();
        s.insert(&name, &text);
        Error::Data(pathwise_core::LoadError::new(diags, s))
    };
    let body = yaml::without_bom(&text);
    let root = match yaml::parse_spanned(body) {
        Ok(Some(r)) if r.value != Value::Null => r,
        Ok(_) => return Ok(cfg),
        Err(e) => {
            let mut d = Diagnostic::new(
                &name,
                e.pos,
                format!("the configuration file is not valid YAML: {}", e.message),
            );
            d.help(
                "fix it, or remove it to use the defaults; `pathwise config` shows the settings",
            );
            return Err(fail(vec![d]));
        }
    };
    let mut ctx = FileCtx::new(&name, 0, body);
    if let Some(mut m) = MapReader::new(&mut ctx, &root, "configuration") {
        let base = path.parent().unwrap_or(Path::new("."));
        if let Some(n) = m.get("paths") {
            match &n.value {
                Value::Seq(items) => {
                    for i in items {
                        match &i.value {
                            Value::Str(s) => cfg.paths.push(expand(base, s)),
                            _ => {
                                ctx.error(
                                    i.span,
                                    format!(
                                        "`paths` lists folders, found {}",
                                        yaml::kind_name(&i.value)
                                    ),
                                );
                            }
                        }
                    }
                }
                Value::Str(s) => cfg.paths.push(expand(base, s)),
                _ => {
                    ctx.error(
                        n.span,
                        format!(
                            "`paths` must be a list of folders, found {}",
                            yaml::kind_name(&n.value)
                        ),
                    )
                    .help("write it as `paths: [team-curriculum]`");
                }
            }
        }
        cfg.name = m.opt_text(&mut ctx, "name", false);
        if let Some(why) = cfg.name.as_deref().and_then(text_problem)
            && let Some(n) = m.get("name")
        {
            ctx.error(n.span, format!("the name cannot go on a plan: {why}"))
                .help("write a plain name of at most 200 bytes");
            cfg.name = None;
        }
        cfg.format = m.opt_choice(
            &mut ctx,
            "format",
            parse_format,
            &["text", "json", "markdown"],
        );
        cfg.color = m.opt_choice(&mut ctx, "color", parse_color, &["auto", "always", "never"]);
        m.finish(&mut ctx);
    }
    if ctx.diags.is_empty() {
        Ok(cfg)
    } else {
        Err(fail(ctx.diags))
    }
}

/// The settings in force, each with where it came from.
#[derive(Debug, Clone)]
pub(crate) struct Effective {
    pub file: FileConfig,
    pub paths: (Vec<PathBuf>, Source),
    pub name: (Option<String>, Source),
    pub format: (PlanFormat, Source),
    pub color: (ColorChoice, Source),
}

fn env_nonempty(k: &str) -> Option<String> {
    std::env::var(k).ok().filter(|v| !v.is_empty())
}

pub(crate) fn resolve(g: &Global, format_flag: Option<PlanFormat>) -> Result<Effective> {
    let file = load_file()?;
    let cfg_src = || Source::Config(file.path.clone().unwrap_or_default());
    let paths = if !g.paths.is_empty() {
        (g.paths.clone(), Source::Flag("--paths"))
    } else if let Some(v) = std::env::var_os("PATHWISE_PATHS").filter(|v| !v.is_empty()) {
        (
            std::env::split_paths(&v)
                .filter(|p| !p.as_os_str().is_empty())
                .collect(),
            Source::Env("PATHWISE_PATHS"),
        )
    } else if !file.paths.is_empty() {
        (file.paths.clone(), cfg_src())
    } else {
        (Vec::new(), Source::Default)
    };
    let name = if let Some(n) = env_nonempty("PATHWISE_NAME") {
        if let Some(why) = text_problem(&n) {
            return Err(Error::usage(
                format!("the name in PATHWISE_NAME cannot go on a plan: {why}"),
                "set PATHWISE_NAME to a plain name of at most 200 bytes, or unset it",
            ));
        }
        (Some(n), Source::Env("PATHWISE_NAME"))
    } else if file.name.is_some() {
        (file.name.clone(), cfg_src())
    } else {
        (None, Source::Default)
    };
    let format = if let Some(f) = format_flag {
        (f, Source::Flag("--format"))
    } else if let Some(f) = env_nonempty("PATHWISE_FORMAT").and_then(|f| parse_format(&f)) {
        (f, Source::Env("PATHWISE_FORMAT"))
    } else if let Some(f) = file.format {
        (f, cfg_src())
    } else {
        (PlanFormat::Text, Source::Default)
    };
    let color = if let Some(c) = g.color {
        (c, Source::Flag("--color"))
    } else if env_nonempty("NO_COLOR").is_some() {
        (ColorChoice::Never, Source::Env("NO_COLOR"))
    } else if env_nonempty("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
        (ColorChoice::Always, Source::Env("CLICOLOR_FORCE"))
    } else if let Some(c) = file.color {
        (c, cfg_src())
    } else {
        (ColorChoice::Auto, Source::Default)
    };
    Ok(Effective {
        file,
        paths,
        name,
        format,
        color,
    })
}

pub(crate) fn show(e: &Effective) -> String {
    use pathwise_core::sanitize::terminal as safe;
    let mut out = String::new();
    match &e.file.path {
        Some(p) => {
            let _ = writeln!(
                out,
                "config file: {}{}",
                safe(&p.display().to_string()),
                match (&e.file.absent_because, e.file.found) {
                    (_, true) => String::new(),
                    (Some(why), false) => format!(" (none: {}; defaults apply)", safe(why)),
                    (None, false) => " (not found; defaults apply)".to_string(),
                }
            );
        }
        None => out.push_str(
            "config file: none (no home folder with an absolute path, and PATHWISE_CONFIG is \
             not set)\n",
        ),
    }
    let paths = if e.paths.0.is_empty() {
        "none (the built-in guide only)".to_string()
    } else {
        e.paths
            .0
            .iter()
            .map(|p| safe(&p.display().to_string()).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let fmt_name = |f: PlanFormat| match f {
        PlanFormat::Text => "text",
        PlanFormat::Json => "json",
        PlanFormat::Markdown => "markdown",
    };
    let col = |c: ColorChoice| match c {
        ColorChoice::Auto => "auto",
        ColorChoice::Always => "always",
        ColorChoice::Never => "never",
    };
    {
        let _ = writeln!(out, "paths:  {paths}  (from {})", e.paths.1);
    };
    {
        let _ = writeln!(
            out,
            "name:   {}  (from {})",
            e.name
                .0
                .as_deref()
                .map_or("none".into(), |n| safe(n).into_owned()),
            e.name.1
        );
    };
    {
        let _ = writeln!(
            out,
            "format: {}  (from {})",
            fmt_name(e.format.0),
            e.format.1
        );
    };
    {
        let _ = writeln!(out, "color:  {}  (from {})", col(e.color.0), e.color.1);
    };
    out
}
