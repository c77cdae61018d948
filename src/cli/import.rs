//! `pprnet import`: read saved pages of the blog (text or HTML, or folders of
//! them) and add their posts to the library, or write or merge an archive file.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use super::{config_dir, destination};
use crate::archive::import::{self, ImportedPage, Warning};
use crate::archive::{self, Archive, merge};
use crate::fsutil::{MAX_PAGE_BYTES, read_regular};
use crate::library::{self, MergeCounts};

/// File name endings taken from a folder (a file named on the command line
/// is always read).
const PAGE_EXTENSIONS: &[&str] = &["txt", "text", "htm", "html", "xhtml"];

/// Where imported posts go.
pub enum Target<'a> {
    /// The library in this data directory, against this archive.
    Library {
        /// The data directory.
        data_dir: &'a Path,
        /// The archive the library adds to (bundled, or `--archive`).
        base: Archive,
    },
    /// An archive file: merged into `into` when given, written to `output`
    /// (standard output when `None`).
    File {
        /// An archive to merge into.
        into: Option<&'a Path>,
        /// Where to write the result.
        output: Option<&'a Path>,
        /// pprnet's own files, which `output` may not name.
        data_dir: Option<&'a Path>,
    },
}

/// Imports every page among `paths` into `target`. Prints one line per file
/// and a summary (library), or the archive (file); a file that cannot be
/// imported is a one-line error on standard error naming it, and the others
/// still import. Fails when nothing could be imported.
pub fn run(paths: &[PathBuf], target: Target, out: &mut dyn Write) -> Result<()> {
    let files = expand(paths)?;
    let mut pages = Vec::new();
    let mut refused = Vec::new();
    for file in &files {
        match read(file) {
            Ok(page) => pages.push((file.clone(), page)),
            Err(err) => refused.push(err),
        }
    }
    if pages.is_empty() {
        return Err(match refused.len() {
            1 => refused.remove(0),
            0 => anyhow!("no pages to import in {}", list_paths(paths)),
            n => {
                for err in &refused {
                    super::warn(format!("pprnet: {err:#}"));
                }
                anyhow!("nothing imported: none of the {n} files is a page of the blog")
            }
        });
    }
    for err in &refused {
        super::warn(format!("pprnet: {err:#}"));
    }
    match target {
        Target::Library { data_dir, base } => {
            into_library(&pages, refused.len(), data_dir, &base, out)
        }
        Target::File {
            into,
            output,
            data_dir,
        } => into_file(pages, into, output, data_dir, out),
    }
}

/// The files to read: files as named, and the page files in folders (sorted
/// by name, sub-folders included but not linked ones, hidden files left out).
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            collect_dir(path, &mut found)
                .with_context(|| format!("{}: cannot read the folder", path.display()))?;
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn collect_dir(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        // A linked folder is not followed: a link to a folder above would
        // read the same pages again and again.
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_dir(&path, found)?;
        } else if kind.is_symlink() && path.is_dir() {
            continue;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            found.push(path);
        }
    }
    Ok(())
}

fn list_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads one page, printing its warnings; an error names the file.
fn read(file: &Path) -> Result<ImportedPage> {
    let name = file.display();
    let bytes = read_regular(file, MAX_PAGE_BYTES)
        .with_context(|| format!("{name}: cannot read the page"))?;
    let (page, warnings) = import::read_page(&bytes).map_err(|e| anyhow!("{name}: {e}"))?;
    let html = import::decode(&bytes).is_ok_and(archive::html::looks_like_html);
    print_warnings(file, html, &warnings);
    Ok(page)
}

fn print_warnings(file: &Path, html: bool, warnings: &[Warning]) {
    for warning in warnings {
        if html {
            // Lines of the text made from HTML mean nothing in the HTML file.
            super::warn(format!("{}: warning: {}", file.display(), warning.message));
        } else {
            super::warn(format!(
                "{}:{}: warning: {}",
                file.display(),
                warning.line,
                warning.message
            ));
        }
    }
}

/// Adds the pages' posts to the library in one locked change, then prints a
/// line per file and the summary.
fn into_library(
    pages: &[(PathBuf, ImportedPage)],
    refused: usize,
    data_dir: &Path,
    base: &Archive,
    out: &mut dyn Write,
) -> Result<()> {
    let now = library::now();
    let (per_file, _) = library::store::change(data_dir, |lib| {
        let mut changed = false;
        let mut per_file = Vec::new();
        for (file, page) in pages {
            changed |= lib.add_topics(base, &page.topics);
            let source = std::path::absolute(file).unwrap_or_else(|_| file.clone());
            let counts = lib.merge_posts(base, page.posts.clone(), &source.to_string_lossy(), &now);
            changed |= counts.changed();
            per_file.push(counts);
        }
        (per_file, changed)
    })?;
    let mut total = MergeCounts::default();
    for ((file, page), counts) in pages.iter().zip(per_file) {
        for title in &counts.cut_short {
            super::warn(format!(
                "{}: warning: {title:?} is cut off on this page; kept the full copy (save the whole page again)",
                file.display()
            ));
        }
        writeln!(
            out,
            "{}: {} post{}: {}",
            file.display(),
            page.posts.len(),
            plural(page.posts.len()),
            counts_text(&counts)
        )?;
        total.extend(counts);
    }
    let files = pages.len();
    let refused_text = if refused > 0 {
        format!(" ({refused} more refused)")
    } else {
        String::new()
    };
    writeln!(
        out,
        "{files} file{}{refused_text}: {}",
        plural(files),
        counts_text(&total)
    )?;
    Ok(())
}

/// "12 posts added, 4 already there, 1 updated".
fn counts_text(counts: &MergeCounts) -> String {
    let added = counts.added.len();
    format!(
        "{added} post{} added, {} already there, {} updated",
        plural(added),
        counts.unchanged.len(),
        counts.updated.len()
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The archive-file mode: merges the pages, in order, into `into` (or into
/// an archive made from the first page) and writes it out.
fn into_file(
    pages: Vec<(PathBuf, ImportedPage)>,
    into: Option<&Path>,
    output: Option<&Path>,
    data_dir: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    let mut archive: Option<Archive> = into.map(archive::load_file).transpose()?;
    for (file, page) in pages {
        let name = file.display();
        let page_posts = page.posts.len();
        archive = Some(match archive {
            Some(existing) => {
                let (merged, report) = merge::merge(existing, page);
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
                merge::archive_from_page(page)
            }
        });
    }
    let mut archive = archive.expect("at least one page was read");
    // Pages were cleaned as they were read; what is left came with the
    // archive merged into (or an HTML page's topic links).
    let source = into.map_or("pprnet".to_string(), |p| p.display().to_string());
    for dropped in archive::clean::drop_unsafe(&mut archive) {
        super::warn(format!("{source}: warning: {dropped}"));
    }
    let problems = archive::load::validate(&archive, "");
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
        bail!(
            "the imported archive would be invalid:\n{}",
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
