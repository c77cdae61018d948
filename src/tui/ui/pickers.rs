//! The topic and research-type panes: "All" first (in the topic pane, after
//! "New" and "Unread" when the reader keeps read marks), then each name with
//! its post count under the other filters; names with no posts are dimmed.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::{Theme, fit, put_line};
use crate::tui::action::Pane;
use crate::tui::app::{App, Lead, Picker};

/// Draws the topic pane or the research-type pane into `area`.
pub fn render(app: &App, pane: Pane, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (picker, names, all) = match pane {
        Pane::Types => (&app.types, &app.archive.research_types, "All types"),
        _ => (&app.topics, &app.archive.topics, "All topics"),
    };
    let focused = app.focus == pane;
    let width = usize::from(area.width);
    for (row, index) in (picker.offset..picker.rows())
        .take(usize::from(area.height))
        .enumerate()
    {
        let (label, count) = match index.checked_sub(picker.all_row()) {
            None => (Lead::ALL[index].label(), picker.leading[index]),
            Some(0) => (all, picker.total),
            Some(row) => (names[row - 1].as_str(), picker.counts[row - 1]),
        };
        let style = row_style(picker, index, count, focused, theme);
        let marker = if index == picker.cursor { "• " } else { "  " };
        let room = label_room(width, count);
        let count = format!(" {count}");
        let label = fit(label, room);
        let pad = " ".repeat(room.saturating_sub(label.width()));
        let text = fit(&format!("{marker}{label}{pad}{count}"), width);
        put_line(
            buf,
            area,
            row,
            &Line::from(Span::styled(text, style)),
            Some(style),
        );
    }
}

fn row_style(picker: &Picker, index: usize, count: usize, focused: bool, theme: &Theme) -> Style {
    if index == picker.cursor {
        theme.cursor(focused)
    } else if count == 0 {
        theme.dim()
    } else {
        Style::new()
    }
}

/// Columns left for a name in a row `width` wide that also shows `count`.
pub fn label_room(width: usize, count: usize) -> usize {
    width.saturating_sub(format!(" {count}").width() + 2)
}
