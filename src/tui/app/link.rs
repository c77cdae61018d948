//! `o`: the selected post's DOI link, handed to the event loop to open; when
//! nothing can open it, a dialog shows the whole link, and `y` copies it.

use super::{App, Dialog, Effect};

impl App {
    /// `o`: asks the event loop to open the selected post's DOI link.
    pub(super) fn open_link(&mut self) {
        let Some(post) = self.selected_post() else {
            return;
        };
        match post.citations.iter().find_map(|c| c.doi_url()) {
            Some(url) => self.effects.push(Effect::OpenUrl(url)),
            None => self.status = Some("This post has no DOI link.".into()),
        }
    }

    /// Takes in how opening `url` went: `Err` holds why nothing opened it, and
    /// then the whole link is shown in a dialog so that it can be copied.
    pub fn link_opened(&mut self, url: String, result: Result<(), String>) {
        match result {
            Ok(()) => self.status = Some(format!("Opening {url}")),
            Err(why) => self.overlay.open(Dialog::Link { url, why }),
        }
    }

    /// `y` in the link dialog: copies the link and closes the dialog.
    pub(super) fn copy_link(&mut self) {
        if let Some(Dialog::Link { url, .. }) = self.overlay.close() {
            self.effects.push(Effect::Copy(url));
        }
    }
}
