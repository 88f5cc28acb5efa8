//! Evaluation of the political rules on the labelled set of
//! `tests/fixtures/political/` (issue 4).
//!
//! Targets: partisan posts flagged (a `political.*` finding at warning or
//! error) ≥ 95 %; achievement posts flagged when dated inside a
//! pre-election window ≥ 90 %, and never above info outside one; civic and
//! practical posts flagged at warning or above ≤ 2 %.
//!
//! How the set was built, so that its figures mean something: `eval.yaml`
//! is the first part the rules were written on. Each `holdout-N.yaml` was
//! then written by someone who had not read the rules, measured once as it
//! came (that first figure is in its header: the honest estimate of the
//! rules of the day on unforeseen wording), and only then used to widen
//! the rules and to train the scores. The parts listed under `held_out` in
//! `parts.yaml` have not been used at all: their figures are printed apart, and they are
//! the estimate to quote. Misses print for the development parts, and for
//! the held-out ones only with `POLITICAL_EVAL_SHOW_HOLDOUT=1`. The figures
//! of each part are printed (`cargo test --test political_eval --
//! --nocapture`); the thresholds are asserted on the whole set.

use jiff::civil::{Date, date};
use serde::Deserialize;
use twitterritorial::diagnostic::{Finding, Severity};
use twitterritorial::locale::Lang;
use twitterritorial::political::{Calendar, Detector, ElectionSpec};

#[derive(Deserialize)]
struct Set {
    posts: Vec<Post>,
}

#[derive(Deserialize)]
struct Post {
    label: Label,
    lang: Lang,
    #[serde(default)]
    date: Option<String>,
    text: String,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "lowercase")]
enum Label {
    Partisan,
    Achievement,
    Civic,
    Practical,
}

/// `tests/fixtures/political/parts.yaml`: which parts are development
/// data and which are still held out.
#[derive(Deserialize)]
struct Parts {
    development: Vec<String>,
    held_out: Vec<String>,
}

/// Inside the municipales 2026 window, not an eve.
const INSIDE: Date = date(2026, 1, 20);
/// Outside any window (between the municipales 2026 and the présidentielle
/// 2027 windows), not an eve.
const OUTSIDE: Date = date(2026, 6, 15);
/// The eve of the first round of the municipales 2026.
const EVE: Date = date(2026, 3, 14);

fn load(path: &str) -> Vec<Post> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let set: Set = serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    set.posts
}

fn post_date(p: &Post) -> Option<Date> {
    p.date
        .as_deref()
        .map(|d| d.parse().unwrap_or_else(|e| panic!("bad date {d}: {e}")))
}

fn max_severity(findings: &[Finding]) -> Option<Severity> {
    findings
        .iter()
        .filter(|f| f.rule.starts_with("political."))
        .map(|f| f.severity)
        .max()
}

