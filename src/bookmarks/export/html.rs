//! Handouts as one standalone HTML page (no scripts, no outside files) that
//! reads well on screen and prints well on A4 or Letter. Every text from the
//! archive or the bookmarks is escaped.

use std::fmt::Write;

use super::{HandoutOptions, PREPARED_WITH, Section, doi_in, title};
use crate::archive::Citation;
use crate::archive::credit::{BLOG_AUTHOR, BLOG_NAME, BLOG_URL};
use crate::bookmarks::model::MISSING_POST_TITLE;
use crate::document::IMPLICATIONS_HEADING;

/// The page's style: a readable column on screen; on paper, black text,
/// printed link targets and no heading left alone at the foot of a page.
const STYLE: &str = "\
body { font-family: Georgia, 'Times New Roman', serif; line-height: 1.45; max-width: 42em; margin: 2em auto; padding: 0 1em; color: #111; }
header { border-bottom: 1px solid #888; margin-bottom: 1.5em; }
header p { color: #444; margin-top: 0; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.35em; margin-top: 1.6em; }
h3 { font-size: 1.15em; margin-bottom: 0.2em; }
h4 { font-size: 1em; margin-bottom: 0.3em; }
.month { font-style: italic; margin-top: 0; }
.citation { padding-left: 1.5em; text-indent: -1.5em; overflow-wrap: anywhere; }
blockquote.note { border-left: 3px solid #888; margin-left: 0; padding-left: 1em; }
.implications { border-left: 3px solid #2a6; padding-left: 1em; }
footer { border-top: 1px solid #888; margin-top: 2em; font-size: 0.9em; color: #333; }
@page { margin: 2cm; }
@media print {
  body { max-width: none; margin: 0; font-size: 11pt; color: #000; }
  a { color: #000; text-decoration: none; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  p, blockquote { orphans: 3; widows: 3; }
  article { break-before: auto; }
  blockquote.note, .implications { border-color: #000; }
}
";

/// The handout of `sections` as a standalone HTML page.
pub fn handout(sections: &[Section], options: &HandoutOptions) -> String {
    let title = escape(title(options));
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"pprnet\">\n<title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header>\n<h1>{title}</h1>\n<p>{} · {PREPARED_WITH}</p>\n</header>\n",
        escape(options.date)
    );
    for section in sections {
        session(&mut out, section, options);
    }
    let _ = write!(
        out,
        "<footer>\n<p>Source: {}, <a href=\"{BLOG_URL}\">{BLOG_URL}</a>. Summaries and Practice Implications by {}.</p>\n</footer>\n</body>\n</html>\n",
        escape(BLOG_NAME),
        escape(BLOG_AUTHOR)
    );
    out
}

fn session(out: &mut String, section: &Section, options: &HandoutOptions) {
    let _ = writeln!(out, "<section>\n<h2>{}</h2>", escape(section.heading));
    for (i, (bookmark, post)) in section.items.iter().enumerate() {
        let title = post.map_or(MISSING_POST_TITLE, |p| p.title.as_str());
        let _ = writeln!(out, "<article>\n<h3>{}. {}</h3>", i + 1, escape(title));
        match post {
            Some(post) => {
                let _ = writeln!(out, "<p class=\"month\">{}</p>", post.month.long_name());
                for citation in &post.citations {
                    let _ = writeln!(out, "<p class=\"citation\">{}</p>", html_citation(citation));
                }
            }
            None => {
                let _ = writeln!(
                    out,
                    "<p>The post <code>{}</code> is not in the archive.</p>",
                    escape(&bookmark.post)
                );
            }
        }
        if let Some(post) = post.filter(|p| options.with_summary && !p.summary.is_empty()) {
            out.push_str("<h4>Summary</h4>\n");
            for paragraph in &post.summary {
                let _ = writeln!(out, "<p>{}</p>", escape(paragraph));
            }
        }
        if options.notes && !bookmark.note.trim().is_empty() {
            let lines: Vec<String> = bookmark.note.trim_end().lines().map(escape).collect();
            let _ = writeln!(
                out,
                "<blockquote class=\"note\"><p><strong>Note:</strong> {}</p></blockquote>",
                lines.join("<br>\n")
            );
        }
        if let Some(post) = post.filter(|p| !p.implications.is_empty()) {
            let _ = writeln!(
                out,
                "<div class=\"implications\">\n<h4>{IMPLICATIONS_HEADING}</h4>"
            );
            for paragraph in &post.implications {
                let _ = writeln!(out, "<p>{}</p>", escape(paragraph));
            }
            out.push_str("</div>\n");
        }
        out.push_str("</article>\n");
    }
    out.push_str("</section>\n");
}

/// The citation, escaped, with its DOI as a link (in place, or at the end).
fn html_citation(citation: &Citation) -> String {
    let Some(url) = citation.doi_url() else {
        return escape(&citation.raw);
    };
    let link = format!("<a href=\"{0}\">{0}</a>", escape(&url));
    match doi_in(citation) {
        Some((start, end)) => format!(
            "{}{link}{}",
            escape(&citation.raw[..start]),
            escape(&citation.raw[end..])
        ),
        None => format!("{} {link}", escape(&citation.raw)),
    }
}

/// Text safe anywhere in HTML, in elements and in quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everything_is_escaped() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        let citation = Citation {
            raw: "A <b> (2023). https://doi.org/10.1/\"x\"".into(),
            authors: Vec::new(),
            year: None,
            doi: Some("10.1/\"x\"".into()),
        };
        assert_eq!(
            html_citation(&citation),
            "A &lt;b&gt; (2023). <a href=\"https://doi.org/10.1/&quot;x&quot;\">https://doi.org/10.1/&quot;x&quot;</a>"
        );
    }
}
