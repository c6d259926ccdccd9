//! Integration tests: the real binary, run the way users run it.

// Tests build inputs with `format!` in iterators for clarity; their cost does not matter.
#![allow(clippy::format_collect)]

mod common;

mod curriculum;
mod dates;
mod exit_codes;
mod hostile;
mod hostile_loader;
mod hostile_plans;
mod interactive;
mod links;
mod other_curricula;
mod personas;
mod plan;
mod plan_files;
mod screen;
mod share;
mod synthetic;
mod terminal;
mod verbosity;
