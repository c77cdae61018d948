//! Why a post matches: for each query word, the field and text word it
//! matched best and how, worked out from the post's text alone (not the
//! index), so it also serves as a plain statement of the ranking rules.

use crate::archive::{Post, TextField};
use crate::text::fold;

use super::build::mentioned_year;
use super::index::scope_class;
use super::phrase::{Placed, follows, score_token};
use super::query::{Query, QueryWord, compact};
use super::score::{MatchKind, field_score};
use super::tokens::{Class, FieldClasses, Token, Tokenizer};

/// How one query word matched a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordMatch {
    /// The query word, folded.
    pub query: String,
    /// The field it matched in.
    pub field: TextField,
    /// How that field counts: "title", "author", "citation", "topic" or
    /// "text".
    pub class: &'static str,
    /// The text word it matched, folded.
    pub word: String,
    /// How it matched.
    pub kind: MatchKind,
    /// What it adds to the post's score.
    pub score: i64,
}

/// Why a post matches a query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Explanation {
    /// One entry per query word, in the order typed.
    pub words: Vec<WordMatch>,
    /// The filters and phrases the post passes, described
    /// ("year 2022..2023: cites a 2023 article").
    pub checks: Vec<String>,
    /// The post's score: the sum of the words' scores.
    pub score: i64,
}

/// Why `post` matches `query`, or `None` when it does not. Its `score` is the
/// score the search gives the post.
pub fn explain(query: &Query, post: &Post) -> Option<Explanation> {
    let mut tokenizer = Tokenizer::default();
    let mut classes = FieldClasses::default();
    let mut best: Vec<Option<WordMatch>> = vec![None; query.words().len()];
    let mut phrases_found = vec![false; query.phrases().len()];
    let mut placed: Vec<(Placed, Class)> = Vec::new();
    let mut mentioned: Vec<u16> = Vec::new();
    for (field, text) in post.fields() {
        classes.reset(post, field, &mut tokenizer);
        placed.clear();
        tokenizer.for_each(text, |token: Token<'_>| {
            placed.push((
                (
                    token.first,
                    token.last,
                    token.text.to_string(),
                    token.compound,
                ),
                classes.class_of(&token),
            ));
        });
        for (word, best) in query.words().iter().zip(best.iter_mut()) {
            for (token, class) in &placed {
                let Some(found) = word_match(word, field, token, *class) else {
                    continue;
                };
                if best.as_ref().is_none_or(|b| found.score > b.score) {
                    *best = Some(found);
                }
            }
        }
        let tokens: Vec<Placed> = placed.iter().map(|(t, _)| t.clone()).collect();
        mentioned.extend(tokens.iter().filter_map(|t| mentioned_year(&t.2)));
        for (range, found) in query.phrases().iter().zip(phrases_found.iter_mut()) {
            let words = &query.words()[range.clone()];
            *found = *found
                || follows(words.len(), &tokens, |i, t| {
                    score_token(&words[i], t).is_some()
                });
        }
    }
    let words: Vec<WordMatch> = best.into_iter().collect::<Option<_>>()?;
    if !phrases_found.iter().all(|&f| f) {
        return None;
    }
    let mut checks: Vec<String> = query
        .phrases()
        .iter()
        .map(|range| {
            let words: Vec<&str> = query.words()[range.clone()]
                .iter()
                .map(|w| w.text.as_str())
                .collect();
            format!("phrase \"{}\": in order", words.join(" "))
        })
        .collect();
    for years in query.years() {
        let range = years.from..=years.to;
        let cited = post
            .citations
            .iter()
            .filter_map(|c| c.year)
            .find(|y| range.contains(y));
        let named = mentioned.iter().find(|y| range.contains(y));
        let why = match (cited, named) {
            _ if range.contains(&post.month.year) => format!("posted {}", post.month),
            (Some(year), _) => format!("cites a {year} article"),
            (None, Some(year)) if years.bare => format!("mentions {year}"),
            _ => return None,
        };
        let label = if years.from == years.to {
            years.from.to_string()
        } else {
            format!("{}..{}", years.from, years.to)
        };
        checks.push(format!("year {label}: {why}"));
    }
    let type_name = fold(&post.research_type);
    for wanted in query.types() {
        let fits = type_name
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.starts_with(wanted.as_str()))
            || compact(&type_name).starts_with(wanted.as_str());
        if !fits {
            return None;
        }
        checks.push(format!("type {wanted}: {}", post.research_type));
    }
    for wanted in query.dois() {
        let doi = post
            .citations
            .iter()
            .filter_map(|c| c.doi.as_deref())
            .find(|doi| compact(doi).contains(wanted.as_str()))?;
        checks.push(format!("doi {wanted}: {doi}"));
    }
    let score = if words.is_empty() {
        0
    } else {
        words.iter().map(|w| w.score).sum()
    };
    Some(Explanation {
        words,
        checks,
        score,
    })
}

/// How `word` matches `token` (of class `class` in `field`), if it does.
fn word_match(
    word: &QueryWord,
    field: TextField,
    token: &Placed,
    class: Class,
) -> Option<WordMatch> {
    let class = match word.scope {
        None => class,
        Some(scope) => {
            let wanted = scope_class(scope);
            // The index counts a scoped word in its scope's class wherever
            // the post has the word in a field of that class.
            if class != wanted {
                return None;
            }
            wanted
        }
    };
    let score = score_token(word, token)?;
    Some(WordMatch {
        query: word.text.clone(),
        field,
        class: class_name(class),
        word: token.2.clone(),
        kind: MatchKind::of(score),
        score: i64::from(field_score(class, score)),
    })
}

/// How `search --explain` names a class.
fn class_name(class: Class) -> &'static str {
    match class {
        Class::Title => "title",
        Class::Author => "author",
        Class::Citation => "citation",
        Class::Topic => "topic",
        Class::Body => "text",
    }
}
