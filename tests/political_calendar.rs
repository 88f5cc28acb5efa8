//! The election calendar: windows, rounds, eves, configuration, and the
//! date a post is checked at (issue 4).

use jiff::civil::{date, datetime};
use twitterritorial::locale::Lang;
use twitterritorial::political::{Calendar, CalendarError, Detector, ElectionSpec, effective_date};

fn spec(name: &str, first: &str, second: Option<&str>) -> ElectionSpec {
    ElectionSpec {
        name: name.into(),
        date: first.into(),
        second_round: second.map(Into::into),
    }
}

#[test]
fn the_municipales_2026_window_runs_from_1_september_2025_to_the_second_round() {
    let cal = Calendar::builtin();
    assert!(
        cal.window_at(date(2025, 8, 31)).is_none(),
        "the day before the window"
    );
    let (election, window) = cal
        .window_at(date(2025, 9, 1))
        .expect("first day of the window");
    assert_eq!(election.name, "Municipales 2026");
    assert_eq!(
        (window.start, window.end),
        (date(2025, 9, 1), date(2026, 3, 22))
    );
    assert!(
        cal.window_at(date(2026, 3, 22)).is_some(),
        "the second round is still inside"
    );
    assert!(
        cal.window_at(date(2026, 3, 23)).is_none(),
        "the day after the last round"
    );
}

#[test]
fn every_built_in_window_starts_on_the_first_day_of_the_sixth_month_before_the_vote() {
    for e in Calendar::builtin().elections() {
        let w = e.window();
        assert_eq!(w.start.day(), 1, "{}", e.name);
        let months = (i32::from(e.date.year()) * 12 + i32::from(e.date.month()))
            - (i32::from(w.start.year()) * 12 + i32::from(w.start.month()));
        assert_eq!(months, 6, "{}", e.name);
        assert_eq!(w.end, e.last_round(), "{}", e.name);
        for round in e.rounds() {
            assert_eq!(
                round.weekday(),
                jiff::civil::Weekday::Sunday,
                "{} votes on a Sunday",
                e.name
            );
        }
        assert!(e.source.is_some(), "{} cites its source", e.name);
    }
}

#[test]
fn the_next_window_is_announced_outside_any_window() {
    let cal = Calendar::builtin();
    let (election, window) = cal.next_window(date(2026, 6, 15)).expect("a window ahead");
    assert_eq!(election.name, "Présidentielle 2027");
    assert_eq!(window.start, date(2026, 10, 1));
}

#[test]
fn the_eve_covers_the_day_before_and_the_day_of_each_round() {
    let cal = Calendar::builtin();
    for (day, round) in [
        (date(2026, 3, 14), date(2026, 3, 15)),
        (date(2026, 3, 15), date(2026, 3, 15)),
        (date(2026, 3, 21), date(2026, 3, 22)),
        (date(2026, 3, 22), date(2026, 3, 22)),
    ] {
        let (election, r) = cal
            .eve_at(day)
            .unwrap_or_else(|| panic!("{day} is an eve or a voting day"));
        assert_eq!((election.name.as_str(), r), ("Municipales 2026", round));
    }
    for day in [
        date(2026, 3, 13),
        date(2026, 3, 16),
        date(2026, 3, 20),
        date(2026, 3, 23),
    ] {
        assert!(
            cal.eve_at(day).is_none(),
            "{day} is neither an eve nor a voting day"
        );
    }
}

#[test]
fn with_a_time_the_eve_starts_at_midnight_and_ends_when_the_polls_close() {
    let cal = Calendar::builtin();
    assert!(
        cal.eve_at_time(datetime(2026, 3, 13, 23, 59, 0, 0))
            .is_none()
    );
    assert!(cal.eve_at_time(datetime(2026, 3, 14, 0, 0, 0, 0)).is_some());
    assert!(
        cal.eve_at_time(datetime(2026, 3, 15, 19, 59, 0, 0))
            .is_some()
    );
    assert!(
        cal.eve_at_time(datetime(2026, 3, 15, 20, 0, 0, 0))
            .is_none(),
        "polls closed at 20:00"
    );
    let mut early = Calendar::builtin();
    early.polls_close = jiff::civil::time(18, 0, 0, 0);
    assert!(
        early
            .eve_at_time(datetime(2026, 3, 15, 18, 30, 0, 0))
            .is_none()
    );
}

