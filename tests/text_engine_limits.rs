//! The engine on long and hostile input: it must answer (in linear time; a
//! quadratic scanner would not finish these), and answer right.

use twitterritorial::text::{Config, Platform, measure, parse_and_extract};

#[test]
fn long_and_hostile_texts_are_read_to_the_end() {
    let cases = [
        (
            "a long CJK label before a dot",
            "中".repeat(200_000) + ".com",
        ),
        ("dotted labels", "a.".repeat(100_000)),
        ("hash signs", "#".repeat(200_000)),
        ("at signs", "@a".repeat(100_000)),
        ("dollar signs", "$".repeat(200_000)),
        ("emoji families", "👨‍👩‍👧‍👦".repeat(20_000)),
        ("underscores in a label", "中_".repeat(100_000) + ".com"),
        (
            "a very long path",
            format!("https://example.com/{}", "a/".repeat(100_000)),
        ),
        (
            "nested parentheses",
            format!("https://example.com/{}", "(a)".repeat(60_000)),
        ),
        (
            "French prose",
            "L’été à la mairie\u{202F}: #Fête, @Ville, ville.fr ! ".repeat(20_000),
        ),
    ];
    for (what, text) in &cases {
        let (parsed, entities) = parse_and_extract(text, &Config::V3);
        assert!(!parsed.valid, "{what}: far over 280");
        assert!(parsed.weighted_length > 280, "{what}");
        let mastodon = measure(text, Platform::Mastodon, None);
        assert!(mastodon.length > 500, "{what}");
        if what.starts_with("French") {
            assert_eq!(entities.hashtags.len(), 20_000);
            assert_eq!(entities.mentions.len(), 20_000);
            assert_eq!(entities.urls.len(), 20_000);
        }
    }
}

#[test]
fn limits_of_urls_follow_the_reference() {
    // A label of 64 characters is not a domain; 63 is.
    let long = format!("{}.com", "a".repeat(64));
    assert_eq!(parse_and_extract(&long, &Config::V3).1.urls.len(), 0);
    let ok = format!("{}.com", "a".repeat(63));
    assert_eq!(parse_and_extract(&ok, &Config::V3).1.urls.len(), 1);
    // A URL over 4096 UTF-16 units (protocol counted twice) is not a URL.
    let path = "a".repeat(4096 - "https://example.com/".len() - "https://".len());
    let at_limit = format!("https://example.com/{path}");
    assert_eq!(parse_and_extract(&at_limit, &Config::V3).1.urls.len(), 1);
    let over = format!("{at_limit}a");
    assert_eq!(parse_and_extract(&over, &Config::V3).1.urls.len(), 0);
}

/// Random text from every plane, heavy in the characters the scanners decide
/// on: nothing may panic, and the answers must hold together.
#[test]
fn arbitrary_text_never_panics() {
    use twitterritorial::text::{
        extract_reply, is_valid_hashtag, is_valid_list, is_valid_url, is_valid_username,
        parse_tweet,
    };
    let mut state: u64 = 0x2026_1128;
    let mut next = move |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    const PIECES: &[&str] = &[
        ".", "#", "@", "$", ":", "/", "://", "-", "_", "&", "http", "https://", "xn--", "com",
        "fr", "t.co/", "\u{FE0F}", "\u{FE0E}", "\u{200D}", "\u{20E3}", "\u{202F}", "\u{3000}", " ",
        "\n", "rt", "(", ")", "?",
    ];
    for _ in 0..20_000 {
        let mut text = String::new();
        for _ in 0..next(40) {
            match next(4) {
                0 => text.push_str(PIECES[next(PIECES.len() as u64) as usize]),
                1 => text.push(char::from(0x20 + next(0x5F) as u8)),
                2 => text.extend(char::from_u32(next(0x3_0000) as u32)),
                _ => text.extend(char::from_u32(0x1F000 + next(0x1000) as u32)),
            }
        }
        let (parsed, entities) = parse_and_extract(&text, &Config::V3);
        assert_eq!(parsed, parse_tweet(&text, &Config::V3));
        for entity in entities
            .hashtags
            .iter()
            .chain(&entities.mentions)
            .chain(&entities.urls)
            .chain(&entities.cashtags)
        {
            assert!(entity.start < entity.end && entity.byte_start < entity.byte_end);
            assert_eq!(text[..entity.byte_start].chars().count(), entity.start);
        }
        for platform in Platform::ALL {
            let _ = measure(&text, platform, None);
        }
        let _ = (
            extract_reply(&text),
            is_valid_hashtag(&text),
            is_valid_list(&text),
            is_valid_username(&text),
        );
        let _ = (
            is_valid_url(&text, true, true),
            is_valid_url(&text, false, false),
        );
        let _ = parse_tweet(&text, &Config::V1);
    }
}
