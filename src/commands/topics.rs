//! `pathwise topics`: the topics, by area.

use pathwise_core::curriculum::read::list;
use pathwise_core::diag::did_you_mean;
use pathwise_core::json;

use super::{Ctx, json_out, load};
use crate::cli::{ListFormat, TopicsArgs};
use crate::error::{Error, Result};
use crate::{output, render};

pub(super) fn run(g: &Ctx, a: &TopicsArgs) -> Result<()> {
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
        ListFormat::Json => json_out(&json::topic_entries(cur, &ids)),
        ListFormat::Text => output::stdout(&render::text::topics_text(cur, &ids)),
    }
}
