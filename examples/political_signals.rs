//! Shows what the political detector sees in posts: the signals each one
//! raises (with the words that raised them) and the findings. A tool for
//! people who edit `rules/political.yaml`.
//!
//! ```text
//! cargo run --example political_signals -- "Le 15 mars, faites le bon choix."
//! cargo run --example political_signals -- --file tests/fixtures/political/eval.yaml [--label partisan]
//! cargo run --example political_signals -- --pack my-political.yaml --date 2026-03-14 "…"
//! ```
//!
//! Posts are checked at 15 June 2026 (outside any pre-election window)
//! unless `--date` says otherwise or a post of a `--file` has its own date.

use serde::Deserialize;
use twitterritorial::locale::Lang;
use twitterritorial::political::{Calendar, Detector};

#[derive(Deserialize)]
struct Set {
    posts: Vec<Post>,
}

#[derive(Deserialize)]
struct Post {
    #[serde(default)]
    label: String,
    #[serde(default)]
    lang: Lang,
    #[serde(default)]
    date: Option<String>,
    text: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut posts = Vec::new();
    let mut label = None;
    let mut date: jiff::civil::Date = "2026-06-15".parse()?;
    let mut detector = Detector::builtin();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--file" => {
                let path = args.next().ok_or("--file needs a path")?;
                let set: Set = serde_saphyr::from_str(&std::fs::read_to_string(&path)?)?;
                posts.extend(set.posts);
            }
            "--label" => label = Some(args.next().ok_or("--label needs a label")?),
            "--date" => date = args.next().ok_or("--date needs YYYY-MM-DD")?.parse()?,
            "--pack" => {
                let path = args.next().ok_or("--pack needs a path")?;
                detector = Detector::from_yaml(&std::fs::read_to_string(&path)?)?;
            }
            _ => posts.push(Post {
                label: String::new(),
                lang: Lang::Fr,
                date: None,
                text: arg,
            }),
        }
    }
    let calendar = Calendar::builtin();
    for post in posts
        .iter()
        .filter(|p| label.as_ref().is_none_or(|l| *l == p.label))
    {
        let day = match &post.date {
            Some(d) => d.parse()?,
            None => date,
        };
        println!("{} [{day}] {}", post.label, post.text);
        for hit in detector.signals(&post.text, day, &calendar) {
            println!("    {:<18} {:?}", hit.signal, &post.text[hit.span.clone()]);
        }
        for f in detector.check(&post.text, day, &calendar, post.lang) {
            println!("  → {} {}: {}", f.rule, f.severity, f.message);
        }
    }
    Ok(())
}
