//! How well one query word matches one word of the text, and where.
//!
//! A query word matches a text word when its chars appear in the word in order.
//! Tighter matches score higher, in tiers: the whole word, then a prefix, then
//! a substring, then a fuzzy match (chars in order with gaps, "thrpst" in
//! "therapist") scored by fuzzy-matcher's skim algorithm, then a typo: a word
//! within a small Damerau–Levenshtein distance ("emphaty" for "empathy"; see
//! [`QueryWord::typos`]). Within a post, the field a word is in counts first
//! ([`Class`]): see [`field_score`].

use std::sync::LazyLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::QueryWord;
use super::tokens::Class;

/// Score of a text word equal to the query word.
pub const EXACT: i32 = 4_000;
/// Base score of a text word the query word starts.
pub const PREFIX: i32 = 3_000;
/// Base score of a text word containing the query word elsewhere.
pub const SUBSTRING: i32 = 2_000;
/// Base score of a fuzzy match.
pub const FUZZY: i32 = 1_000;
/// Base score of a typo (a word a few edits away).
pub const TYPO: i32 = 0;
/// Within a tier, scores stay below this.
pub const TIER_SPAN: i32 = 1_000;
/// What a match is worth per [`Class`] step: more than any tier difference, so
/// a title hit always outranks a body hit.
pub const CLASS_WEIGHT: i32 = 10_000;

/// The one fuzzy matcher. Texts and queries are folded to lower case already.
static MATCHER: LazyLock<SkimMatcherV2> = LazyLock::new(|| SkimMatcherV2::default().respect_case());

/// How a query word matched a text word, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// A word a few edits away.
    Typo,
    /// The query's chars in order, with gaps.
    Fuzzy,
    /// Inside the word.
    Substring,
    /// The start of the word.
    Prefix,
    /// The whole word.
    Exact,
}

impl MatchKind {
    /// The kind of a [`word_score`].
    pub fn of(score: i32) -> MatchKind {
        match score {
            s if s >= EXACT => MatchKind::Exact,
            s if s >= PREFIX => MatchKind::Prefix,
            s if s >= SUBSTRING => MatchKind::Substring,
            s if s >= FUZZY => MatchKind::Fuzzy,
            _ => MatchKind::Typo,
        }
    }

    /// The kind's name, as `search --explain` prints it.
    pub fn name(self) -> &'static str {
        match self {
            MatchKind::Typo => "typo",
            MatchKind::Fuzzy => "fuzzy",
            MatchKind::Substring => "substring",
            MatchKind::Prefix => "prefix",
            MatchKind::Exact => "exact",
        }
    }
}

/// How well `query` matches the folded text word `word` (`chars` long, with
/// char mask `mask`, a compound or not), or `None` when it does not: from 0 to
/// [`EXACT`] + 999. Compounds only match without gaps or typos.
pub fn word_score(
    query: &QueryWord,
    word: &str,
    chars: usize,
    mask: u64,
    compound: bool,
) -> Option<i32> {
    if query.chars == 0 {
        return None;
    }
    if query.chars <= chars && query.mask & mask == query.mask {
        let score = match substring_score(query, word, chars) {
            None if !compound && query.fuzzy() => fuzzy_score(query, word),
            score => score,
        };
        if score.is_some() {
            return score;
        }
    }
    if compound || !may_be_typo(query, chars, mask) {
        return None;
    }
    typo_score(query, word, chars)
}

/// A cheap test that `word` (`chars` long, with char mask `mask`) may be
/// within [`QueryWord::typos`] edits of `query`: lengths close enough, and no
/// more chars missing on either side than edits allowed.
pub fn may_be_typo(query: &QueryWord, chars: usize, mask: u64) -> bool {
    let limit = u32::from(query.typos);
    limit > 0
        && chars.abs_diff(query.chars) as u32 <= limit
        && (query.mask & !mask).count_ones() <= limit
        && (mask & !query.mask).count_ones() <= limit
}

