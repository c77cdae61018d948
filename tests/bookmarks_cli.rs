//! `pprnet bookmarks list|add|remove|export` (DESIGN.md section 3, issue 5), run
//! against the real binary with a temporary data directory.

use std::path::Path;
use std::process::{Command, Output};

#[path = "common/cli.rs"]
#[allow(dead_code)]
mod common_cli;

use common_cli::pprnet_in as pprnet;

const SESSION: &str = "Supervision 2026-12-03";
const QUALITIES: &str = "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination";
const DO_NOT_WORK: &str = "2023-07-therapeutic-relationship-factors-that-do-not-work";
const FEEDBACK: &str =
    "2022-10-progress-feedback-narrow-the-gap-between-more-and-less-effective-therapists";
const SKILLS: &str = "2022-06-therapist-facilitative-interpersonal-skills";

/// Runs `pprnet`, asserts it succeeded, and returns its standard output.
fn ok(data: &Path, args: &[&str]) -> String {
    let output = pprnet(data, args);
    assert!(
        output.status.success(),
        "pprnet {args:?} failed: {}",
        stderr(&output)
    );
    assert!(output.stderr.is_empty(), "{}", stderr(&output));
    String::from_utf8(output.stdout).unwrap()
}

/// Runs `pprnet`, asserts it exited with `code` and printed nothing on stdout,
/// and returns its standard error.
fn fails(data: &Path, args: &[&str], code: i32) -> String {
    let output = pprnet(data, args);
    assert_eq!(output.status.code(), Some(code), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let message = stderr(&output);
    assert!(message.starts_with("pprnet: ") || code == 2, "{message}");
    assert!(!message.contains("panicked") && !message.contains("RUST_BACKTRACE"));
    message
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The supervisor's session: three posts with notes.
fn supervision(data: &Path) {
    ok(
        data,
        &[
            "bookmarks",
            "add",
            QUALITIES,
            "--session",
            SESSION,
            "--note",
            "Ask about ruptures: which *patients* left, and why?",
        ],
    );
    ok(
        data,
        &[
            "bookmarks",
            "add",
            "2023-07-therapeutic-relationship-factors-that-do",
            "--session",
            SESSION,
            "--note",
            "Contrast with the \"works\" chapter.\n\nBring the table:\n- rigid adherence\n- over-confidence",
        ],
    );
    ok(
        data,
        &[
            "bookmarks",
            "add",
            "2022-10",
            "--note",
            "ROM pilot in our clinic?",
            "--session",
            SESSION,
        ],
    );
}

/// A handout snapshot, with today's date (in the title block) made constant.
macro_rules! snapshot {
    ($name:expr, $value:expr $(,)?) => {
        insta::with_settings!({filters => vec![
            (r#"date: "\d{4}-\d{2}-\d{2}""#, r#"date: "[today]""#),
            (r"Prepared with pprnet, \d{4}-\d{2}-\d{2}", "Prepared with pprnet, [today]"),
        ]}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

fn json(data: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(data, args)).unwrap()
}

#[test]
fn a_supervisor_bookmarks_three_posts_and_lists_them() {
    let data = tempfile::tempdir().unwrap();
    supervision(data.path());
    let list = ok(data.path(), &["bookmarks", "list"]);
    assert_eq!(
        list,
        format!(
            "{QUALITIES}\t{SESSION}\tTherapist Qualities That Lead to Treatment Failure or Termination\t\
             Ask about ruptures: which *patients* left, and why?\tno\n\
             {DO_NOT_WORK}\t{SESSION}\tTherapeutic Relationship Factors that Do Not Work\t\
             Contrast with the \"works\" chapter.  Bring the table: - rigid adherence - over-confidence\tno\n\
             {FEEDBACK}\t{SESSION}\tProgress Feedback Narrow the Gap Between More and Less Effective Therapists\t\
             ROM pilot in our clinic?\tno\n"
        )
    );
    assert_eq!(
        ok(data.path(), &["bookmarks", "list", "--session", SESSION]),
        list
    );
    assert_eq!(
        ok(data.path(), &["bookmarks", "list", "--session", "Other"]),
        ""
    );

    let items = json(data.path(), &["bookmarks", "list", "--json"]);
    assert_eq!(items.len(), 3);
    for item in &items {
        for field in ["post", "session", "note", "created", "discussed", "missing"] {
            assert!(item.get(field).is_some(), "{field} missing in {item}");
        }
        assert_eq!(item["session"], SESSION);
        assert_eq!(item["discussed"], false);
        assert_eq!(item["missing"], false);
        let created = item["created"].as_str().unwrap();
        assert!(created.ends_with('Z') && created.len() == 24, "{created}");
    }
    assert_eq!(
        items[1]["note"],
        "Contrast with the \"works\" chapter.\n\nBring the table:\n- rigid adherence\n- over-confidence"
    );
}

#[test]
fn adding_again_updates_the_note_and_says_so() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let said = ok(d, &["bookmarks", "add", SKILLS, "--note", "first"]);
    assert_eq!(said, format!("bookmarked {SKILLS} (no session)\n"));
    let said = ok(d, &["bookmarks", "add", SKILLS, "--note", "second"]);
    assert_eq!(said, format!("updated the note of {SKILLS} (no session)\n"));
    let said = ok(d, &["bookmarks", "add", SKILLS]);
    assert_eq!(
        said,
        format!("{SKILLS} is already bookmarked (no session); note unchanged\n")
    );
    let items = json(d, &["bookmarks", "list", "--json"]);
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["note"], "second");
    assert_eq!(items[0]["session"], serde_json::Value::Null);

    // The same post in a session is another bookmark; a session name matching an
    // existing one but for case reuses that one.
    ok(d, &["bookmarks", "add", SKILLS, "--session", SESSION]);
    let said = ok(
        d,
        &[
            "bookmarks",
            "add",
            SKILLS,
            "--session",
            &SESSION.to_lowercase(),
            "--note",
            "x",
        ],
    );
    assert_eq!(
        said,
        format!("updated the note of {SKILLS} in session \"{SESSION}\"\n")
    );
    assert_eq!(json(d, &["bookmarks", "list", "--json"]).len(), 2);
}

#[test]
fn adding_a_post_that_is_not_in_the_archive_fails_and_writes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let message = fails(
        data.path(),
        &["bookmarks", "add", "2099-01-no-such-post"],
        1,
    );
    assert!(message.contains("2099-01-no-such-post"), "{message}");
    let message = fails(data.path(), &["bookmarks", "add", "2023-07"], 1);
    assert!(message.contains("matches 3 posts"), "{message}");
    assert_eq!(std::fs::read_dir(data.path()).unwrap().count(), 0);
}

#[test]
fn the_data_dir_is_created_when_needed_and_the_flag_beats_the_environment() {
    let data = tempfile::tempdir().unwrap();
    let nested = data.path().join("a/b/c");
    let other = data.path().join("other");
    let output = Command::new(env!("CARGO_BIN_EXE_pprnet"))
        .args([
            "--data-dir",
            nested.to_str().unwrap(),
            "bookmarks",
            "add",
            SKILLS,
        ])
        .env("PPRNET_DATA_DIR", &other)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(nested.join("bookmarks.ron").is_file());
    assert!(!other.exists());
    // Listing never creates anything.
    ok(&other, &["bookmarks", "list"]);
    assert!(!other.exists());
}

#[test]
fn remove_takes_the_session_into_account() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["bookmarks", "add", SKILLS, "--session", "A"]);
    ok(d, &["bookmarks", "add", SKILLS, "--session", "B"]);
    let message = fails(d, &["bookmarks", "remove", SKILLS], 1);
    assert!(message.contains("--session"), "{message}");
    assert_eq!(
        ok(d, &["bookmarks", "remove", "2022-06", "--session", "a"]),
        format!("removed the bookmark of {SKILLS} in session \"A\"\n")
    );
    // One bookmark left, in a session: it is still removed only when named,
    // so repeating a command can never delete a session's note.
    let message = fails(d, &["bookmarks", "remove", SKILLS], 1);
    assert!(
        message.contains("only in session \"B\"") && message.contains("nothing removed"),
        "{message}"
    );
    ok(d, &["bookmarks", "add", SKILLS, "--note", "general"]);
    ok(d, &["bookmarks", "remove", SKILLS]);
    let message = fails(d, &["bookmarks", "remove", SKILLS], 1);
    assert!(message.contains("only in session \"B\""), "{message}");
    assert_eq!(
        ok(d, &["bookmarks", "list"]).lines().count(),
        1,
        "B's bookmark is kept"
    );
    ok(d, &["bookmarks", "remove", SKILLS, "--session", "B"]);
    assert_eq!(ok(d, &["bookmarks", "list"]), "");
}

