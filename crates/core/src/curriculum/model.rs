//! The typed curriculum: areas, topics, resources and questions, each remembering where it was
//! written so that later checks can point at it.

use serde::{Deserialize, Serialize};

use crate::yaml::Pos;

/// Text of ids, titles, summaries and links: up to 24 bytes are kept inline, without an
/// allocation of their own, which most ids and many titles fit in.
pub type Str = compact_str::CompactString;

/// Reads a [`Str`] through `deserialize_string`, which the cache's streaming decoder serves from
/// a reused buffer (`deserialize_str`, which `CompactString` asks for, would keep every string
/// in the decoder's scratch space).
fn de_str<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Str, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = Str;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("text")
        }
        fn visit_str<E>(self, v: &str) -> Result<Str, E> {
            Ok(Str::from(v))
        }
        fn visit_string<E>(self, v: String) -> Result<Str, E> {
            Ok(Str::from(v))
        }
    }
    d.deserialize_string(V)
}

/// Where an item (or a reference inside it) was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Origin {
    /// Index into [`Curriculum::files`].
    pub file: usize,
    pub pos: Pos,
}

/// A reference to another item by id, with the place it was written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ref {
    #[serde(deserialize_with = "de_str")]
    pub id: Str,
    pub pos: Pos,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Area {
    #[serde(deserialize_with = "de_str")]
    pub id: Str,
    #[serde(deserialize_with = "de_str")]
    pub title: Str,
    #[serde(deserialize_with = "de_str")]
    pub summary: Str,
    pub origin: Origin,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Topic {
    #[serde(deserialize_with = "de_str")]
    pub id: Str,
    #[serde(deserialize_with = "de_str")]
    pub title: Str,
    pub area: Ref,
    pub requires: Vec<Ref>,
    pub hours: f64,
    #[serde(deserialize_with = "de_str")]
    pub summary: Str,
    pub origin: Origin,
}

macro_rules! closed_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
            pub fn names() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

closed_enum!(
    /// What sort of thing a resource is.
    Kind {
        Book => "book",
        Tutorial => "tutorial",
        Documentation => "documentation",
        Course => "course",
        Talk => "talk",
        Tool => "tool",
        Library => "library",
        Article => "article",
        Community => "community",
        Paper => "paper",
    }
);

closed_enum!(Level {
    Beginner => "beginner",
    Intermediate => "intermediate",
    Advanced => "advanced",
});

closed_enum!(Cost {
    Free => "free",
    Paid => "paid",
});

closed_enum!(
    /// Whether a resource can still be used as it is.
    Status {
        Current => "current",
        Unmaintained => "unmaintained",
        Superseded => "superseded",
        Dead => "dead",
    }
);

impl Status {
    /// Dead and superseded resources are history: they are listed only when asked for.
    pub fn is_legacy(self) -> bool {
        matches!(self, Status::Superseded | Status::Dead)
    }
}

closed_enum!(QuestionKind {
    Select => "select",
    Multiselect => "multiselect",
    Number => "number",
    Text => "text",
    Confirm => "confirm",
});

impl QuestionKind {
    /// What an answer to a question of this kind looks like, for messages.
    pub fn expected(self) -> &'static str {
        match self {
            QuestionKind::Confirm => "`true` or `false`",
            QuestionKind::Number => "a number",
            QuestionKind::Text => "text",
            QuestionKind::Select => "one option id",
            QuestionKind::Multiselect => "a list of option ids",
        }
    }
}

closed_enum!(
    /// Planner settings a question can fill.
    Setting {
        Name => "name",
        HoursPerWeek => "hours_per_week",
        FreeOnly => "free_only",
        IncludeLegacy => "include_legacy",
        DeadlineWeeks => "deadline_weeks",
        Goals => "goals",
    }
);

impl Setting {
    /// The question kind that can fill this setting.
    pub fn kind(self) -> QuestionKind {
        match self {
            Setting::Name => QuestionKind::Text,
            Setting::HoursPerWeek | Setting::DeadlineWeeks => QuestionKind::Number,
            Setting::FreeOnly | Setting::IncludeLegacy => QuestionKind::Confirm,
            Setting::Goals => QuestionKind::Multiselect,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Resource {
    #[serde(deserialize_with = "de_str")]
    pub id: Str,
    #[serde(deserialize_with = "de_str")]
    pub title: Str,
    #[serde(deserialize_with = "de_str")]
    pub url: Str,
    pub kind: Kind,
    pub teaches: Vec<Ref>,
    pub level: Level,
    pub cost: Cost,
    pub hours: f64,
    pub status: Status,
    /// The fields most resources leave out, boxed so that those cost one pointer.
    pub extra: Option<Box<ResourceExtra>>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ResourceExtra {
    pub successors: Vec<Ref>,
    /// The guide's section that names this resource; `None` for resources added since.
    pub from_guide: Option<String>,
    /// The link the guide gave, when it differs from today's.
    pub guide_url: Option<String>,
    /// Release or edition facts, e.g. "2.5 (2026)".
    pub version: Option<String>,
    /// Traits of the people this resource is written for (empty: everyone).
    pub audience: Vec<Ref>,
    pub summary: Option<String>,
    pub note: Option<String>,
    /// Parts of the resource that teach one topic each (chapters, episodes), with their own
    /// hours: the plan can assign a part to its topic.
    pub parts: Vec<Part>,
    /// A page read with a topic's main resource rather than instead of it.
    pub companion: Option<Companion>,
}

/// A part of a resource that teaches one of its topics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub topic: Ref,
    /// What to read, e.g. "chapters 1–9".
    pub title: String,
    pub hours: f64,
}

closed_enum!(
    /// How a page goes with a topic's main resource: `first`, a short bridge to read before it
    /// (e.g. `NumPy` for MATLAB users); `alongside`, a page that covers part of the topic, read
    /// beside it (e.g. Slurm job arrays beside `srun`) and never offered instead of it.
    Companion {
        First => "first",
        Alongside => "alongside",
    }
);

impl ResourceExtra {
    /// `None` when every field is empty.
    pub fn boxed(self) -> Option<Box<ResourceExtra>> {
        (self != ResourceExtra::default()).then(|| Box::new(self))
    }
}

impl Resource {
    pub fn successors(&self) -> &[Ref] {
        self.extra.as_ref().map_or(&[], |e| &e.successors)
    }
    pub fn from_guide(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.from_guide.as_deref())
    }
    pub fn guide_url(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.guide_url.as_deref())
    }
    pub fn version(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.version.as_deref())
    }
    pub fn audience(&self) -> &[Ref] {
        self.extra.as_ref().map_or(&[], |e| &e.audience)
    }
    pub fn summary(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.summary.as_deref())
    }
    pub fn note(&self) -> Option<&str> {
        self.extra.as_ref().and_then(|e| e.note.as_deref())
    }
    pub fn parts(&self) -> &[Part] {
        self.extra.as_ref().map_or(&[], |e| &e.parts)
    }
    /// The part of this resource that teaches `topic` (by topic id), if it names one.
    pub fn part_for(&self, topic: &str) -> Option<&Part> {
        self.parts().iter().find(|p| p.topic.id == topic)
    }
    pub fn companion(&self) -> Option<Companion> {
        self.extra.as_ref().and_then(|e| e.companion)
    }
}

