//! Finding pathwise's blocks in a plan's body, with pulldown-cmark: each marker, the block it
//! belongs to (wherever that block sits: in any list, at any indentation, wrapped over lines, its
//! marker moved onto a line of its own), the task items with their boxes, and the tasks the
//! person added. A block is pathwise's from the line where its text starts to the end of its
//! marker; text after the marker in the same block (a tail), and every line outside the blocks,
//! is the person's.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::plan::measure::Mark;
use crate::planfile::markdown::Tick;
use crate::planfile::marker::{self, BlockId, IndexTopic, Marker};

/// One of pathwise's blocks in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub id: BlockId,
    /// Where pathwise's text starts (a byte offset into [`PlanFile::text`]); at a line's start
    /// unless text of the person's comes before it on its line.
    pub start: usize,
    /// Where its marker ends.
    pub end: usize,
    /// Where the person's text after the marker, in the same block, ends (`end` if none).
    pub tail_end: usize,
    /// 1-based line of `start`.
    pub line: usize,
}

/// A task item pathwise wrote, as the person left it.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub resource: String,
    /// The topic from the marker (empty if the marker names none).
    pub topic: String,
    pub area: Option<String>,
    pub week: Option<u32>,
    /// The resource's hours, as written in the marker.
    pub hours: Option<f64>,
    /// An alternative or a legacy resource.
    pub optional: bool,
    pub tick: Tick,
    pub skipped: bool,
    pub title: String,
    pub url: Option<String>,
    /// 1-based line.
    pub line: usize,
}

impl Item {
    pub fn mark(&self) -> Mark {
        match (&self.tick, self.skipped) {
            (Tick::Done(_), _) => Mark::Done,
            (Tick::Unreadable(_), _) => Mark::Unreadable,
            (Tick::Open, true) => Mark::Skipped,
            (Tick::Open, false) => Mark::Open,
        }
    }
}

/// The tasks a person added (`- [ ]` items without a marker) after the blocks of one topic, or
/// after blocks of none: how many, done and struck through. Counts, not a list, so that a file
/// of a million tasks does not hold a million records.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OwnTasks {
    pub done: usize,
    pub skipped: usize,
    pub total: usize,
}

impl OwnTasks {
    fn add(&mut self, done: bool, skipped: bool) {
        self.total += 1;
        if done {
            self.done += 1;
        } else if skipped {
            self.skipped += 1;
        }
    }

    /// What the tasks amount to for the definition of done: one done completes a topic, all
    /// struck through skip it.
    pub fn marks(&self) -> &'static [Mark] {
        match *self {
            OwnTasks { total: 0, .. } => &[],
            OwnTasks { done, .. } if done > 0 => &[Mark::Done],
            OwnTasks { skipped, total, .. } if skipped == total => &[Mark::Skipped],
            _ => &[Mark::Open],
        }
    }
}

/// A task item being read.
#[derive(Default)]
struct ItemBuild {
    /// Where the list item starts.
    start: usize,
    /// The box pulldown-cmark read: checked or not, and where it is.
    task: Option<(bool, usize)>,
    skipped: bool,
    /// The first link's text.
    title: String,
    /// The text of an item without a link.
    plain: String,
    url: Option<String>,
    in_link: bool,
    /// Whether any of the item's content has been seen (its first block starts its text).
    started: bool,
    /// The list item has ended; what is read of it is dropped once its text is placed.
    closed: bool,
}

#[derive(Clone, Copy, PartialEq)]
enum LeafKind {
    Paragraph,
    Heading,
    /// The text of a tight list item.
    ItemText,
}

/// A paragraph, heading or list item's text, with the markers in it.
struct Leaf {
    kind: LeafKind,
    start: usize,
    /// End of its inline content.
    end: usize,
    /// The list item whose text it is.
    item: Option<usize>,
    markers: Vec<(Range<usize>, Marker)>,
    /// The text of a heading, for topic titles.
    text: String,
}

enum Frame {
    Item(usize),
    Leaf,
    Code {
        start: usize,
        /// pathwise's diagram.
        marked: bool,
    },
    Html {
        start: usize,
    },
    Other,
}

