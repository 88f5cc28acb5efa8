//! `twitterritorial inspect`: see issue 2 (branch `text`).
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_args: Args) -> Result<ExitCode, super::CliError> {
    Err(super::CliError("inspect: not built yet (issue 2)".into()))
}
