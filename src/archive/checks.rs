//! The draft rules run over past posts: the same [`Linter`] as `check`,
//! and the political detector placed against the election calendar.
//!
//! A past post is not a draft, so a few rules cannot judge it fairly and
//! are left out: X's archive holds no image descriptions
//! (`accessibility.alt-text` would flag every photo), and a published post
//! already fitted the length X allowed at the time (`length.*`). A repost
//! carries someone else's words: only the political rules run on it, since
//! relaying a partisan post is still the account's doing.

use super::clock::Day;
use super::measures::ElectionWindow;
use super::post::Post;
use crate::diagnostic::Finding;
use crate::lint::{self, Linter};
use crate::locale::Lang;
use crate::political::{Calendar, Detector};

/// Rules (ids or categories) never run on archived posts; see the module
/// documentation for why.
pub const LEFT_OUT: &[&str] = &["accessibility.alt-text", "length"];

pub struct HistoryChecks {
    linter: Linter,
    /// The political detector, when the linter does not run the political
    /// rules itself.
    detector: Option<Detector>,
    calendar: Calendar,
    lang: Lang,
    /// What a repost leaves out: every category but `political`.
    repost_ignore: Vec<String>,
    post_ignore: Vec<String>,
}

pub fn jiff_date(day: Day) -> jiff::civil::Date {
    let (y, m, d) = day.ymd();
    jiff::civil::date(y as i16, m as i8, d as i8)
}

pub fn day_of(date: jiff::civil::Date) -> Day {
    Day::from_ymd(date.year() as i32, date.month() as u32, date.day() as u32)
}

impl HistoryChecks {
    pub fn new(linter: Linter, calendar: Calendar, lang: Lang) -> Self {
        let runs_political = linter.active_rules().any(|id| id.starts_with("political."));
        let mut categories: Vec<String> = linter
            .active_rules()
            .filter_map(|id| id.split('.').next())
            .filter(|c| *c != "political")
            .map(str::to_string)
            .collect();
        categories.sort();
        categories.dedup();
        HistoryChecks {
            linter,
            detector: (!runs_political).then(Detector::builtin),
            calendar,
            lang,
            repost_ignore: categories,
            post_ignore: LEFT_OUT.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The pre-election windows of the calendar.
    pub fn windows(&self) -> Vec<ElectionWindow> {
        self.calendar
            .elections()
            .iter()
            .map(|e| {
                let w = e.window();
                ElectionWindow {
                    name: e.name.clone(),
                    start: day_of(w.start),
                    end: day_of(w.end),
                }
            })
            .collect()
    }

    /// The findings on one past post, published on `day`.
    pub fn check(&self, post: &Post<'_>, day: Day, repost: bool) -> Vec<Finding> {
        let text = post.text_for_rules();
        let date = jiff_date(day);
        let draft = lint::Post {
            text: text.into_owned(),
            date: Some(date),
            id: post.id.map(|id| id.to_string()),
            ignore: if repost {
                self.repost_ignore.clone()
            } else {
                self.post_ignore.clone()
            },
            ..lint::Post::default()
        };
        let mut findings = self.linter.check_post(&draft, date);
        if let Some(detector) = &self.detector {
            findings.extend(detector.check(&draft.text, date, &self.calendar, self.lang));
        }
        findings
    }
}