#[derive(Default, Clone, Copy)]
struct Tally {
    total: usize,
    ok: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.ok += usize::from(ok);
    }
    fn rate(self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            100.0 * self.ok as f64 / self.total as f64
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Figures {
    partisan_flagged: Tally,
    achievement_flagged_inside: Tally,
    achievement_info_outside: Tally,
    civic_flagged: Tally,
    practical_flagged: Tally,
}

impl Figures {
    fn merge(self, o: Figures) -> Figures {
        let m = |a: Tally, b: Tally| Tally {
            total: a.total + b.total,
            ok: a.ok + b.ok,
        };
        Figures {
            partisan_flagged: m(self.partisan_flagged, o.partisan_flagged),
            achievement_flagged_inside: m(
                self.achievement_flagged_inside,
                o.achievement_flagged_inside,
            ),
            achievement_info_outside: m(self.achievement_info_outside, o.achievement_info_outside),
            civic_flagged: m(self.civic_flagged, o.civic_flagged),
            practical_flagged: m(self.practical_flagged, o.practical_flagged),
        }
    }

    fn print(&self, name: &str) {
        let t = |t: Tally| format!("{}/{} = {:.1} %", t.ok, t.total, t.rate());
        println!("{name}:");
        println!(
            "  partisan flagged (warning or error)          {}",
            t(self.partisan_flagged)
        );
        println!(
            "  achievement flagged inside a window          {}",
            t(self.achievement_flagged_inside)
        );
        println!(
            "  achievement at most info outside a window    {}",
            t(self.achievement_info_outside)
        );
        println!(
            "  civic flagged at warning or above            {}",
            t(self.civic_flagged)
        );
        println!(
            "  practical flagged at warning or above        {}",
            t(self.practical_flagged)
        );
        let cp = Tally {
            total: self.civic_flagged.total + self.practical_flagged.total,
            ok: self.civic_flagged.ok + self.practical_flagged.ok,
        };
        println!("  civic + practical flagged                    {}", t(cp));
    }
}

fn evaluate(
    posts: &[Post],
    detector: &Detector,
    calendar: &Calendar,
    show_failures: bool,
) -> Figures {
    let mut f = Figures::default();
    let check = |p: &Post, d: Date| detector.check(&p.text, d, calendar, p.lang);
    let report = |what: &str, p: &Post, d: Date, findings: &[Finding]| {
        if show_failures {
            let rules: Vec<String> = findings
                .iter()
                .map(|x| format!("{}:{}", x.rule, x.severity))
                .collect();
            println!("  MISS {what} [{d}] {:?} -> {rules:?}", p.text);
        }
    };
    for p in posts {
        match p.label {
            Label::Partisan => {
                let d = post_date(p).unwrap_or(OUTSIDE);
                let findings = check(p, d);
                let ok = max_severity(&findings) >= Some(Severity::Warning);
                if !ok {
                    report("partisan not flagged", p, d, &findings);
                }
                f.partisan_flagged.add(ok);
            }
            Label::Achievement => {
                let inside = post_date(p)
                    .filter(|&d| calendar.window_at(d).is_some())
                    .unwrap_or(INSIDE);
                let findings = check(p, inside);
                let ok = max_severity(&findings) >= Some(Severity::Warning);
                if !ok {
                    report("achievement not flagged inside", p, inside, &findings);
                }
                f.achievement_flagged_inside.add(ok);
                let findings = check(p, OUTSIDE);
                let ok = max_severity(&findings) <= Some(Severity::Info);
                if !ok {
                    report("achievement above info outside", p, OUTSIDE, &findings);
                }
                f.achievement_info_outside.add(ok);
            }
            Label::Civic | Label::Practical => {
                let dates = match post_date(p) {
                    Some(d) => vec![d],
                    None => vec![INSIDE, OUTSIDE, EVE],
                };
                let mut flagged = false;
                for d in dates {
                    let findings = check(p, d);
                    if max_severity(&findings) >= Some(Severity::Warning) {
                        report("civic/practical flagged", p, d, &findings);
                        flagged = true;
                        break;
                    }
                }
                // Counted as "flagged": the rate must stay low.
                if p.label == Label::Civic {
                    f.civic_flagged.add(flagged);
                } else {
                    f.practical_flagged.add(flagged);
                }
            }
        }
    }
    f
}

#[test]
fn political_rules_meet_the_targets_of_issue_4() {
    // POLITICAL_EVAL_PACK measures an edited copy of the pack instead.
    let detector = match std::env::var_os("POLITICAL_EVAL_PACK") {
        Some(path) => {
            let yaml = std::fs::read_to_string(&path).expect("POLITICAL_EVAL_PACK");
            Detector::from_yaml(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        }
        None => Detector::builtin(),
    };
    // The English posts come from UK councils, whose configuration would
    // list their own election (`elections:` in `.twitterritorial.yaml`).
    let uk = ElectionSpec {
        name: "Local elections (England)".into(),
        date: "2026-05-07".into(),
        second_round: None,
    };
    let calendar = Calendar::builtin()
        .with_overrides(&[uk])
        .expect("valid election");
    let load_part = |file: &str| load(&format!("tests/fixtures/political/{file}"));
    let list = std::fs::read_to_string("tests/fixtures/political/parts.yaml").expect("parts.yaml");
    let list: Parts = serde_saphyr::from_str(&list).expect("parts.yaml");
    let mut parts: Vec<(String, Vec<Post>, bool)> = list
        .development
        .iter()
        .map(|file| (format!("development: {file}"), load_part(file), false))
        .collect();
    parts.extend(
        list.held_out
            .iter()
            .map(|file| (format!("held out: {file}"), load_part(file), true)),
    );
    let total: usize = parts.iter().map(|(_, p, _)| p.len()).sum();
    assert!(total >= 400, "the evaluation set needs at least 400 posts");
    let civic_or_practical = parts
        .iter()
        .flat_map(|(_, p, _)| p)
        .filter(|p| matches!(p.label, Label::Civic | Label::Practical))
        .count();

    let show_holdout = std::env::var_os("POLITICAL_EVAL_SHOW_HOLDOUT").is_some();
    let mut all = Figures::default();
    let mut held_out = Figures::default();
    for (name, posts, is_held_out) in &parts {
        let f = evaluate(posts, &detector, &calendar, !is_held_out || show_holdout);
        f.print(&format!("{name}, {} posts", posts.len()));
        all = all.merge(f);
        if *is_held_out {
            held_out = held_out.merge(f);
        }
    }
    held_out.print("held-out parts together (the estimate to quote)");
    all.print(&format!("whole set ({total} posts)"));

    // A file given in POLITICAL_EVAL_EXTRA is measured too (a new batch of
    // posts, before it is added to the set).
    if let Some(extra) = std::env::var_os("POLITICAL_EVAL_EXTRA") {
        let posts = load(&extra.to_string_lossy());
        evaluate(&posts, &detector, &calendar, true)
            .print(&format!("extra set ({} posts)", posts.len()));
    }

    // Figures first, then the targets: a failing run still shows them.
    assert!(
        2 * civic_or_practical >= total,
        "at least half the posts must be civic or practical ({civic_or_practical} of {total})"
    );
    assert!(
        all.partisan_flagged.rate() >= 95.0,
        "partisan flagged: {:.1} % < 95 %",
        all.partisan_flagged.rate()
    );
    assert!(
        all.achievement_flagged_inside.rate() >= 90.0,
        "achievement flagged inside a window: {:.1} % < 90 %",
        all.achievement_flagged_inside.rate()
    );
    assert_eq!(
        all.achievement_info_outside.ok, all.achievement_info_outside.total,
        "achievement posts must stay at info outside a window"
    );
    let cp_total = all.civic_flagged.total + all.practical_flagged.total;
    let cp_flagged = all.civic_flagged.ok + all.practical_flagged.ok;
    assert!(
        cp_flagged as f64 <= 0.02 * cp_total as f64,
        "civic and practical flagged: {cp_flagged}/{cp_total} > 2 %"
    );
}
