//! Cutting a field's text into searchable words: folded (lower case, accents
//! dropped), each char remembering which char of the original text it came from.
//!
//! A *segment* is a run of letters and digits after folding. A *chunk* is a run
//! of text without whitespace; when a chunk holds several segments ("Drop-Out",
//! "10.1037/pst0000503", "Nissen-Lie") the segments joined are a further
//! *compound* word ("dropout"), so that a query word may span a short stretch of
//! punctuation but never whitespace. Compounds match only as they are (whole,
//! prefix or substring), never fuzzily: a fuzzy match must lie within one word.
//!
//! A segment with a German umlaut ("Müller", folded "muller") is also given
//! as its transliteration ("mueller"), a further word at the same place, so
//! that both spellings find it.

use crate::archive::{Post, TextField};
use crate::text::fold_char;

/// Longest segment, in chars; longer runs (unspaced CJK text, mostly) are cut
/// into pieces of this length so that matching stays cheap.
pub const MAX_SEGMENT_CHARS: usize = 64;

/// Longest compound, in chars; longer chunks only yield their segments.
pub const MAX_COMPOUND_CHARS: usize = 48;

/// One searchable word of a field.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// The folded word: lower-case letters and digits, accents dropped.
    pub text: &'a str,
    /// Length of `text` in chars.
    pub chars: usize,
    /// Which chars `text` holds, as [`char_mask`] bits.
    pub mask: u64,
    /// For each char of `text`, the index of the original char it came from
    /// (only from [`Tokenizer::for_each_with_origin`]; empty otherwise).
    pub origin: &'a [u32],
    /// Whether this is a compound (segments joined across punctuation), which
    /// query words match only as they are, never fuzzily.
    pub compound: bool,
    /// The number of the first segment the token covers, counted from the
    /// start of the text (a segment's transliteration has its segment's).
    pub first: u32,
    /// The number of the last segment it covers (`first` but for compounds).
    pub last: u32,
}

/// The bit of a folded char in a char mask: one bit per ASCII letter and digit,
/// the other chars hashed into the remaining 28 bits.
pub fn char_bit(c: char) -> u64 {
    let bit = match c {
        'a'..='z' => c as u32 - 'a' as u32,
        '0'..='9' => 26 + c as u32 - '0' as u32,
        _ => 36 + c as u32 % 28,
    };
    1 << bit
}

/// The char mask of a folded word: a word can only contain a query word whose
/// mask is a subset of its own.
pub fn char_mask(word: &str) -> u64 {
    word.chars().fold(0, |mask, c| mask | char_bit(c))
}

/// What an ASCII byte is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ascii {
    /// A letter or digit: part of a word.
    Word,
    /// Whitespace: ends a word and a chunk.
    Space,
    /// Anything else: ends a word, not a chunk.
    Other,
}

const fn ascii_classes() -> [Ascii; 128] {
    let mut table = [Ascii::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            Ascii::Word
        } else if c.is_ascii_whitespace() || c == 0x0b {
            Ascii::Space
        } else {
            Ascii::Other
        };
        b += 1;
    }
    table
}

static ASCII: [Ascii; 128] = ascii_classes();

/// The [`char_bit`] of each ASCII letter (either case) and digit.
static ASCII_BITS: [u64; 128] = {
    let mut table = [0u64; 128];
    let mut b = 0;
    while b < 128 {
        let c = (b as u8).to_ascii_lowercase();
        if c.is_ascii_lowercase() {
            table[b] = 1 << (c - b'a');
        } else if c.is_ascii_digit() {
            table[b] = 1 << (26 + c - b'0');
        }
        b += 1;
    }
    table
};

/// Reusable buffers for cutting texts into tokens.
#[derive(Debug, Default)]
pub struct Tokenizer {
    /// The folded letters and digits of the current chunk; the current
    /// segment is its tail from `segment_start`.
    chunk: String,
    chunk_chars: usize,
    chunk_mask: u64,
    /// Original char index of each char of `chunk` (when tracking).
    origin: Vec<u32>,
    segment_start: usize,
    segment_start_char: usize,
    segment_mask: u64,
    segments: usize,
    /// Segments ended so far in the whole text.
    segments_before: u32,
    /// Chars of the current segment (from its start) that are an umlaut's
    /// vowel: the transliteration adds an "e" after each.
    umlauts: Vec<u32>,
    /// The transliterated segment and its origins.
    alternate: String,
    alternate_origin: Vec<u32>,
}

