//! The checker inside the handbook, tested in a real headless Chromium.
//!
//! Builds `src/wasm.rs` for wasm32-unknown-unknown (a nested cargo with its
//! own target folder under target/, so it never waits on the outer build's
//! lock), copies the module next to the pages' script, builds both editions
//! with mdBook, serves them from 127.0.0.1 and runs `tests/browser/run.mjs`
//! (playwright-core driving /usr/bin/chromium). Then judges what the pages
//! showed: findings as the user types, a clean draft clean, the same findings
//! as the checker's library on the book's example posts, typed HTML shown as
//! text, the self-assessment with its chart and YAML export, and no request
//! leaving 127.0.0.1.
//!
//! Skipped, with a message, when node, Chromium or playwright-core
//! (`npm ci --prefix tests/tools`) is missing, unless
//! `TWITTERRITORIAL_REQUIRE_CHROMIUM` is set.

use jiff::civil::Date;
use mdbook_driver::MDBook;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use twitterritorial::config::{Config, parse_platform};
use twitterritorial::handbook::examples::example_posts;
use twitterritorial::handbook::preprocessor::RulesPreprocessor;
use twitterritorial::lint::{Linter, Post};
use twitterritorial::locale::Lang;
use twitterritorial::rules::RuleSet;
use twitterritorial::text::Platform;

const CHROMIUM: &str = "/usr/bin/chromium";
/// Outside any pre-election period of the built-in calendar.
const QUIET_DAY: &str = "2026-09-16";
/// Account facts typed into the page for the book's examples (the book's
/// example account).
const HASHTAG: &str = "#VilleExemple";
const WEBSITE: &str = "https://www.ville-exemple.fr";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What is missing to run the browser test, if anything.
fn missing_tool() -> Option<String> {
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !Path::new(CHROMIUM).exists() {
        return Some(format!("{CHROMIUM} is not installed"));
    }
    if !manifest_dir()
        .join("tests/tools/node_modules/playwright-core")
        .exists()
    {
        return Some("playwright-core is missing: run `npm ci --prefix tests/tools`".into());
    }
    None
}

/// Compiles the checking core to WebAssembly and returns the module's path.
fn build_wasm() -> PathBuf {
    let target_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wasm-build");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let status = Command::new(cargo)
        .current_dir(manifest_dir())
        .env("CARGO_TARGET_DIR", &target_dir)
        .args([
            "rustc",
            "--lib",
            "--profile",
            "wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--no-default-features",
            "--crate-type",
            "cdylib",
        ])
        .status()
        .expect("run cargo for the wasm build");
    assert!(
        status.success(),
        "the wasm build failed (is the target installed? `rustup target add wasm32-unknown-unknown`)"
    );
    target_dir.join("wasm32-unknown-unknown/wasm/twitterritorial.wasm")
}

/// Builds both editions into `out/fr` and `out/en`, with the module copied
/// into each edition's `src/js/` (gitignored) first.
fn build_book(wasm: &Path, out: &Path) {
    if out.exists() {
        std::fs::remove_dir_all(out).expect("clear the previous build");
    }
    for edition in ["fr", "en"] {
        let root = manifest_dir().join("book").join(edition);
        std::fs::copy(wasm, root.join("src/js/twitterritorial.wasm")).expect("copy the module");
        let mut book = MDBook::load(&root).unwrap_or_else(|e| panic!("load book/{edition}: {e:#}"));
        book.config.build.build_dir = out.join(edition);
        book.with_preprocessor(RulesPreprocessor::builtin().expect("built-in rule packs"));
        book.build()
            .unwrap_or_else(|e| panic!("build book/{edition}: {e:#}"));
    }
}

/// Serves `root` on 127.0.0.1 from a thread; returns the base address.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let port = listener.local_addr().expect("local address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || answer(stream, &root));
        }
    });
    format!("http://127.0.0.1:{port}/")
}

