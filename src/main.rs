use clap::Parser;

fn main() {
    tune_allocator();
    pathwise::cmd::install_panic_hook();
    let cli = pathwise::cli::Cli::parse();
    // Lets the tests see the bug-report message; not compiled into release builds.
    #[cfg(debug_assertions)]
    if std::env::var_os("PATHWISE_DEBUG_PANIC").is_some() {
        panic!("deliberate panic for testing the bug-report message");
    }
    let code = match pathwise::cmd::run(cli) {
        Ok(()) => 0,
        Err(e) => pathwise::cmd::report(&e),
    };
    std::process::exit(code);
}

/// Keeps large blocks (file texts, item lists) in their own mappings, returned to the system
/// when freed. By default glibc raises this threshold to the size of the first large block
/// freed, a file's text, after which lists of a few megabytes come from the heap and stay
/// resident after they are freed: a first run on a large curriculum peaked about 30 % higher.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn tune_allocator() {
    // SAFETY: called first thing in `main`, before any other thread exists; `mallopt` only
    // changes a setting of the allocator.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn tune_allocator() {}
