//! The checker inside the handbook, tested in a real headless Chromium.
//!
//! Builds `src/wasm.rs` for wasm32-unknown-unknown (a nested cargo with its
//! own target folder under target/, so it never waits on the lock of the
//! `cargo test` that runs this file), builds both editions with mdBook, puts
//! the module next to the pages' script in the built book, serves it from
//! 127.0.0.1 and runs `tests/browser/run.mjs` (playwright-core driving
//! /usr/bin/chromium). Then judges what the pages showed: findings as the
//! user types, a clean draft clean, the same findings as the command line on
//! every example post of the book, typed HTML shown as text, the
//! self-assessment with its chart and YAML export, and no request leaving
//! 127.0.0.1. It prints the module's size and the time to the first result
//! (figures, not assertions: the machine's load makes times vary).
//!
//! Skipped, with a message, when node, Chromium, playwright-core
//! (`npm ci --prefix tests/tools`) or the wasm32 target
//! (`rustup target add wasm32-unknown-unknown`) is missing, unless
//! `TWITTERRITORIAL_REQUIRE_CHROMIUM` is set: then it fails.

use mdbook_driver::MDBook;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use twitterritorial::config::parse_platform;
use twitterritorial::handbook::examples::example_posts;
use twitterritorial::handbook::preprocessor::RulesPreprocessor;
use twitterritorial::handbook::reference::rule_reference;
use twitterritorial::locale::Lang;
use twitterritorial::rules::RuleSet;
use twitterritorial::text::Platform;

