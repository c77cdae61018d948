//! `fetch-cache.ron` in the data directory: for each listing page read before,
//! the validators the server gave (ETag, Last-Modified) and what the page held,
//! so an unchanged page is neither downloaded nor parsed again.
//!
//! The cache holds nothing a person made: a damaged or unreadable cache is
//! reported and replaced, never trusted. It is written atomically, and only
//! after the library has taken the posts the pages held.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::client::Validators;
use super::site::SiteLink;
use crate::fsutil::write_atomic;

/// The cache file's name in the data directory.
pub const FILE_NAME: &str = "fetch-cache.ron";

/// The cache format this build reads and writes.
const FORMAT_VERSION: u32 = 1;

/// What is remembered of one listing page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedPage {
    /// What the server said about the page's version.
    pub validators: Validators,
    /// The ids of the posts on the page, in the page's order.
    pub posts: Vec<String>,
    /// The topic links on the page (kept for the first page of the site only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topic_links: Vec<SiteLink>,
    /// The research type links on the page (first page of the site only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub type_links: Vec<SiteLink>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct CacheFile {
    version: u32,
    pages: BTreeMap<String, CachedPage>,
}

/// The page cache of one data directory.
#[derive(Debug)]
pub struct PageCache {
    path: PathBuf,
    pages: BTreeMap<String, CachedPage>,
}

impl PageCache {
    /// Reads `DIR/fetch-cache.ron`. A missing file is an empty cache; a file that
    /// cannot be read or parsed gives an empty cache and a warning naming it.
    pub fn open(dir: &Path) -> (PageCache, Option<String>) {
        let path = dir.join(FILE_NAME);
        let (pages, warning) = match std::fs::read_to_string(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (BTreeMap::new(), None),
            Err(e) => (BTreeMap::new(), Some(format!("cannot read it: {e}"))),
            Ok(text) => match ron::from_str::<CacheFile>(&text) {
                Ok(file) if file.version == FORMAT_VERSION => (file.pages, None),
                Ok(file) => (
                    BTreeMap::new(),
                    Some(format!("unknown cache version {}", file.version)),
                ),
                Err(e) => (BTreeMap::new(), Some(format!("damaged: {e}"))),
            },
        };
        let warning =
            warning.map(|why| format!("{}: {why}; every page is downloaded again", path.display()));
        (PageCache { path, pages }, warning)
    }

    /// What is remembered of `url`.
    pub fn get(&self, url: &str) -> Option<&CachedPage> {
        self.pages.get(url)
    }

    /// Remembers `page` for `url`.
    pub fn insert(&mut self, url: String, page: CachedPage) {
        self.pages.insert(url, page);
    }

    /// Writes the cache atomically.
    pub fn save(&self) -> std::io::Result<()> {
        let file = CacheFile {
            version: FORMAT_VERSION,
            pages: self.pages.clone(),
        };
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::default())
            .map_err(std::io::Error::other)?;
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        write_atomic(&self.path, text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_survives_a_round_trip_and_a_damaged_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let (mut cache, warning) = PageCache::open(dir.path());
        assert!(warning.is_none());
        let page = CachedPage {
            validators: Validators {
                etag: Some("\"abc\"".into()),
                last_modified: None,
            },
            posts: vec!["2024-01-a".into()],
            topic_links: vec![SiteLink {
                id: "7".into(),
                name: "Empathy".into(),
            }],
            type_links: Vec::new(),
        };
        cache.insert("http://h/b?p=1".into(), page.clone());
        cache.save().unwrap();
        let (again, _) = PageCache::open(dir.path());
        assert_eq!(again.get("http://h/b?p=1"), Some(&page));

        std::fs::write(dir.path().join(FILE_NAME), "(version: 1, pages: {").unwrap();
        let (damaged, warning) = PageCache::open(dir.path());
        assert!(damaged.get("http://h/b?p=1").is_none());
        assert!(warning.unwrap().contains(FILE_NAME));
    }
}
