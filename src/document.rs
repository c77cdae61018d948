//! A post laid out as wrapped lines of plain text, shared by `pprnet show` and
//! the reader's post pane. Each line knows what kind of text it is (so a view
//! can style it) and which part of the post it came from (so a view can
//! highlight search matches in it).

use crate::archive::{Post, TextField};

/// What a line of the laid-out post is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// The post's title.
    Title,
    /// Month, research type and topics.
    Meta,
    /// A section heading ("Citation", "Summary").
    Heading,
    /// The "Practice Implications" heading, which views set apart.
    ImplicationsHeading,
    /// Citation text.
    Citation,
    /// A DOI link.
    Link,
    /// Summary text.
    Body,
    /// Practice Implications text.
    Implication,
    /// An empty line between blocks.
    Blank,
}

/// One wrapped line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocLine {
    /// What kind of text this is.
    pub kind: LineKind,
    /// Spaces to draw before the text.
    pub indent: usize,
    /// The text, without the indent.
    pub text: String,
    /// Which parts of the line show which field's text.
    pub segments: Vec<Segment>,
}

/// A run of a line's text taken from one field of the post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// The field.
    pub field: TextField,
    /// Where the run starts in the line's text, in chars.
    pub column: usize,
    /// Where the run starts in the field's text, in chars.
    pub start: usize,
    /// The run's length, in chars.
    pub len: usize,
}

impl DocLine {
    /// The field the line's text starts in and the char index there.
    pub fn source(&self) -> Option<(TextField, usize)> {
        self.segments.first().map(|s| (s.field, s.start))
    }

    /// The field and char index shown at char `column` of the line, if any.
    pub fn field_at(&self, column: usize) -> Option<(TextField, usize)> {
        self.segments
            .iter()
            .find(|s| (s.column..s.column + s.len).contains(&column))
            .map(|s| (s.field, s.start + column - s.column))
    }
}

/// The laid-out post: its lines, and where Practice Implications begin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The width the post was laid out for.
    pub width: usize,
    /// Every line, top to bottom.
    pub lines: Vec<DocLine>,
    /// Index of the "Practice Implications" heading, if the post has one.
    pub implications_at: Option<usize>,
}

/// Heading above the practice implications, as the blog writes it.
pub const IMPLICATIONS_HEADING: &str = "Practice Implications";

/// Indent of paragraphs under a heading.
const INDENT: usize = 2;

/// What to do with a word longer than the line (a long link, mostly).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LongWords {
    /// Split it over several lines, so nothing is ever wider than the page.
    Break,
    /// Keep it whole on a line of its own, so links stay usable in plain text.
    Keep,
}

/// Lays out `post` for a pane or page `width` columns wide (at least 1).
pub fn layout(post: &Post, width: usize, long_words: LongWords) -> Document {
    let mut doc = Builder {
        width: width.max(1),
        long_words,
        lines: Vec::new(),
    };
    doc.paragraph(LineKind::Title, 0, Some(TextField::Title), &post.title);
    let meta = format!("{} · {}", post.month.long_name(), post.research_type);
    doc.paragraph(LineKind::Meta, 0, None, &meta);
    if !post.topics.is_empty() {
        let mut pieces = vec![(None, "Topics: ")];
        for (i, topic) in post.topics.iter().enumerate() {
            if i > 0 {
                pieces.push((None, ", "));
            }
            pieces.push((Some(TextField::Topic(i)), topic.as_str()));
        }
        doc.pieces(LineKind::Meta, 0, &pieces);
    }
    if !post.citations.is_empty() {
        doc.blank();
        let heading = if post.citations.len() == 1 {
            "Citation"
        } else {
            "Citations"
        };
        doc.paragraph(LineKind::Heading, 0, None, heading);
        for (i, citation) in post.citations.iter().enumerate() {
            doc.paragraph(
                LineKind::Citation,
                INDENT,
                Some(TextField::Citation(i)),
                &citation.raw,
            );
            let url = citation
                .doi_url()
                .filter(|_| !citation.raw.contains("doi.org/"));
            if let Some(url) = url {
                doc.paragraph(LineKind::Link, INDENT, None, &format!("DOI: {url}"));
            }
        }
    }
    doc.blank();
    doc.paragraph(LineKind::Heading, 0, None, "Summary");
    doc.paragraphs(LineKind::Body, TextField::Summary, &post.summary);
    let implications_at = (!post.implications.is_empty()).then(|| {
        doc.blank();
        let at = doc.lines.len();
        doc.paragraph(LineKind::ImplicationsHeading, 0, None, IMPLICATIONS_HEADING);
        doc.paragraphs(
            LineKind::Implication,
            TextField::Implication,
            &post.implications,
        );
        at
    });
    Document {
        width: doc.width,
        lines: doc.lines,
        implications_at,
    }
}

