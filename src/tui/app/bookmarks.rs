//! The reader's bookmark actions: toggling, notes, sessions, the bookmarks view
//! and undo. Changes go out as [`Effect::Bookmark`]; the event loop applies
//! them to the store and reports back through [`App::bookmarks_changed`].

use super::{App, Effect};
use crate::bookmarks::{Bookmark, Change, Outcome, session_name};
use crate::tui::action::{Edit, Pane, Step};
use crate::tui::input::TextInput;
use crate::tui::keymap::Mode;

/// The note editor: which bookmark, and the text so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteEditor {
    /// The post's id.
    pub post: String,
    /// The post's title, for the editor's heading.
    pub title: String,
    /// The session the bookmark is in.
    pub session: Option<String>,
    /// The note being typed.
    pub input: TextInput,
    /// The mode to go back to when the editor closes.
    pub return_to: Mode,
}

/// The session picker: a new name to type, or an existing session to choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionPicker {
    /// The new session's name (row 0).
    pub input: TextInput,
    /// Existing sessions (rows 1..), then `None` for "no session" (last row).
    pub choices: Vec<Option<String>>,
    /// The row under the cursor.
    pub cursor: usize,
}

impl App {
    /// Takes in the bookmarks after the store applied a change (or re-read the
    /// file): `result` is what the change did or why it failed, `problem` why
    /// the store is read-only, if it is.
    pub fn bookmarks_changed(
        &mut self,
        bookmarks: Vec<Bookmark>,
        result: Result<Outcome, String>,
        problem: Option<String>,
    ) {
        self.bookmarks = bookmarks;
        self.bookmarks_problem = problem;
        self.bookmarks_cursor = self
            .bookmarks_cursor
            .min(self.bookmarks.len().saturating_sub(1));
        self.status = Some(match result {
            Err(message) => message,
            Ok(_) if std::mem::take(&mut self.undoing) => "Bookmark restored.".to_string(),
            Ok(outcome) => describe(&outcome, &mut self.undo),
        });
    }

    /// Takes in bookmarks read at start-up, and why they are read-only if they are.
    pub fn set_bookmarks(&mut self, bookmarks: Vec<Bookmark>, problem: Option<String>) {
        if let Some(problem) = &problem {
            self.status = Some(format!("Bookmarks are read-only: {problem}"));
        }
        self.bookmarks = bookmarks;
        self.bookmarks_problem = problem;
        self.bookmarks_cursor = self
            .bookmarks_cursor
            .min(self.bookmarks.len().saturating_sub(1));
    }

    /// The bookmark of `post` in the current session.
    pub fn current_bookmark(&self, post: &str) -> Option<&Bookmark> {
        self.bookmarks
            .iter()
            .find(|b| b.is(post, self.session.as_deref()))
    }

    /// How a post is marked in the list: in the current session, in another, or not.
    pub fn bookmark_mark(&self, post: &str) -> Option<char> {
        if self.current_bookmark(post).is_some() {
            Some('★')
        } else if self.bookmarks.iter().any(|b| b.post == post) {
            Some('☆')
        } else {
            None
        }
    }

    /// Sends a change to the store unless bookmarks are read-only.
    fn change(&mut self, change: Change) {
        match &self.bookmarks_problem {
            Some(problem) => self.status = Some(format!("Bookmarks are read-only: {problem}")),
            None => self.effects.push(Effect::Bookmark(change)),
        }
    }

    pub(super) fn toggle_bookmark(&mut self) {
        let Some(post) = self.selected_post().map(|p| p.id.clone()) else {
            return;
        };
        let session = self.session.clone();
        let change = if self.current_bookmark(&post).is_some() {
            Change::Remove { post, session }
        } else {
            Change::Add {
                post,
                session,
                note: None,
            }
        };
        self.change(change);
    }

    pub(super) fn edit_note(&mut self) {
        let target = if self.mode == Mode::Bookmarks {
            self.bookmarks
                .get(self.bookmarks_cursor)
                .map(|b| (b.post.clone(), b.session.clone()))
        } else {
            self.selected_post()
                .map(|p| (p.id.clone(), self.session.clone()))
        };
        let Some((post, session)) = target else {
            return;
        };
        if let Some(problem) = &self.bookmarks_problem {
            self.status = Some(format!("Bookmarks are read-only: {problem}"));
            return;
        }
        let note = self
            .bookmarks
            .iter()
            .find(|b| b.is(&post, session.as_deref()))
            .map_or("", |b| b.note.as_str());
        let title = self
            .archive
            .post(&post)
            .map_or(post.clone(), |p| p.title.clone());
        self.note = Some(NoteEditor {
            input: TextInput::new(note),
            post,
            title,
            session,
            return_to: self.mode,
        });
        self.mode = Mode::Note;
    }

    pub(super) fn pick_session(&mut self) {
        let mut choices: Vec<Option<String>> = crate::bookmarks::model::sessions(&self.bookmarks)
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
        self.session_picker = Some(SessionPicker {
            input: TextInput::suggested(&suggestion),
            choices,
            cursor,
        });
        self.mode = Mode::Session;
    }

