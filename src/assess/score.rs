//! Scoring: from the answers to a score per section, an overall level and the
//! actions that would raise the score most.
//!
//! - A question earns `weight × points`, where points (0 to 1) come from the
//!   answer; a question not answered (absent or skipped) earns 0; an answer
//!   marked "does not apply" (an option with `points: ~`) takes the question
//!   out of its section.
//! - A section's score is `100 × earned / possible` over its questions.
//! - The overall score is the mean of the section scores, weighted by the
//!   sections' weights.
//! - An action's gain is what its questions would add to the overall score at
//!   full points; the report lists the five largest (ties keep the model's
//!   order, so earlier steps come first).

use super::answers::{AnswerValue, Answers, Source, format_number};
use super::model::{Model, Question, QuestionType, SectionKind, handbook_link, handbook_page_link};
use crate::locale::Lang;
use serde::Serialize;

/// How many actions the report proposes.
pub const ACTIONS_SHOWN: usize = 5;

/// The result of an assessment, with every text already in the report's
/// language. Renderers only lay it out.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub tool: &'static str,
    pub version: &'static str,
    pub kind: &'static str,
    pub model_version: u32,
    pub lang: Lang,
    pub account: Option<String>,
    /// The level scale of the model, lowest first.
    pub levels: Vec<LevelInfo>,
    pub overall: Score,
    /// The first step (1–4) below the "done" score: where to work now.
    /// `None` when every step is done.
    pub current_step: Option<u8>,
    pub sections: Vec<SectionReport>,
    pub actions: Vec<Action>,
    pub answers: Vec<AnswerLine>,
    pub counts: Counts,
}

#[derive(Clone, Debug, Serialize)]
pub struct Score {
    /// 0–100, rounded to the nearest integer.
    pub score: u8,
    pub level: LevelRef,
}

