//! The scoring model: questions, weights, levels and recommendations, read
//! from `rules/assessment.yaml` (compiled into the binary).
//!
//! The model is data so that the handbook team can tune questions and weights
//! without touching Rust; [`Model::check`] refuses a model whose parts do not
//! fit together (unknown question in a recommendation, points outside 0–1,
//! an evidence key of the wrong kind…).

use super::evidence::{EvidenceKind, evidence_kind};
use crate::locale::{Lang, Localized};
use serde::Deserialize;
use std::collections::HashSet;

/// The model shipped with the tool.
pub const BUILTIN_MODEL: &str = include_str!("../../rules/assessment.yaml");

/// The same model read by `build.rs` (empty if the YAML did not parse).
const BUILTIN_MODEL_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/assessment.json"));

/// Version of the answers file format and of the model this code reads.
pub const SUPPORTED_VERSION: u32 = 1;

/// Handbook pages a recommendation may link to (same file names in both
/// editions of the book).
pub const HANDBOOK_PAGES: &[&str] = &[
    "introduction",
    "etape-1-apprendre",
    "etape-2-creer",
    "etape-3-animer",
    "etape-4-dialoguer",
    "bonnes-pratiques",
    "neutralite-elections",
    "accessibilite",
    "utiliser-le-verificateur",
];

/// Where the online handbook lives unless the user says otherwise.
pub const DEFAULT_HANDBOOK_BASE: &str = crate::config::DEFAULT_HELP_BASE_URL;

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    pub version: u32,
    /// A step counts as done from this score (0–100).
    pub step_done: f64,
    pub levels: Vec<Level>,
    pub sections: Vec<Section>,
    pub recommendations: Vec<Recommendation>,
}

/// A named score band: a score gets the last level whose `min` it reaches.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub min: f64,
    pub name: Localized,
    pub description: Localized,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// One of the four adoption steps of the handbook.
    Step,
    /// A practice that runs across the steps.
    Practice,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub id: String,
    pub kind: SectionKind,
    /// Step number (1–4) for a step section.
    #[serde(default)]
    pub step: Option<u8>,
    /// Share of this section in the overall score.
    pub weight: f64,
    /// Handbook page (file stem) that explains this section.
    pub page: String,
    pub title: Localized,
    pub questions: Vec<Question>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuestionType {
    YesNo,
    Choice,
    MultiChoice,
    Number,
}

impl QuestionType {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionType::YesNo => "yes-no",
            QuestionType::Choice => "choice",
            QuestionType::MultiChoice => "multi-choice",
            QuestionType::Number => "number",
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    pub weight: f64,
    pub text: Localized,
    #[serde(default)]
    pub help: Option<Localized>,
    /// Evidence key (`profile.…`, `site.…`, `archive.…`) that can answer this
    /// question from a measurement.
    #[serde(default)]
    pub measured_by: Option<String>,
    /// Points of a yes/no answer (default: yes 1, no 0).
    #[serde(default)]
    pub points: Option<YesNoPoints>,
    /// Options of a choice or multi-choice question.
    #[serde(default)]
    pub options: Vec<ChoiceOption>,
    /// Points of a number answer: the band with the largest `from` not above
    /// the answer applies.
    #[serde(default)]
    pub bands: Vec<Band>,
    /// Largest number accepted (numbers are never negative).
    #[serde(default)]
    pub max: Option<f64>,
    /// What the number counts, shown after the input.
    #[serde(default)]
    pub unit: Option<Localized>,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YesNoPoints {
    pub yes: f64,
    pub no: f64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub id: String,
    /// Share of the question's weight this option earns, from 0 to 1. `~`
    /// (null) means "does not apply": the question then leaves the score.
    pub points: Option<f64>,
    pub label: Localized,
}

#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: f64,
    pub points: f64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recommendation {
    pub id: String,
    /// Questions this action improves; its gain is what they would add to the
    /// overall score at full points.
    pub questions: Vec<String>,
    /// Handbook page; defaults to the page of the first question's section.
    #[serde(default)]
    pub page: Option<String>,
    pub anchor: String,
    pub text: Localized,
}

/// A model that cannot be read or does not hold together.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    #[error("assessment model, line {line}, column {column}: {message}")]
    Syntax {
        line: u64,
        column: u64,
        message: String,
    },
    #[error("assessment model: {0}")]
    Inconsistent(String),
}

impl Model {
    /// The model compiled into the tool: read at build time into JSON
    /// (`build.rs`), which reads faster and keeps the YAML reader out of the
    /// browser's module; the YAML itself when that reading failed.
    pub fn builtin() -> Result<Model, ModelError> {
        match serde_json::from_str::<Model>(BUILTIN_MODEL_JSON) {
            Ok(model) => {
                model.check()?;
                Ok(model)
            }
            Err(e) => builtin_from_yaml(e),
        }
    }

