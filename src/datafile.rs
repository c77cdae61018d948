//! The rules every file pprnet keeps in the data directory follows
//! (`bookmarks.ron`, `library.ron`, `read.ron`): read it with damage detection,
//! and change it under a lock with an atomic write.
//!
//! A change takes an exclusive lock on a lock file beside the data file,
//! re-reads the file, applies the change to what is on disk (so changes other
//! processes made meanwhile are kept), writes the result atomically (temporary
//! file, fsync, rename) and releases the lock. A file that cannot be read, does
//! not parse, or comes from a newer pprnet is never written over.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::fsutil;

/// How long a change waits for another process to release the lock.
const LOCK_TIMEOUT: Duration = Duration::from_secs(30);

/// One kind of data file: its names and how errors speak of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// The file's name in the data directory ("bookmarks.ron").
    pub file_name: &'static str,
    /// The lock file's name beside it ("bookmarks.lock"). It stays there,
    /// empty; only the lock held on it matters, and the system drops that lock
    /// when its holder exits, however it exits.
    pub lock_name: &'static str,
    /// What the file holds, as errors name it ("bookmarks", "library").
    pub what: &'static str,
    /// The format version this build reads and writes.
    pub version: u32,
    /// The largest file read; a larger one is refused unread.
    pub max_bytes: u64,
}

/// Why a data file could not be read or changed. Whatever the error, the file
/// was left as it was.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// The file exists but could not be read.
    #[error("{}: cannot read the {holds}: {source}", path.display())]
    Read {
        /// What the file holds ("bookmarks", "library").
        holds: &'static str,
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: Arc<io::Error>,
    },
    /// The file is not valid RON, not UTF-8, or not shaped as it should be.
    #[error(
        "{}:{line}:{column}: the {holds} file is damaged (line {line}, column {column}): {message}; \
         it was left untouched: fix it, or move it aside to start afresh",
        path.display()
    )]
    Corrupt {
        /// What the file holds ("bookmarks", "library").
        holds: &'static str,
        /// The file.
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
        "{}: {holds} format version {found} is newer than this pprnet understands \
         ({supported}); upgrade pprnet. The file was left untouched",
        path.display()
    )]
    NewerVersion {
        /// What the file holds ("bookmarks", "library").
        holds: &'static str,
        /// The file.
        path: PathBuf,
        /// The version found in the file.
        found: u32,
        /// The version this build understands.
        supported: u32,
    },
    /// The lock file could not be created or locked.
    #[error("{}: cannot lock the {holds}: {source}", path.display())]
    Lock {
        /// What the file holds ("bookmarks", "library").
        holds: &'static str,
        /// The lock file.
        path: PathBuf,
        /// What the operating system said.
        source: Arc<io::Error>,
    },
    /// Another process held the lock for longer than pprnet waits.
    #[error(
        "{}: another pprnet has held the {holds} lock for {}s; try again later",
        path.display(),
        waited.as_secs()
    )]
    Busy {
        /// What the file holds ("bookmarks", "library").
        holds: &'static str,
        /// The lock file.
        path: PathBuf,
        /// How long pprnet waited.
        waited: Duration,
    },
    /// The new file could not be written; the old one is unchanged.
    #[error("{}: cannot save the {holds}: {source}", path.display())]
    Write {
        /// What the file holds ("bookmarks", "library").
        holds: &'static str,
        /// The file or directory that could not be written.
        path: PathBuf,
        /// What the operating system said.
        source: Arc<io::Error>,
    },
    /// The file is a symbolic link to a file that does not exist (a synced
    /// folder that is not mounted, say). It is not taken for "no file", and
    /// the link is never replaced.
    #[error(
        "{}: the {holds} file is a link to {}, which does not exist (is its folder mounted?); \
         nothing was read or written",
        path.display(),
        target.display()
    )]
    DanglingLink {
        /// What the file holds ("bookmarks", "library").
        holds: &'static str,
        /// The file (the link).
        path: PathBuf,
        /// Where it points.
        target: PathBuf,
    },
    /// Saving would drop something a person or a newer pprnet put in the file.
    #[error(
        "{}:{line}:{column}: the {holds} file has {what} that pprnet would drop on saving, \
         so nothing was saved and the file was left as it is; remove it to make changes \
         (pprnet can still read the file)",
        path.display()
    )]
    WouldDrop {
        /// What the file holds ("bookmarks", "library").
        holds: &'static str,
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What would be dropped.
        what: String,
    },
    /// The store was opened read-only because the file could not be read then.
    #[error("{holds} are read-only: {reason}")]
    ReadOnly {
        /// What the file holds ("bookmarks", "library").
        holds: &'static str,
        /// The file.
        path: PathBuf,
        /// Why, as the original error said it.
        reason: String,
    },
}

impl StoreError {
    /// Whether the file itself is the trouble (unreadable, damaged or newer),
    /// as opposed to the lock or a failed write.
    pub fn is_damage(&self) -> bool {
        matches!(
            self,
            StoreError::Read { .. }
                | StoreError::Corrupt { .. }
                | StoreError::NewerVersion { .. }
                | StoreError::DanglingLink { .. }
        )
    }
}

/// A data file in a directory: where it is and what kind it is.
#[derive(Debug, Clone)]
pub struct DataFile {
    kind: Kind,
    dir: PathBuf,
    path: PathBuf,
}

impl DataFile {
    /// The file of `kind` in `dir` (neither needs to exist).
    pub fn new(dir: &Path, kind: Kind) -> DataFile {
        DataFile::at(&dir.join(kind.file_name), kind)
    }

