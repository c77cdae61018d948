//! The checklist of a post's topics and research type (`t`): a box as tall
//! as the terminal allows, its list scrolled to keep the cursor in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::dialogs::{draw_lines, popup, row_style};
use super::{Theme, fit};
use crate::tui::app::{App, TagEditor};
use crate::tui::keymap::{Mode, footer};

/// Widest the box gets.
const MAX_WIDTH: u16 = 64;

/// Draws the checklist over `area`.
pub fn render(app: &App, editor: &TagEditor, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = MAX_WIDTH.min(area.width);
    let room = usize::from(width.saturating_sub(2));
    let suggested = (0..editor.rows()).any(|row| editor.is_suggestion(row));
    let mut head = vec![Line::from(Span::styled(
        fit(&editor.title, room),
        theme.meta(),
    ))];
    if suggested {
        head.push(Line::from(Span::styled(
            fit("Dimmed: pprnet's suggestions. Enter confirms them.", room),
            theme.dim(),
        )));
    }
    let mut list: Vec<Line> = Vec::with_capacity(editor.rows() + 2);
    let mut cursor_line = 0;
    for row in 0..editor.rows() {
        let kind = editor.type_of_row(row);
        match kind {
            None if row == 0 => list.push(heading("Topics", theme)),
            Some(0) => list.push(heading("Type of Research", theme)),
            _ => {}
        }
        let (name, check) = match kind {
            Some(kind) => (
                &app.archive.research_types[kind],
                if editor.is_checked(row) {
                    "(•)"
                } else {
                    "( )"
                },
            ),
            None => (
                &app.archive.topics[row],
                if editor.is_checked(row) { "[x]" } else { "[ ]" },
            ),
        };
        let text = if editor.is_suggestion(row) {
            format!("{check} {name} (suggested)")
        } else {
            format!("{check} {name}")
        };
        let selected = row == editor.cursor;
        if selected {
            cursor_line = list.len();
        }
        let style = if selected {
            row_style(true, theme)
        } else if editor.is_suggestion(row) {
            theme.dim()
        } else {
            row_style(false, theme)
        };
        list.push(Line::from(Span::styled(fit(&text, room), style)));
    }
    let height = (head.len() + list.len() + 3) as u16;
    let inner = popup(area, width, height, " Topics and type ", buf);
    let rows = usize::from(inner.height).saturating_sub(head.len() + 1);
    // The cursor's row and the one after it stay in view.
    let offset = (cursor_line + 2)
        .saturating_sub(rows)
        .min(cursor_line)
        .min(list.len().saturating_sub(rows));
    let lines: Vec<Line> = head
        .into_iter()
        .chain(list.into_iter().skip(offset))
        .collect();
    let hint = Line::from(Span::styled(fit(&footer(Mode::Tags), room), theme.dim()));
    draw_lines(buf, inner, &lines, Some(hint));
}

fn heading(text: &'static str, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(text, theme.heading()))
}
