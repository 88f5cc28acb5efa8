//! sitemap.xml: where news pages are found when the home page links none.
//!
//! A sitemap is a flat list of `<url><loc>…</loc><lastmod>…</lastmod></url>`
//! (or, for an index, `<sitemap><loc>…</loc></sitemap>`). Its elements are
//! read with the HTML parser already used for pages: html5ever builds the
//! same tree for these unknown elements and decodes entities such as
//! `&amp;`, so no second XML stack is needed for four element names.

use scraper::{Html, Selector};
use std::sync::LazyLock;

/// The addresses listed by one sitemap file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sitemap {
    /// Pages, with their `lastmod` when given (ISO 8601, sorts as text).
    pub pages: Vec<(String, Option<String>)>,
    /// Other sitemaps, when this file is a sitemap index.
    pub children: Vec<String>,
}

static URLS: LazyLock<Selector> = LazyLock::new(|| selector("urlset > url"));
static CHILDREN: LazyLock<Selector> = LazyLock::new(|| selector("sitemapindex > sitemap > loc"));
static LOC: LazyLock<Selector> = LazyLock::new(|| selector("loc"));
static LASTMOD: LazyLock<Selector> = LazyLock::new(|| selector("lastmod"));

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("invalid built-in selector {css}: {e}"))
}

pub fn parse(text: &str) -> Sitemap {
    let doc = Html::parse_document(text);
    let text_of = |el: scraper::ElementRef| el.text().collect::<String>().trim().to_string();
    let mut sitemap = Sitemap::default();
    for url in doc.select(&URLS) {
        let Some(loc) = url
            .select(&LOC)
            .next()
            .map(text_of)
            .filter(|l| !l.is_empty())
        else {
            continue;
        };
        let lastmod = url
            .select(&LASTMOD)
            .next()
            .map(text_of)
            .filter(|l| !l.is_empty());
        sitemap.pages.push((loc, lastmod));
    }
    sitemap.children = doc
        .select(&CHILDREN)
        .map(text_of)
        .filter(|l| !l.is_empty())
        .collect();
    sitemap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_pages_and_index() {
        let s = parse(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://ville.fr/actualites/fete?a=1&amp;b=2</loc><lastmod>2026-05-02</lastmod></url>
  <url><loc> https://ville.fr/mairie </loc></url>
</urlset>"#,
        );
        assert_eq!(
            s.pages,
            vec![
                (
                    "https://ville.fr/actualites/fete?a=1&b=2".to_string(),
                    Some("2026-05-02".to_string())
                ),
                ("https://ville.fr/mairie".to_string(), None),
            ]
        );
        let index = parse(
            "<sitemapindex><sitemap><loc>https://ville.fr/news.xml</loc></sitemap></sitemapindex>",
        );
        assert_eq!(
            index.children,
            vec!["https://ville.fr/news.xml".to_string()]
        );
    }
}
