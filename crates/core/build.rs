//! An id of this build of the core, for the cache of validated curricula: a digest of the
//! sources that read, check and store curricula (this crate's and the YAML reader's), of the
//! locked dependency versions and of the package version. A cache written by any other build
//! is not read, whether or not the version number changed.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let inputs = [
        manifest.join("src"),
        manifest.join("../plain-yaml/src"),
        manifest.join("../../Cargo.lock"),
    ];
    let mut paths = Vec::new();
    for input in &inputs {
        println!("cargo::rerun-if-changed={}", input.display());
        if input.is_dir() {
            files(input, &mut paths);
        } else if input.is_file() {
            paths.push(input.clone());
        }
    }
    paths.sort();
    let mut h = xxhash_rust::xxh3::Xxh3Default::new();
    h.update(
        std::env::var("CARGO_PKG_VERSION")
            .unwrap_or_default()
            .as_bytes(),
    );
    for p in &paths {
        let name = p.strip_prefix(&manifest).unwrap_or(p).to_string_lossy();
        let bytes = std::fs::read(p).unwrap_or_default();
        for part in [name.as_bytes(), &bytes] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    println!("cargo::rustc-env=PATHWISE_BUILD_ID={:032x}", h.digest128());
}