fn answer(mut stream: TcpStream, root: &Path) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Skip the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.join(path.trim_start_matches('/'));
    if path.contains("..") {
        file = root.join("missing");
    }
    if file.is_dir() {
        file = file.join("index.html");
    }
    let (status, body, kind) = match std::fs::read(&file) {
        Ok(body) => {
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("wasm") => "application/wasm",
                Some("svg") => "image/svg+xml",
                Some("json") => "application/json",
                Some("woff2") => "font/woff2",
                _ => "application/octet-stream",
            };
            ("200 OK", body, kind)
        }
        Err(_) => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// The rule ids the checker's library finds, with the page's configuration
/// (the account's hashtag and website, one platform, the day given).
fn library_rules(text: &str, platform: &str, date: &str) -> Vec<String> {
    let mut config = Config {
        lang: Lang::Fr,
        ..Config::default()
    };
    let platform = parse_platform(platform);
    if let Some(p) = platform {
        config.platforms = vec![p];
    }
    config.account.hashtags = vec![HASHTAG.into()];
    config.account.website = Some(WEBSITE.into());
    let rules = RuleSet::builtin().expect("built-in rules");
    let linter = Linter::new(&rules, &config).expect("linter");
    let date: Date = date.parse().expect("date");
    let post = Post {
        platform,
        date: Some(date),
        ..Post::new(text)
    };
    let mut ids: Vec<String> = linter
        .check_post(&post, date)
        .into_iter()
        .map(|f| f.rule)
        .collect();
    ids.sort();
    ids
}

/// The value of a platform in the page's menu.
fn menu_value(platform: Platform) -> &'static str {
    match platform {
        Platform::X => "x",
        Platform::Mastodon => "mastodon",
        Platform::Bluesky => "bluesky",
    }
}

/// The example posts of the French chapters.
fn book_examples() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let src = manifest_dir().join("book/fr/src");
    let mut files: Vec<_> = std::fs::read_dir(&src)
        .expect("read book/fr/src")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    for file in files {
        let markdown = std::fs::read_to_string(&file).expect("read chapter");
        for example in example_posts(&markdown).into_iter().flatten() {
            // As the page's platform menu names it.
            let platform = example
                .platform
                .as_deref()
                .and_then(parse_platform)
                .map_or("x", menu_value)
                .to_string();
            let date = example
                .date
                .map(|d| d.to_string())
                .unwrap_or_else(|| QUIET_DAY.into());
            out.push((example.text, platform, date));
        }
    }
    out
}

