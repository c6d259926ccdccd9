use clap::Parser;

fn main() {
    pathwise::cmd::install_panic_hook();
    let cli = pathwise::cli::Cli::parse();
    let code = match pathwise::cmd::run(cli) {
        Ok(()) => 0,
        Err(e) => pathwise::cmd::report(&e),
    };
    std::process::exit(code);
}
