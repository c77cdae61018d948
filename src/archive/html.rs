//! A blog page saved from a browser as HTML, turned into the page text the
//! tolerant text importer reads ([`super::import::parse_page`]).
//!
//! The HTML is parsed by `scraper` (html5ever, the parser of Servo), so broken
//! or unusual markup is read the way a browser reads it. Navigation, the page
//! header and footer, forms, scripts and styles are left out; every block
//! element (paragraph, heading, list item, ...) becomes one line. The blog's
//! topic list is a list of links whose address holds `cat_2=ID`: those links
//! give the topic names (and their ids on the site) and are not kept as text.

use scraper::{Html, Node, Selector};

/// What a saved HTML page holds, as text the page importer reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlPage {
    /// The visible text, one block element a line.
    pub text: String,
    /// The topic list's links, in page order.
    pub topics: Vec<TopicLink>,
    /// Whether the document ends properly (`</html>` or `</body>`); a page
    /// saved while it was still loading, or cut short, does not.
    pub complete: bool,
}

/// One link of the blog's topic list: `<a href="?cat_2=ID">Name</a>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicLink {
    /// The topic's name as the link shows it.
    pub name: String,
    /// The site's id for the topic (the value of `cat_2`).
    pub id: String,
}

/// Whether bytes look like an HTML document rather than page text: the first
/// thing in them, past a BOM and white space, is a doctype, an `<html>` tag or
/// a comment, or an `<html` / `<body` tag shows up early on.
pub fn looks_like_html(text: &str) -> bool {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    let head: String = start.chars().take(1024).collect::<String>().to_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<!--")
        || head.contains("<html")
        || head.contains("<body")
        || head.contains("<head")
}

/// Elements whose content is never part of the page's text.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "form", "button",
    "select", "option", "iframe", "svg", "canvas", "object", "embed", "audio", "video", "map",
    "dialog",
];

/// Elements that start and end a line of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Whether a filter link clears the filter rather than naming a topic or a
/// research type: "ALL Topics (clear)", or the id "All" (`?cat_2=All`).
pub fn clears_filter(id: &str, label: &str) -> bool {
    id.eq_ignore_ascii_case("all") || label.starts_with("ALL ")
}

/// The text of a saved HTML page and its topic links.
pub fn to_text(html: &str) -> HtmlPage {
    let document = Html::parse_document(html);
    let mut writer = TextWriter::default();
    let mut topics = Vec::new();
    // An explicit stack rather than recursion: a page nested thousands of
    // levels deep must not overflow the stack.
    enum Step<'a> {
        Enter(ego_tree::NodeRef<'a, Node>),
        Leave(&'a str),
    }
    let mut stack = vec![Step::Enter(document.tree.root())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(name) => writer.leave(name),
            Step::Enter(node) => match node.value() {
                Node::Text(text) => writer.text(text),
                Node::Element(element) => {
                    let name = element.name();
                    if SKIPPED.contains(&name)
                        || element.attr("class").is_some_and(skipped_class)
                        || element.attr("hidden").is_some()
                        || element.attr("aria-hidden") == Some("true")
                    {
                        continue;
                    }
                    if name == "a" && element.attr("href").and_then(topic_id).is_some() {
                        continue;
                    }
                    if name == "br" {
                        writer.flush();
                        continue;
                    }
                    writer.enter(name);
                    stack.push(Step::Leave(name));
                    for child in node.children().rev() {
                        stack.push(Step::Enter(child));
                    }
                }
                Node::Document | Node::Fragment => {
                    for child in node.children().rev() {
                        stack.push(Step::Enter(child));
                    }
                }
                _ => {}
            },
        }
    }
    writer.flush();
    // Wherever the topic list stands (even in a skipped menu), its links name
    // the topics.
    let links = Selector::parse("a[href]").expect("a valid selector");
    for link in document.select(&links) {
        let Some(id) = link.value().attr("href").and_then(topic_id) else {
            continue;
        };
        let label = collapse(&link.text().collect::<String>());
        if !label.is_empty()
            && !clears_filter(id, &label)
            && !topics.iter().any(|t: &TopicLink| t.name == label)
        {
            topics.push(TopicLink {
                name: label,
                id: id.to_string(),
            });
        }
    }
    let tail: String = html
        .trim_end()
        .chars()
        .rev()
        .take(64)
        .collect::<String>()
        .chars()
        .rev()
        .collect::<String>()
        .to_lowercase();
    HtmlPage {
        text: writer.out,
        topics,
        complete: tail.ends_with("</html>") || tail.ends_with("</body>"),
    }
}

/// Classes of page furniture: pagers, breadcrumbs, skip links.
fn skipped_class(class: &str) -> bool {
    class.split_ascii_whitespace().any(|c| {
        [
            "pager",
            "pagination",
            "breadcrumb",
            "skip-link",
            "visually-hidden",
        ]
        .iter()
        .any(|furniture| c.contains(furniture))
    })
}

