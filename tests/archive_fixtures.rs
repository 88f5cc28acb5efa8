//! Each measure of the audit on hand-made archives in X's real format
//! (`tests/fixtures/archive/`, invented accounts). The expected values were
//! counted by hand from the fixture files; the comments say how.

use std::io::Write;
use std::path::{Path, PathBuf};
use twitterritorial::archive::ProblemKind;
use twitterritorial::archive::clock::Day;
use twitterritorial::archive::input::{ArchiveInput, InputKind};
use twitterritorial::archive::measures::{Audit, AuditReport, AuditSettings, Counts, Silence};
use twitterritorial::archive::post::Identity;

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/archive")
        .join(path)
}

fn settings() -> AuditSettings {
    AuditSettings {
        official_hashtags: vec!["VilleExemple".into()],
        local_accounts: vec!["@EcoleJaures".into()],
        today: Day::parse("2026-03-20"),
        ..AuditSettings::default()
    }
}

fn audit(path: &Path, mut settings: AuditSettings) -> AuditReport {
    let input = ArchiveInput::open(path).unwrap_or_else(|err| panic!("{err}"));
    input.complete_settings(&mut settings);
    let mut audit = Audit::new(settings);
    input
        .read_into(&mut audit, |_| Vec::new(), |_| {})
        .unwrap_or_else(|err| panic!("{err}"));
    audit.finish()
}

/// The ten posts of `ville-exemple` (7 in tweets.js, 3 in tweets-part1.js):
/// 10 Mar 2026 election practicalities (web, photo, site link, #VilleExemple)
/// 1 Mar 2026 council agenda (dlvr.it, site link without www)
/// 14 Feb 2026 reply to @Habitante_Marie with a question
/// 14 Feb 2026 reply to our own post (self-thread), mentions Marie, site link
/// 3 Feb 2026 repost of @EcoleJaures (a local account)
/// 12 Jan 2026 video via Hootsuite, #VilleExemple #Voeux2026
/// 10 Dec 2025 quote of a post of @MeteoExemple
/// 20 Oct 2025 record promotion, #villeexemple (misspelt)
/// 31 Aug 2025 22:30 UTC = 1 Sep 00:30 in Paris: repost of @Prefet99
/// 20 Jun 2025 Fête de la musique via IFTTT, site link, `&amp;` in the text
fn check_ville_exemple(report: &AuditReport) {
    let t = &report.totals;
    let expected = Counts {
        posts: 10,
        originals: 5,
        self_threads: 1,
        replies: 1,
        quotes: 1,
        reposts: 2,
        local_reposts: 1,
        with_mentions: 2,
        questions: 1,
        polls: 0,
        with_media: 2,
        automated: 3,
        feed: 2,
        scheduler: 1,
        crosspost: 0,
        with_links: 4,
        website_links: 4,
        official_hashtag: 2,
        misspelled_hashtag: 1,
        posts_with_errors: 0,
        posts_with_warnings: 0,
        posts_with_infos: 0,
        political: 0,
    };
    assert_eq!(*t, expected);
    assert_eq!(t.own_posts(), 8);
    assert_eq!(t.dialogue(), 4);
    assert_eq!(t.broadcast(), 6);

    assert_eq!(report.account.handle.as_deref(), Some("VilleExemple"));
    assert_eq!(report.account.id.as_deref(), Some("1234567890"));
    assert_eq!(
        report.account.display_name.as_deref(),
        Some("Ville d’Exemple")
    );
    assert_eq!(
        report.account.website.as_deref(),
        Some("https://www.ville-exemple.fr"),
        "from profile.js"
    );
    assert_eq!(
        report.dialogue.distinct_accounts_mentioned, 1,
        "only @Habitante_Marie (reposts left out)"
    );
    assert_eq!(report.dialogue.distinct_accounts_answered, 1);
    assert!(
        !report.dialogue.polls_known,
        "X's archive does not show polls"
    );

    assert_eq!(report.first_post, Day::parse("2025-06-20"));
    assert_eq!(report.last_post, Day::parse("2026-03-10"));
    let r = &report.regularity;
    assert_eq!(r.days, 264, "20 June 2025 to 10 March 2026, both included");
    assert_eq!(r.active_days, 9, "two posts on 14 February");
    assert_eq!(
        r.longest_silence,
        Some(Silence {
            days: 72,
            from: Day::from_ymd(2025, 6, 21),
            to: Day::from_ymd(2025, 8, 31)
        })
    );
    assert_eq!((r.active_weeks, r.calendar_weeks), (9, 39));
    assert_eq!(r.posts_per_week, 0.27, "10 posts / (264 / 7) weeks");
    assert_eq!(r.days_since_last_post, Some(10));

    // Every month from June 2025 to March 2026, the silent ones too.
    let months: Vec<(String, u64)> = report
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.counts.posts))
        .collect();
    let expected_months = [
        ("2025-06", 1),
        ("2025-07", 0),
        ("2025-08", 0),
        ("2025-09", 1),
        ("2025-10", 1),
        ("2025-11", 0),
        ("2025-12", 1),
        ("2026-01", 1),
        ("2026-02", 3),
        ("2026-03", 2),
    ];
    assert_eq!(months, expected_months.map(|(m, n)| (m.to_string(), n)));
    let february = &report.months[8].counts;
    assert_eq!(
        (
            february.replies,
            february.self_threads,
            february.reposts,
            february.local_reposts
        ),
        (1, 1, 1, 1)
    );

    let tools: Vec<(&str, u64)> = report
        .automation
        .iter()
        .map(|t| (t.name.as_str(), t.posts))
        .collect();
    assert_eq!(tools, [("Hootsuite", 1), ("IFTTT", 1), ("dlvr.it", 1)]);
    let top: Vec<(&str, u64)> = report
        .hashtags
        .top
        .iter()
        .map(|h| (h.name.as_str(), h.posts))
        .collect();
    assert_eq!(
        top,
        [
            ("#VilleExemple", 2),
            ("#FêteDeLaMusique", 1),
            ("#Voeux2026", 1),
            ("#villeexemple", 1)
        ]
    );
    assert_eq!(report.hashtags.misspellings.len(), 1);
    assert_eq!(
        (
            report.hashtags.misspellings[0].hashtag.as_str(),
            report.hashtags.misspellings[0].official.as_str()
        ),
        ("#villeexemple", "#VilleExemple")
    );
    assert_eq!(report.problems.skipped, 0);
    assert!(report.problems.kinds.is_empty());
}

