//! What the user typed, made ready for matching: words (folded), phrases,
//! field prefixes and year ranges.
//!
//! The input is cut into chunks at whitespace. In a chunk, letters and digits
//! joined by punctuation are one word ("Drop-Out" is "dropout",
//! "10.1037/pst0000503" one word); a chunk with no letters or digits ("&",
//! "=", "—", an emoji) is a separator and no word at all; initials ("K.",
//! "J.-P.") are left out, so a pasted author list needs only the names. Text
//! between double quotes is a phrase: its words must follow each other in one
//! field, in order. `author:`, `topic:`, `type:`, `year:` and `doi:` before a
//! chunk narrow what it matches; a four-digit year (`2023`) or a range
//! (`2022..2023`) alone is a year; any other `word:` is plain words.

use std::ops::Range;

use crate::text::fold_char;

use super::tokens::{MAX_COMPOUND_CHARS, MAX_SEGMENT_CHARS, char_mask};

/// A field a query word is restricted to by a prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// `author:` — an author's name in a citation.
    Author,
    /// `topic:` — a topic name.
    Topic,
}

/// One word of a query, folded like the text it is matched against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct QueryWord {
    /// The folded word: lower-case letters and digits only, accents dropped
    /// (so "Drop-Out" is "dropout" and "Fagernäs," is "fagernas").
    pub text: String,
    /// Length of `text` in chars.
    pub chars: usize,
    /// The chars of `text` as a [`super::tokens::char_mask`].
    pub mask: u64,
    /// How many edits a typo may make: 1 for words of 4 to 7 letters, 2 from
    /// 8 letters on, 0 for shorter words and words with digits.
    pub typos: u8,
    /// The field the word must match in, if a prefix named one.
    pub scope: Option<Scope>,
}

/// Query words shorter than this match only as written (whole, prefix or
/// substring): two letters with a gap match too much to be of use.
pub const FUZZY_MIN_CHARS: usize = 3;

impl QueryWord {
    /// Folds one piece of a query (punctuation in it is dropped).
    pub fn new(piece: &str) -> QueryWord {
        let text: String = piece
            .chars()
            .flat_map(fold_char)
            .filter(|c| c.is_alphanumeric())
            .collect();
        QueryWord::folded(text, None)
    }

    /// A word from its folded text.
    fn folded(text: String, scope: Option<Scope>) -> QueryWord {
        let chars = text.chars().count();
        let mask = char_mask(&text);
        let letters = text.chars().all(char::is_alphabetic);
        let typos = match chars {
            _ if !letters => 0,
            8.. => 2,
            4.. => 1,
            _ => 0,
        };
        QueryWord {
            text,
            chars,
            mask,
            typos,
            scope,
        }
    }

    /// Whether any text at all could contain this word: it has letters or digits
    /// and is no longer than the longest word of any text.
    pub fn can_match(&self) -> bool {
        self.chars > 0 && self.chars <= MAX_SEGMENT_CHARS.max(MAX_COMPOUND_CHARS)
    }

    /// Whether this word may match with gaps (see [`FUZZY_MIN_CHARS`]).
    pub fn fuzzy(&self) -> bool {
        self.chars >= FUZZY_MIN_CHARS
    }
}

/// Years a post must have: its own month's year or a cited article's year
/// within `from..=to`; for a year typed alone (not after `year:`), also a
/// year its text mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Years {
    /// The first year.
    pub from: u16,
    /// The last year.
    pub to: u16,
    /// Typed alone: a year the text mentions counts too.
    pub bare: bool,
}

/// A parsed query: words in the order typed, phrases over them, and the
/// filters of field prefixes.
///
/// A query with no words and no filters (empty, whitespace, or only
/// punctuation and symbols) matches every post.
#[derive(Debug, Clone, Default)]
pub struct Query {
    words: Vec<QueryWord>,
    /// Ranges of `words` (two words or more) that must be adjacent, in order.
    phrases: Vec<Range<usize>>,
    years: Vec<Years>,
    /// Folded `type:` values: the research type must have a word starting so.
    types: Vec<String>,
    /// Folded `doi:` values (letters and digits only): a DOI must contain one.
    dois: Vec<String>,
    /// Where the parse stood before each chunk, for [`Query::reparse`].
    checkpoints: Vec<Checkpoint>,
}

