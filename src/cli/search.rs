//! `pprnet search`: the filter engine's ranking, printed.

use std::io::Write;

use anyhow::Result;
use serde::Serialize;

use crate::archive::{Archive, Post};
use crate::library::Marks;
use crate::search::SearchIndex;

use super::output::{self, PostJson};

/// A post as `search --json` prints it: `list --json`'s object plus `score`.
#[derive(Debug, Serialize)]
struct ScoredPost<'a> {
    #[serde(flatten)]
    post: PostJson<'a>,
    score: i64,
}

/// Prints the posts matching `query`, best first, at most `limit` of them:
/// `ID<TAB>YYYY-MM<TAB>Title` lines, or a JSON array. No match prints nothing
/// (an empty array with `--json`).
pub fn run(
    archive: &Archive,
    index: &SearchIndex,
    marks: &Marks,
    query: &str,
    limit: Option<usize>,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let mut hits = index.search(query);
    if let Some(limit) = limit {
        hits.truncate(limit);
    }
    if json {
        let items: Vec<ScoredPost> = hits
            .iter()
            .map(|hit| ScoredPost {
                post: PostJson::new(&archive.posts[hit.post], marks),
                score: hit.score,
            })
            .collect();
        output::json(out, &items)
    } else {
        let posts: Vec<&Post> = hits.iter().map(|hit| &archive.posts[hit.post]).collect();
        output::post_lines(out, &posts)
    }
}
