//! The library: importing saved pages (HTML and text) into `library.ron` in
//! the data directory, and every command showing bundled + imported posts.

use std::path::Path;

use serde_json::Value;

#[allow(dead_code)]
#[path = "common/cli.rs"]
mod common_cli;

use common_cli::{ok_in as ok, pprnet_in as run, stderr, stdout};

const HTML_PAGE: &str = "tests/pages/blog_page.html";
const TEXT_PAGE: &str = "tests/pages/variations.txt";
const SOURCE_PAGE: &str = "data/source/pprnet-blog-page.txt";

fn list_json(data: &Path, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["list", "--json"];
    all.extend_from_slice(args);
    serde_json::from_str::<Value>(&ok(data, &all))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn ids(posts: &[Value]) -> Vec<String> {
    posts
        .iter()
        .map(|p| p["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_saved_html_page_imports_into_the_library_with_no_flags() {
    let data = tempfile::tempdir().unwrap();
    let out = ok(data.path(), &["import", HTML_PAGE]);
    assert_eq!(
        out,
        "tests/pages/blog_page.html: 4 posts: 4 posts added, 0 already there, 0 updated\n\
         1 file: 4 posts added, 0 already there, 0 updated\n"
    );
    assert!(data.path().join("library.ron").is_file());

    let posts = list_json(data.path(), &[]);
    assert_eq!(posts.len(), 10, "6 bundled + 4 imported");
    let sources: Vec<&str> = posts
        .iter()
        .map(|p| p["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.iter().filter(|s| **s == "library").count(), 4);
    assert_eq!(sources.iter().filter(|s| **s == "bundled").count(), 6);
    // Newest month first: the imported 2024 posts come before the bundled ones.
    assert_eq!(posts[0]["month"], "2024-05");
    assert_eq!(posts[4]["month"], "2023-11");

    // Navigation, header, forms and footer never end up in a post.
    let shown = ok(
        data.path(),
        &["show", "2024-01-repairing-ruptures-in-the-working-alliance"],
    );
    for chrome in [
        "Contact us",
        "All rights reserved",
        "Privacy",
        "Search",
        "analytics",
    ] {
        assert!(!shown.contains(chrome), "{chrome} in {shown}");
    }
    assert!(shown.contains("Naming a rupture openly, and owning one’s part in it"));

    // Search and topic counts include the imported posts.
    let found = ok(data.path(), &["search", "lindqvist"]);
    assert!(found.starts_with("2024-05-empathic-responding"), "{found}");
    let topics = ok(data.path(), &["topics"]);
    assert!(topics.contains("Group Psychotherapy\t1\n"), "{topics}");
    assert!(topics.contains("Empathy\t6\n"), "{topics}");
}

#[test]
fn imported_posts_have_suggested_tags_marked_as_suggested() {
    let data = tempfile::tempdir().unwrap();
    ok(data.path(), &["import", HTML_PAGE]);
    let posts = list_json(data.path(), &[]);
    for post in &posts {
        let library = post["source"] == "library";
        assert_eq!(post["suggested"], library, "{post}");
        assert_eq!(post["read"], false);
        if library {
            assert!(!post["topics"].as_array().unwrap().is_empty(), "{post}");
        }
    }
    let feedback = posts
        .iter()
        .find(|p| p["id"] == "2024-04-feedback-systems-in-routine-care")
        .unwrap();
    assert_eq!(feedback["research_type"], "Meta-analysis");
    let tags = feedback["suggested_tags"].as_array().unwrap();
    assert!(tags.contains(&Value::from("Feedback and Progress Monitoring")));
    assert!(tags.contains(&Value::from("Meta-analysis")));
    let chapter = posts
        .iter()
        .find(|p| p["id"] == "2024-01-repairing-ruptures-in-the-working-alliance")
        .unwrap();
    assert_eq!(chapter["research_type"], "Book chapter / review");
    assert!(
        chapter["topics"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Alliance and Therapeutic Relationship"))
    );
}

#[test]
fn reimporting_changes_nothing_and_bundled_posts_are_already_there() {
    let data = tempfile::tempdir().unwrap();
    let first = ok(data.path(), &["import", HTML_PAGE, TEXT_PAGE, SOURCE_PAGE]);
    assert!(
        first.ends_with("3 files: 9 posts added, 6 already there, 0 updated\n"),
        "{first}"
    );
    let library = std::fs::read(data.path().join("library.ron")).unwrap();
    let again = ok(data.path(), &["import", HTML_PAGE, TEXT_PAGE]);
    assert_eq!(
        again,
        "tests/pages/blog_page.html: 4 posts: 0 posts added, 4 already there, 0 updated\n\
         tests/pages/variations.txt: 5 posts: 0 posts added, 5 already there, 0 updated\n\
         2 files: 0 posts added, 9 already there, 0 updated\n"
    );
    assert_eq!(
        std::fs::read(data.path().join("library.ron")).unwrap(),
        library
    );
    assert_eq!(list_json(data.path(), &[]).len(), 15);
}

#[test]
fn a_newer_copy_of_a_bundled_post_wins_and_keeps_the_curated_tags() {
    let data = tempfile::tempdir().unwrap();
    let page = data.path().join("page.txt");
    let source = std::fs::read_to_string(SOURCE_PAGE).unwrap();
    let edited = source.replacen(
        "Research indicates that about 14% of patients",
        "Research indicates (corrected) that about 14% of patients",
        1,
    );
    assert_ne!(edited, source);
    std::fs::write(&page, edited).unwrap();
    let out = ok(data.path(), &["import", page.to_str().unwrap()]);
    assert!(
        out.ends_with("1 file: 0 posts added, 5 already there, 1 updated\n"),
        "{out}"
    );
    let posts = list_json(data.path(), &[]);
    assert_eq!(posts.len(), 6, "no duplicate");
    let updated = &posts[0];
    assert_eq!(updated["source"], "library");
    assert_eq!(updated["suggested"], false);
    assert_eq!(updated["research_type"], "Qualitative study");
    let shown = ok(data.path(), &["show", "2023-11"]);
    assert!(shown.contains("(corrected)"), "{shown}");
}

#[test]
fn a_folder_of_pages_imports_with_a_line_per_file() {
    let data = tempfile::tempdir().unwrap();
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(HTML_PAGE, folder.path().join("a.html")).unwrap();
    std::fs::copy(TEXT_PAGE, folder.path().join("b.txt")).unwrap();
    std::fs::write(folder.path().join("notes.pdf"), "not a page").unwrap();
    std::fs::write(folder.path().join(".hidden.txt"), "\0").unwrap();
    let out = ok(data.path(), &["import", folder.path().to_str().unwrap()]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].ends_with("a.html: 4 posts: 4 posts added, 0 already there, 0 updated"));
    assert!(lines[1].ends_with("b.txt: 5 posts: 5 posts added, 0 already there, 0 updated"));
    assert_eq!(
        lines[2],
        "2 files: 9 posts added, 0 already there, 0 updated"
    );
}

#[test]
fn bad_pages_are_one_line_naming_the_file_and_leave_the_library_alone() {
    let data = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let empty = scratch.path().join("empty.html");
    std::fs::write(&empty, "").unwrap();
    let html = std::fs::read_to_string(HTML_PAGE).unwrap();
    let cut_html = scratch.path().join("cut.html");
    std::fs::write(&cut_html, &html[..html.len() / 2]).unwrap();
    let text = std::fs::read_to_string(SOURCE_PAGE).unwrap();
    let cut_text = scratch.path().join("cut.txt");
    // Cut in the middle of a summary, as a page saved while loading would be.
    let middle = text.find("In this meta-analysis, Delgadillo").unwrap() + 25;
    std::fs::write(&cut_text, &text[..middle]).unwrap();
    let cases: [(&str, &str); 5] = [
        ("tests/pages/binary.txt", "this is a binary file"),
        (empty.to_str().unwrap(), "the file is empty"),
        (
            "tests/pages/other_site.html",
            "not a page of the PPRNet blog",
        ),
        (cut_html.to_str().unwrap(), "the page is cut off"),
        (cut_text.to_str().unwrap(), "the page is cut off"),
    ];
    for (file, expected) in cases {
        let output = run(data.path(), &["import", file]);
        assert_eq!(output.status.code(), Some(1), "{file}");
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(
            message.starts_with(&format!("pprnet: {file}: ")),
            "{message}"
        );
        assert!(message.contains(expected), "{message}");
        assert!(output.stdout.is_empty());
        assert!(!data.path().join("library.ron").exists(), "{file}");
    }
    // Good pages still import beside a bad one, and the bad one is named.
    let output = run(
        data.path(),
        &["import", "tests/pages/binary.txt", HTML_PAGE],
    );
    assert!(output.status.success());
    assert!(stderr(&output).contains("pprnet: tests/pages/binary.txt: this is a binary file"));
    assert!(
        stdout(&output)
            .ends_with("1 file (1 more refused): 4 posts added, 0 already there, 0 updated\n")
    );
}

#[test]
fn a_damaged_library_is_reported_and_never_overwritten() {
    let data = tempfile::tempdir().unwrap();
    let path = data.path().join("library.ron");
    let damaged = "(\n  version: 1,\n  posts: [\n    (post: (id: \"x\"\n";
    std::fs::write(&path, damaged).unwrap();

    let import = run(data.path(), &["import", HTML_PAGE]);
    assert_eq!(import.status.code(), Some(1));
    let message = stderr(&import);
    assert!(message.contains("library.ron:"), "{message}");
    assert!(message.contains("the library file is damaged"), "{message}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);

    let list = run(data.path(), &["list"]);
    assert!(list.status.success());
    assert_eq!(
        stdout(&list).lines().count(),
        6,
        "the bundled archive still lists"
    );
    assert!(stderr(&list).contains("showing the archive without your library"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);
}

#[test]
fn two_imports_at_once_lose_nothing() {
    let data = tempfile::tempdir().unwrap();
    let spawn = |page: &str| run(data.path(), &["import", page]);
    std::thread::scope(|scope| {
        let one = scope.spawn(|| spawn(HTML_PAGE));
        let two = scope.spawn(|| spawn(TEXT_PAGE));
        assert!(one.join().unwrap().status.success());
        assert!(two.join().unwrap().status.success());
    });
    let posts = list_json(data.path(), &[]);
    assert_eq!(posts.len(), 15, "{:?}", ids(&posts));
}

#[test]
fn archive_files_are_still_written_with_o_and_into() {
    let data = tempfile::tempdir().unwrap();
    let out = data.path().join("out.ron");
    ok(
        data.path(),
        &["import", HTML_PAGE, TEXT_PAGE, "-o", out.to_str().unwrap()],
    );
    assert!(!data.path().join("library.ron").exists());
    let listed = ok(data.path(), &["--archive", out.to_str().unwrap(), "list"]);
    assert_eq!(listed.lines().count(), 9);
}

#[test]
fn curate_confirms_or_sets_tags_and_the_counts_follow() {
    let data = tempfile::tempdir().unwrap();
    ok(data.path(), &["import", HTML_PAGE]);
    let id = "2024-05-deliberate-practice-for-trainees";
    let out = ok(
        data.path(),
        &[
            "curate",
            id,
            "--topic",
            "training",
            "--topic",
            "Self-Reflection and Awareness",
            "--type",
            "other",
        ],
    );
    assert_eq!(
        out,
        format!("{id}: topics: Training, Self-Reflection and Awareness; research type: Other\n")
    );
    let posts = list_json(data.path(), &["--topic", "Self-Reflection and Awareness"]);
    assert!(ids(&posts).contains(&id.to_string()));
    let post = posts.iter().find(|p| p["id"] == id).unwrap();
    assert_eq!(post["suggested"], false);
    // Confirming as suggested, and curating a bundled post.
    ok(data.path(), &["curate", "2024-04-feedback-systems"]);
    let feedback = list_json(data.path(), &[])
        .into_iter()
        .find(|p| p["id"] == "2024-04-feedback-systems-in-routine-care")
        .unwrap();
    assert_eq!(feedback["suggested"], false);
    assert_eq!(feedback["research_type"], "Meta-analysis");
    ok(data.path(), &["curate", "2022-06", "--topic", "Attachment"]);
    let topics = ok(data.path(), &["topics"]);
    assert!(topics.contains("Attachment\t1\n"), "{topics}");
    // Curation survives a re-import.
    ok(data.path(), &["import", HTML_PAGE]);
    let again = list_json(data.path(), &["--topic", "Self-Reflection and Awareness"]);
    assert!(ids(&again).contains(&id.to_string()));
    // A near miss is a usage error with a suggestion.
    let wrong = run(data.path(), &["curate", id, "--topic", "Empaty"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("did you mean \"Empathy\""),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn a_folder_of_bad_pages_names_every_file() {
    let data = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    std::fs::write(scratch.path().join("a_empty.html"), "").unwrap();
    std::fs::copy(
        "tests/pages/binary.txt",
        scratch.path().join("b_binary.txt"),
    )
    .unwrap();
    std::fs::copy(
        "tests/pages/other_site.html",
        scratch.path().join("c_other.html"),
    )
    .unwrap();
    let folder = scratch.path().to_str().unwrap();
    let output = run(data.path(), &["import", folder]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    for name in ["a_empty.html", "b_binary.txt", "c_other.html"] {
        assert!(message.contains(name), "{name} not named in:\n{message}");
    }
    assert!(message.ends_with("nothing imported: none of the 3 files is a page of the blog\n"));
    assert!(!data.path().join("library.ron").exists());
}

#[test]
fn a_text_page_cut_in_its_practice_implications_is_named_in_a_warning() {
    let data = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SOURCE_PAGE).unwrap();
    let middle = text
        .find("parts of the Therapist Unprofessionalism category. For")
        .unwrap()
        + 20;
    let cut = scratch.path().join("cut.txt");
    std::fs::write(&cut, &text[..middle]).unwrap();
    let output = run(data.path(), &["import", cut.to_str().unwrap()]);
    let message = stderr(&output);
    assert!(
        message.contains("stops mid-sentence: if the page was cut off, save the whole page again"),
        "{message}"
    );
    assert!(
        message.starts_with(&format!("{}:", cut.display())),
        "{message}"
    );
    // The shipped copy is longer: the cut one never replaces it.
    assert!(message.contains("kept the full copy"), "{message}");
    let id = "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination";
    assert!(ok(data.path(), &["show", id]).contains("before the patient drops out."));
}

#[test]
fn a_copy_cut_at_a_sentence_end_never_replaces_the_full_post() {
    let data = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SOURCE_PAGE).unwrap();
    let sentence = "parts of the Therapist Unprofessionalism category.";
    let end = text.find(sentence).unwrap() + sentence.len();
    let cut = scratch.path().join("cut.txt");
    std::fs::write(&cut, &text[..end]).unwrap();
    let id = "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination";
    let before = ok(data.path(), &["show", id]);
    let output = run(data.path(), &["import", cut.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).ends_with("1 file: 0 posts added, 1 already there, 0 updated\n"),
        "{}",
        stdout(&output)
    );
    assert!(
        stderr(&output).contains("is cut off on this page; kept the full copy"),
        "{}",
        stderr(&output)
    );
    assert_eq!(ok(data.path(), &["show", id]), before);
    let post = list_json(data.path(), &[])
        .into_iter()
        .find(|p| p["id"] == id)
        .unwrap();
    assert_eq!(post["source"], "bundled");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_above_is_not_followed() {
    let data = tempfile::tempdir().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let folder = scratch.path().join("pages");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(HTML_PAGE, folder.join("page.html")).unwrap();
    std::os::unix::fs::symlink(&folder, folder.join("again")).unwrap();
    let out = ok(data.path(), &["import", folder.to_str().unwrap()]);
    assert!(
        out.ends_with("\n1 file: 4 posts added, 0 already there, 0 updated\n"),
        "{out}"
    );
}
