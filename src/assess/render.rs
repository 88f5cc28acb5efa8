//! Text renderings of a [`Report`]: for the terminal, JSON and Markdown.
//! The HTML page is in `html.rs`.

use super::score::{Report, SectionReport};
use crate::locale::Lang;

/// Output formats of `twitterritorial assess`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Human,
    Json,
    Markdown,
    Html,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "human" => Ok(Format::Human),
            "json" => Ok(Format::Json),
            "markdown" | "md" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            other => Err(format!(
                "unknown format `{other}` (expected human, json, markdown or html)"
            )),
        }
    }
}

/// Renders a report in a format.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Human => human(report),
        Format::Json => json(report),
        Format::Markdown => markdown(report),
        Format::Html => super::html::html(report),
    }
}

/// Picks the text of the report's language.
pub(crate) fn tr(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// A gain as "+4,2 points" (French decimal comma) or "+4.2 points".
pub(crate) fn format_gain(gain: f64, lang: Lang) -> String {
    let text = format!("+{gain:.1}");
    let text = if lang == Lang::Fr {
        text.replace('.', ",")
    } else {
        text
    };
    format!("{text} {}", tr(lang, "points", "points"))
}

/// "62/100, En bonne voie", or "non évalué".
pub(crate) fn section_score_text(section: &SectionReport, lang: Lang) -> String {
    match &section.score {
        Some(s) => format!("{}/100, {}", s.score, s.level.name),
        None => tr(
            lang,
            "non évalué (aucune question ne s’applique)",
            "not assessed (no question applies)",
        )
        .into(),
    }
}

pub(crate) fn title(report: &Report) -> String {
    let base = tr(
        report.lang,
        "Auto-évaluation du compte",
        "Account self-assessment",
    );
    match &report.account {
        Some(name) => format!("{base} — {name}"),
        None => base.to_string(),
    }
}

/// French wants a no-break space before a colon.
pub(crate) fn colon(lang: Lang) -> &'static str {
    tr(lang, "\u{a0}:", ":")
}

pub(crate) fn source_label(source: &str, lang: Lang) -> &'static str {
    match source {
        "measured" => tr(lang, "mesurée", "measured"),
        "declared" => tr(lang, "déclarée", "declared"),
        _ => tr(lang, "sans réponse", "no answer"),
    }
}

pub(crate) fn current_step_text(report: &Report) -> String {
    let lang = report.lang;
    let step = report
        .current_step
        .and_then(|n| report.sections.iter().find(|s| s.step == Some(n)));
    match step {
        Some(section) => format!(
            "{} — {}.",
            tr(lang, "À travailler en priorité", "To work on first"),
            section.title
        ),
        None => tr(
            lang,
            "Les quatre étapes sont acquises.",
            "All four steps are done.",
        )
        .to_string(),
    }
}

pub(crate) fn counts_text(report: &Report) -> String {
    let c = &report.counts;
    match report.lang {
        Lang::Fr => format!(
            "{} réponses sur {} questions ({} mesurées, {} passées).",
            c.answered, c.questions, c.measured, c.skipped
        ),
        Lang::En => format!(
            "{} answers to {} questions ({} measured, {} skipped).",
            c.answered, c.questions, c.measured, c.skipped
        ),
    }
}

fn bar(score: Option<u8>) -> String {
    const WIDTH: usize = 20;
    let filled = score.map_or(0, |s| (usize::from(s) * WIDTH + 50) / 100);
    format!("{}{}", "█".repeat(filled), "░".repeat(WIDTH - filled))
}

