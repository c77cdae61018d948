//! The post pane: the selected post, wrapped and scrolled.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use unicode_width::UnicodeWidthStr;

use super::{Theme, highlighted, hyperlink, put_line};
use crate::document::{DocLine, LineKind};
use crate::tui::app::App;

/// The pane's title: how far through the post the view is.
pub fn title(app: &App) -> String {
    match &app.document {
        Some(doc) if app.max_scroll() > 0 => {
            let percent = app.scroll * 100 / app.max_scroll();
            format!(" Post {percent}% ({} lines) ", doc.lines.len())
        }
        Some(_) => " Post ".to_string(),
        None => " No post ".to_string(),
    }
}

/// Draws the post's lines from the scroll position down into `area`, at
/// most the reading width wide, centred or against the left edge. Links are
/// clipped at the pane's edge, never broken, and are hyperlinks when the
/// theme says so.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(doc) = &app.document else {
        return;
    };
    let margin = (app.post_margin() as u16).min(area.width);
    let text_area = Rect {
        x: area.x + margin,
        width: area.width - margin,
        ..area
    };
    let lines = doc
        .lines
        .iter()
        .skip(app.scroll)
        .take(usize::from(area.height));
    for (row, line) in lines.enumerate() {
        let styled = styled(app, app.scroll + row, line, theme);
        put_line(buf, text_area, row, &styled, None);
        if theme.hyperlinks {
            for link in &line.links {
                let before: String = line.text.chars().take(link.column).collect();
                let from = usize::from(text_area.x) + line.indent + before.width();
                let shown: String = line.text.chars().skip(link.column).take(link.len).collect();
                let from = u16::try_from(from).unwrap_or(u16::MAX);
                let y = text_area.y + row as u16;
                hyperlink::mark(buf, text_area, y, from, shown.width(), &link.url);
            }
        }
    }
}

/// One document line (line `index` of the post) with its kind's style;
/// Practice Implications get a bar; filter and find matches are marked, the
/// find match gone to last most of all.
fn styled<'a>(app: &App, index: usize, line: &'a DocLine, theme: &Theme) -> Line<'a> {
    let style = match line.kind {
        LineKind::Title => theme.title(),
        LineKind::Meta => theme.meta(),
        LineKind::Heading => theme.heading(),
        LineKind::ImplicationsHeading => theme.implications_heading(),
        LineKind::Citation | LineKind::Link => theme.citation(),
        LineKind::Note => theme.note(),
        LineKind::Body | LineKind::Implication | LineKind::Blank => Style::new(),
    };
    let indent = if line.kind == LineKind::Implication && line.indent > 0 {
        Span::styled(
            format!("▌{}", " ".repeat(line.indent - 1)),
            theme.implications_bar(),
        )
    } else {
        Span::raw(" ".repeat(line.indent))
    };
    let mut spans = vec![indent];
    let (found, current) = app.found_on(index);
    let is_found = |column: usize| {
        found
            .iter()
            .any(|f| (f.column..f.column + f.len).contains(&column))
    };
    let is_matched = |column| {
        is_found(column)
            || line
                .field_at(column)
                .is_some_and(|(field, at)| app.post_matches(field).binary_search(&at).is_ok())
    };
    let base = highlighted(&line.text, is_matched, style, theme.matched());
    match current {
        None => spans.extend(base),
        Some(current) => {
            // The match gone to last stands out from the others.
            let range = current.column..current.column + current.len;
            let mut column = 0;
            for span in base {
                let len = span.content.chars().count();
                let (before, rest) =
                    split_chars(&span.content, range.start.saturating_sub(column).min(len));
                let (inside, after) = split_chars(
                    rest,
                    range
                        .end
                        .saturating_sub(column.max(range.start))
                        .min(rest.chars().count()),
                );
                for (text, patch) in [
                    (before, None),
                    (inside, Some(theme.current_match())),
                    (after, None),
                ] {
                    if !text.is_empty() {
                        let style = patch.map_or(span.style, |p| span.style.patch(p));
                        spans.push(Span::styled(text.to_string(), style));
                    }
                }
                column += len;
            }
        }
    }
    Line::from(spans)
}

/// `text` split after `chars` chars.
fn split_chars(text: &str, chars: usize) -> (&str, &str) {
    let at = text
        .char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i);
    text.split_at(at)
}
