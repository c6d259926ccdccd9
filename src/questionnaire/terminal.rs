//! The prompter for a real terminal: dialoguer's prompts, drawn so that nothing is left behind.
//!
//! dialoguer clears what it drew by counting the line breaks it wrote, so a row the terminal
//! wraps by itself is never cleared. Everything here is therefore wrapped before it is written:
//! a prompt's rows but the last are drawn (and cleared) here and dialoguer draws only the last;
//! the items of a list are wrapped to fit beside their markers; answers, help texts and the
//! summary are wrapped to the terminal's width. The answer to each question is shown here once
//! it is accepted, so a refused answer leaves no line.

use std::fmt::{self, Write as _};

use console::{Key, Style, Term, measure_text_width};

use super::Prompter;
use crate::error::{Error, Result};
use pathwise_core::format::format_number;
use pathwise_core::sanitize;

/// The narrowest width text is wrapped to, whatever the terminal says.
const MIN_WIDTH: usize = 20;

/// The fewest terminal rows a list of choices can be drawn in (dialoguer's paging needs a row
/// for the prompt and one for the page; with fewer it panics).
const MIN_ROWS: u16 = 3;

/// Columns kept free after a prompt's last row: for the `›` and a page count (" [Page 2/3] ")
/// of a list, `(y/n) › yes` of a question to confirm, and room to type an answer.
const LIST_ROOM: usize = 16;
const CONFIRM_ROOM: usize = 14;
const TYPING_ROOM: usize = 20;

/// The marker of the row the cursor is on, and the room markers take before a list item.
const CURSOR: &str = "❯";
const SELECT_MARKERS: usize = 2;
const MULTISELECT_MARKERS: usize = 4;

/// The prompter for a real terminal, drawing on stderr.
pub(crate) struct TerminalPrompter {
    look: Look,
    term: Term,
    /// Rows written since the summary was last shown, which the next summary replaces.
    since_summary: Option<usize>,
}

impl TerminalPrompter {
    /// A prompter for the terminal on stderr; an error if the terminal is too small to ask
    /// the questions in.
    pub(crate) fn new() -> Result<TerminalPrompter> {
        let term = Term::stderr();
        let p = TerminalPrompter {
            look: Look { term: term.clone() },
            term,
            since_summary: None,
        };
        p.check_room()?;
        Ok(p)
    }

    fn width(&self) -> usize {
        width(&self.term)
    }

    /// Refuses to draw a list of choices in a terminal too small to hold one (checked before
    /// the first question, and before each list, as the window may have been resized).
    fn check_room(&self) -> Result<()> {
        let (rows, _) = self.term.size();
        if rows < MIN_ROWS {
            return Err(Error::usage(
                format!(
                    "the terminal is {rows} row{} high, too small to ask the questions in (they \
                     need at least {MIN_ROWS})",
                    if rows == 1 { "" } else { "s" }
                ),
                "make the window taller, or give the answers with `--answers FILE` or \
                 `--set QUESTION=VALUE`",
            ));
        }
        Ok(())
    }

    /// Writes finished rows (they stay on the screen).
    fn write_rows(&mut self, rows: &[String]) {
        for r in rows {
            let _ = self.term.write_line(r);
        }
        if let Some(n) = &mut self.since_summary {
            *n += rows.len();
        }
    }

    /// Draws a prompt's rows but the last, wrapped so that `room` columns stay free after the
    /// last; returns how many rows it drew and the last row, for dialoguer to draw.
    fn head(&mut self, prompt: &str, hint: &str, room: usize) -> (usize, String) {
        let spans = [
            ("? ", Style::new().for_stderr().yellow()),
            (prompt, Style::new().for_stderr().bold()),
            (hint, Style::new().for_stderr().dim()),
        ];
        let full = self.width();
        let mut rows = wrap(&spans, full, "", "  ", measure_text_width);
        // Rows as wide as the terminal, unless the last leaves too little room: then narrower.
        if rows
            .last()
            .is_some_and(|r| measure_text_width(r) + room > full)
        {
            let narrow = full.saturating_sub(room).max(MIN_WIDTH / 2);
            rows = wrap(&spans, narrow, "", "  ", measure_text_width);
        }
        let last = rows.pop().unwrap_or_default();
        for r in &rows {
            let _ = self.term.write_line(r);
        }
        (rows.len(), last)
    }

