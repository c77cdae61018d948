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
    Command::new(env!("CARGO_BIN_EXE_pprnet"))
        .args(args)
        .env("PPRNET_DATA_DIR", data)
        .env("XDG_CONFIG_HOME", data.join("config"))
        .env("XDG_CACHE_HOME", data.join("cache"))
        .output()
        .unwrap()
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
