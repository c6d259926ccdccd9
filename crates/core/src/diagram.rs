//! Pictures of the prerequisite graph: Mermaid flowcharts and Graphviz digraphs.

use crate::curriculum::{Area, Curriculum};
use crate::sanitize::terminal as safe;

fn mermaid_id(id: &str) -> String {
    id.replace('-', "_")
}

fn mermaid_label(s: &str) -> String {
    safe(s).replace('"', "#quot;").replace(['<', '>'], "")
}

/// How a diagram format writes its parts.
struct Diagram {
    header: &'static str,
    footer: &'static str,
    group_start: fn(&Area) -> String,
    group_end: &'static str,
    node: fn(&crate::curriculum::Topic) -> String,
    edge: fn(&str, &str) -> String,
}

/// The given topics (in the order given), grouped by area, and the prerequisite edges between
/// them.
fn diagram(cur: &Curriculum, topics: &[usize], d: &Diagram) -> String {
    let mut out = String::from(d.header);
    let in_set: std::collections::BTreeSet<usize> = topics.iter().copied().collect();
    for (ai, a) in cur.areas.iter().enumerate() {
        let members: Vec<usize> = topics
            .iter()
            .copied()
            .filter(|&t| cur.area(&cur.topics[t].area.id) == Some(ai))
            .collect();
        if members.is_empty() {
            continue;
        }
        out.push_str(&(d.group_start)(a));
        for t in members {
            out.push_str(&(d.node)(&cur.topics[t]));
        }
        out.push_str(d.group_end);
    }
    for &t in topics {
        for &p in cur.graph.requires(t) {
            if in_set.contains(&p) {
                out.push_str(&(d.edge)(&cur.topics[p].id, &cur.topics[t].id));
            }
        }
    }
    out.push_str(d.footer);
    out
}

/// A Mermaid flowchart of the given topics and their prerequisites, grouped by area.
pub fn mermaid(cur: &Curriculum, topics: &[usize]) -> String {
    diagram(
        cur,
        topics,
        &Diagram {
            header: "flowchart LR\n",
            footer: "",
            group_start: |a| {
                format!(
                    "  subgraph {}[\"{}\"]\n",
                    mermaid_id(&format!("area-{}", a.id)),
                    mermaid_label(&a.title)
                )
            },
            group_end: "  end\n",
            node: |t| {
                format!(
                    "    {}[\"{}\"]\n",
                    mermaid_id(&t.id),
                    mermaid_label(&t.title)
                )
            },
            edge: |from, to| format!("  {} --> {}\n", mermaid_id(from), mermaid_id(to)),
        },
    )
}

fn dot_quote(s: &str) -> String {
    format!("\"{}\"", safe(s).replace('\\', "\\\\").replace('"', "\\\""))
}

/// A Graphviz digraph of the given topics and their prerequisites, clustered by area.
pub fn dot(cur: &Curriculum, topics: &[usize]) -> String {
    diagram(
        cur,
        topics,
        &Diagram {
            header: "digraph pathwise {\n  rankdir=LR;\n  node [shape=box];\n",
            footer: "}\n",
            group_start: |a| {
                format!(
                    "  subgraph {} {{\n    label={};\n",
                    dot_quote(&format!("cluster_{}", a.id)),
                    dot_quote(&a.title)
                )
            },
            group_end: "  }\n",
            node: |t| {
                format!(
                    "    {} [label={}];\n",
                    dot_quote(&t.id),
                    dot_quote(&t.title)
                )
            },
            edge: |from, to| format!("  {} -> {};\n", dot_quote(from), dot_quote(to)),
        },
    )
}
