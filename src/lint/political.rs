//! Political kinds: `political-partisan`, `political-achievement` and
//! `political-election-eve` plug the detector of [`crate::political`] into
//! the engine.
//!
//! One detector, compiled from the pack's `data:`, decides the three rules
//! in one pass over a post; the three checks share its result through the
//! post view, so the pass runs once per post whatever the number of
//! political rules turned on. The calendar is the built-in one plus the
//! configuration's `elections:`; the post's date (else `today`) places it.

use super::{Account, Hit, PostCheck, PostView, params};
use crate::locale::Localized;
use crate::political::{
    ACHIEVEMENT, Calendar, Detector, ELECTION_EVE, Election, PARTISAN, PackData,
};
use crate::rules::{AppliesTo, CheckSpec, KindInfo};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::Arc;

const PLACEHOLDERS: &[&str] = &["words", "why", "period"];

pub(crate) const PARTISAN_KIND: KindInfo = KindInfo {
    name: "political-partisan",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: PLACEHOLDERS,
    validate: Some(validate),
};

pub(crate) const ACHIEVEMENT_KIND: KindInfo = KindInfo {
    name: "political-achievement",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: PLACEHOLDERS,
    validate: Some(validate),
};

pub(crate) const ELECTION_EVE_KIND: KindInfo = KindInfo {
    name: "political-election-eve",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: PLACEHOLDERS,
    validate: Some(validate),
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoParams {}

/// Checks a political rule when its pack is read: no parameters, and a
/// `data:` the detector accepts (compiling it waits for the linter).
fn validate(spec: &CheckSpec, data: &serde_json::Value) -> Result<(), String> {
    let _: NoParams = params(spec)?;
    // Read from the value in place: a copy of the pack's data (its score
    // weights are some 200 kB of text) cost more than reading it.
    let pack = PackData::deserialize(data).map_err(|e| format!("political `data:`: {e}"))?;
    pack.validate().map_err(|e| e.to_string())
}

/// The calendar of an account: built-in elections plus the configuration's.
pub(crate) fn calendar(account: &crate::config::Config) -> Calendar {
    let mut calendar = Calendar::builtin();
    for e in &account.elections {
        calendar.add(Election {
            name: e.name.clone(),
            date: e.date,
            second_round: e.second_round,
            source: None,
            provisional: false,
        });
    }
    calendar
}

/// The detector of a pack, compiled once per linter and shared by its
/// three rules (keyed by the pack's `data:`).
fn detector(data: &serde_json::Value, account: &Account) -> Result<Arc<Detector>, String> {
    let key = std::ptr::from_ref(data) as usize;
    let mut cache = account
        .detectors
        .lock()
        .map_err(|_| "detector cache poisoned".to_string())?;
    if let Some((_, d)) = cache.iter().find(|(k, _)| *k == key) {
        return Ok(Arc::clone(d));
    }
    // Read from the value in place: a copy of the pack's data (its score
    // weights are some 200 kB of text) cost more than reading it.
    let pack = PackData::deserialize(data).map_err(|e| format!("political `data:`: {e}"))?;
    // The detector fills the rules' messages itself; when the pack is only
    // being validated, stand-in messages will do.
    let mut messages: BTreeMap<String, Localized> = account.political_messages.clone();
    for id in [PARTISAN, ACHIEVEMENT, ELECTION_EVE] {
        messages.entry(id.to_string()).or_insert_with(|| Localized {
            fr: "{words} ({why}). {period}".into(),
            en: "{words} ({why}). {period}".into(),
        });
    }
    let d = Arc::new(Detector::from_parts(&pack, &messages).map_err(|e| e.to_string())?);
    cache.push((key, Arc::clone(&d)));
    Ok(d)
}

struct Political {
    /// The rule this check reports (the detector decides all three).
    rule: &'static str,
    detector: Arc<Detector>,
    calendar: Arc<Calendar>,
    lang: crate::locale::Lang,
}

fn build(
    rule: &'static str,
    spec: &CheckSpec,
    data: &serde_json::Value,
    account: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let _: NoParams = params(spec)?;
    Ok(Box::new(Political {
        rule,
        detector: detector(data, account)?,
        calendar: Arc::clone(&account.calendar),
        lang: account.config.lang,
    }))
}

pub(crate) fn build_partisan(
    spec: &CheckSpec,
    data: &serde_json::Value,
    account: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    build(PARTISAN, spec, data, account)
}

pub(crate) fn build_achievement(
    spec: &CheckSpec,
    data: &serde_json::Value,
    account: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    build(ACHIEVEMENT, spec, data, account)
}

pub(crate) fn build_election_eve(
    spec: &CheckSpec,
    data: &serde_json::Value,
    account: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    build(ELECTION_EVE, spec, data, account)
}

impl PostCheck for Political {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        let key = Arc::as_ptr(&self.detector) as usize;
        let run = || {
            (
                key,
                self.detector
                    .check(post.text, post.date, &self.calendar, self.lang),
            )
        };
        let cached = post.political.get_or_init(run);
        // Another pack's detector (not the one cached): run it uncached.
        let own;
        let findings = if cached.0 == key {
            &cached.1
        } else {
            own = run();
            &own.1
        };
        for f in findings.iter().filter(|f| f.rule == self.rule) {
            hits.push(Hit {
                span: f.span.clone(),
                severity: Some(f.severity),
                message: Some(f.message.clone()),
                ..Hit::default()
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Election;
    use crate::diagnostic::Severity;
    use crate::lint::{Linter, Post};
    use crate::rules::{RuleSet, example_config};
    use jiff::civil::date;

    fn check(
        text: &str,
        day: jiff::civil::Date,
        config: &crate::config::Config,
    ) -> Vec<crate::diagnostic::Finding> {
        let set = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
        let linter = Linter::new(&set, config).unwrap_or_else(|e| panic!("{e}"));
        let mut post = Post::new(text);
        post.date = Some(day);
        linter
            .check_post(&post, date(2026, 6, 15))
            .into_iter()
            .filter(|f| f.rule.starts_with("political."))
            .collect()
    }

    #[test]
    fn partisan_posts_are_errors_at_any_time() {
        let f = check(
            "Le 15 mars, votez pour la liste de Jean Dupont !",
            date(2026, 1, 20),
            &example_config(),
        );
        assert!(
            f.iter()
                .any(|f| f.rule == "political.partisan" && f.severity == Severity::Error),
            "{f:#?}"
        );
        assert!(
            check(
                "Bureaux de vote ouverts de 8h à 18h.",
                date(2026, 1, 20),
                &example_config()
            )
            .is_empty()
        );
    }

    #[test]
    fn a_configured_by_election_opens_a_window() {
        let text =
            "Promesse tenue : trois écoles rénovées grâce à l’action de la majorité municipale !";
        let outside = check(text, date(2026, 9, 1), &example_config());
        let mut config = example_config();
        config.elections.push(Election {
            name: "Municipale partielle".into(),
            date: date(2026, 12, 6),
            second_round: Some(date(2026, 12, 13)),
        });
        let inside = check(text, date(2026, 9, 1), &config);
        let sev = |f: &[crate::diagnostic::Finding]| {
            f.iter()
                .find(|f| f.rule == "political.achievement")
                .map(|f| f.severity)
        };
        assert_eq!(sev(&outside), Some(Severity::Info), "{outside:#?}");
        assert_eq!(sev(&inside), Some(Severity::Error), "{inside:#?}");
    }

    #[test]
    fn config_severity_wins_over_the_calendar() {
        let text =
            "Promesse tenue : trois écoles rénovées grâce à l’action de la majorité municipale !";
        let mut config = example_config();
        config.rules.insert(
            "political.achievement".into(),
            crate::config::RuleSetting::Severity(Severity::Warning),
        );
        let f = check(text, date(2026, 1, 20), &config);
        assert!(
            f.iter()
                .any(|f| f.rule == "political.achievement" && f.severity == Severity::Warning),
            "{f:#?}"
        );
    }
}
