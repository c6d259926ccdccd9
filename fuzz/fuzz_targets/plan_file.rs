//! Any bytes as a plan file: read back, progress counted, never a panic.
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
        let p = pathwise_core::planfile::team::progress(cur, &plan);
        let _ = pathwise_core::planfile::team::progress_text(&plan, &p);
        let _ = plan.states();
        if let Some(node) = &plan.answers {
            let _ = pathwise_core::answers::from_node(cur, "fuzz.md", node);
        }
    }
});
