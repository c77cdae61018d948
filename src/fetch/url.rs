//! The few URL operations `update` needs: the host of a URL, listing URLs in the
//! site's scheme (`BASE?p=N`, `BASE?cat_2=ID&p=N`), query values of links, and
//! where a redirect points.

use ureq::http::Uri;

/// The blog `update` reads unless `--site` names another.
pub const DEFAULT_SITE: &str = "https://socialsciences.uottawa.ca/pprnet/blog";

/// A parsed `http` or `https` URL: enough to compare hosts and follow redirects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebUrl {
    /// `http` or `https`.
    pub scheme: String,
    /// The host name, lower case, without the port.
    pub host: String,
    /// `host` or `host:port`, as written.
    pub authority: String,
    /// The path and query (`/pprnet/blog?p=2`).
    pub path_and_query: String,
}

impl WebUrl {
    /// Parses an absolute `http://` or `https://` URL.
    pub fn parse(text: &str) -> Result<WebUrl, String> {
        let uri: Uri = text
            .parse()
            .map_err(|e| format!("{text:?} is not a URL: {e}"))?;
        let scheme = uri.scheme_str().unwrap_or_default().to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(format!("{text:?} is not an http:// or https:// URL"));
        }
        let authority = uri
            .authority()
            .ok_or_else(|| format!("{text:?} has no host"))?;
        Ok(WebUrl {
            scheme,
            host: authority.host().to_ascii_lowercase(),
            authority: authority.as_str().to_string(),
            path_and_query: uri
                .path_and_query()
                .map_or("/".to_string(), |p| p.as_str().to_string()),
        })
    }

    /// Where `location` (a redirect's target, absolute or relative to this URL's
    /// host) points.
    pub fn join(&self, location: &str) -> Result<WebUrl, String> {
        if location.starts_with("http://") || location.starts_with("https://") {
            WebUrl::parse(location)
        } else if let Some(rest) = location.strip_prefix("//") {
            WebUrl::parse(&format!("{}://{rest}", self.scheme))
        } else if location.starts_with('/') {
            WebUrl::parse(&format!("{}://{}{location}", self.scheme, self.authority))
        } else if location.starts_with('?') {
            let path = self.path_and_query.split('?').next().unwrap_or("/");
            WebUrl::parse(&format!(
                "{}://{}{path}{location}",
                self.scheme, self.authority
            ))
        } else {
            let path = self.path_and_query.split('?').next().unwrap_or("/");
            let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            WebUrl::parse(&format!(
                "{}://{}{dir}{location}",
                self.scheme, self.authority
            ))
        }
    }

    /// Whether this URL talks to the machine itself (127.0.0.0/8, ::1, localhost).
    pub fn is_loopback(&self) -> bool {
        let host = self.host.trim_start_matches('[').trim_end_matches(']');
        host == "localhost"
            || host
                .parse::<std::net::IpAddr>()
                .is_ok_and(|ip| ip.is_loopback())
    }
}

impl std::fmt::Display for WebUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}://{}{}",
            self.scheme, self.authority, self.path_and_query
        )
    }
}

/// Which of the site's listings a URL shows.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Listing {
    /// Every post, newest first: `BASE?p=N`.
    All,
    /// The posts of one topic: `BASE?cat_2=ID&p=N`.
    Topic(String),
    /// The posts of one type of research: `BASE?cat_1=ID&p=N`.
    Type(String),
}

/// The query key of topic links.
pub const TOPIC_KEY: &str = "cat_2";
/// The query key of research type links.
pub const TYPE_KEY: &str = "cat_1";

/// The URL of page `page` (from 1) of `listing` on the site at `base`.
pub fn listing_url(base: &str, listing: &Listing, page: usize) -> String {
    let separator = if base.contains('?') { '&' } else { '?' };
    match listing {
        Listing::All => format!("{base}{separator}p={page}"),
        Listing::Topic(id) => format!("{base}{separator}{TOPIC_KEY}={id}&p={page}"),
        Listing::Type(id) => format!("{base}{separator}{TYPE_KEY}={id}&p={page}"),
    }
}

