//! The site's RSS / Atom / JSON feed: step 3 of the handbook animates the
//! account from it, so it must parse and be alive.

use jiff::Timestamp;

/// What a feed's content says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FeedState {
    /// Newest item dated `newest` (`age_days` before now).
    Dated { newest: Timestamp, age_days: i64 },
    /// Items, but none carries a date.
    Undated { items: usize },
    /// No item at all.
    Empty,
    /// Not a feed the parser understands; the parser's message.
    Unparseable(String),
}

/// Parses a feed body and dates its newest item.
pub fn read(body: &[u8], now: Timestamp) -> FeedState {
    let feed = match feed_rs::parser::parse(body) {
        Ok(feed) => feed,
        Err(e) => return FeedState::Unparseable(e.to_string()),
    };
    if feed.entries.is_empty() {
        return FeedState::Empty;
    }
    let newest = feed
        .entries
        .iter()
        .filter_map(|entry| entry.published.max(entry.updated))
        .max()
        .and_then(|date| Timestamp::from_second(date.timestamp()).ok());
    match newest {
        Some(newest) => {
            let age_days = now.duration_since(newest).as_secs() / 86_400;
            FeedState::Dated { newest, age_days }
        }
        None => FeedState::Undated {
            items: feed.entries.len(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: &str = "2026-06-01T12:00:00Z";

    fn rss(dates: &[&str]) -> String {
        let items: String = dates
            .iter()
            .map(|d| format!("<item><title>Info</title><link>https://ville.fr/a</link><pubDate>{d}</pubDate></item>"))
            .collect();
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Ville</title><link>https://ville.fr</link><description>Actus</description>{items}</channel></rss>"
        )
    }

    #[test]
    fn newest_item_gives_the_age() {
        let now: Timestamp = NOW.parse().unwrap();
        let state = read(
            rss(&[
                "Mon, 02 Feb 2026 08:00:00 +0100",
                "Fri, 01 May 2026 08:00:00 +0200",
            ])
            .as_bytes(),
            now,
        );
        match state {
            FeedState::Dated { age_days, .. } => assert_eq!(age_days, 31),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn broken_and_empty_feeds() {
        let now: Timestamp = NOW.parse().unwrap();
        assert!(matches!(
            read(b"<rss><channel><item>", now),
            FeedState::Unparseable(_)
        ));
        assert_eq!(read(rss(&[]).as_bytes(), now), FeedState::Empty);
    }
}
