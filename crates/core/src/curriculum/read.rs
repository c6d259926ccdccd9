//! Building typed curriculum items from YAML node trees, collecting every problem on the way.

use crate::diag::{Diagnostic, did_you_mean};
use crate::yaml::{Node, Pos, Value};

use super::model::*;

/// Collects the diagnostics of one file.
pub struct FileCtx<'a> {
    pub name: &'a str,
    pub file: usize,
    pub diags: Vec<Diagnostic>,
}

impl FileCtx<'_> {
    pub fn error(&mut self, pos: Pos, message: impl Into<String>) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::new(self.name, Some(pos), message));
        self.diags.last_mut().expect("just pushed")
    }
    fn origin(&self, pos: Pos) -> Origin {
        Origin {
            file: self.file,
            pos,
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

/// Reads the fields of one mapping, remembering which keys were used so that the rest can be
/// reported as unknown.
pub struct MapReader<'n> {
    pub pos: Pos,
    what: &'static str,
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
    used: Vec<bool>,
    /// The item's id once known, for messages ("topic `numpy`: …").
    label: String,
}

impl<'n> MapReader<'n> {
    pub fn new(ctx: &mut FileCtx, node: &'n Node, what: &'static str) -> Option<Self> {
        let Value::Map(entries) = &node.value else {
            ctx.error(
                node.pos,
                format!(
                    "expected a {what} (a mapping of keys to values), found {}",
                    node.kind_name()
                ),
            )
            .help(format!(
                "write each {what} as `- id: …` followed by its other keys, indented"
            ));
            return None;
        };
        let mut out = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match &k.value {
                Value::Str(s) => out.push((s.as_str(), k, v)),
                _ => {
                    ctx.error(
                        k.pos,
                        format!("keys of a {what} are names, found {}", k.kind_name()),
                    );
                }
            }
        }
        let used = vec![false; out.len()];
        Some(MapReader {
            pos: node.pos,
            what,
            entries: out,
            used,
            label: format!("this {what}"),
        })
    }

    pub fn set_label(&mut self, id: &str) {
        self.label = format!("{} `{id}`", self.what);
    }

    /// The value under `key`, if present.
    pub fn get(&mut self, key: &str) -> Option<&'n Node> {
        let i = self.entries.iter().position(|(k, _, _)| *k == key)?;
        self.used[i] = true;
        Some(self.entries[i].2)
    }

    fn missing(&self, ctx: &mut FileCtx, key: &str, example: &str) {
        ctx.error(self.pos, format!("{} has no `{key}`", self.label))
            .help(format!("add `{key}: {example}` to it"));
    }

    pub fn text(&mut self, ctx: &mut FileCtx, key: &str, example: &str) -> Option<(String, Pos)> {
        match self.get(key) {
            None => {
                self.missing(ctx, key, example);
                None
            }
            Some(n) => text_of(ctx, n, key, &self.label),
        }
    }

    pub fn opt_text(&mut self, ctx: &mut FileCtx, key: &str) -> Option<String> {
        match self.get(key) {
            None => None,
            Some(Node {
                value: Value::Null, ..
            }) => None,
            Some(n) => text_of(ctx, n, key, &self.label).map(|t| t.0),
        }
    }

    pub fn id(&mut self, ctx: &mut FileCtx, underscores: bool) -> Option<(String, Pos)> {
        let (id, pos) = self.text(ctx, "id", "some-id")?;
        if !is_valid_id(&id, underscores) {
            ctx.error(pos, format!("`{id}` is not a valid id"))
                .label("ids are lowercase words joined by hyphens")
                .help(format!(
                    "use lowercase letters, digits and single hyphens{}, like `{}`",
                    if underscores { " or underscores" } else { "" },
                    suggest_id(&id)
                ));
            return None;
        }
        self.set_label(&id);
        Some((id, pos))
    }

    pub fn hours(&mut self, ctx: &mut FileCtx, key: &str, required: bool) -> Option<f64> {
        let n = match self.get(key) {
            None => {
                if required {
                    self.missing(ctx, key, "4");
                }
                return None;
            }
            Some(n) => n,
        };
        let h = match n.value {
            Value::Int(i) => i as f64,
            Value::Float(f) => f,
            _ => {
                ctx.error(n.pos, format!("`{key}` of {} must be a number of hours, found {}", self.label, n.kind_name()))
                    .help("write a number greater than 0 and at most 1000, like `hours: 6` or `hours: 1.5`");
                return None;
            }
        };
        if !hours_ok(h) {
            ctx.error(
                n.pos,
                format!(
                    "`{key}` of {} is {}, outside the allowed range",
                    self.label,
                    show_number(h)
                ),
            )
            .label("must be greater than 0 and at most 1000")
            .help("give an honest estimate in hours, greater than 0 and at most 1000");
            return None;
        }
        Some(h)
    }

    pub fn number(&mut self, ctx: &mut FileCtx, key: &str) -> Option<f64> {
        let n = self.get(key)?;
        match n.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) if f.is_finite() => Some(f),
            _ => {
                ctx.error(
                    n.pos,
                    format!(
                        "`{key}` of {} must be a finite number, found {}",
                        self.label,
                        n.kind_name()
                    ),
                );
                None
            }
        }
    }

    pub fn bool(&mut self, ctx: &mut FileCtx, key: &str) -> Option<bool> {
        let n = self.get(key)?;
        match n.value {
            Value::Bool(b) => Some(b),
            _ => {
                ctx.error(
                    n.pos,
                    format!(
                        "`{key}` of {} must be `true` or `false`, found {}",
                        self.label,
                        n.kind_name()
                    ),
                );
                None
            }
        }
    }

    /// A list of ids (a single id is accepted as a list of one).
    pub fn refs(&mut self, ctx: &mut FileCtx, key: &str, underscores: bool) -> Vec<Ref> {
        let Some(n) = self.get(key) else {
            return Vec::new();
        };
        let items: Vec<&Node> = match &n.value {
            Value::Null => return Vec::new(),
            Value::Seq(items) => items.iter().collect(),
            Value::Str(_) => vec![n],
            _ => {
                ctx.error(
                    n.pos,
                    format!(
                        "`{key}` of {} must be a list of ids, found {}",
                        self.label,
                        n.kind_name()
                    ),
                )
                .help(format!("write it as `{key}: [first-id, second-id]`"));
                return Vec::new();
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match &item.value {
                Value::Str(s) if is_valid_id(s, underscores) => out.push(Ref {
                    id: s.clone().into(),
                    pos: item.pos,
                }),
                Value::Str(s) => {
                    ctx.error(
                        item.pos,
                        format!("`{s}` in `{key}` of {} is not a valid id", self.label),
                    )
                    .help(format!(
                        "ids are lowercase words joined by hyphens, like `{}`",
                        suggest_id(s)
                    ));
                }
                _ => {
                    ctx.error(
                        item.pos,
                        format!(
                            "`{key}` of {} must list ids, found {}",
                            self.label,
                            item.kind_name()
                        ),
                    );
                }
            }
        }
        out
    }

    /// An optional value from a closed set of names: absent is `None`, not a problem.
    pub fn opt_choice<T: Copy>(
        &mut self,
        ctx: &mut FileCtx,
        key: &str,
        parse: fn(&str) -> Option<T>,
        names: &[&'static str],
    ) -> Option<T> {
        self.get(key)?;
        self.choice(ctx, key, parse, names, None)
    }

    /// A value from a closed set of names.
    pub fn choice<T: Copy>(
        &mut self,
        ctx: &mut FileCtx,
        key: &str,
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
            ctx.error(
                n.pos,
                format!(
                    "`{key}` of {} must be one of {}, found {}",
                    self.label,
                    list(names),
                    n.kind_name()
                ),
            );
            return None;
        };
        match parse(s) {
            Some(v) => Some(v),
            None => {
                let help = match did_you_mean(s, names.iter().copied()) {
                    Some(m) => format!("did you mean `{m}`? The {key}s are {}", list(names)),
                    None => format!("use one of {}", list(names)),
                };
                ctx.error(n.pos, format!("unknown {key} `{s}` in {}", self.label))
                    .label(format!("not a {key}"))
                    .help(help);
                None
            }
        }
    }

    /// Reports every key that was not read.
    pub fn finish(self, ctx: &mut FileCtx, known: &[&str]) {
        for (i, (k, key_node, _)) in self.entries.iter().enumerate() {
            if self.used[i] {
                continue;
            }
            let help = match did_you_mean(k, known.iter().copied()) {
                Some(m) => format!(
                    "did you mean `{m}`? A {} has the keys {}",
                    self.what,
                    list(known)
                ),
                None => format!("remove it; a {} has the keys {}", self.what, list(known)),
            };
            ctx.error(key_node.pos, format!("unknown key `{k}` in {}", self.label))
                .label("not a known key")
                .help(help);
        }
    }
}

