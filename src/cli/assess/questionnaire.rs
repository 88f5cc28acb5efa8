//! The questionnaire: asks the model's questions through a [`Prompter`] and
//! hands every new answer to a callback (which saves the file), so an
//! interrupted session keeps what was answered.
//!
//! The prompting is behind a trait: the terminal uses `dialoguer`
//! ([`super::terminal::TerminalPrompter`]); tests drive the questionnaire with
//! scripted replies.

use crate::assess::answers::{Answer, AnswerValue, Answers, Source};
use crate::assess::evidence::Evidence;
use crate::assess::model::{Model, Question, QuestionType};
use crate::assess::score::display_value;
use crate::locale::Lang;
use std::io;

/// What a prompt shows besides its list or input.
#[derive(Clone, Debug, PartialEq)]
pub struct Prompt {
    /// "[3/52] Question text"
    pub text: String,
    /// A line of explanation, shown before the question.
    pub help: Option<String>,
}

/// The few kinds of prompt the questionnaire needs. Every method returns
/// `Ok(None)` when the user skips the question.
pub trait Prompter {
    /// Shows a section title or an information line.
    fn say(&mut self, text: &str) -> io::Result<()>;
    /// Picks one item with the arrow keys; `default` is where the cursor starts.
    fn select(
        &mut self,
        prompt: &Prompt,
        items: &[String],
        default: usize,
    ) -> io::Result<Option<usize>>;
    /// Ticks any number of items; `checked` gives the ticks at the start.
    fn multi_select(
        &mut self,
        prompt: &Prompt,
        items: &[String],
        checked: &[bool],
    ) -> io::Result<Option<Vec<usize>>>;
    /// Reads a number from 0 to `max`; `initial` is pre-filled. Empty input
    /// skips. The implementation re-asks until [`parse_number`] accepts.
    fn number(
        &mut self,
        prompt: &Prompt,
        initial: Option<f64>,
        max: Option<f64>,
    ) -> io::Result<Option<f64>>;
    /// Reads a line of text; `initial` is pre-filled. Empty input skips.
    fn text(&mut self, prompt: &Prompt, initial: Option<&str>) -> io::Result<Option<String>>;
    /// A yes/no confirmation with a default.
    fn confirm(&mut self, prompt: &Prompt, default: bool) -> io::Result<bool>;
}

/// Texts of the questionnaire's own prompts.
fn tr(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// Reads a number typed by a person: "4", "4.5" or "4,5" (French decimal
/// comma), from 0 to `max`. `Ok(None)` for an empty input (skip).
pub fn parse_number(input: &str, max: Option<f64>, lang: Lang) -> Result<Option<f64>, String> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let normalised: String = trimmed
        .replace(',', ".")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let value: f64 = normalised.parse().map_err(|_| {
        match lang {
            Lang::Fr => format!("« {trimmed} » n’est pas un nombre : tapez par exemple 4 ou 2,5 (laissez vide pour passer)."),
            Lang::En => format!("`{trimmed}` is not a number: type for example 4 or 2.5 (leave empty to skip)."),
        }
    })?;
    let too_big = max.is_some_and(|m| value > m);
    if !value.is_finite() || value < 0.0 || too_big {
        let max = max.map(crate::assess::answers::format_number);
        return Err(match (lang, max) {
            (Lang::Fr, Some(m)) => format!("Tapez un nombre entre 0 et {m}."),
            (Lang::Fr, None) => "Tapez un nombre positif.".into(),
            (Lang::En, Some(m)) => format!("Type a number from 0 to {m}."),
            (Lang::En, None) => "Type a positive number.".into(),
        });
    }
    Ok(Some(value))
}

/// Which questions to ask when answers already exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resume {
    /// Ask every question, previous answers as defaults.
    All,
    /// Ask only the questions not yet answered or skipped.
    Unanswered,
}

