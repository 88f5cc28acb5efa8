//! The HTML report: one self-contained page (styles and chart inline, no
//! script, no outside resource) that a communication officer can hand to an
//! elected official, on screen or printed in black and white.
//!
//! Every text that comes from the model or the answers goes through
//! [`escape`]. The chart is an SVG drawn here: each bar is filled with a
//! pattern proper to its level and carries its score and level name as text,
//! so it reads without colour.

use super::render::{
    colon, counts_text, current_step_text, format_gain, section_score_text, source_label, title, tr,
};
use super::score::Report;

use std::fmt::Write;

/// Escapes text for HTML and SVG (element content and quoted attributes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #111; background: #fff; line-height: 1.5; }
main { max-width: 56rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .75rem; border-bottom: 2px solid #111; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
.overall { font-size: 1.25rem; margin: .25rem 0; }
.overall strong { font-size: 1.5rem; }
figure { margin: 0; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: .9rem; margin-top: .25rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border: 1px solid #555; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
ol.actions { padding-left: 1.5rem; }
ol.actions li { margin: 0 0 .9rem; }
.gain { font-weight: bold; white-space: nowrap; }
.source-measured { font-weight: bold; }
.declared { display: block; font-size: .9rem; }
.help-link { display: block; font-size: .9rem; }
a { color: #0b3d91; }
footer { margin-top: 2rem; font-size: .85rem; border-top: 1px solid #555; padding-top: .5rem; }
@media print {
  main { max-width: none; padding: 0; }
  a { color: #000; text-decoration: underline; }
  .help-link::after { content: " (" attr(href) ")"; word-break: break-all; }
  h2 { break-after: avoid; }
  tr, li, figure { break-inside: avoid; }
}
"#;

/// The whole page.
pub fn html(report: &Report) -> String {
    let lang = report.lang;
    let c = colon(lang);
    let mut out = String::with_capacity(32 * 1024);
    let page_title = escape(&title(report));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{page_title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        lang.code()
    );
    let _ = write!(
        out,
        "<header>\n<h1>{page_title}</h1>\n<p class=\"overall\">{}{c} <strong id=\"overall-score\">{}/100</strong> — \
         <strong id=\"overall-level\">{}</strong></p>\n<p>{}</p>\n<p>{}</p>\n</header>\n",
        tr(lang, "Niveau général", "Overall level"),
        report.overall.score,
        escape(&report.overall.level.name),
        escape(&report.overall.level.description),
        escape(&current_step_text(report)),
    );

    // Scores: the chart, then the same figures as a table (for screen readers
    // and for copying).
    let _ = write!(
        out,
        "<section id=\"scores\">\n<h2>{}</h2>\n<figure>\n{}<figcaption>{}</figcaption>\n</figure>\n",
        tr(
            lang,
            "Scores par étape et par pratique",
            "Scores per step and practice"
        ),
        chart(report),
        tr(
            lang,
            "Chaque barre porte son score et son niveau ; le motif de remplissage indique aussi le niveau.",
            "Each bar carries its score and level; the fill pattern also shows the level."
        ),
    );
    let _ = write!(
        out,
        "<table class=\"scores\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        tr(lang, "Partie", "Part"),
        tr(lang, "Score et niveau", "Score and level"),
        tr(lang, "Réponses", "Answers"),
    );
    for section in &report.sections {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\"><a href=\"{}\">{}</a></th><td>{}</td><td class=\"num\">{}/{}</td></tr>",
            escape(&section.link),
            escape(&section.title),
            escape(&section_score_text(section, lang)),
            section.answered,
            section.questions
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");

    // The actions.
    let _ = write!(
        out,
        "<section id=\"actions\">\n<h2>{}</h2>\n",
        tr(
            lang,
            "Les actions qui feraient le plus progresser le score",
            "The actions that would raise the score most"
        )
    );
    if report.actions.is_empty() {
        let _ = writeln!(
            out,
            "<p>{}</p>",
            tr(
                lang,
                "Aucune action à proposer : bravo.",
                "No action to suggest: well done."
            )
        );
    } else {
        out.push_str("<ol class=\"actions\">\n");
        for action in &report.actions {
            let _ = writeln!(
                out,
                "<li class=\"action\" data-action=\"{}\">{} <span class=\"gain\">({})</span>\
                 <a class=\"help-link\" href=\"{}\">{}</a></li>",
                escape(&action.id),
                escape(&action.text),
                escape(&format_gain(action.gain, lang)),
                escape(&action.link),
                tr(lang, "Lire le guide", "Read the handbook"),
            );
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");

    // Every answer, by section.
    let _ = write!(
        out,
        "<section id=\"answers\">\n<h2>{}</h2>\n<p>{}</p>\n",
        tr(lang, "Les réponses", "The answers"),
        escape(&counts_text(report))
    );
    for section in &report.sections {
        let _ = write!(
            out,
            "<h3>{}</h3>\n<table class=\"answers\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
             <th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
            escape(&section.title),
            tr(lang, "Question", "Question"),
            tr(lang, "Réponse", "Answer"),
            tr(lang, "Source", "Source"),
        );
        for line in report.answers.iter().filter(|l| l.section == section.id) {
            let declared = match &line.declared {
                Some(d) if *d != line.answer => format!(
                    "<span class=\"declared\">{}{c} {}</span>",
                    tr(lang, "réponse déclarée", "declared answer"),
                    escape(d)
                ),
                _ => String::new(),
            };
            let _ = writeln!(
                out,
                "<tr data-question=\"{}\"><td>{}</td><td>{}</td><td class=\"source-{}\">{}{declared}</td></tr>",
                escape(&line.question),
                escape(&line.text),
                escape(&line.answer),
                line.source,
                source_label(line.source, lang),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
    let _ = write!(
        out,
        "<footer>{} twitterritorial {}, {} {}.</footer>\n</main>\n</body>\n</html>\n",
        tr(lang, "Rapport produit par", "Report made by"),
        escape(report.version),
        tr(
            lang,
            "modèle d’évaluation version",
            "assessment model version"
        ),
        report.model_version
    );
    out
}

/// Geometry of the chart, in SVG user units.
const WIDTH: f64 = 820.0;
const LABEL_X: f64 = 8.0;
const BAR_X: f64 = 280.0;
const BAR_W: f64 = 360.0;
const ROW_H: f64 = 34.0;
const BAR_H: f64 = 20.0;
const TOP: f64 = 34.0;
const LEGEND_LINE: f64 = 24.0;

/// Lines the legend takes (same estimate as when drawing it).
fn legend_lines(levels: &[super::score::LevelInfo]) -> usize {
    let mut lines = 1;
    let mut x = LABEL_X;
    for level in levels {
        let width =
            28.0 + 7.0 * format!("{} (≥ {})", level.name, level.min).chars().count() as f64 + 20.0;
        if x + width > WIDTH && x > LABEL_X {
            lines += 1;
            x = LABEL_X;
        }
        x += width;
    }
    lines
}

/// Fill patterns, one per level (lowest first): sparse dots, wide hatching,
/// dense hatching, cross-hatching, solid. They stay distinct in black and
/// white and on a monochrome printer.
fn pattern_defs(count: usize) -> String {
    let ink = "#1b2f5b";
    let shapes = [
        format!("<circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"{ink}\"/>"),
        format!("<path d=\"M0,8 L8,0\" stroke=\"{ink}\" stroke-width=\"1.4\"/>"),
        format!(
            "<path d=\"M0,4 L4,0 M-1,1 L1,-1 M3,5 L5,3\" stroke=\"{ink}\" stroke-width=\"1.4\"/>"
        ),
        format!("<path d=\"M0,3 L6,3 M3,0 L3,6\" stroke=\"{ink}\" stroke-width=\"1.6\"/>"),
        format!("<rect width=\"6\" height=\"6\" fill=\"{ink}\"/>"),
    ];
    let sizes = [6, 8, 4, 6, 6];
    let mut out = String::from("<defs>");
    for i in 0..count {
        let k = i.min(shapes.len() - 1);
        let size = sizes[k];
        let _ = write!(
            out,
            "<pattern id=\"tt-level-{i}\" width=\"{size}\" height=\"{size}\" patternUnits=\"userSpaceOnUse\">\
             <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>{}</pattern>",
            shapes[k]
        );
    }
    out.push_str("</defs>");
    out
}

/// The SVG bar chart of the overall score and each section's score.
pub fn chart(report: &Report) -> String {
    let lang = report.lang;
    let levels = &report.levels;
    let level_index = |id: &str| levels.iter().position(|l| l.id == id).unwrap_or(0);
    let rows = 1 + report.sections.len();
    let legend_y = TOP + ROW_H * rows as f64 + 24.0;
    let height = legend_y + LEGEND_LINE * (legend_lines(levels) - 1) as f64 + 12.0;
    let x_of = |score: f64| BAR_X + BAR_W * score / 100.0;

    let mut desc = format!(
        "{}{} {}/100, {}.",
        tr(lang, "Niveau général", "Overall level"),
        colon(lang),
        report.overall.score,
        report.overall.level.name
    );
    for s in &report.sections {
        let _ = write!(
            desc,
            " {}{} {}.",
            s.title,
            colon(lang),
            section_score_text(s, lang)
        );
    }

    let mut svg = String::with_capacity(8 * 1024);
    let _ = write!(
        svg,
        "<svg id=\"score-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" \
         role=\"img\" aria-labelledby=\"chart-title chart-desc\" font-family=\"system-ui, Arial, sans-serif\" font-size=\"13\">\
         <title id=\"chart-title\">{}</title><desc id=\"chart-desc\">{}</desc>{}",
        tr(
            lang,
            "Scores de l’auto-évaluation, sur 100",
            "Self-assessment scores, out of 100"
        ),
        escape(&desc),
        pattern_defs(levels.len()),
    );
    svg.push_str("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");

    // Level thresholds: dashed lines with their score on top.
    let mut ticks: Vec<f64> = levels.iter().map(|l| l.min).collect();
    ticks.push(100.0);
    for t in ticks {
        let x = x_of(t);
        let _ = write!(
            svg,
            "<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{}\" stroke=\"#777\" stroke-dasharray=\"3 3\"/>\
             <text x=\"{x:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>",
            TOP - 6.0,
            TOP + ROW_H * rows as f64,
            TOP - 10.0,
            t
        );
    }

    let row = |svg: &mut String,
               index: usize,
               label: &str,
               score: Option<(u8, &str, &str)>,
               strong: bool| {
        let y = TOP + ROW_H * index as f64 + (ROW_H - BAR_H) / 2.0;
        let weight = if strong { "bold" } else { "normal" };
        let _ = write!(
            svg,
            "<g class=\"bar\"><text x=\"{LABEL_X}\" y=\"{:.1}\" font-weight=\"{weight}\">{}</text>\
             <rect x=\"{BAR_X}\" y=\"{y:.1}\" width=\"{BAR_W}\" height=\"{BAR_H}\" fill=\"none\" stroke=\"#999\"/>",
            y + BAR_H * 0.72,
            escape(label)
        );
        match score {
            Some((value, level_id, level_name)) => {
                let w = BAR_W * f64::from(value) / 100.0;
                let _ = write!(
                    svg,
                    "<rect x=\"{BAR_X}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{BAR_H}\" fill=\"url(#tt-level-{})\" \
                     stroke=\"#000\" stroke-width=\"{}\"/>\
                     <text x=\"{:.1}\" y=\"{:.1}\" font-weight=\"{weight}\">{value} · {}</text></g>",
                    level_index(level_id),
                    if strong { 2 } else { 1 },
                    x_of(100.0) + 8.0,
                    y + BAR_H * 0.72,
                    escape(level_name)
                );
            }
            None => {
                let _ = write!(
                    svg,
                    "<text x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
                    x_of(100.0) + 8.0,
                    y + BAR_H * 0.72,
                    tr(lang, "non évalué", "not assessed")
                );
            }
        }
    };
    let overall = &report.overall;
    row(
        &mut svg,
        0,
        tr(lang, "Niveau général", "Overall level"),
        Some((overall.score, &overall.level.id, &overall.level.name)),
        true,
    );
    for (i, section) in report.sections.iter().enumerate() {
        let score = section
            .score
            .as_ref()
            .map(|s| (s.score, s.level.id.as_str(), s.level.name.as_str()));
        row(&mut svg, i + 1, &section.title, score, false);
    }
    // A line under the overall row sets it apart from the sections.
    let _ = write!(
        svg,
        "<line x1=\"{LABEL_X}\" y1=\"{TOP_SEP:.1}\" x2=\"{:.1}\" y2=\"{TOP_SEP:.1}\" stroke=\"#000\"/>",
        WIDTH - 8.0,
        TOP_SEP = TOP + ROW_H
    );

    // Legend: one swatch per level, with its name and lowest score. Text
    // widths are estimated (7 units a character at this size) to wrap lines.
    let mut x = LABEL_X;
    let mut y = legend_y;
    for (i, level) in levels.iter().enumerate() {
        let label = format!("{} (≥ {})", level.name, level.min);
        let width = 28.0 + 7.0 * label.chars().count() as f64 + 20.0;
        if x + width > WIDTH && x > LABEL_X {
            x = LABEL_X;
            y += LEGEND_LINE;
        }
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"22\" height=\"14\" fill=\"url(#tt-level-{i})\" stroke=\"#000\"/>\
             <text x=\"{:.1}\" y=\"{y:.1}\">{}</text>",
            y - 11.0,
            x + 28.0,
            escape(&label)
        );
        x += width;
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Lang;

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape("<script>a & \"b\" 'c'</script>"),
            "&lt;script&gt;a &amp; &quot;b&quot; &#39;c&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn colon_is_french_in_french() {
        assert_eq!(colon(Lang::Fr), "\u{a0}:");
        assert_eq!(colon(Lang::En), ":");
    }
}