const CHROMIUM: &str = "/usr/bin/chromium";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Outside any pre-election period of the built-in calendar.
const QUIET_DAY: &str = "2026-09-16";
/// The book's example account, typed into the page and given to the CLI.
const HASHTAG: &str = "#VilleExemple";
const WEBSITE: &str = "https://www.ville-exemple.fr";
/// Fresh page loads measured (median printed).
const MEASURE_RUNS: usize = 5;
/// The command line cuts excerpts after this many characters (src/report).
const EXCERPT_MAX_CHARS: usize = 200;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What is missing to run the browser test, if anything.
fn missing_tool() -> Option<String> {
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node is not installed".into());
    }
    if !Path::new(CHROMIUM).exists() {
        return Some(format!(
            "{CHROMIUM} is not installed (apt-get install chromium)"
        ));
    }
    if !manifest_dir()
        .join("tests/tools/node_modules/playwright-core")
        .exists()
    {
        return Some("playwright-core is missing: run `npm ci --prefix tests/tools`".into());
    }
    let sysroot = Command::new(std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into()))
        .args(["--print", "sysroot"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    if !Path::new(&sysroot)
        .join("lib/rustlib")
        .join(WASM_TARGET)
        .exists()
    {
        return Some(format!(
            "the {WASM_TARGET} target is not installed: run `rustup target add {WASM_TARGET}`"
        ));
    }
    None
}

/// Compiles the checking core to WebAssembly, as the book workflow does, and
/// returns the module's path.
fn build_wasm() -> PathBuf {
    let target_dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("wasm-build");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .current_dir(manifest_dir())
        .env("CARGO_TARGET_DIR", &target_dir)
        .args([
            "rustc",
            "--lib",
            "--profile",
            "wasm",
            "--target",
            WASM_TARGET,
            "--no-default-features",
            "--crate-type",
            "cdylib",
        ])
        .output()
        .expect("run cargo for the wasm build");
    assert!(
        output.status.success(),
        "the wasm build failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    target_dir
        .join(WASM_TARGET)
        .join("wasm/twitterritorial.wasm")
}

/// Builds both editions into `out/fr` and `out/en` and puts the module in
/// each one's `js/` (the source tree is left alone).
fn build_book(wasm: &Path, out: &Path) {
    if out.exists() {
        std::fs::remove_dir_all(out).expect("clear the previous build");
    }
    for edition in ["fr", "en"] {
        let root = manifest_dir().join("book").join(edition);
        let mut book = MDBook::load(&root).unwrap_or_else(|e| panic!("load book/{edition}: {e:#}"));
        book.config.build.build_dir = out.join(edition);
        book.with_preprocessor(RulesPreprocessor::builtin().expect("built-in rule packs"));
        book.build()
            .unwrap_or_else(|e| panic!("build book/{edition}: {e:#}"));
        let js = out.join(edition).join("js");
        assert!(
            js.join("twitterritorial.js").exists(),
            "book/{edition}: the pages' script was not copied"
        );
        std::fs::copy(wasm, js.join("twitterritorial.wasm")).expect("copy the module");
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

/// One example post of the book, as typed into the page and given to the CLI.
struct Example {
    lang: Lang,
    text: String,
    /// As the page's platform menu names it.
    platform: &'static str,
    date: String,
}

fn menu_value(platform: Platform) -> &'static str {
    match platform {
        Platform::X => "x",
        Platform::Mastodon => "mastodon",
        Platform::Bluesky => "bluesky",
    }
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}

/// Every example post of both editions: the chapters' and the generated
/// rule reference's.
fn book_examples() -> Vec<Example> {
    let rules = RuleSet::builtin().expect("built-in rules");
    let mut out = Vec::new();
    for lang in [Lang::Fr, Lang::En] {
        let src = manifest_dir()
            .join("book")
            .join(lang_code(lang))
            .join("src");
        let mut files: Vec<_> = std::fs::read_dir(&src)
            .expect("read the book's sources")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        let mut markdowns: Vec<String> = files
            .iter()
            .map(|f| std::fs::read_to_string(f).expect("read chapter"))
            .collect();
        markdowns.push(rule_reference(&rules, lang));
        for markdown in markdowns {
            for example in example_posts(&markdown).into_iter().flatten() {
                out.push(Example {
                    lang,
                    text: example.text,
                    platform: example
                        .platform
                        .as_deref()
                        .and_then(parse_platform)
                        .map_or("x", menu_value),
                    date: example
                        .date
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| QUIET_DAY.into()),
                });
            }
        }
    }
    out
}

/// A finding as both sides show it: rule, severity, message, covered text.
type Shown = (String, String, String, String);

/// What `twitterritorial check` finds on each example (in the example's
/// language), by example index. All examples of a language go in one YAML
/// drafts file, each post with its platform and day.
fn cli_findings(examples: &[Example], dir: &Path) -> BTreeMap<usize, Vec<Shown>> {
    let mut found: BTreeMap<usize, Vec<Shown>> = BTreeMap::new();
    for lang in [Lang::Fr, Lang::En] {
        let code = lang_code(lang);
        let config = dir.join(format!("config-{code}.yaml"));
        std::fs::write(
            &config,
            format!(
                "lang: {code}\naccount:\n  hashtags: [\"{HASHTAG}\"]\n  website: \"{WEBSITE}\"\n"
            ),
        )
        .expect("write the configuration");
        let mut drafts = String::new();
        for (i, e) in examples.iter().enumerate().filter(|(_, e)| e.lang == lang) {
            // A JSON string is a YAML double-quoted scalar.
            drafts.push_str(&format!(
                "- id: \"{i}\"\n  scheduled: {}\n  platform: {}\n  text: {}\n",
                e.date,
                e.platform,
                serde_json::to_string(&e.text).expect("text as JSON")
            ));
        }
        let file = dir.join(format!("examples-{code}.yaml"));
        std::fs::write(&file, drafts).expect("write the drafts");
        let output = Command::new(env!("CARGO_BIN_EXE_twitterritorial"))
            .arg("check")
            .arg(&file)
            .arg("--config")
            .arg(&config)
            .args(["--format", "json", "--color", "never"])
            .stdin(Stdio::null())
            .output()
            .expect("run twitterritorial check");
        let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "twitterritorial check did not answer JSON ({e}):\n{}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        for d in report["diagnostics"].as_array().expect("diagnostics") {
            let index: usize = d["post"]
                .as_str()
                .and_then(|p| p.parse().ok())
                .unwrap_or_else(|| panic!("post id in {d}"));
            found.entry(index).or_default().push((
                d["rule"].as_str().unwrap_or("").into(),
                d["severity"].as_str().unwrap_or("").into(),
                d["message"].as_str().unwrap_or("").into(),
                d["excerpt"].as_str().unwrap_or("").into(),
            ));
        }
    }
    for list in found.values_mut() {
        list.sort();
    }
    found
}

/// The findings the page listed, cut as the command line cuts excerpts.
fn page_findings(check: &Value) -> Vec<Shown> {
    let mut shown: Vec<Shown> = check["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            let covered = f["excerpt"].as_str().unwrap_or("");
            let excerpt = match covered.char_indices().nth(EXCERPT_MAX_CHARS) {
                Some((cut, _)) => format!("{}…", &covered[..cut]),
                None => covered.to_string(),
            };
            (
                f["rule"].as_str().unwrap_or("").into(),
                f["severity"].as_str().unwrap_or("").into(),
                f["message"].as_str().unwrap_or("").into(),
                excerpt,
            )
        })
        .collect();
    shown.sort();
    shown
}

