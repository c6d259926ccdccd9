//! Checks across files: unique ids, references that resolve, no cycles, questions that make
//! sense. Builds the indices and the topic graph on the way.

use std::collections::{BTreeSet, HashMap};

use crate::diag::{Diagnostic, Suggester, codes, did_you_mean, list_some};
use crate::graph::TopicGraph;

use super::model::{Origin, Question, QuestionKind, Ref, SourceFile};
use super::{Curriculum, IdMap};

struct Ctx<'a> {
    files: &'a [SourceFile],
    diags: &'a mut Vec<Diagnostic>,
}

impl Ctx<'_> {
    fn error(
        &mut self,
        origin: Origin,
        pos: crate::yaml::Pos,
        msg: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::new(
            &self.files[origin.file].name,
            Some(pos),
            msg,
        ));
        self.diags.last_mut().expect("just pushed")
    }

    /// A cosmetic flaw: the curriculum is used as it is.
    fn warn(
        &mut self,
        origin: Origin,
        pos: crate::yaml::Pos,
        msg: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::warning(
            &self.files[origin.file].name,
            Some(pos),
            msg,
        ));
        self.diags.last_mut().expect("just pushed")
    }
}

/// Fills in what stands in for text left empty (reported as a warning where it was read): an
/// option's label is the title of the topic it wants (or, failing that, knows), else its id;
/// a part's title is its topic's title.
fn fill_empty_text(cur: &mut Curriculum) {
    let topics = &cur.topics;
    let index = &cur.topic_index;
    let title = |r: &Ref| index.get(&r.id).map(|i| topics[i].title.to_string());
    for q in &mut cur.questions {
        for o in q.options.iter_mut().filter(|o| o.label.is_empty()) {
            o.label = o
                .wants
                .iter()
                .chain(&o.knows)
                .find_map(title)
                .unwrap_or_else(|| o.id.clone());
        }
    }
    for r in &mut cur.resources {
        let Some(extra) = r.extra.as_mut() else {
            continue;
        };
        for p in extra.parts.iter_mut().filter(|p| p.title.is_empty()) {
            p.title = title(&p.topic).unwrap_or_else(|| p.topic.id.to_string());
        }
    }
}

/// Indexes items by id; a repeated id is reported at its second place with a note at the first.
fn index<T>(
    ctx: &mut Ctx,
    what: &str,
    items: &[T],
    id: impl Fn(&T) -> &str,
    origin: impl Fn(&T) -> Origin,
) -> IdMap {
    let mut map = IdMap::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let key = id(item);
        if let Some(first) = map.insert_first(key, i) {
            let o = origin(item);
            let fo = origin(&items[first]);
            let first_file = ctx.files[fo.file].name.clone();
            ctx.error(o, o.pos, format!("duplicate {what} id `{key}`"))
                .label("defined again here")
                .note(
                    &first_file,
                    Some(fo.pos),
                    format!("`{key}` was first defined here"),
                )
                .help(format!("give each {what} its own id"))
                .code(codes::DUPLICATE_ID);
        }
    }
    map
}

/// The ids of one kind of item, to suggest from when a reference names none of them; the
/// suggester is made at the first such reference.
struct Known<'a> {
    ids: &'a IdMap,
    suggester: Option<Suggester<'a>>,
}

impl<'a> Known<'a> {
    fn new(ids: &'a IdMap) -> Known<'a> {
        Known {
            ids,
            suggester: None,
        }
    }
    fn suggest(&mut self, wrong: &str) -> Option<&'a str> {
        let ids = self.ids;
        self.suggester
            .get_or_insert_with(|| Suggester::new(ids.keys()))
            .suggest(wrong)
    }
}

fn unknown_ref(
    ctx: &mut Ctx,
    origin: Origin,
    r: &Ref,
    what: &str,
    context: &str,
    known: &mut Known,
) {
    let help = match known.suggest(&r.id) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!(
            "define {} {what} with `id: {}`, or remove the reference",
            article(what),
            r.id
        ),
    };
    ctx.error(
        origin,
        r.pos,
        format!("unknown {what} `{}` in {context}", r.id),
    )
    .label(format!("no {what} has this id"))
    .help(help)
    .code(match what {
        "area" => codes::UNKNOWN_AREA,
        "topic" => codes::UNKNOWN_TOPIC,
        _ => codes::UNKNOWN_RESOURCE,
    });
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Rebuilds the indices of a curriculum that passed [`check`] when it was cached, from the
/// resolved references stored with it: no lookups, no checks.
pub(super) fn reindex(
    cur: &mut Curriculum,
    prereqs: Vec<Vec<usize>>,
    area_rank: Vec<usize>,
    teachers: Vec<Vec<usize>>,
) {
    fn map<T>(items: &[T], id: impl Fn(&T) -> &str) -> IdMap {
        let mut m = IdMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            m.insert_first(id(item), i);
        }
        m
    }
    cur.area_index = map(&cur.areas, |a| &a.id);
    cur.topic_index = map(&cur.topics, |t| &t.id);
    cur.resource_index = map(&cur.resources, |r| &r.id);
    cur.question_index = map(&cur.questions, |q| &q.id);
    cur.graph = TopicGraph::new(prereqs, &area_rank);
    cur.teachers = teachers;
}

