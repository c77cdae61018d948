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
