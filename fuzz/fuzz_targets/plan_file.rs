//! Any bytes as a plan file: read back, progress counted, refreshed, never a panic.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pathwise_core::curriculum::{Curriculum, LoadOptions, load};

fn curriculum() -> &'static Curriculum {
    static CUR: OnceLock<Curriculum> = OnceLock::new();
    CUR.get_or_init(|| load(&LoadOptions { builtin: true, dirs: Vec::new(), cache_dir: None }).expect("built-in loads"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(plan) = pathwise_core::planfile::read::read("fuzz.md", data) {
        let cur = curriculum();
        let p = pathwise_core::planfile::progress::progress(cur, &plan);
        let _ = pathwise_core::planfile::progress::text(&p);
        let _ = plan.states();
        let stamp = pathwise_core::planfile::refresh::Stamp { date: "2026-01-01", paths: &[], builtin: true };
        if let Ok(r) = pathwise_core::planfile::refresh::refresh(cur, &plan, &stamp) {
            // What a refresh writes reads back.
            pathwise_core::planfile::read::read("fuzz.md", r.text.as_bytes()).expect("a refreshed plan reads");
        }
        if let Some(node) = plan.answers() {
            let _ = pathwise_core::answers::from_node(cur, "fuzz.md", node);
        }
    }
});
