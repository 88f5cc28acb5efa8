//! The questionnaire in a real pseudo-terminal (with `rexpect`): arrow keys,
//! space to tick, Esc to skip, Ctrl-C keeps the answers given so far, and a
//! second run resumes where the first stopped.
#![cfg(unix)]

use rexpect::session::spawn_command;
use std::process::Command;
use twitterritorial::assess::answers::{AnswerValue, Answers};
use twitterritorial::assess::model::Model;

const TIMEOUT_MS: u64 = 30_000;

/// The command, through `sh` to give the new terminal a size first (a fresh
/// pseudo-terminal is 0×0, which no real terminal is).
fn command(dir: &std::path::Path, save: &std::path::Path) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("stty rows 40 cols 120 && exec \"$0\" assess --save \"$1\"")
        .arg(env!("CARGO_BIN_EXE_twitterritorial"))
        .arg(save)
        .current_dir(dir);
    cmd.env("TERM", "xterm").env("NO_COLOR", "1");
    cmd
}

/// rexpect reads the terminal byte by byte as Latin-1 characters: a needle
/// with accents must be spelt the same way.
fn bytes(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// Types keys and makes sure the program sees them.
fn keys(p: &mut rexpect::session::PtySession, text: &str) {
    p.send(text).expect("send");
    p.flush().expect("flush");
}

fn saved(path: &std::path::Path, model: &Model) -> Answers {
    let text = std::fs::read_to_string(path).expect("saved file");
    Answers::from_yaml(&text, model).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn value(answers: &Answers, id: &str) -> Option<AnswerValue> {
    answers.get(id).and_then(|a| a.value.clone())
}

#[test]
fn the_questionnaire_runs_in_a_terminal_survives_ctrl_c_and_resumes() {
    let model = Model::builtin().expect("model");
    let total = model.questions().count();
    let dir = tempfile::tempdir().expect("tmp");
    let save = dir.path().join("reponses.yaml");

    // First session: four answers, then Ctrl-C on the fifth question.
    let mut p = spawn_command(command(dir.path(), &save), Some(TIMEOUT_MS)).expect("spawn");
    p.exp_string(&bytes("Nom de la collectivité"))
        .expect("name prompt");
    keys(&mut p, "Ville de Pty\r");
    p.exp_string(&format!("[1/{total}]")).expect("question 1");
    keys(&mut p, "\x1b[B\r"); // « Oui, moins d’un mois »
    p.exp_string(&format!("[2/{total}]")).expect("question 2");
    keys(&mut p, " \x1b[B\x1b[B \r"); // publier, relayer
    p.exp_string(&format!("[3/{total}]")).expect("question 3");
    keys(&mut p, "\x1b");
    p.exp_string(&format!("[4/{total}]")).expect("question 4");
    keys(&mut p, "\r");
    p.exp_string(&format!("[5/{total}]")).expect("question 5");
    p.send_control('c').expect("ctrl-c");
    p.exp_eof().expect("the program stops");

    let first = saved(&save, &model);
    assert_eq!(first.account.as_deref(), Some("Ville de Pty"));
    assert_eq!(first.len(), 4);
    assert_eq!(
        value(&first, "step1.personal-account"),
        Some(AnswerValue::Choice("less-than-month".into()))
    );
    assert_eq!(
        value(&first, "step1.tried"),
        Some(AnswerValue::Choices(vec!["post".into(), "repost".into()]))
    );
    assert_eq!(
        first.get("step1.follow-peers").map(|a| a.value.clone()),
        Some(None),
        "skipped"
    );
    assert_eq!(value(&first, "step1.goals"), Some(AnswerValue::Bool(true)));

    // Second session: resume, answer the rest with Enter, get the report.
    let mut p = spawn_command(command(dir.path(), &save), Some(TIMEOUT_MS)).expect("spawn");
    p.exp_string(&bytes("4 réponses déjà enregistrées"))
        .expect("resume prompt");
    keys(&mut p, "\r");
    for n in 5..=total {
        p.exp_string(&format!("[{n}/{total}]"))
            .unwrap_or_else(|e| panic!("question {n}: {e}"));
        keys(&mut p, "\r");
    }
    p.exp_string(&bytes("Niveau général")).expect("the report");
    p.exp_eof().expect("ends");

    let all = saved(&save, &model);
    assert_eq!(all.len(), total);
    assert_eq!(
        value(&all, "step1.personal-account"),
        Some(AnswerValue::Choice("less-than-month".into()))
    );
    // Enter on a yes/no question takes « Oui »; on a number, leaves it empty.
    assert_eq!(
        value(&all, "step2.handle-short"),
        Some(AnswerValue::Bool(true))
    );
    assert_eq!(
        all.get("step3.posts-per-week").map(|a| a.value.clone()),
        Some(None)
    );
    assert_eq!(
        value(&all, "practice.promotion"),
        Some(AnswerValue::Choices(vec![]))
    );
}