impl Tokenizer {
    /// Calls `each` with every token of `text`: segments in order, each chunk's
    /// compound after its last segment. Tokens carry no `origin`.
    pub fn for_each(&mut self, text: &str, mut each: impl FnMut(Token<'_>)) {
        self.run::<false>(text, &mut each);
    }

    /// [`Tokenizer::for_each`], with each token's `origin`.
    pub fn for_each_with_origin(&mut self, text: &str, mut each: impl FnMut(Token<'_>)) {
        self.run::<true>(text, &mut each);
    }

    fn run<const TRACK: bool>(&mut self, text: &str, each: &mut impl FnMut(Token<'_>)) {
        self.clear();
        self.segments_before = 0;
        let bytes = text.as_bytes();
        let mut at = 0;
        let mut index = 0u32;
        while at < bytes.len() {
            let b = bytes[at];
            if b < 128 {
                match ASCII[b as usize] {
                    Ascii::Word => {
                        // A run of ASCII letters and digits, taken whole.
                        let mut end = at + 1;
                        while end < bytes.len()
                            && bytes[end] < 128
                            && ASCII[bytes[end] as usize] == Ascii::Word
                        {
                            end += 1;
                        }
                        self.push_ascii::<TRACK>(&text[at..end], index, each);
                        index += (end - at) as u32;
                        at = end;
                        continue;
                    }
                    Ascii::Space => {
                        self.end_segment::<TRACK>(each);
                        self.end_chunk::<TRACK>(each);
                    }
                    Ascii::Other => self.end_segment::<TRACK>(each),
                }
                at += 1;
            } else {
                let c = text[at..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                // A char that folds to nothing (a lone combining accent) joins
                // its neighbours: "na\u{308}s" is the word "nas".
                if c == '\u{308}' && self.last_char_is_umlaut_vowel() {
                    self.mark_umlaut();
                }
                let umlaut = matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü');
                for folded in fold_char(c) {
                    if folded.is_alphanumeric() {
                        self.push::<TRACK>(folded, index, each);
                    } else {
                        self.end_segment::<TRACK>(each);
                        if folded.is_whitespace() {
                            self.end_chunk::<TRACK>(each);
                        }
                    }
                }
                if umlaut {
                    self.mark_umlaut();
                }
                at += c.len_utf8();
            }
            index += 1;
        }
        self.end_segment::<TRACK>(each);
        self.end_chunk::<TRACK>(each);
    }

    /// Appends a run of ASCII letters and digits starting at char `index`.
    fn push_ascii<const TRACK: bool>(
        &mut self,
        mut run: &str,
        mut index: u32,
        each: &mut impl FnMut(Token<'_>),
    ) {
        while !run.is_empty() {
            let room = MAX_SEGMENT_CHARS - (self.chunk_chars - self.segment_start_char);
            if room == 0 {
                self.end_segment::<TRACK>(each);
                continue;
            }
            let (piece, rest) = run.split_at(room.min(run.len()));
            let start = self.chunk.len();
            self.chunk.push_str(piece);
            self.chunk[start..].make_ascii_lowercase();
            let mask = piece
                .bytes()
                .fold(0, |mask, b| mask | ASCII_BITS[b as usize]);
            self.segment_mask |= mask;
            self.chunk_mask |= mask;
            self.chunk_chars += piece.len();
            if TRACK {
                self.origin.extend(index..index + piece.len() as u32);
            }
            index += piece.len() as u32;
            run = rest;
        }
    }

    /// Whether the current segment ends in "a", "o" or "u".
    fn last_char_is_umlaut_vowel(&self) -> bool {
        self.chunk_chars > self.segment_start_char
            && matches!(self.chunk.as_bytes().last(), Some(b'a' | b'o' | b'u'))
    }

    /// Marks the current segment's last char as an umlaut's vowel.
    fn mark_umlaut(&mut self) {
        if self.chunk_chars > self.segment_start_char {
            self.umlauts
                .push((self.chunk_chars - self.segment_start_char - 1) as u32);
        }
    }

    fn clear(&mut self) {
        self.chunk.clear();
        self.chunk_chars = 0;
        self.chunk_mask = 0;
        self.origin.clear();
        self.segment_start = 0;
        self.segment_start_char = 0;
        self.segment_mask = 0;
        self.segments = 0;
        self.umlauts.clear();
    }

    fn push<const TRACK: bool>(&mut self, c: char, index: u32, each: &mut impl FnMut(Token<'_>)) {
        if self.chunk_chars - self.segment_start_char == MAX_SEGMENT_CHARS {
            self.end_segment::<TRACK>(each);
        }
        self.chunk.push(c);
        self.chunk_chars += 1;
        let bit = char_bit(c);
        self.segment_mask |= bit;
        self.chunk_mask |= bit;
        if TRACK {
            self.origin.push(index);
        }
    }

    fn end_segment<const TRACK: bool>(&mut self, each: &mut impl FnMut(Token<'_>)) {
        if self.chunk_chars == self.segment_start_char {
            return;
        }
        let position = self.segments_before;
        each(Token {
            text: &self.chunk[self.segment_start..],
            chars: self.chunk_chars - self.segment_start_char,
            mask: self.segment_mask,
            origin: if TRACK {
                &self.origin[self.segment_start_char..]
            } else {
                &[]
            },
            compound: false,
            first: position,
            last: position,
        });
        if !self.umlauts.is_empty() {
            self.emit_transliteration::<TRACK>(position, each);
        }
        self.segments += 1;
        self.segments_before += 1;
        self.segment_start = self.chunk.len();
        self.segment_start_char = self.chunk_chars;
        self.segment_mask = 0;
    }

    /// Gives the current segment with "e" after each umlaut's vowel.
    fn emit_transliteration<const TRACK: bool>(
        &mut self,
        position: u32,
        each: &mut impl FnMut(Token<'_>),
    ) {
        self.alternate.clear();
        self.alternate_origin.clear();
        let mut umlauts = self.umlauts.iter().copied().peekable();
        let mut mask = self.segment_mask;
        for (i, c) in self.chunk[self.segment_start..].chars().enumerate() {
            self.alternate.push(c);
            let origin = self.origin.get(self.segment_start_char + i).copied();
            if TRACK {
                self.alternate_origin.extend(origin);
            }
            if umlauts.next_if_eq(&(i as u32)).is_some() {
                self.alternate.push('e');
                mask |= char_bit('e');
                if TRACK {
                    self.alternate_origin.extend(origin);
                }
            }
        }
        self.umlauts.clear();
        each(Token {
            text: &self.alternate,
            chars: self.alternate.chars().count(),
            mask,
            origin: &self.alternate_origin,
            compound: false,
            first: position,
            last: position,
        });
    }

    fn end_chunk<const TRACK: bool>(&mut self, each: &mut impl FnMut(Token<'_>)) {
        if self.segments >= 2 && self.chunk_chars <= MAX_COMPOUND_CHARS {
            each(Token {
                text: &self.chunk,
                chars: self.chunk_chars,
                mask: self.chunk_mask,
                origin: &self.origin,
                compound: true,
                first: self.segments_before - self.segments as u32,
                last: self.segments_before - 1,
            });
        }
        self.clear();
    }
}

/// How much a field counts when a query word matches in it: title hits rank
/// above author hits, above topic and citation hits, above body hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    /// Summary and Practice Implications paragraphs.
    Body = 0,
    /// A citation's text other than its authors (article title, journal, DOI).
    Citation = 1,
    /// A topic name.
    Topic = 2,
    /// An author's name within a citation.
    Author = 3,
    /// The post's title.
    Title = 4,
}

/// How many classes there are.
pub const CLASSES: usize = 5;

impl Class {
    /// The class numbered `n` (as `Class as u8`); `n` must be below [`CLASSES`].
    pub fn from_index(n: u32) -> Class {
        match n {
            4 => Class::Title,
            3 => Class::Author,
            2 => Class::Topic,
            1 => Class::Citation,
            _ => Class::Body,
        }
    }
}

/// The highest class a token of `field` can have.
pub fn top_class(field: TextField) -> Class {
    match field {
        TextField::Title => Class::Title,
        TextField::Citation(_) => Class::Author,
        TextField::Topic(_) => Class::Topic,
        TextField::Summary(_) | TextField::Implication(_) => Class::Body,
    }
}

/// Calls `each` with every token of every searchable field of `post`, with the
/// field it is in and its class. Words of a citation that are also words of
/// that citation's author list count as [`Class::Author`].
pub fn for_each_post_token(
    post: &Post,
    tokenizer: &mut Tokenizer,
    mut each: impl FnMut(TextField, Class, Token<'_>),
) {
    for (field, text) in post.fields() {
        for_each_field_token(post, field, text, tokenizer, |class, token| {
            each(field, class, token)
        });
    }
}

/// [`for_each_post_token`] for one field of `post` (`text` is its text).
pub fn for_each_field_token(
    post: &Post,
    field: TextField,
    text: &str,
    tokenizer: &mut Tokenizer,
    mut each: impl FnMut(Class, Token<'_>),
) {
    let mut classes = FieldClasses::default();
    classes.reset(post, field, tokenizer);
    tokenizer.for_each(text, |token| each(classes.class_of(&token), token));
}

/// The class of each word of one field: the field's class, except in a
/// citation, where the words of its authors are [`Class::Author`].
#[derive(Debug, Clone, Default)]
pub struct FieldClasses {
    class: Option<Class>,
    /// The folded words of the citation's authors, one after the other...
    author_text: String,
    /// ...each `author_text[start..end]` with its char mask.
    author_words: Vec<(u32, u32, u64)>,
}

impl FieldClasses {
    /// Prepares for the words of `field` of `post`.
    pub fn reset(&mut self, post: &Post, field: TextField, tokenizer: &mut Tokenizer) {
        self.author_text.clear();
        self.author_words.clear();
        let TextField::Citation(i) = field else {
            self.class = Some(top_class(field));
            return;
        };
        self.class = None;
        for author in post.citations.get(i).into_iter().flat_map(|c| &c.authors) {
            tokenizer.for_each(author, |t| {
                let start = self.author_text.len() as u32;
                self.author_text.push_str(t.text);
                let end = self.author_text.len() as u32;
                self.author_words.push((start, end, t.mask));
            });
        }
    }

    /// The class of the word `token` of the field.
    pub fn class_of(&self, token: &Token<'_>) -> Class {
        match self.class {
            Some(class) => class,
            None if self.author_words.iter().any(|&(start, end, mask)| {
                mask == token.mask && &self.author_text[start as usize..end as usize] == token.text
            }) =>
            {
                Class::Author
            }
            None => Class::Citation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(String, Vec<u32>)> {
        let mut out = Vec::new();
        Tokenizer::default().for_each_with_origin(text, |t| {
            assert_eq!(t.chars, t.text.chars().count());
            assert_eq!(t.mask, char_mask(t.text));
            out.push((t.text.to_string(), t.origin.to_vec()))
        });
        out
    }

    fn words(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn words_are_folded_and_split_at_anything_but_letters_and_digits() {
        assert_eq!(words("Fagernäs, S."), ["fagernas", "fagernaes", "s"]);
        assert_eq!(words("14% of   patients’"), ["14", "of", "patients"]);
        assert_eq!(words(""), Vec::<String>::new());
        assert_eq!(words(" \t—… "), Vec::<String>::new());
    }

    #[test]
    fn chunks_with_several_segments_also_give_a_compound() {
        assert_eq!(words("Drop-Out rates"), ["drop", "out", "dropout", "rates"]);
        assert_eq!(
            words("10.1037/pst0000503"),
            ["10", "1037", "pst0000503", "101037pst0000503"]
        );
        assert_eq!(words("patient’s"), ["patient", "s", "patients"]);
    }

    #[test]
    fn every_folded_char_knows_its_original_char() {
        let toks = tokens("Kleinstäuber, M.");
        assert_eq!(toks[0].0, "kleinstauber");
        assert_eq!(toks[0].1, (0..12).collect::<Vec<u32>>());
        // Decomposed accent: the combining mark folds to nothing.
        let toks = tokens("Fagerna\u{308}s");
        assert_eq!(toks[0].0, "fagernas");
        assert_eq!(toks[0].1, [0, 1, 2, 3, 4, 5, 6, 8]);
        // One char folding to two: both come from the same original char.
        let toks = tokens("ﬁnd it");
        assert_eq!(toks[0].0, "find");
        assert_eq!(toks[0].1, [0, 0, 1, 2]);
        assert_eq!(toks[1].1, [4, 5]);
    }

    #[test]
    fn umlauts_also_give_their_transliteration() {
        assert_eq!(words("Müller"), ["muller", "mueller"]);
        assert_eq!(words("Mu\u{308}ller"), ["muller", "mueller"]);
        assert_eq!(words("GRÖßE"), ["grosse", "groesse"]);
        assert_eq!(words("Østergaard café"), ["ostergaard", "cafe"]);
        let toks = tokens("Kühn");
        assert_eq!(toks[1], ("kuehn".to_string(), vec![0, 1, 1, 2, 3]));
        let toks = tokens("Ku\u{308}hn");
        assert_eq!(toks[1], ("kuehn".to_string(), vec![0, 1, 1, 3, 4]));
    }

    #[test]
    fn tokens_know_their_place() {
        let mut places = Vec::new();
        Tokenizer::default().for_each("Drop-Out of Müller", |t| {
            places.push((t.text.to_string(), t.first, t.last))
        });
        let expected = [
            ("drop", 0, 0),
            ("out", 1, 1),
            ("dropout", 0, 1),
            ("of", 2, 2),
            ("muller", 3, 3),
            ("mueller", 3, 3),
        ];
        let expected: Vec<(String, u32, u32)> = expected
            .iter()
            .map(|&(w, a, b)| (w.to_string(), a, b))
            .collect();
        assert_eq!(places, expected);
    }

    #[test]
    fn long_runs_are_cut_and_long_chunks_give_no_compound() {
        let long = "a".repeat(150);
        let toks = words(&long);
        assert_eq!(
            toks.iter().map(String::len).collect::<Vec<_>>(),
            [64, 64, 22]
        );
        let chunk = "abcdefghij-".repeat(6);
        assert_eq!(words(&chunk).len(), 6);
    }

    #[test]
    fn masks_hold_every_char() {
        let mask = char_mask("alliance");
        assert_eq!(mask & char_mask("ace"), char_mask("ace"));
        assert_ne!(mask & char_mask("z"), char_mask("z"));
        assert_ne!(char_bit('日'), 0);
    }

    #[test]
    fn citation_words_of_authors_are_author_words() {
        let archive = crate::archive::bundled().unwrap();
        let post = &archive.posts[0];
        let mut seen = Vec::new();
        for_each_post_token(post, &mut Tokenizer::default(), |field, class, token| {
            seen.push((field, class, token.text.to_string()))
        });
        let class_of = |word: &str, field: TextField| {
            seen.iter()
                .find(|(f, _, w)| w == word && *f == field)
                .map(|(_, c, _)| *c)
        };
        assert_eq!(
            class_of("fagernas", TextField::Citation(0)),
            Some(Class::Author)
        );
        assert_eq!(
            class_of("psychotherapy", TextField::Citation(0)),
            Some(Class::Citation)
        );
        assert_eq!(class_of("therapist", TextField::Title), Some(Class::Title));
        assert_eq!(class_of("empathy", TextField::Topic(4)), Some(Class::Topic));
    }
}
