//! Evaluation of the political rules on the labelled set of
//! `tests/fixtures/political/` (issue 4).
//!
//! Targets: partisan posts flagged (a `political.*` finding at warning or
//! error) ≥ 95 %; achievement posts flagged when dated inside a
//! pre-election window ≥ 90 %, and never above info outside one; civic and
//! practical posts flagged at warning or above ≤ 2 %.
//!
//! `eval.yaml` is the part the rules were tuned on; the `holdout*.yaml`
//! parts were each written before a round of tuning and measured without
//! being looked at (the header of each file says what it still estimates;
//! their misses print only with `POLITICAL_EVAL_SHOW_HOLDOUT=1`). The
//! figures of each part are printed
//! (`cargo test --test political_eval -- --nocapture`); the thresholds are
//! asserted on the whole set.

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
    // The development part, then the held-out parts (written before the
    // rules were changed, and not looked at while changing them).
    let parts: Vec<(&str, Vec<Post>)> = [
        ("development part (eval.yaml)", "eval.yaml"),
        ("held-out part 1 (holdout.yaml)", "holdout.yaml"),
        ("held-out part 2 (holdout-2.yaml)", "holdout-2.yaml"),
        ("held-out part 3 (holdout-3.yaml)", "holdout-3.yaml"),
        ("held-out part 4 (holdout-4.yaml)", "holdout-4.yaml"),
        ("held-out part 5 (holdout-5.yaml)", "holdout-5.yaml"),
        ("held-out part 6 (holdout-6.yaml)", "holdout-6.yaml"),
        ("held-out part 7 (holdout-7.yaml)", "holdout-7.yaml"),
        ("held-out part 8 (holdout-8.yaml)", "holdout-8.yaml"),
        ("held-out part 9 (holdout-9.yaml)", "holdout-9.yaml"),
    ]
    .into_iter()
    .map(|(name, file)| (name, load(&format!("tests/fixtures/political/{file}"))))
    .collect();
    let total: usize = parts.iter().map(|(_, p)| p.len()).sum();
    assert!(total >= 400, "the evaluation set needs at least 400 posts");
    let civic_or_practical = parts
        .iter()
        .flat_map(|(_, p)| p)
        .filter(|p| matches!(p.label, Label::Civic | Label::Practical))
        .count();
    assert!(
        2 * civic_or_practical >= total,
        "at least half the posts must be civic or practical"
    );

    let show_holdout = std::env::var_os("POLITICAL_EVAL_SHOW_HOLDOUT").is_some();
    let mut all = Figures::default();
    for (i, (name, posts)) in parts.iter().enumerate() {
        let f = evaluate(posts, &detector, &calendar, i == 0 || show_holdout);
        f.print(&format!("{name}, {} posts", posts.len()));
        all = all.merge(f);
    }
    let held_out = parts[1..]
        .iter()
        .map(|(_, posts)| evaluate(posts, &detector, &calendar, false))
        .fold(Figures::default(), Figures::merge);
    held_out.print("held-out parts together");
    all.print(&format!("whole set ({total} posts)"));

    // A file given in POLITICAL_EVAL_EXTRA is measured too (a new batch of
    // posts, before it is added to the set).
    if let Some(extra) = std::env::var_os("POLITICAL_EVAL_EXTRA") {
        let posts = load(&extra.to_string_lossy());
        evaluate(&posts, &detector, &calendar, true)
            .print(&format!("extra set ({} posts)", posts.len()));
    }

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
