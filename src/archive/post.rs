//! One published post, as the audit needs it, whatever file it came from.

use super::clock::UnixSeconds;
use std::borrow::Cow;

/// A post read from an archive. Strings borrow from the reader's buffer when
/// they can, so reading a post allocates little.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Post<'a> {
    pub id: Option<u64>,
    pub created_at: UnixSeconds,
    /// The text as it was published (X's `&amp;`, `&lt;`, `&gt;` decoded).
    pub text: Cow<'a, str>,
    /// The `source` field: an HTML link naming the app that published it.
    pub source: Option<Cow<'a, str>>,
    pub in_reply_to_status: Option<u64>,
    pub in_reply_to_user: Option<u64>,
    pub in_reply_to_screen_name: Option<Cow<'a, str>>,
    /// Set when the file says so explicitly (a CSV `retweeted_status_id`);
    /// X's `tweets.js` only shows it by the `RT @user:` text.
    pub marked_repost: bool,
    /// Hashtags without `#`.
    pub hashtags: Vec<Cow<'a, str>>,
    pub mentions: Vec<Mention<'a>>,
    /// Expanded addresses of the links (not the `t.co` ones).
    pub urls: Vec<Cow<'a, str>>,
    /// The `t.co` addresses written in the text, each with the index of its
    /// expanded address in `urls` (`None`: the link of a photo or video).
    pub short_urls: Vec<(Cow<'a, str>, Option<usize>)>,
    /// Number of photos, videos and GIFs.
    pub media: u32,
    /// `Some(true)` when the post holds a poll, `Some(false)` when the file
    /// says it holds none, `None` when the file cannot tell (X's archive).
    pub poll: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mention<'a> {
    /// Without `@`.
    pub screen_name: Cow<'a, str>,
    pub id: Option<u64>,
}

/// Who the account is: needed to tell a self-thread from a reply to someone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    pub id: Option<u64>,
    /// Handle without `@`, as written (compared without case).
    pub handle: Option<String>,
}

impl Identity {
    pub fn is_self(&self, id: Option<u64>, screen_name: Option<&str>) -> bool {
        match (self.id, id) {
            (Some(own), Some(other)) => own == other,
            _ => match (&self.handle, screen_name) {
                (Some(own), Some(other)) => own.eq_ignore_ascii_case(other.trim_start_matches('@')),
                _ => false,
            },
        }
    }
}

/// What a post is, for the broadcast/dialogue split. Each post has exactly
/// one kind, decided in this order: repost, reply, quote, original.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PostKind {
    /// A repost (`RT @user:`) of another account's post.
    Repost,
    /// A reply to another account.
    Reply,
    /// A reply to one of the account's own posts: a thread.
    SelfThread,
    /// A post quoting another post (a link to a post on X).
    Quote,
    /// Everything else: the account's own announcements.
    Original,
}

impl<'a> Post<'a> {
    /// The account reposted, for `RT @user: …` posts.
    pub fn reposted_account(&self) -> Option<&str> {
        let rest = self.text.strip_prefix("RT @")?;
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    }

    pub fn is_repost(&self) -> bool {
        self.marked_repost || self.text.starts_with("RT @")
    }

    pub fn is_reply(&self) -> bool {
        self.in_reply_to_status.is_some()
            || self.in_reply_to_user.is_some()
            || self.in_reply_to_screen_name.is_some()
    }

    /// A link to a post on X or Twitter among the post's links: a quote.
    pub fn quotes_a_post(&self) -> bool {
        self.urls.iter().any(|url| is_post_address(url))
    }

    pub fn kind(&self, account: &Identity) -> PostKind {
        if self.is_repost() {
            PostKind::Repost
        } else if self.is_reply() {
            if account.is_self(
                self.in_reply_to_user,
                self.in_reply_to_screen_name.as_deref(),
            ) {
                PostKind::SelfThread
            } else {
                PostKind::Reply
            }
        } else if self.quotes_a_post() {
            PostKind::Quote
        } else {
            PostKind::Original
        }
    }

    /// Does the post ask a question? A `?` in its words, not inside a link.
    pub fn asks_a_question(&self) -> bool {
        self.text.contains('?')
            && self.text.split(char::is_whitespace).any(|word| {
                word.contains('?') && !word.starts_with("http://") && !word.starts_with("https://")
            })
    }
}

