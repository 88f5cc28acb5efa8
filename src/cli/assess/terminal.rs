//! The questionnaire in a real terminal, with `dialoguer`: arrow keys,
//! defaults, Esc to skip.

use super::questionnaire::{Prompt, Prompter, parse_number};
use crate::locale::Lang;
use dialoguer::console::{Term, style};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Input, MultiSelect, Select};
use std::io;

pub struct TerminalPrompter {
    term: Term,
    theme: ColorfulTheme,
    lang: Lang,
}

impl TerminalPrompter {
    pub fn new(lang: Lang) -> TerminalPrompter {
        TerminalPrompter {
            term: Term::stderr(),
            theme: ColorfulTheme::default(),
            lang,
        }
    }

    fn show_help(&self, prompt: &Prompt) -> io::Result<()> {
        if let Some(help) = &prompt.help {
            self.term.write_line(&format!("  {}", style(help).dim()))?;
        }
        Ok(())
    }

    fn tr(&self, fr: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

/// dialoguer wraps I/O errors; the questionnaire only needs them back.
fn io_error(err: dialoguer::Error) -> io::Error {
    match err {
        dialoguer::Error::IO(e) => e,
    }
}

impl Prompter for TerminalPrompter {
    fn say(&mut self, text: &str) -> io::Result<()> {
        self.term.write_line(&style(text).bold().to_string())
    }

    fn select(
        &mut self,
        prompt: &Prompt,
        items: &[String],
        default: usize,
    ) -> io::Result<Option<usize>> {
        self.show_help(prompt)?;
        Select::with_theme(&self.theme)
            .with_prompt(&prompt.text)
            .items(items)
            .default(default)
            .interact_on_opt(&self.term)
            .map_err(io_error)
    }

    fn multi_select(
        &mut self,
        prompt: &Prompt,
        items: &[String],
        checked: &[bool],
    ) -> io::Result<Option<Vec<usize>>> {
        self.show_help(prompt)?;
        self.term.write_line(&format!(
            "  {}",
            style(self.tr(
                "Espace pour cocher, Entrée pour valider, Échap pour passer.",
                "Space to tick, Enter to confirm, Esc to skip."
            ))
            .dim()
        ))?;
        MultiSelect::with_theme(&self.theme)
            .with_prompt(&prompt.text)
            .items(items)
            .defaults(checked)
            .interact_on_opt(&self.term)
            .map_err(io_error)
    }

    fn number(
        &mut self,
        prompt: &Prompt,
        initial: Option<f64>,
        max: Option<f64>,
    ) -> io::Result<Option<f64>> {
        self.show_help(prompt)?;
        let lang = self.lang;
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(format!(
                "{} {}",
                prompt.text,
                self.tr("(vide pour passer)", "(empty to skip)")
            ))
            .allow_empty(true)
            .validate_with(move |s: &String| parse_number(s, max, lang).map(|_| ()));
        if let Some(n) = initial {
            let text = crate::assess::answers::format_number(n);
            input = input.with_initial_text(if lang == Lang::Fr {
                text.replace('.', ",")
            } else {
                text
            });
        }
        let typed = input.interact_text_on(&self.term).map_err(io_error)?;
        // Validated above: cannot fail here.
        Ok(parse_number(&typed, max, lang).unwrap_or(None))
    }

    fn text(&mut self, prompt: &Prompt, initial: Option<&str>) -> io::Result<Option<String>> {
        self.show_help(prompt)?;
        let mut input = Input::<String>::with_theme(&self.theme)
            .with_prompt(&prompt.text)
            .allow_empty(true);
        if let Some(text) = initial {
            input = input.with_initial_text(text);
        }
        let typed = input.interact_text_on(&self.term).map_err(io_error)?;
        Ok(Some(typed).filter(|t| !t.trim().is_empty()))
    }

    fn confirm(&mut self, prompt: &Prompt, default: bool) -> io::Result<bool> {
        // A list rather than dialoguer's Confirm, which only knows y/n keys.
        let items = [
            self.tr("Oui", "Yes").to_string(),
            self.tr("Non", "No").to_string(),
        ];
        let picked = self.select(prompt, &items, if default { 0 } else { 1 })?;
        Ok(picked.map_or(default, |i| i == 0))
    }
}
