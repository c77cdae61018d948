//! `pprnet search`: the filter engine's ranking, printed.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::archive::{Archive, Post, TextField};
use crate::library::Marks;
use crate::search::{Explanation, Query, SearchIndex, WordMatch, explain};

use super::output::{self, PostJson};

/// How `search` shows its results.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shown {
    /// At most this many posts.
    pub limit: Option<usize>,
    /// A JSON array instead of lines.
    pub json: bool,
    /// Why each post matched.
    pub explain: bool,
}

/// A post as `search --json` prints it: `list --json`'s object plus `score`
/// (and, with `--explain`, `explain`).
#[derive(Debug, Serialize)]
struct ScoredPost<'a> {
    #[serde(flatten)]
    post: PostJson<'a>,
    score: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    explain: Option<ExplainJson>,
}

/// `--explain --json`: per query word, where and how it matched; the
/// filters and phrases passed.
#[derive(Debug, Serialize)]
struct ExplainJson {
    words: Vec<WordJson>,
    checks: Vec<String>,
}

#[derive(Debug, Serialize)]
struct WordJson {
    query: String,
    field: String,
    class: &'static str,
    word: String,
    how: &'static str,
    score: i64,
}

impl From<Explanation> for ExplainJson {
    fn from(explanation: Explanation) -> ExplainJson {
        ExplainJson {
            words: explanation
                .words
                .into_iter()
                .map(|w| WordJson {
                    field: field_key(w.field),
                    how: w.kind.name(),
                    query: w.query,
                    class: w.class,
                    word: w.word,
                    score: w.score,
                })
                .collect(),
            checks: explanation.checks,
        }
    }
}

/// Prints the posts matching `query`, best first: `ID<TAB>YYYY-MM<TAB>Title`
/// lines (with `--explain`, each followed by indented lines saying why), or a
/// JSON array. No match prints nothing (an empty array with `--json`).
/// `archive`'s posts need their text only for phrases and `--explain`.
pub fn run(
    archive: &Archive,
    index: &SearchIndex,
    marks: &Marks,
    query: &str,
    shown: Shown,
    out: &mut dyn Write,
) -> Result<()> {
    let mut hits = index.search(&archive.posts, query);
    if let Some(limit) = shown.limit {
        hits.truncate(limit);
    }
    let parsed = Query::parse(query);
    let why = |post: &Post| {
        shown
            .explain
            .then(|| explain(&parsed, post).unwrap_or_default())
    };
    if shown.json {
        let items: Vec<ScoredPost> = hits
            .iter()
            .map(|hit| {
                let post = &archive.posts[hit.post];
                ScoredPost {
                    post: PostJson::new(post, marks),
                    score: hit.score,
                    explain: why(post).map(ExplainJson::from),
                }
            })
            .collect();
        return output::json(out, &items);
    }
    for hit in &hits {
        let post = &archive.posts[hit.post];
        output::post_lines(out, &[post])?;
        if let Some(explanation) = why(post) {
            write_explanation(out, post, hit.score, &explanation)?;
        }
    }
    Ok(())
}

/// The `--explain` lines of one post.
fn write_explanation(
    out: &mut dyn Write,
    post: &Post,
    score: i64,
    explanation: &Explanation,
) -> Result<()> {
    writeln!(out, "    score {score}")?;
    for word in &explanation.words {
        writeln!(out, "    {}", describe(post, word))?;
    }
    for check in &explanation.checks {
        writeln!(out, "    {check}")?;
    }
    Ok(())
}

/// One query word's match in words: `"thrpst" matched "therapist" in the
/// title (fuzzy, +41234)`.
fn describe(post: &Post, word: &WordMatch) -> String {
    let place = match word.field {
        TextField::Title => "the title".to_string(),
        TextField::Citation(i) if word.class == "author" => {
            format!("an author of citation {}", i + 1)
        }
        TextField::Citation(i) => format!("citation {}", i + 1),
        TextField::Topic(i) => format!(
            "topic \"{}\"",
            output::one_field(post.topics.get(i).map_or("", String::as_str))
        ),
        TextField::Summary(i) => format!("summary paragraph {}", i + 1),
        TextField::Implication(i) => format!("implications paragraph {}", i + 1),
    };
    format!(
        "\"{}\" matched \"{}\" in {place} ({}, +{})",
        word.query,
        word.word,
        word.kind.name(),
        word.score
    )
}

/// A field as `--explain --json` names it: "title", "citation 1", "topic 2",
/// "summary 1", "implications 1".
fn field_key(field: TextField) -> String {
    match field {
        TextField::Title => "title".into(),
        TextField::Citation(i) => format!("citation {}", i + 1),
        TextField::Topic(i) => format!("topic {}", i + 1),
        TextField::Summary(i) => format!("summary {}", i + 1),
        TextField::Implication(i) => format!("implications {}", i + 1),
    }
}
