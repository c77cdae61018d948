//! What the user typed, made ready for matching: words, folded.

use crate::text::fold_char;

use super::tokens::{MAX_SEGMENT_CHARS, char_mask};

/// One word of a query, folded like the text it is matched against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    /// The folded word: lower-case letters and digits only, accents dropped
    /// (so "Drop-Out" is "dropout" and "Fagernäs," is "fagernas").
    pub text: String,
    /// Length of `text` in chars.
    pub chars: usize,
    /// The chars of `text` as a [`super::tokens::char_mask`].
    pub mask: u64,
}

/// Query words shorter than this match only as written (whole, prefix or
/// substring): two letters with a gap match too much to be of use.
pub const FUZZY_MIN_CHARS: usize = 3;

impl QueryWord {
    /// Folds one whitespace-free piece of a query.
    pub fn new(piece: &str) -> QueryWord {
        let text: String = piece
            .chars()
            .flat_map(fold_char)
            .filter(|c| c.is_alphanumeric())
            .collect();
        let chars = text.chars().count();
        let mask = char_mask(&text);
        QueryWord { text, chars, mask }
    }

    /// Whether any text at all could contain this word: it has letters or digits
    /// and is no longer than the longest word of any text.
    pub fn can_match(&self) -> bool {
        self.chars > 0 && self.chars <= MAX_SEGMENT_CHARS.max(super::tokens::MAX_COMPOUND_CHARS)
    }

    /// Whether this word may match with gaps (see [`FUZZY_MIN_CHARS`]).
    pub fn fuzzy(&self) -> bool {
        self.chars >= FUZZY_MIN_CHARS
    }

    /// Whether every text word `longer` matches is also matched by `self`: true
    /// when `self` occurs in `longer` as it is (e.g. a prefix typed earlier),
    /// unless only `longer` may match with gaps. (Being a subsequence is not
    /// enough: compounds only match without gaps.)
    pub fn is_implied_by(&self, longer: &QueryWord) -> bool {
        self.mask & longer.mask == self.mask
            && (self.fuzzy() || self.chars == 1 || !longer.fuzzy())
            && super::score::find(longer.text.as_bytes(), self.text.as_bytes()).is_some()
    }
}

/// A parsed query: its words, in the order typed.
///
/// A query with no words (empty or whitespace) matches every post. A word made
/// only of punctuation, symbols or emoji ("-", "🙂") matches nothing, since
/// only letters and digits are searched: such a query matches no post.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    words: Vec<QueryWord>,
}

impl Query {
    /// Splits `input` at whitespace and folds each word.
    pub fn parse(input: &str) -> Query {
        Query {
            words: input.split_whitespace().map(QueryWord::new).collect(),
        }
    }

    /// The words, in the order typed.
    pub fn words(&self) -> &[QueryWord] {
        &self.words
    }

    /// Whether the query has no words (and so matches every post).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether some post could match: false when a word can match nothing.
    pub fn can_match(&self) -> bool {
        self.words.iter().all(QueryWord::can_match)
    }

    /// Whether every post matching `longer` also matches `self`: `longer` has at
    /// least as many words and each of ours is implied by the word in its place.
    pub fn is_implied_by(&self, longer: &Query) -> bool {
        self.can_match()
            && !self.is_empty()
            && self.words.len() <= longer.words.len()
            && self
                .words
                .iter()
                .zip(&longer.words)
                .all(|(a, b)| a.is_implied_by(b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(query: &str) -> Vec<String> {
        Query::parse(query)
            .words()
            .iter()
            .map(|w| w.text.clone())
            .collect()
    }

    #[test]
    fn words_are_folded_and_keep_only_letters_and_digits() {
        assert_eq!(
            texts("  Fagernäs,  KLEINSTÄUBER "),
            ["fagernas", "kleinstauber"]
        );
        assert_eq!(
            texts("Drop-Out 10.1037/pst0000503"),
            ["dropout", "101037pst0000503"]
        );
        assert_eq!(texts("fagerna\u{308}s"), ["fagernas"]);
        assert!(Query::parse(" \t ").is_empty());
    }

    #[test]
    fn symbol_only_words_make_the_query_unmatchable() {
        assert!(!Query::parse("alliance 🙂").can_match());
        assert!(!Query::parse("-").can_match());
        assert!(Query::parse("alliance").can_match());
        assert!(!Query::parse(&"a".repeat(200)).can_match());
    }

    #[test]
    fn a_longer_query_implies_a_shorter_one() {
        let q = Query::parse;
        assert!(q("thr").is_implied_by(&q("thrpst")));
        assert!(q("thrpst").is_implied_by(&q("thrpst emp")));
        assert!(q("rps").is_implied_by(&q("thrpst")));
        assert!(q("t").is_implied_by(&q("th")));
        assert!(q("t").is_implied_by(&q("thr")));
        assert!(
            !q("th").is_implied_by(&q("the")),
            "only the longer is fuzzy"
        );
        assert!(
            !q("tp").is_implied_by(&q("thrpst")),
            "compounds match without gaps"
        );
        assert!(!q("thrpst").is_implied_by(&q("thr")));
        assert!(!q("abc").is_implied_by(&q("acb")));
        assert!(!q("").is_implied_by(&q("a")));
    }
}
