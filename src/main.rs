use clap::Parser;

fn main() {
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
