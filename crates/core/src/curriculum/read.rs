//! The curriculum schema, and the one reader of curriculum files: typed items from YAML nodes,
//! collecting every problem on the way.
//!
//! Each item type is described once, by the function that reads it (`read_area`,
//! `read_topic`, …): the keys it asks for, in order, what each must hold, and what to write when
//! one is missing. The keys a mapping may have, named in messages about unknown keys, are the
//! keys its reader asked for. Every file is read by these functions, whichever parser made the
//! nodes: the plain-YAML subset reader hands over the items of a large file one at a time, and
//! a file outside the subset is parsed whole by serde-saphyr into the same nodes.

use crate::diag::{Diagnostic, codes, did_you_mean};
use crate::yaml::{self, LineIndex, Pos, Span, SpannedNode as Node, SpannedValue as Value};

use super::model::{
    AnswerValue, Area, Choice, Companion, Condition, Cost, Kind, Level, Origin, Part, Question,
    QuestionKind, Ref, Resource, ResourceExtra, Setting, Status, Str, Topic,
};

/// Collects the diagnostics of one file, and finds lines and columns in it.
pub struct FileCtx<'a> {
    pub name: &'a str,
    pub file: usize,
    pub diags: Vec<Diagnostic>,
    lines: LineIndex<'a>,
}

impl<'a> FileCtx<'a> {
    /// For the file of this display name and index, whose text (without its byte order mark)
    /// the nodes' spans point into.
    pub fn new(name: &'a str, file: usize, text: &'a str) -> Self {
        FileCtx {
            name,
            file,
            diags: Vec::new(),
            lines: LineIndex::new(text),
        }
    }

    /// The line and column where a span starts.
    pub fn pos(&mut self, span: Span) -> Pos {
        Pos::at(&mut self.lines, span.start)
    }

    /// Reports a problem at a span.
    pub fn error(&mut self, at: Span, message: impl Into<String>) -> &mut Diagnostic {
        let pos = self.pos(at);
        self.error_at(Some(pos), message)
    }

    /// Reports a problem at a line and column, or about the whole file.
    pub fn error_at(&mut self, pos: Option<Pos>, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::new(self.name, pos, message));
        self.diags.last_mut().expect("just pushed")
    }

    /// Reports a cosmetic flaw at a span: the item is used, with the fallback the message names.
    pub fn warn(&mut self, at: Span, message: impl Into<String>) -> &mut Diagnostic {
        let pos = self.pos(at);
        self.diags
            .push(Diagnostic::warning(self.name, Some(pos), message));
        self.diags.last_mut().expect("just pushed")
    }

    fn origin(&mut self, at: Span) -> Origin {
        Origin {
            file: self.file,
            pos: self.pos(at),
        }
    }
}

