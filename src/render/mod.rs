//! Output for people on a terminal: plans, lists and details as styled, wrapped text, and
//! diagnostics with snippets. JSON, markdown and diagrams come from the core.

pub(crate) mod text;
