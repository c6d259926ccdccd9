//! A cache of validated curricula, keyed by the contents of every file read, so that a repeat
//! run over unchanged files skips parsing. Correct under every edit: any change to any byte of
//! any file, or to a file's name, gives another key. Stored in `$XDG_CACHE_HOME/pathwise` (or
//! `~/.cache/pathwise`, or `PATHWISE_CACHE_DIR`); `PATHWISE_NO_CACHE=1` turns it off. A cache
//! file that cannot be read is ignored and rewritten.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::model::*;

/// Bumped whenever the stored layout changes.
const FORMAT: u32 = 3;
/// How many cached curricula to keep.
const KEEP: usize = 8;

/// A 128-bit digest, fast enough to hash tens of megabytes in a few milliseconds. Not for
/// security: it tells apart files that differ, which is all a cache key and a fingerprint need.
pub struct Digest {
    a: u64,
    b: u64,
    len: u64,
    /// Bytes of the current part not yet absorbed (fewer than eight).
    pending: [u8; 8],
    npending: usize,
}

impl Default for Digest {
    fn default() -> Self {
        Digest {
            a: 0x243f_6a88_85a3_08d3,
            b: 0x1319_8a2e_0370_7344,
            len: 0,
            pending: [0; 8],
            npending: 0,
        }
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Digest {
    fn absorb(&mut self, v: u64) {
        self.a = (self.a ^ v)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(31);
        self.b = (self.b ^ v.rotate_left(23))
            .wrapping_mul(0xc2b2_ae3d_27d4_eb4f)
            .rotate_left(29);
    }

    /// Adds the next bytes of the current part (a file can be fed in pieces).
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.len = self.len.wrapping_add(bytes.len() as u64);
        if self.npending > 0 {
            let take = (8 - self.npending).min(bytes.len());
            self.pending[self.npending..self.npending + take].copy_from_slice(&bytes[..take]);
            self.npending += take;
            bytes = &bytes[take..];
            if self.npending < 8 {
                return;
            }
            self.absorb(u64::from_le_bytes(self.pending));
            self.npending = 0;
        }
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.absorb(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.npending = rest.len();
    }

    /// Ends a part, so that ("ab", "c") and ("a", "bc") differ.
    pub fn end_part(&mut self) {
        let mut last = [0u8; 8];
        last[..self.npending].copy_from_slice(&self.pending[..self.npending]);
        self.absorb(u64::from_le_bytes(last) ^ ((self.npending as u64) << 56));
        self.npending = 0;
        self.a = mix(self.a ^ self.len);
        self.b = mix(self.b.wrapping_add(self.len));
    }

    /// Adds a whole part.
    pub fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
        self.end_part();
    }

    pub fn hex(&self) -> String {
        format!(
            "{:016x}{:016x}",
            mix(self.a ^ self.b.rotate_left(7)),
            mix(self.b ^ self.len)
        )
    }
}

/// A validated curriculum, with its references already resolved to indices.
#[derive(Serialize, Deserialize)]
pub struct Stored {
    pub files: Vec<SourceFile>,
    pub areas: Vec<Area>,
    pub topics: Vec<Topic>,
    pub resources: Vec<Resource>,
    pub questions: Vec<Question>,
    pub prereqs: Vec<Vec<usize>>,
    pub area_rank: Vec<usize>,
    pub teachers: Vec<Vec<usize>>,
}

/// The same layout as [`Stored`], borrowed, for writing.
#[derive(Serialize)]
pub struct StoredRef<'a> {
    pub files: &'a [SourceFile],
    pub areas: &'a [Area],
    pub topics: &'a [Topic],
    pub resources: &'a [Resource],
    pub questions: &'a [Question],
    pub prereqs: &'a [Vec<usize>],
    pub area_rank: &'a [usize],
    pub teachers: &'a [Vec<usize>],
}

fn file_name(fingerprint: &str) -> String {
    format!(
        "curriculum-{fingerprint}-{}-{FORMAT}.bin",
        env!("CARGO_PKG_VERSION")
    )
}

