//! How much the command line says on stderr besides results, warnings and errors: `--quiet`
//! drops confirmations and reports (`wrote your plan to …`), `--verbose` adds which
//! configuration and curriculum were used. Set once, before the command runs.

use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    Quiet = 0,
    Normal = 1,
    Verbose = 2,
}

static LEVEL: AtomicU8 = AtomicU8::new(Level::Normal as u8);

pub(crate) fn set(level: Level) {
    LEVEL.store(level as u8, Ordering::Relaxed);
}

/// Whether confirmations and reports are shown (not `--quiet`).
pub(crate) fn normal() -> bool {
    LEVEL.load(Ordering::Relaxed) >= Level::Normal as u8
}

/// Whether details are shown (`--verbose`).
pub(crate) fn verbose() -> bool {
    LEVEL.load(Ordering::Relaxed) >= Level::Verbose as u8
}
