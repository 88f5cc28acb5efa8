//! `completions`, `man`, `--version`: generated from the clap definitions.

use assert_cmd::Command;
use predicates::prelude::*;

fn tt() -> Command {
    Command::cargo_bin("twitterritorial").expect("binary built by cargo")
}

#[test]
fn completions_name_every_subcommand_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = tt()
            .args(["completions", shell])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let script = String::from_utf8(out).expect("completion scripts are UTF-8");
        for sub in ["check", "inspect", "rules", "init", "man"] {
            assert!(script.contains(sub), "{shell} completion lacks `{sub}`");
        }
    }
}

#[test]
fn unknown_shell_is_a_usage_error() {
    tt().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_is_roff_with_the_subcommands() {
    tt().arg("man").assert().success().stdout(
        predicate::str::starts_with(".ie")
            .and(predicate::str::contains(".SH NAME"))
            .and(predicate::str::contains("check")),
    );
}

#[test]
fn version_matches_the_package() {
    tt().arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}
