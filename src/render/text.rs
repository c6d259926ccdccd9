//! Text for people: styled, wrapped plans, lists and details.

use std::fmt::Write as _;

use console::style;

use pathwise_core::curriculum::{Curriculum, Resource, Status};
use pathwise_core::format::{hours, weeks};
use pathwise_core::plan::{
    Plan, Role, deadline_text, goals_text, part_title, pick_hours, why_text,
};
use pathwise_core::sanitize::terminal as safe;

/// The width to wrap text to: the terminal's; when not on a terminal, `COLUMNS` if it is set
/// (as `ls` and clap read it), else 80; always between 40 and 100.
pub(crate) fn width() -> usize {
    console::Term::stdout()
        .size_checked()
        .map(|(_, w)| usize::from(w))
        .or_else(|| std::env::var("COLUMNS").ok()?.trim().parse().ok())
        .unwrap_or(80)
        .clamp(40, 100)
}

/// `lead` then `text`, wrapped to `width` columns; lines after the first start with `indent`.
/// A word longer than a line (a link) stays whole.
pub(crate) fn wrap(text: &str, width: usize, lead: &str, indent: &str) -> String {
    let mut out = lead.to_string();
    let mut col = console::measure_text_width(lead);
    let mut line_empty = true;
    for word in text.split_whitespace() {
        let w = console::measure_text_width(word);
        if !line_empty && col + 1 + w > width {
            out.push('\n');
            out.push_str(indent);
            col = console::measure_text_width(indent);
            line_empty = true;
        }
        if !line_empty {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += w;
        line_empty = false;
    }
    out
}

fn weeks_label(start: u32, end: u32) -> String {
    if start == end {
        format!("week {start}")
    } else {
        format!("weeks {start}–{end}")
    }
}

fn status_note(cur: &Curriculum, r: &Resource) -> String {
    match r.status {
        Status::Current => String::new(),
        s => {
            let succ: Vec<String> = r
                .successors()
                .iter()
                .filter_map(|x| cur.resource(&x.id))
                .map(|i| safe(&cur.resources[i].title).into_owned())
                .collect();
            if succ.is_empty() {
                format!(" [{s}]")
            } else {
                format!(" [{s}; use {}]", succ.join(", "))
            }
        }
    }
}

// ── plan ────────────────────────────────────────────────────────────────

pub(crate) fn plan_text(cur: &Curriculum, plan: &Plan) -> String {
    let width = width();
    let mut out = String::new();
    let title = match &plan.name {
        Some(n) => format!("Learning plan for {}", safe(n)),
        None => "Learning plan".to_string(),
    };
    let _ = writeln!(out, "{}", style(title).bold());
    if plan.topics.is_empty() {
        let _ = writeln!(
            out,
            "\nNothing to learn: you already know every topic your goals ({}) need. \
             Choose more goals to get a plan.",
            safe(&goals_text(cur, plan))
        );
        return out;
    }
    let _ = writeln!(
        out,
        "{}",
        wrap(
            &format!(
                "Goals: {}. {} topics, {} in all: about {} at {} a week.",
                safe(&goals_text(cur, plan)),
                plan.topics.len(),
                hours(plan.total_hours),
                weeks(plan.weeks),
                hours(plan.hours_per_week),
            ),
            width,
            "",
            ""
        )
    );
    if !plan.skipped.is_empty() {
        let names: Vec<String> = plan
            .skipped
            .iter()
            .map(|&t| safe(&cur.topics[t].title).into_owned())
            .collect();
        let _ = writeln!(
            out,
            "{}",
            wrap(
                &format!("Skipped, because you know them: {}.", names.join(", ")),
                width,
                "",
                ""
            )
        );
    }
    if let Some(d) = deadline_text(cur, plan) {
        let _ = writeln!(out, "{}", wrap(&safe(&d), width, "", ""));
    }
    let mut current_week = 0;
    for (n, pt) in plan.topics.iter().enumerate() {
        let t = &cur.topics[pt.topic];
        if pt.week != current_week {
            current_week = pt.week;
            let _ = writeln!(
                out,
                "\n{}",
                style(format!("Week {}", pt.week)).bold().underlined()
            );
        }
        // The title wraps; the area, hours and weeks stay together, after it or below it.
        let number = format!("{}. ", n + 1);
        let title = wrap(
            &style(safe(&t.title)).bold().to_string(),
            width,
            &number,
            "   ",
        );
        let end = console::measure_text_width(title.rsplit('\n').next().unwrap_or(&title));
        let meta = style(format!(
            "({} · {}{} · {})",
            safe(&t.area.id),
            hours(pt.hours),
            if pt.review { " · review" } else { "" },
            weeks_label(pt.week, pt.end_week)
        ))
        .dim()
        .to_string();
        let gap = if end + 1 + console::measure_text_width(&meta) <= width {
            " "
        } else {
            "\n   "
        };
        let _ = writeln!(out, "\n{title}{gap}{meta}");
        let _ = writeln!(
            out,
            "{}",
            wrap(
                &format!("why: {}", safe(&why_text(cur, pt))),
                width,
                "   ",
                "   "
            )
        );
        for p in &pt.resources {
            let r = &cur.resources[p.resource];
            let lead = match p.role {
                Role::Primary => "read:",
                Role::First => "first read:",
                Role::Alongside => "also read:",
                Role::Alternative => "or:",
                Role::Legacy => "from the guide:",
            };
            let title = match part_title(cur, p) {
                Some(part) => format!("{}, {}", safe(&r.title), safe(part)),
                None => safe(&r.title).into_owned(),
            };
            let line = format!(
                "{lead} {title} ({}, {}){} {}",
                r.kind,
                pick_hours(cur, p),
                status_note(cur, r),
                safe(&r.url)
            );
            let _ = writeln!(out, "{}", wrap(&line, width, "   ", "     "));
        }
        if !pt.continues.is_empty() {
            let names: Vec<String> = pt
                .continues
                .iter()
                .map(|&r| safe(&cur.resources[r].title).into_owned())
                .collect();
            let _ = writeln!(
                out,
                "{}",
                wrap(
                    &format!("continue with: {}", names.join(", ")),
                    width,
                    "   ",
                    "     "
                )
            );
        }
        if let Some(why) = pt.unresourced_reason(cur) {
            let text = format!("{} and add it to your plan", why.sentence());
            let _ = writeln!(
                out,
                "{}",
                style(wrap(&text, width, "   ", "     ")).yellow()
            );
        }
    }
    out
}
pub(crate) fn topics_text(cur: &Curriculum, topics: &[usize]) -> String {
    let mut out = String::new();
    let idw = topics
        .iter()
        .map(|&i| cur.topics[i].id.len())
        .max()
        .unwrap_or(0);
    let mut area = None;
    for &i in topics {
        let t = &cur.topics[i];
        if area != Some(&t.area.id) {
            area = Some(&t.area.id);
            let a = cur.area_of(i);
            let _ = writeln!(
                out,
                "{}{} {}",
                if out.is_empty() { "" } else { "\n" },
                style(safe(&a.id)).bold(),
                style(safe(&a.title)).dim()
            );
        }
        let _ = writeln!(
            out,
            "  {:<idw$}  {:>6}  {}",
            safe(&t.id),
            hours(t.hours),
            safe(&t.title)
        );
    }
    out
}
pub(crate) fn resources_text(cur: &Curriculum) -> String {
    let mut out = String::new();
    let idw = cur.resources.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in &cur.resources {
        let _ = writeln!(
            out,
            "{:<idw$}  {:<13}  {}{}{}",
            safe(&r.id),
            r.kind.as_str(),
            safe(&r.title),
            status_note(cur, r),
            if r.from_guide().is_some() {
                style(" (guide)").dim().to_string()
            } else {
                String::new()
            }
        );
    }
    out
}

fn id_list(cur: &Curriculum, ids: impl IntoIterator<Item = usize>) -> String {
    let v: Vec<String> = ids
        .into_iter()
        .map(|i| safe(&cur.topics[i].id).into_owned())
        .collect();
    if v.is_empty() {
        "nothing".into()
    } else {
        v.join(", ")
    }
}

pub(crate) fn topic_detail(cur: &Curriculum, i: usize) -> String {
    let width = width();
    let t = &cur.topics[i];
    let a = cur.area_of(i);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}",
        style(safe(&t.title)).bold(),
        style(format!("(topic {})", safe(&t.id))).dim()
    );
    let _ = writeln!(out, "area:        {} — {}", safe(&a.id), safe(&a.title));
    let _ = writeln!(out, "hours:       {}", hours(t.hours));
    let requires = t.requires.iter().filter_map(|r| cur.topic(&r.id));
    let _ = writeln!(
        out,
        "{}",
        wrap(
            &id_list(cur, requires),
            width,
            "requires:    ",
            "             "
        )
    );
    let _ = writeln!(
        out,
        "{}",
        wrap(
            &id_list(cur, cur.graph.required_by(i).iter().copied()),
            width,
            "required by: ",
            "             "
        )
    );
    let _ = writeln!(out, "defined in:  {}", safe(cur.file_name(t.origin)));
    // A summary left empty (a warning when the curriculum was read) leaves no blank paragraph.
    if !t.summary.is_empty() {
        let _ = writeln!(out, "\n{}", wrap(&safe(&t.summary), width, "", ""));
    }
    let rs = cur.resources_for(i);
    let _ = writeln!(out, "\n{}", style("Resources").bold());
    if rs.is_empty() {
        let _ = writeln!(out, "  none yet");
    }
    for &r in rs {
        let res = &cur.resources[r];
        let _ = writeln!(
            out,
            "{}",
            wrap(
                &format!(
                    "{} — {} ({}){} {}",
                    safe(&res.id),
                    safe(&res.title),
                    res.kind,
                    status_note(cur, res),
                    safe(&res.url)
                ),
                width,
                "  ",
                "    "
            )
        );
    }
    out
}

