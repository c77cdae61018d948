//! The current supervision session in the reader: the session picker, and the
//! session-name rule of the bookmarks model ([`match_session`]) applied to what
//! is typed in it.

use super::{App, Dialog, Question};
use crate::bookmarks::model::sessions;
use crate::bookmarks::{SessionMatch, match_session};
use crate::tui::input::TextInput;

/// The session picker: a new name to type, or an existing session to choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPicker {
    /// The new session's name (row 0).
    pub input: TextInput,
    /// Existing sessions (rows 1..), then `None` for "no session" (last row).
    pub choices: Vec<Option<String>>,
    /// The row under the cursor.
    pub cursor: usize,
    /// Whether the selected post is bookmarked into the session once it is
    /// chosen (the picker was opened by the first `b`).
    pub then_bookmark: bool,
}

impl App {
    /// Opens the session picker; `then_bookmark` bookmarks the selected post
    /// once a session is chosen.
    pub(super) fn pick_session(&mut self, then_bookmark: bool) {
        let mut choices: Vec<Option<String>> = sessions(&self.bookmarks)
            .into_iter()
            .map(|s| Some(s.to_string()))
            .collect();
        choices.push(None);
        let suggestion = if self.today.is_empty() {
            String::new()
        } else {
            format!("Supervision {}", self.today)
        };
        let cursor = match &self.session {
            Some(_) => choices
                .iter()
                .position(|c| *c == self.session)
                .map_or(0, |i| i + 1),
            None => 0,
        };
        self.overlay.open(Dialog::Session(SessionPicker {
            input: TextInput::suggested(&suggestion),
            choices,
            cursor,
            then_bookmark,
        }));
    }

    /// Enter in the session picker: the row under the cursor, or the typed
    /// name by the session-name rule. A name a typo away from an existing
    /// session asks first.
    pub(super) fn confirm_session(&mut self) {
        let Some(Dialog::Session(picker)) = self.overlay.top() else {
            return;
        };
        let chosen = match picker.cursor {
            0 => match match_session(picker.input.text(), &sessions(&self.bookmarks)) {
                SessionMatch::NoSession => None,
                SessionMatch::Existing(name) | SessionMatch::New(name) => Some(name),
                SessionMatch::NearMiss { typed, existing } => {
                    let question = Question::NearMissSession { typed, existing };
                    self.overlay.open(Dialog::Confirm(question));
                    return;
                }
            },
            row => picker.choices[row - 1].clone(),
        };
        self.choose_session(chosen);
    }

    /// Makes `session` the current session and closes the picker (bookmarking
    /// the selected post when the picker was opened by `b`).
    pub(super) fn choose_session(&mut self, session: Option<String>) {
        let Some(Dialog::Session(picker)) = self.overlay.close() else {
            return;
        };
        self.session = session;
        self.session_chosen = true;
        self.status = Some(match &self.session {
            Some(name) => format!("Session: {name}. b bookmarks posts into it."),
            None => "No session: bookmarks go in no session.".to_string(),
        });
        if picker.then_bookmark {
            self.toggle_bookmark();
        }
    }

    /// "n" to starting a session whose name is close to `existing`: back to
    /// the picker, with the existing session under the cursor.
    pub(super) fn point_at_session(&mut self, existing: &str) {
        if let Some(Dialog::Session(picker)) = self.overlay.top_mut() {
            let row = picker
                .choices
                .iter()
                .position(|c| c.as_deref() == Some(existing));
            if let Some(row) = row {
                picker.cursor = row + 1;
            }
            self.status = Some(format!(
                "\"{existing}\" is under the cursor: Enter picks it."
            ));
        }
    }
}