    /// Clears the rows `head` drew, once dialoguer has cleared its own.
    fn clear_head(&self, rows: usize) {
        if rows > 0 {
            let _ = self.term.clear_last_lines(rows);
        }
    }

    /// The items of a list wrapped to fit beside `markers` columns of markers, the rows that
    /// continue an item indented further. dialoguer also measures items in bytes against the
    /// width, so a row's bytes must fit too.
    fn items(&self, items: &[String], markers: usize) -> Vec<String> {
        let width = self.width().saturating_sub(markers).max(MIN_WIDTH / 2);
        items
            .iter()
            .map(|i| {
                wrap(&[(i, Style::new())], width, "", "  ", |s| {
                    measure_text_width(s).max(s.len())
                })
                .join("\n")
            })
            .collect()
    }

    /// The page length to give dialoguer so that a page of wrapped items, with the prompt and
    /// the rows above it that are cleared afterwards, fits on the screen; `None` when the
    /// whole list does.
    fn page(&self, head: usize, items: &[String]) -> Option<usize> {
        let rows = usize::from(self.term.size().0);
        let tall = |i: &String| i.lines().count().max(1);
        let total: usize = items.iter().map(tall).sum();
        // The head, the prompt's last row, the items, and the row the cursor waits on.
        if head + 1 + total < rows {
            return None;
        }
        let tallest = items.iter().map(tall).max().unwrap_or(1);
        let per_page = (rows.saturating_sub(head + 2) / tallest).max(1);
        // dialoguer shows two fewer items than its page length.
        Some(per_page + 2)
    }
}

impl TerminalPrompter {
    /// Reads a line typed after `prompt` (a prompt's last row). Esc gives `None`; what was
    /// typed is taken off the screen either way.
    fn read_line(&self, prompt: &str) -> Result<Option<String>> {
        let mut styled = String::new();
        let _ = dialoguer::theme::Theme::format_input_prompt(&self.look, &mut styled, prompt, None);
        let mut line = Line {
            term: &self.term,
            prompt_width: measure_text_width(&styled),
            prompt: styled,
            chars: Vec::new(),
            at: 0,
            row: 0,
        };
        line.draw().map_err(io_error)?;
        loop {
            let key = match self.term.read_key() {
                Ok(k) => k,
                Err(e) => {
                    let _ = line.erase();
                    return Err(io_error(e));
                }
            };
            match key {
                Key::Enter => {
                    line.erase().map_err(io_error)?;
                    return Ok(Some(line.chars.iter().collect()));
                }
                Key::Escape => {
                    line.erase().map_err(io_error)?;
                    return Ok(None);
                }
                Key::Char(c) if !c.is_control() => {
                    line.chars.insert(line.at, c);
                    line.at += 1;
                }
                Key::Backspace if line.at > 0 => {
                    line.at -= 1;
                    line.chars.remove(line.at);
                }
                Key::Del if line.at < line.chars.len() => {
                    line.chars.remove(line.at);
                }
                Key::ArrowLeft if line.at > 0 => line.at -= 1,
                Key::ArrowRight if line.at < line.chars.len() => line.at += 1,
                Key::Home => line.at = 0,
                Key::End => line.at = line.chars.len(),
                _ => continue,
            }
            line.draw().map_err(io_error)?;
        }
    }
}

/// A line being typed after a prompt. It is drawn whole after each key, over as many rows as
/// the terminal wraps it into, so that nothing of an earlier state is left on the screen.
struct Line<'a> {
    term: &'a Term,
    prompt: String,
    prompt_width: usize,
    chars: Vec<char>,
    /// Where the cursor is in `chars`.
    at: usize,
    /// The row the cursor is on, counted from the prompt's.
    row: usize,
}

