//! The JSON report: one document, written as diagnostics come.
//!
//! ```json
//! {"tool":"twitterritorial","version":"0.1.0","diagnostics":[
//! {"rule":"hashtag.too-many","category":"hashtag","severity":"warning","message":"…","file":"drafts/mai.md","post":"3","line":12,"column":5,"end_line":12,"end_column":31,"excerpt":"…","help":"…","fix":null}
//! ],"summary":{"files":1,"posts":9,"errors":0,"warnings":2,"infos":1}}
//! ```
//!
//! One diagnostic per line, so `grep` works on it too. The shape is stable
//! and documented in `docs/output.md`.

use std::io::{self, Write};

use super::{Diagnostic, Reporter, RuleInfo, Summary};

pub struct JsonReporter<W: Write> {
    out: W,
    started: bool,
    first: bool,
}

impl<W: Write> JsonReporter<W> {
    pub fn new(out: W) -> Self {
        JsonReporter {
            out,
            started: false,
            first: true,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            write!(self.out, "{{\"tool\":\"twitterritorial\",\"version\":")?;
            serde_json::to_writer(&mut self.out, env!("CARGO_PKG_VERSION"))?;
            write!(self.out, ",\"diagnostics\":[")?;
        }
        Ok(())
    }
}

impl<W: Write> Reporter for JsonReporter<W> {
    fn diagnostic(&mut self, diagnostic: &Diagnostic, _rule: &RuleInfo) -> io::Result<()> {
        self.start()?;
        self.out
            .write_all(if self.first { b"\n" } else { b",\n" })?;
        self.first = false;
        serde_json::to_writer(&mut self.out, diagnostic)?;
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        self.start()?;
        if !self.first {
            self.out.write_all(b"\n")?;
        }
        write!(self.out, "],\"summary\":")?;
        serde_json::to_writer(&mut self.out, summary)?;
        writeln!(self.out, "}}")?;
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::report::Context;

    #[test]
    fn the_document_has_the_documented_shape() {
        let d = Diagnostic {
            rule: "links.shortener".into(),
            category: "links".into(),
            severity: Severity::Warning,
            message: "Lien raccourci".into(),
            file: "a.txt".into(),
            post: "1".into(),
            line: 1,
            column: 3,
            end_line: 1,
            end_column: 10,
            excerpt: "bit.ly/x".into(),
            help: "https://h".into(),
            fix: None,
            context: Context::default(),
        };
        let info = RuleInfo {
            id: d.rule.clone(),
            category: d.category.clone(),
            default_severity: Severity::Warning,
            summary: String::new(),
            description: String::new(),
            help: String::new(),
        };
        let mut out = Vec::new();
        let mut reporter = JsonReporter::new(&mut out);
        reporter.diagnostic(&d, &info).unwrap();
        reporter.diagnostic(&d, &info).unwrap();
        let summary = Summary {
            files: 1,
            posts: 1,
            warnings: 2,
            ..Summary::default()
        };
        reporter.finish(&summary).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["tool"], "twitterritorial");
        assert_eq!(value["version"], env!("CARGO_PKG_VERSION"));
        let diagnostics = value["diagnostics"].as_array().unwrap();
        assert_eq!(diagnostics.len(), 2);
        let keys: Vec<&str> = diagnostics[0]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = [
            "rule",
            "category",
            "severity",
            "message",
            "file",
            "post",
            "line",
            "column",
            "end_line",
            "end_column",
            "excerpt",
            "help",
            "fix",
        ];
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(diagnostics[0]["fix"], serde_json::Value::Null);
        assert_eq!(diagnostics[0]["severity"], "warning");
        assert_eq!(
            value["summary"],
            serde_json::json!({"files": 1, "posts": 1, "errors": 0, "warnings": 2, "infos": 0})
        );
        // One diagnostic per line.
        assert_eq!(String::from_utf8(out).unwrap().lines().count(), 4);
    }

    #[test]
    fn no_diagnostic_still_makes_a_document() {
        let mut out = Vec::new();
        JsonReporter::new(&mut out)
            .finish(&Summary::default())
            .unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["diagnostics"], serde_json::json!([]));
    }
}