/// Checks everything and builds the indices.
pub(super) fn check(cur: &mut Curriculum, diags: &mut Vec<Diagnostic>) {
    let files = cur.files.clone();
    let mut ctx = Ctx {
        files: &files,
        diags,
    };
    cur.area_index = index(&mut ctx, "area", &cur.areas, |a| &a.id, |a| a.origin);
    cur.topic_index = index(&mut ctx, "topic", &cur.topics, |t| &t.id, |t| t.origin);
    cur.resource_index = index(
        &mut ctx,
        "resource",
        &cur.resources,
        |r| &r.id,
        |r| r.origin,
    );
    cur.question_index = index(
        &mut ctx,
        "question",
        &cur.questions,
        |q| &q.id,
        |q| q.origin,
    );

    fill_empty_text(cur);

    let mut areas = Known::new(&cur.area_index);
    let mut topics = Known::new(&cur.topic_index);
    let mut resources = Known::new(&cur.resource_index);

    // Topics: area and prerequisites.
    let mut prereqs = Vec::with_capacity(cur.topics.len());
    let mut area_rank = Vec::with_capacity(cur.topics.len());
    for t in &cur.topics {
        // Messages name the item; the text is made only when there is something to say.
        let context = || format!("topic `{}`", t.id);
        match cur.area_index.get(&t.area.id) {
            Some(a) => area_rank.push(a),
            // A missing `area` has been reported where the topic was read.
            None if t.area.id.is_empty() => area_rank.push(usize::MAX),
            None => {
                unknown_ref(&mut ctx, t.origin, &t.area, "area", &context(), &mut areas);
                area_rank.push(usize::MAX);
            }
        }
        let mut ps = Vec::with_capacity(t.requires.len());
        for r in &t.requires {
            match cur.topic_index.get(&r.id) {
                Some(p) => ps.push(p),
                None => unknown_ref(
                    &mut ctx,
                    t.origin,
                    r,
                    "topic",
                    &format!("`requires` of {}", context()),
                    &mut topics,
                ),
            }
        }
        ps.sort_unstable();
        ps.dedup();
        prereqs.push(ps);
    }
    // Duplicated topics keep only their first definition in the graph.
    for (i, t) in cur.topics.iter().enumerate() {
        if cur.topic_index.get(&t.id) != Some(i) {
            prereqs[i].clear();
        }
    }
    let graph = TopicGraph::new(prereqs, &area_rank);
    for cycle in graph.cycles() {
        report_cycle(&mut ctx, cur, &cycle);
    }
    cur.graph = graph;

    // Traits that options give, for checking resource audiences.
    let traits: BTreeSet<&str> = cur
        .questions
        .iter()
        .flat_map(|q| q.options.iter())
        .flat_map(|o| o.traits.iter().map(String::as_str))
        .collect();
    let trait_list: Vec<&str> = traits.iter().copied().collect();
    let mut trait_suggester: Option<Suggester> = None;

    // Resources.
    let mut teachers: Vec<Vec<usize>> = vec![Vec::new(); cur.topics.len()];
    for (ri, r) in cur.resources.iter().enumerate() {
        let context = || format!("resource `{}`", r.id);
        for t in &r.teaches {
            match cur.topic_index.get(&t.id) {
                Some(ti) => {
                    if teachers[ti].last() != Some(&ri) {
                        teachers[ti].push(ri);
                    }
                }
                None => unknown_ref(
                    &mut ctx,
                    r.origin,
                    t,
                    "topic",
                    &format!("`teaches` of {}", context()),
                    &mut topics,
                ),
            }
        }
        for s in r.successors() {
            if s.id == r.id {
                ctx.error(
                    r.origin,
                    s.pos,
                    format!("{} names itself as its successor", context()),
                )
                .help("name the resource that replaces it")
                .code(codes::OWN_SUCCESSOR);
            } else if !cur.resource_index.contains_key(&s.id) {
                unknown_ref(
                    &mut ctx,
                    r.origin,
                    s,
                    "resource",
                    &format!("`successors` of {}", context()),
                    &mut resources,
                );
            }
        }
        for a in r.audience() {
            if !traits.contains(a.id.as_str()) {
                let suggestion = trait_suggester
                    .get_or_insert_with(|| Suggester::new(trait_list.iter().copied()))
                    .suggest(&a.id);
                let help = match suggestion {
                    Some(s) => format!("did you mean `{s}`?"),
                    None if traits.is_empty() => "no question option sets any traits; add `traits:` to an option or remove `audience`".into(),
                    None => format!("the traits set by question options are {}", list_some(&trait_list, 20)),
                };
                ctx.error(
                    r.origin,
                    a.pos,
                    format!("unknown audience `{}` in {}", a.id, context()),
                )
                .label("no question option gives this trait")
                .help(help)
                .code(codes::UNKNOWN_AUDIENCE);
            }
        }
    }

    cur.teachers = teachers;

    // Questions.
    for q in &cur.questions {
        check_question(&mut ctx, cur, q, &mut topics);
    }
    let mut questions = Known::new(&cur.question_index);
    for (i, q) in cur.questions.iter().enumerate() {
        check_when(&mut ctx, cur, i, q, &mut questions);
    }
}

