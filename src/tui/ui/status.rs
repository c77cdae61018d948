//! The status bar: what is being typed, a message or key hints on the left;
//! the session and the position on the right, shortened or dropped when the
//! terminal is too narrow for both.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{Theme, fit, pickers};
use crate::tui::action::Pane;
use crate::tui::app::{App, Dialog};
use crate::tui::keymap::{BROWSE, Binding, Mode, ZOOM, footer};

/// Key hints from the key tables, longest first (every hint, then fewer,
/// down to the first alone); the widest that fits is shown.
fn hints(mode: Mode) -> Vec<String> {
    let tables: &[&[Binding]] = match mode {
        Mode::Zoom => &[ZOOM.bindings, &BROWSE.bindings[..1]],
        _ => &[BROWSE.bindings],
    };
    let all: Vec<String> = tables
        .iter()
        .flat_map(|t| t.iter())
        .filter_map(|b| Some(format!("{}:{}", b.keys[0].name(), b.hint?)))
        .collect();
    (1..=all.len())
        .rev()
        .map(|n| format!(" {}", all[..n].join("  ")))
        .collect()
}

/// Draws the status bar into `area` (one row).
pub fn render(app: &App, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    buf.set_style(area, theme.status());
    let (left, essential, style) = left_text(app, theme);
    let rights = right_texts(app);
    // A query or a message is shown whole; key hints give way to the session
    // and the position, down to the shortest hint.
    let hints = hints(app.mode());
    let needed = if essential {
        left.width()
    } else {
        hints.last().map_or(0, |h| h.width())
    };
    let right = rights
        .iter()
        .find(|r| needed + r.width() <= width)
        .map_or("", String::as_str);
    let room = width.saturating_sub(right.width());
    let left = if essential {
        left
    } else {
        hints
            .into_iter()
            .find(|h| h.width() <= room)
            .unwrap_or_default()
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
                format!(" /{before}▏{after}  {}", footer(Mode::Filter)),
                true,
                theme.message(),
            )
        }
        (Some(message), _) => (format!(" {message}"), true, theme.message()),
        (
            None,
            mode @ (Mode::Note | Mode::Session | Mode::SessionName | Mode::Bookmarks | Mode::Tags),
        ) => (format!(" {}", footer(mode)), true, theme.status()),
        (_, Mode::Find) => {
            let Some(Dialog::Find { input, .. }) = app.overlay.top() else {
                unreachable!("Mode::Find is the find dialog's mode")
            };
            let text = input.text();
            let cursor = text
                .char_indices()
                .nth(input.cursor())
                .map_or(text.len(), |(i, _)| i);
            let (before, after) = text.split_at(cursor);
            (
                format!(
                    " find in post: {before}▏{after}  {}  {}",
                    app.find_count(),
                    footer(Mode::Find)
                ),
                true,
                theme.message(),
            )
        }
        (None, _) if app.find_active() => (
            format!(
                " find: {}  {}  n/N: next/previous · Esc clears",
                app.find_pattern(),
                app.find_count()
            ),
            true,
            theme.status(),
        ),
        (None, Mode::Normal) if full_name(app).is_some() => (
            format!(" {}", full_name(app).unwrap_or_default()),
            true,
            theme.status(),
        ),
        (None, _) if app.filter.active() => (
            format!(" /{query}  n/N: matches · Esc clears"),
            true,
            theme.status(),
        ),
        (None, _) => (String::new(), false, theme.status()),
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

/// The full name of the topic or research type under the cursor of the
/// focused list, when the list cuts it.
fn full_name(app: &App) -> Option<&str> {
    let (picker, names) = match app.focus {
        Pane::Topics => (&app.topics, &app.archive.topics),
        Pane::Types => (&app.types, &app.archive.research_types),
        _ => return None,
    };
    let item = picker.chosen()?;
    let width = usize::from(app.screen().inner(app.focus)?.width);
    let name = names.get(item)?;
    let count = picker.counts.get(item).copied().unwrap_or(0);
    (name.width() > pickers::label_room(width, count)).then_some(name.as_str())
}