/// The value of `cat_2` in a link's address, if it has one.
fn topic_id(href: &str) -> Option<&str> {
    let query = href.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("cat_2="))
        .filter(|id| !id.is_empty())
}

/// Runs of ASCII white space as one space, trimmed (how browsers show text).
fn collapse(text: &str) -> String {
    text.split_ascii_whitespace().collect::<Vec<_>>().join(" ")
}

/// Gathers inline text into lines, one per block element.
#[derive(Default)]
struct TextWriter {
    out: String,
    line: String,
    /// Open list items, for the "- " bullet the page text uses.
    bullet: bool,
    /// Inside `<pre>`: white space kept.
    pre: usize,
}

impl TextWriter {
    fn enter(&mut self, name: &str) {
        if BLOCKS.contains(&name) {
            self.flush();
        }
        match name {
            "li" => self.bullet = true,
            "pre" => self.pre += 1,
            _ => {}
        }
    }

    fn leave(&mut self, name: &str) {
        if BLOCKS.contains(&name) {
            self.flush();
        }
        match name {
            "pre" => self.pre = self.pre.saturating_sub(1),
            // An item with no text of its own (a topic link) leaves no bullet.
            "li" => self.bullet = false,
            _ => {}
        }
    }

    fn text(&mut self, text: &str) {
        if self.pre > 0 {
            for (i, part) in text.split('\n').enumerate() {
                if i > 0 {
                    self.flush();
                }
                self.line.push_str(part);
            }
            return;
        }
        // Keep one space where the source had white space between words.
        if text.starts_with(|c: char| c.is_ascii_whitespace()) && !self.line.ends_with(' ') {
            self.line.push(' ');
        }
        self.line.push_str(&collapse(text));
        if text.ends_with(|c: char| c.is_ascii_whitespace()) && !self.line.is_empty() {
            self.line.push(' ');
        }
    }

    fn flush(&mut self) {
        let line = self.line.trim();
        if !line.is_empty() {
            if self.bullet {
                self.out.push_str("- ");
            }
            self.out.push_str(line);
            self.out.push('\n');
            self.bullet = false;
        }
        self.line.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_inline_text_joins() {
        let page = to_text(
            "<html><body><p>One <em>two</em>\n   three</p><div>Four<br>Five</div>\
             <ul><li>Six</li></ul></body></html>",
        );
        assert_eq!(page.text, "One two three\nFour\nFive\n- Six\n");
        assert!(page.complete);
    }

    #[test]
    fn navigation_scripts_and_footers_are_left_out() {
        let page = to_text(
            "<html><head><title>T</title><style>p{}</style></head><body>\
             <header><nav><a href='/'>Home</a></nav></header><script>var x;</script>\
             <p>Kept</p><ul class=\"pager\"><li>next ›</li></ul>\
             <footer>© 2023</footer><p hidden>secret</p></body></html>",
        );
        assert_eq!(page.text, "Kept\n");
    }

    #[test]
    fn topic_links_give_names_and_ids_and_are_not_text() {
        let page = to_text(
            "<ul><li><a href='?cat_2=All'>ALL Topics (clear)</a></li>\
             <li><a href='/pprnet/blog?cat_2=12&amp;x=1'>Empathy</a></li>\
             <li><a href='https://example.org/blog?page=2&cat_2=7#top'> Attendance,  Attrition,\n and Drop-Out </a></li></ul>\
             <p>Text</p><nav><a href='?cat_2=12'>Empathy</a><a href='?cat_2=20'>Training</a></nav>",
        );
        assert_eq!(
            page.topics,
            [
                TopicLink {
                    name: "Empathy".into(),
                    id: "12".into()
                },
                TopicLink {
                    name: "Attendance, Attrition, and Drop-Out".into(),
                    id: "7".into()
                },
                TopicLink {
                    name: "Training".into(),
                    id: "20".into()
                }
            ]
        );
        assert_eq!(page.text, "Text\n");
        assert!(!page.complete);
    }

    #[test]
    fn entities_and_curly_quotes_are_kept_as_text() {
        let page = to_text("<p>Bergin &amp; Garfield’s &ldquo;Handbook&rdquo;</p>");
        assert_eq!(page.text, "Bergin & Garfield’s “Handbook”\n");
    }

    #[test]
    fn html_is_recognised_by_its_start() {
        assert!(looks_like_html("\u{feff}  <!DOCTYPE html><html>"));
        assert!(looks_like_html("<html lang=en>"));
        assert!(!looks_like_html("Blog\nNovember 2023\n"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(3_000) + "deep" + &"</div>".repeat(3_000);
        assert_eq!(to_text(&html).text, "deep\n");
    }
}
