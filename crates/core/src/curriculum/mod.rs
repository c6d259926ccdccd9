//! The curriculum: built-in and team files, read, checked and indexed.

mod answer_check;
mod cache;
mod idmap;
pub mod model;
pub mod read;
mod validate;

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::diag::{self, Diagnostic, Sources};
pub use crate::error::LoadError;

/// The codes of the loader's diagnostics that a front end may want to explain in its own terms.
pub mod codes {
    /// A curriculum folder is a file.
    pub const NOT_A_FOLDER: &str = "curriculum-folder-not-a-folder";
    /// A curriculum folder cannot be opened.
    pub const FOLDER_UNREADABLE: &str = "curriculum-folder-unreadable";
    /// Nothing to load: no built-in guide and no files in the folders given.
    pub const NO_FILES: &str = "no-curriculum-files";
}
use crate::graph::TopicGraph;
use crate::yaml;

pub use answer_check::check_value;
pub use idmap::IdMap;
pub use model::*;

static BUILTIN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../paths");

/// How built-in files are named in messages.
pub const BUILTIN_PREFIX: &str = "<built-in>/";

/// Which curricula to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub builtin: bool,
    pub dirs: Vec<PathBuf>,
    /// The folder of the on-disk cache of validated curricula (see `cache`); `None` turns the
    /// cache off.
    pub cache_dir: Option<PathBuf>,
}

pub struct Curriculum {
    pub files: Vec<SourceFile>,
    pub areas: Vec<Area>,
    pub topics: Vec<Topic>,
    pub resources: Vec<Resource>,
    pub questions: Vec<Question>,
    topic_index: IdMap,
    resource_index: IdMap,
    area_index: IdMap,
    question_index: IdMap,
    /// For each topic, the resources that teach it, in curriculum order.
    teachers: Vec<Vec<usize>>,
    pub graph: TopicGraph,
    /// Cosmetic flaws found in the files (empty titles, spaces around links, …), sorted by
    /// place: the curriculum is used with the fallbacks they name. Kept in the cache, so a
    /// repeat run reports the same ones.
    pub warnings: Vec<Diagnostic>,
    /// The text of the files the warnings point into, to show their lines.
    pub warning_sources: Sources,
    /// A hash of every file's name and contents, to tell which curriculum a plan was made from
    /// (`xxh3-` and 32 hex digits).
    pub fingerprint: String,
    /// The same hash, the key of the cache.
    cache_key: u128,
    /// Read from the files although the cache is on: [`Curriculum::store_in_cache`] saves it
    /// in this folder.
    uncached: Option<PathBuf>,
}

impl Curriculum {
    pub fn topic(&self, id: &str) -> Option<usize> {
        self.topic_index.get(id)
    }
    pub fn resource(&self, id: &str) -> Option<usize> {
        self.resource_index.get(id)
    }
    pub fn area(&self, id: &str) -> Option<usize> {
        self.area_index.get(id)
    }
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.question_index.get(id).map(|i| &self.questions[i])
    }
    /// The area a topic belongs to.
    pub fn area_of(&self, topic: usize) -> &Area {
        &self.areas[self
            .area_index
            .get(&self.topics[topic].area.id)
            .expect("every topic's area exists once checked")]
    }
    /// Resources that teach a topic, in curriculum order.
    pub fn resources_for(&self, topic: usize) -> &[usize] {
        &self.teachers[topic]
    }
    /// Whether [`Curriculum::store_in_cache`] has anything to do.
    pub fn wants_caching(&self) -> bool {
        self.uncached.is_some()
    }

    /// Saves a curriculum that was read from its files in the cache, for the next run. Does
    /// nothing if it came from the cache or caching is off; failures are ignored.
    pub fn store_in_cache(&self) {
        if let Some(dir) = &self.uncached {
            cache::write(
                dir,
                self.cache_key,
                &cache::StoredRef {
                    files: &self.files,
                    areas: &self.areas,
                    topics: &self.topics,
                    resources: &self.resources,
                    questions: &self.questions,
                    prereqs: self.graph.all_requires(),
                    area_rank: &self.graph.area_ranks(),
                    teachers: &self.teachers,
                    warnings: &self.warnings,
                },
            );
        }
    }

    pub fn file_name(&self, origin: Origin) -> &str {
        &self.files[origin.file].name
    }
}