/// The longest text a field may hold.
pub const MAX_TEXT: usize = 100_000;

/// Whether a text field's value is acceptable: not blank, not absurdly long.
pub fn text_ok(s: &str) -> bool {
    !s.trim().is_empty() && s.len() <= MAX_TEXT
}

/// Whether a number of hours is acceptable.
pub fn hours_ok(h: f64) -> bool {
    h.is_finite() && h > 0.0 && h <= 1000.0
}

fn text_of(ctx: &mut FileCtx, n: &Node, key: &str, label: &str) -> Option<(String, Pos)> {
    match &n.value {
        Value::Str(s) if s.trim().is_empty() => {
            ctx.error(n.pos, format!("`{key}` of {label} is empty"))
                .help(format!("give `{key}` a value"));
            None
        }
        Value::Str(s) if s.len() > MAX_TEXT => {
            ctx.error(
                n.pos,
                format!(
                    "`{key}` of {label} is {} bytes long; the limit is 100000",
                    s.len()
                ),
            );
            None
        }
        Value::Str(s) => Some((s.clone(), n.pos)),
        Value::Int(_) | Value::Float(_) | Value::Bool(_) => {
            ctx.error(
                n.pos,
                format!("`{key}` of {label} must be text, found {}", n.kind_name()),
            )
            .help("put the value in quotes to make it text");
            None
        }
        _ => {
            ctx.error(
                n.pos,
                format!("`{key}` of {label} must be text, found {}", n.kind_name()),
            );
            None
        }
    }
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

const TOP_KEYS: &[&str] = &["areas", "topics", "resources", "questions"];

/// Reads the items of one parsed file.
pub fn read_file(ctx: &mut FileCtx, root: &Node) -> FileItems {
    let mut items = FileItems::default();
    let Value::Map(entries) = &root.value else {
        ctx.error(
            root.pos,
            format!(
                "a curriculum file is a mapping with the keys {}, found {}",
                list(TOP_KEYS),
                root.kind_name()
            ),
        )
        .help("start the file with a line such as `topics:` and list the items under it");
        return items;
    };
    for (k, v) in entries {
        let key = match &k.value {
            Value::Str(s) => s.as_str(),
            _ => {
                ctx.error(
                    k.pos,
                    format!(
                        "expected one of {}, found {}",
                        list(TOP_KEYS),
                        k.kind_name()
                    ),
                );
                continue;
            }
        };
        if !TOP_KEYS.contains(&key) {
            let help = match did_you_mean(key, TOP_KEYS.iter().copied()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("a curriculum file has the keys {}", list(TOP_KEYS)),
            };
            ctx.error(k.pos, format!("unknown key `{key}` at the top of the file"))
                .label("not a known key")
                .help(help);
            continue;
        }
        let list_items: &[Node] = match &v.value {
            Value::Seq(s) => s,
            Value::Null => &[],
            _ => {
                ctx.error(
                    v.pos,
                    format!("`{key}` must be a list, found {}", v.kind_name()),
                )
                .help(format!("write each item under `{key}:` as `  - id: …`"));
                continue;
            }
        };
        for n in list_items {
            match key {
                "areas" => items.areas.extend(read_area(ctx, n)),
                "topics" => items.topics.extend(read_topic(ctx, n)),
                "resources" => items.resources.extend(read_resource(ctx, n)),
                _ => items.questions.extend(read_question(ctx, n)),
            }
        }
    }
    items
}

fn read_area(ctx: &mut FileCtx, n: &Node) -> Option<Area> {
    let mut m = MapReader::new(ctx, n, "area")?;
    let id = m.id(ctx, false);
    let title = m.text(ctx, "title", "A title");
    let summary = m.text(ctx, "summary", "What this area is about.");
    m.finish(ctx, &["id", "title", "summary"]);
    // An item with a bad field is still returned (the diagnostics already stop the load), so
    // that references to it and from it are checked too.
    Some(Area {
        id: id?.0.into(),
        title: title.map(|t| t.0).unwrap_or_default().into(),
        summary: summary.map(|t| t.0).unwrap_or_default().into(),
        origin: ctx.origin(n.pos),
    })
}

fn read_topic(ctx: &mut FileCtx, n: &Node) -> Option<Topic> {
    let mut m = MapReader::new(ctx, n, "topic")?;
    let id = m.id(ctx, false);
    let title = m.text(ctx, "title", "A title");
    let area = m.text(ctx, "area", "learn");
    let requires = m.refs(ctx, "requires", false);
    let hours = m.hours(ctx, "hours", true);
    let summary = m.text(ctx, "summary", "What this topic teaches.");
    m.finish(
        ctx,
        &["id", "title", "area", "requires", "hours", "summary"],
    );
    let (area, area_pos) = area.unwrap_or_else(|| (String::new(), n.pos));
    Some(Topic {
        id: id?.0.into(),
        title: title.map(|t| t.0).unwrap_or_default().into(),
        area: Ref {
            id: area.into(),
            pos: area_pos,
        },
        requires,
        hours: hours.unwrap_or(1.0),
        summary: summary.map(|t| t.0).unwrap_or_default().into(),
        origin: ctx.origin(n.pos),
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

const RESOURCE_KEYS: &[&str] = &[
    "id",
    "title",
    "url",
    "kind",
    "teaches",
    "level",
    "cost",
    "hours",
    "status",
    "successors",
    "from_guide",
    "guide_url",
    "version",
    "audience",
    "summary",
    "note",
    "parts",
    "companion",
];

fn read_url(ctx: &mut FileCtx, m: &mut MapReader, key: &str, required: bool) -> Option<String> {
    let (url, pos) = if required {
        m.text(ctx, key, "https://example.org/")?
    } else {
        let n = m.get(key)?;
        if n.value == Value::Null {
            return None;
        }
        text_of(ctx, n, key, &m.label)?
    };
    if let Err(why) = check_url(&url) {
        ctx.error(
            pos,
            format!("`{key}` of {} is not an http(s) link", m.label),
        )
        .label(why)
        .help("write the full address, starting with `https://`");
        return None;
    }
    Some(url)
}

fn read_resource(ctx: &mut FileCtx, n: &Node) -> Option<Resource> {
    let mut m = MapReader::new(ctx, n, "resource")?;
    let id = m.id(ctx, false);
    let title = m.text(ctx, "title", "A title");
    let url = read_url(ctx, &mut m, "url", true);
    let guide_url = read_url(ctx, &mut m, "guide_url", false);
    let kind = m.choice(ctx, "kind", Kind::parse, &Kind::names(), None);
    let teaches = m.refs(ctx, "teaches", false);
    // Empty, or absent; a list of bad ids has been reported already.
    if teaches.is_empty()
        && m.get("teaches")
            .is_none_or(|t| !matches!(&t.value, Value::Seq(s) if !s.is_empty()))
    {
        ctx.error(m.pos, format!("{} teaches nothing", m.label))
            .help("add `teaches: [topic-id]` naming the topics it teaches");
    }
    let level = m.choice(ctx, "level", Level::parse, &Level::names(), None);
    let cost = m.choice(ctx, "cost", Cost::parse, &Cost::names(), None);
    let hours = m.hours(ctx, "hours", true);
    let status = m.choice(
        ctx,
        "status",
        Status::parse,
        &Status::names(),
        Some(Status::Current),
    );
    let successors = m.refs(ctx, "successors", false);
    let from_guide = m.opt_text(ctx, "from_guide");
    let version = m.opt_text(ctx, "version");
    let audience = m.refs(ctx, "audience", false);
    let summary = m.opt_text(ctx, "summary");
    let note = m.opt_text(ctx, "note");
    let parts = read_parts(ctx, &mut m, &teaches);
    let companion = m.opt_choice(ctx, "companion", Companion::parse, &Companion::names());
    m.finish(ctx, RESOURCE_KEYS);
    let id = id?.0;
    let status = status.unwrap_or(Status::Current);
    if status.is_legacy() && successors.is_empty() {
        ctx.error(
            n.pos,
            format!("resource `{id}` is {status} but names no successors"),
        )
        .help("add `successors: [resource-id]` naming what a learner should use instead");
    }
    Some(Resource {
        id: id.into(),
        title: title.map(|t| t.0).unwrap_or_default().into(),
        url: url.unwrap_or_default().into(),
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
        origin: ctx.origin(n.pos),
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
                n.pos,
                format!(
                    "`parts` of {} must be a list, found {}",
                    m.label,
                    n.kind_name()
                ),
            )
            .help("write each part as `- topic: …`, `title: …` and `hours: …`, indented");
            return Vec::new();
        }
    };
    let mut out: Vec<Part> = Vec::with_capacity(items.len());
    for item in items {
        let Some(mut p) = MapReader::new(ctx, item, "part") else {
            continue;
        };
        let label = format!("a part of {}", m.label.trim_start_matches("this "));
        p.label.clone_from(&label);
        let topic = p.text(ctx, "topic", "topic-id");
        let title = p.text(ctx, "title", "chapters 1–9");
        let hours = p.hours(ctx, "hours", true);
        p.finish(ctx, &["topic", "title", "hours"]);
        let (Some((topic, pos)), Some((title, _)), Some(hours)) = (topic, title, hours) else {
            continue;
        };
        if !teaches.iter().any(|t| t.id == topic.as_str()) {
            let ids: Vec<&str> = teaches.iter().map(|t| t.id.as_str()).collect();
            ctx.error(pos, format!("{label} names `{topic}`, which it does not teach"))
                .label("not in `teaches`")
                .help(format!(
                    "a part teaches one of the resource's topics ({}); add `{topic}` to `teaches` or fix the id",
                    list(&ids)
                ));
            continue;
        }
        if out.iter().any(|q| q.topic.id == topic.as_str()) {
            ctx.error(pos, format!("{label} names `{topic}` a second time"))
                .help(
                    "give each topic at most one part; describe all of it in that part's `title`",
                );
            continue;
        }
        out.push(Part {
            topic: Ref {
                id: topic.into(),
                pos,
            },
            title,
            hours,
        });
    }
    out
}

const QUESTION_KEYS: &[&str] = &[
    "id", "prompt", "help", "kind", "options", "default", "min", "max", "required", "setting",
    "when",
];
const OPTION_KEYS: &[&str] = &[
    "id",
    "label",
    "help",
    "knows",
    "wants",
    "traits",
    "prefers",
    "exclusive",
];

fn read_question(ctx: &mut FileCtx, n: &Node) -> Option<Question> {
    let mut m = MapReader::new(ctx, n, "question")?;
    let id = m.id(ctx, true);
    let prompt = m.text(ctx, "prompt", "A question?");
    let help = m.opt_text(ctx, "help");
    let kind = m.choice(
        ctx,
        "kind",
        QuestionKind::parse,
        &QuestionKind::names(),
        None,
    );
    let setting_names: Vec<&str> = Setting::names();
    let setting = m.opt_choice(ctx, "setting", Setting::parse, &setting_names);
    let min = m.number(ctx, "min");
    let max = m.number(ctx, "max");
    let required = m.bool(ctx, "required").unwrap_or(false);
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
                    opts.pos,
                    format!(
                        "`options` of {} must be a list, found {}",
                        m.label,
                        opts.kind_name()
                    ),
                );
            }
        }
    }
    let default_node = m.get("default");
    let when = read_when(ctx, &mut m);
    m.finish(ctx, QUESTION_KEYS);
    let kind = kind?;
    let id = id?.0;
    let default = default_node.and_then(|d| read_default(ctx, d, &id, kind));
    Some(Question {
        id,
        prompt: prompt.map(|p| p.0).unwrap_or_default(),
        help,
        kind,
        options,
        default,
        min,
        max,
        required,
        setting,
        when,
        origin: ctx.origin(n.pos),
        option_index: Default::default(),
    })
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
                n.pos,
                format!(
                    "`when` of {} must be a mapping of question ids to option ids, found {}",
                    m.label,
                    n.kind_name()
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
                k.pos,
                format!("keys of `when` are question ids, found {}", k.kind_name()),
            );
            continue;
        };
        if !is_valid_id(q, true) {
            ctx.error(
                k.pos,
                format!("`{q}` in `when` of {} is not a valid question id", m.label),
            );
            continue;
        }
        let mut options = Vec::new();
        match &v.value {
            Value::Seq(items) if !items.is_empty() => {
                for i in items {
                    match &i.value {
                        Value::Str(s) if is_valid_id(s, false) => options.push(Ref {
                            id: s.clone().into(),
                            pos: i.pos,
                        }),
                        _ => {
                            ctx.error(
                                i.pos,
                                format!(
                                    "`when` lists option ids of `{q}`, found {}",
                                    i.kind_name()
                                ),
                            );
                        }
                    }
                }
            }
            Value::Str(s) if is_valid_id(s, false) => options.push(Ref {
                id: s.clone().into(),
                pos: v.pos,
            }),
            _ => {
                ctx.error(
                    v.pos,
                    format!("`when` lists option ids of `{q}`, found {}", v.kind_name()),
                )
                .help(format!("write it as `{q}: [option-id, other-option-id]`"));
                continue;
            }
        }
        out.push(Condition {
            question: Ref {
                id: q.clone().into(),
                pos: k.pos,
            },
            options,
        });
    }
    out
}