impl PartialEq for Query {
    /// Queries are equal when they ask the same, however they were typed.
    fn eq(&self, other: &Query) -> bool {
        self.words == other.words && self.same_constraints(other)
    }
}

impl Eq for Query {}

/// The parser's state before a chunk of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Checkpoint {
    /// Byte offset of the chunk in the input.
    at: usize,
    words: usize,
    phrases: usize,
    years: usize,
    types: usize,
    dois: usize,
    /// Where the open phrase started (its first word), if a quote is open.
    phrase: Option<usize>,
}

/// Chars that open or close a phrase.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

impl Query {
    /// Parses `input` (see the module's documentation).
    pub fn parse(input: &str) -> Query {
        let mut query = Query::default();
        query.parse_from(input, Checkpoint::default());
        query
    }

    /// Parses `input`, reusing the work of `self` (parsed from `previous`)
    /// for the chunks before the first change: the cost is in proportion to
    /// the text after it. Returns the query and how many of its words are
    /// unchanged from `self`.
    pub fn reparse(mut self, previous: &str, input: &str) -> (Query, usize) {
        let same = previous
            .bytes()
            .zip(input.bytes())
            .take_while(|(a, b)| a == b)
            .count();
        // The last chunk starting before the change may have changed.
        let keep = self.checkpoints.partition_point(|c| c.at < same);
        let Some(from) = keep.checked_sub(1).map(|k| self.checkpoints[k]) else {
            return (Query::parse(input), 0);
        };
        if !input.is_char_boundary(from.at) {
            return (Query::parse(input), 0);
        }
        self.words.truncate(from.words);
        self.phrases.truncate(from.phrases);
        self.years.truncate(from.years);
        self.types.truncate(from.types);
        self.dois.truncate(from.dois);
        self.checkpoints.truncate(keep - 1);
        self.parse_from(input, from);
        (self, from.words)
    }

    /// Parses `input` from the state `state` on.
    fn parse_from(&mut self, input: &str, state: Checkpoint) {
        let mut phrase = state.phrase;
        let mut at = state.at;
        let rest = &input[at..];
        let mut chars = rest.char_indices().peekable();
        let base = at;
        loop {
            // Skip whitespace to the next chunk.
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            let Some(&(start, _)) = chars.peek() else {
                break;
            };
            at = base + start;
            self.checkpoints.push(Checkpoint {
                at,
                words: self.words.len(),
                phrases: self.phrases.len(),
                years: self.years.len(),
                types: self.types.len(),
                dois: self.dois.len(),
                phrase,
            });
            let mut end = rest.len();
            while let Some(&(i, c)) = chars.peek() {
                if c.is_whitespace() {
                    end = i;
                    break;
                }
                chars.next();
            }
            self.chunk(&rest[start..end], &mut phrase);
        }
        if let Some(first) = phrase {
            self.close_phrase(first);
        }
    }

    /// Reads one whitespace-free chunk.
    fn chunk(&mut self, chunk: &str, phrase: &mut Option<usize>) {
        if phrase.is_none() && !chunk.starts_with(is_quote) && self.field(chunk) {
            return;
        }
        for (i, piece) in chunk.split(is_quote).enumerate() {
            if i > 0 {
                match phrase.take() {
                    Some(first) => self.close_phrase(first),
                    None => *phrase = Some(self.words.len()),
                }
            }
            for part in piece.split(':') {
                self.words_of(part, None, phrase.is_none());
            }
        }
    }

    /// Ends the phrase that started at word `first`.
    fn close_phrase(&mut self, first: usize) {
        if self.words.len() - first >= 2 {
            self.phrases.push(first..self.words.len());
        }
    }

    /// Reads a chunk with a field prefix; false when it has none.
    fn field(&mut self, chunk: &str) -> bool {
        let Some((name, value)) = chunk.split_once(':') else {
            return false;
        };
        if value.is_empty() {
            return false;
        }
        match name.to_ascii_lowercase().as_str() {
            "author" | "authors" => self.words_of(value, Some(Scope::Author), false),
            "topic" | "topics" => self.words_of(value, Some(Scope::Topic), false),
            "year" | "years" => match years(value, false) {
                Some(range) => self.years.push(range),
                None => return false,
            },
            "type" => {
                let folded = compact(value);
                if folded.is_empty() {
                    return false;
                }
                self.types.push(folded);
            }
            "doi" => {
                let doi = value.find("10.").map_or(value, |at| &value[at..]);
                let folded = compact(doi);
                if folded.is_empty() {
                    return false;
                }
                self.dois.push(folded);
            }
            _ => return false,
        }
        true
    }

