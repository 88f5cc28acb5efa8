//! YAML drafts: a list of posts with their metadata.
//!
//! ```yaml
//! - id: marche-noel
//!   text: "Le marché de Noël ouvre samedi place de la Mairie #VilleExemple"
//!   media: [{file: marche.jpg, alt: "Chalets illuminés sur la place"}]
//!   scheduled: 2026-12-05 09:00
//!   platform: x
//!   ignore: [promotion.missing-link]
//! - id: conseil
//!   thread:
//!     - "Conseil municipal jeudi 19 h : l’ordre du jour 🧵"
//!     - "1. Budget 2027 …"
//! ```
//!
//! A `thread` is a list of texts published as successive posts; each is
//! checked as a post of its own, labelled `id/1`, `id/2`… A wrong type or an
//! unknown key makes the file unreadable and is reported with its line and
//! column; a post missing its text, or with a bad date or platform, is
//! reported and the other posts are still checked.

use serde::Deserialize;
use serde_saphyr::Spanned;

use super::position::{LineIndex, Position, PositionMapBuilder};
use super::{DateOrder, DraftError, DraftMedia, DraftPost, parse_platform, parse_schedule};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YamlPost {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    text: Option<Spanned<String>>,
    #[serde(default)]
    media: Vec<YamlMedia>,
    #[serde(default, alias = "date")]
    scheduled: Option<Spanned<String>>,
    #[serde(default)]
    platform: Option<Spanned<String>>,
    #[serde(default)]
    thread: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YamlMedia {
    file: String,
    #[serde(default)]
    alt: Option<String>,
}

/// Reads the posts of a YAML drafts file.
pub fn read(source: &str) -> Vec<Result<DraftPost, DraftError>> {
    let parsed: Result<Option<Vec<Spanned<YamlPost>>>, _> = serde_saphyr::from_str(source);
    let entries = match parsed {
        Ok(entries) => entries.unwrap_or_default(),
        Err(error) => {
            return vec![Err(draft_error(
                &error,
                1,
                "fichier YAML de brouillons illisible",
                "unreadable YAML drafts file",
                "Attendu : une liste de publications « - text: … » avec, au choix, id, media: [{file, alt}], scheduled, platform, thread, ignore.",
                "Expected: a list of posts \"- text: …\" with, optionally, id, media: [{file, alt}], scheduled, platform, thread, ignore.",
            ))];
        }
    };
    let index = LineIndex::new(source);
    let mut results = Vec::new();
    for (rank, entry) in entries.into_iter().enumerate() {
        let at = location(&entry.referenced);
        match read_post(entry.value, rank + 1, at, source, &index) {
            Ok(posts) => results.extend(posts),
            Err(error) => results.push(Err(error)),
        }
    }
    results
}

fn read_post(
    post: YamlPost,
    rank: usize,
    at: Position,
    source: &str,
    index: &LineIndex,
) -> Result<Vec<Result<DraftPost, DraftError>>, DraftError> {
    let label = post.id.clone().unwrap_or_else(|| rank.to_string());
    let platform = match &post.platform {
        None => None,
        Some(name) => Some(
            parse_platform(&name.value)
                .ok_or_else(|| unknown_platform(&name.value, location(&name.referenced)))?,
        ),
    };
    let date = match &post.scheduled {
        None => None,
        Some(text) => Some(
            parse_schedule(&text.value, DateOrder::DayMonthYear).map_err(|error| {
                error.to_draft_error(
                    &text.value,
                    DateOrder::DayMonthYear,
                    Some(location(&text.referenced)),
                )
            })?,
        ),
    };
    let media: Vec<DraftMedia> = post
        .media
        .into_iter()
        .map(|m| DraftMedia {
            alt: m.alt.filter(|alt| !alt.trim().is_empty()),
            file: m.file,
        })
        .collect();
    let texts: Vec<(String, Spanned<String>)> = match (post.text, post.thread.is_empty()) {
        (Some(text), true) => vec![(label, text)],
        (None, false) => post
            .thread
            .into_iter()
            .enumerate()
            .map(|(i, text)| (format!("{label}/{}", i + 1), text))
            .collect(),
        (Some(_), false) => {
            return Err(DraftError::new(
                Some(at),
                format!(
                    "publication {label} : « text » et « thread » à la fois ; gardez « text » pour une publication seule, « thread » pour un fil."
                ),
                format!(
                    "post {label}: both \"text\" and \"thread\"; keep \"text\" for a single post, \"thread\" for a thread."
                ),
            ));
        }
        (None, true) => {
            return Err(DraftError::new(
                Some(at),
                format!(
                    "publication {label} sans texte : ajoutez « text: … » (ou « thread: » pour un fil)."
                ),
                format!("post {label} has no text: add \"text: …\" (or \"thread:\" for a thread)."),
            ));
        }
    };
    let mut posts = Vec::with_capacity(texts.len());
    let mut media = Some(media);
    for (label, text) in texts {
        let positions = match text.referenced.span().byte_offset() {
            Some(start) => {
                let aligned = align_scalar(
                    &text.value,
                    source,
                    usize::try_from(start).unwrap_or(0),
                    index,
                );
                if let Some(hash) = aligned.comment_after {
                    // Reported, and the post is checked as YAML read it.
                    posts.push(Err(hashtag_read_as_comment(&label, source, hash, index)));
                }
                aligned.positions
            }
            None => super::PositionMap::verbatim(location(&text.referenced)),
        };
        posts.push(Ok(DraftPost {
            label,
            id: post.id.clone(),
            text: text.value,
            // In a thread, the images go with the first post.
            media: media.take().unwrap_or_default(),
            platform,
            date,
            ignore: post.ignore.clone(),
            positions,
        }));
    }
    Ok(posts)
}

/// YAML ends a plain text at ` #`: `text: Fête #VilleExemple` only holds
/// "Fête". The writer meant a hashtag.
fn hashtag_read_as_comment(
    label: &str,
    source: &str,
    hash: usize,
    index: &LineIndex,
) -> DraftError {
    let rest = &source[hash..];
    let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let hashtag = &rest[..word_end];
    DraftError::new(
        Some(index.position(hash)),
        format!(
            "publication {label} : en YAML, « {hashtag} » après une espace commence un commentaire, et la suite du texte est perdue. Mettez le texte entre guillemets : text: \"… {hashtag}\"."
        ),
        format!(
            "post {label}: in YAML, \"{hashtag}\" after a space starts a comment and the rest of the text is lost. Put the text in quotes: text: \"… {hashtag}\"."
        ),
    )
}

fn location(location: &serde_saphyr::Location) -> Position {
    Position {
        line: u32::try_from(location.line()).unwrap_or(u32::MAX).max(1),
        column: u32::try_from(location.column()).unwrap_or(u32::MAX).max(1),
    }
}

pub(crate) fn unknown_platform(name: &str, at: Position) -> DraftError {
    DraftError::new(
        Some(at),
        format!("plateforme inconnue « {name} » : écrivez x, mastodon ou bluesky."),
        format!("unknown platform \"{name}\": write x, mastodon or bluesky."),
    )
}

/// Turns a YAML reading error into a draft error at the right line of the
/// file (`first_line` is the file line of the YAML text's first line).
pub(crate) fn draft_error(
    error: &serde_saphyr::Error,
    first_line: u32,
    what_fr: &str,
    what_en: &str,
    hint_fr: &str,
    hint_en: &str,
) -> DraftError {
    let position = error.location().filter(|l| l.line() > 0).map(|l| {
        let mut at = location(&l);
        at.line = at.line.saturating_add(first_line - 1);
        at
    });
    let detail = plain_message(error);
    let detail_fr = in_french(&detail);
    DraftError::new(
        position,
        format!("{what_fr} : {detail_fr}. {hint_fr}"),
        format!("{what_en}: {detail}. {hint_en}"),
    )
}

/// The error's own words, without the location the report shows anyway.
fn plain_message(error: &serde_saphyr::Error) -> String {
    let text = error.without_snippet().to_string();
    let first = text.lines().next().unwrap_or_default().trim();
    let first = match first.rfind(" at line ") {
        Some(i) => &first[..i],
        None => first,
    };
    first.trim_end_matches('.').to_string()
}

/// The YAML reader's most frequent messages, in French; others are kept as
/// they are.
fn in_french(detail: &str) -> String {
    if let Some(rest) = detail.strip_prefix("unknown field ") {
        return match rest.split_once(", expected one of ") {
            Some((field, expected)) => {
                format!("clé inconnue {field} (clés possibles : {expected})")
            }
            None => format!("clé inconnue {rest}"),
        };
    }
    if let Some(field) = detail.strip_prefix("missing field ") {
        return format!("clé obligatoire absente : {field}");
    }
    match detail {
        "expected string scalar" => "un texte était attendu ici".to_string(),
        "expected sequence start" => {
            "une liste (lignes commençant par « - ») était attendue".to_string()
        }
        "expected mapping start" => "des paires « clé: valeur » étaient attendues".to_string(),
        "unclosed quote" => "guillemet jamais refermé".to_string(),
        other => other.to_string(),
    }
}

/// Maps the characters of a scalar's value to the source, starting where
/// the scalar starts: skips a block indicator line, quotes, indentation and
/// line folding, and decodes escapes, keeping runs copied verbatim exact.
fn align_scalar(value: &str, source: &str, start: usize, index: &LineIndex) -> AlignedScalar {
    let bytes = source.as_bytes();
    let mut j = start.min(source.len());
    let mut quote = None;
    let mut block = false;
    match bytes.get(j) {
        Some(b'|' | b'>') => {
            block = true;
            // Block scalar: the text starts on the next line.
            j = memchr::memchr(b'\n', &bytes[j..]).map_or(source.len(), |i| j + i + 1);
        }
        Some(&q @ (b'"' | b'\'')) => {
            quote = Some(q);
            j += 1;
        }
        _ => {}
    }
    let mut builder = PositionMapBuilder::new();
    for (i, c) in value.char_indices() {
        let mut utf8 = [0u8; 4];
        let encoded = c.encode_utf8(&mut utf8);
        loop {
            if j >= source.len() {
                builder.produced(i, index.position(source.len()));
                break;
            }
            if source[j..].starts_with(&*encoded) && !(quote == Some(b'\'') && c == '\'') {
                builder.verbatim(i, encoded, index.position(j));
                j += encoded.len();
                break;
            }
            match (quote, bytes[j]) {
                (Some(b'"'), b'\\') => {
                    let escape_len = escape_length(&bytes[j..]);
                    if matches!(bytes.get(j + 1), Some(b'\n' | b'\r')) {
                        // A line continuation: no character of the value.
                        j += escape_len;
                        continue;
                    }
                    builder.produced(i, index.position(j));
                    j += escape_len;
                    break;
                }
                (Some(b'\''), b'\'') if bytes.get(j + 1) == Some(&b'\'') => {
                    builder.produced(i, index.position(j));
                    j += 2;
                    break;
                }
                (_, b' ' | b'\t' | b'\r' | b'\n') => {
                    // Indentation or a folded line break.
                    j += 1;
                }
                _ => {
                    // The value does not follow the source here (a folded
                    // break turned into a space): show it where we are.
                    builder.produced(i, index.position(j));
                    break;
                }
            }
        }
    }
    // A plain scalar cut short by ` #…` on its last line.
    let comment_after = if quote.is_none() && !block {
        let line_rest = &source[j.min(source.len())..];
        let line_rest = &line_rest[..line_rest.find('\n').unwrap_or(line_rest.len())];
        let trimmed = line_rest.trim_start_matches([' ', '\t']);
        let hash = j + (line_rest.len() - trimmed.len());
        let spaced = trimmed.len() < line_rest.len();
        let is_word = trimmed
            .strip_prefix('#')
            .and_then(|t| t.chars().next())
            .is_some_and(|c| !c.is_whitespace() && c != '#');
        (spaced && is_word).then_some(hash)
    } else {
        None
    };
    AlignedScalar {
        positions: builder.build(),
        comment_after,
    }
}

struct AlignedScalar {
    positions: super::PositionMap,
    /// Offset of a `#word` comment right after a plain scalar.
    comment_after: Option<usize>,
}

/// Length in bytes of the escape sequence at the start of `bytes` (which
/// starts with a backslash), in a double-quoted YAML scalar.
fn escape_length(bytes: &[u8]) -> usize {
    match bytes.get(1) {
        Some(b'x') => 4,
        Some(b'u') => 6,
        Some(b'U') => 10,
        Some(b'\r') if bytes.get(2) == Some(&b'\n') => 3,
        Some(_) => 2,
        None => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Platform;

    fn posts(source: &str) -> Vec<DraftPost> {
        read(source)
            .into_iter()
            .map(|r| r.expect("no error"))
            .collect()
    }

    fn at(post: &DraftPost, needle: &str) -> Position {
        let offset = post.text.find(needle).expect("needle in text");
        post.positions.locate(&post.text, offset)
    }

    fn pos(line: u32, column: u32) -> Position {
        Position { line, column }
    }

    #[test]
    fn posts_with_their_metadata() {
        let source = "\
- id: marche
  text: 'Le marché ouvre samedi #VilleExemple'
  media:
    - {file: marche.jpg, alt: Chalets sur la place}
    - {file: plan.png}
  scheduled: 2026-12-05 09:00
  platform: mastodon
  ignore: [promotion.missing-link]
- text: \"Deuxième \\\"post\\\" #Ville\"
";
        let posts = posts(source);
        assert_eq!(posts.len(), 2);
        let first = &posts[0];
        assert_eq!(first.label, "marche");
        assert_eq!(first.id.as_deref(), Some("marche"));
        assert_eq!(first.text, "Le marché ouvre samedi #VilleExemple");
        assert_eq!(first.platform, Some(Platform::Mastodon));
        assert_eq!(first.date, Some(jiff::civil::date(2026, 12, 5)));
        assert_eq!(first.media[0].alt.as_deref(), Some("Chalets sur la place"));
        assert_eq!(first.media[1].alt, None);
        assert!(first.ignores("promotion.missing-link"));
        assert_eq!(at(first, "#VilleExemple"), pos(2, 33));
        let second = &posts[1];
        assert_eq!(second.label, "2");
        assert_eq!(second.text, "Deuxième \"post\" #Ville");
        assert_eq!(at(second, "#Ville"), pos(9, 28));
    }

    #[test]
    fn block_scalars_map_to_their_lines() {
        let source = "- text: |\n    Première ligne\n    #VilleExemple en seconde\n- text: >\n    plié\n    ici #Tag\n";
        let posts = posts(source);
        assert_eq!(posts[0].text, "Première ligne\n#VilleExemple en seconde\n");
        assert_eq!(at(&posts[0], "#VilleExemple"), pos(3, 5));
        assert_eq!(posts[1].text, "plié ici #Tag\n");
        assert_eq!(at(&posts[1], "#Tag"), pos(6, 9));
    }

    #[test]
    fn a_thread_is_checked_as_successive_posts() {
        let source = "- id: conseil\n  media: [{file: salle.jpg, alt: La salle du conseil}]\n  thread:\n    - Conseil jeudi 🧵\n    - 'L’ordre du jour : budget'\n";
        let posts = posts(source);
        let labels: Vec<&str> = posts.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["conseil/1", "conseil/2"]);
        assert_eq!(posts[0].media.len(), 1);
        assert!(posts[1].media.is_empty());
        assert_eq!(at(&posts[1], "budget"), pos(5, 26));
    }

    #[test]
    fn a_wrong_type_is_reported_with_its_line() {
        let source = "- text: Un post\n- text: [pas, un, texte]\n";
        let results = read(source);
        assert_eq!(results.len(), 1);
        let error = results[0].as_ref().expect_err("type error");
        assert_eq!(error.position.map(|p| p.line), Some(2), "{error:?}");
        assert!(
            error
                .message
                .fr
                .starts_with("fichier YAML de brouillons illisible")
        );

        let results = read("- txt: faute de frappe\n");
        let error = results[0].as_ref().expect_err("unknown key");
        assert_eq!(error.position.map(|p| p.line), Some(1));
        assert!(error.message.en.contains("txt"), "{}", error.message.en);

        let results = read("text: pas une liste\n");
        assert!(results[0].is_err());
    }

    #[test]
    fn a_post_without_text_does_not_stop_the_others() {
        let source = "- id: vide\n  platform: x\n- text: Bon post\n- text: Mauvaise date\n  scheduled: 31/04/2026\n";
        let results = read(source);
        assert_eq!(results.len(), 3);
        let missing = results[0].as_ref().expect_err("no text");
        assert_eq!(missing.position.map(|p| p.line), Some(1));
        assert!(missing.message.fr.contains("vide"));
        assert_eq!(results[1].as_ref().map(|p| p.text.as_str()), Ok("Bon post"));
        let bad_date = results[2].as_ref().expect_err("bad date");
        assert_eq!(bad_date.position, Some(pos(5, 14)));
    }

    #[test]
    fn a_hashtag_eaten_by_a_comment_is_reported() {
        let results =
            read("- text: Fête de la musique #VilleExemple\n- text: 'Fête #VilleExemple'\n");
        assert_eq!(results.len(), 3);
        let error = results[0].as_ref().expect_err("comment");
        assert_eq!(error.position, Some(pos(1, 28)));
        assert!(error.message.fr.contains("#VilleExemple"));
        assert_eq!(
            results[1].as_ref().map(|p| p.text.as_str()),
            Ok("Fête de la musique")
        );
        assert!(results[2].is_ok());
    }

    #[test]
    fn an_empty_file_has_no_post() {
        assert!(read("").is_empty());
        assert!(read("# rien pour l’instant\n").is_empty());
    }
}
