//! `show --format csl-json|ris|bibtex` and the reference formats of
//! `bookmarks export`: the citations of posts for reference managers. The
//! formats themselves are in [`crate::cite`].

use std::io::Write;

use anyhow::Result;
use clap::ValueEnum;

use crate::archive::Post;
use crate::cite::{self, Style};

/// How `show` prints a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// The post as wrapped plain text.
    Text,
    /// Its citations as CSL-JSON (Zotero, Mendeley, pandoc).
    CslJson,
    /// Its citations as RIS (EndNote, Zotero, RefWorks).
    Ris,
    /// Its citations as BibTeX.
    Bibtex,
}

impl ShowFormat {
    /// The reference format, or `None` for text.
    pub fn style(self) -> Option<Style> {
        match self {
            ShowFormat::Text => None,
            ShowFormat::CslJson => Some(Style::CslJson),
            ShowFormat::Ris => Some(Style::Ris),
            ShowFormat::Bibtex => Some(Style::Bibtex),
        }
    }
}

/// The references of `posts` in `style`, with a warning on standard error for
/// each citation that could not be parsed (it is exported all the same).
pub fn references(style: Style, posts: &[&Post]) -> (String, usize) {
    let (entries, warnings) = cite::entries(posts);
    for warning in &warnings {
        super::warn(format!("pprnet: warning: {warning}"));
    }
    (cite::write(style, &entries), entries.len())
}

/// Prints the references of `posts` in `style`.
pub fn print(out: &mut dyn Write, style: Style, posts: &[&Post]) -> Result<()> {
    let (text, _) = references(style, posts);
    out.write_all(crate::text::clean(&text).as_bytes())?;
    Ok(())
}
