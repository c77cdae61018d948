//! `pprnet library remove`: undo an import by taking posts out of the
//! library (by id, or every post read from one file or address). The change is
//! one locked step of [`crate::library::store::change`], so nothing another
//! import adds meanwhile is lost.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use clap::Subcommand;

use crate::archive::Archive;
use crate::bookmarks::BookmarkStore;
use crate::library::{self, LibraryFile};

/// What to do with the library.
#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Take posts you imported (or `update` fetched) out of your library: by
    /// id (a unique prefix will do), or every post read from FILE. A shipped
    /// post cannot be removed; removing your newer copy of one brings the
    /// shipped text back. Tags you chose with `curate`, bookmarks and read
    /// marks stay.
    Remove {
        /// The posts' ids, as `pprnet list` prints them.
        #[arg(value_name = "ID")]
        ids: Vec<String>,
        /// Also remove the posts imported from this file (as given to `pprnet
        /// import`) or fetched from this address, unless another file gave
        /// them too.
        #[arg(long, value_name = "FILE")]
        source: Option<String>,
    },
}

/// Runs a `library` subcommand on the library of `data_dir`; `base` is the
/// archive the library adds to (bundled, or `--archive`).
pub fn run(
    command: LibraryCommand,
    base: &Archive,
    data_dir: &Path,
    out: &mut dyn Write,
) -> Result<()> {
    let LibraryCommand::Remove { ids, source } = command;
    if ids.is_empty() && source.is_none() {
        return Err(super::UsageError(
            "name the posts to remove (`pprnet library remove ID...`, ids as \
             `pprnet list` prints them) or the file they came from (`--source FILE`)"
                .into(),
        )
        .into());
    }
    let source = source.map(|s| source_key(&s));
    let (outcome, library) = library::store::change(data_dir, |lib| {
        let before = lib.clone();
        let outcome = remove(lib, base, &ids, source.as_deref());
        let changed = *lib != before;
        (outcome, changed)
    })?;
    let Removed { entries, kept } = outcome?;
    let titles = before_titles(&entries);
    for (id, title) in &titles {
        if base.post(id).is_some() {
            writeln!(
                out,
                "{id}: your copy removed; the shipped post stays: {title}"
            )?;
        } else {
            writeln!(out, "{id}: removed: {title}")?;
        }
    }
    let n = titles.len();
    writeln!(
        out,
        "{n} post{} removed from your library ({} left)",
        if n == 1 { "" } else { "s" },
        library.posts.len()
    )?;
    if kept > 0 {
        writeln!(
            out,
            "{kept} post{} of {} stay{}: other files gave {} too",
            if kept == 1 { "" } else { "s" },
            source.as_deref().unwrap_or_default(),
            if kept == 1 { "s" } else { "" },
            if kept == 1 { "it" } else { "them" },
        )?;
    }
    warn_bookmarked(data_dir, base, &titles);
    Ok(())
}

/// The ids and titles of the removed entries.
fn before_titles(removed: &[library::Entry]) -> Vec<(String, String)> {
    removed
        .iter()
        .map(|e| (e.post.id.clone(), e.post.title.clone()))
        .collect()
}

/// How the library records `source`: an address as it is, a file as an
/// absolute path (the way `import` recorded it).
fn source_key(source: &str) -> String {
    if source.contains("://") {
        return source.to_string();
    }
    std::path::absolute(source)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| source.to_string())
}

/// What a removal did.
struct Removed {
    /// The entries taken out.
    entries: Vec<library::Entry>,
    /// Posts read from the source that stay, since other sources gave them.
    kept: usize,
}

/// Removes the posts named by `ids` and read from `source` from `lib`. Every
/// id must name one post of the library, and some post must have been read
/// from `source`, else nothing is removed: the error says which and why.
fn remove(
    lib: &mut LibraryFile,
    base: &Archive,
    ids: &[String],
    source: Option<&str>,
) -> Result<Removed> {
    let ids = ids
        .iter()
        .map(|id| resolve(lib, base, id))
        .collect::<Result<Vec<String>>>()?;
    if let Some(source) = source
        && !lib
            .posts
            .iter()
            .any(|e| e.sources.iter().any(|s| s == source))
    {
        bail!("no post in your library was imported from {source}; nothing removed");
    }
    let before: Vec<library::Entry> = lib.posts.clone();
    let removed = lib.remove(&ids, source);
    let from_source =
        |e: &&library::Entry| source.is_some_and(|s| e.sources.iter().any(|x| x == s));
    let kept = before
        .iter()
        .filter(from_source)
        .filter(|e| !removed.contains(&e.post.id))
        .count();
    let entries = before
        .into_iter()
        .filter(|e| removed.contains(&e.post.id))
        .collect();
    Ok(Removed { entries, kept })
}

/// The id of the library post `id` names (itself or a unique prefix).
fn resolve(lib: &LibraryFile, base: &Archive, id: &str) -> Result<String> {
    if lib.posts.iter().any(|e| e.post.id == id) {
        return Ok(id.to_string());
    }
    let matching: Vec<&str> = lib
        .posts
        .iter()
        .map(|e| e.post.id.as_str())
        .filter(|p| p.starts_with(id))
        .collect();
    match matching.as_slice() {
        [one] => Ok(one.to_string()),
        [] if base.posts.iter().any(|p| p.id.starts_with(id)) => bail!(
            "{id:?} is a shipped post, which stays (only posts in your library can be \
             removed); nothing removed"
        ),
        [] => bail!(
            "no post {id:?} in your library (`pprnet list --json` marks them \
             \"source\": \"library\"); nothing removed"
        ),
        many => bail!(
            "{id:?} matches {} posts of your library: {}; nothing removed",
            many.len(),
            many.join(", ")
        ),
    }
}

/// Says which removed posts are still bookmarked (their bookmarks stay, and
/// show as missing posts unless a shipped post has the id).
fn warn_bookmarked(data_dir: &Path, base: &Archive, removed: &[(String, String)]) {
    let store = BookmarkStore::open_or_read_only(data_dir);
    for (id, _) in removed {
        if base.post(id).is_none() && store.bookmarks().iter().any(|b| &b.post == id) {
            super::warn(format!(
                "pprnet: warning: {id} is bookmarked; the bookmark stays and shows as \
                 \"{}\" until you import the post again",
                crate::bookmarks::MISSING_POST_TITLE
            ));
        }
    }
}
