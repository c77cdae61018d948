//! Handouts: the bookmarks of a session laid out for a trainee, as Markdown
//! ([`markdown`]), plain text ([`text`]) or a standalone HTML page ([`html`]).
//!
//! A handout opens with a title block (the session, the date, "Prepared with
//! pprnet"); per session a heading, then per post its title, month, full
//! citation(s) with the DOI as a link, the summary when asked for, the note
//! (unless left out) and the Practice Implications; it ends with a line
//! naming the source ([`crate::archive::credit::attribution`]).

pub mod html;
pub mod markdown;
pub mod text;

use std::collections::HashMap;

use super::model::{self, Bookmark};
use crate::archive::{Archive, Citation, Post};

/// The heading of the bookmarks that belong to no session.
pub const NO_SESSION_HEADING: &str = "No session";

/// The title of a handout of every session.
pub const ALL_SESSIONS_TITLE: &str = "Supervision handout";

/// Said under the title.
pub const PREPARED_WITH: &str = "Prepared with pprnet";

/// How a handout is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CommonMark with a YAML title block (pandoc turns it into .docx or .html).
    Markdown,
    /// Plain text wrapped to [`text::TEXT_WIDTH`] columns.
    Text,
    /// A standalone HTML page that prints well.
    Html,
}

/// What goes into a handout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HandoutOptions<'a> {
    /// Markdown, text or HTML.
    pub format: Format,
    /// One session, or every session (`None`) one after another.
    pub session: Option<&'a str>,
    /// Include each post's summary.
    pub with_summary: bool,
    /// Include the notes (the supervisor's private words).
    pub notes: bool,
    /// Only bookmarks discussed (`Some(true)`) or not yet (`Some(false)`).
    pub discussed: Option<bool>,
    /// The date in the title block ("2026-12-01").
    pub date: &'a str,
}

/// The bookmarks of one session, as the handout shows them.
#[derive(Debug)]
pub struct Section<'a> {
    /// The session's name, or [`NO_SESSION_HEADING`].
    pub heading: &'a str,
    /// The bookmarks with their posts (`None`: missing from the archive).
    pub items: Vec<(&'a Bookmark, Option<&'a Post>)>,
}

/// The bookmarks a handout with these options covers, grouped into sections
/// in the order of [`model::by_session`]. Each bookmark's post is one lookup
/// in a map of the archive made once, whatever the number of bookmarks.
pub fn sections<'a>(
    bookmarks: &'a [Bookmark],
    archive: &'a Archive,
    options: &HandoutOptions,
) -> Vec<Section<'a>> {
    let posts: HashMap<&str, &Post> = archive.posts.iter().map(|p| (p.id.as_str(), p)).collect();
    model::by_session(bookmarks)
        .into_iter()
        .filter(|(name, _)| options.session.is_none_or(|wanted| *name == Some(wanted)))
        .map(|(name, group)| Section {
            heading: name.unwrap_or(NO_SESSION_HEADING),
            items: group
                .into_iter()
                .filter(|b| options.discussed.is_none_or(|d| b.discussed == d))
                .map(|b| (b, posts.get(b.post.as_str()).copied()))
                .collect(),
        })
        .filter(|section| !section.items.is_empty())
        .collect()
}

/// The handout's title: the session's name, or [`ALL_SESSIONS_TITLE`].
pub fn title<'a>(options: &HandoutOptions<'a>) -> &'a str {
    options.session.unwrap_or(ALL_SESSIONS_TITLE)
}

/// The handout for these options. Posts missing from the archive appear as
/// [`model::MISSING_POST_TITLE`] with their id and note. Empty when no bookmark
/// matches.
pub fn handout(bookmarks: &[Bookmark], archive: &Archive, options: &HandoutOptions) -> String {
    let sections = sections(bookmarks, archive, options);
    if sections.is_empty() {
        return String::new();
    }
    match options.format {
        Format::Markdown => markdown::handout(&sections, options),
        Format::Text => text::handout(&sections, options),
        Format::Html => html::handout(&sections, options),
    }
}

/// Where the citation's raw text gives its DOI as a URL: the byte range.
pub fn doi_in(citation: &Citation) -> Option<(usize, usize)> {
    let doi = citation.doi.as_deref()?;
    [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
    ]
    .iter()
    .find_map(|prefix| {
        let url = format!("{prefix}{doi}");
        citation
            .raw
            .find(&url)
            .map(|start| (start, start + url.len()))
    })
}