/// One file to read: its display name, the name used for the fingerprint, and where its bytes
/// are. Files on disk are read when needed and not kept, so a large curriculum is never held in
/// memory twice.
struct Input {
    name: String,
    key: String,
    source: InputSource,
    builtin: bool,
}

enum InputSource {
    Static(&'static [u8]),
    Memory(Vec<u8>),
    File(PathBuf),
}

impl Input {
    /// The hash of the contents, reading a file in pieces rather than whole.
    fn hash(&self) -> Result<u128, String> {
        use std::io::Read;
        let InputSource::File(path) = &self.source else {
            return Ok(cache::content_hash(&self.bytes()?));
        };
        let reason = |e: std::io::Error| format!("cannot read the file: {}", io_reason(&e));
        let mut f = open_regular(path)?;
        let mut buf = vec![0u8; 1 << 16];
        let mut total = 0usize;
        let mut hash = cache::ContentHash::default();
        loop {
            let n = f.read(&mut buf).map_err(reason)?;
            if n == 0 {
                break;
            }
            total += n;
            if total > yaml::MAX_FILE_BYTES {
                return Err(too_large());
            }
            hash.update(&buf[..n]);
        }
        Ok(hash.finish())
    }

    fn bytes(&self) -> Result<std::borrow::Cow<'_, [u8]>, String> {
        match &self.source {
            InputSource::Static(b) => Ok(std::borrow::Cow::Borrowed(b)),
            InputSource::Memory(b) => Ok(std::borrow::Cow::Borrowed(b)),
            InputSource::File(p) => read_capped(p).map(std::borrow::Cow::Owned),
        }
    }
}

fn is_yaml(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
}

fn builtin_inputs() -> Vec<Input> {
    fn walk(dir: &Dir<'static>, out: &mut Vec<Input>) {
        for f in dir.files() {
            if is_yaml(f.path()) {
                let rel = f.path().to_string_lossy().replace('\\', "/");
                out.push(Input {
                    name: format!("{BUILTIN_PREFIX}{rel}"),
                    key: format!("{BUILTIN_PREFIX}{rel}"),
                    source: InputSource::Static(f.contents()),
                    builtin: true,
                });
            }
        }
        for d in dir.dirs() {
            walk(d, out);
        }
    }
    let mut out = Vec::new();
    walk(&BUILTIN, &mut out);
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

fn dir_inputs(dir: &Path, diags: &mut Vec<Diagnostic>) -> Vec<Input> {
    let shown = dir.display().to_string();
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => {
            diags.push(Diagnostic::new(&shown, None, "not a folder"));
            diags
                .last_mut()
                .unwrap()
                .help("give a folder that holds curriculum .yaml files")
                .code(codes::NOT_A_FOLDER);
            return Vec::new();
        }
        Err(e) => {
            diags.push(Diagnostic::new(
                &shown,
                None,
                format!("cannot open the curriculum folder: {}", io_reason(&e)),
            ));
            diags
                .last_mut()
                .unwrap()
                .help("check the folder's name and that it can be read")
                .code(codes::FOLDER_UNREADABLE);
            return Vec::new();
        }
    }
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::new(
                    &d.display().to_string(),
                    None,
                    format!("cannot read the folder: {}", io_reason(&e)),
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push(path);
            } else if is_yaml(&path) {
                // A named pipe would be waited on forever, a device read without end: only
                // regular files (or links to them) are read.
                match not_regular(&path) {
                    None => files.push(path),
                    Some(why) => {
                        let mut d = Diagnostic::new(&path.display().to_string(), None, why);
                        d.help("remove it, or rename it so that its name does not end in .yaml");
                        diags.push(d);
                    }
                }
            }
        }
    }
    files.sort();
    let mut out = Vec::with_capacity(files.len());
    for path in files {
        let name = path.display().to_string();
        let key = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        out.push(Input {
            name,
            key,
            source: InputSource::File(path),
            builtin: false,
        });
    }
    out
}

