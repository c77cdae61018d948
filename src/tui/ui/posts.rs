//! The post list: month headings with the posts of each month.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use unicode_width::UnicodeWidthStr;

use super::{Theme, fit, highlighted, put_line};
use crate::tui::action::Pane;
use crate::tui::app::{App, ListRow};

/// The pane's title for a pane `width` columns wide: how many posts are
/// listed, under which filters.
pub fn title(app: &App, width: usize) -> String {
    let count = match app.visible.len() {
        1 => "1 post".to_string(),
        n => format!("{n} posts"),
    };
    let count = if app.filter.active() {
        format!("{count}, best first")
    } else {
        count
    };
    let filters: Vec<&str> = [
        app.topic().map(|t| app.archive.topics[t].as_str()),
        app.research_type()
            .map(|r| app.archive.research_types[r].as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if filters.is_empty() {
        return format!(" {count} ");
    }
    // Each filter gets an equal share of the room, so that none is cut off
    // entirely when the pane is narrow.
    let room = width.saturating_sub(count.width() + 2 + 3 * filters.len());
    let share = (room / filters.len()).max(4);
    let shown: Vec<String> = filters.iter().map(|f| fit(f, share)).collect();
    format!(" {count} · {} ", shown.join(" · "))
}

/// Draws the visible rows of the list into `area`.
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    if app.visible.is_empty() {
        let narrowed = app.topic().is_some() || app.research_type().is_some();
        let note = match (app.filter.active(), app.filter_matches_anywhere()) {
            (true, anywhere) if narrowed && anywhere > 0 => format!(
                "No match under this topic or type. The filter matches {anywhere} post{} in all topics.",
                if anywhere == 1 { "" } else { "s" }
            ),
            (true, _) => "No posts match the filter. Esc clears it.".to_string(),
            (false, _) => "No posts here yet.".to_string(),
        };
        Paragraph::new(note)
            .style(theme.dim())
            .wrap(Wrap { trim: true })
            .render(area, buf);
        return;
    }
    let focused = app.focus == Pane::Posts;
    // A title takes several rows: its matches are worked out once.
    let mut matches: Option<(usize, Vec<usize>)> = None;
    for (row, list_row) in app.list_view().into_iter().enumerate() {
        match list_row {
            ListRow::Month(month) => {
                let line = Line::from(Span::styled(
                    fit(&month.long_name(), width),
                    theme.heading(),
                ));
                put_line(buf, area, row, &line, None);
            }
            ListRow::Post {
                index,
                text,
                first,
                start,
            } => {
                let style = if index == app.selected {
                    theme.cursor(focused)
                } else {
                    Style::new()
                };
                let post = app.visible[index];
                let id = &app.archive.posts[post].id;
                let bookmark = first.then(|| app.bookmark_mark(id)).flatten();
                let unread = first && app.is_unread(id);
                let mut mark = String::new();
                if app.reading().is_some() {
                    mark.push(if unread { '•' } else { ' ' });
                }
                mark.push(bookmark.unwrap_or(' '));
                mark.push(' ');
                if matches.as_ref().is_none_or(|(of, _)| *of != post) {
                    matches = Some((post, app.title_matches(post)));
                }
                let title_matches = matches.as_ref().map_or(&[][..], |(_, m)| m.as_slice());
                let mut spans = vec![Span::styled(mark, style)];
                let is_matched = |i| title_matches.binary_search(&(start + i)).is_ok();
                let title = &text[app.list_margin()..];
                spans.extend(highlighted(title, is_matched, style, theme.matched()));
                put_line(buf, area, row, &Line::from(spans), Some(style));
            }
        }
    }
}
