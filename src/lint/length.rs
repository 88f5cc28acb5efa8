//! `length-limit`: a post longer than its platform allows, counted the way
//! the platform counts (weighted characters and 23 per link on X).

use super::{Account, Hit, PostCheck, PostView, params};
use crate::config::{parse_platform, platform_name};
use crate::rules::{AppliesTo, CheckSpec, KindInfo};
use crate::text::{self, Platform};
use serde::Deserialize;
use std::collections::BTreeMap;

pub(crate) const LIMIT: KindInfo = KindInfo {
    name: "length-limit",
    applies_to: AppliesTo::Post,
    variants: &[],
    placeholders: &["count", "limit", "excess", "platform"],
    validate: Some(super::validate_params),
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    /// Limits that replace the platform's own (`{x: 280, mastodon: 500}`).
    #[serde(default)]
    limits: BTreeMap<String, usize>,
}

struct LengthLimit {
    limits: Vec<(Platform, usize)>,
}

pub(crate) fn build(
    spec: &CheckSpec,
    _data: &serde_json::Value,
    _account: &Account,
) -> Result<Box<dyn PostCheck>, String> {
    let p: Params = params(spec)?;
    let mut limits = Vec::new();
    for (name, limit) in p.limits {
        let platform = parse_platform(&name).ok_or_else(|| {
            format!("unknown platform `{name}` in `limits` (x, mastodon, bluesky)")
        })?;
        if limit == 0 {
            return Err(format!("limit 0 for `{name}`"));
        }
        limits.push((platform, limit));
    }
    Ok(Box::new(LengthLimit { limits }))
}

/// A length no platform can exceed for this text, cheap to compute: most
/// posts are far below their limit and need no exact measure.
///
/// On X a character weighs at most 2, and those below U+0300 weigh 1; a
/// link adds at most 23 to its own characters. On Mastodon and Bluesky a
/// grapheme has at least one character, and a link counts 23 at most. NFC,
/// which X applies, does not lengthen text below U+0300.
fn upper_bound(text: &str, links: usize, platform: Platform) -> usize {
    let light = text
        .bytes()
        .filter(|&b| b < 0x80 || (0xC2..=0xCB).contains(&b))
        .count();
    let chars = text.chars().count();
    let heavy = chars.saturating_sub(light);
    match platform {
        Platform::X => light + 2 * heavy + 23 * links,
        Platform::Mastodon | Platform::Bluesky => chars + 23 * links,
    }
}

impl PostCheck for LengthLimit {
    fn check(&self, post: &PostView<'_>, hits: &mut Vec<Hit>) {
        for &platform in post.platforms {
            let limit = self
                .limits
                .iter()
                .find(|(p, _)| *p == platform)
                .map(|(_, l)| *l);
            let max = limit.unwrap_or_else(|| platform.default_limit());
            if upper_bound(post.text, post.entities.urls.len(), platform) <= max {
                continue;
            }
            let m = text::measure(post.text, platform, limit);
            if m.length <= m.limit {
                continue;
            }
            let start = overflow_start(post.text, platform, m.limit);
            hits.push(
                Hit::new(start..post.text.len())
                    .value("count", m.length)
                    .value("limit", m.limit)
                    .value("excess", m.length - m.limit)
                    .value("platform", platform_name(platform)),
            );
        }
    }
}

/// Byte offset of the first character past the limit: the longest prefix
/// that still fits ends there. Only runs on posts that are too long.
fn overflow_start(text: &str, platform: Platform, limit: usize) -> usize {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    // Invariant: prefix up to bounds[lo] fits, up to bounds[hi] does not.
    let (mut lo, mut hi) = (0, bounds.len() - 1);
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if text::measure(&text[..bounds[mid]], platform, Some(limit)).length <= limit {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    bounds[lo]
}

#[cfg(test)]
mod tests {
    use super::super::testing::{run_kind, run_kind_post};
    use super::*;
    use crate::lint::Post;
    use crate::rules::example_config;

    #[test]
    fn counts_and_points_at_the_overflow() {
        let text = format!("{}{}", "a".repeat(280), "bcd");
        let f = run_kind("kind: length-limit", &text);
        assert_eq!(f.len(), 1);
        assert_eq!(&text[f[0].span.clone()], "bcd");
        assert!(run_kind("kind: length-limit", &"a".repeat(280)).is_empty());
    }

    #[test]
    fn links_count_as_23_on_x() {
        let url = format!("https://www.ville-exemple.fr/{}", "x".repeat(100));
        let text = format!("{} {url}", "a".repeat(250));
        assert!(
            run_kind("kind: length-limit", &text).is_empty(),
            "250 + 1 + 23 fits in 280"
        );
    }

    #[test]
    fn the_cheap_bound_is_never_below_the_measure() {
        let samples = [
            "Réunion publique à l’Hôtel de Ville, « entrée libre » !",
            "Fête 🎉👨‍👩‍👧 🇫🇷 1️⃣ ce soir",
            "市役所のお知らせ 東京都",
            "e\u{301}te\u{301} Å ﬁ ǅ",
            "Infos https://www.ville-exemple.fr/a et bit.ly/x et t.co",
            "𝗘́𝗹𝗲𝗰𝘁𝗶𝗼𝗻𝘀 ｍｕｎｉｃｉｐａｌｅｓ",
        ];
        for s in samples {
            let text = s.repeat(3);
            let links = crate::text::extract_entities(&text).urls.len();
            for p in Platform::ALL {
                let m = text::measure(&text, p, None);
                assert!(
                    upper_bound(&text, links, p) >= m.length,
                    "{p:?} {text}: {} < {}",
                    upper_bound(&text, links, p),
                    m.length
                );
            }
        }
    }

    #[test]
    fn each_platform_has_its_limit() {
        let text = "é".repeat(400);
        let mut post = Post::new(text.clone());
        post.platform = Some(Platform::Mastodon);
        assert!(run_kind_post("kind: length-limit", &post, &example_config()).is_empty());
        post.platform = Some(Platform::Bluesky);
        assert_eq!(
            run_kind_post("kind: length-limit", &post, &example_config()).len(),
            1
        );
        post.platform = Some(Platform::Mastodon);
        assert_eq!(
            run_kind_post(
                "kind: length-limit\nlimits: {mastodon: 300}",
                &post,
                &example_config()
            )
            .len(),
            1
        );
    }
}
