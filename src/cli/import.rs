//! `pprnet import`: read the blog page, build or merge an archive, write it.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::archive::{self, import, merge};
use crate::fsutil::write_atomic;

/// Imports `page`, merging into `into` when given, and writes the archive to
/// `output` or `out`. Warnings and a summary go to standard error.
pub fn run(
    page: &Path,
    into: Option<&Path>,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let name = page.display();
    let bytes = std::fs::read(page).with_context(|| format!("{name}: cannot read the page"))?;
    let text = import::decode(&bytes).with_context(|| format!("{name}"))?;
    let (page_data, warnings) = import::parse_page(text).with_context(|| format!("{name}"))?;
    for warning in &warnings {
        eprintln!("{name}:{}: warning: {}", warning.line, warning.message);
    }
    let page_posts = page_data.posts.len();
    let archive = match into {
        Some(existing) => {
            let existing_archive = archive::load_file(existing)?;
            let (merged, report) = merge::merge(existing_archive, page_data);
            for topic in &report.new_topics {
                eprintln!("{name}: new topic {topic:?}");
            }
            eprintln!(
                "{name}: {page_posts} posts read: {} new, {} updated, {} unchanged; archive now has {} posts",
                report.added.len(),
                report.updated.len(),
                report.unchanged.len(),
                merged.posts.len()
            );
            merged
        }
        None => {
            eprintln!("{name}: {page_posts} posts read");
            merge::archive_from_page(page_data)
        }
    };
    let problems = archive::load::validate(&archive, "");
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        bail!(
            "{name}: the imported archive would be invalid:\n{}",
            list.join("\n")
        );
    }
    let ron = archive::to_ron(&archive);
    match output {
        Some(path) => write_atomic(path, ron.as_bytes())
            .with_context(|| format!("{}: cannot write the archive", path.display()))?,
        None => out.write_all(ron.as_bytes())?,
    }
    Ok(())
}
