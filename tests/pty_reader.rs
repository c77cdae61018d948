//! End to end: the real binary in a pseudo-terminal, driven by keys.

mod common;

#[allow(dead_code)]
#[path = "common/cli.rs"]
mod common_cli;

use common::pty::Reader;
use pprnet::archive;

#[allow(dead_code)]
#[path = "../examples/synth_archive.rs"]
mod synth;

/// The bytes that leave the alternate screen, sent when the terminal is restored.
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_clinician_reads_termination_quits_and_finds_the_same_place() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    // Termination is the 31st topic below "All topics".
    reader.keys(&"j".repeat(31));
    reader.wait_for("1 post · Termination");
    reader.keys("i");
    reader.wait_for("Practice Implications");
    reader.keys("G");
    reader.wait_for("patient drops out.");
    reader.keys("q");
    let (code, output) = reader.wait_exit();
    assert_eq!(code, 0);
    assert!(
        contains(&output, LEAVE_ALTERNATE_SCREEN),
        "the terminal is restored"
    );
    let state = std::fs::read_to_string(data.path().join("state.ron")).unwrap();
    assert!(state.contains("Termination"), "{state}");

    let mut again = Reader::start(data.path(), &[], 100, 30);
    again.wait_for("1 post · Termination");
    again.wait_for("patient drops out.");
    again.keys("q");
    assert_eq!(again.wait_exit().0, 0);
}

#[test]
fn resizing_to_1x1_and_back_is_harmless() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("ll");
    reader.send("\x1b[6~");
    reader.resize(1, 1);
    reader.resize(30, 10);
    reader.resize(1, 1);
    reader.resize(80, 24);
    reader.keys("?");
    reader.wait_for("other key closes");
    reader.keys("x");
    reader.wait_for("Post");
    reader.keys("q");
    let (code, output) = reader.wait_exit();
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&output));
}

#[test]
fn a_shrink_and_back_to_the_same_size_redraws_the_whole_screen() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    // The terminal loses what it showed; by the time the reader looks, its
    // size is the one it last drew at.
    reader.resize_now(2, 2);
    reader.resize_now(80, 24);
    reader.wait_for("All topics");
    reader.wait_for("Type of Research");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn a_bad_archive_fails_cleanly_before_the_terminal_changes() {
    let data = tempfile::tempdir().unwrap();
    let archive = data.path().join("bad.ron");
    std::fs::write(&archive, "(version: 1, header: oops)").unwrap();
    let reader = Reader::start(
        data.path(),
        &["--archive", archive.to_str().unwrap()],
        80,
        24,
    );
    let (code, output) = reader.wait_exit();
    let text = String::from_utf8_lossy(&output);
    assert_eq!(code, 1);
    assert!(text.contains("bad.ron:1:"), "{text}");
    assert!(
        !contains(&output, b"\x1b[?1049h"),
        "the alternate screen was never entered"
    );
}

#[test]
fn a_bookmark_made_in_the_reader_is_there_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("s");
    reader.wait_for("New: Supervision");
    reader.send("\x15"); // Ctrl-U clears the suggested name
    reader.keys("Group A\r");
    reader.wait_for("Session: Group A");
    reader.keys("e");
    reader.wait_for("Keep client-identifying details out of notes.");
    reader.keys("Discuss ruptures\r");
    reader.wait_for("Bookmarked in \"Group A\"");
    reader.wait_for("★ Therapist Qualities");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);

    let listed = common_cli::command_in(data.path())
        .args(["bookmarks", "list"])
        .output()
        .unwrap();
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert_eq!(
        listed,
        "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination\tGroup A\t\
         Therapist Qualities That Lead to Treatment Failure or Termination\tDiscuss ruptures\tno\n"
    );

    let mut again = Reader::start(data.path(), &[], 80, 24);
    again.wait_for("★ Therapist Qualities");
    again.wait_for("Group A ·");
    again.keys("B");
    again.wait_for("Group A (1) · current");
    again.wait_for("Discuss ruptures");
    again.keys("\x1bq");
    assert_eq!(again.wait_exit().0, 0);
}

#[test]
fn a_corrupt_bookmarks_file_is_reported_and_left_untouched() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("bookmarks.ron");
    let corrupt = "(version: 1, bookmarks: [ (post: \"x\", note: unterminated ] )";
    std::fs::write(&file, corrupt).unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("read-only");
    reader.keys("b");
    reader.wait_for("Bookmarks are read-only");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), corrupt);
}

#[test]
fn typing_a_filter_narrows_the_list_live() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("6 posts");
    reader.keys("/kleinst");
    reader.wait_for("1 of 1 posts");
    reader.wait_for("Progress Feedback");
    reader.keys("\r");
    reader.wait_for("/kleinst  n/N: matches");
    reader.keys("\x1b");
    reader.wait_for("6 posts");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn sigterm_and_sighup_restore_the_terminal_and_keep_the_place() {
    for (signal, name) in [(libc::SIGTERM, "TERM"), (libc::SIGHUP, "HUP")] {
        let data = tempfile::tempdir().unwrap();
        let mut reader = Reader::start(data.path(), &[], 80, 24);
        reader.wait_for("All topics");
        reader.keys(&"j".repeat(31));
        reader.wait_for("1 post · Termination");
        reader.signal(signal);
        let (code, output) = reader.wait_exit();
        assert_eq!(code, 128 + signal as u32, "SIG{name}: exit code");
        assert!(
            contains(&output, LEAVE_ALTERNATE_SCREEN),
            "SIG{name}: terminal restored"
        );
        assert!(
            contains(&output, b"\x1b[?1000l"),
            "SIG{name}: mouse reporting off"
        );
        let state = std::fs::read_to_string(data.path().join("state.ron")).unwrap();
        assert!(state.contains("Termination"), "SIG{name}: {state}");
    }
}

