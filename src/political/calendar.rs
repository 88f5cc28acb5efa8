//! The election calendar and the periods it sets.
//!
//! Two periods matter for a collectivité's account (domain research §1):
//! - the **pre-election window** (Code électoral L52-1 al. 2): from the first
//!   day of the sixth month before the month of a general election until the
//!   round that decides it, no promotion of the council's record;
//! - the **eve** (L49): from 0:00 on the day before each round until the
//!   polls close on the day, nothing with a propaganda character.
//!
//! The built-in calendar lists the French general elections; an account's
//! configuration may add a by-election or correct a date (`elections:`).

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Time};
use serde::Deserialize;

/// One election: one or two rounds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Election {
    pub name: String,
    /// First round (or the only one).
    pub date: Date,
    pub second_round: Option<Date>,
    /// Where the date comes from (a decree, an official page).
    pub source: Option<String>,
    /// The date is expected, not yet fixed by decree: correct it in the
    /// configuration when the decree is published.
    pub provisional: bool,
}

/// A period of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: Date,
    pub end: Date,
}

impl Window {
    pub fn contains(&self, date: Date) -> bool {
        self.start <= date && date <= self.end
    }
}

impl Election {
    /// The day of the round at which the election is decided (the last one).
    pub fn last_round(&self) -> Date {
        self.second_round.unwrap_or(self.date)
    }

    /// The voting days, in order.
    pub fn rounds(&self) -> impl Iterator<Item = Date> + '_ {
        std::iter::once(self.date).chain(self.second_round)
    }

    /// The L52-1 window: first day of the sixth month before the month of
    /// the first round, through the last round.
    pub fn window(&self) -> Window {
        let month_of_vote = self.date.first_of_month();
        // Six months before a date in year ≥ 1 always exists.
        let start = month_of_vote
            .checked_sub(6.months())
            .unwrap_or(month_of_vote);
        Window {
            start,
            end: self.last_round(),
        }
    }
}

/// An election as written in an account's configuration:
/// `{name: "Municipale partielle", date: 2026-12-06, second_round: 2026-12-13}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionSpec {
    pub name: String,
    pub date: String,
    #[serde(default)]
    pub second_round: Option<String>,
}

/// A configured election that cannot be used.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum CalendarError {
    #[error(
        "election « {name} »: `{value}` is not a date; write it as YYYY-MM-DD (for example 2026-12-06)"
    )]
    BadDate { name: String, value: String },
    #[error("election « {name} »: the second round ({second}) must come after the first ({first})")]
    RoundsOutOfOrder {
        name: String,
        first: Date,
        second: Date,
    },
    #[error("an election needs a name")]
    NoName,
}

impl ElectionSpec {
    pub fn to_election(&self) -> Result<Election, CalendarError> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(CalendarError::NoName);
        }
        let parse = |value: &str| {
            value
                .trim()
                .parse::<Date>()
                .map_err(|_| CalendarError::BadDate {
                    name: name.to_string(),
                    value: value.to_string(),
                })
        };
        let date = parse(&self.date)?;
        let second_round = self.second_round.as_deref().map(parse).transpose()?;
        if let Some(second) = second_round
            && second <= date
        {
            return Err(CalendarError::RoundsOutOfOrder {
                name: name.to_string(),
                first: date,
                second,
            });
        }
        Ok(Election {
            name: name.to_string(),
            date,
            second_round,
            source: None,
            provisional: false,
        })
    }
}

/// The elections an account is checked against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Calendar {
    elections: Vec<Election>,
    /// When the polls close on a voting day: 18:00 in most communes, 20:00
    /// in large cities by prefectoral order. The default is the later one, so
    /// that the eve rule never ends too early.
    pub polls_close: Time,
}

/// A day written as (year, month, day).
type Ymd = (i16, i8, i8);

/// The built-in French general elections (domain research §1.6): name,
/// first round, second round, source, provisional.
const BUILTIN: &[(&str, Ymd, Option<Ymd>, &str, bool)] = &[
    (
        "Municipales 2026",
        (2026, 3, 15),
        Some((2026, 3, 22)),
        "décret n° 2025-848 du 27 août 2025 (JORF n° 0199 du 28 août 2025)",
        false,
    ),
    (
        "Présidentielle 2027",
        (2027, 4, 11),
        Some((2027, 4, 25)),
        "date attendue (avril 2027), à confirmer par décret",
        true,
    ),
    (
        "Départementales et régionales 2028",
        (2028, 3, 12),
        Some((2028, 3, 19)),
        "mars 2028 (loi du 22 février 2021 et débats de la réforme), à confirmer par décret",
        true,
    ),
    (
        "Européennes 2029",
        (2029, 6, 10),
        None,
        "juin 2029 (mandat de cinq ans, dernier scrutin en juin 2024), à confirmer",
        true,
    ),
    (
        "Législatives 2029",
        (2029, 6, 17),
        Some((2029, 6, 24)),
        "juin 2029 sauf dissolution (Assemblée élue en juillet 2024), à confirmer",
        true,
    ),
    (
        "Municipales 2032",
        (2032, 3, 14),
        Some((2032, 3, 21)),
        "mars 2032 (mandat de six ans, article L227 du Code électoral), à confirmer par décret",
        true,
    ),
];

impl Default for Calendar {
    fn default() -> Self {
        Calendar::builtin()
    }
}

