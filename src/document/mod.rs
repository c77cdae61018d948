//! A post laid out as wrapped lines of plain text, shared by `pprnet show` and
//! the reader's post pane. Each line knows what kind of text it is (so a view
//! can style it) and which part of the post it came from (so a view can
//! highlight search matches in it).

pub mod find;
pub mod wrap;

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
    /// The reader's own note on the post (from a bookmark).
    Note,
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
    /// The links (URLs and DOIs) on the line.
    pub links: Vec<Link>,
}

/// A link on a line: where it is and where it goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Where the link starts in the line's text, in chars.
    pub column: usize,
    /// Its length, in chars.
    pub len: usize,
    /// The URL it opens.
    pub url: String,
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

/// Separator between topics on the Topics line; no topic name contains it.
pub const TOPIC_SEPARATOR: &str = " · ";

/// Lays out `post` for a pane or page `width` columns wide (at least 1), with
/// the reader's own `note` on the post, if any, under the title. Links are
/// never split (see [`wrap`]); the cost is linear in the post's length.
pub fn layout(post: &Post, width: usize, note: Option<&str>) -> Document {
    let mut doc = Builder {
        width: width.max(1),
        lines: Vec::new(),
    };
    doc.paragraph(LineKind::Title, 0, Some(TextField::Title), &post.title);
    let meta = format!("{} · {}", post.month.long_name(), post.research_type);
    doc.paragraph(LineKind::Meta, 0, None, &meta);
    if !post.topics.is_empty() {
        let mut pieces = vec![Piece::label("Topics: ")];
        for (i, topic) in post.topics.iter().enumerate() {
            let separator = if i + 1 < post.topics.len() {
                TOPIC_SEPARATOR
            } else {
                ""
            };
            pieces.push(Piece {
                field: Some(TextField::Topic(i)),
                text: topic,
                glued: true,
            });
            if !separator.is_empty() {
                pieces.push(Piece::label(separator));
            }
        }
        doc.pieces(LineKind::Meta, 0, &pieces);
    }
    if let Some(note) = note.map(str::trim).filter(|n| !n.is_empty()) {
        doc.blank();
        for (i, paragraph) in note.lines().enumerate() {
            let label = if i == 0 { "Your note: " } else { "" };
            doc.pieces(
                LineKind::Note,
                INDENT,
                &[Piece::label(label), Piece::label(paragraph)],
            );
        }
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
        let size = self.lines.iter().map(|l| l.indent + l.text.len() + 1).sum();
        let mut text = String::with_capacity(size);
        for line in &self.lines {
            text.extend(std::iter::repeat_n(' ', line.indent));
            text.push_str(&line.text);
            text.push('\n');
        }
        text
    }
}

struct Builder {
    width: usize,
    lines: Vec<DocLine>,
}

/// A piece of a paragraph: a field's text or a label.
struct Piece<'a> {
    field: Option<TextField>,
    text: &'a str,
    /// Keep this piece on one line when it fits, with the label after it
    /// (its separator), less trailing spaces.
    glued: bool,
}

