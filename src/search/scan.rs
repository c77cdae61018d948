//! Searching posts directly, without an index: for a single query (the `search`
//! subcommand), reading the text once is cheaper than building an index. It
//! gives exactly the results of [`super::SearchIndex::search`].
//!
//! Two shortcuts keep it quick without changing results: a field is only cut
//! into words when it contains the rarest letters of a query word (a cheap
//! byte scan), and once a query word has matched in some field as well as any
//! later field could (fields come title first, body last), later fields are not
//! searched for it.

use std::collections::HashMap;

use crate::archive::{Post, TextField};
use crate::text::fold_char;

use super::Hit;
use super::query::{Query, QueryWord};
use super::rank::recency;
use super::score::{EXACT, TIER_SPAN, field_score, fuzzy_score, substring_score};
use super::tokens::{FieldClasses, Tokenizer, top_class};

/// Below this many posts per thread, one thread does all the work.
const POSTS_PER_THREAD: usize = 2_000;

/// ASCII letters from most to least frequent in English text.
const LETTERS_BY_FREQUENCY: &[u8] = b"etaoinshrdlcumwfgypbvkjxqz";

/// How many of a word's rarest letters a field is checked for.
const NEEDLES: usize = 3;

/// The posts matching `query`, best first, ranked exactly as
/// [`super::SearchIndex::search`] ranks them.
pub fn search_posts(posts: &[Post], query: &str) -> Vec<Hit> {
    let query = Query::parse(query);
    if query.is_empty() {
        return (0..posts.len())
            .map(|post| Hit { post, score: 0 })
            .collect();
    }
    if !query.can_match() {
        return Vec::new();
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(posts.len() / POSTS_PER_THREAD)
        .max(1);
    let chunk = posts.len().div_ceil(threads).max(1);
    let mut matched: Vec<(usize, u32)> = if threads == 1 {
        scan(posts, 0, &query)
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = posts
                .chunks(chunk)
                .enumerate()
                .map(|(i, part)| {
                    let query = &query;
                    scope.spawn(move || scan(part, i * chunk, query))
                })
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    let recency = recency(&posts.iter().map(|p| p.month).collect::<Vec<_>>());
    matched.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(recency[a.0].cmp(&recency[b.0])));
    matched
        .into_iter()
        .map(|(post, score)| Hit {
            post,
            score: i64::from(score),
        })
        .collect()
}

/// The rarest distinct ASCII letters and digits of `word` (digits first).
fn needles(word: &QueryWord) -> Vec<u8> {
    let mut bytes: Vec<u8> = word
        .text
        .bytes()
        .filter(u8::is_ascii_alphanumeric)
        .collect();
    bytes.sort_unstable();
    bytes.dedup();
    let rarity = |b: &u8| {
        LETTERS_BY_FREQUENCY
            .iter()
            .position(|f| f == b)
            .unwrap_or(usize::MAX)
    };
    bytes.sort_by_key(|b| std::cmp::Reverse(rarity(b)));
    bytes.truncate(NEEDLES);
    bytes
}

/// Whether `text`, folded, could contain the ASCII letter or digit `c`.
fn may_contain(text: &str, c: u8) -> bool {
    memchr::memchr2(c, c.to_ascii_uppercase(), text.as_bytes()).is_some()
        || (!text.is_ascii()
            && text
                .chars()
                .filter(|ch| !ch.is_ascii())
                .any(|ch| fold_char(ch).any(|f| f == char::from(c))))
}

/// The index of the first byte at or after `from` that is not ASCII.
fn next_non_ascii(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut offset = 0;
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        offset += 8;
    }
    rest[offset..]
        .iter()
        .position(|&b| b >= 0x80)
        .map(|i| from + offset + i)
}

/// Whether `b` is ASCII whitespace, where the tokenizer always starts afresh.
fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0b
}

/// Calls `each` with every stretch of `text` between ASCII whitespace that
/// holds a char folding to the ASCII letter or digit `c`. Tokens never span
/// ASCII whitespace, so the tokens of these stretches are exactly the tokens
/// of `text` that contain `c`, and some more.
fn stretches_with(text: &str, c: u8, mut each: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let upper = c.to_ascii_uppercase();
    let ascii = text.is_ascii();
    // The next non-ASCII char at or after `from` that folds to something with `c`.
    let folded_at = |mut from: usize| -> Option<usize> {
        if ascii {
            return None;
        }
        while let Some(at) = next_non_ascii(bytes, from) {
            let ch = text[at..].chars().next()?;
            if fold_char(ch).any(|f| f == char::from(c)) {
                return Some(at);
            }
            from = at + ch.len_utf8();
        }
        None
    };
    let mut next_folded = folded_at(0);
    let mut from = 0;
    while from < bytes.len() {
        let plain = memchr::memchr2(c, upper, &bytes[from..]).map(|i| from + i);
        let at = match (plain, next_folded) {
            (Some(a), Some(b)) => a.min(b),
            (Some(a), None) => a,
            (None, Some(b)) => b,
            (None, None) => return,
        };
        let start = bytes[..at]
            .iter()
            .rposition(|&b| is_ascii_space(b))
            .map_or(0, |i| i + 1);
        let end = bytes[at..]
            .iter()
            .position(|&b| is_ascii_space(b))
            .map_or(bytes.len(), |i| at + i);
        each(&text[start..end]);
        from = end;
        if next_folded.is_some_and(|b| b < from) {
            next_folded = folded_at(from);
        }
    }
}

