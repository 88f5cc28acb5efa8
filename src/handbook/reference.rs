//! The rule reference chapter, written in Markdown from the rule set: an
//! overview table, then one section per category and one per rule, with the
//! rule's default severity, what it applies to, its parameters, its message,
//! its description and its examples.
//!
//! Each rule's heading carries the explicit id [`rule_anchor`] gives
//! (`{#hashtag-too-many}`): it is the anchor of the `help` link of every
//! finding. Trigger examples are shown as `post-bad rule=…` blocks, pass
//! examples as `post-pass rule=…` blocks (the post may raise other rules).

use super::rule_anchor;
use crate::config::Config;
use crate::locale::Lang;
use crate::rules::{AppliesTo, Example, Rule, RuleSet, example_config};
use crate::text::Platform;
use jiff::civil::Date;
use std::fmt::Write as _;

/// The rule reference in one language, to put in place of the marker.
pub fn rule_reference(rules: &RuleSet, lang: Lang) -> String {
    let t = Words::of(lang);
    let mut out = String::new();
    let count = rules.rules().len();
    let _ = writeln!(out, "{}\n", (t.intro)(count, &example_account(lang)));

    // Overview: the table people scan before they read.
    let _ = writeln!(out, "## {} {{#{}}}\n", t.overview, OVERVIEW_ID);
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} |",
        t.rule, t.title, t.category, t.severity, t.applies_to
    );
    out.push_str("|---|---|---|---|---|\n");
    for rule in rules.rules() {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} | {} | {} |",
            rule.id,
            rule_anchor(&rule.id),
            rule.title
                .as_ref()
                .map_or(String::new(), |t| escape_inline(t.get(lang))),
            category_title(&rule.category, lang),
            severity_word(rule, lang),
            applies_to_word(rule.applies_to, lang)
        );
    }
    out.push('\n');

    for category in categories(rules) {
        let _ = writeln!(
            out,
            "## {} {{#{}}}\n",
            escape_inline(&category_title(category, lang)),
            category_anchor(category)
        );
        if let Some((chapter, title)) = category_chapter(category, lang) {
            let _ = writeln!(out, "{} [{}]({}).\n", t.see_chapter, title, chapter);
        }
        for rule in rules.rules().iter().filter(|r| r.category == category) {
            write_rule(&mut out, rule, lang, &t);
        }
    }
    out
}

/// The id of the overview table's heading.
pub const OVERVIEW_ID: &str = "vue-d-ensemble";

/// The id of a category's heading (`categorie-hashtag`).
pub fn category_anchor(category: &str) -> String {
    format!("categorie-{}", category.replace('.', "-"))
}

fn write_rule(out: &mut String, rule: &Rule, lang: Lang, t: &Words) {
    match &rule.title {
        Some(title) => {
            let _ = writeln!(
                out,
                "### `{}` — {} {{#{}}}\n",
                rule.id,
                escape_inline(title.get(lang)),
                rule_anchor(&rule.id)
            );
        }
        None => {
            let _ = writeln!(out, "### `{}` {{#{}}}\n", rule.id, rule_anchor(&rule.id));
        }
    }
    let _ = writeln!(
        out,
        "- **{}{}** {}",
        t.severity_default,
        t.colon,
        severity_word(rule, lang)
    );
    let _ = writeln!(
        out,
        "- **{}{}** {}",
        t.applies_to,
        t.colon,
        applies_to_long(rule.applies_to, lang)
    );
    let _ = writeln!(
        out,
        "- **{}{}** {}",
        t.category,
        t.colon,
        escape_inline(&category_title(&rule.category, lang))
    );
    if !rule.check.params.is_empty() {
        let params: Vec<String> = rule
            .check
            .params
            .iter()
            .map(|(k, v)| format!("`{k}` = {}", param_value(v)))
            .collect();
        let _ = writeln!(
            out,
            "- **{}{}** `{}` — {}",
            t.check,
            t.colon,
            rule.check.kind,
            params.join(", ")
        );
    } else {
        let _ = writeln!(out, "- **{}{}** `{}`", t.check, t.colon, rule.check.kind);
    }
    out.push('\n');

    // Messages are shown as the checker prints them; their `code` spans
    // stay code.
    let _ = writeln!(
        out,
        "**{}{}**\n\n> {}\n",
        t.message,
        t.colon,
        escape_message(rule.message.get(lang))
    );
    if !rule.messages.is_empty() {
        let _ = writeln!(out, "{}\n", t.variants);
        for variant in rule.messages.values() {
            let _ = writeln!(out, "> {}\n", escape_message(variant.get(lang)));
        }
    }

    // The description is written in Markdown in the pack.
    let _ = writeln!(out, "{}\n", html_as_code(rule.description.get(lang).trim()));

    let is_post = rule.applies_to == AppliesTo::Post;
    if !rule.examples.trigger.is_empty() {
        let _ = writeln!(
            out,
            "**{}**\n",
            if is_post {
                t.triggers
            } else {
                t.triggers_other
            }
        );
        for example in &rule.examples.trigger {
            write_example(out, rule, example, "post-bad", lang, t);
        }
    }
    if !rule.examples.pass.is_empty() {
        let _ = writeln!(
            out,
            "**{}**\n",
            if is_post { t.passes } else { t.passes_other }
        );
        for example in &rule.examples.pass {
            write_example(out, rule, example, "post-pass", lang, t);
        }
    }
}

