//! Measured facts about an account, filled by the profile, site and archive
//! audits, that answer some questions of the self-assessment.
//!
//! Each audit fills the part it can see and leaves the rest `None` ("not
//! measured"). A question names the fact that answers it with
//! `measured_by: group.field` in `rules/assessment.yaml`; [`merge`] then puts
//! the measurement in place of the declared answer and records both, so the
//! report can say which answers were measured.
//!
//! The structs are plain data with no I/O so that the audits (behind the
//! `cli` feature) and the browser can both build them.

use super::answers::{Answer, AnswerValue, Answers, Source};
use super::model::{Model, QuestionType};
use serde::{Deserialize, Serialize};

/// Everything the audits measured.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Evidence {
    pub profile: ProfileEvidence,
    pub site: SiteEvidence,
    pub archive: ArchiveEvidence,
}

/// Facts read from the account's profile (`--profile FILE`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProfileEvidence {
    /// The handle is 15 characters at most, letters, digits and `_`.
    pub handle_short: Option<bool>,
    /// The display name states the institution ("Ville de …", "Mairie de …").
    pub display_name_institution: Option<bool>,
    /// The bio says it is the official account.
    pub bio_official: Option<bool>,
    /// The profile's website link points to the collectivité's own domain.
    pub website_official: Option<bool>,
    /// The profile (bio, link or pinned post) links to a moderation charter.
    pub moderation_charter: Option<bool>,
    /// The account carries the government label (X), a verified link
    /// (Mastodon) or the website's domain as handle (Bluesky).
    pub verified: Option<bool>,
    /// The profile or pinned post states when the account answers.
    pub response_hours: Option<bool>,
}

/// Facts read from the collectivité's website (`--site URL`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SiteEvidence {
    /// The home page links to the account (x.com/…, twitter.com/…, the
    /// Mastodon or Bluesky profile).
    pub links_to_account: Option<bool>,
    /// News pages carry share buttons.
    pub share_buttons: Option<bool>,
    /// The site embeds posts of the account.
    pub embedded_posts: Option<bool>,
    /// The site publishes an RSS or Atom feed of its news.
    pub feed: Option<bool>,
}

/// Facts computed from the account's history (`--archive PATH`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ArchiveEvidence {
    /// Posts and replies per week (reposts excluded), over the period.
    pub posts_per_week: Option<f64>,
    /// Weeks with at least one post, on a scale of 12 weeks: from an
    /// archive, the share of active calendar weeks over its period × 12.
    pub active_weeks_last_12: Option<f64>,
    /// Some posts come from an automation tool (RSS relay, scheduler), by the
    /// post's `source` field.
    pub automation: Option<bool>,
    /// At least one hand-made post (not automated, not a reply or repost)
    /// per month on average.
    pub manual_posts: Option<bool>,
    /// Share of the account's posts that are replies to other accounts, in %.
    pub reply_share: Option<f64>,
    /// Reposts (retweets, boosts) per month.
    pub reposts_per_month: Option<f64>,
    /// Questions put to residents and polls, per month.
    pub questions_per_month: Option<f64>,
}

/// Profile rules (`rules/profile.yaml`) whose silence proves a fact: when
/// the rule ran and found nothing, the fact holds; when it found something,
/// it does not.
pub const PROFILE_RULE_FACTS: &[(&str, &str)] = &[
    ("profile.handle-length", "handle_short"),
    ("profile.display-name", "display_name_institution"),
    ("profile.bio-official", "bio_official"),
    ("profile.website", "website_official"),
    ("profile.moderation-charter", "moderation_charter"),
    ("profile.contact-hours", "response_hours"),
];

/// Site rules (`rules/site.yaml`) whose silence proves a fact.
pub const SITE_RULE_FACTS: &[(&str, &str)] = &[
    ("promotion.site-account-link", "links_to_account"),
    ("promotion.site-share-button", "share_buttons"),
    ("promotion.site-embed", "embedded_posts"),
    ("promotion.site-feed", "feed"),
];

