//! Ranking: the posts that match every query word, best first, from the
//! postings of the vocabulary words each query word matches.

use std::collections::HashMap;
use std::sync::Arc;

use crate::archive::{Month, Post};

use super::Hit;
use super::index::{CLASS_BITS, CLASS_MASK, SearchIndex, WordHit, best_class, scope_class};
use super::query::{Query, QueryWord};
use super::score::field_score;
use super::tokens::{CLASSES, Class};

/// The vocabulary matches of query words, by folded text, kept between
/// searches so that an unchanged word is never matched again.
#[derive(Debug, Clone, Default)]
pub(super) struct HitCache {
    hits: HashMap<String, Arc<[WordHit]>>,
}

impl HitCache {
    /// The vocabulary matches of `word` (in word order).
    pub(super) fn get(&mut self, index: &SearchIndex, word: &QueryWord) -> Arc<[WordHit]> {
        if let Some(hits) = self.hits.get(&word.text) {
            return hits.clone();
        }
        let hits: Arc<[WordHit]> = index.match_vocabulary(word).into();
        self.hits.insert(word.text.clone(), hits.clone());
        hits
    }

    /// The matches of `word` if they are known.
    pub(super) fn known(&self, word: &QueryWord) -> Option<Arc<[WordHit]>> {
        self.hits.get(&word.text).cloned()
    }

    /// Forgets the matches of words not in `query`.
    pub(super) fn keep_only(&mut self, query: &Query) {
        if self.hits.len() > query.words().len() {
            let wanted: std::collections::HashSet<&str> =
                query.words().iter().map(|w| w.text.as_str()).collect();
            self.hits.retain(|text, _| wanted.contains(text.as_str()));
        }
    }
}

/// Posts that matched an earlier query, for narrowing: each with its score
/// without its last word's part.
pub(super) struct Narrowing<'a> {
    /// The posts, with those scores.
    pub posts: &'a [(u32, u32)],
}

/// The outcome of a search.
#[derive(Debug, Clone, Default)]
pub(super) struct Ranked {
    /// The hits, best first.
    pub hits: Vec<Hit>,
    /// What the query's last word added to each hit's score.
    pub last: Vec<u32>,
}

/// How many query words have their vocabulary matched before the order of
/// evaluation is chosen; later words (a long pasted text) are checked against
/// the posts still in the running only.
const PLANNED_WORDS: usize = 8;