/// A bookmarks file written by hand (or by an earlier run), with a post that is
/// no longer in the archive, a bookmark in no session, and a multi-line note.
const WITH_MISSING_POST: &str = r#"(
  version: 1,
  bookmarks: [
    (
      post: "2021-01-a-post-that-was-removed",
      session: Some("Supervision 2026-12-03"),
      note: "Was this the one about humility?",
      created: "2026-11-30T10:00:00.000Z",
      discussed: true,
    ),
    (
      post: "2022-06-therapist-facilitative-interpersonal-skills",
      session: Some("Supervision 2026-12-03"),
      note: "",
      created: "2026-11-30T10:01:00.000Z",
      discussed: false,
    ),
    (
      post: "2022-10-progress-feedback-narrow-the-gap-between-more-and-less-effective-therapists",
      session: None,
      note: "For my own reading:\n1. the meta-analysis\n2. ROM",
      created: "2026-11-30T10:02:00.000Z",
      discussed: false,
    ),
    (
      post: "2023-07-therapeutic-relationship-factors-that-work",
      session: Some("Intake team"),
      note: "Share with the team.",
      created: "2026-11-30T10:03:00.000Z",
      discussed: false,
    ),
  ],
)
"#;

#[test]
fn bookmarks_of_missing_posts_are_kept_and_shown_as_missing() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    std::fs::write(d.join("bookmarks.ron"), WITH_MISSING_POST).unwrap();
    let list = ok(d, &["bookmarks", "list"]);
    assert!(
        list.contains(&format!(
            "2021-01-a-post-that-was-removed\t{SESSION}\t(missing post)\tWas this the one about humility?\tyes\n"
        )),
        "{list}"
    );
    let items = json(d, &["bookmarks", "list", "--json"]);
    let missing: Vec<_> = items.iter().filter(|i| i["missing"] == true).collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["discussed"], true);

    // Other changes keep it.
    ok(d, &["bookmarks", "add", QUALITIES, "--session", SESSION]);
    ok(d, &["bookmarks", "remove", SKILLS, "--session", SESSION]);
    let items = json(d, &["bookmarks", "list", "--json"]);
    assert_eq!(items.len(), 4);
    assert!(
        items
            .iter()
            .any(|i| i["post"] == "2021-01-a-post-that-was-removed")
    );

    // And it can be removed like any other.
    ok(
        d,
        &[
            "bookmarks",
            "remove",
            "2021-01-a-post",
            "--session",
            SESSION,
        ],
    );
    assert_eq!(json(d, &["bookmarks", "list", "--json"]).len(), 3);
}

