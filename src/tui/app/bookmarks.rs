//! The reader's bookmark actions: toggling, notes, sessions, the bookmarks view
//! and undo. Changes go out as [`Effect::Bookmark`]; the event loop applies
//! them to the store and reports back through [`App::bookmarks_changed`].

use super::{App, Dialog, Effect, NoteEditor, Question, SessionPicker};
use crate::bookmarks::{Bookmark, Change, Outcome, Resolution, SessionChange};
use crate::tui::action::{Edit, Pane, Step};
use crate::tui::keymap::Mode;

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
        self.clamp_bookmarks_cursor();
        self.status = Some(match result {
            Err(message) => message,
            Ok(Outcome {
                conflict: Some(conflict),
                ..
            }) => {
                self.undoing = false;
                self.overlay.open(Dialog::Conflict(conflict));
                "The note was changed elsewhere meanwhile: m keeps yours, t theirs, b both."
                    .to_string()
            }
            Ok(_) if std::mem::take(&mut self.undoing) => "Bookmark restored.".to_string(),
            Ok(outcome) => describe(&outcome, &mut self.undo),
        });
        self.relayout();
    }

    /// Settles the note conflict on top: saves mine or both (based on theirs,
    /// so a note changed yet again is asked about again), or keeps theirs.
    pub(super) fn resolve_conflict(&mut self, resolution: Resolution) {
        let Some(Dialog::Conflict(conflict)) = self.overlay.top().cloned() else {
            return;
        };
        self.overlay.close();
        match conflict.resolve(resolution) {
            Some(change) => self.change(change),
            None => {
                self.status = Some("Kept the note written elsewhere; yours was dropped.".into())
            }
        }
    }

    /// Takes in bookmarks read at start-up, and why they are read-only if they are.
    pub fn set_bookmarks(&mut self, bookmarks: Vec<Bookmark>, problem: Option<String>) {
        if let Some(problem) = &problem {
            self.status = Some(format!("Bookmarks are read-only: {problem}"));
        }
        self.bookmarks = bookmarks;
        self.bookmarks_problem = problem;
        self.clamp_bookmarks_cursor();
        self.relayout();
    }

    /// Keeps the bookmarks view's cursor on a bookmark after the list changed.
    pub(super) fn clamp_bookmarks_cursor(&mut self) {
        let last = self.bookmarks.len().saturating_sub(1);
        for dialog in self.overlay.all_mut() {
            if let Dialog::Bookmarks { cursor } = dialog {
                *cursor = (*cursor).min(last);
            }
        }
    }

    /// The bookmarks view's cursor, an index into `bookmarks`, while the view
    /// is on top.
    pub fn bookmarks_cursor(&self) -> Option<usize> {
        match self.overlay.top() {
            Some(Dialog::Bookmarks { cursor }) => Some(*cursor),
            _ => None,
        }
    }

    /// The bookmark under the bookmarks view's cursor, while the view is on top.
    fn bookmark_under_cursor(&self) -> Option<&Bookmark> {
        self.bookmarks_cursor().and_then(|i| self.bookmarks.get(i))
    }

    /// The note editor, while it is on top.
    pub fn note_editor(&self) -> Option<&NoteEditor> {
        match self.overlay.top() {
            Some(Dialog::Note(editor)) => Some(editor),
            _ => None,
        }
    }

    /// The session picker, while it is on top.
    pub fn session_picker(&self) -> Option<&SessionPicker> {
        match self.overlay.top() {
            Some(Dialog::Session(picker)) => Some(picker),
            _ => None,
        }
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

    /// `b`: bookmarks the selected post in the current session, or removes
    /// that bookmark. The first time with no session, the session picker
    /// opens first.
    pub(super) fn toggle_bookmark(&mut self) {
        let Some(post) = self.selected_post().map(|p| p.id.clone()) else {
            return;
        };
        if self.session.is_none() && !self.session_chosen && self.bookmarks_problem.is_none() {
            self.pick_session(true);
            return;
        }
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
        let target = if self.mode() == Mode::Bookmarks {
            self.bookmark_under_cursor()
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
        let editor = NoteEditor::new(post, title, session, note);
        self.overlay.open(Dialog::Note(Box::new(editor)));
    }

    pub(super) fn show_bookmarks(&mut self) {
        self.overlay.open(Dialog::Bookmarks { cursor: 0 });
        self.effects.push(Effect::ReloadBookmarks);
    }

    /// Enter or Esc in one of the bookmark dialogs.
    pub(super) fn finish_dialog(&mut self, confirm: bool) {
        if confirm && self.mode() == Mode::Bookmarks {
            self.open_bookmarked_post();
            return;
        }
        if confirm && matches!(self.overlay.top(), Some(Dialog::SessionName(_))) {
            self.confirm_session_name();
            return;
        }
        if confirm && self.mode() == Mode::Session {
            self.confirm_session();
            return;
        }
        if !confirm && matches!(self.overlay.top(), Some(Dialog::Note(e)) if e.changed()) {
            self.overlay.open(Dialog::Confirm(Question::DiscardNote));
            return;
        }
        match self.overlay.close() {
            Some(Dialog::Note(editor)) if confirm => self.save_note(*editor),
            _ => {}
        }
    }

    /// The answer to the question on top: `yes` does what it asked about.
    pub(super) fn answer(&mut self, yes: bool) {
        let Some(Dialog::Confirm(question)) = self.overlay.close() else {
            return;
        };
        match question {
            Question::DiscardNote if yes => {
                self.overlay.close();
                self.status = Some("Note not saved.".into());
            }
            Question::DiscardNote => {}
            Question::DiscardTags if yes => {
                self.overlay.close();
                self.status = Some("Topics and type not changed.".into());
            }
            Question::DiscardTags => {}
            Question::NearMissSession { typed, .. } if yes => self.choose_session(Some(typed)),
            Question::NearMissSession { existing, .. } => self.point_at_session(&existing),
            Question::MergeSessions { from, into } if yes => {
                self.change_sessions(SessionChange::Move { from, to: into })
            }
            Question::RenameNearMiss { from, to, .. } if yes => {
                self.change_sessions(SessionChange::Move { from, to })
            }
            Question::MergeSessions { .. } | Question::RenameNearMiss { .. } => {}
            Question::DeleteSession { name, .. } if yes => {
                self.change_sessions(SessionChange::Delete {
                    name,
                    with_bookmarks: false,
                })
            }
            Question::DeleteSession { .. } => self.status = Some("Nothing deleted.".into()),
        }
    }

    /// The note words that only the reader holds, as the change that would
    /// save them: the note in an open conflict (both notes joined), or the
    /// text of an edited note editor. For saving before the reader goes away
    /// without being asked (a signal, a terminal that closed).
    pub fn unsaved_note(&self) -> Option<Change> {
        let unsaved = self.overlay.iter().filter_map(|dialog| match dialog {
            Dialog::Conflict(conflict) => conflict.resolve(Resolution::KeepBoth),
            Dialog::Note(editor) if editor.changed() => Some(note_change(editor)),
            _ => None,
        });
        unsaved.last()
    }

    /// Saves what the note editor holds (see [`note_change`]).
    fn save_note(&mut self, editor: NoteEditor) {
        self.change(note_change(&editor));
    }

    /// A text edit in the note editor or the session picker.
    pub(super) fn edit_dialog(&mut self, edit: Edit) {
        match self.overlay.top_mut() {
            Some(Dialog::Note(editor)) => editor.edit(edit),
            Some(Dialog::Session(picker)) => {
                picker.input.edit(edit);
                picker.cursor = 0;
            }
            Some(Dialog::SessionName(namer)) => namer.input.edit(edit),
            _ => {}
        }
    }

    /// Moves the cursor of the session picker or the bookmarks view.
    pub(super) fn move_dialog(&mut self, step: Step) {
        if matches!(self.overlay.top(), Some(Dialog::SessionName(_))) {
            self.step_session_name(step);
            return;
        }
        let bookmarks = self.bookmarks.len();
        let (cursor, last) = match self.overlay.top_mut() {
            Some(Dialog::Session(picker)) => (&mut picker.cursor, picker.choices.len()),
            Some(Dialog::Bookmarks { cursor }) => (cursor, bookmarks.saturating_sub(1)),
            _ => return,
        };
        *cursor = super::stepped(*cursor, last, 10, step);
    }

    pub(super) fn toggle_discussed(&mut self) {
        if let Some(b) = self.bookmark_under_cursor() {
            let change = Change::SetDiscussed {
                post: b.post.clone(),
                session: b.session.clone(),
                discussed: !b.discussed,
            };
            self.change(change);
        }
    }

    pub(super) fn remove_bookmark(&mut self) {
        if let Some(b) = self.bookmark_under_cursor() {
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
        let Some(post) = self.bookmark_under_cursor().map(|b| b.post.clone()) else {
            return;
        };
        if self.archive.post(&post).is_none() {
            self.status = Some(format!("{post} is not in this archive (missing post)."));
            return;
        }
        self.overlay.close_all();
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

/// The change saving what `editor` holds, based on the note it first read (so
/// a note changed elsewhere meanwhile is asked about, never overwritten).
fn note_change(editor: &NoteEditor) -> Change {
    Change::EditNote {
        note: editor.text().trim_end().to_string(),
        base: Some(editor.original().to_string()),
        post: editor.post.clone(),
        session: editor.session.clone(),
    }
}
