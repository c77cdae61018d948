//! `pprnet curate`: a person confirms or sets a post's topics and research
//! type; stored in the library, for bundled and imported posts alike.

use std::io::Write;
use std::path::Path;

use anyhow::Result;

use super::{canonical, find_post};
use crate::archive::Archive;
use crate::library::{self, Tags};

/// Confirms (no `topics`, no `research_type`) or sets the tags of post `id`
/// of `archive` (bundled + library), in the library of `data_dir`.
pub fn run(
    archive: &Archive,
    data_dir: &Path,
    id: &str,
    topics: &[String],
    research_type: Option<&str>,
    out: &mut dyn Write,
) -> Result<()> {
    let post = find_post(archive, id)?;
    let topics: Vec<String> = if topics.is_empty() {
        post.topics.clone()
    } else {
        topics
            .iter()
            .map(|t| canonical(&archive.topics, t, "topic").map(str::to_string))
            .collect::<Result<_>>()?
    };
    let research_type = match research_type {
        Some(r) => canonical(&archive.research_types, r, "research type")?.to_string(),
        None => post.research_type.clone(),
    };
    let tags = Tags {
        topics: Some(topics.clone()),
        research_type: Some(research_type.clone()),
    };
    let id = post.id.clone();
    library::store::curate(data_dir, &id, tags)?;
    writeln!(
        out,
        "{id}: topics: {}; research type: {research_type}",
        if topics.is_empty() {
            "none".to_string()
        } else {
            topics.join(", ")
        }
    )?;
    Ok(())
}
