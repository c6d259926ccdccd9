//! The fast path for valid files: areas, topics and resources deserialised straight into typed
//! items, with no node tree. Every check is the one the careful reader in `read.rs` applies
//! (the same predicates); the fast path only gives up earlier: at the first thing it does not
//! like it returns `None`, and the file is read the careful way, which says what is wrong.
//! Files with questions always take the careful way (they are few and small).

use std::fmt;

use serde::Deserialize;
use serde::de::{Deserializer, SeqAccess, Visitor};

use super::lite;
use super::model::*;
use super::read::{FileItems, check_url, hours_ok, is_valid_id, text_ok};
use crate::yaml::Pos;

/// Text, as the careful reader sees it: a YAML string (not a number, boolean or null), with
/// where it starts when the subset reader notes positions (zero otherwise).
struct Text(Str, Pos);

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Text;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text")
    }
    fn visit_str<E>(self, v: &str) -> Result<Text, E> {
        Ok(Text(Str::from(v), lite::scalar_pos()))
    }
    fn visit_string<E>(self, v: String) -> Result<Text, E> {
        Ok(Text(Str::from(v), lite::scalar_pos()))
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
    }
}

/// Optional text: absent or null is `None`.
#[derive(Default)]
struct OptText(Option<String>);

struct OptTextVisitor;

impl<'de> Visitor<'de> for OptTextVisitor {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("text or nothing")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
}

impl<'de> Deserialize<'de> for OptText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OptTextVisitor).map(OptText)
    }
}

/// A field that may be absent but, when present, must be text (null is not allowed).
#[derive(Default)]
struct PresentText(Option<Str>);

impl<'de> Deserialize<'de> for PresentText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TextVisitor)
            .map(|t| PresentText(Some(t.0)))
    }
}

/// A list of ids: absent or null is empty, a single text is a list of one.
#[derive(Default)]
struct Ids(Vec<Text>);

struct IdsVisitor;

impl<'de> Visitor<'de> for IdsVisitor {
    type Value = Vec<Text>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of ids")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(vec![Text(Str::from(v), lite::scalar_pos())])
    }
    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(vec![Text(Str::from(v), lite::scalar_pos())])
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(t) = seq.next_element()? {
            out.push(t);
        }
        Ok(out)
    }
}

impl<'de> Deserialize<'de> for Ids {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(IdsVisitor).map(Ids)
    }
}

/// A number as the careful reader sees it: an integer or a float, not text.
struct Num(f64);

struct NumVisitor;

impl Visitor<'_> for NumVisitor {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_i64<E>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_u64<E>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_f64<E>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumVisitor).map(Num)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastFile {
    #[serde(default)]
    areas: Option<Items<Area>>,
    #[serde(default)]
    topics: Option<Items<Topic>>,
    #[serde(default)]
    resources: Option<Items<Resource>>,
}

/// A list of items, each converted as soon as it is read, so that a file's raw fields and its
/// items are never all in memory at once. An item that fails a check ends the fast path.
struct Items<T>(Vec<T>);

/// How a raw item becomes a checked one; `at` is where the item starts (zero when positions
/// are not noted).
trait Convert: Sized {
    type Raw: for<'de> Deserialize<'de>;
    fn convert(raw: Self::Raw, at: Pos) -> Option<Self>;
}

struct ItemsVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Convert> Visitor<'de> for ItemsVisitor<T> {
    type Value = Items<T>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of items")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Items(Vec::new()))
    }
    fn visit_none<E>(self) -> Result<Self::Value, E> {
        Ok(Items(Vec::new()))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while let Some(raw) = seq.next_element::<T::Raw>()? {
            // The item's own mapping is the last one entered: its fields hold no mappings.
            match T::convert(raw, lite::map_pos()) {
                Some(item) => out.push(item),
                None => return Err(serde::de::Error::custom("read carefully")),
            }
        }
        // Items are kept for the whole run: give back what growing the list reserved.
        out.shrink_to_fit();
        Ok(Items(out))
    }
}

