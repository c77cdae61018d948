//! `bookmarks.ron`: its format, reading it, and changing it safely while other
//! processes may be changing it too.
//!
//! Every change takes an exclusive lock on `bookmarks.lock` beside the file,
//! re-reads the file, applies the change to what is on disk (so changes other
//! processes made meanwhile are kept), writes the result atomically (temporary
//! file, fsync, rename) and releases the lock. A file that cannot be read, does
//! not parse, or comes from a newer pprnet is never written over.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::lossless;
use super::model::{self, Bookmark, Change, Outcome, SessionChange, SessionOutcome};
pub use crate::datafile::StoreError;
use crate::datafile::{self, DataFile, Kind};
use crate::fsutil;

/// The bookmarks file's name in the data directory.
pub const FILE_NAME: &str = "bookmarks.ron";

/// The lock file's name in the data directory. It stays there, empty; only the
/// lock held on it matters, and the system drops that lock when its holder
/// exits, however it exits.
pub const LOCK_FILE_NAME: &str = "bookmarks.lock";

/// The bookmarks file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The bookmarks file, as the shared data-file rules know it.
const KIND: Kind = Kind {
    file_name: FILE_NAME,
    lock_name: LOCK_FILE_NAME,
    what: "bookmarks",
    version: FORMAT_VERSION,
    max_bytes: fsutil::MAX_BOOKMARKS_BYTES,
};

/// The first line of every bookmarks file written.
const HEADER: &str =
    "// pprnet bookmarks. pprnet never writes over this file if it cannot read it.\n";

/// The bookmarks of one data directory, as last read from disk.
#[derive(Debug)]
pub struct BookmarkStore {
    file: DataFile,
    bookmarks: Vec<Bookmark>,
    /// The text `bookmarks` was parsed from, when they were read and not
    /// changed since: a change finding the same text on disk under the lock
    /// starts from `bookmarks` instead of parsing it again.
    parsed_from: Option<String>,
    problem: Option<StoreError>,
}

