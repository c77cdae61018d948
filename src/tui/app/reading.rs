//! Reading the open post: the user's own note shown in it, zoom, next and
//! previous post, and finding a word in it (less-style, separate from the
//! archive filter).

use super::{App, Dialog};
use crate::document::find::{Found, find};
use crate::tui::action::{Edit, Pane};
use crate::tui::input::TextInput;

/// Finding a word in the open post.
#[derive(Debug, Clone, Default)]
pub struct Find {
    /// The word (empty: not finding).
    pattern: String,
    /// Where it is in the laid-out post, top to bottom.
    found: Vec<Found>,
    /// The match `n`/`N` went to last, as an index into `found`.
    at: Option<usize>,
}

impl App {
    /// The user's note on the selected post, to show under its title: the
    /// note of its bookmark in the current session, else the distinct notes of
    /// its other bookmarks, one per line.
    pub(super) fn post_note(&self) -> Option<String> {
        let post = &self.selected_post()?.id;
        if let Some(current) = self
            .current_bookmark(post)
            .filter(|b| !b.note.trim().is_empty())
        {
            return Some(current.note.clone());
        }
        let mut notes: Vec<&str> = Vec::new();
        for bookmark in self.bookmarks.iter().filter(|b| &b.post == post) {
            let note = bookmark.note.trim();
            if !note.is_empty() && !notes.contains(&note) {
                notes.push(note);
            }
        }
        (!notes.is_empty()).then(|| notes.join("\n"))
    }

    /// Shows the post full-screen, or goes back to the panes.
    pub(super) fn toggle_zoom(&mut self) {
        if !self.zoom && self.selected_post().is_none() {
            self.status = Some("No post to zoom: the list is empty.".into());
            return;
        }
        self.zoom = !self.zoom;
        self.focus = Pane::Post;
        self.relayout();
    }

    /// Selects the next (or previous) post in the list, at the top of its text.
    pub(super) fn step_post(&mut self, forward: bool) {
        let target = if forward {
            self.selected + 1
        } else {
            match self.selected.checked_sub(1) {
                Some(previous) => previous,
                None => {
                    self.status = Some("This is the first post in the list.".into());
                    return;
                }
            }
        };
        if target >= self.visible.len() {
            self.status = Some("This is the last post in the list.".into());
            return;
        }
        self.select(target);
    }

    /// Opens the find line, starting from nothing.
    pub(super) fn start_find(&mut self) {
        if self.selected_post().is_none() {
            return;
        }
        self.find = Find::default();
        let before = self.scroll;
        self.overlay.open(Dialog::Find {
            input: TextInput::new(""),
            before,
        });
    }

    /// Edits the word and finds it again, going to the first match from
    /// where find started.
    pub(super) fn edit_find(&mut self, edit: Edit) {
        if let Some(Dialog::Find { input, .. }) = self.overlay.top_mut() {
            input.edit(edit);
        }
        self.refind(true);
    }

    /// Enter keeps the word (n/N go on); Esc drops it and goes back.
    pub(super) fn finish_find(&mut self, keep: bool) {
        if let Some(Dialog::Find { before, .. }) = self.overlay.close()
            && (!keep || self.find.pattern.is_empty())
        {
            self.find = Find::default();
            self.scroll = before.min(self.max_scroll());
        }
    }

    /// Drops the word being found.
    pub(super) fn clear_find(&mut self) {
        self.find = Find::default();
    }

    /// Finds the word (as typed, when the find line is open) in the laid-out
    /// post; with `jump`, scrolls to the first match at or below where find
    /// started.
    pub(super) fn refind(&mut self, jump: bool) {
        let (typed, before) = match self.overlay.top() {
            Some(Dialog::Find { input, before }) => (Some(input.text().to_string()), *before),
            _ => (None, self.scroll),
        };
        if let Some(typed) = typed {
            self.find.pattern = typed;
        }
        self.find.found = match &self.document {
            Some(doc) if !self.find.pattern.is_empty() => find(doc, &self.find.pattern),
            _ => Vec::new(),
        };
        self.find.at = None;
        if jump {
            let first = self.find.found.iter().position(|f| f.line >= before);
            match first.or((!self.find.found.is_empty()).then_some(0)) {
                Some(at) => self.show_found(at),
                None => self.scroll = before.min(self.max_scroll()),
            }
        }
    }

    /// Whether a word is being found.
    pub fn find_active(&self) -> bool {
        !self.find.pattern.is_empty()
    }

    /// The word being found.
    pub fn find_pattern(&self) -> &str {
        &self.find.pattern
    }

    /// "3/12" (the match gone to of all), "12" before `n`, "no match".
    pub fn find_count(&self) -> String {
        match (self.find.at, self.find.found.len()) {
            (_, 0) if self.find.pattern.is_empty() => String::new(),
            (_, 0) => "no match".to_string(),
            (Some(at), n) => format!("{}/{n}", at + 1),
            (None, n) => format!("{n} found"),
        }
    }

    /// The matches of the word on line `line` of the post, and which of them
    /// (if any) is the one gone to last.
    pub fn found_on(&self, line: usize) -> (&[Found], Option<Found>) {
        let found = &self.find.found;
        let from = found.partition_point(|f| f.line < line);
        let to = found.partition_point(|f| f.line <= line);
        let current = self.find.at.map(|at| found[at]).filter(|f| f.line == line);
        (&found[from..to], current)
    }

    /// `n`/`N` for find: the next (or previous) match, wrapping around.
    pub(super) fn jump_to_found(&mut self, forward: bool) {
        let count = self.find.found.len();
        if count == 0 {
            self.status = Some(format!("“{}” is not in this post.", self.find.pattern));
            return;
        }
        let first_below = self
            .find
            .found
            .iter()
            .position(|f| f.line >= self.scroll)
            .unwrap_or(0);
        let at = match (self.find.at, forward) {
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
            (None, true) => first_below,
            (None, false) => first_below.checked_sub(1).unwrap_or(count - 1),
        };
        self.show_found(at);
    }

    /// Scrolls so that match `at` is in view, a few lines from the top.
    fn show_found(&mut self, at: usize) {
        self.find.at = Some(at);
        if self.screen().area(Pane::Post).is_none() {
            self.focus = Pane::Post;
            self.relayout();
        }
        let line = self.find.found[at].line;
        let page = self.page_height(Pane::Post);
        let visible = (self.scroll..self.scroll + page).contains(&line);
        if !visible {
            self.scroll = line.saturating_sub(page / 3).min(self.max_scroll());
        }
    }
}
