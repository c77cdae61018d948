//! The help overlay: every key the reader knows, scrollable when the terminal
//! is too small to show them all.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use super::{Theme, fit, put_line};
use crate::tui::keymap::HELP;

/// Narrowest description column before descriptions go below their keys.
const MIN_DESCRIPTION: usize = 24;

/// Draws the help box centred over `area`, from line `scroll` of the list.
pub fn render(theme: &Theme, area: Rect, buf: &mut Buffer, scroll: usize) {
    let width = 72.min(area.width);
    let inner_width = usize::from(width.saturating_sub(2));
    let key_width = HELP
        .iter()
        .map(|(k, _)| k.chars().count())
        .max()
        .unwrap_or(0);
    let side_by_side = inner_width >= key_width + 2 + MIN_DESCRIPTION;
    let mut lines: Vec<Line> = Vec::new();
    for (keys, what) in HELP {
        if side_by_side {
            let what = fit(what, inner_width - key_width - 2);
            lines.push(Line::from(vec![
                Span::styled(format!("{keys:<key_width$}  "), theme.heading()),
                Span::raw(what),
            ]));
        } else {
            lines.push(Line::from(Span::styled(
                fit(keys, inner_width),
                theme.heading(),
            )));
            lines.push(Line::from(fit(&format!("  {what}"), inner_width)));
        }
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let popup = area.centered(Constraint::Length(width), Constraint::Length(height));
    let rows = usize::from(height.saturating_sub(2));
    let scroll = scroll.min(lines.len().saturating_sub(rows));
    let title = if rows < lines.len() {
        " Keys: j/k scroll, other keys close "
    } else {
        " Keys (any key closes) "
    };
    Clear.render(popup, buf);
    let block = Block::bordered().title(fit(title, inner_width));
    let inside = block.inner(popup);
    block.render(popup, buf);
    for (row, line) in lines.iter().skip(scroll).take(rows).enumerate() {
        put_line(buf, inside, row, line, None);
    }
}
