//! End to end: a note changed from another shell while the reader edits it is
//! never overwritten silently; the reader asks, and keeping both keeps both.

mod common;

use std::path::Path;
use std::process::Command;

use common::pty::Reader;

const POST: &str = "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination";

fn cli(data: &Path, args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pprnet"))
        .args(args)
        .env("PPRNET_DATA_DIR", data)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn a_note_changed_from_another_shell_while_editing_is_kept() {
    let data = tempfile::tempdir().unwrap();
    cli(data.path(), &["bookmarks", "add", POST, "--note", "first"]);
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("e");
    reader.wait_for("Keep client-identifying details out of notes.");
    reader.keys(" mine");
    // Meanwhile, from another shell:
    cli(
        data.path(),
        &["bookmarks", "add", POST, "--note", "from the CLI"],
    );
    reader.keys("\r");
    reader.wait_for("The note changed elsewhere");
    reader.wait_for("from the CLI");
    reader.wait_for("first mine");
    let listed = cli(data.path(), &["bookmarks", "list"]);
    assert!(
        listed.contains("\tfrom the CLI\t"),
        "nothing saved yet: {listed}"
    );
    reader.keys("b");
    reader.wait_for("Note saved.");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
    let listed = cli(data.path(), &["bookmarks", "list", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(value[0]["note"], "from the CLI\n\nfirst mine");
}
