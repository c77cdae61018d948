//! Incremental searching for a filter typed one key at a time.

use crate::archive::Post;

use super::Hit;
use super::index::{SearchIndex, WordHit};
use super::query::Query;
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
        let (query, kept) = if same_index {
            self.query.reparse(&self.input, input)
        } else {
            self.cache = HitCache::default();
            (Query::parse(input), 0)
        };
        self.input.clear();
        self.input.push_str(input);
        if same_index && query == self.query {
            return &self.hits;
        }
        let narrowing = if same_index {
            self.narrowing(index, &query, kept)
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

    /// When `query` differs from the last one only in its last word (changed
    /// to one matching no word the old one did not, or added), the posts that
    /// matched before with their scores without that word; `kept` words at
    /// the start are known to be unchanged.
    fn narrowing(
        &mut self,
        index: &SearchIndex,
        query: &Query,
        kept: usize,
    ) -> Option<Vec<(u32, u32)>> {
        let old = &self.query;
        let n = query.words().len();
        let old_n = old.words().len();
        if n == 0 || old_n == 0 || kept + 1 < n || !query.can_match() || !old.can_match() {
            return None;
        }
        if !query.same_constraints(old) {
            return None;
        }
        let (added, base): (bool, Vec<(u32, u32)>) = if old_n + 1 == n {
            (true, Vec::new())
        } else if old_n == n {
            let before = self.cache.known(&old.words()[n - 1])?;
            let after = self.cache.get(index, &query.words()[n - 1]);
            if query.words()[n - 1].scope != old.words()[n - 1].scope || !is_subset(&after, &before)
            {
                return None;
            }
            (false, Vec::new())
        } else {
            return None;
        };
        let mut base = base;
        base.extend(self.hits.iter().zip(&self.last).map(|(h, &last)| {
            let score = h.score as u32;
            (h.post as u32, if added { score } else { score - last })
        }));
        Some(base)
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

/// Whether every word of `small` is in `large` (both in word order).
fn is_subset(small: &[WordHit], large: &[WordHit]) -> bool {
    let mut large = large.iter().map(|h| h.word).peekable();
    small.iter().all(|h| {
        while large.next_if(|&w| w < h.word).is_some() {}
        large.next_if_eq(&h.word).is_some()
    })
}
