//! A cache of validated curricula, keyed by the contents of every file read, so that a repeat
//! run over unchanged files skips parsing. Correct under every edit: any change to any byte of
//! any file, or to a file's name, gives another key. Stored in a folder the front end chooses;
//! a cache file that cannot be read, is damaged, or was written by another build is a miss,
//! and is rewritten.
//!
//! Contents are hashed with XXH3-128: a standard, non-cryptographic hash that reads tens of
//! megabytes in a few milliseconds (a repeat run over a large curriculum hashes every file
//! before anything else). A collision is out of reach by accident, and the key is no security
//! boundary: the cache folder is the user's own, and a contrived collision could at worst load
//! another curriculum this same user validated before.
//!
//! A cache file is a header — a magic number, the layout's number, the id of the build that
//! wrote it, the key, the length and XXH3-128 checksum of what follows — then the stored
//! curriculum (postcard) with its warnings. Any mismatch is a miss; so is a stored curriculum
//! whose indices do not fit its items, or a warning of a kind this build does not know.

use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3Default, xxh3_128};

use super::model::{Area, Origin, Question, Resource, SourceFile, Topic};
use crate::diag::{Diagnostic, Note, codes};
use crate::yaml::Pos;

/// Bumped whenever the stored layout changes (the build id changes with any change of the
/// code too; this names the layout for people reading the file).
const FORMAT: u32 = 5;
/// How many cached curricula to keep.
const KEEP: usize = 8;
const MAGIC: &[u8; 8] = b"PWCACHE\0";
/// Magic, layout, build id, key, payload length, payload checksum.
const HEADER: usize = 8 + 4 + 16 + 16 + 8 + 16;

/// The id of this build (see `build.rs`).
fn build_id() -> u128 {
    u128::from_str_radix(env!("PATHWISE_BUILD_ID"), 16).unwrap_or(0)
}

/// Hashes one file's contents, fed in pieces.
#[derive(Clone, Default)]
pub(super) struct ContentHash(Xxh3Default);