/// A question's `when` names earlier choice questions and their options; `exclusive` options
/// belong to multiselect questions.
fn check_when(ctx: &mut Ctx, cur: &Curriculum, i: usize, q: &Question, known: &mut Known) {
    let earlier = &cur.questions[..i];
    for c in &q.when {
        let Some(asked) = cur
            .question_index
            .get(&c.question.id)
            .filter(|&e| e < i)
            .map(|e| &earlier[e])
        else {
            // Only a question asked before this one is worth suggesting.
            let suggestion = known
                .suggest(&c.question.id)
                .filter(|s| cur.question_index.get(s).is_some_and(|e| e < i));
            let help = match suggestion {
                Some(s) => format!("did you mean `{s}`?"),
                None if earlier.is_empty() => {
                    "the first question cannot depend on another; remove `when`".into()
                }
                None => format!(
                    "`when` names a question asked before this one: {}",
                    list_some(
                        &earlier
                            .iter()
                            .take(31)
                            .map(|e| e.id.as_str())
                            .collect::<Vec<_>>(),
                        30
                    )
                ),
            };
            ctx.error(
                q.origin,
                c.question.pos,
                format!(
                    "question `{}` depends on `{}`, which is not a question asked before it",
                    q.id, c.question.id
                ),
            )
            .label("no earlier question has this id")
            .help(help);
            continue;
        };
        if !matches!(asked.kind, QuestionKind::Select | QuestionKind::Multiselect) {
            ctx.error(
                q.origin,
                c.question.pos,
                format!(
                    "question `{}` depends on `{}`, a {} question without options",
                    q.id, asked.id, asked.kind
                ),
            )
            .help("`when` names select or multiselect questions and some of their options");
            continue;
        }
        for o in &c.options {
            if asked.option(&o.id).is_none() {
                let ids: Vec<&str> = asked.options.iter().map(|o| o.id.as_str()).collect();
                ctx.error(
                    q.origin,
                    o.pos,
                    format!(
                        "unknown option `{}` of `{}` in `when` of question `{}`",
                        o.id, asked.id, q.id
                    ),
                )
                .label("not an option of that question")
                .help(match did_you_mean(&o.id, ids.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("the options of `{}` are {}", asked.id, list_some(&ids, 30)),
                });
            }
        }
    }
    if q.kind != QuestionKind::Multiselect {
        for o in q.options.iter().filter(|o| o.exclusive) {
            ctx.warn(
                o.origin,
                o.origin.pos,
                format!(
                    "option `{}` of {} question `{}` is `exclusive`, which only a multiselect needs",
                    o.id, q.kind, q.id
                ),
            )
            .help("remove `exclusive`: one answer to a select question excludes the others already")
            .code(codes::NEEDLESS_EXCLUSIVE);
        }
    }
}

