//! `informational-link`: a post that gives practical information (an
//! event, a date and time, a service, a registration) should send readers
//! to the official website, where the details live — and where the account
//! is promoted in return.

use super::host::{domain_of, is_on_domain};
use super::words::{PhraseSet, Token, Words};
use super::{Account, Hit, PostCheck, PostView, params};
use crate::rules::{AppliesTo, CheckSpec, KindInfo};
use serde::Deserialize;
use std::collections::BTreeMap;

pub(crate) const MISSING_LINK: KindInfo = KindInfo {
    name: "informational-link",
    applies_to: AppliesTo::Post,
    variants: &["no-website"],
    placeholders: &["website", "signals"],
    validate: Some(super::validate_params),
};

/// Signals recognised by code rather than word lists.
const TIME: &str = "time";
const DATE: &str = "date";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    /// Category name → words and phrases that signal it.
    signals: BTreeMap<String, Vec<String>>,
    /// How many different categories make a post informational.
    #[serde(default = "default_min")]
    min_signals: usize,
    /// Categories that are enough on their own (registration, hours).
    #[serde(default)]
    strong: Vec<String>,
}

fn default_min() -> usize {
    2
}

struct MissingLink {
    /// Category names; `time` and `date` are appended for the code signals.
    categories: Vec<String>,
    phrases: PhraseSet<usize>,
    strong: Vec<bool>,
    min_signals: usize,
    domain: Option<String>,
    website: Option<String>,
}

pub(crate) fn build(
    spec: &CheckSpec,
    _: &serde_json::Value,
    account: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: Params = params(spec)?;
    if p.min_signals == 0 {
        return Err("`min_signals` must be at least 1".into());
    }
    let mut categories: Vec<String> = Vec::new();
    let mut phrases = PhraseSet::new();
    for (cat, list) in &p.signals {
        // A `date` or `time` list adds to the signals recognised by code.
        let idx = category_index(&mut categories, cat);
        for phrase in list {
            if !phrases.insert(phrase, idx) {
                return Err(format!("empty phrase in `signals.{cat}`"));
            }
        }
    }
    category_index(&mut categories, TIME);
    category_index(&mut categories, DATE);
    let mut strong = vec![false; categories.len()];
    for s in &p.strong {
        let Some(i) = categories.iter().position(|c| c == s) else {
            return Err(format!(
                "`strong` names `{s}`, which is not a category of `signals` (nor time, date)"
            ));
        };
        strong[i] = true;
    }
    Ok(Box::new(MissingLink {
        categories,
        phrases,
        strong,
        min_signals: p.min_signals,
        domain: account.domain.clone(),
        website: account.website.clone(),
    }))
}

fn category_index(categories: &mut Vec<String>, name: &str) -> usize {
    match categories.iter().position(|c| c == name) {
        Some(i) => i,
        None => {
            categories.push(name.to_string());
            categories.len() - 1
        }
    }
}

impl PostCheck for MissingLink {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        // A link to the official site (or, without a configured site, any
        // link) settles it before any word is looked at.
        let urls = &post.entities.urls;
        let linked = match &self.domain {
            Some(site) => urls
                .iter()
                .any(|u| domain_of(&u.text).is_some_and(|d| is_on_domain(&d, site))),
            None => !urls.is_empty(),
        };
        if linked {
            return;
        }
        let words = post.words();
        let keep = |t: &Token| !t.in_link;
        // (category, token range) of each signal, in text order.
        let mut found: Vec<(usize, usize, usize)> = self
            .phrases
            .find(words, keep)
            .into_iter()
            .map(|m| (m.tag, m.first, m.last))
            .collect();
        let time = self.categories.len() - 2;
        let date = self.categories.len() - 1;
        for (i, t) in words.tokens.iter().enumerate() {
            if t.in_link {
                continue;
            }
            if let Some(last) = time_at(post.text, words, i) {
                found.push((time, i, last));
            } else if let Some(last) = numeric_date_at(post.text, words, i) {
                found.push((date, i, last));
            }
        }
        if found.is_empty() {
            return;
        }
        found.sort_by_key(|&(_, first, _)| first);
        let mut seen = vec![false; self.categories.len()];
        for &(cat, _, _) in &found {
            seen[cat] = true;
        }
        let distinct = seen.iter().filter(|s| **s).count();
        let strong = seen.iter().zip(&self.strong).any(|(s, st)| *s && *st);
        if distinct < self.min_signals && !strong {
            return;
        }
        let toks = &words.tokens;
        let span = toks[found[0].1].span.start..toks[found[0].2].span.end;
        let mut shown: Vec<&str> = Vec::new();
        for &(_, first, last) in &found {
            let s = &post.text[toks[first].span.start..toks[last].span.end];
            if !shown.contains(&s) {
                shown.push(s);
            }
            if shown.len() == 3 {
                break;
            }
        }
        let signals = shown.join(", ");
        let hit = match &self.website {
            Some(w) => Hit::new(span)
                .value("website", display_site(w))
                .value("signals", signals),
            None => Hit::new(span)
                .variant("no-website")
                .value("signals", signals),
        };
        hits.push(hit);
    }
}

/// `https://www.ville-exemple.fr/` → `www.ville-exemple.fr`, as a reader
/// would write it.
fn display_site(w: &str) -> &str {
    let w = w.trim();
    let w = w
        .strip_prefix("https://")
        .or_else(|| w.strip_prefix("http://"))
        .unwrap_or(w);
    w.trim_end_matches('/')
}