    /// Adds the words of a quote- and colon-free piece. `bare` allows a year
    /// or year range to stand for itself.
    fn words_of(&mut self, piece: &str, scope: Option<Scope>, bare: bool) {
        if is_initials(piece) {
            return;
        }
        if bare && let Some(range) = years(piece, true) {
            self.years.push(range);
            return;
        }
        let mut segments: Vec<String> = vec![String::new()];
        for c in piece.chars().flat_map(fold_char) {
            if c.is_alphanumeric() {
                segments.last_mut().expect("one segment").push(c);
            } else if !segments.last().expect("one segment").is_empty() {
                segments.push(String::new());
            }
        }
        segments.retain(|s| !s.is_empty());
        let joined: String = segments.concat();
        if segments.len() <= 1 || joined.chars().count() <= MAX_COMPOUND_CHARS {
            if !joined.is_empty() {
                self.words.push(QueryWord::folded(joined, scope));
            }
        } else {
            // Longer than any compound of the text: its words one by one.
            self.words.extend(
                segments
                    .into_iter()
                    .map(|segment| QueryWord::folded(segment, scope)),
            );
        }
    }

    /// The words, in the order typed.
    pub fn words(&self) -> &[QueryWord] {
        &self.words
    }

    /// The phrases: ranges of [`Query::words`] that must be adjacent.
    pub fn phrases(&self) -> &[Range<usize>] {
        &self.phrases
    }

    /// The year ranges a post must fall in (each of them).
    pub fn years(&self) -> &[Years] {
        &self.years
    }

    /// The folded `type:` values.
    pub fn types(&self) -> &[String] {
        &self.types
    }

    /// The folded `doi:` values.
    pub fn dois(&self) -> &[String] {
        &self.dois
    }

    /// Whether the query has filters (years, types, DOIs).
    pub fn has_filters(&self) -> bool {
        !self.years.is_empty() || !self.types.is_empty() || !self.dois.is_empty()
    }

    /// Whether the query has no words and no filters (and so matches every
    /// post).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && !self.has_filters()
    }

    /// Whether some post could match: false when a word can match nothing.
    pub fn can_match(&self) -> bool {
        self.words.iter().all(QueryWord::can_match)
    }

    /// The query's phrases and filters alone.
    pub(super) fn constraints(&self) -> Query {
        Query {
            phrases: self.phrases.clone(),
            years: self.years.clone(),
            types: self.types.clone(),
            dois: self.dois.clone(),
            ..Query::default()
        }
    }

    /// Whether `other` asks for the same phrases and filters.
    pub(super) fn same_constraints(&self, other: &Query) -> bool {
        self.phrases == other.phrases
            && self.years == other.years
            && self.types == other.types
            && self.dois == other.dois
    }
}

/// Letters and digits of `text`, folded.
pub(super) fn compact(text: &str) -> String {
    text.chars()
        .flat_map(fold_char)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Whether `piece` is initials: letters each followed by a full stop, maybe
/// joined by hyphens ("K.", "J.-P.", "K.J.,").
fn is_initials(piece: &str) -> bool {
    let piece = piece.trim_end_matches([',', ';', ')']);
    let mut chars = piece.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        if !c.is_alphabetic() || chars.next() != Some('.') {
            return false;
        }
        any = true;
        chars.next_if_eq(&'-');
    }
    any
}

