//! One listing page of the blog, read: its posts (through the importer's HTML
//! path, as `pprnet import` reads a saved page), and the topic and research
//! type links that name the filtered listings.

use scraper::{Html, Selector};
use serde::{Deserialize, Serialize};

use super::url::{TOPIC_KEY, TYPE_KEY, query_value};
use crate::archive::import::{self, ImportedPage, PageError};

/// A link to a filtered listing: the id in its URL and the name it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteLink {
    /// The `cat_2` or `cat_1` value.
    pub id: String,
    /// The link's text: the topic's or research type's name.
    pub name: String,
}

impl SiteLink {
    /// Whether the link clears the filter rather than naming a topic or type:
    /// "ALL Topics (clear)", or an id of "All" (`?cat_2=All`).
    pub fn clears_filter(&self) -> bool {
        crate::archive::html::clears_filter(&self.id, &self.name)
    }
}

/// What one listing page holds.
#[derive(Debug, Clone)]
pub struct ListingPage {
    /// The page's header and posts; `None` when the page has no posts at all.
    pub page: Option<ImportedPage>,
    /// What the importer noticed (with the line of the page's text).
    pub warnings: Vec<String>,
    /// Links to topic listings, in the page's order.
    pub topic_links: Vec<SiteLink>,
    /// Links (or options) to research type listings, in the page's order.
    pub type_links: Vec<SiteLink>,
}

/// Reads one listing page's HTML.
pub fn parse_listing(html: &str) -> ListingPage {
    let document = Html::parse_document(html);
    let topic_links = links(&document, TOPIC_KEY);
    let mut type_links = links(&document, TYPE_KEY);
    for option in options(&document, TYPE_KEY) {
        if !type_links.iter().any(|l| l.id == option.id) {
            type_links.push(option);
        }
    }
    // The same path as `pprnet import` of a saved HTML page.
    let (page, warnings) = match import::read_page(html.as_bytes()) {
        Ok((page, warnings)) => (Some(page), warnings.iter().map(|w| w.to_string()).collect()),
        Err(PageError::NoPosts) => (None, Vec::new()),
        Err(other) => (None, vec![other.to_string()]),
    };
    ListingPage {
        page,
        warnings,
        topic_links,
        type_links,
    }
}

/// The `<a href>` links whose query has `key`, one per id, in document order.
fn links(document: &Html, key: &str) -> Vec<SiteLink> {
    let selector = Selector::parse("a[href]").expect("a valid selector");
    let mut found: Vec<SiteLink> = Vec::new();
    for anchor in document.select(&selector) {
        let Some(id) = anchor
            .value()
            .attr("href")
            .and_then(|h| query_value(h, key))
        else {
            continue;
        };
        let name = anchor.text().collect::<Vec<_>>().join(" ");
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let link = SiteLink {
            id: id.to_string(),
            name,
        };
        if !link.name.is_empty() && !link.clears_filter() && !found.iter().any(|l| l.id == id) {
            found.push(link);
        }
    }
    found
}

/// The `<option value>`s of a `<select name=key>`, skipping empty values.
fn options(document: &Html, key: &str) -> Vec<SiteLink> {
    let selector = Selector::parse("select option[value]").expect("a valid selector");
    document
        .select(&selector)
        .filter(|option| {
            option
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|e| e.value().name() == "select" && e.value().attr("name") == Some(key))
        })
        .filter_map(|option| {
            let id = option.value().attr("value")?.trim();
            let name = option.text().collect::<String>();
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            let plain = !id.is_empty()
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            (plain && !name.is_empty()).then(|| SiteLink {
                id: id.to_string(),
                name,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><body>
        <h1>Blog</h1><p>Welcome to the blog.</p>
        <h3>Type of Research</h3>
        <select name="cat_1"><option value="">All</option><option value="3">Meta-analysis</option></select>
        <ul><li><a href="/blog?cat_1=5&amp;p=1">Qualitative study</a></li></ul>
        <h3>Topics</h3>
        <ul><li><a href="/blog">ALL Topics (clear)</a></li>
            <li><a href="/blog?cat_2=All">ALL Topics (clear)</a></li>
            <li><a href="/blog?cat_2=all&amp;p=1">All topics</a></li>
            <li><a href="/blog?cat_2=12">Empathy</a></li>
            <li><a href="?cat_2=14">  Training
               </a></li></ul>
        <h2>May 2024</h2>
        <h3>A Fictional Study of Waiting Rooms</h3>
        <p>Doe, J. (2024). Waiting rooms. Journal of Tests, 1(2), 3-4. https://doi.org/10.0000/test.1</p>
        <p>A summary.</p><h4>Practice Implications</h4><p>An implication.</p>
        </body></html>"#;

    #[test]
    fn a_listing_gives_posts_and_links() {
        let listing = parse_listing(PAGE);
        let page = listing.page.unwrap();
        assert_eq!(page.posts.len(), 1);
        assert_eq!(
            page.posts[0].id,
            "2024-05-a-fictional-study-of-waiting-rooms"
        );
        assert_eq!(page.topics, ["Empathy", "Training"]);
        let names = |links: &[SiteLink]| {
            links
                .iter()
                .map(|l| format!("{}={}", l.id, l.name))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&listing.topic_links), ["12=Empathy", "14=Training"]);
        assert_eq!(
            names(&listing.type_links),
            ["5=Qualitative study", "3=Meta-analysis"]
        );
    }

    #[test]
    fn a_page_with_no_posts_has_none() {
        let listing = parse_listing("<html><body><p>No posts found.</p></body></html>");
        assert!(listing.page.is_none());
        assert!(listing.topic_links.is_empty());
    }
}
