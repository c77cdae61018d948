//! Bookmarks for supervision sessions: what a bookmark is ([`model`]), the
//! `bookmarks.ron` store that never loses or overwrites one ([`store`]), and
//! handouts ([`export`]). Nothing here knows about terminals.
//!
//! The reader and the CLI share one flow: open a [`BookmarkStore`] on the data
//! directory, show [`BookmarkStore::bookmarks`], and express every change as a
//! [`Change`] given to [`BookmarkStore::apply`], which merges it with whatever
//! other processes wrote meanwhile.

mod conflict;
pub mod export;
mod lossless;
pub mod model;
pub mod store;

pub use export::{Format, HandoutOptions, handout};
pub use model::{
    Bookmark, Change, Conflict, MISSING_POST_TITLE, Outcome, Resolution, SessionChange,
    SessionMatch, SessionOutcome, by_session, match_session, session_name,
};
pub use store::{BookmarkStore, StoreError};
