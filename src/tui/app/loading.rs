//! What arrives after the first frame: the whole archive (when the reader
//! opened on the cached posts without their bodies) and the search index.

use std::cell::OnceCell;
use std::sync::Arc;

use super::{App, Filter, Tags};
use crate::archive::{Archive, Post};
use crate::search::SearchIndex;

/// Data loaded in the background, handed to the reader as an action.
#[derive(Debug, Clone)]
pub enum Arrival {
    /// Post `index` of the archive, whole (for the first frame's post pane).
    Post(usize, Arc<Post>),
    /// The whole archive: the same posts in the same order, with their bodies.
    Archive(Arc<Archive>),
    /// Another archive: the sources changed since the one the reader opened
    /// on was cached. The reader starts over on it, keeping the selected post.
    Replaced(Arc<Archive>),
    /// The search index over the archive's posts.
    Index(Arc<SearchIndex>),
}

impl PartialEq for Arrival {
    fn eq(&self, other: &Arrival) -> bool {
        match (self, other) {
            (Arrival::Post(a, p), Arrival::Post(b, q)) => a == b && Arc::ptr_eq(p, q),
            (Arrival::Archive(a), Arrival::Archive(b)) => Arc::ptr_eq(a, b),
            (Arrival::Replaced(a), Arrival::Replaced(b)) => Arc::ptr_eq(a, b),
            (Arrival::Index(a), Arrival::Index(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Arrival {}

impl App {
    /// Takes in what arrived, keeping the selection, scroll and list position.
    pub(super) fn arrive(&mut self, arrival: Arrival) {
        match arrival {
            Arrival::Post(index, post) => {
                let same = self
                    .archive
                    .posts
                    .get(index)
                    .is_some_and(|p| p.id == post.id);
                if same {
                    self.archive.posts[index] = Arc::unwrap_or_clone(post);
                    self.relayout_post();
                }
            }
            Arrival::Archive(archive) => {
                let archive = Arc::unwrap_or_clone(archive);
                let same = archive.posts.len() == self.archive.posts.len()
                    && archive.topics == self.archive.topics
                    && archive.research_types == self.archive.research_types;
                if same {
                    self.archive = archive;
                    self.relayout_post();
                } else {
                    // Not what the reader opened on (never so from one
                    // cache).
                    self.start_over(archive);
                }
            }
            Arrival::Replaced(archive) => self.start_over(Arc::unwrap_or_clone(archive)),
            Arrival::Index(index) => {
                // An index built meanwhile (a query typed before this arrived)
                // is the same.
                let _ = self.search.set(Arc::unwrap_or_clone(index));
            }
        }
    }

    /// Shows `archive` instead of the one the reader opened on, keeping the
    /// selected post (when it is still there) and the filter.
    fn start_over(&mut self, archive: Archive) {
        let keep = self.selected_post().map(|p| p.id.clone());
        self.tags = Tags::all(&archive);
        self.archive = archive;
        self.search = OnceCell::new();
        self.filter = Filter::default();
        self.topics.cursor = self
            .topics
            .cursor
            .min(self.topics.all_row() + self.archive.topics.len());
        self.types.cursor = self.types.cursor.min(self.archive.research_types.len());
        self.document = None;
        self.refilter(keep.as_deref());
    }

    /// Lays the selected post out afresh, at the same scroll position.
    fn relayout_post(&mut self) {
        self.document = None;
        self.relayout();
    }
}
