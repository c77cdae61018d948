//! What is open over the panes: one [`Overlay`] holds the open dialog with its
//! data, and under it the dialogs to go back to when it closes.
//!
//! To add a dialog: add a [`Dialog`] variant carrying its state, give it a
//! [`Mode`] in [`Dialog::mode`] (and a key table for that mode: see the steps
//! in `tui::keymap`), open it with [`Overlay::open`], close it with
//! [`Overlay::close`], and draw it in `ui::render` by matching on
//! [`Overlay::top`], its footer from `keymap::footer(mode)`.

use super::note::NoteEditor;
use super::session::SessionPicker;
use super::sessions::SessionNamer;
use super::tagging::TagEditor;
use crate::bookmarks::Conflict;
use crate::tui::action::Pane;
use crate::tui::input::TextInput;
use crate::tui::keymap::Mode;

/// One dialog and its state.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// The filter line is being typed; `before` is where the reader was when
    /// `/` was pressed.
    Filter {
        /// The place to go back to when the filter is dropped with Esc.
        before: Place,
    },
    /// The help overlay, from its line `scroll`.
    Help {
        /// The first line shown.
        scroll: usize,
    },
    /// The note editor.
    Note(Box<NoteEditor>),
    /// The session picker.
    Session(SessionPicker),
    /// A session's new name, or the session to merge it into, being typed
    /// (over the bookmarks view).
    SessionName(SessionNamer),
    /// The bookmarks view.
    Bookmarks {
        /// The bookmark under the cursor, an index into the reader's bookmarks.
        cursor: usize,
    },
    /// A yes/no question about the dialog under it.
    Confirm(Question),
    /// A link nothing could open, shown whole so that it can be copied.
    Link {
        /// The link.
        url: String,
        /// Why it did not open.
        why: String,
    },
    /// A note saved (or restored) from an earlier reading changed elsewhere
    /// meanwhile: the reader asks which to keep.
    Conflict(Conflict),
    /// A word to find in the open post is being typed.
    Find {
        /// What is typed.
        input: TextInput,
        /// The post's scroll when find started, to go back to on Esc.
        before: usize,
    },
    /// The checklist of a post's topics and research type (`t`).
    Tags(Box<TagEditor>),
}

/// A yes/no question the reader asks before doing something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Throw away the changes made in the note editor (under this dialog)?
    DiscardNote,
    /// Throw away the changes made in the topics checklist (under this dialog)?
    DiscardTags,
    /// Start a session whose name is a typo away from an existing one? (The
    /// session picker is under this dialog.)
    NearMissSession {
        /// The name as typed.
        typed: String,
        /// The existing session it is close to.
        existing: String,
    },
    /// Merge session `from` into session `into` (the session-name dialog is
    /// under this one)?
    MergeSessions {
        /// The session to empty.
        from: String,
        /// The session that takes its bookmarks.
        into: String,
    },
    /// Rename session `from` to `to`, a typo away from session `existing`?
    RenameNearMiss {
        /// The session renamed.
        from: String,
        /// The new name as typed.
        to: String,
        /// The existing session it is close to.
        existing: String,
    },
    /// Delete session `name`, whose `count` bookmarks move to no session?
    DeleteSession {
        /// The session.
        name: String,
        /// How many bookmarks it holds.
        count: usize,
    },
}

impl Question {
    /// The question as the dialog shows it.
    pub fn text(&self) -> String {
        match self {
            Question::DiscardNote => "Discard changes to this note? y/n".to_string(),
            Question::DiscardTags => "Discard changes to the topics and type? y/n".to_string(),
            Question::NearMissSession { typed, existing } => format!(
                "There is a session \"{existing}\". Start a new one named \"{typed}\"? \
                 y: start it · n: choose \"{existing}\""
            ),
            Question::MergeSessions { from, into } => format!(
                "Merge session \"{from}\" into \"{into}\"? Its bookmarks join \"{into}\" \
                 (a post in both keeps one bookmark with both notes). y/n"
            ),
            Question::RenameNearMiss { from, to, existing } => format!(
                "There is a session \"{existing}\". Rename \"{from}\" to \"{to}\" anyway? \
                 y: rename · n: edit the name"
            ),
            Question::DeleteSession { name, count } => format!(
                "Delete session \"{name}\"? Its {count} bookmark{} move{} to no session, \
                 notes kept. y/n",
                if *count == 1 { "" } else { "s" },
                if *count == 1 { "s" } else { "" },
            ),
        }
    }
}

