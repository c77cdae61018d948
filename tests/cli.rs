//! The command-line contract (DESIGN.md section 3), run against the real binary.

use std::path::Path;
use std::process::Output;

const BUNDLED: &str = include_str!("../data/archive.ron");

#[path = "common/cli.rs"]
#[allow(dead_code)]
mod common_cli;

use common_cli::{POST_JSON_FIELDS, pprnet, stderr, stdout};

/// Writes `text` as an archive file and runs `pprnet check` on it.
fn check_text(dir: &Path, text: &str) -> Output {
    let path = dir.join("archive.ron");
    std::fs::write(&path, text).unwrap();
    pprnet(&["check", path.to_str().unwrap()])
}

#[test]
fn list_prints_every_post_newest_month_first() {
    let output = pprnet(&["list"]);
    assert!(output.status.success());
    let text = stdout(&output);
    let lines: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 6);
    assert!(lines.iter().all(|fields| fields.len() == 3));
    let months: Vec<&str> = lines.iter().map(|f| f[1]).collect();
    assert_eq!(
        months,
        [
            "2023-11", "2023-07", "2023-07", "2023-07", "2022-10", "2022-06"
        ]
    );
    assert_eq!(
        lines[1][2], "Therapeutic Relationship Factors that Do Not Work",
        "page order within a month"
    );
}

#[test]
fn list_filters_by_topic_month_and_type() {
    let termination = stdout(&pprnet(&["list", "--topic", "termination"]));
    assert_eq!(termination.lines().count(), 1);
    assert!(termination.starts_with("2023-11-therapist-qualities"));
    assert_eq!(
        stdout(&pprnet(&["list", "--month", "2023-07"]))
            .lines()
            .count(),
        3
    );
    let meta = stdout(&pprnet(&["list", "--type", "Meta-analysis"]));
    assert!(meta.starts_with("2022-10-progress-feedback"));
    assert_eq!(meta.lines().count(), 1);
    assert_eq!(
        stdout(&pprnet(&[
            "list", "--topic", "Empathy", "--month", "2023-07"
        ]))
        .lines()
        .count(),
        3
    );
}