/// Whether `s` is a lowercase kebab-case id (`numpy-arrays`); `underscores` also allows `_`
/// between words (question ids such as `hours_per_week`).
pub fn is_valid_id(s: &str, underscores: bool) -> bool {
    !s.is_empty()
        && s.len() <= 100
        && s.split(|c| c == '-' || (underscores && c == '_')).all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// The most keys whose use one mapping reader remembers in a word; mappings with more (only
/// hostile ones) use a list.
const SMALL: usize = 64;

/// Which entries of a mapping were read.
enum Used {
    Small(u64),
    Large(Vec<bool>),
}

impl Used {
    fn new(n: usize) -> Used {
        if n <= SMALL {
            Used::Small(0)
        } else {
            Used::Large(vec![false; n])
        }
    }
    fn set(&mut self, i: usize) {
        match self {
            Used::Small(bits) => *bits |= 1 << i,
            Used::Large(v) => v[i] = true,
        }
    }
    fn get(&self, i: usize) -> bool {
        match self {
            Used::Small(bits) => bits & (1 << i) != 0,
            Used::Large(v) => v[i],
        }
    }
}

/// The most keys one item type asks for (a few twice).
const MAX_FIELDS: usize = 32;

/// Reads the fields of one mapping, remembering which keys were asked for (the keys the
/// mapping may have) and which were used, so that the rest can be reported as unknown.
pub struct MapReader<'n, 'a> {
    pub span: Span,
    what: &'static str,
    entries: &'n [(Node<'a>, Node<'a>)],
    used: Used,
    asked: [&'static str; MAX_FIELDS],
    asked_count: usize,
    /// Where to start looking for the next key asked for.
    next: usize,
    /// The item's id once known, for messages ("topic `numpy`: …").
    id: Option<&'n str>,
    /// How messages name the item, when not by its kind and id ("a part of resource `x`").
    named: Option<String>,
}

impl<'n, 'a> MapReader<'n, 'a> {
    pub fn new(ctx: &mut FileCtx, node: &'n Node<'a>, what: &'static str) -> Option<Self> {
        let Value::Map(entries) = &node.value else {
            ctx.error(
                node.span,
                format!(
                    "expected a {what} (a mapping of keys to values), found {}",
                    yaml::kind_name(&node.value)
                ),
            )
            .help(format!(
                "write each {what} as `- id: …` followed by its other keys, indented"
            ));
            return None;
        };
        for (k, _) in entries {
            if k.value.as_str().is_none() {
                ctx.error(
                    k.span,
                    format!(
                        "keys of a {what} are names, found {}",
                        yaml::kind_name(&k.value)
                    ),
                );
            }
        }
        Some(MapReader {
            span: node.span,
            what,
            entries,
            used: Used::new(entries.len()),
            asked: [""; MAX_FIELDS],
            asked_count: 0,
            next: 0,
            id: None,
            named: None,
        })
    }

    /// How messages name the item: "topic `numpy`", or "this topic" before its id is known.
    pub fn label(&self) -> String {
        if let Some(named) = &self.named {
            return named.clone();
        }
        match self.id {
            Some(id) => format!("{} `{id}`", self.what),
            None => format!("this {}", self.what),
        }
    }

    /// The value under `key`, if present. Every key a reader asks for is one the mapping may
    /// have.
    pub fn get(&mut self, key: &'static str) -> Option<&'n Node<'a>> {
        // Repeats are dropped when the list is needed, for a message.
        if self.asked_count < MAX_FIELDS {
            self.asked[self.asked_count] = key;
            self.asked_count += 1;
        }
        // Keys are mostly asked for in the order they are written: look from the last one on.
        let n = self.entries.len();
        let i = (self.next..n).chain(0..self.next).find(|&i| {
            // Lengths and first bytes first: most keys differ there.
            self.entries[i].0.value.as_str().is_some_and(|k| {
                k.len() == key.len() && k.as_bytes().first() == key.as_bytes().first() && k == key
            })
        })?;
        self.next = i + 1;
        self.used.set(i);
        Some(&self.entries[i].1)
    }

    /// Reports a value of the wrong kind: "`hours` of topic `x` must be a number, found text".
    fn must<'c>(
        &self,
        ctx: &'c mut FileCtx,
        n: &Node,
        key: &str,
        rule: &str,
    ) -> &'c mut Diagnostic {
        let found = yaml::kind_name(&n.value);
        ctx.error(
            n.span,
            format!("`{key}` of {} must {rule}, found {found}", self.label()),
        )
    }

    fn missing(&self, ctx: &mut FileCtx, key: &str, example: &str) {
        ctx.error(self.span, format!("{} has no `{key}`", self.label()))
            .help(format!("add `{key}: {example}` to it"));
    }

    /// Required text; empty text is a problem (ids, references, prompts: nothing stands in for
    /// them).
    pub fn text(
        &mut self,
        ctx: &mut FileCtx,
        key: &'static str,
        example: &str,
    ) -> Option<(&'n str, Span)> {
        match self.get(key) {
            None => {
                self.missing(ctx, key, example);
                None
            }
            Some(n) => match self.text_of(ctx, n, key)? {
                Text::Some(s, span) => Some((s, span)),
                Text::Empty => {
                    ctx.error(n.span, format!("`{key}` of {} is empty", self.label()))
                        .help(format!("give `{key}` a value"));
                    None
                }
            },
        }
    }

    /// Required text that something else can stand in for (a title, a summary, a label): when
    /// it is empty, only spaces or left blank, that is a warning saying what is shown instead
    /// and `Some(None)` is returned. Missing or of the wrong kind, it is a problem (`None`).
    pub fn cosmetic_text(
        &mut self,
        ctx: &mut FileCtx,
        key: &'static str,
        example: &str,
        instead: &str,
    ) -> Option<Option<&'n str>> {
        let Some(n) = self.get(key) else {
            self.missing(ctx, key, example);
            return None;
        };
        match self.text_of(ctx, n, key)? {
            Text::Some(s, _) => Some(Some(s)),
            Text::Empty => {
                self.empty_warning(ctx, n, key, instead, true);
                Some(None)
            }
        }
    }

    /// Warns of text left empty; `instead` says what is shown instead. A key that must be
    /// there is to be filled in; an optional one may go.
    fn empty_warning(&self, ctx: &mut FileCtx, n: &Node, key: &str, instead: &str, required: bool) {
        let what = key.replace('_', " ");
        ctx.warn(n.span, format!("`{key}` of {} is empty", self.label()))
            .label(instead.to_string())
            .help(if required {
                format!("write a {what} for it")
            } else {
                format!("write the {what}, or remove `{key}`")
            })
            .code(codes::EMPTY_TEXT);
    }

    /// Optional text: absent or null is `None`. Empty text (or only spaces) is `None` too,
    /// with a warning when `cosmetic`, and a problem otherwise (a value whose presence means
    /// something).
    pub fn opt_text(
        &mut self,
        ctx: &mut FileCtx,
        key: &'static str,
        cosmetic: bool,
    ) -> Option<String> {
        let n = self.get(key)?;
        if n.value == Value::Null {
            return None;
        }
        match self.text_of(ctx, n, key)? {
            Text::Some(s, _) => Some(s.to_string()),
            Text::Empty if cosmetic => {
                self.empty_warning(ctx, n, key, "ignored", false);
                None
            }
            Text::Empty => {
                ctx.error(n.span, format!("`{key}` of {} is empty", self.label()))
                    .help(format!("give `{key}` a value, or remove it"));
                None
            }
        }
    }

    /// Text, `Text::Empty` when it is empty, only spaces or null, or `None` (reported) when it
    /// is not text or too long.
    fn text_of(&self, ctx: &mut FileCtx, n: &'n Node<'a>, key: &str) -> Option<Text<'n>> {
        match &n.value {
            Value::Null => Some(Text::Empty),
            Value::Str(s) if s.trim().is_empty() => Some(Text::Empty),
            Value::Str(s) if s.len() > MAX_TEXT => {
                ctx.error(
                    n.span,
                    format!(
                        "`{key}` of {} is {} bytes long; the limit is 100000",
                        self.label(),
                        s.len()
                    ),
                );
                None
            }
            Value::Str(s) => Some(Text::Some(s, n.span)),
            Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
                self.must(ctx, n, key, "be text")
                    .help("put the value in quotes to make it text");
                None
            }
            _ => {
                self.must(ctx, n, key, "be text");
                None
            }
        }
    }

    /// The item's `id`, which names it in later messages.
    pub fn id(&mut self, ctx: &mut FileCtx, underscores: bool) -> Option<(&'n str, Span)> {
        let (id, span) = self.text(ctx, "id", "some-id")?;
        if !is_valid_id(id, underscores) {
            ctx.error(span, format!("`{id}` is not a valid id"))
                .label("ids are lowercase words joined by hyphens")
                .help(format!(
                    "use lowercase letters, digits and single hyphens{}, like `{}`",
                    if underscores { " or underscores" } else { "" },
                    suggest_id(id)
                ));
            return None;
        }
        self.id = Some(id);
        Some((id, span))
    }

    /// A number of hours, greater than 0 and at most 1000.
    pub fn hours(&mut self, ctx: &mut FileCtx, key: &'static str) -> Option<f64> {
        let Some(n) = self.get(key) else {
            self.missing(ctx, key, "4");
            return None;
        };
        let h = match n.value {
            Value::Int(i) => i as f64,
            Value::Float(f) => f,
            _ => {
                self.must(ctx, n, key, "be a number of hours").help("write a number greater than 0 and at most 1000, like `hours: 6` or `hours: 1.5`");
                return None;
            }
        };
        if !hours_ok(h) {
            ctx.error(
                n.span,
                format!(
                    "`{key}` of {} is {}, outside the allowed range",
                    self.label(),
                    show_number(h)
                ),
            )
            .label("must be greater than 0 and at most 1000")
            .help("give an honest estimate in hours, greater than 0 and at most 1000");
            return None;
        }
        Some(h)
    }

    /// An optional finite number.
    pub fn number(&mut self, ctx: &mut FileCtx, key: &'static str) -> Option<f64> {
        let n = self.get(key)?;
        match n.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) if f.is_finite() => Some(f),
            _ => {
                self.must(ctx, n, key, "be a finite number");
                None
            }
        }
    }

    /// An optional boolean.
    pub fn bool(&mut self, ctx: &mut FileCtx, key: &'static str) -> Option<bool> {
        let n = self.get(key)?;
        match n.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.must(ctx, n, key, "be `true` or `false`");
                None
            }
        }
    }

    /// A list of ids (a single id is accepted as a list of one); absent or null is empty.
    pub fn refs(&mut self, ctx: &mut FileCtx, key: &'static str, underscores: bool) -> Vec<Ref> {
        let Some(n) = self.get(key) else {
            return Vec::new();
        };
        let items: &[Node] = match &n.value {
            Value::Null => return Vec::new(),
            Value::Seq(items) => items,
            Value::Str(_) => std::slice::from_ref(n),
            _ => {
                self.must(ctx, n, key, "be a list of ids")
                    .help(format!("write it as `{key}: [first-id, second-id]`"));
                return Vec::new();
            }
        };
        // Exactly as long as needed: most lists have one or two ids.
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match &item.value {
                Value::Str(s) if is_valid_id(s, underscores) => out.push(Ref {
                    id: Str::from(s.as_ref()),
                    pos: ctx.pos(item.span),
                }),
                Value::Str(s) => {
                    ctx.error(
                        item.span,
                        format!("`{s}` in `{key}` of {} is not a valid id", self.label()),
                    )
                    .help(format!(
                        "ids are lowercase words joined by hyphens, like `{}`",
                        suggest_id(s)
                    ));
                }
                _ => {
                    self.must(ctx, item, key, "list ids");
                }
            }
        }
        out
    }

    /// An optional value from a closed set of names: absent is `None`, not a problem.
    pub fn opt_choice<T: Copy>(
        &mut self,
        ctx: &mut FileCtx,
        key: &'static str,
        parse: fn(&str) -> Option<T>,
        names: &[&'static str],
    ) -> Option<T> {
        self.get(key)?;
        self.choice(ctx, key, parse, names, None)
    }

    /// A value from a closed set of names; when absent, `default`, or a problem if there is
    /// none.
    pub fn choice<T: Copy>(
        &mut self,
        ctx: &mut FileCtx,
        key: &'static str,
        parse: fn(&str) -> Option<T>,
        names: &[&'static str],
        default: Option<T>,
    ) -> Option<T> {
        let Some(n) = self.get(key) else {
            if default.is_none() {
                self.missing(ctx, key, names[0]);
            }
            return default;
        };
        let Value::Str(s) = &n.value else {
            self.must(ctx, n, key, &format!("be one of {}", list(names)));
            return None;
        };
        match parse(s) {
            Some(v) => Some(v),
            None => {
                let help = match did_you_mean(s, names.iter().copied()) {
                    Some(m) => format!("did you mean `{m}`? The {key}s are {}", list(names)),
                    None => format!("use one of {}", list(names)),
                };
                ctx.error(n.span, format!("unknown {key} `{s}` in {}", self.label()))
                    .label(format!("not a {key}"))
                    .help(help);
                None
            }
        }
    }

    /// Reports every key that was not read; the keys asked for are the ones a mapping of this
    /// kind may have.
    pub fn finish(self, ctx: &mut FileCtx) {
        let mut known: Vec<&str> = Vec::new();
        for (i, (k, _)) in self.entries.iter().enumerate() {
            let Some(key) = k.value.as_str() else {
                continue;
            };
            if self.used.get(i) {
                continue;
            }
            if known.is_empty() {
                for k in &self.asked[..self.asked_count] {
                    if !known.contains(k) {
                        known.push(k);
                    }
                }
            }
            let help = match did_you_mean(key, known.iter().copied()) {
                Some(m) => format!(
                    "did you mean `{m}`? A {} has the keys {}",
                    self.what,
                    list(&known)
                ),
                None => format!("remove it; a {} has the keys {}", self.what, list(&known)),
            };
            ctx.error(k.span, format!("unknown key `{key}` in {}", self.label()))
                .label("not a known key")
                .help(help);
        }
    }
}

/// A text field's value.
enum Text<'n> {
    Some(&'n str, Span),
    /// Empty, only spaces, or left blank.
    Empty,
}

/// The longest text a field may hold.
pub const MAX_TEXT: usize = 100_000;

/// Whether a number of hours is acceptable.
pub fn hours_ok(h: f64) -> bool {
    h.is_finite() && h > 0.0 && h <= 1000.0
}

fn show_number(h: f64) -> String {
    if h.is_nan() {
        "not a number".into()
    } else if h.is_infinite() {
        "infinite".into()
    } else {
        format!("{h}")
    }
}

/// `a`, `b` and `c` for messages.
pub fn list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

fn suggest_id(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "my-topic".into()
    } else {
        out
    }
}