fn rules_of(check: &Value) -> Vec<String> {
    page_findings(check).into_iter().map(|f| f.0).collect()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values.get(values.len() / 2).copied().unwrap_or(f64::NAN)
}

#[test]
fn the_handbook_pages_check_drafts_and_assess_in_the_browser() {
    if let Some(missing) = missing_tool() {
        if std::env::var_os("TWITTERRITORIAL_REQUIRE_CHROMIUM").is_some() {
            panic!("browser test required (TWITTERRITORIAL_REQUIRE_CHROMIUM is set) but {missing}");
        }
        println!("SKIPPED: {missing}; set TWITTERRITORIAL_REQUIRE_CHROMIUM to make this a failure");
        return;
    }
    let wasm = build_wasm();
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-book");
    build_book(&wasm, &out);
    // The editions side by side, as published: /fr/ and /en/.
    let base = serve(out.clone());

    let bad =
        "Bravo à nos militants pour leur porte-à-porte ce week-end ! #Fete #Samedi #Musique #Danse";
    let clean = "Le marché de Noël ouvre samedi 12 décembre place de la Mairie, de 10 h à 19 h. Programme : https://www.ville-exemple.fr/noel #VilleExemple";
    let mut checks = vec![
        json!({"name": "bad", "lang": "fr", "text": bad, "date": QUIET_DAY, "type": true}),
        json!({"name": "clean", "lang": "fr", "text": clean, "date": QUIET_DAY,
               "hashtag": HASHTAG, "website": WEBSITE, "type": true}),
    ];
    let examples = book_examples();
    assert!(
        examples.iter().any(|e| e.lang == Lang::Fr) && examples.iter().any(|e| e.lang == Lang::En),
        "the book has example posts in both editions"
    );
    for (i, e) in examples.iter().enumerate() {
        checks.push(
            json!({"name": format!("example-{i}"), "lang": lang_code(e.lang),
            "text": e.text, "platform": e.platform, "date": e.date,
            "hashtag": HASHTAG, "website": WEBSITE}),
        );
    }
    let cases = out.join("cases.json");
    std::fs::write(
        &cases,
        json!({ "checks": checks, "measureRuns": MEASURE_RUNS }).to_string(),
    )
    .expect("write cases");

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

    // Figures for the README (printed, not asserted).
    let size = &results["size"];
    let kb = |v: &Value| v.as_f64().unwrap_or(f64::NAN) / 1000.0;
    println!(
        "twitterritorial.wasm: {:.0} KB raw, {:.0} KB gzip -9 ({:.0} KB gzip -6), {:.0} KB brotli 11",
        kb(&size["raw"]),
        kb(&size["gzip"]),
        kb(&size["gzipDefault"]),
        kb(&size["brotli"])
    );
    let timings = results["timings"].as_array().expect("timings");
    let series = |key: &str| -> Vec<f64> {
        timings
            .iter()
            .map(|t| t[key].as_f64().unwrap_or(f64::NAN))
            .collect()
    };
    println!(
        "median of {} fresh loads of fr/verifier.html: module fetched and compiled in {:.0} ms, \
         then first result in {:.0} ms; a keystroke's check {:.1} ms (all: {timings:?})",
        timings.len(),
        median(series("moduleMs")),
        median(series("firstResultMs")),
        median(series("keystrokeMs")),
    );

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
    let too_many = checks[0]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["rule"] == "hashtag.too-many")
        .expect("hashtag.too-many listed");
    let covered = too_many["excerpt"].as_str().unwrap_or("");
    assert!(covered.contains("#Danse"), "{too_many}");
    let marks = checks[0]["marks"].as_array().expect("marks");
    assert!(
        marks.iter().any(|m| m.as_str() == Some(covered)),
        "the span of hashtag.too-many is highlighted: {marks:?}"
    );
    assert_eq!(too_many["link"], "../fr/regles.html#hashtag-too-many");
    assert!(
        too_many["message"]
            .as_str()
            .is_some_and(|m| m.contains("hashtags")),
        "{too_many}"
    );
    assert_eq!(
        rules_of(&checks[1]),
        Vec::<String>::new(),
        "the clean draft"
    );

    // The page and the command line agree on every example of the book.
    let cli = cli_findings(&examples, &out);
    let mut disagreements = Vec::new();
    for (i, (check, e)) in checks[2..].iter().zip(&examples).enumerate() {
        let page = page_findings(check);
        let command = cli.get(&i).cloned().unwrap_or_default();
        if page != command {
            disagreements.push(format!(
                "{:?} ({}, {}, {:?}):\n  page: {page:?}\n  CLI:  {command:?}",
                e.text, e.platform, e.date, e.lang
            ));
        }
    }
    let with_findings = cli.values().filter(|f| !f.is_empty()).count();
    println!(
        "{} example posts of the book checked in the page and by the CLI ({with_findings} with findings)",
        examples.len()
    );
    assert!(with_findings > 0, "some examples have findings");
    assert!(
        disagreements.is_empty(),
        "{} examples disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );

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
    assert!(
        results["xss"]["findingsText"]
            .as_str()
            .is_some_and(|t| t.contains("hashtag.too-many")),
        "the hostile draft is still checked: {}",
        results["xss"]
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
    assert!(
        a["actions"].as_u64().is_some_and(|n| n <= 5),
        "five actions at most: {a}"
    );
    let yaml = a["yaml"].as_str().unwrap_or("");
    let model = twitterritorial::assess::Model::builtin().expect("model");
    let answers = twitterritorial::assess::Answers::from_yaml(yaml, &model).unwrap_or_else(|e| {
        panic!(
            "the exported YAML is not what the CLI reads: {}\n{yaml}",
            e.message(Lang::En)
        )
    });
    assert_eq!(answers.len() as u64, questions);
    // The command line reads the export and scores it as the page did.
    let export = out.join("auto-evaluation.yaml");
    std::fs::write(&export, yaml).expect("write the export");
    let assess = Command::new(env!("CARGO_BIN_EXE_twitterritorial"))
        .current_dir(&out)
        .arg("assess")
        .arg("--answers")
        .arg(&export)
        .args(["--format", "json", "--lang", "en"])
        .stdin(Stdio::null())
        .output()
        .expect("run twitterritorial assess");
    let report: Value = serde_json::from_slice(&assess.stdout).unwrap_or_else(|e| {
        panic!(
            "twitterritorial assess --answers did not read the export ({e}):\n{}\n{yaml}",
            String::from_utf8_lossy(&assess.stderr)
        )
    });
    let score = report["overall"]["score"].as_f64().expect("overall score");
    let heading = a["heading"].as_str().unwrap_or("");
    assert!(
        heading.contains(&format!(": {} / 100", score.round())),
        "the page shows the CLI's score {score}: {heading}"
    );
    assert!(
        a["stored"].as_str().is_some_and(|s| s.len() > 2),
        "the answers are in localStorage: {a}"
    );
    assert_eq!(a["answeredAfterReload"].as_u64(), Some(questions), "{a}");

    let outside = results["outside"].as_array().expect("outside");
    assert!(outside.is_empty(), "requests left 127.0.0.1: {outside:?}");
    let requests = results["requests"].as_array().expect("requests");
    assert!(
        requests.iter().any(|r| r
            .as_str()
            .is_some_and(|u| u.ends_with("twitterritorial.wasm"))),
        "the request log saw the module"
    );
}

/// The page leaves out packs it believes hold no post rule: check it.
#[test]
fn the_packs_the_page_leaves_out_hold_no_post_rule() {
    use twitterritorial::rules::{AppliesTo, BUILTIN_PACKS, PackSource};
    use twitterritorial::wasm::PACKS_WITHOUT_POST_RULES;
    for name in PACKS_WITHOUT_POST_RULES {
        let (_, text) = BUILTIN_PACKS
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no built-in pack `{name}`"));
        let pack = RuleSet::from_sources(&[PackSource {
            name: (*name).into(),
            file: format!("rules/{name}.yaml"),
            text: (*text).into(),
            builtin: true,
            compiled: None,
        }])
        .expect("the pack reads");
        let on_posts: Vec<&str> = pack
            .rules()
            .iter()
            .filter(|r| r.applies_to == AppliesTo::Post)
            .map(|r| r.id.as_str())
            .collect();
        assert!(
            on_posts.is_empty(),
            "pack `{name}` has post rules {on_posts:?}: take it out of PACKS_WITHOUT_POST_RULES (src/wasm.rs)"
        );
    }
    let all = RuleSet::builtin().expect("built-in rules");
    let page = twitterritorial::wasm::post_rules().expect("the page's rules");
    let post_ids = |set: &RuleSet| -> Vec<String> {
        set.rules()
            .iter()
            .filter(|r| r.applies_to == AppliesTo::Post)
            .map(|r| r.id.clone())
            .collect()
    };
    assert_eq!(post_ids(&page), post_ids(&all));
}

/// What the page receives, without a browser: spans in UTF-16 code units.
#[test]
fn the_page_gets_findings_with_utf16_spans() {
    let text = "🎉 Bravo à nos militants pour leur porte-à-porte ! #Un #Deux #Trois #Quatre";
    let out = twitterritorial::wasm::check_json(
        &json!({"text": text, "platform": "x", "date": QUIET_DAY, "lang": "fr"}).to_string(),
    );
    let findings = out["findings"].as_array().expect("findings");
    let too_many = findings
        .iter()
        .find(|f| f["rule"] == "hashtag.too-many")
        .unwrap_or_else(|| panic!("{out}"));
    let utf16: Vec<u16> = text.encode_utf16().collect();
    let start = too_many["start"].as_u64().expect("start") as usize;
    let end = too_many["end"].as_u64().expect("end") as usize;
    let covered = String::from_utf16(&utf16[start..end]).expect("a whole span");
    assert!(covered.ends_with("#Quatre"), "{covered}");
    assert!(
        findings.iter().any(|f| f["rule"] == "political.partisan"),
        "{out}"
    );
    assert_eq!(
        too_many["help"], "../fr/regles.html#hashtag-too-many",
        "the link stays in the book"
    );
    let bad_date = twitterritorial::wasm::check_json(
        &json!({"text": "x", "date": "16/09/2026", "lang": "fr"}).to_string(),
    );
    assert!(
        bad_date["error"]
            .as_str()
            .is_some_and(|e| e.contains("AAAA-MM-JJ")),
        "{bad_date}"
    );
}
