//! Pictures of the prerequisite graph: Mermaid flowcharts and Graphviz digraphs.

use crate::curriculum::{Area, Curriculum};
use crate::sanitize::terminal as safe;

/// A Mermaid node id that no id can turn into a keyword (`end`, `graph`, `click`, …) or into
/// another node's id: `kind` (`t` for topics, `a` for areas), `_`, then the id with lowercase
/// letters and digits kept, `-` written `_`, and any other character `X<hex>X`. Since every `X`
/// in the result opens or closes such an escape, two ids never give the same result.
fn mermaid_id(kind: char, id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 2);
    out.push(kind);
    out.push('_');
    for c in id.chars() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            '-' => out.push('_'),
            c => {
                use std::fmt::Write as _;
                let _ = write!(out, "X{:x}X", c as u32);
            }
        }
    }
    out
}

/// Text for inside a quoted Mermaid label, inert: quotes, `%` (which could open a `%%{init}%%`
/// directive), `#` (which opens an entity), backticks (markdown strings), `<`, `>` and `&`
/// (HTML) are written as entity codes; control, bidi and line-separator characters are made
/// visible.
fn mermaid_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in safe(s).chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '%' | '#' | '`' | '<' | '>' | '&' | '\\' | '{' | '}' => {
                out.push('#');
                out.push_str(&(c as u32).to_string());
                out.push(';');
            }
            c => out.push(c),
        }
    }
    out
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
    // The topics of each area, in the order given: one pass, not one per area.
    let mut by_area: Vec<Vec<usize>> = vec![Vec::new(); cur.areas.len()];
    for &t in topics {
        if let Some(a) = cur.area(&cur.topics[t].area.id) {
            by_area[a].push(t);
        }
    }
    for (a, members) in cur.areas.iter().zip(&by_area) {
        if members.is_empty() {
            continue;
        }
        out.push_str(&(d.group_start)(a));
        for &t in members {
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
                    mermaid_id('a', &a.id),
                    mermaid_label(&a.title)
                )
            },
            group_end: "  end\n",
            node: |t| {
                format!(
                    "    {}[\"{}\"]\n",
                    mermaid_id('t', &t.id),
                    mermaid_label(&t.title)
                )
            },
            edge: |from, to| format!("  {} --> {}\n", mermaid_id('t', from), mermaid_id('t', to)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn node_ids_are_never_keywords_and_never_collide() {
        for keyword in [
            "end",
            "style",
            "class",
            "click",
            "graph",
            "subgraph",
            "flowchart",
        ] {
            assert_eq!(mermaid_id('t', keyword), format!("t_{keyword}"));
        }
        assert_eq!(mermaid_id('t', "numpy-arrays"), "t_numpy_arrays");
        // A topic named like an area's subgraph.
        assert_ne!(mermaid_id('t', "area-learn"), mermaid_id('a', "learn"));
        assert_ne!(mermaid_id('t', "learn"), mermaid_id('a', "learn"));
        // Characters ids should not hold are escaped without ambiguity.
        let odd = [
            "a_b",
            "a-b",
            "aX5fXb",
            "ax5fxb",
            "A",
            "a b",
            "é",
            "a\u{2028}",
        ];
        let ids: std::collections::BTreeSet<String> =
            odd.iter().map(|s| mermaid_id('t', s)).collect();
        assert_eq!(ids.len(), odd.len(), "{ids:?}");
        for id in &ids {
            assert!(
                id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{id}"
            );
        }
    }

    #[test]
    fn labels_cannot_close_their_quotes_or_hold_directives() {
        let l = mermaid_label("a \"b\" %%{init: {}}%% `c` <i> & #quot; \\ \u{2028}");
        assert!(
            !l.contains('"') && !l.contains('%') && !l.contains('`'),
            "{l}"
        );
        assert!(
            !l.contains('<') && !l.contains('{') && !l.contains('\u{2028}'),
            "{l}"
        );
        assert_eq!(mermaid_label("Plain title"), "Plain title");
        assert_eq!(mermaid_label("say \"hi\""), "say #quot;hi#quot;");
        assert_eq!(mermaid_label("100%"), "100#37;");
    }
}
