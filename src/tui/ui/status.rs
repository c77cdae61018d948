//! The status bar: what is being typed, a message or key hints on the left;
//! the session and the position on the right, shortened or dropped when the
//! terminal is too narrow for both.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{Theme, fit};
use crate::tui::app::App;
use crate::tui::keymap::Mode;

/// Key hints for browsing, longest first; the widest that fits is shown.
const HINTS: [&str; 3] = [
    " ?:help  /:filter  j/k:move  h/l:pane  i:implications  q:quit",
    " ?:help  /:filter  q:quit",
    " ?:help",
];

/// Draws the status bar into `area` (one row).
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    buf.set_style(area, theme.status());
    let (left, essential, style) = left_text(app, theme);
    let rights = right_texts(app);
    // A query or a message is shown whole; key hints give way to the session
    // and the position, down to the shortest hint.
    let needed = if essential {
        left.width()
    } else {
        HINTS[HINTS.len() - 1].width()
    };
    let right = rights
        .iter()
        .find(|r| needed + r.width() <= width)
        .map_or("", String::as_str);
    let room = width.saturating_sub(right.width());
    let left = if essential {
        left
    } else {
        HINTS
            .iter()
            .find(|h| h.width() <= room)
            .copied()
            .unwrap_or("")
            .to_string()
    };
    buf.set_string(area.x, area.y, fit(&left, room), style);
    if !right.is_empty() {
        let x = area.x + (width - right.width()) as u16;
        buf.set_string(x, area.y, right, theme.status());
    }
}

/// The left part, whether it must be shown whole (a query or a message, as
/// opposed to hints), and its style.
fn left_text(app: &App, theme: &Theme) -> (String, bool, ratatui::style::Style) {
    let query = app.filter.input.text();
    match (&app.status, app.mode()) {
        (_, Mode::Filter) => {
            let cursor = query
                .char_indices()
                .nth(app.filter.input.cursor())
                .map_or(query.len(), |(i, _)| i);
            let (before, after) = query.split_at(cursor);
            (
                format!(" /{before}▏{after}  Enter keeps · Esc clears"),
                true,
                theme.message(),
            )
        }
        (Some(message), _) => (format!(" {message}"), true, theme.message()),
        (None, Mode::Note) => (
            " Enter saves · Ctrl-J new line · Esc cancels".into(),
            true,
            theme.status(),
        ),
        (None, Mode::Session) => (" Enter picks · Esc cancels".into(), true, theme.status()),
        (None, Mode::Bookmarks) => (
            " Enter opens · d discussed · x removes · Esc closes".into(),
            true,
            theme.status(),
        ),
        (None, _) if app.filter.active() => (
            format!(" /{query}  n/N: matches · Esc clears"),
            true,
            theme.status(),
        ),
        (None, _) => (HINTS[0].to_string(), false, theme.status()),
    }
}

/// The right part, longest first: the research-type filter (when one is
/// chosen), the session and the position, each shorter in turn; the position
/// alone; nothing.
fn right_texts(app: &App) -> Vec<String> {
    let n = app.visible.len();
    let k = if n == 0 { 0 } else { app.selected + 1 };
    let position = if app.filter.active() {
        format!("{k} of {n} posts")
    } else {
        format!("{k}/{n}")
    };
    let kind = app
        .research_type()
        .map(|r| app.archive.research_types[r].as_str());
    let session = match (&app.session, &app.bookmarks_problem) {
        (_, Some(_)) => "bookmarks read-only",
        (Some(name), None) => name.as_str(),
        (None, None) => "no session",
    };
    let short = format!("{k}/{n}");
    let mut texts: Vec<String> = [(24, &position), (14, &short), (8, &short)]
        .into_iter()
        .map(|(room, position)| {
            let parts: Vec<String> = kind
                .iter()
                .chain([&session])
                .map(|part| fit(part, room))
                .chain([position.clone()])
                .collect();
            format!(" {} ", parts.join(" · "))
        })
        .collect();
    texts.push(format!(" {short} "));
    texts.push(String::new());
    texts
}
