//! Sessions that can be managed (issue 12): `pprnet bookmarks sessions` with
//! counts, `rename`, `merge` and `delete`, and a rename racing many
//! `bookmarks add` processes without losing a bookmark.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Stdio;

#[allow(dead_code)]
mod common;

#[path = "common/cli.rs"]
#[allow(dead_code)]
mod common_cli;

use common::pty::Reader;
use common_cli::{
    BUNDLED_POSTS as POSTS, data_dir_with, ok_in as ok, pprnet_in as pprnet, spawn_add, stderr,
};
use pprnet::bookmarks::BookmarkStore;

/// Three sessions: "Monday" (two posts, one discussed), "Team" (one post
/// also in Monday), and a bookmark in no session.
const BOOKMARKS: &str = r#"(
  version: 1,
  bookmarks: [
    (post: "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination",
     session: Some("Monday"), note: "monday note", created: "2026-11-30T10:00:00.000Z", discussed: true),
    (post: "2022-06-therapist-facilitative-interpersonal-skills",
     session: Some("Monday"), note: "", created: "2026-11-30T10:01:00.000Z", discussed: false),
    (post: "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination",
     session: Some("Team"), note: "team note", created: "2026-11-30T10:02:00.000Z", discussed: false),
    (post: "2022-06-therapist-facilitative-interpersonal-skills",
     session: None, note: "loose note", created: "2026-11-30T10:03:00.000Z", discussed: false),
  ],
)
"#;

fn data_dir() -> tempfile::TempDir {
    data_dir_with(BOOKMARKS)
}

/// (post, session) -> (note, discussed), as on disk.
fn on_disk(data: &Path) -> BTreeMap<(String, Option<String>), (String, bool)> {
    BookmarkStore::open(data)
        .unwrap()
        .bookmarks()
        .iter()
        .map(|b| {
            (
                (b.post.clone(), b.session.clone()),
                (b.note.clone(), b.discussed),
            )
        })
        .collect()
}

fn sessions(data: &Path) -> String {
    ok(data, &["bookmarks", "sessions"])
}

#[test]
fn sessions_are_listed_with_counts_and_discussed_counts() {
    let data = data_dir();
    assert_eq!(sessions(data.path()), "Monday\t2\t1\nTeam\t1\t0\n");
    let json: serde_json::Value =
        serde_json::from_str(&ok(data.path(), &["bookmarks", "sessions", "--json"])).unwrap();
    assert_eq!(json[0]["name"], "Monday");
    assert_eq!(json[0]["bookmarks"], 2);
    assert_eq!(json[0]["discussed"], 1);
    let empty = tempfile::tempdir().unwrap();
    assert_eq!(sessions(empty.path()), "");
}

#[test]
fn rename_keeps_notes_and_flags_and_refuses_a_taken_name() {
    let data = data_dir();
    let d = data.path();
    let said = ok(
        d,
        &[
            "bookmarks",
            "sessions",
            "rename",
            "monday",
            "Supervision 2026-12-03",
        ],
    );
    assert_eq!(
        said,
        "renamed session \"Monday\" to \"Supervision 2026-12-03\" (2 bookmark(s))\n"
    );
    assert_eq!(sessions(d), "Supervision 2026-12-03\t2\t1\nTeam\t1\t0\n");
    let disk = on_disk(d);
    let moved = &disk[&(
        POSTS[0].to_string(),
        Some("Supervision 2026-12-03".to_string()),
    )];
    assert_eq!(moved, &("monday note".to_string(), true));

    let taken = pprnet(
        d,
        &[
            "bookmarks",
            "sessions",
            "rename",
            "Team",
            "Supervision 2026-12-03",
        ],
    );
    assert_eq!(taken.status.code(), Some(2));
    assert!(
        stderr(&taken).contains("use `pprnet bookmarks sessions merge"),
        "{}",
        stderr(&taken)
    );
    let missing = pprnet(d, &["bookmarks", "sessions", "rename", "Nope", "X"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).starts_with("pprnet: no session named \"Nope\"; sessions: "));
    let empty = pprnet(d, &["bookmarks", "sessions", "rename", "Team", "  "]);
    assert_eq!(empty.status.code(), Some(2));
    assert_eq!(on_disk(d), disk, "a refused rename changed the file");
}

#[test]
fn merge_joins_two_sessions_keeping_both_notes() {
    let data = data_dir();
    let d = data.path();
    let said = ok(d, &["bookmarks", "sessions", "merge", "Monday", "Team"]);
    assert_eq!(
        said,
        "merged session \"Monday\" into \"Team\": 2 bookmark(s) moved, 1 joined a bookmark of the same post\n"
    );
    assert_eq!(sessions(d), "Team\t2\t1\n");
    let disk = on_disk(d);
    let (note, discussed) = &disk[&(POSTS[0].to_string(), Some("Team".to_string()))];
    assert!(
        note.contains("monday note") && note.contains("team note"),
        "{note}"
    );
    assert!(discussed);
    assert_eq!(disk.len(), 3);
    let itself = pprnet(d, &["bookmarks", "sessions", "merge", "Team", "team"]);
    assert_eq!(itself.status.code(), Some(2));
}

