//! Writes synthetic X archives of any size with known proportions of
//! replies, self-threads, reposts, quotes, automation, hashtags, links,
//! questions and media, in X's real `tweets.js` layout.
//!
//! Used by `tests/archive_synthetic.rs` (the audit must find exactly the
//! proportions written), by `benches/archive.rs`, and by
//! `examples/gen_archive.rs` (the command-line generator).
//!
//! Proportions are in per mille. Post `i` draws a value `(i * step + shift)
//! mod 1000` per property, with a `step` prime to 1000: over every 1000
//! posts each value comes exactly once, so each property covers exactly
//! its share; different steps keep the properties independent. The
//! generator also returns the counts it wrote, exact for any size.

#![allow(dead_code)]

use std::io::{self, Write};

/// The account the synthetic archives belong to.
pub const ACCOUNT_ID: u64 = 3_000_000_001;
pub const HANDLE: &str = "VilleSynthese";
pub const HASHTAG: &str = "VilleSynthese";
pub const WEBSITE: &str = "https://www.ville-synthese.fr";

/// Shares in per mille.
#[derive(Clone, Debug)]
pub struct Proportions {
    pub replies: u32,
    pub self_threads: u32,
    pub reposts: u32,
    pub quotes: u32,
    /// Among all posts: sent by dlvr.it (feed).
    pub feed: u32,
    /// Among all posts: sent by Hootsuite (scheduler).
    pub scheduler: u32,
    /// Among posts that are not reposts: the official hashtag.
    pub official_hashtag: u32,
    /// Among posts that are not reposts: a misspelling of it.
    pub misspelled_hashtag: u32,
    pub website_links: u32,
    pub questions: u32,
    pub media: u32,
}

impl Default for Proportions {
    fn default() -> Self {
        Proportions {
            replies: 120,
            self_threads: 40,
            reposts: 150,
            quotes: 30,
            feed: 350,
            scheduler: 200,
            official_hashtag: 400,
            misspelled_hashtag: 50,
            website_links: 300,
            questions: 60,
            media: 250,
        }
    }
}

/// What the generator wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub posts: u64,
    pub originals: u64,
    pub replies: u64,
    pub self_threads: u64,
    pub reposts: u64,
    pub quotes: u64,
    pub feed: u64,
    pub scheduler: u64,
    pub official_hashtag: u64,
    pub misspelled_hashtag: u64,
    pub website_links: u64,
    pub questions: u64,
    pub media: u64,
    pub bytes: u64,
}

fn draw(i: u64, step: u64, shift: u64) -> u32 {
    ((i * step + shift) % 1000) as u32
}

const TEXTS: &[&str] = &[
    "Le marché de Noël ouvre ses portes samedi place de la Mairie, de 10 h à 19 h.",
    "Travaux rue des Lilas : la circulation est alternée jusqu’au 12, merci de votre patience.",
    "Inscriptions à l’école maternelle : dossiers à déposer en mairie avant la fin du mois.",
    "La médiathèque propose un atelier numérique gratuit pour les seniors mardi après-midi.",
    "Collecte des encombrants dans le quartier nord lundi prochain, sortez-les la veille au soir.",
    "Le conseil municipal se réunit jeudi à 19 h, séance publique, ordre du jour en ligne.",
    "Alerte canicule : pensez à vous hydrater et prenez des nouvelles de vos voisins isolés.",
    "Concert de l’harmonie municipale dimanche au kiosque du parc, entrée libre.",
];