impl Dialog {
    /// What the keyboard does while this dialog is on top.
    pub fn mode(&self) -> Mode {
        match self {
            Dialog::Filter { .. } => Mode::Filter,
            Dialog::Help { .. } => Mode::Help,
            Dialog::Note(_) => Mode::Note,
            Dialog::Session(_) => Mode::Session,
            Dialog::SessionName(_) => Mode::SessionName,
            Dialog::Bookmarks { .. } => Mode::Bookmarks,
            Dialog::Confirm(_) => Mode::Confirm,
            Dialog::Link { .. } => Mode::Link,
            Dialog::Conflict(_) => Mode::Conflict,
            Dialog::Find { .. } => Mode::Find,
            Dialog::Tags(_) => Mode::Tags,
        }
    }
}

/// Where the reader was: the selected post, how far it was scrolled, and
/// which pane had the focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The selected post's id.
    pub post: Option<String>,
    /// The first post line shown.
    pub scroll: usize,
    /// The first post shown in the list, as an index into the visible posts.
    pub list_top: usize,
    /// The pane with the focus.
    pub focus: Pane,
}

/// The open dialog (the last one) and the dialogs under it, which come back
/// in turn as each closes. Empty: the reader is browsing.
#[derive(Debug, Clone, Default)]
pub struct Overlay {
    open: Vec<Dialog>,
}

impl Overlay {
    /// The dialog on top, if any.
    pub fn top(&self) -> Option<&Dialog> {
        self.open.last()
    }

    /// The dialog on top, to change it.
    pub fn top_mut(&mut self) -> Option<&mut Dialog> {
        self.open.last_mut()
    }

    /// Opens `dialog` over whatever is open; closing it goes back to that.
    pub fn open(&mut self, dialog: Dialog) {
        self.open.push(dialog);
    }

    /// Closes the dialog on top and returns it; the one under it (or nothing)
    /// is open again.
    pub fn close(&mut self) -> Option<Dialog> {
        self.open.pop()
    }

    /// Closes every dialog.
    pub fn close_all(&mut self) {
        self.open.clear();
    }

    /// Every open dialog, from the bottom to the top (to draw them).
    pub fn iter(&self) -> impl Iterator<Item = &Dialog> {
        self.open.iter()
    }

    /// Every open dialog, from the bottom to the top, to change them (to keep
    /// a cursor in range when what it points into changed, say).
    pub fn all_mut(&mut self) -> impl Iterator<Item = &mut Dialog> {
        self.open.iter_mut()
    }

    /// What the keyboard does now: the top dialog's mode, or `browsing`.
    pub fn mode(&self, browsing: Mode) -> Mode {
        self.top().map_or(browsing, Dialog::mode)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_a_dialog_goes_back_to_the_one_under_it() {
        let mut overlay = Overlay::default();
        assert_eq!(overlay.mode(Mode::Normal), Mode::Normal);
        overlay.open(Dialog::Bookmarks { cursor: 3 });
        overlay.open(Dialog::Help { scroll: 0 });
        assert_eq!(overlay.mode(Mode::Normal), Mode::Help);
        assert!(matches!(overlay.close(), Some(Dialog::Help { scroll: 0 })));
        assert!(matches!(
            overlay.top(),
            Some(Dialog::Bookmarks { cursor: 3 })
        ));
        overlay.close();
        assert_eq!(overlay.mode(Mode::Normal), Mode::Normal);
        assert!(overlay.close().is_none());
    }
}
