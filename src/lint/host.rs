//! The host part of a web address, as the link rules compare it.

/// The domain of a web address, lower case, in ASCII (IDNA), without a
/// leading `www.`: `https://WWW.Ville-Exemple.fr/agenda` → `ville-exemple.fr`.
/// Accepts addresses without a scheme (`ville-exemple.fr/agenda`), as posts
/// often write them. `None` when there is no plausible domain.
pub fn domain_of(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = strip_scheme(url);
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let mut host = &rest[..end];
    if let Some(at) = host.rfind('@') {
        host = &host[at + 1..];
    }
    if let Some(colon) = host.rfind(':')
        && host[colon + 1..].chars().all(|c| c.is_ascii_digit())
    {
        host = &host[..colon];
    }
    let host = host.trim_end_matches('.');
    if host.is_empty() || !host.contains('.') || host.starts_with('.') || host.contains("..") {
        return None;
    }
    if host
        .chars()
        .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    {
        return None;
    }
    let ascii = if host.is_ascii() {
        host.to_ascii_lowercase()
    } else {
        idna::domain_to_ascii(host).ok()?
    };
    if !ascii
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return None;
    }
    let ascii = ascii
        .strip_prefix("www.")
        .map(str::to_string)
        .unwrap_or(ascii);
    Some(ascii)
}

/// True when `domain` is `site` or one of its subdomains
/// (`agenda.ville-exemple.fr` is on `ville-exemple.fr`).
pub fn is_on_domain(domain: &str, site: &str) -> bool {
    domain == site
        || (domain.len() > site.len()
            && domain.ends_with(site)
            && domain.as_bytes()[domain.len() - site.len() - 1] == b'.')
}

fn strip_scheme(url: &str) -> &str {
    for scheme in ["https://", "http://", "//"] {
        if url.len() >= scheme.len() && url[..scheme.len()].eq_ignore_ascii_case(scheme) {
            return &url[scheme.len()..];
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_normalised() {
        assert_eq!(
            domain_of("https://WWW.Ville-Exemple.fr/agenda?x=1").as_deref(),
            Some("ville-exemple.fr")
        );
        assert_eq!(
            domain_of("ville-exemple.fr").as_deref(),
            Some("ville-exemple.fr")
        );
        assert_eq!(domain_of("http://bit.ly:80/abc").as_deref(), Some("bit.ly"));
        assert_eq!(
            domain_of("https://mairie-saint-étienne.fr").as_deref(),
            Some("xn--mairie-saint-tienne-nzb.fr")
        );
        assert_eq!(domain_of("pas un site"), None);
        assert_eq!(domain_of("https://"), None);
        assert_eq!(domain_of("localhost"), None);
    }

    #[test]
    fn subdomains_are_on_the_site() {
        assert!(is_on_domain("agenda.ville-exemple.fr", "ville-exemple.fr"));
        assert!(is_on_domain("ville-exemple.fr", "ville-exemple.fr"));
        assert!(!is_on_domain("fausse-ville-exemple.fr", "ville-exemple.fr"));
        assert!(!is_on_domain("exemple.fr", "ville-exemple.fr"));
    }
}
