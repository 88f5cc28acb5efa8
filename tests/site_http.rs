//! The website audit against real HTTP servers on 127.0.0.1: each case
//! gives the expected findings, and ends within its time bound.

mod support;

use std::time::{Duration, Instant};
use support::{Reply, Server};
use twitterritorial::profile::hit::Hit;
use twitterritorial::site::audit::{self, Accounts, AuditOptions, SiteAudit};
use twitterritorial::site::checks::{self, SiteParams};
use twitterritorial::site::fetch::{Http, HttpOptions};
use twitterritorial::site::markers::Markers;

const SITE_PACK: &str = include_str!("../rules/site.yaml");

fn markers() -> Markers {
    #[derive(serde::Deserialize)]
    struct Pack {
        data: serde_json::Value,
    }
    let pack: Pack = serde_saphyr::from_str(SITE_PACK).expect("site pack");
    Markers::from_pack_data(&pack.data).expect("site markers")
}

/// Short limits so failures come fast; retries wait 20 ms, then 40, 80.
fn options() -> HttpOptions {
    HttpOptions {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_secs(2),
        retry_wait: Duration::from_millis(20),
        ..HttpOptions::default()
    }
}

fn accounts() -> Accounts {
    Accounts::new(Some("@VilleExemple"), None, None).unwrap()
}

fn now() -> jiff::Timestamp {
    "2026-06-01T12:00:00Z".parse().unwrap()
}

async fn run_with(
    server: &Server,
    path: &str,
    http: HttpOptions,
    accounts: &Accounts,
) -> (SiteAudit, Vec<Hit>) {
    let http = Http::new(http).expect("client");
    let url = reqwest::Url::parse(&server.url(path)).unwrap();
    let options = AuditOptions {
        now: now(),
        ..AuditOptions::default()
    };
    let audit = audit::audit(&http, &url, accounts, &markers(), &options).await;
    let hits = checks::check(&audit, accounts, &SiteParams::default());
    (audit, hits)
}

async fn run(server: &Server) -> (SiteAudit, Vec<Hit>) {
    run_with(server, "/", options(), &accounts()).await
}

fn rules(hits: &[Hit]) -> Vec<(&str, Option<&str>)> {
    let mut v: Vec<(&str, Option<&str>)> = hits.iter().map(|h| (h.rule, h.variant)).collect();
    v.sort();
    v
}

fn unreachable_reason(hits: &[Hit]) -> &str {
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].rule, "site.unreachable");
    hits[0].variant.unwrap_or("other")
}

const FRESH_FEED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Actualités</title><link>http://ville/</link><description>Les actus</description>
<item><title>Fête de la musique</title><link>http://ville/actualites/fete</link><pubDate>Mon, 18 May 2026 10:00:00 +0200</pubDate></item>
<item><title>Vœux</title><link>http://ville/actualites/voeux</link><pubDate>Fri, 09 Jan 2026 10:00:00 +0100</pubDate></item>
</channel></rss>"#;

fn promoted_home() -> String {
    r#"<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Ville d’Exemple</title>
<link rel="alternate" type="application/rss+xml" title="Actualités" href="/feed.xml">
<link rel="me" href="https://mastodon.social/@villeexemple"></head>
<body><nav><a href="/actualites">Actualités</a> <a href="/actualites/fete-de-la-musique">Fête de la musique</a></nav>
<main><p>Bienvenue à Exemple.</p></main>
<footer><a href="https://x.com/VilleExemple" title="X">X</a> <a href="https://mastodon.social/@villeexemple">Mastodon</a></footer>
</body></html>"#
        .to_string()
}

const ARTICLE: &str = r#"<!doctype html><html><head><meta charset="utf-8"><title>Fête de la musique</title></head>
<body><article><h1>Fête de la musique</h1><p>Le 21 juin, place de la mairie.</p>
<a href="https://x.com/intent/tweet?text=F%C3%AAte&url=http%3A%2F%2Fville%2Factualites%2Ffete">Partager sur X</a>
<blockquote class="twitter-tweet"><p>La scène est prête !</p><a href="https://twitter.com/VilleExemple/status/1">21 juin 2026</a></blockquote>
</article></body></html>"#;

