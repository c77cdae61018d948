//! `y`: copy the selected post's citation, and `y` again for the next form
//! of it: APA (as the blog gives it), then BibTeX, then RIS, then APA again.

use super::{App, Effect};
use crate::cite::{self, Style};

/// The forms `y` copies, in the order repeated presses go through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyForm {
    /// The APA citation(s) as the blog gives them.
    Apa,
    /// BibTeX entries.
    Bibtex,
    /// RIS records.
    Ris,
}

impl CopyForm {
    /// The form a repeated `y` copies next.
    pub fn next(self) -> CopyForm {
        match self {
            CopyForm::Apa => CopyForm::Bibtex,
            CopyForm::Bibtex => CopyForm::Ris,
            CopyForm::Ris => CopyForm::Apa,
        }
    }

    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            CopyForm::Apa => "APA citation",
            CopyForm::Bibtex => "BibTeX",
            CopyForm::Ris => "RIS",
        }
    }
}

impl App {
    /// Copies the selected post's citation: APA first, and on each `y` that
    /// follows straight after, the next form ([`CopyForm::next`]).
    pub(super) fn copy_citation(&mut self) {
        let Some(post) = self.selected_post() else {
            return;
        };
        if post.citations.is_empty() {
            self.status = Some("This post has no citation to copy.".into());
            return;
        }
        let form = match &self.copied {
            Some((id, form)) if *id == post.id => form.next(),
            _ => CopyForm::Apa,
        };
        let text = match form {
            CopyForm::Apa => post
                .citations
                .iter()
                .map(|c| c.raw.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            CopyForm::Bibtex | CopyForm::Ris => {
                let (entries, _) = cite::entries(&[post]);
                let style = if form == CopyForm::Bibtex {
                    Style::Bibtex
                } else {
                    Style::Ris
                };
                cite::write(style, &entries)
            }
        };
        self.copied = Some((post.id.clone(), form));
        // Control characters would reach the terminal inside the OSC 52 text.
        let text = crate::text::strip_unsafe(&text).0.into_owned();
        self.effects.push(Effect::Copy(text));
    }

    /// The status bar's message once a copy went out (`said`: how it went):
    /// after `y`, what was copied and what another `y` would copy.
    pub fn copied_message(&self, said: &str) -> String {
        match &self.copied {
            Some((_, form)) => format!("{}: {said} y again: {}", form.name(), form.next().name()),
            None => said.to_string(),
        }
    }
}