impl ContentHash {
    pub(super) fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
    pub(super) fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

/// The hash of a whole text.
pub(super) fn content_hash(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

/// The key of a set of files: each file's name and the hash of its contents, in order.
#[derive(Clone, Default)]
pub(super) struct Key(Xxh3Default);

impl Key {
    pub(super) fn add(&mut self, name: &str, contents: u128) {
        self.0.update(&(name.len() as u64).to_le_bytes());
        self.0.update(name.as_bytes());
        self.0.update(&contents.to_le_bytes());
    }
    pub(super) fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

/// How a key is written in plans (`curriculum:` in the front matter) and JSON. Plans written
/// before the hash changed hold 32 bare hex digits; they still read, and compare as another
/// curriculum until `refresh` writes this form.
pub(super) fn show(key: u128) -> String {
    format!("xxh3-{key:032x}")
}

/// A validated curriculum, with its references already resolved to indices (written as a
/// [`StoredRef`]).
#[derive(Deserialize)]
pub(super) struct Stored {
    pub files: Vec<SourceFile>,
    pub areas: Vec<Area>,
    pub topics: Vec<Topic>,
    pub resources: Vec<Resource>,
    pub questions: Vec<Question>,
    pub prereqs: Vec<Vec<usize>>,
    pub area_rank: Vec<usize>,
    pub teachers: Vec<Vec<usize>>,
    /// The warnings found when the curriculum was read, to report them again.
    #[serde(deserialize_with = "de_warnings")]
    pub warnings: Vec<Diagnostic>,
}

/// A warning as stored: its code by name. (Owned texts: the streaming decoder serves them
/// from a reused buffer.)
#[derive(Serialize, Deserialize)]
struct StoredWarning {
    file: String,
    pos: Option<Pos>,
    message: String,
    label: Option<String>,
    help: Option<String>,
    notes: Vec<(String, Option<Pos>, String)>,
    code: Option<String>,
}

fn ser_warnings<S: serde::Serializer>(warnings: &[Diagnostic], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(warnings.len()))?;
    for d in warnings {
        seq.serialize_element(&StoredWarning {
            file: d.file.clone(),
            pos: d.pos,
            message: d.message.clone(),
            label: d.label.clone(),
            help: d.help.clone(),
            notes: d
                .notes
                .iter()
                .map(|n| (n.file.clone(), n.pos, n.message.clone()))
                .collect(),
            code: d.code.map(str::to_string),
        })?;
    }
    seq.end()
}

/// Reads stored warnings; a code this build does not know fails the read (a miss).
fn de_warnings<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Diagnostic>, D::Error> {
    let stored: Vec<StoredWarning> = Vec::deserialize(d)?;
    stored
        .into_iter()
        .map(|w| {
            let code = match w.code {
                None => None,
                Some(c) => Some(
                    *codes::WARNINGS
                        .iter()
                        .find(|k| **k == c.as_str())
                        .ok_or_else(|| serde::de::Error::custom("unknown warning"))?,
                ),
            };
            let mut d = Diagnostic::warning(&w.file, w.pos, w.message);
            d.label = w.label;
            d.help = w.help;
            d.notes = w
                .notes
                .into_iter()
                .map(|(file, pos, message)| Note { file, pos, message })
                .collect();
            d.code = code;
            Ok(d)
        })
        .collect()
}

impl Stored {
    /// Whether the indices fit the items: what the rest of the program relies on of a
    /// validated curriculum, checked in one pass.
    fn fits(&self) -> bool {
        let (files, areas, topics, resources) = (
            self.files.len(),
            self.areas.len(),
            self.topics.len(),
            self.resources.len(),
        );
        let file_ok = |o: &Origin| o.file < files;
        self.prereqs.len() == topics
            && self.area_rank.len() == topics
            && self.teachers.len() == topics
            && self.prereqs.iter().flatten().all(|&p| p < topics)
            && self.teachers.iter().flatten().all(|&r| r < resources)
            && self
                .topics
                .iter()
                .zip(&self.area_rank)
                .all(|(t, &a)| a < areas && self.areas[a].id == t.area.id && file_ok(&t.origin))
            && self.areas.iter().all(|a| file_ok(&a.origin))
            && self.resources.iter().all(|r| file_ok(&r.origin))
            && self
                .questions
                .iter()
                .all(|q| file_ok(&q.origin) && q.options.iter().all(|o| file_ok(&o.origin)))
    }
}

/// The same layout as [`Stored`], borrowed, for writing.
#[derive(Serialize)]
pub(super) struct StoredRef<'a> {
    pub files: &'a [SourceFile],
    pub areas: &'a [Area],
    pub topics: &'a [Topic],
    pub resources: &'a [Resource],
    pub questions: &'a [Question],
    pub prereqs: &'a [Vec<usize>],
    pub area_rank: &'a [usize],
    pub teachers: &'a [Vec<usize>],
    #[serde(serialize_with = "ser_warnings")]
    pub warnings: &'a [Diagnostic],
}

fn file_name(key: u128) -> String {
    format!("curriculum-{key:032x}.bin")
}

fn header(key: u128, len: u64, checksum: u128) -> [u8; HEADER] {
    let mut h = [0u8; HEADER];
    let parts: [&[u8]; 6] = [
        MAGIC,
        &FORMAT.to_le_bytes(),
        &build_id().to_le_bytes(),
        &key.to_le_bytes(),
        &len.to_le_bytes(),
        &checksum.to_le_bytes(),
    ];
    let mut at = 0;
    for p in parts {
        h[at..at + p.len()].copy_from_slice(p);
        at += p.len();
    }
    h
}

/// The payload's length and checksum, if the header is this build's, for this key.
fn check_header(h: &[u8; HEADER], key: u128) -> Option<(u64, u128)> {
    let expected = header(key, 0, 0);
    // Everything before the length must match exactly.
    let fixed = HEADER - 8 - 16;
    if h[..fixed] != expected[..fixed] {
        return None;
    }
    let len = u64::from_le_bytes(h[fixed..fixed + 8].try_into().ok()?);
    let checksum = u128::from_le_bytes(h[fixed + 8..].try_into().ok()?);
    Some((len, checksum))
}

/// The stored curriculum for this key, if there is one, this build wrote it, and it is whole.
pub(super) fn read(dir: &Path, key: u128) -> Option<Stored> {
    let file = std::fs::File::open(dir.join(file_name(key))).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() {
        return None;
    }
    let mut file = file;
    let mut h = [0u8; HEADER];
    file.read_exact(&mut h).ok()?;
    let (len, checksum) = check_header(&h, key)?;
    if meta.len().checked_sub(HEADER as u64) != Some(len) {
        return None;
    }
    let stored = decode(file, len, checksum)?;
    stored.fits().then_some(stored)
}

/// Reads `len` bytes of payload, decoding them and checking their checksum on the way. Small
/// payloads (the built-in guide) are quickest read in one go; large ones are streamed, so that
/// the file is never held whole beside what it decodes into.
fn decode(reader: impl Read, len: u64, checksum: u128) -> Option<Stored> {
    if len < 4 << 20 {
        let mut bytes = Vec::with_capacity(len as usize);
        reader.take(len).read_to_end(&mut bytes).ok()?;
        if bytes.len() as u64 != len || xxh3_128(&bytes) != checksum {
            return None;
        }
        return postcard::from_bytes(&bytes).ok();
    }
    // Hashed in the buffer's large reads, not the decoder's small ones.
    let hashing = Hashing {
        inner: reader.take(len),
        hash: Xxh3Default::new(),
        count: 0,
    };
    let mut buffered = std::io::BufReader::with_capacity(1 << 16, hashing);
    // The scratch buffer holds one string at a time; texts are at most `MAX_TEXT` bytes.
    let mut scratch = vec![0u8; super::read::MAX_TEXT + 1024];
    let decoded = postcard::from_io((&mut buffered, &mut scratch[..]))
        .ok()
        .map(|(stored, _)| stored);
    // Whatever the decoder left unread is checked too.
    std::io::copy(&mut buffered, &mut std::io::sink()).ok()?;
    let hashing = buffered.into_inner();
    (hashing.count == len && hashing.hash.digest128() == checksum)
        .then_some(decoded)
        .flatten()
}

/// Hashes what passes through it.
struct Hashing<T> {
    inner: T,
    hash: Xxh3Default,
    count: u64,
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Stores a valid curriculum. Failures are ignored: the cache only saves time.
pub(super) fn write(dir: &Path, key: u128, stored: &StoredRef) {
    let _ = try_write(dir, key, stored);
}

fn try_write(dir: &Path, key: u128, stored: &StoredRef) -> Option<()> {
    std::fs::create_dir_all(dir).ok()?;
    let tmp = tempfile::Builder::new()
        .prefix(".curriculum-")
        .tempfile_in(dir)
        .ok()?;
    // Encoded straight into the file after a header filled in at the end: a large
    // curriculum's encoding is never held whole. Hashed in the buffer's large writes.
    let mut tmp = tmp;
    tmp.write_all(&[0u8; HEADER]).ok()?;
    let hashing = Hashing {
        inner: tmp,
        hash: Xxh3Default::new(),
        count: 0,
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, hashing);
    postcard::to_io(stored, &mut out).ok()?;
    let hashing = out.into_inner().ok()?;
    let (len, checksum) = (hashing.count, hashing.hash.digest128());
    let mut tmp = hashing.inner;
    tmp.seek(std::io::SeekFrom::Start(0)).ok()?;
    tmp.write_all(&header(key, len, checksum)).ok()?;
    tmp.persist(dir.join(file_name(key))).ok()?;
    prune(dir);
    Some(())
}

/// Keeps the newest few cache files, and removes temporary files that an interrupted run left
/// behind (older than an hour, so that a write in progress is never touched).
fn prune(dir: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    let mut files: Vec<(std::time::SystemTime, PathBuf)> = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(modified) = e.metadata().ok().and_then(|m| m.modified().ok()) else {
            continue;
        };
        if name.starts_with("curriculum-") {
            files.push((modified, e.path()));
        } else if name.starts_with(".curriculum-")
            && now
                .duration_since(modified)
                .is_ok_and(|age| age.as_secs() > 3600)
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
    if files.len() <= KEEP {
        return;
    }
    files.sort();
    for (_, p) in &files[..files.len() - KEEP] {
        let _ = std::fs::remove_file(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curriculum::Ref;

    fn area(i: usize, summary: String) -> Area {
        Area {
            id: format!("area-{i}").into(),
            title: "Learn".into(),
            summary: summary.into(),
            origin: Origin::default(),
        }
    }

    fn topic(id: &str, area: &str) -> Topic {
        Topic {
            id: id.into(),
            title: "T".into(),
            area: Ref {
                id: area.into(),
                pos: Default::default(),
            },
            requires: Vec::new(),
            hours: 1.0,
            summary: "S".into(),
            origin: Origin::default(),
        }
    }

    /// Writes a small or a large curriculum (more than the streaming threshold, with texts far
    /// longer than the streaming decoder's scratch buffer) and returns the cache folder.
    fn written(large: bool) -> (tempfile::TempDir, Vec<Area>) {
        let (n, long) = if large {
            (60, super::super::read::MAX_TEXT)
        } else {
            (2, 10)
        };
        let areas: Vec<Area> = (0..n).map(|i| area(i, "x".repeat(long))).collect();
        let topics = [topic("a", "area-0"), topic("b", "area-1")];
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            7,
            &StoredRef {
                files: &[SourceFile {
                    name: "t.yaml".into(),
                    builtin: false,
                }],
                areas: &areas,
                topics: &topics,
                resources: &[],
                questions: &[],
                prereqs: &[vec![], vec![0]],
                area_rank: &[0, 1],
                teachers: &[vec![], vec![]],
                warnings: &[],
            },
        );
        (dir, areas)
    }

    #[test]
    fn stored_curricula_read_back_whole_and_streamed() {
        for large in [false, true] {
            let (dir, areas) = written(large);
            let back = read(dir.path(), 7).expect("reads back");
            assert_eq!(back.areas.len(), areas.len());
            assert_eq!(back.areas[1].id, "area-1");
            assert_eq!(back.areas[1].summary, areas[1].summary);
            assert_eq!(back.topics[1].area.id, "area-1");
            assert_eq!(back.prereqs, vec![vec![], vec![0]]);
            // Another key is another file.
            assert!(read(dir.path(), 8).is_none());
        }
    }

    fn cache_file(dir: &Path) -> PathBuf {
        dir.join(file_name(7))
    }

    /// Any damaged byte, anywhere in the file, makes it a miss: never a panic, never other
    /// data.
    #[test]
    fn damage_anywhere_is_a_miss() {
        for large in [false, true] {
            let (dir, _) = written(large);
            let path = cache_file(dir.path());
            let good = std::fs::read(&path).unwrap();
            // Every byte of a small file; of a large one, the header and bytes spread over the
            // rest.
            let places: Vec<usize> = if large {
                (0..HEADER)
                    .chain((1..40).map(|k| HEADER + k * (good.len() - HEADER) / 40))
                    .chain([good.len() - 1])
                    .collect()
            } else {
                (0..good.len()).collect()
            };
            for at in places {
                let mut bad = good.clone();
                bad[at] ^= 0x20;
                std::fs::write(&path, &bad).unwrap();
                assert!(read(dir.path(), 7).is_none(), "byte {at} of {}", good.len());
            }
            // Cut short, or with something after it.
            for bad in [
                &good[..good.len() - 1],
                &good[..HEADER],
                &[&good[..], b"x"].concat(),
            ] {
                std::fs::write(&path, bad).unwrap();
                assert!(read(dir.path(), 7).is_none());
            }
            std::fs::write(&path, &good).unwrap();
            assert!(read(dir.path(), 7).is_some());
        }
    }

    #[test]
    fn a_cache_from_another_build_or_layout_is_a_miss() {
        let (dir, _) = written(false);
        let path = cache_file(dir.path());
        let good = std::fs::read(&path).unwrap();
        // The build id and the layout number, as another build would write them.
        for at in [8, 12] {
            let mut other = good.clone();
            other[at] = other[at].wrapping_add(1);
            std::fs::write(&path, &other).unwrap();
            assert!(read(dir.path(), 7).is_none());
        }
    }

    #[test]
    fn indices_that_do_not_fit_are_a_miss() {
        let areas = [area(0, "s".into())];
        let topics = [topic("a", "area-0")];
        let files = [SourceFile {
            name: "t.yaml".into(),
            builtin: false,
        }];
        let good = StoredRef {
            files: &files,
            areas: &areas,
            topics: &topics,
            resources: &[],
            questions: &[],
            prereqs: &[vec![]],
            area_rank: &[0],
            teachers: &[vec![]],
            warnings: &[],
        };
        let wrong_area = [topic("a", "elsewhere")];
        let bad = [
            StoredRef {
                prereqs: &[vec![1]],
                ..good
            },
            StoredRef {
                area_rank: &[1],
                ..good
            },
            StoredRef {
                teachers: &[vec![0]],
                ..good
            },
            StoredRef {
                prereqs: &[],
                ..good
            },
            StoredRef { files: &[], ..good },
            StoredRef {
                topics: &wrong_area,
                ..good
            },
        ];
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), 1, &good);
        assert!(read(dir.path(), 1).is_some());
        for b in &bad {
            write(dir.path(), 1, b);
            assert!(read(dir.path(), 1).is_none());
        }
    }