#[test]
fn the_configuration_adds_a_by_election_and_corrects_a_built_in_date() {
    let cal = Calendar::builtin()
        .with_overrides(&[
            spec("Municipale partielle", "2026-12-06", Some("2026-12-13")),
            spec("présidentielle 2027", "2027-04-18", Some("2027-05-02")),
        ])
        .expect("valid elections");
    let (e, w) = cal
        .window_at(date(2026, 6, 2))
        .expect("the by-election window");
    assert_eq!(
        (e.name.as_str(), w.start, w.end),
        ("Municipale partielle", date(2026, 6, 1), date(2026, 12, 13))
    );
    assert!(cal.eve_at(date(2026, 12, 12)).is_some());
    let presidential: Vec<_> = cal
        .elections()
        .iter()
        .filter(|e| e.name.to_lowercase().contains("présidentielle"))
        .collect();
    assert_eq!(presidential.len(), 1, "replaced, not added");
    assert_eq!(presidential[0].second_round, Some(date(2027, 5, 2)));
    assert!(!presidential[0].provisional);
    assert!(cal.eve_at(date(2027, 4, 10)).is_none() && cal.eve_at(date(2027, 4, 17)).is_some());
}

#[test]
fn a_wrong_election_in_the_configuration_is_refused_with_a_clear_message() {
    let err = Calendar::builtin()
        .with_overrides(&[spec("Partielle", "6 décembre 2026", None)])
        .unwrap_err();
    assert!(matches!(err, CalendarError::BadDate { .. }));
    assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    let err = Calendar::builtin()
        .with_overrides(&[spec("Partielle", "2026-12-13", Some("2026-12-06"))])
        .unwrap_err();
    assert!(
        matches!(err, CalendarError::RoundsOutOfOrder { .. }),
        "{err}"
    );
    let err = Calendar::builtin()
        .with_overrides(&[spec("  ", "2026-12-13", None)])
        .unwrap_err();
    assert_eq!(err, CalendarError::NoName);
}

#[test]
fn a_post_is_checked_at_its_scheduled_date_when_it_has_one() {
    let detector = Detector::builtin();
    let cal = Calendar::builtin();
    let today = date(2026, 8, 20);
    let post = "Promesse tenue : la nouvelle crèche ouvre ses portes.";
    assert_eq!(effective_date(None, today), today);
    let scheduled = date(2026, 10, 5);
    assert_eq!(effective_date(Some(scheduled), today), scheduled);

    let now = detector.check(post, effective_date(None, today), &cal, Lang::Fr);
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].severity, twitterritorial::diagnostic::Severity::Info);
    assert!(
        now[0].message.contains("1er octobre 2026"),
        "names the next window: {}",
        now[0].message
    );

    let later = detector.check(post, effective_date(Some(scheduled), today), &cal, Lang::Fr);
    assert_eq!(
        later[0].severity,
        twitterritorial::diagnostic::Severity::Error
    );
    assert!(later[0].message.contains("L52-1"), "{}", later[0].message);
    assert!(
        later[0]
            .message
            .contains("du 1er octobre 2026 au 25 avril 2027"),
        "{}",
        later[0].message
    );
}

#[test]
fn the_eve_rule_follows_the_calendar() {
    let detector = Detector::builtin();
    let cal = Calendar::builtin();
    let post = "Second tour des municipales : dernier sondage, les deux listes au coude-à-coude.";
    let on = |d| {
        detector
            .check(post, d, &cal, Lang::En)
            .into_iter()
            .map(|f| f.rule)
            .collect::<Vec<_>>()
    };
    assert!(on(date(2026, 3, 21)).contains(&"political.election-eve".to_string()));
    assert!(!on(date(2026, 3, 19)).contains(&"political.election-eve".to_string()));
    let with_time = detector.check_at(post, datetime(2026, 3, 22, 21, 0, 0, 0), &cal, Lang::Fr);
    assert!(
        with_time.iter().all(|f| f.rule != "political.election-eve"),
        "after the polls closed"
    );
    let practical =
        "Second tour demain : bureaux de vote ouverts de 8h à 18h, pensez à votre procuration.";
    assert!(
        detector
            .check(practical, date(2026, 3, 21), &cal, Lang::Fr)
            .is_empty()
    );
}
