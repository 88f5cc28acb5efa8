//! `twitterritorial site --list` on 1,000 local sites that each answer after
//! 100 ms, 32 at a time: wall time against the ideal, and peak memory.
//!
//! Run with `cargo bench --bench site_list`. The whole command runs as a
//! separate process (under `/usr/bin/time -v` when it exists, for its peak
//! resident memory), so the figures are those a user gets. Divan measures
//! functions in a loop; this measures one process end to end, hence a plain
//! `main`.
//!
//! The 1,000 "sites" are 1,000 listeners on distinct ports of 127.0.0.1:
//! each is its own origin (scheme, host, port), so the client opens its own
//! connections for each site and keeps no connection between two sites,
//! as with distinct hostnames. Every request is answered after 100 ms.
//!
//! Two site shapes are measured:
//! - `one-page`: the home page links the account, offers a share link and
//!   embeds the timeline, and announces no feed. The audit needs nothing
//!   beyond the home page: one request per site. The ideal is 32 waves of
//!   32 sites (the last one partly filled) × 0.1 s = 3.2 s; the goal is
//!   within 1.5× of it, and under 200 MB.
//! - `news-and-feed`: the home page links a news article and announces a
//!   feed, so the audit also reads robots.txt, then the article and the feed
//!   (together): three rounds of 100 ms per site, ideal 9.6 s. Reported for
//!   information.

#[path = "../tests/support/mod.rs"]
mod support;

use std::io::Write;
use std::process::Command;
use std::time::{Duration, Instant};
use support::{Reply, Server};

const SITES: usize = 1000;
const CONCURRENCY: usize = 32;
const DELAY: Duration = Duration::from_millis(100);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    OnePage,
    NewsAndFeed,
}

impl Shape {
    fn name(self) -> &'static str {
        match self {
            Shape::OnePage => "one-page",
            Shape::NewsAndFeed => "news-and-feed",
        }
    }

    /// Rounds of requests one site's audit needs, each waiting 100 ms.
    fn rounds(self) -> u32 {
        match self {
            Shape::OnePage => 1,
            Shape::NewsAndFeed => 3,
        }
    }
}

fn home(port: u16, shape: Shape) -> String {
    let head = match shape {
        Shape::OnePage => String::new(),
        Shape::NewsAndFeed => {
            r#"<link rel="alternate" type="application/rss+xml" href="/rss.xml">"#.to_string()
        }
    };
    let body = match shape {
        Shape::OnePage => r#"<main><h1>Bienvenue</h1><p>Horaires de la mairie, démarches, agenda.</p>
<a href="https://x.com/intent/tweet?text=Bienvenue">Partager</a>
<a class="twitter-timeline" href="https://twitter.com/Commune">Publications</a></main>"#
            .to_string(),
        Shape::NewsAndFeed => r#"<main><h1>Bienvenue</h1><a href="/actualites/fete-du-village">Fête du village</a></main>"#.to_string(),
    };
    format!(
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Commune {port}</title>{head}</head><body>{body}<footer><a href=\"https://x.com/Commune{port}\">X</a></footer></body></html>"
    )
}

const ARTICLE: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>Fête</title></head><body><article><h1>Fête du village</h1>
<a href="https://x.com/intent/tweet?text=F%C3%AAte">Partager</a><blockquote class="twitter-tweet"><p>Fête</p></blockquote></article></body></html>"#;

const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Actus</title><link>http://c/</link><description>Actus</description>
<item><title>Fête du village</title><pubDate>Mon, 01 Jun 2026 10:00:00 +0200</pubDate></item></channel></rss>"#;

struct Figures {
    wall: Duration,
    peak_kb: Option<u64>,
    sites: u64,
    unreachable: usize,
}

fn run(shape: Shape) -> Figures {
    let server = Server::start_many(SITES, move |req, addr| {
        let reply = match (shape, req.path()) {
            (_, "/") => Reply::html(home(addr.port(), shape)),
            (Shape::NewsAndFeed, "/actualites/fete-du-village") => Reply::html(ARTICLE),
            (Shape::NewsAndFeed, "/rss.xml") => {
                Reply::typed(200, "application/rss+xml", RSS.as_bytes().to_vec())
            }
            _ => Reply::not_found(),
        };
        Reply::Delay(DELAY, Box::new(reply))
    });
    let dir = tempfile::tempdir().expect("temporary folder");
    let list = dir.path().join("communes.csv");
    let mut file = std::fs::File::create(&list).expect("list file");
    writeln!(file, "nom,url,compte").expect("write");
    for addr in &server.addrs {
        writeln!(
            file,
            "Commune {0},http://{1}/,@Commune{0}",
            addr.port(),
            addr
        )
        .expect("write");
    }
    drop(file);

    let binary = env!("CARGO_BIN_EXE_twitterritorial");
    let time = std::path::Path::new("/usr/bin/time");
    let mut command = if time.exists() {
        let mut c = Command::new(time);
        c.arg("-v").arg(binary);
        c
    } else {
        Command::new(binary)
    };
    command
        .current_dir(dir.path())
        .args(["site", "--list"])
        .arg(&list)
        .args([
            "--concurrency",
            &CONCURRENCY.to_string(),
            "--format",
            "json",
            "--today",
            "2026-06-15",
        ]);
    let started = Instant::now();
    let output = command.output().expect("run twitterritorial");
    let wall = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let peak_kb = stderr
        .lines()
        .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
        .and_then(|v| v.trim().parse().ok());
    let doc: serde_json::Value =
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let sites = doc["summary"]["files"].as_u64().unwrap_or(0);
    let unreachable = doc["diagnostics"].as_array().map_or(0, |d| {
        d.iter().filter(|d| d["rule"] == "site.unreachable").count()
    });
    Figures {
        wall,
        peak_kb,
        sites,
        unreachable,
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a name filter may follow.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    for shape in [Shape::OnePage, Shape::NewsAndFeed] {
        if filter.as_deref().is_some_and(|f| !shape.name().contains(f)) {
            continue;
        }
        let f = run(shape);
        let ideal =
            DELAY.as_secs_f64() * f64::from(shape.rounds()) * SITES as f64 / CONCURRENCY as f64;
        let ratio = f.wall.as_secs_f64() / ideal;
        let peak = f
            .peak_kb
            .map_or("n/a (no /usr/bin/time)".to_string(), |kb| {
                format!("{:.1} MB", kb as f64 / 1024.0)
            });
        println!(
            "site_list/{}: {} sites, concurrency {CONCURRENCY}, {} ms per answer, {} round(s) per site",
            shape.name(),
            f.sites,
            DELAY.as_millis(),
            shape.rounds()
        );
        println!(
            "  wall time {:.2} s, ideal {:.2} s, ratio {:.2}×; peak memory {peak}; unreachable {}",
            f.wall.as_secs_f64(),
            ideal,
            ratio,
            f.unreachable
        );
        assert_eq!(f.sites, SITES as u64, "one result per site");
        assert_eq!(f.unreachable, 0, "every site answered");
        if shape == Shape::OnePage {
            let goal_time = 1.5 * ideal;
            let time_ok = f.wall.as_secs_f64() <= goal_time;
            let memory_ok = f.peak_kb.is_none_or(|kb| kb < 200 * 1024);
            println!(
                "  goals: wall ≤ {goal_time:.1} s: {}; memory < 200 MB: {}",
                if time_ok { "met" } else { "NOT MET" },
                if memory_ok { "met" } else { "NOT MET" }
            );
        }
    }
}