/// What the reading of a body finds.
#[derive(Default)]
pub(crate) struct Body {
    pub(crate) spans: Vec<Span>,
    pub(crate) items: Vec<Item>,
    pub(crate) own_tasks: BTreeMap<Option<String>, OwnTasks>,
    pub(crate) index: Option<Vec<IndexTopic>>,
    /// Topic titles from their headings.
    pub(crate) titles: HashMap<String, String>,
    /// (line, box text, resource) of items whose box pathwise cannot read.
    pub(crate) unreadable: Vec<(usize, String, String)>,
    pub(crate) legacy: bool,
}

/// Line starts of a text, to turn offsets into lines.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
                .collect(),
        )
    }
    /// 1-based line of an offset.
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset)
    }
    /// The start of the line holding `offset`.
    fn start_of(&self, offset: usize) -> usize {
        self.0[self.line(offset) - 1]
    }
}

struct Reader<'t> {
    text: &'t str,
    lines: Lines,
    out: Body,
    /// The list items being read, by number: only those still open or whose text is not
    /// placed yet are kept, so memory does not grow with the number of list items.
    builds: HashMap<usize, ItemBuild>,
    next_build: usize,
    frames: Vec<Frame>,
    leaf: Option<Leaf>,
    /// The last leaf closed, kept open to a marker a formatter moved onto the next line.
    pending: Option<Leaf>,
    strike: usize,
    current_topic: Option<String>,
}

impl Body {
    /// Reads the body of `text`, which starts at byte `body_start`.
    pub(crate) fn read(text: &str, body_start: usize) -> Body {
        let mut r = Reader {
            text,
            lines: Lines::new(text),
            out: Body::default(),
            builds: HashMap::new(),
            next_build: 0,
            frames: Vec::new(),
            leaf: None,
            pending: None,
            strike: 0,
            current_topic: None,
        };
        let body = &text[body_start..];
        let parser = Parser::new_ext(
            body,
            Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH,
        );
        for (event, range) in parser.into_offset_iter() {
            let range = range.start + body_start..range.end + body_start;
            r.event(event, range);
        }
        r.close_leaf();
        r.flush();
        let mut out = r.out;
        let new_style = out
            .spans
            .iter()
            .any(|s| !matches!(s.id, BlockId::Item { .. } | BlockId::Topic(_)));
        if !new_style {
            out.legacy = true;
            legacy_spans(text, body_start, &mut out);
        }
        out
    }
}

