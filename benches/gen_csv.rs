//! Writes the generated Hootsuite file the benchmarks use, to measure the
//! command by hand (peak memory with `/usr/bin/time -v`):
//!
//! ```sh
//! cargo bench --bench gen_csv -- /tmp/posts.csv 1000000
//! /usr/bin/time -v target/release/twitterritorial check /tmp/posts.csv --format json > /dev/null
//! ```
//!
//! The folder of the file also gets the account configuration the posts are
//! written for (`.twitterritorial.yaml`), unless one is already there.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

#[path = "common/posts.rs"]
mod posts;

fn main() {
    // `cargo bench` adds `--bench` to the arguments.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let (Some(path), count) = (args.first(), args.get(1)) else {
        eprintln!(
            "usage: cargo bench --bench gen_csv -- FILE [COUNT]   (COUNT: 1000000 by default)"
        );
        return;
    };
    let count: usize = match count.map(|c| c.parse()) {
        None => 1_000_000,
        Some(Ok(count)) => count,
        Some(Err(_)) => {
            eprintln!("COUNT must be a number of posts");
            std::process::exit(2);
        }
    };
    let path = PathBuf::from(path);
    let file = std::fs::File::create(&path).unwrap_or_else(|e| {
        eprintln!("cannot create {}: {e}", path.display());
        std::process::exit(2);
    });
    let mut out = BufWriter::new(file);
    if let Err(e) = posts::write_hootsuite(&mut out, count).and_then(|()| out.flush()) {
        eprintln!("cannot write {}: {e}", path.display());
        std::process::exit(2);
    }
    if let Some(folder) = path.parent() {
        let config = folder.join(".twitterritorial.yaml");
        if !config.exists() && std::fs::write(&config, posts::CONFIG).is_err() {
            eprintln!("cannot write {}", config.display());
        }
    }
    eprintln!("{count} posts written to {}", path.display());
}