/// The stored curriculum for these contents, if there is one and it can be read.
pub fn read(dir: &Path, fingerprint: &str) -> Option<Stored> {
    let path = dir.join(file_name(fingerprint));
    let file = std::fs::File::open(path).ok()?;
    // Small files (the built-in guide) are quickest read in one go; large ones are streamed, so
    // that the file is never held whole beside what it decodes into.
    let whole = file.metadata().ok()?.len() < 4 << 20;
    decode(file, whole)
}

fn decode(file: std::fs::File, whole: bool) -> Option<Stored> {
    if whole {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut &file, &mut bytes).ok()?;
        return postcard::from_bytes(&bytes).ok();
    }
    // The scratch buffer holds one string at a time; texts are at most `MAX_TEXT` bytes.
    let reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut scratch = vec![0u8; super::read::MAX_TEXT + 1024];
    postcard::from_io((reader, &mut scratch[..]))
        .ok()
        .map(|(stored, _)| stored)
}

/// Stores a valid curriculum. Failures are ignored: the cache only saves time.
pub fn write(dir: &Path, fingerprint: &str, stored: &StoredRef) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(tmp) = tempfile::Builder::new()
        .prefix(".curriculum-")
        .tempfile_in(dir)
    else {
        return;
    };
    // Encoded straight into the file: a large curriculum's encoding is never held whole.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, tmp);
    if postcard::to_io(stored, &mut out).is_err() {
        return;
    }
    let Ok(tmp) = out.into_inner() else {
        return;
    };
    if tmp.persist(dir.join(file_name(fingerprint))).is_err() {
        return;
    }
    prune(dir);
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
    use std::io::Write;

    fn digest(parts: &[&[u8]]) -> String {
        let mut d = Digest::default();
        for p in parts {
            d.write(p);
        }
        d.hex()
    }

    #[test]
    fn stored_curricula_read_back_whole_and_streamed() {
        // Long texts, together far more than the streaming decoder's scratch buffer, which
        // must hold one string at a time, not all of them.
        let areas: Vec<Area> = (0..8)
            .map(|i| Area {
                id: format!("area-{i}").into(),
                title: "Learn".into(),
                summary: "x".repeat(super::super::read::MAX_TEXT).into(),
                origin: Origin::default(),
            })
            .collect();
        let stored = StoredRef {
            files: &[],
            areas: &areas,
            topics: &[],
            resources: &[],
            questions: &[],
            prereqs: &[vec![], vec![0]],
            area_rank: &[0, 0],
            teachers: &[vec![1]],
        };
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(&postcard::to_stdvec(&stored).unwrap()).unwrap();
        for whole in [true, false] {
            use std::io::Seek;
            f.rewind().unwrap();
            let back = decode(f.try_clone().unwrap(), whole).expect("reads back");
            assert_eq!(back.areas.len(), 8);
            assert_eq!(back.areas[7].id, "area-7");
            assert_eq!(back.areas[7].summary, areas[7].summary);
            assert_eq!(back.prereqs, vec![vec![], vec![0]]);
            assert_eq!(back.teachers, vec![vec![1]]);
        }
        // A damaged file is no cache, not an error.
        let mut g = tempfile::tempfile().unwrap();
        g.write_all(b"\xff\xff\xff").unwrap();
        use std::io::Seek;
        g.rewind().unwrap();
        assert!(decode(g, false).is_none());
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
    fn digests_tell_apart_small_edits_and_part_boundaries() {
        let base = digest(&[b"topics.yaml", b"hours: 3\n"]);
        assert_eq!(base, digest(&[b"topics.yaml", b"hours: 3\n"]));
        assert_ne!(base, digest(&[b"topics.yaml", b"hours: 4\n"]));
        assert_ne!(base, digest(&[b"topics.yml", b"hours: 3\n"]));
        assert_ne!(digest(&[b"ab", b"c"]), digest(&[b"a", b"bc"]));
        assert_ne!(digest(&[b"a\0"]), digest(&[b"a"]));
        assert_eq!(base.len(), 32);
        // Feeding a part in pieces gives the same digest as feeding it whole.
        let text = b"topics:\n  - id: numpy-arrays\n    hours: 10\n";
        for cut in 0..text.len() {
            let mut d = Digest::default();
            d.write(b"topics.yaml");
            d.update(&text[..cut]);
            d.update(&text[cut..]);
            d.end_part();
            assert_eq!(d.hex(), digest(&[b"topics.yaml", text]), "cut at {cut}");
        }
    }
}