/// Everything read from one file.
#[derive(Default)]
pub struct FileItems {
    pub areas: Vec<Area>,
    pub topics: Vec<Topic>,
    pub resources: Vec<Resource>,
    pub questions: Vec<Question>,
}

impl FileItems {
    /// Items are kept for the whole run: gives back what growing the lists reserved.
    fn shrink(&mut self) {
        self.areas.shrink_to_fit();
        self.topics.shrink_to_fit();
        self.resources.shrink_to_fit();
    }
}

/// The keys at the top of a curriculum file, each a list of the items in [`SECTIONS`].
const TOP_KEYS: &[&str] = &["areas", "topics", "resources", "questions"];
const SECTIONS: [Section; 4] = [
    Section::Areas,
    Section::Topics,
    Section::Resources,
    Section::Questions,
];

#[derive(Clone, Copy)]
enum Section {
    Areas,
    Topics,
    Resources,
    Questions,
}

/// Reads the items of one file: its text (without a byte order mark) and the context the nodes'
/// spans point into. The subset reader hands over the items of each list one at a time; if the
/// file turns out to be outside the subset, what was read is dropped and the file is parsed
/// whole by the general parser.
pub fn read_file(ctx: &mut FileCtx, text: &str) -> FileItems {
    let mut items = FileItems::default();
    let before = ctx.diags.len();
    match read_entries(ctx, text, &mut items) {
        Ok(true) => items,
        Ok(false) => {
            empty_file(ctx);
            items
        }
        Err(plain_yaml::Unsupported { .. }) => {
            ctx.diags.truncate(before);
            read_general(ctx, text)
        }
    }
}

