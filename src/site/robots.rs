//! robots.txt, honoured for every page beyond the home page.
//!
//! The home page is what a person typing the address would see, so it is
//! always read. Other pages (news, sitemap, feeds) are only read when the
//! site's robots.txt allows our product token (`twitterritorial`) or `*`.
//! Answers follow RFC 9309: a 4xx robots.txt means no rules; a 5xx or an
//! unreachable one means "assume everything is disallowed".

use super::decode::decode_text;
use super::fetch::{Failure, Http, ROBOTS_AGENT, Want};
use reqwest::Url;
use texting_robots::Robot;

/// What robots.txt says for us.
pub enum Robots {
    AllowAll,
    DisallowAll,
    Rules(Box<Robot>),
}

impl Robots {
    /// Reads `/robots.txt` of `site`.
    pub async fn fetch(http: &Http, site: &Url) -> Robots {
        let Ok(url) = site.join("/robots.txt") else {
            return Robots::AllowAll;
        };
        match http.get(&url, Want::Text).await {
            Ok(page) => Robots::parse(&decode_text(&page.body, page.charset.as_deref())),
            Err(e) => match e.failure {
                Failure::Status(code) if (400..500).contains(&code) => Robots::AllowAll,
                _ => Robots::DisallowAll,
            },
        }
    }

    pub fn parse(text: &str) -> Robots {
        match Robot::new(ROBOTS_AGENT, text.as_bytes()) {
            Ok(robot) => Robots::Rules(Box::new(robot)),
            // The parser is forgiving; a file it cannot read sets no rule.
            Err(_) => Robots::AllowAll,
        }
    }

    pub fn allowed(&self, url: &Url) -> bool {
        match self {
            Robots::AllowAll => true,
            Robots::DisallowAll => false,
            Robots::Rules(robot) => robot.allowed(url.as_str()),
        }
    }

    /// Sitemaps announced with `Sitemap:` lines.
    pub fn sitemaps(&self) -> &[String] {
        match self {
            Robots::Rules(robot) => &robot.sitemaps,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_for_our_agent_apply() {
        let robots = Robots::parse(
            "User-agent: twitterritorial\nDisallow: /agenda\n\nUser-agent: *\nDisallow: /\n\nSitemap: https://ville.fr/sitemap.xml\n",
        );
        assert!(!robots.allowed(&Url::parse("https://ville.fr/agenda/fete").unwrap()));
        assert!(robots.allowed(&Url::parse("https://ville.fr/actualites").unwrap()));
        assert_eq!(robots.sitemaps(), ["https://ville.fr/sitemap.xml"]);
    }
}
