//! One `pprnet update`: take the update lock, walk the site, hand what was read
//! to the library, then remember the pages in the cache. A failure half-way
//! keeps every page already read; a failure before anything was read changes
//! nothing.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use super::cache::PageCache;
use super::client::{Client, ClientConfig, Counts, FetchError};
use super::url::{DEFAULT_SITE, WebUrl};
use super::walk::{Progress, Snapshot, WalkOptions, walk};

/// The lock file that keeps two updates of one data directory apart.
pub const LOCK_FILE_NAME: &str = "update.lock";

/// Where the posts an update reads go: the library of the data directory.
pub trait SiteLibrary {
    /// Whether a post with this id is already there (bundled or in the library).
    fn contains(&self, id: &str) -> bool;
    /// Adds and updates the snapshot's posts and applies what the site says of
    /// topics and research types, saving the library. Returns what changed.
    fn merge(&mut self, snapshot: &Snapshot) -> Result<Merged, String>;
}

/// What a merge changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// Ids of posts added.
    pub added: Vec<String>,
    /// Ids of posts whose text changed.
    pub updated: Vec<String>,
    /// Ids of posts whose topics or research type the site changed.
    pub retagged: Vec<String>,
    /// What the library could not take from the site (an unknown research type).
    pub warnings: Vec<String>,
}

/// What to update from, and how.
#[derive(Debug, Clone)]
pub struct UpdateOptions {
    /// The site and how far to walk it.
    pub walk: WalkOptions,
    /// The HTTP client's settings.
    pub client: ClientConfig,
}

impl UpdateOptions {
    /// Options for `site` with the default client settings (https only for the
    /// default site), `delay` between requests.
    pub fn new(site: &str, max_pages: Option<usize>, delay: Duration, full: bool) -> Self {
        let https_only = WebUrl::parse(site)
            .ok()
            .zip(WebUrl::parse(DEFAULT_SITE).ok())
            .is_some_and(|(site, default)| site.host == default.host);
        UpdateOptions {
            walk: WalkOptions {
                site: super::url::site_base(site),
                max_pages,
                full,
            },
            client: ClientConfig {
                delay,
                https_only,
                ..ClientConfig::default()
            },
        }
    }
}

/// What an update did.
#[derive(Debug, Clone)]
pub struct Summary {
    /// What the library took.
    pub merged: Merged,
    /// Topic listings read to the end.
    pub topic_listings: usize,
    /// Of those, the ones unchanged since the last update.
    pub unchanged_topic_listings: usize,
    /// Research type listings read to the end.
    pub type_listings: usize,
    /// Posts found on downloaded pages.
    pub posts_read: usize,
    /// Pages read (downloaded or unchanged).
    pub pages: usize,
    /// What the HTTP client did.
    pub counts: Counts,
    /// How long the update took.
    pub elapsed: Duration,
    /// Warnings, each naming its URL.
    pub warnings: Vec<String>,
    /// Why the update stopped early, if it did; what was read before was kept.
    pub stopped: Option<FetchError>,
}

impl Summary {
    /// The one-line summary: `12 new posts, 3 updated, 36 topic listings read
    /// (5 unchanged) in 48 s`.
    pub fn line(&self) -> String {
        format!(
            "{} new post{}, {} updated, {} topic listing{} read ({} unchanged) in {} s",
            self.merged.added.len(),
            if self.merged.added.len() == 1 {
                ""
            } else {
                "s"
            },
            self.merged.updated.len(),
            self.topic_listings,
            if self.topic_listings == 1 { "" } else { "s" },
            self.unchanged_topic_listings,
            self.elapsed.as_secs()
        )
    }
}

/// Why an update did nothing at all.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// Another update of the same data directory is running.
    #[error("another `pprnet update` is running (it holds {}); nothing changed", .0.display())]
    Busy(PathBuf),
    /// The lock file could not be made.
    #[error("{}: cannot lock: {source}; nothing changed", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The first page could not be read.
    #[error("{0}; nothing changed")]
    Fetch(FetchError),
    /// The library could not take the posts.
    #[error("{0}; nothing changed")]
    Library(String),
}

/// Runs one update of the library in `data_dir`.
pub fn update(
    data_dir: &Path,
    options: &UpdateOptions,
    library: &mut dyn SiteLibrary,
    cancel: Arc<AtomicBool>,
    progress: &mut dyn Progress,
) -> Result<Summary, UpdateError> {
    let start = Instant::now();
    let _lock = lock(data_dir)?;
    let site =
        WebUrl::parse(&options.walk.site).map_err(|e| UpdateError::Fetch(FetchError::BadUrl(e)))?;
    let (mut cache, cache_warning) = PageCache::open(data_dir);
    if let Some(warning) = &cache_warning {
        progress.warn(warning);
    }
    let mut client = Client::new(&site, options.client.clone(), cancel);
    let result = walk(
        &mut client,
        &mut cache,
        &options.walk,
        &|id| library.contains(id),
        progress,
    );
    let snapshot = result.snapshot;
    if snapshot.is_empty()
        && let Some(error) = result.stopped
    {
        return Err(UpdateError::Fetch(error));
    }
    let merged = library.merge(&snapshot).map_err(UpdateError::Library)?;
    for warning in &merged.warnings {
        progress.warn(warning);
    }
    if let Err(e) = cache.save() {
        progress.warn(&format!(
            "{}: cannot save the page cache: {e}; the next update downloads every page again",
            data_dir.join(super::cache::FILE_NAME).display()
        ));
    }
    let complete = snapshot.topic_members.values().filter(|m| m.complete);
    let (topic_listings, unchanged_topic_listings) = complete.fold((0, 0), |(all, same), m| {
        (all + 1, same + usize::from(m.unchanged))
    });
    let mut warnings: Vec<String> = cache_warning.into_iter().collect();
    warnings.extend(snapshot.warnings.iter().cloned());
    warnings.extend(merged.warnings.iter().cloned());
    Ok(Summary {
        merged,
        topic_listings,
        unchanged_topic_listings,
        type_listings: snapshot
            .type_members
            .values()
            .filter(|m| m.complete)
            .count(),
        posts_read: snapshot.posts.len(),
        pages: snapshot.pages,
        counts: client.counts(),
        elapsed: start.elapsed(),
        warnings,
        stopped: result.stopped,
    })
}

/// Takes the update lock of `data_dir`, or says that another update holds it.
fn lock(data_dir: &Path) -> Result<File, UpdateError> {
    let path = data_dir.join(LOCK_FILE_NAME);
    let file = std::fs::create_dir_all(data_dir)
        .and_then(|()| {
            OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
        })
        .map_err(|source| UpdateError::Lock {
            path: path.clone(),
            source,
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(TryLockError::WouldBlock) => Err(UpdateError::Busy(path)),
        Err(TryLockError::Error(source)) => Err(UpdateError::Lock { path, source }),
    }
}