/// A place in a post's text that survives re-wrapping: the start of a line
/// with source text, and how many lines above it the view starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    field: TextField,
    char_index: usize,
    lines_above: usize,
}

impl Document {
    /// The anchor for a view whose top line is `line`.
    pub fn anchor(&self, line: usize) -> Option<Anchor> {
        let (index, (field, char_index)) = self
            .lines
            .iter()
            .enumerate()
            .skip(line)
            .find_map(|(i, l)| l.source().map(|s| (i, s)))?;
        Some(Anchor {
            field,
            char_index,
            lines_above: index - line,
        })
    }

    /// The top line that shows the anchored text where it was (as near as the
    /// new wrapping allows).
    pub fn line_of(&self, anchor: Anchor) -> usize {
        let line = self
            .lines
            .iter()
            .rposition(|l| {
                l.source()
                    .is_some_and(|(f, c)| f == anchor.field && c <= anchor.char_index)
            })
            .unwrap_or(0);
        line.saturating_sub(anchor.lines_above)
    }

    /// The document as plain text, one line each, indents as spaces.
    pub fn to_plain_text(&self) -> String {
        self.lines
            .iter()
            .map(|l| format!("{}{}\n", " ".repeat(l.indent), l.text))
            .collect()
    }
}

struct Builder {
    width: usize,
    long_words: LongWords,
    lines: Vec<DocLine>,
}

impl Builder {
    fn blank(&mut self) {
        self.lines.push(DocLine {
            kind: LineKind::Blank,
            indent: 0,
            text: String::new(),
            segments: Vec::new(),
        });
    }

    fn paragraphs(&mut self, kind: LineKind, field: fn(usize) -> TextField, texts: &[String]) {
        for (i, text) in texts.iter().enumerate() {
            if i > 0 {
                self.blank();
            }
            self.paragraph(kind, INDENT, Some(field(i)), text);
        }
    }

    /// Wraps one field's text (or a label, when `field` is `None`).
    fn paragraph(&mut self, kind: LineKind, indent: usize, field: Option<TextField>, text: &str) {
        self.pieces(kind, indent, &[(field, text)]);
    }

