//! The pre-commit hook of `.pre-commit-hooks.yaml`, run by the real
//! `pre-commit` framework (from PyPI) with `pre-commit try-repo`: it builds
//! this repository as a `language: rust` hook (`cargo install --path .`) and
//! runs it on the drafts of a throwaway git repository, as a team's
//! repository would.
//!
//! Without `pre-commit` on the PATH the test says so and passes, unless
//! `TWITTERRITORIAL_REQUIRE_PRE_COMMIT` is set (CI installs it and sets it).

use std::path::Path;
use std::process::{Command, Output};

const CONFIG: &str = "lang: fr\naccount:\n  name: \"Ville d'Exemple\"\n  handle: \"@VilleExemple\"\n  hashtags: [\"#VilleExemple\"]\n  website: \"https://www.ville-exemple.fr\"\nplatforms: [x]\n";

const CLEAN: &str = "Collecte des encombrants mardi 17 novembre, quartiers Nord et Gare. \
Les secteurs et les horaires : https://www.ville-exemple.fr/encombrants #VilleExemple\n";

/// An image without a description (an error) and four hashtags (warnings).
const BAD: &str = "Ce week-end c'est la fête au gymnase ! #villeexemple #Sport #Basket #Handball\n\n![](affiche.png)\n";

/// The `pre-commit` command: the script on the PATH, or the module of the
/// `python3` on the PATH (pip may install the script where the PATH does not
/// look, as with pyenv before a rehash).
fn pre_commit() -> Option<Vec<String>> {
    let script = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join("pre-commit"))
            .find(|p| p.is_file())
    });
    let found = match script {
        Some(path) => Some(vec![path.display().to_string()]),
        None => Command::new("python3")
            .args(["-m", "pre_commit", "--version"])
            .output()
            .ok()
            .filter(|out| out.status.success())
            .map(|_| vec!["python3".into(), "-m".into(), "pre_commit".into()]),
    };
    if found.is_none() && std::env::var_os("TWITTERRITORIAL_REQUIRE_PRE_COMMIT").is_some() {
        panic!(
            "pre-commit is required (TWITTERRITORIAL_REQUIRE_PRE_COMMIT is set) but neither `pre-commit` nor `python3 -m pre_commit` runs: pip install pre-commit"
        );
    }
    found
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?} failed");
}

/// `pre-commit try-repo <this repository> twitterritorial --files FILE`
/// in `workdir`. The hook's build shares one target folder between runs and
/// builds without optimisation (the hook behaves the same, and builds in a
/// fraction of the time), so the second run only installs.
fn try_repo(pre_commit: &[String], workdir: &Path, home: &Path, file: &str) -> Output {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit-hook-build");
    Command::new(&pre_commit[0])
        .args(&pre_commit[1..])
        .args(["try-repo", env!("CARGO_MANIFEST_DIR"), "twitterritorial"])
        .args(["--files", file, "--verbose", "--color", "never"])
        .current_dir(workdir)
        .env("PRE_COMMIT_HOME", home)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_PROFILE_RELEASE_LTO", "false")
        .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16")
        .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
        .env("NO_COLOR", "1")
        .output()
        .expect("pre-commit runs")
}

#[test]
fn the_hook_passes_a_clean_draft_and_stops_a_bad_one() {
    let Some(pre_commit) = pre_commit() else {
        eprintln!("skipped: pre-commit is not installed (pip install pre-commit)");
        return;
    };
    let work = tempfile::tempdir().expect("temporary folder");
    let home = tempfile::tempdir().expect("temporary folder");
    let dir = work.path();
    git(dir, &["init", "-q"]);
    std::fs::write(dir.join(".twitterritorial.yaml"), CONFIG).unwrap();
    std::fs::create_dir(dir.join("calendrier")).unwrap();
    std::fs::write(dir.join("calendrier/encombrants.md"), CLEAN).unwrap();
    std::fs::write(dir.join("calendrier/gymnase.md"), BAD).unwrap();
    git(dir, &["add", "."]);

    let clean = try_repo(&pre_commit, dir, home.path(), "calendrier/encombrants.md");
    let out = String::from_utf8_lossy(&clean.stdout).into_owned()
        + &String::from_utf8_lossy(&clean.stderr);
    assert!(clean.status.success(), "a clean draft must pass:\n{out}");
    assert!(out.contains("Passed"), "{out}");

    let bad = try_repo(&pre_commit, dir, home.path(), "calendrier/gymnase.md");
    let out =
        String::from_utf8_lossy(&bad.stdout).into_owned() + &String::from_utf8_lossy(&bad.stderr);
    assert_eq!(bad.status.code(), Some(1), "a bad draft must fail:\n{out}");
    assert!(out.contains("Failed"), "{out}");
    // The findings are shown, with the file and the rule.
    assert!(out.contains("calendrier/gymnase.md"), "{out}");
    assert!(out.contains("hashtag.too-many"), "{out}");
    assert!(out.contains("accessibility.alt-text"), "{out}");
}
