//! The audit as a text summary for a communication officer: what to change
//! first, then each measure in plain words, then the last twelve months.

use super::advice::Advice;
use super::measures::{AuditReport, MonthReport};
use super::words::{self, count, percent, posts, tr, typography};
use crate::locale::{Lang, fill};
use std::fmt::Write;

/// Months shown in the text summary (all of them are in JSON and HTML).
const MONTHS_SHOWN: usize = 12;

fn line(out: &mut String, lang: Lang, fr: &str, en: &str, values: &[(&str, String)]) {
    let template = match lang {
        Lang::Fr => typography(fr),
        Lang::En => en.to_string(),
    };
    out.push_str(&fill(&template, values));
    out.push('\n');
}

fn heading(out: &mut String, lang: Lang, fr: &str, en: &str) {
    let title = match lang {
        Lang::Fr => fr,
        Lang::En => en,
    };
    let _ = write!(out, "\n{title}\n{}\n", "─".repeat(title.chars().count()));
}

pub fn render(report: &AuditReport, advice: &[Advice], lang: Lang) -> String {
    let mut out = String::new();
    let t = &report.totals;
    let who = match (&report.account.handle, &report.account.display_name) {
        (Some(handle), Some(name)) => format!("@{handle} ({name})"),
        (Some(handle), None) => format!("@{handle}"),
        (None, Some(name)) => name.clone(),
        (None, None) => tr(lang, "compte non identifié", "unidentified account").to_string(),
    };
    line(
        &mut out,
        lang,
        "Audit de l’historique : {who}",
        "History audit: {who}",
        &[("who", who)],
    );
    for file in &report.files {
        line(
            &mut out,
            lang,
            "  fichier lu : {file}",
            "  file read: {file}",
            &[("file", file.clone())],
        );
    }
    let (Some(first), Some(last)) = (report.first_post, report.last_post) else {
        line(
            &mut out,
            lang,
            "Aucune publication dans cette archive.",
            "No post in this archive.",
            &[],
        );
        write_problems(&mut out, report, lang);
        return out;
    };
    line(
        &mut out,
        lang,
        "{posts}, du {first} au {last}.",
        "{posts}, from {first} to {last}.",
        &[
            ("posts", posts(t.posts, lang)),
            ("first", words::date(first, lang)),
            ("last", words::date(last, lang)),
        ],
    );
    if report.problems.skipped > 0 {
        line(
            &mut out,
            lang,
            "Attention : publications illisibles, laissées de côté : {skipped} (détail en fin de rapport).",
            "Warning: {skipped} could not be read and were left out (details at the end).",
            &[("skipped", count(report.problems.skipped, lang))],
        );
    }

    heading(
        &mut out,
        lang,
        "À changer en priorité",
        "What to change first",
    );
    if advice.is_empty() {
        line(
            &mut out,
            lang,
            "Rien d’urgent : continuez ainsi.",
            "Nothing urgent: keep it up.",
            &[],
        );
    }
    for (index, item) in advice.iter().enumerate() {
        let _ = writeln!(out, "{}. {}", index + 1, item.message);
        let _ = writeln!(out, "   → {}", item.help);
    }

    heading(
        &mut out,
        lang,
        "Volume et régularité",
        "Volume and regularity",
    );
    let r = &report.regularity;
    line(
        &mut out,
        lang,
        "Publications par semaine : {rate} ; au moins une publication dans {active} semaines sur {weeks}.",
        "Posts per week: {rate}; at least one post in {active} of {weeks} weeks.",
        &[
            ("rate", words::decimal(r.posts_per_week, lang)),
            ("active", count(r.active_weeks, lang)),
            ("weeks", count(r.calendar_weeks, lang)),
        ],
    );
    if let Some(silence) = &r.longest_silence {
        line(
            &mut out,
            lang,
            "Plus long silence : {days}, du {from} au {to}.",
            "Longest silence: {days}, from {from} to {to}.",
            &[
                ("days", words::days(silence.days, lang)),
                ("from", words::date(silence.from, lang)),
                ("to", words::date(silence.to, lang)),
            ],
        );
    }
    if let Some(since) = r.days_since_last_post {
        line(
            &mut out,
            lang,
            "Dernière publication il y a {days}.",
            "Last post {days} ago.",
            &[("days", words::days(since, lang))],
        );
    }

    heading(
        &mut out,
        lang,
        "Diffusion ou dialogue",
        "Broadcast or dialogue",
    );
    let share = |n: u64| percent(n, t.posts, lang);
    line(
        &mut out,
        lang,
        "Diffusion : {broadcast} ({bshare}) — annonces {originals}, suites de fils {threads}.",
        "Broadcast: {broadcast} ({bshare}) — announcements {originals}, thread follow-ups {threads}.",
        &[
            ("broadcast", posts(t.broadcast(), lang)),
            ("bshare", share(t.broadcast())),
            ("originals", count(t.originals, lang)),
            ("threads", count(t.self_threads, lang)),
        ],
    );
    line(
        &mut out,
        lang,
        "Dialogue : {dialogue} ({dshare}) — réponses à d’autres comptes {replies}, citations {quotes}, partages {reposts}.",
        "Dialogue: {dialogue} ({dshare}) — replies to other accounts {replies}, quotes {quotes}, reposts {reposts}.",
        &[
            ("dialogue", posts(t.dialogue(), lang)),
            ("dshare", share(t.dialogue())),
            ("replies", count(t.replies, lang)),
            ("quotes", count(t.quotes, lang)),
            ("reposts", count(t.reposts, lang)),
        ],
    );
    if report.account.local_accounts > 0 {
        line(
            &mut out,
            lang,
            "Partages de comptes locaux : {n} (sur {reposts} partages).",
            "Reposts of local accounts: {n} (of {reposts} reposts).",
            &[
                ("n", count(t.local_reposts, lang)),
                ("reposts", count(t.reposts, lang)),
            ],
        );
    }
    line(
        &mut out,
        lang,
        "Mentionnant un autre compte : {mentions} ({distinct} en tout). Réponses à {answered}. Posant une question : {questions}.",
        "Mentioning another account: {mentions} ({distinct} in all). Replies to {answered}. Asking a question: {questions}.",
        &[
            ("mentions", posts(t.with_mentions, lang)),
            (
                "distinct",
                words::accounts(report.dialogue.distinct_accounts_mentioned, lang),
            ),
            (
                "answered",
                words::accounts(report.dialogue.distinct_accounts_answered, lang),
            ),
            ("questions", posts(t.questions, lang)),
        ],
    );
    if report.dialogue.polls_known {
        line(
            &mut out,
            lang,
            "Sondages : {n}.",
            "Polls: {n}.",
            &[("n", count(t.polls, lang))],
        );
    } else {
        line(
            &mut out,
            lang,
            "Sondages : l’archive de X ne les montre pas.",
            "Polls: X’s archive does not show them.",
            &[],
        );
    }

    heading(&mut out, lang, "Automatisation", "Automation");
    line(
        &mut out,
        lang,
        "Publications envoyées par un outil : {share} (flux RSS… {feed}, programmation {scheduler}, copie d’un autre réseau {crosspost}).",
        "Posts sent by a tool: {share} (feeds, RSS… {feed}, scheduling {scheduler}, copies from another network {crosspost}).",
        &[
            ("share", share(t.automated)),
            ("feed", count(t.feed, lang)),
            ("scheduler", count(t.scheduler, lang)),
            ("crosspost", count(t.crosspost, lang)),
        ],
    );
    for tool in report.automation.iter().take(5) {
        let _ = writeln!(out, "  {} : {}", tool.name, posts(tool.posts, lang));
    }

    heading(&mut out, lang, "Liens et hashtags", "Links and hashtags");
    let own = t.own_posts();
    match &report.account.website {
        Some(site) => line(
            &mut out,
            lang,
            "Publications propres avec un lien vers le site officiel ({site}) : {share}.",
            "Own posts linking to the official website ({site}): {share}.",
            &[
                ("share", percent(t.website_links, own, lang)),
                ("site", site.clone()),
            ],
        ),
        None => line(
            &mut out,
            lang,
            "Site officiel inconnu : donnez-le (--website ou account.website) pour mesurer les liens.",
            "Official website unknown: give it (--website or account.website) to measure links.",
            &[],
        ),
    }
    match report.account.official_hashtags.first() {
        Some(tag) => line(
            &mut out,
            lang,
            "Hashtag officiel {tag} : dans {share} des publications propres ; une variante mal orthographiée dans {wrong}.",
            "Official hashtag {tag}: in {share} of own posts; a misspelt variant in {wrong}.",
            &[
                ("tag", tag.clone()),
                ("share", percent(t.official_hashtag, own, lang)),
                ("wrong", posts(t.misspelled_hashtag, lang)),
            ],
        ),
        None => line(
            &mut out,
            lang,
            "Hashtag officiel inconnu : donnez-le (--hashtag ou account.hashtags) pour mesurer son usage.",
            "Official hashtag unknown: give it (--hashtag or account.hashtags) to measure its use.",
            &[],
        ),
    }
    for miss in &report.hashtags.misspellings {
        let _ = writeln!(
            out,
            "  {} → {} : {}",
            miss.hashtag,
            miss.official,
            posts(miss.posts, lang)
        );
    }
    if !report.hashtags.top.is_empty() {
        let top: Vec<String> = report
            .hashtags
            .top
            .iter()
            .map(|h| format!("{} ({})", h.name, count(h.posts, lang)))
            .collect();
        line(
            &mut out,
            lang,
            "Hashtags les plus utilisés : {top}.",
            "Most used hashtags: {top}.",
            &[("top", top.join(", "))],
        );
    }

    heading(
        &mut out,
        lang,
        "Règles de rédaction sur les anciennes publications",
        "Writing rules on past posts",
    );
    if report.rules.is_empty() {
        line(
            &mut out,
            lang,
            "Aucune règle n’a rien signalé.",
            "No rule found anything.",
            &[],
        );
    }
    for rule in &report.rules {
        let _ = writeln!(
            out,
            "  {:<32} {:<8} {}",
            rule.rule,
            rule.severity.as_str(),
            posts(rule.posts, lang)
        );
    }

    heading(
        &mut out,
        lang,
        "Neutralité et périodes pré-électorales",
        "Neutrality and pre-election periods",
    );
    for window in &report.political.windows {
        let (Some(start), Some(end)) = (window.start, window.end) else {
            continue;
        };
        line(
            &mut out,
            lang,
            "{name} (du {start} au {end}) : {posts} à risque.",
            "{name} ({start} to {end}): {posts} at risk.",
            &[
                ("name", window.name.clone()),
                ("start", words::date(start, lang)),
                ("end", words::date(end, lang)),
                ("posts", posts(window.posts, lang)),
            ],
        );
        for example in &window.examples {
            let _ = writeln!(
                out,
                "    {} « {} »",
                words::date(example.day, lang),
                example.excerpt
            );
        }
    }
    line(
        &mut out,
        lang,
        "Hors période pré-électorale : {posts} à contenu politique.",
        "Outside pre-election periods: {posts} with political content.",
        &[("posts", posts(report.political.outside_windows.posts, lang))],
    );

    heading(
        &mut out,
        lang,
        "Les douze derniers mois",
        "The last twelve months",
    );
    let header = tr(
        lang,
        "mois        publ.  diffusion  dialogue  automat.  politique",
        "month       posts  broadcast  dialogue  automated political",
    );
    let _ = writeln!(out, "{header}");
    let start = report.months.len().saturating_sub(MONTHS_SHOWN);
    for month in &report.months[start..] {
        write_month(&mut out, month, lang);
    }

    write_problems(&mut out, report, lang);
    out
}

fn write_month(out: &mut String, month: &MonthReport, lang: Lang) {
    let c = &month.counts;
    let _ = writeln!(
        out,
        "{:<10} {:>6}  {:>9}  {:>8}  {:>8}  {:>8}",
        month.month.to_string(),
        count(c.posts, lang),
        percent(c.broadcast(), c.posts, lang),
        percent(c.dialogue(), c.posts, lang),
        percent(c.automated, c.posts, lang),
        count(c.political, lang)
    );
}

fn write_problems(out: &mut String, report: &AuditReport, lang: Lang) {
    if report.problems.kinds.is_empty() {
        return;
    }
    heading(out, lang, "Données illisibles", "Unreadable data");
    for kind in &report.problems.kinds {
        line(
            out,
            lang,
            "{code} : {count} cas ; publications laissées de côté : {skipped}.",
            "{code}: {count} cases; posts left out: {skipped}.",
            &[
                ("code", kind.kind.code().to_string()),
                ("count", count(kind.count, lang)),
                ("skipped", count(kind.skipped, lang)),
            ],
        );
        for example in &kind.examples {
            let _ = writeln!(
                out,
                "  {}:{}:{}: {}",
                example.file, example.line, example.column, example.detail
            );
        }
    }
}