/// [`word_score`] of a typo: the Damerau–Levenshtein distance (adjacent
/// transpositions count one edit) of `word` from `query`, when it is within
/// [`QueryWord::typos`]; for a word allowed one edit, also the same letters
/// two edits apart (a letter typed one place too late: "emphaty" for
/// "empathy"). Closer and more similar in length scores higher.
pub fn typo_score(query: &QueryWord, word: &str, chars: usize) -> Option<i32> {
    let limit = usize::from(query.typos).max(2);
    let (distance, same_letters) = if query.text.is_ascii() && word.is_ascii() {
        let distance = bounded_distance(query.text.as_bytes(), word.as_bytes(), limit)?;
        (
            distance,
            distance > usize::from(query.typos) && same_letters(query.text.bytes(), word.bytes()),
        )
    } else {
        let a: Vec<char> = query.text.chars().collect();
        let b: Vec<char> = word.chars().collect();
        let distance = bounded_distance(&a, &b, limit)?;
        (
            distance,
            distance > usize::from(query.typos) && same_letters(a.into_iter(), b.into_iter()),
        )
    };
    if distance == 0 || (distance > usize::from(query.typos) && !same_letters) {
        return None;
    }
    let extra = chars.abs_diff(query.chars) as i32;
    Some(TYPO + TIER_SPAN - 1 - 400 * (distance as i32 - 1) - 10 * extra)
}

/// Whether two words have the same letters, in any order.
fn same_letters<T: Ord>(a: impl Iterator<Item = T>, b: impl Iterator<Item = T>) -> bool {
    let mut a: Vec<T> = a.collect();
    let mut b: Vec<T> = b.collect();
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// The optimal-string-alignment distance of `a` and `b` (insertions,
/// deletions, substitutions and swaps of two adjacent chars each count one)
/// when it is at most `limit`; `None` when it is more.
pub fn bounded_distance<T: PartialEq>(a: &[T], b: &[T], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    // Three rows: two back (for swaps), one back, and this one.
    let mut rows = vec![0usize; 3 * width];
    for (j, cell) in rows[2 * width..].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows.copy_within(width.., 0);
        let (done, row) = rows.split_at_mut(2 * width);
        let (before, last) = done.split_at(width);
        row[0] = i;
        let mut smallest = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (last[j] + 1).min(row[j - 1] + 1).min(last[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            row[j] = d;
            smallest = smallest.min(d);
        }
        if smallest > limit {
            return None;
        }
    }
    let distance = rows[3 * width - 1];
    (distance <= limit).then_some(distance)
}

/// [`word_score`] when `query` occurs in `word` as it is (the tiers above
/// [`FUZZY`]); `None` otherwise.
pub fn substring_score(query: &QueryWord, word: &str, chars: usize) -> Option<i32> {
    let at = find(word.as_bytes(), query.text.as_bytes())?;
    let extra = (chars.saturating_sub(query.chars)).min(TIER_SPAN as usize) as i32;
    Some(if at == 0 {
        if extra == 0 {
            EXACT + TIER_SPAN - 1
        } else {
            PREFIX + (TIER_SPAN - 1 - 10 * extra).max(0)
        }
    } else {
        let at = word[..at].chars().count().min(TIER_SPAN as usize) as i32;
        SUBSTRING + (TIER_SPAN - 1 - 10 * extra - at).max(0)
    })
}

/// [`word_score`] of a fuzzy match: the chars of `query` in order in `word`,
/// scored by the skim algorithm. Call it only when [`substring_score`] is
/// `None` (or it scores a substring as fuzzy), for a plain word (not a
/// compound) and a query word that may match fuzzily.
pub fn fuzzy_score(query: &QueryWord, word: &str) -> Option<i32> {
    if query.text.is_empty() || !is_subsequence(&query.text, word) {
        return None;
    }
    // Not `fuzzy_match`: in fuzzy-matcher 0.3.7 it reuses a score matrix that
    // it only partly resets, so its scores depend on earlier calls ("uur" in
    // "future" scores 47, or 59 after "et" in "encounters"). `fuzzy_indices`
    // fills the whole matrix and always gives the same score.
    let (skim, _) = MATCHER.fuzzy_indices(word, &query.text)?;
    Some(FUZZY + (skim + 500).clamp(0, TIER_SPAN as i64 - 1) as i32)
}

/// The score of a word match in a field of class `class`.
pub fn field_score(class: Class, word_score: i32) -> i32 {
    class as i32 * CLASS_WEIGHT + word_score
}

/// Char indices into `word` of the chars `query` matches (sorted), or `None`
/// when it does not match (as [`word_score`] decides). A typo marks the whole
/// word.
pub fn word_positions(query: &QueryWord, word: &str, compound: bool) -> Option<Vec<usize>> {
    if query.chars == 0 {
        return None;
    }
    if let Some(at) = find(word.as_bytes(), query.text.as_bytes()) {
        let at = word[..at].chars().count();
        return Some((at..at + query.chars).collect());
    }
    if !compound
        && query.fuzzy()
        && is_subsequence(&query.text, word)
        && let Some((_, mut positions)) = MATCHER.fuzzy_indices(word, &query.text)
    {
        positions.sort_unstable();
        positions.dedup();
        return Some(positions);
    }
    let chars = word.chars().count();
    let mask = super::tokens::char_mask(word);
    (!compound && may_be_typo(query, chars, mask) && typo_score(query, word, chars).is_some())
        .then(|| (0..chars).collect())
}

/// The byte offset of the first occurrence of `needle` in `hay`: a plain loop,
/// quicker than `str::find` on words this short. On UTF-8 text it only finds
/// whole chars.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    if rest.is_empty() {
        return hay.iter().position(|&b| b == first);
    }
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&at| {
        hay[at] == first
            && hay[at + 1..at + needle.len()]
                .iter()
                .zip(rest)
                .all(|(a, b)| a == b)
    })
}

