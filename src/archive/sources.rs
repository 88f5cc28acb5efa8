//! Which app published a post, and whether that app is an automation tool.
//! The list of tools is data: `automation-sources.yaml` beside this file.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ToolKind {
    /// Re-publishes a website or a feed, no one writes the post.
    Feed,
    /// Posts written ahead and sent later by a team tool.
    Scheduler,
    /// A copy of a post made on another network.
    Crosspost,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tool {
    pub name: String,
    pub kind: ToolKind,
    #[serde(rename = "match")]
    pub patterns: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ToolFile {
    tools: Vec<Tool>,
}

const TOOLS_YAML: &str = include_str!("automation-sources.yaml");

/// The shipped list of automation tools.
pub fn tools() -> &'static [Tool] {
    static TOOLS: OnceLock<Vec<Tool>> = OnceLock::new();
    TOOLS.get_or_init(|| match serde_saphyr::from_str::<ToolFile>(TOOLS_YAML) {
        Ok(file) => file.tools,
        // The file is compiled in and checked by a test: this cannot happen
        // in a released binary; an empty list keeps the audit running.
        Err(_) => Vec::new(),
    })
}

/// The app named in a `source` field: `<a href="URL" rel="nofollow">NAME</a>`
/// gives `(NAME, host of URL)`; a plain name (CSV exports) is taken as is.
pub fn parse_source(source: &str) -> (&str, Option<&str>) {
    let Some(open_end) = source.find('>') else {
        return (source.trim(), None);
    };
    let name = source[open_end + 1..]
        .split("</a>")
        .next()
        .unwrap_or("")
        .trim();
    let host = source.find("href=\"").and_then(|at| {
        let url = &source[at + 6..];
        let url = &url[..url.find('"').unwrap_or(url.len())];
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let host = rest.split(['/', '?', '#']).next().unwrap_or("");
        (!host.is_empty()).then_some(host)
    });
    (name, host)
}

/// The automation tool behind a `source` field, if it is one.
pub fn automation_tool(source: &str) -> Option<&'static Tool> {
    let (name, host) = parse_source(source);
    let host = host.map(|h| h.strip_prefix("www.").unwrap_or(h));
    tools().iter().find(|tool| {
        tool.patterns.iter().any(|pattern| {
            name.eq_ignore_ascii_case(pattern)
                || starts_with_word(name, pattern)
                || (pattern.contains('.')
                    && host.is_some_and(|h| {
                        h.eq_ignore_ascii_case(pattern) || ends_with_domain(h, pattern)
                    }))
        })
    })
}

/// "Hootsuite Inc." starts with the word "Hootsuite"; "Buffering" does not
/// start with "Buffer".
fn starts_with_word(name: &str, word: &str) -> bool {
    name.len() > word.len()
        && name.is_char_boundary(word.len())
        && name[..word.len()].eq_ignore_ascii_case(word)
        && !name[word.len()..].starts_with(|c: char| c.is_alphanumeric())
}

fn ends_with_domain(host: &str, domain: &str) -> bool {
    host.len() > domain.len() + 1
        && host.is_char_boundary(host.len() - domain.len())
        && host[host.len() - domain.len()..].eq_ignore_ascii_case(domain)
        && host.as_bytes()[host.len() - domain.len() - 1] == b'.'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_list_loads() {
        assert!(tools().len() >= 20, "automation-sources.yaml did not load");
        for tool in tools() {
            assert!(!tool.patterns.is_empty(), "{} has no pattern", tool.name);
        }
    }

    #[test]
    fn sources_are_recognised() {
        let dlvr = r#"<a href="https://dlvr.it" rel="nofollow">dlvr.it</a>"#;
        assert_eq!(parse_source(dlvr), ("dlvr.it", Some("dlvr.it")));
        assert_eq!(
            automation_tool(dlvr).map(|t| (t.name.as_str(), t.kind)),
            Some(("dlvr.it", ToolKind::Feed))
        );
        let hoot = r#"<a href="https://www.hootsuite.com" rel="nofollow">Hootsuite Inc.</a>"#;
        assert_eq!(
            automation_tool(hoot).map(|t| t.kind),
            Some(ToolKind::Scheduler)
        );
        let renamed = r#"<a href="https://app.agorapulse.com/x" rel="nofollow">Mairie - outil</a>"#;
        assert_eq!(
            automation_tool(renamed).map(|t| t.name.as_str()),
            Some("Agorapulse")
        );
        let web = r#"<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>"#;
        assert!(automation_tool(web).is_none());
        assert!(automation_tool("Buffering Inc").is_none());
        assert_eq!(
            automation_tool("IFTTT").map(|t| t.kind),
            Some(ToolKind::Feed)
        );
    }
}
