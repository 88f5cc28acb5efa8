//! The scoring model (`rules/assessment.yaml`) holds together, links to
//! sections that exist in both editions of the handbook, and writes French
//! properly.

use twitterritorial::assess::evidence::EVIDENCE_KEYS;
use twitterritorial::assess::model::{
    BUILTIN_MODEL, HANDBOOK_PAGES, Model, ModelError, QuestionType,
};
use twitterritorial::locale::Lang;

fn model() -> Model {
    Model::builtin().expect("the shipped model loads")
}

#[test]
fn the_shipped_model_loads_and_covers_the_four_steps_and_practices() {
    let model = model();
    let ids: Vec<&str> = model.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "step-1",
            "step-2",
            "step-3",
            "step-4",
            "practices",
            "neutrality",
            "accessibility"
        ]
    );
    let kinds: Vec<QuestionType> = model.questions().map(|q| q.kind).collect();
    for kind in [
        QuestionType::YesNo,
        QuestionType::Choice,
        QuestionType::MultiChoice,
        QuestionType::Number,
    ] {
        assert!(kinds.contains(&kind), "no {kind:?} question");
    }
    // A quarter of an hour: some forty to sixty questions.
    let count = model.questions().count();
    assert!((40..=60).contains(&count), "{count} questions");
}

#[test]
fn every_evidence_key_answers_some_question() {
    let model = model();
    for (key, _) in EVIDENCE_KEYS {
        assert!(
            model
                .questions()
                .any(|q| q.measured_by.as_deref() == Some(*key)),
            "evidence `{key}` answers no question"
        );
    }
}

