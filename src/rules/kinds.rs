//! The registry of check kinds: the Rust code a rule's `check: {kind: …}`
//! runs. A pack may only name a kind listed here.

use super::{AppliesTo, CheckSpec};

/// Checks a kind's parameters (and its pack's `data:`) when a pack is read.
pub type ValidateFn = fn(&CheckSpec, &serde_json::Value) -> Result<(), String>;

/// What the rule loader knows about a check kind.
#[derive(Clone, Copy, Debug)]
pub struct KindInfo {
    /// The name written after `kind:`.
    pub name: &'static str,
    /// What the kind looks at; a rule's `applies_to` must say the same.
    pub applies_to: AppliesTo,
    /// Keys allowed under the rule's `messages:` (special cases the check
    /// reports with their own message).
    pub variants: &'static [&'static str],
    /// `{placeholders}` the check fills in messages.
    pub placeholders: &'static [&'static str],
    /// Checks the parameters when the pack is read (`None`: the kind's
    /// owner checks them when it runs).
    pub validate: Option<ValidateFn>,
}

/// Kinds run by other commands (profile, site, archive), registered by the
/// modules that run them.
pub static OTHER_KINDS: &[KindInfo] = &[];

/// Every known kind.
pub fn all() -> impl Iterator<Item = &'static KindInfo> {
    crate::lint::KINDS
        .iter()
        .chain(OTHER_KINDS.iter())
        .chain(crate::profile::KINDS.iter())
        .chain(crate::site::KINDS.iter())
}

/// The kind of this name.
pub fn find(name: &str) -> Option<&'static KindInfo> {
    all().find(|k| k.name == name)
}
