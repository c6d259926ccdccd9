//! `pathwise plan`: ask (or read) the answers, make the plan, print or save it.

use pathwise_core::answers::Profile;
use pathwise_core::curriculum::{AnswerValue, Setting};
use pathwise_core::json::PlanView;
use pathwise_core::plan;
use pathwise_core::planfile::markdown;

use std::path::Path;

use super::{Ctx, gather, load, recorded_paths};
use crate::cli::{PlanArgs, PlanFormat};
use crate::error::{Error, Result};
use crate::{config, output, render};

pub(super) fn run(g: &Ctx, a: &PlanArgs) -> Result<()> {
    let cur = load(g)?;
    if let Some(p) = &a.save_answers {
        output::check_writable(p, a.force)?;
    }
    if let Some(p) = &a.output {
        output::check_writable(p, a.force)?;
    }
    let date = crate::date::given(a.date.as_deref())?;
    let (mut answers, asked) = gather(cur, &a.answers, true)?;
    // A default name from the configuration, kept in the answers so that refresh keeps it.
    if let (Some(name), Some(q)) = (
        &g.eff.name.0,
        cur.questions
            .iter()
            .find(|q| q.setting == Some(Setting::Name)),
    ) && answers.get(&q.id).is_none()
    {
        answers.set(&q.id, AnswerValue::Text(name.clone()));
        answers.sort_by(cur);
    }
    if let Some(p) = &a.save_answers {
        let mut text =
            String::from("# pathwise answers: `pathwise plan --answers FILE` reads them back\n");
        text.push_str(&answers.to_yaml());
        output::write_file(p, &text, a.force)?;
        if asked || p.as_os_str() != "-" {
            info!("saved your answers to {}", p.display());
        }
    }
    let profile = Profile::from_answers(cur, &answers);
    let plan = plan::make(cur, &answers, &profile);
    let format = format(g, a.output.as_deref())?;
    let text = match format {
        PlanFormat::Text => render::text::plan_text(cur, &plan),
        PlanFormat::Json => {
            let json = PlanView::new(cur, &plan);
            match &a.output {
                None => return output::stdout_json(&json),
                Some(_) => {
                    let mut text = serde_json::to_string_pretty(&json).expect("plans serialise");
                    text.push('\n');
                    text
                }
            }
        }
        PlanFormat::Markdown => {
            let date = match date {
                Some(d) => d,
                None => crate::date::today()?,
            };
            let paths = recorded_paths(&g.eff.paths.0, a.output.as_deref());
            markdown::render(
                cur,
                &plan,
                &markdown::Meta {
                    created: &date,
                    refreshed: None,
                    paths: &paths,
                    builtin: !g.global.no_builtin,
                },
            )
        }
    };
    match &a.output {
        None => output::stdout(&text),
        Some(p) => {
            output::write_file(p, &text, a.force)?;
            if !output::is_stdout(p) {
                match format {
                    PlanFormat::Markdown => info!(
                        "wrote your plan to {}; tick items off there, then run `pathwise progress {}`",
                        p.display(),
                        p.display()
                    ),
                    PlanFormat::Json => info!("wrote your plan to {} (JSON)", p.display()),
                    PlanFormat::Text => info!("wrote your plan to {} (text)", p.display()),
                }
            }
            Ok(())
        }
    }
}

/// The format a plan is written in. A file whose name says its format (`.md`, `.json`, `.txt`)
/// gets that format, whatever the environment or configuration say; `--format` saying another
/// is refused. Another file gets `--format`, the environment's or configuration's format, or
/// markdown.
fn format(g: &Ctx, out: Option<&Path>) -> Result<PlanFormat> {
    let (asked, source) = (&g.eff.format.0, &g.eff.format.1);
    let Some(out) = out else {
        return Ok(*asked);
    };
    let by_name = if output::is_stdout(out) {
        None
    } else {
        match out
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Some(PlanFormat::Markdown),
            Some("json") => Some(PlanFormat::Json),
            Some("txt" | "text") => Some(PlanFormat::Text),
            _ => None,
        }
    };
    let name = |f: PlanFormat| match f {
        PlanFormat::Markdown => "markdown",
        PlanFormat::Json => "JSON",
        PlanFormat::Text => "text",
    };
    match (by_name, source) {
        (Some(f), config::Source::Flag(_)) if f != *asked => Err(Error::usage(
            format!(
                "{} is named as a {} file, but --format asks for {}",
                out.display(),
                name(f),
                name(*asked)
            ),
            "name the file for the format you want (.md, .json, .txt), or leave out --format",
        )),
        (Some(f), _) => Ok(f),
        (None, config::Source::Default) => Ok(PlanFormat::Markdown),
        (None, _) => Ok(*asked),
    }
}