impl BookmarkStore {
    /// Reads `DIR/bookmarks.ron`; a missing file (or directory) means no
    /// bookmarks yet. Nothing is created until the first change.
    pub fn open(dir: &Path) -> Result<BookmarkStore, StoreError> {
        let mut store = BookmarkStore::unread(dir);
        (store.bookmarks, store.parsed_from) = read(&store.file)?;
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
            file: DataFile::new(dir, KIND),
            bookmarks: Vec::new(),
            parsed_from: None,
            problem: None,
        }
    }

    /// The bookmarks file (which may not exist yet).
    pub fn path(&self) -> &Path {
        self.file.path()
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
        match read(&self.file) {
            Ok((bookmarks, text)) => {
                self.bookmarks = bookmarks;
                self.parsed_from = text;
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
    /// Fails, writing nothing, when the store is read-only, the file on disk
    /// is damaged, unreadable or newer (the store then becomes read-only), or
    /// rewriting it would drop a comment or a field pprnet does not know.
    pub fn apply(&mut self, change: Change) -> Result<Outcome, StoreError> {
        self.update(|bookmarks| {
            let outcome = model::apply_change(bookmarks, change, &model::now());
            let changed = outcome.changed();
            (outcome, changed)
        })
    }

    /// Applies a change to a note as [`BookmarkStore::apply`] does, but where
    /// the stored note changed since it was read, keeps both (theirs, a blank
    /// line, mine) instead of asking: for saving what the reader holds when it
    /// is about to go away with nobody there to answer.
    pub fn apply_keeping_both(&mut self, change: Change) -> Result<Outcome, StoreError> {
        let mut outcome = self.apply(change)?;
        // A note changed yet again meanwhile conflicts again; a few rounds
        // settle any real race.
        for _ in 0..3 {
            let Some(both) = outcome
                .conflict
                .as_ref()
                .and_then(|c| c.resolve(model::Resolution::KeepBoth))
            else {
                break;
            };
            outcome = self.apply(both)?;
        }
        Ok(outcome)
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
            return Err(self.file.read_only(problem));
        }
        let mut outcome = None;
        let (known, parsed_from) = (&self.bookmarks, self.parsed_from.take());
        let result = self.file.update(
            |file, text| match (text, parsed_from.as_deref()) {
                (Some(text), Some(known_text)) if text == known_text => Ok(known.clone()),
                _ => parse_text(file, text),
            },
            |bookmarks| {
                let (done, changed) = change(bookmarks);
                outcome = Some(done);
                changed
            },
            |text| match lossless::first_loss(text, HEADER) {
                Some(loss) => Err(self.file.would_drop(loss.line, loss.column, loss.what)),
                None => Ok(()),
            },
            |bookmarks| to_ron(bookmarks),
        );
        match result {
            Ok(bookmarks) => {
                self.bookmarks = bookmarks;
                Ok(outcome.expect("the change ran"))
            }
            Err(err) => {
                if err.is_damage() {
                    self.problem = Some(err.clone());
                }
                Err(err)
            }
        }
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

/// The bookmarks in the file, and its text (`None`: no file).
fn read(file: &DataFile) -> Result<(Vec<Bookmark>, Option<String>), StoreError> {
    let text = file.read_text()?;
    Ok((parse_text(file, text.as_deref())?, text))
}

/// The bookmarks in a file's text; no text, no bookmarks.
fn parse_text(file: &DataFile, text: Option<&str>) -> Result<Vec<Bookmark>, StoreError> {
    match text {
        Some(text) => {
            let parsed: FileIn = file.parse(text, |f: &FileIn| f.version)?;
            Ok(model::normalize(parsed.bookmarks))
        }
        None => Ok(Vec::new()),
    }
}

/// Reads a bookmarks file; a missing file means no bookmarks.
pub fn read_file(path: &Path) -> Result<Vec<Bookmark>, StoreError> {
    read(&DataFile::at(path, KIND)).map(|(bookmarks, _)| bookmarks)
}

/// Parses the text of a bookmarks file; `path` names it in errors. The result
/// is normalised (see [`model::normalize`]).
pub fn parse(text: &str, path: &Path) -> Result<Vec<Bookmark>, StoreError> {
    parse_text(&DataFile::at(path, KIND), Some(text))
}

/// The text of a bookmarks file holding `bookmarks`.
pub fn to_ron(bookmarks: &[Bookmark]) -> String {
    let file = FileOut {
        version: FORMAT_VERSION,
        bookmarks,
    };
    datafile::to_ron(HEADER, &file)
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
    fn a_note_saved_from_an_old_reading_never_overwrites_a_newer_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut reader = BookmarkStore::open(dir.path()).unwrap();
        reader.apply(add("a", Some("S"), "first")).unwrap();
        let base = reader.find("a", Some("S")).unwrap().note.clone();
        // Another process replaces the note while the reader's editor is open.
        let mut cli = BookmarkStore::open(dir.path()).unwrap();
        cli.apply(add("a", Some("S"), "from the CLI")).unwrap();
        let file_before = std::fs::read(dir.path().join(FILE_NAME)).unwrap();
        let outcome = reader
            .apply(Change::EditNote {
                post: "a".into(),
                session: Some("S".into()),
                base: Some(base),
                note: "from the reader".into(),
            })
            .unwrap();
        let conflict = outcome.conflict.expect("a conflict");
        assert_eq!(conflict.theirs, "from the CLI");
        assert_eq!(
            std::fs::read(dir.path().join(FILE_NAME)).unwrap(),
            file_before
        );
        assert_eq!(reader.find("a", Some("S")).unwrap().note, "from the CLI");
        let both = conflict.resolve(model::Resolution::KeepBoth).unwrap();
        reader.apply(both).unwrap();
        let again = BookmarkStore::open(dir.path()).unwrap();
        assert_eq!(
            again.find("a", Some("S")).unwrap().note,
            "from the CLI\n\nfrom the reader"
        );
    }

    #[test]
    fn saving_with_nobody_to_ask_keeps_both_notes() {
        let dir = tempfile::tempdir().unwrap();
        let mut reader = BookmarkStore::open(dir.path()).unwrap();
        reader.apply(add("a", None, "first")).unwrap();
        let mut cli = BookmarkStore::open(dir.path()).unwrap();
        cli.apply(add("a", None, "from the CLI")).unwrap();
        let edit = |base: &str, note: &str| Change::EditNote {
            post: "a".into(),
            session: None,
            base: Some(base.into()),
            note: note.into(),
        };
        let outcome = reader
            .apply_keeping_both(edit("first", "first, mine"))
            .unwrap();
        assert_eq!(outcome.conflict, None);
        let stored = BookmarkStore::open(dir.path()).unwrap();
        assert_eq!(
            stored.find("a", None).unwrap().note,
            "from the CLI\n\nfirst, mine"
        );
        // Unchanged meanwhile: simply saved.
        reader
            .apply_keeping_both(edit("from the CLI\n\nfirst, mine", "short"))
            .unwrap();
        assert_eq!(reader.find("a", None).unwrap().note, "short");
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
