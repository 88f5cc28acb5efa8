//! `twitterritorial site`: does the collectivité's website promote its
//! account? Reads the home page and a few news pages, like a careful
//! visitor, and reports the promotion rules of `rules/site.yaml`.

#[cfg(feature = "cli")]
pub mod audit;
#[cfg(feature = "cli")]
pub mod checks;
#[cfg(feature = "cli")]
pub mod decode;
#[cfg(feature = "cli")]
pub mod feed;
#[cfg(feature = "cli")]
pub mod fetch;
#[cfg(feature = "cli")]
pub mod markers;
#[cfg(feature = "cli")]
pub mod page;
#[cfg(feature = "cli")]
pub mod robots;
#[cfg(feature = "cli")]
pub mod sitemap;

use crate::rules::{AppliesTo, CheckSpec, KindInfo};

#[cfg(feature = "cli")]
pub use rules::SiteRules;

#[cfg(feature = "cli")]
mod rules {
    use super::audit::{Accounts, SiteAudit};
    use super::checks::{self, SiteParams};
    use super::markers::Markers;
    use crate::config::{Config, ConfigError};
    use crate::diagnostic::Finding;
    use crate::profile::hit::{ActiveRules, Hit};
    use crate::rules::{AppliesTo, RuleSet};

    /// The site rules compiled for one configuration: which rules run, the
    /// markers the page analyser looks for, the checks' parameters.
    #[derive(Clone, Debug)]
    pub struct SiteRules {
        pub rules: ActiveRules,
        pub markers: Markers,
        pub params: SiteParams,
    }

    impl SiteRules {
        pub fn new(set: &RuleSet, config: &Config) -> Result<SiteRules, ConfigError> {
            let rules = ActiveRules::new(set, config, AppliesTo::Site)?;
            // The markers are the data of the built-in site pack, needed to
            // crawl even when some of its rules are off.
            let pack = set
                .rules()
                .iter()
                .find(|r| r.pack == "site" && r.origin.builtin);
            let markers = match pack {
                Some(rule) => Markers::from_pack_data(&rule.data).map_err(|e| {
                    ConfigError::file(
                        &rule.origin.file,
                        format!("données du pack invalides\u{a0}: {e}"),
                        format!("invalid pack data: {e}"),
                    )
                })?,
                None => Markers::new(&super::markers::SiteData::default())
                    .map_err(|e| ConfigError::file("rules/site.yaml", e.clone(), e))?,
            };
            let mut params = SiteParams {
                lang: config.lang,
                ..SiteParams::default()
            };
            if let Some(days) = rules
                .get(checks::FEED)
                .and_then(|r| r.check.params.get("max_age_days"))
                .and_then(|d| d.as_i64())
            {
                params.feed_max_age_days = days;
            }
            Ok(SiteRules {
                rules,
                markers,
                params,
            })
        }

        /// The findings of one audit (spans are empty: the "file" is the URL).
        pub fn findings(&self, audit: &SiteAudit, accounts: &Accounts) -> Vec<Finding> {
            self.render(&checks::check(audit, accounts, &self.params))
        }

        pub fn render(&self, hits: &[Hit]) -> Vec<Finding> {
            hits.iter().filter_map(|h| self.rules.finding(h)).collect()
        }
    }

    /// The accounts a configuration names.
    pub fn accounts_of(config: &Config) -> Result<Accounts, String> {
        let a = &config.account;
        Accounts::new(
            a.handle.as_deref(),
            a.mastodon.as_deref(),
            a.bluesky.as_deref(),
        )
    }
}

#[cfg(feature = "cli")]
pub use rules::accounts_of;

/// The pack's `data:` must hold valid markers (CSS selectors are only
/// compiled where the HTML parser is, with the `cli` feature).
fn validate_data(spec: &CheckSpec, data: &serde_json::Value) -> Result<(), String> {
    if let Some(key) = spec
        .params
        .keys()
        .find(|k| !(spec.kind == "site-feed" && *k == "max_age_days"))
    {
        return Err(format!("unknown parameter `{key}`"));
    }
    if let Some(days) = spec.params.get("max_age_days")
        && days.as_u64().is_none_or(|d| d == 0)
    {
        return Err("max_age_days: a whole number of days, 1 or more".into());
    }
    #[cfg(feature = "cli")]
    markers::Markers::from_pack_data(data)?;
    #[cfg(not(feature = "cli"))]
    let _ = data;
    Ok(())
}

const fn kind(
    name: &'static str,
    variants: &'static [&'static str],
    placeholders: &'static [&'static str],
) -> KindInfo {
    KindInfo {
        name,
        applies_to: AppliesTo::Site,
        variants,
        placeholders,
        validate: Some(validate_data),
    }
}

/// The check kinds of `rules/site.yaml`, for the rule loader.
pub static KINDS: &[KindInfo] = &[
    kind(
        "site-unreachable",
        &[
            "dns",
            "tls",
            "connect",
            "timeout",
            "http-status",
            "too-many-redirects",
            "redirect-loop",
            "bad-redirect",
            "too-large",
            "connection-dropped",
            "not-html",
            "invalid-url",
            "other",
        ],
        &[
            "url",
            "detail",
            "status",
            "seconds",
            "max",
            "retries",
            "redirects",
            "media",
        ],
    ),
    kind(
        "site-account-link",
        &["other-account", "any-account"],
        &["platform", "account", "found", "count"],
    ),
    kind("site-share-button", &[], &["count", "news"]),
    kind("site-embed", &[], &["count"]),
    kind(
        "site-feed",
        &["unreachable", "unparseable", "empty", "outdated"],
        &["feed", "detail", "date", "days", "max_days"],
    ),
    kind(
        "site-rel-me",
        &["other-target"],
        &["account", "expected", "page", "found"],
    ),
];
