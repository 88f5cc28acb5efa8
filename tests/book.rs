//! The handbook, tested like code.
//!
//! Both editions (`book/fr`, `book/en`) are built once through mdBook's
//! library, with the rule reference preprocessor registered in process under
//! the name `book.toml` gives it, into sibling folders `fr/` and `en/` of a
//! scratch folder (as published: `/fr/` and `/en/` under the base address,
//! so the `../en/…` links between twins resolve). Then:
//! - the build logs no warning (mdBook's `tracing` events are captured);
//! - every internal link and `#anchor` of the built HTML resolves;
//! - both editions have the same outline;
//! - the generated reference has one section per rule, in both languages,
//!   and every finding's `help` link lands on one of them;
//! - every example post of the book goes through the checker: `post-ok`
//!   raises nothing above info, `post-bad rule=…` raises each named rule.

use jiff::civil::Date;
use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use twitterritorial::diagnostic::Severity;
use twitterritorial::handbook::examples::{ExamplePost, Expectation, example_posts};
use twitterritorial::handbook::preprocessor::RulesPreprocessor;
use twitterritorial::handbook::{MARKER, reference, rule_anchor};
use twitterritorial::lint::{Linter, Post};
use twitterritorial::locale::Lang;
use twitterritorial::rules::{self, AppliesTo, RuleSet, example_config};

/// The editions, by folder name under `book/`.
const EDITIONS: [(&str, Lang); 2] = [("fr", Lang::Fr), ("en", Lang::En)];

/// The day an undated example is published on. Fixed, so a test never
/// changes its mind with the calendar; outside any pre-election period of
/// the built-in calendar, and the same day as `tests/rule_examples.rs`.
const UNDATED_EXAMPLE_DAY: Date = Date::constant(2026, 6, 15);

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ---------------------------------------------------------------------------
// Building both editions once

/// What building the two editions left.
struct Built {
    /// Holds `fr/` and `en/`.
    out: PathBuf,
    /// WARN and ERROR events mdBook logged, per edition.
    warnings: BTreeMap<&'static str, Vec<String>>,
    /// What each edition's `SUMMARY.md` and chapters hold.
    books: BTreeMap<&'static str, Edition>,
}

/// One edition as loaded, before preprocessing.
struct Edition {
    /// See [`outline`].
    outline: Vec<String>,
    /// Each chapter's file (relative to `src/`) and Markdown source.
    chapters: Vec<(PathBuf, String)>,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        // Cargo's scratch folder for integration tests (under target/).
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("handbook");
        if out.exists() {
            std::fs::remove_dir_all(&out).expect("clear the previous build");
        }
        let mut warnings = BTreeMap::new();
        let mut books = BTreeMap::new();
        for (edition, _) in EDITIONS {
            let capture = WarningCapture::default();
            let events = Arc::clone(&capture.events);
            let book = tracing::subscriber::with_default(capture, || {
                let root = manifest_dir().join("book").join(edition);
                let mut book =
                    MDBook::load(&root).unwrap_or_else(|e| panic!("load book/{edition}: {e:#}"));
                book.config.build.build_dir = out.join(edition);
                let preprocessor = RulesPreprocessor::builtin().expect("built-in rule packs");
                book.with_preprocessor(preprocessor);
                book.build()
                    .unwrap_or_else(|e| panic!("build book/{edition}: {e:#}"));
                book
            });
            let logged = events.lock().map(|e| e.clone()).unwrap_or_default();
            warnings.insert(edition, logged);
            let chapters = book
                .iter()
                .filter_map(|item| match item {
                    BookItem::Chapter(ch) => ch.path.clone().map(|p| (p, ch.content.clone())),
                    _ => None,
                })
                .collect();
            books.insert(
                edition,
                Edition {
                    outline: outline(&book),
                    chapters,
                },
            );
        }
        Built {
            out,
            warnings,
            books,
        }
    })
}

/// A `tracing` subscriber that keeps WARN and ERROR events: mdBook reports
/// unclosed HTML, unknown footnotes, missing files… this way, and still
/// builds.
#[derive(Default)]
struct WarningCapture {
    events: Arc<Mutex<Vec<String>>>,
    next_span: std::sync::atomic::AtomicU64,
}