/// `{#anchor}` ids of a handbook page.
fn anchors(lang: &str, page: &str) -> Vec<String> {
    let path = format!("{}/book/{lang}/src/{page}.md", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.match_indices("{#")
        .filter_map(|(i, _)| text[i + 2..].split('}').next().map(str::to_string))
        .collect()
}

#[test]
fn every_link_goes_to_a_section_of_both_handbook_editions() {
    let model = model();
    for page in HANDBOOK_PAGES {
        for lang in ["fr", "en"] {
            assert!(
                !anchors(lang, page).is_empty(),
                "book/{lang}/src/{page}.md has no anchors"
            );
        }
    }
    for rec in &model.recommendations {
        let page = model.page_of(rec);
        for lang in ["fr", "en"] {
            assert!(
                anchors(lang, page).contains(&rec.anchor),
                "recommendation `{}`: book/{lang}/src/{page}.md has no {{#{}}}",
                rec.id,
                rec.anchor
            );
        }
    }
}

#[test]
fn french_texts_follow_french_typography() {
    let model = model();
    let mut texts: Vec<(String, &str)> = Vec::new();
    for section in &model.sections {
        texts.push((section.id.clone(), section.title.get(Lang::Fr)));
        for q in &section.questions {
            texts.push((q.id.clone(), q.text.get(Lang::Fr)));
            if let Some(help) = &q.help {
                texts.push((q.id.clone(), help.get(Lang::Fr)));
            }
            for o in &q.options {
                texts.push((format!("{}/{}", q.id, o.id), o.label.get(Lang::Fr)));
            }
        }
    }
    for rec in &model.recommendations {
        texts.push((rec.id.clone(), rec.text.get(Lang::Fr)));
    }
    for level in &model.levels {
        texts.push((level.id.clone(), level.name.get(Lang::Fr)));
        texts.push((level.id.clone(), level.description.get(Lang::Fr)));
    }
    for (id, text) in texts {
        assert!(!text.trim().is_empty(), "{id}: empty French text");
        assert!(
            !text.contains('\''),
            "{id}: straight apostrophe in «{text}»"
        );
        for (i, c) in text.char_indices() {
            let before = text[..i].chars().last();
            match c {
                ':' | '»' => assert!(
                    before.is_none_or(|b| b == '\u{a0}' || b == '\u{202f}'),
                    "{id}: « {c} » needs a no-break space before it in «{text}»"
                ),
                ';' | '!' | '?' => assert!(
                    before.is_none_or(|b| b == '\u{202f}' || b == '\u{a0}'),
                    "{id}: « {c} » needs a narrow no-break space before it in «{text}»"
                ),
                '«' => assert!(
                    text[i + c.len_utf8()..].starts_with('\u{a0}'),
                    "{id}: « needs a no-break space after it in «{text}»"
                ),
                _ => {}
            }
        }
    }
}

#[test]
fn english_texts_are_all_present() {
    let model = model();
    for q in model.questions() {
        assert!(!q.text.get(Lang::En).trim().is_empty(), "{}", q.id);
        assert_ne!(
            q.text.get(Lang::En),
            q.text.get(Lang::Fr),
            "{}: English text not translated",
            q.id
        );
    }
}

/// The shipped model with one piece of text replaced.
fn altered(from: &str, to: &str) -> Result<Model, ModelError> {
    assert!(
        BUILTIN_MODEL.contains(from),
        "test needs `{from}` in the model"
    );
    Model::from_yaml(&BUILTIN_MODEL.replacen(from, to, 1))
}

fn inconsistency(result: Result<Model, ModelError>) -> String {
    match result {
        Err(ModelError::Inconsistent(msg)) => msg,
        other => panic!("expected an inconsistency, got {other:?}"),
    }
}

#[test]
fn a_model_that_does_not_hold_together_is_refused() {
    let msg = inconsistency(altered(
        "questions: [step1.personal-account]",
        "questions: [step1.personal-acount]",
    ));
    assert!(
        msg.contains("unknown question `step1.personal-acount`"),
        "{msg}"
    );

    // The question left without an action is reported too.
    let msg = inconsistency(altered(
        "questions: [step1.goals]",
        "questions: [step1.follow-peers]",
    ));
    assert!(msg.contains("step1.follow-peers"), "{msg}");

    let msg = inconsistency(altered(
        "measured_by: profile.handle_short",
        "measured_by: profile.handle_lenght",
    ));
    assert!(
        msg.contains("unknown evidence key `profile.handle_lenght`"),
        "{msg}"
    );

    let msg = inconsistency(altered(
        "measured_by: archive.posts_per_week",
        "measured_by: profile.bio_official",
    ));
    assert!(msg.contains("does not fit a number question"), "{msg}");

    let msg = inconsistency(altered("anchor: programme", "anchor: Programme"));
    assert!(msg.contains("anchor"), "{msg}");

    let msg = inconsistency(altered("page: etape-1-apprendre", "page: etape-1"));
    assert!(msg.contains("unknown handbook page `etape-1`"), "{msg}");

    let msg = inconsistency(altered(
        "            points: 0.4\n",
        "            points: 1.4\n",
    ));
    assert!(msg.contains("between 0 and 1"), "{msg}");
}

#[test]
fn a_model_with_a_typo_in_a_field_gives_its_line() {
    match altered("    weight: 3\n", "    wieght: 3\n") {
        Err(ModelError::Syntax { line, .. }) => {
            let expected = BUILTIN_MODEL
                .lines()
                .position(|l| l == "        weight: 3")
                .map(|i| i + 1);
            assert!(
                line > 0 && Some(line as usize) <= expected.map(|e| e + 1),
                "line {line}"
            );
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn the_documentation_names_every_question_and_recommendation() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/assessment.md"))
        .expect("docs");
    let model = model();
    for q in model.questions() {
        assert!(
            doc.contains(&format!("| `{}` |", q.id)),
            "docs/assessment.md misses question `{}`",
            q.id
        );
    }
    for rec in &model.recommendations {
        assert!(
            doc.contains(&format!("| `{}` |", rec.id)),
            "docs/assessment.md misses recommendation `{}`",
            rec.id
        );
    }
    for (key, _) in EVIDENCE_KEYS {
        let field = key.split('.').nth(1).expect("group.field");
        assert!(
            doc.contains(&format!("  {field}:")),
            "docs/assessment.md misses evidence `{key}`"
        );
    }
}
