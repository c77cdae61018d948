//! The prepared index: every distinct folded word of the archive once, and for
//! each word the posts it occurs in. Built once at load (`build.rs`); a search
//! matches the query's words against the vocabulary (here) and ranks the posts
//! of the matching words (`rank.rs`), so it costs in proportion to the
//! vocabulary and to the posts that match, not to the text.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::archive::Post;

use super::Hit;
use super::column::{Column, Text};
use super::query::{Query, QueryWord, Scope};
use super::score::{may_be_typo, word_score};
use super::tokens::Class;

/// A vocabulary word a query word matches, and how well.
#[derive(Debug, Clone, Copy, PartialEq, Eq, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct WordHit {
    /// The word's number in the index's vocabulary.
    pub word: u32,
    /// Its [`word_score`].
    pub score: i32,
}

/// The search index over a list of posts. Post numbers in its results are
/// indices into that list.
///
/// It holds plain data only (text, arrays of numbers and a few short
/// lists), so that it can be stored and read back as it is, its arrays read
/// in place ([`super::stored`]): `crate::cache` keeps it between runs.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Tells indexes apart (for [`super::Searcher`]'s memory).
    pub(super) id: u64,
    /// All distinct words, concatenated; word `i` is `text[start[i]..start[i + 1]]`.
    pub(super) text: Text,
    pub(super) start: Column<u32>,
    /// Length of each word in chars.
    pub(super) chars: Column<u8>,
    /// Char mask of each word.
    pub(super) mask: Column<u64>,
    /// 1 when each word is a compound (see [`super::tokens`]); the same text
    /// seen as a compound and as a plain word is two words.
    pub(super) compound: Column<u8>,
    /// Postings list `word * CLASSES + class` is
    /// `postings[list_start[l]..list_start[l + 1]]`: the posts where the word's
    /// best field is of that class, in post order.
    pub(super) list_start: Column<u32>,
    pub(super) postings: Column<u32>,
    /// Per word: bit `c` set when its list of class `c` is not empty.
    pub(super) word_classes: Column<u8>,
    /// Per word: how many posts contain it.
    pub(super) word_posts: Column<u32>,
    /// The matches of each one-char query word `a` to `z` and `0` to `9` (the
    /// first key typed), worked out in advance.
    pub(super) single_chars: Vec<Vec<WordHit>>,
    /// The words of post `p`: `forward[forward_start[p]..forward_start[p + 1]]`,
    /// in word order, each `word << CLASS_BITS | classes` (bit `c` set when
    /// the word is in a field of class `c` in that post).
    pub(super) forward_start: Column<u32>,
    pub(super) forward: Column<u32>,
    /// Char mask of all the words of each post.
    pub(super) post_mask: Column<u64>,
    /// Each post's place when sorted newest month first, then in list order.
    pub(super) recency: Column<u32>,
    /// The post at each such place.
    pub(super) by_recency: Column<u32>,
    /// The years of post `p` (its month's, then its citations'):
    /// `years[years_start[p]..years_start[p + 1]]`.
    pub(super) years_start: Column<u32>,
    pub(super) years: Column<u16>,
    /// The years (four-digit numbers) the text of post `p` mentions:
    /// `mentioned[mentioned_start[p]..mentioned_start[p + 1]]`. A year typed
    /// alone also finds them.
    pub(super) mentioned_start: Column<u32>,
    pub(super) mentioned: Column<u16>,
    /// Folded research type names, and each post's.
    pub(super) type_names: Vec<String>,
    pub(super) post_type: Column<u32>,
    /// The DOIs of post `p`, letters and digits only, each followed by a
    /// space: `dois[doi_start[p]..doi_start[p + 1]]` (`doi_start[0]` is 0).
    pub(super) doi_start: Column<u32>,
    pub(super) dois: Text,
    /// Whether typo matching is off (see [`SearchIndex::set_typos`]).
    pub(super) no_typos: bool,
}

/// Bits of a forward entry that hold its classes.
pub(super) const CLASS_BITS: u32 = 5;
/// Mask of those bits.
pub(super) const CLASS_MASK: u32 = (1 << CLASS_BITS) - 1;