impl SearchIndex {
    /// Ranks the posts that match every word of `query` and pass its phrases
    /// and filters. With `narrowing`, only those posts are considered, and
    /// only the last word is evaluated (the others matched them already).
    pub(super) fn rank(
        &self,
        posts: &[Post],
        query: &Query,
        cache: &mut HitCache,
        narrowing: Option<Narrowing<'_>>,
    ) -> Ranked {
        if query.is_empty() {
            return Ranked {
                hits: (0..self.len()).map(|post| Hit { post, score: 0 }).collect(),
                last: vec![0; self.len()],
            };
        }
        if !query.can_match() {
            return Ranked::default();
        }
        let words = query.words();
        if words.is_empty() {
            // Filters only: the posts that pass, in list order.
            let hits: Vec<Hit> = (0..self.len())
                .filter(|&p| self.passes_filters(p, query))
                .map(|post| Hit { post, score: 0 })
                .collect();
            let last = vec![0; hits.len()];
            return Ranked { hits, last };
        }
        let mut total = vec![0u32; self.len()];
        let mut last = vec![0u32; self.len()];
        // state[p] == r: post p matched the first r words evaluated.
        let (mut state, mut alive, order) = match &narrowing {
            Some(narrowing) => {
                let mut state = vec![u32::MAX; self.len()];
                let mut alive = Vec::with_capacity(narrowing.posts.len());
                for &(p, base) in narrowing.posts {
                    state[p as usize] = 0;
                    total[p as usize] = base;
                    alive.push(p);
                }
                (state, Some(alive), vec![words.len() - 1])
            }
            None => (vec![0u32; self.len()], None, self.plan(words, cache)),
        };
        for (round, &i) in order.iter().enumerate() {
            let word = &words[i];
            let is_last = i == words.len() - 1;
            let round = round as u32;
            let known = if is_last {
                Some(cache.get(self, word))
            } else {
                cache.known(word)
            };
            let survivors = match (&alive, known) {
                (Some(list), None) if self.forward_cost(list) < self.vocabulary_len() / 8 => {
                    self.rank_direct(word, list)
                }
                (alive, known) => {
                    let hits = known.unwrap_or_else(|| cache.get(self, word));
                    let cost: usize = hits.iter().map(|h| self.post_count(h.word)).sum();
                    match alive {
                        Some(list) if self.forward_cost(list) < cost => {
                            self.rank_forward(word, &hits, list)
                        }
                        _ => {
                            let bound = self.bound(word, alive.as_deref());
                            self.rank_inverted(word, &hits, bound, round, &state)
                        }
                    }
                }
            };
            if survivors.is_empty() {
                return Ranked::default();
            }
            let mut list = Vec::with_capacity(survivors.len());
            for (p, score) in survivors {
                let at = p as usize;
                state[at] = round + 1;
                total[at] = total[at].saturating_add(score);
                if is_last {
                    last[at] = score;
                }
                list.push(p);
            }
            alive = Some(list);
        }
        let mut alive = alive.unwrap_or_default();
        if narrowing.is_none() && query.has_filters() {
            alive.retain(|&p| self.passes_filters(p as usize, query));
        }
        let phrases: Vec<_> = query
            .phrases()
            .iter()
            .filter(|r| narrowing.is_none() || r.contains(&(words.len() - 1)))
            .cloned()
            .collect();
        if !phrases.is_empty() && !alive.is_empty() {
            let checker = super::phrase::Checker::new(self, query, &phrases, cache, alive.len());
            alive.retain(|&p| checker.holds(&posts[p as usize]));
        }
        let hits = self.sorted(alive, &total);
        let last = hits.iter().map(|h| last[h.post]).collect();
        Ranked { hits, last }
    }

    /// The order to evaluate `words` in: of the first few, the most selective
    /// first (after it, few posts remain to check); then the rest as typed.
    fn plan(&self, words: &[QueryWord], cache: &mut HitCache) -> Vec<usize> {
        let planned = words.len().min(PLANNED_WORDS);
        let mut order: Vec<usize> = (0..planned).collect();
        if planned > 1 {
            let costs: Vec<usize> = words[..planned]
                .iter()
                .map(|w| {
                    cache
                        .get(self, w)
                        .iter()
                        .map(|h| self.post_count(h.word))
                        .sum()
                })
                .collect();
            order.sort_by_key(|&i| costs[i]);
        }
        order.extend(planned..words.len());
        order
    }

