//! The prepared index: every distinct folded word of the archive once, and for
//! each word the posts it occurs in. Built once at load (`build.rs`); a search
//! matches the query's words against the vocabulary (here) and ranks the posts
//! of the matching words (`rank.rs`), so it costs in proportion to the
//! vocabulary and to the posts that match, not to the text.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::archive::Post;

use super::Hit;
use super::query::{Query, QueryWord};
use super::score::word_score;

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
/// Derives rkyv's traits so that `crate::cache` can keep it between runs.
#[derive(Debug, Clone, Default, rkyv::Archive, rkyv::Serialize, rkyv::Deserialize)]
pub struct SearchIndex {
    /// Tells indexes apart (for [`super::Searcher`]'s memory).
    pub(super) id: u64,
    /// All distinct words, concatenated; word `i` is `text[start[i]..start[i + 1]]`.
    pub(super) text: String,
    pub(super) start: Vec<u32>,
    /// Length of each word in chars.
    pub(super) chars: Vec<u8>,
    /// Char mask of each word.
    pub(super) mask: Vec<u64>,
    /// Whether each word is a compound (see [`super::tokens`]); the same text
    /// seen as a compound and as a plain word is two words.
    pub(super) compound: Vec<bool>,
    /// Postings list `word * CLASSES + class` is
    /// `postings[list_start[l]..list_start[l + 1]]`: the posts where the word's
    /// best field is of that class, in post order.
    pub(super) list_start: Vec<u32>,
    pub(super) postings: Vec<u32>,
    /// Per word: bit `c` set when its list of class `c` is not empty.
    pub(super) word_classes: Vec<u8>,
    /// Per word: how many posts contain it.
    pub(super) word_posts: Vec<u32>,
    /// The matches of each one-char query word `a` to `z` and `0` to `9` (the
    /// first key typed), worked out in advance.
    pub(super) single_chars: Vec<Vec<WordHit>>,
    /// The words of post `p`: `forward[forward_start[p]..forward_start[p + 1]]`,
    /// each `word << 3 | class`.
    pub(super) forward_start: Vec<u32>,
    pub(super) forward: Vec<u32>,
    /// Char mask of all the words of each post.
    pub(super) post_mask: Vec<u64>,
    /// Each post's place when sorted newest month first, then in list order.
    pub(super) recency: Vec<u32>,
    /// The post at each such place.
    pub(super) by_recency: Vec<u32>,
}

impl SearchIndex {
    /// Prepares the index for `posts`: folds and cuts every field once.
    pub fn new(posts: &[Post]) -> SearchIndex {
        super::build::index(posts)
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
    /// list order). An empty query returns every post in list order with score
    /// 0; a query that cannot match (see [`Query`]) returns nothing.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let query = Query::parse(query);
        if query.is_empty() || !query.can_match() {
            return self.trivial(&query);
        }
        let words: Vec<Cow<'_, [WordHit]>> = query
            .words()
            .iter()
            .map(|w| self.match_vocabulary(w, None))
            .collect();
        let words: Vec<&[WordHit]> = words.iter().map(|w| &**w).collect();
        self.rank(&query, &words, None)
    }

    /// Results of an empty query (every post) or of one that cannot match.
    pub(super) fn trivial(&self, query: &Query) -> Vec<Hit> {
        if query.is_empty() {
            (0..self.len()).map(|post| Hit { post, score: 0 }).collect()
        } else {
            Vec::new()
        }
    }

    /// The words of post `p`, each `word << 3 | class`.
    pub(super) fn post_words(&self, p: usize) -> &[u32] {
        &self.forward[self.forward_start[p] as usize..self.forward_start[p + 1] as usize]
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

    /// The vocabulary words `query` matches, among `within` when given (which
    /// must then hold every word it could match, e.g. the matches of a word it
    /// implies).
    pub(super) fn match_vocabulary(
        &self,
        query: &QueryWord,
        within: Option<&[WordHit]>,
    ) -> Cow<'_, [WordHit]> {
        if let Some(prepared) = self.single_char(query) {
            return Cow::Borrowed(prepared);
        }
        Cow::Owned(self.scan_vocabulary(query, within))
    }

    /// [`SearchIndex::match_vocabulary`] by trying every word.
    fn scan_vocabulary(&self, query: &QueryWord, within: Option<&[WordHit]>) -> Vec<WordHit> {
        let count = within.map_or(self.chars.len(), <[WordHit]>::len);
        let threads = if count >= PARALLEL_WORDS {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
        } else {
            1
        };
        let part = count.div_ceil(threads).max(1);
        let scan = |from: usize| {
            let to = (from + part).min(count);
            let mut hits = Vec::new();
            for i in from..to {
                let w = within.map_or(i, |list| list[i].word as usize);
                let mask = self.mask[w];
                if query.mask & mask == query.mask
                    && let Some(score) = word_score(
                        query,
                        self.word(w),
                        self.chars[w].into(),
                        mask,
                        self.compound[w],
                    )
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

/// Vocabularies (or candidate lists) at least this long are matched by several
/// threads.
const PARALLEL_WORDS: usize = 32_768;
