//! Reading the open post: the user's own note shown in it.

use super::App;

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
}
