//! Dates of posts: reading X's timestamps and placing them on French
//! calendar days.
//!
//! Posts are counted on the day and month they were published *in France*
//! (Europe/Paris): a post sent at 23:30 UTC on 31 August is a September post
//! for the town hall, and the pre-election window starts on a French
//! midnight. The rule for summer time is the European one (last Sunday of
//! March to last Sunday of October, at 01:00 UTC); it is computed here
//! rather than read from a time-zone database so the core also runs in a
//! browser.

use std::fmt;

/// A calendar day, counted in days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

/// A calendar month, counted as `year * 12 + (month - 1)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Day {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Day {
        Day(days_from_civil(year, month, day))
    }

    /// `(year, month 1..=12, day 1..=31)`.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    pub fn month(self) -> Month {
        let (y, m, _) = self.ymd();
        Month(y * 12 + m as i32 - 1)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Day> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(&b[0..4])? as i32;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Day::from_ymd(year, month, day))
    }

    /// Monday = 0 … Sunday = 6.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.0 + 3).rem_euclid(7) as u32
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Month {
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// 1..=12
    pub fn number(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    pub fn first_day(self) -> Day {
        Day::from_ymd(self.year(), self.number(), 1)
    }

    pub fn next(self) -> Month {
        Month(self.0 + 1)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.number())
    }
}

/// Seconds since 1970-01-01T00:00:00Z.
pub type UnixSeconds = i64;

/// The French calendar day of an instant (Europe/Paris, see the module doc).
pub fn paris_day(at: UnixSeconds) -> Day {
    let local = at + paris_offset_seconds(at);
    Day(local.div_euclid(86_400) as i32)
}

/// UTC offset of metropolitan France at an instant: +1 h, +2 h in summer.
pub fn paris_offset_seconds(at: UnixSeconds) -> i64 {
    let day = Day(at.div_euclid(86_400) as i32);
    let (year, _, _) = day.ymd();
    let start = last_sunday(year, 3).0 as i64 * 86_400 + 3_600;
    let end = last_sunday(year, 10).0 as i64 * 86_400 + 3_600;
    if at >= start && at < end {
        7_200
    } else {
        3_600
    }
}

fn last_sunday(year: i32, month: u32) -> Day {
    let last = Day::from_ymd(year, month, days_in_month(year, month));
    Day(last.0 - ((last.weekday() + 1) % 7) as i32)
}

/// Parses X's `created_at`: `Thu Nov 03 08:50:26 +0000 2022`.
pub fn parse_created_at(text: &str) -> Option<UnixSeconds> {
    let b = text.as_bytes();
    if b.len() != 30
        || b[3] != b' '
        || b[7] != b' '
        || b[10] != b' '
        || b[19] != b' '
        || b[25] != b' '
    {
        return None;
    }
    let month = month_from_abbrev(&b[4..7])?;
    let day = digits(&b[8..10])?;
    let (hour, minute, second) = hms(&b[11..19])?;
    let offset = utc_offset(&b[20..25])?;
    let year = digits(&b[26..30])? as i32;
    build(year, month, day, hour, minute, second, offset)
}

/// Parses the timestamps found in CSV exports: `2014-01-06 17:04:51 +0000`
/// (X's former `tweets.csv`), ISO 8601 / RFC 3339 (`2022-11-03T08:50:26Z`,
/// `2022-11-03T08:50:26.000+01:00`), `2022-11-03 08:50:26` (taken as UTC),
/// and X's `created_at` form.
pub fn parse_timestamp(text: &str) -> Option<UnixSeconds> {
    let text = text.trim();
    if let Some(at) = parse_created_at(text) {
        return Some(at);
    }
    let b = text.as_bytes();
    if b.len() < 19 || b[4] != b'-' || b[7] != b'-' || !(b[10] == b' ' || b[10] == b'T') {
        return None;
    }
    let year = digits(&b[0..4])? as i32;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    let (hour, minute, second) = hms(&b[11..19])?;
    let mut rest = &b[19..];
    if rest.first() == Some(&b'.') {
        let digits_len = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits_len == 0 {
            return None;
        }
        rest = &rest[1 + digits_len..];
    }
    if rest.first() == Some(&b' ') {
        rest = &rest[1..];
    }
    let offset = match rest {
        [] | b"Z" | b"z" | b"UTC" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => utc_offset(&[*sign, *h1, *h2, *m1, *m2])?,
        [b'+' | b'-', _, _, _, _] => utc_offset(rest)?,
        _ => return None,
    };
    build(year, month, day, hour, minute, second, offset)
}

fn build(
    year: i32,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    offset: i64,
) -> Option<UnixSeconds> {
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let days = days_from_civil(year, month, day) as i64;
    Some(days * 86_400 + hour as i64 * 3_600 + minute as i64 * 60 + second as i64 - offset)
}

