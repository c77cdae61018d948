//! `pprnet list --unread` and `--new` (issue 8): the read marks and last visit
//! of `read.ron` in a temporary data directory, as the reader writes them.

use std::path::Path;

use pprnet::library::{MarkChange, marks, store};
use serde_json::Value;

#[path = "common/cli.rs"]
#[allow(dead_code)]
mod common_cli;

use common_cli::{ok_in as ok, pprnet_in as pprnet, stderr};

const HTML_PAGE: &str = "tests/pages/blog_page.html";
const TEXT_PAGE: &str = "tests/pages/variations.txt";
const SHIPPED: &str = "2022-06-therapist-facilitative-interpersonal-skills";
const FROM_HTML: &str = "2024-01-repairing-ruptures-in-the-working-alliance";

/// The ids `list` prints with these options.
fn ids(data: &Path, options: &[&str]) -> Vec<String> {
    let mut args = vec!["list"];
    args.extend_from_slice(options);
    ok(data, &args)
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

/// `(id, read)` of every post of `list --json`.
fn read_flags(data: &Path) -> Vec<(String, bool)> {
    let json: Value = serde_json::from_str(&ok(data, &["list", "--json"])).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["read"].as_bool().unwrap(),
            )
        })
        .collect()
}

/// Imports both test pages; the HTML page's posts were added on 1 January,
/// the text page's on 1 March.
fn library_of_two_imports(data: &Path) {
    ok(data, &["import", HTML_PAGE, TEXT_PAGE]);
    store::change(data, |lib| {
        for entry in &mut lib.posts {
            let from_html = entry.sources.iter().any(|s| s.ends_with("blog_page.html"));
            entry.added = if from_html {
                "2026-01-01T00:00:00Z"
            } else {
                "2026-03-01T00:00:00Z"
            }
            .to_string();
        }
        ((), true)
    })
    .unwrap();
}

#[test]
fn before_any_visit_every_library_post_is_new_and_nothing_is_read() {
    let data = tempfile::tempdir().unwrap();
    library_of_two_imports(data.path());
    assert_eq!(ids(data.path(), &["--new"]).len(), 9, "the imported posts");
    assert_eq!(ids(data.path(), &["--unread"]).len(), 15, "6 shipped + 9");
    assert!(read_flags(data.path()).iter().all(|(_, read)| !read));
}

#[test]
fn unread_and_new_follow_the_marks_the_reader_wrote() {
    let data = tempfile::tempdir().unwrap();
    library_of_two_imports(data.path());
    let read = |post: &str| MarkChange::Read {
        post: post.into(),
        read: true,
    };
    marks::apply(
        data.path(),
        &[
            read(SHIPPED),
            read(FROM_HTML),
            MarkChange::Visited("2026-02-01T00:00:00Z".into()),
        ],
    )
    .unwrap();

    let unread = ids(data.path(), &["--unread"]);
    assert_eq!(unread.len(), 13);
    assert!(!unread.contains(&SHIPPED.to_string()) && !unread.contains(&FROM_HTML.to_string()));

    // Only the text page's posts were added after the last visit.
    let new = ids(data.path(), &["--new"]);
    assert_eq!(
        new,
        [
            "2024-03-a-repeated-title-post",
            "2024-03-a-post-without-any-citation",
            "2024-03-two-articles-in-one-post",
            "2024-02-no-implications-here",
            "2024-02-last-post-of-the-page",
        ]
    );
    // The filters combine with each other and with the rest.
    marks::apply(data.path(), &[read("2024-02-no-implications-here")]).unwrap();
    assert_eq!(
        ids(data.path(), &["--new", "--unread", "--month", "2024-02"]),
        ["2024-02-last-post-of-the-page"]
    );

    let flags = read_flags(data.path());
    let read_ids: Vec<&str> = flags
        .iter()
        .filter(|(_, r)| *r)
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(
        read_ids,
        ["2024-02-no-implications-here", FROM_HTML, SHIPPED]
    );
    // search --json says the same.
    let found: Value =
        serde_json::from_str(&ok(data.path(), &["search", "facilitative", "--json"])).unwrap();
    assert_eq!(found[0]["id"], SHIPPED);
    assert_eq!(found[0]["read"], true);
}

#[test]
fn damaged_read_marks_are_a_warning_and_left_alone() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("read.ron");
    std::fs::write(&path, "(version: 1, read: [").unwrap();
    let output = pprnet(data.path(), &["list", "--unread"]);
    assert!(output.status.success());
    assert_eq!(common_cli::stdout(&output).lines().count(), 6);
    assert!(
        stderr(&output).contains("every post counts as unread"),
        "{}",
        stderr(&output)
    );
    assert!(stderr(&output).contains("read.ron"), "{}", stderr(&output));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "(version: 1, read: ["
    );
}