/// The blog's address as `--site` gives it, made a base for [`listing_url`]:
/// without a fragment, the listing's own keys (`p`, `cat_1`, `cat_2`: the
/// address of a listing page pasted from the browser) or a trailing `/`.
/// Other query keys (`?lang=en`) stay.
pub fn site_base(site: &str) -> String {
    let site = site.split('#').next().unwrap_or_default();
    let (path, query) = site.split_once('?').unwrap_or((site, ""));
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let key = pair.split('=').next().unwrap_or_default();
            !pair.is_empty() && !["p", TOPIC_KEY, TYPE_KEY].contains(&key)
        })
        .collect();
    let path = path.trim_end_matches('/');
    if kept.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", kept.join("&"))
    }
}

/// The value of `key` in a link's query (`?cat_2=12&p=1` gives `12` for
/// `cat_2`), when it is a plain id (letters, digits, `-` and `_`).
pub fn query_value<'a>(href: &'a str, key: &str) -> Option<&'a str> {
    let query = href.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or_default();
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| k.strip_prefix("amp;").unwrap_or(k) == key)
        .map(|(_, v)| v)
        .filter(|v| {
            !v.is_empty()
                && v.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_urls_follow_the_site_scheme() {
        let base = "https://example.org/pprnet/blog";
        assert_eq!(
            listing_url(base, &Listing::All, 3),
            "https://example.org/pprnet/blog?p=3"
        );
        assert_eq!(
            listing_url(base, &Listing::Topic("12".into()), 1),
            "https://example.org/pprnet/blog?cat_2=12&p=1"
        );
        assert_eq!(
            listing_url("http://h/b?lang=en", &Listing::Type("4".into()), 2),
            "http://h/b?lang=en&cat_1=4&p=2"
        );
    }

    #[test]
    fn a_listing_address_pasted_as_the_site_gives_the_blog() {
        for pasted in [
            "https://example.org/pprnet/blog",
            "https://example.org/pprnet/blog/",
            "https://example.org/pprnet/blog?p=2",
            "https://example.org/pprnet/blog?cat_2=113&p=1#top",
            "https://example.org/pprnet/blog/?cat_1=4",
        ] {
            assert_eq!(
                site_base(pasted),
                "https://example.org/pprnet/blog",
                "{pasted}"
            );
        }
        assert_eq!(site_base("http://h/b?lang=en&p=3"), "http://h/b?lang=en");
        assert_eq!(
            listing_url(&site_base("http://h/b?p=2"), &Listing::All, 1),
            "http://h/b?p=1"
        );
    }

    #[test]
    fn query_values_are_plain_ids_only() {
        assert_eq!(query_value("/blog?cat_2=12&p=1", "cat_2"), Some("12"));
        assert_eq!(query_value("?p=1&amp;cat_1=7#top", "cat_1"), Some("7"));
        assert_eq!(query_value("/blog?cat_2=", "cat_2"), None);
        assert_eq!(query_value("/blog?cat_2=1%3Cx", "cat_2"), None);
        assert_eq!(query_value("/blog", "cat_2"), None);
    }

    #[test]
    fn redirect_targets_resolve_against_the_page() {
        let page = WebUrl::parse("http://127.0.0.1:8080/pprnet/blog?p=2").unwrap();
        assert_eq!(
            page.join("/other?p=1").unwrap().to_string(),
            "http://127.0.0.1:8080/other?p=1"
        );
        assert_eq!(
            page.join("?p=3").unwrap().to_string(),
            "http://127.0.0.1:8080/pprnet/blog?p=3"
        );
        assert_eq!(
            page.join("list").unwrap().to_string(),
            "http://127.0.0.1:8080/pprnet/list"
        );
        let away = page.join("https://Elsewhere.example/x").unwrap();
        assert_eq!(away.host, "elsewhere.example");
        assert!(page.is_loopback() && !away.is_loopback());
        assert!(WebUrl::parse("ftp://x/y").is_err());
    }
}
