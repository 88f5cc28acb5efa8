//! The HTTP client of the website audit: a polite, bounded reader of pages.
//!
//! Choices follow lychee's (see `reference/mdbook-and-style.md` §3.2), plus a
//! size cap that lychee lacks because we read whole HTML bodies:
//! - connect timeout 10 s, total timeout 20 s per request;
//! - redirects followed by hand (at most 10), so a loop is named as a loop;
//! - at most 3 retries, waiting 1 s then doubling, only on 429, 5xx and
//!   connections dropped mid-exchange (a refused connection, a DNS or TLS
//!   error, a timeout or a 404 will not get better by asking again);
//! - the body is streamed and reading stops at the cap (5 MB by default);
//! - gzip and brotli accepted; a User-Agent that names the tool.

use reqwest::header::{self, HeaderMap};
use reqwest::{StatusCode, Url};
use std::collections::HashSet;
use std::error::Error as _;
use std::time::Duration;

/// The User-Agent sent with every request: the tool, its version, where to
/// read about it (a site owner who sees us in their logs can find out why).
pub const USER_AGENT: &str = concat!(
    "twitterritorial/",
    env!("CARGO_PKG_VERSION"),
    " (+",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// The product token matched against robots.txt groups.
pub const ROBOTS_AGENT: &str = "twitterritorial";

/// Limits of the HTTP client. `Default` gives the documented defaults.
#[derive(Clone, Debug)]
pub struct HttpOptions {
    pub connect_timeout: Duration,
    /// Whole-request timeout: from connecting until the body is read.
    pub timeout: Duration,
    /// Bodies larger than this are not read further.
    pub max_bytes: u64,
    pub max_redirects: usize,
    pub max_retries: u32,
    /// Wait before the first retry; doubles on each further retry.
    pub retry_wait: Duration,
    /// Longest wait accepted from a `Retry-After` header.
    pub max_retry_after: Duration,
}

impl Default for HttpOptions {
    fn default() -> Self {
        HttpOptions {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(20),
            max_bytes: 5 * 1024 * 1024,
            max_redirects: 10,
            max_retries: 3,
            retry_wait: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

/// What kind of document a request asks for (sets the `Accept` header).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Want {
    Html,
    Feed,
    Xml,
    Text,
}

impl Want {
    fn accept(self) -> &'static str {
        match self {
            Want::Html => "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            Want::Feed => {
                "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"
            }
            Want::Xml => "application/xml,text/xml;q=0.9,*/*;q=0.5",
            Want::Text => "text/plain,*/*;q=0.5",
        }
    }
}

/// A document read successfully (status 2xx, body within the cap).
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The address asked for.
    pub requested: Url,
    /// The address the body came from, after redirects.
    pub url: Url,
    pub status: u16,
    /// Media type without parameters, lower case (`text/html`).
    pub media_type: Option<String>,
    /// `charset` parameter of `Content-Type`, when declared.
    pub charset: Option<String>,
    pub body: Vec<u8>,
    /// Each hop followed, in order (empty when there was no redirect).
    pub redirects: Vec<Url>,
    /// How many times a request was sent again (429, 5xx, dropped connection).
    pub retries: u32,
}

/// Why a document could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    Dns(String),
    Tls(String),
    Connect(String),
    Timeout(Duration),
    Status(u16),
    TooManyRedirects(usize),
    RedirectLoop(String),
    BadRedirect(String),
    TooLarge(u64),
    Dropped(String),
    /// Read, but not a web page (the media type received).
    NotHtml(String),
    Other(String),
}

impl Failure {
    /// Short machine-readable name of the reason (`dns`, `timeout`, …).
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Dns(_) => "dns",
            Failure::Tls(_) => "tls",
            Failure::Connect(_) => "connect",
            Failure::Timeout(_) => "timeout",
            Failure::Status(_) => "http-status",
            Failure::TooManyRedirects(_) => "too-many-redirects",
            Failure::RedirectLoop(_) => "redirect-loop",
            Failure::BadRedirect(_) => "bad-redirect",
            Failure::TooLarge(_) => "too-large",
            Failure::Dropped(_) => "connection-dropped",
            Failure::NotHtml(_) => "not-html",
            Failure::Other(_) => "other",
        }
    }
}

/// A failed read, with what happened on the way.
#[derive(Clone, Debug)]
pub struct FetchError {
    pub url: Url,
    pub failure: Failure,
    pub redirects: Vec<Url>,
    pub retries: u32,
}

/// The shared HTTP client (one per run: it keeps connections alive).
#[derive(Clone, Debug)]
pub struct Http {
    client: reqwest::Client,
    options: HttpOptions,
}