    /// A file of `kind` at `path`, whatever its name; its lock file is beside it.
    pub fn at(path: &Path, kind: Kind) -> DataFile {
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
            _ => PathBuf::from("."),
        };
        DataFile {
            kind,
            dir,
            path: path.to_path_buf(),
        }
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The file's text, or `None` when it does not exist. Not UTF-8 is
    /// [`StoreError::Corrupt`] at the first bad byte; a BOM is dropped.
    pub fn read_text(&self) -> Result<Option<String>, StoreError> {
        let bytes = match fsutil::read_regular(&self.path, self.kind.max_bytes) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return match fsutil::link_target(&self.path) {
                    Some(target) => Err(StoreError::DanglingLink {
                        holds: self.kind.what,
                        path: self.path.clone(),
                        target,
                    }),
                    None => Ok(None),
                };
            }
            Err(e) => {
                return Err(StoreError::Read {
                    holds: self.kind.what,
                    path: self.path.clone(),
                    source: Arc::new(e),
                });
            }
        };
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Some(match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_string(),
                None => text,
            })),
            Err(e) => {
                let bytes = e.as_bytes();
                let (line, column) = position(&bytes[..e.utf8_error().valid_up_to()]);
                Err(self.corrupt(line, column, "not UTF-8 text".into()))
            }
        }
    }

    /// Parses the file's RON text as `T`, whose format version `version_of`
    /// tells, refusing a newer version even when its shape is unknown. A
    /// syntax or shape error names line and column.
    pub fn parse<T: DeserializeOwned>(
        &self,
        text: &str,
        version_of: impl Fn(&T) -> u32,
    ) -> Result<T, StoreError> {
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let newer = |found| StoreError::NewerVersion {
            holds: self.kind.what,
            path: self.path.clone(),
            found,
            supported: self.kind.version,
        };
        match ron::from_str::<T>(text) {
            Ok(value) if version_of(&value) > self.kind.version => Err(newer(version_of(&value))),
            Ok(value) => Ok(value),
            Err(err) => match ron::from_str::<VersionOnly>(text) {
                Ok(v) if v.version > self.kind.version => Err(newer(v.version)),
                _ => Err(self.corrupt(
                    err.span.start.line,
                    err.span.start.col,
                    crate::text::ron_message(&err.code),
                )),
            },
        }
    }

    fn corrupt(&self, line: usize, column: usize, message: String) -> StoreError {
        StoreError::Corrupt {
            holds: self.kind.what,
            path: self.path.clone(),
            line,
            column,
            message,
        }
    }

    /// Changes the file safely: locks, reads its text (`None`: no file) and
    /// `parse`s it, lets `change` alter what was read (returning whether it
    /// changed anything), and if so asks `guard` whether rewriting the text
    /// read would lose anything, writes `render` of the result atomically and
    /// unlocks. Returns what is now on disk, other processes' changes
    /// included. Creates the directory (private) if needed. A file that
    /// `parse` or `guard` refuses is never written.
    pub fn update<T>(
        &self,
        parse: impl FnOnce(&DataFile, Option<&str>) -> Result<T, StoreError>,
        change: impl FnOnce(&mut T) -> bool,
        guard: impl FnOnce(&str) -> Result<(), StoreError>,
        render: impl FnOnce(&T) -> String,
    ) -> Result<T, StoreError> {
        fsutil::create_private_dir(&self.dir).map_err(|e| StoreError::Write {
            holds: self.kind.what,
            path: self.dir.clone(),
            source: Arc::new(e),
        })?;
        let lock = Lock::acquire(&self.dir.join(self.kind.lock_name), self.kind.what)?;
        let text = self.read_text()?;
        let mut value = parse(self, text.as_deref())?;
        if change(&mut value) {
            if let Some(text) = &text {
                guard(text)?;
            }
            let target = fsutil::link_target(&self.path).unwrap_or_else(|| self.path.clone());
            fsutil::write_atomic(&target, render(&value).as_bytes()).map_err(|e| {
                StoreError::Write {
                    holds: self.kind.what,
                    path: target.clone(),
                    source: Arc::new(e),
                }
            })?;
            // Leftovers of writers killed mid-write; safe to remove under the lock.
            let _ = fsutil::remove_stale_temps(&target);
        }
        drop(lock);
        Ok(value)
    }

    /// The error for a rewrite that would drop something at `line`:`column`.
    pub fn would_drop(&self, line: usize, column: usize, what: String) -> StoreError {
        StoreError::WouldDrop {
            holds: self.kind.what,
            path: self.path.clone(),
            line,
            column,
            what,
        }
    }

    /// The error a read-only store gives for a change, quoting why.
    pub fn read_only(&self, problem: &StoreError) -> StoreError {
        StoreError::ReadOnly {
            holds: self.kind.what,
            path: self.path.clone(),
            reason: problem.to_string(),
        }
    }
}

/// Pretty RON as every data file is written: no struct names, strings as
/// written, two-space indents, a header comment line and a final newline.
pub fn to_ron<T: serde::Serialize>(header: &str, value: &T) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .escape_strings(false)
        .indentor("  ");
    let body =
        ron::ser::to_string_pretty(value, config).expect("data files are plain data and serialise");
    format!("{header}{body}\n")
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
    fn acquire(path: &Path, what: &'static str) -> Result<Lock, StoreError> {
        let lock_error = |e| StoreError::Lock {
            holds: what,
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
                        holds: what,
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
