//! Differential: whenever the fast reader accepts a file, the careful reader must find nothing
//! wrong with it and read the same items.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        assert!(pathwise_core::curriculum::readers_agree(text), "the readers disagree on:\n{text}");
    }
});
