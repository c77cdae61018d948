//! Read marks and the last visit, in `read.ron` in the data directory (not in
//! the reader's `state.ron`, so they survive a damaged state file). Kept under
//! the same rules as the bookmarks: lock, merge, atomic write, never over a
//! damaged file.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::datafile::{self, DataFile, Kind, StoreError};
use crate::fsutil;

/// The read marks file's name in the data directory.
pub const FILE_NAME: &str = "read.ron";

/// The read marks format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

const KIND: Kind = Kind {
    file_name: FILE_NAME,
    lock_name: "read.lock",
    what: "read marks",
    version: FORMAT_VERSION,
    max_bytes: fsutil::MAX_BOOKMARKS_BYTES,
};

const HEADER: &str = "// pprnet read marks: the posts you have read, and your last visit.\n";

/// Which posts were read, and when the reader was last opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    /// File format version ([`FORMAT_VERSION`]).
    pub version: u32,
    /// When the last finished visit of the reader began (RFC 3339, UTC).
    /// Posts added to the library after it are "New".
    #[serde(default)]
    pub last_visit: Option<String>,
    /// The ids of the posts read.
    #[serde(default)]
    pub read: BTreeSet<String>,
}

impl Default for Marks {
    fn default() -> Marks {
        Marks {
            version: FORMAT_VERSION,
            last_visit: None,
            read: BTreeSet::new(),
        }
    }
}

impl Marks {
    /// Whether the post was read.
    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }
}

/// One change to the read marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarkChange {
    /// Mark a post read or unread.
    Read {
        /// The post's id.
        post: String,
        /// Read (`true`) or unread.
        read: bool,
    },
    /// A visit of the reader that began at this time (RFC 3339) has ended.
    Visited(String),
}

/// The read marks file of a data directory.
fn file(dir: &Path) -> DataFile {
    DataFile::new(dir, KIND)
}

/// Reads the marks; a missing file means nothing read and no visit yet.
pub fn read(dir: &Path) -> Result<Marks, StoreError> {
    read_from(&file(dir))
}

fn read_from(file: &DataFile) -> Result<Marks, StoreError> {
    parse_text(file, file.read_text()?.as_deref())
}

fn parse_text(file: &DataFile, text: Option<&str>) -> Result<Marks, StoreError> {
    match text {
        Some(text) => file.parse(text, |m: &Marks| m.version),
        None => Ok(Marks::default()),
    }
}

/// Applies changes under the lock to what is on disk, and returns the marks
/// now on disk. Never writes over a damaged file.
pub fn apply(dir: &Path, changes: &[MarkChange]) -> Result<Marks, StoreError> {
    file(dir).update(
        parse_text,
        |marks| {
            let before = marks.clone();
            for change in changes {
                match change {
                    MarkChange::Read { post, read: true } => {
                        marks.read.insert(post.clone());
                    }
                    MarkChange::Read { post, read: false } => {
                        marks.read.remove(post);
                    }
                    MarkChange::Visited(start) => {
                        if marks.last_visit.as_deref() < Some(start.as_str()) {
                            marks.last_visit = Some(start.clone());
                        }
                    }
                }
            }
            *marks != before
        },
        |_| Ok(()),
        |marks| {
            let mut marks = marks.clone();
            marks.version = FORMAT_VERSION;
            datafile::to_ron(HEADER, &marks)
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_saved_merged_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read(dir.path()).unwrap(), Marks::default());
        let read_a = MarkChange::Read {
            post: "a".into(),
            read: true,
        };
        apply(dir.path(), &[read_a]).unwrap();
        let marks = apply(
            dir.path(),
            &[
                MarkChange::Read {
                    post: "b".into(),
                    read: true,
                },
                MarkChange::Visited("2026-01-02T00:00:00Z".into()),
                MarkChange::Visited("2026-01-01T00:00:00Z".into()),
            ],
        )
        .unwrap();
        assert!(marks.is_read("a") && marks.is_read("b"));
        assert_eq!(marks.last_visit.as_deref(), Some("2026-01-02T00:00:00Z"));
        let marks = apply(
            dir.path(),
            &[MarkChange::Read {
                post: "a".into(),
                read: false,
            }],
        )
        .unwrap();
        assert_eq!(read(dir.path()).unwrap(), marks);
        assert!(!marks.is_read("a"));
    }

    #[test]
    fn a_damaged_file_is_reported_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "(version: 1, read: [\"a\"").unwrap();
        let err = read(dir.path()).unwrap_err();
        assert!(
            err.to_string().contains("read marks file is damaged"),
            "{err}"
        );
        let change = MarkChange::Read {
            post: "b".into(),
            read: true,
        };
        assert!(apply(dir.path(), &[change]).is_err());
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "(version: 1, read: [\"a\""
        );
    }
}
