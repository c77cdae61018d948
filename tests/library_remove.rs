//! Undoing an import (issue 8): `pprnet library remove ID...` and
//! `--source FILE` take posts out of `library.ron`, and nothing else.

use std::path::Path;

#[path = "common/cli.rs"]
#[allow(dead_code)]
mod common_cli;

use common_cli::{ok_in as ok, pprnet_in as pprnet, stderr};

const HTML_PAGE: &str = "tests/pages/blog_page.html";
const TEXT_PAGE: &str = "tests/pages/variations.txt";
const SOURCE_PAGE: &str = "data/source/pprnet-blog-page.txt";

/// The posts `list` shows, with their source, one `ID source` a line.
fn listed(data: &Path) -> Vec<(String, String)> {
    let json: serde_json::Value = serde_json::from_str(&ok(data, &["list", "--json"])).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["source"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn library_count(data: &Path) -> usize {
    listed(data).iter().filter(|(_, s)| s == "library").count()
}

#[test]
fn posts_are_removed_by_id_or_unique_prefix() {
    let data = tempfile::tempdir().unwrap();
    ok(data.path(), &["import", HTML_PAGE, TEXT_PAGE]);
    assert_eq!(library_count(data.path()), 9);
    let out = ok(
        data.path(),
        &[
            "library",
            "remove",
            "2024-01-repairing",
            "2024-03-a-post-without-any-citation",
        ],
    );
    assert_eq!(
        out,
        "2024-01-repairing-ruptures-in-the-working-alliance: removed: Repairing Ruptures in the Working Alliance\n\
         2024-03-a-post-without-any-citation: removed: A Post Without Any Citation\n\
         2 posts removed from your library (7 left)\n"
    );
    let ids: Vec<String> = listed(data.path()).into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids.len(), 13, "6 shipped + 7 imported");
    assert!(!ids.iter().any(|id| id.starts_with("2024-01")), "{ids:?}");
    // Importing the page again brings the post back.
    let again = ok(data.path(), &["import", HTML_PAGE]);
    assert!(again.ends_with("1 file: 1 post added, 3 already there, 0 updated\n"));
}

#[test]
fn a_wrong_id_removes_nothing_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    ok(data.path(), &["import", HTML_PAGE]);
    let library = std::fs::read(data.path().join("library.ron")).unwrap();
    let cases = [
        // A good id beside a bad one: still nothing is removed.
        (
            vec!["2024-01-repairing", "nope"],
            "pprnet: no post \"nope\" in your library",
        ),
        (
            vec!["2024-05"],
            "pprnet: \"2024-05\" matches 2 posts of your library: ",
        ),
        (
            vec!["2022-06"],
            "pprnet: \"2022-06\" is a shipped post, which stays",
        ),
    ];
    for (ids, expected) in cases {
        let mut args = vec!["library", "remove"];
        args.extend(ids);
        let output = pprnet(data.path(), &args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let message = stderr(&output);
        assert!(message.starts_with(expected), "{message}");
        assert!(message.trim_end().ends_with("nothing removed"), "{message}");
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(output.stdout.is_empty());
        assert_eq!(
            std::fs::read(data.path().join("library.ron")).unwrap(),
            library
        );
    }
    let neither = pprnet(data.path(), &["library", "remove"]);
    assert_eq!(neither.status.code(), Some(2));
    assert!(
        stderr(&neither).starts_with("pprnet: name the posts to remove"),
        "{}",
        stderr(&neither)
    );
}

#[test]
fn source_removes_what_a_file_gave_and_keeps_what_other_files_gave_too() {
    let data = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let copy = scratch.path().join("copy.html");
    std::fs::copy(HTML_PAGE, &copy).unwrap();
    ok(data.path(), &["import", HTML_PAGE, TEXT_PAGE]);
    ok(data.path(), &["import", copy.to_str().unwrap()]);
    // Every post of the HTML page came from its copy too.
    let out = ok(data.path(), &["library", "remove", "--source", HTML_PAGE]);
    assert_eq!(
        out,
        format!(
            "0 posts removed from your library (9 left)\n\
             4 posts of {} stay: other files gave them too\n",
            std::path::absolute(HTML_PAGE).unwrap().display()
        )
    );
    let out = ok(
        data.path(),
        &["library", "remove", "--source", copy.to_str().unwrap()],
    );
    assert!(
        out.ends_with("4 posts removed from your library (5 left)\n"),
        "{out}"
    );
    assert_eq!(library_count(data.path()), 5);
    // A relative path names the same file as the absolute one import recorded.
    let out = ok(data.path(), &["library", "remove", "--source", TEXT_PAGE]);
    assert!(
        out.ends_with("5 posts removed from your library (0 left)\n"),
        "{out}"
    );
    assert_eq!(listed(data.path()).len(), 6, "the shipped posts stay");
    let output = pprnet(data.path(), &["library", "remove", "--source", TEXT_PAGE]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("no post in your library was imported from"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn removing_a_newer_copy_of_a_shipped_post_brings_the_shipped_text_back() {
    let data = tempfile::tempdir().unwrap();
    let page = data.path().join("page.txt");
    let source = std::fs::read_to_string(SOURCE_PAGE).unwrap();
    std::fs::write(
        &page,
        source.replacen(
            "Research indicates that",
            "Research indicates (corrected) that",
            1,
        ),
    )
    .unwrap();
    ok(data.path(), &["import", page.to_str().unwrap()]);
    ok(data.path(), &["curate", "2023-11", "--topic", "Attachment"]);
    assert!(ok(data.path(), &["show", "2023-11"]).contains("(corrected)"));
    let id = "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination";
    let out = ok(data.path(), &["library", "remove", id]);
    assert!(
        out.starts_with(&format!(
            "{id}: your copy removed; the shipped post stays: "
        )),
        "{out}"
    );
    let shown = ok(data.path(), &["show", "2023-11"]);
    assert!(!shown.contains("(corrected)"), "{shown}");
    // The tags a person chose stay.
    assert!(ok(data.path(), &["topics"]).contains("Attachment\t1\n"));
}

#[test]
fn a_removed_bookmarked_post_is_named_and_its_bookmark_kept() {
    let data = tempfile::tempdir().unwrap();
    ok(data.path(), &["import", HTML_PAGE]);
    let id = "2024-01-repairing-ruptures-in-the-working-alliance";
    ok(
        data.path(),
        &["bookmarks", "add", id, "--note", "for Tuesday"],
    );
    let output = pprnet(data.path(), &["library", "remove", id]);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains(&format!("pprnet: warning: {id} is bookmarked")),
        "{}",
        stderr(&output)
    );
    let bookmarks = ok(data.path(), &["bookmarks", "list"]);
    assert!(
        bookmarks.contains("(missing post)\tfor Tuesday"),
        "{bookmarks}"
    );
}
