//! Ranking: the posts that match every query word, best first, from the
//! postings of the vocabulary words each query word matches.

use crate::archive::Month;

use super::Hit;
use super::index::{SearchIndex, WordHit};
use super::query::Query;
use super::score::field_score;
use super::tokens::{CLASSES, Class};

impl SearchIndex {
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
        let last = (self.len() as u64).saturating_sub(1);
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
