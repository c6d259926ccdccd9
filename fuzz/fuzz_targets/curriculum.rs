//! Any bytes as a team curriculum file on top of the built-in guide: load and validate must
//! return a curriculum or diagnostics, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = pathwise_core::curriculum::load_from_memory(true, &[("fuzz.yaml", data)]) {
        let _ = e.render();
    }
});
