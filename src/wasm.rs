//! The browser entry points: a plain C interface over the checking core, so
//! the handbook's pages call it from JavaScript with no generated glue.
//!
//! Every call takes a UTF-8 JSON document written by the page into memory it
//! got from `tt_alloc`, and returns a JSON document packed as
//! `(ptr << 32) | len`; the page reads it, then gives it back with
//! `tt_free`. Nothing here touches a clock, a file or the network: the page
//! passes the date itself.
//!
//! The exports exist on wasm32 only; the JSON functions behind them
//! ([`check_json`], [`assess_json`], [`model_json`]) build everywhere, so
//! native tests can call them. Built by `cargo rustc --lib --profile wasm
//! --target wasm32-unknown-unknown --no-default-features --crate-type cdylib`
//! (tests/browser.rs, .github/workflows/book.yml).

use crate::assess::{self, answers::Answers, model::Model};
use crate::config::ConfigError;
use crate::config::{Config, parse_platform};
use crate::lint::{Linter, Post};
use crate::locale::Lang;
use crate::rules::{self, PackSource, RuleSet, builtin_sources};
use jiff::civil::Date;
use serde::Deserialize;
use serde_json::{Value, json};
use std::cell::{OnceCell, RefCell};

/// The account facts a linter is built for.
type LinterKey = (
    Lang,
    Option<crate::text::Platform>,
    Vec<String>,
    Option<String>,
);

thread_local! {
    /// The built-in rule packs, read once.
    static RULES: OnceCell<Result<RuleSet, String>> = const { OnceCell::new() };
    /// The last linter built, for the page's next keystroke.
    static LINTER: RefCell<Option<(LinterKey, Result<Linter, String>)>> =
        const { RefCell::new(None) };
    /// The assessment model, read once.
    static MODEL: OnceCell<Result<Model, String>> = const { OnceCell::new() };
}

/// Built-in packs without a rule on posts (the profile and website audits):
/// the page checks posts only, so it does not read them. tests/browser.rs
/// checks that they hold no post rule.
pub const PACKS_WITHOUT_POST_RULES: &[&str] = &["profile", "site"];

/// The built-in packs the page reads.
pub fn post_rules() -> Result<RuleSet, ConfigError> {
    let sources: Vec<PackSource> = builtin_sources()
        .into_iter()
        .filter(|pack| !PACKS_WITHOUT_POST_RULES.contains(&pack.name.as_str()))
        .collect();
    RuleSet::from_sources(&sources)
}

/// Builds the linter for an account from the built-in packs (read once).
fn build_linter(config: &Config, lang: Lang) -> Result<Linter, String> {
    RULES.with(
        |cell| match cell.get_or_init(|| post_rules().map_err(|e| e.render(lang))) {
            Ok(rules) => Linter::new(rules, config).map_err(|e| e.render(lang)),
            Err(message) => Err(message.clone()),
        },
    )
}

/// The built-in assessment model (parsed on first use).
fn builtin_model() -> Result<Model, String> {
    MODEL.with(|cell| {
        cell.get_or_init(|| Model::builtin().map_err(|e| e.to_string()))
            .clone()
    })
}

/// Gives the page `len` bytes to write its input into.
#[cfg(target_arch = "wasm32")]
#[unsafe(no_mangle)]
pub extern "C" fn tt_alloc(len: usize) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len.max(1));
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

/// Takes back memory given by `tt_alloc` or returned by a call.
///
/// # Safety
/// `ptr` and `len` must come from `tt_alloc(len)` or from a packed result.
#[cfg(target_arch = "wasm32")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tt_free(ptr: *mut u8, len: usize) {
    // SAFETY: the caller gives back a buffer this module allocated with this
    // capacity (results are shrunk to fit before they are returned).
    drop(unsafe { Vec::from_raw_parts(ptr, 0, len.max(1)) });
}

