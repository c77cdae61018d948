//! The site walker and HTTP client against a fictional blog served on 127.0.0.1.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use pprnet::fetch::cache::PageCache;
use pprnet::fetch::url::WebUrl;
use pprnet::fetch::{Client, ClientConfig, FetchError, Progress, WalkOptions, WalkResult, walk};

#[path = "common/blog.rs"]
mod blog;
#[path = "common/http.rs"]
mod http;

use blog::Blog;
use http::{Fault, Server};

/// Collects warnings; ignores the rest.
#[derive(Default)]
struct Quiet {
    warnings: Vec<String>,
}

impl Progress for Quiet {
    fn fetching(&mut self, _doing: &str, _url: &str) {}
    fn counts(&mut self, _pages: usize, _posts: usize) {}
    fn warn(&mut self, message: &str) {
        self.warnings.push(message.to_string());
    }
}

/// Fast settings for tests: short timeouts and pauses, no delay.
fn fast() -> ClientConfig {
    ClientConfig {
        connect_timeout: Duration::from_millis(500),
        request_timeout: Duration::from_millis(400),
        backoff: Duration::from_millis(10),
        delay: Duration::ZERO,
        ..ClientConfig::default()
    }
}

fn run(server: &Server, cache: &mut PageCache, known: &HashSet<String>, full: bool) -> WalkResult {
    run_with(&server.site(), cache, known, full, fast())
}

fn run_with(
    site: &str,
    cache: &mut PageCache,
    known: &HashSet<String>,
    full: bool,
    config: ClientConfig,
) -> WalkResult {
    let url = WebUrl::parse(site).unwrap();
    let mut client = Client::new(&url, config, Arc::new(AtomicBool::new(false)));
    let options = WalkOptions {
        site: site.to_string(),
        max_pages: None,
        full,
    };
    walk(
        &mut client,
        cache,
        &options,
        &|id| known.contains(id),
        &mut Quiet::default(),
    )
}

/// Topic → post ids, as the walk learnt them.
fn learnt(result: &WalkResult) -> BTreeMap<String, Vec<&'static str>> {
    let mut by_post: BTreeMap<String, Vec<&'static str>> = BTreeMap::new();
    let names: Vec<&'static str> = Blog::new().topics.iter().map(|t| t.1).collect();
    for (topic, members) in &result.snapshot.topic_members {
        assert!(members.complete, "{topic} read to the end");
        let name = names.iter().find(|n| *n == topic).expect("a fixture topic");
        for id in &members.posts {
            by_post.entry(id.clone()).or_default().push(name);
        }
    }
    for topics in by_post.values_mut() {
        topics.sort();
    }
    by_post
}

