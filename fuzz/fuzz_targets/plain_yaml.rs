//! Differential: wherever the plain-YAML subset reader reads a document, serde-saphyr reads the
//! same values at the same places (through `parse` and through `entries`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let options = serde_saphyr::options! { strict_booleans: true };
        if let Err(why) = plain_yaml::general::agrees(text, options) {
            panic!("the readers disagree on:\n{text}\n{why}");
        }
    }
});
