//! The audit finds exactly the proportions the generator wrote.

mod support {
    #[path = "synthetic_archive.rs"]
    pub mod synthetic_archive;
}

use support::synthetic_archive::{self as synth, Proportions};
use twitterritorial::archive::input::ArchiveInput;
use twitterritorial::archive::measures::{Audit, AuditSettings};
use twitterritorial::archive::post::Identity;

fn audit_of(
    dir: &std::path::Path,
    settings: AuditSettings,
) -> twitterritorial::archive::measures::AuditReport {
    let input = ArchiveInput::open(dir).expect("open the synthetic archive");
    let mut settings = settings;
    input.complete_settings(&mut settings);
    let mut audit = Audit::new(settings);
    input
        .read_into(&mut audit, |_| Vec::new(), |_| {})
        .expect("read the synthetic archive");
    audit.finish()
}

#[test]
fn the_audit_finds_the_generated_proportions() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::write(data.join("account.js"), synth::account_js()).unwrap();
    // 8,000 posts in parts of 2,500: four parts. Over every 1,000 posts the
    // generator covers each share exactly (see its module doc).
    let proportions = Proportions {
        replies: 97,
        self_threads: 33,
        reposts: 211,
        quotes: 19,
        feed: 403,
        scheduler: 121,
        official_hashtag: 377,
        misspelled_hashtag: 71,
        website_links: 287,
        questions: 53,
        media: 199,
    };
    let written = synth::write_archive(8_000, 2_500, 45, &proportions, |part| {
        let name = if part == 0 {
            "tweets.js".to_string()
        } else {
            format!("tweets-part{part}.js")
        };
        std::fs::File::create(data.join(name))
    })
    .unwrap();
    assert!(data.join("tweets-part3.js").exists());

    let settings = AuditSettings {
        official_hashtags: vec![synth::HASHTAG.into()],
        website: Some(synth::WEBSITE.into()),
        ..AuditSettings::default()
    };
    let report = audit_of(dir.path(), settings);
    let t = &report.totals;
    assert_eq!(
        report.account.id.as_deref(),
        Some(synth::ACCOUNT_ID.to_string().as_str()),
        "account.js read"
    );
    assert_eq!(report.files.len(), 4);
    assert_eq!(t.posts, written.posts);
    assert_eq!(t.originals, written.originals);
    assert_eq!(t.replies, written.replies);
    assert_eq!(t.self_threads, written.self_threads);
    assert_eq!(t.reposts, written.reposts);
    assert_eq!(t.quotes, written.quotes);
    assert_eq!(t.feed, written.feed);
    assert_eq!(t.scheduler, written.scheduler);
    assert_eq!(t.automated, written.feed + written.scheduler);
    assert_eq!(t.official_hashtag, written.official_hashtag);
    assert_eq!(t.misspelled_hashtag, written.misspelled_hashtag);
    assert_eq!(t.website_links, written.website_links);
    assert_eq!(t.questions, written.questions);
    assert_eq!(t.with_media, written.media);
    assert_eq!(
        t.with_mentions, written.replies,
        "only replies mention someone (reposts are not counted)"
    );
    assert_eq!(report.dialogue.distinct_accounts_answered, 1);
    assert_eq!(report.problems.skipped, 0);
    // The proportions themselves: 8 × the per-mille figures.
    assert_eq!(
        (t.replies, t.self_threads, t.reposts, t.quotes),
        (776, 264, 1_688, 152)
    );
    assert_eq!((t.feed, t.scheduler, t.with_media), (3_224, 968, 1_592));
    assert_eq!(t.originals, 8_000 - 776 - 264 - 1_688 - 152);
    // Months add up to the totals.
    assert_eq!(
        report.months.iter().map(|m| m.counts.posts).sum::<u64>(),
        written.posts
    );
    assert_eq!(
        report.months.iter().map(|m| m.counts.replies).sum::<u64>(),
        written.replies
    );
}

#[test]
fn without_account_js_self_threads_are_still_recognised() {
    let dir = tempfile::tempdir().unwrap();
    let written = synth::write_archive(3_000, 3_000, 60, &Proportions::default(), |_| {
        std::fs::File::create(dir.path().join("tweets.js"))
    })
    .unwrap();
    let report = audit_of(&dir.path().join("tweets.js"), AuditSettings::default());
    assert_eq!(report.totals.self_threads, written.self_threads);
    assert_eq!(report.totals.replies, written.replies);
    assert_eq!(
        report.account.handle.as_deref(),
        Some(synth::HANDLE),
        "handle inferred from the threads"
    );
    assert!(!report.account.identified);
    // With the handle given, the same.
    let settings = AuditSettings {
        account: Identity {
            id: None,
            handle: Some(synth::HANDLE.into()),
        },
        ..AuditSettings::default()
    };
    let report = audit_of(&dir.path().join("tweets.js"), settings);
    assert_eq!(report.totals.self_threads, written.self_threads);
}