/// The best class of a forward entry.
pub(super) fn best_class(entry: u32) -> u32 {
    31 - (entry & CLASS_MASK).leading_zeros()
}

/// The class a scope restricts a word to.
pub(super) fn scope_class(scope: Scope) -> Class {
    match scope {
        Scope::Author => Class::Author,
        Scope::Topic => Class::Topic,
    }
}

impl SearchIndex {
    /// Prepares the index for `posts`: folds and cuts every field once.
    pub fn new(posts: &[Post]) -> SearchIndex {
        super::build::index(posts)
    }

    /// Turns matching of typos on (the default) or off, to measure what it
    /// costs or to search for words as spelled. The index then counts as a
    /// new one for a [`super::Searcher`].
    pub fn set_typos(&mut self, on: bool) {
        self.no_typos = !on;
        self.id = fresh_id();
    }

    /// How many edits a typo of `query` may make in this index.
    pub(super) fn typo_limit(&self, query: &QueryWord) -> u8 {
        if self.no_typos { 0 } else { query.typos }
    }

    /// `query` with typos allowed only when the index allows them.
    pub(super) fn effective<'q>(&self, query: &'q QueryWord) -> Cow<'q, QueryWord> {
        if self.no_typos && query.typos > 0 {
            Cow::Owned(QueryWord {
                typos: 0,
                ..query.clone()
            })
        } else {
            Cow::Borrowed(query)
        }
    }

    /// A number that tells this index (and its clones) apart from others.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The index with a new [`SearchIndex::id`], for one read back from a cache.
    pub fn renumbered(mut self) -> SearchIndex {
        self.id = fresh_id();
        self
    }

    /// The prepared matches of `query` when it is one ASCII letter or digit.
    fn single_char(&self, query: &QueryWord) -> Option<&[WordHit]> {
        let &[b] = query.text.as_bytes() else {
            return None;
        };
        let slot = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + b - b'0',
            _ => return None,
        };
        self.single_chars.get(usize::from(slot)).map(Vec::as_slice)
    }

    /// Whether the arrays' lengths agree with each other (an index read
    /// from a file is checked so).
    pub(super) fn fits(&self) -> bool {
        let (words, posts) = (self.chars.len(), self.post_mask.len());
        let ends = |start: &[u32], len: usize, of: usize| {
            start.len() == of + 1
                && start.first() == Some(&0)
                && start.last() == Some(&(len as u32))
        };
        [
            &self.mask.len(),
            &self.compound.len(),
            &self.word_classes.len(),
            &self.word_posts.len(),
        ]
        .iter()
        .all(|&&len| len == words)
            && [
                &self.recency.len(),
                &self.by_recency.len(),
                &self.post_type.len(),
            ]
            .iter()
            .all(|&&len| len == posts)
            && ends(&self.start, self.text.len(), words)
            && ends(
                &self.list_start,
                self.postings.len(),
                words * super::tokens::CLASSES,
            )
            && ends(&self.forward_start, self.forward.len(), posts)
            && ends(&self.years_start, self.years.len(), posts)
            && ends(&self.mentioned_start, self.mentioned.len(), posts)
            && ends(&self.doi_start, self.dois.len(), posts)
            && self.single_chars.len() == 36
    }

    /// How many posts the index covers.
    pub fn len(&self) -> usize {
        self.post_mask.len()
    }

    /// Whether the index covers no posts.
    pub fn is_empty(&self) -> bool {
        self.post_mask.is_empty()
    }

    /// How many distinct words the posts hold (compounds included).
    pub fn vocabulary_len(&self) -> usize {
        self.chars.len()
    }

    /// The posts matching `query`, best first (ties: newest month first, then
    /// list order). `posts` must be the posts the index was built from (phrases
    /// are checked in their text). An empty query returns every post in list
    /// order with score 0, as does a query of filters only (the posts that
    /// pass them); a query that cannot match (see [`Query`]) returns nothing.
    pub fn search(&self, posts: &[Post], query: &str) -> Vec<Hit> {
        let query = Query::parse(query);
        self.rank(posts, &query, &mut super::rank::HitCache::default(), None)
            .hits
    }

    /// The words of post `p`, each `word << CLASS_BITS | classes`.
    pub(super) fn post_words(&self, p: usize) -> &[u32] {
        &self.forward[self.forward_start[p] as usize..self.forward_start[p + 1] as usize]
    }

    /// The classes (bits) of word `w` in post `p`; 0 when it lacks the word.
    pub(super) fn classes_in(&self, p: usize, w: u32) -> u32 {
        let words = self.post_words(p);
        words
            .binary_search_by_key(&w, |&entry| entry >> CLASS_BITS)
            .map_or(0, |at| words[at] & CLASS_MASK)
    }

    /// Whether post `p` passes the year, type and DOI filters of `query`.
    pub(super) fn passes_filters(&self, p: usize, query: &Query) -> bool {
        let years = &self.years[self.years_start[p] as usize..self.years_start[p + 1] as usize];
        let mentioned =
            &self.mentioned[self.mentioned_start[p] as usize..self.mentioned_start[p + 1] as usize];
        let type_name = &self.type_names[self.post_type[p] as usize];
        let dois = &self.dois[self.doi_start[p] as usize..self.doi_start[p + 1] as usize];
        query.years().iter().all(|r| {
            years.iter().any(|y| (r.from..=r.to).contains(y))
                || (r.bare && mentioned.iter().any(|y| (r.from..=r.to).contains(y)))
        }) && query.types().iter().all(|t| {
            type_name
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.starts_with(t.as_str()))
                || super::query::compact(type_name).starts_with(t.as_str())
        }) && query.dois().iter().all(|d| dois.contains(d.as_str()))
    }

    pub(super) fn word(&self, w: usize) -> &str {
        &self.text[self.start[w] as usize..self.start[w + 1] as usize]
    }

    pub(super) fn list(&self, l: usize) -> &[u32] {
        &self.postings[self.list_start[l] as usize..self.list_start[l + 1] as usize]
    }

    /// How many posts contain word `w`.
    pub(super) fn post_count(&self, w: u32) -> usize {
        self.word_posts[w as usize] as usize
    }

    /// The score of vocabulary word `w` for `query`, as [`word_score`].
    pub(super) fn score_word(&self, query: &QueryWord, w: usize) -> Option<i32> {
        word_score(
            &self.effective(query),
            self.word(w),
            self.chars[w].into(),
            self.mask[w],
            self.compound[w] != 0,
        )
    }

    /// The vocabulary words `query` matches, in word order.
    pub(super) fn match_vocabulary(&self, query: &QueryWord) -> Cow<'_, [WordHit]> {
        if let Some(prepared) = self.single_char(query) {
            return Cow::Borrowed(prepared);
        }
        Cow::Owned(self.scan_vocabulary(query))
    }

    /// [`SearchIndex::match_vocabulary`] by trying every word: a word is
    /// scored only when it has every char of `query` or may be a typo of it.
    fn scan_vocabulary(&self, query: &QueryWord) -> Vec<WordHit> {
        let query = &*self.effective(query);
        let count = self.chars.len();
        let threads = if count >= PARALLEL_WORDS {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
        } else {
            1
        };
        let part = count.div_ceil(threads).max(1);
        let scan = |from: usize| {
            let to = (from + part).min(count);
            let mut hits = Vec::new();
            for w in from..to {
                let mask = self.mask[w];
                if (query.mask & mask == query.mask
                    || may_be_typo(query, self.chars[w].into(), mask))
                    && let Some(score) = self.score_word(query, w)
                {
                    hits.push(WordHit {
                        word: w as u32,
                        score,
                    });
                }
            }
            hits
        };
        if threads == 1 {
            return scan(0);
        }
        std::thread::scope(|scope| {
            let scan = &scan;
            let workers: Vec<_> = (1..threads)
                .map(|t| scope.spawn(move || scan(t * part)))
                .collect();
            let mut hits = scan(0);
            for worker in workers {
                hits.extend(
                    worker
                        .join()
                        .unwrap_or_else(|e| std::panic::resume_unwind(e)),
                );
            }
            hits
        })
    }
}

/// A number no other index of this process has.
pub(super) fn fresh_id() -> u64 {
    static NEXT_ID: AtomicU64 = AtomicU64::new(1);
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// Vocabularies at least this long are matched by several threads.
const PARALLEL_WORDS: usize = 32_768;