fn read_default(ctx: &mut FileCtx, d: &Node, id: &str, kind: QuestionKind) -> Option<AnswerValue> {
    let v = match (kind, &d.value) {
        (_, Value::Null) => return None,
        (QuestionKind::Confirm, Value::Bool(b)) => AnswerValue::Bool(*b),
        (QuestionKind::Number, Value::Int(i)) => AnswerValue::Number(*i as f64),
        (QuestionKind::Number, Value::Float(f)) if f.is_finite() => AnswerValue::Number(*f),
        (QuestionKind::Text | QuestionKind::Select, Value::Str(s)) => AnswerValue::Text(s.clone()),
        (QuestionKind::Multiselect, Value::Seq(items)) => {
            let mut ids = Vec::new();
            for i in items {
                match &i.value {
                    Value::Str(s) => ids.push(s.clone()),
                    _ => {
                        ctx.error(
                            i.pos,
                            format!("the default of question `{id}` must list option ids"),
                        );
                        return None;
                    }
                }
            }
            AnswerValue::Choices(ids)
        }
        (QuestionKind::Multiselect, Value::Str(s)) => AnswerValue::Choices(vec![s.clone()]),
        _ => {
            let want = match kind {
                QuestionKind::Confirm => "`true` or `false`",
                QuestionKind::Number => "a number",
                QuestionKind::Text => "text",
                QuestionKind::Select => "an option id",
                QuestionKind::Multiselect => "a list of option ids",
            };
            ctx.error(
                d.pos,
                format!(
                    "the default of {kind} question `{id}` must be {want}, found {}",
                    d.kind_name()
                ),
            );
            return None;
        }
    };
    Some(v)
}

fn read_option(ctx: &mut FileCtx, n: &Node) -> Option<Choice> {
    let mut m = MapReader::new(ctx, n, "option")?;
    let id = m.id(ctx, false);
    let label = m.text(ctx, "label", "What choosing this means");
    let help = m.opt_text(ctx, "help");
    let knows = m.refs(ctx, "knows", false);
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
                ctx.error(
                    r.pos,
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
    m.finish(ctx, OPTION_KEYS);
    Some(Choice {
        id: id?.0,
        label: label.map(|l| l.0).unwrap_or_default(),
        help,
        knows,
        wants,
        traits,
        prefers,
        exclusive,
        origin: ctx.origin(n.pos),
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
}