/// The site rule that says the site could not be read: then nothing is
/// measured, whatever the other rules say.
pub const SITE_UNREACHABLE_RULE: &str = "site.unreachable";

/// Whether a fact holds, from the rules that ran (`ran`) and those that
/// found something (`found`): `None` when its rule did not run (switched
/// off in the configuration, for example).
fn fact_from_rules(rule: &str, ran: &[&str], found: &[&str]) -> Option<bool> {
    ran.contains(&rule).then(|| !found.contains(&rule))
}

impl ProfileEvidence {
    /// The facts a profile check proves. `ran`: ids of the profile rules
    /// that ran; `found`: ids of those with a finding; `verified`: the
    /// profile's verification or government label, when the profile says.
    pub fn from_rules(ran: &[&str], found: &[&str], verified: Option<bool>) -> ProfileEvidence {
        let fact = |name: &str| {
            PROFILE_RULE_FACTS
                .iter()
                .find(|(_, field)| *field == name)
                .and_then(|(rule, _)| fact_from_rules(rule, ran, found))
        };
        ProfileEvidence {
            handle_short: fact("handle_short"),
            display_name_institution: fact("display_name_institution"),
            bio_official: fact("bio_official"),
            website_official: fact("website_official"),
            moderation_charter: fact("moderation_charter"),
            verified,
            response_hours: fact("response_hours"),
        }
    }
}

impl SiteEvidence {
    /// The facts a site audit proves, from its rules as for the profile.
    pub fn from_rules(ran: &[&str], found: &[&str]) -> SiteEvidence {
        if found.contains(&SITE_UNREACHABLE_RULE) {
            return SiteEvidence::default();
        }
        let fact = |name: &str| {
            SITE_RULE_FACTS
                .iter()
                .find(|(_, field)| *field == name)
                .and_then(|(rule, _)| fact_from_rules(rule, ran, found))
        };
        SiteEvidence {
            links_to_account: fact("links_to_account"),
            share_buttons: fact("share_buttons"),
            embedded_posts: fact("embedded_posts"),
            feed: fact("feed"),
        }
    }
}

impl ArchiveEvidence {
    /// The facts an archive audit measured, in the units of the questions.
    /// An archive without a single post measures nothing.
    pub fn from_audit(report: &crate::archive::measures::AuditReport) -> ArchiveEvidence {
        let totals = &report.totals;
        let days = report.regularity.days;
        if days == 0 || totals.posts == 0 {
            return ArchiveEvidence::default();
        }
        let one_decimal = |x: f64| (x * 10.0).round() / 10.0;
        // Short archives count as one week or one month, not a fraction,
        // so a week of history does not multiply into a busy account.
        let weeks = (days as f64 / 7.0).max(1.0);
        let months = (days as f64 / 30.44).max(1.0);
        let own = totals.own_posts();
        let hand_made = totals.originals.saturating_sub(totals.automated);
        // Reposts of local accounts when the configuration lists them;
        // otherwise every repost is taken as local.
        let reposts = if report.account.local_accounts > 0 {
            totals.local_reposts
        } else {
            totals.reposts
        };
        let calendar_weeks = report.regularity.calendar_weeks.max(1);
        ArchiveEvidence {
            posts_per_week: Some(one_decimal(own as f64 / weeks)),
            active_weeks_last_12: Some(one_decimal(
                12.0 * report.regularity.active_weeks as f64 / calendar_weeks as f64,
            )),
            automation: Some(totals.automated > 0),
            manual_posts: Some(hand_made as f64 / months >= 1.0),
            reply_share: (own > 0).then(|| one_decimal(100.0 * totals.replies as f64 / own as f64)),
            reposts_per_month: Some(one_decimal(reposts as f64 / months)),
            questions_per_month: Some(one_decimal(
                (totals.questions + totals.polls) as f64 / months,
            )),
        }
    }
}