#[test]
fn the_unzipped_folder() {
    let report = audit(&fixture("ville-exemple"), settings());
    assert_eq!(report.files.len(), 2, "tweets.js then tweets-part1.js");
    assert!(report.files[0].ends_with("tweets.js") && report.files[1].ends_with("tweets-part1.js"));
    check_ville_exemple(&report);
}

#[test]
fn the_tweets_js_file_brings_its_parts_and_account() {
    let path = fixture("ville-exemple/data/tweets.js");
    assert_eq!(ArchiveInput::open(&path).unwrap().kind, InputKind::TweetsJs);
    check_ville_exemple(&audit(&path, settings()));
}

/// Builds the zip as X sends it: everything under a top folder.
fn zip_of(folder: &Path, into: &Path, prefix: &str) {
    let file = std::fs::File::create(into).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.add_directory(format!("{prefix}data/"), options)
        .unwrap();
    let mut names: Vec<_> = std::fs::read_dir(folder.join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    for name in names {
        zip.start_file(format!("{prefix}data/{name}"), options)
            .unwrap();
        zip.write_all(&std::fs::read(folder.join("data").join(&name)).unwrap())
            .unwrap();
    }
    zip.start_file(format!("{prefix}Your archive.html"), options)
        .unwrap();
    zip.write_all(b"<html></html>").unwrap();
    zip.finish().unwrap();
}

#[test]
fn the_zip_as_x_sends_it() {
    let dir = tempfile::tempdir().unwrap();
    for prefix in ["", "twitter-2026-03-18-abc/"] {
        let zip = dir.path().join("archive.zip");
        zip_of(&fixture("ville-exemple"), &zip, prefix);
        let input = ArchiveInput::open(&zip).unwrap();
        assert_eq!(input.kind, InputKind::Zip);
        assert_eq!(input.part_names().len(), 2);
        let report = audit(&zip, settings());
        assert!(
            report.files[0].ends_with("data/tweets.js"),
            "{:?}",
            report.files
        );
        check_ville_exemple(&report);
    }
}

#[test]
fn a_zip_that_is_not_an_archive_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photos.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    zip.start_file(
        "vacances/plage.jpg",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"\xff\xd8\xff\xe0 not really a jpeg")
        .unwrap();
    zip.finish().unwrap();
    let err = ArchiveInput::open(&path).err().expect("refused");
    assert_eq!(err.error.kind, ProblemKind::NotArchiveData);
    assert!(
        err.to_string().contains("photos.zip") && err.to_string().contains("data/tweets.js"),
        "{err}"
    );
    // A damaged zip: the first bytes of a zip, then nothing.
    let broken = dir.path().join("broken.zip");
    std::fs::write(&broken, b"PK\x03\x04garbage").unwrap();
    assert_eq!(
        ArchiveInput::open(&broken)
            .err()
            .expect("refused")
            .error
            .kind,
        ProblemKind::NotArchiveData
    );
}

