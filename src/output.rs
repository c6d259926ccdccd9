//! Writing results: to stdout without dying on a closed pipe, and to files safely.
//!
//! - Nothing is overwritten without being asked (`--force`), and a refresh replaces its plan only
//!   if the file is still what was read: an edit saved meanwhile is never lost.
//! - A file is replaced atomically (a temporary file in the same folder, synced, then renamed),
//!   so that a crash or a full disk never leaves half a file. The new file keeps the old one's
//!   identity: a symbolic link is written through to its target, and the owner, group and mode
//!   stay. A file with several names (hard links), or one whose owner or group the new file
//!   could not be given, is rewritten in place instead, so that every name still sees it.
//! - New files get the permissions the umask allows, as any other program's; missing parent
//!   folders are created.
//! - Temporary files (`.pathwise-*.tmp`) an earlier, interrupted run left behind are removed.
//! - `-` and `/dev/stdout` are standard output.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Prints to stdout. A closed pipe (`pathwise … | head`) is not an error.
pub(crate) fn stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("cannot write to standard output", e)),
    }
}

/// Streams JSON to stdout, pretty-printed, with a final newline.
pub(crate) fn stdout_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let out = std::io::stdout().lock();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    let res = serde_json::to_writer_pretty(&mut w, value)
        .map_err(std::io::Error::from)
        .and_then(|()| w.write_all(b"\n"))
        .and_then(|()| w.flush());
    match res {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("cannot write to standard output", e)),
    }
}

/// Whether an output path means standard output: `-`, `/dev/stdout`, `/dev/fd/1`.
pub(crate) fn is_stdout(path: &Path) -> bool {
    let s = path.as_os_str();
    s == "-" || s == "/dev/stdout" || s == "/dev/fd/1" || s == "/proc/self/fd/1"
}

/// The file a path writes to: symbolic links followed to their (possibly missing) target.
pub(crate) fn resolve(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&p) {
                Ok(target) => {
                    p = match p.parent() {
                        Some(dir) if target.is_relative() => dir.join(target),
                        _ => target,
                    };
                }
                Err(_) => return p,
            },
            _ => return p,
        }
    }
    p
}

/// What identifies a file whatever the path to it: its device and inode.
#[cfg(unix)]
pub(crate) fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
pub fn identity(path: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(path).ok()
}

/// Fails early when `path` exists and `force` is not set.
pub(crate) fn check_writable(path: &Path, force: bool) -> Result<()> {
    if is_stdout(path) || force {
        return Ok(());
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_file() || m.file_type().is_symlink() => Err(Error::usage(
            format!("{} already exists", path.display()),
            "pass --force to replace it, or choose another file name",
        )),
        _ => Ok(()),
    }
}

/// A short fingerprint of a file's bytes, to see whether it changed since it was read.
pub(crate) fn fingerprint(bytes: &[u8]) -> (usize, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut h);
    (bytes.len(), h.finish())
}

/// Writes `text` to `path` (`-` is stdout), replacing an existing file only with `force`.
pub(crate) fn write_file(path: &Path, text: &str, force: bool) -> Result<()> {
    write(path, text, force, None)
}

/// Replaces the file at `path`, which was read as bytes of fingerprint `was` (see
/// [`fingerprint`]), unless it changed since.
pub(crate) fn replace_file(path: &Path, text: &str, was: (usize, u64)) -> Result<()> {
    write(path, text, true, Some(was))
}

