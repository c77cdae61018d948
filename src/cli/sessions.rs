//! `pprnet bookmarks sessions [rename|merge|delete]`: the supervision sessions
//! with their counts, and changes to whole sessions. The changes themselves
//! are [`SessionChange`]s applied by the locked store, so bookmarks added by
//! another process meanwhile are never lost.

use std::io::{BufRead, IsTerminal, Write};

use anyhow::{Result, bail};
use clap::Subcommand;
use serde::Serialize;

use super::UsageError;
use super::output::{json, one_field};
use crate::bookmarks::model::session_counts;
use crate::bookmarks::{BookmarkStore, SessionChange, SessionMatch, match_session, session_name};

/// What to do with a session.
#[derive(Debug, Subcommand)]
pub enum SessionsCommand {
    /// Give a session a new name (which no session has yet).
    Rename {
        /// The session's name now.
        old: String,
        /// Its new name.
        new: String,
    },
    /// Move every bookmark of session A into session B; A is gone afterwards.
    /// A post bookmarked in both keeps one bookmark with both notes.
    Merge {
        /// The session to empty.
        a: String,
        /// The session that takes its bookmarks.
        b: String,
    },
    /// End a session: its bookmarks move to no session (or are removed with
    /// --with-bookmarks). Asks first on a terminal; needs --yes otherwise.
    Delete {
        /// The session.
        name: String,
        /// Remove the session's bookmarks and their notes too.
        #[arg(long)]
        with_bookmarks: bool,
        /// Do not ask.
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

/// A session as `bookmarks sessions --json` prints it.
#[derive(Debug, Serialize)]
struct SessionJson<'a> {
    name: &'a str,
    bookmarks: usize,
    discussed: usize,
}

/// Lists the sessions (`Name<TAB>bookmarks<TAB>discussed`), or changes one.
pub fn run(
    action: Option<SessionsCommand>,
    as_json: bool,
    store: &mut BookmarkStore,
    out: &mut dyn Write,
) -> Result<()> {
    let Some(action) = action else {
        let counts = session_counts(store.bookmarks());
        if as_json {
            let items: Vec<SessionJson> = counts
                .iter()
                .map(|&(name, bookmarks, discussed)| SessionJson {
                    name,
                    bookmarks,
                    discussed,
                })
                .collect();
            return json(out, &items);
        }
        for (name, bookmarks, discussed) in counts {
            writeln!(out, "{}\t{bookmarks}\t{discussed}", one_field(name))?;
        }
        return Ok(());
    };
    match action {
        SessionsCommand::Rename { old, new } => {
            let old = existing(store, &old)?;
            let new = new_name(&new)?;
            if let SessionMatch::Existing(taken) = match_session(&new, &store.sessions())
                && taken != old
            {
                return Err(UsageError(format!(
                    "a session named {taken:?} exists already; to put the two together, use \
                     `pprnet bookmarks sessions merge {old:?} {taken:?}`"
                ))
                .into());
            }
            let outcome = store.apply_session(SessionChange::Move {
                from: old.clone(),
                to: new.clone(),
            })?;
            gone(&old, outcome.bookmarks)?;
            writeln!(
                out,
                "renamed session {old:?} to {new:?} ({} bookmark(s))",
                outcome.bookmarks
            )?;
        }
        SessionsCommand::Merge { a, b } => {
            let a = existing(store, &a)?;
            let b = existing(store, &b)?;
            if a == b {
                return Err(UsageError(format!("cannot merge session {a:?} into itself")).into());
            }
            let outcome = store.apply_session(SessionChange::Move {
                from: a.clone(),
                to: b.clone(),
            })?;
            gone(&a, outcome.bookmarks)?;
            writeln!(
                out,
                "merged session {a:?} into {b:?}: {} bookmark(s) moved, {} joined a bookmark of the same post",
                outcome.bookmarks, outcome.merged
            )?;
        }
        SessionsCommand::Delete {
            name,
            with_bookmarks,
            yes,
        } => {
            let name = existing(store, &name)?;
            let count = store
                .bookmarks()
                .iter()
                .filter(|b| b.session.as_deref() == Some(name.as_str()))
                .count();
            let what = if with_bookmarks {
                format!("delete session {name:?} and its {count} bookmark(s) with their notes")
            } else {
                format!("delete session {name:?}; its {count} bookmark(s) move to no session")
            };
            if !yes && !confirm(&what)? {
                writeln!(out, "nothing deleted")?;
                return Ok(());
            }
            let outcome = store.apply_session(SessionChange::Delete {
                name: name.clone(),
                with_bookmarks,
            })?;
            gone(&name, outcome.bookmarks)?;
            if with_bookmarks {
                writeln!(
                    out,
                    "deleted session {name:?} and {} bookmark(s)",
                    outcome.removed
                )?;
            } else {
                writeln!(
                    out,
                    "deleted session {name:?}; {} bookmark(s) moved to no session",
                    outcome.bookmarks
                )?;
            }
        }
    }
    Ok(())
}

/// The stored name of an existing session, by the one session-name rule
/// ([`match_session`]: case and spacing do not matter), or an error that
/// suggests the session a typo away, or lists them.
fn existing(store: &BookmarkStore, wanted: &str) -> Result<String> {
    let sessions = store.sessions();
    match match_session(wanted, &sessions) {
        SessionMatch::Existing(name) => Ok(name),
        SessionMatch::NearMiss { typed, existing } => {
            bail!("no session named {typed:?}; did you mean {existing:?}?")
        }
        _ => {
            let known: Vec<String> = sessions.iter().map(|s| format!("{s:?}")).collect();
            bail!(
                "no session named {wanted:?}; sessions: {}",
                if known.is_empty() {
                    "none".to_string()
                } else {
                    known.join(", ")
                }
            )
        }
    }
}

/// A new session name as it will be stored; an empty one is a usage error.
fn new_name(name: &str) -> Result<String> {
    session_name(name).ok_or_else(|| UsageError("the new session name is empty".into()).into())
}

/// The session vanished between reading and locking (another process changed it).
fn gone(name: &str, changed: usize) -> Result<()> {
    if changed == 0 {
        bail!("session {name:?} is gone (changed by another pprnet meanwhile); nothing done");
    }
    Ok(())
}

/// Asks on the terminal; without one, refuses (use --yes).
fn confirm(what: &str) -> Result<bool> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(UsageError(format!(
            "would {what}; standard input is not a terminal, so pass --yes to go ahead"
        ))
        .into());
    }
    eprint!("{}? [y/N] ", crate::text::clean(&capitalised(what)));
    let mut answer = String::new();
    stdin.lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes" | "YES"))
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}