/// Whether the chars of `needle` appear in `hay` in order.
pub fn is_subsequence(needle: &str, hay: &str) -> bool {
    if needle.is_ascii() && hay.is_ascii() {
        let mut wanted = needle.bytes().peekable();
        for b in hay.bytes() {
            match wanted.peek() {
                None => return true,
                Some(&w) if w == b => {
                    wanted.next();
                }
                Some(_) => {}
            }
        }
        return wanted.peek().is_none();
    }
    let mut wanted = needle.chars().peekable();
    for c in hay.chars() {
        match wanted.peek() {
            None => return true,
            Some(&w) if w == c => {
                wanted.next();
            }
            Some(_) => {}
        }
    }
    wanted.peek().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tokens::char_mask;

    fn score(query: &str, word: &str) -> Option<i32> {
        let q = QueryWord::new(query);
        word_score(&q, word, word.chars().count(), char_mask(word), false)
    }

    #[test]
    fn tighter_matches_score_higher() {
        let exact = score("therapist", "therapist").unwrap();
        let prefix = score("therapist", "therapists").unwrap();
        let longer_prefix = score("therapist", "therapistic").unwrap();
        let inner = score("rapist", "therapist").unwrap();
        let fuzzy = score("thrpst", "therapist").unwrap();
        let typo = score("thearpist", "therapist").unwrap();
        assert!(exact > prefix && prefix > longer_prefix && longer_prefix > inner);
        assert!(inner > fuzzy && fuzzy > typo && typo >= 0);
        assert!(exact < TIER_SPAN * 5);
        assert_eq!(MatchKind::of(exact), MatchKind::Exact);
        assert_eq!(MatchKind::of(prefix), MatchKind::Prefix);
        assert_eq!(MatchKind::of(inner), MatchKind::Substring);
        assert_eq!(MatchKind::of(fuzzy), MatchKind::Fuzzy);
        assert_eq!(MatchKind::of(typo), MatchKind::Typo);
    }

    #[test]
    fn chars_must_appear_in_order_within_the_word() {
        assert_eq!(score("xqzv", "therapist"), None);
        assert_eq!(score("tsiparet", "therapist"), None);
        assert!(score("empthy", "empathy").is_some());
        assert!(score("日本", "日本語").is_some());
        assert_eq!(score("", "therapist"), None);
        let q = QueryWord::new("dpot");
        assert_eq!(
            word_score(&q, "dropout", 7, char_mask("dropout"), true),
            None
        );
        assert!(word_score(&q, "dropout", 7, char_mask("dropout"), false).is_some());
        let q = QueryWord::new("drop");
        assert!(word_score(&q, "dropout", 7, char_mask("dropout"), true).is_some());
    }

    #[test]
    fn typos_within_the_word_length_limit_match() {
        // One edit for four to seven letters, two from eight on.
        assert!(
            score("emphaty", "empathy").is_some(),
            "a letter one place late"
        );
        assert!(score("empahty", "empathy").is_some(), "swap");
        assert!(score("empatyh", "empathy").is_some(), "swap at the end");
        assert!(score("enpathy", "empathy").is_some(), "substitution");
        assert!(score("empaty", "empathy").is_some(), "deletion");
        assert!(score("allianxe", "alliance").is_some());
        assert!(score("aliiance", "alliance").is_some());
        assert!(
            score("thearpits", "therapist").is_some(),
            "two edits at nine"
        );
        assert_eq!(score("thaerpits", "therapist"), None, "three edits");
        assert_eq!(score("enpahty", "empathy"), None, "two edits at seven");
        assert_eq!(
            score("ytpathem", "empathy"),
            None,
            "same letters, many edits"
        );
        assert_eq!(score("hte", "the"), None, "three letters: no typos");
        assert_eq!(score("2024", "2023"), None, "numbers: no typos");
        let q = QueryWord::new("dorpout");
        assert_eq!(
            word_score(&q, "dropout", 7, char_mask("dropout"), true),
            None,
            "compounds: no typos"
        );
        assert!(score("Mülelr", "muller").is_some());
        assert_eq!(
            word_positions(&QueryWord::new("emphaty"), "empathy", false),
            Some((0..7).collect())
        );
    }

    #[test]
    fn bounded_distances() {
        let d = |a: &str, b: &str, limit| bounded_distance(a.as_bytes(), b.as_bytes(), limit);
        assert_eq!(d("ca", "ac", 1), Some(1));
        assert_eq!(d("kitten", "sitting", 3), Some(3));
        assert_eq!(d("kitten", "sitting", 2), None);
        assert_eq!(d("", "ab", 2), Some(2));
        assert_eq!(d("abc", "abc", 0), Some(0));
        assert_eq!(d("abcdef", "badcfe", 3), Some(3));
    }

    #[test]
    fn class_counts_before_tightness() {
        let fuzzy_title = field_score(Class::Title, score("thrpst", "therapist").unwrap());
        let exact_body = field_score(Class::Body, score("therapist", "therapist").unwrap());
        assert!(fuzzy_title > exact_body);
    }

    #[test]
    fn positions_are_char_indices_of_the_match() {
        let q = QueryWord::new("ras");
        assert_eq!(word_positions(&q, "strasse", false), Some(vec![2, 3, 4]));
        assert_eq!(word_positions(&q, "strasse", true), Some(vec![2, 3, 4]));
        let q = QueryWord::new("thrpst");
        let at = word_positions(&q, "therapist", false).unwrap();
        assert_eq!(word_positions(&q, "therapist", true), None);
        assert_eq!(at.len(), 6);
        assert_eq!(at[0], 0);
        assert_eq!(*at.last().unwrap(), 8);
        let q = QueryWord::new("語");
        assert_eq!(word_positions(&q, "日本語", false), Some(vec![2]));
        assert_eq!(
            word_positions(&QueryWord::new("zz"), "therapist", false),
            None
        );
    }

    #[test]
    fn fuzzy_scores_do_not_depend_on_earlier_calls() {
        let uur = QueryWord::new("uur");
        let first = fuzzy_score(&uur, "future");
        assert!(first.is_some());
        fuzzy_score(&QueryWord::new("et"), "encounters");
        assert_eq!(fuzzy_score(&uur, "future"), first);
    }

    #[test]
    fn subsequences() {
        assert!(is_subsequence("thrpst", "therapist"));
        assert!(is_subsequence("", "x"));
        assert!(!is_subsequence("x", ""));
        assert!(is_subsequence("äö", "aäoö"));
        assert!(!is_subsequence("öä", "aäoö"));
    }
}
