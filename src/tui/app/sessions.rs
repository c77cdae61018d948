//! Managing whole sessions from the bookmarks view: `r` renames the session
//! under the cursor (typing another session's name merges into it), `m`
//! merges it into another, `X` deletes it (its bookmarks move to no session).
//! The changes go out as [`Effect::Session`] and the store applies them under
//! its lock to what is on disk, so a bookmark another pprnet adds meanwhile is
//! never lost; [`App::sessions_changed`] takes the result back in.

use super::{App, Dialog, Effect, Question};
use crate::bookmarks::model::sessions;
use crate::bookmarks::{SessionChange, SessionMatch, SessionOutcome, match_session, session_name};
use crate::tui::action::Step;
use crate::tui::input::TextInput;

/// What the session-name dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming {
    /// A new name for the session (another session's name merges).
    Rename,
    /// The session to merge it into.
    Merge,
}

/// The dialog that asks for a session's new name, or for the session to merge
/// it into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionNamer {
    /// Rename or merge.
    pub naming: Naming,
    /// The session being renamed or merged.
    pub session: String,
    /// The name typed.
    pub input: TextInput,
    /// The other sessions, for ↑/↓ to fill in (merge) and to list.
    pub others: Vec<String>,
}

impl App {
    /// The session of the bookmark under the bookmarks view's cursor; when
    /// that bookmark is in no session, says so in the status bar.
    fn session_under_cursor(&mut self) -> Option<String> {
        let bookmark = self
            .bookmarks_cursor()
            .and_then(|i| self.bookmarks.get(i))?;
        match bookmark.session.clone() {
            Some(session) => Some(session),
            None => {
                self.status = Some(
                    "These bookmarks are in no session; move the cursor to a session's bookmark."
                        .into(),
                );
                None
            }
        }
    }

    /// `r` or `m` in the bookmarks view: asks for the new name, or for the
    /// session to merge into.
    pub(super) fn start_naming(&mut self, naming: Naming) {
        if let Some(problem) = &self.bookmarks_problem {
            self.status = Some(format!("Bookmarks are read-only: {problem}"));
            return;
        }
        let Some(session) = self.session_under_cursor() else {
            return;
        };
        let others: Vec<String> = sessions(&self.bookmarks)
            .into_iter()
            .filter(|s| *s != session)
            .map(str::to_string)
            .collect();
        if naming == Naming::Merge && others.is_empty() {
            self.status = Some(format!(
                "\"{session}\" is the only session: there is none to merge it into."
            ));
            return;
        }
        let input = match naming {
            Naming::Rename => TextInput::suggested(&session),
            Naming::Merge => TextInput::default(),
        };
        self.overlay.open(Dialog::SessionName(SessionNamer {
            naming,
            session,
            input,
            others,
        }));
    }

    /// ↑/↓ in the merge dialog: fills in the previous or next other session.
    pub(super) fn step_session_name(&mut self, step: Step) {
        let Some(Dialog::SessionName(namer)) = self.overlay.top_mut() else {
            return;
        };
        let last = namer.others.len().saturating_sub(1);
        let now = namer.others.iter().position(|s| s == namer.input.text());
        let next = match (now, step) {
            (None, Step::Up) => last,
            (None, _) => 0,
            (Some(i), step) => super::stepped(i, last, 10, step),
        };
        if let Some(name) = namer.others.get(next) {
            namer.input = TextInput::new(name);
        }
    }

