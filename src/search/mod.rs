//! The filter engine shared by the reader's `/` filter and `pprnet search`.
//!
//! A query is split into words at whitespace; a post matches when every word
//! matches somewhere in it (title, citations with their authors, topics,
//! summary, implications). Text and query are folded alike (lower case, accents
//! dropped: "fagernas" finds "Fagernäs") and cut into words of letters and
//! digits; a query word matches a text word that contains its chars in order
//! ("thrpst" finds "therapist"), never letters scattered over several words,
//! though hyphenated or dotted chunks also count as one word ("dropout" finds
//! "Drop-Out"). Ranking: the field class first (title, then authors, then
//! topics and the rest of citations, then body), then tightness (whole word,
//! prefix, substring, fuzzy by fuzzy-matcher's skim score), summed over the
//! query's words; ties newest month first.
//!
//! [`SearchIndex`] prepares the archive once and answers a query in time that
//! grows with the vocabulary and the matching posts, not the text;
//! [`Searcher`] answers a growing query incrementally; [`search_posts`] answers
//! one query without an index (same results), for the command line;
//! [`highlights`] says which chars to highlight.

mod build;
mod column;
mod explain;
mod highlight;
mod index;
mod phrase;
mod query;
mod rank;
mod score;
mod searcher;
pub mod stored;
#[cfg(test)]
mod tests;
mod tokens;

pub use explain::{Explanation, WordMatch, explain};
pub use highlight::{field_highlights, highlights, highlights_in};
pub use index::SearchIndex;
pub use query::{Query, QueryWord, Scope, Years};
pub use score::MatchKind;
pub use searcher::Searcher;

use crate::archive::TextField;

/// A post that matches a query.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hit {
    /// Index of the post in the searched list (`archive.posts`).
    pub post: usize,
    /// How well it matches: higher is better; 0 for an empty query.
    pub score: i64,
}

/// Where a query matches in one field of a post.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldMatch {
    /// The field, as [`crate::archive::Post::fields`] names it.
    pub field: TextField,
    /// Char indices (not byte indices) into the field's original text, sorted,
    /// without repeats.
    pub chars: Vec<usize>,
}
