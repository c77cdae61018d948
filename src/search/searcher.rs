//! Incremental searching for a filter typed one key at a time.

use super::Hit;
use super::index::{SearchIndex, WordHit};
use super::query::{Query, QueryWord};

/// Remembers the last query's matches so that the next, usually one key
/// longer, is answered from them: a word's vocabulary matches are looked for
/// among the matches of the word it extends, and the posts among the posts that
/// matched before. Results are always exactly those of [`SearchIndex::search`].
///
/// Use it with one index; it notices a different index and starts afresh.
#[derive(Debug, Clone, Default)]
pub struct Searcher {
    index_id: Option<u64>,
    query: Query,
    words: Vec<(QueryWord, Vec<WordHit>)>,
    hits: Vec<Hit>,
}

impl Searcher {
    /// A searcher with no history.
    pub fn new() -> Searcher {
        Searcher::default()
    }

    /// The posts matching `input`, best first, as [`SearchIndex::search`] gives
    /// them; also kept for [`Searcher::hits`].
    pub fn search(&mut self, index: &SearchIndex, input: &str) -> &[Hit] {
        let query = Query::parse(input);
        let same_index = self.index_id == Some(index.id());
        if !same_index {
            self.words.clear();
        } else if query == self.query {
            return &self.hits;
        }
        let narrowing = same_index && self.query.is_implied_by(&query);
        self.hits = if query.is_empty() || !query.can_match() {
            index.trivial(&query)
        } else {
            let words: Vec<(QueryWord, Vec<WordHit>)> = query
                .words()
                .iter()
                .map(|word| (word.clone(), self.word_hits(index, word)))
                .collect();
            let lists: Vec<&[WordHit]> = words.iter().map(|(_, h)| h.as_slice()).collect();
            let candidates: Option<Vec<usize>> =
                narrowing.then(|| self.hits.iter().map(|h| h.post).collect());
            let hits = index.rank(&query, &lists, candidates.as_deref());
            self.words = words;
            hits
        };
        self.index_id = Some(index.id());
        self.query = query;
        &self.hits
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

    /// The vocabulary matches of `word`: remembered, or looked for among those
    /// of a remembered word it implies, or in the whole vocabulary.
    fn word_hits(&self, index: &SearchIndex, word: &QueryWord) -> Vec<WordHit> {
        if let Some((_, hits)) = self.words.iter().find(|(w, _)| w == word) {
            return hits.clone();
        }
        let narrowest = self
            .words
            .iter()
            .filter(|(w, _)| w.is_implied_by(word))
            .min_by_key(|(_, hits)| hits.len());
        index
            .match_vocabulary(word, narrowest.map(|(_, hits)| hits.as_slice()))
            .into_owned()
    }
}
