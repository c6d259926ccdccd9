//! `pathwise graph`: the prerequisite graph as Mermaid or Graphviz source.

use std::collections::BTreeSet;

use pathwise_core::diagram;

use super::{Ctx, load, unknown_id};
use crate::cli::{GraphArgs, GraphFormat};
use crate::error::Result;
use crate::output;

pub(super) fn run(g: &Ctx, a: &GraphArgs) -> Result<()> {
    let cur = load(g)?;
    let set: BTreeSet<usize> = match &a.topic {
        None => (0..cur.topics.len()).collect(),
        Some(id) => {
            let t = cur
                .topic(id)
                .ok_or_else(|| unknown_id(cur, id, "topic", true))?;
            // The topic, what it needs and what needs it.
            let mut s = cur.graph.ancestors(t);
            s.insert(t);
            s.extend(cur.graph.descendants(t));
            s
        }
    };
    let order = cur.graph.order(&set);
    output::stdout(&match a.format {
        GraphFormat::Mermaid => diagram::mermaid(cur, &order),
        GraphFormat::Dot => diagram::dot(cur, &order),
    })
}
