//! `pprnet update` run as a user runs it, against a fictional blog served on
//! 127.0.0.1 by the test process; the library is then read back through
//! `pprnet list --json` and `pprnet topics`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

#[path = "common/blog.rs"]
mod blog;
#[path = "common/cli.rs"]
#[allow(dead_code)]
mod cli;
#[path = "common/http.rs"]
mod http;
#[path = "common/pty.rs"]
#[allow(dead_code)]
mod pty;

use blog::Blog;
use http::{Fault, Server};

use cli::{pprnet_in as pprnet, stderr, stdout};

/// `pprnet update` from the test server, with no delay between requests.
fn update(data: &Path, server: &Server, extra: &[&str]) -> Output {
    let site = server.site();
    let mut args = vec!["update", "--site", &site, "--delay", "0"];
    args.extend_from_slice(extra);
    pprnet(data, &args)
}

/// The library's posts (source "library") and their topics, sorted.
fn library_topics(data: &Path) -> BTreeMap<String, Vec<String>> {
    let output = pprnet(data, &["list", "--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let posts: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    posts
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["source"] == "library")
        .map(|p| {
            let mut topics: Vec<String> = p["topics"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap().to_string())
                .collect();
            topics.sort();
            (p["id"].as_str().unwrap().to_string(), topics)
        })
        .collect()
}

fn topic_counts(data: &Path) -> BTreeMap<String, usize> {
    let output = pprnet(data, &["topics"]);
    stdout(&output)
        .lines()
        .map(|line| {
            let (name, count) = line.split_once('\t').unwrap();
            (name.to_string(), count.parse().unwrap())
        })
        .collect()
}

fn expected_memberships(blog: &Blog) -> BTreeMap<String, Vec<String>> {
    blog.memberships()
        .into_iter()
        .map(|(id, topics)| (id, topics.iter().map(|t| t.to_string()).collect()))
        .collect()
}

#[test]
fn update_brings_the_site_into_the_library_with_its_topics() {
    let server = Server::start(Blog::new());
    let data = tempfile::tempdir().unwrap();
    let before = topic_counts(data.path());
    let output = update(data.path(), &server, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    let summary = stdout(&output);
    assert!(
        summary.starts_with("8 new posts, 0 updated, 6 topic listings read (0 unchanged) in "),
        "{summary}"
    );
    assert!(
        output.stderr.is_empty() || !stderr(&output).contains('\r'),
        "no spinner when piped"
    );

    let blog = Blog::new();
    assert_eq!(library_topics(data.path()), expected_memberships(&blog));
    let after = topic_counts(data.path());
    assert!(
        !after.keys().any(|name| name.starts_with("ALL")),
        "the clear link is no topic: {after:?}"
    );
    assert!(
        !server
            .take_hits()
            .iter()
            .any(|h| h.target.contains("cat_2=All")),
        "the clear link is not fetched"
    );
    for (id, name) in &blog.topics {
        let listed = blog
            .posts
            .iter()
            .filter(|p| p.topics.contains(name))
            .count();
        let was = before.get(*name).copied().unwrap_or(0);
        assert_eq!(after[*name], was + listed, "topic {name} (cat_2={id})");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&pprnet(data.path(), &["list", "--json"]).stdout).unwrap();
    let first = json
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Endings That Clients Choose")
        .unwrap();
    assert_eq!(first["research_type"], "Qualitative study");
}

#[test]
fn a_second_update_of_an_unchanged_site_downloads_no_pages() {
    let server = Server::start(Blog::new());
    let data = tempfile::tempdir().unwrap();
    assert!(update(data.path(), &server, &[]).status.success());
    let library = std::fs::read(data.path().join("library.ron")).unwrap();
    server.take_hits();

    let output = update(data.path(), &server, &["--json"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let hits = server.take_hits();
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h.status == 304 && !h.body), "{hits:?}");
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(summary["added"], serde_json::json!([]));
    assert_eq!(summary["downloaded"], 0);
    assert_eq!(summary["topic_listings"], 6);
    assert_eq!(summary["unchanged_topic_listings"], 6);
    assert_eq!(summary["error"], serde_json::Value::Null);
    assert_eq!(
        std::fs::read(data.path().join("library.ron")).unwrap(),
        library
    );
}

#[test]
fn a_new_post_on_the_site_is_added_and_its_topics_counted() {
    let server = Server::start(Blog::new());
    let data = tempfile::tempdir().unwrap();
    assert!(update(data.path(), &server, &[]).status.success());
    let new = server.with(|s| s.blog.add_newest());
    let output = update(data.path(), &server, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("1 new post, 0 updated, 6 topic listings read"));
    let mut blog = Blog::new();
    blog.add_newest();
    let library = library_topics(data.path());
    assert_eq!(library, expected_memberships(&blog));
    assert!(library.contains_key(&new.id()));
    let listed = pprnet(data.path(), &["list", "--topic", "Termination"]);
    assert!(stdout(&listed).contains(&new.id()));
}

#[test]
fn bookmarks_and_a_persons_topics_survive_an_update() {
    let server = Server::start(Blog::new());
    let data = tempfile::tempdir().unwrap();
    assert!(update(data.path(), &server, &[]).status.success());
    let id = Blog::new().posts[1].id();
    let add = pprnet(
        data.path(),
        &["bookmarks", "add", &id, "--note", "for Tuesday"],
    );
    assert!(add.status.success(), "{}", stderr(&add));
    // A person's choice of topics, as the library records it.
    pprnet::library::store::change(data.path(), |library| {
        let tags = pprnet::library::Tags {
            topics: Some(vec!["Empathy".to_string()]),
            research_type: None,
        };
        library.curated.insert(id.clone(), tags);
        ((), true)
    })
    .unwrap();
    let bookmarks = std::fs::read(data.path().join("bookmarks.ron")).unwrap();

    server.with(|s| s.blog.add_newest());
    let output = update(data.path(), &server, &["--full"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        std::fs::read(data.path().join("bookmarks.ron")).unwrap(),
        bookmarks
    );
    assert_eq!(
        library_topics(data.path())[&id],
        ["Empathy"],
        "the person's choice wins"
    );
}

#[test]
fn an_unreachable_site_changes_nothing_and_says_so_in_one_line() {
    let data = tempfile::tempdir().unwrap();
    let site = format!("http://127.0.0.1:{}/pprnet/blog", http::refused_port());
    let output = pprnet(data.path(), &["update", "--site", &site, "--delay", "0"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("pprnet: cannot reach 127.0.0.1"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("{site}?p=1")), "{stderr}");
    assert!(stderr.trim_end().ends_with("nothing changed"), "{stderr}");
    assert!(!data.path().join("library.ron").exists());
    assert!(output.stdout.is_empty());
}

#[test]
fn every_fault_names_the_page_and_leaves_the_library_as_it_was() {
    let huge = 20 * 1024 * 1024;
    let faults = [
        (Fault::Truncated, "could not be read completely"),
        (
            Fault::RedirectTo("http://localhost:9/elsewhere".into()),
            "http://localhost:9/elsewhere",
        ),
        (Fault::Huge(huge), "larger than 5 MB"),
        (
            Fault::ContentType("application/pdf".into()),
            "not an HTML page",
        ),
    ];
    for (fault, says) in faults {
        let server = Server::start(Blog::new());
        let data = tempfile::tempdir().unwrap();
        assert!(update(data.path(), &server, &[]).status.success());
        let library = std::fs::read(data.path().join("library.ron")).unwrap();
        server.with(|s| s.blog.add_newest());
        server.fault("/pprnet/blog?p=1", fault.clone());
        let output = update(data.path(), &server, &[]);
        let stderr = stderr(&output);
        assert_eq!(output.status.code(), Some(1), "{fault:?}: {stderr}");
        assert!(
            stderr.contains(&format!("{}?p=1", server.site())),
            "{fault:?}: {stderr}"
        );
        assert!(stderr.contains(says), "{fault:?}: {stderr}");
        assert!(stderr.contains("nothing changed"), "{fault:?}: {stderr}");
        assert_eq!(
            std::fs::read(data.path().join("library.ron")).unwrap(),
            library,
            "{fault:?}"
        );
    }
}

#[test]
fn a_failure_half_way_keeps_the_pages_read_before_and_names_the_page() {
    let server = Server::start(Blog::new());
    server.fault("/pprnet/blog?p=2", Fault::Truncated);
    let data = tempfile::tempdir().unwrap();
    let output = update(data.path(), &server, &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = stderr(&output);
    assert!(
        stderr.contains(&format!("{}?p=2", server.site())),
        "{stderr}"
    );
    assert!(stderr.contains("kept"), "{stderr}");
    assert!(stdout(&output).starts_with("3 new posts"));
    assert_eq!(library_topics(data.path()).len(), 3);
}

#[test]
fn a_500_once_is_retried() {
    let server = Server::start(Blog::new());
    server.fault("/pprnet/blog?p=1", Fault::ServerError(1));
    let data = tempfile::tempdir().unwrap();
    let output = update(data.path(), &server, &[]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(library_topics(data.path()).len(), 8);
}

#[test]
fn a_second_update_while_one_runs_says_so() {
    let server = Server::start(Blog::new());
    let data = tempfile::tempdir().unwrap();
    let lock = std::fs::File::create(data.path().join("update.lock")).unwrap();
    lock.lock().unwrap();
    let output = update(data.path(), &server, &[]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("another `pprnet update` is running"));
    assert!(server.take_hits().is_empty());
}

#[test]
fn bad_options_are_usage_errors() {
    let data = tempfile::tempdir().unwrap();
    for args in [
        ["update", "--delay", "-1"],
        ["update", "--delay", "soon"],
        ["update", "--max-pages", "0"],
    ] {
        let output = pprnet(data.path(), &args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    let output = pprnet(data.path(), &["update", "--site", "ftp://example.org/blog"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("ftp://example.org/blog"));
}

#[test]
fn ctrl_c_stops_the_update_and_keeps_what_was_read() {
    let server = Server::start(Blog::new());
    let data = tempfile::tempdir().unwrap();
    let site = server.site();
    let reader = pty::Reader::start(
        data.path(),
        &["update", "--site", &site, "--delay", "0.4"],
        100,
        10,
    );
    reader.wait_for("page 2");
    reader.signal(libc::SIGINT);
    let (code, raw) = reader.wait_exit();
    let shown = String::from_utf8_lossy(&raw).to_string();
    assert_eq!(code, 1, "{shown}");
    assert!(shown.contains("stopped by the user"), "{shown}");
    let kept = library_topics(data.path()).len();
    assert!((3..8).contains(&kept), "{kept} posts kept");
}

#[test]
fn a_listing_address_pasted_as_the_site_reads_the_blog_from_its_first_page() {
    let server = Server::start(Blog::new());
    let data = tempfile::tempdir().unwrap();
    let pasted = format!("{}?cat_2=113&p=2", server.site());
    let output = pprnet(data.path(), &["update", "--site", &pasted, "--delay", "0"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("8 new posts, 0 updated, 6 topic listings read"));
    let hits = server.take_hits();
    assert_eq!(hits[0].target, format!("{}?p=1", blog::PATH));
    assert!(
        hits.iter().all(|h| h.target.matches("p=").count() == 1),
        "{hits:?}"
    );
    // The posts are recorded as fetched from the blog's own address.
    let removed = pprnet(
        data.path(),
        &["library", "remove", "--source", &server.site()],
    );
    assert!(removed.status.success(), "{}", stderr(&removed));
    assert!(
        stdout(&removed).contains("8 posts removed"),
        "{}",
        stdout(&removed)
    );
}
