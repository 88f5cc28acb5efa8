//! The `twitterritorial` command: a thin shell over the library.

fn main() -> std::process::ExitCode {
    twitterritorial::cli::main()
}
