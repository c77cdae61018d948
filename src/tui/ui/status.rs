//! The status bar: a message or key hints on the left, position on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{Theme, fit};
use crate::tui::app::App;
use crate::tui::keymap::Mode;

/// Key hints, longest first; the widest that fits is shown.
const HINTS: [&str; 3] = [
    " ?:help  /:filter  j/k:move  h/l:pane  i:implications  q:quit",
    " ?:help  /:filter  q:quit",
    " ?:help",
];

/// Draws the status bar into `area` (one row).
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    buf.set_style(area, theme.status());
    let session = match (&app.session, &app.bookmarks_problem) {
        (_, Some(_)) => "bookmarks read-only · ".to_string(),
        (Some(name), None) => format!("{} · ", fit(name, 24)),
        (None, None) => String::new(),
    };
    let position = match app.visible.len() {
        0 => format!(" {session}0 posts "),
        n => format!(" {session}{}/{n} ", app.selected + 1),
    };
    let position = match (app.filter.active(), app.visible.len()) {
        (true, n) => format!(
            " {session}{} of {n} posts ",
            if n == 0 { 0 } else { app.selected + 1 }
        ),
        _ => position,
    };
    let room = width.saturating_sub(position.width());
    let query = app.filter.input.text();
    let (left, style) = match &app.status {
        _ if app.mode == Mode::Filter => {
            let (before, after) = query.split_at(
                query
                    .char_indices()
                    .nth(app.filter.input.cursor())
                    .map_or(query.len(), |(i, _)| i),
            );
            (
                format!(" /{before}▏{after}  Enter keeps · Esc clears"),
                theme.message(),
            )
        }
        Some(message) => (format!(" {message}"), theme.message()),
        None if app.filter.active() => (
            format!(" /{query}  (n/N: matches · Esc clears)"),
            theme.status(),
        ),
        None => {
            let hint = HINTS
                .iter()
                .find(|h| h.width() <= room)
                .copied()
                .unwrap_or("");
            (hint.to_string(), theme.status())
        }
    };
    buf.set_string(area.x, area.y, fit(&left, room), style);
    if position.width() <= width {
        let x = area.x + (width - position.width()) as u16;
        buf.set_string(x, area.y, &position, theme.status());
    }
}
