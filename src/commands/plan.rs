//! `pathwise plan`: ask (or read) the answers, make the plan, print or save it.

use pathwise_core::answers::Profile;
use pathwise_core::curriculum::{AnswerValue, Setting};
use pathwise_core::json::PlanView;
use pathwise_core::plan;
use pathwise_core::planfile::markdown;

use super::{Ctx, gather, load};
use crate::cli::{PlanArgs, PlanFormat};
use crate::error::Result;
use crate::{config, output, render};

pub fn run(g: &Ctx, a: &PlanArgs) -> Result<()> {
    let cur = load(g)?;
    if let Some(p) = &a.save_answers {
        output::check_writable(p, a.force)?;
    }
    if let Some(p) = &a.output {
        output::check_writable(p, a.force)?;
    }
    let date = crate::date::stamp(a.date.as_deref())?;
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
        PlanFormat::Text => render::text::plan_text(cur, &plan),
        PlanFormat::Json => {
            let json = PlanView::new(cur, &plan);
            return match &a.output {
                None => output::stdout_json(&json),
                Some(p) => {
                    let mut text = serde_json::to_string_pretty(&json).expect("plans serialise");
                    text.push('\n');
                    output::write_file(p, &text, a.force)
                }
            };
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
