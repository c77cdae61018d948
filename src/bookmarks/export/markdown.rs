//! Handouts as Markdown: a YAML title block that pandoc reads, headings per
//! session and post, DOIs as links, notes as block quotes whose line breaks
//! are backslash hard breaks (editors strip trailing spaces). Archive text is
//! escaped so it shows as written; notes are kept as written (Markdown in them
//! works) but for `<`, so a note never turns into raw HTML.

use super::{HandoutOptions, PREPARED_WITH, Section, doi_in, title};
use crate::archive::Citation;
use crate::archive::credit::{BLOG_AUTHOR, BLOG_NAME, BLOG_URL};
use crate::bookmarks::model::MISSING_POST_TITLE;
use crate::document::IMPLICATIONS_HEADING;

/// The heading of a post's summary.
pub const SUMMARY_HEADING: &str = "Summary";

/// The handout of `sections` as Markdown.
pub fn handout(sections: &[Section], options: &HandoutOptions) -> String {
    let mut out = String::new();
    out.push_str("---\n");
    out.push_str(&format!(
        "title: {}\n",
        yaml_string(&md_escape_inline(title(options)))
    ));
    out.push_str(&format!("subtitle: {}\n", yaml_string(PREPARED_WITH)));
    out.push_str(&format!("date: {}\n", yaml_string(options.date)));
    out.push_str("---\n");
    for section in sections {
        out.push('\n');
        session(&mut out, section, options);
    }
    out.push_str(&format!(
        "\n* * *\n\n*Source: {}, <{BLOG_URL}>. Summaries and Practice Implications by {}.*\n",
        md_escape_inline(BLOG_NAME),
        md_escape_inline(BLOG_AUTHOR)
    ));
    out
}

/// A YAML double-quoted string.
fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn session(out: &mut String, section: &Section, options: &HandoutOptions) {
    out.push_str(&format!("# {}\n", md_escape(section.heading)));
    for (i, (bookmark, post)) in section.items.iter().enumerate() {
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
        if let Some(post) = post.filter(|p| options.with_summary && !p.summary.is_empty()) {
            out.push_str(&format!("\n### {SUMMARY_HEADING}\n"));
            for paragraph in &post.summary {
                out.push_str(&format!("\n{}\n", md_escape(paragraph)));
            }
        }
        if options.notes && !bookmark.note.trim().is_empty() {
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

/// The note as a block quote. Its line breaks are kept as backslash hard
/// breaks, since notes are typed as lines, not as Markdown paragraphs; `<` is
/// escaped so no note becomes raw HTML.
fn md_note(out: &mut String, note: &str) {
    let lines: Vec<String> = note
        .trim_end()
        .lines()
        .map(|l| l.trim_end().replace('<', "\\<"))
        .collect();
    for (i, line) in lines.iter().enumerate() {
        let start = if i == 0 { "> **Note:**" } else { ">" };
        let space = if line.is_empty() { "" } else { " " };
        let next_is_text = lines
            .get(i + 1)
            .is_some_and(|l| !l.is_empty() && !starts_block(l));
        let hard_break = match (next_is_text && !line.is_empty(), odd_backslashes(line)) {
            (false, _) => "",
            // A final backslash of the note's own would eat the break's.
            (true, true) => "\\\\",
            (true, false) => "\\",
        };
        out.push_str(&format!("{start}{space}{line}{hard_break}\n"));
    }
}

/// Whether a line of a note starts a Markdown block (a list item, heading,
/// quote or fence) and so ends the paragraph above it, where a hard break
/// would show as a stray backslash.
fn starts_block(line: &str) -> bool {
    let line = line.trim_start();
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    ["- ", "* ", "+ ", "#", ">", "```", "~~~"]
        .iter()
        .any(|start| line.starts_with(start))
        || (digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") ")))
}

/// Whether a line ends with an odd number of backslashes.
fn odd_backslashes(line: &str) -> bool {
    line.chars().rev().take_while(|&c| c == '\\').count() % 2 == 1
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
        md_note(&mut out, "one\ntwo  \n\n- three <b>\nends\\\nlast\n");
        assert_eq!(
            out,
            "> **Note:** one\\\n> two\n>\n> - three \\<b>\\\n> ends\\\\\\\n> last\n"
        );
    }
}
