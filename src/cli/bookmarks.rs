//! `pprnet bookmarks list|add|remove|export`: the bookmark store on the command
//! line. The store itself is in [`crate::bookmarks`].

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use super::output::one_field;
use super::{UsageError, config_dir, data_dir, destination, find_post, load_archive};
use crate::archive::{Archive, Post};
use crate::bookmarks::{
    Bookmark, BookmarkStore, Change, Format, HandoutOptions, MISSING_POST_TITLE, SessionMatch,
    handout, match_session,
};
use crate::cite::Style;
use crate::text::clean;

/// The `bookmarks` subcommands.
#[derive(Debug, Subcommand)]
pub enum BookmarksCommand {
    /// The supervision sessions, one a line: Name<TAB>bookmarks<TAB>discussed;
    /// or rename, merge or delete one.
    Sessions {
        /// Rename, merge or delete a session; without one, list them.
        #[command(subcommand)]
        action: Option<super::sessions::SessionsCommand>,
        /// Print a JSON array of {name, bookmarks, discussed} instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// List bookmarks, one a line: ID<TAB>session<TAB>title<TAB>note<TAB>discussed
    /// (yes or no).
    List {
        /// Only the bookmarks of this session ("" for those in no session).
        #[arg(long, value_name = "S")]
        session: Option<String>,
        /// Print a JSON array instead of lines.
        #[arg(long)]
        json: bool,
    },
    /// Bookmark a post, or update the note of an existing bookmark.
    Add {
        /// The post's id (a unique prefix will do).
        id: String,
        /// The note; for an existing bookmark, replaces its note.
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// The supervision session, e.g. "Supervision 2026-12-03". A name that
        /// differs from an existing session only in case or spacing is that
        /// session; one a typo away from it is refused (see --new-session).
        #[arg(long, value_name = "S")]
        session: Option<String>,
        /// Start the session named by --session even though it is close to an
        /// existing one.
        #[arg(long, requires = "session")]
        new_session: bool,
    },
    /// Remove a bookmark.
    ///
    /// Without --session, removes the post's bookmark that is in no session; a
    /// bookmark in a session is removed only with --session.
    Remove {
        /// The post's id (a unique prefix of a bookmarked id will do).
        id: String,
        /// The session the bookmark is in.
        #[arg(long, value_name = "S")]
        session: Option<String>,
    },
    /// Write a handout (per post the title, month, citation with DOI link, the
    /// note and the Practice Implications), or the posts' references for a
    /// reference manager.
    Export {
        /// Only this session [default: every session, grouped].
        #[arg(long, value_name = "S")]
        session: Option<String>,
        /// A handout (markdown, text, html) or references (csl-json, ris, bibtex).
        #[arg(long, value_enum, default_value_t = FormatArg::Markdown)]
        format: FormatArg,
        /// Include each post's summary in the handout.
        #[arg(long)]
        with_summary: bool,
        /// Leave the notes out of the handout.
        #[arg(long)]
        no_notes: bool,
        /// Only the bookmarks marked discussed.
        #[arg(long, conflicts_with = "undiscussed")]
        discussed: bool,
        /// Only the bookmarks not yet discussed.
        #[arg(long)]
        undiscussed: bool,
        /// Write to FILE instead of standard output.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// The export formats on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// A Markdown handout with a YAML title block (for pandoc).
    #[value(alias = "md")]
    Markdown,
    /// A plain-text handout wrapped to 72 columns.
    #[value(alias = "txt", alias = "plain")]
    Text,
    /// A standalone HTML handout that prints well.
    Html,
    /// The posts' references as CSL-JSON.
    CslJson,
    /// The posts' references as RIS.
    Ris,
    /// The posts' references as BibTeX.
    Bibtex,
}

impl FormatArg {
    /// The handout format, or the reference format.
    fn kind(self) -> Result<Format, Style> {
        match self {
            FormatArg::Markdown => Ok(Format::Markdown),
            FormatArg::Text => Ok(Format::Text),
            FormatArg::Html => Ok(Format::Html),
            FormatArg::CslJson => Err(Style::CslJson),
            FormatArg::Ris => Err(Style::Ris),
            FormatArg::Bibtex => Err(Style::Bibtex),
        }
    }
}

/// A bookmark as `bookmarks list --json` prints it.
#[derive(Debug, Serialize)]
struct BookmarkJson<'a> {
    post: &'a str,
    session: Option<&'a str>,
    note: &'a str,
    created: &'a str,
    discussed: bool,
    missing: bool,
    title: Option<&'a str>,
    month: Option<String>,
}

/// Runs a `bookmarks` subcommand.
pub fn run(
    command: BookmarksCommand,
    archive_path: Option<&Path>,
    data_dir_arg: Option<PathBuf>,
    out: &mut dyn Write,
) -> Result<()> {
    let dir = data_dir(data_dir_arg)?;
    let mut store = BookmarkStore::open(&dir)?;
    match command {
        BookmarksCommand::Sessions { action, json } => {
            super::sessions::run(action, json, &mut store, out)
        }
        BookmarksCommand::List { session, json } => {
            let archive = load_archive(archive_path, &dir)?;
            let posts = posts_by_id(&archive);
            let wanted = session.map(|s| resolve_session(&store, &s));
            let shown: Vec<&Bookmark> = store
                .bookmarks()
                .iter()
                .filter(|b| wanted.as_ref().is_none_or(|w| &b.session == w))
                .collect();
            if json {
                let items: Vec<BookmarkJson> = shown
                    .iter()
                    .map(|b| {
                        let post = posts.get(b.post.as_str());
                        BookmarkJson {
                            post: &b.post,
                            session: b.session.as_deref(),
                            note: &b.note,
                            created: &b.created,
                            discussed: b.discussed,
                            missing: post.is_none(),
                            title: post.map(|p| p.title.as_str()),
                            month: post.map(|p| p.month.to_string()),
                        }
                    })
                    .collect();
                return super::output::json(out, &items);
            }
            for b in shown {
                let title = posts
                    .get(b.post.as_str())
                    .map_or(MISSING_POST_TITLE, |p| p.title.as_str());
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    one_field(&b.post),
                    one_field(b.session_str()),
                    one_field(title),
                    one_field(&b.note),
                    if b.discussed { "yes" } else { "no" }
                )?;
            }
            Ok(())
        }
        BookmarksCommand::Add {
            id,
            note,
            session,
            new_session,
        } => {
            let archive = load_archive(archive_path, &dir)?;
            let post = find_post(&archive, &id)?.id.clone();
            let session = match session.map(|s| match_session(&s, &store.sessions())) {
                Some(SessionMatch::NearMiss { typed, existing }) if !new_session => bail!(
                    "there is no session {typed:?}, but there is {existing:?}; use \
                     --session {existing:?}, or add --new-session to start {typed:?}"
                ),
                Some(SessionMatch::NearMiss { typed, .. }) => Some(typed),
                Some(matched) => session_of(matched),
                None => None,
            };
            let outcome = store.apply(Change::Add {
                post: post.clone(),
                session: session.clone(),
                note,
            })?;
            let place = describe(session.as_deref());
            match (&outcome.before, &outcome.after) {
                (None, _) => writeln!(out, "bookmarked {post} {place}")?,
                (Some(before), Some(after)) if before.note != after.note => {
                    writeln!(out, "updated the note of {post} {place}")?
                }
                _ => writeln!(out, "{post} is already bookmarked {place}; note unchanged")?,
            }
            Ok(())
        }
        BookmarksCommand::Remove { id, session } => {
            let (post, session) = match session {
                Some(s) => {
                    let session = resolve_session(&store, &s);
                    (bookmarked_id(&store, &id, Some(&session))?, session)
                }
                None => {
                    let post = bookmarked_id(&store, &id, None)?;
                    (post.clone(), only_session(&store, &post)?)
                }
            };
            let outcome = store.apply(Change::Remove {
                post: post.clone(),
                session: session.clone(),
            })?;
            if outcome.not_found() {
                bail!(
                    "{post} is not bookmarked {} (any more)",
                    describe(session.as_deref())
                );
            }
            writeln!(
                out,
                "removed the bookmark of {post} {}",
                describe(session.as_deref())
            )?;
            Ok(())
        }
        BookmarksCommand::Export {
            session,
            format,
            with_summary,
            no_notes,
            discussed,
            undiscussed,
            output,
        } => {
            let archive = load_archive(archive_path, &dir)?;
            let session = match session.map(|s| resolve_session(&store, &s)) {
                Some(None) => {
                    return Err(UsageError(
                        "--session needs a session name; leave it out to export every session"
                            .into(),
                    )
                    .into());
                }
                session => session.flatten(),
            };
            let discussed = match (discussed, undiscussed) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            };
            let selected: Vec<&Bookmark> = store
                .bookmarks()
                .iter()
                .filter(|b| session.is_none() || b.session == session)
                .filter(|b| discussed.is_none_or(|d| b.discussed == d))
                .collect();
            let count = selected.len();
            let which = match discussed {
                Some(true) => "discussed bookmarks",
                Some(false) => "undiscussed bookmarks",
                None => "bookmarks",
            };
            match &session {
                Some(name) if count == 0 => bail!(
                    "no {which} in session {name:?}; sessions: {}",
                    list_or_none(&store.sessions())
                ),
                None if count == 0 => {
                    bail!("no {which} to export (see `pprnet bookmarks add --help`)")
                }
                _ => {}
            }
            let posts = posts_by_id(&archive);
            let missing = selected
                .iter()
                .filter(|b| !posts.contains_key(b.post.as_str()))
                .count();
            let (text, what) = match format.kind() {
                Ok(format) => {
                    if missing > 0 {
                        super::warn(format!(
                            "pprnet: warning: {missing} bookmarked post(s) not in the archive, shown as {MISSING_POST_TITLE}"
                        ));
                    }
                    let date = crate::bookmarks::model::now();
                    let options = HandoutOptions {
                        format,
                        session: session.as_deref(),
                        with_summary,
                        notes: !no_notes,
                        discussed,
                        date: &date[..10],
                    };
                    let text = handout(store.bookmarks(), &archive, &options);
                    (text, format!("{count} bookmark(s)"))
                }
                Err(style) => {
                    if with_summary || no_notes {
                        return Err(UsageError(
                            "--with-summary and --no-notes are for handouts (markdown, text, html), not references".into(),
                        )
                        .into());
                    }
                    if missing > 0 {
                        super::warn(format!(
                            "pprnet: warning: {missing} bookmarked post(s) not in the archive, left out"
                        ));
                    }
                    // Each post once, in the order first bookmarked.
                    let mut seen = HashSet::new();
                    let cited: Vec<&Post> = selected
                        .iter()
                        .filter_map(|b| posts.get(b.post.as_str()).copied())
                        .filter(|post| seen.insert(post.id.as_str()))
                        .collect();
                    let (text, n) = super::references::references(style, &cited);
                    (text, format!("{n} reference(s)"))
                }
            };
            let text = clean(&text);
            match output {
                Some(path) => {
                    let to_file = destination::write(
                        &path,
                        "the export",
                        text.as_bytes(),
                        Some(&dir),
                        config_dir().as_deref(),
                        out,
                    )?;
                    if !to_file {
                        return Ok(());
                    }
                    writeln!(
                        out,
                        "wrote {what} {} to {}",
                        session
                            .as_deref()
                            .map_or("of every session".to_string(), |s| {
                                format!("of session {s:?}")
                            }),
                        path.display()
                    )?;
                }
                None => out.write_all(text.as_bytes())?,
            }
            Ok(())
        }
    }
}