/// The terminal report.
pub fn human(report: &Report) -> String {
    let lang = report.lang;
    let c = colon(lang);
    let mut out = String::new();
    out.push_str(&title(report));
    out.push_str("\n\n");
    out.push_str(&format!(
        "{}{c} {}/100, {}\n  {}\n{}\n\n",
        tr(lang, "Niveau général", "Overall level"),
        report.overall.score,
        report.overall.level.name,
        report.overall.level.description,
        current_step_text(report)
    ));
    out.push_str(&format!("{}\n", tr(lang, "Scores", "Scores")));
    let width = report
        .sections
        .iter()
        .map(|s| s.title.chars().count())
        .max()
        .unwrap_or(0);
    for section in &report.sections {
        let pad = width - section.title.chars().count();
        let score = section.score.as_ref().map(|s| s.score);
        let label = match &section.score {
            Some(s) => format!("{:>3}  {}", s.score, s.level.name),
            None => tr(lang, "  —  non évalué", "  —  not assessed").to_string(),
        };
        out.push_str(&format!(
            "  {}{}  {}  {label}\n",
            section.title,
            " ".repeat(pad),
            bar(score)
        ));
    }
    out.push('\n');
    if report.actions.is_empty() {
        out.push_str(tr(
            lang,
            "Aucune action à proposer : bravo.\n",
            "No action to suggest: well done.\n",
        ));
    } else {
        out.push_str(&format!(
            "{}\n",
            tr(
                lang,
                "Les actions qui feraient le plus progresser le score",
                "The actions that would raise the score most"
            )
        ));
        for (i, action) in report.actions.iter().enumerate() {
            out.push_str(&format!(
                "  {}. {} ({})\n     {}\n",
                i + 1,
                action.text,
                format_gain(action.gain, lang),
                action.link
            ));
        }
    }
    let measured: Vec<_> = report
        .answers
        .iter()
        .filter(|a| a.source == "measured")
        .collect();
    if !measured.is_empty() {
        out.push_str(&format!(
            "\n{}\n",
            tr(lang, "Réponses mesurées", "Measured answers")
        ));
        for line in measured {
            let declared = match &line.declared {
                Some(d) if *d != line.answer => format!(
                    " ({} {d})",
                    tr(lang, "vous aviez déclaré", "you had declared")
                ),
                _ => String::new(),
            };
            out.push_str(&format!(
                "  {}{c} {}{declared}\n",
                line.question, line.answer
            ));
        }
    }
    out.push_str(&format!(
        "\n{} {}\n",
        counts_text(report),
        tr(
            lang,
            "Détail des réponses : --format markdown ou html.",
            "Every answer: --format markdown or html."
        )
    ));
    out
}

pub fn json(report: &Report) -> String {
    // A Report is plain data (strings, numbers): serialising cannot fail.
    let mut text =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\":\"{e}\"}}"));
    text.push('\n');
    text
}

/// Escapes text for a Markdown table cell or paragraph.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn markdown(report: &Report) -> String {
    let lang = report.lang;
    let c = colon(lang);
    let mut out = String::new();
    out.push_str(&format!("# {}\n\n", md(&title(report))));
    out.push_str(&format!(
        "**{}{c} {}/100, {}.** {}\n\n{}\n\n",
        tr(lang, "Niveau général", "Overall level"),
        report.overall.score,
        md(&report.overall.level.name),
        md(&report.overall.level.description),
        current_step_text(report)
    ));
    out.push_str(&format!("## {}\n\n", tr(lang, "Scores", "Scores")));
    out.push_str(&format!(
        "| {} | {} | {} | {} |\n|---|---:|---|---:|\n",
        tr(lang, "Partie", "Part"),
        tr(lang, "Score", "Score"),
        tr(lang, "Niveau", "Level"),
        tr(lang, "Réponses", "Answers")
    ));
    for section in &report.sections {
        let (score, level) = match &section.score {
            Some(s) => (format!("{}/100", s.score), md(&s.level.name)),
            None => ("—".into(), tr(lang, "non évalué", "not assessed").into()),
        };
        out.push_str(&format!(
            "| [{}]({}) | {score} | {level} | {}/{} |\n",
            md(&section.title),
            section.link,
            section.answered,
            section.questions
        ));
    }
    out.push_str(&format!(
        "\n## {}\n\n",
        tr(lang, "Actions prioritaires", "Priority actions")
    ));
    if report.actions.is_empty() {
        out.push_str(tr(
            lang,
            "Aucune action à proposer.\n",
            "No action to suggest.\n",
        ));
    }
    for (i, action) in report.actions.iter().enumerate() {
        out.push_str(&format!(
            "{}. {} ({}) — [{}]({})\n",
            i + 1,
            md(&action.text),
            format_gain(action.gain, lang),
            tr(lang, "lire le guide", "read the handbook"),
            action.link
        ));
    }
    out.push_str(&format!(
        "\n## {}\n\n{}\n",
        tr(lang, "Réponses", "Answers"),
        counts_text(report)
    ));
    for section in &report.sections {
        out.push_str(&format!(
            "\n### {}\n\n| {} | {} | {} |\n|---|---|---|\n",
            md(&section.title),
            tr(lang, "Question", "Question"),
            tr(lang, "Réponse", "Answer"),
            tr(lang, "Source", "Source")
        ));
        for line in report.answers.iter().filter(|l| l.section == section.id) {
            let mut source = source_label(line.source, lang).to_string();
            if let Some(declared) = &line.declared
                && *declared != line.answer
            {
                source.push_str(&format!(
                    " ({} {})",
                    tr(lang, "déclarée", "declared"),
                    md(declared)
                ));
            }
            out.push_str(&format!(
                "| {} | {} | {source} |\n",
                md(&line.text),
                md(&line.answer)
            ));
        }
    }
    out
}
