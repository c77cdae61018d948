//! The user's library: posts a clinician imported (or `update` fetched) into
//! `library.ron` in the data directory, the tags people confirmed, topic
//! suggestions, and read marks. Nothing here knows about terminals.
//!
//! Every command and the reader see the same posts through [`load`]: the
//! bundled archive (or `--archive FILE`) combined with the library. Changes go
//! through [`store::change`] (locked, merged, atomic), for instance
//!
//! ```no_run
//! # use pprnet::{archive, library};
//! # let (dir, posts) = (std::path::Path::new("/tmp/d"), Vec::new());
//! let base = archive::bundled()?;
//! let (counts, _) = library::store::change(dir, |lib| {
//!     let counts = lib.merge_posts(&base, posts, "https://example.org/blog", &library::now());
//!     let changed = counts.changed();
//!     (counts, changed)
//! })?;
//! println!("{} added, {} updated, {} unchanged", counts.added.len(), counts.updated.len(), counts.unchanged.len());
//! # Ok::<(), anyhow::Error>(())
//! ```

pub mod marks;
pub mod model;
pub mod store;
pub mod suggest;
pub mod visit;

use std::path::Path;

pub use marks::{MarkChange, Marks};
pub use model::{Entry, LibraryFile, MergeCounts, Tags};
pub use visit::Visit;

use crate::archive::{self, Archive, ArchiveError};
use crate::datafile::StoreError;

/// The current time as RFC 3339 (UTC), as the library records it.
pub fn now() -> String {
    crate::bookmarks::model::now()
}

/// The archive every command and the reader show, and what they need to know
/// about the library behind it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The bundled archive (or `--archive`) combined with the library.
    pub archive: Archive,
    /// The library as read (empty when it could not be).
    pub library: LibraryFile,
    /// Why the library was left out, when it was: the file is damaged,
    /// unreadable or newer (and was left untouched), or its tags name topics
    /// the archive does not have.
    pub problem: Option<String>,
}

/// Loads the archive (`archive_file`, or the bundled one) and combines it with
/// the library in `data_dir`. An archive that cannot be loaded is an error; a
/// library that cannot be read is reported in [`Loaded::problem`] and left
/// out, so the posts of the archive can still be read.
pub fn load(archive_file: Option<&Path>, data_dir: &Path) -> Result<Loaded, ArchiveError> {
    let base = match archive_file {
        Some(path) => archive::load_file(path)?,
        None => archive::bundled()?,
    };
    Ok(combine(base, store::read(data_dir)))
}

/// Combines `base` with a library as read (or the reason it could not be).
pub fn combine(base: Archive, library: Result<LibraryFile, StoreError>) -> Loaded {
    let library = match library {
        Ok(library) => library,
        Err(err) => {
            return Loaded {
                archive: base,
                library: LibraryFile::default(),
                problem: Some(err.to_string()),
            };
        }
    };
    if library.posts.is_empty() && library.curated.is_empty() && library.site.is_empty() {
        return Loaded {
            archive: base,
            library,
            problem: None,
        };
    }
    let combined = library.combine(base.clone());
    let problems = archive::load::validate(&combined, "");
    if problems.is_empty() {
        return Loaded {
            archive: combined,
            library,
            problem: None,
        };
    }
    let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
    Loaded {
        archive: base,
        library: LibraryFile::default(),
        problem: Some(format!(
            "the library does not fit the archive and was left out (and untouched): {}",
            listed.join("; ")
        )),
    }
}