#[test]
fn list_json_has_the_contract_fields() {
    let output = pprnet(&["list", "--json"]);
    let posts: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &posts[0];
    for key in POST_JSON_FIELDS {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(first["month"], "2023-11");
    assert_eq!(first["doi"], "10.1037/pst0000503");
    assert_eq!(first["authors"][1], "Fagernäs, S.");
    assert_eq!(posts[4]["doi"], serde_json::Value::Null);
}

#[test]
fn topics_lists_36_topics_with_counts() {
    let text = stdout(&pprnet(&["topics"]));
    assert_eq!(text.lines().count(), 36);
    assert!(text.starts_with("Adherance\t2\n"));
    for expected in [
        "Empathy\t5",
        "Therapist Factors\t6",
        "Termination\t1",
        "Placebo Effect\t0",
    ] {
        assert!(text.lines().any(|l| l == expected), "{expected} missing");
    }
    let json: serde_json::Value =
        serde_json::from_slice(&pprnet(&["topics", "--json"]).stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 36);
    assert_eq!(json[13], serde_json::json!({"name": "Empathy", "count": 5}));
}

#[test]
fn show_prints_the_whole_post_wrapped() {
    let output = pprnet(&[
        "show",
        "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination",
        "--width",
        "50",
    ]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("Therapist Qualities That Lead to Treatment Failure\nor Termination\nNovember 2023 · Qualitative study\n"));
    assert!(text.contains("https://doi.org/10.1037/pst0000503"));
    assert!(
        !text.contains("DOI: "),
        "the DOI is in the citation already"
    );
    assert!(text.contains("\nPractice Implications\n"));
    assert!(text.contains("before the patient drops out."));
    for line in text.lines() {
        let width = unicode_width::UnicodeWidthStr::width(line);
        assert!(width <= 50 || line.contains("://"), "too wide: {line:?}");
    }
}

#[test]
fn show_accepts_a_unique_prefix_and_rejects_unknown_ids() {
    assert!(
        stdout(&pprnet(&["show", "2022-06"]))
            .starts_with("Therapist Facilitative Interpersonal Skills\n")
    );
    let ambiguous = pprnet(&["show", "2023-07"]);
    assert_eq!(ambiguous.status.code(), Some(1));
    assert!(stderr(&ambiguous).contains("matches 3 posts"));
    let unknown = pprnet(&["show", "no-such-post"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert_eq!(
        stderr(&unknown),
        "pprnet: no post with id \"no-such-post\" (see `pprnet list`)\n"
    );
}

#[test]
fn usage_mistakes_exit_2_and_failures_exit_1_without_panic_text() {
    for args in [
        &["list", "--month", "2023-13"][..],
        &["show", "x", "--width", "0"],
        &["frobnicate"],
        &["list", "--topic", "Astrology"],
    ] {
        let output = pprnet(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(!stderr(&output).contains("panicked"));
    }
    let missing = pprnet(&["--archive", "/nonexistent/archive.ron", "list"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).starts_with("pprnet: /nonexistent/archive.ron: cannot read archive:"));
}

#[test]
fn check_accepts_the_bundled_archive() {
    let output = pprnet(&["check"]);
    assert!(output.status.success());
    assert!(stdout(&output).contains("ok, 6 posts, 36 topics, 0 need curation"));
}

#[test]
fn check_names_file_line_and_column_of_a_syntax_error() {
    let dir = tempfile::tempdir().unwrap();
    let broken = BUNDLED.replacen("      month: \"2023-07\",", "      month: \"2023-07\"", 1);
    let output = check_text(dir.path(), &broken);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    let path = dir.path().join("archive.ron");
    assert!(
        message.starts_with(&format!("pprnet: {}:", path.display())),
        "{message}"
    );
    let line = BUNDLED
        .lines()
        .position(|l| l.contains("month: \"2023-07\""))
        .unwrap()
        + 2;
    assert!(
        message.contains(&format!(":{line}:")),
        "{message} should name line {line}"
    );
    assert!(
        message.contains("(in post \"2023-07-therapeutic-relationship-factors-that-do-not-work\")"),
        "{message}"
    );
}

#[test]
fn check_names_the_post_and_field_of_each_rule_broken() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            BUNDLED.replacen(
                "\"Termination\",\n        \"Attendance",
                "\"Terminaton\",\n        \"Attendance",
                1,
            ),
            "field `topics`: unknown topic \"Terminaton\"",
        ),
        (
            BUNDLED.replacen(
                "title: \"Therapist Facilitative Interpersonal Skills\"",
                "title: \"  \"",
                1,
            ),
            "field `title`: is empty",
        ),
        (
            BUNDLED.replacen(
                "id: \"2023-07-therapeutic-relationship-factors-that-work\"",
                "id: \"2023-07-therapeutic-relationship-factors-that-do-not-work\"",
                1,
            ),
            "field `id`: is used by an earlier post too",
        ),
        (
            BUNDLED.replacen(
                "research_type: \"Meta-analysis\"",
                "research_type: \"Horoscope\"",
                1,
            ),
            "field `research_type`: unknown research type \"Horoscope\"",
        ),
        (
            BUNDLED.replacen("month: \"2022-10\"", "month: \"2022-13\"", 1),
            "invalid month \"2022-13\"",
        ),
        (
            BUNDLED.replacen("version: 1,", "version: 99,", 1),
            "archive format version 99 is newer",
        ),
    ];
    for (text, expected) in cases {
        assert_ne!(text, BUNDLED, "the case must change the archive");
        let output = check_text(dir.path(), &text);
        assert_eq!(output.status.code(), Some(1), "{expected}");
        assert!(
            stderr(&output).contains(expected),
            "{} lacks {expected}",
            stderr(&output)
        );
    }
}

#[test]
fn import_prints_an_archive_that_lists_like_the_bundled_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("imported.ron");
    let output = pprnet(&[
        "import",
        "data/source/pprnet-blog-page.txt",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let archive = out.to_str().unwrap();
    assert_eq!(
        stdout(&pprnet(&["--archive", archive, "list"])),
        stdout(&pprnet(&["list"]))
    );
    let check = stdout(&pprnet(&["check", archive]));
    assert!(check.contains("6 need curation"), "{check}");
    let into_another = dir.path().join("again.ron");
    let again = pprnet(&[
        "import",
        "data/source/pprnet-blog-page.txt",
        "--into",
        out.to_str().unwrap(),
        "-o",
        into_another.to_str().unwrap(),
    ]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        std::fs::read_to_string(&into_another).unwrap(),
        std::fs::read_to_string(&out).unwrap()
    );
}

#[test]
fn import_into_keeps_curated_fields_and_warns_with_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.ron");
    std::fs::write(&base, BUNDLED).unwrap();
    let output = pprnet(&[
        "import",
        "tests/pages/variations.txt",
        "--into",
        base.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let warnings = stderr(&output);
    assert!(warnings.contains("tests/pages/variations.txt:21: warning: post \"A Post Without Any Citation\" has no citation line"), "{warnings}");
    assert!(
        warnings.contains("5 new, 0 updated, 0 unchanged; archive now has 11 posts"),
        "{warnings}"
    );
    let merged = dir.path().join("merged.ron");
    std::fs::write(&merged, stdout(&output)).unwrap();
    let termination = stdout(&pprnet(&[
        "--archive",
        merged.to_str().unwrap(),
        "list",
        "--topic",
        "Termination",
    ]));
    assert_eq!(termination.lines().count(), 1, "curated topics kept");
    let again = pprnet(&[
        "import",
        "tests/pages/variations.txt",
        "--into",
        merged.to_str().unwrap(),
    ]);
    assert_eq!(
        stdout(&again),
        stdout(&output),
        "importing twice adds nothing"
    );
}

#[test]
fn import_rejects_binary_and_non_utf8_pages_clearly() {
    let binary = pprnet(&["import", "tests/pages/binary.txt"]);
    assert_eq!(binary.status.code(), Some(1));
    assert_eq!(
        stderr(&binary),
        "pprnet: tests/pages/binary.txt: this is a binary file, not the blog page's text (NUL byte at line 5, column 1)\n"
    );
    let latin1 = pprnet(&["import", "tests/pages/latin1.txt"]);
    assert_eq!(latin1.status.code(), Some(1));
    assert!(stderr(&latin1).contains("not UTF-8 text (invalid byte at line 4, column 4)"));
    assert!(binary.stdout.is_empty() && latin1.stdout.is_empty());
}
