//! Draft posts, read from the files people write them in.
//!
//! Each format has its module and turns text (or, for CSV, a byte stream)
//! into [`DraftPost`]s: the text to publish, its images, platform and date,
//! the rules to skip, and a [`PositionMap`] from the text back to the file's
//! lines and columns. Reading files and walking folders is the command
//! line's job (`cli::check`); this core only sees bytes, so it also runs in
//! a browser.

pub mod csv;
#[cfg(feature = "cli")]
pub mod files;
pub mod markdown;
pub mod position;
pub mod txt;
pub mod yaml;

use crate::locale::{Lang, Localized};
use crate::text::Platform;
pub use position::{Position, PositionMap};

/// The formats drafts are read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// Plain text: one post, or several separated by a line `---`.
    Txt,
    /// Markdown: posts separated by thematic breaks, images as media.
    Markdown,
    /// YAML: a list of posts with their metadata.
    Yaml,
    /// CSV bulk-upload files of Hootsuite or Buffer.
    Csv,
}

impl Format {
    /// The format a file name's extension stands for.
    pub fn from_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Markdown),
            "yaml" | "yml" => Some(Format::Yaml),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// Extensions recognised as drafts when walking a folder.
    pub const EXTENSIONS: &'static [&'static str] =
        &["txt", "md", "markdown", "yaml", "yml", "csv"];

    pub fn name(self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Markdown => "md",
            Format::Yaml => "yaml",
            Format::Csv => "csv",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::from_extension(s.trim_start_matches('.'))
            .ok_or_else(|| format!("unknown draft format `{s}` (expected txt, md, yaml or csv)"))
    }
}

/// An image (or video) attached to a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftMedia {
    /// File name or URL of the image.
    pub file: String,
    /// Its description for screen readers; `None` when there is none (an
    /// empty or blank description counts as none).
    pub alt: Option<String>,
}

/// One post read from a draft file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftPost {
    /// How reports name the post: its id when the format gives one, else its
    /// 1-based rank in the file; posts of a thread add `/2`, `/3`…
    pub label: String,
    /// The id given in the file, if any.
    pub id: Option<String>,
    /// The text to publish.
    pub text: String,
    pub media: Vec<DraftMedia>,
    /// The platform the file says the post is for.
    pub platform: Option<Platform>,
    /// The day the post is scheduled for.
    pub date: Option<jiff::civil::Date>,
    /// Rules not to check on this post (ids, or categories such as
    /// `hashtag`; `all` turns every rule off).
    pub ignore: Vec<String>,
    /// Where the text's bytes are in the file.
    pub positions: PositionMap,
}

impl DraftPost {
    /// Whether a rule was turned off for this post, by its id or category.
    pub fn ignores(&self, rule: &str) -> bool {
        self.ignore
            .iter()
            .any(|ignored| rule_matches(rule, ignored))
    }
}

/// Whether `rule` (an id `category.name`) is designated by `pattern`: the
/// same id, its category, or `all`.
pub fn rule_matches(rule: &str, pattern: &str) -> bool {
    pattern == "all"
        || rule == pattern
        || (rule.len() > pattern.len()
            && rule.starts_with(pattern)
            && rule.as_bytes()[pattern.len()] == b'.')
}

/// Something wrong in a draft file that stops a post (or the whole file)
/// from being checked: a wrong type, broken quoting, an invalid date…
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftError {
    /// Where in the file, when known.
    pub position: Option<Position>,
    pub message: Localized,
}

impl DraftError {
    /// An error in both languages; French typography (no-break spaces before
    /// `: ; ! ?` and inside « ») is applied to the French text.
    pub fn new(position: Option<Position>, fr: impl Into<String>, en: impl Into<String>) -> Self {
        DraftError {
            position,
            message: Localized {
                fr: typeset_french(&fr.into()),
                en: en.into(),
            },
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }
}

/// Puts no-break spaces where French typography wants them: before `:`,
/// `;`, `!`, `?` and `»`, after `«`, so lines never break there.
pub fn typeset_french(text: &str) -> String {
    text.replace(" :", "\u{a0}:")
        .replace(" ;", "\u{a0};")
        .replace(" !", "\u{a0}!")
        .replace(" ?", "\u{a0}?")
        .replace("« ", "«\u{a0}")
        .replace(" »", "\u{a0}»")
}

/// Choices that the file itself cannot tell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// How to read ambiguous dates such as `05/06/2026`.
    pub date_order: DateOrder,
}

/// Order of day and month in dates written with slashes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// `06/05/2026` is 6 May 2026: the French way, and the default.
    #[default]
    DayMonthYear,
    /// `05/06/2026` is 6 May 2026: the American way (Hootsuite's default).
    MonthDayYear,
}