/// What kind of file system entry something other than a regular file is, for messages.
fn entry_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Why a path is not a regular file that can be read without waiting (a named pipe would wait
/// for a writer forever, a device could be endless), or `None` when it is one.
fn not_regular(path: &Path) -> Option<String> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() => None,
        Ok(m) => Some(format!(
            "this is {}, not a regular file; curriculum files are regular files",
            entry_kind(&m)
        )),
        Err(e) => Some(format!("cannot read the file: {}", io_reason(&e))),
    }
}

/// Opens a file, refusing anything but a regular file before opening it.
fn open_regular(path: &Path) -> Result<std::fs::File, String> {
    if let Some(why) = not_regular(path) {
        return Err(why);
    }
    let f = std::fs::File::open(path)
        .map_err(|e| format!("cannot read the file: {}", io_reason(&e)))?;
    // Replaced since it was looked at: checked again on what was opened.
    match f.metadata() {
        Ok(m) if m.is_file() => Ok(f),
        Ok(m) => Err(format!(
            "this is {}, not a regular file; curriculum files are regular files",
            entry_kind(&m)
        )),
        Err(e) => Err(format!("cannot read the file: {}", io_reason(&e))),
    }
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let f = open_regular(path)?;
    let mut bytes = Vec::new();
    f.take(yaml::MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {}", io_reason(&e)))?;
    if bytes.len() > yaml::MAX_FILE_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

fn too_large() -> String {
    format!(
        "the file is larger than {} MiB, the most pathwise reads",
        yaml::MAX_FILE_BYTES / (1024 * 1024)
    )
}

pub fn io_reason(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_lowercase(),
        None => s.to_lowercase(),
    }
}

struct Parsed {
    items: read::FileItems,
    diags: Vec<Diagnostic>,
}

fn parse_input(index: usize, input: &Input) -> Parsed {
    let failed = |diag: Diagnostic| Parsed {
        items: Default::default(),
        diags: vec![diag],
    };
    let bytes = match input.bytes() {
        Ok(b) => b,
        Err(msg) => return failed(Diagnostic::new(&input.name, None, msg)),
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => yaml::without_bom(t),
        Err(e) => {
            let pos = yaml::utf8_error_pos(&bytes, e.valid_up_to());
            let mut d = Diagnostic::new(&input.name, Some(pos), "the file is not valid UTF-8 text");
            d.help("save the file as UTF-8; curriculum files are YAML text");
            return failed(d);
        }
    };
    let mut ctx = read::FileCtx::new(&input.name, index, text);
    let items = read::read_file(&mut ctx, text);
    Parsed {
        items,
        diags: ctx.diags,
    }
}

/// Loads, checks and indexes the curricula.
pub fn load(opts: &LoadOptions) -> Result<Curriculum, LoadError> {
    let mut diags = Vec::new();
    let mut inputs = Vec::new();
    if opts.builtin {
        inputs.extend(builtin_inputs());
    }
    for dir in &opts.dirs {
        inputs.extend(dir_inputs(dir, &mut diags));
    }
    load_inputs(inputs, diags, opts.cache_dir.clone())
}

/// Whether a file is read by the plain-YAML subset reader, the quick one; for tests that
/// keep large curricula on it.
#[doc(hidden)]
pub fn subset_reads(text: &str) -> bool {
    plain_yaml::entries(yaml::without_bom(text)).all(|e| e.is_ok())
}

/// Loads curriculum files held in memory (name, bytes), on top of the built-in guide if asked:
/// the same checks as files on disk. For fuzzing and embedding.
pub fn load_from_memory(builtin: bool, files: &[(&str, &[u8])]) -> Result<Curriculum, LoadError> {
    let mut inputs = if builtin {
        builtin_inputs()
    } else {
        Vec::new()
    };
    inputs.extend(files.iter().map(|(name, bytes)| Input {
        name: name.to_string(),
        key: name.to_string(),
        source: InputSource::Memory(bytes.to_vec()),
        builtin: false,
    }));
    load_inputs(inputs, Vec::new(), None)
}

fn load_inputs(
    inputs: Vec<Input>,
    mut diags: Vec<Diagnostic>,
    cache_dir: Option<PathBuf>,
) -> Result<Curriculum, LoadError> {
    if inputs.is_empty() && diags.is_empty() {
        diags.push(Diagnostic::new("", None, "no curriculum files to read"));
        diags
            .last_mut()
            .unwrap()
            .help("give folders that hold .yaml curriculum files, or use the built-in guide")
            .code(codes::NO_FILES);
    }
    // The key reads every file once, keeping none of them.
    let mut key = cache::Key::default();
    for i in &inputs {
        match i.hash() {
            Ok(h) => key.add(&i.key, h),
            Err(msg) => diags.push(Diagnostic::new(&i.name, None, msg)),
        }
    }
    let cache_key = key.finish();
    let fingerprint = cache::show(cache_key);
    if let Some(dir) = &cache_dir
        && diags.is_empty()
        && let Some(stored) = cache::read(dir, cache_key)
    {
        let mut cur = empty(
            stored.files,
            stored.areas,
            stored.topics,
            stored.resources,
            stored.questions,
        );
        validate::reindex(&mut cur, stored.prereqs, stored.area_rank, stored.teachers);
        cur.warning_sources = sources_for(&inputs, &stored.warnings);
        cur.warnings = stored.warnings;
        cur.fingerprint = fingerprint;
        cur.cache_key = cache_key;
        return Ok(cur);
    }
    let (mut cur, found) = build(&inputs);
    diags.extend(found);
    cur.fingerprint = fingerprint;
    cur.cache_key = cache_key;
    cur.uncached = cache_dir;
    diag::sort(&mut diags);
    if diags.iter().all(Diagnostic::is_warning) {
        cur.warning_sources = sources_for(&inputs, &diags);
        cur.warnings = diags;
        return Ok(cur);
    }
    let sources = sources_for(&inputs, &diags);
    Err(LoadError {
        diagnostics: diags,
        sources,
    })
}

/// The text of the files that messages point into, to show their lines.
fn sources_for(inputs: &[Input], diags: &[Diagnostic]) -> Sources {
    let mut sources = Sources::default();
    if diags.is_empty() {
        return sources;
    }
    // The files the messages point into, found once: comparing every file with every message
    // was quadratic for many files with a problem each.
    let named: std::collections::HashSet<&str> = diags
        .iter()
        .flat_map(|d| {
            std::iter::once(d.file.as_str()).chain(d.notes.iter().map(|n| n.file.as_str()))
        })
        .collect();
    for i in inputs {
        if named.contains(i.name.as_str())
            && let Ok(b) = i.bytes()
        {
            sources.insert(&i.name, &String::from_utf8_lossy(&b));
        }
    }
    sources
}

/// Parses, reads and checks every input; returns the curriculum and the problems found.
fn build(inputs: &[Input]) -> (Curriculum, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let files = inputs
        .iter()
        .map(|i| SourceFile {
            name: i.name.clone(),
            builtin: i.builtin,
        })
        .collect();
    let parsed = parse_all(inputs);
    // Exact sizes: growing by doubling would briefly hold up to twice the items.
    let mut areas = Vec::with_capacity(parsed.iter().map(|p| p.items.areas.len()).sum());
    let mut topics = Vec::with_capacity(parsed.iter().map(|p| p.items.topics.len()).sum());
    let mut resources = Vec::with_capacity(parsed.iter().map(|p| p.items.resources.len()).sum());
    let mut questions = Vec::new();
    for p in parsed {
        diags.extend(p.diags);
        areas.extend(p.items.areas);
        topics.extend(p.items.topics);
        resources.extend(p.items.resources);
        questions.extend(p.items.questions);
    }
    let mut cur = empty(files, areas, topics, resources, questions);
    validate::check(&mut cur, &mut diags);
    (cur, diags)
}

/// A curriculum of these items, not yet indexed.
fn empty(
    files: Vec<SourceFile>,
    areas: Vec<Area>,
    topics: Vec<Topic>,
    resources: Vec<Resource>,
    questions: Vec<Question>,
) -> Curriculum {
    Curriculum {
        files,
        areas,
        topics,
        resources,
        questions,
        topic_index: IdMap::default(),
        resource_index: IdMap::default(),
        area_index: IdMap::default(),
        question_index: IdMap::default(),
        teachers: Vec::new(),
        graph: TopicGraph::new(Vec::new(), &[]),
        warnings: Vec::new(),
        warning_sources: Sources::default(),
        fingerprint: String::new(),
        cache_key: 0,
        uncached: None,
    }
}

/// Parses files on all cores; the result keeps the input order.
fn parse_all(inputs: &[Input]) -> Vec<Parsed> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(inputs.len().max(1));
    if threads <= 1 || inputs.len() < 2 {
        return inputs
            .iter()
            .enumerate()
            .map(|(i, inp)| parse_input(i, inp))
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<Option<Parsed>> = (0..inputs.len()).map(|_| None).collect();
    let done: Vec<Vec<(usize, Parsed)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= inputs.len() {
                            break;
                        }
                        mine.push((i, parse_input(i, &inputs[i])));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("parser thread"))
            .collect()
    });
    for (i, p) in done.into_iter().flatten() {
        results[i] = Some(p);
    }
    results
        .into_iter()
        .map(|p| p.expect("every file parsed"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in guide is the example every team copies: it has no flaw, cosmetic or not.
    #[test]
    fn the_built_in_guide_has_no_warnings() {
        let cur = load_from_memory(true, &[]).unwrap_or_else(|e| panic!("{}", e.render()));
        assert!(
            cur.warnings.is_empty(),
            "{}",
            diag::render(&cur.warnings, &cur.warning_sources, &diag::Plain)
        );
    }

    /// A cosmetic flaw is a warning: the curriculum loads with the fallback, and the warning
    /// points at the flaw.
    #[test]
    fn cosmetic_flaws_are_warnings_with_fallbacks() {
        let text = b"areas:\n  - id: a\n    title: \"  \"\n    summary:\n\
            topics:\n  - id: t\n    title: \"\"\n    area: a\n    hours: 1\n    summary: S.\n\
            resources:\n  - id: r\n    title: R\n    url: \" https://example.org/r\\n\"\n    kind: book\n    teaches: [t]\n    level: beginner\n    cost: free\n    hours: 1\n    parts:\n      - { topic: t, title: \"\", hours: 1 }\n    note: \"\"\n\
            questions:\n  - id: goals\n    prompt: Which?\n    kind: select\n    options:\n      - { id: o, label: \"\", wants: [t], exclusive: true }\n      - { id: p, label: \"\" }\n";
        let cur = load_from_memory(false, &[("t.yaml", text)])
            .unwrap_or_else(|e| panic!("{}", e.render()));
        let places: Vec<(u32, u32, &str)> = cur
            .warnings
            .iter()
            .map(|d| {
                let p = d.pos.unwrap();
                (p.line, p.col, d.code.unwrap())
            })
            .collect();
        assert_eq!(
            places,
            [
                (3, 12, "empty-text"),
                // A key left blank: its colon.
                (4, 12, "empty-text"),
                (7, 12, "empty-text"),
                (14, 10, "spaces-around-link"),
                (21, 28, "empty-text"),
                (22, 11, "empty-text"),
                (28, 9, "needless-exclusive"),
                (28, 25, "empty-text"),
                (29, 25, "empty-text"),
            ],
            "{:#?}",
            cur.warnings
        );
        assert!(cur.warnings.iter().all(Diagnostic::is_warning));
        assert_eq!(cur.areas[0].title, "a");
        assert_eq!(cur.areas[0].summary, "");
        assert_eq!(cur.topics[0].title, "t");
        let r = &cur.resources[0];
        assert_eq!(r.url, "https://example.org/r");
        assert_eq!(r.parts()[0].title, "t");
        assert_eq!(r.note(), None);
        let q = &cur.questions[0];
        // The title of the topic the option wants, or else its id.
        assert_eq!(q.options[0].label, "t");
        assert_eq!(q.options[1].label, "p");
    }
}
