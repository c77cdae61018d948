//! Incremental searching for a filter typed one key at a time.

use crate::archive::Post;

use super::Hit;
use super::index::{SearchIndex, WordHit};
use super::query::{Query, QueryWord};
use super::rank::{HitCache, Narrowing};

/// Remembers the last query's work so that the next, usually one key
/// different, costs in proportion to the change, not to the whole query: the
/// input is parsed again only from the chunk the change is in, words already
/// matched against the vocabulary are not matched again, and when only the
/// last word changed (or a word was added) and it can only match fewer posts,
/// just that word is checked in the posts that matched before. Results are
/// always exactly those of [`SearchIndex::search`].
///
/// Use it with one index; it notices a different index and starts afresh.
#[derive(Debug, Clone, Default)]
pub struct Searcher {
    index_id: Option<u64>,
    input: String,
    query: Query,
    cache: HitCache,
    hits: Vec<Hit>,
    /// What the query's last word added to each hit's score.
    last: Vec<u32>,
}

impl Searcher {
    /// A searcher with no history.
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// The posts matching `input`, best first, as [`SearchIndex::search`] gives
    /// them; also kept for [`Searcher::hits`]. `posts` are those the index was
    /// built from.
    pub fn search(&mut self, index: &SearchIndex, posts: &[Post], input: &str) -> &[Hit] {
        let same_index = self.index_id == Some(index.id());
        if same_index && input == self.input {
            return &self.hits;
        }
        let old = Previous {
            words: self.query.words().len(),
            last: self.query.words().last().cloned(),
            constraints: self.query.constraints(),
            matchable: self.query.can_match(),
        };
        let (query, kept) = if same_index {
            std::mem::take(&mut self.query).reparse(&self.input, input)
        } else {
            self.cache = HitCache::default();
            (Query::parse(input), 0)
        };
        self.input.clear();
        self.input.push_str(input);
        let narrowing = if same_index {
            self.narrowing(index, &old, &query, kept)
        } else {
            None
        };
        let ranked = index.rank(
            posts,
            &query,
            &mut self.cache,
            narrowing.as_ref().map(|posts| Narrowing { posts }),
        );
        self.cache.keep_only(&query);
        self.hits = ranked.hits;
        self.last = ranked.last;
        self.index_id = Some(index.id());
        self.query = query;
        &self.hits
    }

    /// When the new `query` differs from the `old` one only in its last word
    /// (changed to one matching no word the old one did not, or added), the
    /// posts that matched before with their scores without that word; `kept`
    /// words at the start are known to be unchanged.
    fn narrowing(
        &mut self,
        index: &SearchIndex,
        old: &Previous,
        query: &Query,
        kept: usize,
    ) -> Option<Vec<(u32, u32)>> {
        let n = query.words().len();
        let old_n = old.words;
        if n == 0 || old_n == 0 || kept + 1 < n || !query.can_match() || !old.matchable {
            return None;
        }
        if !query.same_constraints(&old.constraints) {
            return None;
        }
        let added = if old_n + 1 == n {
            true
        } else if old_n == n {
            let last = old.last.as_ref()?;
            let before = self.cache.known(last)?;
            let after = self.cache.get(index, &query.words()[n - 1]);
            if query.words()[n - 1].scope != last.scope || !is_subset(&after, &before) {
                return None;
            }
            false
        } else {
            return None;
        };
        Some(
            self.hits
                .iter()
                .zip(&self.last)
                .map(|(h, &last)| {
                    let score = h.score as u32;
                    (h.post as u32, if added { score } else { score - last })
                })
                .collect(),
        )
    }

    /// The results of the last search.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The last query searched for.
    pub fn query(&self) -> &Query {
        &self.query
    }

    /// Forgets the history (the next search starts afresh).
    pub fn reset(&mut self) {
        *self = Searcher::default();
    }
}

/// What [`Searcher::narrowing`] needs of the previous query.
struct Previous {
    /// How many words it had.
    words: usize,
    /// Its last word.
    last: Option<QueryWord>,
    /// Its phrases and filters.
    constraints: Query,
    /// Whether it could match.
    matchable: bool,
}

/// Whether every word of `small` is in `large` (both in word order).
fn is_subset(small: &[WordHit], large: &[WordHit]) -> bool {
    let mut large = large.iter().map(|h| h.word).peekable();
    small.iter().all(|h| {
        while large.next_if(|&w| w < h.word).is_some() {}
        large.next_if_eq(&h.word).is_some()
    })
}