    /// Reads and checks a model.
    pub fn from_yaml(text: &str) -> Result<Model, ModelError> {
        let model: Model = serde_saphyr::from_str(text).map_err(|err| {
            let (line, column) = err
                .location()
                .map(|l| (l.line(), l.column()))
                .unwrap_or((0, 0));
            ModelError::Syntax {
                line,
                column,
                message: super::answers::saphyr_message(&err),
            }
        })?;
        model.check()?;
        Ok(model)
    }

    /// Refuses a model whose parts do not fit together.
    pub fn check(&self) -> Result<(), ModelError> {
        let bad = |msg: String| Err(ModelError::Inconsistent(msg));
        if self.version != SUPPORTED_VERSION {
            return bad(format!(
                "version {} (this tool reads version {SUPPORTED_VERSION})",
                self.version
            ));
        }
        if !(0.0..=100.0).contains(&self.step_done) {
            return bad("step_done must be between 0 and 100".into());
        }
        if self.levels.is_empty() || self.levels[0].min != 0.0 {
            return bad("the first level must start at 0".into());
        }
        for pair in self.levels.windows(2) {
            if pair[1].min <= pair[0].min || pair[1].min > 100.0 {
                return bad(format!(
                    "level `{}` must start above `{}` and at 100 at most",
                    pair[1].id, pair[0].id
                ));
            }
        }
        let mut ids = HashSet::new();
        let mut steps = Vec::new();
        for section in &self.sections {
            if !ids.insert(section.id.as_str()) {
                return bad(format!("section id `{}` is used twice", section.id));
            }
            if !HANDBOOK_PAGES.contains(&section.page.as_str()) {
                return bad(format!(
                    "section `{}`: unknown handbook page `{}`",
                    section.id, section.page
                ));
            }
            if section.weight <= 0.0 {
                return bad(format!("section `{}`: weight must be positive", section.id));
            }
            match (section.kind, section.step) {
                (SectionKind::Step, Some(n)) => steps.push(n),
                (SectionKind::Step, None) => {
                    return bad(format!("step section `{}` needs `step`", section.id));
                }
                (SectionKind::Practice, Some(_)) => {
                    return bad(format!(
                        "practice section `{}` cannot have `step`",
                        section.id
                    ));
                }
                (SectionKind::Practice, None) => {}
            }
            if section.questions.is_empty() {
                return bad(format!("section `{}` has no question", section.id));
            }
            for question in &section.questions {
                if !ids.insert(question.id.as_str()) {
                    return bad(format!("id `{}` is used twice", question.id));
                }
                question
                    .check()
                    .or_else(|msg| bad(format!("question `{}`: {msg}", question.id)))?;
            }
        }
        if steps != (1..=steps.len() as u8).collect::<Vec<_>>() {
            return bad(format!(
                "steps must be numbered 1, 2, 3… in order, found {steps:?}"
            ));
        }
        let mut covered = HashSet::new();
        let mut rec_ids = HashSet::new();
        for rec in &self.recommendations {
            if !rec_ids.insert(rec.id.as_str()) {
                return bad(format!("recommendation id `{}` is used twice", rec.id));
            }
            if rec.questions.is_empty() {
                return bad(format!("recommendation `{}` lists no question", rec.id));
            }
            for q in &rec.questions {
                if self.question(q).is_none() {
                    return bad(format!(
                        "recommendation `{}`: unknown question `{q}`",
                        rec.id
                    ));
                }
                if !covered.insert(q.as_str()) {
                    return bad(format!("question `{q}` is in two recommendations"));
                }
            }
            if let Some(page) = &rec.page
                && !HANDBOOK_PAGES.contains(&page.as_str())
            {
                return bad(format!(
                    "recommendation `{}`: unknown handbook page `{page}`",
                    rec.id
                ));
            }
            if !is_anchor(&rec.anchor) {
                return bad(format!(
                    "recommendation `{}`: anchor `{}` must be lowercase a-z, 0-9 and -",
                    rec.id, rec.anchor
                ));
            }
        }
        // Every question must lead to an action, or a weak answer would lower
        // the score without telling the user what to do.
        for question in self.questions() {
            if !covered.contains(question.id.as_str()) {
                return bad(format!(
                    "question `{}` is in no recommendation",
                    question.id
                ));
            }
        }
        Ok(())
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    /// The section that holds a question.
    pub fn section_of(&self, question_id: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.questions.iter().any(|q| q.id == question_id))
    }

    /// The level a score (0–100) falls in.
    pub fn level_for(&self, score: f64) -> &Level {
        self.levels
            .iter()
            .rev()
            .find(|l| score >= l.min)
            .unwrap_or(&self.levels[0])
    }

    /// Page of a recommendation: its own, or its first question's section's.
    pub fn page_of<'a>(&'a self, rec: &'a Recommendation) -> &'a str {
        if let Some(page) = &rec.page {
            return page;
        }
        rec.questions
            .first()
            .and_then(|q| self.section_of(q))
            .map(|s| s.page.as_str())
            .unwrap_or("introduction")
    }
}