impl Score {
    fn new(model: &Model, score: f64, lang: Lang) -> Score {
        let rounded = score.round().clamp(0.0, 100.0);
        Score {
            score: rounded as u8,
            level: level_ref(model, rounded, lang),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelRef {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct LevelInfo {
    pub id: String,
    pub name: String,
    /// Lowest score of the level.
    pub min: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectionReport {
    pub id: String,
    /// "step" or "practice".
    pub kind: &'static str,
    pub step: Option<u8>,
    pub title: String,
    /// `None` when no question of the section applies.
    pub score: Option<Score>,
    pub answered: usize,
    pub questions: usize,
    pub link: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Action {
    pub id: String,
    pub text: String,
    /// Points the overall score would gain (0–100 scale).
    pub gain: f64,
    /// Section of the action's first question.
    pub section: String,
    pub link: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct AnswerLine {
    pub question: String,
    pub section: String,
    pub text: String,
    /// The answer as a person reads it ("Oui", "Toujours", "4 publications
    /// par semaine"), or "—" when not answered.
    pub answer: String,
    /// Raw value, as in the answers file.
    pub value: Option<AnswerValue>,
    /// "declared", "measured" or "none" (not answered).
    pub source: &'static str,
    /// Evidence key of a measured answer.
    pub evidence: Option<String>,
    /// A declared answer replaced by a measurement, as a person reads it.
    pub declared: Option<String>,
    /// Points earned, 0–1; `None` when the answer does not apply.
    pub points: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Counts {
    pub questions: usize,
    pub answered: usize,
    pub skipped: usize,
    pub measured: usize,
}

/// Points (0–1) an answer earns; `None` when it does not apply.
pub fn points(question: &Question, value: &AnswerValue) -> Option<f64> {
    match (question.kind, value) {
        (QuestionType::YesNo, AnswerValue::Bool(b)) => {
            let p = question.yes_no_points();
            Some(if *b { p.yes } else { p.no })
        }
        (QuestionType::Choice, AnswerValue::Choice(id)) => {
            question.option(id).and_then(|o| o.points)
        }
        (QuestionType::MultiChoice, AnswerValue::Choices(ids)) => {
            let sum: f64 = ids
                .iter()
                .filter_map(|id| question.option(id))
                .filter_map(|o| o.points)
                .sum();
            Some(sum.min(1.0))
        }
        (QuestionType::Number, AnswerValue::Number(n)) => Some(
            question
                .bands
                .iter()
                .rev()
                .find(|b| *n >= b.from)
                .map_or(0.0, |b| b.points),
        ),
        // The answers reader never pairs a value with another type.
        _ => Some(0.0),
    }
}

/// Points of an answer that may be absent: not answered earns 0.
fn points_of(question: &Question, answers: &Answers) -> Option<f64> {
    match answers.get(&question.id).and_then(|a| a.value.as_ref()) {
        Some(value) => points(question, value),
        None => Some(0.0),
    }
}

/// Everything needed to score, kept apart from the texts.
struct Tally {
    /// Per section: (earned, possible) in weight units.
    sections: Vec<(f64, f64)>,
}

impl Tally {
    fn new(model: &Model, answers: &Answers) -> Tally {
        let sections = model
            .sections
            .iter()
            .map(|section| {
                section
                    .questions
                    .iter()
                    .fold((0.0, 0.0), |(earned, possible), q| {
                        match points_of(q, answers) {
                            Some(p) => (earned + q.weight * p, possible + q.weight),
                            None => (earned, possible),
                        }
                    })
            })
            .collect();
        Tally { sections }
    }

    fn section_score(&self, index: usize) -> Option<f64> {
        let (earned, possible) = self.sections[index];
        (possible > 0.0).then(|| 100.0 * earned / possible)
    }

    fn overall(&self, model: &Model) -> f64 {
        let (sum, weights) =
            model
                .sections
                .iter()
                .enumerate()
                .fold((0.0, 0.0), |(sum, weights), (i, s)| {
                    match self.section_score(i) {
                        Some(score) => (sum + s.weight * score, weights + s.weight),
                        None => (sum, weights),
                    }
                });
        if weights > 0.0 { sum / weights } else { 0.0 }
    }
}

/// The gain of raising some questions to full points, on the overall score.
fn gain(model: &Model, answers: &Answers, question_ids: &[String]) -> f64 {
    let before = Tally::new(model, answers).overall(model);
    let mut improved = answers.clone();
    for id in question_ids {
        let Some(question) = model.question(id) else {
            continue;
        };
        // An answer that does not apply stays so: nothing to gain there.
        if let Some(value) = answers.get(id).and_then(|a| a.value.as_ref())
            && points(question, value).is_none()
        {
            continue;
        }
        improved.set(
            id,
            super::answers::Answer::declared(Some(best_value(question))),
        );
    }
    Tally::new(model, &improved).overall(model) - before
}

/// An answer that earns full points.
fn best_value(question: &Question) -> AnswerValue {
    match question.kind {
        QuestionType::YesNo => {
            AnswerValue::Bool(question.yes_no_points().yes >= question.yes_no_points().no)
        }
        QuestionType::Choice => AnswerValue::Choice(
            question
                .options
                .iter()
                .max_by(|a, b| a.points.unwrap_or(0.0).total_cmp(&b.points.unwrap_or(0.0)))
                .map(|o| o.id.clone())
                .unwrap_or_default(),
        ),
        QuestionType::MultiChoice => {
            AnswerValue::Choices(question.options.iter().map(|o| o.id.clone()).collect())
        }
        QuestionType::Number => AnswerValue::Number(
            question
                .bands
                .iter()
                .max_by(|a, b| {
                    a.points
                        .total_cmp(&b.points)
                        .then(b.from.total_cmp(&a.from))
                })
                .map_or(0.0, |b| b.from),
        ),
    }
}

/// An answer as a person reads it.
pub fn display_value(question: &Question, value: &AnswerValue, lang: Lang) -> String {
    match value {
        AnswerValue::Bool(b) => match (b, lang) {
            (true, Lang::Fr) => "Oui".into(),
            (false, Lang::Fr) => "Non".into(),
            (true, Lang::En) => "Yes".into(),
            (false, Lang::En) => "No".into(),
        },
        AnswerValue::Number(n) => {
            let mut number = format_number((n * 10.0).round() / 10.0);
            if lang == Lang::Fr {
                number = number.replace('.', ",");
            }
            match &question.unit {
                Some(unit) => format!("{number} {}", unit.get(lang)),
                None => number,
            }
        }
        AnswerValue::Choice(id) => question
            .option(id)
            .map_or_else(|| id.clone(), |o| o.label.get(lang).to_string()),
        AnswerValue::Choices(ids) if ids.is_empty() => match lang {
            Lang::Fr => "Aucun".into(),
            Lang::En => "None".into(),
        },
        AnswerValue::Choices(ids) => ids
            .iter()
            .map(|id| {
                question
                    .option(id)
                    .map_or(id.as_str(), |o| o.label.get(lang))
            })
            .collect::<Vec<_>>()
            .join(match lang {
                Lang::Fr => "\u{202f}; ",
                Lang::En => "; ",
            }),
    }
}

fn level_ref(model: &Model, score: f64, lang: Lang) -> LevelRef {
    let level = model.level_for(score);
    LevelRef {
        id: level.id.clone(),
        name: level.name.get(lang).to_string(),
        description: level.description.get(lang).to_string(),
    }
}

/// Scores the answers (already merged with the evidence) and builds the
/// report in `lang`, with handbook links under `handbook_base`.
pub fn assess(model: &Model, answers: &Answers, lang: Lang, handbook_base: &str) -> Report {
    let tally = Tally::new(model, answers);
    let overall = tally.overall(model);

    let mut sections = Vec::new();
    let mut current_step = None;
    for (i, section) in model.sections.iter().enumerate() {
        let score = tally.section_score(i);
        if section.kind == SectionKind::Step
            && current_step.is_none()
            && score.is_some_and(|s| s < model.step_done)
        {
            current_step = section.step;
        }
        let answered = section
            .questions
            .iter()
            .filter(|q| answers.get(&q.id).is_some_and(|a| a.value.is_some()))
            .count();
        sections.push(SectionReport {
            id: section.id.clone(),
            kind: match section.kind {
                SectionKind::Step => "step",
                SectionKind::Practice => "practice",
            },
            step: section.step,
            title: section.title.get(lang).to_string(),
            score: score.map(|s| Score::new(model, s, lang)),
            answered,
            questions: section.questions.len(),
            link: handbook_page_link(handbook_base, lang, &section.page),
        });
    }

    let mut candidates: Vec<(usize, Action)> = model
        .recommendations
        .iter()
        .enumerate()
        .map(|(order, rec)| {
            let section = rec
                .questions
                .first()
                .and_then(|q| model.section_of(q))
                .map(|s| s.id.clone());
            let action = Action {
                id: rec.id.clone(),
                text: rec.text.get(lang).to_string(),
                // One decimal is all a reader needs.
                gain: (gain(model, answers, &rec.questions) * 10.0).round() / 10.0,
                section: section.unwrap_or_default(),
                link: handbook_link(handbook_base, lang, model.page_of(rec), &rec.anchor),
            };
            (order, action)
        })
        .filter(|(_, a)| a.gain > 0.0)
        .collect();
    candidates.sort_by(|(oa, a), (ob, b)| b.gain.total_cmp(&a.gain).then(oa.cmp(ob)));
    let actions = candidates
        .into_iter()
        .take(ACTIONS_SHOWN)
        .map(|(_, a)| a)
        .collect();

    let mut lines = Vec::new();
    let mut counts = Counts {
        questions: 0,
        answered: 0,
        skipped: 0,
        measured: 0,
    };
    for section in &model.sections {
        for question in &section.questions {
            counts.questions += 1;
            let answer = answers.get(&question.id);
            let value = answer.and_then(|a| a.value.clone());
            let source = match (answer, &value) {
                (Some(a), Some(_)) => a.source.as_str(),
                _ => "none",
            };
            match (answer, &value) {
                (Some(a), Some(_)) => {
                    counts.answered += 1;
                    if a.source == Source::Measured {
                        counts.measured += 1;
                    }
                }
                (Some(_), None) => counts.skipped += 1,
                (None, _) => {}
            }
            lines.push(AnswerLine {
                question: question.id.clone(),
                section: section.id.clone(),
                text: question.text(lang).to_string(),
                answer: value
                    .as_ref()
                    .map_or_else(|| "—".to_string(), |v| display_value(question, v, lang)),
                points: match &value {
                    Some(v) => points(question, v),
                    None => Some(0.0),
                },
                value,
                source,
                evidence: answer.and_then(|a| a.evidence.clone()),
                declared: answer
                    .and_then(|a| a.declared.as_ref())
                    .map(|v| display_value(question, v, lang)),
            });
        }
    }

    Report {
        tool: "twitterritorial",
        version: env!("CARGO_PKG_VERSION"),
        kind: "assessment",
        model_version: model.version,
        lang,
        account: answers.account.clone(),
        levels: model
            .levels
            .iter()
            .map(|l| LevelInfo {
                id: l.id.clone(),
                name: l.name.get(lang).to_string(),
                min: l.min,
            })
            .collect(),
        overall: Score::new(model, overall, lang),
        current_step,
        sections,
        actions,
        answers: lines,
        counts,
    }
}
