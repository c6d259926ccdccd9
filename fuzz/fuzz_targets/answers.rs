//! Any bytes as an answers file: parsed against the built-in questionnaire, then planned.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use pathwise::curriculum::{Curriculum, LoadOptions, load};

fn curriculum() -> &'static Curriculum {
    static CUR: OnceLock<Curriculum> = OnceLock::new();
    CUR.get_or_init(|| load(&LoadOptions { builtin: true, dirs: Vec::new(), cache: false }).expect("built-in loads"))
}

fuzz_target!(|data: &[u8]| {
    let cur = curriculum();
    if let Ok(mut answers) = pathwise::answers::parse_file(cur, "fuzz.yaml", data)
        && pathwise::answers::complete(cur, &mut answers).is_ok()
    {
        let profile = pathwise::answers::Profile::from_answers(cur, &answers);
        let _ = pathwise::plan::make(cur, &answers, &profile);
    }
});