fn is_hour(s: &str) -> bool {
    s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u8>().is_ok_and(|h| h <= 24)
}

fn is_minutes(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) && s.parse::<u8>().is_ok_and(|m| m < 60)
}

/// A clock time starting at token `i`: `14h`, `14h30`, `14 h`, `14:30`,
/// `10am`, `7.30pm`. Returns the index of its last token.
fn time_at(text: &str, words: &Words, i: usize) -> Option<usize> {
    let toks = &words.tokens;
    let w = words.folded(&toks[i]);
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let (hour, rest) = w.split_at(digits);
    if !is_hour(hour) {
        return None;
    }
    if (rest == "h" || rest.strip_prefix('h').is_some_and(is_minutes))
        || rest == "am"
        || rest == "pm"
    {
        return Some(i);
    }
    if !rest.is_empty() {
        return None;
    }
    let next = toks.get(i + 1)?;
    let between = &text[toks[i].span.end..next.span.start];
    let nw = words.folded(next);
    if between.trim().is_empty() && (nw == "h" || nw.strip_prefix('h').is_some_and(is_minutes)) {
        return Some(i + 1);
    }
    if (between == ":" || between == ".")
        && (is_minutes(nw)
            || nw
                .strip_suffix("am")
                .or_else(|| nw.strip_suffix("pm"))
                .is_some_and(is_minutes))
    {
        // `12.05` could be a date: only a colon, or a dot before am/pm.
        if between == ":" || nw.ends_with('m') {
            return Some(i + 1);
        }
    }
    None
}

/// A numeric date starting at token `i`: `14/07`, `14/07/2026`, `2026-07-14`.
fn numeric_date_at(text: &str, words: &Words, i: usize) -> Option<usize> {
    let toks = &words.tokens;
    let a = words.folded(&toks[i]);
    let b_tok = toks.get(i + 1)?;
    let sep = &text[toks[i].span.end..b_tok.span.start];
    let b = words.folded(b_tok);
    let num = |s: &str, max: u16| {
        s.len() <= 2
            && s.bytes().all(|c| c.is_ascii_digit())
            && s.parse::<u16>().is_ok_and(|n| (1..=max).contains(&n))
    };
    if sep == "/" && num(a, 31) && num(b, 12) {
        return Some(match toks.get(i + 2) {
            Some(y)
                if &text[b_tok.span.end..y.span.start] == "/"
                    && words.folded(y).bytes().all(|c| c.is_ascii_digit()) =>
            {
                i + 2
            }
            _ => i + 1,
        });
    }
    if sep == "-" && a.len() == 4 && a.bytes().all(|c| c.is_ascii_digit()) && num(b, 12) {
        let c_tok = toks.get(i + 2)?;
        if &text[b_tok.span.end..c_tok.span.start] == "-" && num(words.folded(c_tok), 31) {
            return Some(i + 2);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, run_kind_post, spans};
    use crate::lint::Post;
    use crate::rules::example_config;

    const KIND: &str = "kind: informational-link\nsignals:\n  event: [concert, \"réunion publique\"]\n  date: [samedi, juin]\n  registration: [inscription, \"sign up\"]\nstrong: [registration]";

    #[test]
    fn informational_posts_need_the_site() {
        let text = "Concert samedi 21 juin à 20h30, place de la Mairie.";
        let f = run_kind(KIND, text);
        assert_eq!(spans(text, &f), ["Concert"]);
        assert!(
            run_kind(
                KIND,
                "Concert samedi 21 juin : https://www.ville-exemple.fr/agenda"
            )
            .is_empty()
        );
        assert!(run_kind(KIND, "Concert samedi : https://agenda.ville-exemple.fr/x").is_empty());
        assert_eq!(
            run_kind(KIND, "Concert samedi : https://www.autre-site.fr/x").len(),
            1
        );
    }

    #[test]
    fn one_weak_signal_is_not_enough_but_a_strong_one_is() {
        assert!(run_kind(KIND, "Merci à tous pour ce beau concert !").is_empty());
        assert_eq!(run_kind(KIND, "Inscription au centre de loisirs.").len(), 1);
        assert!(run_kind(KIND, "Le marché de Noël en images").is_empty());
    }

    #[test]
    fn times_and_dates_are_signals() {
        assert_eq!(
            run_kind(KIND, "Réunion publique à 18 h salle des fêtes").len(),
            1
        );
        assert_eq!(run_kind(KIND, "Réunion publique le 14/07").len(), 1);
        assert_eq!(run_kind(KIND, "Concert 2026-06-21").len(), 1);
        assert_eq!(run_kind(KIND, "Concert at 7.30pm").len(), 1);
        assert!(run_kind(KIND, "Concert : 12.5 % de billets en plus").is_empty());
    }

    #[test]
    fn without_website_any_link_will_do() {
        let mut config = example_config();
        config.account.website = None;
        let post = Post::new("Concert samedi 21 juin.");
        let f = run_kind_post(KIND, &post, &config);
        assert_eq!(f.len(), 1);
        assert!(
            run_kind_post(
                KIND,
                &Post::new("Concert samedi 21 juin : https://billets.example.org/x"),
                &config
            )
            .is_empty()
        );
    }
}
