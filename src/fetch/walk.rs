//! Walking the site: the listing of all posts page by page, then each topic's
//! and each research type's listing, to learn which posts belong to which.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::cache::{CachedPage, PageCache};
use super::client::{Answer, Client, FetchError};
use super::site::{SiteLink, parse_listing};
use super::url::{Listing, listing_url};
use crate::archive::{Header, Post};

/// Where a walk reports what it is doing. Nothing here knows about terminals.
pub trait Progress {
    /// About to fetch `url`, described for a person as `doing`.
    fn fetching(&mut self, doing: &str, url: &str);
    /// Counts so far: pages fetched (or found unchanged), posts found.
    fn counts(&mut self, pages: usize, posts: usize);
    /// Something odd that did not stop the walk.
    fn warn(&mut self, message: &str);
}

/// What to walk.
#[derive(Debug, Clone)]
pub struct WalkOptions {
    /// The blog's address (`BASE`).
    pub site: String,
    /// Read at most this many pages of each listing.
    pub max_pages: Option<usize>,
    /// Read every page of the listing of all posts, even when a whole page is
    /// already known.
    pub full: bool,
}

/// The members of one filtered listing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Members {
    /// The ids of the posts it lists.
    pub posts: BTreeSet<String>,
    /// Whether every page was read (only then does leaving a post out mean the
    /// post does not belong).
    pub complete: bool,
    /// Whether every page was unchanged since the last update.
    pub unchanged: bool,
}

/// Everything a walk learnt, even when it stopped half-way.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The header texts of the first page, when it was downloaded.
    pub header: Option<Header>,
    /// The site's topics, in the page's order.
    pub topics: Vec<SiteLink>,
    /// The site's research types, in the page's order.
    pub research_types: Vec<SiteLink>,
    /// The posts read from downloaded pages, once each, in the order found.
    pub posts: Vec<Post>,
    /// Topic name → its members, for each topic listing read.
    pub topic_members: BTreeMap<String, Members>,
    /// Research type name → its members, for each type listing read.
    pub type_members: BTreeMap<String, Members>,
    /// Pages read (downloaded or unchanged).
    pub pages: usize,
    /// Pages the server said were unchanged.
    pub unchanged_pages: usize,
    /// Warnings, each naming the URL it concerns.
    pub warnings: Vec<String>,
}

impl Snapshot {
    /// Whether nothing at all was learnt.
    pub fn is_empty(&self) -> bool {
        self.pages == 0
    }
}

/// A walk's end: what was learnt, and the reason it stopped early, if it did.
#[derive(Debug)]
pub struct WalkResult {
    /// What was learnt.
    pub snapshot: Snapshot,
    /// Why the walk stopped before the end (a failed page, or Ctrl-C).
    pub stopped: Option<FetchError>,
}

/// Walks the site. `known` tells whether a post id is already in the library.
pub fn walk(
    client: &mut Client,
    cache: &mut PageCache,
    options: &WalkOptions,
    known: &dyn Fn(&str) -> bool,
    progress: &mut dyn Progress,
) -> WalkResult {
    let mut walker = Walker {
        client,
        cache,
        options,
        known,
        progress,
        snapshot: Snapshot::default(),
        seen: HashSet::new(),
        page_size: None,
    };
    let stopped = walker.run().err();
    WalkResult {
        snapshot: walker.snapshot,
        stopped,
    }
}

struct Walker<'a> {
    client: &'a mut Client,
    cache: &'a mut PageCache,
    options: &'a WalkOptions,
    known: &'a dyn Fn(&str) -> bool,
    progress: &'a mut dyn Progress,
    snapshot: Snapshot,
    /// Ids of the posts in `snapshot.posts`.
    seen: HashSet<String>,
    /// Posts on a full page of the listing of all posts.
    page_size: Option<usize>,
}

/// One page, read.
struct PageRead {
    posts: Vec<String>,
    unchanged: bool,
}

