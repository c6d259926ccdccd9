//! pathwise turns a curated guide into a personal, ordered, explained learning plan.
//!
//! Data flows one way: curriculum files are read into a [`curriculum::Curriculum`], whose topics
//! form a [`graph::TopicGraph`]; answers to the questionnaire become a [`answers::Profile`]; the
//! [`plan`] module orders, explains and schedules the topics; [`render`] prints the result.

pub mod answers;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod curriculum;
pub mod diag;
pub mod error;
pub mod graph;
pub mod links;
pub mod output;
pub mod plan;
pub mod questionnaire;
pub mod render;
pub mod sanitize;
pub mod scaffold;
pub mod share;
pub mod yaml;
