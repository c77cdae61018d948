//! Handouts as plain text wrapped to [`TEXT_WIDTH`] columns; links are never
//! split.

use unicode_width::UnicodeWidthStr;

use super::{HandoutOptions, PREPARED_WITH, Section, doi_in, title};
use crate::archive::credit::attribution;
use crate::bookmarks::model::MISSING_POST_TITLE;
use crate::document::IMPLICATIONS_HEADING;

/// The width plain-text handouts are wrapped to (long links stay whole).
pub const TEXT_WIDTH: usize = 72;

/// The handout of `sections` as plain text.
pub fn handout(sections: &[Section], options: &HandoutOptions) -> String {
    let mut out = String::new();
    wrap_into(&mut out, title(options), "", "");
    wrap_into(
        &mut out,
        &format!("{PREPARED_WITH}, {}", options.date),
        "",
        "",
    );
    for section in sections {
        out.push('\n');
        session(&mut out, section, options);
    }
    out.push('\n');
    out.push_str(&"-".repeat(TEXT_WIDTH));
    out.push('\n');
    wrap_into(&mut out, &attribution(), "", "");
    out
}

fn session(out: &mut String, section: &Section, options: &HandoutOptions) {
    out.push_str(section.heading);
    out.push('\n');
    out.push_str(&"=".repeat(section.heading.width().max(1)));
    out.push('\n');
    for (i, (bookmark, post)) in section.items.iter().enumerate() {
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
        let summary = post
            .filter(|_| options.with_summary)
            .map_or(&[][..], |p| &p.summary[..]);
        paragraphs(out, "Summary", summary, &indent);
        if options.notes && !bookmark.note.trim().is_empty() {
            out.push('\n');
            out.push_str(&format!("{indent}Note:\n"));
            for line in bookmark.note.trim_end().lines() {
                wrap_into(out, line, &indent, &indent);
            }
        }
        let implications = post.map_or(&[][..], |p| &p.implications[..]);
        paragraphs(out, IMPLICATIONS_HEADING, implications, &indent);
    }
}

/// A heading and its paragraphs, nothing when there are none.
fn paragraphs(out: &mut String, heading: &str, paragraphs: &[String], indent: &str) {
    if paragraphs.is_empty() {
        return;
    }
    out.push('\n');
    out.push_str(&format!("{indent}{heading}:\n"));
    for (n, paragraph) in paragraphs.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        wrap_into(out, paragraph, indent, indent);
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

#[cfg(test)]
mod tests {
    use super::*;

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
