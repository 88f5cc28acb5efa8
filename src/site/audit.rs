//! One site's audit: which pages are read, in which order, and what they
//! showed. The findings are drawn from the result by `checks`.
//!
//! The crawl is small and stops early. The home page is read first; when it
//! already links the account, offers a share function and embeds a post,
//! nothing else is needed but the announced feed. Otherwise robots.txt is
//! read, then same-site news pages one at a time (articles first, found on
//! the home page or, failing that, in the sitemap; a listing adds the
//! articles it links to), until the evidence is complete or `max_pages`
//! pages beyond the home page were tried.

use super::decode::decode_html;
use super::feed::{self, FeedState};
use super::fetch::{Failure, FetchError, Fetched, Http, Want};
use super::markers::{Markers, fold};
use super::page::{self, NewsLink, PageFacts};
use super::robots::Robots;
use super::sitemap;
use futures_util::future::join_all;
use jiff::Timestamp;
use reqwest::Url;

/// The accounts the site should point to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Accounts {
    /// X handle, without `@`.
    pub x: Option<String>,
    pub mastodon: Option<MastodonAccount>,
    /// Bluesky handle (a domain) or DID, lower case, without `@`.
    pub bluesky: Option<String>,
}

/// `@user@instance`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MastodonAccount {
    pub user: String,
    pub host: String,
}

impl MastodonAccount {
    /// Reads `@user@instance` (or `user@instance`, or the profile's address).
    pub fn parse(s: &str) -> Option<MastodonAccount> {
        let s = s.trim();
        if let Ok(url) = Url::parse(s) {
            let (host, user) = page::mastodon_profile(&url)?;
            return Some(MastodonAccount { user, host });
        }
        let (user, host) = s.trim_start_matches('@').split_once('@')?;
        let ok = !user.is_empty() && host.contains('.') && !host.contains(['/', '@', ' ']);
        ok.then(|| MastodonAccount {
            user: user.to_ascii_lowercase(),
            host: host.to_ascii_lowercase(),
        })
    }

    /// The profile page, which the site's `rel="me"` link must target.
    pub fn profile_url(&self) -> String {
        format!("https://{}/@{}", self.host, self.user)
    }

    pub fn display(&self) -> String {
        format!("@{}@{}", self.user, self.host)
    }
}

impl Accounts {
    /// From the account configuration's strings (`@VilleExemple`,
    /// `@villeexemple@mastodon.social`, `@ville-exemple.fr`).
    pub fn new(
        x: Option<&str>,
        mastodon: Option<&str>,
        bluesky: Option<&str>,
    ) -> Result<Accounts, String> {
        let x = x
            .map(|h| h.trim().trim_start_matches('@').to_string())
            .filter(|h| !h.is_empty());
        if let Some(h) = &x
            && !h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        {
            return Err(format!(
                "`@{h}` is not an X handle (letters, digits and _ only)"
            ));
        }
        let mastodon = match mastodon.map(str::trim).filter(|m| !m.is_empty()) {
            Some(m) => Some(MastodonAccount::parse(m).ok_or_else(|| {
                format!("`{m}` is not a Mastodon account (expected @user@instance)")
            })?),
            None => None,
        };
        let bluesky = bluesky
            .map(|b| b.trim().trim_start_matches('@').to_ascii_lowercase())
            .filter(|b| !b.is_empty());
        Ok(Accounts {
            x,
            mastodon,
            bluesky,
        })
    }
}

/// Limits of one site's audit.
#[derive(Clone, Debug)]
pub struct AuditOptions {
    /// Pages read beyond the home page, at most.
    pub max_pages: usize,
    /// Feeds announced by the home page that are read, at most.
    pub max_feeds: usize,
    /// "Now", for the age of the feed.
    pub now: Timestamp,
}

impl Default for AuditOptions {
    fn default() -> Self {
        AuditOptions {
            max_pages: 5,
            max_feeds: 2,
            now: Timestamp::now(),
        }
    }
}

/// A page read and analysed.
#[derive(Clone, Debug)]
pub struct PageRead {
    pub requested: Url,
    /// Where the body came from, after redirects.
    pub url: Url,
    pub redirects: Vec<Url>,
    pub retries: u32,
    /// Encoding the page was decoded with (`UTF-8`, `windows-1252`…).
    pub encoding: &'static str,
    pub facts: PageFacts,
}

/// A page beyond the home page that was not read, and why.
#[derive(Clone, Debug)]
pub struct PageSkipped {
    pub url: Url,
    pub why: Skip,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// robots.txt disallows it.
    Robots,
    Failed(Failure),
}