#[test]
fn delete_asks_moves_bookmarks_to_no_session_or_removes_them() {
    let data = data_dir();
    let d = data.path();
    // No terminal and no --yes: refused, nothing changed.
    let before = on_disk(d);
    let refused = common_cli::command_in(d)
        .args(["bookmarks", "sessions", "delete", "Monday"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("pass --yes"),
        "{}",
        stderr(&refused)
    );
    assert_eq!(on_disk(d), before);

    let said = ok(d, &["bookmarks", "sessions", "delete", "Monday", "--yes"]);
    assert_eq!(
        said,
        "deleted session \"Monday\"; 2 bookmark(s) moved to no session\n"
    );
    assert_eq!(sessions(d), "Team\t1\t0\n");
    let disk = on_disk(d);
    assert_eq!(disk.len(), 3);
    let (note, _) = &disk[&(POSTS[5].to_string(), None)];
    assert_eq!(note, "loose note");
    let (note, discussed) = &disk[&(POSTS[0].to_string(), None)];
    assert_eq!((note.as_str(), *discussed), ("monday note", true));

    let said = ok(
        d,
        &[
            "bookmarks",
            "sessions",
            "delete",
            "Team",
            "--yes",
            "--with-bookmarks",
        ],
    );
    assert_eq!(said, "deleted session \"Team\" and 1 bookmark(s)\n");
    assert_eq!(sessions(d), "");
    assert_eq!(on_disk(d).len(), 2);
}

#[test]
fn delete_on_a_terminal_asks_first() {
    let data = data_dir();
    let mut run = Reader::start(
        data.path(),
        &["bookmarks", "sessions", "delete", "Monday"],
        80,
        24,
    );
    run.wait_for("[y/N]");
    run.keys("n\r");
    assert_eq!(run.wait_exit().0, 0);
    assert_eq!(sessions(data.path()), "Monday\t2\t1\nTeam\t1\t0\n");
    let mut run = Reader::start(
        data.path(),
        &["bookmarks", "sessions", "delete", "Monday"],
        80,
        24,
    );
    run.wait_for("Delete session \"Monday\"; its 2 bookmark(s) move to no session? [y/N]");
    run.keys("y\r");
    assert_eq!(run.wait_exit().0, 0);
    assert_eq!(sessions(data.path()), "Team\t1\t0\n");
}

#[test]
fn a_rename_racing_many_adds_loses_nothing() {
    let data = data_dir();
    let d = data.path();
    // Renames back and forth while 24 processes add bookmarks.
    // Four add into the session being renamed (posts it does not hold yet),
    // twenty into other sessions: every (post, session) pair is new.
    let adders: Vec<_> = (0..24)
        .map(|i| {
            let (post, session) = if i < 4 {
                (POSTS[i + 1], "Monday".to_string())
            } else {
                (POSTS[i % POSTS.len()], format!("Other {i}"))
            };
            let note = format!("note {i}");
            spawn_add(d, post, &session, &note)
        })
        .collect();
    for round in 0..6 {
        let (from, to) = if round % 2 == 0 {
            ("Monday", "Renamed")
        } else {
            ("Renamed", "Monday")
        };
        let output = pprnet(d, &["bookmarks", "sessions", "rename", from, to]);
        // An add may have re-created the old name meanwhile: then merge.
        if output.status.code() == Some(2) {
            ok(d, &["bookmarks", "sessions", "merge", from, to]);
        } else {
            assert!(output.status.success(), "{}", stderr(&output));
        }
    }
    for adder in adders {
        let output = adder.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let disk = on_disk(d);
    assert_eq!(disk.len(), 4 + 24, "{disk:#?}");
    // Every note written is somewhere: the three hand-written ones and the 24 added.
    let notes: String = disk
        .values()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for i in 0..24 {
        assert!(
            notes.lines().any(|l| l == format!("note {i}")),
            "note {i} lost:\n{notes}"
        );
    }
    for kept in ["monday note", "team note", "loose note"] {
        assert!(notes.contains(kept), "{kept} lost");
    }
    // The renamed session's discussed bookmark is still discussed, wherever it went.
    assert!(
        disk.iter()
            .any(|((post, session), (_, discussed))| post == POSTS[0]
                && session.as_deref() != Some("Team")
                && session.is_some()
                && *discussed)
    );
}

#[test]
fn the_readers_bookmarks_view_renames_and_deletes_sessions_keeping_a_concurrent_add() {
    let data = data_dir();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("B");
    reader.wait_for("Monday (2)");
    // The cursor starts on Monday's first bookmark.
    reader.keys("r");
    reader.wait_for("Rename session");
    reader.keys("Monday group");
    reader.wait_for("New name: Monday group");
    // Another pprnet adds to Monday while the name is being typed.
    ok(
        data.path(),
        &["bookmarks", "add", POSTS[1], "--session", "Monday"],
    );
    reader.keys("\r");
    reader.wait_for("is now \"Monday group\" (3 bookmarks)");
    assert_eq!(sessions(data.path()), "Monday group\t3\t1\nTeam\t1\t0\n");
    reader.keys("X");
    reader.wait_for("Delete session \"Monday group\"?");
    reader.keys("y");
    reader.wait_for("its 3 bookmarks moved to no session");
    assert_eq!(sessions(data.path()), "Team\t1\t0\n");
    assert_eq!(on_disk(data.path()).len(), 4, "nothing lost");
    reader.keys("\x1bq");
    assert_eq!(reader.wait_exit().0, 0);
}
