//! The sidebar: "All topics", the topics with counts, then the research types.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{Theme, fit, put_line};
use crate::tui::action::Pane;
use crate::tui::app::{App, SidebarItem};

/// Draws the visible sidebar rows into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let focused = app.focus == Pane::Sidebar;
    let rows = app.sidebar.iter().enumerate().skip(app.sidebar_offset);
    for (row, (index, &item)) in rows.take(usize::from(area.height)).enumerate() {
        let (label, count, active) = describe(app, item);
        let style = if index == app.sidebar_cursor {
            theme.cursor(focused)
        } else if item == SidebarItem::TypesHeading {
            theme.heading()
        } else if count == Some(0) {
            theme.dim()
        } else if active {
            theme.title()
        } else {
            Style::new()
        };
        let width = usize::from(area.width);
        let count_text = count.map(|n| format!(" {n}")).unwrap_or_default();
        let marker = if active && item != SidebarItem::TypesHeading {
            "• "
        } else {
            "  "
        };
        let room = width.saturating_sub(count_text.len() + 2);
        let label = fit(label, room);
        let pad = room.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
        let text = format!("{marker}{label}{}{count_text}", " ".repeat(pad));
        put_line(
            buf,
            area,
            row,
            &Line::from(Span::styled(fit(&text, width), style)),
            Some(style),
        );
    }
}

/// The label, post count and whether the row's filter is in force.
fn describe(app: &App, item: SidebarItem) -> (&str, Option<usize>, bool) {
    match item {
        SidebarItem::AllTopics => (
            "All topics",
            Some(app.all_topics_count),
            app.topic.is_none(),
        ),
        SidebarItem::Topic(t) => (
            &app.archive.topics[t],
            Some(app.topic_counts[t]),
            app.topic == Some(t),
        ),
        SidebarItem::TypesHeading => ("Type of Research", None, false),
        SidebarItem::AllTypes => (
            "All types",
            Some(app.all_types_count),
            app.research_type.is_none(),
        ),
        SidebarItem::Type(r) => (
            &app.archive.research_types[r],
            Some(app.type_counts[r]),
            app.research_type == Some(r),
        ),
    }
}