/// One example: a marked post block (or the profile as YAML), then the
/// context the block cannot show (platform, day, media, account).
fn write_example(
    out: &mut String,
    rule: &Rule,
    example: &Example,
    class: &str,
    lang: Lang,
    t: &Words,
) {
    match rule.applies_to {
        // Only posts get the marked blocks the test runs as posts.
        AppliesTo::Post if !example.text.is_empty() => {
            let mut info = format!("{class} rule={}", rule.id);
            if let Some(p) = example.platform {
                let _ = write!(info, " platform={}", platform_code(p));
            }
            if let Some(d) = example.date {
                let _ = write!(info, " date={d}");
            }
            code_block(out, &info, &example.text);
        }
        AppliesTo::Site => {
            let html = example.html.as_deref().unwrap_or(&example.text);
            if !html.is_empty() {
                code_block(out, "html", html);
            }
            if let Some(feed) = &example.feed {
                let _ = writeln!(out, "{}\n", t.feed);
                code_block(out, "xml", feed);
            }
        }
        _ => {
            if let Some(profile) = &example.profile {
                let yaml = serde_saphyr::to_string(profile).unwrap_or_else(|_| profile.to_string());
                code_block(out, "yaml", yaml.trim_end());
            } else if !example.text.is_empty() {
                code_block(out, "text", &example.text);
            }
        }
    }

    let mut context: Vec<String> = Vec::new();
    if let Some(p) = example.platform {
        context.push(format!("{} {}", t.on_platform, platform_title(p)));
    }
    if let Some(d) = example.date {
        let when = match rule.applies_to {
            AppliesTo::Post => t.published_on,
            _ => t.checked_on,
        };
        context.push(format!("{when} {}", long_date(d, lang)));
    }
    if let Some(content_type) = &example.content_type {
        context.push(format!(
            "{} `{}`",
            t.content_type,
            content_type.replace('`', "'")
        ));
    }
    for media in &example.media {
        context.push(media_line(&media.file, media.alt.as_deref(), lang));
    }
    if let Some(overrides) = &example.config {
        let base = example_config();
        let changed = example.config(&base);
        context.extend(account_changes(
            &base,
            &changed,
            overrides.platforms.is_some(),
            lang,
        ));
    }
    if !example.ignore.is_empty() {
        let ids: Vec<String> = example.ignore.iter().map(|i| format!("`{i}`")).collect();
        context.push(format!("{} {}", t.ignoring, ids.join(", ")));
    }
    if !context.is_empty() {
        let _ = writeln!(out, "*{}*\n", capitalise(&context.join(t.separator)));
    }
}

