//! The mdBook preprocessor `twitterritorial-rules`: replaces the marker line
//! of the rule reference chapter with the reference generated from the rule
//! packs, in the book's language (`book.language` of `book.toml`).
//!
//! mdBook runs it as `twitterritorial book-preprocessor` (see
//! `src/cli/book_preprocessor.rs`); the test suite registers it in process
//! under the same name.

use super::{MARKER, PREPROCESSOR_NAME, reference};
use crate::locale::Lang;
use crate::rules::RuleSet;
use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::{Error, Result};
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

/// Puts the rule reference in the book.
pub struct RulesPreprocessor {
    rules: RuleSet,
}

impl RulesPreprocessor {
    /// With the rule packs shipped in the binary (what the checker runs).
    pub fn builtin() -> Result<RulesPreprocessor> {
        let rules = RuleSet::builtin()
            .map_err(|e| Error::msg(format!("the built-in rule packs do not load: {e}")))?;
        Ok(RulesPreprocessor { rules })
    }

    /// With a given rule set.
    pub fn new(rules: RuleSet) -> RulesPreprocessor {
        RulesPreprocessor { rules }
    }

    /// The language of a book: its `book.language` (`fr` when absent).
    pub fn book_lang(ctx: &PreprocessorContext) -> Result<Lang> {
        match ctx.config.book.language.as_deref() {
            None => Ok(Lang::default()),
            Some(code) => code.parse::<Lang>().map_err(|e| {
                Error::msg(format!("book.toml: `book.language = \"{code}\"`: {e}; the rule reference exists in fr and en"))
            }),
        }
    }
}

impl Preprocessor for RulesPreprocessor {
    fn name(&self) -> &str {
        PREPROCESSOR_NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let lang = Self::book_lang(ctx)?;
        let generated = reference::rule_reference(&self.rules, lang);
        let mut replaced = 0usize;
        book.for_each_mut(|item| {
            if let BookItem::Chapter(chapter) = item
                && let Some(content) = replace_marker_lines(&chapter.content, &generated)
            {
                chapter.content = content;
                replaced += 1;
            }
        });
        if replaced == 0 {
            // A book that declares the preprocessor but lost the marker would
            // publish a reference page with no rule in it.
            return Err(Error::msg(format!(
                "no chapter holds the marker line `{MARKER}`: put it in the rule reference chapter (regles.md), \
                 or remove [preprocessor.{PREPROCESSOR_NAME}] from book.toml"
            )));
        }
        Ok(book)
    }
}

/// Replaces every line that is exactly the marker (spaces around allowed);
/// `None` when there is none. A marker inside a sentence or a code block is
/// left alone: the handbook may mention it.
fn replace_marker_lines(content: &str, generated: &str) -> Option<String> {
    if !content.contains(MARKER) {
        return None;
    }
    let mut out = String::with_capacity(content.len() + generated.len());
    let mut in_fence = false;
    let mut found = false;
    for line in content.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && trimmed == MARKER {
            found = true;
            out.push_str(generated);
            if !generated.ends_with('\n') {
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    found.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_only_whole_marker_lines_outside_code() {
        let content = format!(
            "# Règles\n\nIntro `{MARKER}`.\n\n```text\n{MARKER}\n```\n\n  {MARKER}  \nFin\n"
        );
        let out = replace_marker_lines(&content, "## Générée\n");
        assert_eq!(
            out,
            Some(format!(
                "# Règles\n\nIntro `{MARKER}`.\n\n```text\n{MARKER}\n```\n\n## Générée\nFin\n"
            ))
        );
        assert_eq!(
            replace_marker_lines(&format!("```\n{MARKER}\n```\n"), "x"),
            None
        );
    }
}
