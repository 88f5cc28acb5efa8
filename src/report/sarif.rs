//! SARIF 2.1.0, for code-scanning tools (GitHub code scanning, editors).
//!
//! The log is written as results come: the run's `results` first, then its
//! `tool` (with the rules met, in `tool.driver.rules`, each with its
//! handbook `helpUri`) and its `invocations` (input problems become
//! `toolExecutionNotifications`). Columns count Unicode code points
//! (`columnKind: unicodeCodePoints`); relative paths are resolved against
//! `%SRCROOT%`, the folder the command ran in. The objects come from
//! `serde-sarif`; the output passes Microsoft's SARIF validator
//! (`tests/cli_check.rs`).

use serde_sarif::sarif;
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Component, Path};

use super::{Diagnostic, InputProblem, Reporter, RuleInfo, Summary};
use crate::diagnostic::Severity;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://github.com/twitterritorial/twitterritorial";
const SOURCE_ROOT: &str = "%SRCROOT%";

pub struct SarifReporter<W: Write> {
    out: W,
    /// `file://` URI of the folder relative paths start from, ending in `/`.
    root_uri: Option<String>,
    started: bool,
    first_result: bool,
    rule_index: HashMap<String, usize>,
    rules: Vec<sarif::ReportingDescriptor>,
    notifications: Vec<sarif::Notification>,
    failed_inputs: bool,
}

impl<W: Write> SarifReporter<W> {
    /// `root` is the folder relative file paths are relative to (the current
    /// folder of the run).
    pub fn new(out: W, root: Option<&Path>) -> Self {
        SarifReporter {
            out,
            root_uri: root.and_then(folder_uri),
            started: false,
            first_result: true,
            rule_index: HashMap::new(),
            rules: Vec::new(),
            notifications: Vec::new(),
            failed_inputs: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        write!(
            self.out,
            "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{"
        )?;
        write!(self.out, "\"columnKind\":\"unicodeCodePoints\",")?;
        if let Some(root) = &self.root_uri {
            let bases = serde_json::json!({ SOURCE_ROOT: { "uri": root } });
            write!(self.out, "\"originalUriBaseIds\":{bases},")?;
        }
        write!(self.out, "\"results\":[")
    }

    fn index_of(&mut self, rule: &RuleInfo) -> usize {
        if let Some(&index) = self.rule_index.get(&rule.id) {
            return index;
        }
        let index = self.rules.len();
        self.rule_index.insert(rule.id.clone(), index);
        self.rules.push(descriptor(rule));
        index
    }

    fn artifact(&self, file: &str) -> sarif::ArtifactLocation {
        let (uri, relative) = file_uri(file);
        if relative && self.root_uri.is_some() {
            sarif::ArtifactLocation::builder()
                .uri(uri)
                .uri_base_id(SOURCE_ROOT)
                .build()
        } else {
            sarif::ArtifactLocation::builder().uri(uri).build()
        }
    }
}

fn level(severity: Severity) -> sarif::ResultLevel {
    match severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Info => sarif::ResultLevel::Note,
    }
}

fn level_value(severity: Severity) -> serde_json::Value {
    serde_json::Value::String(
        match severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        }
        .to_string(),
    )
}

/// `hashtag.too-many` → `HashtagTooMany`: SARIF rule names are identifiers.
fn rule_name(id: &str) -> String {
    id.split(['.', '-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                None => String::new(),
            }
        })
        .collect()
}

/// SARIF wants messages to end with a period.
fn sentence(text: &str) -> String {
    let text = text.trim();
    if text.ends_with(['.', '!', '?', '…']) {
        text.to_string()
    } else {
        format!("{text}.")
    }
}

fn descriptor(rule: &RuleInfo) -> sarif::ReportingDescriptor {
    let text = |s: &str| {
        sarif::MultiformatMessageString::builder()
            .text(sentence(s))
            .build()
    };
    let mut properties = BTreeMap::new();
    properties.insert(
        "category".to_string(),
        serde_json::Value::String(rule.category.clone()),
    );
    sarif::ReportingDescriptor::builder()
        .id(rule.id.clone())
        .name(rule_name(&rule.id))
        .short_description(text(if rule.summary.is_empty() {
            &rule.id
        } else {
            &rule.summary
        }))
        .full_description(text(if rule.description.is_empty() {
            &rule.summary
        } else {
            &rule.description
        }))
        .help(text(&format!(
            "{} {}",
            sentence(&rule.description),
            rule.help
        )))
        .help_uri(rule.help.clone())
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(level_value(rule.default_severity))
                .build(),
        )
        .properties(
            sarif::PropertyBag::builder()
                .tags(vec![rule.category.clone()])
                .additional_properties(properties)
                .build(),
        )
        .build()
}