impl std::str::FromStr for DateOrder {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "dmy" | "dd/mm/yyyy" => Ok(DateOrder::DayMonthYear),
            "mdy" | "mm/dd/yyyy" => Ok(DateOrder::MonthDayYear),
            other => Err(format!(
                "unknown date order `{other}` (expected dmy or mdy)"
            )),
        }
    }
}

/// Reads every post of a text in one of the whole-text formats (all but
/// CSV, which is streamed by [`csv::CsvPosts`], though it is also accepted
/// here). Posts and errors come in file order.
pub fn read_str(
    format: Format,
    source: &str,
    options: ReadOptions,
) -> Vec<Result<DraftPost, DraftError>> {
    match format {
        Format::Txt => txt::read(source).into_iter().map(Ok).collect(),
        Format::Markdown => markdown::read(source),
        Format::Yaml => yaml::read(source),
        Format::Csv => csv::CsvPosts::new(source.as_bytes(), options).collect(),
    }
}

/// Parses a platform name as written in draft files.
pub fn parse_platform(name: &str) -> Option<Platform> {
    match name.trim().to_lowercase().as_str() {
        "x" | "twitter" => Some(Platform::X),
        "mastodon" => Some(Platform::Mastodon),
        "bluesky" | "bsky" => Some(Platform::Bluesky),
        _ => None,
    }
}

/// Parses the day of a scheduled date: `2026-05-12`, `2026-05-12 10:30`,
/// `2026-05-12T10:30:00+02:00`, `12/05/2026 10:30` (day first by default).
/// Only the day matters to the checks (election windows); the time is
/// validated but dropped.
pub fn parse_schedule(text: &str, order: DateOrder) -> Result<jiff::civil::Date, ScheduleError> {
    let text = text.trim();
    let (day_part, time_part) = match text.find([' ', 'T', 't']) {
        Some(i) => (&text[..i], Some(text[i + 1..].trim())),
        None => (text, None),
    };
    let date = if day_part.contains('-') {
        let mut parts = day_part.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ScheduleError::Unreadable);
        };
        make_date(y, m, d)?
    } else if day_part.contains('/') {
        let mut parts = day_part.split('/');
        let (Some(a), Some(b), Some(y), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ScheduleError::Unreadable);
        };
        let (d, m) = match order {
            DateOrder::DayMonthYear => (a, b),
            DateOrder::MonthDayYear => (b, a),
        };
        match make_date(y, m, d) {
            Ok(date) => date,
            Err(ScheduleError::Impossible) if make_date(y, d, m).is_ok() => {
                return Err(ScheduleError::OtherOrder);
            }
            Err(e) => return Err(e),
        }
    } else {
        return Err(ScheduleError::Unreadable);
    };
    if let Some(time) = time_part
        && !time.is_empty()
        && !time_is_readable(time)
    {
        return Err(ScheduleError::Unreadable);
    }
    Ok(date)
}

/// Why a scheduled date could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScheduleError {
    /// Not a date at all.
    Unreadable,
    /// A date that does not exist (31 April).
    Impossible,
    /// Impossible in the chosen day/month order, valid in the other one.
    OtherOrder,
}

impl ScheduleError {
    /// The error as a message about `text`, read in `order`.
    pub fn to_draft_error(
        self,
        text: &str,
        order: DateOrder,
        position: Option<Position>,
    ) -> DraftError {
        let text = text.trim();
        match self {
            ScheduleError::Unreadable => DraftError::new(
                position,
                format!(
                    "date illisible « {text} » : écrivez AAAA-MM-JJ (2026-05-12) ou JJ/MM/AAAA, avec l’heure si besoin (HH:MM)."
                ),
                format!(
                    "unreadable date \"{text}\": write YYYY-MM-DD (2026-05-12) or DD/MM/YYYY, with the time if needed (HH:MM)."
                ),
            ),
            ScheduleError::Impossible => DraftError::new(
                position,
                format!("la date « {text} » n’existe pas : vérifiez le jour et le mois."),
                format!("the date \"{text}\" does not exist: check the day and the month."),
            ),
            ScheduleError::OtherOrder => match order {
                DateOrder::DayMonthYear => DraftError::new(
                    position,
                    format!(
                        "la date « {text} » n’existe pas en jour/mois/année : si le fichier écrit mois/jour/année, ajoutez l’option --date-order mdy."
                    ),
                    format!(
                        "the date \"{text}\" does not exist as day/month/year: if the file writes month/day/year, add the option --date-order mdy."
                    ),
                ),
                DateOrder::MonthDayYear => DraftError::new(
                    position,
                    format!(
                        "la date « {text} » n’existe pas en mois/jour/année : si le fichier écrit jour/mois/année, retirez l’option --date-order mdy."
                    ),
                    format!(
                        "the date \"{text}\" does not exist as month/day/year: if the file writes day/month/year, drop the option --date-order mdy."
                    ),
                ),
            },
        }
    }
}

