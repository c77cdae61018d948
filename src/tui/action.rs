//! Everything the reader can be asked to do. Keys, mouse events and the event
//! loop turn into these; [`crate::tui::app::App::update`] carries them out.

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
    /// Focus the next pane to the right.
    FocusNext,
    /// Focus the next pane to the left.
    FocusPrevious,
    /// Enter: open what is selected in the focused pane.
    Open,
    /// Scroll the post to its Practice Implications.
    JumpToImplications,
    /// Start typing a filter.
    StartFilter,
    /// Add a character to the filter being typed.
    FilterInput(char),
    /// Delete the last character of the filter being typed.
    FilterBackspace,
    /// Stop typing and keep the filter.
    KeepFilter,
    /// Clear the filter.
    ClearFilter,
    /// Scroll to the next search match in the post.
    NextMatch,
    /// Scroll to the previous search match in the post.
    PreviousMatch,
    /// Copy the selected post's citation(s) to the clipboard.
    CopyCitation,
    /// Open the selected post's DOI link.
    OpenLink,
    /// Show or hide the help overlay.
    ToggleHelp,
    /// The terminal changed size.
    Resize(u16, u16),
    /// Quit the reader.
    Quit,
}
