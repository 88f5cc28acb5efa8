//! From what the audit saw to the rules of `rules/site.yaml`.
//!
//! Each check looks at the whole site (every page read), because a link in
//! the footer of the home page promotes the account as well as one on a
//! news page. Only `rel="me"` is judged on the home page alone: Mastodon
//! verifies the exact page the profile links to, normally the home page.

use super::audit::{Accounts, FeedOutcome, SiteAudit};
use super::feed::FeedState;
use super::fetch::Failure;
use super::page;
use crate::locale::Lang;
use crate::profile::hit::Hit;

/// Rule ids of the site pack (part of the public interface).
pub const UNREACHABLE: &str = "site.unreachable";
pub const ACCOUNT_LINK: &str = "promotion.site-account-link";
pub const SHARE_BUTTON: &str = "promotion.site-share-button";
pub const EMBED: &str = "promotion.site-embed";
pub const FEED: &str = "promotion.site-feed";
pub const REL_ME: &str = "promotion.site-rel-me";

/// Parameters of the checks, from the rules' `check:` maps.
#[derive(Clone, Debug)]
pub struct SiteParams {
    /// A feed whose newest item is older than this is outdated.
    pub feed_max_age_days: i64,
    /// Language of the values put in messages (dates).
    pub lang: Lang,
}

impl Default for SiteParams {
    fn default() -> Self {
        SiteParams {
            feed_max_age_days: 90,
            lang: Lang::Fr,
        }
    }
}

/// A date as people read it: « 2 février 2026 », "2 February 2026".
fn long_date(date: jiff::civil::Date, lang: Lang) -> String {
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
    let month = usize::try_from(date.month() - 1).unwrap_or(0).min(11);
    match lang {
        Lang::Fr if date.day() == 1 => format!("1er {} {}", FR[month], date.year()),
        Lang::Fr => format!("{} {} {}", date.day(), FR[month], date.year()),
        Lang::En => format!("{} {} {}", date.day(), EN[month], date.year()),
    }
}

/// Every hit of the site rules on one audit.
pub fn check(audit: &SiteAudit, accounts: &Accounts, params: &SiteParams) -> Vec<Hit> {
    let home = match &audit.home {
        Ok(home) => home,
        Err(unreachable) => {
            return vec![unreachable_hit(
                audit,
                &unreachable.failure,
                unreachable.retries,
                unreachable.redirects.len(),
            )];
        }
    };
    let pages: Vec<&page::PageFacts> = audit.pages_read().map(|p| &p.facts).collect();
    let count = pages.len().to_string();
    let mut hits = Vec::new();

    // promotion.site-account-link, one hit per platform not linked.
    let x_found: Vec<&String> = pages.iter().flat_map(|f| f.x_profiles.iter()).collect();
    match &accounts.x {
        Some(handle) if !x_found.iter().any(|h| h.eq_ignore_ascii_case(handle)) => {
            let mut hit = Hit::new(ACCOUNT_LINK)
                .with("platform", "X")
                .with("account", format!("@{handle}"))
                .with("count", count.clone());
            if !x_found.is_empty() {
                hit = hit
                    .variant("other-account")
                    .with("found", at_list(&x_found));
            }
            hits.push(hit);
        }
        None if x_found.is_empty() => {
            hits.push(
                Hit::new(ACCOUNT_LINK)
                    .variant("any-account")
                    .with("platform", "X")
                    .with("count", count.clone()),
            );
        }
        _ => {}
    }
    if let Some(m) = &accounts.mastodon {
        let linked = pages.iter().any(|f| {
            f.mastodon_profiles
                .iter()
                .any(|(h, u)| *h == m.host && *u == m.user)
        });
        if !linked {
            hits.push(
                Hit::new(ACCOUNT_LINK)
                    .with("platform", "Mastodon")
                    .with("account", m.display())
                    .with("count", count.clone()),
            );
        }
    }
    if let Some(b) = &accounts.bluesky {
        let linked = pages.iter().any(|f| f.bluesky_profiles.contains(b));
        if !linked {
            hits.push(
                Hit::new(ACCOUNT_LINK)
                    .with("platform", "Bluesky")
                    .with("account", format!("@{b}"))
                    .with("count", count.clone()),
            );
        }
    }

    if pages.iter().all(|f| f.share.is_empty()) {
        hits.push(
            Hit::new(SHARE_BUTTON)
                .with("count", count.clone())
                .with("news", audit.pages.len().to_string()),
        );
    }
    if pages.iter().all(|f| f.embeds.is_empty()) {
        hits.push(Hit::new(EMBED).with("count", count.clone()));
    }
    if let Some(hit) = feed_hit(audit, params) {
        hits.push(hit);
    }

    if let Some(m) = &accounts.mastodon {
        let matches = |href: &String| {
            reqwest::Url::parse(href)
                .ok()
                .and_then(|u| page::mastodon_profile(&u))
                .is_some_and(|(h, u)| h == m.host && u == m.user)
        };
        if !home.facts.rel_me.iter().any(matches) {
            let mut hit = Hit::new(REL_ME)
                .with("account", m.display())
                .with("expected", m.profile_url())
                .with("page", home.url.to_string());
            if !home.facts.rel_me.is_empty() {
                hit = hit
                    .variant("other-target")
                    .with("found", home.facts.rel_me.join(", "));
            }
            hits.push(hit);
        }
    }
    hits
}

