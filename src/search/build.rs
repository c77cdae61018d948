//! Building the index: cutting every post into words (on several threads),
//! numbering the distinct words, and inverting posts' words into postings.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::archive::Post;

use super::column::Column;
use super::index::{CLASS_BITS, CLASS_MASK, SearchIndex, WordHit, best_class};
use super::query::QueryWord;
use super::query::compact;
use super::rank::recency;
use super::score::word_score;
use super::tokens::{CLASSES, Tokenizer, for_each_post_token};
use crate::text::fold;

/// Builds the index of `posts` (see [`SearchIndex::new`]).
pub(super) fn index(posts: &[Post]) -> SearchIndex {
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
        id: super::index::fresh_id(),
        text: all.text.into(),
        start: all.start.into(),
        chars: all.chars.into(),
        mask: all.mask.into(),
        compound: all
            .compound
            .iter()
            .map(|&c| u8::from(c))
            .collect::<Vec<_>>()
            .into(),
        forward_start: all.forward_start.into(),
        forward: all.forward.into(),
        post_mask: all.post_mask.into(),
        mentioned_start: all.mentioned_start.into(),
        mentioned: all.mentioned.into(),
        ..SearchIndex::default()
    };
    index.build_postings();
    index.build_single_chars();
    index.build_filters(posts);
    let recency = recency(&posts.iter().map(|p| p.month).collect::<Vec<_>>());
    let mut by_recency = vec![0; posts.len()];
    for (p, &place) in recency.iter().enumerate() {
        by_recency[place as usize] = p as u32;
    }
    index.recency = recency.into();
    index.by_recency = by_recency.into();
    index
}

impl SearchIndex {
    /// Keeps what year, type and DOI filters check: each post's years (its
    /// month's and its citations'), research type and DOIs.
    fn build_filters(&mut self, posts: &[Post]) {
        let (mut years, mut years_start) = (Vec::new(), vec![0]);
        let (mut dois, mut doi_start) = (String::new(), vec![0]);
        let mut post_type = Vec::with_capacity(posts.len());
        for post in posts {
            years.push(post.month.year);
            years.extend(post.citations.iter().filter_map(|c| c.year));
            years_start.push(years.len() as u32);
            let name = fold(&post.research_type);
            let type_id = match self.type_names.iter().position(|n| *n == name) {
                Some(at) => at,
                None => {
                    self.type_names.push(name);
                    self.type_names.len() - 1
                }
            };
            post_type.push(type_id as u32);
            for doi in post.citations.iter().filter_map(|c| c.doi.as_deref()) {
                dois.push_str(&compact(doi));
                dois.push(' ');
            }
            doi_start.push(dois.len() as u32);
        }
        self.years = years.into();
        self.years_start = years_start.into();
        self.post_type = post_type.into();
        self.dois = dois.into();
        self.doi_start = doi_start.into();
    }

    /// Inverts the forward lists into per-(word, class) postings lists.
    fn build_postings(&mut self) {
        let lists = self.chars.len() * CLASSES;
        let mut start = vec![0u32; lists + 1];
        for &entry in self.forward.iter() {
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
        self.word_classes = Column::from(
            (0..self.chars.len())
                .map(|w| {
                    (0..CLASSES)
                        .filter(|&c| start[w * CLASSES + c] != start[w * CLASSES + c + 1])
                        .fold(0u8, |bits, c| bits | 1 << c)
                })
                .collect::<Vec<_>>(),
        );
        self.word_posts = Column::from(
            (0..self.chars.len())
                .map(|w| start[(w + 1) * CLASSES] - start[w * CLASSES])
                .collect::<Vec<_>>(),
        );
        self.list_start = start.into();
        self.postings = postings.into();
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
                    self.compound[w] != 0,
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
    /// Years the posts' text mentions (see [`SearchIndex::mentioned`]).
    mentioned_start: Vec<u32>,
    mentioned: Vec<u16>,
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
            mentioned_start: vec![0],
            mentioned: Vec::new(),
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
        let mut classes: Vec<u8> = Vec::new();
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
                    classes.push(0);
                }
                if last_post[w] != mark {
                    last_post[w] = mark;
                    classes[w] = 1 << class as u8;
                    post_words.push(id);
                } else {
                    classes[w] |= 1 << class as u8;
                }
                post_mask |= token.mask;
                if let Some(year) = mentioned_year(token.text)
                    && !part.mentioned[*part.mentioned_start.last().unwrap_or(&0) as usize..]
                        .contains(&year)
                {
                    part.mentioned.push(year);
                }
            });
            part.mentioned_start.push(part.mentioned.len() as u32);
            post_words.sort_unstable();
            for &id in &post_words {
                part.forward
                    .push(id << CLASS_BITS | u32::from(classes[id as usize]));
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
        self.forward.extend(other.forward.iter().map(|&entry| {
            renumber[(entry >> CLASS_BITS) as usize] << CLASS_BITS | (entry & CLASS_MASK)
        }));
        for post in other.forward_start.windows(2) {
            // Keep each post's words in word order.
            self.forward[(base + post[0]) as usize..(base + post[1]) as usize].sort_unstable();
        }
        self.forward_start
            .extend(other.forward_start[1..].iter().map(|&s| s + base));
        self.post_mask.extend(other.post_mask);
        let base = self.mentioned.len() as u32;
        self.mentioned.extend(other.mentioned);
        self.mentioned_start
            .extend(other.mentioned_start[1..].iter().map(|&s| s + base));
    }
}

/// The year a text word stands for: four digits from 1900 to 2100.
pub(super) fn mentioned_year(word: &str) -> Option<u16> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// At least this many posts are cut into words by several threads.
const PARALLEL_POSTS: usize = 2_000;

/// The postings list a forward entry belongs to: its word's, for its best class.
fn list_of(entry: u32) -> usize {
    (entry >> CLASS_BITS) as usize * CLASSES + best_class(entry) as usize
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