/// Reads a file parsed whole by the general parser.
fn read_general(ctx: &mut FileCtx, text: &str) -> FileItems {
    let mut items = FileItems::default();
    match yaml::parse_general(text) {
        Ok(Some(root)) if root.value != Value::Null => read_root(ctx, &root, &mut items),
        Ok(_) => empty_file(ctx),
        Err(e) => {
            let (message, help) = e.explain();
            ctx.error_at(e.pos, message).help(help.unwrap_or_else(|| {
                "fix the YAML at this position; check indentation, colons and brackets".into()
            }));
        }
    }
    items.shrink();
    items
}

fn empty_file(ctx: &mut FileCtx) {
    ctx.error_at(None, "the file is empty")
        .help("add `areas:`, `topics:`, `resources:` or `questions:` to it, or remove it");
}

/// Reads the file with the subset reader; whether it holds anything.
fn read_entries(
    ctx: &mut FileCtx,
    text: &str,
    items: &mut FileItems,
) -> Result<bool, plain_yaml::Unsupported> {
    let mut any = false;
    let mut list: Option<Section> = None;
    for entry in plain_yaml::entries(text) {
        any = true;
        match entry? {
            plain_yaml::Entry::Root(root) => read_root(ctx, &root, items),
            plain_yaml::Entry::Pair(key, value) => {
                list = None;
                if let Some(section) = section(ctx, &key) {
                    read_list(ctx, section, &key, &value, items);
                }
            }
            plain_yaml::Entry::List(key) => list = section(ctx, &key),
            plain_yaml::Entry::Item(item) => {
                if let Some(section) = list {
                    read_item(ctx, section, &item, items);
                }
            }
        }
    }
    items.shrink();
    Ok(any)
}

/// Reads a whole document.
fn read_root(ctx: &mut FileCtx, root: &Node, items: &mut FileItems) {
    let Value::Map(entries) = &root.value else {
        ctx.error(
            root.span,
            format!(
                "a curriculum file is a mapping with the keys {}, found {}",
                list(TOP_KEYS),
                yaml::kind_name(&root.value)
            ),
        )
        .help("start the file with a line such as `topics:` and list the items under it");
        return;
    };
    for (key, value) in entries {
        if let Some(section) = section(ctx, key) {
            read_list(ctx, section, key, value, items);
        }
    }
}

/// Which list a key at the top of the file starts, or `None` (reported) if it is not one.
fn section(ctx: &mut FileCtx, key: &Node) -> Option<Section> {
    let Value::Str(name) = &key.value else {
        ctx.error(
            key.span,
            format!(
                "expected one of {}, found {}",
                list(TOP_KEYS),
                yaml::kind_name(&key.value)
            ),
        );
        return None;
    };
    match TOP_KEYS.iter().position(|k| k == name) {
        Some(i) => Some(SECTIONS[i]),
        None => {
            let help = match did_you_mean(name, TOP_KEYS.iter().copied()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("a curriculum file has the keys {}", list(TOP_KEYS)),
            };
            ctx.error(
                key.span,
                format!("unknown key `{name}` at the top of the file"),
            )
            .label("not a known key")
            .help(help);
            None
        }
    }
}