#[test]
fn a_first_walk_reads_every_post_and_the_exact_memberships() {
    let server = Server::start(Blog::new());
    let dir = tempfile::tempdir().unwrap();
    let (mut cache, _) = PageCache::open(dir.path());
    let result = run(&server, &mut cache, &HashSet::new(), false);
    assert!(result.stopped.is_none(), "{:?}", result.stopped);
    let snapshot = &result.snapshot;
    let blog = Blog::new();
    let ids: Vec<String> = snapshot.posts.iter().map(|p| p.id.clone()).collect();
    let expected: Vec<String> = blog.posts.iter().map(|p| p.id()).collect();
    assert_eq!(ids, expected);
    assert_eq!(learnt(&result), blog.memberships());
    let types: BTreeMap<&String, &BTreeSet<String>> = snapshot
        .type_members
        .iter()
        .map(|(name, m)| (name, &m.posts))
        .collect();
    assert_eq!(types.len(), 3);
    for post in &blog.posts {
        assert!(types[&post.research_type.to_string()].contains(&post.id()));
    }
    let first = &snapshot.posts[0];
    assert_eq!(first.title, "Empathy in Brief Therapy");
    assert_eq!(first.citations.len(), 1);
    assert_eq!(
        first.implications.len(),
        1,
        "no pager or footer text in a post"
    );
    assert_eq!(
        snapshot.header.as_ref().unwrap().this_month,
        ["Test posts about fictional clinics."]
    );
    // 3 + 1 pages of all posts (the last is short: 2 posts, so no empty page is
    // asked for), then each topic's and type's pages.
    let hits = server.take_hits();
    assert!(hits.iter().all(|h| h.status == 200 && h.body));
    // Every request names pprnet, its version and where the project is.
    let agent = pprnet::fetch::client::user_agent();
    assert!(hits.iter().all(|h| h.user_agent == agent), "{hits:?}");
    let version = format!("pprnet/{} (+", env!("CARGO_PKG_VERSION"));
    assert!(
        agent.starts_with(&version) && agent.ends_with(')'),
        "{agent}"
    );
    let repository = env!("CARGO_PKG_REPOSITORY");
    assert!(
        repository.is_empty() || agent.contains(repository),
        "{agent}"
    );
    let targets: Vec<&str> = hits.iter().map(|h| h.target.as_str()).collect();
    assert_eq!(
        &targets[..3],
        ["/pprnet/blog?p=1", "/pprnet/blog?p=2", "/pprnet/blog?p=3"]
    );
    assert!(targets.contains(&"/pprnet/blog?cat_2=25&p=1"));
    assert!(
        targets.contains(&"/pprnet/blog?cat_2=22&p=2"),
        "Empathy has 4 posts"
    );
}

#[test]
fn an_unchanged_site_costs_no_page_bodies() {
    let server = Server::start(Blog::new());
    let dir = tempfile::tempdir().unwrap();
    let (mut cache, _) = PageCache::open(dir.path());
    let first = run(&server, &mut cache, &HashSet::new(), false);
    cache.save().unwrap();
    let known: HashSet<String> = first.snapshot.posts.iter().map(|p| p.id.clone()).collect();
    let first_hits = server.take_hits();

    let (mut cache, warning) = PageCache::open(dir.path());
    assert!(warning.is_none());
    let second = run(&server, &mut cache, &known, false);
    assert!(second.stopped.is_none());
    let hits = server.take_hits();
    assert!(!hits.is_empty());
    assert!(
        hits.iter().all(|h| h.status == 304 && !h.body),
        "every page unchanged: {hits:?}"
    );
    assert_eq!(hits.len(), first_hits.len() - 2, "only page 1 of all posts");
    assert!(second.snapshot.posts.is_empty());
    assert_eq!(learnt(&second), Blog::new().memberships());
    assert!(second.snapshot.topic_members.values().all(|m| m.unchanged));
}

#[test]
fn a_new_post_moves_the_others_down_and_the_walk_stops_at_a_known_page() {
    let server = Server::start(Blog::new());
    let dir = tempfile::tempdir().unwrap();
    let (mut cache, _) = PageCache::open(dir.path());
    let first = run(&server, &mut cache, &HashSet::new(), false);
    let known: HashSet<String> = first.snapshot.posts.iter().map(|p| p.id.clone()).collect();
    let new = server.with(|s| s.blog.add_newest());
    server.take_hits();

    let second = run(&server, &mut cache, &known, false);
    assert!(second.stopped.is_none());
    let hits = server.take_hits();
    let listing: Vec<&str> = hits
        .iter()
        .map(|h| h.target.as_str())
        .filter(|t| !t.contains("cat_"))
        .collect();
    assert_eq!(
        listing,
        ["/pprnet/blog?p=1", "/pprnet/blog?p=2"],
        "page 2 is all known"
    );
    assert!(second.snapshot.posts.iter().any(|p| p.id == new.id()));
    let mut blog = Blog::new();
    blog.add_newest();
    assert_eq!(learnt(&second), blog.memberships());

    // --full reads on to the end: three full pages, then an empty one.
    let full = run(&server, &mut cache, &known, true);
    let pages: Vec<String> = server
        .take_hits()
        .into_iter()
        .map(|h| h.target)
        .filter(|t| !t.contains("cat_"))
        .collect();
    assert_eq!(pages.len(), 4);
    assert!(full.stopped.is_none());
}

