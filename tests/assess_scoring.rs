//! Scoring of the shipped example answer files, evidence merge, and the
//! answers file reader (round trip and errors with line and column).

use twitterritorial::assess::answers::{AnswerValue, Answers, AnswersErrorKind, Source};
use twitterritorial::assess::evidence::{Evidence, merge};
use twitterritorial::assess::model::{DEFAULT_HANDBOOK_BASE, Model};
use twitterritorial::assess::score::{Report, assess};
use twitterritorial::locale::Lang;

fn model() -> Model {
    Model::builtin().expect("model")
}

fn example(name: &str) -> Answers {
    let path = format!(
        "{}/examples/assessment/{name}.yaml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("example file");
    Answers::from_yaml(&text, &model()).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn report(answers: &Answers) -> Report {
    assess(&model(), answers, Lang::Fr, DEFAULT_HANDBOOK_BASE)
}

fn section_score(report: &Report, id: &str) -> u8 {
    report
        .sections
        .iter()
        .find(|s| s.id == id)
        .and_then(|s| s.score.as_ref())
        .expect(id)
        .score
}

fn action_ids(report: &Report) -> Vec<&str> {
    report.actions.iter().map(|a| a.id.as_str()).collect()
}

#[test]
fn a_beginner_is_at_first_steps_and_starts_with_step_one() {
    let r = report(&example("beginner"));
    assert_eq!(
        r.overall.level.id, "first-steps",
        "overall {}",
        r.overall.score
    );
    assert_eq!(r.overall.level.name, "Premiers pas");
    assert_eq!(r.current_step, Some(1));
    assert_eq!(r.actions.len(), 5);
    // The basics come first: describing images, answering residents, the
    // moderation charter, the election rules and trying the features.
    assert_eq!(
        action_ids(&r),
        [
            "alt-text",
            "answer-residents",
            "moderation-charter",
            "election-rules",
            "try-every-feature"
        ],
        "{:#?}",
        r.actions
    );
    assert_eq!(r.counts.skipped, 2);
    assert_eq!(r.counts.measured, 0);
}

#[test]
fn a_broadcast_only_account_is_told_to_talk_with_residents() {
    let r = report(&example("broadcast-only"));
    assert_eq!(
        r.overall.level.id, "on-track",
        "overall {}",
        r.overall.score
    );
    assert_eq!(section_score(&r, "step-4"), 0);
    assert_eq!(
        r.sections[3].score.as_ref().map(|s| s.level.id.as_str()),
        Some("to-start")
    );
    assert!(section_score(&r, "step-2") >= 75);
    // Answering residents is the first action, and step 4 gives most of them.
    assert_eq!(r.actions[0].id, "answer-residents");
    let step4 = r.actions.iter().filter(|a| a.section == "step-4").count();
    assert!(step4 >= 3, "{:#?}", r.actions);
    assert!(
        r.actions[0]
            .link
            .ends_with("/fr/etape-4-dialoguer.html#repondre"),
        "{}",
        r.actions[0].link
    );
}

#[test]
fn an_exemplary_account_is_exemplary_with_little_left_to_do() {
    let r = report(&example("exemplary"));
    assert_eq!(r.overall.level.id, "exemplary");
    assert!(
        r.sections
            .iter()
            .all(|s| s.score.as_ref().is_some_and(|s| s.score >= 90))
    );
    assert_eq!(r.current_step, None);
    assert_eq!(action_ids(&r), ["volunteers", "answer-residents"]);
    assert!(r.actions.iter().all(|a| a.gain < 2.0), "{:#?}", r.actions);
}

#[test]
fn actions_are_sorted_by_gain_and_the_gain_is_what_the_score_rises() {
    let model = model();
    let answers = example("beginner");
    let before = report(&answers);
    for pair in before.actions.windows(2) {
        assert!(pair[0].gain >= pair[1].gain);
    }
    // Doing the first action (the best answer to each of its questions)
    // raises the overall score by its announced gain.
    let first = &before.actions[0];
    let rec = model
        .recommendations
        .iter()
        .find(|r| r.id == first.id)
        .expect("rec");
    let mut improved = answers.clone();
    for id in &rec.questions {
        let q = model.question(id).expect("question");
        let best = match q.id.as_str() {
            "accessibility.alt-text" => AnswerValue::Choice("always".into()),
            "accessibility.text-in-images" => AnswerValue::Bool(true),
            other => panic!("update this test for {other}"),
        };
        improved.set(id, twitterritorial::assess::Answer::declared(Some(best)));
    }
    let after = assess(&model, &improved, Lang::Fr, DEFAULT_HANDBOOK_BASE);
    let unrounded_gain = |r: &Report| {
        r.sections
            .iter()
            .filter_map(|s| s.score.as_ref())
            .map(|s| f64::from(s.score))
            .sum::<f64>()
            / r.sections.len() as f64
    };
    let rise = unrounded_gain(&after) - unrounded_gain(&before);
    assert!(
        (rise - first.gain).abs() < 0.6,
        "rise {rise}, announced {}",
        first.gain
    );
    assert!(!action_ids(&after).contains(&first.id.as_str()));
}

#[test]
fn unanswered_questions_count_as_zero_and_not_applicable_ones_leave_the_score() {
    let model = model();
    let empty = assess(&model, &Answers::new(), Lang::En, DEFAULT_HANDBOOK_BASE);
    assert_eq!(empty.overall.score, 0);
    assert_eq!(empty.overall.level.name, "To start");
    assert_eq!(empty.current_step, Some(1));
    assert_eq!(empty.actions.len(), 5);

    let mut never = example("exemplary");
    never.set(
        "accessibility.subtitles",
        twitterritorial::assess::Answer::declared(Some(AnswerValue::Choice("never".into()))),
    );
    let mut no_video = never.clone();
    no_video.set(
        "accessibility.subtitles",
        twitterritorial::assess::Answer::declared(Some(AnswerValue::Choice("no-video".into()))),
    );
    let (never, no_video) = (report(&never), report(&no_video));
    assert!(section_score(&never, "accessibility") < 90);
    assert_eq!(section_score(&no_video, "accessibility"), 100);
    let line = no_video
        .answers
        .iter()
        .find(|l| l.question == "accessibility.subtitles")
        .expect("line");
    assert_eq!(line.points, None);
    assert_eq!(line.answer, "Nous ne publions pas de vidéo");
}

#[test]
fn measured_evidence_wins_over_declared_answers_and_the_report_says_so() {
    let model = model();
    let declared = example("exemplary");
    let mut evidence = Evidence::default();
    evidence.profile.handle_short = Some(false); // declared yes
    evidence.site.links_to_account = Some(true); // declared yes as well
    evidence.archive.posts_per_week = Some(0.5); // declared 8
    evidence.archive.active_weeks_last_12 = Some(40.0); // above the question's max (12)
    let merged = merge(&model, &declared, &evidence);

    let handle = merged.get("step2.handle-short").expect("answer");
    assert_eq!(handle.value, Some(AnswerValue::Bool(false)));
    assert_eq!(handle.source, Source::Measured);
    assert_eq!(handle.declared, Some(AnswerValue::Bool(true)));
    assert_eq!(handle.evidence.as_deref(), Some("profile.handle_short"));
    assert_eq!(
        merged.get("step3.regularity").and_then(|a| a.value.clone()),
        Some(AnswerValue::Number(12.0))
    );
    // Not measured: left as declared.
    assert_eq!(
        merged.get("step2.two-factor"),
        declared.get("step2.two-factor")
    );

    let before = report(&declared);
    let after = report(&merged);
    assert!(section_score(&after, "step-2") < section_score(&before, "step-2"));
    assert!(section_score(&after, "step-3") < section_score(&before, "step-3"));
    assert_eq!(after.counts.measured, 4);
    let line = after
        .answers
        .iter()
        .find(|l| l.question == "step3.posts-per-week")
        .expect("line");
    assert_eq!(line.source, "measured");
    assert_eq!(line.answer, "0,5 publications par semaine");
    assert_eq!(line.declared.as_deref(), Some("8 publications par semaine"));

    // The JSON report carries the source of each answer.
    let json: serde_json::Value =
        serde_json::from_str(&twitterritorial::assess::render::json(&after)).expect("json");
    let answers = json["answers"].as_array().expect("answers");
    let handle = answers
        .iter()
        .find(|a| a["question"] == "step2.handle-short")
        .expect("handle");
    assert_eq!(handle["source"], "measured");
    assert_eq!(handle["value"], false);
    assert_eq!(handle["declared"], "Oui");
    let hashtag = answers
        .iter()
        .find(|a| a["question"] == "step2.official-hashtag")
        .expect("hashtag");
    assert_eq!(hashtag["source"], "declared");

    // An evidence value that makes no sense is ignored, not trusted.
    let mut odd = Evidence::default();
    odd.archive.posts_per_week = Some(-3.0);
    assert_eq!(merge(&model, &declared, &odd), declared);
}

#[test]
fn saved_answers_read_back_the_same() {
    let model = model();
    let mut answers = example("broadcast-only");
    answers.account = Some("Ville d’Exemple \"Sud\" : no/yes".into());
    answers.set(
        "step4.answers",
        twitterritorial::assess::Answer::declared(None),
    );
    answers.set(
        "practice.promotion",
        twitterritorial::assess::Answer::declared(Some(AnswerValue::Choices(vec![]))),
    );
    answers.set(
        "step3.posts-per-week",
        twitterritorial::assess::Answer::declared(Some(AnswerValue::Number(2.5))),
    );
    let mut evidence = Evidence::default();
    evidence.profile.verified = Some(false);
    let merged = merge(&model, &answers, &evidence);
    for lang in [Lang::Fr, Lang::En] {
        let text = merged.to_yaml(&model, lang);
        let back = Answers::from_yaml(&text, &model).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(back.account, merged.account);
        for (id, answer) in merged.iter() {
            let read = back.get(id).expect(id);
            assert_eq!(read.value, answer.value, "{id}");
            assert_eq!(read.source, answer.source, "{id}");
        }
        assert_eq!(back.len(), merged.len());
    }
    assert!(
        merged
            .to_yaml(&model, Lang::Fr)
            .contains("  step2.verified: {value: no, source: measured}\n")
    );
}

/// Reads an answers file and returns its error: (line, column, kind).
fn error_of(text: &str) -> (u64, u64, AnswersErrorKind) {
    match Answers::from_yaml(text, &model()) {
        Ok(_) => panic!("accepted:\n{text}"),
        Err(e) => (e.line, e.column, e.kind),
    }
}

#[test]
fn an_unknown_question_is_reported_where_it_is_with_a_suggestion() {
    let text = "version: 1\nanswers:\n  step1.goals: yes\n  step2.handle-shrot: yes\n";
    let (line, column, kind) = error_of(text);
    assert_eq!((line, column), (4, 3));
    assert_eq!(
        kind,
        AnswersErrorKind::UnknownQuestion {
            id: "step2.handle-shrot".into(),
            suggestion: Some("step2.handle-short".into())
        }
    );
    let err = Answers::from_yaml(text, &model()).unwrap_err();
    assert!(
        err.message(Lang::Fr)
            .contains("vouliez-vous dire « step2.handle-short »"),
        "{}",
        err.message(Lang::Fr)
    );
}

#[test]
fn a_wrong_type_is_reported_at_the_value() {
    let (line, column, kind) = error_of("version: 1\nanswers:\n  step3.posts-per-week: souvent\n");
    assert_eq!((line, column), (3, 25));
    assert!(
        matches!(kind, AnswersErrorKind::WrongType { ref question, .. } if question == "step3.posts-per-week")
    );

    let (line, column, _) = error_of("version: 1\nanswers:\n  step1.goals: 3\n");
    assert_eq!((line, column), (3, 16));

    let (line, column, kind) = error_of("version: 1\nanswers:\n  step1.tried: [post, swim]\n");
    assert_eq!((line, column), (3, 23));
    assert!(matches!(kind, AnswersErrorKind::UnknownOption { ref option, .. } if option == "swim"));

    let (line, column, kind) = error_of("version: 1\nanswers:\n  step3.regularity: 13\n");
    assert_eq!((line, column), (3, 21));
    assert!(matches!(kind, AnswersErrorKind::OutOfRange { .. }));

    let err = Answers::from_yaml("version: 1\nanswers:\n  step1.goals: 3\n", &model()).unwrap_err();
    assert_eq!(
        err.message(Lang::En),
        "question `step1.goals` expects yes or no, not 3."
    );
}

#[test]
fn a_missing_or_unknown_version_is_reported() {
    let (line, column, kind) = error_of("answers:\n  step1.goals: yes\n");
    assert_eq!(
        (line, column, kind),
        (1, 1, AnswersErrorKind::MissingVersion)
    );
    let (line, column, kind) = error_of("# commentaire\n\nanswers: {}\n");
    assert_eq!(
        (line, column, kind),
        (3, 1, AnswersErrorKind::MissingVersion)
    );
    let (line, column, kind) = error_of("");
    assert_eq!(
        (line, column, kind),
        (1, 1, AnswersErrorKind::MissingVersion)
    );
    let (line, column, kind) = error_of("version: 2\nanswers: {}\n");
    assert_eq!(
        (line, column, kind),
        (1, 10, AnswersErrorKind::BadVersion("2".into()))
    );
}

#[test]
fn broken_yaml_and_stray_fields_are_reported_with_their_place() {
    let (line, _, kind) = error_of("version: 1\nanswers:\n  step1.goals: [yes\n");
    assert!(matches!(kind, AnswersErrorKind::Syntax(_)), "{kind:?}");
    assert!(line >= 3, "line {line}");
    let (line, column, kind) = error_of("version: 1\nanwsers: {}\n");
    assert_eq!(
        (line, column, kind),
        (2, 1, AnswersErrorKind::UnknownField("anwsers".into()))
    );
    let (line, column, kind) =
        error_of("version: 1\nanswers:\n  step1.goals: yes\n  step1.goals: no\n");
    assert_eq!((line, column), (4, 3));
    assert_eq!(
        kind,
        AnswersErrorKind::DuplicateQuestion("step1.goals".into())
    );
    let (line, column, kind) = error_of("version: 1\nversion: 1\n");
    assert_eq!(
        (line, column, kind),
        (2, 1, AnswersErrorKind::DuplicateField("version".into()))
    );
    let (line, column, kind) =
        error_of("version: 1\nanswers:\n  step1.goals: {value: yes, source: guessed}\n");
    assert_eq!((line, column), (3, 37));
    assert!(matches!(kind, AnswersErrorKind::BadLongForm(_)));
}

#[test]
fn answers_accept_french_and_long_forms() {
    let text = "version: 1\nanswers:\n  step1.goals: oui\n  step1.follow-peers: non\n  \
                step2.two-factor: {value: true}\n  step4.answers: ~\n  practice.promotion: magazine\n";
    let answers = Answers::from_yaml(text, &model()).expect("answers");
    assert_eq!(
        answers.get("step1.goals").and_then(|a| a.value.clone()),
        Some(AnswerValue::Bool(true))
    );
    assert_eq!(
        answers
            .get("step1.follow-peers")
            .and_then(|a| a.value.clone()),
        Some(AnswerValue::Bool(false))
    );
    assert_eq!(
        answers
            .get("step2.two-factor")
            .and_then(|a| a.value.clone()),
        Some(AnswerValue::Bool(true))
    );
    assert_eq!(
        answers.get("step4.answers").map(|a| a.value.clone()),
        Some(None)
    );
    assert_eq!(
        answers
            .get("practice.promotion")
            .and_then(|a| a.value.clone()),
        Some(AnswerValue::Choices(vec!["magazine".into()]))
    );
    // The `no` option of a choice question, which YAML might read as false.
    let answers = Answers::from_yaml(
        "version: 1\nanswers:\n  step1.personal-account: no\n",
        &model(),
    )
    .expect("no");
    assert_eq!(
        answers
            .get("step1.personal-account")
            .and_then(|a| a.value.clone()),
        Some(AnswerValue::Choice("no".into()))
    );
}

/// The handbook's page sends its answers as JSON: they read as the same
/// answers as the file, and a wrong answer is refused the same way.
#[test]
fn answers_sent_as_json_read_like_the_file() {
    for name in ["beginner", "broadcast-only", "exemplary"] {
        let path = format!(
            "{}/examples/assessment/{name}.yaml",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("example file");
        let value: serde_json::Value = serde_saphyr::from_str(&text).expect("YAML");
        let from_json = Answers::from_json(&value.to_string(), &model())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(format!("{from_json:?}"), format!("{:?}", example(name)));
    }
    let wrong = r#"{"version": 1, "answers": {"no-such-question": true}}"#;
    let e = Answers::from_json(wrong, &model()).expect_err("unknown question");
    assert!(
        matches!(e.kind, AnswersErrorKind::UnknownQuestion { .. }),
        "{e:?}"
    );
}