/// Asks the questions and returns the answers. `save` is called after each
/// answer with all the answers so far; an error from `save` or from the
/// prompter stops the questionnaire (the answers given so far are saved).
///
/// Questions answered by `evidence` are not asked: the measurement is shown.
pub fn run(
    model: &Model,
    prompter: &mut dyn Prompter,
    lang: Lang,
    mut answers: Answers,
    resume: Resume,
    evidence: &Evidence,
    save: &mut dyn FnMut(&Answers) -> io::Result<()>,
) -> io::Result<Answers> {
    if answers.account.is_none() || resume == Resume::All {
        let prompt = Prompt {
            text: tr(
                lang,
                "Nom de la collectivité (facultatif)",
                "Name of the local government (optional)",
            )
            .into(),
            help: None,
        };
        let name = prompter.text(&prompt, answers.account.as_deref())?;
        answers.account = name.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        save(&answers)?;
    }
    let total = model.questions().count();
    let mut position = 0;
    for section in &model.sections {
        prompter.say(&format!("\n== {} ==", section.title.get(lang)))?;
        for question in &section.questions {
            position += 1;
            if let Some(key) = &question.measured_by
                && let Some(measured) = evidence.get(key)
            {
                let value = match measured {
                    crate::assess::evidence::Measured::Flag(b) => AnswerValue::Bool(b),
                    crate::assess::evidence::Measured::Number(n) => AnswerValue::Number(n),
                };
                prompter.say(&format!(
                    "[{position}/{total}] {} {} {}",
                    question.text(lang),
                    tr(lang, "→ mesuré\u{a0}:", "→ measured:"),
                    display_value(question, &value, lang)
                ))?;
                continue;
            }
            let previous = answers.get(&question.id).cloned();
            if resume == Resume::Unanswered && previous.is_some() {
                continue;
            }
            let prompt = Prompt {
                text: format!("[{position}/{total}] {}", question.text(lang)),
                help: question.help.as_ref().map(|h| h.get(lang).to_string()),
            };
            let value = ask(prompter, question, &prompt, previous.as_ref(), lang)?;
            answers.set(
                &question.id,
                Answer {
                    value,
                    source: Source::Declared,
                    evidence: None,
                    declared: None,
                },
            );
            save(&answers)?;
        }
    }
    Ok(answers)
}

/// Asks one question, starting on the previous answer if there is one (a
/// question skipped before starts on "skip"). `Ok(None)`: skipped.
fn ask(
    prompter: &mut dyn Prompter,
    question: &Question,
    prompt: &Prompt,
    previous: Option<&Answer>,
    lang: Lang,
) -> io::Result<Option<AnswerValue>> {
    let was_skipped = previous.is_some_and(|a| a.value.is_none());
    let previous = previous.and_then(|a| a.value.as_ref());
    let skip = tr(lang, "Passer cette question", "Skip this question").to_string();
    match question.kind {
        QuestionType::YesNo => {
            let items = vec![
                tr(lang, "Oui", "Yes").to_string(),
                tr(lang, "Non", "No").to_string(),
                skip,
            ];
            let default = match previous {
                _ if was_skipped => 2,
                Some(AnswerValue::Bool(false)) => 1,
                _ => 0,
            };
            Ok(match prompter.select(prompt, &items, default)? {
                Some(0) => Some(AnswerValue::Bool(true)),
                Some(1) => Some(AnswerValue::Bool(false)),
                _ => None,
            })
        }
        QuestionType::Choice => {
            let mut items: Vec<String> = question
                .options
                .iter()
                .map(|o| o.label.get(lang).to_string())
                .collect();
            items.push(skip);
            let default = match previous {
                Some(AnswerValue::Choice(id)) => question
                    .options
                    .iter()
                    .position(|o| &o.id == id)
                    .unwrap_or(0),
                _ => 0,
            };
            Ok(match prompter.select(prompt, &items, default)? {
                Some(i) if i < question.options.len() => {
                    Some(AnswerValue::Choice(question.options[i].id.clone()))
                }
                _ => None,
            })
        }
        QuestionType::MultiChoice => {
            let items: Vec<String> = question
                .options
                .iter()
                .map(|o| o.label.get(lang).to_string())
                .collect();
            let checked: Vec<bool> = question
                .options
                .iter()
                .map(|o| matches!(previous, Some(AnswerValue::Choices(ids)) if ids.contains(&o.id)))
                .collect();
            Ok(prompter
                .multi_select(prompt, &items, &checked)?
                .map(|picked| {
                    AnswerValue::Choices(
                        picked
                            .into_iter()
                            .filter_map(|i| question.options.get(i))
                            .map(|o| o.id.clone())
                            .collect(),
                    )
                }))
        }
        QuestionType::Number => {
            let initial = match previous {
                Some(AnswerValue::Number(n)) => Some(*n),
                _ => None,
            };
            let prompt = Prompt {
                text: match &question.unit {
                    Some(unit) => format!("{} ({})", prompt.text, unit.get(lang)),
                    None => prompt.text.clone(),
                },
                help: prompt.help.clone(),
            };
            Ok(prompter
                .number(&prompt, initial, question.max)?
                .map(AnswerValue::Number))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_accept_the_french_decimal_comma() {
        assert_eq!(parse_number("2,5", None, Lang::Fr), Ok(Some(2.5)));
        assert_eq!(parse_number(" 4 ", Some(12.0), Lang::Fr), Ok(Some(4.0)));
        assert_eq!(parse_number("", Some(12.0), Lang::Fr), Ok(None));
    }

    #[test]
    fn numbers_out_of_range_or_not_numbers_are_refused() {
        assert!(
            parse_number("13", Some(12.0), Lang::Fr)
                .unwrap_err()
                .contains("entre 0 et 12")
        );
        assert!(parse_number("-1", None, Lang::En).is_err());
        assert!(
            parse_number("beaucoup", None, Lang::Fr)
                .unwrap_err()
                .contains("n’est pas un nombre")
        );
    }
}
