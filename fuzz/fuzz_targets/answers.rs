//! Any bytes as an answers file: parsed against the built-in questionnaire, then planned.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pathwise_core::curriculum::{Curriculum, LoadOptions, load};

fn curriculum() -> &'static Curriculum {
    static CUR: OnceLock<Curriculum> = OnceLock::new();
    CUR.get_or_init(|| load(&LoadOptions { builtin: true, dirs: Vec::new(), cache_dir: None }).expect("built-in loads"))
}

fuzz_target!(|data: &[u8]| {
    let cur = curriculum();
    if let Ok(mut answers) = pathwise_core::answers::parse_file(cur, "fuzz.yaml", data)
        && pathwise_core::answers::complete(cur, &mut answers).is_ok()
    {
        let profile = pathwise_core::answers::Profile::from_answers(cur, &answers);
        let _ = pathwise_core::plan::make(cur, &answers, &profile);
    }
});