/// Reads the items of a list under a top key given whole.
fn read_list(ctx: &mut FileCtx, section: Section, key: &Node, value: &Node, items: &mut FileItems) {
    match &value.value {
        Value::Seq(list) => {
            for item in list {
                read_item(ctx, section, item, items);
            }
        }
        Value::Null => {}
        _ => {
            let key = key.value.as_str().unwrap_or_default();
            ctx.error(
                value.span,
                format!(
                    "`{key}` must be a list, found {}",
                    yaml::kind_name(&value.value)
                ),
            )
            .help(format!("write each item under `{key}:` as `  - id: …`"));
        }
    }
}

fn read_item(ctx: &mut FileCtx, section: Section, item: &Node, items: &mut FileItems) {
    match section {
        Section::Areas => items.areas.extend(read_area(ctx, item)),
        Section::Topics => items.topics.extend(read_topic(ctx, item)),
        Section::Resources => items.resources.extend(read_resource(ctx, item)),
        Section::Questions => items.questions.extend(read_question(ctx, item)),
    }
}

/// Reads the fields of an item. An empty mapping is one problem, not one for each key it lacks.
fn item<'n, 'a>(
    ctx: &mut FileCtx,
    n: &'n Node<'a>,
    what: &'static str,
) -> Option<MapReader<'n, 'a>> {
    if matches!(&n.value, Value::Map(entries) if entries.is_empty()) {
        ctx.error(n.span, format!("this {what} is empty"))
            .help(format!(
                "give it `id: …` and the other keys of a {what}, or remove it"
            ));
        return None;
    }
    MapReader::new(ctx, n, what)
}

/// An item's title: the id stands in for an empty one (a warning); missing or wrong, empty (a
/// problem, reported).
fn title_or_id(
    ctx: &mut FileCtx,
    m: &mut MapReader,
    id: Option<(&str, Span)>,
) -> Option<Option<Str>> {
    let instead = match id {
        Some((id, _)) => format!("shown as its id, `{id}`"),
        None => "shown as its id".to_string(),
    };
    let title = m.cosmetic_text(ctx, "title", "A title", &instead)?;
    Some(match (title, id) {
        (Some(t), _) => Some(Str::from(t)),
        (None, Some((id, _))) => Some(Str::from(id)),
        (None, None) => None,
    })
}

/// A summary, empty when it was left empty (a warning) or is missing or wrong (a problem).
fn summary(ctx: &mut FileCtx, m: &mut MapReader, example: &str) -> Str {
    m.cosmetic_text(ctx, "summary", example, "no summary is shown")
        .flatten()
        .map_or_else(Str::default, Str::from)
}

fn read_area(ctx: &mut FileCtx, n: &Node) -> Option<Area> {
    let mut m = item(ctx, n, "area")?;
    // Places are found in the order they are written: the item first.
    let origin = ctx.origin(n.span);
    let id = m.id(ctx, false);
    let title = title_or_id(ctx, &mut m, id);
    let summary = summary(ctx, &mut m, "What this area is about.");
    m.finish(ctx);
    // An item with a bad field is still returned (the diagnostics already stop the load), so
    // that references to it and from it are checked too.
    Some(Area {
        id: Str::from(id?.0),
        title: title.flatten().unwrap_or_default(),
        summary,
        origin,
    })
}

fn read_topic(ctx: &mut FileCtx, n: &Node) -> Option<Topic> {
    let mut m = item(ctx, n, "topic")?;
    // Places are found in the order they are written: the item first.
    let origin = ctx.origin(n.span);
    let id = m.id(ctx, false);
    let title = title_or_id(ctx, &mut m, id);
    let area = m.text(ctx, "area", "learn");
    let requires = m.refs(ctx, "requires", false);
    let hours = m.hours(ctx, "hours");
    let summary = summary(ctx, &mut m, "What this topic teaches.");
    m.finish(ctx);
    let id = Str::from(id?.0);
    let area = match area {
        Some((area, at)) => Ref {
            id: Str::from(area),
            pos: ctx.pos(at),
        },
        None => Ref {
            id: Str::default(),
            pos: origin.pos,
        },
    };
    Some(Topic {
        id,
        title: title.flatten().unwrap_or_default(),
        area,
        requires,
        hours: hours.unwrap_or(1.0),
        summary,
        origin,
    })
}

/// Checks that a URL is an http(s) link with a host and no spaces or control characters.
pub fn check_url(url: &str) -> Result<(), String> {
    let rest = if let Some(r) = url.strip_prefix("https://") {
        r
    } else if let Some(r) = url.strip_prefix("http://") {
        r
    } else {
        let scheme = url.split(':').next().unwrap_or("");
        return Err(
            if url.contains(':') && !scheme.is_empty() && scheme.len() < 20 {
                format!("`{scheme}:` links are not allowed; only http and https")
            } else {
                "not a link; only http and https links are allowed".to_string()
            },
        );
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Err("the link has no host".into());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("the link contains spaces or control characters".into());
    }
    Ok(())
}