/// Shows the raw HTML of a description as code: a pack that writes
/// `<link rel="me" href="…">` means the tag itself, and in the book it would
/// otherwise become a real (and broken) element. A tag, a few words and its
/// closing tag (`<a href="…">Mastodon</a>`) share one code span.
fn html_as_code(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut inline: Vec<std::ops::Range<usize>> = Vec::new();
    let mut blocks: Vec<std::ops::Range<usize>> = Vec::new();
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::InlineHtml(_) => match inline.last_mut() {
                Some(last)
                    if markdown[range.clone()].starts_with("</")
                        && !markdown[last.clone()].starts_with("</")
                        && range.start >= last.end
                        && range.start - last.end <= 40
                        && !markdown[last.end..range.start].contains(['<', '\n']) =>
                {
                    last.end = range.end
                }
                _ => inline.push(range),
            },
            Event::Start(Tag::HtmlBlock) => blocks.push(range),
            Event::End(TagEnd::HtmlBlock) => {}
            _ => {}
        }
    }
    let mut spans: Vec<(std::ops::Range<usize>, bool)> = inline
        .into_iter()
        .map(|r| (r, false))
        .chain(blocks.into_iter().map(|r| (r, true)))
        .collect();
    spans.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut at = 0;
    for (range, block) in spans {
        if range.start < at {
            continue;
        }
        out.push_str(&markdown[at..range.start]);
        let raw = &markdown[range.clone()];
        if block {
            let raw = raw.trim_end();
            let fence = fence_for(raw);
            let _ = write!(out, "{fence}html\n{raw}\n{fence}\n");
        } else {
            let ticks = "`".repeat(fence_for(raw).len() - 2);
            let pad = if raw.starts_with('`') || raw.ends_with('`') {
                " "
            } else {
                ""
            };
            let _ = write!(out, "{ticks}{pad}{raw}{pad}{ticks}");
        }
        at = range.end;
    }
    out.push_str(&markdown[at..]);
    out
}

/// A fenced block of `text`, with a fence longer than any backtick run in it.
fn code_block(out: &mut String, info: &str, text: &str) {
    let fence = fence_for(text);
    let _ = writeln!(out, "{fence}{info}\n{text}\n{fence}\n");
}

/// What an example changes in the example account, in words.
fn account_changes(
    base: &Config,
    changed: &Config,
    platforms_set: bool,
    lang: Lang,
) -> Vec<String> {
    let fr = lang == Lang::Fr;
    let mut lines = Vec::new();
    let (a, b) = (&base.account, &changed.account);
    if a.hashtags != b.hashtags {
        lines.push(if b.hashtags.is_empty() {
            if fr {
                "compte sans hashtag officiel".to_string()
            } else {
                "account with no official hashtag".to_string()
            }
        } else if fr {
            format!(
                "hashtags officiels du compte\u{a0}: {}",
                b.hashtags.join(", ")
            )
        } else {
            format!(
                "official hashtags of the account: {}",
                b.hashtags.join(", ")
            )
        });
    }
    if a.website != b.website {
        lines.push(match (&b.website, fr) {
            (None, true) => "compte sans site web déclaré".to_string(),
            (None, false) => "account with no website set".to_string(),
            (Some(w), true) => format!("site du compte\u{a0}: {w}"),
            (Some(w), false) => format!("account's website: {w}"),
        });
    }
    for (label_fr, label_en, before, after) in [
        ("nom du compte", "account name", &a.name, &b.name),
        ("compte X", "X handle", &a.handle, &b.handle),
        (
            "compte Mastodon",
            "Mastodon account",
            &a.mastodon,
            &b.mastodon,
        ),
        ("compte Bluesky", "Bluesky account", &a.bluesky, &b.bluesky),
    ] {
        if before != after
            && let Some(v) = after
        {
            lines.push(if fr {
                format!("{label_fr}\u{a0}: {v}")
            } else {
                format!("{label_en}: {v}")
            });
        }
    }
    if platforms_set {
        let names: Vec<&str> = changed
            .platforms
            .iter()
            .map(|p| platform_title(*p))
            .collect();
        lines.push(if fr {
            format!("plateformes du compte\u{a0}: {}", names.join(", "))
        } else {
            format!("account's platforms: {}", names.join(", "))
        });
    }
    for election in changed.elections.iter().skip(base.elections.len()) {
        let mut line = if fr {
            format!(
                "élection «\u{a0}{}\u{a0}» le {}",
                election.name,
                long_date(election.date, lang)
            )
        } else {
            format!(
                "election “{}” on {}",
                election.name,
                long_date(election.date, lang)
            )
        };
        if let Some(second) = election.second_round {
            let _ = if fr {
                write!(line, ", second tour le {}", long_date(second, lang))
            } else {
                write!(line, ", second round on {}", long_date(second, lang))
            };
        }
        lines.push(line);
    }
    lines
}