#[test]
fn an_unknown_topic_is_read_like_any_other() {
    let server = Server::start(Blog::new());
    let dir = tempfile::tempdir().unwrap();
    let (mut cache, _) = PageCache::open(dir.path());
    let result = run(&server, &mut cache, &HashSet::new(), false);
    let members = &result.snapshot.topic_members[blog::UNKNOWN_TOPIC];
    assert_eq!(members.posts.len(), 1);
    assert!(
        result
            .snapshot
            .topics
            .iter()
            .any(|t| t.name == blog::UNKNOWN_TOPIC)
    );
}

/// Runs a first walk with `fault` on `target`; returns the result.
fn walk_with_fault(target: &str, fault: Fault) -> (Server, WalkResult) {
    let server = Server::start(Blog::new());
    server.fault(target, fault);
    let dir = tempfile::tempdir().unwrap();
    let (mut cache, _) = PageCache::open(dir.path());
    let result = run(&server, &mut cache, &HashSet::new(), false);
    (server, result)
}

#[test]
fn a_500_once_is_retried_and_the_walk_completes() {
    let (server, result) = walk_with_fault("/pprnet/blog?p=2", Fault::ServerError(1));
    assert!(result.stopped.is_none());
    assert_eq!(result.snapshot.posts.len(), 8);
    let statuses: Vec<u16> = server
        .take_hits()
        .iter()
        .filter(|h| h.target == "/pprnet/blog?p=2")
        .map(|h| h.status)
        .collect();
    assert_eq!(statuses, [500, 200]);
}

#[test]
fn a_lasting_500_stops_the_walk_naming_the_page_and_keeps_what_came_before() {
    let (server, result) = walk_with_fault("/pprnet/blog?p=2", Fault::ServerError(100));
    let error = result.stopped.unwrap();
    assert!(
        matches!(error, FetchError::Status { attempts: 4, .. }),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.contains(&format!("{}?p=2", server.site())),
        "{message}"
    );
    assert!(message.contains("500"), "{message}");
    assert_eq!(result.snapshot.posts.len(), 3, "page 1 is kept");
}

#[test]
fn a_slow_page_times_out_and_is_named() {
    let (server, result) = walk_with_fault("/pprnet/blog?p=1", Fault::Slow(Duration::from_secs(3)));
    let error = result.stopped.unwrap();
    assert!(
        matches!(error, FetchError::Timeout { attempts: 4, .. }),
        "{error:?}"
    );
    assert!(
        error
            .to_string()
            .contains(&format!("{}?p=1", server.site()))
    );
    assert!(result.snapshot.is_empty());
}

