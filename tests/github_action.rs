//! Runs the steps of `action.yml` the way a GitHub runner does: each `run:`
//! script in bash, with the `${{ … }}` expressions filled in and the
//! environment a runner sets (`GITHUB_WORKSPACE`, `GITHUB_STEP_SUMMARY`,
//! `GITHUB_OUTPUT`, `RUNNER_TEMP`). The binary under test stands in for the
//! installed one, so the install step sees it and does nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

#[derive(Deserialize)]
struct Action {
    inputs: BTreeMap<String, Input>,
    runs: Runs,
}

#[derive(Deserialize)]
struct Input {
    #[serde(default)]
    default: Option<String>,
}

#[derive(Deserialize)]
struct Runs {
    using: String,
    steps: Vec<Step>,
}

#[derive(Deserialize)]
struct Step {
    name: String,
    shell: String,
    run: String,
    #[serde(default)]
    env: BTreeMap<String, String>,
    #[serde(default, rename = "working-directory")]
    working_directory: Option<String>,
}

struct Outcome {
    stdout: String,
    status: i32,
    step_summary: String,
    output: String,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Replaces `${{ inputs.x }}` and `${{ github.x }}` as the runner would.
fn expand(
    text: &str,
    inputs: &BTreeMap<String, String>,
    github: &BTreeMap<&str, String>,
) -> String {
    let re = regex::Regex::new(r"\$\{\{\s*(inputs|github)\.([A-Za-z0-9_-]+)\s*\}\}").unwrap();
    re.replace_all(text, |c: &regex::Captures<'_>| {
        let value = match &c[1] {
            "inputs" => inputs.get(&c[2]).cloned(),
            _ => github.get(&c[2]).cloned(),
        };
        value.unwrap_or_else(|| panic!("action.yml uses an unknown expression {}", &c[0]))
    })
    .into_owned()
}

fn run_action(workspace: &Path, overrides: &[(&str, &str)]) -> Outcome {
    let text = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    let action: Action = serde_saphyr::from_str(&text).expect("action.yml parses");
    assert_eq!(action.runs.using, "composite");

    let mut inputs: BTreeMap<String, String> = action
        .inputs
        .iter()
        .map(|(k, v)| (k.clone(), v.default.clone().unwrap_or_default()))
        .collect();
    for (k, v) in overrides {
        assert!(inputs.contains_key(*k), "action.yml has no input `{k}`");
        inputs.insert((*k).to_string(), (*v).to_string());
    }
    let runner = tempfile::tempdir().unwrap();
    let summary_file = runner.path().join("step_summary.md");
    let output_file = runner.path().join("output.txt");
    let github: BTreeMap<&str, String> = [
        ("action_path", repo().display().to_string()),
        ("workspace", workspace.display().to_string()),
    ]
    .into();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_twitterritorial"))
        .parent()
        .unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );

    let mut stdout = String::new();
    let mut status = 0;
    for step in &action.runs.steps {
        assert_eq!(step.shell, "bash", "step `{}`", step.name);
        let script = expand(&step.run, &inputs, &github);
        let cwd = step
            .working_directory
            .as_deref()
            .map(|d| PathBuf::from(expand(d, &inputs, &github)))
            .unwrap_or_else(|| workspace.to_path_buf());
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
            .current_dir(cwd)
            .env("PATH", &path)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", workspace)
            .env("GITHUB_STEP_SUMMARY", &summary_file)
            .env("GITHUB_OUTPUT", &output_file)
            .env("RUNNER_TEMP", runner.path())
            .env_remove("NO_COLOR");
        for (k, v) in &step.env {
            cmd.env(k, expand(v, &inputs, &github));
        }
        let out = cmd.output().unwrap();
        stdout.push_str(&String::from_utf8_lossy(&out.stdout));
        status = out.status.code().unwrap_or(-1);
        if status != 0 {
            break;
        }
    }
    Outcome {
        stdout,
        status,
        step_summary: std::fs::read_to_string(&summary_file).unwrap_or_default(),
        output: std::fs::read_to_string(&output_file).unwrap_or_default(),
    }
}