fn at_list(handles: &[&String]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for h in handles {
        let h = format!("@{h}");
        if !seen.iter().any(|s| s.eq_ignore_ascii_case(&h)) {
            seen.push(h);
        }
    }
    seen.join(", ")
}

fn feed_hit(audit: &SiteAudit, params: &SiteParams) -> Option<Hit> {
    if audit.feeds.is_empty() {
        // Announced by a page read but not read (over the limit): not judged.
        let announced = audit.pages_read().any(|p| !p.facts.feeds.is_empty());
        return (!announced).then(|| Hit::new(FEED));
    }
    let alive = audit.feeds.iter().any(|f| match &f.outcome {
        FeedOutcome::Read(FeedState::Dated { age_days, .. }) => {
            *age_days <= params.feed_max_age_days
        }
        // No date to judge by, or robots.txt forbids reading it: benefit of the doubt.
        FeedOutcome::Read(FeedState::Undated { .. }) | FeedOutcome::Robots => true,
        _ => false,
    });
    if alive {
        return None;
    }
    let first = &audit.feeds[0];
    let feed = first.url.to_string();
    let hit = match &first.outcome {
        FeedOutcome::Read(FeedState::Dated { newest, age_days }) => Hit::new(FEED)
            .variant("outdated")
            .with("feed", feed)
            .with(
                "date",
                long_date(
                    newest.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
                    params.lang,
                ),
            )
            .with("days", age_days.to_string())
            .with("max_days", params.feed_max_age_days.to_string()),
        FeedOutcome::Read(FeedState::Empty) => Hit::new(FEED).variant("empty").with("feed", feed),
        FeedOutcome::Read(FeedState::Unparseable(detail)) => Hit::new(FEED)
            .variant("unparseable")
            .with("feed", feed)
            .with("detail", detail.clone()),
        FeedOutcome::Failed(failure) => Hit::new(FEED)
            .variant("unreachable")
            .with("feed", feed)
            .with("detail", failure_detail(failure)),
        // Handled by `alive` above.
        FeedOutcome::Read(FeedState::Undated { .. }) | FeedOutcome::Robots => return None,
    };
    Some(hit)
}

/// The site could not be read: one hit whose variant is the reason.
pub fn unreachable_hit(
    audit: &SiteAudit,
    failure: &Failure,
    retries: u32,
    redirects: usize,
) -> Hit {
    let mut hit = Hit::new(UNREACHABLE)
        .variant(failure.code())
        .with("url", audit.url.to_string())
        .with("detail", failure_detail(failure))
        .with("retries", retries.to_string())
        .with("redirects", redirects.to_string());
    match failure {
        Failure::Status(status) => hit = hit.with("status", status.to_string()),
        Failure::Timeout(limit) => hit = hit.with("seconds", format_seconds(limit.as_secs_f64())),
        Failure::TooLarge(max) => hit = hit.with("max", format_megabytes(*max)),
        Failure::TooManyRedirects(max) => hit = hit.with("max", max.to_string()),
        Failure::NotHtml(media) => {
            hit = hit.with(
                "media",
                if media.is_empty() {
                    "?".into()
                } else {
                    media.clone()
                },
            )
        }
        _ => {}
    }
    hit
}

/// An invalid address given for a site of a list: reported like an
/// unreachable site, so each line of the list gets its result.
pub fn invalid_url_hit(url: &str, detail: &str) -> Hit {
    Hit::new(UNREACHABLE)
        .variant("invalid-url")
        .with("url", url)
        .with("detail", detail)
}

/// The technical detail of a failure (as the system or server said it).
pub fn failure_detail(failure: &Failure) -> String {
    match failure {
        Failure::Dns(d)
        | Failure::Tls(d)
        | Failure::Connect(d)
        | Failure::Dropped(d)
        | Failure::Other(d)
        | Failure::BadRedirect(d) => d.clone(),
        Failure::RedirectLoop(url) => url.clone(),
        Failure::Status(status) => format!("HTTP {status}"),
        Failure::Timeout(limit) => format!("{} s", format_seconds(limit.as_secs_f64())),
        Failure::TooManyRedirects(max) => format!("> {max}"),
        Failure::TooLarge(max) => format!("> {} MB", format_megabytes(*max)),
        Failure::NotHtml(media) => media.clone(),
    }
}

fn format_seconds(s: f64) -> String {
    if s.fract() == 0.0 {
        format!("{s:.0}")
    } else {
        format!("{s:.1}")
    }
}

fn format_megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb.fract() == 0.0 {
        format!("{mb:.0}")
    } else {
        format!("{mb:.1}")
    }
}
