//! `bookmarks.ron`: its format, reading it, and changing it safely while other
//! processes may be changing it too.
//!
//! Every change takes an exclusive lock on `bookmarks.lock` beside the file,
//! re-reads the file, applies the change to what is on disk (so changes other
//! processes made meanwhile are kept), writes the result atomically (temporary
//! file, fsync, rename) and releases the lock. A file that cannot be read, does
//! not parse, or comes from a newer pprnet is never written over.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::lossless;
use super::model::{self, Bookmark, Change, Outcome, SessionChange, SessionOutcome};
use crate::fsutil;

/// The bookmarks file's name in the data directory.
pub const FILE_NAME: &str = "bookmarks.ron";

/// The lock file's name in the data directory. It stays there, empty; only the
/// lock held on it matters, and the system drops that lock when its holder
/// exits, however it exits.
pub const LOCK_FILE_NAME: &str = "bookmarks.lock";

/// The bookmarks file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// How long a change waits for another process to release the lock.
const LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// The first line of every bookmarks file written.
const HEADER: &str =
    "// pprnet bookmarks. pprnet never writes over this file if it cannot read it.\n";

/// Why the bookmarks could not be read or changed. Whatever the error, the
/// bookmarks file was left as it was.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// The file exists but could not be read.
    #[error("{}: cannot read the bookmarks: {source}", path.display())]
    Read {
        /// The bookmarks file.
        path: PathBuf,
        /// What the operating system said.
        source: Arc<io::Error>,
    },
    /// The file is not valid RON, not UTF-8, or not shaped like a bookmarks file.
    #[error(
        "{}:{line}:{column}: the bookmarks file is damaged (line {line}, column {column}): {message}; \
         it was left untouched: fix it, or move it aside to start afresh",
        path.display()
    )]
    Corrupt {
        /// The bookmarks file.
        path: PathBuf,
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
        /// What is wrong there.
        message: String,
    },
    /// The file was written by a newer pprnet, in a format this one does not know.
    #[error(
        "{}: bookmarks format version {found} is newer than this pprnet understands \
         ({FORMAT_VERSION}); upgrade pprnet. The file was left untouched",
        path.display()
    )]
    NewerVersion {
        /// The bookmarks file.
        path: PathBuf,
        /// The version found in the file.
        found: u32,
    },
    /// The lock file could not be created or locked.
    #[error("{}: cannot lock the bookmarks: {source}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// What the operating system said.
        source: Arc<io::Error>,
    },
    /// Another process held the lock for longer than pprnet waits.
    #[error(
        "{}: another pprnet has held the bookmarks lock for {}s; try again later",
        path.display(),
        waited.as_secs()
    )]
    Busy {
        /// The lock file.
        path: PathBuf,
        /// How long pprnet waited.
        waited: Duration,
    },
    /// The new file could not be written; the old one is unchanged.
    #[error("{}: cannot save the bookmarks: {source}", path.display())]
    Write {
        /// The file or directory that could not be written.
        path: PathBuf,
        /// What the operating system said.
        source: Arc<io::Error>,
    },
    /// The bookmarks file is a symbolic link to a file that does not exist (a
    /// synced folder that is not mounted, say). It is not taken for "no
    /// bookmarks", and the link is never replaced.
    #[error(
        "{}: the bookmarks file is a link to {}, which does not exist (is its folder mounted?); \
         nothing was read or written",
        path.display(),
        target.display()
    )]
    DanglingLink {
        /// The bookmarks file (the link).
        path: PathBuf,
        /// Where it points.
        target: PathBuf,
    },
    /// Saving would drop something a person or a newer pprnet put in the file.
    #[error(
        "{}:{line}:{column}: the bookmarks file has {what} that pprnet would drop on saving, \
         so nothing was saved and the file was left as it is; remove it to make changes \
         (pprnet can still read the file)",
        path.display()
    )]
    WouldDrop {
        /// The bookmarks file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What would be dropped.
        what: String,
    },
    /// The store was opened read-only because the file could not be read then.
    #[error("bookmarks are read-only: {reason}")]
    ReadOnly {
        /// The bookmarks file.
        path: PathBuf,
        /// Why, as the original error said it.
        reason: String,
    },
}

/// The bookmarks of one data directory, as last read from disk.
#[derive(Debug)]
pub struct BookmarkStore {
    dir: PathBuf,
    path: PathBuf,
    bookmarks: Vec<Bookmark>,
    problem: Option<StoreError>,
}

