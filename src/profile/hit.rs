//! A rule raised by a check, before it becomes a [`Finding`]: which rule,
//! which message variant, the values of its placeholders, where. The
//! profile and site checks produce hits; the rule pack turns them into
//! findings (severity, message in the run's language).

use crate::config::{Config, ConfigError, RuleSetting};
use crate::diagnostic::{Finding, Severity};
use crate::locale::{Lang, fill};
use crate::rules::{AppliesTo, Rule, RuleSet};
use std::ops::Range;

/// One rule raised by a profile or site check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Rule id (`profile.website`).
    pub rule: &'static str,
    /// Message variant (a key of the rule's `messages:`), `None`: the main one.
    pub variant: Option<&'static str>,
    /// Placeholder values.
    pub values: Vec<(&'static str, String)>,
    /// Where, in the text of `source` (empty range: the whole input).
    pub span: Range<usize>,
    /// Which text the span is in (profile sources; 0 for a site).
    pub source: usize,
    /// A severity other than the rule's, for this case only.
    pub severity: Option<Severity>,
}

impl Hit {
    pub fn new(rule: &'static str) -> Hit {
        Hit {
            rule,
            variant: None,
            values: Vec::new(),
            span: 0..0,
            source: 0,
            severity: None,
        }
    }

    pub fn variant(mut self, variant: &'static str) -> Hit {
        self.variant = Some(variant);
        self
    }

    pub fn with(mut self, key: &'static str, value: impl Into<String>) -> Hit {
        self.values.push((key, value.into()));
        self
    }

    pub fn severity(mut self, severity: Severity) -> Hit {
        self.severity = Some(severity);
        self
    }

    pub fn at(mut self, source: usize, span: Range<usize>) -> Hit {
        self.source = source;
        self.span = span;
        self
    }

    /// The value of a placeholder, if set.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// The rules of one command (profile or site) for one configuration: rules
/// turned `off` left out, severities overridden, messages in the run's
/// language. Turns hits into findings.
#[derive(Clone, Debug)]
pub struct ActiveRules {
    rules: Vec<(Rule, Severity, bool)>,
    lang: Lang,
}

impl ActiveRules {
    /// The rules of `set` that apply to `applies_to`, as `config` sets them.
    /// Fails when the configuration names a rule that does not exist.
    pub fn new(
        set: &RuleSet,
        config: &Config,
        applies_to: AppliesTo,
    ) -> Result<ActiveRules, ConfigError> {
        config.check_rule_ids(set.ids())?;
        let mut rules = Vec::new();
        for rule in set.rules().iter().filter(|r| r.applies_to == applies_to) {
            let (severity, fixed) = match config.rule_setting(&rule.id) {
                Some(RuleSetting::Off) => continue,
                Some(RuleSetting::Severity(s)) => (s, true),
                None => (rule.severity, false),
            };
            rules.push((rule.clone(), severity, fixed));
        }
        Ok(ActiveRules {
            rules,
            lang: config.lang,
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The rule of this id, when it runs.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|(r, _, _)| r.id == id)
            .map(|(r, _, _)| r)
    }

    /// Every rule that runs.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().map(|(r, _, _)| r)
    }

    /// The finding of a hit; `None` when its rule is off (or unknown).
    /// A hit may lower or raise its rule's severity (a `t.co` website that
    /// could not be checked is only an info) unless the configuration
    /// fixed the severity.
    pub fn finding(&self, hit: &Hit) -> Option<Finding> {
        let (rule, severity, fixed) = self.rules.iter().find(|(r, _, _)| r.id == hit.rule)?;
        let template = rule.message_for(hit.variant).get(self.lang);
        let severity = if *fixed {
            *severity
        } else {
            hit.severity.unwrap_or(*severity)
        };
        Some(Finding {
            rule: rule.id.clone(),
            severity,
            span: hit.span.clone(),
            message: fill(template, &hit.values),
            fix: None,
        })
    }
}