/// A link: required, or optional (absent or null is `None`; empty is a warning). Spaces around
/// it are trimmed, with a warning; spaces inside it are a problem.
fn read_url<'n>(
    ctx: &mut FileCtx,
    m: &mut MapReader<'n, '_>,
    key: &'static str,
    required: bool,
) -> Option<&'n str> {
    let (url, span) = if required {
        m.text(ctx, key, "https://example.org/")?
    } else {
        let n = m.get(key)?;
        if n.value == Value::Null {
            return None;
        }
        match m.text_of(ctx, n, key)? {
            Text::Some(url, span) => (url, span),
            Text::Empty => {
                m.empty_warning(ctx, n, key, "ignored", false);
                return None;
            }
        }
    };
    let trimmed = url.trim();
    if trimmed.len() != url.len() && check_url(trimmed).is_ok() {
        ctx.warn(
            span,
            format!("`{key}` of {} has spaces around the link", m.label()),
        )
        .label(format!("read as `{trimmed}`"))
        .help("remove the spaces (or line breaks) around the address")
        .code(codes::SPACES_AROUND_LINK);
        return Some(trimmed);
    }
    if let Err(why) = check_url(url) {
        ctx.error(
            span,
            format!("`{key}` of {} is not an http(s) link", m.label()),
        )
        .label(why)
        .help("write the full address, starting with `https://`");
        return None;
    }
    Some(url)
}

fn read_resource(ctx: &mut FileCtx, n: &Node) -> Option<Resource> {
    let mut m = item(ctx, n, "resource")?;
    // Places are found in the order they are written: the item first.
    let origin = ctx.origin(n.span);
    let id = m.id(ctx, false);
    let title = title_or_id(ctx, &mut m, id);
    let url = read_url(ctx, &mut m, "url", true);
    let kind = m.choice(ctx, "kind", Kind::parse, &Kind::names(), None);
    let teaches = m.refs(ctx, "teaches", false);
    // Empty, or absent; a list of bad ids has been reported already.
    if teaches.is_empty()
        && m.get("teaches")
            .is_none_or(|t| !matches!(&t.value, Value::Seq(s) if !s.is_empty()))
    {
        ctx.error(m.span, format!("{} teaches nothing", m.label()))
            .help("add `teaches: [topic-id]` naming the topics it teaches");
    }
    let level = m.choice(ctx, "level", Level::parse, &Level::names(), None);
    let cost = m.choice(ctx, "cost", Cost::parse, &Cost::names(), None);
    let hours = m.hours(ctx, "hours");
    let status = m.choice(
        ctx,
        "status",
        Status::parse,
        &Status::names(),
        Some(Status::Current),
    );
    let successors = m.refs(ctx, "successors", false);
    // An empty `from_guide` would leave unsaid whether the resource is the guide's.
    let from_guide = m.opt_text(ctx, "from_guide", false);
    let guide_url = read_url(ctx, &mut m, "guide_url", false).map(str::to_string);
    let version = m.opt_text(ctx, "version", true);
    let audience = m.refs(ctx, "audience", false);
    let summary = m.opt_text(ctx, "summary", true);
    let note = m.opt_text(ctx, "note", true);
    let parts = read_parts(ctx, &mut m, &teaches);
    let companion = m.opt_choice(ctx, "companion", Companion::parse, &Companion::names());
    m.finish(ctx);
    let id = id?.0;
    let status = status.unwrap_or(Status::Current);
    if status.is_legacy() && successors.is_empty() {
        ctx.error(
            n.span,
            format!("resource `{id}` is {status} but names no successors"),
        )
        .help("add `successors: [resource-id]` naming what a learner should use instead");
    }
    Some(Resource {
        id: Str::from(id),
        title: title.flatten().unwrap_or_default(),
        url: url.map_or_else(Str::default, Str::from),
        kind: kind.unwrap_or(Kind::Article),
        teaches,
        level: level.unwrap_or(Level::Beginner),
        cost: cost.unwrap_or(Cost::Free),
        hours: hours.unwrap_or(1.0),
        status,
        extra: ResourceExtra {
            successors,
            from_guide,
            guide_url,
            version,
            audience,
            summary,
            note,
            parts,
            companion,
        }
        .boxed(),
        origin,
    })
}

/// The `parts` of a resource: each names one of the topics it teaches (once), what to read and
/// its hours.
fn read_parts(ctx: &mut FileCtx, m: &mut MapReader, teaches: &[Ref]) -> Vec<Part> {
    let Some(n) = m.get("parts") else {
        return Vec::new();
    };
    let items = match &n.value {
        Value::Null => return Vec::new(),
        Value::Seq(items) => items,
        _ => {
            ctx.error(
                n.span,
                format!(
                    "`parts` of {} must be a list, found {}",
                    m.label(),
                    yaml::kind_name(&n.value)
                ),
            )
            .help("write each part as `- topic: …`, `title: …` and `hours: …`, indented");
            return Vec::new();
        }
    };
    let label = format!("a part of {}", m.label().trim_start_matches("this "));
    let mut out: Vec<Part> = Vec::with_capacity(items.len());
    for item in items {
        let Some(mut p) = MapReader::new(ctx, item, "part") else {
            continue;
        };
        p.named = Some(label.clone());
        let topic = p.text(ctx, "topic", "topic-id");
        let title = p.cosmetic_text(
            ctx,
            "title",
            "chapters 1–9",
            "shown as the title of its topic",
        );
        let hours = p.hours(ctx, "hours");
        p.finish(ctx);
        let (Some((topic, at)), Some(title), Some(hours)) = (topic, title, hours) else {
            continue;
        };
        if !teaches.iter().any(|t| t.id == topic) {
            let ids: Vec<&str> = teaches.iter().map(|t| t.id.as_str()).collect();
            ctx.error(at, format!("{label} names `{topic}`, which it does not teach"))
                .label("not in `teaches`")
                .help(format!(
                    "a part teaches one of the resource's topics ({}); add `{topic}` to `teaches` or fix the id",
                    list(&ids)
                ));
            continue;
        }
        if out.iter().any(|q| q.topic.id == topic) {
            ctx.error(at, format!("{label} names `{topic}` a second time"))
                .help(
                    "give each topic at most one part; describe all of it in that part's `title`",
                );
            continue;
        }
        out.push(Part {
            topic: Ref {
                id: Str::from(topic),
                pos: ctx.pos(at),
            },
            // An empty title is filled in with the topic's once every topic is read.
            title: title.unwrap_or_default().to_string(),
            hours,
        });
    }
    out
}