impl BookmarkStore {
    /// Reads `DIR/bookmarks.ron`; a missing file (or directory) means no
    /// bookmarks yet. Nothing is created until the first change.
    pub fn open(dir: &Path) -> Result<BookmarkStore, StoreError> {
        let mut store = BookmarkStore::unread(dir);
        store.bookmarks = read_file(&store.path)?;
        Ok(store)
    }

    /// Like [`BookmarkStore::open`], but a file that cannot be read gives an
    /// empty, read-only store instead of an error: [`BookmarkStore::problem`]
    /// says why, and [`BookmarkStore::apply`] refuses every change (so the file
    /// is never written over) until a [`BookmarkStore::reload`] succeeds. For the
    /// reader, which starts anyway and says so in its status bar.
    pub fn open_or_read_only(dir: &Path) -> BookmarkStore {
        let mut store = BookmarkStore::unread(dir);
        // On error the problem is recorded in the store; nothing more to do.
        let _ = store.reload();
        store
    }

    fn unread(dir: &Path) -> BookmarkStore {
        BookmarkStore {
            dir: dir.to_path_buf(),
            path: dir.join(FILE_NAME),
            bookmarks: Vec::new(),
            problem: None,
        }
    }

    /// The bookmarks file (which may not exist yet).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every bookmark, in canonical order: by session name (no session last),
    /// then oldest first. See [`model::by_session`] to group them.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    /// The bookmark of `post` in `session`, if there is one.
    pub fn find(&self, post: &str, session: Option<&str>) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| b.is(post, session))
    }

    /// The distinct session names, sorted.
    pub fn sessions(&self) -> Vec<&str> {
        model::sessions(&self.bookmarks)
    }

    /// Why the store is read-only, if it is.
    pub fn problem(&self) -> Option<&StoreError> {
        self.problem.as_ref()
    }

    /// Whether changes are refused (see [`BookmarkStore::open_or_read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.problem.is_some()
    }

    /// Re-reads the file, picking up changes made by other processes. On
    /// success a read-only store becomes writable again; on failure the
    /// bookmarks read before are kept and the store becomes read-only.
    pub fn reload(&mut self) -> Result<(), StoreError> {
        match read_file(&self.path) {
            Ok(bookmarks) => {
                self.bookmarks = bookmarks;
                self.problem = None;
                Ok(())
            }
            Err(err) => {
                self.problem = Some(err.clone());
                Err(err)
            }
        }
    }

    /// Applies one change safely: locks, re-reads the file, applies the change
    /// to what is on disk, writes atomically if anything changed, unlocks.
    /// Afterwards [`BookmarkStore::bookmarks`] is the fresh list, including
    /// other processes' changes. Creates the data directory if needed.
    ///
    /// Fails, writing nothing, when the store is read-only or the file on disk
    /// is damaged, unreadable or newer (the store then becomes read-only).
    pub fn apply(&mut self, change: Change) -> Result<Outcome, StoreError> {
        self.update(|bookmarks| {
            let outcome = model::apply_change(bookmarks, change, &model::now());
            let changed = outcome.changed();
            (outcome, changed)
        })
    }

    /// Renames, merges or deletes a session, safely, as [`BookmarkStore::apply`]
    /// does a change to one bookmark: under the lock, on what is on disk, so a
    /// bookmark another process adds meanwhile is never lost.
    pub fn apply_session(&mut self, change: SessionChange) -> Result<SessionOutcome, StoreError> {
        self.update(|bookmarks| {
            let outcome = model::apply_session_change(bookmarks, &change);
            let changed = outcome.changed();
            (outcome, changed)
        })
    }

    /// Locks, re-reads the file, lets `change` work on what is on disk (it
    /// says whether it changed anything), writes atomically if so, unlocks.
    fn update<T>(
        &mut self,
        change: impl FnOnce(&mut Vec<Bookmark>) -> (T, bool),
    ) -> Result<T, StoreError> {
        if let Some(problem) = &self.problem {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                reason: problem.to_string(),
            });
        }
        fsutil::create_private_dir(&self.dir).map_err(|e| StoreError::Write {
            path: self.dir.clone(),
            source: Arc::new(e),
        })?;
        let lock = Lock::acquire(&self.dir.join(LOCK_FILE_NAME))?;
        let read = read_text(&self.path).and_then(|text| {
            let bookmarks = match &text {
                Some(text) => parse(text, &self.path)?,
                None => Vec::new(),
            };
            Ok((text, bookmarks))
        });
        let (text, mut bookmarks) = match read {
            Ok(read) => read,
            Err(err) => {
                self.problem = Some(err.clone());
                return Err(err);
            }
        };
        let (outcome, changed) = change(&mut bookmarks);
        if changed {
            if let Some(loss) = text
                .as_deref()
                .and_then(|t| lossless::first_loss(t, HEADER))
            {
                return Err(StoreError::WouldDrop {
                    path: self.path.clone(),
                    line: loss.line,
                    column: loss.column,
                    what: loss.what,
                });
            }
            let target = write_target(&self.path);
            fsutil::write_atomic(&target, to_ron(&bookmarks).as_bytes()).map_err(|e| {
                StoreError::Write {
                    path: target.clone(),
                    source: Arc::new(e),
                }
            })?;
            // Leftovers of writers killed mid-write; safe to remove under the lock.
            let _ = fsutil::remove_stale_temps(&target);
        }
        drop(lock);
        self.bookmarks = bookmarks;
        Ok(outcome)
    }
}