fn region(d: &Diagnostic) -> sarif::Region {
    let builder = sarif::Region::builder()
        .start_line(i64::from(d.line))
        .start_column(i64::from(d.column))
        .end_line(i64::from(d.end_line))
        .end_column(i64::from(d.end_column));
    if d.excerpt.is_empty() {
        builder.build()
    } else {
        builder
            .snippet(
                sarif::ArtifactContent::builder()
                    .text(d.excerpt.clone())
                    .build(),
            )
            .build()
    }
}

impl<W: Write> Reporter for SarifReporter<W> {
    fn diagnostic(&mut self, d: &Diagnostic, rule: &RuleInfo) -> io::Result<()> {
        self.start()?;
        let index = self.index_of(rule);
        let location = sarif::Location::builder()
            .physical_location(
                sarif::PhysicalLocation::builder()
                    .artifact_location(self.artifact(&d.file))
                    .region(region(d))
                    .build(),
            )
            .build();
        let mut properties = BTreeMap::new();
        properties.insert(
            "post".to_string(),
            serde_json::Value::String(d.post.clone()),
        );
        let builder = sarif::Result::builder()
            .rule_id(d.rule.clone())
            .rule_index(i64::try_from(index).unwrap_or(i64::MAX))
            .level(level(d.severity))
            .message(sarif::Message::builder().text(sentence(&d.message)).build())
            .locations(vec![location])
            .properties(
                sarif::PropertyBag::builder()
                    .additional_properties(properties)
                    .build(),
            );
        let result = match &d.fix {
            Some(fix) if d.fix_fits_the_file() => {
                let replacement = sarif::Replacement::builder()
                    .deleted_region(
                        sarif::Region::builder()
                            .start_line(i64::from(d.line))
                            .start_column(i64::from(d.column))
                            .end_line(i64::from(d.end_line))
                            .end_column(i64::from(d.end_column))
                            .build(),
                    )
                    .inserted_content(sarif::ArtifactContent::builder().text(fix.clone()).build())
                    .build();
                let change = sarif::ArtifactChange::builder()
                    .artifact_location(self.artifact(&d.file))
                    .replacements(vec![replacement])
                    .build();
                let description = sarif::Message::builder()
                    .text(format!("Replace with \"{fix}\"."))
                    .build();
                builder
                    .fixes(vec![
                        sarif::Fix::builder()
                            .description(description)
                            .artifact_changes(vec![change])
                            .build(),
                    ])
                    .build()
            }
            _ => builder.build(),
        };
        self.out
            .write_all(if self.first_result { b"\n" } else { b",\n" })?;
        self.first_result = false;
        serde_json::to_writer(&mut self.out, &result)?;
        Ok(())
    }

    fn input_problem(&mut self, problem: &InputProblem) -> io::Result<()> {
        if problem.severity == Severity::Error {
            self.failed_inputs = true;
        }
        let mut physical = sarif::PhysicalLocation::builder()
            .artifact_location(self.artifact(&problem.file))
            .build();
        if let Some(p) = problem.position {
            physical.region = Some(
                sarif::Region::builder()
                    .start_line(i64::from(p.line))
                    .start_column(i64::from(p.column))
                    .build(),
            );
        }
        self.notifications.push(
            sarif::Notification::builder()
                .level(level_value(problem.severity))
                .message(
                    sarif::Message::builder()
                        .text(sentence(&problem.message))
                        .build(),
                )
                .locations(vec![
                    sarif::Location::builder()
                        .physical_location(physical)
                        .build(),
                ])
                .build(),
        );
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, _summary: &Summary) -> io::Result<()> {
        self.start()?;
        if !self.first_result {
            self.out.write_all(b"\n")?;
        }
        let driver = sarif::ToolComponent::builder()
            .name("twitterritorial")
            .version(env!("CARGO_PKG_VERSION"))
            .semantic_version(env!("CARGO_PKG_VERSION"))
            .information_uri(INFORMATION_URI)
            .rules(std::mem::take(&mut self.rules))
            .build();
        let tool = sarif::Tool::builder().driver(driver).build();
        let invocation = sarif::Invocation::builder()
            .execution_successful(!self.failed_inputs)
            .tool_execution_notifications(std::mem::take(&mut self.notifications))
            .build();
        write!(self.out, "],\"tool\":")?;
        serde_json::to_writer(&mut self.out, &tool)?;
        write!(self.out, ",\"invocations\":")?;
        serde_json::to_writer(&mut self.out, &[invocation])?;
        writeln!(self.out, "}}]}}")?;
        self.out.flush()
    }
}