    /// Warnings are stored with the curriculum and read back whole; a warning of a kind this
    /// build does not know is a miss.
    #[test]
    fn warnings_are_kept() {
        let areas = [area(0, "s".into())];
        let topics = [topic("a", "area-0")];
        let files = [SourceFile {
            name: "t.yaml".into(),
            builtin: false,
        }];
        let mut w = Diagnostic::warning(
            "t.yaml",
            Some(Pos { line: 3, col: 10 }),
            "`url` of resource `r` has spaces around the link",
        );
        w.label("read as `https://example.org`")
            .help("remove the spaces")
            .note("t.yaml", None, "a note")
            .code(codes::SPACES_AROUND_LINK);
        let warnings = [w.clone()];
        let stored = StoredRef {
            files: &files,
            areas: &areas,
            topics: &topics,
            resources: &[],
            questions: &[],
            prereqs: &[vec![]],
            area_rank: &[0],
            teachers: &[vec![]],
            warnings: &warnings,
        };
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), 1, &stored);
        assert_eq!(read(dir.path(), 1).unwrap().warnings, [w.clone()]);
        w.code("a-kind-from-elsewhere");
        let unknown = [w];
        write(
            dir.path(),
            1,
            &StoredRef {
                warnings: &unknown,
                ..stored
            },
        );
        assert!(read(dir.path(), 1).is_none());
    }

    #[test]
    fn pruning_keeps_the_newest_and_removes_stale_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let now = std::time::SystemTime::now();
        let touch = |name: &str, age_secs: u64| {
            let f = std::fs::File::create(dir.path().join(name)).unwrap();
            f.set_modified(now - std::time::Duration::from_secs(age_secs))
                .unwrap();
        };
        for i in 0..10u64 {
            touch(&format!("curriculum-{i}.bin"), 100 - i);
        }
        touch(".curriculum-stale", 7200);
        touch(".curriculum-busy", 5);
        prune(dir.path());
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<String> = (2..10).map(|i| format!("curriculum-{i}.bin")).collect();
        expected.insert(0, ".curriculum-busy".into());
        assert_eq!(left, expected);
    }

    #[test]
    fn keys_tell_apart_names_contents_and_boundaries() {
        let key = |parts: &[(&str, &[u8])]| {
            let mut k = Key::default();
            for (name, text) in parts {
                k.add(name, content_hash(text));
            }
            show(k.finish())
        };
        let base = key(&[("topics.yaml", b"hours: 3\n")]);
        assert_eq!(base, key(&[("topics.yaml", b"hours: 3\n")]));
        assert_ne!(base, key(&[("topics.yaml", b"hours: 4\n")]));
        assert_ne!(base, key(&[("topics.yml", b"hours: 3\n")]));
        assert_ne!(key(&[("ab", b"c")]), key(&[("a", b"bc")]));
        assert_ne!(
            key(&[("a", b"x"), ("b", b"y")]),
            key(&[("b", b"y"), ("a", b"x")])
        );
        assert!(base.starts_with("xxh3-") && base.len() == 5 + 32, "{base}");
        // Feeding a file in pieces gives the same hash as feeding it whole.
        let text = b"topics:\n  - id: numpy-arrays\n    hours: 10\n";
        for cut in 0..text.len() {
            let mut h = ContentHash::default();
            h.update(&text[..cut]);
            h.update(&text[cut..]);
            assert_eq!(h.finish(), content_hash(text), "cut at {cut}");
        }
    }
}