#[test]
fn the_handout_of_a_session_in_markdown() {
    let data = tempfile::tempdir().unwrap();
    supervision(data.path());
    let handout = ok(data.path(), &["bookmarks", "export", "--session", SESSION]);
    snapshot!("handout_markdown", handout);
}

#[test]
fn the_handout_of_a_session_in_plain_text() {
    let data = tempfile::tempdir().unwrap();
    supervision(data.path());
    let handout = ok(
        data.path(),
        &[
            "bookmarks",
            "export",
            "--session",
            SESSION,
            "--format",
            "text",
        ],
    );
    assert!(
        handout.lines().all(|l| l.chars().count() <= 72),
        "{handout}"
    );
    snapshot!("handout_text", handout);
}

#[test]
fn the_handout_of_every_session_groups_them_and_shows_missing_posts() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    std::fs::write(d.join("bookmarks.ron"), WITH_MISSING_POST).unwrap();
    let output = pprnet(d, &["bookmarks", "export"]);
    assert!(output.status.success());
    assert!(stderr(&output).contains("1 bookmarked post(s) not in the archive"));
    snapshot!(
        "handout_all_sessions_markdown",
        String::from_utf8(output.stdout).unwrap()
    );
    let output = pprnet(d, &["bookmarks", "export", "--format", "text"]);
    snapshot!(
        "handout_all_sessions_text",
        String::from_utf8(output.stdout).unwrap()
    );
}