impl Reader<'_> {
    fn event(&mut self, event: Event, range: Range<usize>) {
        // Inside a code block, nothing but its end matters.
        if let Some(Frame::Code { .. }) = self.frames.last()
            && !matches!(event, Event::End(TagEnd::CodeBlock))
        {
            return;
        }
        if let Some(Frame::Html { .. }) = self.frames.last()
            && !matches!(event, Event::End(TagEnd::HtmlBlock))
        {
            return;
        }
        match event {
            Event::Start(Tag::Item) => {
                self.block_starts();
                let id = self.next_build;
                self.next_build += 1;
                self.builds.insert(
                    id,
                    ItemBuild {
                        start: range.start,
                        ..Default::default()
                    },
                );
                self.frames.push(Frame::Item(id));
            }
            Event::End(TagEnd::Item) => {
                self.close_leaf();
                if let Some(Frame::Item(b)) = self.frames.pop() {
                    let placed_later = [&self.leaf, &self.pending]
                        .iter()
                        .any(|l| l.as_ref().is_some_and(|l| l.item == Some(b)));
                    if placed_later {
                        if let Some(build) = self.builds.get_mut(&b) {
                            build.closed = true;
                        }
                    } else {
                        self.builds.remove(&b);
                    }
                }
            }
            Event::Start(Tag::Paragraph) => {
                self.close_leaf();
                let (start, item) = match self.frames.last() {
                    Some(Frame::Item(b)) if self.builds.get(b).is_some_and(|x| !x.started) => {
                        (self.builds[b].start, Some(*b))
                    }
                    _ => (range.start, None),
                };
                self.block_starts();
                self.open_leaf(LeafKind::Paragraph, start, item);
                self.frames.push(Frame::Leaf);
            }
            Event::Start(Tag::Heading { .. }) => {
                self.block_starts();
                self.open_leaf(LeafKind::Heading, range.start, None);
                self.frames.push(Frame::Leaf);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => {
                self.close_leaf();
                self.frames.pop();
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                self.block_starts();
                // pathwise's diagram: a Mermaid block right after the diagram's marker line.
                let marked = matches!(&kind, CodeBlockKind::Fenced(info) if info.starts_with("mermaid"))
                    && self.out.spans.last().is_some_and(|s| {
                        // The marker alone, not yet a diagram: a second fence is not one.
                        s.id == BlockId::Diagram
                            && s.end == s.tail_end
                            && self.text[..s.end].ends_with("-->")
                            && self.lines.line(s.end) + 1 == self.lines.line(range.start)
                    });
                self.frames.push(Frame::Code {
                    start: range.start,
                    marked,
                });
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(Frame::Code { start, marked }) = self.frames.pop()
                    && marked
                    && let Some(span) = self.out.spans.last_mut()
                {
                    // The marker's span takes the diagram in.
                    let end = trim_newline(self.text, start, range.end);
                    span.end = end;
                    span.tail_end = end;
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                self.block_starts();
                self.frames.push(Frame::Html { start: range.start });
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(Frame::Html { start }) = self.frames.pop() {
                    self.html_block(start, range.end);
                }
            }
            Event::Start(
                Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::FootnoteDefinition(_)
                | Tag::Table(_)
                | Tag::DefinitionList
                | Tag::MetadataBlock(_),
            ) => {
                self.block_starts();
                self.frames.push(Frame::Other);
            }
            Event::End(
                TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::FootnoteDefinition
                | TagEnd::Table
                | TagEnd::DefinitionList
                | TagEnd::MetadataBlock(_),
            ) => {
                self.close_leaf();
                self.frames.pop();
            }
            Event::Rule => self.block_starts(),
            other => self.inline(other, range),
        }
    }

    /// A block starts: a tight item's text ends, and the enclosing item has begun.
    fn block_starts(&mut self) {
        if matches!(self.leaf.as_ref().map(|l| l.kind), Some(LeafKind::ItemText)) {
            self.close_leaf();
        }
        if let Some(Frame::Item(b)) = self.frames.last()
            && let Some(build) = self.builds.get_mut(b)
        {
            build.started = true;
        }
    }

    fn open_leaf(&mut self, kind: LeafKind, start: usize, item: Option<usize>) {
        self.flush();
        self.leaf = Some(Leaf {
            kind,
            start,
            end: start,
            item,
            markers: Vec::new(),
            text: String::new(),
        });
    }

    fn close_leaf(&mut self) {
        if let Some(leaf) = self.leaf.take() {
            self.flush();
            self.pending = Some(leaf);
        }
    }

    fn inline(&mut self, event: Event, range: Range<usize>) {
        if self.leaf.is_none() {
            match self.frames.last() {
                Some(Frame::Item(b)) => {
                    let b = *b;
                    let Some(build) = self.builds.get_mut(&b) else {
                        return;
                    };
                    build.started = true;
                    let start = build.start;
                    self.open_leaf(LeafKind::ItemText, start, Some(b));
                }
                _ => return,
            }
        }
        let build = self.frames.iter().rev().find_map(|f| match f {
            Frame::Item(b) => Some(*b),
            _ => None,
        });
        let Some(leaf) = self.leaf.as_mut() else {
            return;
        };
        leaf.end = leaf.end.max(range.end);
        let build = build.and_then(|b| self.builds.get_mut(&b));
        match event {
            Event::TaskListMarker(checked) => {
                if let Some(b) = build {
                    b.task = Some((checked, range.start));
                }
            }
            Event::Start(Tag::Strikethrough) => self.strike += 1,
            Event::End(TagEnd::Strikethrough) => self.strike = self.strike.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(b) = build {
                    if b.url.is_none() {
                        b.url = Some(dest_url.to_string());
                        b.in_link = true;
                    }
                    if self.strike > 0 {
                        b.skipped = true;
                    }
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some(b) = build {
                    b.in_link = false;
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if leaf.kind == LeafKind::Heading {
                    leaf.text.push_str(&t);
                }
                if let Some(b) = build {
                    if self.strike > 0 && b.task.is_some() && b.url.is_none() {
                        b.skipped = true;
                    }
                    if b.in_link && b.title.len() < 4096 {
                        b.title.push_str(&t);
                    } else if b.url.is_none() && b.plain.len() < 4096 {
                        b.plain.push_str(&t);
                    }
                }
            }
            Event::InlineHtml(h) | Event::Html(h) => {
                if h.contains("pathwise:")
                    && let Some(m) = marker::parse(&h)
                    && m.id != BlockId::Index
                {
                    leaf.markers.push((range, m));
                }
            }
            _ => {}
        }
    }

    /// An HTML block: the index, a marker standing on its own, or a marker a formatter moved
    /// onto the line after its block.
    fn html_block(&mut self, start: usize, end: usize) {
        let block_text = &self.text[start..end];
        if !block_text.contains("pathwise:") {
            return;
        }
        let found = marker::find_all(block_text);
        let block_line = self.lines.line(start);
        let end = trim_newline(self.text, start, end);
        for (r, m) in found {
            let r = r.start + start..r.end + start;
            if m.id == BlockId::Diagram {
                // The diagram's marker stands alone, before the fence it belongs to.
                self.flush();
                let s = self.lines.start_of(start);
                self.push_span(BlockId::Diagram, s, r.end, end);
                continue;
            }
            if m.id == BlockId::Index {
                self.flush();
                if self.out.index.is_none() {
                    self.out.index = Some(marker::parse_index(&m.rest));
                }
                let s = self.lines.start_of(start);
                self.push_span(BlockId::Index, s, r.end, end);
                continue;
            }
            // Attached to the block just before it, when nothing separates them.
            let attach = self.pending.as_ref().is_some_and(|p| {
                self.lines.line(p.end) + 1 == block_line
                    && match &m.id {
                        BlockId::Item { .. } => p.item.is_some(),
                        _ => true,
                    }
            });
            if attach {
                let p = self.pending.as_mut().expect("checked");
                p.markers.push((r, m));
                p.end = end;
            } else {
                self.flush();
                let s = self.lines.start_of(r.start).max(start);
                self.place(vec![(r, m)], s, end, None);
            }
        }
    }

    /// Turns the pending leaf's markers into spans, and its task box into an own task if it
    /// carries no item marker.
    fn flush(&mut self) {
        let Some(leaf) = self.pending.take() else {
            return;
        };
        if leaf.kind == LeafKind::Heading
            && let Some((_, m)) = leaf.markers.first()
            && let BlockId::Topic(t) = &m.id
        {
            let title = leaf.text.trim();
            let title = title
                .split_once(". ")
                .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
                .map_or(title, |(_, rest)| rest)
                .trim();
            self.out
                .titles
                .entry(t.clone())
                .or_insert_with(|| title.to_string());
        }
        let has_item = leaf
            .markers
            .iter()
            .any(|(_, m)| matches!(m.id, BlockId::Item { .. }));
        if !has_item
            && let Some(build) = leaf.item.and_then(|b| self.builds.get(&b))
            && let Some((checked, _)) = build.task
        {
            let skipped = build.skipped;
            match self.out.own_tasks.get_mut(&self.current_topic) {
                Some(t) => t.add(checked, skipped),
                None => {
                    let mut t = OwnTasks::default();
                    t.add(checked, skipped);
                    self.out.own_tasks.insert(self.current_topic.clone(), t);
                }
            }
        }
        if !leaf.markers.is_empty() {
            let start = self.lines.start_of(leaf.start);
            self.place(leaf.markers, start, leaf.end, leaf.item);
        }
        if let Some(b) = leaf.item
            && self.builds.get(&b).is_some_and(|x| x.closed)
        {
            self.builds.remove(&b);
        }
    }

    /// Spans for the markers of one block that starts at `start` and whose text ends at `end`.
    fn place(
        &mut self,
        markers: Vec<(Range<usize>, Marker)>,
        start: usize,
        end: usize,
        item: Option<usize>,
    ) {
        let n = markers.len();
        let mut from = start;
        let mut first_item = true;
        for (i, (r, m)) in markers.into_iter().enumerate() {
            let r_end = r.end.min(self.text.len());
            // pathwise's text starts at the last line (before the marker) that starts the way
            // the block does; the person's lines before it stay theirs.
            let s = match (&m.id, i) {
                (BlockId::Item { .. }, 0) => from,
                _ => self.block_start(&m.id, from, r.start).unwrap_or(from),
            };
            // The last marker's tail runs to the end of the block's last line: spaces at the end
            // of a line, a heading's closing `#`s, are the person's too.
            let tail_end = if i + 1 == n {
                let e = end.max(r_end);
                memchr::memchr(b'\n', &self.text.as_bytes()[e..]).map_or(self.text.len(), |j| e + j)
            } else {
                r_end
            };
            let span_start = s;
            if let BlockId::Item { resource, topic } = &m.id {
                let fields = m.item.clone().unwrap_or_default();
                let line = self.lines.line(span_start);
                let (tick, skipped, title, url) = match item.filter(|_| first_item) {
                    Some(b) => self.item_box(b, resource, line),
                    None => (Tick::Open, false, resource.clone(), None),
                };
                first_item = false;
                self.out.items.push(Item {
                    resource: resource.clone(),
                    topic: topic.clone(),
                    area: fields.area,
                    week: fields.week,
                    hours: fields.hours,
                    optional: fields.optional,
                    tick,
                    skipped,
                    title,
                    url,
                    line,
                });
            }
            self.push_span(m.id, span_start, r_end, tail_end);
            from = r_end;
        }
    }

    /// Where pathwise's text for `id` starts between `from` and the marker at `marker`.
    fn block_start(&self, id: &BlockId, from: usize, marker: usize) -> Option<usize> {
        let seg = &self.text[from..marker];
        let mut line_end = seg.len();
        loop {
            let line_start = seg[..line_end].rfind('\n').map_or(0, |i| i + 1);
            if id.starts_at(&seg[line_start..line_end]) {
                return Some(from + line_start);
            }
            if line_start == 0 {
                return None;
            }
            line_end = line_start - 1;
        }
    }

    /// The box, strike-through, title and link of a task item.
    fn item_box(
        &mut self,
        b: usize,
        resource: &str,
        line: usize,
    ) -> (Tick, bool, String, Option<String>) {
        let Some(build) = self.builds.get(&b) else {
            return (Tick::Open, false, resource.to_string(), None);
        };
        let tick = match build.task {
            Some((true, at)) => Tick::Done(if self.text.as_bytes().get(at + 1) == Some(&b'X') {
                'X'
            } else {
                'x'
            }),
            Some((false, _)) => Tick::Open,
            None => match odd_box(&self.text[build.start..]) {
                Some(s) => {
                    self.out
                        .unreadable
                        .push((line, s.clone(), resource.to_string()));
                    Tick::Unreadable(s)
                }
                None => Tick::Open,
            },
        };
        let title = if build.url.is_some() {
            &build.title
        } else {
            &build.plain
        };
        (
            tick,
            build.skipped,
            title.trim().to_string(),
            build.url.clone(),
        )
    }

    fn push_span(&mut self, id: BlockId, start: usize, end: usize, tail_end: usize) {
        let start = match self.out.spans.last() {
            Some(last) if start < last.tail_end => last.tail_end,
            _ => start,
        };
        let end = end.max(start);
        let line = self.lines.line(start);
        // A task of the person's belongs to the topic of the block it follows.
        self.current_topic = id.topic().map(String::from);
        self.out.spans.push(Span {
            id,
            start,
            end,
            tail_end: tail_end.max(end),
            line,
        });
    }
}

/// The end of a block without its final line break.
fn trim_newline(text: &str, start: usize, end: usize) -> usize {
    let mut e = end.min(text.len());
    while e > start && text.as_bytes()[e - 1] == b'\n' {
        e -= 1;
    }
    e
}

/// A box pulldown-cmark did not read as one (`[✓]`, `[x ]`, `[]`): what is between its brackets.
fn odd_box(item: &str) -> Option<String> {
    let rest = item
        .trim_start()
        .trim_start_matches(['-', '*', '+'])
        .trim_start_matches(|c: char| c.is_ascii_digit());
    let rest = rest.strip_prefix(['.', ')']).unwrap_or(rest).trim_start();
    let inner = rest.strip_prefix('[')?;
    let close = inner.find(']')?;
    let content = &inner[..close];
    if content.chars().count() > 3 || content.contains(['[', '\n']) {
        return None;
    }
    let after = &inner[close + 1..];
    if after.starts_with('(') || after.starts_with('[') {
        return None;
    }
    Some(content.to_string())
}

/// In a file written before every block carried a marker: lines recognised as the old versions
/// wrote them.
fn legacy_spans(text: &str, body_start: usize, out: &mut Body) {
    let mut found: Vec<Span> = Vec::new();
    let mut topic: Option<String> = None;
    let mut marked = out.spans.iter().peekable();
    let mut at = body_start;
    let mut line_no = text[..body_start].bytes().filter(|&b| b == b'\n').count() + 1;
    let mut after_prereq = false;
    let mut in_fence: Option<usize> = None;
    while at < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[at..]).map_or(text.len(), |i| at + i);
        let l = text[at..end].trim_end();
        while marked.peek().is_some_and(|s| s.tail_end < at) {
            marked.next();
        }
        if let Some(s) = marked.peek()
            && s.start <= at
        {
            if let Some(t) = s.id.topic() {
                topic = Some(t.to_string());
            }
        } else if let Some(fs) = in_fence {
            if l == "```" {
                found.push(Span {
                    id: BlockId::Diagram,
                    start: fs,
                    end,
                    tail_end: end,
                    line: text[..fs].bytes().filter(|&b| b == b'\n').count() + 1,
                });
                in_fence = None;
            }
        } else {
            let t = || topic.clone().unwrap_or_default();
            let id = if l.starts_with("# Learning plan") {
                Some(BlockId::Title)
            } else if let Some(w) = l.strip_prefix("## Week ") {
                w.trim().parse().ok().map(BlockId::Week)
            } else if l == "## Prerequisites" {
                after_prereq = true;
                Some(BlockId::Prerequisites)
            } else if l.starts_with('_') && l.contains(" · why: ") {
                Some(BlockId::Why(t()))
            } else if l.starts_with("Goals: ") {
                Some(BlockId::Summary)
            } else if l.starts_with("Skipped, because you know them: ") {
                Some(BlockId::Skipped)
            } else if l.starts_with("Tick an item with `[x]` when done") {
                Some(BlockId::HowTo)
            } else if l.starts_with("Continue with: ") {
                Some(BlockId::Continues(t()))
            } else if l.starts_with("No listed resource fits your choices") {
                Some(BlockId::Unresourced(t()))
            } else if l.starts_with("Nothing to learn: ") {
                Some(BlockId::Nothing)
            } else if l == "## Notes kept from an earlier version" {
                // A heading of the old versions: what follows it is the person's.
                Some(BlockId::Index)
            } else {
                None
            };
            if l == "```mermaid" && after_prereq {
                in_fence = Some(at);
                after_prereq = false;
            } else if let Some(id) = id {
                found.push(Span {
                    id,
                    start: at,
                    end,
                    tail_end: end,
                    line: line_no,
                });
            }
        }
        at = end + 1;
        line_no += 1;
    }
    if found.is_empty() {
        return;
    }
    // Merge with the marked spans, in file order.
    let mut merged = Vec::with_capacity(out.spans.len() + found.len());
    let mut a = std::mem::take(&mut out.spans).into_iter().peekable();
    let mut b = found.into_iter().peekable();
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => x.start <= y.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let s = if take_a { a.next() } else { b.next() }.expect("peeked");
        merged.push(s);
    }
    out.spans = merged;
}