impl tracing::Subscriber for WarningCapture {
    fn enabled(&self, metadata: &tracing::Metadata<'_>) -> bool {
        // Levels compare by verbosity: WARN and ERROR are the "small" ones.
        *metadata.level() <= tracing::Level::WARN
    }
    fn new_span(&self, _: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let n = self
            .next_span
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::span::Id::from_u64(n + 1)
    }
    fn record(&self, _: &tracing::span::Id, _: &tracing::span::Record<'_>) {}
    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
    fn event(&self, event: &tracing::Event<'_>) {
        struct Text(String);
        impl tracing::field::Visit for Text {
            fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
                if !self.0.is_empty() {
                    self.0.push(' ');
                }
                if field.name() == "message" {
                    self.0.push_str(&format!("{value:?}"));
                } else {
                    self.0.push_str(&format!("{}={value:?}", field.name()));
                }
            }
        }
        let mut text = Text(String::new());
        event.record(&mut text);
        let meta = event.metadata();
        if let Ok(mut events) = self.events.lock() {
            events.push(format!("{} {}: {}", meta.level(), meta.target(), text.0));
        }
    }
    fn enter(&self, _: &tracing::span::Id) {}
    fn exit(&self, _: &tracing::span::Id) {}
}

#[test]
fn both_editions_build_without_warning() {
    let built = built();
    for (edition, events) in &built.warnings {
        assert!(
            events.is_empty(),
            "book/{edition} built with warnings:\n{}",
            events.join("\n")
        );
    }
    for (edition, _) in EDITIONS {
        let index = built.out.join(edition).join("index.html");
        assert!(index.is_file(), "{} is missing", index.display());
    }
}

#[test]
fn the_warning_capture_sees_mdbook_warnings() {
    // A page with an unclosed HTML tag: mdBook builds it and warns. Without
    // this, a capture that saw nothing would pass the test above forever.
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("src")).expect("src");
    std::fs::write(dir.path().join("book.toml"), "[book]\ntitle = \"t\"\n").expect("book.toml");
    std::fs::write(dir.path().join("src/SUMMARY.md"), "[Page](page.md)\n").expect("summary");
    std::fs::write(
        dir.path().join("src/page.md"),
        "# Page\n\n<div>\n\nnot closed\n",
    )
    .expect("page");
    let capture = WarningCapture::default();
    let events = Arc::clone(&capture.events);
    tracing::subscriber::with_default(capture, || {
        let book = MDBook::load(dir.path()).expect("load");
        book.build().expect("build");
    });
    let events = events.lock().map(|e| e.clone()).unwrap_or_default();
    assert!(
        events.iter().any(|e| e.contains("unclosed HTML tag")),
        "expected mdBook's warning, got {events:?}"
    );
}

// ---------------------------------------------------------------------------
// Links and anchors of the built HTML