impl Http {
    pub fn new(options: HttpOptions) -> Result<Http, String> {
        let client = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(options.connect_timeout)
            .timeout(options.timeout)
            // Redirects are followed by `get` itself, to detect loops and
            // keep the chain for the report.
            .redirect(reqwest::redirect::Policy::none())
            .gzip(true)
            .brotli(true)
            .tcp_keepalive(Duration::from_secs(60))
            .build()
            .map_err(|e| format!("cannot start the HTTP client: {e}"))?;
        Ok(Http { client, options })
    }

    pub fn options(&self) -> &HttpOptions {
        &self.options
    }

    /// Reads `url`, following redirects and retrying what may succeed later.
    pub async fn get(&self, url: &Url, want: Want) -> Result<Fetched, FetchError> {
        let mut current = url.clone();
        let mut redirects: Vec<Url> = Vec::new();
        let mut seen: HashSet<Url> = HashSet::from([strip_fragment(url)]);
        let mut retries = 0u32;
        loop {
            let fail = |failure, redirects: &Vec<Url>, retries| FetchError {
                url: url.clone(),
                failure,
                redirects: redirects.clone(),
                retries,
            };
            let answer = match self.send_with_retries(&current, want, &mut retries).await {
                Ok(answer) => answer,
                Err(failure) => return Err(fail(failure, &redirects, retries)),
            };
            match answer {
                Answer::Redirect(location) => {
                    let next = match current.join(&location) {
                        Ok(next) if matches!(next.scheme(), "http" | "https") => next,
                        _ => return Err(fail(Failure::BadRedirect(location), &redirects, retries)),
                    };
                    if redirects.len() >= self.options.max_redirects {
                        let failure = Failure::TooManyRedirects(self.options.max_redirects);
                        return Err(fail(failure, &redirects, retries));
                    }
                    if !seen.insert(strip_fragment(&next)) {
                        let failure = Failure::RedirectLoop(next.to_string());
                        return Err(fail(failure, &redirects, retries));
                    }
                    redirects.push(next.clone());
                    current = next;
                }
                Answer::Done {
                    status,
                    headers,
                    body,
                } => {
                    let (media_type, charset) = content_type(&headers);
                    return Ok(Fetched {
                        requested: url.clone(),
                        url: current,
                        status,
                        media_type,
                        charset,
                        body,
                        redirects,
                        retries,
                    });
                }
            }
        }
    }

    /// Where a short link (`t.co`) leads: its redirects are followed; a page
    /// that redirects with `<meta http-equiv="refresh">` (as t.co does for
    /// browsers) is followed too. When the target itself fails (a site that
    /// refuses robots), the last address reached is still the answer.
    pub async fn resolve(&self, url: &Url) -> Result<Url, FetchError> {
        match self.get(url, Want::Html).await {
            Ok(page) => {
                if page.url.host_str() == url.host_str() {
                    let text = super::decode::decode_html(&page.body, page.charset.as_deref()).text;
                    if let Some(target) = super::page::meta_refresh(&text, &page.url) {
                        return Ok(target);
                    }
                }
                Ok(page.url)
            }
            Err(e)
                if !matches!(
                    e.failure,
                    Failure::RedirectLoop(_) | Failure::TooManyRedirects(_)
                ) && !e.redirects.is_empty() =>
            {
                Ok(e.redirects.last().cloned().unwrap_or_else(|| url.clone()))
            }
            Err(e) => Err(e),
        }
    }

    /// One hop: sends the request and reads the answer, again after a wait
    /// when the failure is one that may pass (429, 5xx, dropped connection).
    async fn send_with_retries(
        &self,
        url: &Url,
        want: Want,
        retries: &mut u32,
    ) -> Result<Answer, Failure> {
        loop {
            let attempt = *retries;
            let backoff = self
                .options
                .retry_wait
                .saturating_mul(1u32 << attempt.min(16));
            let wait = match self.send_once(url, want).await {
                Ok(answer) => return Ok(answer),
                Err(Attempt::Status(status, after))
                    if attempt < self.options.max_retries && is_retryable_status(status) =>
                {
                    // A server that says when to come back is listened to, within reason.
                    after.map_or(backoff, |after| {
                        after.min(self.options.max_retry_after).max(backoff)
                    })
                }
                Err(Attempt::Dropped(_)) if attempt < self.options.max_retries => backoff,
                Err(Attempt::Status(status, _)) => return Err(Failure::Status(status)),
                Err(Attempt::Failed(failure) | Attempt::Dropped(failure)) => return Err(failure),
            };
            *retries += 1;
            tokio::time::sleep(wait).await;
        }
    }