#[test]
fn a_truncated_page_is_an_error_naming_it() {
    let (server, result) = walk_with_fault("/pprnet/blog?cat_2=22&p=1", Fault::Truncated);
    let error = result.stopped.unwrap();
    assert!(matches!(error, FetchError::Broken { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains(&format!("{}?cat_2=22&p=1", server.site()))
    );
    assert_eq!(
        result.snapshot.posts.len(),
        8,
        "the listing of all posts is kept"
    );
}

#[test]
fn a_redirect_to_another_host_is_not_followed() {
    let server = Server::start(Blog::new());
    let elsewhere = format!("http://localhost:{}/elsewhere", server.port);
    server.fault("/pprnet/blog?p=1", Fault::RedirectTo(elsewhere.clone()));
    let dir = tempfile::tempdir().unwrap();
    let (mut cache, _) = PageCache::open(dir.path());
    let result = run(&server, &mut cache, &HashSet::new(), false);
    let error = result.stopped.unwrap();
    let message = error.to_string();
    assert!(matches!(error, FetchError::Redirect { .. }), "{error:?}");
    assert!(
        message.contains(&elsewhere) && message.contains("?p=1"),
        "{message}"
    );
    assert!(server.take_hits().iter().all(|h| h.target != "/elsewhere"));
}

#[test]
fn a_redirect_within_the_host_is_followed() {
    let server = Server::start(Blog::new());
    server.fault("/old?p=1", Fault::RedirectTo("/pprnet/blog?p=1".into()));
    let url = WebUrl::parse(&format!("{}/old?p=1", server.origin)).unwrap();
    let mut client = Client::new(&url, fast(), Arc::new(AtomicBool::new(false)));
    let answer = client.get(&url.to_string(), None).unwrap();
    assert!(matches!(answer, pprnet::fetch::client::Answer::Page(_)));
    let targets: Vec<String> = server.take_hits().into_iter().map(|h| h.target).collect();
    assert_eq!(targets, ["/old?p=1", "/pprnet/blog?p=1"]);
}

#[test]
fn a_20_mb_page_is_refused_after_5_mb() {
    let (server, result) = walk_with_fault("/pprnet/blog?p=1", Fault::Huge(20 * 1024 * 1024));
    let error = result.stopped.unwrap();
    assert!(matches!(error, FetchError::TooLarge { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("5 MB") && message.contains(&server.site()),
        "{message}"
    );
}

#[test]
fn a_page_that_is_not_html_is_refused() {
    let (server, result) = walk_with_fault(
        "/pprnet/blog?p=1",
        Fault::ContentType("application/pdf".into()),
    );
    let error = result.stopped.unwrap();
    assert!(matches!(error, FetchError::NotHtml { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("application/pdf") && message.contains(&server.site()));
}

#[test]
fn a_refused_connection_names_the_host_and_url() {
    let site = format!("http://127.0.0.1:{}/pprnet/blog", http::refused_port());
    let dir = tempfile::tempdir().unwrap();
    let (mut cache, _) = PageCache::open(dir.path());
    let result = run_with(&site, &mut cache, &HashSet::new(), false, fast());
    let error = result.stopped.unwrap();
    let message = error.to_string();
    assert!(message.starts_with("cannot reach 127.0.0.1"), "{message}");
    assert!(message.contains(&site), "{message}");
    assert!(result.snapshot.is_empty());
}

#[test]
fn https_only_refuses_plain_http() {
    let server = Server::start(Blog::new());
    let dir = tempfile::tempdir().unwrap();
    let (mut cache, _) = PageCache::open(dir.path());
    let config = ClientConfig {
        https_only: true,
        ..fast()
    };
    let result = run_with(&server.site(), &mut cache, &HashSet::new(), false, config);
    assert!(matches!(result.stopped, Some(FetchError::Insecure { .. })));
    assert!(server.take_hits().is_empty(), "nothing was sent");
}

#[test]
fn requests_to_one_host_keep_the_delay() {
    let server = Server::start(Blog::new());
    let url = WebUrl::parse(&server.site()).unwrap();
    let config = ClientConfig {
        delay: Duration::from_millis(150),
        ..fast()
    };
    let mut client = Client::new(&url, config, Arc::new(AtomicBool::new(false)));
    let start = std::time::Instant::now();
    for page in 1..=3 {
        client
            .get(&format!("{}?p={page}", server.site()), None)
            .unwrap();
    }
    assert!(start.elapsed() >= Duration::from_millis(300));
}

#[test]
fn a_first_page_with_no_posts_is_a_warning_naming_it() {
    let mut empty = Blog::new();
    empty.posts.clear();
    let server = Server::start(empty);
    let dir = tempfile::tempdir().unwrap();
    let (mut cache, _) = PageCache::open(dir.path());
    let result = run(&server, &mut cache, &HashSet::new(), false);
    assert!(result.stopped.is_none());
    assert!(result.snapshot.posts.is_empty());
    let warning = &result.snapshot.warnings[0];
    assert!(
        warning.contains(&format!("{}?p=1", server.site())) && warning.contains("no posts"),
        "{warning}"
    );
    assert!(
        result
            .snapshot
            .topic_members
            .values()
            .all(|m| m.posts.is_empty())
    );
}