/// Characters left as they are in URI paths (RFC 3986 unreserved, plus `/`).
fn is_uri_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/')
}

fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        if is_uri_safe(b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URI of a file as shown in diagnostics, and whether it is relative.
fn file_uri(file: &str) -> (String, bool) {
    let path = Path::new(file);
    let slashed: String = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    if path.is_absolute() {
        let trimmed = slashed.trim_start_matches('/');
        (format!("file:///{}", percent_encode(trimmed)), false)
    } else {
        (percent_encode(&slashed), true)
    }
}

/// `file:///…/` URI of a folder.
fn folder_uri(folder: &Path) -> Option<String> {
    let absolute = std::path::absolute(folder).ok()?;
    let (uri, _) = file_uri(&absolute.to_string_lossy());
    Some(if uri.ends_with('/') {
        uri
    } else {
        format!("{uri}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Context;

    fn diagnostic(fix: Option<&str>) -> Diagnostic {
        Diagnostic {
            rule: "hashtag.official-spelling".into(),
            category: "hashtag".into(),
            severity: Severity::Warning,
            message: "Écrivez #VilleExemple".into(),
            file: "brouillons/été 2026.md".into(),
            post: "3".into(),
            line: 2,
            column: 5,
            end_line: 2,
            end_column: 18,
            excerpt: "#villeexemple".into(),
            help: "https://h/fr/regles.html#hashtag-official-spelling".into(),
            fix: fix.map(str::to_string),
            context: Context {
                lines: "Fête #villeexemple".into(),
                first_line: 2,
                span: 6..19,
            },
        }
    }

    fn info() -> RuleInfo {
        RuleInfo {
            id: "hashtag.official-spelling".into(),
            category: "hashtag".into(),
            default_severity: Severity::Warning,
            summary: "Hashtag officiel mal écrit".into(),
            description: "Le hashtag officiel s’écrit toujours de la même façon.".into(),
            help: "https://h/fr/regles.html#hashtag-official-spelling".into(),
        }
    }

    #[test]
    fn a_log_with_results_rules_and_notifications() {
        let mut out = Vec::new();
        let mut reporter = SarifReporter::new(&mut out, Some(Path::new("/tmp/projet")));
        reporter
            .diagnostic(&diagnostic(Some("#VilleExemple")), &info())
            .unwrap();
        reporter.diagnostic(&diagnostic(None), &info()).unwrap();
        reporter
            .input_problem(&InputProblem {
                file: "vide.txt".into(),
                position: None,
                message: "fichier vide".into(),
                severity: Severity::Warning,
            })
            .unwrap();
        reporter.finish(&Summary::default()).unwrap();
        let log: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(log["version"], "2.1.0");
        let run = &log["runs"][0];
        assert_eq!(
            run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///tmp/projet/"
        );
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), 1, "a rule is listed once");
        assert_eq!(rules[0]["name"], "HashtagOfficialSpelling");
        assert_eq!(
            rules[0]["helpUri"],
            "https://h/fr/regles.html#hashtag-official-spelling"
        );
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), 2);
        let first = &results[0];
        assert_eq!(first["ruleIndex"], 0);
        assert_eq!(first["level"], "warning");
        assert_eq!(first["message"]["text"], "Écrivez #VilleExemple.");
        let location = &first["locations"][0]["physicalLocation"];
        assert_eq!(
            location["artifactLocation"]["uri"],
            "brouillons/%C3%A9t%C3%A9%202026.md"
        );
        assert_eq!(location["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert_eq!(location["region"]["startColumn"], 5);
        assert_eq!(location["region"]["endColumn"], 18);
        assert_eq!(
            first["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
            "#VilleExemple"
        );
        assert!(results[1].get("fixes").is_none());
        let invocation = &run["invocations"][0];
        assert_eq!(invocation["executionSuccessful"], true);
        assert_eq!(
            invocation["toolExecutionNotifications"][0]["message"]["text"],
            "fichier vide."
        );
    }

    #[test]
    fn names_and_uris() {
        assert_eq!(rule_name("accessibility.alt-text"), "AccessibilityAltText");
        assert_eq!(file_uri("./a b/c.md"), ("a%20b/c.md".to_string(), true));
        assert_eq!(file_uri("/x/y.csv"), ("file:///x/y.csv".to_string(), false));
        assert_eq!(sentence("Trop long"), "Trop long.");
        assert_eq!(sentence("Trop long !"), "Trop long !");
    }
}