impl Post<'_> {
    /// The text the draft rules read: each `t.co` link replaced by the
    /// address it stands for, the links of photos and videos removed (X
    /// writes them at the end of `full_text`; they are not part of what the
    /// account wrote). Without `t.co` information (CSV exports), `t.co`
    /// links are paired in order with the expanded addresses.
    pub fn text_for_rules(&self) -> Cow<'_, str> {
        if !self.text.contains("https://t.co/") && !self.text.contains("http://t.co/") {
            return Cow::Borrowed(&self.text);
        }
        let mut text = self.text.to_string();
        if self.short_urls.is_empty() {
            let mut expanded = self.urls.iter();
            let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
            for word in words {
                if word.starts_with("https://t.co/") || word.starts_with("http://t.co/") {
                    match expanded.next() {
                        Some(url) => text = text.replacen(&word, url, 1),
                        None => break,
                    }
                }
            }
            return Cow::Owned(text);
        }
        for (short, index) in &self.short_urls {
            let replacement = index
                .and_then(|i| self.urls.get(i))
                .map_or("", |u| u.as_ref());
            text = text.replace(short.as_ref(), replacement);
        }
        Cow::Owned(text.trim_end().to_string())
    }
}

/// `https://twitter.com/user/status/123`, `https://x.com/user/status/123`
/// (also `mobile.`/`www.` and the old `/statuses/`).
pub fn is_post_address(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let rest = rest
        .strip_prefix("www.")
        .or_else(|| rest.strip_prefix("mobile."))
        .unwrap_or(rest);
    let Some(path) = rest
        .strip_prefix("twitter.com/")
        .or_else(|| rest.strip_prefix("x.com/"))
    else {
        return false;
    };
    let mut parts = path.split('/');
    let user = parts.next().unwrap_or("");
    let marker = parts.next().unwrap_or("");
    let id = parts.next().unwrap_or("");
    let id = id.split(['?', '#']).next().unwrap_or("");
    !user.is_empty()
        && user.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
        && (marker == "status" || marker == "statuses")
        && !id.is_empty()
        && id.bytes().all(|c| c.is_ascii_digit())
        // `…/status/123/photo/1` is a post's own media, not a quote.
        && parts.next().is_none_or(|next| next.is_empty())
}

/// Decodes the three entities X writes in `full_text` (`&amp;`, `&lt;`,
/// `&gt;`), leaving any other `&` as it is.
pub fn decode_x_entities(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text.contains('&') {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let (decoded, used) = if tail.starts_with("&amp;") {
            ('&', 5)
        } else if tail.starts_with("&lt;") {
            ('<', 4)
        } else if tail.starts_with("&gt;") {
            ('>', 4)
        } else {
            ('&', 1)
        };
        out.push(decoded);
        rest = &tail[used..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(text: &str) -> Post<'static> {
        Post {
            text: Cow::Owned(text.to_string()),
            ..Post::default()
        }
    }

    #[test]
    fn kinds_in_their_order() {
        let me = Identity {
            id: Some(42),
            handle: Some("VilleExemple".into()),
        };
        assert_eq!(post("RT @Voisine: la fête").kind(&me), PostKind::Repost);
        assert_eq!(
            post("RT @Voisine: la fête").reposted_account(),
            Some("Voisine")
        );
        let mut reply = post("@Alice merci !");
        reply.in_reply_to_user = Some(7);
        assert_eq!(reply.kind(&me), PostKind::Reply);
        reply.in_reply_to_user = Some(42);
        assert_eq!(reply.kind(&me), PostKind::SelfThread);
        let mut by_name = post("suite");
        by_name.in_reply_to_screen_name = Some("villeexemple".into());
        assert_eq!(
            by_name.kind(&Identity {
                id: None,
                handle: Some("VilleExemple".into())
            }),
            PostKind::SelfThread
        );
        let mut quote = post("À lire");
        quote
            .urls
            .push("https://twitter.com/Prefet/status/123".into());
        assert_eq!(quote.kind(&me), PostKind::Quote);
        assert_eq!(post("Marché ce matin").kind(&me), PostKind::Original);
    }

    #[test]
    fn post_addresses() {
        assert!(is_post_address(
            "https://x.com/Prefet_77/status/1588091220244369409"
        ));
        assert!(is_post_address(
            "http://mobile.twitter.com/a/statuses/1?s=20"
        ));
        assert!(!is_post_address("https://twitter.com/a/status/1/photo/1"));
        assert!(!is_post_address("https://www.ville-exemple.fr/status/1"));
        assert!(!is_post_address("https://twitter.com/a"));
    }

    #[test]
    fn questions_not_in_links() {
        assert!(post("Vous venez samedi ?").asks_a_question());
        assert!(!post("Programme : https://ville.fr/agenda?mois=5").asks_a_question());
    }

    #[test]
    fn x_entities_decoded() {
        assert_eq!(
            decode_x_entities("A &amp; B &lt;3 &gt; &eacute; &".into()),
            "A & B <3 > &eacute; &"
        );
    }
}
