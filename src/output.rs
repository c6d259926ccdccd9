//! Writing results: to stdout without dying on a closed pipe, and to files safely — never
//! overwriting without being asked, and atomically (a temporary file in the same folder, synced,
//! then renamed) so that a crash or a full disk never leaves half a file.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Prints to stdout. A closed pipe (`pathwise … | head`) is not an error.
pub fn stdout(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("cannot write to standard output", e)),
    }
}

/// Streams JSON to stdout, pretty-printed, with a final newline.
pub fn stdout_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let out = std::io::stdout().lock();
    let mut w = std::io::BufWriter::with_capacity(1 << 16, out);
    let res = serde_json::to_writer_pretty(&mut w, value)
        .map_err(std::io::Error::from)
        .and_then(|_| w.write_all(b"\n"))
        .and_then(|_| w.flush());
    match res {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io("cannot write to standard output", e)),
    }
}

/// Fails early when `path` exists and `force` is not set.
pub fn check_writable(path: &Path, force: bool) -> Result<()> {
    if path.as_os_str() == "-" || force {
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

/// Writes `text` to `path` (`-` is stdout). Regular files are replaced atomically; other
/// targets (a device, a pipe) are written directly and never renamed over.
pub fn write_file(path: &Path, text: &str, force: bool) -> Result<()> {
    if path.as_os_str() == "-" {
        return stdout(text);
    }
    check_writable(path, force)?;
    let fail = |e: std::io::Error| Error::io(format_args!("cannot write {}", path.display()), e);
    let meta = std::fs::metadata(path);
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
            .open(path)
            .map_err(fail)?;
        return f
            .write_all(text.as_bytes())
            .and_then(|_| f.flush())
            .map_err(fail);
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".pathwise-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    if let Ok(m) = &meta {
        let _ = tmp.as_file().set_permissions(m.permissions());
    }
    if force {
        tmp.persist(path).map_err(|e| fail(e.error))?;
    } else {
        // No overwrite, even if the file appeared while we were writing.
        tmp.persist_noclobber(path).map_err(|e| {
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
