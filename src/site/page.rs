//! The page analyser: what one HTML page of the site shows of the account.
//!
//! The markup is read by an HTML parser (`scraper`, on html5ever) and
//! queried element by element; addresses are parsed as URLs. No regular
//! expression ever runs over the markup: real pages are too varied for that.

use super::markers::{Markers, fold};
use reqwest::Url;
use scraper::{ElementRef, Html, Selector};
use std::sync::LazyLock;

/// Everything the audit needs from one page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageFacts {
    /// Handles of the X profiles linked (`x.com/Handle`, `twitter.com/handle`,
    /// `twitter.com/#!/handle`), as written.
    pub x_profiles: Vec<String>,
    /// `(host, user)` of links shaped like Mastodon profiles (`/@user`,
    /// `/users/user`), host in lower case.
    pub mastodon_profiles: Vec<(String, String)>,
    /// Handles or DIDs of the Bluesky profiles linked (`bsky.app/profile/…`).
    pub bluesky_profiles: Vec<String>,
    /// Share functions found (the link or the marker that matched).
    pub share: Vec<String>,
    /// Embedded posts or timelines found (what matched).
    pub embeds: Vec<String>,
    /// Feeds announced with `<link rel="alternate" type="…rss/atom/json…">`.
    pub feeds: Vec<Url>,
    /// Targets of `rel="me"` links (`<a>` or `<link>`).
    pub rel_me: Vec<String>,
    /// Same-site pages that look like news (listing or article), in order.
    pub news_links: Vec<NewsLink>,
}

/// A same-site link that looks like news.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewsLink {
    pub url: Url,
    /// An article rather than a listing: something follows the news part of
    /// the path (`/actualites/fete-de-la-musique`). Share buttons are on
    /// articles, so they are read first.
    pub article: bool,
}

static ANCHORS: LazyLock<Selector> = LazyLock::new(|| selector("a[href], area[href]"));
static LINKS: LazyLock<Selector> = LazyLock::new(|| selector("link[href]"));
static REL_ANY: LazyLock<Selector> = LazyLock::new(|| selector("a[rel][href], link[rel][href]"));
static BASE: LazyLock<Selector> = LazyLock::new(|| selector("base[href]"));
static SHARE_FORMS: LazyLock<Selector> = LazyLock::new(|| selector("form[action]"));

fn selector(css: &str) -> Selector {
    // These selectors are written in this file; a test parses them all.
    Selector::parse(css).unwrap_or_else(|e| panic!("invalid built-in selector {css}: {e}"))
}

const FEED_TYPES: &[&str] = &[
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/rdf+xml",
];

/// First path segments of x.com / twitter.com that are not accounts.
const X_RESERVED: &[&str] = &[
    "intent",
    "share",
    "home",
    "i",
    "hashtag",
    "search",
    "explore",
    "settings",
    "login",
    "signup",
    "tos",
    "privacy",
    "widgets",
    "messages",
    "notifications",
    "compose",
    "logout",
    "about",
    "download",
    "account",
    "jobs",
    "en",
    "fr",
    "following",
    "followers",
    "lists",
    "intent.",
    "oauth",
    "who_to_follow",
    "x",
];

/// Analyses one page. `page_url` is where it was read (after redirects).
pub fn analyse(html: &str, page_url: &Url, markers: &Markers) -> PageFacts {
    let doc = Html::parse_document(html);
    let base = doc
        .select(&BASE)
        .next()
        .and_then(|b| b.attr("href"))
        .and_then(|href| page_url.join(href.trim()).ok())
        .unwrap_or_else(|| page_url.clone());
    let resolve = |href: &str| base.join(href.trim()).ok();

    let mut facts = PageFacts::default();
    for a in doc.select(&ANCHORS) {
        let Some(url) = a.attr("href").and_then(resolve) else {
            continue;
        };
        if !matches!(url.scheme(), "http" | "https") {
            continue;
        }
        if let Some(handle) = x_profile(&url) {
            push_unique(&mut facts.x_profiles, handle);
        }
        if let Some(profile) = mastodon_profile(&url)
            && !facts.mastodon_profiles.contains(&profile)
        {
            facts.mastodon_profiles.push(profile);
        }
        if let Some(id) = bluesky_profile(&url) {
            push_unique(&mut facts.bluesky_profiles, id);
        }
        if markers.is_share_link(&url) {
            push_unique(&mut facts.share, url.to_string());
        }
        if let Some(article) = news_link(&a, &url, page_url, markers) {
            let mut target = url.clone();
            target.set_fragment(None);
            if target != *page_url && !facts.news_links.iter().any(|n| n.url == target) {
                facts.news_links.push(NewsLink {
                    url: target,
                    article,
                });
            }
        }
    }
    for form in doc.select(&SHARE_FORMS) {
        if let Some(url) = form.attr("action").and_then(resolve)
            && markers.is_share_link(&url)
        {
            push_unique(&mut facts.share, url.to_string());
        }
    }
    for (css, sel) in &markers.share_selectors {
        if doc.select(sel).next().is_some() {
            push_unique(&mut facts.share, css.clone());
        }
    }
    for (css, sel) in &markers.embed_selectors {
        if doc.select(sel).next().is_some() {
            push_unique(&mut facts.embeds, css.clone());
        }
    }
    for link in doc.select(&LINKS) {
        let el = link.value();
        let alternate = rel_tokens(el.attr("rel")).any(|t| t == "alternate");
        let feed_type = el.attr("type").map(|t| t.trim().to_ascii_lowercase());
        if alternate
            && feed_type
                .as_deref()
                .is_some_and(|t| FEED_TYPES.contains(&t))
            && let Some(url) = link.attr("href").and_then(resolve)
            && !facts.feeds.contains(&url)
        {
            facts.feeds.push(url);
        }
    }
    for el in doc.select(&REL_ANY) {
        if rel_tokens(el.attr("rel")).any(|t| t == "me")
            && let Some(url) = el.attr("href").and_then(resolve)
        {
            push_unique(&mut facts.rel_me, url.to_string());
        }
    }
    // Articles first (they carry share buttons), page order otherwise.
    facts.news_links.sort_by_key(|n| !n.article);
    facts
}