    /// Wraps pieces of text joined into one paragraph, and records, per line,
    /// which runs of it come from which field.
    fn pieces(&mut self, kind: LineKind, indent: usize, pieces: &[(Option<TextField>, &str)]) {
        let text: String = pieces.iter().map(|(_, t)| *t).collect();
        let mut runs = Vec::new();
        let mut at = 0;
        for (field, piece) in pieces {
            let len = piece.chars().count();
            if let Some(field) = field {
                runs.push((*field, at, len));
            }
            at += len;
        }
        let indent = if indent * 2 >= self.width { 0 } else { indent };
        let options = textwrap::Options::new(self.width - indent)
            .break_words(self.long_words == LongWords::Break)
            .word_separator(textwrap::WordSeparator::AsciiSpace);
        let mut search_from = 0;
        for line in textwrap::wrap(&text, options) {
            let start = text[search_from..]
                .find(line.as_ref())
                .map_or(search_from, |offset| search_from + offset);
            search_from = start + line.len();
            let line_start = text[..start].chars().count();
            let line_end = line_start + line.chars().count();
            let segments = runs
                .iter()
                .filter_map(|&(field, run_start, len)| {
                    let from = run_start.max(line_start);
                    let to = (run_start + len).min(line_end);
                    (from < to).then(|| Segment {
                        field,
                        column: from - line_start,
                        start: from - run_start,
                        len: to - from,
                    })
                })
                .collect();
            self.lines.push(DocLine {
                kind,
                indent,
                text: line.into_owned(),
                segments,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::bundled;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn no_line_is_wider_than_the_page_except_unbreakable_links() {
        let archive = bundled().unwrap();
        for width in [1, 5, 20, 37, 80, 200] {
            for post in &archive.posts {
                for line in layout(post, width, LongWords::Break).lines {
                    let w = line.indent + line.text.width();
                    assert!(w <= width, "{w} > {width}: {:?}", line.text);
                }
                for line in layout(post, width, LongWords::Keep).lines {
                    let w = line.indent + line.text.width();
                    let one_long_word =
                        !line.text.trim().contains(' ') || line.text.contains("://");
                    assert!(
                        w <= width || one_long_word,
                        "{w} > {width}: {:?}",
                        line.text
                    );
                }
            }
        }
    }

    /// The text of `field` from char `start`, as long as `line`.
    fn shown(post: &Post, field: TextField, start: usize, line: &str) -> String {
        let text = post.fields().find(|(f, _)| *f == field).unwrap().1;
        text.chars()
            .skip(start)
            .take(line.chars().count())
            .collect()
    }

    #[test]
    fn line_sources_point_at_the_text_they_show() {
        let archive = bundled().unwrap();
        let post = &archive.posts[0];
        for line in layout(post, 33, LongWords::Break).lines {
            for segment in &line.segments {
                let run: String = line
                    .text
                    .chars()
                    .skip(segment.column)
                    .take(segment.len)
                    .collect();
                assert_eq!(shown(post, segment.field, segment.start, &run), run);
            }
        }
    }

    #[test]
    fn an_anchor_finds_the_same_text_after_rewrapping() {
        let archive = bundled().unwrap();
        let post = &archive.posts[0];
        let narrow = layout(post, 30, LongWords::Break);
        let wide = layout(post, 90, LongWords::Break);
        let top = narrow
            .lines
            .iter()
            .position(|l| l.text.contains("Therapist Incompetence"))
            .unwrap();
        let anchor = narrow.anchor(top).unwrap();
        let line = &wide.lines[wide.line_of(anchor)];
        let (field, start) = line.source().unwrap();
        assert_eq!(Some(field), narrow.lines[top].source().map(|s| s.0));
        let shown = shown(post, field, start, &line.text);
        let wanted_start = narrow.lines[top].source().unwrap().1;
        assert!(start <= wanted_start && wanted_start < start + shown.chars().count() + 1);
    }

    #[test]
    fn each_topic_on_the_topics_line_maps_to_its_own_field() {
        let archive = bundled().unwrap();
        let post = &archive.posts[0];
        for width in [20, 33, 80] {
            let doc = layout(post, width, LongWords::Break);
            let topic_lines: Vec<&DocLine> = doc
                .lines
                .iter()
                .filter(|l| {
                    l.segments
                        .iter()
                        .any(|s| matches!(s.field, TextField::Topic(_)))
                })
                .collect();
            let mut seen = Vec::new();
            for line in topic_lines {
                for segment in &line.segments {
                    let TextField::Topic(i) = segment.field else {
                        panic!()
                    };
                    let shown: String = line
                        .text
                        .chars()
                        .skip(segment.column)
                        .take(segment.len)
                        .collect();
                    let topic: String = post.topics[i]
                        .chars()
                        .skip(segment.start)
                        .take(segment.len)
                        .collect();
                    assert_eq!(shown, topic);
                    seen.push(i);
                }
            }
            seen.dedup();
            assert_eq!(
                seen,
                (0..post.topics.len()).collect::<Vec<_>>(),
                "width {width}"
            );
        }
    }

    #[test]
    fn implications_are_found_and_posts_without_them_have_none() {
        let archive = bundled().unwrap();
        let mut post = archive.posts[0].clone();
        let doc = layout(&post, 60, LongWords::Break);
        let at = doc.implications_at.unwrap();
        assert_eq!(doc.lines[at].text, IMPLICATIONS_HEADING);
        post.implications.clear();
        assert_eq!(layout(&post, 60, LongWords::Break).implications_at, None);
    }
}