#[test]
fn without_account_js_the_account_id_can_be_given() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["tweets.js", "tweets-part1.js"] {
        std::fs::copy(
            fixture("ville-exemple/data").join(name),
            dir.path().join(name),
        )
        .unwrap();
    }
    let base = AuditSettings {
        website: Some("ville-exemple.fr".into()),
        ..settings()
    };
    let with_id = AuditSettings {
        account: Identity {
            id: Some(1_234_567_890),
            handle: None,
        },
        ..base.clone()
    };
    let report = audit(&dir.path().join("tweets.js"), with_id);
    assert_eq!((report.totals.replies, report.totals.self_threads), (1, 1));
    assert_eq!(
        report.totals.website_links, 4,
        "a bare domain matches www. and no www."
    );
    // Without any identity, the self-thread is still told by its text.
    let report = audit(&dir.path().join("tweets.js"), base);
    assert_eq!((report.totals.replies, report.totals.self_threads), (1, 1));
    assert_eq!(
        report.account.handle.as_deref(),
        Some("VilleExemple"),
        "inferred from the thread"
    );
    assert!(!report.account.identified);
}

#[test]
fn the_csv_export() {
    // tweets.csv (X's former format): 20 dlvr.it + #VilleExemple + site;
    // 21 reply with a question; 22 reply to our own post 21; 23 repost by
    // Hootsuite; 24 #villeexemple.
    let with_id = AuditSettings {
        account: Identity {
            id: Some(1_234_567_890),
            handle: None,
        },
        website: Some("https://www.ville-exemple.fr".into()),
        ..settings()
    };
    let report = audit(&fixture("tweets.csv"), with_id);
    let t = &report.totals;
    assert_eq!(
        (
            t.posts,
            t.originals,
            t.replies,
            t.self_threads,
            t.reposts,
            t.quotes
        ),
        (5, 2, 1, 1, 1, 0)
    );
    assert_eq!((t.automated, t.feed, t.scheduler), (2, 1, 1));
    assert_eq!(
        (
            t.questions,
            t.official_hashtag,
            t.misspelled_hashtag,
            t.website_links
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(t.local_reposts, 1);
    assert_eq!(
        t.with_mentions, 2,
        "hashtags and mentions read from the text"
    );
    let months: Vec<(String, u64)> = report
        .months
        .iter()
        .map(|m| (m.month.to_string(), m.counts.posts))
        .collect();
    assert_eq!(
        months,
        [("2024-05".to_string(), 4), ("2024-06".to_string(), 1)]
    );
}

#[test]
fn a_truncated_file_stops_with_its_line() {
    let err = ArchiveInput::open(&fixture("bad/truncated-tweets.js"))
        .unwrap()
        .read_into(&mut Audit::new(settings()), |_| Vec::new(), |_| {})
        .unwrap_err();
    assert_eq!(err.error.kind, ProblemKind::Truncated);
    assert!(err.file.ends_with("truncated-tweets.js"));
    assert!(err.error.line.is_some_and(|l| l > 1), "{err}");
}

#[test]
fn a_file_that_is_not_archive_data_is_refused() {
    for name in ["bad/not-archive.js", "bad/deleted-tweets.js"] {
        let err = ArchiveInput::open(&fixture(name))
            .unwrap()
            .read_into(&mut Audit::new(settings()), |_| Vec::new(), |_| {})
            .unwrap_err();
        assert_eq!(err.error.kind, ProblemKind::NotArchiveData, "{name}: {err}");
    }
}

#[test]
fn tweets_js_without_its_prefix_is_read_as_json() {
    let report = audit(&fixture("bad/no-prefix/tweets.js"), settings());
    assert_eq!(report.totals.posts, 2);
    assert_eq!(report.problems.skipped, 0);
}

#[test]
fn posts_with_a_missing_field_are_skipped_and_counted() {
    // Four posts; the second has no created_at, the fourth no full_text.
    let report = audit(&fixture("bad/missing-field/tweets.js"), settings());
    assert_eq!(report.totals.posts, 2);
    assert_eq!(report.problems.skipped, 2);
    let missing = &report.problems.kinds[0];
    assert_eq!(
        (missing.kind, missing.count, missing.skipped),
        (ProblemKind::MissingField, 2, 2)
    );
    assert!(missing.examples[0].detail.contains("created_at"));
    assert!(missing.examples[1].detail.contains("full_text"));
    assert!(missing.examples[0].line < missing.examples[1].line);
}

#[test]
fn numbers_that_are_not_strings_are_reported() {
    // Three posts: an id written as a number (read, reported) and a date
    // written as a number (skipped).
    let report = audit(&fixture("bad/number-not-string/tweets.js"), settings());
    assert_eq!(report.totals.posts, 2);
    assert_eq!(
        report.totals.replies, 1,
        "the reply with a numeric user id is still a reply"
    );
    let kinds: Vec<(ProblemKind, u64, u64)> = report
        .problems
        .kinds
        .iter()
        .map(|k| (k.kind, k.count, k.skipped))
        .collect();
    assert_eq!(
        kinds,
        [
            (ProblemKind::WrongType, 1, 1),
            (ProblemKind::NumberNotString, 1, 0)
        ]
    );
    let wrong = &report.problems.kinds[0].examples[0];
    assert_eq!(wrong.line, 108, "the line of `\"created_at\" : 1771064400`");
}