/// The archive's posts by id, to look up many bookmarks' posts at once.
fn posts_by_id(archive: &Archive) -> HashMap<&str, &Post> {
    archive.posts.iter().map(|p| (p.id.as_str(), p)).collect()
}

/// The stored spelling of a session name by the rule of [`match_session`]: an
/// existing session matching but for case and spacing, or else the name as
/// given (trimmed; empty means no session), with a warning on standard error
/// when it is a typo away from an existing session.
fn resolve_session(store: &BookmarkStore, wanted: &str) -> Option<String> {
    let matched = match_session(wanted, &store.sessions());
    if let SessionMatch::NearMiss { typed, existing } = &matched {
        super::warn(format!(
            "pprnet: warning: there is no session {typed:?}; did you mean {existing:?}?"
        ));
    }
    session_of(matched)
}

/// The session a match names: an existing one, or the (new) name as typed.
fn session_of(matched: SessionMatch) -> Option<String> {
    match matched {
        SessionMatch::NoSession => None,
        SessionMatch::Existing(name) | SessionMatch::New(name) => Some(name),
        SessionMatch::NearMiss { typed, .. } => Some(typed),
    }
}

/// The id of a bookmarked post (in `session`, when given, else in any session):
/// exactly `id`, or the only bookmarked id starting with it.
fn bookmarked_id(
    store: &BookmarkStore,
    id: &str,
    session: Option<&Option<String>>,
) -> Result<String> {
    let mut ids: Vec<&str> = store
        .bookmarks()
        .iter()
        .filter(|b| session.is_none_or(|s| &b.session == s))
        .map(|b| b.post.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.contains(&id) {
        return Ok(id.to_string());
    }
    let matching: Vec<&str> = ids.iter().copied().filter(|p| p.starts_with(id)).collect();
    let place = session.map_or(String::new(), |s| format!(" {}", describe(s.as_deref())));
    match matching.as_slice() {
        [only] if !id.is_empty() => Ok(only.to_string()),
        [] | [_] => bail!("no bookmark of {id:?}{place} (see `pprnet bookmarks list`)"),
        many => bail!(
            "{id:?} matches {} bookmarked posts{place}: {}",
            many.len(),
            many.join(", ")
        ),
    }
}

/// The session of the bookmark `remove` means when no session is given: the
/// post's bookmark in no session. A bookmark in a session is only removed when
/// its session is named, so a repeated command never deletes a session's note.
fn only_session(store: &BookmarkStore, post: &str) -> Result<Option<String>> {
    let sessions: Vec<&str> = store
        .bookmarks()
        .iter()
        .filter(|b| b.post == post)
        .filter_map(|b| b.session.as_deref())
        .collect();
    if store.find(post, None).is_some() || sessions.is_empty() {
        return Ok(None);
    }
    let names: Vec<String> = sessions.iter().map(|s| format!("{s:?}")).collect();
    let plural = if names.len() == 1 { "" } else { "s" };
    bail!(
        "{post} is bookmarked only in session{plural} {}; say which with --session (nothing removed)",
        names.join(", ")
    )
}

/// "in session \"S\"" or "(no session)".
fn describe(session: Option<&str>) -> String {
    session.map_or("(no session)".to_string(), |s| format!("in session {s:?}"))
}

fn list_or_none(names: &[&str]) -> String {
    if names.is_empty() {
        "none".to_string()
    } else {
        names
            .iter()
            .map(|n| format!("{n:?}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
