//! A visit of the reader: what is new since the last one, and what was read.
//!
//! **The rule for "New".** A post is new when it is in the library as a post
//! of its own (not as a newer copy of a bundled post) and was added to the
//! library (`Entry::added`) after the *last visit*: the time the last reader
//! session that ended began ([`Marks::last_visit`] in `read.ron`). A reader
//! session records its start as the last visit when it ends ([`end`]), so
//! posts added while it was open (an `update` in another shell) are new at the
//! next start. Before the first visit, every post of the library is new.
//! `pprnet list --new` and the reader's "New" entry use this same rule
//! ([`LibraryFile::added_since`](super::LibraryFile::added_since) with
//! [`Marks::last_visit`]).

use std::collections::HashSet;
use std::path::Path;

use super::marks::{self, MarkChange, Marks};
use super::store;
use crate::archive::Archive;
use crate::datafile::StoreError;

/// What the reader knows about the user's library and read marks while it runs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Visit {
    /// When this visit began (RFC 3339, UTC): [`end`] records it.
    pub start: String,
    /// The read marks as read at the start (none when they could not be read).
    pub marks: Marks,
    /// Why read marks cannot be saved during this visit (the file is damaged,
    /// unreadable or newer, and left untouched), when they cannot.
    pub marks_problem: Option<String>,
    /// The ids of the posts new since the last visit.
    pub new: HashSet<String>,
    /// Why the library was left out (damaged, unreadable or newer), when it was.
    pub library_problem: Option<String>,
}

/// Begins a visit at `start`: reads the read marks and the library of
/// `data_dir`, and works out which posts are new. `base` gives the bundled
/// archive (or `--archive`); it is only asked for when some library post was
/// added since the last visit. Nothing is written.
pub fn begin<E: std::fmt::Display>(
    data_dir: &Path,
    start: String,
    base: impl FnOnce() -> Result<Archive, E>,
) -> Visit {
    let (marks, marks_problem) = match marks::read(data_dir) {
        Ok(marks) => (marks, None),
        Err(err) => (Marks::default(), Some(err.to_string())),
    };
    let mut visit = Visit {
        start,
        marks,
        marks_problem,
        ..Visit::default()
    };
    match store::read(data_dir) {
        Ok(library) => {
            let since = visit.marks.last_visit.as_deref();
            let candidates = library
                .posts
                .iter()
                .any(|e| since.is_none_or(|s| e.added.as_str() > s));
            if candidates {
                match base() {
                    Ok(base) => visit.new = library.added_since(&base, since),
                    Err(err) => visit.library_problem = Some(err.to_string()),
                }
            }
        }
        Err(err) => visit.library_problem = Some(err.to_string()),
    }
    visit
}

/// Ends the visit that began at `start`: records it as the last visit in
/// `read.ron` (a later visit already recorded is kept).
pub fn end(data_dir: &Path, start: &str) -> Result<Marks, StoreError> {
    marks::apply(data_dir, &[MarkChange::Visited(start.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::bundled;

    fn import(dir: &Path, id: &str, now: &str) {
        let base = bundled().unwrap();
        let mut post = base.posts[0].clone();
        post.id = id.into();
        post.title = format!("A post called {id}");
        post.citations.clear();
        post.summary = vec![format!("Text of {id}.")];
        store::change(dir, |lib| {
            let counts = lib.merge_posts(&base, vec![post], "test", now);
            ((), counts.changed())
        })
        .unwrap();
    }

    fn begin_at(dir: &Path, start: &str) -> Visit {
        begin(dir, start.into(), || bundled().map_err(|e| e.to_string()))
    }

    #[test]
    fn posts_added_after_the_last_visit_are_new_and_a_visit_ends_by_recording_its_start() {
        let dir = tempfile::tempdir().unwrap();
        import(dir.path(), "2030-01-a", "2030-01-01T00:00:00Z");
        let first = begin_at(dir.path(), "2030-01-02T00:00:00Z");
        assert_eq!(first.new, HashSet::from(["2030-01-a".to_string()]));
        assert_eq!(first.library_problem, None);
        // Added while the first visit is open: new at the next one.
        import(dir.path(), "2030-01-b", "2030-01-03T00:00:00Z");
        end(dir.path(), &first.start).unwrap();
        let second = begin_at(dir.path(), "2030-01-04T00:00:00Z");
        assert_eq!(second.new, HashSet::from(["2030-01-b".to_string()]));
        end(dir.path(), &second.start).unwrap();
        // An older visit ending late does not move the last visit back.
        end(dir.path(), &first.start).unwrap();
        assert!(begin_at(dir.path(), "2030-01-05T00:00:00Z").new.is_empty());
    }

    #[test]
    fn a_newer_copy_of_a_bundled_post_is_not_new() {
        let dir = tempfile::tempdir().unwrap();
        let base = bundled().unwrap();
        let mut post = base.posts[0].clone();
        post.summary.push("A paragraph added on the site.".into());
        store::change(dir.path(), |lib| {
            let counts = lib.merge_posts(&base, vec![post], "test", "2030-01-01T00:00:00Z");
            ((), counts.changed())
        })
        .unwrap();
        assert!(begin_at(dir.path(), "2030-01-02T00:00:00Z").new.is_empty());
    }

    #[test]
    fn damaged_files_are_reported_and_nothing_is_new() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(store::FILE_NAME), "(version: 1, posts: [").unwrap();
        std::fs::write(dir.path().join(marks::FILE_NAME), "(version: 1, read: [").unwrap();
        let visit = begin_at(dir.path(), "2030-01-02T00:00:00Z");
        assert!(visit.new.is_empty());
        let library = visit.library_problem.unwrap();
        assert!(library.contains("library file is damaged"), "{library}");
        let marks = visit.marks_problem.unwrap();
        assert!(marks.contains("read marks file is damaged"), "{marks}");
        assert!(end(dir.path(), &visit.start).is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(marks::FILE_NAME)).unwrap(),
            "(version: 1, read: ["
        );
    }
}