/// Writes one post object, laid out as X writes it.
fn write_post(
    out: &mut impl Write,
    i: u64,
    p: &Proportions,
    w: &mut Written,
    created_at: &str,
) -> io::Result<()> {
    let id = 1_500_000_000_000_000_000u64 + i;
    let kind = draw(i, 7, 0);
    let (is_reply, is_self, is_repost, is_quote) = {
        let r = p.replies;
        let s = r + p.self_threads;
        let t = s + p.reposts;
        let q = t + p.quotes;
        (
            kind < r,
            kind >= r && kind < s,
            kind >= s && kind < t,
            kind >= t && kind < q,
        )
    };
    let source_draw = draw(i, 13, 500);
    let (source, feed, scheduler) = if source_draw < p.feed {
        (
            r#"<a href=\"https://dlvr.it\" rel=\"nofollow\">dlvr.it</a>"#,
            true,
            false,
        )
    } else if source_draw < p.feed + p.scheduler {
        (
            r#"<a href=\"https://www.hootsuite.com\" rel=\"nofollow\">Hootsuite Inc.</a>"#,
            false,
            true,
        )
    } else {
        (
            r#"<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>"#,
            false,
            false,
        )
    };
    let hashtag_draw = draw(i, 17, 250);
    let hashtag = if is_repost {
        None
    } else if hashtag_draw < p.official_hashtag {
        Some(HASHTAG.to_string())
    } else if hashtag_draw < p.official_hashtag + p.misspelled_hashtag {
        Some(HASHTAG.to_lowercase())
    } else {
        None
    };
    let website = !is_repost && draw(i, 19, 125) < p.website_links;
    let question = !is_repost && draw(i, 23, 625) < p.questions;
    let media = draw(i, 29, 375) < p.media;

    let mut text = String::new();
    let mut mentions = String::new();
    let mut reply_fields = String::new();
    if is_repost {
        text.push_str("RT @PrefetSynthese: ");
        mentions.push_str(
            r#"
          {
            "name" : "Préfet de Synthèse",
            "screen_name" : "PrefetSynthese",
            "indices" : [
              "3",
              "18"
            ],
            "id_str" : "3000000002",
            "id" : "3000000002"
          }
        "#,
        );
    } else if is_reply {
        text.push_str("@Habitant42 ");
        mentions.push_str(
            r#"
          {
            "name" : "Habitant 42",
            "screen_name" : "Habitant42",
            "indices" : [
              "0",
              "11"
            ],
            "id_str" : "3000000042",
            "id" : "3000000042"
          }
        "#,
        );
        reply_fields = format!(
            ",\n      \"in_reply_to_status_id_str\" : \"{}\",\n      \"in_reply_to_status_id\" : \"{}\",\n      \"in_reply_to_user_id\" : \"3000000042\",\n      \"in_reply_to_user_id_str\" : \"3000000042\",\n      \"in_reply_to_screen_name\" : \"Habitant42\"",
            id - 5,
            id - 5
        );
    } else if is_self {
        reply_fields = format!(
            ",\n      \"in_reply_to_status_id_str\" : \"{}\",\n      \"in_reply_to_status_id\" : \"{}\",\n      \"in_reply_to_user_id\" : \"{ACCOUNT_ID}\",\n      \"in_reply_to_user_id_str\" : \"{ACCOUNT_ID}\",\n      \"in_reply_to_screen_name\" : \"{HANDLE}\"",
            id - 1,
            id - 1
        );
    }
    text.push_str(TEXTS[(i % TEXTS.len() as u64) as usize]);
    if question {
        text.push_str(" Vous y serez ?");
    }
    let mut hashtags = String::new();
    if let Some(tag) = &hashtag {
        let start = text.chars().count() + 1;
        text.push_str(&format!(" #{tag}"));
        hashtags = format!(
            "\n          {{\n            \"text\" : \"{tag}\",\n            \"indices\" : [\n              \"{start}\",\n              \"{}\"\n            ]\n          }}\n        ",
            start + 1 + tag.chars().count()
        );
    }
    let mut urls = String::new();
    let mut link = |text: &mut String, expanded: &str, display: &str| {
        let start = text.chars().count() + 1;
        text.push_str(" https://t.co/AbCdEf1234");
        if !urls.is_empty() {
            urls.push(',');
        }
        urls.push_str(&format!(
            "\n          {{\n            \"url\" : \"https://t.co/AbCdEf1234\",\n            \"expanded_url\" : \"{expanded}\",\n            \"display_url\" : \"{display}\",\n            \"indices\" : [\n              \"{start}\",\n              \"{}\"\n            ]\n          }}\n        ",
            start + 23
        ));
    };
    if website {
        link(
            &mut text,
            &format!("{WEBSITE}/actualites/{i}"),
            "ville-synthese.fr/actualites/…",
        );
    }
    if is_quote {
        link(
            &mut text,
            &format!("https://twitter.com/PrefetSynthese/status/{}", id - 100),
            "twitter.com/PrefetSynthe…",
        );
    }
    let media_json = if media {
        let start = text.chars().count() + 1;
        text.push_str(" https://t.co/MeDiA56789");
        let one = format!(
            r#"
          {{
            "expanded_url" : "https://twitter.com/{HANDLE}/status/{id}/photo/1",
            "indices" : [
              "{start}",
              "{end}"
            ],
            "url" : "https://t.co/MeDiA56789",
            "media_url" : "http://pbs.twimg.com/media/FgoIitdWAAAL87b.jpg",
            "id_str" : "{media_id}",
            "id" : "{media_id}",
            "media_url_https" : "https://pbs.twimg.com/media/FgoIitdWAAAL87b.jpg",
            "sizes" : {{
              "small" : {{
                "w" : "680",
                "h" : "510",
                "resize" : "fit"
              }},
              "large" : {{
                "w" : "2048",
                "h" : "1536",
                "resize" : "fit"
              }},
              "thumb" : {{
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              }},
              "medium" : {{
                "w" : "1200",
                "h" : "900",
                "resize" : "fit"
              }}
            }},
            "type" : "photo",
            "display_url" : "pic.twitter.com/MeDiA56789"
          }}
        "#,
            end = start + 23,
            media_id = id - 7
        );
        Some(one)
    } else {
        None
    };
    let entities_media = media_json
        .as_ref()
        .map(|m| format!(",\n        \"media\" : [{m}]"))
        .unwrap_or_default();
    let extended = media_json
        .as_ref()
        .map(|m| {
            format!(",\n      \"extended_entities\" : {{\n        \"media\" : [{m}]\n      }}")
        })
        .unwrap_or_default();
    let length = text.chars().count();
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    write!(
        out,
        r#"  {{
    "tweet" : {{
      "edit_info" : {{
        "initial" : {{
          "editTweetIds" : [
            "{id}"
          ],
          "editableUntil" : "2024-01-01T00:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }}
      }},
      "retweeted" : false,
      "source" : "{source}",
      "entities" : {{
        "hashtags" : [{hashtags}],
        "symbols" : [ ],
        "user_mentions" : [{mentions}],
        "urls" : [{urls}]{entities_media}
      }},
      "display_text_range" : [
        "0",
        "{length}"
      ],
      "favorite_count" : "{favorites}",
      "id_str" : "{id}",
      "truncated" : false,
      "retweet_count" : "{retweets}",
      "id" : "{id}",
      "possibly_sensitive" : false,
      "created_at" : "{created_at}",
      "favorited" : false,
      "full_text" : "{escaped}",
      "lang" : "fr"{reply_fields}{extended}
    }}
  }}"#,
        favorites = i % 37,
        retweets = i % 11,
    )?;

    w.posts += 1;
    match (is_reply, is_self, is_repost, is_quote) {
        (true, ..) => w.replies += 1,
        (_, true, ..) => w.self_threads += 1,
        (_, _, true, _) => w.reposts += 1,
        (.., true) => w.quotes += 1,
        _ => w.originals += 1,
    }
    w.feed += feed as u64;
    w.scheduler += scheduler as u64;
    w.official_hashtag += (hashtag.as_deref() == Some(HASHTAG)) as u64;
    w.misspelled_hashtag += (hashtag.is_some() && hashtag.as_deref() != Some(HASHTAG)) as u64;
    w.website_links += website as u64;
    w.questions += question as u64;
    w.media += media as u64;
    Ok(())
}

