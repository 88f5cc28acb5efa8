//! `twitterritorial archive` on a generated 200,000-post archive (≈380 MB
//! of `tweets.js` in two parts): reading, parsing and auditing, in bytes
//! per second. Goal: at least 100 MB/s. The peak memory of the real command
//! is measured separately with `/usr/bin/time -v` (see docs/archive.md).
//!
//! `cargo bench --bench archive`

#[path = "../tests/support/synthetic_archive.rs"]
mod synthetic_archive;

use divan::counter::BytesCount;
use std::path::PathBuf;
use std::sync::OnceLock;
use synthetic_archive::{Proportions, account_js, write_archive};
use twitterritorial::archive::checks::HistoryChecks;
use twitterritorial::archive::clock::paris_day;
use twitterritorial::archive::input::ArchiveInput;
use twitterritorial::archive::measures::{Audit, AuditSettings};
use twitterritorial::config::{Account, Config};
use twitterritorial::lint::Linter;
use twitterritorial::political::Calendar;
use twitterritorial::rules::RuleSet;

const POSTS: u64 = 200_000;

fn main() {
    divan::main();
}

/// The archive folder, written once per run in a temporary folder.
fn archive() -> &'static (tempfile::TempDir, PathBuf, u64) {
    static ARCHIVE: OnceLock<(tempfile::TempDir, PathBuf, u64)> = OnceLock::new();
    ARCHIVE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        let data = dir.path().join("data");
        std::fs::create_dir(&data).expect("data folder");
        std::fs::write(data.join("account.js"), account_js()).expect("account.js");
        let written = write_archive(POSTS, POSTS / 2, 20, &Proportions::default(), |part| {
            let name = if part == 0 {
                "tweets.js".to_string()
            } else {
                format!("tweets-part{part}.js")
            };
            std::fs::File::create(data.join(name))
        })
        .expect("write the archive");
        let path = dir.path().to_path_buf();
        (dir, path, written.bytes)
    })
}

fn settings() -> AuditSettings {
    AuditSettings {
        official_hashtags: vec![synthetic_archive::HASHTAG.into()],
        website: Some(synthetic_archive::WEBSITE.into()),
        ..AuditSettings::default()
    }
}

/// Read and audit the whole archive (measures only).
#[divan::bench(sample_count = 5, sample_size = 1)]
fn read_and_measure(bencher: divan::Bencher) {
    let (_, path, bytes) = archive();
    bencher.counter(BytesCount::new(*bytes)).bench(|| {
        let input = ArchiveInput::open(path).expect("open");
        let mut settings = settings();
        input.complete_settings(&mut settings);
        let mut audit = Audit::new(settings);
        input
            .read_into(&mut audit, |_| Vec::new(), |_| {})
            .expect("read");
        divan::black_box(audit.finish())
    });
}

/// What `twitterritorial archive` does: read, measure, and run every draft
/// rule and the political detector on each post.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn read_measure_and_check(bencher: divan::Bencher) {
    let (_, path, bytes) = archive();
    let config = Config {
        account: Account {
            handle: Some(format!("@{}", synthetic_archive::HANDLE)),
            hashtags: vec![format!("#{}", synthetic_archive::HASHTAG)],
            website: Some(synthetic_archive::WEBSITE.into()),
            ..Account::default()
        },
        ..Config::default()
    };
    let rules = RuleSet::builtin().expect("built-in rules");
    bencher.counter(BytesCount::new(*bytes)).bench(|| {
        let linter = Linter::new(&rules, &config).expect("linter");
        let checks = HistoryChecks::new(linter, Calendar::builtin(), config.lang);
        let input = ArchiveInput::open(path).expect("open");
        let mut settings = settings();
        input.complete_settings(&mut settings);
        settings.windows = checks.windows();
        let mut audit = Audit::new(settings);
        input
            .read_into(
                &mut audit,
                |post| checks.check(post, paris_day(post.created_at), post.is_repost()),
                |_| {},
            )
            .expect("read");
        divan::black_box(audit.finish())
    });
}