impl<'de, T: Convert> Deserialize<'de> for Items<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ItemsVisitor(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastArea {
    id: Text,
    title: Text,
    summary: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastTopic {
    id: Text,
    title: Text,
    area: Text,
    #[serde(default)]
    requires: Ids,
    hours: Num,
    summary: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastResource {
    id: Text,
    title: Text,
    url: Text,
    #[serde(default)]
    guide_url: OptText,
    kind: Text,
    #[serde(default)]
    teaches: Ids,
    level: Text,
    cost: Text,
    hours: Num,
    #[serde(default)]
    status: PresentText,
    #[serde(default)]
    successors: Ids,
    #[serde(default)]
    from_guide: OptText,
    #[serde(default)]
    version: OptText,
    #[serde(default)]
    audience: Ids,
    #[serde(default)]
    summary: OptText,
    #[serde(default)]
    note: OptText,
    #[serde(default)]
    parts: Parts,
    #[serde(default)]
    companion: PresentText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FastPart {
    topic: Text,
    title: Text,
    hours: Num,
}

/// A resource's parts, and where the resource's own mapping starts: the parts are mappings
/// inside it, so once they are read the last mapping entered is a part, not the resource.
#[derive(Default)]
struct Parts {
    items: Vec<FastPart>,
    resource_at: Option<Pos>,
}

impl<'de> Deserialize<'de> for Parts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // No other field of a resource holds a mapping: the last one entered is the resource.
        let resource_at = Some(lite::map_pos());
        let items = Option::<Vec<FastPart>>::deserialize(d)?.unwrap_or_default();
        Ok(Parts { items, resource_at })
    }
}

/// The parts as the careful reader builds them, or `None` where it would complain.
fn parts(p: Vec<FastPart>, teaches: &[Ref]) -> Option<Vec<Part>> {
    let mut out: Vec<Part> = Vec::with_capacity(p.len());
    for FastPart {
        topic,
        title,
        hours: h,
    } in p
    {
        let Text(id, pos) = topic;
        if !text_ok(&id)
            || !teaches.iter().any(|t| t.id == id)
            || out.iter().any(|q| q.topic.id == id)
        {
            return None;
        }
        out.push(Part {
            topic: Ref { id, pos },
            title: text(title)?.into_string(),
            hours: hours(h)?,
        });
    }
    Some(out)
}

fn text(t: Text) -> Option<Str> {
    text_ok(&t.0).then_some(t.0)
}

fn area_ref(t: Text) -> Option<Ref> {
    let pos = t.1;
    text(t).map(|id| Ref { id, pos })
}

fn opt_text(t: OptText) -> Option<Option<String>> {
    match t.0 {
        None => Some(None),
        Some(s) => text_ok(&s).then_some(Some(s)),
    }
}

fn id(t: Text) -> Option<Str> {
    let s = text(t)?;
    is_valid_id(&s, false).then_some(s)
}

fn refs(ids: Ids) -> Option<Vec<Ref>> {
    // Exactly as long as needed: most lists have one or two ids, and a collected `Option<Vec>`
    // would start at four.
    let mut out = Vec::with_capacity(ids.0.len());
    for Text(id, pos) in ids.0 {
        if !is_valid_id(&id, false) {
            return None;
        }
        out.push(Ref { id, pos });
    }
    Some(out)
}

fn hours(n: Num) -> Option<f64> {
    hours_ok(n.0).then_some(n.0)
}

fn origin(pos: Pos) -> Origin {
    Origin { file: 0, pos }
}

impl Convert for Area {
    type Raw = FastArea;
    fn convert(a: FastArea, at: Pos) -> Option<Area> {
        Some(Area {
            id: id(a.id)?,
            title: text(a.title)?,
            summary: text(a.summary)?,
            origin: origin(at),
        })
    }
}

impl Convert for Topic {
    type Raw = FastTopic;
    fn convert(t: FastTopic, at: Pos) -> Option<Topic> {
        Some(Topic {
            area: area_ref(t.area)?,
            id: id(t.id)?,
            title: text(t.title)?,
            requires: refs(t.requires)?,
            hours: hours(t.hours)?,
            summary: text(t.summary)?,
            origin: origin(at),
        })
    }
}

impl Convert for Resource {
    type Raw = FastResource;
    fn convert(r: FastResource, at: Pos) -> Option<Resource> {
        let url = text(r.url)?;
        check_url(&url).ok()?;
        let guide_url = opt_text(r.guide_url)?;
        if let Some(g) = &guide_url {
            check_url(g).ok()?;
        }
        let status = match r.status.0 {
            None => Status::Current,
            Some(s) => Status::parse(&s)?,
        };
        let teaches = refs(r.teaches)?;
        let successors = refs(r.successors)?;
        if teaches.is_empty() || (status.is_legacy() && successors.is_empty()) {
            return None;
        }
        let at = r.parts.resource_at.unwrap_or(at);
        let companion = match r.companion.0 {
            None => None,
            Some(c) => Some(Companion::parse(&c)?),
        };
        let parts = parts(r.parts.items, &teaches)?;
        Some(Resource {
            id: id(r.id)?,
            title: text(r.title)?,
            url,
            kind: Kind::parse(&text(r.kind)?)?,
            teaches,
            level: Level::parse(&text(r.level)?)?,
            cost: Cost::parse(&text(r.cost)?)?,
            hours: hours(r.hours)?,
            status,
            extra: ResourceExtra {
                successors,
                from_guide: opt_text(r.from_guide)?,
                guide_url,
                version: opt_text(r.version)?,
                audience: refs(r.audience)?,
                summary: opt_text(r.summary)?,
                note: opt_text(r.note)?,
                parts,
                companion,
            }
            .boxed(),
            origin: origin(at),
        })
    }
}

/// Which parser the fast path uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The subset reader, then (for files outside the subset) the general parser.
    Either,
    /// Only the subset reader.
    Subset,
    /// Only the general parser.
    General,
    /// Only the subset reader, noting where each item and reference is written (for messages
    /// about a file that the subset reader can read).
    Positioned,
}

/// Reads a file the fast way with the given parser(s), or says `None` when it must be read
/// the careful way.
pub fn read_file_via(text_in: &str, file: usize, via: Via) -> Option<FileItems> {
    let text_in = text_in.strip_prefix('\u{feff}').unwrap_or(text_in);
    let parsed: FastFile = match via {
        Via::General => general(text_in)?,
        Via::Subset => super::lite::from_str(text_in).ok()?,
        Via::Positioned => super::lite::from_str_with_positions(text_in).ok()?,
        Via::Either => match super::lite::from_str(text_in) {
            Ok(parsed) => parsed,
            // Inside the subset both parsers read the same values, so a value that does not
            // fit here would not fit there either: straight to the careful reader.
            Err(super::lite::Error::Rejected) => return None,
            Err(super::lite::Error::Unsupported) => general(text_in)?,
        },
    };
    if parsed.areas.is_none() && parsed.topics.is_none() && parsed.resources.is_none() {
        // Empty, or only nulls: the careful reader decides.
        return None;
    }
    let mut items = FileItems {
        areas: parsed.areas.map_or_else(Vec::new, |i| i.0),
        topics: parsed.topics.map_or_else(Vec::new, |i| i.0),
        resources: parsed.resources.map_or_else(Vec::new, |i| i.0),
        questions: Vec::new(),
    };
    for a in &mut items.areas {
        a.origin.file = file;
    }
    for t in &mut items.topics {
        t.origin.file = file;
    }
    for r in &mut items.resources {
        r.origin.file = file;
    }
    Some(items)
}

fn general(text: &str) -> Option<FastFile> {
    // No positions from this parser: none left over from an earlier file either.
    lite::clear_positions();
    serde_saphyr::from_str_with_options(text, crate::yaml::options()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curriculum::read::{FileCtx, read_file as careful};

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

    #[test]
    fn the_fast_path_agrees_with_the_careful_reader() {
        for via in [Via::Subset, Via::General, Via::Positioned] {
            agrees(via);
        }
    }

    fn agrees(via: Via) {
        let mut fast_count = 0;
        for (name, text) in samples() {
            assert!(super::super::lite::agrees_with_general(&text), "{name}");
            let Some(fast) = read_file_via(&text, 0, via) else {
                continue;
            };
            fast_count += 1;
            let root = crate::yaml::parse_with(&text, via == Via::Positioned)
                .unwrap_or_else(|e| panic!("{name}: fast accepted what the parser rejects: {e:?}"));
            let mut ctx = FileCtx {
                name: &name,
                file: 0,
                diags: Vec::new(),
            };
            let slow = careful(&mut ctx, &root.expect("not empty"));
            assert!(
                ctx.diags.is_empty(),
                "{name}: fast accepted a file with problems: {:?}",
                ctx.diags
            );
            assert_eq!(
                format!("{:?}", fast.areas),
                format!("{:?}", slow.areas),
                "{name}"
            );
            assert_eq!(
                format!("{:?}", fast.topics),
                format!("{:?}", slow.topics),
                "{name}"
            );
            assert_eq!(
                format!("{:?}", fast.resources),
                format!("{:?}", slow.resources),
                "{name}"
            );
            assert!(slow.questions.is_empty(), "{name}");
        }
        assert!(
            fast_count >= 5,
            "the fast path ({via:?}) read only {fast_count} files"
        );
    }

    /// The built-in guide's item files, and those `pathwise init` writes, stay in the subset the
    /// quick parser reads, so that a first run (before the cache) stays quick.
    #[test]
    fn the_built_in_guide_is_read_by_the_subset_parser() {
        let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../paths"));
        for f in [
            "areas.yaml",
            "topics.yaml",
            "resources/guide.yaml",
            "resources/modern.yaml",
        ] {
            let text = std::fs::read_to_string(root.join(f)).unwrap();
            assert!(read_file_via(&text, 0, Via::Subset).is_some(), "{f}");
        }
        // And so are the files `pathwise init` starts a team with.
        for (name, text) in crate::scaffold::FILES {
            if *name == "topics.yaml" || *name == "resources.yaml" {
                assert!(read_file_via(text, 0, Via::Subset).is_some(), "{name}");
            }
        }
    }

    #[test]
    fn the_fast_path_gives_up_on_anything_the_careful_reader_would_question() {
        let bad = [
            "",
            "topics:\n  - id: a\n    title: 42\n    area: learn\n    hours: 1\n    summary: s\n",
            "topics:\n  - id: a\n    title: T\n    area: learn\n    hours: \"1\"\n    summary: s\n",
            "topics:\n  - id: a\n    title: T\n    area: learn\n    hours: 0\n    summary: s\n",
            "topics:\n  - id: a\n    title: \" \"\n    area: learn\n    hours: 1\n    summary: s\n",
            "topics:\n  - id: A\n    title: T\n    area: learn\n    hours: 1\n    summary: s\n",
            "topics:\n  - id: a\n    title: T\n    area: learn\n    hours: 1\n    summary: s\n    extra: 1\n",
            "resources:\n  - id: r\n    title: R\n    url: https://e.org\n    kind: book\n    teaches: [a]\n    level: beginner\n    cost: free\n    hours: 1\n    status: ~\n",
            "resources:\n  - id: r\n    title: R\n    url: https://e.org\n    kind: book\n    teaches: [a]\n    level: beginner\n    cost: free\n    hours: 1\n    status: dead\n",
            "resources:\n  - id: r\n    title: R\n    url: ftp://e.org\n    kind: book\n    teaches: [a]\n    level: beginner\n    cost: free\n    hours: 1\n",
            "questions: []\n",
            "areas: ~\n",
            // A struct is a mapping, never a list of its fields in order.
            "- []\n",
            "topics:\n  - [a, T, learn, b, 3, s]\n",
        ];
        for text in bad {
            for via in [Via::Either, Via::Subset, Via::General] {
                assert!(read_file_via(text, 0, via).is_none(), "{via:?}: {text}");
            }
        }
    }
}
