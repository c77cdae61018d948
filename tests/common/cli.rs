//! Runs the real `pprnet` binary with a fresh, empty data directory.

use std::process::{Command, Output};

/// Runs `pprnet args...` with a new temporary data directory, so no test
/// touches the user's data or settings.
pub fn pprnet(args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    pprnet_in(data.path(), args)
}

/// Runs `pprnet args...` with `PPRNET_DATA_DIR` set to `data` and
/// `XDG_CONFIG_HOME` to `data/config` (so settings come from
/// `data/config/pprnet/config.ron`, when a test writes one).
pub fn pprnet_in(data: &std::path::Path, args: &[&str]) -> Output {
    command_in(data).args(args).output().unwrap()
}

/// The `pprnet` command with its data in `data`, its settings in
/// `data/config` and its cache in `data/cache`: nothing of the user's own is
/// read or written.
pub fn command_in(data: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pprnet"));
    command
        .env("PPRNET_DATA_DIR", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("XDG_CACHE_HOME", data.join("cache"));
    command
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// The fields every post object of `list --json` and `search --json` has.
pub const POST_JSON_FIELDS: [&str; 7] = [
    "id",
    "month",
    "title",
    "authors",
    "doi",
    "topics",
    "research_type",
];

/// The ids of the six bundled posts, newest first.
pub const BUNDLED_POSTS: [&str; 6] = [
    "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination",
    "2023-07-therapeutic-relationship-factors-that-do-not-work",
    "2023-07-therapeutic-relationship-factors-that-work",
    "2023-07-therapist-factors-related-to-patient-outcomes",
    "2022-10-progress-feedback-narrow-the-gap-between-more-and-less-effective-therapists",
    "2022-06-therapist-facilitative-interpersonal-skills",
];

/// A new temporary data directory holding `bookmarks` as its bookmarks.ron.
pub fn data_dir_with(bookmarks: &str) -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(data.path().join("bookmarks.ron"), bookmarks).unwrap();
    data
}

/// Runs `pprnet args...` in `data`, asserts it succeeded, returns its output.
pub fn ok_in(data: &std::path::Path, args: &[&str]) -> String {
    let output = pprnet_in(data, args);
    assert!(
        output.status.success(),
        "pprnet {args:?}: {}",
        stderr(&output)
    );
    stdout(&output)
}

/// Starts `pprnet bookmarks add POST --session SESSION --note NOTE` in `data`
/// without waiting (standard error kept for the test's messages).
pub fn spawn_add(
    data: &std::path::Path,
    post: &str,
    session: &str,
    note: &str,
) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_pprnet"))
        .args([
            "bookmarks",
            "add",
            post,
            "--session",
            session,
            "--note",
            note,
        ])
        .env("PPRNET_DATA_DIR", data)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}