fn hms(b: &[u8]) -> Option<(u32, u32, u32)> {
    if b.len() != 8 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    Some((digits(&b[0..2])?, digits(&b[3..5])?, digits(&b[6..8])?))
}

/// `+hhmm` / `-hhmm` to seconds east of UTC.
fn utc_offset(b: &[u8]) -> Option<i64> {
    if b.len() != 5 {
        return None;
    }
    let sign = match b[0] {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let hours = digits(&b[1..3])? as i64;
    let minutes = digits(&b[3..5])? as i64;
    if hours > 18 || minutes > 59 {
        return None;
    }
    Some(sign * (hours * 3_600 + minutes * 60))
}

fn month_from_abbrev(b: &[u8]) -> Option<u32> {
    const MONTHS: [&[u8; 3]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    MONTHS
        .iter()
        .position(|m| m.as_slice() == b)
        .map(|i| i as u32 + 1)
}

fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() {
        return None;
    }
    let mut value = 0u32;
    for &c in b {
        if !c.is_ascii_digit() {
            return None;
        }
        value = value * 10 + (c - b'0') as u32;
    }
    Some(value)
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

// Days between 1970-01-01 and a proleptic Gregorian date (H. Hinnant's
// well-known algorithm: eras of 400 years starting on 1 March).
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    (year, month, day)
}

impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_at_is_read_as_x_writes_it() {
        // 2022-11-03T08:50:26Z, checked with `date -u -d @1667465426`.
        assert_eq!(
            parse_created_at("Thu Nov 03 08:50:26 +0000 2022"),
            Some(1_667_465_426)
        );
        assert_eq!(
            parse_created_at("Thu Nov 03 09:50:26 +0100 2022"),
            Some(1_667_465_426)
        );
        assert_eq!(parse_created_at("Thu Nov 3 08:50:26 +0000 2022"), None);
        assert_eq!(parse_created_at("Thu Foo 03 08:50:26 +0000 2022"), None);
        assert_eq!(parse_created_at("Thu Feb 30 08:50:26 +0000 2022"), None);
    }

    #[test]
    fn csv_timestamps_in_their_usual_forms() {
        assert_eq!(
            parse_timestamp("2022-11-03 08:50:26 +0000"),
            Some(1_667_465_426)
        );
        assert_eq!(parse_timestamp("2022-11-03T08:50:26Z"), Some(1_667_465_426));
        assert_eq!(
            parse_timestamp("2022-11-03T08:50:26.000Z"),
            Some(1_667_465_426)
        );
        assert_eq!(
            parse_timestamp("2022-11-03T09:50:26+01:00"),
            Some(1_667_465_426)
        );
        assert_eq!(parse_timestamp("2022-11-03 08:50:26"), Some(1_667_465_426));
        assert_eq!(parse_timestamp("03/11/2022 08:50"), None);
    }

    #[test]
    fn days_round_trip_and_weekdays() {
        for days in [-800_000, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            let (y, m, d) = Day(days).ymd();
            assert_eq!(Day::from_ymd(y, m, d), Day(days));
        }
        assert_eq!(Day::from_ymd(1970, 1, 1), Day(0));
        assert_eq!(
            Day::from_ymd(2026, 3, 15).weekday(),
            6,
            "15 March 2026 is a Sunday"
        );
        assert_eq!(
            Day::parse("2025-09-01").map(|d| d.to_string()),
            Some("2025-09-01".into())
        );
        assert_eq!(Day::parse("2025-02-29"), None);
    }

    #[test]
    fn french_days_follow_summer_time() {
        // 2025-08-31T22:30:00Z is 00:30 on 1 September in Paris (summer, +2 h).
        let at = parse_timestamp("2025-08-31T22:30:00Z").unwrap();
        assert_eq!(paris_day(at).to_string(), "2025-09-01");
        // 2025-12-31T22:30:00Z is 23:30 on 31 December (winter, +1 h).
        let at = parse_timestamp("2025-12-31T22:30:00Z").unwrap();
        assert_eq!(paris_day(at).to_string(), "2025-12-31");
        // Summer time 2026 starts on Sunday 29 March at 01:00 UTC.
        assert_eq!(
            paris_offset_seconds(parse_timestamp("2026-03-29T00:59:59Z").unwrap()),
            3_600
        );
        assert_eq!(
            paris_offset_seconds(parse_timestamp("2026-03-29T01:00:00Z").unwrap()),
            7_200
        );
        assert_eq!(
            paris_offset_seconds(parse_timestamp("2026-10-25T00:59:59Z").unwrap()),
            7_200
        );
        assert_eq!(
            paris_offset_seconds(parse_timestamp("2026-10-25T01:00:00Z").unwrap()),
            3_600
        );
    }
}
