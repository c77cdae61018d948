//! Pop-up dialogs: the note editor, the session picker and the bookmarks view.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Theme, fit, put_line};
use crate::bookmarks::{Conflict, MISSING_POST_TITLE, by_session};
use crate::text::{chunks, columns, wrap};
use crate::tui::app::{App, Naming, NoteEditor, Question, SessionNamer, SessionPicker};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Mode, footer};

/// A reminder shown while typing notes.
pub const PRIVACY_REMINDER: &str = "Keep client-identifying details out of notes.";

/// Clears a centred box of at most `width` x `height` and frames it; returns the inside.
pub(super) fn popup(area: Rect, width: u16, height: u16, title: &str, buf: &mut Buffer) -> Rect {
    let popup = area.centered(
        Constraint::Length(width.min(area.width)),
        Constraint::Length(height.min(area.height)),
    );
    clear_under(popup, buf);
    let block = Block::bordered().title(fit(title, usize::from(popup.width.saturating_sub(2))));
    let inner = block.inner(popup);
    block.render(popup, buf);
    inner
}

/// Clears `popup`, and blanks the wide characters just left of it whose
/// second column lies under it: a terminal would draw such a character over
/// the box's left border (ratatui skips the cell a wide character covers),
/// and the screen below would show through.
pub(super) fn clear_under(popup: Rect, buf: &mut Buffer) {
    Clear.render(popup, buf);
    if let Some(left) = popup.x.checked_sub(1).filter(|&x| x >= buf.area.x) {
        for y in popup.top()..popup.bottom() {
            let cell = &mut buf[(left, y)];
            if cell.symbol().width() > 1 {
                cell.set_symbol(" ");
            }
        }
    }
}

/// The note editor over `area`.
pub fn note(editor: &NoteEditor, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = popup(area, 72, 16, &format!(" Note: {} ", editor.title), buf);
    if inner.height == 0 {
        return;
    }
    let session = editor.session.as_deref().unwrap_or("(no session)");
    let width = usize::from(inner.width).max(1);
    let mut lines: Vec<Line> = wrap(PRIVACY_REMINDER, width)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.meta())))
        .collect();
    lines.push(Line::from(fit(&format!("Session: {session}"), width)));
    draw_with_footer(buf, inner, &lines, Mode::Note, theme);
    let top = (lines.len() as u16).min(inner.height);
    let text_area = Rect {
        y: inner.y + top,
        height: inner.height.saturating_sub(top + 1),
        ..inner
    };
    if text_area.height > 0 {
        let mut text = editor.text_area().clone();
        text.set_cursor_style(theme.cursor(true));
        text.render(text_area, buf);
    }
}

/// A yes/no question over `area`, wrapped to at most 60 columns.
pub fn question(question: &Question, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = question.text();
    let width = (columns(&text) + 2)
        .clamp(24, 62)
        .min(usize::from(area.width));
    let lines: Vec<Line> = wrap(&text, width.saturating_sub(2).max(1))
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.message())))
        .collect();
    let height = lines.len() as u16 + 2;
    let inner = popup(area, width as u16, height, " Question ", buf);
    draw_lines(buf, inner, &lines, None);
}

/// A link that nothing could open, over `area`: why, then the whole link
/// broken over as many rows as it takes, so that it can be copied by hand.
pub fn link(url: &str, why: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = area.width.min(72);
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    let mut lines: Vec<Line> = wrap(&format!("Could not open the link: {why}."), inner_width)
        .into_iter()
        .map(Line::from)
        .collect();
    // The whole link, however wide its characters, in rows that fit.
    lines.extend(
        chunks(url, inner_width)
            .into_iter()
            .map(|row| Line::from(Span::styled(row, theme.heading()))),
    );
    let hint = footer(Mode::Link);
    let height = lines.len() as u16 + 3;
    let inner = popup(area, width, height, " Link ", buf);
    draw_lines(
        buf,
        inner,
        &lines,
        Some(Line::from(Span::styled(
            fit(&hint, inner_width),
            theme.dim(),
        ))),
    );
}

/// The note conflict over `area`: the note stored meanwhile, the one being
/// saved, and the three ways out.
pub fn conflict(conflict: &Conflict, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let inner = popup(area, 72, 18, " The note changed elsewhere ", buf);
    let width = usize::from(inner.width).max(1);
    let half = usize::from(inner.height).saturating_sub(5) / 2;
    let mut lines: Vec<Line> = Vec::new();
    for (heading, note) in [
        ("Stored meanwhile (theirs):", &conflict.theirs),
        ("Yours:", &conflict.mine),
    ] {
        lines.push(Line::from(Span::styled(fit(heading, width), theme.meta())));
        let wrapped = wrap(note, width);
        let shown = wrapped.len().min(half.max(1));
        for line in &wrapped[..shown] {
            lines.push(Line::from(line.clone()));
        }
        if wrapped.len() > shown {
            lines.push(Line::from(Span::styled("…", theme.dim())));
        }
    }
    draw_with_footer(buf, inner, &lines, Mode::Conflict, theme);
}