/// A question's `when`: a mapping of earlier questions to the option ids that make this one
/// relevant, e.g. `when: {goals: [gpu, gpu-kernels]}`.
fn read_when(ctx: &mut FileCtx, m: &mut MapReader) -> Vec<Condition> {
    let Some(n) = m.get("when") else {
        return Vec::new();
    };
    let entries = match &n.value {
        Value::Null => return Vec::new(),
        Value::Map(entries) => entries,
        _ => {
            ctx.error(
                n.span,
                format!(
                    "`when` of {} must be a mapping of question ids to option ids, found {}",
                    m.label(),
                    yaml::kind_name(&n.value)
                ),
            )
            .help("write it as `when: {goals: [gpu, gpu-kernels]}`");
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(entries.len());
    for (k, v) in entries {
        let Value::Str(q) = &k.value else {
            ctx.error(
                k.span,
                format!(
                    "keys of `when` are question ids, found {}",
                    yaml::kind_name(&k.value)
                ),
            );
            continue;
        };
        if !is_valid_id(q, true) {
            ctx.error(
                k.span,
                format!(
                    "`{q}` in `when` of {} is not a valid question id",
                    m.label()
                ),
            );
            continue;
        }
        let option = |ctx: &mut FileCtx, n: &Node| Ref {
            id: Str::from(n.value.as_str().unwrap_or_default()),
            pos: ctx.pos(n.span),
        };
        let wrong = |n: &Node| {
            format!(
                "`when` lists option ids of `{q}`, found {}",
                yaml::kind_name(&n.value)
            )
        };
        let mut options = Vec::new();
        match &v.value {
            Value::Seq(items) if !items.is_empty() => {
                for i in items {
                    match &i.value {
                        Value::Str(s) if is_valid_id(s, false) => options.push(option(ctx, i)),
                        _ => {
                            ctx.error(i.span, wrong(i));
                        }
                    }
                }
            }
            Value::Str(s) if is_valid_id(s, false) => options.push(option(ctx, v)),
            _ => {
                ctx.error(v.span, wrong(v))
                    .help(format!("write it as `{q}: [option-id, other-option-id]`"));
                continue;
            }
        }
        out.push(Condition {
            question: Ref {
                id: Str::from(q.as_ref()),
                pos: ctx.pos(k.span),
            },
            options,
        });
    }
    out
}

fn read_question(ctx: &mut FileCtx, n: &Node) -> Option<Question> {
    let mut m = item(ctx, n, "question")?;
    // Places are found in the order they are written: the item first.
    let origin = ctx.origin(n.span);
    let id = m.id(ctx, true);
    let prompt = m.text(ctx, "prompt", "A question?");
    let help = m.opt_text(ctx, "help", true);
    let kind = m.choice(
        ctx,
        "kind",
        QuestionKind::parse,
        &QuestionKind::names(),
        None,
    );
    let mut options = Vec::new();
    if let Some(opts) = m.get("options") {
        match &opts.value {
            Value::Seq(items) => {
                for item in items {
                    options.extend(read_option(ctx, item));
                }
            }
            _ => {
                ctx.error(
                    opts.span,
                    format!(
                        "`options` of {} must be a list, found {}",
                        m.label(),
                        yaml::kind_name(&opts.value)
                    ),
                );
            }
        }
    }
    // Read once the kind is known.
    let default_node = m.get("default");
    let min = m.number(ctx, "min");
    let max = m.number(ctx, "max");
    let required = m.bool(ctx, "required").unwrap_or(false);
    let setting = m.opt_choice(ctx, "setting", Setting::parse, &Setting::names());
    let when = read_when(ctx, &mut m);
    m.finish(ctx);
    let kind = kind?;
    let id = id?.0;
    let default = default_node.and_then(|d| read_default(ctx, d, id, kind));
    Some(Question {
        id: id.to_string(),
        prompt: prompt.map(|p| p.0.to_string()).unwrap_or_default(),
        help,
        kind,
        options,
        default,
        min,
        max,
        required,
        setting,
        when,
        origin,
        option_index: Default::default(),
    })
}

fn read_default(ctx: &mut FileCtx, d: &Node, id: &str, kind: QuestionKind) -> Option<AnswerValue> {
    let v = match (kind, &d.value) {
        (_, Value::Null) => return None,
        (QuestionKind::Confirm, Value::Bool(b)) => AnswerValue::Bool(*b),
        (QuestionKind::Number, Value::Int(i)) => AnswerValue::Number(*i as f64),
        (QuestionKind::Number, Value::Float(f)) if f.is_finite() => AnswerValue::Number(*f),
        (QuestionKind::Text | QuestionKind::Select, Value::Str(s)) => {
            AnswerValue::Text(s.to_string())
        }
        (QuestionKind::Multiselect, Value::Seq(items)) => {
            let mut ids = Vec::new();
            for i in items {
                match &i.value {
                    Value::Str(s) => ids.push(s.to_string()),
                    _ => {
                        ctx.error(
                            i.span,
                            format!("the default of question `{id}` must list option ids"),
                        );
                        return None;
                    }
                }
            }
            AnswerValue::Choices(ids)
        }
        (QuestionKind::Multiselect, Value::Str(s)) => AnswerValue::Choices(vec![s.to_string()]),
        _ => {
            let want = match kind {
                QuestionKind::Select => "an option id",
                other => other.expected(),
            };
            ctx.error(
                d.span,
                format!(
                    "the default of {kind} question `{id}` must be {want}, found {}",
                    yaml::kind_name(&d.value)
                ),
            );
            return None;
        }
    };
    Some(v)
}

fn read_option(ctx: &mut FileCtx, n: &Node) -> Option<Choice> {
    let mut m = item(ctx, n, "option")?;
    // Places are found in the order they are written: the item first.
    let origin = ctx.origin(n.span);
    let id = m.id(ctx, false);
    let label = m.cosmetic_text(
        ctx,
        "label",
        "What choosing this means",
        "shown as the title of the topic it wants, or its id",
    );
    let help = m.opt_text(ctx, "help", true);
    let knows = m.refs(ctx, "knows", false);
    let reviews = m.refs(ctx, "reviews", false);
    let wants = m.refs(ctx, "wants", false);
    let traits = m
        .refs(ctx, "traits", false)
        .into_iter()
        .map(|r| r.id.into_string())
        .collect();
    let mut prefers = Vec::new();
    for r in m.refs(ctx, "prefers", false) {
        match Kind::parse(&r.id) {
            Some(k) => prefers.push(k),
            None => {
                let names = Kind::names();
                ctx.error_at(
                    Some(r.pos),
                    format!("unknown resource kind `{}` in `prefers`", r.id),
                )
                .help(match did_you_mean(&r.id, names.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("use one of {}", list(&names)),
                });
            }
        }
    }
    let exclusive = m.bool(ctx, "exclusive").unwrap_or(false);
    m.finish(ctx);
    Some(Choice {
        id: id?.0.to_string(),
        // An empty label is filled in once every topic is read.
        label: label.flatten().unwrap_or_default().to_string(),
        help,
        knows,
        reviews,
        wants,
        traits,
        prefers,
        exclusive,
        origin,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("numpy-arrays", false));
        assert!(is_valid_id("mpi4py", false));
        assert!(!is_valid_id("hours_per_week", false));
        assert!(is_valid_id("hours_per_week", true));
        assert!(!is_valid_id("", false));
        assert!(!is_valid_id("two words", false));
        assert!(!is_valid_id("Caps", false));
        assert!(!is_valid_id("trailing-", false));
        assert!(!is_valid_id("double--hyphen", false));
    }

    #[test]
    fn urls() {
        assert!(check_url("https://numpy.org").is_ok());
        assert!(check_url("http://example.org/a?b#c").is_ok());
        assert!(
            check_url("javascript:alert(1)")
                .unwrap_err()
                .contains("javascript:")
        );
        assert!(
            check_url("file:///etc/passwd")
                .unwrap_err()
                .contains("file:")
        );
        assert!(check_url("https://").is_err());
        assert!(check_url("https://a b").is_err());
        assert!(check_url("numpy.org").is_err());
    }

    /// Every YAML file the tests know: the built-in guide and the fixtures.
    fn samples() -> Vec<(String, String)> {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
        let mut stack = vec![root.join("paths"), root.join("tests").join("fixtures")];
        let mut out = Vec::new();
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml")
                    && let Ok(t) = std::fs::read_to_string(&p)
                {
                    out.push((p.display().to_string(), t));
                }
            }
        }
        out.sort();
        out
    }

    /// Items and problems, written out to compare.
    fn summary(ctx: &FileCtx, items: &FileItems) -> String {
        format!(
            "{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
            items.areas, items.topics, items.resources, items.questions, ctx.diags
        )
    }

    /// The one reader reads the same items and finds the same problems at the same places
    /// whichever parser made the nodes, for every file the tests know: the subset reader
    /// handing over items one at a time, or serde-saphyr parsing the file whole.
    #[test]
    fn both_parsers_give_the_same_items_and_problems() {
        let mut by_subset = 0;
        for (name, text) in samples() {
            let text = yaml::without_bom(&text);
            plain_yaml::general::agrees(text, yaml::options())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut items = FileItems::default();
            let mut quick = FileCtx::new(&name, 0, text);
            match read_entries(&mut quick, text, &mut items) {
                Ok(true) => by_subset += 1,
                Ok(false) | Err(_) => continue,
            }
            let mut careful = FileCtx::new(&name, 0, text);
            let general = read_general(&mut careful, text);
            assert_eq!(
                summary(&quick, &items),
                summary(&careful, &general),
                "{name}"
            );
        }
        assert!(by_subset >= 20, "the subset reader read {by_subset} files");
    }

    /// The built-in guide's files, and those `pathwise init` writes, stay in the subset the
    /// quick reader reads, so that a first run (before the cache) stays quick.
    #[test]
    fn the_built_in_guide_is_read_by_the_subset_reader() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../paths"));
        for f in [
            "areas.yaml",
            "topics.yaml",
            "questions.yaml",
            "resources/guide.yaml",
            "resources/modern.yaml",
        ] {
            let text = std::fs::read_to_string(root.join(f)).unwrap();
            assert!(
                plain_yaml::entries(&text).all(|e| e.is_ok()),
                "{f}: {:?}",
                plain_yaml::entries(&text).find(Result::is_err)
            );
        }
        for (name, text) in crate::scaffold::FILES {
            if std::path::Path::new(name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("yaml"))
            {
                assert!(plain_yaml::entries(text).all(|e| e.is_ok()), "{name}");
            }
        }
    }
}
