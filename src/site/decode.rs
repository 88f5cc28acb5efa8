//! Bytes to text for HTML pages, honouring the declared character set.
//!
//! Many French municipal sites are still served in ISO-8859-1 or
//! Windows-1252; reading them as UTF-8 would turn « Hôtel de ville » into
//! replacement characters and hide the words we look for. The order follows
//! the HTML standard: a byte order mark, then the `Content-Type` header, then
//! a `<meta charset>` in the first bytes, then a guess (UTF-8 when the bytes
//! are valid UTF-8, else Windows-1252, the web's default for French).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use scraper::{Html, Selector};

/// How many leading bytes are searched for a `<meta charset>` (the HTML
/// standard says 1024; a little more copes with long comments before it).
const PRESCAN_BYTES: usize = 4096;

/// The decoded text and the encoding used.
pub struct Decoded {
    pub text: String,
    pub encoding: &'static Encoding,
}

/// Decodes an HTML body.
pub fn decode_html(body: &[u8], header_charset: Option<&str>) -> Decoded {
    let encoding = Encoding::for_bom(body)
        .map(|(enc, _)| enc)
        .or_else(|| header_charset.and_then(label_to_encoding))
        .or_else(|| meta_charset(body))
        .unwrap_or_else(|| guess(body));
    // `decode` also removes a byte order mark.
    let (text, used, _had_errors) = encoding.decode(body);
    Decoded {
        text: text.into_owned(),
        encoding: used,
    }
}

/// Decodes a non-HTML text (robots.txt): header charset, else UTF-8 or
/// Windows-1252 by guess.
pub fn decode_text(body: &[u8], header_charset: Option<&str>) -> String {
    let encoding = Encoding::for_bom(body)
        .map(|(enc, _)| enc)
        .or_else(|| header_charset.and_then(label_to_encoding))
        .unwrap_or_else(|| guess(body));
    encoding.decode(body).0.into_owned()
}

fn label_to_encoding(label: &str) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label.trim().as_bytes())?;
    // A page cannot really be UTF-16 if its `<meta>` could be read as
    // ASCII; the standard says to take UTF-8 then.
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        return Some(UTF_8);
    }
    Some(encoding)
}

fn guess(body: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(body).is_ok() {
        UTF_8
    } else {
        WINDOWS_1252
    }
}

/// The encoding named by `<meta charset>` or `<meta http-equiv=content-type>`
/// in the first bytes. Windows-1252 decodes any byte and keeps ASCII as is,
/// which is all the declaration needs; the markup is read by the HTML parser.
fn meta_charset(body: &[u8]) -> Option<&'static Encoding> {
    let head = &body[..body.len().min(PRESCAN_BYTES)];
    let (text, _, _) = WINDOWS_1252.decode(head);
    let doc = Html::parse_document(&text);
    let selector = Selector::parse("meta").ok()?;
    for meta in doc.select(&selector) {
        let el = meta.value();
        if let Some(label) = el.attr("charset") {
            return label_to_encoding(label);
        }
        let is_content_type = el
            .attr("http-equiv")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("content-type"));
        if is_content_type && let Some(content) = el.attr("content") {
            let charset = content.split(';').find_map(|part| {
                let (key, value) = part.split_once('=')?;
                key.trim()
                    .eq_ignore_ascii_case("charset")
                    .then(|| value.trim().trim_matches(['"', '\'']))
            });
            if let Some(label) = charset {
                return label_to_encoding(label);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const LATIN1_PAGE: &[u8] = b"<html><head><meta charset=\"iso-8859-1\"><title>H\xf4tel de ville</title></head><body>Actualit\xe9s</body></html>";

    #[test]
    fn meta_charset_is_honoured() {
        let d = decode_html(LATIN1_PAGE, None);
        assert!(d.text.contains("Hôtel de ville"), "{}", d.text);
        assert!(d.text.contains("Actualités"));
        assert_eq!(d.encoding, WINDOWS_1252);
    }

    #[test]
    fn header_charset_wins_over_meta() {
        let page = "<meta charset=\"iso-8859-1\"><p>Été</p>".as_bytes();
        let d = decode_html(page, Some("utf-8"));
        assert!(d.text.contains("Été"));
    }

    #[test]
    fn http_equiv_declaration_is_read() {
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>f\xeate</p>";
        assert!(decode_html(page, None).text.contains("fête"));
    }

    #[test]
    fn undeclared_bytes_are_guessed() {
        assert!(
            decode_html("<p>crèche</p>".as_bytes(), None)
                .text
                .contains("crèche")
        );
        assert!(
            decode_html(b"<p>cr\xe8che</p>", None)
                .text
                .contains("crèche")
        );
    }
}
