//! The core of pathwise: curricula, prerequisite graphs, plans and plan files, with no terminal,
//! command-line or network code.
//!
//! Data flows one way: curriculum files are read and checked into a [`curriculum::Curriculum`],
//! whose topics form a [`graph::TopicGraph`]; answers become an [`answers::Profile`]; [`plan`]
//! orders, explains and schedules the topics; [`planfile`] writes plans as markdown and reads
//! them back for progress, refresh, diff and team plans. See ARCHITECTURE.md.

pub mod answers;
pub mod curriculum;
pub mod diag;
pub mod diagram;
pub mod error;
pub mod format;
pub mod graph;
pub mod json;
pub mod plan;
pub mod planfile;
pub mod sanitize;
pub mod scaffold;
pub mod yaml;

pub use error::LoadError;
