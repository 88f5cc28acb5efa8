//! The handbook's side of the code: the rule reference generated from the
//! rule packs, the mdBook preprocessor that puts it in the book, and the
//! reader of the book's marked example posts (run by `tests/book.rs`).
//!
//! The reference and the checker read the same `rules/*.yaml`, so a rule's
//! page never says something the tool does not do.

pub mod examples;
#[cfg(feature = "cli")]
pub mod preprocessor;
pub mod reference;

/// Name of the preprocessor in `book.toml` (`[preprocessor.twitterritorial-rules]`).
pub const PREPROCESSOR_NAME: &str = "twitterritorial-rules";

/// The line of `regles.md` the preprocessor replaces with the reference.
pub const MARKER: &str = "{{#twitterritorial-rules}}";

/// The HTML id of a rule's section: the id with `.` replaced by `-`
/// (`hashtag.too-many` → `hashtag-too-many`). mdBook would drop the dots of
/// an automatic heading id, so the reference writes this one explicitly, and
/// the `help` link of every finding ends with it.
pub fn rule_anchor(rule_id: &str) -> String {
    rule_id.replace('.', "-")
}
