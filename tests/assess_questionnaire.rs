//! The questionnaire driven through its prompt abstraction: scripted replies
//! stand for the person at the terminal.

use std::collections::VecDeque;
use std::io;
use twitterritorial::assess::answers::{AnswerValue, Answers};
use twitterritorial::assess::evidence::Evidence;
use twitterritorial::assess::model::Model;
use twitterritorial::cli::assess::questionnaire::{Prompt, Prompter, Resume, run};
use twitterritorial::locale::Lang;

/// One scripted reply.
#[derive(Clone, Debug)]
enum Reply {
    /// Index in a select list (yes/no, choice, confirm).
    Pick(usize),
    /// Indices ticked in a multi-select.
    Tick(Vec<usize>),
    Number(f64),
    Text(&'static str),
    /// Esc / empty input.
    Skip,
    /// Ctrl-C: the prompt fails.
    Interrupt,
    /// Enter on whatever is pre-selected or pre-filled.
    Default,
}

#[derive(Default)]
struct Script {
    replies: VecDeque<Reply>,
    /// Texts of the prompts asked, in order.
    asked: Vec<String>,
    /// Defaults offered by each select prompt.
    defaults: Vec<usize>,
    said: Vec<String>,
}

impl Script {
    fn new(replies: Vec<Reply>) -> Script {
        Script {
            replies: replies.into(),
            ..Script::default()
        }
    }

