//! `pprnet import`: read the blog page, build or merge an archive, write it.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};

use super::{config_dir, destination};
use crate::archive::{self, import, merge};
use crate::fsutil::{MAX_PAGE_BYTES, read_regular};

/// Imports `page`, merging into `into` when given, and writes the archive to
/// `output` or `out`; `data_dir` holds pprnet's own files, which `output`
/// may not name. Warnings and a summary go to standard error.
pub fn run(
    page: &Path,
    into: Option<&Path>,
    output: Option<&Path>,
    data_dir: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let name = page.display();
    let bytes = read_regular(page, MAX_PAGE_BYTES)
        .with_context(|| format!("{name}: cannot read the page"))?;
    let text = import::decode(&bytes).with_context(|| format!("{name}"))?;
    let (page_data, warnings) = import::parse_page(text).with_context(|| format!("{name}"))?;
    for warning in &warnings {
        super::warn(format!(
            "{name}:{}: warning: {}",
            warning.line, warning.message
        ));
    }
    let page_posts = page_data.posts.len();
    let archive = match into {
        Some(existing) => {
            let existing_archive = archive::load_file(existing)?;
            let (merged, report) = merge::merge(existing_archive, page_data);
            for topic in &report.new_topics {
                super::warn(format!("{name}: new topic {topic:?}"));
            }
            super::warn(format!(
                "{name}: {page_posts} posts read: {} new, {} updated, {} unchanged; archive now has {} posts",
                report.added.len(),
                report.updated.len(),
                report.unchanged.len(),
                merged.posts.len()
            ));
            merged
        }
        None => {
            super::warn(format!("{name}: {page_posts} posts read"));
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
        Some(path) => {
            destination::write(
                path,
                "the archive",
                ron.as_bytes(),
                data_dir,
                config_dir().as_deref(),
                out,
            )?;
        }
        None => out.write_all(ron.as_bytes())?,
    }
    Ok(())
}
