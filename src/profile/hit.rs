//! A rule raised by a check, before it becomes a [`Finding`]: which rule,
//! which message variant, the values of its placeholders, where. The
//! profile and site checks produce hits; the rule pack turns them into
//! findings (severity, message in the run's language).

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
}

impl Hit {
    pub fn new(rule: &'static str) -> Hit {
        Hit {
            rule,
            variant: None,
            values: Vec::new(),
            span: 0..0,
            source: 0,
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