/// Kind of value an evidence key holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvidenceKind {
    /// Answers a yes-no question.
    Flag,
    /// Answers a number question.
    Number,
}

/// A measured value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measured {
    Flag(bool),
    Number(f64),
}

/// Every evidence key, with its kind. Keys are `group.field`, the names of
/// the struct fields above.
pub const EVIDENCE_KEYS: &[(&str, EvidenceKind)] = &[
    ("profile.handle_short", EvidenceKind::Flag),
    ("profile.display_name_institution", EvidenceKind::Flag),
    ("profile.bio_official", EvidenceKind::Flag),
    ("profile.website_official", EvidenceKind::Flag),
    ("profile.moderation_charter", EvidenceKind::Flag),
    ("profile.verified", EvidenceKind::Flag),
    ("profile.response_hours", EvidenceKind::Flag),
    ("site.links_to_account", EvidenceKind::Flag),
    ("site.share_buttons", EvidenceKind::Flag),
    ("site.embedded_posts", EvidenceKind::Flag),
    ("site.feed", EvidenceKind::Flag),
    ("archive.posts_per_week", EvidenceKind::Number),
    ("archive.active_weeks_last_12", EvidenceKind::Number),
    ("archive.automation", EvidenceKind::Flag),
    ("archive.manual_posts", EvidenceKind::Flag),
    ("archive.reply_share", EvidenceKind::Number),
    ("archive.reposts_per_month", EvidenceKind::Number),
    ("archive.questions_per_month", EvidenceKind::Number),
];

pub fn evidence_kind(key: &str) -> Option<EvidenceKind> {
    EVIDENCE_KEYS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, kind)| *kind)
}

impl Evidence {
    /// The measured value of a key, if the audit measured it.
    pub fn get(&self, key: &str) -> Option<Measured> {
        let flag = |v: Option<bool>| v.map(Measured::Flag);
        // Negative or non-finite counts cannot come from a real measurement.
        let number = |v: Option<f64>| {
            v.filter(|n| n.is_finite() && *n >= 0.0)
                .map(Measured::Number)
        };
        let p = &self.profile;
        let s = &self.site;
        let a = &self.archive;
        match key {
            "profile.handle_short" => flag(p.handle_short),
            "profile.display_name_institution" => flag(p.display_name_institution),
            "profile.bio_official" => flag(p.bio_official),
            "profile.website_official" => flag(p.website_official),
            "profile.moderation_charter" => flag(p.moderation_charter),
            "profile.verified" => flag(p.verified),
            "profile.response_hours" => flag(p.response_hours),
            "site.links_to_account" => flag(s.links_to_account),
            "site.share_buttons" => flag(s.share_buttons),
            "site.embedded_posts" => flag(s.embedded_posts),
            "site.feed" => flag(s.feed),
            "archive.posts_per_week" => number(a.posts_per_week),
            "archive.active_weeks_last_12" => number(a.active_weeks_last_12),
            "archive.automation" => flag(a.automation),
            "archive.manual_posts" => flag(a.manual_posts),
            "archive.reply_share" => number(a.reply_share),
            "archive.reposts_per_month" => number(a.reposts_per_month),
            "archive.questions_per_month" => number(a.questions_per_month),
            _ => None,
        }
    }