fn media_line(file: &str, alt: Option<&str>, lang: Lang) -> String {
    let video = [".mp4", ".mov", ".webm", ".m4v", ".avi"]
        .iter()
        .any(|ext| file.to_ascii_lowercase().ends_with(ext));
    let kind = match (video, lang) {
        (true, Lang::Fr) => "vidéo",
        (false, Lang::Fr) => "image",
        (true, Lang::En) => "video",
        (false, Lang::En) => "image",
    };
    let alt = match (alt.map(str::trim), lang) {
        (None, Lang::Fr) => "sans texte alternatif".to_string(),
        (None, Lang::En) => "no alt text".to_string(),
        (Some(""), Lang::Fr) => "texte alternatif vide".to_string(),
        (Some(""), Lang::En) => "empty alt text".to_string(),
        (Some(a), Lang::Fr) => format!("texte alternatif «\u{a0}{}\u{a0}»", escape_inline(a)),
        (Some(a), Lang::En) => format!("alt text “{}”", escape_inline(a)),
    };
    format!("{kind} `{}`, {alt}", file.replace('`', "'"))
}

/// The example account, as the reference's introduction presents it.
fn example_account(lang: Lang) -> String {
    let c = example_config();
    let a = &c.account;
    let name = a.name.clone().unwrap_or_default();
    let handle = a.handle.clone().unwrap_or_default();
    let hashtags = a.hashtags.join(", ");
    let website = a.website.clone().unwrap_or_default();
    match lang {
        Lang::Fr => format!(
            "«\u{a0}{name}\u{a0}» ({handle}, hashtag officiel {hashtags}, site <{website}>)"
        ),
        Lang::En => {
            format!("“{name}” ({handle}, official hashtag {hashtags}, website <{website}>)")
        }
    }
}

/// Categories in the order their first rule appears.
fn categories(rules: &RuleSet) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for rule in rules.rules() {
        if !seen.contains(&rule.category.as_str()) {
            seen.push(&rule.category);
        }
    }
    seen
}

/// The title of a category; a local pack's own category keeps its name.
pub fn category_title(category: &str, lang: Lang) -> String {
    let (fr, en) = match category {
        "hashtag" => ("Hashtags", "Hashtags"),
        "accessibility" => ("Accessibilité", "Accessibility"),
        "political" => ("Neutralité politique", "Political neutrality"),
        "promotion" => ("Promotion du compte", "Promoting the account"),
        "links" => ("Liens", "Links"),
        "length" => ("Longueur", "Length"),
        "profile" => ("Profil du compte", "Account profile"),
        "site" => ("Site web", "Website"),
        "archive" => ("Historique du compte", "Account history"),
        "style" => ("Style", "Style"),
        other => return other.to_string(),
    };
    match lang {
        Lang::Fr => fr.to_string(),
        Lang::En => en.to_string(),
    }
}

/// The chapter that explains a category, when there is one.
fn category_chapter(category: &str, lang: Lang) -> Option<(&'static str, &'static str)> {
    let fr = lang == Lang::Fr;
    Some(match category {
        "hashtag" => (
            "etape-2-creer.md",
            if fr {
                "Étape 2\u{a0}: créer le compte"
            } else {
                "Step 2: create the account"
            },
        ),
        "profile" => (
            "etape-2-creer.md",
            if fr {
                "Étape 2\u{a0}: créer le compte"
            } else {
                "Step 2: create the account"
            },
        ),
        "accessibility" | "links" => (
            "accessibilite.md",
            if fr {
                "Accessibilité"
            } else {
                "Accessibility"
            },
        ),
        "political" => (
            "neutralite-elections.md",
            if fr {
                "Neutralité et périodes électorales"
            } else {
                "Neutrality and elections"
            },
        ),
        "promotion" | "site" => (
            "bonnes-pratiques.md",
            if fr {
                "Les bonnes pratiques"
            } else {
                "Good practice"
            },
        ),
        "archive" => (
            "etape-4-dialoguer.md",
            if fr {
                "Étape 4\u{a0}: dialoguer"
            } else {
                "Step 4: talk with residents"
            },
        ),
        _ => return None,
    })
}

fn severity_word(rule: &Rule, lang: Lang) -> &'static str {
    use crate::diagnostic::Severity::*;
    match (rule.severity, lang) {
        (Error, Lang::Fr) => "erreur",
        (Warning, Lang::Fr) => "avertissement",
        (Info, Lang::Fr) => "information",
        (Error, Lang::En) => "error",
        (Warning, Lang::En) => "warning",
        (Info, Lang::En) => "info",
    }
}

