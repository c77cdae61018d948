//! The prepared index: every distinct folded word of the archive once, and for
//! each word the posts it occurs in. Built once at load; a search then costs in
//! proportion to the vocabulary and to the posts that match, not to the text.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::archive::{Month, Post};

use super::Hit;
use super::query::{Query, QueryWord};
use super::score::{field_score, word_score};
use super::tokens::{CLASSES, Class, Tokenizer, for_each_post_token};

/// A vocabulary word a query word matches, and how well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordHit {
    /// The word's number in the index's vocabulary.
    pub word: u32,
    /// Its [`word_score`].
    pub score: i32,
}

/// The search index over a list of posts. Post numbers in its results are
/// indices into that list.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Tells indexes apart (for [`super::Searcher`]'s memory).
    id: u64,
    /// All distinct words, concatenated; word `i` is `text[start[i]..start[i + 1]]`.
    text: String,
    start: Vec<u32>,
    /// Length of each word in chars.
    chars: Vec<u8>,
    /// Char mask of each word.
    mask: Vec<u64>,
    /// Whether each word is a compound (see [`super::tokens`]); the same text
    /// seen as a compound and as a plain word is two words.
    compound: Vec<bool>,
    /// Postings list `word * CLASSES + class` is
    /// `postings[list_start[l]..list_start[l + 1]]`: the posts where the word's
    /// best field is of that class, in post order.
    list_start: Vec<u32>,
    postings: Vec<u32>,
    /// Per word: bit `c` set when its list of class `c` is not empty.
    word_classes: Vec<u8>,
    /// Per word: how many posts contain it.
    word_posts: Vec<u32>,
    /// The matches of each one-char query word `a` to `z` and `0` to `9` (the
    /// first key typed), worked out in advance.
    single_chars: Vec<Vec<WordHit>>,
    /// The words of post `p`: `forward[forward_start[p]..forward_start[p + 1]]`,
    /// each `word << 3 | class`.
    forward_start: Vec<u32>,
    forward: Vec<u32>,
    /// Char mask of all the words of each post.
    post_mask: Vec<u64>,
    /// Each post's place when sorted newest month first, then in list order.
    recency: Vec<u32>,
    /// The post at each such place.
    by_recency: Vec<u32>,
}

