//! How well one query word matches one word of the text, and where.
//!
//! A query word matches a text word when its chars appear in the word in order.
//! Tighter matches score higher, in tiers: the whole word, then a prefix, then
//! a substring, then a fuzzy match (chars in order with gaps, "thrpst" in
//! "therapist") scored by fuzzy-matcher's skim algorithm. Within a post, the
//! field a word is in counts first ([`Class`]): see [`field_score`].

use std::sync::LazyLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::QueryWord;
use super::tokens::Class;

/// Score of a text word equal to the query word.
pub const EXACT: i32 = 3_000;
/// Base score of a text word the query word starts.
pub const PREFIX: i32 = 2_000;
/// Base score of a text word containing the query word elsewhere.
pub const SUBSTRING: i32 = 1_000;
/// Base score of a fuzzy match.
pub const FUZZY: i32 = 0;
/// Within a tier, scores stay below this.
pub const TIER_SPAN: i32 = 1_000;
/// What a match is worth per [`Class`] step: more than any tier difference, so
/// a title hit always outranks a body hit.
pub const CLASS_WEIGHT: i32 = 10_000;

/// The one fuzzy matcher. Texts and queries are folded to lower case already.
static MATCHER: LazyLock<SkimMatcherV2> = LazyLock::new(|| SkimMatcherV2::default().respect_case());

/// How well `query` matches the folded text word `word` (`chars` long, with
/// char mask `mask`, a compound or not), or `None` when it does not: from 0 to
/// [`EXACT`] + 999. Compounds only match without gaps.
pub fn word_score(
    query: &QueryWord,
    word: &str,
    chars: usize,
    mask: u64,
    compound: bool,
) -> Option<i32> {
    if query.chars > chars || query.mask & mask != query.mask || query.chars == 0 {
        return None;
    }
    match substring_score(query, word, chars) {
        None if !compound && query.fuzzy() => fuzzy_score(query, word),
        score => score,
    }
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
/// when it does not match (as [`word_score`] decides).
pub fn word_positions(query: &QueryWord, word: &str, compound: bool) -> Option<Vec<usize>> {
    if query.chars == 0 {
        return None;
    }
    if let Some(at) = find(word.as_bytes(), query.text.as_bytes()) {
        let at = word[..at].chars().count();
        return Some((at..at + query.chars).collect());
    }
    if compound || !query.fuzzy() || !is_subsequence(&query.text, word) {
        return None;
    }
    let (_, mut positions) = MATCHER.fuzzy_indices(word, &query.text)?;
    positions.sort_unstable();
    positions.dedup();
    Some(positions)
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
        assert!(exact > prefix && prefix > longer_prefix && longer_prefix > inner);
        assert!(inner > fuzzy && fuzzy >= 0);
        assert!(exact < TIER_SPAN * 4);
    }

    #[test]
    fn chars_must_appear_in_order_within_the_word() {
        assert_eq!(score("xqzv", "therapist"), None);
        assert_eq!(score("tsiparet", "therapist"), None);
        assert_eq!(score("therapists", "therapist"), None);
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
