//! Everything the reader can be asked to do. Keys, mouse events and the event
//! loop turn into these; [`crate::tui::app::App::update`] carries them out.

pub use super::input::Edit;

/// A direction and distance to move a selection or scroll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// One item or line up.
    Up,
    /// One item or line down.
    Down,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// To the first item or the top.
    First,
    /// To the last item or the bottom.
    Last,
}

/// A pane of the reader, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Pane {
    /// The topic list.
    Topics,
    /// The research-type list, below the topics.
    Types,
    /// The posts, grouped by month.
    Posts,
    /// The selected post's text.
    Post,
}

impl Pane {
    /// Every pane, in focus order.
    pub const ALL: [Pane; 4] = [Pane::Topics, Pane::Types, Pane::Posts, Pane::Post];

    /// Whether the pane is part of the sidebar column.
    pub fn in_sidebar(self) -> bool {
        matches!(self, Pane::Topics | Pane::Types)
    }
}

/// One thing the reader does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Move the selection (or scroll, in the post pane) of the focused pane.
    Move(Step),
    /// Scroll the post pane, whatever has focus.
    Scroll(Step),
    /// Scroll the pane at a screen position by some lines (mouse wheel).
    ScrollAt {
        /// Screen column.
        column: u16,
        /// Screen row.
        row: u16,
        /// Lines to scroll; negative is up.
        lines: i32,
    },
    /// Select what is at a screen position and focus its pane (mouse click).
    ClickAt {
        /// Screen column.
        column: u16,
        /// Screen row.
        row: u16,
    },
    /// Focus the next pane, from the last back to the first (Tab).
    FocusNext,
    /// Focus the previous pane, from the first round to the last (Shift-Tab).
    FocusPrevious,
    /// Focus the pane to the left; nothing at the first pane (`h`).
    FocusLeft,
    /// Focus the pane to the right; nothing at the last pane (`l`).
    FocusRight,
    /// Enter: open what is selected in the focused pane.
    Open,
    /// Scroll the post to its Practice Implications.
    JumpToImplications,
    /// Start typing a filter.
    StartFilter,
    /// Edit the text being typed (filter, note or session name).
    Edit(Edit),
    /// Start a new line in the note being typed.
    Newline,
    /// Enter: keep the filter, save the note, pick the session, open the
    /// bookmark; `y` to a question.
    Confirm,
    /// Esc: clear the filter, or close what is open without saving; `n` to a
    /// question.
    Cancel,
    /// Settle a note that changed elsewhere while it was edited.
    Resolve(crate::bookmarks::Resolution),
    /// Scroll to the next search match in the post.
    NextMatch,
    /// Scroll to the previous search match in the post.
    PreviousMatch,
    /// Bookmark the selected post in the current session, or remove that bookmark.
    ToggleBookmark,
    /// Edit the note of the selected post's bookmark (bookmarking it if needed).
    EditNote,
    /// Choose or create the current supervision session.
    PickSession,
    /// Open the bookmarks view.
    ShowBookmarks,
    /// In the bookmarks view: mark the bookmark discussed, or not.
    ToggleDiscussed,
    /// In the bookmarks view: remove the bookmark.
    RemoveBookmark,
    /// In the bookmarks view: rename the session of the bookmark under the
    /// cursor (another session's name merges into it).
    RenameSession,
    /// In the bookmarks view: merge that session into another.
    MergeSession,
    /// In the bookmarks view: delete that session (its bookmarks move to no
    /// session).
    DeleteSession,
    /// Put back the bookmark removed last.
    Undo,
    /// Copy the selected post's citation(s) to the clipboard.
    CopyCitation,
    /// Open the selected post's DOI link.
    OpenLink,
    /// Show the post full-screen, or go back to the panes.
    ToggleZoom,
    /// Select the next post in the list.
    NextPost,
    /// Select the previous post in the list.
    PreviousPost,
    /// Start typing a word to find in the open post.
    StartFind,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    /// Stop the reader until the shell's `fg` (Ctrl-Z).
    Suspend,
    /// The terminal changed size.
    Resize(u16, u16),
    /// Quit the reader.
    Quit,
    /// Data loaded in the background arrived.
    Arrived(super::app::Arrival),
    /// Mark the selected post read, or unread again.
    ToggleRead,
    /// Open the checklist of the selected post's topics and research type.
    EditTags,
    /// In a checklist: check or uncheck the item under the cursor.
    ToggleItem,
    /// Time passed (the event loop's tick): how long since the last tick.
    Tick(std::time::Duration),
}