#[tokio::test]
async fn a_well_promoted_site_has_no_finding() {
    let server = Server::start(|req| match req.path() {
        "/" => Reply::html(promoted_home()),
        "/robots.txt" => Reply::typed(
            200,
            "text/plain",
            b"User-agent: *\nDisallow: /admin\n".to_vec(),
        ),
        "/actualites/fete-de-la-musique" => Reply::html(ARTICLE),
        "/feed.xml" => Reply::typed(200, "application/rss+xml", FRESH_FEED.as_bytes().to_vec()),
        _ => Reply::not_found(),
    });
    let accounts = Accounts::new(
        Some("@VilleExemple"),
        Some("@villeexemple@mastodon.social"),
        None,
    )
    .unwrap();
    let started = Instant::now();
    let (audit, hits) = run_with(&server, "/", options(), &accounts).await;
    assert!(hits.is_empty(), "{hits:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    // The article was read (share button and embed are there), the listing
    // was not needed; robots.txt was read before any page beyond home.
    assert_eq!(server.hits("/actualites/fete-de-la-musique"), 1);
    assert_eq!(server.hits("/actualites"), 0);
    assert_eq!(server.hits("/robots.txt"), 1);
    assert_eq!(audit.pages.len(), 1);
    // A client that says who it is and accepts compression.
    for req in server.requests() {
        let ua = req.header("user-agent").unwrap_or_default();
        assert!(
            ua.starts_with("twitterritorial/") && ua.contains("(+https://"),
            "{ua}"
        );
        let ae = req.header("accept-encoding").unwrap_or_default();
        assert!(ae.contains("gzip") && ae.contains("br"), "{ae}");
    }
}

#[tokio::test]
async fn a_site_without_any_link_back() {
    let server = Server::start(|req| match req.path() {
        "/" => Reply::html(
            r#"<html><head><title>Mairie</title></head><body><a href="/actualites">Actualités</a><a href="https://www.facebook.com/mairie">Facebook</a></body></html>"#,
        ),
        "/actualites" => Reply::html(
            r#"<html><body><a href="/actualites/travaux-rue-haute">Travaux rue Haute</a></body></html>"#,
        ),
        "/actualites/travaux-rue-haute" => {
            Reply::html("<html><body><p>La rue Haute est fermée.</p></body></html>")
        }
        _ => Reply::not_found(),
    });
    let started = Instant::now();
    let (audit, hits) = run(&server).await;
    assert_eq!(
        rules(&hits),
        vec![
            ("promotion.site-account-link", None),
            ("promotion.site-embed", None),
            ("promotion.site-feed", None),
            ("promotion.site-share-button", None),
        ]
    );
    // Listing first, then the article found on it: two rounds, three pages.
    assert_eq!(audit.pages.len(), 2);
    assert_eq!(server.hits("/actualites/travaux-rue-haute"), 1);
    let link = hits
        .iter()
        .find(|h| h.rule == "promotion.site-account-link")
        .unwrap();
    assert_eq!(link.value("account"), Some("@VilleExemple"));
    assert_eq!(link.value("count"), Some("3"));
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn old_twitter_domain_with_another_case_counts() {
    let server = Server::start(|req| match req.path() {
        "/" => Reply::html(
            r#"<html><body><footer><a href="http://twitter.com/villeexemple"><img src="/tw.png" alt="Twitter"></a><a href="http://twitter.com/share?url=http://ville/">Tweeter</a><a class="twitter-timeline" href="https://twitter.com/VILLEEXEMPLE">Tweets</a></footer></body></html>"#,
        ),
        _ => Reply::not_found(),
    });
    let (_, hits) = run(&server).await;
    assert_eq!(rules(&hits), vec![("promotion.site-feed", None)]);
    // Everything was on the home page: nothing else was read.
    assert_eq!(server.total_hits(), 1);
}

#[tokio::test]
async fn another_account_is_named() {
    let server = Server::start(|_| {
        Reply::html(r#"<html><body><a href="https://x.com/VilleVoisine">X</a></body></html>"#)
    });
    let (_, hits) = run(&server).await;
    let link = hits
        .iter()
        .find(|h| h.rule == "promotion.site-account-link")
        .expect("account link");
    assert_eq!(link.variant, Some("other-account"));
    assert_eq!(link.value("found"), Some("@VilleVoisine"));
}

#[tokio::test]
async fn a_redirect_chain_is_followed() {
    let server = Server::start(|req| match req.path() {
        "/" => Reply::redirect(301, "/fr"),
        "/fr" => Reply::redirect(302, "/fr/accueil"),
        "/fr/accueil" => Reply::redirect(307, "/fr/accueil/"),
        "/fr/accueil/" => {
            Reply::html(r#"<html><body><a href="https://x.com/VilleExemple">X</a></body></html>"#)
        }
        _ => Reply::not_found(),
    });
    let (audit, hits) = run(&server).await;
    let home = audit.home.as_ref().expect("home read");
    assert_eq!(home.redirects.len(), 3);
    assert!(home.url.path().ends_with("/fr/accueil/"));
    assert!(
        !hits
            .iter()
            .any(|h| h.rule == "promotion.site-account-link" || h.rule == "site.unreachable"),
        "{hits:?}"
    );
}

#[tokio::test]
async fn a_redirect_loop_is_named() {
    let server = Server::start(|req| match req.path() {
        "/" => Reply::redirect(302, "/a"),
        "/a" => Reply::redirect(302, "/b"),
        "/b" => Reply::redirect(302, "/a"),
        _ => Reply::not_found(),
    });
    let started = Instant::now();
    let (audit, hits) = run(&server).await;
    assert_eq!(unreachable_reason(&hits), "redirect-loop");
    assert!(hits[0].value("detail").unwrap().ends_with("/a"));
    assert_eq!(
        server.hits("/a"),
        1,
        "the loop is seen before asking /a again"
    );
    assert!(matches!(audit.home, Err(ref u) if u.redirects.len() == 2));
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn more_than_ten_redirects_stop() {
    let server = Server::start(|req| {
        let n: u32 = req.path().trim_start_matches("/r").parse().unwrap_or(0);
        Reply::redirect(302, &format!("/r{}", n + 1))
    });
    let (_, hits) = run(&server).await;
    assert_eq!(unreachable_reason(&hits), "too-many-redirects");
    assert_eq!(hits[0].value("max"), Some("10"));
    assert_eq!(
        server.total_hits(),
        11,
        "the first request and ten redirects"
    );
}

#[tokio::test]
async fn a_page_that_never_answers_times_out() {
    let server = Server::start(|_| Reply::Never);
    let http = HttpOptions {
        timeout: Duration::from_millis(800),
        ..options()
    };
    let started = Instant::now();
    let (_, hits) = run_with(&server, "/", http, &accounts()).await;
    let elapsed = started.elapsed();
    assert_eq!(unreachable_reason(&hits), "timeout");
    assert_eq!(hits[0].value("seconds"), Some("0.8"));
    // A timeout is not retried: one request, about 0.8 s.
    assert_eq!(server.total_hits(), 1);
    assert!(
        elapsed >= Duration::from_millis(750) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_fifty_megabyte_page_is_cut_at_the_cap() {
    let server = Server::start(|_| Reply::Stream {
        content_type: "text/html".into(),
        chunk: b"<p>Une tr\xc3\xa8s longue page.</p>\n".repeat(2048),
        total: 50 * 1024 * 1024,
        declare_length: false,
    });
    let started = Instant::now();
    let (_, hits) = run(&server).await;
    assert_eq!(unreachable_reason(&hits), "too-large");
    assert_eq!(hits[0].value("max"), Some("5"));
    assert!(started.elapsed() < Duration::from_secs(5));
    // Stop reading closes the connection: the server could not send it all.
    std::thread::sleep(Duration::from_millis(300));
    let sent = server.bytes_sent();
    assert!(sent < 25 * 1024 * 1024, "{sent} bytes sent");
}

#[tokio::test]
async fn a_declared_length_over_the_cap_is_not_read() {
    let server = Server::start(|_| Reply::Stream {
        content_type: "text/html".into(),
        chunk: vec![b' '; 65536],
        total: 50 * 1024 * 1024,
        declare_length: true,
    });
    let (_, hits) = run(&server).await;
    assert_eq!(unreachable_reason(&hits), "too-large");
}

#[tokio::test]
async fn a_404_is_reported_without_retry() {
    let server = Server::start(|_| Reply::not_found());
    let (_, hits) = run(&server).await;
    assert_eq!(unreachable_reason(&hits), "http-status");
    assert_eq!(hits[0].value("status"), Some("404"));
    assert_eq!(hits[0].value("retries"), Some("0"));
    assert_eq!(server.hits("/"), 1);
}

#[tokio::test]
async fn a_500_is_retried_three_times_with_backoff_then_reported() {
    let server = Server::start(|_| Reply::status(500));
    let started = Instant::now();
    let (_, hits) = run(&server).await;
    let elapsed = started.elapsed();
    assert_eq!(unreachable_reason(&hits), "http-status");
    assert_eq!(hits[0].value("status"), Some("500"));
    assert_eq!(hits[0].value("retries"), Some("3"));
    assert_eq!(server.hits("/"), 4, "one request and three retries");
    // Waits of 20, 40 and 80 ms.
    assert!(
        elapsed >= Duration::from_millis(140) && elapsed < Duration::from_secs(3),
        "{elapsed:?}"
    );
}

#[tokio::test]
async fn a_passing_503_and_a_dropped_connection_are_retried() {
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = std::sync::Arc::clone(&count);
    let server =
        Server::start(
            move |_| match seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
                0 => Reply::status(503),
                1 => Reply::Drop,
                _ => Reply::html(r#"<a href="https://x.com/VilleExemple">X</a>"#),
            },
        );
    let (audit, hits) = run(&server).await;
    let home = audit.home.as_ref().expect("read on the third try");
    assert_eq!(home.retries, 2);
    assert!(
        !hits.iter().any(|h| h.rule == "site.unreachable"),
        "{hits:?}"
    );
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = std::sync::Arc::clone(&count);
    let server =
        Server::start(
            move |_| match seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
                0 => Reply::status(429).with_header("Retry-After", "1"),
                _ => Reply::html("<p>ok</p>"),
            },
        );
    let started = Instant::now();
    let (audit, _) = run(&server).await;
    assert!(audit.home.is_ok());
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "waited as asked"
    );
}

#[tokio::test]
async fn a_non_html_answer_is_named() {
    let server = Server::start(|_| Reply::typed(200, "application/pdf", b"%PDF-1.7\n".to_vec()));
    let (_, hits) = run(&server).await;
    assert_eq!(unreachable_reason(&hits), "not-html");
    assert_eq!(hits[0].value("media"), Some("application/pdf"));
}

#[tokio::test]
async fn a_connection_refused_is_named() {
    // Bind then free a port: nothing listens there any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let http = Http::new(options()).unwrap();
    let url = reqwest::Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap();
    let audit = audit::audit(
        &http,
        &url,
        &accounts(),
        &markers(),
        &AuditOptions::default(),
    )
    .await;
    let hits = checks::check(&audit, &accounts(), &SiteParams::default());
    assert_eq!(unreachable_reason(&hits), "connect");
}

#[tokio::test]
async fn an_iso_8859_1_page_with_accents() {
    // « Actualités », « Fête » and « Hôtel » in ISO-8859-1, declared in the header.
    let home = b"<html><head><title>H\xf4tel de ville</title></head><body><a href=\"/infos-pratiques\">Actualit\xe9s</a><a href=\"https://x.com/VilleExemple\">Suivez-nous</a></body></html>".to_vec();
    let news = b"<html><head><meta charset=\"iso-8859-1\"></head><body><h1>F\xeate</h1><a href=\"https://twitter.com/intent/tweet?text=F%EAte\">Partager</a></body></html>".to_vec();
    let server = Server::start(move |req| match req.path() {
        "/" => Reply::typed(200, "text/html; charset=ISO-8859-1", home.clone()),
        // Declared only in the page: the header gives no charset.
        "/infos-pratiques" => Reply::typed(200, "text/html", news.clone()),
        _ => Reply::not_found(),
    });
    let (audit, hits) = run(&server).await;
    let home = audit.home.as_ref().unwrap();
    assert_eq!(home.encoding, "windows-1252");
    // The menu entry « Actualités » was recognised once decoded.
    assert_eq!(server.hits("/infos-pratiques"), 1);
    assert_eq!(audit.pages[0].encoding, "windows-1252");
    assert_eq!(
        rules(&hits),
        vec![
            ("promotion.site-embed", None),
            ("promotion.site-feed", None)
        ]
    );
}

#[tokio::test]
async fn a_broken_feed() {
    let server = Server::start(|req| match req.path() {
        "/" => Reply::html(
            r#"<html><head><link rel="alternate" type="application/rss+xml" href="/flux.rss"></head><body><a href="https://x.com/VilleExemple">X</a></body></html>"#,
        ),
        "/flux.rss" => Reply::typed(
            200,
            "application/rss+xml",
            b"<rss version=\"2.0\"><channel><title>Actus</ti".to_vec(),
        ),
        _ => Reply::not_found(),
    });
    let (_, hits) = run(&server).await;
    let feed = hits
        .iter()
        .find(|h| h.rule == "promotion.site-feed")
        .expect("feed finding");
    assert_eq!(feed.variant, Some("unparseable"));
    assert!(feed.value("feed").unwrap().ends_with("/flux.rss"));
}

#[tokio::test]
async fn an_outdated_feed() {
    let old = FRESH_FEED
        .replace("Mon, 18 May 2026", "Mon, 17 Nov 2025")
        .replace("Fri, 09 Jan 2026", "Thu, 02 Oct 2025");
    let server = Server::start(move |req| match req.path() {
        "/" => Reply::html(
            r#"<html><head><link rel="alternate" type="application/atom+xml" href="/flux"></head><body><a href="https://x.com/VilleExemple">X</a></body></html>"#,
        ),
        // Served with a vague type: the feed parser reads it anyway.
        "/flux" => Reply::typed(200, "text/xml", old.as_bytes().to_vec()),
        _ => Reply::not_found(),
    });
    let (_, hits) = run(&server).await;
    let feed = hits
        .iter()
        .find(|h| h.rule == "promotion.site-feed")
        .expect("feed finding");
    assert_eq!(feed.variant, Some("outdated"));
    assert_eq!(feed.value("date"), Some("17 novembre 2025"));
    assert_eq!(feed.value("days"), Some("196"));
}

#[tokio::test]
async fn a_missing_feed_is_reported_with_its_status() {
    let server = Server::start(|req| match req.path() {
        "/" => Reply::html(
            r#"<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body><a href="https://x.com/VilleExemple">X</a></body></html>"#,
        ),
        _ => Reply::not_found(),
    });
    let (_, hits) = run(&server).await;
    let feed = hits
        .iter()
        .find(|h| h.rule == "promotion.site-feed")
        .expect("feed finding");
    assert_eq!(feed.variant, Some("unreachable"));
    assert_eq!(feed.value("detail"), Some("HTTP 404"));
}

#[tokio::test]
async fn robots_txt_is_honoured_beyond_the_home_page() {
    let server = Server::start(|req| match req.path() {
        "/" => Reply::html(
            r#"<html><body><a href="/actualites/fete">Fête</a><a href="/agenda/marche">Marché</a></body></html>"#,
        ),
        "/robots.txt" => Reply::typed(
            200,
            "text/plain",
            b"User-agent: twitterritorial\nDisallow: /actualites\n".to_vec(),
        ),
        _ => Reply::html("<p>page</p>"),
    });
    let (audit, _) = run(&server).await;
    assert_eq!(
        server.hits("/actualites/fete"),
        0,
        "disallowed for our agent"
    );
    assert_eq!(server.hits("/agenda/marche"), 1);
    assert!(
        audit
            .skipped
            .iter()
            .any(|s| s.url.path() == "/actualites/fete" && s.why == audit::Skip::Robots)
    );
}

#[tokio::test]
async fn an_unreachable_robots_txt_forbids_everything_beyond_home() {
    let server = Server::start(|req| match req.path() {
        "/" => Reply::html(r#"<html><body><a href="/actualites/fete">Fête</a></body></html>"#),
        "/robots.txt" => Reply::status(503),
        _ => Reply::html("<p>page</p>"),
    });
    let (_, hits) = run(&server).await;
    assert_eq!(server.hits("/actualites/fete"), 0);
    assert!(hits.iter().any(|h| h.rule == "promotion.site-share-button"));
}

#[tokio::test]
async fn the_sitemap_gives_news_pages_when_home_links_none() {
    let server = Server::start(|req| {
        let base = format!("http://{}", req.header("host").unwrap_or_default());
        match req.path() {
            "/" => Reply::html(r#"<html><body><p>Accueil</p><a href="https://x.com/VilleExemple">X</a></body></html>"#),
            "/robots.txt" => Reply::typed(200, "text/plain", format!("User-agent: *\nAllow: /\nSitemap: {base}/plan.xml\n").into_bytes()),
            "/plan.xml" => Reply::typed(
                200,
                "application/xml",
                format!(
                    "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>{base}/mairie</loc></url><url><loc>{base}/actus/ancienne</loc><lastmod>2024-01-01</lastmod></url><url><loc>{base}/actus/fete-des-voisins</loc><lastmod>2026-05-20</lastmod></url></urlset>"
                )
                .into_bytes(),
            ),
            "/actus/fete-des-voisins" => Reply::html(r#"<html><body><a href="https://x.com/intent/post?text=F%C3%AAte">Partager</a><blockquote class="twitter-tweet">…</blockquote></body></html>"#),
            _ => Reply::html("<p>autre</p>"),
        }
    });
    let (audit, hits) = run(&server).await;
    assert!(audit.used_sitemap);
    assert_eq!(
        server.hits("/sitemap.xml"),
        0,
        "the sitemap named in robots.txt is used"
    );
    // Newest first: the page with the share button was read first, and that was enough.
    assert_eq!(server.hits("/actus/fete-des-voisins"), 1);
    assert_eq!(server.hits("/mairie"), 0, "not a news page");
    assert_eq!(rules(&hits), vec![("promotion.site-feed", None)]);
}

#[tokio::test]
async fn a_gzip_page_is_read() {
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/site/home.html.gz"
    ))
    .unwrap();
    let server = Server::start(move |_| {
        Reply::typed(200, "text/html; charset=utf-8", body.clone())
            .with_header("Content-Encoding", "gzip")
    });
    let (audit, hits) = run(&server).await;
    assert!(audit.home.is_ok());
    assert!(
        !hits.iter().any(|h| h.rule == "promotion.site-account-link"),
        "{hits:?}"
    );
}

#[tokio::test]
async fn a_brotli_page_is_read() {
    let html = promoted_home().into_bytes();
    let mut body = Vec::new();
    {
        use std::io::Write;
        let mut writer = brotli::CompressorWriter::new(&mut body, 4096, 9, 22);
        writer.write_all(&html).unwrap();
    }
    assert_ne!(body, html, "the body is compressed");
    let server = Server::start(move |_| {
        Reply::typed(200, "text/html; charset=utf-8", body.clone())
            .with_header("Content-Encoding", "br")
    });
    let (audit, hits) = run(&server).await;
    assert!(audit.home.is_ok());
    assert!(
        !hits.iter().any(|h| h.rule == "promotion.site-account-link"),
        "{hits:?}"
    );
}

#[tokio::test]
async fn a_short_link_is_resolved_by_redirect_or_meta_refresh() {
    let server = Server::start(|req| {
        let base = format!("http://{}", req.header("host").unwrap_or_default());
        match req.path() {
            "/r/abc" => Reply::redirect(301, &format!("{base}/accueil")),
            "/accueil" => Reply::status(403),
            "/m/xyz" => Reply::html(format!(
                r#"<head><noscript><META http-equiv="refresh" content="0;URL={base}/cible"></noscript><title>{base}/cible</title></head>"#
            )),
            _ => Reply::not_found(),
        }
    });
    let http = Http::new(options()).unwrap();
    // The target refuses robots: the address reached is still the answer.
    let target = http
        .resolve(&reqwest::Url::parse(&server.url("/r/abc")).unwrap())
        .await
        .unwrap();
    assert_eq!(target.path(), "/accueil");
    let target = http
        .resolve(&reqwest::Url::parse(&server.url("/m/xyz")).unwrap())
        .await
        .unwrap();
    assert_eq!(target.path(), "/cible");
    assert_eq!(
        server.hits("/cible"),
        0,
        "resolving does not read the target"
    );
}