#[test]
fn the_handout_can_be_written_to_a_file() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    supervision(d);
    let file = d.join("handout.md");
    let said = ok(
        d,
        &[
            "bookmarks",
            "export",
            "--session",
            SESSION,
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(
        said,
        format!(
            "wrote 3 bookmark(s) of session \"{SESSION}\" to {}\n",
            file.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        ok(d, &["bookmarks", "export", "--session", SESSION])
    );
    let message = fails(
        d,
        &[
            "bookmarks",
            "export",
            "-o",
            d.join("no/such/dir/h.md").to_str().unwrap(),
        ],
        1,
    );
    assert!(message.contains("cannot write the export"), "{message}");
}

#[test]
fn the_handout_never_overwrites_the_bookmarks_file() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    supervision(d);
    let path = d.join("bookmarks.ron");
    let before = std::fs::read(&path).unwrap();
    let roundabout = d.join(".").join("bookmarks.ron");
    let message = fails(
        d,
        &["bookmarks", "export", "-o", roundabout.to_str().unwrap()],
        1,
    );
    assert!(message.contains("pprnet's own bookmarks.ron"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn exporting_nothing_is_an_error() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let message = fails(d, &["bookmarks", "export"], 1);
    assert!(message.contains("no bookmarks"), "{message}");
    supervision(d);
    let message = fails(d, &["bookmarks", "export", "--session", "Nope"], 1);
    assert!(
        message.contains(SESSION),
        "names the sessions there are: {message}"
    );
    fails(d, &["bookmarks", "export", "--format", "pdf"], 2);
    fails(d, &["bookmarks", "export", "--session", " "], 2);
}

/// Damaged files: every command fails naming the file and line, and the file is
/// left exactly as it was.
#[test]
fn a_damaged_file_is_never_written_over() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let path = d.join("bookmarks.ron");
    let cases: [(&[u8], &str); 4] = [
        (
            b"(\n  version: 1,\n  bookmarks: [\n    (post: \"a\" note: \"x\"),\n  ],\n)\n",
            ":4:",
        ),
        (b"(\n  version: 1,\n  bookmarks: [\n", ":3:"),
        (b"(version: 1, bookmarks: [(post: \"\xff\xfe\")])", ":1:"),
        (b"", ":1:"),
    ];
    for (content, at) in cases {
        std::fs::write(&path, content).unwrap();
        for args in [
            &["bookmarks", "add", SKILLS, "--note", "new"][..],
            &["bookmarks", "remove", SKILLS],
            &["bookmarks", "list"],
            &["bookmarks", "list", "--json"],
            &["bookmarks", "export"],
        ] {
            let message = fails(d, args, 1);
            let expected = format!("{}{at}", path.display());
            assert!(message.contains(&expected), "{args:?}: {message}");
            assert!(message.contains("line "), "{message}");
            assert!(message.contains("left untouched"), "{message}");
            assert_eq!(std::fs::read(&path).unwrap(), content, "{args:?}");
        }
    }
}

#[test]
fn a_file_from_a_newer_pprnet_is_refused_not_rewritten() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    let path = d.join("bookmarks.ron");
    let newer = "(version: 2, bookmarks: [], tags: {\"a\": [1, 2]})\n";
    std::fs::write(&path, newer).unwrap();
    let message = fails(d, &["bookmarks", "add", SKILLS], 1);
    assert!(message.contains("version 2 is newer"), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
    fails(d, &["bookmarks", "list"], 1);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn a_session_name_a_typo_away_is_refused_unless_insisted_on() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["bookmarks", "add", SKILLS, "--session", SESSION]);
    let typo = "Supervison 2026-12-03";
    let message = fails(d, &["bookmarks", "add", FEEDBACK, "--session", typo], 1);
    assert_eq!(
        message,
        format!(
            "pprnet: there is no session \"{typo}\", but there is \"{SESSION}\"; use \
             --session \"{SESSION}\", or add --new-session to start \"{typo}\"\n"
        )
    );
    assert_eq!(
        json(d, &["bookmarks", "list", "--json"]).len(),
        1,
        "nothing added"
    );
    let said = ok(
        d,
        &[
            "bookmarks",
            "add",
            FEEDBACK,
            "--session",
            typo,
            "--new-session",
        ],
    );
    assert_eq!(
        said,
        format!("bookmarked {FEEDBACK} in session \"{typo}\"\n")
    );
    // Spacing and case join the existing session; another date is another session.
    let said = ok(
        d,
        &[
            "bookmarks",
            "add",
            QUALITIES,
            "--session",
            "  supervision  2026-12-03 ",
        ],
    );
    assert_eq!(
        said,
        format!("bookmarked {QUALITIES} in session \"{SESSION}\"\n")
    );
    ok(
        d,
        &[
            "bookmarks",
            "add",
            QUALITIES,
            "--session",
            "Supervision 2026-12-10",
        ],
    );
    assert_eq!(json(d, &["bookmarks", "list", "--json"]).len(), 4);
}

#[test]
fn listing_a_session_a_typo_away_warns() {
    let data = tempfile::tempdir().unwrap();
    let d = data.path();
    ok(d, &["bookmarks", "add", SKILLS, "--session", SESSION]);
    let output = pprnet(
        d,
        &["bookmarks", "list", "--session", "Supervison 2026-12-03"],
    );
    assert!(output.status.success());
    assert!(output.stdout.is_empty());
    assert_eq!(
        stderr(&output),
        format!(
            "pprnet: warning: there is no session \"Supervison 2026-12-03\"; did you mean \"{SESSION}\"?\n"
        )
    );
}
