//! End to end, the library in the reader: posts imported with the CLI are
//! "New" at the next start, unread posts carry a dot, a post open for a few
//! seconds is marked read and `m` toggles it, `t` confirms a topic and the
//! count and `pprnet list --json` follow, and a visit ends by recording
//! itself, so the next start shows only what was added since, also after
//! `pprnet update` (against a fictional blog on 127.0.0.1).

#[path = "common/blog.rs"]
mod blog;
#[allow(dead_code)]
#[path = "common/cli.rs"]
mod cli;
mod common;
#[path = "common/http.rs"]
mod http;

use std::path::Path;

use blog::Blog;
use cli::ok_in;
use common::pty::Reader;
use http::Server;

const EMPATHIC: &str = "2024-05-empathic-responding-and-client-drop-out-in-group-therapy";

/// The post `id` as `pprnet list --json` reports it.
fn listed(data: &Path, id: &str) -> serde_json::Value {
    let json: serde_json::Value = serde_json::from_str(&ok_in(data, &["list", "--json"])).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} is not listed"))
}

/// A row of the topic pane, as the screen shows it at 80x24.
fn row(label: &str, count: usize) -> String {
    format!("{label:<18}{count:>2}│")
}

#[test]
fn imported_posts_are_new_unread_ones_have_a_dot_m_and_t_work_and_the_visit_is_recorded() {
    let data = tempfile::tempdir().unwrap();
    ok_in(data.path(), &["import", "tests/pages/blog_page.html"]);
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("4 new posts since your last visit: see New, at the top of Topics.");
    let screen = reader.screen();
    assert!(screen.contains(&row("  New", 4)), "{screen}");
    assert!(screen.contains(&row("  Unread", 10)), "{screen}");
    assert!(screen.contains("│•  Empathic Responding"), "{screen}");
    // The newest post is open in the post pane: read after a few seconds.
    reader.wait_for(&row("  Unread", 9));
    assert!(reader.screen().contains("│   Empathic Responding"));
    reader.keys("m");
    reader.wait_for("Marked unread.");
    reader.wait_for("│•  Empathic Responding");
    assert!(reader.screen().contains(&row("  Unread", 10)));
    reader.keys("m");
    reader.wait_for("Marked read.");
    assert!(reader.screen().contains(&row("  Unread", 9)));

    // t: check the first topic (Adherance) and save.
    assert!(reader.screen().contains(&row("  Adherance", 2)));
    reader.keys("t");
    reader.wait_for("(suggested)");
    reader.wait_for("Space toggles · Enter saves · Esc cancels");
    reader.keys(" ");
    reader.wait_for("[x] Adherance");
    reader.keys("\r");
    reader.wait_for("Saved: Adherance, Attendance, Attrition, and Drop-Out");
    assert!(reader.screen().contains(&row("  Adherance", 3)));
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);

    let post = listed(data.path(), EMPATHIC);
    assert_eq!(post["read"], true);
    assert_eq!(post["suggested"], false);
    let topics: Vec<&str> = post["topics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap())
        .collect();
    assert_eq!(
        topics,
        [
            "Adherance",
            "Attendance, Attrition, and Drop-Out",
            "Empathy",
            "Group Psychotherapy"
        ]
    );
    assert!(ok_in(data.path(), &["list", "--new"]).is_empty());

    // Posts added after that visit (as `pprnet update` adds them) are the
    // next start's New; the ones seen before are not. A damaged state file
    // loses neither the read marks nor the last visit.
    ok_in(data.path(), &["import", "tests/pages/crlf_bom.txt"]);
    std::fs::write(data.path().join("state.ron"), "(topic: Some(\"Empathy").unwrap();
    let added = ok_in(data.path(), &["list", "--new"]).lines().count();
    assert!(added > 0);
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for(&format!("{added} new posts since your last visit"));
    assert!(reader.screen().contains(&row("  New", added)));
    let posts = ok_in(data.path(), &["list"]).lines().count();
    assert!(reader.screen().contains(&row("  Unread", posts - 1)));
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn a_damaged_library_still_opens_on_the_shipped_posts_and_says_so() {
    let data = tempfile::tempdir().unwrap();
    let library = data.path().join("library.ron");
    std::fs::write(&library, "(version: 1, posts: [").unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("Library not loaded, showing the archive alone:");
    reader.wait_for("6 posts");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
    assert_eq!(
        std::fs::read_to_string(&library).unwrap(),
        "(version: 1, posts: [",
        "never written over"
    );
}

#[test]
fn after_an_update_the_reader_says_what_is_new() {
    let server = Server::start(Blog::new());
    let data = tempfile::tempdir().unwrap();
    let site = server.site();
    let update = ["update", "--site", site.as_str(), "--delay", "0"];
    assert!(ok_in(data.path(), &update).starts_with("8 new posts"));
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("8 new posts since your last visit");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);

    let newest = server.with(|s| s.blog.add_newest());
    assert!(ok_in(data.path(), &update).starts_with("1 new post,"));
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("1 new post since your last visit");
    assert!(reader.screen().contains(&row("  New", 1)));
    // g: the first row of the topics, New.
    reader.keys("g");
    reader.wait_for(" 1 post ");
    reader.wait_for(&newest.title[..20]);
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}
