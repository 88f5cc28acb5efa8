//! The audit as one self-contained HTML page: no script, no font, no image
//! or style sheet from elsewhere; charts are inline SVG; every text that
//! comes from the archive or the settings is escaped. It prints on A4 in
//! black and white (series differ by pattern, tables follow each chart).

use super::advice::Advice;
use super::clock::Month;
use super::measures::AuditReport;
use super::svg::{self, Band, Fill, Series, escape};
use super::words::{self, count, percent, posts, tr, typography};
use crate::locale::{Lang, fill};
use std::fmt::Write;

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:62rem;margin:2rem auto;padding:0 1rem;color:#111;line-height:1.5}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.25rem;margin-top:2.2rem;border-bottom:2px solid #111}
.sub{color:#444;margin-top:0}
ol.advice li{margin-bottom:.8rem}ol.advice a{font-size:.9rem}
dl.figures{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.figures dt{font-weight:600}dl.figures dd{margin:0}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #999;padding:.2rem .5rem;text-align:right}th:first-child,td:first-child{text-align:left}
figure{margin:1rem 0}figcaption{font-weight:600}
blockquote{margin:.3rem 0 .3rem 1rem;padding-left:.6rem;border-left:3px solid #111}
.warn{border:2px solid #111;padding:.5rem 1rem}
@media print{body{margin:0;max-width:none}details{display:block}details>summary{display:none}h2{break-after:avoid}figure,table{break-inside:avoid}a{color:#000}}
";

struct Page<'a> {
    out: String,
    lang: Lang,
    report: &'a AuditReport,
}

impl Page<'_> {
    /// Writes a localized, escaped paragraph-like text (no tags in it).
    fn text(&mut self, fr: &str, en: &str, values: &[(&str, String)]) -> String {
        let template = match self.lang {
            Lang::Fr => typography(fr),
            Lang::En => en.to_string(),
        };
        escape(&fill(&template, values))
    }

    fn h2(&mut self, fr: &str, en: &str) {
        let _ = writeln!(self.out, "<h2>{}</h2>", escape(tr(self.lang, fr, en)));
    }

    fn p(&mut self, fr: &str, en: &str, values: &[(&str, String)]) {
        let text = self.text(fr, en, values);
        let _ = writeln!(self.out, "<p>{text}</p>");
    }

    fn figure_row(&mut self, term: &str, value: String) {
        let _ = writeln!(
            self.out,
            "<dt>{}</dt><dd>{}</dd>",
            escape(term),
            escape(&value)
        );
    }
}

pub fn render(report: &AuditReport, advice: &[Advice], lang: Lang) -> String {
    let mut page = Page {
        out: String::with_capacity(64 * 1024),
        lang,
        report,
    };
    let t = &report.totals;
    let who = match (&report.account.handle, &report.account.display_name) {
        (Some(handle), Some(name)) => format!("{name} (@{handle})"),
        (Some(handle), None) => format!("@{handle}"),
        (None, Some(name)) => name.clone(),
        (None, None) => tr(lang, "compte non identifié", "unidentified account").to_string(),
    };
    let title = format!(
        "{} — {who}",
        tr(lang, "Audit de l’historique", "History audit")
    );
    let _ = write!(
        page.out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"twitterritorial {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        lang.code(),
        env!("CARGO_PKG_VERSION"),
        escape(&title),
        escape(&title)
    );
    let (Some(first), Some(last)) = (report.first_post, report.last_post) else {
        page.p(
            "Aucune publication dans cette archive.",
            "No post in this archive.",
            &[],
        );
        problems(&mut page);
        page.out.push_str("</body>\n</html>\n");
        return page.out;
    };
    let sub = page.text(
        "{posts}, du {first} au {last}. Fichiers lus : {files}.",
        "{posts}, from {first} to {last}. Files read: {files}.",
        &[
            ("posts", posts(t.posts, lang)),
            ("first", words::date(first, lang)),
            ("last", words::date(last, lang)),
            ("files", report.files.join(", ")),
        ],
    );
    let _ = writeln!(page.out, "<p class=\"sub\">{sub}</p>");
    if report.problems.skipped > 0 {
        let warn = page.text(
            "Attention : publications illisibles, laissées de côté : {skipped} (voir « Données illisibles »).",
            "Warning: posts that could not be read, left out: {skipped} (see “Unreadable data”).",
            &[("skipped", count(report.problems.skipped, lang))],
        );
        let _ = writeln!(page.out, "<p class=\"warn\">{warn}</p>");
    }

    page.h2("À changer en priorité", "What to change first");
    if advice.is_empty() {
        page.p(
            "Rien d’urgent : continuez ainsi.",
            "Nothing urgent: keep it up.",
            &[],
        );
    } else {
        page.out.push_str("<ol class=\"advice\">\n");
        for item in advice {
            let _ = writeln!(
                page.out,
                "<li>{} <a href=\"{}\">{}</a></li>",
                escape(&item.message),
                escape(&item.help),
                escape(tr(lang, "Ce que dit le guide", "What the handbook says"))
            );
        }
        page.out.push_str("</ol>\n");
    }

    page.h2("Les chiffres", "Key figures");
    page.out.push_str("<dl class=\"figures\">\n");
    let r = &report.regularity;
    page.figure_row(
        tr(lang, "Publications par semaine", "Posts per week"),
        words::decimal(r.posts_per_week, lang),
    );
    page.figure_row(
        tr(
            lang,
            "Semaines avec au moins une publication",
            "Weeks with at least one post",
        ),
        format!(
            "{} / {}",
            count(r.active_weeks, lang),
            count(r.calendar_weeks, lang)
        ),
    );
    if let Some(s) = &r.longest_silence {
        page.figure_row(
            tr(lang, "Plus long silence", "Longest silence"),
            format!(
                "{} ({} – {})",
                words::days(s.days, lang),
                words::date(s.from, lang),
                words::date(s.to, lang)
            ),
        );
    }
    page.figure_row(
        tr(
            lang,
            "Diffusion (annonces, fils)",
            "Broadcast (announcements, threads)",
        ),
        percent(t.broadcast(), t.posts, lang),
    );
    page.figure_row(
        tr(
            lang,
            "Dialogue (réponses, citations, partages)",
            "Dialogue (replies, quotes, reposts)",
        ),
        percent(t.dialogue(), t.posts, lang),
    );
    page.figure_row(
        tr(
            lang,
            "Réponses à d’autres comptes",
            "Replies to other accounts",
        ),
        count(t.replies, lang),
    );
    page.figure_row(
        tr(
            lang,
            "Comptes différents mentionnés",
            "Different accounts mentioned",
        ),
        count(report.dialogue.distinct_accounts_mentioned, lang),
    );
    page.figure_row(
        tr(lang, "Questions posées", "Questions asked"),
        count(t.questions, lang),
    );
    if report.dialogue.polls_known {
        page.figure_row(tr(lang, "Sondages", "Polls"), count(t.polls, lang));
    }
    page.figure_row(
        tr(
            lang,
            "Publiées par un outil automatique",
            "Sent by an automation tool",
        ),
        percent(t.automated, t.posts, lang),
    );
    if report.account.website.is_some() {
        page.figure_row(
            tr(
                lang,
                "Avec un lien vers le site officiel",
                "Linking to the official website",
            ),
            percent(t.website_links, t.own_posts(), lang),
        );
    }
    if let Some(tag) = report.account.official_hashtags.first() {
        page.figure_row(
            &format!(
                "{} {tag}",
                tr(
                    lang,
                    "Avec le hashtag officiel",
                    "With the official hashtag"
                )
            ),
            percent(t.official_hashtag, t.own_posts(), lang),
        );
    }
    page.out.push_str("</dl>\n");

    charts(&mut page);
    rules_and_politics(&mut page);
    months_table(&mut page);
    problems(&mut page);
    let footer = page.text(
        "Produit par twitterritorial {version}. Les définitions de chaque mesure sont dans docs/archive.md.",
        "Made by twitterritorial {version}. Each measure is defined in docs/archive.md.",
        &[("version", env!("CARGO_PKG_VERSION").to_string())],
    );
    let _ = writeln!(
        page.out,
        "<footer><p class=\"sub\">{footer}</p></footer>\n</body>\n</html>"
    );
    page.out
}

fn month_labels(report: &AuditReport, lang: Lang) -> Vec<String> {
    report
        .months
        .iter()
        .map(|m| words::month_short(m.month, lang))
        .collect()
}

fn charts(page: &mut Page<'_>) {
    let lang = page.lang;
    let report = page.report;
    let labels = month_labels(report, lang);

    page.h2(
        "Diffusion ou dialogue, mois par mois",
        "Broadcast or dialogue, month by month",
    );
    let series = [
        Series {
            name: tr(lang, "annonces", "announcements"),
            fill: Fill::Solid,
        },
        Series {
            name: tr(lang, "fils", "threads"),
            fill: Fill::Light,
        },
        Series {
            name: tr(lang, "partages", "reposts"),
            fill: Fill::Dotted,
        },
        Series {
            name: tr(lang, "réponses et citations", "replies and quotes"),
            fill: Fill::Hatched,
        },
    ];
    let values: Vec<Vec<u64>> = report
        .months
        .iter()
        .map(|m| {
            vec![
                m.counts.originals,
                m.counts.self_threads,
                m.counts.reposts,
                m.counts.replies + m.counts.quotes,
            ]
        })
        .collect();
    let desc = page.text(
        "Publications par mois, en barres empilées : annonces, fils, partages, réponses et citations. Les valeurs sont dans le tableau « Mois par mois ».",
        "Posts per month, stacked: announcements, threads, reposts, replies and quotes. The values are in the “Month by month” table.",
        &[],
    );
    let chart = svg::stacked_bars(
        "dialogue",
        tr(lang, "Diffusion ou dialogue", "Broadcast or dialogue"),
        &desc,
        &labels,
        &series,
        &values,
        &|v| format!("{v:.0}"),
    );
    let _ = writeln!(page.out, "<figure>{chart}</figure>");

    page.h2(
        "Automatisation, mois par mois",
        "Automation, month by month",
    );
    let auto_series = [
        Series {
            name: tr(lang, "flux (RSS…)", "feeds (RSS…)"),
            fill: Fill::Solid,
        },
        Series {
            name: tr(lang, "programmation", "scheduling"),
            fill: Fill::Hatched,
        },
        Series {
            name: tr(lang, "copie d’un autre réseau", "cross-posting"),
            fill: Fill::Dotted,
        },
        Series {
            name: tr(lang, "écrit sur X", "written on X"),
            fill: Fill::Light,
        },
    ];
    let auto_values: Vec<Vec<u64>> = report
        .months
        .iter()
        .map(|m| {
            vec![
                m.counts.feed,
                m.counts.scheduler,
                m.counts.crosspost,
                m.counts.posts - m.counts.automated,
            ]
        })
        .collect();
    let desc = page.text(
        "Publications par mois selon l’outil qui les a envoyées. Part automatisée sur toute la période : {share}.",
        "Posts per month by the tool that sent them. Automated share over the whole period: {share}.",
        &[("share", percent(report.totals.automated, report.totals.posts, lang))],
    );
    let chart = svg::stacked_bars(
        "automation",
        tr(lang, "Part automatisée", "Automated share"),
        &desc,
        &labels,
        &auto_series,
        &auto_values,
        &|v| format!("{v:.0}"),
    );
    let _ = writeln!(page.out, "<figure>{chart}</figure>");
    if !report.automation.is_empty() || !report.apps.is_empty() {
        let _ = writeln!(
            page.out,
            "<table><thead><tr><th>{}</th><th>{}</th></tr></thead><tbody>",
            escape(tr(lang, "Application", "App")),
            escape(tr(lang, "Publications", "Posts"))
        );
        for app in &report.apps {
            let label = match app.automation {
                Some(kind) => format!("{} ({})", app.name, kind_name(kind, lang)),
                None => app.name.clone(),
            };
            let _ = writeln!(
                page.out,
                "<tr><td>{}</td><td>{}</td></tr>",
                escape(&label),
                escape(&count(app.posts, lang))
            );
        }
        page.out.push_str("</tbody></table>\n");
    }

    page.h2("Hashtags les plus utilisés", "Most used hashtags");
    if report.hashtags.top.is_empty() {
        page.p("Aucun hashtag.", "No hashtag.", &[]);
    } else {
        let items: Vec<(String, u64)> = report
            .hashtags
            .top
            .iter()
            .map(|h| (h.name.clone(), h.posts))
            .collect();
        let desc = page.text(
            "Nombre de publications par hashtag, les dix plus utilisés.",
            "Posts per hashtag, the ten most used.",
            &[],
        );
        let chart = svg::ranking(
            "hashtags",
            tr(lang, "Hashtags les plus utilisés", "Most used hashtags"),
            &desc,
            &items,
        );
        let _ = writeln!(page.out, "<figure>{chart}</figure>");
    }
    if !report.hashtags.misspellings.is_empty() {
        page.p(
            "Variantes du hashtag officiel :",
            "Variants of the official hashtag:",
            &[],
        );
        page.out.push_str("<ul>\n");
        for miss in &report.hashtags.misspellings {
            let _ = writeln!(
                page.out,
                "<li>{} → {} : {}</li>",
                escape(&miss.hashtag),
                escape(&miss.official),
                escape(&posts(miss.posts, lang))
            );
        }
        page.out.push_str("</ul>\n");
    }

    page.h2(
        "Contenu politique et périodes pré-électorales",
        "Political content and pre-election periods",
    );
    let (bands, timeline_labels, values) = political_timeline(report, lang);
    let desc = page.text(
        "Publications à contenu politique par mois ; les bandes hachurées sont les périodes pré-électorales (article L52-1 du Code électoral).",
        "Posts with political content per month; hatched bands are pre-election periods (French electoral code, art. L52-1).",
        &[],
    );
    let chart = svg::timeline(
        "politics",
        tr(
            lang,
            "Contenu politique et calendrier électoral",
            "Political content and the election calendar",
        ),
        &desc,
        &timeline_labels,
        &values,
        &bands,
        [
            tr(
                lang,
                "publications à contenu politique",
                "posts with political content",
            ),
            tr(lang, "période pré-électorale", "pre-election period"),
        ],
    );
    let _ = writeln!(page.out, "<figure>{chart}</figure>");
}

fn kind_name(kind: super::sources::ToolKind, lang: Lang) -> &'static str {
    use super::sources::ToolKind;
    match kind {
        ToolKind::Feed => tr(lang, "flux automatique", "feed"),
        ToolKind::Scheduler => tr(lang, "programmation", "scheduler"),
        ToolKind::Crosspost => tr(lang, "copie d’un autre réseau", "cross-posting"),
    }
}

/// The months of the archive, stretched to show the windows that overlap
/// it, with the windows as bands.
fn political_timeline(report: &AuditReport, lang: Lang) -> (Vec<Band>, Vec<String>, Vec<u64>) {
    let (Some(first), Some(last)) = (
        report.months.first().map(|m| m.month),
        report.months.last().map(|m| m.month),
    ) else {
        return (Vec::new(), Vec::new(), Vec::new());
    };
    let overlapping: Vec<_> = report
        .political
        .windows
        .iter()
        .filter_map(|w| Some((w, w.start?.month(), w.end?.month())))
        .filter(|(_, start, end)| *start <= last && *end >= first)
        .collect();
    let from = overlapping
        .iter()
        .map(|w| w.1)
        .min()
        .map_or(first, |m| m.min(first));
    let to = overlapping
        .iter()
        .map(|w| w.2)
        .max()
        .map_or(last, |m| m.max(last));
    let mut labels = Vec::new();
    let mut values = Vec::new();
    let mut month = from;
    while month <= to {
        labels.push(words::month_short(month, lang));
        values.push(
            report
                .months
                .iter()
                .find(|m| m.month == month)
                .map_or(0, |m| m.counts.political),
        );
        month = month.next();
    }
    let index = |m: Month| (m.0 - from.0) as usize;
    let bands = overlapping
        .iter()
        .map(|(w, start, end)| Band {
            from: index(*start),
            to: index(*end),
            name: w.name.clone(),
        })
        .collect();
    (bands, labels, values)
}

fn rules_and_politics(page: &mut Page<'_>) {
    let lang = page.lang;
    let report = page.report;
    for window in report.political.windows.iter().filter(|w| w.posts > 0) {
        let (Some(start), Some(end)) = (window.start, window.end) else {
            continue;
        };
        let text = page.text(
            "{name} (du {start} au {end}) : {posts} à risque.",
            "{name} ({start} to {end}): {posts} at risk.",
            &[
                ("name", window.name.clone()),
                ("start", words::date(start, lang)),
                ("end", words::date(end, lang)),
                ("posts", posts(window.posts, lang)),
            ],
        );
        let _ = writeln!(page.out, "<p class=\"warn\"><strong>{text}</strong></p>");
        for example in &window.examples {
            let _ = writeln!(
                page.out,
                "<blockquote><p>{}</p><p><small>{} — {}{}</small></p></blockquote>",
                escape(&example.excerpt),
                escape(&words::date(example.day, lang)),
                escape(&example.message),
                example
                    .id
                    .as_ref()
                    .map(|id| format!(" (id {})", escape(id)))
                    .unwrap_or_default()
            );
        }
    }
    let outside = report.political.outside_windows.posts;
    page.p(
        "Hors période pré-électorale : {posts} à contenu politique.",
        "Outside pre-election periods: {posts} with political content.",
        &[("posts", posts(outside, lang))],
    );

    page.h2(
        "Règles de rédaction sur les anciennes publications",
        "Writing rules on past posts",
    );
    if report.rules.is_empty() {
        page.p(
            "Aucune règle n’a rien signalé.",
            "No rule found anything.",
            &[],
        );
        return;
    }
    let _ = writeln!(
        page.out,
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(tr(lang, "Règle", "Rule")),
        escape(tr(lang, "Gravité", "Severity")),
        escape(tr(lang, "Publications", "Posts")),
        escape(tr(lang, "Exemple", "Example"))
    );
    for rule in &report.rules {
        let example = rule
            .examples
            .first()
            .map(|e| format!("« {} » — {}", e.excerpt, e.message))
            .unwrap_or_default();
        let _ = writeln!(
            page.out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td style=\"text-align:left\">{}</td></tr>",
            escape(&rule.rule),
            escape(rule.severity.as_str()),
            escape(&count(rule.posts, lang)),
            escape(&example)
        );
    }
    page.out.push_str("</tbody></table>\n");
}

fn months_table(page: &mut Page<'_>) {
    let lang = page.lang;
    let report = page.report;
    page.h2("Mois par mois", "Month by month");
    let headers: [&str; 10] = [
        tr(lang, "Mois", "Month"),
        tr(lang, "Publications", "Posts"),
        tr(lang, "Annonces", "Announcements"),
        tr(lang, "Fils", "Threads"),
        tr(lang, "Réponses", "Replies"),
        tr(lang, "Citations", "Quotes"),
        tr(lang, "Partages", "Reposts"),
        tr(lang, "Questions", "Questions"),
        tr(lang, "Automatisées", "Automated"),
        tr(lang, "Politique", "Political"),
    ];
    page.out.push_str("<details open><summary>");
    page.out.push_str(&escape(tr(
        lang,
        "Le tableau des valeurs",
        "The table of values",
    )));
    page.out.push_str("</summary><table><thead><tr>");
    for h in headers {
        let _ = write!(page.out, "<th>{}</th>", escape(h));
    }
    page.out.push_str("</tr></thead><tbody>\n");
    for m in &report.months {
        let c = &m.counts;
        let _ = write!(
            page.out,
            "<tr><td>{}</td>",
            escape(&words::month(m.month, lang))
        );
        for value in [
            c.posts,
            c.originals,
            c.self_threads,
            c.replies,
            c.quotes,
            c.reposts,
            c.questions,
            c.automated,
            c.political,
        ] {
            let _ = write!(page.out, "<td>{}</td>", escape(&count(value, lang)));
        }
        page.out.push_str("</tr>\n");
    }
    page.out.push_str("</tbody></table></details>\n");
}

fn problems(page: &mut Page<'_>) {
    let lang = page.lang;
    let report = page.report;
    if report.problems.kinds.is_empty() {
        return;
    }
    page.h2("Données illisibles", "Unreadable data");
    page.out.push_str("<ul>\n");
    for kind in &report.problems.kinds {
        let text = page.text(
            "{code} : {count} cas ; publications laissées de côté : {skipped}.",
            "{code}: {count} cases; posts left out: {skipped}.",
            &[
                ("code", kind.kind.code().to_string()),
                ("count", count(kind.count, lang)),
                ("skipped", count(kind.skipped, lang)),
            ],
        );
        let _ = write!(page.out, "<li>{text}<ul>");
        for e in &kind.examples {
            let _ = write!(
                page.out,
                "<li><code>{}:{}:{}</code> {}</li>",
                escape(&e.file),
                e.line,
                e.column,
                escape(&e.detail)
            );
        }
        page.out.push_str("</ul></li>\n");
    }
    page.out.push_str("</ul>\n");
}