/// The file to write: the bookmarks file itself, or what it links to, so a
/// symbolic link (to a synced folder, say) stays a link and is never replaced.
fn write_target(path: &Path) -> PathBuf {
    fsutil::link_target(path).unwrap_or_else(|| path.to_path_buf())
}

/// Opening files readable and writable by the user only (0600 on Unix),
/// whatever the umask.
trait PrivateMode {
    fn mode_private(&mut self) -> &mut Self;
}

impl PrivateMode for OpenOptions {
    fn mode_private(&mut self) -> &mut Self {
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(self, 0o600);
        self
    }
}

/// An exclusive lock on the lock file, released when dropped.
struct Lock {
    file: File,
}

impl Lock {
    fn acquire(path: &Path) -> Result<Lock, StoreError> {
        let lock_error = |e| StoreError::Lock {
            path: path.to_path_buf(),
            source: Arc::new(e),
        };
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode_private()
            .open(path)
            .map_err(lock_error)?;
        let start = Instant::now();
        let mut pause = Duration::from_millis(1);
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Lock { file }),
                Err(TryLockError::Error(e)) => return Err(lock_error(e)),
                Err(TryLockError::WouldBlock) if start.elapsed() >= LOCK_TIMEOUT => {
                    return Err(StoreError::Busy {
                        path: path.to_path_buf(),
                        waited: start.elapsed(),
                    });
                }
                Err(TryLockError::WouldBlock) => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(25));
                }
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the file releases the lock too; unlocking first is just prompt.
        let _ = self.file.unlock();
    }
}

/// The file as written: a version and the bookmarks.
#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    bookmarks: &'a [Bookmark],
}

/// The file as read.
#[derive(Deserialize)]
struct FileIn {
    version: u32,
    bookmarks: Vec<Bookmark>,
}

/// Just the version, to recognise a newer file whose shape this build does not know.
#[derive(Deserialize)]
struct VersionOnly {
    version: u32,
}

/// Reads a bookmarks file; a missing file means no bookmarks.
pub fn read_file(path: &Path) -> Result<Vec<Bookmark>, StoreError> {
    match read_text(path)? {
        Some(text) => parse(&text, path),
        None => Ok(Vec::new()),
    }
}

/// The text of a bookmarks file, `None` when there is no file. A link to a
/// file that does not exist is an error, not a missing file.
fn read_text(path: &Path) -> Result<Option<String>, StoreError> {
    let bytes = match fsutil::read_regular(path, fsutil::MAX_BOOKMARKS_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return match fsutil::link_target(path) {
                Some(target) => Err(StoreError::DanglingLink {
                    path: path.to_path_buf(),
                    target,
                }),
                None => Ok(None),
            };
        }
        Err(e) => {
            return Err(StoreError::Read {
                path: path.to_path_buf(),
                source: Arc::new(e),
            });
        }
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let (line, column) = position(&bytes[..e.valid_up_to()]);
        StoreError::Corrupt {
            path: path.to_path_buf(),
            line,
            column,
            message: "not UTF-8 text".into(),
        }
    })?;
    Ok(Some(text.to_string()))
}

/// 1-based line and column just after `before`.
fn position(before: &[u8]) -> (usize, usize) {
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Parses the text of a bookmarks file; `path` names it in errors. The result
/// is normalised (see [`model::normalize`]).
pub fn parse(text: &str, path: &Path) -> Result<Vec<Bookmark>, StoreError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let newer = |found| StoreError::NewerVersion {
        path: path.to_path_buf(),
        found,
    };
    match ron::from_str::<FileIn>(text) {
        Ok(file) if file.version > FORMAT_VERSION => Err(newer(file.version)),
        Ok(file) => Ok(model::normalize(file.bookmarks)),
        Err(err) => match ron::from_str::<VersionOnly>(text) {
            Ok(v) if v.version > FORMAT_VERSION => Err(newer(v.version)),
            _ => Err(StoreError::Corrupt {
                path: path.to_path_buf(),
                line: err.span.start.line,
                column: err.span.start.col,
                message: crate::text::ron_message(&err.code),
            }),
        },
    }
}