/// Every HTML page under `root`, relative to it.
fn html_pages(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "html")
                && let Ok(rel) = path.strip_prefix(root)
            {
                out.push(rel.to_path_buf());
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

/// `%C3%A9` → `é`; invalid escapes are kept as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            let b = (hi * 16 + lo) as u8;
            out.push(b);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `fr/../en/x.html` → `en/x.html`; `None` when it leaves the root.
fn normalise(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(p) => out.push(p),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

/// What the link check went through.
#[derive(Debug, Default)]
struct LinkReport {
    pages: usize,
    links: usize,
    anchors: usize,
    broken: Vec<String>,
}

/// Checks every `href`/`src` of every page under `root` that stays on the
/// site: the file exists, and its `#fragment` is an `id` (or `name`) of it.
/// `site_path` is the absolute path the site is published under
/// (`/twitterritorial/`), so absolute links of the 404 page map onto `root`.
fn check_links(root: &Path, site_path: &str) -> LinkReport {
    let pages = html_pages(root);
    let mut ids: HashMap<PathBuf, BTreeSet<String>> = HashMap::new();
    let mut parsed: Vec<(PathBuf, Html)> = Vec::new();
    let id_sel = Selector::parse("[id], a[name]").expect("selector");
    for page in &pages {
        let html = std::fs::read_to_string(root.join(page)).expect("read page");
        let doc = Html::parse_document(&html);
        let set: BTreeSet<String> = doc
            .select(&id_sel)
            .filter_map(|e| e.value().attr("id").or_else(|| e.value().attr("name")))
            .map(str::to_string)
            .collect();
        ids.insert(page.clone(), set);
        parsed.push((page.clone(), doc));
    }

    let link_sel = Selector::parse("a[href], link[href], script[src], img[src], iframe[src]")
        .expect("selector");
    let mut report = LinkReport {
        pages: pages.len(),
        ..LinkReport::default()
    };
    for (page, doc) in &parsed {
        let dir = page.parent().unwrap_or(Path::new(""));
        for element in doc.select(&link_sel) {
            let v = element.value();
            let Some(target) = v.attr("href").or_else(|| v.attr("src")) else {
                continue;
            };
            let target = target.trim();
            let external = target.starts_with("//")
                || target.split_once(':').is_some_and(|(scheme, _)| {
                    !scheme.is_empty()
                        && scheme
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                });
            if external || target.is_empty() {
                continue;
            }
            report.links += 1;
            let (path_part, fragment) = match target.split_once('#') {
                Some((p, f)) => (p, Some(percent_decode(f))),
                None => (target, None),
            };
            let path_part = path_part.split('?').next().unwrap_or("");
            let resolved = if path_part.is_empty() {
                Some(page.clone())
            } else if let Some(abs) = path_part.strip_prefix(site_path) {
                normalise(Path::new(&percent_decode(abs)))
            } else if path_part.starts_with('/') {
                None
            } else {
                normalise(&dir.join(percent_decode(path_part)))
            };
            let Some(mut file) = resolved else {
                report
                    .broken
                    .push(format!("{}: `{target}` leaves the site", page.display()));
                continue;
            };
            if path_part.ends_with('/') || root.join(&file).is_dir() {
                file.push("index.html");
            }
            if !root.join(&file).is_file() {
                report.broken.push(format!(
                    "{}: `{target}`: no file {}",
                    page.display(),
                    file.display()
                ));
                continue;
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                report.anchors += 1;
                let known = ids.get(&file).is_some_and(|set| set.contains(&fragment));
                if !known {
                    report.broken.push(format!(
                        "{}: `{target}`: no id `{fragment}` in {}",
                        page.display(),
                        file.display()
                    ));
                }
            }
        }
    }
    report
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let built = built();
    let report = check_links(&built.out, "/twitterritorial/");
    eprintln!(
        "link check: {} pages, {} internal links, {} of them with an anchor",
        report.pages, report.links, report.anchors
    );
    assert!(
        report.pages >= 2 * 11,
        "both editions should have their 11 chapters, got {} pages",
        report.pages
    );
    assert!(
        report.broken.is_empty(),
        "{} broken links:\n{}",
        report.broken.len(),
        report.broken.join("\n")
    );
}

#[test]
fn the_link_check_catches_a_broken_anchor_and_a_missing_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fr = dir.path().join("fr");
    std::fs::create_dir_all(&fr).expect("fr");
    std::fs::write(
        fr.join("a.html"),
        r##"<html><body><h1 id="haut">A</h1>
        <a href="#haut">ok</a> <a href="b.html#absent">bad anchor</a>
        <a href="../en/a.html">missing twin</a> <a href="https://example.org/">external</a>
        <a href="/twitterritorial/fr/b.html#bas">absolute ok</a></body></html>"##,
    )
    .expect("a.html");
    std::fs::write(
        fr.join("b.html"),
        r#"<html><body><p id="bas">B</p></body></html>"#,
    )
    .expect("b.html");
    let report = check_links(dir.path(), "/twitterritorial/");
    assert_eq!(report.pages, 2);
    assert_eq!(report.links, 4);
    assert_eq!(report.broken.len(), 2, "{:?}", report.broken);
    assert!(report.broken[0].contains("absent"));
    assert!(report.broken[1].contains("en/a.html"));
}

#[test]
fn the_rule_reference_page_has_no_marker_left() {
    let built = built();
    for (edition, _) in EDITIONS {
        for page in html_pages(&built.out.join(edition)) {
            let html =
                std::fs::read_to_string(built.out.join(edition).join(&page)).expect("read page");
            assert!(
                !html.contains(MARKER),
                "{edition}/{} still holds the marker",
                page.display()
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Outline

/// The outline of a book: its items in order, chapters by file and depth.
fn outline(book: &MDBook) -> Vec<String> {
    book.iter()
        .map(|item| match item {
            BookItem::Chapter(ch) => format!(
                "{}{}",
                "  ".repeat(ch.parent_names.len()),
                ch.path
                    .as_deref()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| "(draft)".into())
            ),
            BookItem::Separator => "---".to_string(),
            BookItem::PartTitle(_) => "# part".to_string(),
        })
        .collect()
}

#[test]
fn both_editions_have_the_same_outline() {
    let built = built();
    let fr = &built.books["fr"].outline;
    let en = &built.books["en"].outline;
    assert_eq!(
        fr, en,
        "book/fr/src/SUMMARY.md and book/en/src/SUMMARY.md differ in outline"
    );
    assert!(
        fr.iter().any(|l| l.trim() == "regles.md"),
        "the rule reference chapter is in the outline"
    );
}

// ---------------------------------------------------------------------------
// The generated reference and the help links

fn rule_set() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::builtin().expect("built-in packs load"))
}

/// The ids of the built rule reference page of an edition.
fn reference_ids(edition: &str) -> BTreeSet<String> {
    let path = built().out.join(edition).join("regles.html");
    let html = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = Html::parse_document(&html);
    let sel = Selector::parse("main [id]").expect("selector");
    doc.select(&sel)
        .filter_map(|e| e.value().attr("id"))
        .map(str::to_string)
        .collect()
}

/// The words of a text, without punctuation or markup: what survives
/// Markdown rendering and smart punctuation.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_reference_lists_every_rule_in_both_languages() {
    let rules = rule_set();
    assert!(!rules.rules().is_empty());
    for (edition, lang) in EDITIONS {
        let ids = reference_ids(edition);
        let path = built().out.join(edition).join("regles.html");
        let html = std::fs::read_to_string(&path).expect("regles.html");
        let page_text: String = Html::parse_document(&html).root_element().text().collect();
        let page_words = words(&page_text).join(" ");
        for rule in rules.rules() {
            let anchor = rule_anchor(&rule.id);
            assert!(
                ids.contains(&anchor),
                "{edition}/regles.html has no section `{anchor}`"
            );
            assert_eq!(
                html.matches(&format!("id=\"{anchor}\"")).count(),
                1,
                "{edition}/regles.html: section `{anchor}` is not unique"
            );
            // The description in the book's language, not the other one.
            let first_words = words(rule.description.get(lang))
                .into_iter()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ");
            assert!(
                page_words.contains(&first_words),
                "{edition}/regles.html: no description of {} starting with “{first_words}”",
                rule.id
            );
        }
    }
}

#[test]
fn every_help_link_lands_on_a_section_of_the_reference() {
    let base = twitterritorial::config::DEFAULT_HELP_BASE_URL;
    let rules = rule_set();
    for (edition, lang) in EDITIONS {
        let ids = reference_ids(edition);
        for rule in rules.rules() {
            let url = rules::help_url(&rule.id, lang, base);
            assert_eq!(url, rule.help_url(lang, base));
            let page = format!("{base}/{edition}/regles.html#");
            let Some(fragment) = url.strip_prefix(&page) else {
                panic!("help link of {} is {url}, not under {page}", rule.id)
            };
            assert!(
                ids.contains(fragment),
                "help link {url}: {edition}/regles.html has no id `{fragment}`"
            );
        }
    }
}

#[test]
fn the_help_links_the_command_line_prints_land_on_the_reference() {
    // What a user sees: `twitterritorial rules --format json`, run outside
    // the repository so no configuration file changes the base address.
    let cwd = tempfile::tempdir().expect("temp dir");
    let page_prefix = |edition: &str| {
        format!(
            "{}/{edition}/regles.html#",
            twitterritorial::config::DEFAULT_HELP_BASE_URL
        )
    };
    for (edition, _) in EDITIONS {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_twitterritorial"))
            .args(["rules", "--format", "json", "--lang", edition])
            .current_dir(cwd.path())
            .output()
            .expect("run twitterritorial rules");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let listed = doc["rules"].as_array().expect("rules array");
        assert_eq!(listed.len(), rule_set().rules().len());
        let ids = reference_ids(edition);
        for rule in listed {
            let help = rule["help"].as_str().expect("help");
            let fragment = help
                .strip_prefix(&page_prefix(edition))
                .unwrap_or_else(|| panic!("{help} is not a link to {edition}/regles.html"));
            assert!(ids.contains(fragment), "{help}: no such section");
        }
    }
}

// ---------------------------------------------------------------------------
// Example posts

/// The example account, in the edition's language.
fn linter_for(lang: Lang) -> Linter {
    let mut config = example_config();
    config.lang = lang;
    Linter::new(rule_set(), &config).expect("the example account configuration is valid")
}

/// What is wrong with one example, if anything.
fn judge(linter: &Linter, post: &Post, expectation: &Expectation, today: Date) -> Option<String> {
    let findings = linter.check_post(post, today);
    let raised: BTreeSet<&str> = findings.iter().map(|f| f.rule.as_str()).collect();
    let shown = || {
        findings
            .iter()
            .map(|f| format!("{} ({}): {}", f.rule, f.severity, f.message))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match expectation {
        Expectation::Clean => findings
            .iter()
            .any(|f| f.severity > Severity::Info)
            .then(|| format!("a good example, yet the checker says: {}", shown())),
        Expectation::Raises(ids) => {
            let missing: Vec<&String> = ids
                .iter()
                .filter(|id| !raised.contains(id.as_str()))
                .collect();
            (!missing.is_empty()).then(|| {
                format!(
                    "should raise {missing:?}; the checker says: {}",
                    if findings.is_empty() {
                        "nothing".into()
                    } else {
                        shown()
                    }
                )
            })
        }
        Expectation::DoesNotRaise(ids) => {
            let wrong: Vec<&String> = ids
                .iter()
                .filter(|id| raised.contains(id.as_str()))
                .collect();
            (!wrong.is_empty())
                .then(|| format!("should not raise {wrong:?}; the checker says: {}", shown()))
        }
    }
}

fn post_of(example: &ExamplePost) -> Result<Post, String> {
    let platform = match example.platform.as_deref() {
        None => None,
        Some(name) => Some(
            twitterritorial::config::parse_platform(name)
                .ok_or_else(|| format!("unknown platform `{name}` (x, mastodon or bluesky)"))?,
        ),
    };
    Ok(Post {
        text: example.text.clone(),
        platform,
        date: example.date,
        ..Post::default()
    })
}

#[test]
fn every_example_post_of_the_chapters_passes_the_checker() {
    let built = built();
    let mut problems = Vec::new();
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (edition, lang) in EDITIONS {
        let linter = linter_for(lang);
        for (path, content) in &built.books[edition].chapters {
            let file = format!("book/{edition}/src/{}", path.display());
            for found in example_posts(content) {
                let example = match found {
                    Ok(example) => example,
                    Err(e) => {
                        problems.push(format!("{file}:{}: {}", e.line, e.message));
                        continue;
                    }
                };
                let unknown: Vec<&String> = match &example.expectation {
                    Expectation::Clean => &[][..],
                    Expectation::Raises(ids) | Expectation::DoesNotRaise(ids) => ids,
                }
                .iter()
                .filter(|id| rule_set().get(id).is_none())
                .collect();
                if !unknown.is_empty() {
                    problems.push(format!(
                        "{file}:{}: no rule {unknown:?} in rules/",
                        example.line
                    ));
                    continue;
                }
                let entry = counts.entry(edition).or_default();
                match &example.expectation {
                    Expectation::Clean => entry.0 += 1,
                    _ => entry.1 += 1,
                }
                let post = match post_of(&example) {
                    Ok(post) => post,
                    Err(e) => {
                        problems.push(format!("{file}:{}: {e}", example.line));
                        continue;
                    }
                };
                if let Some(problem) =
                    judge(&linter, &post, &example.expectation, UNDATED_EXAMPLE_DAY)
                {
                    let short: String = example.text.chars().take(70).collect();
                    problems.push(format!("{file}:{}: “{short}…”: {problem}", example.line));
                }
            }
        }
    }
    for (edition, (ok, bad)) in &counts {
        eprintln!("book/{edition}: {ok} good and {bad} bad example posts run through the checker");
    }
    for (edition, _) in EDITIONS {
        assert!(
            counts
                .get(edition)
                .is_some_and(|(ok, bad)| *ok > 0 && *bad > 0),
            "book/{edition} has example posts"
        );
    }
    assert!(
        problems.is_empty(),
        "{} example posts disagree with the checker:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_example_of_the_reference_is_shown_and_passes_the_checker() {
    let rules = rule_set();
    let mut problems = Vec::new();
    let mut run = 0;
    for (_, lang) in EDITIONS {
        let markdown = reference::rule_reference(rules, lang);
        let shown: Vec<ExamplePost> = example_posts(&markdown)
            .into_iter()
            .collect::<Result<_, _>>()
            .expect("the generated examples are well marked");
        let base = {
            let mut c = example_config();
            c.lang = lang;
            c
        };
        let base_linter = Linter::new(rules, &base).expect("example account");
        for rule in rules
            .rules()
            .iter()
            .filter(|r| r.applies_to == AppliesTo::Post)
        {
            let cases = rule
                .examples
                .trigger
                .iter()
                .map(|e| (e, Expectation::Raises(vec![rule.id.clone()])))
                .chain(
                    rule.examples
                        .pass
                        .iter()
                        .map(|e| (e, Expectation::DoesNotRaise(vec![rule.id.clone()]))),
                );
            for (example, expectation) in cases {
                if example.text.is_empty() {
                    continue;
                }
                let on_page = shown.iter().any(|s| {
                    s.text == example.text && s.expectation == expectation && s.date == example.date
                });
                if !on_page {
                    problems.push(format!(
                        "{} ({lang:?}): example “{}” is not shown as {expectation:?}",
                        rule.id, example.text
                    ));
                }
                // Building a linter compiles every rule: share the example
                // account's one unless the example changes the account.
                let own;
                let linter = match &example.config {
                    None => &base_linter,
                    Some(_) => {
                        own = Linter::new(rules, &example.config(&base))
                            .expect("example configuration");
                        &own
                    }
                };
                if let Some(problem) =
                    judge(linter, &example.post(), &expectation, UNDATED_EXAMPLE_DAY)
                {
                    problems.push(format!(
                        "{} ({lang:?}): “{}”: {problem}",
                        rule.id, example.text
                    ));
                }
                run += 1;
            }
        }
    }
    eprintln!("rule reference: {run} example posts run through the checker (both languages)");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------
// The command `book.toml` runs

/// Runs the binary with `args`, `stdin` as standard input.
fn run_binary(args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_twitterritorial"))
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start twitterritorial");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin).expect("write stdin");
    }
    child.wait_with_output().expect("wait for twitterritorial")
}

#[test]
fn the_command_of_book_toml_speaks_mdbooks_protocol() {
    for (edition, _) in EDITIONS {
        let root = manifest_dir().join("book").join(edition);
        let book = MDBook::load(&root).expect("load");
        let key = format!(
            "preprocessor.{}.command",
            twitterritorial::handbook::PREPROCESSOR_NAME
        );
        let command: String = book
            .config
            .get(&key)
            .expect("readable book.toml")
            .unwrap_or_else(|| panic!("book/{edition}/book.toml has no {key}"));
        // `cargo run … -- book-preprocessor`: the binary's part is after `--`.
        let args: Vec<&str> = command
            .split_once(" -- ")
            .map(|(_, args)| args.split_whitespace().collect())
            .unwrap_or_else(|| panic!("{key} = {command:?} does not pass arguments to the binary"));

        let supports: Vec<&str> = args.iter().copied().chain(["supports", "html"]).collect();
        let out = run_binary(&supports, b"");
        assert!(
            out.status.success(),
            "supports html: {}",
            String::from_utf8_lossy(&out.stderr)
        );

        let ctx = mdbook_preprocessor::PreprocessorContext::new(
            root.clone(),
            book.config.clone(),
            "html".into(),
        );
        let input = serde_json::to_vec(&(&ctx, &book.book)).expect("serialise the book");
        let out = run_binary(&args, &input);
        assert!(
            out.status.success(),
            "book/{edition}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let processed: mdbook_driver::book::Book =
            serde_json::from_slice(&out.stdout).expect("a book as JSON on stdout");
        let reference = processed
            .iter()
            .find_map(|item| match item {
                BookItem::Chapter(ch) if ch.path.as_deref() == Some(Path::new("regles.md")) => {
                    Some(ch.content.clone())
                }
                _ => None,
            })
            .expect("regles.md");
        assert!(
            !reference.contains(MARKER),
            "book/{edition}: the marker is still there"
        );
        let first = &rule_set().rules()[0];
        assert!(
            reference.contains(&format!("{{#{}}}", rule_anchor(&first.id))),
            "book/{edition}: no section for {}",
            first.id
        );
    }
}

#[test]
fn the_preprocessor_command_explains_bad_input() {
    let out = run_binary(&["book-preprocessor"], b"not json");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("mdbook build"), "{stderr}");
}