#[test]
fn the_handbook_pages_check_drafts_and_assess_in_the_browser() {
    if let Some(missing) = missing_tool() {
        if std::env::var_os("TWITTERRITORIAL_REQUIRE_CHROMIUM").is_some() {
            panic!("browser test required but {missing}");
        }
        println!("browser test skipped: {missing}");
        return;
    }
    let wasm = build_wasm();
    let size = std::fs::metadata(&wasm).expect("the module").len();
    println!("twitterritorial.wasm: {size} bytes");
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-book");
    build_book(&wasm, &out);
    let base = serve(out.clone());

    let bad =
        "Bravo à nos militants pour leur porte-à-porte ce week-end ! #Fete #Samedi #Musique #Danse";
    let clean = "Le marché de Noël ouvre samedi 12 décembre place de la Mairie, de 10 h à 19 h. Programme : https://www.ville-exemple.fr/noel #VilleExemple";
    let mut checks = vec![
        json!({"name": "bad", "text": bad, "date": QUIET_DAY, "type": true}),
        json!({"name": "clean", "text": clean, "date": QUIET_DAY,
               "hashtag": HASHTAG, "website": WEBSITE, "type": true}),
    ];
    let examples = book_examples();
    assert!(!examples.is_empty(), "the book has example posts");
    for (i, (text, platform, date)) in examples.iter().enumerate() {
        checks.push(
            json!({"name": format!("example-{i}"), "text": text, "platform": platform,
                           "date": date, "hashtag": HASHTAG, "website": WEBSITE}),
        );
    }
    let cases = out.join("cases.json");
    std::fs::write(&cases, json!({ "checks": checks }).to_string()).expect("write cases");

    let output = Command::new("node")
        .arg(manifest_dir().join("tests/browser/run.mjs"))
        .arg(&base)
        .arg(&cases)
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "run.mjs failed:\n{stdout}\n{stderr}"
    );
    let results: Value = serde_json::from_str(stdout.lines().next_back().unwrap_or(""))
        .unwrap_or_else(|e| panic!("run.mjs output is not JSON ({e}):\n{stdout}\n{stderr}"));

    assert_eq!(results["errors"], json!([]), "page or driver errors");
    println!(
        "time to first result after load: {} ms (module fetched, compiled, first check run)",
        results["firstResultMs"]
    );

    let rules_of = |check: &Value| -> Vec<String> {
        let mut ids: Vec<String> = check["findings"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|f| f["rule"].as_str().map(str::to_string))
            .collect();
        ids.sort();
        ids
    };
    let checks = results["checks"].as_array().expect("checks");
    let bad_rules = rules_of(&checks[0]);
    assert!(
        bad_rules.contains(&"hashtag.too-many".to_string()),
        "{bad_rules:?}"
    );
    assert!(
        bad_rules.contains(&"political.partisan".to_string()),
        "{bad_rules:?}"
    );
    let marks = checks[0]["marks"].as_array().expect("marks");
    assert!(!marks.is_empty(), "the spans are highlighted");
    let help = checks[0]["findings"][0]["link"].as_str().unwrap_or("");
    assert!(help.starts_with("../fr/regles.html#"), "{help}");
    assert_eq!(
        rules_of(&checks[1]),
        Vec::<String>::new(),
        "the clean draft"
    );

    for (check, (text, platform, date)) in checks[2..].iter().zip(&examples) {
        assert_eq!(
            rules_of(check),
            library_rules(text, platform, date),
            "browser and library disagree on {text:?} ({platform}, {date})"
        );
    }

    // Typed HTML is shown as text and never runs.
    assert_eq!(results["dialogs"], json!([]), "typed HTML ran");
    assert_eq!(
        results["xss"]["imgs"],
        json!(0),
        "typed HTML became elements"
    );
    let preview = results["xss"]["previewText"].as_str().unwrap_or("");
    assert!(
        preview.contains("<script>") && preview.contains("onerror"),
        "{preview}"
    );

    let a = &results["assessment"];
    let questions = a["questions"].as_u64().unwrap_or(0);
    assert!(questions > 10, "{a}");
    assert_eq!(
        a["answered"].as_u64(),
        Some(questions),
        "every question answered: {a}"
    );
    assert_eq!(a["svg"], json!(1), "the chart is shown: {a}");
    assert!(a["svgRects"].as_u64().unwrap_or(0) > 0, "{a}");
    assert_eq!(a["actions"].as_u64().map(|n| n <= 5), Some(true), "{a}");
    let yaml = a["yaml"].as_str().unwrap_or("");
    let model = twitterritorial::assess::Model::builtin().expect("model");
    let answers = twitterritorial::assess::Answers::from_yaml(yaml, &model).unwrap_or_else(|e| {
        panic!(
            "the exported YAML is not what the CLI reads: {}\n{yaml}",
            e.message(Lang::En)
        )
    });
    assert_eq!(answers.len() as u64, questions);
    assert_eq!(a["answeredAfterReload"].as_u64(), Some(questions), "{a}");

    let outside = results["outside"].as_array().expect("outside");
    assert!(outside.is_empty(), "requests left 127.0.0.1: {outside:?}");
    let requests = results["requests"].as_array().map(Vec::len).unwrap_or(0);
    assert!(requests > 0, "the request log saw the pages");
}
