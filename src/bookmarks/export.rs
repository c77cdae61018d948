//! Handouts: the bookmarks of a session laid out for reading, as Markdown or
//! as plain text.
//!
//! Per session a heading with its name, then per post its title, month, full
//! citation(s) with the DOI as a link, the note and the Practice Implications.
//! Archive text is escaped in Markdown; notes are the user's own words and are
//! kept as written (so Markdown in them works).

use unicode_width::UnicodeWidthStr;

use super::model::{self, Bookmark, MISSING_POST_TITLE};
use crate::archive::{Archive, Citation};
use crate::document::IMPLICATIONS_HEADING;

/// The width plain-text handouts are wrapped to (long links stay whole).
pub const TEXT_WIDTH: usize = 72;

/// The heading of the bookmarks that belong to no session.
pub const NO_SESSION_HEADING: &str = "No session";

/// How a handout is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CommonMark, with DOIs as links.
    Markdown,
    /// Plain text wrapped to [`TEXT_WIDTH`] columns.
    Text,
}

/// The handout for `session` (`None`: every session, one after another, in the
/// order of [`model::by_session`], with the bookmarks in no session last under
/// [`NO_SESSION_HEADING`]). Posts missing from the archive appear as
/// [`MISSING_POST_TITLE`] with their id and note. Empty when nothing matches.
pub fn handout(
    bookmarks: &[Bookmark],
    archive: &Archive,
    session: Option<&str>,
    format: Format,
) -> String {
    let mut out = String::new();
    for (name, group) in model::by_session(bookmarks) {
        if session.is_some_and(|wanted| name != Some(wanted)) {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let heading = name.unwrap_or(NO_SESSION_HEADING);
        match format {
            Format::Markdown => markdown_session(&mut out, heading, &group, archive),
            Format::Text => text_session(&mut out, heading, &group, archive),
        }
    }
    out
}

fn markdown_session(out: &mut String, heading: &str, group: &[&Bookmark], archive: &Archive) {
    out.push_str(&format!("# {}\n", md_escape(heading)));
    for (i, bookmark) in group.iter().enumerate() {
        let post = archive.post(&bookmark.post);
        let title = post.map_or(MISSING_POST_TITLE, |p| p.title.as_str());
        out.push_str(&format!("\n## {}. {}\n\n", i + 1, md_escape(title)));
        match post {
            Some(post) => {
                out.push_str(&format!("*{}*\n", post.month.long_name()));
                for citation in &post.citations {
                    out.push_str(&format!("\n{}\n", md_citation(citation)));
                }
            }
            None => out.push_str(&format!(
                "The post `{}` is not in the archive.\n",
                bookmark.post.replace('`', "'")
            )),
        }
        if !bookmark.note.trim().is_empty() {
            out.push('\n');
            md_note(out, &bookmark.note);
        }
        if let Some(post) = post.filter(|p| !p.implications.is_empty()) {
            out.push_str(&format!("\n### {IMPLICATIONS_HEADING}\n"));
            for paragraph in &post.implications {
                out.push_str(&format!("\n{}\n", md_escape(paragraph)));
            }
        }
    }
}

/// The note as a block quote. Its line breaks are kept (as hard breaks: two
/// trailing spaces), since notes are typed as lines, not as Markdown paragraphs.
fn md_note(out: &mut String, note: &str) {
    let lines: Vec<&str> = note.trim_end().lines().map(str::trim_end).collect();
    for (i, line) in lines.iter().enumerate() {
        let start = if i == 0 { "> **Note:**" } else { ">" };
        let space = if line.is_empty() { "" } else { " " };
        let next_is_text = lines.get(i + 1).is_some_and(|l| !l.is_empty());
        let hard_break = if next_is_text && !line.is_empty() {
            "  "
        } else {
            ""
        };
        out.push_str(&format!("{start}{space}{line}{hard_break}\n"));
    }
}

fn text_session(out: &mut String, heading: &str, group: &[&Bookmark], archive: &Archive) {
    out.push_str(heading);
    out.push('\n');
    out.push_str(&"=".repeat(heading.width().max(1)));
    out.push('\n');
    for (i, bookmark) in group.iter().enumerate() {
        let post = archive.post(&bookmark.post);
        let number = format!("{}. ", i + 1);
        let indent = " ".repeat(number.len());
        let title = post.map_or(MISSING_POST_TITLE, |p| p.title.as_str());
        out.push('\n');
        wrap_into(out, title, &number, &indent);
        match post {
            Some(post) => {
                wrap_into(out, &post.month.long_name(), &indent, &indent);
                for citation in &post.citations {
                    out.push('\n');
                    wrap_into(out, &citation.raw, &indent, &indent);
                    if let Some(url) = citation.doi_url().filter(|_| doi_in(citation).is_none()) {
                        wrap_into(out, &url, &indent, &indent);
                    }
                }
            }
            None => wrap_into(
                out,
                &format!("The post {} is not in the archive.", bookmark.post),
                &indent,
                &indent,
            ),
        }
        if !bookmark.note.trim().is_empty() {
            out.push('\n');
            out.push_str(&format!("{indent}Note:\n"));
            for line in bookmark.note.trim_end().lines() {
                wrap_into(out, line, &indent, &indent);
            }
        }
        if let Some(post) = post.filter(|p| !p.implications.is_empty()) {
            out.push('\n');
            out.push_str(&format!("{indent}{IMPLICATIONS_HEADING}:\n"));
            for (n, paragraph) in post.implications.iter().enumerate() {
                if n > 0 {
                    out.push('\n');
                }
                wrap_into(out, paragraph, &indent, &indent);
            }
        }
    }
}

/// Wraps `text` to [`TEXT_WIDTH`], words that do not fit (links) kept whole;
/// an empty text gives an empty line.
fn wrap_into(out: &mut String, text: &str, first: &str, rest: &str) {
    let options = textwrap::Options::new(TEXT_WIDTH)
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace);
    let lines = textwrap::wrap(text.trim_end(), options);
    if lines.is_empty() || text.trim().is_empty() {
        out.push('\n');
        return;
    }
    for line in lines {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

/// Where the citation's raw text gives its DOI as a URL: the byte range.
fn doi_in(citation: &Citation) -> Option<(usize, usize)> {
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

/// The citation's raw text, escaped, with its DOI as a link.
fn md_citation(citation: &Citation) -> String {
    let Some(url) = citation.doi_url() else {
        return md_escape(&citation.raw);
    };
    let link = format!("<{}>", url_encode(&url));
    match doi_in(citation) {
        Some((start, end)) => format!(
            "{}{link}{}",
            md_escape(&citation.raw[..start]),
            md_escape_inline(&citation.raw[end..])
        ),
        None => format!("{} {link}", md_escape(&citation.raw)),
    }
}

/// Escapes text so Markdown shows it as written: inline markup characters, and
/// a start that would make a heading, list, quote or rule.
fn md_escape(text: &str) -> String {
    let escaped = md_escape_inline(text);
    let starts_block = escaped.starts_with(['#', '-', '+', '=', '>'])
        || escaped
            .find(|c: char| !c.is_ascii_digit())
            .is_some_and(|i| i > 0 && escaped[i..].starts_with(['.', ')']));
    if starts_block {
        let digits = escaped.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
        format!("{}\\{}", &escaped[..digits], &escaped[digits..])
    } else {
        escaped
    }
}

/// Escapes the characters that start inline Markdown (emphasis, code, links,
/// HTML, strikethrough); line breaks become spaces.
fn md_escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes what may not stand in a Markdown autolink or a URL.
fn url_encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        if c.is_ascii_graphic()
            && !matches!(c, '<' | '>' | '"' | '\\' | '^' | '`' | '{' | '|' | '}')
        {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for byte in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn citation(raw: &str, doi: Option<&str>) -> Citation {
        Citation {
            raw: raw.into(),
            authors: Vec::new(),
            year: None,
            doi: doi.map(Into::into),
        }
    }

    #[test]
    fn markdown_escaping_keeps_text_as_written() {
        assert_eq!(md_escape("plain text, (2023)."), "plain text, (2023).");
        assert_eq!(
            md_escape("a *b* _c_ [d](e) <f>"),
            r"a \*b\* \_c\_ \[d\](e) \<f\>"
        );
        assert_eq!(md_escape("# not a heading"), r"\# not a heading");
        assert_eq!(md_escape("- not a list"), r"\- not a list");
        assert_eq!(md_escape("2023. Not a list"), r"2023\. Not a list");
        assert_eq!(md_escape("2023 is fine"), "2023 is fine");
        assert_eq!(md_escape("back\\slash"), r"back\\slash");
    }

    #[test]
    fn dois_become_links_in_place_or_at_the_end() {
        let in_place = citation(
            "Smith, J. (2023). A_title. https://doi.org/10.1037/0000358-005.",
            Some("10.1037/0000358-005"),
        );
        assert_eq!(
            md_citation(&in_place),
            r"Smith, J. (2023). A\_title. <https://doi.org/10.1037/0000358-005>."
        );
        let appended = citation("Smith, J. (2023).", Some("10.1002/(SICI)1<3::AID>"));
        assert_eq!(
            md_citation(&appended),
            "Smith, J. (2023). <https://doi.org/10.1002/(SICI)1%3C3::AID%3E>"
        );
        assert_eq!(md_citation(&citation("No DOI.", None)), "No DOI.");
    }

    #[test]
    fn notes_keep_their_line_breaks_in_markdown() {
        let mut out = String::new();
        md_note(&mut out, "one\ntwo  \n\n- three\n");
        assert_eq!(out, "> **Note:** one  \n> two\n>\n> - three\n");
    }

    #[test]
    fn plain_text_wraps_to_the_width_and_keeps_links_whole() {
        let mut out = String::new();
        let long = format!("{} https://doi.org/{}", "word ".repeat(30), "x".repeat(80));
        wrap_into(&mut out, &long, "1. ", "   ");
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("1. word"));
        assert!(lines[1..].iter().all(|l| l.starts_with("   ")));
        let link = lines.iter().find(|l| l.contains("https://")).unwrap();
        assert_eq!(link.trim(), format!("https://doi.org/{}", "x".repeat(80)));
        assert!(
            lines
                .iter()
                .filter(|l| !l.contains("https://"))
                .all(|l| l.width() <= TEXT_WIDTH)
        );
    }
}
