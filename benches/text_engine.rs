//! Speed of the text engine: parse + weighted length + entities, one core.
//!
//! Run with `cargo bench --bench text_engine`. The goal (issue 2) is at least
//! 300,000 posts per second for `parse_tweet` + `extract_entities` on a
//! realistic mix of town-hall posts; divan prints the throughput as items/s.

use std::hint::black_box;

use divan::{Bencher, counter::ItemsCount};
use twitterritorial::text::{
    Config, Platform, extract_entities, measure, parse_and_extract, parse_tweet,
};

fn main() {
    divan::main();
}

/// Pieces of the posts a commune publishes: French prose with its
/// typography, links with and without protocol, hashtags, mentions, emoji.
const OPENINGS: &[&str] = &[
    "📢 Conseil municipal jeudi 18 h 30 en mairie\u{202F}: l’ordre du jour est en ligne.",
    "Travaux rue de la République du 3 au 17 mars\u{202F}; circulation alternée 🚧",
    "Fermeture exceptionnelle de la médiathèque samedi.",
    "« Merci à tous les bénévoles du marché de Noël » — le maire 🎄",
    "Vigilance orange canicule\u{202F}: pensez aux personnes fragiles de votre entourage.",
    "Inscriptions à la cantine et au périscolaire jusqu’au 15 septembre\u{202F}!",
    "Collecte des déchets décalée d’un jour cette semaine (jour férié).",
    "Le centre de vaccination de la salle des fêtes est ouvert du lundi au vendredi.",
    "Qu’en pensez-vous\u{202F}? Donnez votre avis sur le futur parc avant le 30 juin.",
    "Retour en images sur la cérémonie du 11 Novembre 🇫🇷",
    "Nouveau\u{202F}: le marché du dimanche s’installe place de l’Église.",
    "Élections municipales\u{202F}: inscrivez-vous sur les listes électorales.",
];

const LINKS: &[&str] = &[
    "https://www.ville-exemple.fr/agenda",
    "https://www.ville-exemple.fr/actualites/travaux-rue-de-la-republique",
    "ville-exemple.fr/cantine",
    "https://www.service-public.fr/particuliers/vosdroits/F1367",
    "http://bit.ly/3xYzAbC",
    "https://t.co/AbC123xyZ9",
    "",
];

const ENDINGS: &[&str] = &[
    "#VilleExemple",
    "#VilleExemple #Travaux",
    "@Prefet99 @VilleExemple",
    "👏👍🏽",
    "#Fête2026 🎉",
    "Infos\u{00A0}: 01 23 45 67 89",
    "RT @AggloExemple",
    "",
];

/// A deterministic mix of posts (a small linear congruential generator).
fn realistic_posts(count: usize) -> Vec<String> {
    let mut state: u64 = 20_261_128;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n
    };
    (0..count)
        .map(|_| {
            let mut post = String::new();
            for _ in 0..1 + next(2) {
                post.push_str(OPENINGS[next(OPENINGS.len())]);
                post.push(' ');
            }
            post.push_str(LINKS[next(LINKS.len())]);
            post.push_str(if next(3) == 0 { "\n\n" } else { " " });
            post.push_str(ENDINGS[next(ENDINGS.len())]);
            post
        })
        .collect()
}

/// The varied posts of the differential fixture (French, emoji, CJK, odd
/// URLs, character soup): harder than real posts.
fn fixture_posts() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/oracle/posts.jsonl"
    );
    let fixture = std::fs::read_to_string(path).unwrap_or_default();
    fixture
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
        .collect()
}

/// The goal of issue 2: parse + weighted length + entities.
#[divan::bench]
fn parse_weigh_and_extract_realistic(bencher: Bencher) {
    let posts = realistic_posts(10_000);
    bencher.counter(ItemsCount::new(posts.len())).bench(|| {
        for post in &posts {
            black_box(parse_and_extract(black_box(post), &Config::V3));
        }
    });
}

/// The same with the two public calls made separately (URLs found twice).
#[divan::bench]
fn parse_then_extract_separately_realistic(bencher: Bencher) {
    let posts = realistic_posts(10_000);
    bencher.counter(ItemsCount::new(posts.len())).bench(|| {
        for post in &posts {
            black_box(parse_tweet(black_box(post), &Config::V3));
            black_box(extract_entities(black_box(post)));
        }
    });
}

#[divan::bench]
fn parse_and_weigh_only_realistic(bencher: Bencher) {
    let posts = realistic_posts(10_000);
    bencher.counter(ItemsCount::new(posts.len())).bench(|| {
        for post in &posts {
            black_box(parse_tweet(black_box(post), &Config::V3));
        }
    });
}

#[divan::bench]
fn parse_weigh_and_extract_fixture(bencher: Bencher) {
    let posts = fixture_posts();
    bencher.counter(ItemsCount::new(posts.len())).bench(|| {
        for post in &posts {
            black_box(parse_and_extract(black_box(post), &Config::V3));
        }
    });
}

#[divan::bench(args = [Platform::Mastodon, Platform::Bluesky])]
fn measure_other_platforms(bencher: Bencher, platform: Platform) {
    let posts = realistic_posts(10_000);
    bencher.counter(ItemsCount::new(posts.len())).bench(|| {
        for post in &posts {
            black_box(measure(black_box(post), platform, None));
        }
    });
}
