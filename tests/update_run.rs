//! One whole update (lock, walk, merge, cache) against a fictional blog served
//! on 127.0.0.1, with a library kept in memory.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use pprnet::fetch::update::LOCK_FILE_NAME;
use pprnet::fetch::{
    ClientConfig, FetchError, Merged, Progress, SiteLibrary, Snapshot, UpdateError, UpdateOptions,
    update,
};

#[path = "common/blog.rs"]
mod blog;
#[path = "common/http.rs"]
mod http;

use blog::Blog;
use http::{Fault, Server};

/// A library in memory: post ids and their topics from the site.
#[derive(Default)]
struct Memory {
    posts: BTreeMap<String, Vec<String>>,
    merges: usize,
}

impl SiteLibrary for Memory {
    fn contains(&self, id: &str) -> bool {
        self.posts.contains_key(id)
    }

    fn merge(&mut self, snapshot: &Snapshot) -> Result<Merged, String> {
        self.merges += 1;
        let mut merged = Merged::default();
        for post in &snapshot.posts {
            if self.posts.insert(post.id.clone(), Vec::new()).is_none() {
                merged.added.push(post.id.clone());
            }
        }
        for (topic, members) in &snapshot.topic_members {
            for id in &members.posts {
                if let Some(topics) = self.posts.get_mut(id)
                    && !topics.contains(topic)
                {
                    topics.push(topic.clone());
                    topics.sort();
                }
            }
        }
        Ok(merged)
    }
}

/// Stops the walk (as Ctrl-C does) once `after` pages were read.
struct StopAfter {
    after: usize,
    cancel: Arc<AtomicBool>,
}

impl Progress for StopAfter {
    fn fetching(&mut self, _doing: &str, _url: &str) {}
    fn counts(&mut self, pages: usize, _posts: usize) {
        if pages >= self.after {
            self.cancel.store(true, Ordering::SeqCst);
        }
    }
    fn warn(&mut self, _message: &str) {}
}

fn options(site: &str) -> UpdateOptions {
    let mut options = UpdateOptions::new(site, None, Duration::ZERO, false);
    options.client = ClientConfig {
        request_timeout: Duration::from_millis(400),
        connect_timeout: Duration::from_millis(500),
        backoff: Duration::from_millis(10),
        ..options.client
    };
    options
}

fn run(
    server_site: &str,
    dir: &std::path::Path,
    library: &mut Memory,
    stop_after: usize,
) -> Result<pprnet::fetch::Summary, UpdateError> {
    let cancel = Arc::new(AtomicBool::new(false));
    let mut progress = StopAfter {
        after: stop_after,
        cancel: Arc::clone(&cancel),
    };
    update(dir, &options(server_site), library, cancel, &mut progress)
}

#[test]
fn an_update_fills_the_library_and_a_second_one_downloads_nothing() {
    let server = Server::start(Blog::new());
    let dir = tempfile::tempdir().unwrap();
    let mut library = Memory::default();
    let summary = run(&server.site(), dir.path(), &mut library, usize::MAX).unwrap();
    assert!(summary.stopped.is_none());
    assert_eq!(summary.merged.added.len(), 8);
    assert_eq!(summary.topic_listings, 6);
    assert_eq!(summary.unchanged_topic_listings, 0);
    let expected: BTreeMap<String, Vec<String>> = Blog::new()
        .memberships()
        .into_iter()
        .map(|(id, topics)| (id, topics.iter().map(|t| t.to_string()).collect()))
        .collect();
    assert_eq!(library.posts, expected);
    assert!(
        summary
            .line()
            .starts_with("8 new posts, 0 updated, 6 topic listings read (0 unchanged) in ")
    );
    server.take_hits();

    let again = run(&server.site(), dir.path(), &mut library, usize::MAX).unwrap();
    assert_eq!(again.counts.downloaded, 0);
    assert!(
        server
            .take_hits()
            .iter()
            .all(|h| h.status == 304 && !h.body)
    );
    assert_eq!(again.unchanged_topic_listings, 6);
    assert!(
        again
            .line()
            .starts_with("0 new posts, 0 updated, 6 topic listings read (6 unchanged)")
    );
}

#[test]
fn a_refused_connection_changes_nothing() {
    let site = format!("http://127.0.0.1:{}/pprnet/blog", http::refused_port());
    let dir = tempfile::tempdir().unwrap();
    let mut library = Memory::default();
    let error = run(&site, dir.path(), &mut library, usize::MAX).unwrap_err();
    let message = error.to_string();
    assert!(message.starts_with("cannot reach 127.0.0.1"), "{message}");
    assert!(message.ends_with("; nothing changed"), "{message}");
    assert!(message.contains(&site), "{message}");
    assert_eq!(library.merges, 0, "the library was not touched");
    assert!(!dir.path().join("fetch-cache.ron").exists());
}

#[test]
fn a_failure_half_way_keeps_the_pages_read_before() {
    let server = Server::start(Blog::new());
    server.fault("/pprnet/blog?p=3", Fault::Truncated);
    let dir = tempfile::tempdir().unwrap();
    let mut library = Memory::default();
    let summary = run(&server.site(), dir.path(), &mut library, usize::MAX).unwrap();
    let error = summary.stopped.unwrap();
    assert!(error.to_string().contains("?p=3"), "{error}");
    assert_eq!(summary.merged.added.len(), 6, "pages 1 and 2");
    assert_eq!(library.posts.len(), 6);
    assert_eq!(summary.topic_listings, 0);

    // The next update carries on: pages 1 and 2 are known (and unchanged), so
    // only --full reads page 3; topic listings bring in the rest too.
    server.with(|s| s.faults.clear());
    let next = run(&server.site(), dir.path(), &mut library, usize::MAX).unwrap();
    assert!(next.stopped.is_none());
    assert_eq!(library.posts.len(), 8);
}

#[test]
fn ctrl_c_stops_cleanly_keeping_what_was_read() {
    let server = Server::start(Blog::new());
    let dir = tempfile::tempdir().unwrap();
    let mut library = Memory::default();
    let summary = run(&server.site(), dir.path(), &mut library, 1).unwrap();
    assert_eq!(summary.stopped, Some(FetchError::Cancelled));
    assert_eq!(library.posts.len(), 3, "the first page's posts");
    assert_eq!(server.take_hits().len(), 1, "no request after Ctrl-C");
}

#[test]
fn a_second_update_at_the_same_time_says_one_is_running() {
    let server = Server::start(Blog::new());
    let dir = tempfile::tempdir().unwrap();
    let held = std::fs::File::create(dir.path().join(LOCK_FILE_NAME)).unwrap();
    held.lock().unwrap();
    let mut library = Memory::default();
    let error = run(&server.site(), dir.path(), &mut library, usize::MAX).unwrap_err();
    assert!(matches!(error, UpdateError::Busy(_)));
    assert!(
        error
            .to_string()
            .contains("another `pprnet update` is running")
    );
    assert!(server.take_hits().is_empty());
    drop(held);
    assert!(run(&server.site(), dir.path(), &mut library, usize::MAX).is_ok());
}

#[test]
fn the_default_site_is_https_only() {
    let options = UpdateOptions::new(pprnet::fetch::DEFAULT_SITE, None, Duration::ZERO, false);
    assert!(options.client.https_only);
    let local = UpdateOptions::new("http://127.0.0.1:9/blog", None, Duration::ZERO, false);
    assert!(!local.client.https_only);
}