fn make_date(year: &str, month: &str, day: &str) -> Result<jiff::civil::Date, ScheduleError> {
    let number = |s: &str, max_len: usize| -> Result<i32, ScheduleError> {
        let s = s.trim();
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(ScheduleError::Unreadable);
        }
        s.parse::<i32>().map_err(|_| ScheduleError::Unreadable)
    };
    let (y, m, d) = (number(year, 4)?, number(month, 2)?, number(day, 2)?);
    if year.trim().len() != 4 {
        return Err(ScheduleError::Unreadable);
    }
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
        return Err(ScheduleError::Impossible);
    };
    jiff::civil::Date::new(y, m, d).map_err(|_| ScheduleError::Impossible)
}

/// `10:30`, `10:30:00`, `10h30`, optionally followed by an offset or `Z`.
fn time_is_readable(time: &str) -> bool {
    let clock: String = time
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ':' | 'h' | 'H' | '.'))
        .collect();
    let rest = time[clock.len()..].trim();
    let mut parts = clock.split([':', 'h', 'H']);
    let hour_ok = parts
        .next()
        .and_then(|h| h.parse::<u8>().ok())
        .is_some_and(|h| h < 24);
    let minute_ok = parts
        .next()
        .map(|m| m.is_empty() || m.parse::<u8>().is_ok_and(|m| m < 60))
        .unwrap_or(false);
    let offset_ok = rest.is_empty()
        || rest.eq_ignore_ascii_case("z")
        || (rest.starts_with(['+', '-'])
            && rest[1..].chars().all(|c| c.is_ascii_digit() || c == ':'));
    hour_ok && minute_ok && offset_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i16, m: i8, d: i8) -> jiff::civil::Date {
        jiff::civil::Date::new(y, m, d).unwrap()
    }

    #[test]
    fn schedules_in_the_usual_shapes() {
        let dmy = DateOrder::DayMonthYear;
        assert_eq!(parse_schedule("2026-05-12", dmy), Ok(date(2026, 5, 12)));
        assert_eq!(
            parse_schedule("2026-05-12 10:30", dmy),
            Ok(date(2026, 5, 12))
        );
        assert_eq!(
            parse_schedule("2026-05-12T10:30:00+02:00", dmy),
            Ok(date(2026, 5, 12))
        );
        assert_eq!(
            parse_schedule("12/05/2026 10:30", dmy),
            Ok(date(2026, 5, 12))
        );
        assert_eq!(
            parse_schedule("05/12/2026 10h30", DateOrder::MonthDayYear),
            Ok(date(2026, 5, 12))
        );
    }

    #[test]
    fn bad_schedules_say_why() {
        let dmy = DateOrder::DayMonthYear;
        assert_eq!(
            parse_schedule("demain", dmy),
            Err(ScheduleError::Unreadable)
        );
        assert_eq!(
            parse_schedule("2026-04-31", dmy),
            Err(ScheduleError::Impossible)
        );
        assert_eq!(
            parse_schedule("05/25/2026", dmy),
            Err(ScheduleError::OtherOrder)
        );
        assert_eq!(
            parse_schedule("2026-05-12 25:00", dmy),
            Err(ScheduleError::Unreadable)
        );
        assert_eq!(
            parse_schedule("26-05-12", dmy),
            Err(ScheduleError::Unreadable)
        );
        let message = ScheduleError::OtherOrder.to_draft_error("05/25/2026", dmy, None);
        assert!(message.message.fr.contains("--date-order mdy"));
    }

    #[test]
    fn rules_match_by_id_category_or_everything() {
        assert!(rule_matches("hashtag.too-many", "hashtag.too-many"));
        assert!(rule_matches("hashtag.too-many", "hashtag"));
        assert!(rule_matches("hashtag.too-many", "all"));
        assert!(!rule_matches("hashtag.too-many", ""));
        assert!(!rule_matches("hashtag.too-many", "hash"));
        assert!(!rule_matches("hashtag.too-many", "hashtag.too"));
        assert!(!rule_matches("links.too-many", "hashtag"));
    }

    #[test]
    fn french_messages_get_no_break_spaces() {
        assert_eq!(
            typeset_french("date « x » : vérifiez ; oui ! non ?"),
            "date «\u{a0}x\u{a0}»\u{a0}: vérifiez\u{a0}; oui\u{a0}! non\u{a0}?"
        );
        let error = DraftError::new(None, "a : b", "a : b");
        assert_eq!(error.message.fr, "a\u{a0}: b");
        assert_eq!(error.message.en, "a : b");
    }

    #[test]
    fn formats_from_extensions() {
        assert_eq!(Format::from_extension("MD"), Some(Format::Markdown));
        assert_eq!(Format::from_extension("yml"), Some(Format::Yaml));
        assert_eq!(Format::from_extension("docx"), None);
    }
}
