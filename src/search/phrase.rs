//! Phrases: the words of a quoted phrase must follow each other, in order,
//! within one field. The index knows which words a post has, not where, so a
//! post that has every word is checked in its text.

use std::collections::HashSet;
use std::ops::Range;

use crate::archive::Post;

use super::index::SearchIndex;
use super::query::{Query, QueryWord};
use super::rank::HitCache;
use super::score::word_score;
use super::tokens::char_mask;
use super::tokens::{Token, Tokenizer};

/// Plain words (0) and compounds (1) a phrase word matches.
type Matches = [HashSet<String>; 2];

/// A token of a field: its first and last segment, text and whether it is a
/// compound.
pub(super) type Placed = (u32, u32, String, bool);

/// Checks a query's phrases in posts' text.
pub(super) struct Checker {
    /// Per phrase, per word: how to tell the text words it matches.
    phrases: Vec<Vec<Matcher>>,
}

/// How a phrase word is matched against the tokens of a text.
enum Matcher {
    /// By looking the token up among the word's vocabulary matches: for many
    /// posts, or a word already matched against the vocabulary.
    Known(Matches),
    /// By scoring the token: for a few posts (a long pasted text with a quote
    /// left open is checked in the one post that has all its words, without
    /// matching each of its words against the whole vocabulary).
    Direct(QueryWord),
}

/// Up to this many posts, phrase words not matched against the vocabulary
/// yet are scored in the text directly.
const DIRECT_POSTS: usize = 64;

impl Checker {
    /// Prepares the `phrases` (ranges of `query`'s words) for checking.
    /// Prepares the `phrases` (ranges of `query`'s words) for checking in
    /// `posts` posts.
    pub(super) fn new(
        index: &SearchIndex,
        query: &Query,
        phrases: &[Range<usize>],
        cache: &mut HitCache,
        posts: usize,
    ) -> Checker {
        let phrases = phrases
            .iter()
            .map(|range| {
                query.words()[range.clone()]
                    .iter()
                    .map(|word| {
                        let hits = match cache.known(word) {
                            Some(hits) => hits,
                            None if posts > DIRECT_POSTS => cache.get(index, word),
                            None => return Matcher::Direct(index.effective(word).into_owned()),
                        };
                        let mut matches = Matches::default();
                        for h in hits.iter() {
                            let w = h.word as usize;
                            matches[usize::from(index.compound[w])]
                                .insert(index.word(w).to_string());
                        }
                        Matcher::Known(matches)
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
fn occurs(phrase: &[Matcher], tokens: &[Placed]) -> bool {
    follows(phrase.len(), tokens, |i, t| match &phrase[i] {
        Matcher::Known(matches) => matches[usize::from(t.3)].contains(t.2.as_str()),
        Matcher::Direct(word) => score_token(word, t).is_some(),
    })
}

/// The word score of `word` for a placed token.
pub(super) fn score_token(word: &QueryWord, token: &Placed) -> Option<i32> {
    let (_, _, text, compound) = token;
    word_score(word, text, text.chars().count(), char_mask(text), *compound)
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