/// An announced feed and what came of reading it.
#[derive(Clone, Debug)]
pub struct FeedRead {
    pub url: Url,
    pub outcome: FeedOutcome,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedOutcome {
    Read(FeedState),
    Failed(Failure),
    /// robots.txt disallows it: not read, not judged.
    Robots,
}

/// Why the site could not be audited at all.
#[derive(Clone, Debug)]
pub struct Unreachable {
    pub failure: Failure,
    pub redirects: Vec<Url>,
    pub retries: u32,
}

/// Everything one site's audit saw.
#[derive(Clone, Debug)]
pub struct SiteAudit {
    /// The address audited, as given.
    pub url: Url,
    pub home: Result<PageRead, Unreachable>,
    /// Pages read beyond the home page.
    pub pages: Vec<PageRead>,
    pub skipped: Vec<PageSkipped>,
    pub feeds: Vec<FeedRead>,
    /// The sitemap was read to find news pages.
    pub used_sitemap: bool,
}

impl SiteAudit {
    /// Every page read, home first.
    pub fn pages_read(&self) -> impl Iterator<Item = &PageRead> {
        self.home.iter().chain(self.pages.iter())
    }

    /// Requests sent again in this audit (429, 5xx, dropped connections).
    pub fn retries(&self) -> u32 {
        let home = match &self.home {
            Ok(page) => page.retries,
            Err(u) => u.retries,
        };
        home + self.pages.iter().map(|p| p.retries).sum::<u32>()
    }
}

/// Audits one site.
pub async fn audit(
    http: &Http,
    url: &Url,
    accounts: &Accounts,
    markers: &Markers,
    options: &AuditOptions,
) -> SiteAudit {
    let mut audit = SiteAudit {
        url: url.clone(),
        home: Err(Unreachable {
            failure: Failure::Other(String::new()),
            redirects: Vec::new(),
            retries: 0,
        }),
        pages: Vec::new(),
        skipped: Vec::new(),
        feeds: Vec::new(),
        used_sitemap: false,
    };
    let home = match read_page(http, url, markers).await {
        Ok(home) => home,
        Err(e) => {
            audit.home = Err(Unreachable {
                failure: e.failure,
                redirects: e.redirects,
                retries: e.retries,
            });
            return audit;
        }
    };
    let feeds: Vec<Url> = home
        .facts
        .feeds
        .iter()
        .take(options.max_feeds)
        .cloned()
        .collect();
    let mut news: Vec<NewsLink> = home.facts.news_links.clone();
    let site_root = home.url.clone();
    audit.home = Ok(home);

    let needs_pages = !evidence_complete(&audit, accounts);
    if !needs_pages && feeds.is_empty() {
        return audit;
    }
    let robots = Robots::fetch(http, &site_root).await;

    if needs_pages && news.is_empty() {
        news = news_from_sitemap(http, &site_root, &robots, markers).await;
        audit.used_sitemap = true;
    }

    // Pages are read one at a time, best first, like a careful visitor, and
    // only until the evidence is complete; the feeds are read meanwhile.
    let pages = crawl(
        http,
        news,
        &robots,
        markers,
        accounts,
        options.max_pages,
        &mut audit,
    );
    let feed_reads = join_all(
        feeds
            .iter()
            .map(|f| read_feed(http, f, &robots, options.now)),
    );
    let (feed_results, ()) = futures_util::future::join(feed_reads, pages).await;
    audit.feeds = feed_results;
    audit
}

/// Reads queued news pages in order (articles first), adding the articles
/// a listing links to, until the evidence is complete or `budget` pages
/// (read, failed or disallowed) were tried.
async fn crawl(
    http: &Http,
    mut queue: Vec<NewsLink>,
    robots: &Robots,
    markers: &Markers,
    accounts: &Accounts,
    budget: usize,
    audit: &mut SiteAudit,
) {
    let mut visited: Vec<Url> = audit
        .pages_read()
        .flat_map(|p| [p.requested.clone(), p.url.clone()])
        .collect();
    let mut tried = 0;
    while tried < budget && !evidence_complete(audit, accounts) {
        let Some(next) = queue.iter().position(|n| !visited.contains(&n.url)) else {
            break;
        };
        let link = queue.remove(next);
        visited.push(link.url.clone());
        tried += 1;
        if !robots.allowed(&link.url) {
            audit.skipped.push(PageSkipped {
                url: link.url,
                why: Skip::Robots,
            });
            continue;
        }
        match read_page(http, &link.url, markers).await {
            Ok(page) => {
                visited.push(page.url.clone());
                queue.extend(page.facts.news_links.iter().filter(|n| n.article).cloned());
                // Stable: articles (old and new) before listings, each in order.
                queue.sort_by_key(|n| !n.article);
                audit.pages.push(page);
            }
            Err(e) => audit.skipped.push(PageSkipped {
                url: link.url,
                why: Skip::Failed(e.failure),
            }),
        }
    }
}

/// True when every page-level signal is already found: nothing more to read.
fn evidence_complete(audit: &SiteAudit, accounts: &Accounts) -> bool {
    let facts: Vec<&PageFacts> = audit.pages_read().map(|p| &p.facts).collect();
    let x_ok = match &accounts.x {
        Some(handle) => facts
            .iter()
            .any(|f| f.x_profiles.iter().any(|h| h.eq_ignore_ascii_case(handle))),
        None => facts.iter().any(|f| !f.x_profiles.is_empty()),
    };
    let mastodon_ok = accounts.mastodon.as_ref().is_none_or(|m| {
        facts.iter().any(|f| {
            f.mastodon_profiles
                .iter()
                .any(|(h, u)| *h == m.host && *u == m.user)
        })
    });
    let bluesky_ok = accounts
        .bluesky
        .as_ref()
        .is_none_or(|b| facts.iter().any(|f| f.bluesky_profiles.contains(b)));
    let share_ok = facts.iter().any(|f| !f.share.is_empty());
    let embed_ok = facts.iter().any(|f| !f.embeds.is_empty());
    x_ok && mastodon_ok && bluesky_ok && share_ok && embed_ok
}

/// Reads and analyses one HTML page.
async fn read_page(http: &Http, url: &Url, markers: &Markers) -> Result<PageRead, FetchError> {
    let fetched = http.get(url, Want::Html).await?;
    if !is_html(&fetched) {
        let media = fetched.media_type.clone().unwrap_or_default();
        return Err(FetchError {
            url: url.clone(),
            failure: Failure::NotHtml(media),
            redirects: fetched.redirects,
            retries: fetched.retries,
        });
    }
    // Parsing is synchronous and the parsed tree is not `Send`: it lives and
    // dies inside this call, between two awaits.
    let decoded = decode_html(&fetched.body, fetched.charset.as_deref());
    let facts = page::analyse(&decoded.text, &fetched.url, markers);
    Ok(PageRead {
        requested: fetched.requested,
        url: fetched.url,
        redirects: fetched.redirects,
        retries: fetched.retries,
        encoding: decoded.encoding.name(),
        facts,
    })
}

/// HTML by its declared type, or, when the server declares none, by a look
/// at the first bytes (a `<` after optional white space).
fn is_html(page: &Fetched) -> bool {
    match page.media_type.as_deref() {
        Some("text/html" | "application/xhtml+xml") => true,
        Some(_) => false,
        None => page
            .body
            .iter()
            .find(|b| !b.is_ascii_whitespace())
            .is_some_and(|b| *b == b'<'),
    }
}

async fn read_feed(http: &Http, url: &Url, robots: &Robots, now: Timestamp) -> FeedRead {
    let outcome = if !robots.allowed(url) {
        FeedOutcome::Robots
    } else {
        match http.get(url, Want::Feed).await {
            Ok(fetched) => FeedOutcome::Read(feed::read(&fetched.body, now)),
            Err(e) => FeedOutcome::Failed(e.failure),
        }
    };
    FeedRead {
        url: url.clone(),
        outcome,
    }
}

/// News pages listed by the sitemap (from robots.txt, else `/sitemap.xml`),
/// most recently modified first. One level of sitemap index is followed.
async fn news_from_sitemap(
    http: &Http,
    site: &Url,
    robots: &Robots,
    markers: &Markers,
) -> Vec<NewsLink> {
    let mut sources: Vec<Url> = robots
        .sitemaps()
        .iter()
        .filter_map(|s| Url::parse(s).ok())
        .collect();
    if sources.is_empty()
        && let Ok(default) = site.join("/sitemap.xml")
    {
        sources.push(default);
    }
    let mut pages: Vec<(String, Option<String>)> = Vec::new();
    for source in sources.iter().take(2) {
        let Some(map) = read_sitemap(http, source, robots).await else {
            continue;
        };
        pages.extend(map.pages);
        // An index: read the children whose name suggests news, else the first.
        let mut children: Vec<Url> = map
            .children
            .iter()
            .filter_map(|c| Url::parse(c).ok())
            .collect();
        children.sort_by_key(|c| !looks_like_news(c, markers));
        for child in children.iter().take(2) {
            if let Some(map) = read_sitemap(http, child, robots).await {
                pages.extend(map.pages);
            }
        }
    }
    let mut news: Vec<(Option<String>, NewsLink)> = pages
        .into_iter()
        .filter_map(|(loc, lastmod)| {
            let url = Url::parse(&loc).ok()?;
            let same_site = page::bare_host(&url) == page::bare_host(site)
                && url.port_or_known_default() == site.port_or_known_default();
            (same_site && looks_like_news(&url, markers)).then(|| {
                let depth = url
                    .path_segments()
                    .map_or(0, |s| s.filter(|x| !x.is_empty()).count());
                (
                    lastmod,
                    NewsLink {
                        url,
                        article: depth >= 2,
                    },
                )
            })
        })
        .collect();
    // Newest first (ISO dates sort as text), articles before listings.
    news.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.article.cmp(&a.1.article)));
    news.into_iter().map(|(_, link)| link).collect()
}