    pub(super) fn show_bookmarks(&mut self) {
        self.mode = Mode::Bookmarks;
        self.effects.push(Effect::ReloadBookmarks);
    }

    /// Enter or Esc in one of the bookmark modes.
    pub(super) fn finish_dialog(&mut self, confirm: bool) {
        match self.mode {
            Mode::Note => {
                let editor = self
                    .note
                    .take()
                    .expect("the note editor is open in Note mode");
                self.mode = editor.return_to;
                if confirm {
                    let note = editor.input.text().trim_end().to_string();
                    let exists = self
                        .bookmarks
                        .iter()
                        .any(|b| b.is(&editor.post, editor.session.as_deref()));
                    let (post, session) = (editor.post, editor.session);
                    self.change(if exists {
                        Change::SetNote {
                            post,
                            session,
                            note,
                        }
                    } else {
                        Change::Add {
                            post,
                            session,
                            note: Some(note),
                        }
                    });
                }
            }
            Mode::Session => {
                let picker = self
                    .session_picker
                    .take()
                    .expect("the picker is open in Session mode");
                self.mode = Mode::Normal;
                if confirm {
                    self.session = match picker.cursor {
                        0 => session_name(picker.input.text()),
                        row => picker.choices[row - 1].clone(),
                    };
                    self.status = Some(match &self.session {
                        Some(name) => format!("Session: {name}. b bookmarks posts into it."),
                        None => "No session: bookmarks go in no session.".to_string(),
                    });
                }
            }
            Mode::Bookmarks if confirm => self.open_bookmarked_post(),
            Mode::Bookmarks => self.mode = Mode::Normal,
            _ => {}
        }
    }

    /// A text edit in the note editor or the session picker.
    pub(super) fn edit_dialog(&mut self, edit: Edit) {
        if let Some(editor) = &mut self.note {
            editor.input.edit(edit);
        } else if let Some(picker) = &mut self.session_picker {
            picker.input.edit(edit);
            picker.cursor = 0;
        }
    }

    /// Moves the cursor of the session picker or the bookmarks view.
    pub(super) fn move_dialog(&mut self, step: Step) {
        let (cursor, last) = match (&mut self.session_picker, self.mode) {
            (Some(picker), Mode::Session) => (&mut picker.cursor, picker.choices.len()),
            _ => (
                &mut self.bookmarks_cursor,
                self.bookmarks.len().saturating_sub(1),
            ),
        };
        *cursor = super::stepped(*cursor, last, 10, step);
    }

    pub(super) fn toggle_discussed(&mut self) {
        if let Some(b) = self.bookmarks.get(self.bookmarks_cursor) {
            let change = Change::SetDiscussed {
                post: b.post.clone(),
                session: b.session.clone(),
                discussed: !b.discussed,
            };
            self.change(change);
        }
    }

    pub(super) fn remove_bookmark(&mut self) {
        if let Some(b) = self.bookmarks.get(self.bookmarks_cursor) {
            let change = Change::Remove {
                post: b.post.clone(),
                session: b.session.clone(),
            };
            self.change(change);
        }
    }

    pub(super) fn undo_removal(&mut self) {
        match self.undo.take() {
            Some(bookmark) => {
                self.undoing = self.bookmarks_problem.is_none();
                self.change(Change::Restore(bookmark));
            }
            None => self.status = Some("Nothing to undo.".into()),
        }
    }

    fn open_bookmarked_post(&mut self) {
        let Some(post) = self
            .bookmarks
            .get(self.bookmarks_cursor)
            .map(|b| b.post.clone())
        else {
            return;
        };
        if self.archive.post(&post).is_none() {
            self.status = Some(format!("{post} is not in this archive (missing post)."));
            return;
        }
        self.mode = Mode::Normal;
        self.clear_all_filters();
        self.refilter(Some(&post));
        self.focus = Pane::Post;
        self.relayout();
    }
}

/// A status message for what a change did; a removal is kept for undo.
fn describe(outcome: &Outcome, undo: &mut Option<Bookmark>) -> String {
    let session = |b: &Bookmark| match &b.session {
        Some(name) => format!("in \"{name}\""),
        None => "in no session".to_string(),
    };
    match (&outcome.before, &outcome.after) {
        (None, Some(after)) if after.note.is_empty() => {
            format!("Bookmarked {}. e adds a note.", session(after))
        }
        (None, Some(after)) => format!("Bookmarked {} with your note.", session(after)),
        (Some(before), None) => {
            *undo = Some(before.clone());
            format!("Bookmark {} removed. u undoes.", session(before))
        }
        (Some(before), Some(after)) if before.note != after.note => "Note saved.".to_string(),
        (Some(before), Some(after)) if before.discussed != after.discussed => if after.discussed {
            "Marked discussed."
        } else {
            "Marked not discussed."
        }
        .to_string(),
        (Some(_), Some(_)) => "No change.".to_string(),
        (None, None) => "That bookmark was already gone (changed elsewhere?).".to_string(),
    }
}
