//! The post pane: the selected post, wrapped and scrolled.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Theme, highlighted, put_line};
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

/// Draws the post's lines from the scroll position down into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let Some(doc) = &app.document else {
        return;
    };
    let lines = doc
        .lines
        .iter()
        .skip(app.scroll)
        .take(usize::from(area.height));
    for (row, line) in lines.enumerate() {
        put_line(buf, area, row, &styled(app, line, theme), None);
    }
}

/// One document line with its kind's style; Practice Implications get a bar.
fn styled<'a>(app: &App, line: &'a DocLine, theme: &Theme) -> Line<'a> {
    let style = match line.kind {
        LineKind::Title => theme.title(),
        LineKind::Meta => theme.meta(),
        LineKind::Heading => theme.heading(),
        LineKind::ImplicationsHeading => theme.implications_heading(),
        LineKind::Citation | LineKind::Link => theme.citation(),
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
    let is_matched = |column| {
        line.field_at(column)
            .is_some_and(|(field, at)| app.post_matches(field).binary_search(&at).is_ok())
    };
    spans.extend(highlighted(&line.text, is_matched, style, theme.matched()));
    Line::from(spans)
}
