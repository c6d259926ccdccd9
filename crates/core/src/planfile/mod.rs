//! Plans that travel: markdown files to tick off, read back, refresh, compare and combine.

pub mod markdown;
pub mod read;
pub mod refresh;
pub mod team;
