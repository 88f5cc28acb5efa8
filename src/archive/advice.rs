//! What to change first: the audit's findings turned into advice, ranked.
//!
//! Each piece of advice has a stable id, a priority (higher first) and a
//! text in the user's language pointing to the handbook page that explains
//! it. The thresholds come from the handbook's four steps and the
//! practices of `domain.md` §2.6; they are named constants below so they can
//! be discussed.

use super::measures::{AuditReport, Counts};
use super::words::{self, count, percent, posts, typography};
use crate::locale::{Lang, fill};
use serde::Serialize;

/// Below this share of dialogue (replies to others, quotes, reposts), the
/// account only broadcasts.
pub const LOW_DIALOGUE: f64 = 0.15;
/// At or above this share of posts sent by tools, the account reads as a
/// feed.
pub const HIGH_AUTOMATION: f64 = 0.5;
/// Below this share of own posts linking to the official website, the
/// account does not bring readers to the services.
pub const LOW_WEBSITE_LINKS: f64 = 0.2;
/// Below this share of own posts with the official hashtag, it is not a
/// habit.
pub const LOW_OFFICIAL_HASHTAG: f64 = 0.3;
/// Below this share of own posts asking a question, the account does not
/// invite answers.
pub const FEW_QUESTIONS: f64 = 0.02;
/// A silence this long (days) breaks the habit of the readers.
pub const LONG_SILENCE_DAYS: u64 = 30;
/// Fewer posts a week than this: not a living account.
pub const FEW_POSTS_PER_WEEK: f64 = 2.0;

pub const DEFAULT_HELP_BASE: &str = "https://twitterritorial.github.io/twitterritorial";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Advice {
    /// Stable id: `political-window`, `political-partisan`, `dialogue`,
    /// `automation`, `website-links`, `hashtag-spelling`,
    /// `official-hashtag`, `silence`, `regularity`, `questions`,
    /// `local-reposts`, `rules`.
    pub id: &'static str,
    pub priority: u32,
    pub message: String,
    pub help: String,
}

fn help(base: &str, lang: Lang, page: &str) -> String {
    format!("{}/{}/{page}.html", base.trim_end_matches('/'), lang.code())
}

fn own(c: &Counts) -> u64 {
    c.own_posts()
}

