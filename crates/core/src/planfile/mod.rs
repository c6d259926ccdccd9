//! Plans that travel: markdown files to tick off, read back, refresh, compare and combine.
//!
//! A plan file is the person's document. pathwise's own text in it is recognised by hidden
//! markers ([`marker`]); everything else is the person's and survives every refresh. What an
//! item, a topic's hours and "done" are is defined once, in [`crate::plan::measure`], and every
//! total here is counted with it.

pub mod diff;
pub mod markdown;
pub mod marker;
pub mod progress;
pub mod read;
pub mod refresh;
pub mod scan;
pub mod team;

#[cfg(test)]
mod tests;