/// Checks one draft: `{text, platform, hashtag, website, date, lang}` →
/// `{findings: [{rule, severity, message, help, start, end}]}` or `{error}`.
/// `start`/`end` count UTF-16 code units, as JavaScript strings do.
///
/// # Safety
/// `ptr`/`len` must be a buffer from `tt_alloc` holding the input.
#[cfg(target_arch = "wasm32")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tt_check(ptr: *mut u8, len: usize) -> u64 {
    // SAFETY: see the function's contract.
    let input = unsafe { read_input(ptr, len) };
    pack(check_json(&input))
}

/// Scores a self-assessment: `{lang, answers: {version, answers: {…}}}` →
/// `{report, chart, yaml}` or `{error}`.
///
/// # Safety
/// `ptr`/`len` must be a buffer from `tt_alloc` holding the input.
#[cfg(target_arch = "wasm32")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tt_assess(ptr: *mut u8, len: usize) -> u64 {
    // SAFETY: see the function's contract.
    let input = unsafe { read_input(ptr, len) };
    pack(assess_json(&input))
}

/// The questionnaire in one language: `{lang}` → `{sections: [...]}`.
///
/// # Safety
/// `ptr`/`len` must be a buffer from `tt_alloc` holding the input.
#[cfg(target_arch = "wasm32")]
#[unsafe(no_mangle)]
pub unsafe extern "C" fn tt_model(ptr: *mut u8, len: usize) -> u64 {
    // SAFETY: see the function's contract.
    let input = unsafe { read_input(ptr, len) };
    pack(model_json(&input))
}

/// Copies the input out of its buffer and frees the buffer.
#[cfg(target_arch = "wasm32")]
unsafe fn read_input(ptr: *mut u8, len: usize) -> String {
    // SAFETY: the buffer was allocated by tt_alloc(len) and filled by the page.
    let bytes = unsafe { Vec::from_raw_parts(ptr, len, len.max(1)) };
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The answer as `(ptr << 32) | len` (wasm32 pointers are 32 bits).
#[cfg(target_arch = "wasm32")]
fn pack(value: Value) -> u64 {
    let mut bytes = value.to_string().into_bytes().into_boxed_slice();
    let (ptr, len) = (bytes.as_mut_ptr() as u64, bytes.len() as u64);
    std::mem::forget(bytes);
    (ptr << 32) | len
}

fn error(message: String) -> Value {
    json!({ "error": message })
}

#[derive(Deserialize)]
struct CheckInput {
    text: String,
    #[serde(default)]
    platform: Option<String>,
    #[serde(default)]
    hashtag: Option<String>,
    #[serde(default)]
    website: Option<String>,
    date: String,
    #[serde(default)]
    lang: Option<String>,
}

fn lang_of(code: Option<&str>) -> Lang {
    match code {
        Some("en") => Lang::En,
        _ => Lang::Fr,
    }
}

/// Runs the draft linter and answers in the shape the page reads.
pub fn check_json(input: &str) -> Value {
    let input: CheckInput = match serde_json::from_str(input) {
        Ok(input) => input,
        Err(e) => return error(format!("input: {e}")),
    };
    let lang = lang_of(input.lang.as_deref());
    let date: Date = match input.date.parse() {
        Ok(date) => date,
        Err(_) => {
            return error(match lang {
                Lang::Fr => format!(
                    "date «\u{a0}{}\u{a0}» illisible\u{a0}: écrivez AAAA-MM-JJ.",
                    input.date
                ),
                Lang::En => format!("unreadable date “{}”: write YYYY-MM-DD.", input.date),
            });
        }
    };
    let platform = input.platform.as_deref().and_then(parse_platform);
    let mut config = Config {
        lang,
        ..Config::default()
    };
    if let Some(platform) = platform {
        config.platforms = vec![platform];
    }
    let hashtag = input.hashtag.unwrap_or_default();
    let hashtag = hashtag.trim();
    if !hashtag.is_empty() {
        let tag = if hashtag.starts_with('#') {
            hashtag.to_string()
        } else {
            format!("#{hashtag}")
        };
        config.account.hashtags = vec![tag];
    }
    let website = input.website.unwrap_or_default();
    if !website.trim().is_empty() {
        config.account.website = Some(website.trim().to_string());
    }
    let key = (
        lang,
        platform,
        config.account.hashtags.clone(),
        config.account.website.clone(),
    );
    let findings = LINTER.with(|cell| {
        let mut cached = cell.borrow_mut();
        // Building a linter compiles the rule packs' patterns: keep it
        // while the account facts stay the same (every keystroke).
        if cached.as_ref().is_none_or(|(k, _)| *k != key) {
            *cached = Some((key, build_linter(&config, lang)));
        }
        let post = Post {
            platform,
            date: Some(date),
            ..Post::new(input.text.clone())
        };
        match cached.as_ref().map(|(_, l)| l) {
            Some(Ok(linter)) => Ok(linter.check_post(&post, date)),
            Some(Err(message)) => Err(message.clone()),
            None => Err(String::new()),
        }
    });
    let findings = match findings {
        Ok(findings) => findings,
        Err(message) => return error(message),
    };
    let findings: Vec<Value> = findings
        .into_iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "message": f.message,
                // Relative to the page, so the link stays inside this book.
                "help": rules::help_url(&f.rule, lang, ".."),
                "start": utf16_offset(&input.text, f.span.start),
                "end": utf16_offset(&input.text, f.span.end),
            })
        })
        .collect();
    json!({ "findings": findings })
}