fn report_cycle(ctx: &mut Ctx, cur: &Curriculum, cycle: &[usize]) {
    let names: Vec<&str> = cycle.iter().map(|&i| cur.topics[i].id.as_str()).collect();
    let mut path = names.join(" -> ");
    path.push_str(" -> ");
    path.push_str(names[0]);
    let first = &cur.topics[cycle[0]];
    let next_id = names.get(1).copied().unwrap_or(names[0]);
    let pos = first
        .requires
        .iter()
        .find(|r| r.id == next_id)
        .map_or(first.origin.pos, |r| r.pos);
    let msg = if cycle.len() == 1 {
        format!("topic `{}` requires itself: {path}", names[0])
    } else {
        format!("prerequisites form a cycle: {path}")
    };
    let files = ctx.files;
    let d = ctx.error(first.origin, pos, msg);
    d.label(format!("`{}` requires `{next_id}`", names[0]));
    for (k, &i) in cycle.iter().enumerate().skip(1) {
        let t = &cur.topics[i];
        let next = names[(k + 1) % names.len()];
        let pos = t
            .requires
            .iter()
            .find(|r| r.id == next)
            .map_or(t.origin.pos, |r| r.pos);
        d.note(
            &files[t.origin.file].name,
            Some(pos),
            format!("`{}` requires `{next}`", t.id),
        );
    }
    d.help("remove one of these prerequisites so that the chain has a start")
        .code(if cycle.len() == 1 {
            codes::REQUIRES_ITSELF
        } else {
            codes::CYCLE
        });
}

fn check_question(ctx: &mut Ctx, cur: &Curriculum, q: &Question, topics: &mut Known) {
    let before = ctx.diags.len();
    check_question_items(ctx, cur, q, topics);
    for d in &mut ctx.diags[before..] {
        if d.code.is_none() {
            d.code(codes::BAD_QUESTION);
        }
    }
}

fn check_question_items(ctx: &mut Ctx, cur: &Curriculum, q: &Question, topics: &mut Known) {
    let context = format!("question `{}`", q.id);
    let choice_kind = matches!(q.kind, QuestionKind::Select | QuestionKind::Multiselect);
    if choice_kind && q.options.is_empty() {
        ctx.error(
            q.origin,
            q.origin.pos,
            format!("{} question `{}` has no options", q.kind, q.id),
        )
        .help("add `options:` with at least one `- id: … label: …`");
    }
    if !choice_kind && !q.options.is_empty() {
        ctx.error(
            q.origin,
            q.options[0].origin.pos,
            format!("{} question `{}` cannot have options", q.kind, q.id),
        )
        .help("remove `options`, or make the question a `select` or `multiselect`");
    }
    let mut seen: HashMap<&str, Origin> = HashMap::new();
    for o in &q.options {
        if let Some(first) = seen.get(o.id.as_str()) {
            let first_file = ctx.files[first.file].name.clone();
            ctx.error(
                o.origin,
                o.origin.pos,
                format!("option id `{}` appears twice in {context}", o.id),
            )
            .note(&first_file, Some(first.pos), "first used here")
            .help("give each option of a question its own id");
        } else {
            seen.insert(&o.id, o.origin);
        }
        for r in o.knows.iter().chain(&o.reviews).chain(&o.wants) {
            if !cur.topic_index.contains_key(&r.id) {
                unknown_ref(
                    ctx,
                    o.origin,
                    r,
                    "topic",
                    &format!("option `{}` of {context}", o.id),
                    topics,
                );
            }
        }
    }
    if let Some(s) = q.setting
        && s.kind() != q.kind
    {
        ctx.error(
            q.origin,
            q.origin.pos,
            format!(
                "{context} fills the setting `{s}`, which needs a {} question, not {}",
                s.kind(),
                q.kind
            ),
        )
        .help(format!("make it `kind: {}` or remove `setting`", s.kind()));
    }
    if let (Some(min), Some(max)) = (q.min, q.max)
        && min > max
    {
        ctx.error(
            q.origin,
            q.origin.pos,
            format!("{context} has `min` {min} greater than `max` {max}"),
        );
    }
    if q.kind == QuestionKind::Multiselect
        && let Some(min) = q.min
        && (min < 0.0 || min.fract() != 0.0 || min > q.options.len() as f64)
    {
        ctx.error(
            q.origin,
            q.origin.pos,
            format!(
                "{context} asks for at least {min} choices out of {} options",
                q.options.len()
            ),
        )
        .help("`min` of a multiselect is a whole number of options, at most the number of options");
    }
    if let Some(d) = &q.default
        && let Err(why) = super::check_value(q, d)
    {
        ctx.error(
            q.origin,
            q.origin.pos,
            format!("the default of {context} is not a valid answer: {why}"),
        )
        .help("make `default` one of the question's valid answers");
    }
}