/// A value given for a question, from the terminal, an answers file or a default. In JSON it is
/// the bare value; in binary formats (the cache) it is tagged.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerValue {
    Bool(bool),
    Number(f64),
    Text(String),
    Choices(Vec<String>),
}

#[derive(Serialize, Deserialize)]
enum Tagged {
    Bool(bool),
    Number(f64),
    Text(String),
    Choices(Vec<String>),
}

impl Serialize for AnswerValue {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            match self {
                AnswerValue::Bool(b) => s.serialize_bool(*b),
                AnswerValue::Number(n) => s.serialize_f64(*n),
                AnswerValue::Text(t) => s.serialize_str(t),
                AnswerValue::Choices(c) => c.serialize(s),
            }
        } else {
            match self.clone() {
                AnswerValue::Bool(b) => Tagged::Bool(b),
                AnswerValue::Number(n) => Tagged::Number(n),
                AnswerValue::Text(t) => Tagged::Text(t),
                AnswerValue::Choices(c) => Tagged::Choices(c),
            }
            .serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for AnswerValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Tagged::deserialize(d)? {
            Tagged::Bool(b) => AnswerValue::Bool(b),
            Tagged::Number(n) => AnswerValue::Number(n),
            Tagged::Text(t) => AnswerValue::Text(t),
            Tagged::Choices(c) => AnswerValue::Choices(c),
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub help: Option<String>,
    /// Topics a person who picks this already knows.
    pub knows: Vec<Ref>,
    /// Topics a person who picks this has met but should go over again: the plan keeps them as
    /// a review, which counts half the topic's estimate (or the reading, if more).
    pub reviews: Vec<Ref>,
    /// Topics a person who picks this wants to learn.
    pub wants: Vec<Ref>,
    /// Traits the choice gives the person, matched against resource audiences.
    pub traits: Vec<String>,
    /// Resource kinds the person prefers.
    pub prefers: Vec<Kind>,
    /// Chosen alone or not at all ("none of these"): it cannot be chosen with other options.
    pub exclusive: bool,
    pub origin: Origin,
}

/// Part of a question's `when`: the question is asked when `question`'s answer includes one of
/// `options`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub question: Ref,
    pub options: Vec<Ref>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub help: Option<String>,
    pub kind: QuestionKind,
    pub options: Vec<Choice>,
    pub default: Option<AnswerValue>,
    /// For number questions the bounds of the value; for multiselect the bounds of how many
    /// options may be chosen.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// A required question must be answered (or have a default).
    pub required: bool,
    pub setting: Option<Setting>,
    /// Asked only when one of these holds (any of them); empty: always asked.
    pub when: Vec<Condition>,
    pub origin: Origin,
    /// Finds options by id; made at the first look-up.
    #[serde(skip)]
    pub option_index: OptionIndex,
}

/// A question's options sorted by id (their positions in `options`), made once, so that
/// checking a choice of thousands of options does not search them all for each.
#[derive(Debug, Clone, Default)]
pub struct OptionIndex(std::sync::OnceLock<Box<[u32]>>);

impl Question {
    /// The option of this id (the first, if two share it).
    pub fn option(&self, id: &str) -> Option<&Choice> {
        if self.options.len() <= 16 {
            return self.options.iter().find(|o| o.id == id);
        }
        let sorted = self.option_index.0.get_or_init(|| {
            let mut sorted: Vec<u32> = (0..self.options.len())
                .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
                .collect();
            // Stable: of equal ids the first option comes first.
            sorted.sort_by(|&a, &b| {
                self.options[a as usize]
                    .id
                    .cmp(&self.options[b as usize].id)
            });
            sorted.into_boxed_slice()
        });
        let at = sorted.partition_point(|&i| self.options[i as usize].id.as_str() < id);
        sorted
            .get(at)
            .map(|&i| &self.options[i as usize])
            .filter(|o| o.id == id)
    }
}

/// One file the curriculum was read from.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceFile {
    /// How the file is named in messages: `<built-in>/topics.yaml` or the path given.
    pub name: String,
    pub builtin: bool,
}