/// The UTF-16 offset of byte offset `byte` (clamped to a char boundary).
pub fn utf16_offset(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    text[..byte].encode_utf16().count()
}

#[derive(Deserialize)]
struct AssessInput {
    #[serde(default)]
    lang: Option<String>,
    answers: Value,
}

/// Scores answers given as the CLI's answers document (as JSON).
pub fn assess_json(input: &str) -> Value {
    let input: AssessInput = match serde_json::from_str(input) {
        Ok(input) => input,
        Err(e) => return error(format!("input: {e}")),
    };
    let lang = lang_of(input.lang.as_deref());
    let model = match builtin_model() {
        Ok(model) => model,
        Err(e) => return error(e),
    };
    // The CLI's own checks, on the JSON the page sends.
    let answers = match Answers::from_json(&input.answers.to_string(), &model) {
        Ok(answers) => answers,
        Err(e) => return error(e.message(lang)),
    };
    let report = assess::score::assess(&model, &answers, lang, "..");
    let report_value = serde_json::to_value(&report).unwrap_or(Value::Null);
    json!({
        "report": report_value,
        "chart": assess::html::chart(&report),
        "yaml": answers.to_yaml(&model, lang),
    })
}

/// The questionnaire, texts in the page's language.
pub fn model_json(input: &str) -> Value {
    let lang = serde_json::from_str::<Value>(input)
        .ok()
        .and_then(|v| v.get("lang").and_then(Value::as_str).map(str::to_string));
    let lang = lang_of(lang.as_deref());
    let model = match builtin_model() {
        Ok(model) => model,
        Err(e) => return error(e),
    };
    let text = |l: &crate::locale::Localized| match lang {
        Lang::Fr => l.fr.clone(),
        Lang::En => l.en.clone(),
    };
    let sections: Vec<Value> = model
        .sections
        .iter()
        .map(|s| {
            let questions: Vec<Value> = s
                .questions
                .iter()
                .map(|q| {
                    json!({
                        "id": q.id,
                        "type": q.kind.as_str(),
                        "text": text(&q.text),
                        "help": q.help.as_ref().map(text),
                        "unit": q.unit.as_ref().map(text),
                        "max": q.max,
                        "options": q.options.iter().map(|o| json!({
                            "id": o.id, "label": text(&o.label)
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({ "id": s.id, "title": text(&s.title), "page": s.page, "questions": questions })
        })
        .collect();
    json!({ "version": model.version, "sections": sections })
}