/// The first words of a paragraph, short enough to stay on one line.
fn opening(paragraph: &str) -> String {
    paragraph
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_large_archive_is_cached_then_opened_from_the_cache() {
    let data = tempfile::tempdir().unwrap();
    let archive = synth::generate(&archive::bundled().unwrap(), 150, 11);
    let path = data.path().join("large.ron");
    std::fs::write(&path, archive::to_ron(&archive)).unwrap();
    let path = path.to_str().unwrap();
    let first = &archive.posts[0];
    let word = first.title.split_whitespace().last().unwrap();

    for run in ["cold", "warm"] {
        let mut reader = Reader::start(data.path(), &["--archive", path], 100, 30);
        reader.wait_for("All topics");
        // The selected post's body is on the first screen, also from the cache.
        reader.wait_for(&opening(&first.summary[0]));
        reader.keys("/");
        reader.keys(&word.to_lowercase());
        reader.wait_for(&format!("/{}", word.to_lowercase()));
        reader.keys("\r");
        reader.keys("q");
        let (code, output) = reader.wait_exit();
        assert_eq!(code, 0, "{run}: {}", String::from_utf8_lossy(&output));
        let cache = data.path().join("cache/pprnet");
        let files: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            files.iter().any(|f| f.starts_with("archive-"))
                && files.iter().any(|f| f.starts_with("index-")),
            "{run}: {files:?}"
        );
    }
}

/// The post the conflict test edits.
const CONFLICT_POST: &str =
    "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination";

fn cli(data: &std::path::Path, args: &[&str]) -> String {
    let output = common_cli::command_in(data).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A reader whose note editor was saved after the note changed from another
/// shell: the conflict dialog is open, nothing is saved yet.
fn reader_in_conflict(data: &std::path::Path) -> Reader {
    cli(
        data,
        &["bookmarks", "add", CONFLICT_POST, "--note", "first"],
    );
    let mut reader = Reader::start(data, &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("e");
    reader.wait_for("Keep client-identifying details out of notes.");
    reader.keys(" mine");
    // Meanwhile, from another shell:
    cli(
        data,
        &["bookmarks", "add", CONFLICT_POST, "--note", "from the CLI"],
    );
    reader.keys("\r");
    reader.wait_for("The note changed elsewhere");
    reader.wait_for("from the CLI");
    reader.wait_for("first mine");
    assert_eq!(stored_note(data), "from the CLI", "nothing saved yet");
    reader
}

/// The note of the one bookmark, as `bookmarks list --json` says.
fn stored_note(data: &std::path::Path) -> String {
    let listed = cli(data, &["bookmarks", "list", "--json"]);
    let value: serde_json::Value = serde_json::from_str(&listed).unwrap();
    value[0]["note"].as_str().unwrap().to_string()
}

#[test]
fn a_note_changed_from_another_shell_while_editing_is_kept() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = reader_in_conflict(data.path());
    reader.keys("b");
    reader.wait_for("Note saved.");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
    assert_eq!(stored_note(data.path()), "from the CLI\n\nfirst mine");
}

#[test]
fn quitting_with_the_conflict_open_keeps_both_notes() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = reader_in_conflict(data.path());
    // q is no answer: the question stays.
    reader.keys("q");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(reader.screen().contains("The note changed elsewhere"));
    // Ctrl-C closes it keeping both, a second one quits.
    reader.keys("\x03");
    reader.wait_for("Note saved.");
    reader.keys("\x03");
    assert_eq!(reader.wait_exit().0, 0);
    assert_eq!(stored_note(data.path()), "from the CLI\n\nfirst mine");
}

#[cfg(unix)]
#[test]
fn a_terminal_closed_on_the_conflict_keeps_both_notes() {
    for signal in [libc::SIGHUP, libc::SIGTERM] {
        let data = tempfile::tempdir().unwrap();
        let reader = reader_in_conflict(data.path());
        reader.signal(signal);
        let (code, _) = reader.wait_exit();
        assert_eq!(code, 128 + signal as u32);
        assert_eq!(
            stored_note(data.path()),
            "from the CLI\n\nfirst mine",
            "signal {signal}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_terminal_closed_on_an_edited_note_saves_it() {
    let data = tempfile::tempdir().unwrap();
    cli(
        data.path(),
        &["bookmarks", "add", CONFLICT_POST, "--note", "first"],
    );
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("e");
    reader.wait_for("Keep client-identifying details out of notes.");
    reader.keys(" and more");
    reader.wait_for("first and more");
    reader.signal(libc::SIGHUP);
    let (code, _) = reader.wait_exit();
    assert_eq!(code, 128 + libc::SIGHUP as u32);
    assert_eq!(stored_note(data.path()), "first and more");
}