impl Calendar {
    /// The French general elections from 2026 to 2032.
    pub fn builtin() -> Calendar {
        let d = |(y, m, day): Ymd| jiff::civil::date(y, m, day);
        let elections = BUILTIN
            .iter()
            .map(|&(name, first, second, source, provisional)| Election {
                name: name.to_string(),
                date: d(first),
                second_round: second.map(d),
                source: Some(source.to_string()),
                provisional,
            })
            .collect();
        Calendar {
            elections,
            polls_close: Time::constant(20, 0, 0, 0),
        }
    }

    /// A calendar with no election (every date is outside any window).
    pub fn empty() -> Calendar {
        Calendar {
            elections: Vec::new(),
            polls_close: Time::constant(20, 0, 0, 0),
        }
    }

    pub fn elections(&self) -> &[Election] {
        &self.elections
    }

    /// Adds an election, or replaces the one with the same name (compared
    /// without case or accents, so « municipales 2026 » corrects the built-in
    /// « Municipales 2026 »).
    pub fn add(&mut self, election: Election) {
        let key = super::normalize::fold_phrase(&election.name);
        match self
            .elections
            .iter_mut()
            .find(|e| super::normalize::fold_phrase(&e.name) == key)
        {
            Some(existing) => *existing = election,
            None => self.elections.push(election),
        }
        self.elections.sort_by_key(|e| e.date);
    }

    /// The calendar with the elections of an account's configuration added
    /// or substituted.
    pub fn with_overrides(mut self, specs: &[ElectionSpec]) -> Result<Calendar, CalendarError> {
        for spec in specs {
            self.add(spec.to_election()?);
        }
        Ok(self)
    }

    /// The pre-election window that contains `date`, if any (the one of the
    /// nearest election when windows overlap).
    pub fn window_at(&self, date: Date) -> Option<(&Election, Window)> {
        self.elections
            .iter()
            .map(|e| (e, e.window()))
            .filter(|(_, w)| w.contains(date))
            .min_by_key(|(e, _)| e.last_round())
    }

    /// The next window that starts after `date`.
    pub fn next_window(&self, date: Date) -> Option<(&Election, Window)> {
        self.elections
            .iter()
            .map(|e| (e, e.window()))
            .filter(|(_, w)| w.start > date)
            .min_by_key(|(_, w)| w.start)
    }

    /// The round whose eve period contains `date` (the eve itself or the
    /// voting day). With a date alone the whole voting day counts, since the
    /// hour of publication is unknown.
    pub fn eve_at(&self, date: Date) -> Option<(&Election, Date)> {
        self.elections.iter().find_map(|e| {
            e.rounds()
                .find(|&round| date == round || round.yesterday().is_ok_and(|eve| eve == date))
                .map(|round| (e, round))
        })
    }

    /// Like [`Calendar::eve_at`] for a known time of publication: the period
    /// runs from 0:00 on the eve until the polls close.
    pub fn eve_at_time(&self, at: DateTime) -> Option<(&Election, Date)> {
        let (election, round) = self.eve_at(at.date())?;
        if at.date() == round && at.time() >= self.polls_close {
            return None;
        }
        Some((election, round))
    }

    /// Voting days close to `date` (within about a year around it): the
    /// days a post might refer to by « dimanche 15 mars ».
    pub fn rounds_near(&self, date: Date) -> impl Iterator<Item = Date> + '_ {
        // The first and last day, computed once: comparing dates costs less
        // than a span per round (the detector asks for every « 15 mars »).
        let from = date.checked_sub(NEAR_DAYS.days()).ok();
        let to = date.checked_add(NEAR_DAYS.days()).ok();
        self.elections
            .iter()
            .flat_map(Election::rounds)
            .filter(move |round| match (from, to) {
                (Some(from), Some(to)) => from <= *round && *round <= to,
                // At the ends of the calendar's range.
                _ => round.since(date).map_or(i32::MAX, |s| s.get_days().abs()) <= NEAR_DAYS,
            })
    }
}

/// How far a round may be from a post's date to be the day it means.
const NEAR_DAYS: i32 = 400;

/// The date a post is checked at: its own scheduled date when it has one,
/// otherwise the date given on the command line (`--today`, default today).
pub fn effective_date(scheduled: Option<Date>, today: Date) -> Date {
    scheduled.unwrap_or(today)
}

/// « 1er septembre 2025 » / « 1 September 2025 ».
pub fn format_date(date: Date, lang: crate::locale::Lang) -> String {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = usize::try_from(date.month() - 1).unwrap_or(0).min(11);
    match lang {
        crate::locale::Lang::Fr if date.day() == 1 => format!("1er {} {}", FR[month], date.year()),
        crate::locale::Lang::Fr => format!("{} {} {}", date.day(), FR[month], date.year()),
        crate::locale::Lang::En => format!("{} {} {}", date.day(), EN[month], date.year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_near_are_those_at_most_400_days_away() {
        let calendar = Calendar::builtin();
        let mut date = jiff::civil::date(2019, 1, 1);
        while date < jiff::civil::date(2036, 1, 1) {
            let near: Vec<Date> = calendar.rounds_near(date).collect();
            let by_span: Vec<Date> = calendar
                .elections
                .iter()
                .flat_map(Election::rounds)
                .filter(|r| r.since(date).is_ok_and(|s| s.get_days().abs() <= 400))
                .collect();
            assert_eq!(near, by_span, "{date}");
            date = date.tomorrow().expect("a day after");
        }
    }
}