pub(crate) fn resource_detail(cur: &Curriculum, r: usize) -> String {
    let width = width();
    let res = &cur.resources[r];
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {}",
        style(safe(&res.title)).bold(),
        style(format!("(resource {})", safe(&res.id))).dim()
    );
    let _ = writeln!(out, "url:        {}", safe(&res.url));
    if let Some(u) = &res.guide_url() {
        let _ = writeln!(out, "guide url:  {}", safe(u));
    }
    let _ = writeln!(out, "kind:       {}, {}, {}", res.kind, res.level, res.cost);
    let _ = writeln!(out, "hours:      {}", hours(res.hours));
    let _ = writeln!(out, "status:     {}", res.status);
    if !res.successors().is_empty() {
        let s: Vec<String> = res
            .successors()
            .iter()
            .map(|s| safe(&s.id).into_owned())
            .collect();
        let _ = writeln!(out, "successors: {}", s.join(", "));
    }
    if let Some(v) = &res.version() {
        let _ = writeln!(out, "version:    {}", safe(v));
    }
    let _ = writeln!(
        out,
        "from guide: {}",
        res.from_guide()
            .map_or("no (added since the guide)".into(), |s| safe(s)
                .into_owned())
    );
    let t: Vec<String> = res
        .teaches
        .iter()
        .map(|s| safe(&s.id).into_owned())
        .collect();
    let _ = writeln!(out, "teaches:    {}", t.join(", "));
    if !res.audience().is_empty() {
        let a: Vec<String> = res
            .audience()
            .iter()
            .map(|s| safe(&s.id).into_owned())
            .collect();
        let _ = writeln!(out, "audience:   {}", a.join(", "));
    }
    if let Some(c) = res.companion() {
        let how = match c {
            pathwise_core::curriculum::Companion::First => {
                "first: read before a topic's main resource"
            }
            pathwise_core::curriculum::Companion::Alongside => {
                "alongside: read with a topic's main resource"
            }
        };
        let _ = writeln!(out, "companion:  {how}");
    }
    for (i, part) in res.parts().iter().enumerate() {
        let line = format!(
            "{}: {} ({})",
            safe(&part.topic.id),
            safe(&part.title),
            hours(part.hours)
        );
        let lead = if i == 0 {
            "parts:      "
        } else {
            "            "
        };
        let _ = writeln!(out, "{}", wrap(&line, width, lead, "              "));
    }
    let _ = writeln!(out, "defined in: {}", safe(cur.file_name(res.origin)));
    if let Some(s) = &res.summary() {
        let _ = writeln!(out, "\n{}", wrap(&safe(s), width, "", ""));
    }
    if let Some(n) = &res.note() {
        let _ = writeln!(
            out,
            "\n{}",
            wrap(&format!("Note: {}", safe(n)), width, "", "")
        );
    }
    out
}