/// The matching posts of `posts` (numbered from `first`) with their scores.
fn scan(posts: &[Post], first: usize, query: &Query) -> Vec<(usize, u32)> {
    let words = query.words();
    let needles: Vec<Vec<u8>> = words.iter().map(needles).collect();
    let mut tokenizer = Tokenizer::default();
    // Fuzzy scores are costly: each distinct text word is scored once per word.
    let mut fuzzy: Vec<HashMap<String, Option<i32>>> = vec![HashMap::new(); words.len()];
    let mut best: Vec<i32> = vec![-1; words.len()];
    let mut fields: Vec<(TextField, &str)> = Vec::new();
    let mut classes = FieldClasses::default();
    let mut matched = Vec::new();
    for (i, post) in posts.iter().enumerate() {
        best.fill(-1);
        fields.clear();
        fields.extend(post.fields());
        for (f, &(field, text)) in fields.iter().enumerate() {
            // The best any field from here on could still give.
            let ceiling = fields[f..]
                .iter()
                .map(|&(field, _)| top_class(field))
                .max()
                .map_or(-1, |class| field_score(class, EXACT + TIER_SPAN - 1));
            let mut classes_ready = false;
            for (w, word) in words.iter().enumerate() {
                if best[w] >= ceiling || !needles[w].iter().all(|&c| may_contain(text, c)) {
                    continue;
                }
                if !classes_ready {
                    classes.reset(post, field, &mut tokenizer);
                    classes_ready = true;
                }
                let mut score_tokens = |text: &str| {
                    tokenizer.for_each(text, |token| {
                        if word.mask & token.mask != word.mask || word.chars > token.chars {
                            return;
                        }
                        let score = substring_score(word, token.text, token.chars).or_else(|| {
                            if token.compound || !word.fuzzy() {
                                return None;
                            }
                            match fuzzy[w].get(token.text) {
                                Some(&score) => score,
                                None => {
                                    let score = fuzzy_score(word, token.text);
                                    fuzzy[w].insert(token.text.to_string(), score);
                                    score
                                }
                            }
                        });
                        if let Some(score) = score {
                            let class = classes.class_of(&token);
                            best[w] = best[w].max(field_score(class, score));
                        }
                    });
                };
                match needles[w].first() {
                    Some(&rarest) => stretches_with(text, rarest, score_tokens),
                    None => score_tokens(text),
                }
            }
        }
        if best.iter().all(|&b| b >= 0) {
            let total = best
                .iter()
                .fold(0u32, |sum, &b| sum.saturating_add(b as u32));
            matched.push((first + i, total));
        }
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needles_are_the_rarest_letters() {
        assert_eq!(needles(&QueryWord::new("xqzv")), b"zqx");
        assert_eq!(needles(&QueryWord::new("the")), b"hte");
        assert_eq!(needles(&QueryWord::new("a2023")), b"023");
        assert_eq!(needles(&QueryWord::new("日本")), b"");
    }

    #[test]
    fn stretches_are_the_chunks_holding_the_letter() {
        let stretches = |text: &str, c: u8| {
            let mut out = Vec::new();
            stretches_with(text, c, |s| out.push(s.to_string()));
            out
        };
        assert_eq!(
            stretches("the Quick quiz\tof Fagernäs-Sjöstrand", b'q'),
            ["Quick", "quiz"]
        );
        assert_eq!(
            stretches("Fagernäs-Sjöstrand ä", b'a'),
            ["Fagernäs-Sjöstrand", "ä"]
        );
        assert_eq!(stretches("Sjöstrand x", b'o'), ["Sjöstrand"]);
        assert_eq!(stretches("ﬁne", b'i'), ["ﬁne"]);
        assert!(stretches("", b'a').is_empty());
        assert!(stretches("xyz", b'a').is_empty());
    }

    #[test]
    fn folded_letters_count_as_present() {
        assert!(may_contain("Fagernäs", b'a'));
        assert!(may_contain("FÄ", b'a'));
        assert!(!may_contain("Fägernüs", b'q'));
        assert!(may_contain("ﬁ", b'i'));
        assert!(!may_contain("", b'a'));
    }
}