/// The text of a bookmarks file holding `bookmarks`.
pub fn to_ron(bookmarks: &[Bookmark]) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .escape_strings(false)
        .indentor("  ");
    let file = FileOut {
        version: FORMAT_VERSION,
        bookmarks,
    };
    let body = ron::ser::to_string_pretty(&file, config)
        .expect("bookmarks are plain data and always serialise");
    format!("{HEADER}{body}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(post: &str, session: Option<&str>, note: &str) -> Change {
        Change::Add {
            post: post.into(),
            session: session.map(Into::into),
            note: Some(note.into()),
        }
    }

    #[test]
    fn a_missing_file_or_directory_means_no_bookmarks() {
        let dir = tempfile::tempdir().unwrap();
        let store = BookmarkStore::open(&dir.path().join("not/yet")).unwrap();
        assert!(store.bookmarks().is_empty());
        assert!(!dir.path().join("not").exists());
    }

    #[test]
    fn changes_are_saved_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let mut store = BookmarkStore::open(&data).unwrap();
        store.apply(add("a", Some("S"), "one")).unwrap();
        store.apply(add("b", None, "two")).unwrap();
        let again = BookmarkStore::open(&data).unwrap();
        assert_eq!(again.bookmarks(), store.bookmarks());
        assert_eq!(again.sessions(), ["S"]);
        assert_eq!(again.find("b", None).unwrap().note, "two");
        let names: Vec<String> = std::fs::read_dir(&data)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn tricky_notes_round_trip() {
        let notes = [
            "",
            "plain",
            "two\nlines\r\nand a tab\there",
            "quotes \" and ' and \\ backslash \\n",
            "raw-looking \"# r#\" \"## and trailing \\",
            "unicode: Fagernäs ’curly’ 日本語 👩‍⚕️ \u{0} \u{7f} \u{200b}",
            "  leading and trailing spaces  ",
            "// not a comment\n/* nor this */",
        ];
        let bookmarks: Vec<Bookmark> = notes
            .iter()
            .enumerate()
            .map(|(i, note)| Bookmark {
                post: format!("post-{i}"),
                session: Some(format!("Session \"{i}\" ’x’")),
                note: note.to_string(),
                created: "2026-01-01T00:00:00Z".into(),
                discussed: i % 2 == 0,
            })
            .collect();
        let bookmarks = model::normalize(bookmarks);
        let text = to_ron(&bookmarks);
        assert_eq!(parse(&text, Path::new("x")).unwrap(), bookmarks, "{text}");
    }

    #[test]
    fn the_file_is_readable_ron_with_a_version() {
        let text = to_ron(&[Bookmark {
            post: "2023-11-x".into(),
            session: Some("Supervision 2026-12-03".into()),
            note: "Ask about ruptures.".into(),
            created: "2026-12-01T09:30:00Z".into(),
            discussed: false,
        }]);
        assert_eq!(
            text,
            format!(
                "{HEADER}(\n  version: 1,\n  bookmarks: [\n    (\n      post: \"2023-11-x\",\n      \
                 session: Some(\"Supervision 2026-12-03\"),\n      note: \"Ask about ruptures.\",\n      \
                 created: \"2026-12-01T09:30:00Z\",\n      discussed: false,\n    ),\n  ],\n)\n"
            )
        );
    }

    #[test]
    fn hand_written_files_may_leave_out_fields_and_have_a_bom() {
        let text =
            "\u{feff}(version: 1, bookmarks: [(post: \"a\"), (post: \"b\", session: Some(\" \"))])";
        let list = parse(text, Path::new("x")).unwrap();
        assert_eq!(list.len(), 2);
        assert!(
            list.iter()
                .all(|b| b.session.is_none() && b.note.is_empty())
        );
    }

    #[test]
    fn damaged_files_are_reported_with_line_and_column_and_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        let damaged = "(\n  version: 1,\n  bookmarks: [\n    (post: \"a\" note: \"x\"),\n  ],\n)\n";
        std::fs::write(&path, damaged).unwrap();
        let err = BookmarkStore::open(dir.path()).unwrap_err();
        let StoreError::Corrupt { line, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(*line, 4);
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("{}:4:", path.display())),
            "{message}"
        );

        let mut store = BookmarkStore::open_or_read_only(dir.path());
        assert!(store.is_read_only());
        assert!(matches!(
            store.apply(add("b", None, "")),
            Err(StoreError::ReadOnly { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), damaged);

        // Fixed behind the reader's back: a reload makes the store writable again.
        std::fs::write(&path, "(version: 1, bookmarks: [(post: \"a\")])").unwrap();
        store.reload().unwrap();
        store.apply(add("b", None, "")).unwrap();
        assert_eq!(store.bookmarks().len(), 2);
    }

    #[test]
    fn a_file_damaged_after_opening_is_not_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = BookmarkStore::open(dir.path()).unwrap();
        store.apply(add("a", None, "")).unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "garbage").unwrap();
        assert!(matches!(
            store.apply(add("b", None, "")),
            Err(StoreError::Corrupt { line: 1, .. })
        ));
        assert!(store.is_read_only());
        assert_eq!(store.bookmarks().len(), 1);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "garbage");
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            b"(\n  version: 1,\n  bookmarks: [(post: \"\xff\")],\n)",
        )
        .unwrap();
        let err = BookmarkStore::open(dir.path()).unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::Corrupt {
                    line: 3,
                    column: 23,
                    ..
                }
            ),
            "{err:?}"
        );
    }

    #[test]
    fn newer_versions_are_refused_even_in_an_unknown_shape() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        for text in [
            "(version: 2, bookmarks: [])",
            "(version: 3, sessions: {\"S\": [(id: 1)]}, bookmarks: 7)",
        ] {
            std::fs::write(&path, text).unwrap();
            let err = BookmarkStore::open(dir.path()).unwrap_err();
            assert!(matches!(err, StoreError::NewerVersion { .. }), "{err:?}");
            assert!(err.to_string().contains("upgrade pprnet"));
            let mut store = BookmarkStore::open_or_read_only(dir.path());
            assert!(store.apply(add("a", None, "")).is_err());
            assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
        }
    }

    #[test]
    fn an_unreadable_file_is_not_written_over() {
        let dir = tempfile::tempdir().unwrap();
        // A directory where the file should be cannot be read as a file.
        std::fs::create_dir(dir.path().join(FILE_NAME)).unwrap();
        let err = BookmarkStore::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::Read { .. }), "{err:?}");
        let mut store = BookmarkStore::open_or_read_only(dir.path());
        assert!(store.apply(add("a", None, "")).is_err());
        assert!(dir.path().join(FILE_NAME).is_dir());
    }

    #[test]
    fn two_stores_on_one_directory_keep_each_others_changes() {
        let dir = tempfile::tempdir().unwrap();
        let mut one = BookmarkStore::open(dir.path()).unwrap();
        let mut two = BookmarkStore::open(dir.path()).unwrap();
        one.apply(add("a", Some("S"), "from one")).unwrap();
        two.apply(add("b", Some("S"), "from two")).unwrap();
        assert_eq!(two.bookmarks().len(), 2);
        one.apply(Change::SetDiscussed {
            post: "b".into(),
            session: Some("S".into()),
            discussed: true,
        })
        .unwrap();
        two.reload().unwrap();
        assert!(two.find("b", Some("S")).unwrap().discussed);
        assert_eq!(two.find("a", Some("S")).unwrap().note, "from one");
    }

    #[test]
    fn threads_writing_at_once_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::thread::scope(|scope| {
            for t in 0..8 {
                let dir = dir.path();
                scope.spawn(move || {
                    let mut store = BookmarkStore::open(dir).unwrap();
                    for i in 0..10 {
                        store
                            .apply(add(&format!("p{t}-{i}"), Some("S"), "n"))
                            .unwrap();
                    }
                });
            }
        });
        assert_eq!(
            BookmarkStore::open(dir.path()).unwrap().bookmarks().len(),
            80
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_file_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("synced");
        std::fs::create_dir(&elsewhere).unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        std::fs::write(elsewhere.join(FILE_NAME), "(version: 1, bookmarks: [])").unwrap();
        std::os::unix::fs::symlink(elsewhere.join(FILE_NAME), data.join(FILE_NAME)).unwrap();
        BookmarkStore::open(&data)
            .unwrap()
            .apply(add("a", None, ""))
            .unwrap();
        assert!(data.join(FILE_NAME).is_symlink());
        assert_eq!(read_file(&elsewhere.join(FILE_NAME)).unwrap().len(), 1);
    }
}
