//! Writes a synthetic X archive with known proportions (see
//! `tests/support/synthetic_archive.rs`):
//!
//! ```sh
//! cargo run --release --example gen_archive -- OUT_DIR [POSTS] [POSTS_PER_PART]
//! twitterritorial archive OUT_DIR
//! ```
//!
//! `OUT_DIR/data/` receives `tweets.js`, `tweets-part1.js`… and
//! `account.js`; the counts written are printed as JSON-like lines.

#[path = "../tests/support/synthetic_archive.rs"]
mod synthetic_archive;

use std::fs::File;
use std::path::PathBuf;
use std::process::ExitCode;
use synthetic_archive::{Proportions, account_js, write_archive};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!(
            "usage: gen_archive OUT_DIR [POSTS (default 200000)] [POSTS_PER_PART (default 100000)]"
        );
        return ExitCode::from(2);
    };
    let number = |at: usize, default: u64| -> Result<u64, String> {
        args.get(at).map_or(Ok(default), |v| {
            v.replace('_', "")
                .parse()
                .map_err(|_| format!("`{v}` is not a number of posts"))
        })
    };
    let (posts, per_part) = match (number(1, 200_000), number(2, 100_000)) {
        (Ok(posts), Ok(per_part)) if per_part > 0 => (posts, per_part),
        (Err(err), _) | (_, Err(err)) => {
            eprintln!("gen_archive: {err}");
            return ExitCode::from(2);
        }
        _ => {
            eprintln!("gen_archive: POSTS_PER_PART must be at least 1");
            return ExitCode::from(2);
        }
    };
    let data = out.join("data");
    let result = std::fs::create_dir_all(&data).and_then(|()| {
        std::fs::write(data.join("account.js"), account_js())?;
        write_archive(posts, per_part, 20, &Proportions::default(), |part| {
            let name = if part == 0 {
                "tweets.js".to_string()
            } else {
                format!("tweets-part{part}.js")
            };
            File::create(data.join(name))
        })
    });
    match result {
        Ok(written) => {
            println!("{written:#?}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("gen_archive: {}: {err}", data.display());
            ExitCode::from(1)
        }
    }
}