fn applies_to_word(a: AppliesTo, lang: Lang) -> &'static str {
    match (a, lang) {
        (AppliesTo::Post, Lang::Fr) => "publication",
        (AppliesTo::Profile, Lang::Fr) => "profil",
        (AppliesTo::Site, Lang::Fr) => "site web",
        (AppliesTo::Archive, Lang::Fr) => "historique",
        (AppliesTo::Post, Lang::En) => "post",
        (AppliesTo::Profile, Lang::En) => "profile",
        (AppliesTo::Site, Lang::En) => "website",
        (AppliesTo::Archive, Lang::En) => "history",
    }
}

fn applies_to_long(a: AppliesTo, lang: Lang) -> &'static str {
    match (a, lang) {
        (AppliesTo::Post, Lang::Fr) => "chaque publication (commandes `check` et `archive`)",
        (AppliesTo::Profile, Lang::Fr) => "le profil du compte (commande `profile`)",
        (AppliesTo::Site, Lang::Fr) => "le site web de la collectivité (commande `site`)",
        (AppliesTo::Archive, Lang::Fr) => "l’historique du compte (commande `archive`)",
        (AppliesTo::Post, Lang::En) => "each post (`check` and `archive` commands)",
        (AppliesTo::Profile, Lang::En) => "the account's profile (`profile` command)",
        (AppliesTo::Site, Lang::En) => "the council's website (`site` command)",
        (AppliesTo::Archive, Lang::En) => "the account's history (`archive` command)",
    }
}

fn platform_code(p: Platform) -> &'static str {
    match p {
        Platform::X => "x",
        Platform::Mastodon => "mastodon",
        Platform::Bluesky => "bluesky",
    }
}

fn platform_title(p: Platform) -> &'static str {
    match p {
        Platform::X => "X",
        Platform::Mastodon => "Mastodon",
        Platform::Bluesky => "Bluesky",
    }
}

/// `10 février 2026`, `1er mars 2026`, `10 February 2026`.
fn long_date(d: Date, lang: Lang) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = usize::try_from(d.month() - 1).unwrap_or(0).min(11);
    match lang {
        Lang::Fr if d.day() == 1 => format!("1er {} {}", FR[month], d.year()),
        Lang::Fr => format!("{} {} {}", d.day(), FR[month], d.year()),
        Lang::En => format!("{} {} {}", d.day(), EN[month], d.year()),
    }
}

/// A parameter value as a reader wants it: `2`, `true`, `#VilleExemple, #Fête`.
fn param_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => format!("`{}`", s.replace('`', "'")),
        serde_json::Value::Array(items) if items.len() > 8 => format!("{} …", items.len()),
        serde_json::Value::Array(items) => {
            items.iter().map(param_value).collect::<Vec<_>>().join(", ")
        }
        other => format!("`{other}`"),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Escapes the characters Markdown would read as markup in a line of text
/// (a message, an alt text): they must show as written.
fn escape_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Like [`escape_inline`], but keeps backticks: a message's `code` spans
/// render as code.
fn escape_message(s: &str) -> String {
    escape_inline(s).replace("\\`", "`")
}