impl Line<'_> {
    /// Takes the prompt and the line off the screen and leaves the cursor where it started.
    fn erase(&mut self) -> std::io::Result<()> {
        self.term.move_cursor_up(self.row)?;
        self.term.clear_to_end_of_screen()?;
        self.row = 0;
        self.term.flush()
    }

    fn draw(&mut self) -> std::io::Result<()> {
        self.erase()?;
        let cols = usize::from(self.term.size().1).max(1);
        let text: String = self.chars.iter().collect();
        let before: String = self.chars[..self.at].iter().collect();
        self.term.write_str(&self.prompt)?;
        self.term.write_str(&text)?;
        let end = self.prompt_width + measure_text_width(&text);
        // A row filled to the last column leaves the cursor on it: move it to the next row, so
        // that the end is always at `end / cols`.
        if end.is_multiple_of(cols) {
            self.term.write_str("\r\n")?;
        }
        let cursor = self.prompt_width + measure_text_width(&before);
        self.term.write_str("\r")?;
        self.term.move_cursor_up(end / cols - cursor / cols)?;
        self.term.move_cursor_right(cursor % cols)?;
        self.row = cursor / cols;
        self.term.flush()
    }
}

/// The rows of a message saying why an answer was refused.
fn error_rows(why: &str, width: usize) -> Vec<String> {
    wrap(
        &[
            ("✘ ", Style::new().for_stderr().red()),
            (why, Style::new().for_stderr().red()),
        ],
        width,
        "",
        "  ",
        measure_text_width,
    )
}

/// The terminal's width, never less than [`MIN_WIDTH`].
fn width(term: &Term) -> usize {
    usize::from(term.size().1).max(MIN_WIDTH)
}

fn io_err(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(e) = e;
    io_error(e)
}

fn io_error(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::Interrupted {
        Error::Interrupted
    } else {
        Error::io_message(format!("cannot talk to the terminal: {e}"))
    }
}

impl Prompter for TerminalPrompter {
    fn text(&mut self, prompt: &str, default: Option<&str>) -> Result<Option<String>> {
        let hint = default.map_or(String::new(), |d| format!(" ({})", sanitize::terminal(d)));
        let (head, last) = self.head(prompt, &hint, TYPING_ROOM);
        let got = self.read_line(&last);
        self.clear_head(head);
        Ok(got?.map(|s| match default {
            Some(d) if s.is_empty() => d.to_string(),
            _ => s,
        }))
    }

    fn number(
        &mut self,
        prompt: &str,
        default: Option<f64>,
        min: Option<f64>,
        max: Option<f64>,
    ) -> Result<Option<f64>> {
        let hint = default.map_or(String::new(), |d| format!(" ({})", format_number(d)));
        // Why the last answer was refused, shown above the question until one is accepted.
        let mut refused: Option<String> = None;
        loop {
            let above = match &refused {
                Some(why) => {
                    let rows = error_rows(why, self.width());
                    for r in &rows {
                        let _ = self.term.write_line(r);
                    }
                    rows.len()
                }
                None => 0,
            };
            let (head, last) = self.head(prompt, &hint, TYPING_ROOM);
            let got = self.read_line(&last);
            self.clear_head(head + above);
            let Some(typed) = got? else {
                return Ok(None);
            };
            let typed = typed.trim();
            let n = match (typed.is_empty(), default) {
                (true, Some(d)) => d,
                _ => match typed.parse::<f64>() {
                    Ok(n) if n.is_finite() => n,
                    _ => {
                        refused = Some("enter a number".into());
                        continue;
                    }
                },
            };
            refused = match (min, max) {
                (Some(lo), _) if n < lo => Some(format!("at least {}", format_number(lo))),
                (_, Some(hi)) if n > hi => Some(format!("at most {}", format_number(hi))),
                _ => return Ok(Some(n)),
            };
        }
    }

    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Option<usize>> {
        self.check_room()?;
        let (head, last) = self.head(prompt, "", LIST_ROOM);
        let items = self.items(items, SELECT_MARKERS);
        let mut select = dialoguer::Select::with_theme(&self.look)
            .with_prompt(last)
            .items(&items)
            .default(default)
            .report(false);
        if let Some(n) = self.page(head, &items) {
            select = select.max_length(n);
        }
        let got = select.interact_on_opt(&self.term).map_err(io_err);
        self.clear_head(head);
        got
    }

