//! `library.ron` in the data directory, read and changed under the same rules
//! as the bookmarks (see [`crate::datafile`]): a lock, a re-read and merge, an
//! atomic write, and never a write over a damaged or newer file.

use std::path::Path;

use super::model::{FORMAT_VERSION, LibraryFile};
use crate::datafile::{self, DataFile, Kind, StoreError};
use crate::fsutil;

/// The library file's name in the data directory.
pub const FILE_NAME: &str = "library.ron";

/// The library's lock file beside it.
pub const LOCK_FILE_NAME: &str = "library.lock";

const KIND: Kind = Kind {
    file_name: FILE_NAME,
    lock_name: LOCK_FILE_NAME,
    what: "library",
    version: FORMAT_VERSION,
    max_bytes: fsutil::MAX_ARCHIVE_BYTES,
};

/// The first line of every library file written.
const HEADER: &str = "// pprnet library: posts you imported, and tags you chose. \
pprnet never writes over this file if it cannot read it.\n";

/// The library file of a data directory.
pub fn file(dir: &Path) -> DataFile {
    DataFile::new(dir, KIND)
}

/// Reads the library; a missing file is an empty library.
pub fn read(dir: &Path) -> Result<LibraryFile, StoreError> {
    read_from(&file(dir))
}

fn read_from(file: &DataFile) -> Result<LibraryFile, StoreError> {
    parse_text(file, file.read_text()?.as_deref())
}

fn parse_text(file: &DataFile, text: Option<&str>) -> Result<LibraryFile, StoreError> {
    match text {
        Some(text) => {
            let mut library: LibraryFile = file.parse(text, |f: &LibraryFile| f.version)?;
            library.version = FORMAT_VERSION;
            Ok(library)
        }
        None => Ok(LibraryFile::default()),
    }
}

/// Changes the library safely: under its lock, `change` gets what is on disk
/// now and returns what it did and whether the file must be written. Nothing
/// is written when the file is damaged, unreadable or newer.
pub fn change<R>(
    dir: &Path,
    change: impl FnOnce(&mut LibraryFile) -> (R, bool),
) -> Result<(R, LibraryFile), StoreError> {
    let mut result = None;
    let library = file(dir).update(
        parse_text,
        |library| {
            let (value, changed) = change(library);
            result = Some(value);
            changed
        },
        |_| Ok(()),
        to_ron,
    )?;
    Ok((result.expect("the change ran"), library))
}

/// Records the tags a person gave post `id` in the library of `dir` (see
/// [`LibraryFile::curate`]), as `pprnet curate` and the reader's `t` do.
/// Returns whether the file changed.
pub fn curate(dir: &Path, id: &str, tags: super::Tags) -> Result<bool, StoreError> {
    Ok(change(dir, |lib| {
        let changed = lib.curate(id, tags);
        (changed, changed)
    })?
    .0)
}

/// The text of a library file.
pub fn to_ron(library: &LibraryFile) -> String {
    datafile::to_ron(HEADER, library)
}
