//! Where a query matches in a post: char positions to highlight, per field.

use crate::archive::{Post, TextField};
use crate::text::fold_char;

use super::FieldMatch;
use super::query::Query;
use super::score::{may_be_typo, word_positions};
use super::tokens::Tokenizer;

/// The chars of `post` that `query` matches, field by field in reading order
/// (the order of [`Post::fields`]); fields without a match are left out.
///
/// Every word of the text that a query word matches is highlighted (so a
/// reader can step from match to match), not only the best one. Indices are
/// char indices into the original field text; a combining accent after a
/// matched char is highlighted with it. Works for any post, matching or not: a
/// post that lacks some query word still shows where the other words match.
pub fn highlights(query: &Query, post: &Post) -> Vec<FieldMatch> {
    let mut tokenizer = Tokenizer::default();
    let mut out = Vec::new();
    for (field, text) in post.fields() {
        let chars = marked_chars(query, text, &mut tokenizer);
        if !chars.is_empty() {
            out.push(FieldMatch { field, chars });
        }
    }
    out
}

/// The chars of one text (a field's) that `query` matches: char indices,
/// sorted, without repeats, as [`highlights`] gives them.
pub fn field_highlights(query: &Query, text: &str) -> Vec<usize> {
    marked_chars(query, text, &mut Tokenizer::default())
}

fn marked_chars(query: &Query, text: &str, tokenizer: &mut Tokenizer) -> Vec<usize> {
    let mut chars: Vec<usize> = Vec::new();
    tokenizer.for_each_with_origin(text, |token| {
        for word in query.words() {
            let plain = word.mask & token.mask == word.mask && word.chars <= token.chars;
            if word.chars == 0 || !(plain || may_be_typo(word, token.chars, token.mask)) {
                continue;
            }
            if let Some(positions) = word_positions(word, token.text, token.compound) {
                chars.extend(
                    positions
                        .into_iter()
                        .filter_map(|i| token.origin.get(i))
                        .map(|&o| o as usize),
                );
            }
        }
    });
    if chars.is_empty() {
        return chars;
    }
    chars.sort_unstable();
    chars.dedup();
    // Take along the chars that fold to nothing right after a matched char
    // (combining accents), so a highlight never splits a letter from its accent.
    let original: Vec<char> = text.chars().collect();
    let mut with_marks = Vec::with_capacity(chars.len());
    for &i in &chars {
        with_marks.push(i);
        let mut next = i + 1;
        while next < original.len() && fold_char(original[next]).next().is_none() {
            with_marks.push(next);
            next += 1;
        }
    }
    with_marks.sort_unstable();
    with_marks.dedup();
    with_marks
}

/// [`highlights`] for the matches of `query` in the field `field` of `post`
/// only; empty when the post has no such field.
pub fn highlights_in(query: &Query, post: &Post, field: TextField) -> Vec<usize> {
    post.fields()
        .find(|(f, _)| *f == field)
        .map(|(_, text)| field_highlights(query, text))
        .unwrap_or_default()
}