    fn multiselect(
        &mut self,
        prompt: &str,
        items: &[String],
        defaults: &[bool],
    ) -> Result<Option<Vec<usize>>> {
        self.check_room()?;
        let (head, last) = self.head(prompt, " (space to choose, enter to confirm)", LIST_ROOM);
        let items = self.items(items, MULTISELECT_MARKERS);
        let mut select = dialoguer::MultiSelect::with_theme(&self.look)
            .with_prompt(last)
            .items(&items)
            .defaults(defaults)
            .report(false);
        if let Some(n) = self.page(head, &items) {
            select = select.max_length(n);
        }
        let got = select.interact_on_opt(&self.term).map_err(io_err);
        self.clear_head(head);
        got
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<Option<bool>> {
        let (head, last) = self.head(prompt, "", CONFIRM_ROOM);
        let got = dialoguer::Confirm::with_theme(&self.look)
            .with_prompt(last)
            .default(default)
            // Like every other question, answered with Enter: a `y` alone must not let the
            // Enter typed after it answer the next question unseen.
            .wait_for_newline(true)
            .report(false)
            .interact_on_opt(&self.term)
            .map_err(io_err);
        self.clear_head(head);
        got
    }

    fn say(&mut self, text: &str) {
        let dim = Style::new().for_stderr().dim();
        let width = self.width();
        let mut rows = Vec::new();
        for line in text.lines() {
            let body = line.trim_start();
            let lead = &line[..line.len() - body.len()];
            if body.is_empty() {
                rows.push(String::new());
                continue;
            }
            // An indented line (of the summary) hangs further in when it wraps; a paragraph
            // (a help text) does not.
            let indent = if lead.is_empty() {
                String::new()
            } else {
                format!("{lead}  ")
            };
            rows.extend(wrap(
                &[(body, dim.clone())],
                width,
                lead,
                &indent,
                measure_text_width,
            ));
        }
        self.write_rows(&rows);
    }

    fn answered(&mut self, prompt: &str, answer: &str) {
        let rows = wrap(
            &[
                ("✔ ", Style::new().for_stderr().green()),
                (prompt, Style::new().for_stderr().bold()),
                (" · ", Style::new().for_stderr().dim()),
                (answer, Style::new().for_stderr().green()),
            ],
            self.width(),
            "",
            "  ",
            measure_text_width,
        );
        self.write_rows(&rows);
    }

    fn summary(&mut self, text: &str) {
        self.clear_summary();
        self.say(text);
    }

    fn clear_summary(&mut self) {
        if let Some(rows) = self.since_summary {
            self.clear_head(rows);
        }
        // What comes next is cleared with the next summary.
        self.since_summary = Some(0);
    }
}

/// Word-wraps styled pieces of text into rows of at most `width` columns, as `measure` counts
/// them: the first row starts with `first`, the others with `indent`. A word longer than a row
/// is cut.
fn wrap(
    spans: &[(&str, Style)],
    width: usize,
    first: &str,
    indent: &str,
    measure: impl Fn(&str) -> usize,
) -> Vec<String> {
    let plain: String = spans.iter().map(|(t, _)| *t).collect();
    // Where each piece ends in `plain`.
    let mut ends = Vec::with_capacity(spans.len());
    let mut at = 0;
    for (t, _) in spans {
        at += t.len();
        ends.push(at);
    }
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut row: Option<(usize, usize)> = None;
    let room = |rows: &Vec<(usize, usize)>| {
        let lead = if rows.is_empty() { first } else { indent };
        width.saturating_sub(measure(lead)).max(1)
    };
    for (start, word) in words(&plain) {
        let end = start + word.len();
        if let Some((s, _)) = row
            && measure(&plain[s..end]) <= room(&rows)
        {
            row = Some((s, end));
            continue;
        }
        if let Some(r) = row.take() {
            rows.push(r);
        }
        // The word starts a row; cut it while it is too long for one.
        let mut s = start;
        while measure(&plain[s..end]) > room(&rows) {
            let mut cut = s;
            for (i, c) in plain[s..end].char_indices() {
                let next = s + i + c.len_utf8();
                if cut > s && measure(&plain[s..next]) > room(&rows) {
                    break;
                }
                cut = next;
            }
            rows.push((s, cut));
            s = cut;
        }
        if s < end {
            row = Some((s, end));
        }
    }
    rows.extend(row);
    rows.iter()
        .enumerate()
        .map(|(n, &(s, e))| {
            let mut out = String::from(if n == 0 { first } else { indent });
            let mut from = 0;
            for ((_, style), &to) in spans.iter().zip(&ends) {
                let (a, b) = (from.max(s), to.min(e));
                if a < b {
                    let _ = write!(out, "{}", style.apply_to(&plain[a..b]));
                }
                from = to;
            }
            out
        })
        .collect()
}

/// The words of a text (runs of anything but white space) and where each starts.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

/// How the prompts look. Colour is one cue among others: the row the cursor is on is marked
/// with `❯`, chosen items with `✔`, items not chosen with `⬚`, so that all of it shows without
/// colour (`NO_COLOR`) and to people who do not tell the colours apart.
struct Look {
    term: Term,
}

impl Look {
    /// A list item: its markers, then its rows (already wrapped), the later ones indented to
    /// start under the first.
    #[allow(clippy::unused_self)] // a method of the look, as dialoguer's theme calls are
    fn item(&self, f: &mut dyn fmt::Write, markers: &str, text: &str, active: bool) -> fmt::Result {
        let style = if active {
            Style::new().for_stderr().cyan()
        } else {
            Style::new().for_stderr()
        };
        let indent = " ".repeat(measure_text_width(markers));
        for (n, row) in text.split('\n').enumerate() {
            if n > 0 {
                write!(f, "\n{indent}")?;
            } else {
                write!(f, "{markers}")?;
            }
            write!(f, "{}", style.apply_to(row))?;
        }
        Ok(())
    }