/// A backtick fence longer than any backtick run of the text.
fn fence_for(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// The fixed words of the reference, per language.
struct Words {
    intro: fn(usize, &str) -> String,
    overview: &'static str,
    rule: &'static str,
    title: &'static str,
    category: &'static str,
    severity: &'static str,
    severity_default: &'static str,
    applies_to: &'static str,
    check: &'static str,
    message: &'static str,
    variants: &'static str,
    triggers: &'static str,
    triggers_other: &'static str,
    passes: &'static str,
    passes_other: &'static str,
    see_chapter: &'static str,
    on_platform: &'static str,
    published_on: &'static str,
    checked_on: &'static str,
    content_type: &'static str,
    feed: &'static str,
    ignoring: &'static str,
    colon: &'static str,
    /// Between the items of an example's context.
    separator: &'static str,
}

impl Words {
    fn of(lang: Lang) -> Words {
        match lang {
            Lang::Fr => Words {
                intro: |n, account| {
                    format!(
                        "Le vérificateur applique {n} règles. Les exemples supposent le compte de {account}\u{a0}; \
                         les mots entre accolades d’un message, comme `{{count}}`, sont remplacés par ce que le \
                         vérificateur a trouvé."
                    )
                },
                overview: "Vue d’ensemble",
                rule: "Règle",
                title: "En bref",
                category: "Catégorie",
                severity: "Gravité",
                severity_default: "Gravité par défaut",
                applies_to: "S’applique à",
                check: "Contrôle",
                message: "Message",
                variants: "Selon le cas, le message devient\u{a0}:",
                triggers: "Publications qui déclenchent la règle\u{a0}:",
                triggers_other: "Exemples qui déclenchent la règle\u{a0}:",
                passes: "Publications qui ne la déclenchent pas (elles peuvent en déclencher d’autres)\u{a0}:",
                passes_other: "Exemples qui ne la déclenchent pas\u{a0}:",
                see_chapter: "Pour comprendre ces règles, lire aussi",
                on_platform: "sur",
                published_on: "publié le",
                checked_on: "vérifié le",
                content_type: "type de contenu\u{a0}:",
                feed: "Le flux que la page annonce\u{a0}:",
                ignoring: "règles ignorées pour ce post\u{a0}:",
                colon: "\u{a0}:",
                separator: "\u{a0}; ",
            },
            Lang::En => Words {
                intro: |n, account| {
                    format!(
                        "The checker applies {n} rules. The examples assume the account of {account}; words in \
                         braces in a message, like `{{count}}`, are replaced by what the checker found."
                    )
                },
                overview: "Overview",
                rule: "Rule",
                title: "In short",
                category: "Category",
                severity: "Severity",
                severity_default: "Default severity",
                applies_to: "Applies to",
                check: "Check",
                message: "Message",
                variants: "Depending on the case, the message becomes:",
                triggers: "Posts that raise the rule:",
                triggers_other: "Examples that raise the rule:",
                passes: "Posts that do not raise it (they may raise others):",
                passes_other: "Examples that do not raise it:",
                see_chapter: "To understand these rules, read also",
                on_platform: "on",
                published_on: "published on",
                checked_on: "checked on",
                content_type: "content type:",
                feed: "The feed the page announces:",
                ignoring: "rules ignored for this post:",
                colon: ":",
                separator: "; ",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fences_outgrow_backticks_in_the_text() {
        assert_eq!(fence_for("plain"), "```");
        assert_eq!(fence_for("a ```` b"), "`````");
    }

    #[test]
    fn raw_html_of_a_description_shows_as_code() {
        assert_eq!(
            html_as_code(
                "Dans l’en-tête (<link rel=\"me\" href=\"…\">) ou <a rel=\"me\" href=\"x\">Mastodon</a>, <https://a.fr>."
            ),
            "Dans l’en-tête (`<link rel=\"me\" href=\"…\">`) ou `<a rel=\"me\" href=\"x\">Mastodon</a>`, <https://a.fr>."
        );
        assert_eq!(
            html_as_code("Texte\n\n<div>\nbloc\n</div>\n\nSuite"),
            "Texte\n\n```html\n<div>\nbloc\n</div>\n```\n\nSuite"
        );
        assert_eq!(
            html_as_code("Sans balise, `<code>` déjà."),
            "Sans balise, `<code>` déjà."
        );
    }

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(
            long_date(Date::constant(2026, 3, 1), Lang::Fr),
            "1er mars 2026"
        );
        assert_eq!(
            long_date(Date::constant(2026, 2, 10), Lang::Fr),
            "10 février 2026"
        );
        assert_eq!(
            long_date(Date::constant(2026, 2, 10), Lang::En),
            "10 February 2026"
        );
    }

    #[test]
    fn inline_markup_is_escaped() {
        assert_eq!(
            escape_inline("a_b *c* <d> #e `f`"),
            "a\\_b \\*c\\* \\<d\\> \\#e \\`f\\`"
        );
        assert_eq!(
            escape_message("{file} *x* `account.website`"),
            "{file} \\*x\\* `account.website`"
        );
    }

    #[test]
    fn every_builtin_rule_gets_its_anchored_heading_in_both_languages() {
        let rules = RuleSet::builtin().expect("built-in packs load");
        for lang in [Lang::Fr, Lang::En] {
            let md = rule_reference(&rules, lang);
            for rule in rules.rules() {
                let (start, end) = (
                    format!("### `{}`", rule.id),
                    format!("{{#{}}}", rule_anchor(&rule.id)),
                );
                let headings = md
                    .lines()
                    .filter(|l| l.starts_with(&start) && l.ends_with(&end))
                    .count();
                assert_eq!(headings, 1, "{start} … {end} in {lang:?}");
                assert!(
                    md.contains(&html_as_code(rule.description.get(lang).trim())),
                    "{} description in {lang:?}",
                    rule.id
                );
            }
        }
    }
}