/// The target of `<meta http-equiv="refresh" content="0; url=…">`, also
/// inside `<noscript>` (as t.co writes it), whose content the parser keeps
/// as text since it runs as a browser with scripts.
pub fn meta_refresh(html: &str, page_url: &Url) -> Option<Url> {
    static METAS: LazyLock<Selector> = LazyLock::new(|| selector("meta[http-equiv][content]"));
    static NOSCRIPT: LazyLock<Selector> = LazyLock::new(|| selector("noscript"));
    let find = |doc: &Html| {
        doc.select(&METAS)
            .filter(|m| {
                m.attr("http-equiv")
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh"))
            })
            .find_map(|m| {
                let (_, rest) = m.attr("content")?.split_once(';')?;
                let (key, target) = rest.trim().split_once('=')?;
                if !key.trim().eq_ignore_ascii_case("url") {
                    return None;
                }
                page_url.join(target.trim().trim_matches(['\'', '"'])).ok()
            })
    };
    let doc = Html::parse_document(html);
    find(&doc).or_else(|| {
        doc.select(&NOSCRIPT).find_map(|n| {
            let inner: String = n.text().collect();
            find(&Html::parse_fragment(&inner))
        })
    })
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !list.contains(&value) {
        list.push(value);
    }
}

/// `rel` is a set of space-separated, case-insensitive tokens.
fn rel_tokens(rel: Option<&str>) -> impl Iterator<Item = String> + '_ {
    rel.unwrap_or_default()
        .split_ascii_whitespace()
        .map(|t| t.to_ascii_lowercase())
}

/// The host without the `www.`-like prefixes people use interchangeably.
pub fn bare_host(url: &Url) -> Option<String> {
    let host = url.host_str()?.to_ascii_lowercase();
    let host = host.trim_end_matches('.');
    for prefix in ["www.", "mobile.", "m."] {
        if let Some(rest) = host.strip_prefix(prefix) {
            return Some(rest.to_string());
        }
    }
    Some(host.to_string())
}

fn is_handle(s: &str) -> bool {
    (1..=50).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// The handle of an X profile link, in any of its historical shapes.
pub fn x_profile(url: &Url) -> Option<String> {
    let host = bare_host(url)?;
    if host != "x.com" && host != "twitter.com" {
        return None;
    }
    // Old sites still carry `twitter.com/#!/handle`.
    if let Some(fragment) = url.fragment()
        && let Some(rest) = fragment.strip_prefix("!/")
    {
        let handle = rest.split(['/', '?']).next().unwrap_or_default();
        return (is_handle(handle) && !is_reserved(handle)).then(|| handle.to_string());
    }
    let mut segments = url.path_segments()?.filter(|s| !s.is_empty());
    let first = segments.next()?;
    let first = first.strip_prefix('@').unwrap_or(first);
    if segments.next().is_some() || !is_handle(first) || is_reserved(first) {
        return None;
    }
    Some(first.to_string())
}

fn is_reserved(handle: &str) -> bool {
    X_RESERVED.iter().any(|r| r.eq_ignore_ascii_case(handle))
}

/// `(host, user)` of a link shaped like a Mastodon profile.
pub fn mastodon_profile(url: &Url) -> Option<(String, String)> {
    let host = url.host_str()?.to_ascii_lowercase();
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    let user = match segments.as_slice() {
        [one] => one.strip_prefix('@')?,
        ["users", user] => user,
        _ => return None,
    };
    // `/@user@other.instance` is a remote account seen from this host.
    let (user, host) = match user.split_once('@') {
        Some((user, remote)) => (user, remote.to_ascii_lowercase()),
        None => (user, host),
    };
    is_handle(user).then(|| (host, user.to_ascii_lowercase()))
}

/// The handle or DID of a Bluesky profile link.
pub fn bluesky_profile(url: &Url) -> Option<String> {
    if bare_host(url)? != "bsky.app" {
        return None;
    }
    let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["profile", id] => Some(id.to_ascii_lowercase()),
        _ => None,
    }
}