impl SearchIndex {
    /// Prepares the index for `posts`: folds and cuts every field once.
    pub fn new(posts: &[Post]) -> SearchIndex {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        // Cutting text into words is most of the work: share it out.
        let threads = if posts.len() >= PARALLEL_POSTS {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
        } else {
            1
        };
        let chunk = posts.len().div_ceil(threads).max(1);
        let mut parts = if threads == 1 {
            vec![Part::build(posts)]
        } else {
            std::thread::scope(|scope| {
                let workers: Vec<_> = posts
                    .chunks(chunk)
                    .map(|some| scope.spawn(move || Part::build(some)))
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        }
        .into_iter();
        let mut all = parts.next().unwrap_or_else(Part::new);
        for part in parts {
            all.append(part);
        }
        let mut index = SearchIndex {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            text: all.text,
            start: all.start,
            chars: all.chars,
            mask: all.mask,
            compound: all.compound,
            forward_start: all.forward_start,
            forward: all.forward,
            post_mask: all.post_mask,
            ..SearchIndex::default()
        };
        index.build_postings();
        index.build_single_chars();
        index.recency = recency(&posts.iter().map(|p| p.month).collect::<Vec<_>>());
        index.by_recency = vec![0; posts.len()];
        for (p, &place) in index.recency.iter().enumerate() {
            index.by_recency[place as usize] = p as u32;
        }
        index
    }

    /// Inverts the forward lists into per-(word, class) postings lists.
    fn build_postings(&mut self) {
        let lists = self.chars.len() * CLASSES;
        let mut start = vec![0u32; lists + 1];
        for &entry in &self.forward {
            start[list_of(entry) + 1] += 1;
        }
        for l in 0..lists {
            start[l + 1] += start[l];
        }
        let mut fill = start.clone();
        let mut postings = vec![0u32; self.forward.len()];
        for p in 0..self.post_mask.len() {
            for &entry in self.post_words(p) {
                let l = list_of(entry);
                postings[fill[l] as usize] = p as u32;
                fill[l] += 1;
            }
        }
        self.word_classes = (0..self.chars.len())
            .map(|w| {
                (0..CLASSES)
                    .filter(|&c| start[w * CLASSES + c] != start[w * CLASSES + c + 1])
                    .fold(0u8, |bits, c| bits | 1 << c)
            })
            .collect();
        self.word_posts = (0..self.chars.len())
            .map(|w| start[(w + 1) * CLASSES] - start[w * CLASSES])
            .collect();
        self.list_start = start;
        self.postings = postings;
    }

    /// A number that tells this index (and its clones) apart from others.
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Matches every word against each one-char query word it could match.
    fn build_single_chars(&mut self) {
        let queries: Vec<QueryWord> = (b'a'..=b'z')
            .chain(b'0'..=b'9')
            .map(|b| QueryWord::new(char::from(b).encode_utf8(&mut [0; 4])))
            .collect();
        let mut lists: Vec<Vec<WordHit>> = vec![Vec::new(); queries.len()];
        for w in 0..self.chars.len() {
            let mask = self.mask[w];
            // Bits 0 to 35 stand for exactly these chars.
            let mut ascii = mask & ((1 << 36) - 1);
            while ascii != 0 {
                let slot = ascii.trailing_zeros() as usize;
                ascii &= ascii - 1;
                let query = &queries[slot];
                if let Some(score) = word_score(
                    query,
                    self.word(w),
                    self.chars[w].into(),
                    mask,
                    self.compound[w],
                ) {
                    lists[slot].push(WordHit {
                        word: w as u32,
                        score,
                    });
                }
            }
        }
        self.single_chars = lists;
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
    fn post_words(&self, p: usize) -> &[u32] {
        &self.forward[self.forward_start[p] as usize..self.forward_start[p + 1] as usize]
    }

    fn word(&self, w: usize) -> &str {
        &self.text[self.start[w] as usize..self.start[w + 1] as usize]
    }

    fn list(&self, l: usize) -> &[u32] {
        &self.postings[self.list_start[l] as usize..self.list_start[l + 1] as usize]
    }

    /// How many posts contain word `w`.
    fn post_count(&self, w: u32) -> usize {
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

    /// Ranks the posts that match every word of `query`; `words[i]` are the
    /// vocabulary matches of word `i`. When `candidates` is given, only those
    /// posts are considered (they must include every post that can match).
    pub(super) fn rank(
        &self,
        query: &Query,
        words: &[&[WordHit]],
        candidates: Option<&[usize]>,
    ) -> Vec<Hit> {
        if query.is_empty() || !query.can_match() || words.iter().any(|w| w.is_empty()) {
            return self.trivial(query);
        }
        // Most selective word first: after it, few posts remain to check.
        let costs: Vec<usize> = if words.len() == 1 && candidates.is_none() {
            // Nothing to choose between.
            vec![usize::MAX]
        } else {
            words
                .iter()
                .map(|hits| hits.iter().map(|h| self.post_count(h.word)).sum())
                .collect()
        };
        let mut order: Vec<usize> = (0..words.len()).collect();
        order.sort_by_key(|&i| costs[i]);

        // state[p] == r: post p matched the first r words evaluated.
        let mut state = match candidates {
            Some(_) => vec![u32::MAX; self.len()],
            None => vec![0u32; self.len()],
        };
        let mut alive: Option<Vec<u32>> = candidates.map(|c| {
            c.iter()
                .filter(|&&p| p < self.len())
                .map(|&p| {
                    state[p] = 0;
                    p as u32
                })
                .collect()
        });
        let mut total = vec![0u32; self.len()];
        for (round, &i) in order.iter().enumerate() {
            let round = round as u32;
            let mask = query.words()[i].mask;
            let survivors = match &alive {
                Some(list) if self.forward_cost(list) < costs[i] => {
                    self.rank_forward(words[i], list, round, &mut state, &mut total)
                }
                _ => {
                    let bound = match &alive {
                        Some(list) => list
                            .iter()
                            .filter(|&&p| self.post_mask[p as usize] & mask == mask)
                            .count(),
                        None => self.post_mask.iter().filter(|&&m| m & mask == mask).count(),
                    };
                    self.rank_inverted(words[i], bound, round, &mut state, &mut total)
                }
            };
            if survivors.is_empty() {
                return Vec::new();
            }
            alive = Some(survivors);
        }
        // Sort keys: the score above the place in the tie order, reversed.
        let last = self.len() as u64 - 1;
        let shift = 64 - last.leading_zeros();
        let mut keyed: Vec<u64> = alive
            .unwrap_or_default()
            .into_iter()
            .map(|p| {
                u64::from(total[p as usize]) << shift | (last - u64::from(self.recency[p as usize]))
            })
            .collect();
        sort_descending(&mut keyed);
        keyed
            .into_iter()
            .map(|key| Hit {
                post: self.by_recency[(last - (key & ((1 << shift) - 1))) as usize] as usize,
                score: (key >> shift) as i64,
            })
            .collect()
    }

    /// How many forward entries checking `posts` one by one would read.
    fn forward_cost(&self, posts: &[u32]) -> usize {
        posts
            .iter()
            .map(|&p| {
                (self.forward_start[p as usize + 1] - self.forward_start[p as usize]) as usize
            })
            .sum()
    }

    /// One word, checked post by post (cheap when few posts are left).
    fn rank_forward(
        &self,
        hits: &[WordHit],
        posts: &[u32],
        round: u32,
        state: &mut [u32],
        total: &mut [u32],
    ) -> Vec<u32> {
        // score + 1 of each matched word; 0: no match.
        let mut table = vec![0u32; self.chars.len()];
        for h in hits {
            table[h.word as usize] = h.score as u32 + 1;
        }
        let mut survivors = Vec::new();
        for &p in posts {
            let best = self
                .post_words(p as usize)
                .iter()
                .filter_map(|&entry| {
                    let score = table[(entry >> 3) as usize];
                    (score > 0)
                        .then(|| field_score(Class::from_index(entry & 7), score as i32 - 1) as u32)
                })
                .max();
            if let Some(best) = best {
                let p = p as usize;
                state[p] = round + 1;
                total[p] = total[p].saturating_add(best);
                survivors.push(p as u32);
            }
        }
        survivors
    }

    /// One word, through the postings lists of its matches, best list first so
    /// that a post's first hit is its best; stops once `bound` posts (all that
    /// could match) are found.
    fn rank_inverted(
        &self,
        hits: &[WordHit],
        bound: usize,
        round: u32,
        state: &mut [u32],
        total: &mut [u32],
    ) -> Vec<u32> {
        let mut survivors = Vec::new();
        // Word scores are below WORD_SCORES: hits sorted best first by counting.
        let mut counts = vec![0u32; WORD_SCORES + 1];
        for h in hits {
            counts[WORD_SCORES - 1 - h.score.clamp(0, WORD_SCORES as i32 - 1) as usize + 1] += 1;
        }
        for i in 0..WORD_SCORES {
            counts[i + 1] += counts[i];
        }
        let mut by_score = vec![WordHit { word: 0, score: 0 }; hits.len()];
        for h in hits {
            let slot =
                &mut counts[WORD_SCORES - 1 - h.score.clamp(0, WORD_SCORES as i32 - 1) as usize];
            by_score[*slot as usize] = *h;
            *slot += 1;
        }
        // Class by class, best first: lower classes are often never reached.
        for class in (0..CLASSES).rev() {
            let bonus = field_score(Class::from_index(class as u32), 0) as u32;
            for h in &by_score {
                if self.word_classes[h.word as usize] & 1 << class == 0 {
                    continue;
                }
                let score = bonus + h.score as u32;
                for &p in self.list(h.word as usize * CLASSES + class) {
                    let p = p as usize;
                    if state[p] == round {
                        state[p] = round + 1;
                        total[p] = total[p].saturating_add(score);
                        survivors.push(p as u32);
                        if survivors.len() >= bound {
                            return survivors;
                        }
                    }
                }
            }
        }
        survivors
    }
}

/// Plain words (0) and compounds (1), each to its number.
type WordIds = [HashMap<Box<str>, u32, BuildHasherDefault<FxHasher>>; 2];

/// The words and forward lists of some consecutive posts, with word numbers of
/// their own; parts are built in parallel, then appended.
struct Part {
    ids: WordIds,
    text: String,
    start: Vec<u32>,
    chars: Vec<u8>,
    mask: Vec<u64>,
    compound: Vec<bool>,
    forward_start: Vec<u32>,
    forward: Vec<u32>,
    post_mask: Vec<u64>,
}

impl Part {
    fn new() -> Part {
        Part {
            ids: WordIds::default(),
            text: String::new(),
            start: vec![0],
            chars: Vec::new(),
            mask: Vec::new(),
            compound: Vec::new(),
            forward_start: vec![0],
            forward: Vec::new(),
            post_mask: Vec::new(),
        }
    }

    /// The number of a word, given it one if it is new.
    fn word_id(&mut self, text: &str, chars: u8, mask: u64, compound: bool) -> u32 {
        let ids = &mut self.ids[usize::from(compound)];
        if let Some(&id) = ids.get(text) {
            return id;
        }
        let id = self.chars.len() as u32;
        ids.insert(text.into(), id);
        self.text.push_str(text);
        self.start.push(self.text.len() as u32);
        self.chars.push(chars);
        self.mask.push(mask);
        self.compound.push(compound);
        id
    }

    fn word(&self, w: usize) -> &str {
        &self.text[self.start[w] as usize..self.start[w + 1] as usize]
    }

    /// Cuts `posts` into words.
    fn build(posts: &[Post]) -> Part {
        let mut part = Part::new();
        // Per word: the last post it was seen in (+1) and its best class there.
        let mut last_post: Vec<u32> = Vec::new();
        let mut best_class: Vec<u8> = Vec::new();
        let mut post_words: Vec<u32> = Vec::new();
        let mut tokenizer = Tokenizer::default();
        for (p, post) in posts.iter().enumerate() {
            let mark = p as u32 + 1;
            let mut post_mask = 0;
            for_each_post_token(post, &mut tokenizer, |_, class, token| {
                let id = part.word_id(token.text, token.chars as u8, token.mask, token.compound);
                let w = id as usize;
                if w == last_post.len() {
                    last_post.push(0);
                    best_class.push(0);
                }
                if last_post[w] != mark {
                    last_post[w] = mark;
                    best_class[w] = class as u8;
                    post_words.push(id);
                } else {
                    best_class[w] = best_class[w].max(class as u8);
                }
                post_mask |= token.mask;
            });
            for &id in &post_words {
                part.forward
                    .push(id << 3 | u32::from(best_class[id as usize]));
            }
            post_words.clear();
            part.forward_start.push(part.forward.len() as u32);
            part.post_mask.push(post_mask);
        }
        part
    }

    /// Adds the posts of `other` after this part's, renumbering its words.
    fn append(&mut self, other: Part) {
        let renumber: Vec<u32> = (0..other.chars.len())
            .map(|w| {
                self.word_id(
                    other.word(w),
                    other.chars[w],
                    other.mask[w],
                    other.compound[w],
                )
            })
            .collect();
        let base = self.forward.len() as u32;
        self.forward.extend(
            other
                .forward
                .iter()
                .map(|&entry| renumber[(entry >> 3) as usize] << 3 | (entry & 7)),
        );
        self.forward_start
            .extend(other.forward_start[1..].iter().map(|&s| s + base));
        self.post_mask.extend(other.post_mask);
    }
}

/// At least this many posts are cut into words by several threads.
const PARALLEL_POSTS: usize = 2_000;

/// Sorts `keys` largest first: a radix sort when there are many.
fn sort_descending(keys: &mut Vec<u64>) {
    const DIGIT: u32 = 11;
    if keys.len() < 4096 {
        keys.sort_unstable_by(|a, b| b.cmp(a));
        return;
    }
    // Only the bits where keys differ need sorting.
    let first = keys[0];
    let differ = keys.iter().fold(0, |bits, &k| bits | (k ^ first));
    let bits = 64 - differ.leading_zeros();
    let mut other = vec![0u64; keys.len()];
    let mut shift = 0;
    while shift < bits {
        let digit = |k: u64| ((!k >> shift) & ((1 << DIGIT) - 1)) as usize;
        let mut starts = vec![0usize; (1 << DIGIT) + 1];
        for &k in keys.iter() {
            starts[digit(k) + 1] += 1;
        }
        for d in 0..1 << DIGIT {
            starts[d + 1] += starts[d];
        }
        for &k in keys.iter() {
            let slot = &mut starts[digit(k)];
            other[*slot] = k;
            *slot += 1;
        }
        std::mem::swap(keys, &mut other);
        shift += DIGIT;
    }
}

/// Word scores are below this (see [`super::score`]).
const WORD_SCORES: usize = (super::score::EXACT + super::score::TIER_SPAN) as usize;

/// Vocabularies (or candidate lists) at least this long are matched by several
/// threads.
const PARALLEL_WORDS: usize = 32_768;

/// The postings list a forward entry belongs to.
fn list_of(entry: u32) -> usize {
    (entry >> 3) as usize * CLASSES + (entry & 7) as usize
}

/// Each post's place in the tie order: newest month first, then list order.
pub(super) fn recency(months: &[Month]) -> Vec<u32> {
    let mut order: Vec<u32> = (0..months.len() as u32).collect();
    order.sort_by(|&a, &b| months[b as usize].cmp(&months[a as usize]).then(a.cmp(&b)));
    let mut rank = vec![0u32; months.len()];
    for (place, &p) in order.iter().enumerate() {
        rank[p as usize] = place as u32;
    }
    rank
}

/// A small fast hash for the vocabulary's word lookups (the FxHash of rustc).
#[derive(Debug, Default, Clone, Copy)]
struct FxHasher {
    hash: u64,
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.add(u64::from_le_bytes(chunk.try_into().expect("8 bytes")));
        }
        let mut rest = [0u8; 8];
        let tail = chunks.remainder();
        rest[..tail.len()].copy_from_slice(tail);
        self.add(u64::from_le_bytes(rest) ^ tail.len() as u64);
    }

    fn write_u8(&mut self, byte: u8) {
        self.add(u64::from(byte));
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}