impl Walker<'_> {
    fn run(&mut self) -> Result<(), FetchError> {
        self.walk_listing(&Listing::All, "the list of posts")?;
        // A cache written before such links were left out may still hold them.
        self.snapshot.topics.retain(|link| !link.clears_filter());
        self.snapshot
            .research_types
            .retain(|link| !link.clears_filter());
        if self.snapshot.topics.is_empty() {
            self.warn(format!(
                "{}: no topic links (cat_2=...) found; topics not updated",
                listing_url(&self.options.site, &Listing::All, 1)
            ));
        }
        if self.snapshot.research_types.is_empty() {
            self.warn(format!(
                "{}: no research type links (cat_1=...) found; types not updated",
                listing_url(&self.options.site, &Listing::All, 1)
            ));
        }
        for link in self.snapshot.topics.clone() {
            let members = self.walk_listing(
                &Listing::Topic(link.id.clone()),
                &format!("topic {:?}", link.name),
            )?;
            self.snapshot.topic_members.insert(link.name, members);
        }
        for link in self.snapshot.research_types.clone() {
            let members = self.walk_listing(
                &Listing::Type(link.id.clone()),
                &format!("research type {:?}", link.name),
            )?;
            self.snapshot.type_members.insert(link.name, members);
        }
        Ok(())
    }

    fn warn(&mut self, message: String) {
        self.progress.warn(&message);
        self.snapshot.warnings.push(message);
    }

    /// Reads a listing page by page until a page has no posts, repeats posts
    /// already seen in it, is shorter than a full page, or (for the list of all
    /// posts, unless `full`) holds only posts already known.
    fn walk_listing(&mut self, listing: &Listing, what: &str) -> Result<Members, FetchError> {
        let mut members = Members {
            unchanged: true,
            ..Members::default()
        };
        let mut page = 1;
        loop {
            if self.options.max_pages.is_some_and(|max| page > max) {
                return Ok(members);
            }
            let url = listing_url(&self.options.site, listing, page);
            self.progress
                .fetching(&format!("reading {what}, page {page}"), &url);
            let read = self.read_page(&url, listing == &Listing::All && page == 1)?;
            members.unchanged &= read.unchanged;
            if read.posts.is_empty() {
                if listing == &Listing::All && page == 1 {
                    self.warn(format!(
                        "{url}: no posts found on the first page; the site may have changed"
                    ));
                }
                members.complete = true;
                return Ok(members);
            }
            if read.posts.iter().all(|id| members.posts.contains(id)) {
                members.complete = true;
                return Ok(members);
            }
            let all_known = read.posts.iter().all(|id| (self.known)(id));
            members.posts.extend(read.posts.iter().cloned());
            let page_size = *self.page_size.get_or_insert(read.posts.len());
            if listing == &Listing::All && all_known && !self.options.full {
                return Ok(members);
            }
            if read.posts.len() < page_size {
                members.complete = true;
                return Ok(members);
            }
            page += 1;
        }
    }

    /// Fetches one page (conditionally when it was read before and every post it
    /// held is still in the library) and returns the ids of its posts.
    fn read_page(&mut self, url: &str, first: bool) -> Result<PageRead, FetchError> {
        let cached = self
            .cache
            .get(url)
            .filter(|c| !c.validators.is_empty() && c.posts.iter().all(|id| (self.known)(id)))
            .cloned();
        let answer = self
            .client
            .get(url, cached.as_ref().map(|c| &c.validators))?;
        self.snapshot.pages += 1;
        let read = match (answer, cached) {
            (Answer::NotModified, Some(cached)) => {
                self.snapshot.unchanged_pages += 1;
                if first {
                    self.snapshot.topics = cached.topic_links.clone();
                    self.snapshot.research_types = cached.type_links.clone();
                }
                PageRead {
                    posts: cached.posts,
                    unchanged: true,
                }
            }
            (Answer::NotModified, None) => {
                // A 304 to an unconditional request: nothing to read.
                self.warn(format!("{url}: the server answered 304 to a plain request"));
                PageRead {
                    posts: Vec::new(),
                    unchanged: false,
                }
            }
            (Answer::Page(page), _) => {
                if page.lossy {
                    self.warn(format!("{url}: some bytes are not UTF-8; replaced"));
                }
                let listing = parse_listing(&page.html);
                for warning in &listing.warnings {
                    self.warn(format!("{url}: {warning}"));
                }
                let (ids, header) = match listing.page {
                    Some(imported) => {
                        let ids: Vec<String> =
                            imported.posts.iter().map(|p| p.id.clone()).collect();
                        for post in imported.posts {
                            if self.seen.insert(post.id.clone()) {
                                self.snapshot.posts.push(post);
                            }
                        }
                        (ids, Some(imported.header))
                    }
                    None => (Vec::new(), None),
                };
                if first {
                    self.snapshot.header = header;
                    self.snapshot.topics = listing.topic_links.clone();
                    self.snapshot.research_types = listing.type_links.clone();
                }
                self.cache.insert(
                    url.to_string(),
                    CachedPage {
                        validators: page.validators,
                        posts: ids.clone(),
                        topic_links: if first {
                            listing.topic_links
                        } else {
                            Vec::new()
                        },
                        type_links: if first {
                            listing.type_links
                        } else {
                            Vec::new()
                        },
                    },
                );
                PageRead {
                    posts: ids,
                    unchanged: false,
                }
            }
        };
        self.progress
            .counts(self.snapshot.pages, self.snapshot.posts.len());
        Ok(read)
    }
}