/// Every piece of advice that applies, highest priority first.
pub fn advise(report: &AuditReport, lang: Lang, help_base: &str) -> Vec<Advice> {
    let mut out = Vec::new();
    let t = &report.totals;
    if t.posts == 0 {
        return out;
    }
    let mut push = |id: &'static str,
                    priority: u32,
                    fr: &str,
                    en: &str,
                    values: &[(&str, String)],
                    page: &str| {
        let template = match lang {
            Lang::Fr => typography(fr),
            Lang::En => en.to_string(),
        };
        out.push(Advice {
            id,
            priority,
            message: fill(&template, values),
            help: help(help_base, lang, page),
        });
    };

    // The law first: record promotion inside a pre-election window.
    for window in report.political.windows.iter().filter(|w| w.posts > 0) {
        let (Some(start), Some(end)) = (window.start, window.end) else {
            continue;
        };
        let example = window
            .examples
            .first()
            .map(|e| format!(" « {} » ({})", e.excerpt, words::date(e.day, lang)))
            .unwrap_or_default();
        push(
            "political-window",
            1000 + window.posts.min(999) as u32,
            "Période pré-électorale « {name} » (du {start} au {end}) : {posts} valorisant l’action ou le bilan de la collectivité, ou à caractère partisan. L’article L52-1 du Code électoral l’interdit : retirez ces publications ou faites-les vérifier, et n’en publiez plus de ce genre d’ici le scrutin. Exemple :{example}",
            "Pre-election period “{name}” ({start} to {end}): {posts} promoting the council’s record or partisan. French electoral law (art. L52-1) forbids it: remove them or have them checked, and publish no more of the kind until the vote. Example:{example}",
            &[
                ("posts", posts(window.posts, lang)),
                ("name", window.name.clone()),
                ("start", words::date(start, lang)),
                ("end", words::date(end, lang)),
                ("example", example),
            ],
            "neutralite-elections",
        );
    }
    let partisan_outside = report
        .political
        .outside_windows
        .by_rule
        .get("political.partisan")
        .copied()
        .unwrap_or(0);
    if partisan_outside > 0 {
        push(
            "political-partisan",
            900,
            "Contenu partisan hors période électorale : {posts}. Un compte de collectivité reste neutre en tout temps : retirez ces publications.",
            "Partisan content outside election periods: {posts}. A council’s account stays neutral at all times: remove them.",
            &[("posts", posts(partisan_outside, lang))],
            "neutralite-elections",
        );
    }

    // Recent silence.
    if let Some(since) = report.regularity.days_since_last_post
        && since >= LONG_SILENCE_DAYS
    {
        push(
            "silence",
            700,
            "Le compte n’a rien publié depuis {days} : reprenez avec une publication par jour ouvré au moins (agenda, travaux, services), même courte.",
            "The account has published nothing for {days}: resume with at least one post per working day (events, works, services), even a short one.",
            &[("days", words::days(since, lang))],
            "etape-3-animer",
        );
    }

    // Broadcast or dialogue.
    let dialogue = AuditReport::share(t.dialogue(), t.posts);
    if dialogue < LOW_DIALOGUE {
        push(
            "dialogue",
            600 + ((LOW_DIALOGUE - dialogue) * 1000.0) as u32,
            "Seules {share} de vos publications sont des réponses, des citations ou des partages : le compte diffuse mais ne dialogue pas. Répondez aux habitants qui vous mentionnent, relayez les comptes locaux (écoles, associations, préfecture) et posez des questions.",
            "Only {share} of your posts are replies, quotes or reposts: the account broadcasts but does not talk. Answer the residents who mention you, relay local accounts (schools, associations, prefecture) and ask questions.",
            &[("share", percent(t.dialogue(), t.posts, lang))],
            "etape-4-dialoguer",
        );
    }

    // Automation.
    let automation = AuditReport::share(t.automated, t.posts);
    if automation >= HIGH_AUTOMATION {
        let tools: Vec<String> = report
            .automation
            .iter()
            .take(3)
            .map(|tool| tool.name.clone())
            .collect();
        push(
            "automation",
            500 + ((automation - HIGH_AUTOMATION) * 400.0) as u32,
            "{share} de vos publications partent d’un outil automatique ({tools}) : le flux RSS est utile, mais écrivez vous-même les messages importants et réagissez à l’actualité locale.",
            "{share} of your posts come from an automation tool ({tools}): the RSS feed helps, but write the important messages yourself and react to local news.",
            &[
                ("share", percent(t.automated, t.posts, lang)),
                ("tools", tools.join(", ")),
            ],
            "etape-3-animer",
        );
    }

    // Links to the website.
    if report.account.website.is_some() && own(t) > 0 {
        let share = AuditReport::share(t.website_links, own(t));
        if share < LOW_WEBSITE_LINKS {
            push(
                "website-links",
                400 + ((LOW_WEBSITE_LINKS - share) * 500.0) as u32,
                "Seules {share} de vos publications renvoient vers le site officiel : ajoutez le lien de la page qui donne le détail (démarche, horaires, inscription).",
                "Only {share} of your posts link to the official website: add the link to the page with the details (procedure, hours, registration).",
                &[("share", percent(t.website_links, own(t), lang))],
                "bonnes-pratiques",
            );
        }
    }

    // Hashtags.
    if let Some(worst) = report.hashtags.misspellings.first() {
        let spelled: u64 = report.hashtags.misspellings.iter().map(|m| m.posts).sum();
        push(
            "hashtag-spelling",
            450,
            "Variante du hashtag officiel dans {posts} ({wrong} au lieu de {right}) : une autre orthographe crée un autre fil, que vos lecteurs ne suivent pas. Écrivez toujours {right}.",
            "A variant of the official hashtag in {posts} ({wrong} instead of {right}): another spelling makes another stream, which your readers do not follow. Always write {right}.",
            &[
                ("posts", posts(spelled, lang)),
                ("wrong", worst.hashtag.clone()),
                ("right", worst.official.clone()),
            ],
            "etape-2-creer",
        );
    }
    if let Some(official) = report.account.official_hashtags.first()
        && own(t) > 0
        && AuditReport::share(t.official_hashtag, own(t)) < LOW_OFFICIAL_HASHTAG
    {
        push(
            "official-hashtag",
            350,
            "Le hashtag officiel {hashtag} n’apparaît que dans {share} de vos publications : mettez-le à la fin des annonces locales, pour qu’on les retrouve.",
            "The official hashtag {hashtag} appears in only {share} of your posts: put it at the end of local announcements so people can find them.",
            &[
                ("hashtag", official.clone()),
                ("share", percent(t.official_hashtag, own(t), lang)),
            ],
            "etape-2-creer",
        );
    }

    // Regularity.
    if let Some(silence) = &report.regularity.longest_silence
        && silence.days >= LONG_SILENCE_DAYS
    {
        push(
            "regularity",
            300,
            "Le plus long silence a duré {days} (du {from} au {to}) : préparez à l’avance quelques publications pour les congés et les périodes creuses.",
            "The longest silence lasted {days} ({from} to {to}): prepare a few posts ahead for holidays and quiet periods.",
            &[
                ("days", words::days(silence.days, lang)),
                ("from", words::date(silence.from, lang)),
                ("to", words::date(silence.to, lang)),
            ],
            "etape-3-animer",
        );
    } else if report.regularity.posts_per_week < FEW_POSTS_PER_WEEK {
        push(
            "regularity",
            300,
            "En moyenne {rate} par semaine : visez au moins une publication par jour ouvré pour que les habitants prennent l’habitude de vous lire.",
            "{rate} posts a week on average: aim for at least one per working day so residents get used to reading you.",
            &[(
                "rate",
                words::decimal(report.regularity.posts_per_week, lang),
            )],
            "etape-3-animer",
        );
    }

    // Draft rules at error level.
    if let Some(rule) = report.rules.iter().find(|r| {
        r.severity == crate::diagnostic::Severity::Error && !r.rule.starts_with("political.")
    }) {
        push(
            "rules",
            250 + rule.posts.min(100) as u32,
            "La règle {rule} signale {posts} : voyez l’explication et corrigez vos modèles de publication.",
            "The rule {rule} flags {posts}: read why and fix your post templates.",
            &[
                ("rule", rule.rule.clone()),
                ("posts", posts(rule.posts, lang)),
            ],
            "regles",
        );
    }

    // Questions.
    if own(t) > 0 && AuditReport::share(t.questions, own(t)) < FEW_QUESTIONS {
        push(
            "questions",
            200,
            "Vous posez rarement des questions ({count} sur {total}) : demandez l’avis des habitants (un sondage, « qu’en pensez-vous ? ») pour ouvrir le dialogue.",
            "You rarely ask questions ({count} of {total}): ask residents for their opinion (a poll, “what do you think?”) to open a dialogue.",
            &[
                ("count", count(t.questions, lang)),
                ("total", posts(own(t), lang)),
            ],
            "etape-4-dialoguer",
        );
    }

    // Local accounts.
    if report.account.local_accounts > 0 && t.local_reposts == 0 {
        push(
            "local-reposts",
            150,
            "Aucun partage des comptes locaux que vous suivez : relayez leurs annonces utiles aux habitants.",
            "No repost of the local accounts you follow: relay their announcements that help residents.",
            &[],
            "etape-4-dialoguer",
        );
    }

    out.sort_by(|a, b| b.priority.cmp(&a.priority).then(a.id.cmp(b.id)));
    // One piece of advice per id (the first, highest).
    let mut seen = std::collections::HashSet::new();
    out.retain(|a| a.id == "political-window" || seen.insert(a.id));
    out
}

/// The advice of `advise` in the language asked, limited to `n`.
pub fn first(report: &AuditReport, lang: Lang, help_base: &str, n: usize) -> Vec<Advice> {
    let mut all = advise(report, lang, help_base);
    all.truncate(n);
    all
}