fn write(path: &Path, text: &str, force: bool, was: Option<(usize, u64)>) -> Result<()> {
    if is_stdout(path) {
        return stdout(text);
    }
    check_writable(path, force)?;
    let target = resolve(path);
    let fail = |e: std::io::Error| Error::io(format_args!("cannot write {}", path.display()), e);
    let meta = std::fs::metadata(&target);
    if let Ok(m) = &meta
        && !m.file_type().is_file()
    {
        if m.is_dir() {
            return Err(Error::io_message(format!(
                "cannot write {}: it is a folder",
                path.display()
            )));
        }
        // A device or a pipe: write straight to it.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .map_err(fail)?;
        return f
            .write_all(text.as_bytes())
            .and_then(|()| f.flush())
            .map_err(fail);
    }
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if meta.is_err() {
        std::fs::create_dir_all(&dir).map_err(|e| {
            Error::io(
                format_args!(
                    "cannot write {} (its folder {} cannot be made)",
                    path.display(),
                    dir.display()
                ),
                e,
            )
        })?;
    }
    remove_stale_temporaries(&dir);
    let unchanged = |now: &[u8]| match was {
        Some(w) if fingerprint(now) != w => Err(Error::io_message(format!(
            "{} changed since pathwise read it, so nothing was written; run the command again to \
             include the change",
            path.display()
        ))),
        _ => Ok(()),
    };
    if let Ok(m) = &meta
        && must_write_in_place(m)
    {
        return write_in_place(&target, text, &unchanged).map_err(|e| match e {
            InPlace::Io(e) => fail(e),
            InPlace::Refused(e) => e,
        });
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".pathwise-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // New files: what the umask allows, as for any program's new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| {
        if e.kind() == std::io::ErrorKind::PermissionDenied {
            // The file itself may be writable: say that the folder is the problem.
            Error::io(
                format_args!(
                    "cannot write {}: {} does not allow new files (pathwise writes the new \
                     text to a file beside it, then renames it over the old one)",
                    path.display(),
                    if dir == Path::new(".") {
                        "the current folder".to_string()
                    } else {
                        format!("its folder {}", dir.display())
                    }
                ),
                e,
            )
        } else {
            fail(e)
        }
    })?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    if let Ok(m) = &meta
        && !keep_identity(tmp.as_file(), m)
    {
        // The new file could not have the old one's owner or group: rewrite the old one.
        drop(tmp);
        return write_in_place(&target, text, &unchanged).map_err(|e| match e {
            InPlace::Io(e) => fail(e),
            InPlace::Refused(e) => e,
        });
    }
    tmp.as_file().sync_all().map_err(fail)?;
    if was.is_some() {
        edit_meanwhile_for_tests(&target);
        let now = std::fs::read(&target)
            .map_err(|e| Error::io(format_args!("cannot read {} again", path.display()), e))?;
        unchanged(&now)?;
    }
    if force || meta.is_ok() {
        tmp.persist(&target).map_err(|e| fail(e.error))?;
    } else {
        // No overwrite, even if the file appeared while we were writing.
        tmp.persist_noclobber(&target).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                Error::usage(
                    format!("{} already exists", path.display()),
                    "pass --force to replace it",
                )
            } else {
                fail(e.error)
            }
        })?;
    }
    Ok(())
}

/// A file with several names cannot be replaced by renaming without losing the other names.
#[cfg(unix)]
fn must_write_in_place(m: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    m.nlink() > 1
}

#[cfg(not(unix))]
fn must_write_in_place(_: &std::fs::Metadata) -> bool {
    false
}

/// Gives the new file the old one's owner, group and mode; false if that is not possible.
#[cfg(unix)]
fn keep_identity(new: &std::fs::File, old: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(now) = new.metadata() else {
        return false;
    };
    if (now.uid(), now.gid()) != (old.uid(), old.gid())
        && std::os::unix::fs::fchown(new, Some(old.uid()), Some(old.gid())).is_err()
    {
        return false;
    }
    new.set_permissions(std::fs::Permissions::from_mode(old.mode() & 0o7777))
        .is_ok()
}

#[cfg(not(unix))]
fn keep_identity(new: &std::fs::File, old: &std::fs::Metadata) -> bool {
    new.set_permissions(old.permissions()).is_ok()
}

enum InPlace {
    Io(std::io::Error),
    Refused(Error),
}

/// Rewrites a file through its own handle, so that it stays the same file.
fn write_in_place(
    target: &Path,
    text: &str,
    unchanged: &dyn Fn(&[u8]) -> Result<()>,
) -> std::result::Result<(), InPlace> {
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(target)
        .map_err(InPlace::Io)?;
    edit_meanwhile_for_tests(target);
    let mut now = Vec::new();
    f.read_to_end(&mut now).map_err(InPlace::Io)?;
    unchanged(&now).map_err(InPlace::Refused)?;
    use std::io::Seek;
    f.seek(std::io::SeekFrom::Start(0)).map_err(InPlace::Io)?;
    f.write_all(text.as_bytes()).map_err(InPlace::Io)?;
    f.set_len(text.len() as u64).map_err(InPlace::Io)?;
    f.sync_all().map_err(InPlace::Io)
}

/// Lets the tests save an edit to the file while a refresh is writing it; not compiled into
/// release builds.
fn edit_meanwhile_for_tests(target: &Path) {
    #[cfg(debug_assertions)]
    if let Some(line) = std::env::var_os("PATHWISE_DEBUG_EDIT_DURING_WRITE")
        && let Ok(mut f) = std::fs::OpenOptions::new().append(true).open(target)
    {
        let _ = f.write_all(line.as_encoded_bytes());
    }
    #[cfg(not(debug_assertions))]
    let _ = target;
}

/// How old a temporary file must be to be taken for one an interrupted run left behind.
const STALE: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes `.pathwise-*.tmp` files older than an hour from `dir`: a write takes far less, so
/// these were left by a run that was killed.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(name.starts_with(".pathwise-") && name.ends_with(".tmp")) {
            continue;
        }
        let Ok(m) = e.metadata() else { continue };
        let old = m
            .modified()
            .ok()
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age >= STALE);
        if m.file_type().is_file() && old {
            let _ = std::fs::remove_file(e.path());
        }
    }
}