    fn cursor(active: bool) -> String {
        if active {
            Style::new()
                .for_stderr()
                .green()
                .apply_to(CURSOR)
                .to_string()
        } else {
            " ".to_string()
        }
    }
}

impl dialoguer::theme::Theme for Look {
    /// The prompt arrives styled and wrapped (see `TerminalPrompter::head`).
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        write!(
            f,
            "{prompt} {}",
            Style::new().for_stderr().dim().apply_to("›")
        )
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        write!(f, "{}", error_rows(err, width(&self.term)).join("\n"))
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        _default: Option<&str>,
    ) -> fmt::Result {
        self.format_prompt(f, prompt)?;
        write!(f, " ")
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        write!(
            f,
            "{prompt} {} ",
            Style::new().for_stderr().dim().apply_to("(y/n) ›")
        )?;
        match default {
            Some(d) => write!(
                f,
                "{}",
                Style::new()
                    .for_stderr()
                    .cyan()
                    .apply_to(if d { "yes" } else { "no" })
            ),
            None => Ok(()),
        }
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.item(f, &format!("{} ", Look::cursor(active)), text, active)
    }

    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> fmt::Result {
        let check = if checked {
            Style::new().for_stderr().green().apply_to("✔")
        } else {
            Style::new().for_stderr().magenta().apply_to("⬚")
        };
        self.item(
            f,
            &format!("{} {check} ", Look::cursor(active)),
            text,
            active,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(spans: &[&str], width: usize, first: &str, indent: &str) -> Vec<String> {
        let spans: Vec<(&str, Style)> = spans.iter().map(|s| (*s, Style::new())).collect();
        wrap(&spans, width, first, indent, measure_text_width)
    }

    #[test]
    fn wraps_between_words_across_pieces() {
        assert_eq!(
            plain(
                &["? ", "How much Python", " have you written?"],
                12,
                "",
                "  "
            ),
            ["? How much", "  Python", "  have you", "  written?"]
        );
        // Short enough: one row, spaces kept as they are.
        assert_eq!(plain(&["a  b"], 10, "", ""), ["a  b"]);
    }

    #[test]
    fn cuts_a_word_longer_than_a_row_and_never_exceeds_the_width() {
        let rows = plain(
            &["see https://example.org/a/very/long/path now"],
            10,
            "  ",
            "    ",
        );
        for r in &rows {
            assert!(measure_text_width(r) <= 10, "{r:?} in {rows:?}");
        }
        assert_eq!(
            rows.concat().replace(' ', ""),
            "seehttps://example.org/a/very/long/pathnow"
        );
    }

    #[test]
    fn measures_by_the_given_rule() {
        // Counted in bytes, "é" takes two.
        let spans = [("éé éé", Style::new())];
        let rows = wrap(&spans, 4, "", "", |s: &str| s.len());
        assert_eq!(rows, ["éé", "éé"]);
    }
}