/// The session picker over `area`.
pub fn session(app: &App, picker: &SessionPicker, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let height = picker.choices.len() as u16 + 5;
    let inner = popup(area, 60, height, " Supervision session ", buf);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    let mut new = vec![Span::raw("New: ")];
    new.extend(
        wrap_with_cursor(&picker.input, width.saturating_sub(5), 1, theme)
            .remove(0)
            .spans,
    );
    lines.push(Line::from(new).style(row_style(picker.cursor == 0, theme)));
    for (i, choice) in picker.choices.iter().enumerate() {
        let name = choice.as_deref().unwrap_or("(no session)");
        let current = if *choice == app.session {
            " (current)"
        } else {
            ""
        };
        let text = fit(&format!("  {name}{current}"), width);
        lines.push(Line::from(text).style(row_style(picker.cursor == i + 1, theme)));
    }
    draw_with_footer(buf, inner, &lines, Mode::Session, theme);
}

/// The dialog asking for a session's new name, or for the session to merge
/// it into, over `area`: the name being typed, and the other sessions.
pub fn session_name(namer: &SessionNamer, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let (title, label) = match namer.naming {
        Naming::Rename => (" Rename session ", "New name: "),
        Naming::Merge => (" Merge session ", "Into: "),
    };
    let others = if namer.others.is_empty() {
        "Other sessions: none".to_string()
    } else {
        format!("Other sessions: {}", namer.others.join(" · "))
    };
    let width = usize::from(area.width.min(60).saturating_sub(2)).max(1);
    let listed: Vec<String> = wrap(&others, width).into_iter().take(6).collect();
    let inner = popup(area, 60, listed.len() as u16 + 6, title, buf);
    let width = usize::from(inner.width);
    let mut lines = vec![Line::from(Span::styled(
        fit(&format!("Session: {}", namer.session), width),
        theme.heading(),
    ))];
    let mut typed = vec![Span::raw(label)];
    typed.extend(
        wrap_with_cursor(&namer.input, width.saturating_sub(label.len()), 1, theme)
            .remove(0)
            .spans,
    );
    lines.push(Line::from(typed));
    lines.push(Line::from(""));
    lines.extend(
        listed
            .into_iter()
            .map(|l| Line::from(Span::styled(l, theme.meta()))),
    );
    draw_with_footer(buf, inner, &lines, Mode::SessionName, theme);
}

/// The bookmarks view, grouped by session, over `area`, the cursor on
/// bookmark `cursor`.
pub fn bookmarks(app: &App, cursor: usize, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let title = format!(" Bookmarks ({}) ", app.bookmarks.len());
    let inner = popup(
        area,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
        &title,
        buf,
    );
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    let mut cursor_line = 0;
    let mut index = 0;
    if let Some(problem) = &app.bookmarks_problem {
        let explanation = format!(
            "Your bookmarks file could not be read, so pprnet leaves it untouched and \
             bookmarks are read-only until it can: {problem}. Fix the file or move it \
             aside; this view reads it again each time it opens."
        );
        for line in wrap(&explanation, width.max(1)) {
            lines.push(Line::from(Span::styled(line, theme.message())));
        }
    } else if app.bookmarks.is_empty() {
        lines.push(Line::from(
            "No bookmarks yet. Press b on a post to bookmark it.",
        ));
    }
    for (session, group) in by_session(&app.bookmarks) {
        let name = session.unwrap_or("(no session)");
        let current = if session == app.session.as_deref() {
            " · current"
        } else {
            ""
        };
        lines.push(Line::from(Span::styled(
            fit(&format!("{name} ({}){current}", group.len()), width),
            theme.heading(),
        )));
        for bookmark in group {
            let (month, title) = match app.archive.post(&bookmark.post) {
                Some(post) => (post.month.to_string(), post.title.clone()),
                None => (
                    "       ".to_string(),
                    format!("{MISSING_POST_TITLE} {}", bookmark.post),
                ),
            };
            let check = if bookmark.discussed { "✓" } else { "·" };
            let selected = index == cursor;
            if selected {
                cursor_line = lines.len();
            }
            let text = fit(&format!("  {check} {month}  {title}"), width);
            lines.push(Line::from(text).style(row_style(selected, theme)));
            let note: Vec<&str> = bookmark
                .note
                .lines()
                .filter(|l| !l.trim().is_empty())
                .collect();
            if !note.is_empty() {
                let text = fit(&format!("              {}", note.join(" / ")), width);
                lines.push(Line::from(Span::styled(text, theme.meta())));
            }
            index += 1;
        }
    }
    let hint = footer_rows(&footer(Mode::Bookmarks), width, 2);
    let extra = (hint.len() as u16 - 1).min(inner.height.saturating_sub(1));
    let upper = Rect {
        height: inner.height - extra,
        ..inner
    };
    let rows = usize::from(upper.height).saturating_sub(1);
    let offset = (cursor_line + 2).saturating_sub(rows).min(cursor_line);
    let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
    let mut hint = hint
        .into_iter()
        .map(|row| Line::from(Span::styled(row, theme.dim())));
    draw_lines(buf, upper, &shown, hint.next());
    for (row, line) in hint.take(usize::from(extra)).enumerate() {
        put_line(buf, inner, usize::from(upper.height) + row, &line, None);
    }
}