    async fn send_once(&self, url: &Url, want: Want) -> Result<Answer, Attempt> {
        let request = self
            .client
            .get(url.clone())
            .header(header::ACCEPT, want.accept())
            .header(header::ACCEPT_LANGUAGE, "fr,en;q=0.8");
        let mut response = request.send().await.map_err(|e| self.classify(&e, url))?;
        let status = response.status();
        if status.is_redirection()
            && let Some(location) = response.headers().get(header::LOCATION)
        {
            let location = String::from_utf8_lossy(location.as_bytes()).into_owned();
            return Ok(Answer::Redirect(location));
        }
        if !status.is_success() {
            let after = retry_after(response.headers());
            return Err(Attempt::Status(status.as_u16(), after));
        }
        let max = self.options.max_bytes;
        if response.content_length().is_some_and(|len| len > max) {
            return Err(Attempt::Failed(Failure::TooLarge(max)));
        }
        let headers = response.headers().clone();
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() as u64 + chunk.len() as u64 > max {
                        // Dropping the response closes the connection: we stop
                        // downloading here, we do not drain the rest.
                        return Err(Attempt::Failed(Failure::TooLarge(max)));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err(self.classify_body(&e)),
            }
        }
        Ok(Answer::Done {
            status: status.as_u16(),
            headers,
            body,
        })
    }
}

enum Answer {
    Redirect(String),
    Done {
        status: u16,
        headers: HeaderMap,
        body: Vec<u8>,
    },
}

/// The result of one attempt that did not succeed.
enum Attempt {
    Status(u16, Option<Duration>),
    /// The connection broke after it was made: worth another try.
    Dropped(Failure),
    Failed(Failure),
}

fn is_retryable_status(status: u16) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS.as_u16() || (500..600).contains(&status)
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn strip_fragment(url: &Url) -> Url {
    let mut url = url.clone();
    url.set_fragment(None);
    url
}

fn content_type(headers: &HeaderMap) -> (Option<String>, Option<String>) {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return (None, None);
    };
    let mut parts = value.split(';');
    let media = parts
        .next()
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| !m.is_empty());
    let charset = parts.find_map(|p| {
        let (key, val) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| val.trim().trim_matches('"').to_string())
    });
    (media, charset)
}

/// The innermost cause of an error, which is the one that says what happened
/// ("connection refused", "invalid peer certificate: …").
fn root_cause(err: &reqwest::Error) -> String {
    let mut message = err.to_string();
    let mut source = err.source();
    while let Some(inner) = source {
        message = inner.to_string();
        source = inner.source();
    }
    message
}

fn has_io_kind(err: &reqwest::Error, kinds: &[std::io::ErrorKind]) -> bool {
    let mut source = err.source();
    while let Some(inner) = source {
        if let Some(io) = inner.downcast_ref::<std::io::Error>()
            && kinds.contains(&io.kind())
        {
            return true;
        }
        source = inner.source();
    }
    false
}

impl Http {
    fn timeout_failure(&self, err: &reqwest::Error) -> Failure {
        if err.is_connect() {
            Failure::Timeout(self.options.connect_timeout)
        } else {
            Failure::Timeout(self.options.timeout)
        }
    }

    fn classify(&self, err: &reqwest::Error, url: &Url) -> Attempt {
        let cause = root_cause(err);
        if err.is_timeout() {
            return Attempt::Failed(self.timeout_failure(err));
        }
        if err.is_dns() {
            return Attempt::Failed(Failure::Dns(cause));
        }
        if err.is_connect() {
            // tokio-rustls reports handshake failures as `InvalidData` I/O errors.
            if url.scheme() == "https" && has_io_kind(err, &[std::io::ErrorKind::InvalidData]) {
                return Attempt::Failed(Failure::Tls(cause));
            }
            return Attempt::Failed(Failure::Connect(cause));
        }
        if err.is_request() || err.is_body() {
            // Connected, then the exchange broke (closed before the answer, reset).
            return Attempt::Dropped(Failure::Dropped(cause));
        }
        Attempt::Failed(Failure::Other(cause))
    }

    fn classify_body(&self, err: &reqwest::Error) -> Attempt {
        let cause = root_cause(err);
        if err.is_timeout() {
            return Attempt::Failed(self.timeout_failure(err));
        }
        // A corrupt compressed body will be corrupt again; a cut one may not be.
        if has_io_kind(err, &[std::io::ErrorKind::InvalidData]) {
            return Attempt::Failed(Failure::Other(cause));
        }
        Attempt::Dropped(Failure::Dropped(cause))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_tool_version_and_home() {
        assert!(USER_AGENT.starts_with("twitterritorial/"));
        assert!(USER_AGENT.contains(env!("CARGO_PKG_VERSION")));
        assert!(USER_AGENT.contains("(+https://"));
    }

    #[test]
    fn content_type_splits_media_and_charset() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            "Text/HTML; Charset=\"ISO-8859-1\"".parse().unwrap(),
        );
        let (media, charset) = content_type(&headers);
        assert_eq!(media.as_deref(), Some("text/html"));
        assert_eq!(charset.as_deref(), Some("ISO-8859-1"));
    }

    #[test]
    fn only_429_and_5xx_are_retried() {
        assert!(is_retryable_status(429));
        assert!(is_retryable_status(500));
        assert!(is_retryable_status(503));
        assert!(!is_retryable_status(404));
        assert!(!is_retryable_status(403));
    }
}