    /// How many posts (of `alive`, or of all) could match `word`: those with
    /// its chars, unless it may match as a typo.
    fn bound(&self, word: &QueryWord, alive: Option<&[u32]>) -> usize {
        let mask = word.mask;
        let typos = self.typo_limit(word) > 0;
        let fits = |p: usize| typos || self.post_mask[p] & mask == mask;
        match alive {
            Some(list) => list.iter().filter(|&&p| fits(p as usize)).count(),
            None => (0..self.len()).filter(|&p| fits(p)).count(),
        }
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

    /// The score a word match of `score` is worth in a post where the word
    /// has the classes of `entry`, or `None` when `word`'s scope rules it out.
    fn entry_score(word: &QueryWord, entry: u32, score: i32) -> Option<u32> {
        let class = match word.scope {
            Some(scope) => {
                let class = scope_class(scope);
                if entry & CLASS_MASK & 1 << class as u32 == 0 {
                    return None;
                }
                class
            }
            None => Class::from_index(best_class(entry)),
        };
        Some(field_score(class, score) as u32)
    }

    /// One word, checked post by post through a table of its matches.
    fn rank_forward(&self, word: &QueryWord, hits: &[WordHit], posts: &[u32]) -> Vec<(u32, u32)> {
        // score + 1 of each matched word; 0: no match.
        let mut table = vec![0u32; self.chars.len()];
        for h in hits {
            table[h.word as usize] = h.score as u32 + 1;
        }
        self.rank_posts(word, posts, |w| {
            table[w as usize].checked_sub(1).map(|s| s as i32)
        })
    }

    /// One word, checked post by post by scoring the posts' words directly:
    /// for a few posts, cheaper than matching the whole vocabulary.
    fn rank_direct(&self, word: &QueryWord, posts: &[u32]) -> Vec<(u32, u32)> {
        let mut scores: HashMap<u32, Option<i32>> = HashMap::new();
        self.rank_posts(word, posts, |w| {
            *scores
                .entry(w)
                .or_insert_with(|| self.score_word(word, w as usize))
        })
    }

    /// The best score of `word` in each of `posts` that it matches, given the
    /// score of each vocabulary word.
    fn rank_posts(
        &self,
        word: &QueryWord,
        posts: &[u32],
        mut score_of: impl FnMut(u32) -> Option<i32>,
    ) -> Vec<(u32, u32)> {
        posts
            .iter()
            .filter_map(|&p| {
                self.post_words(p as usize)
                    .iter()
                    .filter_map(|&entry| {
                        let score = score_of(entry >> CLASS_BITS)?;
                        Self::entry_score(word, entry, score)
                    })
                    .max()
                    .map(|best| (p, best))
            })
            .collect()
    }

    /// One word, through the postings lists of its matches, best first so
    /// that a post's first hit is its best; only posts with `state` equal to
    /// `round` count; stops once `bound` posts (all that could match) are
    /// found.
    fn rank_inverted(
        &self,
        word: &QueryWord,
        hits: &[WordHit],
        bound: usize,
        round: u32,
        state: &[u32],
    ) -> Vec<(u32, u32)> {
        let by_score = sorted_by_score(hits);
        let mut seen: Vec<bool> = vec![false; self.len()];
        let mut survivors = Vec::new();
        let mut take = |p: u32, score: u32, survivors: &mut Vec<(u32, u32)>| {
            let at = p as usize;
            if state[at] == round && !seen[at] {
                seen[at] = true;
                survivors.push((p, score));
            }
            survivors.len() >= bound
        };
        match word.scope {
            None => {
                // Class by class, best first: lower classes are often never
                // reached.
                for class in (0..CLASSES).rev() {
                    let bonus = field_score(Class::from_index(class as u32), 0) as u32;
                    for h in &by_score {
                        if self.word_classes[h.word as usize] & 1 << class == 0 {
                            continue;
                        }
                        for &p in self.list(h.word as usize * CLASSES + class) {
                            if take(p, bonus + h.score as u32, &mut survivors) {
                                return survivors;
                            }
                        }
                    }
                }
            }
            Some(scope) => {
                // Every score counts in the scope's class: best words first,
                // each in the lists of classes that may hold the scope's.
                let class = scope_class(scope);
                let bonus = field_score(class, 0) as u32;
                for h in &by_score {
                    for list_class in class as usize..CLASSES {
                        for &p in self.list(h.word as usize * CLASSES + list_class) {
                            if self.classes_in(p as usize, h.word) & 1 << class as u32 != 0
                                && take(p, bonus + h.score as u32, &mut survivors)
                            {
                                return survivors;
                            }
                        }
                    }
                }
            }
        }
        survivors
    }

    /// `alive` sorted best first, ties by recency, as hits.
    fn sorted(&self, alive: Vec<u32>, total: &[u32]) -> Vec<Hit> {
        // Sort keys: the score above the place in the tie order, reversed.
        let last = (self.len() as u64).saturating_sub(1);
        let shift = 64 - last.leading_zeros();
        let mut keyed: Vec<u64> = alive
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
}

/// `hits` best score first (a counting sort).
fn sorted_by_score(hits: &[WordHit]) -> Vec<WordHit> {
    let slot = |h: &WordHit| WORD_SCORES - 1 - h.score.clamp(0, WORD_SCORES as i32 - 1) as usize;
    let mut counts = vec![0u32; WORD_SCORES + 1];
    for h in hits {
        counts[slot(h) + 1] += 1;
    }
    for i in 0..WORD_SCORES {
        counts[i + 1] += counts[i];
    }
    let mut by_score = vec![WordHit { word: 0, score: 0 }; hits.len()];
    for h in hits {
        let at = &mut counts[slot(h)];
        by_score[*at as usize] = *h;
        *at += 1;
    }
    by_score
}

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