/// X's `created_at` for post `i`: newest first, one post every
/// `minutes`, the newest on 2026-06-30 12:00 UTC.
pub fn created_at(i: u64, minutes: u64) -> String {
    const NEWEST: i64 = 1_782_820_800; // 2026-06-30T12:00:00Z
    let at = NEWEST - (i * minutes * 60) as i64;
    let days = at.div_euclid(86_400);
    let secs = at.rem_euclid(86_400);
    // Civil date from days (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + if month <= 2 { 1 } else { 0 };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    format!(
        "{} {} {:02} {:02}:{:02}:{:02} +0000 {year}",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(month - 1) as usize],
        day,
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// Writes `posts` posts as `tweets.js` parts of at most `per_part` posts
/// each (`window.YTD.tweets.part0`, `part1`…); `open(n)` gives the writer
/// of part `n`. Posts are spaced `minutes` apart.
pub fn write_archive<W: Write>(
    posts: u64,
    per_part: u64,
    minutes: u64,
    p: &Proportions,
    mut open: impl FnMut(u32) -> io::Result<W>,
) -> io::Result<Written> {
    let mut written = Written::default();
    let mut i = 0;
    let mut part = 0;
    loop {
        let mut out = CountingWriter {
            inner: io::BufWriter::with_capacity(1 << 20, open(part)?),
            bytes: 0,
        };
        writeln!(out, "window.YTD.tweets.part{part} = [")?;
        let end = (i + per_part).min(posts);
        while i < end {
            write_post(&mut out, i, p, &mut written, &created_at(i, minutes))?;
            i += 1;
            out.write_all(if i < end { b",\n" } else { b"\n" })?;
        }
        out.write_all(b"]")?;
        out.flush()?;
        written.bytes += out.bytes;
        part += 1;
        if i >= posts {
            break;
        }
    }
    Ok(written)
}

/// `data/account.js` of the synthetic account.
pub fn account_js() -> String {
    format!(
        "window.YTD.account.part0 = [\n  {{\n    \"account\" : {{\n      \"email\" : \"communication@ville-synthese.fr\",\n      \"createdVia\" : \"web\",\n      \"username\" : \"{HANDLE}\",\n      \"accountId\" : \"{ACCOUNT_ID}\",\n      \"createdAt\" : \"2011-03-01T09:00:00.000Z\",\n      \"accountDisplayName\" : \"Ville de Synthèse\"\n    }}\n  }}\n]"
    )
}

struct CountingWriter<W: Write> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for CountingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}