    fn next(&mut self, prompt: &Prompt) -> io::Result<Reply> {
        self.asked.push(prompt.text.clone());
        match self.replies.pop_front() {
            Some(Reply::Interrupt) => Err(io::Error::new(
                io::ErrorKind::Interrupted,
                "read interrupted",
            )),
            Some(reply) => Ok(reply),
            // When the script runs out, the person keeps pressing Enter.
            None => Ok(Reply::Default),
        }
    }
}

impl Prompter for Script {
    fn say(&mut self, text: &str) -> io::Result<()> {
        self.said.push(text.to_string());
        Ok(())
    }
    fn select(
        &mut self,
        prompt: &Prompt,
        items: &[String],
        default: usize,
    ) -> io::Result<Option<usize>> {
        self.defaults.push(default);
        match self.next(prompt)? {
            Reply::Pick(i) => {
                assert!(i < items.len(), "{i} out of {items:?}");
                Ok(Some(i))
            }
            Reply::Skip => Ok(None),
            Reply::Default => Ok(Some(default)),
            other => panic!("select `{}` got {other:?}", prompt.text),
        }
    }
    fn multi_select(
        &mut self,
        prompt: &Prompt,
        _items: &[String],
        checked: &[bool],
    ) -> io::Result<Option<Vec<usize>>> {
        match self.next(prompt)? {
            Reply::Tick(v) => Ok(Some(v)),
            Reply::Skip => Ok(None),
            Reply::Default => Ok(Some((0..checked.len()).filter(|&i| checked[i]).collect())),
            other => panic!("multi-select `{}` got {other:?}", prompt.text),
        }
    }
    fn number(
        &mut self,
        prompt: &Prompt,
        initial: Option<f64>,
        _max: Option<f64>,
    ) -> io::Result<Option<f64>> {
        match self.next(prompt)? {
            Reply::Number(n) => Ok(Some(n)),
            Reply::Skip => Ok(None),
            Reply::Default => Ok(initial),
            other => panic!("number `{}` got {other:?}", prompt.text),
        }
    }
    fn text(&mut self, prompt: &Prompt, initial: Option<&str>) -> io::Result<Option<String>> {
        match self.next(prompt)? {
            Reply::Text(t) => Ok(Some(t.to_string())),
            Reply::Skip => Ok(None),
            Reply::Default => Ok(initial.map(str::to_string)),
            other => panic!("text `{}` got {other:?}", prompt.text),
        }
    }
    fn confirm(&mut self, prompt: &Prompt, default: bool) -> io::Result<bool> {
        match self.next(prompt)? {
            Reply::Pick(i) => Ok(i == 0),
            _ => Ok(default),
        }
    }
}

fn model() -> Model {
    Model::builtin().expect("model")
}

fn value(answers: &Answers, id: &str) -> Option<AnswerValue> {
    answers.get(id).and_then(|a| a.value.clone())
}

#[test]
fn each_question_type_is_asked_and_answered() {
    let model = model();
    let replies = vec![
        Reply::Text("Ville d’Exemple"),
        Reply::Pick(1),          // step1.personal-account: less-than-month
        Reply::Tick(vec![0, 2]), // step1.tried: post, repost
        Reply::Pick(1),          // step1.follow-peers: no
        Reply::Skip,             // step1.goals: skipped
        Reply::Pick(0),          // step2.handle-short: yes
    ];
    let mut script = Script::new(replies);
    let mut saves = Vec::new();
    let mut save = |a: &Answers| {
        saves.push(a.clone());
        Ok(())
    };
    let answers = run(
        &model,
        &mut script,
        Lang::Fr,
        Answers::new(),
        Resume::All,
        &Evidence::default(),
        &mut save,
    )
    .expect("run");
    assert_eq!(answers.account.as_deref(), Some("Ville d’Exemple"));
    assert_eq!(
        value(&answers, "step1.personal-account"),
        Some(AnswerValue::Choice("less-than-month".into()))
    );
    assert_eq!(
        value(&answers, "step1.tried"),
        Some(AnswerValue::Choices(vec!["post".into(), "repost".into()]))
    );
    assert_eq!(
        value(&answers, "step1.follow-peers"),
        Some(AnswerValue::Bool(false))
    );
    assert_eq!(
        answers.get("step1.goals").map(|a| a.value.clone()),
        Some(None)
    );
    assert_eq!(
        value(&answers, "step2.handle-short"),
        Some(AnswerValue::Bool(true))
    );
    // Every question was asked once, in the model's order, numbered.
    let total = model.questions().count();
    assert_eq!(script.asked.len(), 1 + total);
    assert!(
        script.asked[1].starts_with(&format!("[1/{total}] ")),
        "{}",
        script.asked[1]
    );
    assert!(script.said.iter().any(|s| s.contains("Étape 1")));
    // Saved after the name and after each answer.
    assert_eq!(saves.len(), 1 + total);
    assert_eq!(saves[2].len(), 2);
    assert_eq!(saves.last(), Some(&answers));
}

#[test]
fn number_questions_carry_their_unit_and_accept_a_number() {
    let model = model();
    let before = model
        .questions()
        .take_while(|q| q.id != "step3.posts-per-week")
        .count();
    let mut replies = vec![Reply::Skip];
    replies.extend(std::iter::repeat_n(Reply::Skip, before));
    replies.push(Reply::Number(4.0));
    let mut script = Script::new(replies);
    let answers = run(
        &model,
        &mut script,
        Lang::En,
        Answers::new(),
        Resume::All,
        &Evidence::default(),
        &mut |_| Ok(()),
    )
    .expect("run");
    assert_eq!(
        value(&answers, "step3.posts-per-week"),
        Some(AnswerValue::Number(4.0))
    );
    let asked = script
        .asked
        .iter()
        .find(|t| t.contains("posts per week"))
        .expect("asked");
    assert!(asked.ends_with("(posts per week)"), "{asked}");
    assert_eq!(answers.account, None);
}

#[test]
fn an_interruption_keeps_the_answers_given_so_far() {
    let model = model();
    let mut script = Script::new(vec![
        Reply::Text("Commune"),
        Reply::Pick(0),
        Reply::Tick(vec![0]),
        Reply::Pick(0),
        Reply::Interrupt,
    ]);
    let mut saved = Answers::new();
    let mut save = |a: &Answers| {
        saved = a.clone();
        Ok(())
    };
    let err = run(
        &model,
        &mut script,
        Lang::Fr,
        Answers::new(),
        Resume::All,
        &Evidence::default(),
        &mut save,
    )
    .expect_err("interrupted");
    assert_eq!(err.kind(), io::ErrorKind::Interrupted);
    assert_eq!(saved.len(), 3);
    assert_eq!(
        value(&saved, "step1.follow-peers"),
        Some(AnswerValue::Bool(true))
    );
    assert!(saved.get("step1.goals").is_none());
}

#[test]
fn resuming_asks_only_what_is_missing_and_reviewing_offers_previous_answers() {
    let model = model();
    let text = "version: 1\naccount: Commune\nanswers:\n  step1.personal-account: less-than-month\n  \
                step1.tried: [lists]\n  step1.follow-peers: no\n  step1.goals: ~\n  step3.posts-per-week: 2\n";
    let previous = Answers::from_yaml(text, &model).expect("answers");

    let mut script = Script::new(vec![]);
    let answers = run(
        &model,
        &mut script,
        Lang::Fr,
        previous.clone(),
        Resume::Unanswered,
        &Evidence::default(),
        &mut |_| Ok(()),
    )
    .expect("run");
    let total = model.questions().count();
    assert_eq!(
        script.asked.len(),
        total - 5,
        "account and answered questions are not asked again"
    );
    assert_eq!(
        value(&answers, "step1.tried"),
        Some(AnswerValue::Choices(vec!["lists".into()]))
    );

    // Reviewing: every question again, each starting on the previous answer.
    let mut script = Script::new(vec![]);
    let answers = run(
        &model,
        &mut script,
        Lang::Fr,
        previous,
        Resume::All,
        &Evidence::default(),
        &mut |_| Ok(()),
    )
    .expect("run");
    assert_eq!(script.asked.len(), 1 + total);
    assert_eq!(answers.account.as_deref(), Some("Commune"));
    assert_eq!(script.defaults[0], 1, "cursor on « Oui, moins d’un mois »");
    assert_eq!(script.defaults[1], 1, "cursor on « Non »");
    assert_eq!(
        script.defaults[2], 2,
        "cursor on « Passer » for a skipped question"
    );
    assert_eq!(
        value(&answers, "step1.tried"),
        Some(AnswerValue::Choices(vec!["lists".into()]))
    );
    assert_eq!(
        value(&answers, "step3.posts-per-week"),
        Some(AnswerValue::Number(2.0))
    );
}

#[test]
fn measured_questions_are_shown_not_asked() {
    let model = model();
    let mut evidence = Evidence::default();
    evidence.profile.handle_short = Some(true);
    evidence.archive.posts_per_week = Some(6.0);
    let mut script = Script::new(vec![]);
    run(
        &model,
        &mut script,
        Lang::Fr,
        Answers::new(),
        Resume::All,
        &evidence,
        &mut |_| Ok(()),
    )
    .expect("run");
    let total = model.questions().count();
    assert_eq!(script.asked.len(), 1 + total - 2);
    assert!(!script.asked.iter().any(|t| t.contains("nom d’utilisateur")));
    assert!(
        script
            .said
            .iter()
            .any(|s| s.contains("nom d’utilisateur") && s.ends_with("mesuré\u{a0}: Oui")),
        "{:?}",
        script.said
    );
    assert!(
        script
            .said
            .iter()
            .any(|s| s.ends_with("6 publications par semaine"))
    );
}

#[test]
fn a_failing_save_stops_the_questionnaire() {
    let model = model();
    let mut script = Script::new(vec![Reply::Text("X"), Reply::Pick(0)]);
    let mut calls = 0;
    let mut save = |_: &Answers| {
        calls += 1;
        if calls == 2 {
            Err(io::Error::other("disk full"))
        } else {
            Ok(())
        }
    };
    let err = run(
        &model,
        &mut script,
        Lang::Fr,
        Answers::new(),
        Resume::All,
        &Evidence::default(),
        &mut save,
    )
    .expect_err("stops");
    assert_eq!(err.to_string(), "disk full");
    assert_eq!(script.asked.len(), 2);
}
