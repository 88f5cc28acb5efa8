//! Link kinds: how many links a post carries, and link shorteners.

use super::host::{domain_of, is_on_domain};
use super::{Account, Hit, PostCheck, PostView, params};
use crate::rules::{AppliesTo, CheckSpec, KindInfo};
use serde::Deserialize;

pub(crate) const COUNT: KindInfo = KindInfo {
    name: "link-count",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: &["count", "max"],
    validate: Some(super::validate_params),
};

pub(crate) const SHORTENER: KindInfo = KindInfo {
    name: "link-shortener",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: &["link", "domain"],
    validate: Some(super::validate_params),
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CountParams {
    max: usize,
}

struct Count {
    max: usize,
}

pub(crate) fn build_count(
    spec: &CheckSpec,
    _: &serde_json::Value,
    _: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: CountParams = params(spec)?;
    Ok(Box::new(Count { max: p.max }))
}

impl PostCheck for Count {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        let urls = &post.entities.urls;
        if urls.len() <= self.max {
            return;
        }
        let start = urls[self.max].byte_start;
        let end = urls.last().map_or(start, |u| u.byte_end);
        hits.push(
            Hit::new(start..end)
                .value("count", urls.len())
                .value("max", self.max),
        );
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ShortenerParams {
    /// Domains of link shorteners (`bit.ly`); their subdomains count too.
    domains: Vec<String>,
}

struct Shortener {
    domains: Vec<String>,
}

pub(crate) fn build_shortener(
    spec: &CheckSpec,
    _: &serde_json::Value,
    _: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: ShortenerParams = params(spec)?;
    let mut domains = Vec::with_capacity(p.domains.len());
    for d in &p.domains {
        domains.push(domain_of(d).ok_or_else(|| format!("`{d}` is not a domain"))?);
    }
    Ok(Box::new(Shortener { domains }))
}

impl PostCheck for Shortener {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        for url in &post.entities.urls {
            let Some(domain) = domain_of(&url.text) else {
                continue;
            };
            if let Some(short) = self.domains.iter().find(|d| is_on_domain(&domain, d)) {
                hits.push(
                    Hit::new(url.byte_start..url.byte_end)
                        .value("link", &url.text)
                        .value("domain", short),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, spans};

    #[test]
    fn second_link_and_beyond() {
        let text = "Infos https://www.ville-exemple.fr/a et https://www.ville-exemple.fr/b";
        let f = run_kind("kind: link-count\nmax: 1", text);
        assert_eq!(spans(text, &f), ["https://www.ville-exemple.fr/b"]);
        assert!(
            run_kind(
                "kind: link-count\nmax: 1",
                "Infos https://www.ville-exemple.fr/a"
            )
            .is_empty()
        );
    }

    #[test]
    fn shorteners_by_domain() {
        let kind = "kind: link-shortener\ndomains: [bit.ly, ow.ly]";
        let text = "Programme : https://bit.ly/3abc et http://BIT.LY/x";
        assert_eq!(
            spans(text, &run_kind(kind, text)),
            ["https://bit.ly/3abc", "http://BIT.LY/x"]
        );
        assert!(run_kind(kind, "Programme : https://www.ville-exemple.fr/bit.ly").is_empty());
        assert!(run_kind(kind, "Programme : https://orbit.ly.example.fr/x").is_empty());
    }
}
