//! The reader's memory between runs: `state.ron` in the data directory.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::action::Pane;
use crate::fsutil::{MAX_STATE_BYTES, create_private_dir, read_regular, write_atomic};

/// The file name of the reader's memory, inside the data directory.
pub const STATE_FILE: &str = "state.ron";

/// Where a reader left off.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReaderState {
    /// The topic filter's name.
    pub topic: Option<String>,
    /// The research-type filter's name.
    pub research_type: Option<String>,
    /// The selected post's id.
    pub post: Option<String>,
    /// The post pane's scroll position, in lines.
    pub scroll: usize,
    /// The focused pane.
    pub focus: Option<Pane>,
    /// The current supervision session.
    pub session: Option<String>,
}

/// What loading the memory found.
#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    /// No state file yet.
    Nothing,
    /// The saved state.
    State(ReaderState),
    /// The file could not be read or parsed; it was moved aside. The message
    /// says what happened, for the status bar.
    Unreadable(String),
}

fn state_path(dir: &Path) -> PathBuf {
    dir.join(STATE_FILE)
}

/// How many damaged state files are kept (`state.ron.bad.1` to `.5`).
pub const MAX_BAD_COPIES: usize = 5;

/// Reads `state.ron` from `dir`. An unreadable file is moved aside to the
/// first free `state.ron.bad.N` (so it is neither lost nor silently
/// overwritten; when all [`MAX_BAD_COPIES`] are taken, the oldest goes) and
/// reported.
pub fn load(dir: &Path) -> Loaded {
    let path = state_path(dir);
    let text = match read_regular(&path, MAX_STATE_BYTES)
        .and_then(|bytes| String::from_utf8(bytes).map_err(std::io::Error::other))
    {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::Nothing,
        Err(e) => {
            return Loaded::Unreadable(format!(
                "{}: cannot read ({e}); starting fresh",
                path.display()
            ));
        }
    };
    match ron::from_str(&text) {
        Ok(state) => Loaded::State(state),
        Err(e) => {
            let aside = bad_copy_path(&path);
            let kept = match std::fs::rename(&path, &aside) {
                Ok(()) => format!("kept as {}", aside.display()),
                Err(_) => "left in place".to_string(),
            };
            Loaded::Unreadable(format!(
                "{}:{}:{}: unreadable reader state ({}); {kept}; starting fresh",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                crate::text::ron_message(&e.code)
            ))
        }
    }
}

/// Where to keep a damaged state file: the first free `state.ron.bad.N`, or,
/// when all are taken, the one changed longest ago.
fn bad_copy_path(path: &Path) -> PathBuf {
    let copies: Vec<PathBuf> = (1..=MAX_BAD_COPIES)
        .map(|n| {
            let mut name = path.as_os_str().to_owned();
            name.push(format!(".bad.{n}"));
            PathBuf::from(name)
        })
        .collect();
    let modified = |p: &PathBuf| std::fs::symlink_metadata(p).and_then(|m| m.modified()).ok();
    match copies.iter().find(|p| modified(p).is_none()) {
        Some(free) => free.clone(),
        None => copies
            .iter()
            .min_by_key(|p| modified(p))
            .expect("there are copies")
            .clone(),
    }
}

/// Writes the state atomically, creating the data directory (private to the
/// user) if needed.
pub fn save(dir: &Path, state: &ReaderState) -> std::io::Result<()> {
    create_private_dir(dir)?;
    let text = ron::ser::to_string_pretty(state, ron::ser::PrettyConfig::new())
        .map_err(std::io::Error::other)?;
    write_atomic(&state_path(dir), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_round_trips_and_a_missing_file_is_nothing() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Loaded::Nothing);
        let state = ReaderState {
            topic: Some("Termination".into()),
            research_type: None,
            post: Some("2023-11-x".into()),
            scroll: 42,
            focus: Some(Pane::Post),
            session: Some("Supervision 2026-12-03".into()),
        };
        save(dir.path(), &state).unwrap();
        assert_eq!(load(dir.path()), Loaded::State(state));
    }

    #[test]
    fn a_corrupt_state_file_is_reported_and_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(STATE_FILE),
            "(topic: Some(\"Empathy\"),\n scroll: oops)",
        )
        .unwrap();
        let Loaded::Unreadable(message) = load(dir.path()) else {
            panic!("a corrupt file must be reported");
        };
        assert!(message.contains("state.ron:2:"), "{message}");
        let kept = std::fs::read_to_string(dir.path().join("state.ron.bad.1")).unwrap();
        assert!(kept.contains("oops"));
        assert_eq!(load(dir.path()), Loaded::Nothing);
    }

    #[test]
    fn each_corrupt_state_file_is_kept_in_a_numbered_copy_a_few_at_most() {
        let dir = tempfile::tempdir().unwrap();
        for round in 1..=MAX_BAD_COPIES + 2 {
            std::fs::write(dir.path().join(STATE_FILE), format!("broken {round}")).unwrap();
            let Loaded::Unreadable(message) = load(dir.path()) else {
                panic!("round {round}");
            };
            let n = (round - 1) % MAX_BAD_COPIES + 1;
            assert!(message.contains(&format!("state.ron.bad.{n}")), "{message}");
            // Distinct modification times, so the oldest is known.
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let mut kept: Vec<String> = (1..=MAX_BAD_COPIES)
            .map(|n| {
                std::fs::read_to_string(dir.path().join(format!("state.ron.bad.{n}"))).unwrap()
            })
            .collect();
        kept.sort();
        assert_eq!(
            kept,
            ["broken 3", "broken 4", "broken 5", "broken 6", "broken 7"]
        );
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(files, MAX_BAD_COPIES);
    }
}
