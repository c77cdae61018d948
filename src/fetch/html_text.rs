//! An HTML page as the text the page importer reads: one block (paragraph,
//! heading, list item...) a line, list items as `- item`, and no navigation,
//! header, footer, pager, scripts or form fields.

use scraper::{ElementRef, Html, Node};

/// Elements whose text never belongs to the blog's content.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "header", "footer", "select",
    "button", "svg", "iframe",
];

/// Elements that start a new line.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "aside",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "br",
    "hr",
    "form",
    "figure",
    "figcaption",
    "address",
    "body",
];

/// The text of an HTML document, a block a line.
pub fn html_to_text(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut text = Text::default();
    walk(document.root_element(), &mut text);
    text.end_line();
    text.lines.join("\n")
}

#[derive(Default)]
struct Text {
    lines: Vec<String>,
    current: String,
}

impl Text {
    fn push(&mut self, piece: &str) {
        for word in piece.split_whitespace() {
            if !self.current.is_empty() && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
            self.current.push_str(word);
        }
        if piece.ends_with(char::is_whitespace) && !self.current.is_empty() {
            self.current.push(' ');
        }
    }

    fn end_line(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() && line != "-" {
            self.lines.push(line.to_string());
        }
        self.current.clear();
    }
}

/// Visits the tree with an explicit stack, so that a page nested thousands of
/// levels deep cannot overflow the program's stack.
fn walk(root: ElementRef, text: &mut Text) {
    enum Step<'a> {
        Enter(ElementRef<'a>),
        Leave,
        Text(&'a str),
    }
    let mut stack = vec![Step::Enter(root)];
    while let Some(step) = stack.pop() {
        let element = match step {
            Step::Text(piece) => {
                text.push(piece);
                continue;
            }
            Step::Leave => {
                text.end_line();
                continue;
            }
            Step::Enter(element) => element,
        };
        let name = element.value().name();
        let pager = element
            .value()
            .attr("class")
            .is_some_and(|class| class.contains("pager") || class.contains("pagination"));
        if SKIPPED.contains(&name) || pager {
            continue;
        }
        let block = BLOCKS.contains(&name);
        if block {
            text.end_line();
            stack.push(Step::Leave);
        }
        if name == "li" {
            text.current.push_str("- ");
        }
        for child in element.children().rev() {
            match child.value() {
                Node::Text(piece) => stack.push(Step::Text(piece)),
                Node::Element(_) => stack.extend(ElementRef::wrap(child).map(Step::Enter)),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_chrome_is_dropped() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
            <nav><a href='/'>Home</a></nav><h1>Blog</h1>\
            <p>An <em>intro</em>\n   text.</p><ul><li><a href='?cat_2=1'>Empathy</a></li>\
            <li>Training</li></ul><select><option>Meta</option></select>\
            <h2>November 2023</h2><p>Line one<br>Line two</p>\
            <div class='pager'><a href='?p=2'>Next</a></div>\
            <footer>© University</footer></body></html>";
        assert_eq!(
            html_to_text(html),
            "Blog\nAn intro text.\n- Empathy\n- Training\nNovember 2023\nLine one\nLine two"
        );
    }

    #[test]
    fn entities_and_curly_quotes_are_kept_as_text() {
        assert_eq!(
            html_to_text("<p>patients&rsquo; view &amp; “care”</p>"),
            "patients’ view & “care”"
        );
    }
}
