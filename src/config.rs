//! The configuration file and where each effective setting comes from. Flags beat environment
//! variables, which beat the configuration file, which beats the defaults.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::cli::{ColorChoice, Global, PlanFormat};
use crate::error::{Error, Result};
use pathwise_core::curriculum::read::{FileCtx, MapReader};
use pathwise_core::diag::{Diagnostic, Sources};
use pathwise_core::yaml::{self, Value};

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
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
pub struct FileConfig {
    pub path: Option<PathBuf>,
    pub found: bool,
    pub paths: Vec<PathBuf>,
    pub name: Option<String>,
    pub format: Option<PlanFormat>,
    pub color: Option<ColorChoice>,
}

/// An XDG base folder: `$VAR` when it is an absolute path, else `$HOME/fallback`.
pub fn xdg_dir(var: &str, fallback: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(fallback))
        })
}

/// The folder of the curriculum cache: `PATHWISE_CACHE_DIR`, else the XDG cache folder; `None`
/// when `PATHWISE_NO_CACHE` is set (to anything but `0`) or no folder can be found.
pub fn cache_dir() -> Option<PathBuf> {
    if std::env::var_os("PATHWISE_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
        return None;
    }
    if let Some(d) = std::env::var_os("PATHWISE_CACHE_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    Some(xdg_dir("XDG_CACHE_HOME", ".cache")?.join("pathwise"))
}

/// The configuration file's location: `PATHWISE_CONFIG`, else the XDG config folder.
pub fn config_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("PATHWISE_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    Some(
        xdg_dir("XDG_CONFIG_HOME", ".config")?
            .join("pathwise")
            .join("config.yaml"),
    )
}

const KEYS: &[&str] = &["paths", "name", "format", "color"];

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

/// Reads the configuration file. A missing file is no error; a broken one is, with its line.
pub fn load_file() -> Result<FileConfig> {
    let Some(path) = config_path() else {
        return Ok(FileConfig::default());
    };
    let mut cfg = FileConfig {
        path: Some(path.clone()),
        ..Default::default()
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(cfg),
        Err(e) => {
            return Err(Error::io(
                format_args!("cannot read the configuration file {}", path.display()),
                e,
            ));
        }
    };
    cfg.found = true;
    let name = path.display().to_string();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let fail = |diags: Vec<Diagnostic>| {
        let mut s = Sources::default();
        s.insert(&name, &text);
        Error::Data(pathwise_core::LoadError::new(diags, s))
    };
    let root = match yaml::parse(&text) {
        Ok(Some(r)) => r,
        Ok(None) => return Ok(cfg),
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
    let mut ctx = FileCtx {
        name: &name,
        file: 0,
        diags: Vec::new(),
    };
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
                                    i.pos,
                                    format!("`paths` lists folders, found {}", i.kind_name()),
                                );
                            }
                        }
                    }
                }
                Value::Str(s) => cfg.paths.push(expand(base, s)),
                _ => {
                    ctx.error(
                        n.pos,
                        format!("`paths` must be a list of folders, found {}", n.kind_name()),
                    )
                    .help("write it as `paths: [team-curriculum]`");
                }
            }
        }
        cfg.name = m.opt_text(&mut ctx, "name");
        cfg.format = m.opt_choice(
            &mut ctx,
            "format",
            parse_format,
            &["text", "json", "markdown"],
        );
        cfg.color = m.opt_choice(&mut ctx, "color", parse_color, &["auto", "always", "never"]);
        m.finish(&mut ctx, KEYS);
    }
    if ctx.diags.is_empty() {
        Ok(cfg)
    } else {
        Err(fail(ctx.diags))
    }
}

/// The settings in force, each with where it came from.
#[derive(Debug, Clone)]
pub struct Effective {
    pub file: FileConfig,
    pub paths: (Vec<PathBuf>, Source),
    pub name: (Option<String>, Source),
    pub format: (PlanFormat, Source),
    pub color: (ColorChoice, Source),
}

fn env_nonempty(k: &str) -> Option<String> {
    std::env::var(k).ok().filter(|v| !v.is_empty())
}

pub fn resolve(g: &Global, format_flag: Option<PlanFormat>) -> Result<Effective> {
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

pub fn show(e: &Effective) -> String {
    use pathwise_core::sanitize::terminal as safe;
    let mut out = String::new();
    match &e.file.path {
        Some(p) => out.push_str(&format!(
            "config file: {}{}\n",
            safe(&p.display().to_string()),
            if e.file.found {
                ""
            } else {
                " (not found; defaults apply)"
            }
        )),
        None => out.push_str("config file: none (no HOME, XDG_CONFIG_HOME or PATHWISE_CONFIG)\n"),
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
    out.push_str(&format!("paths:  {paths}  (from {})\n", e.paths.1));
    out.push_str(&format!(
        "name:   {}  (from {})\n",
        e.name
            .0
            .as_deref()
            .map_or("none".into(), |n| safe(n).into_owned()),
        e.name.1
    ));
    out.push_str(&format!(
        "format: {}  (from {})\n",
        fmt_name(e.format.0),
        e.format.1
    ));
    out.push_str(&format!(
        "color:  {}  (from {})\n",
        col(e.color.0),
        e.color.1
    ));
    out
}