async fn read_sitemap(http: &Http, url: &Url, robots: &Robots) -> Option<sitemap::Sitemap> {
    if !robots.allowed(url) {
        return None;
    }
    let fetched = http.get(url, Want::Xml).await.ok()?;
    let text = super::decode::decode_text(&fetched.body, fetched.charset.as_deref());
    Some(sitemap::parse(&text))
}

fn looks_like_news(url: &Url, markers: &Markers) -> bool {
    url.path()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(fold)
        .any(|s| {
            markers.is_news_word(&s) || s.split(['-', '_', '.']).any(|t| markers.is_news_word(t))
        })
}

/// The audit of a site made of one page given as text (rule examples, the
/// browser): the page is analysed as if read at `url`, and the feed it
/// announces, when `feed` is given, is read from that text.
pub fn offline(
    url: &Url,
    body: &[u8],
    media_type: Option<&str>,
    feed: Option<&[u8]>,
    markers: &Markers,
    now: Timestamp,
) -> SiteAudit {
    let fetched = Fetched {
        requested: url.clone(),
        url: url.clone(),
        status: 200,
        media_type: media_type
            .map(|m| m.split(';').next().unwrap_or(m).trim().to_ascii_lowercase()),
        charset: None,
        body: body.to_vec(),
        redirects: Vec::new(),
        retries: 0,
    };
    let mut audit = SiteAudit {
        url: url.clone(),
        home: Err(Unreachable {
            failure: Failure::NotHtml(fetched.media_type.clone().unwrap_or_default()),
            redirects: Vec::new(),
            retries: 0,
        }),
        pages: Vec::new(),
        skipped: Vec::new(),
        feeds: Vec::new(),
        used_sitemap: false,
    };
    if !is_html(&fetched) {
        return audit;
    }
    let decoded = decode_html(body, None);
    let facts = page::analyse(&decoded.text, url, markers);
    if let (Some(feed_url), Some(feed_body)) = (facts.feeds.first(), feed) {
        audit.feeds.push(FeedRead {
            url: feed_url.clone(),
            outcome: FeedOutcome::Read(feed::read(feed_body, now)),
        });
    } else if let Some(feed_url) = facts.feeds.first() {
        // Announced but not given: not judged, as when robots.txt forbids it.
        audit.feeds.push(FeedRead {
            url: feed_url.clone(),
            outcome: FeedOutcome::Robots,
        });
    }
    audit.home = Ok(PageRead {
        requested: url.clone(),
        url: url.clone(),
        redirects: Vec::new(),
        retries: 0,
        encoding: decoded.encoding.name(),
        facts,
    });
    audit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mastodon_accounts_parse() {
        let m = MastodonAccount::parse("@VilleExemple@Mastodon.social").unwrap();
        assert_eq!(m.profile_url(), "https://mastodon.social/@villeexemple");
        assert_eq!(
            MastodonAccount::parse("https://piaille.fr/@ville")
                .unwrap()
                .host,
            "piaille.fr"
        );
        assert!(MastodonAccount::parse("@ville").is_none());
    }

    #[test]
    fn accounts_refuse_a_bad_handle() {
        assert!(Accounts::new(Some("@Ville Exemple"), None, None).is_err());
        let a = Accounts::new(Some("@VilleExemple"), Some(""), Some("@Ville-Exemple.fr")).unwrap();
        assert_eq!(a.x.as_deref(), Some("VilleExemple"));
        assert_eq!(a.bluesky.as_deref(), Some("ville-exemple.fr"));
        assert!(a.mastodon.is_none());
    }
}
