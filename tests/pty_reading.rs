//! End to end, reading comfort: config.ron read by the real reader in a
//! pseudo-terminal.

#[allow(dead_code)] // Helpers the other pty tests use.
mod common;

use std::path::Path;

use common::pty::Reader;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Writes `text` as the config.ron the reader started on `data` will read.
fn write_config(data: &Path, text: &str) {
    let dir = data.join("config/pprnet");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.ron"), text).unwrap();
}

/// Waits until the screen satisfies `done`; panics with the screen if it never does.
fn wait_until(reader: &Reader, done: impl Fn(&str) -> bool) {
    let start = std::time::Instant::now();
    while !done(&reader.screen()) {
        assert!(start.elapsed().as_secs() < 20, "{}", reader.screen());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The bytes that turn mouse reporting on.
const MOUSE_ON: &[u8] = b"\x1b[?1000h";

#[test]
fn a_light_theme_with_the_mouse_off() {
    let data = tempfile::tempdir().unwrap();
    let mut dark = Reader::start(data.path(), &[], 80, 24);
    dark.wait_for("no session · 1/6");
    let dark_status = dark.background(23, 40);
    dark.keys("q");
    let (_, output) = dark.wait_exit();
    assert!(contains(&output, MOUSE_ON), "the mouse is taken by default");

    write_config(data.path(), "(theme: \"light\", mouse: false)\n");
    let mut light = Reader::start(data.path(), &[], 80, 24);
    light.wait_for("no session · 1/6");
    let light_status = light.background(23, 40);
    light.keys("q");
    let (code, output) = light.wait_exit();
    assert_eq!(code, 0);
    assert!(!contains(&output, MOUSE_ON), "the terminal keeps the mouse");
    assert_eq!(dark_status, vt100::Color::Idx(8));
    assert_eq!(light_status, vt100::Color::Idx(7));
}

#[test]
fn a_bad_value_is_reported_and_the_reader_starts() {
    let data = tempfile::tempdir().unwrap();
    write_config(
        data.path(),
        "(\n    reading_width: 60,\n    mouse: \"off\",\n)\n",
    );
    let mut reader = Reader::start(data.path(), &[], 120, 24);
    reader.wait_for("config.ron:3: `mouse` must be true or false; using the default");
    reader.wait_for("All topics");
    reader.keys("q");
    let (code, output) = reader.wait_exit();
    assert_eq!(code, 0);
    assert!(
        contains(&output, MOUSE_ON),
        "the default (mouse on) is used"
    );
}

#[test]
fn zoom_in_next_post_and_out() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 120, 30);
    reader.wait_for("All topics");
    reader.keys("z");
    reader.wait_for("z:back");
    assert!(
        !reader.screen().contains("All topics"),
        "zoom hides the panes"
    );
    reader.wait_for("Therapist Qualities That Lead to Treatment Failure or Termination");
    reader.keys("]");
    reader.wait_for("Therapeutic Relationship Factors that Do Not Work");
    reader.wait_for("2/6");
    assert!(reader.screen().contains("z:back"), "still in zoom");
    reader.keys("[");
    reader.wait_for("Therapist Qualities That Lead to Treatment Failure or Termination");
    reader.keys("z");
    reader.wait_for("All topics");
    // Enter on the post zooms too; Esc goes back.
    reader.keys("ll\r");
    reader.wait_for("z:back");
    reader.send("\x1b");
    reader.wait_for("All topics");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn find_in_the_post_with_n_and_n() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 120, 30);
    reader.wait_for("All topics");
    reader.keys("ftherapist");
    reader.wait_for("find in post: therapist");
    reader.keys("\r");
    reader.wait_for("find: therapist  1/38");
    reader.keys("n");
    reader.wait_for("find: therapist  2/38");
    reader.keys("nn");
    reader.wait_for("find: therapist  4/38");
    reader.keys("N");
    reader.wait_for("find: therapist  3/38");
    // The archive filter was not touched.
    assert!(reader.screen().contains("6 posts"));
    reader.send("\x1b");
    reader.wait_for("?:help");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn help_scrolls_back_one_line_per_k_at_80x14() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 14);
    reader.wait_for("All topics");
    reader.keys("?");
    reader.wait_for("j/k scroll");
    reader.keys("G");
    reader.wait_for("wheel scrolls the pane under it");
    // One k: every line of the box moves down one row, the last one goes.
    // The box's inside: columns 3 to 76 of each row (the panes show at the sides).
    let inside = |screen: String| -> Vec<String> {
        let row = |line: &str| line.chars().skip(3).take(74).collect();
        screen.lines().map(row).collect()
    };
    let before = inside(reader.screen());
    reader.keys("k");
    wait_until(&reader, |s| !s.contains("wheel scrolls the pane under it"));
    let after = inside(reader.screen());
    // Rows 1..=12 are inside the box (row 0 and 13 are its borders).
    assert_ne!(after[1], before[1], "a new line came in at the top");
    assert_eq!(after[2..=12], before[1..=11], "{}", reader.screen());
    reader.keys("x");
    reader.wait_for("?:help");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

/// Runs the reader at 120x40 until the first post's DOI is on screen and
/// returns everything it wrote to the terminal.
fn output_showing_the_doi(data: &Path, env: &[(&str, &str)]) -> Vec<u8> {
    let mut reader = Reader::start_with_env(data, &[], env, 120, 40);
    reader.wait_for("https://doi.org/10.1037/pst0000503");
    reader.keys("q");
    let (code, output) = reader.wait_exit();
    assert_eq!(code, 0);
    output
}

#[test]
fn a_doi_is_an_osc8_hyperlink_unless_turned_off() {
    let data = tempfile::tempdir().unwrap();
    let link = b"\x1b]8;;https://doi.org/10.1037/pst0000503\x1b\\";
    let output = output_showing_the_doi(data.path(), &[]);
    assert!(contains(&output, link), "the DOI is a hyperlink");
    // The link's text itself (one char per cell) is inside the sequence.
    assert!(contains(
        &output,
        b"\x1b]8;;https://doi.org/10.1037/pst0000503\x1b\\h\x1b]8;;\x1b\\"
    ));

    let output = output_showing_the_doi(data.path(), &[("FORCE_HYPERLINK", "0")]);
    assert!(
        !contains(&output, b"\x1b]8;;"),
        "FORCE_HYPERLINK=0 turns them off"
    );

    write_config(data.path(), "(osc8: false)\n");
    let output = output_showing_the_doi(data.path(), &[]);
    assert!(
        !contains(&output, b"\x1b]8;;"),
        "osc8: false turns them off"
    );
}