impl Question {
    fn check(&self) -> Result<(), String> {
        if self.weight <= 0.0 {
            return Err("weight must be positive".into());
        }
        let in_unit = |p: f64| (0.0..=1.0).contains(&p);
        match self.kind {
            QuestionType::YesNo => {
                if let Some(p) = self.points
                    && !(in_unit(p.yes) && in_unit(p.no))
                {
                    return Err("points must be between 0 and 1".into());
                }
                if !self.options.is_empty() || !self.bands.is_empty() {
                    return Err("a yes-no question has no options and no bands".into());
                }
            }
            QuestionType::Choice | QuestionType::MultiChoice => {
                if self.options.len() < 2 {
                    return Err("needs two options at least".into());
                }
                let mut seen = HashSet::new();
                for o in &self.options {
                    if !seen.insert(o.id.as_str()) {
                        return Err(format!("option `{}` is listed twice", o.id));
                    }
                    if let Some(p) = o.points
                        && !in_unit(p)
                    {
                        return Err(format!("option `{}`: points must be between 0 and 1", o.id));
                    }
                    if o.points.is_none() && self.kind == QuestionType::MultiChoice {
                        return Err(format!(
                            "option `{}`: a multi-choice option needs points",
                            o.id
                        ));
                    }
                }
                if !self.options.iter().any(|o| o.points == Some(1.0))
                    && self.kind == QuestionType::Choice
                {
                    return Err("one option must give full points (1)".into());
                }
                if self.kind == QuestionType::MultiChoice {
                    let total: f64 = self.options.iter().filter_map(|o| o.points).sum();
                    if total < 0.999 {
                        return Err("the options together must reach 1".into());
                    }
                }
                if !self.bands.is_empty() || self.points.is_some() {
                    return Err("a choice question has no bands and no yes/no points".into());
                }
            }
            QuestionType::Number => {
                if self.bands.first().map(|b| b.from) != Some(0.0) {
                    return Err("the first band must start at 0".into());
                }
                for pair in self.bands.windows(2) {
                    if pair[1].from <= pair[0].from {
                        return Err("bands must be in increasing order".into());
                    }
                }
                if self.bands.iter().any(|b| !in_unit(b.points)) {
                    return Err("band points must be between 0 and 1".into());
                }
                if !self.bands.iter().any(|b| b.points == 1.0) {
                    return Err("one band must give full points (1)".into());
                }
                if !self.options.is_empty() || self.points.is_some() {
                    return Err("a number question has no options and no yes/no points".into());
                }
            }
        }
        if let Some(key) = &self.measured_by {
            let expected = match self.kind {
                QuestionType::YesNo => EvidenceKind::Flag,
                QuestionType::Number => EvidenceKind::Number,
                _ => return Err("only yes-no and number questions can be measured".into()),
            };
            match evidence_kind(key) {
                None => return Err(format!("unknown evidence key `{key}`")),
                Some(kind) if kind != expected => {
                    return Err(format!(
                        "evidence `{key}` does not fit a {} question",
                        self.kind.as_str()
                    ));
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    pub fn option(&self, id: &str) -> Option<&ChoiceOption> {
        self.options.iter().find(|o| o.id == id)
    }

    pub fn yes_no_points(&self) -> YesNoPoints {
        self.points.unwrap_or(YesNoPoints { yes: 1.0, no: 0.0 })
    }

    /// Text of the question in a language.
    pub fn text(&self, lang: Lang) -> &str {
        self.text.get(lang)
    }
}

fn is_anchor(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Link to a handbook page: `{base}/{lang}/{page}.html`.
pub fn handbook_page_link(base: &str, lang: Lang, page: &str) -> String {
    format!("{}/{}/{page}.html", base.trim_end_matches('/'), lang.code())
}

/// Link to a place in a handbook page: `{base}/{lang}/{page}.html#{anchor}`.
pub fn handbook_link(base: &str, lang: Lang, page: &str, anchor: &str) -> String {
    format!("{}#{anchor}", handbook_page_link(base, lang, page))
}

#[cfg(not(target_arch = "wasm32"))]
fn builtin_from_yaml(_: serde_json::Error) -> Result<Model, ModelError> {
    Model::from_yaml(BUILTIN_MODEL)
}

#[cfg(target_arch = "wasm32")]
fn builtin_from_yaml(e: serde_json::Error) -> Result<Model, ModelError> {
    Err(ModelError::Inconsistent(format!("built-in model: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_time_model_equals_the_yaml() {
        let compiled: Model = serde_json::from_str(BUILTIN_MODEL_JSON).expect("build.rs read it");
        let yaml = Model::from_yaml(BUILTIN_MODEL).expect("valid");
        assert_eq!(format!("{compiled:?}"), format!("{yaml:?}"));
    }
}
