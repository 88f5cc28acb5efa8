//! What the page analyser looks for, read from the `data:` of
//! `rules/site.yaml`: news words, share links, share and embed markers.
//! Keeping them as data lets a reader see (and a team extend) the list.

use reqwest::Url;
use scraper::Selector;
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// The `data:` of the site pack, as written.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteData {
    /// Words of a path or a menu entry that announce news (accents folded).
    #[serde(default)]
    pub news_words: Vec<String>,
    /// File extensions that are documents, not pages (never fetched).
    #[serde(default)]
    pub documents: Vec<String>,
    /// Share links, as `host/path` prefixes (`x.com/intent/tweet`); `*` as
    /// host matches any host; `?key` requires that query parameter.
    #[serde(default)]
    pub share_links: Vec<String>,
    /// CSS selectors of share widgets (AddToAny, ShareThis…).
    #[serde(default)]
    pub share_selectors: Vec<String>,
    /// CSS selectors of embedded posts and timelines.
    #[serde(default)]
    pub embed_selectors: Vec<String>,
}

/// One share-link pattern, parsed.
#[derive(Clone, Debug)]
struct SharePattern {
    /// `None`: any host.
    host: Option<String>,
    path: String,
    query_key: Option<String>,
}

/// The compiled markers.
#[derive(Clone, Debug)]
pub struct Markers {
    news_words: Vec<String>,
    documents: Vec<String>,
    share_links: Vec<SharePattern>,
    pub share_selectors: Vec<(String, Selector)>,
    pub embed_selectors: Vec<(String, Selector)>,
}

impl Markers {
    /// Reads and compiles the `data:` of a site pack.
    pub fn from_pack_data(data: &serde_json::Value) -> Result<Markers, String> {
        let data: SiteData =
            serde_json::from_value(data.clone()).map_err(|e| format!("data: {e}"))?;
        Markers::new(&data)
    }

    /// Compiles the pack data; an error names the bad entry.
    pub fn new(data: &SiteData) -> Result<Markers, String> {
        let compile = |list: &[String], what: &str| -> Result<Vec<(String, Selector)>, String> {
            list.iter()
                .map(|css| {
                    Selector::parse(css)
                        .map(|sel| (css.clone(), sel))
                        .map_err(|e| format!("{what}: invalid CSS selector `{css}`: {e}"))
                })
                .collect()
        };
        let mut share_links = Vec::new();
        for pattern in &data.share_links {
            let (host, rest) = pattern.split_once('/').unwrap_or((pattern.as_str(), ""));
            if host.is_empty() {
                return Err(format!(
                    "share_links: `{pattern}` has no host (write `x.com/intent/tweet` or `*/share?text`)"
                ));
            }
            let (path, query_key) = match rest.split_once('?') {
                Some((path, key)) => (path, Some(key.to_string())),
                None => (rest, None),
            };
            share_links.push(SharePattern {
                host: (host != "*").then(|| host.to_ascii_lowercase()),
                path: format!("/{}", path.to_ascii_lowercase()),
                query_key,
            });
        }
        Ok(Markers {
            news_words: data.news_words.iter().map(|w| fold(w)).collect(),
            documents: data
                .documents
                .iter()
                .map(|d| d.to_ascii_lowercase())
                .collect(),
            share_links,
            share_selectors: compile(&data.share_selectors, "share_selectors")?,
            embed_selectors: compile(&data.embed_selectors, "embed_selectors")?,
        })
    }

    /// `word` must already be folded.
    pub fn is_news_word(&self, word: &str) -> bool {
        self.news_words.iter().any(|w| w == word)
    }

    /// A path ending in a document extension (`.pdf`, `.jpg`…).
    pub fn is_document(&self, path: &str) -> bool {
        let last = path.rsplit('/').next().unwrap_or_default();
        last.rsplit_once('.')
            .is_some_and(|(_, ext)| self.documents.iter().any(|d| d.eq_ignore_ascii_case(ext)))
    }

    pub fn is_share_link(&self, url: &Url) -> bool {
        let Some(host) = super::page::bare_host(url) else {
            return false;
        };
        let path = url.path().to_ascii_lowercase();
        self.share_links.iter().any(|p| {
            p.host.as_ref().is_none_or(|h| *h == host)
                && path.starts_with(&p.path)
                && p.query_key
                    .as_ref()
                    .is_none_or(|key| url.query_pairs().any(|(k, _)| k == key.as_str()))
        })
    }
}

/// Lower case, accents removed, typographic apostrophes made straight:
/// « Actualités » and "actualites" compare equal.
pub fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| if c == '’' { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_patterns_match_host_path_and_query() {
        let data = SiteData {
            share_links: vec!["x.com/intent/tweet".into(), "*/share?text".into()],
            ..SiteData::default()
        };
        let m = Markers::new(&data).expect("valid");
        let yes = [
            "https://x.com/intent/tweet?url=a",
            "https://www.X.com/intent/tweet",
            "https://piaille.fr/share?text=hello",
        ];
        for u in yes {
            assert!(m.is_share_link(&Url::parse(u).unwrap()), "{u}");
        }
        let no = [
            "https://x.com/VilleExemple",
            "https://piaille.fr/share",
            "https://example.com/x.com/intent/tweet",
        ];
        for u in no {
            assert!(!m.is_share_link(&Url::parse(u).unwrap()), "{u}");
        }
    }

    #[test]
    fn bad_selector_is_named() {
        let data = SiteData {
            embed_selectors: vec!["blockquote[".into()],
            ..SiteData::default()
        };
        let e = Markers::new(&data).unwrap_err();
        assert!(e.contains("blockquote["), "{e}");
    }

    #[test]
    fn fold_removes_accents_and_case() {
        assert_eq!(fold("Actualités"), "actualites");
        assert_eq!(fold("À LA UNE"), "a la une");
        assert_eq!(fold("L’Été"), "l'ete");
    }
}