/// `Some(article)` when the link goes to a same-site page that looks like
/// news: a news word in its path, or as its text.
fn news_link(a: &ElementRef, url: &Url, page: &Url, markers: &Markers) -> Option<bool> {
    if bare_host(url) != bare_host(page)
        || url.port_or_known_default() != page.port_or_known_default()
    {
        return None;
    }
    let path = percent_decode(url.path());
    if markers.is_document(&path) {
        return None;
    }
    let segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(fold)
        .collect();
    let news_at = segments.iter().position(|s| {
        markers.is_news_word(s) || s.split(['-', '_', '.']).any(|t| markers.is_news_word(t))
    });
    if let Some(at) = news_at {
        let article = at + 1 < segments.len() || url.query().is_some_and(|q| !q.is_empty());
        return Some(article);
    }
    let text: String = a.text().collect();
    let folded = fold(text.trim());
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // A menu entry "Actualités" or "Agenda": short text made of news words.
    if !words.is_empty() && words.len() <= 3 && words.iter().any(|w| markers.is_news_word(w)) {
        return Some(!segments.is_empty() && url.query().is_some_and(|q| !q.is_empty()));
    }
    None
}

fn percent_decode(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(byte) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).expect("test URL")
    }

    #[test]
    fn built_in_selectors_parse() {
        let _ = (&*ANCHORS, &*LINKS, &*REL_ANY, &*BASE, &*SHARE_FORMS);
    }

    #[test]
    fn x_profiles_in_every_shape() {
        assert_eq!(
            x_profile(&url("https://x.com/VilleExemple")).as_deref(),
            Some("VilleExemple")
        );
        assert_eq!(
            x_profile(&url("http://www.twitter.com/villeexemple/")).as_deref(),
            Some("villeexemple")
        );
        assert_eq!(
            x_profile(&url("https://mobile.twitter.com/VilleExemple?lang=fr")).as_deref(),
            Some("VilleExemple")
        );
        assert_eq!(
            x_profile(&url("http://twitter.com/#!/VilleExemple")).as_deref(),
            Some("VilleExemple")
        );
        assert_eq!(x_profile(&url("https://x.com/intent/tweet?text=a")), None);
        assert_eq!(
            x_profile(&url("https://x.com/VilleExemple/status/123")),
            None
        );
        assert_eq!(x_profile(&url("https://x.com/hashtag/VilleExemple")), None);
        assert_eq!(x_profile(&url("https://example.com/VilleExemple")), None);
    }

    #[test]
    fn mastodon_and_bluesky_profiles() {
        assert_eq!(
            mastodon_profile(&url("https://mastodon.social/@VilleExemple")),
            Some(("mastodon.social".into(), "villeexemple".into()))
        );
        assert_eq!(
            mastodon_profile(&url("https://piaille.fr/users/villeexemple")),
            Some(("piaille.fr".into(), "villeexemple".into()))
        );
        assert_eq!(
            mastodon_profile(&url("https://piaille.fr/@villeexemple@mastodon.social")),
            Some(("mastodon.social".into(), "villeexemple".into()))
        );
        assert_eq!(
            bluesky_profile(&url("https://bsky.app/profile/Ville-Exemple.fr")).as_deref(),
            Some("ville-exemple.fr")
        );
    }

    #[test]
    fn meta_refresh_target() {
        let page = url("https://t.co/abc");
        let html = r#"<head><noscript><META http-equiv="refresh" content="0;URL=https://www.ville-exemple.fr/"></noscript><title>https://www.ville-exemple.fr/</title></head>"#;
        assert_eq!(
            meta_refresh(html, &page),
            Some(url("https://www.ville-exemple.fr/"))
        );
        assert_eq!(meta_refresh("<p>rien</p>", &page), None);
    }

    #[test]
    fn percent_decoding_keeps_accents() {
        assert_eq!(
            percent_decode("/actualit%C3%A9s/f%C3%AAte"),
            "/actualités/fête"
        );
        assert_eq!(percent_decode("/100%"), "/100%");
    }
}