    /// Enter in the session-name dialog. An existing session's name asks
    /// whether to merge; a new name renames (a name a typo away from another
    /// session asks first); merging needs an existing session.
    pub(super) fn confirm_session_name(&mut self) {
        let Some(Dialog::SessionName(namer)) = self.overlay.top() else {
            return;
        };
        let from = namer.session.clone();
        let others: Vec<&str> = namer.others.iter().map(String::as_str).collect();
        let typed = namer.input.text().to_string();
        let question = match (namer.naming, match_session(&typed, &others)) {
            (_, SessionMatch::NoSession) => {
                self.status = Some("Type a session's name (Esc cancels).".into());
                return;
            }
            (_, SessionMatch::Existing(into)) => Question::MergeSessions { from, into },
            (Naming::Merge, SessionMatch::NearMiss { existing, .. }) => {
                self.status = Some(format!(
                    "No session \"{typed}\"; did you mean \"{existing}\"?"
                ));
                return;
            }
            (Naming::Merge, SessionMatch::New(name)) => {
                self.status = Some(format!(
                    "No session \"{name}\"; ↑/↓ go through the sessions (r renames instead)."
                ));
                return;
            }
            (Naming::Rename, SessionMatch::NearMiss { typed, existing }) => {
                Question::RenameNearMiss {
                    from,
                    to: typed,
                    existing,
                }
            }
            (Naming::Rename, SessionMatch::New(to)) => {
                let to = session_name(&to).unwrap_or(to);
                if to == from {
                    self.overlay.close();
                    self.status = Some("Same name: nothing changed.".into());
                } else {
                    self.change_sessions(SessionChange::Move { from, to });
                }
                return;
            }
        };
        self.overlay.open(Dialog::Confirm(question));
    }

    /// `X` in the bookmarks view: asks before deleting the session.
    pub(super) fn start_delete_session(&mut self) {
        if let Some(problem) = &self.bookmarks_problem {
            self.status = Some(format!("Bookmarks are read-only: {problem}"));
            return;
        }
        let Some(name) = self.session_under_cursor() else {
            return;
        };
        let count = self
            .bookmarks
            .iter()
            .filter(|b| b.session.as_deref() == Some(name.as_str()))
            .count();
        self.overlay
            .open(Dialog::Confirm(Question::DeleteSession { name, count }));
    }

    /// Closes the session-name dialog (if open) and sends `change` to the store.
    pub(super) fn change_sessions(&mut self, change: SessionChange) {
        if matches!(self.overlay.top(), Some(Dialog::SessionName(_))) {
            self.overlay.close();
        }
        self.effects.push(Effect::Session(change));
    }

    /// Takes in the bookmarks after the store applied a session change:
    /// `result` is what it did or why it failed, `problem` why the store is
    /// read-only, if it is. The current session follows a rename or merge
    /// (and becomes none when deleted); the cursor goes to the session's
    /// bookmarks.
    pub fn sessions_changed(
        &mut self,
        bookmarks: Vec<crate::bookmarks::Bookmark>,
        change: &SessionChange,
        result: Result<SessionOutcome, String>,
        problem: Option<String>,
    ) {
        let (from, to) = match change {
            SessionChange::Move { from, to } => (from, Some(to.clone())),
            SessionChange::Delete { name, .. } => (name, None),
        };
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(message) => {
                self.bookmarks = bookmarks;
                self.bookmarks_problem = problem;
                self.clamp_bookmarks_cursor();
                self.status = Some(message);
                self.relayout();
                return;
            }
        };
        let merge = to.as_ref().is_some_and(|to| {
            self.bookmarks
                .iter()
                .any(|b| b.session.as_ref() == Some(to))
        });
        if outcome.changed() && self.session.as_deref() == Some(from.as_str()) {
            self.session = to.clone();
        }
        self.bookmarks = bookmarks;
        self.bookmarks_problem = problem;
        let landed = self
            .bookmarks
            .iter()
            .position(|b| b.session == to)
            .unwrap_or(0);
        for dialog in self.overlay.all_mut() {
            if let Dialog::Bookmarks { cursor } = dialog {
                *cursor = landed;
            }
        }
        self.clamp_bookmarks_cursor();
        let n = outcome.bookmarks;
        let moved = format!("{n} bookmark{}", if n == 1 { "" } else { "s" });
        self.status = Some(match to {
            _ if !outcome.changed() => {
                format!("Session \"{from}\" is gone (changed elsewhere?); nothing done.")
            }
            None => format!("Deleted session \"{from}\"; its {moved} moved to no session."),
            Some(to) if merge => format!(
                "Merged \"{from}\" into \"{to}\": {moved} moved, {} joined a bookmark of the same post.",
                outcome.merged
            ),
            Some(to) => format!("Session \"{from}\" is now \"{to}\" ({moved})."),
        });
        self.relayout();
    }
}
