//! Whether a value answers a question: the one check that answers files, `--set`, the terminal
//! and question defaults all go through.

use std::collections::BTreeSet;

use super::model::{AnswerValue, Question, QuestionKind};
use crate::diag::{did_you_mean, list_some};
use crate::format::format_number;

/// Whether `v` is a valid answer to `q`; the error says why not.
pub fn check_value(q: &Question, v: &AnswerValue) -> Result<(), String> {
    let option_ids = || {
        let mut seen = BTreeSet::new();
        let ids: Vec<&str> = q
            .options
            .iter()
            .map(|o| o.id.as_str())
            .filter(|id| seen.insert(*id))
            .collect();
        ids
    };
    let unknown = |id: &str| {
        let ids = option_ids();
        let listed = list_some(&ids, 30);
        match did_you_mean(id, ids.iter().copied()) {
            Some(s) => {
                format!("`{id}` is not an option; did you mean `{s}`? The options are {listed}")
            }
            None => format!("`{id}` is not an option; the options are {listed}"),
        }
    };
    match (q.kind, v) {
        (QuestionKind::Confirm, AnswerValue::Bool(_)) => Ok(()),
        (QuestionKind::Number, AnswerValue::Number(n)) => {
            if !n.is_finite() {
                return Err("the number must be finite".into());
            }
            if let Some(min) = q.min
                && *n < min
            {
                return Err(format!(
                    "{} is less than the least allowed, {}",
                    format_number(*n),
                    format_number(min)
                ));
            }
            if let Some(max) = q.max
                && *n > max
            {
                return Err(format!(
                    "{} is more than the most allowed, {}",
                    format_number(*n),
                    format_number(max)
                ));
            }
            Ok(())
        }
        (QuestionKind::Text, AnswerValue::Text(s)) => match crate::sanitize::text_problem(s) {
            Some(why) => Err(why),
            None => Ok(()),
        },
        (QuestionKind::Select, AnswerValue::Text(s)) => {
            if q.option(s).is_some() {
                Ok(())
            } else {
                Err(unknown(s))
            }
        }
        (QuestionKind::Multiselect, AnswerValue::Choices(ids)) => {
            let mut seen = BTreeSet::new();
            for id in ids {
                if q.option(id).is_none() {
                    return Err(unknown(id));
                }
                if !seen.insert(id) {
                    return Err(format!("`{id}` is chosen twice"));
                }
            }
            if ids.len() > 1
                && let Some(o) = ids
                    .iter()
                    .filter_map(|id| q.option(id))
                    .find(|o| o.exclusive)
            {
                return Err(format!(
                    "`{}` (“{}”) cannot be chosen with other options; choose it alone or leave it out",
                    o.id, o.label
                ));
            }
            if let Some(min) = q.min
                && (ids.len() as f64) < min
            {
                return Err(format!("choose at least {}", format_number(min)));
            }
            if let Some(max) = q.max
                && (ids.len() as f64) > max
            {
                return Err(format!("choose at most {}", format_number(max)));
            }
            Ok(())
        }
        (kind, _) => Err(format!("expected {}", kind.expected())),
    }
}