impl<'a> Piece<'a> {
    fn label(text: &'a str) -> Piece<'a> {
        Piece {
            field: None,
            text,
            glued: false,
        }
    }
}

impl Builder {
    fn blank(&mut self) {
        self.lines.push(DocLine {
            kind: LineKind::Blank,
            indent: 0,
            text: String::new(),
            segments: Vec::new(),
            links: Vec::new(),
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
        self.pieces(
            kind,
            indent,
            &[Piece {
                field,
                text,
                glued: false,
            }],
        );
    }

    /// Wraps pieces of text joined into one paragraph, and records, per line,
    /// which runs of it come from which field. Linear in the text's length:
    /// lines and runs are walked together, once.
    fn pieces(&mut self, kind: LineKind, indent: usize, pieces: &[Piece]) {
        // One piece (a paragraph) is wrapped where it is, never copied whole.
        let text: std::borrow::Cow<str> = match pieces {
            [one] => one.text.into(),
            _ => pieces.iter().map(|p| p.text).collect::<String>().into(),
        };
        let mut runs = Vec::new();
        let mut glue = Vec::new();
        let (mut at_char, mut at_byte) = (0, 0);
        for (i, piece) in pieces.iter().enumerate() {
            let len = piece.text.chars().count();
            if let Some(field) = piece.field {
                runs.push((field, at_char, len));
            }
            if piece.glued {
                let next = pieces
                    .get(i + 1)
                    .filter(|p| p.field.is_none())
                    .map_or(0, |p| p.text.trim_end().len());
                glue.push(at_byte..at_byte + piece.text.len() + next);
            }
            at_char += len;
            at_byte += piece.text.len();
        }
        let indent = if indent * 2 >= self.width { 0 } else { indent };
        let mut first_run = 0;
        // About one line per `width` bytes: room for them at once, rather
        // than copying a growing list of lines over and over.
        self.lines.reserve(text.len() / self.width + 1);
        for line in wrap::wrap(&text, self.width - indent, &glue) {
            let line_text = &text[line.bytes.clone()];
            let line_start = line.char_start;
            let line_end = line_start + line.chars;
            while runs
                .get(first_run)
                .is_some_and(|&(_, start, len)| start + len <= line_start)
            {
                first_run += 1;
            }
            let segments = runs[first_run..]
                .iter()
                .take_while(|&&(_, start, _)| start < line_end)
                .filter_map(|&(field, run_start, len)| {
                    let from = run_start.max(line_start);
                    let to = (run_start + len).min(line_end);
                    (from < to).then_some(Segment {
                        field,
                        column: from - line_start,
                        start: from - run_start,
                        len: to - from,
                    })
                })
                .collect();
            let links: Vec<Link> = line
                .links
                .into_iter()
                .map(|l| Link {
                    column: l.chars.start,
                    len: l.chars.len(),
                    url: l.url,
                })
                .collect();
            // A link too wide for the indented line loses the indent first.
            let too_wide = indent + line.width > self.width;
            let indent = if too_wide && links.len() == 1 {
                0
            } else {
                indent
            };
            self.lines.push(DocLine {
                kind,
                indent,
                text: line_text.to_string(),
                segments,
                links,
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
    fn no_line_is_wider_than_the_page_except_a_link() {
        let archive = bundled().unwrap();
        for width in [1, 5, 20, 37, 80, 200] {
            for post in &archive.posts {
                for line in layout(post, width, Some("a note")).lines {
                    let w = line.indent + line.text.width();
                    let one_link =
                        line.links.len() == 1 && line.links[0].len == line.text.chars().count();
                    assert!(w <= width || one_link, "{w} > {width}: {:?}", line.text);
                }
            }
        }
    }

    #[test]
    fn dois_are_never_split() {
        let archive = bundled().unwrap();
        for width in [10, 20, 33, 34, 35, 50, 80] {
            for post in &archive.posts {
                let doc = layout(post, width, None);
                for citation in &post.citations {
                    let Some(doi) = &citation.doi else { continue };
                    let whole = doc.lines.iter().any(|l| {
                        l.text.contains(doi.as_str())
                            && l.links.iter().any(|k| k.url.ends_with(doi.as_str()))
                    });
                    assert!(whole, "{doi} split at width {width}");
                }
            }
        }
    }

    #[test]
    fn topics_are_separated_by_a_mark_no_name_contains() {
        let archive = bundled().unwrap();
        assert!(
            archive
                .topics
                .iter()
                .all(|t| !t.contains(TOPIC_SEPARATOR.trim()))
        );
        let post = &archive.posts[0];
        let doc = layout(post, 200, None);
        let line = doc
            .lines
            .iter()
            .find(|l| l.text.starts_with("Topics: "))
            .unwrap();
        assert_eq!(
            line.text,
            format!("Topics: {}", post.topics.join(TOPIC_SEPARATOR))
        );
        // At 40 columns a topic that fits is never split over two lines.
        let doc = layout(post, 40, None);
        for topic in &post.topics {
            assert!(
                doc.lines.iter().any(|l| l.text.contains(topic.as_str())),
                "{topic}"
            );
        }
    }

    #[test]
    fn the_note_comes_under_the_title_set_apart() {
        let archive = bundled().unwrap();
        let post = &archive.posts[0];
        let doc = layout(post, 60, Some("Ask about ruptures.\nAnd drop-out."));
        let notes: Vec<&str> = doc
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Note)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(notes, ["Your note: Ask about ruptures.", "And drop-out."]);
        let first = doc
            .lines
            .iter()
            .position(|l| l.kind == LineKind::Note)
            .unwrap();
        assert_eq!(doc.lines[first - 1].kind, LineKind::Blank);
        assert!(
            first
                < doc
                    .lines
                    .iter()
                    .position(|l| l.kind == LineKind::Citation)
                    .unwrap()
        );
        assert_eq!(layout(post, 60, Some("  ")), layout(post, 60, None));
    }

    #[test]
    fn a_huge_paragraph_is_laid_out_whole() {
        let archive = bundled().unwrap();
        let mut post = archive.posts[0].clone();
        let words = 200_000;
        post.summary = vec!["word ".repeat(words)];
        let doc = layout(&post, 80, None);
        let body: usize = doc
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::Body)
            .map(|l| l.text.split(' ').count())
            .sum();
        assert_eq!(body, words);
        let last = doc
            .lines
            .iter()
            .rfind(|l| l.kind == LineKind::Body)
            .unwrap();
        let (field, start) = last.source().unwrap();
        assert_eq!(field, TextField::Summary(0));
        assert_eq!(start + last.text.chars().count(), words * 5 - 1);
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
        for line in layout(post, 33, None).lines {
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
        let narrow = layout(post, 30, None);
        let wide = layout(post, 90, None);
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
            let doc = layout(post, width, None);
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
        let doc = layout(&post, 60, None);
        let at = doc.implications_at.unwrap();
        assert_eq!(doc.lines[at].text, IMPLICATIONS_HEADING);
        post.implications.clear();
        assert_eq!(layout(&post, 60, None).implications_at, None);
    }
}