fn workspace_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".twitterritorial.yaml"),
        "account:\n  name: \"Ville d’Exemple\"\n  handle: \"@VilleExemple\"\n  hashtags: [\"#VilleExemple\"]\n  website: \"https://www.ville-exemple.fr\"\n",
    )
    .unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

#[test]
fn bad_drafts_fail_the_step_with_annotations_summary_outputs_and_sarif() {
    let ws = workspace_with(&[(
        "calendrier/mai.txt",
        "Fête des voisins vendredi 29 mai dans tous les quartiers ! https://www.ville-exemple.fr/voisins #VilleExemple #Fete #Voisins #Quartiers\n---\n𝗖𝗼𝗻𝗰𝗲𝗿𝘁 ce soir : https://www.ville-exemple.fr/concert #VilleExemple\n",
    )]);
    let sarif = ws.path().join("resultats.sarif");
    let out = run_action(
        ws.path(),
        &[
            ("paths", "calendrier/"),
            ("sarif-file", sarif.to_str().unwrap()),
        ],
    );

    assert_eq!(
        out.status, 1,
        "an error-level finding fails the step\n{}",
        out.stdout
    );
    assert!(
        out.stdout.lines().any(
            |l| l.starts_with("::warning file=calendrier/mai.txt,line=1,")
                && l.contains("title=hashtag.too-many::")
        ),
        "no hashtag annotation in\n{}",
        out.stdout
    );
    assert!(
        out.stdout
            .lines()
            .any(|l| l.starts_with("::error file=calendrier/mai.txt,line=3,")
                && l.contains("title=accessibility.styled-letters::")),
        "no styled-letters annotation in\n{}",
        out.stdout
    );
    assert!(
        out.step_summary
            .starts_with("## Vérification des brouillons"),
        "{}",
        out.step_summary
    );
    assert!(
        out.step_summary.contains("[`hashtag.too-many`]("),
        "{}",
        out.step_summary
    );
    assert!(
        out.step_summary
            .contains("[`accessibility.styled-letters`]("),
        "{}",
        out.step_summary
    );
    assert!(out.output.contains("errors=1\n"), "{}", out.output);
    assert!(out.output.contains("warnings=1\n"), "{}", out.output);

    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
}

#[test]
fn clean_drafts_pass_and_say_so_in_english() {
    let ws = workspace_with(&[(
        "calendrier/juin.md",
        "Le marché de nuit revient vendredi 12 juin de 18 h à 23 h, place de la Mairie : https://www.ville-exemple.fr/marche #VilleExemple\n",
    )]);
    let out = run_action(ws.path(), &[("paths", "calendrier/"), ("lang", "en")]);
    assert_eq!(out.status, 0, "{}", out.stdout);
    assert!(!out.stdout.contains("::error"), "{}", out.stdout);
    assert!(
        out.step_summary.starts_with("## Draft check"),
        "{}",
        out.step_summary
    );
    assert!(
        out.step_summary.contains("No problem found."),
        "{}",
        out.step_summary
    );
    assert!(out.output.contains("errors=0\n"), "{}", out.output);
}

#[test]
fn fail_on_warning_turns_warnings_into_a_failure() {
    let ws = workspace_with(&[(
        "posts.txt",
        "Fête des voisins vendredi 29 mai ! https://www.ville-exemple.fr/voisins #VilleExemple #Fete #Voisins\n",
    )]);
    let out = run_action(ws.path(), &[("paths", "posts.txt"), ("fail-on", "warning")]);
    assert_eq!(out.status, 1, "{}", out.stdout);
    assert!(
        out.stdout.contains("title=hashtag.too-many::"),
        "{}",
        out.stdout
    );
}