/// A year (`2023`) or range (`2022..2023`), maybe in brackets or followed by
/// punctuation ("(2023)." in a citation).
fn years(piece: &str, bare: bool) -> Option<Years> {
    let piece = piece
        .trim_start_matches(['(', '['])
        .trim_end_matches([')', ']', '.', ',', ';']);
    let year = |s: &str| {
        (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u16>().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    let (from, to) = match piece.split_once("..") {
        Some((a, b)) => (year(a)?, year(b)?),
        None => (year(piece)?, year(piece)?),
    };
    Some(Years {
        from: from.min(to),
        to: from.max(to),
        bare,
    })
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
        assert_eq!(
            texts("fagerna\u{308}s Østergaard"),
            ["fagernas", "ostergaard"]
        );
        assert!(Query::parse(" \t ").is_empty());
    }

    #[test]
    fn symbols_and_initials_are_separators() {
        assert_eq!(texts("rupture & repair"), ["rupture", "repair"]);
        assert_eq!(texts("d = .50"), ["d", "50"]);
        assert_eq!(
            texts("Müller, K., Østergaard, L., & Nuñez, P."),
            ["muller", "ostergaard", "nunez"]
        );
        assert_eq!(
            texts("Nissen-Lie, H. A., & J.-P. Smith"),
            ["nissenlie", "smith"]
        );
        for symbols in ["&", "=", "-", "🙂", ". , ;", "—"] {
            assert!(Query::parse(symbols).is_empty(), "{symbols}");
        }
        assert_eq!(Query::parse("alliance 🙂 -"), Query::parse("alliance"));
        assert!(!Query::parse(&"a".repeat(200)).can_match());
    }

    #[test]
    fn typos_depend_on_the_length() {
        let typos = |w: &str| QueryWord::new(w).typos;
        assert_eq!(typos("emp"), 0);
        assert_eq!(typos("empa"), 1);
        assert_eq!(typos("emphaty"), 1);
        assert_eq!(typos("alliance"), 2);
        assert_eq!(typos("pst0000503"), 0);
    }

    #[test]
    fn quotes_make_phrases() {
        let q = Query::parse("\"therapist effects\" alliance “rupture and repair”");
        assert_eq!(
            q.words()
                .iter()
                .map(|w| w.text.as_str())
                .collect::<Vec<_>>(),
            [
                "therapist",
                "effects",
                "alliance",
                "rupture",
                "and",
                "repair"
            ]
        );
        assert_eq!(q.phrases(), [0..2, 3..6]);
        // An open quote runs to the end; one word is no phrase.
        assert_eq!(Query::parse("\"therapist effe").phrases(), vec![0..2]);
        assert!(Query::parse("\"empathy\"").phrases().is_empty());
        // A year in a phrase is a word.
        assert_eq!(texts("\"in 2023\""), ["in", "2023"]);
    }

    #[test]
    fn field_prefixes() {
        let q = Query::parse(
            "author:Müller topic:empathy type:qual year:2022..2023 doi:https://doi.org/10.1037/pst0000503",
        );
        let scoped: Vec<_> = q
            .words()
            .iter()
            .map(|w| (w.text.as_str(), w.scope))
            .collect();
        assert_eq!(
            scoped,
            [
                ("muller", Some(Scope::Author)),
                ("empathy", Some(Scope::Topic))
            ]
        );
        assert_eq!(q.types(), ["qual"]);
        assert_eq!(
            q.years(),
            [Years {
                from: 2022,
                to: 2023,
                bare: false
            }]
        );
        assert_eq!(q.dois(), ["101037pst0000503"]);
        assert_eq!(
            Query::parse("2023 (2021). 2024..2022").years(),
            [
                Years {
                    from: 2023,
                    to: 2023,
                    bare: true
                },
                Years {
                    from: 2021,
                    to: 2021,
                    bare: true
                },
                Years {
                    from: 2022,
                    to: 2024,
                    bare: true
                }
            ]
        );
        // Unknown prefixes, and known ones without a usable value, are words.
        assert_eq!(texts("note:empathy"), ["note", "empathy"]);
        assert_eq!(texts("year:soon"), ["year", "soon"]);
        assert_eq!(texts("Psychotherapy: Theory"), ["psychotherapy", "theory"]);
        assert_eq!(texts("1850 12345"), ["1850", "12345"]);
    }

    #[test]
    fn reparsing_reuses_the_unchanged_start() {
        let inputs = [
            "",
            "th",
            "thrpst",
            "thrpst ",
            "thrpst e",
            "thrpst \"emp",
            "thrpst \"emp eff\"",
            "thrpst \"emp eff\" 2023",
            "thrpst \"emp eff\" 2023..",
            "thrpst \"emp eff\" 2023..2024",
            "thrpst \"emp eff\" author:x",
            "thrpst author:x",
            "thr",
            "tha",
            "x",
        ];
        for old in inputs {
            for new in inputs {
                let (query, kept) = Query::parse(old).reparse(old, new);
                assert_eq!(query, Query::parse(new), "{old:?} -> {new:?}");
                assert_eq!(
                    Query::parse(old).words()[..kept],
                    query.words()[..kept],
                    "{old:?} -> {new:?}"
                );
            }
        }
    }
}