/// A footer's hints (`Enter opens · d discussed · ...`) on at most `max_rows`
/// rows of `width` columns, broken between hints; what does not fit is cut.
fn footer_rows(hint: &str, width: usize, max_rows: usize) -> Vec<String> {
    let mut rows: Vec<String> = vec![String::new()];
    for part in hint.split(" · ") {
        let full = rows.len() >= max_rows;
        let row = rows.last_mut().expect("one row at least");
        if row.is_empty() {
            row.push_str(part);
        } else if columns(row) + 3 + columns(part) <= width || full {
            row.push_str(" · ");
            row.push_str(part);
        } else {
            rows.push(part.to_string());
        }
    }
    rows.iter().map(|row| fit(row, width)).collect()
}

pub(super) fn row_style(selected: bool, theme: &Theme) -> Style {
    if selected {
        theme.cursor(true)
    } else {
        Style::new()
    }
}

/// Draws `lines` from the top of `area` and the key hints of `mode` (from
/// its key table) dimmed on its last row.
fn draw_with_footer(buf: &mut Buffer, area: Rect, lines: &[Line], mode: Mode, theme: &Theme) {
    let hint = fit(&footer(mode), usize::from(area.width).max(1));
    draw_lines(
        buf,
        area,
        lines,
        Some(Line::from(Span::styled(hint, theme.dim()))),
    );
}

/// Draws `lines` from the top of `area` and `footer` on its last row.
pub(super) fn draw_lines(buf: &mut Buffer, area: Rect, lines: &[Line], footer: Option<Line>) {
    let rows = usize::from(area.height);
    let room = if footer.is_some() {
        rows.saturating_sub(1)
    } else {
        rows
    };
    for (row, line) in lines.iter().take(room).enumerate() {
        put_line(buf, area, row, line, None);
    }
    if let (Some(footer), Some(last)) = (footer, rows.checked_sub(1)) {
        put_line(buf, area, last, &footer, None);
    }
}

/// One shown char of a text field: the char, its style, and whether the
/// cursor is on it.
type Cell = (char, Style, bool);

/// The input's text broken into rows of `width` columns (at line breaks, and
/// between words where a row is full), with the cursor shown reversed; only
/// the last `rows` rows up to the cursor's are kept.
fn wrap_with_cursor<'a>(
    input: &TextInput,
    width: usize,
    rows: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let width = width.max(1);
    let mut lines: Vec<Vec<Cell>> = vec![Vec::new()];
    let chars: Vec<char> = input.text().chars().collect();
    let row_width = |row: &[Cell]| {
        row.iter()
            .map(|(c, ..)| c.width().unwrap_or(0))
            .sum::<usize>()
    };
    for at in 0..=chars.len() {
        let c = chars.get(at).copied();
        let is_cursor = at == input.cursor();
        let style = if is_cursor {
            theme.cursor(true)
        } else if input.is_selected() {
            theme.selection()
        } else {
            Style::new()
        };
        if is_cursor || c.is_some_and(|c| c != '\n') {
            let shown = c.filter(|&c| c != '\n').unwrap_or(' ');
            let row = lines.last_mut().expect("a row");
            if row_width(row) + shown.width().unwrap_or(0) > width {
                // Carry the unfinished word over to a new row; a space that
                // ends a full row is not shown at the start of the next.
                let cut = row
                    .iter()
                    .rposition(|(c, ..)| *c == ' ')
                    .map_or(row.len(), |i| i + 1);
                let carried = if cut < row.len() && shown != ' ' {
                    row.split_off(cut)
                } else {
                    Vec::new()
                };
                lines.push(carried);
                if shown == ' ' && !is_cursor {
                    continue;
                }
            }
            lines
                .last_mut()
                .expect("a row")
                .push((shown, style, is_cursor));
        }
        if c == Some('\n') {
            lines.push(Vec::new());
        }
    }
    let cursor_row = lines
        .iter()
        .position(|row| row.iter().any(|cell| cell.2))
        .unwrap_or(0);
    let start = (cursor_row + 1).saturating_sub(rows);
    lines
        .into_iter()
        .skip(start)
        .take(rows)
        .map(|row| {
            Line::from(
                row.into_iter()
                    .map(|(c, style, _)| Span::styled(c.to_string(), style))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}