    /// Adds what another audit measured; a fact measured by both keeps the
    /// value of `other` (the later audit).
    pub fn absorb(&mut self, other: Evidence) {
        fn take<T>(mine: &mut Option<T>, theirs: Option<T>) {
            if theirs.is_some() {
                *mine = theirs;
            }
        }
        let (p, o) = (&mut self.profile, other.profile);
        take(&mut p.handle_short, o.handle_short);
        take(&mut p.display_name_institution, o.display_name_institution);
        take(&mut p.bio_official, o.bio_official);
        take(&mut p.website_official, o.website_official);
        take(&mut p.moderation_charter, o.moderation_charter);
        take(&mut p.verified, o.verified);
        take(&mut p.response_hours, o.response_hours);
        let (s, o) = (&mut self.site, other.site);
        take(&mut s.links_to_account, o.links_to_account);
        take(&mut s.share_buttons, o.share_buttons);
        take(&mut s.embedded_posts, o.embedded_posts);
        take(&mut s.feed, o.feed);
        let (a, o) = (&mut self.archive, other.archive);
        take(&mut a.posts_per_week, o.posts_per_week);
        take(&mut a.active_weeks_last_12, o.active_weeks_last_12);
        take(&mut a.automation, o.automation);
        take(&mut a.manual_posts, o.manual_posts);
        take(&mut a.reply_share, o.reply_share);
        take(&mut a.reposts_per_month, o.reposts_per_month);
        take(&mut a.questions_per_month, o.questions_per_month);
    }

    /// How many facts were measured.
    pub fn count(&self) -> usize {
        EVIDENCE_KEYS
            .iter()
            .filter(|(k, _)| self.get(k).is_some())
            .count()
    }
}

/// Puts measurements in place of declared answers. A measured answer always
/// wins: the declared one is kept in [`Answer::declared`] so the report can
/// show both. A number measurement above the question's `max` is capped to it.
pub fn merge(model: &Model, answers: &Answers, evidence: &Evidence) -> Answers {
    let mut merged = answers.clone();
    for question in model.questions() {
        let Some(key) = &question.measured_by else {
            continue;
        };
        let Some(measured) = evidence.get(key) else {
            continue;
        };
        let value = match (question.kind, measured) {
            (QuestionType::YesNo, Measured::Flag(b)) => AnswerValue::Bool(b),
            (QuestionType::Number, Measured::Number(n)) => {
                AnswerValue::Number(question.max.map_or(n, |max| n.min(max)))
            }
            // Model::check forbids other pairs.
            _ => continue,
        };
        let declared = answers
            .get(&question.id)
            .filter(|a| a.source == Source::Declared)
            .and_then(|a| a.value.clone());
        merged.set(
            &question.id,
            Answer {
                value: Some(value),
                source: Source::Measured,
                evidence: Some(key.clone()),
                declared,
            },
        );
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_silent_rule_proves_its_fact_and_a_rule_that_did_not_run_proves_nothing() {
        let ran = [
            "profile.handle-length",
            "profile.bio-official",
            "profile.website",
        ];
        let found = ["profile.bio-official"];
        let p = ProfileEvidence::from_rules(&ran, &found, Some(true));
        assert_eq!(p.handle_short, Some(true));
        assert_eq!(p.bio_official, Some(false));
        assert_eq!(p.website_official, Some(true));
        assert_eq!(p.moderation_charter, None, "rule did not run");
        assert_eq!(p.verified, Some(true));
    }

    #[test]
    fn an_unreachable_site_measures_nothing() {
        let ran: Vec<&str> = SITE_RULE_FACTS
            .iter()
            .map(|(r, _)| *r)
            .chain([SITE_UNREACHABLE_RULE])
            .collect();
        let s = SiteEvidence::from_rules(&ran, &["promotion.site-share-button"]);
        assert_eq!(s.links_to_account, Some(true));
        assert_eq!(s.share_buttons, Some(false));
        assert_eq!(
            SiteEvidence::from_rules(&ran, &[SITE_UNREACHABLE_RULE]),
            SiteEvidence::default()
        );
    }

    #[test]
    fn every_fact_field_is_an_evidence_key() {
        for (_, field) in PROFILE_RULE_FACTS {
            assert!(
                evidence_kind(&format!("profile.{field}")).is_some(),
                "{field}"
            );
        }
        for (_, field) in SITE_RULE_FACTS {
            assert!(evidence_kind(&format!("site.{field}")).is_some(), "{field}");
        }
    }
}
