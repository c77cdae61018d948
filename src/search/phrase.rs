//! Phrases: the words of a quoted phrase must follow each other, in order,
//! within one field. The index knows which words a post has, not where, so a
//! post that has every word is checked in its text.

use std::collections::HashSet;
use std::ops::Range;

use crate::archive::Post;

use super::index::SearchIndex;
use super::query::Query;
use super::rank::HitCache;
use super::tokens::{Token, Tokenizer};

/// Plain words (0) and compounds (1) a phrase word matches.
type Matches = [HashSet<String>; 2];

/// A token of a field: its first and last segment, text and whether it is a
/// compound.
pub(super) type Placed = (u32, u32, String, bool);

/// Checks a query's phrases in posts' text.
pub(super) struct Checker {
    /// Per phrase, per word: the plain text words (0) and compounds (1) it
    /// matches.
    phrases: Vec<Vec<Matches>>,
}

impl Checker {
    /// Prepares the `phrases` (ranges of `query`'s words) for checking.
    pub(super) fn new(
        index: &SearchIndex,
        query: &Query,
        phrases: &[Range<usize>],
        cache: &mut HitCache,
    ) -> Checker {
        let phrases = phrases
            .iter()
            .map(|range| {
                query.words()[range.clone()]
                    .iter()
                    .map(|word| {
                        let mut matches = Matches::default();
                        for h in cache.get(index, word).iter() {
                            let w = h.word as usize;
                            matches[usize::from(index.compound[w])]
                                .insert(index.word(w).to_string());
                        }
                        matches
                    })
                    .collect()
            })
            .collect();
        Checker { phrases }
    }

    /// Whether every phrase occurs in some field of `post`.
    pub(super) fn holds(&self, post: &Post) -> bool {
        let mut tokenizer = Tokenizer::default();
        let mut found = vec![false; self.phrases.len()];
        let mut tokens: Vec<Placed> = Vec::new();
        for (_, text) in post.fields() {
            tokens.clear();
            tokenizer.for_each(text, |t: Token<'_>| {
                tokens.push((t.first, t.last, t.text.to_string(), t.compound))
            });
            for (phrase, done) in self.phrases.iter().zip(found.iter_mut()) {
                *done = *done || occurs(phrase, &tokens);
            }
            if found.iter().all(|&f| f) {
                return true;
            }
        }
        false
    }
}

/// Whether the words of `phrase` match tokens that follow each other.
fn occurs(phrase: &[Matches], tokens: &[Placed]) -> bool {
    follows(phrase.len(), tokens, |i, t| {
        phrase[i][usize::from(t.3)].contains(t.2.as_str())
    })
}

/// Whether a phrase of `words` words matches `tokens` that follow each other,
/// word `i` matching token `t` when `matches(i, t)`.
pub(super) fn follows(
    words: usize,
    tokens: &[Placed],
    matches: impl Fn(usize, &Placed) -> bool,
) -> bool {
    // The segment after the end of each partial match of the phrase so far.
    let mut ends: Vec<u32> = Vec::new();
    for i in 0..words {
        ends = tokens
            .iter()
            .filter(|t| (i == 0 || ends.binary_search(&t.0).is_ok()) && matches(i, t))
            .map(|t| t.1 + 1)
            .collect();
        ends.sort_unstable();
        ends.dedup();
        if ends.is_empty() {
            return false;
        }
    }
    true
}
