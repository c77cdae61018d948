//! Drawing: the reader's state as a widget, one module per pane.

mod dialogs;
mod help;
mod hyperlink;
mod pickers;
mod post;
mod posts;
mod status;
mod tags;
pub mod theme;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

use super::action::Pane;
use super::app::{App, Dialog};
use super::layout::{MIN_HEIGHT, MIN_WIDTH};
pub use crate::text::fit;
pub use theme::Theme;

/// The reader drawn with a theme.
pub struct Ui<'a> {
    /// The state to draw.
    pub app: &'a App,
    /// The styles to draw it with.
    pub theme: &'a Theme,
}

impl Widget for Ui<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let Ui { app, theme } = self;
        let screen = app.screen();
        if screen.too_small {
            let note = format!("Terminal too small: pprnet needs {MIN_WIDTH}x{MIN_HEIGHT}.");
            Paragraph::new(note)
                .wrap(Wrap { trim: true })
                .render(area, buf);
            return;
        }
        for pane in Pane::ALL {
            if let (Some(outer), Some(inner)) = (screen.area(pane), screen.inner(pane)) {
                let title = match pane {
                    Pane::Topics => " Topics ".to_string(),
                    Pane::Types => " Type of Research ".to_string(),
                    Pane::Posts => {
                        let rule = u16::from(outer.x > 0);
                        posts::title(app, usize::from(outer.width.saturating_sub(rule)))
                    }
                    Pane::Post => post::title(app),
                };
                frame(buf, outer, &title, app.focus == pane, theme);
                match pane {
                    Pane::Topics | Pane::Types => pickers::render(app, pane, theme, inner, buf),
                    Pane::Posts => posts::render(app, theme, inner, buf),
                    Pane::Post => post::render(app, theme, inner, buf),
                }
            }
        }
        status::render(app, theme, screen.status, buf);
        // Every open dialog, the one on top drawn last.
        for dialog in app.overlay.iter() {
            match dialog {
                Dialog::Note(editor) => dialogs::note(editor, theme, area, buf),
                Dialog::Session(picker) => dialogs::session(app, picker, theme, area, buf),
                Dialog::SessionName(namer) => dialogs::session_name(namer, theme, area, buf),
                Dialog::Bookmarks { cursor } => dialogs::bookmarks(app, *cursor, theme, area, buf),
                Dialog::Help { scroll } => help::render(theme, area, buf, *scroll),
                Dialog::Confirm(question) => dialogs::question(question, theme, area, buf),
                Dialog::Link { url, why } => dialogs::link(url, why, theme, area, buf),
                Dialog::Conflict(conflict) => dialogs::conflict(conflict, theme, area, buf),
                Dialog::Tags(editor) => tags::render(app, editor, theme, area, buf),
                Dialog::Filter { .. } | Dialog::Find { .. } => {}
            }
        }
    }
}

/// Draws a pane's title row and, unless it is the leftmost pane, the rule on its left.
fn frame(buf: &mut Buffer, area: Rect, title: &str, focused: bool, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    if area.x > 0 {
        for y in area.y..area.y + area.height {
            buf[(area.x, y)].set_symbol("│").set_style(theme.rule());
        }
    }
    let left = u16::from(area.x > 0);
    let row = Rect::new(area.x + left, area.y, area.width.saturating_sub(left), 1);
    buf.set_style(row, theme.pane_title(focused));
    buf.set_string(
        row.x,
        row.y,
        fit(title, usize::from(row.width)),
        theme.pane_title(focused),
    );
}

/// Splits `text` into spans: the chars at which `is_matched(char index)` holds
/// get `matched` on top of `base`.
fn highlighted(
    text: &str,
    is_matched: impl Fn(usize) -> bool,
    base: Style,
    matched: Style,
) -> Vec<Span<'_>> {
    let mut spans = Vec::new();
    let mut run_start = 0;
    let mut run_matched = false;
    for (i, (byte, _)) in text.char_indices().enumerate() {
        let this = is_matched(i);
        if this != run_matched {
            if byte > run_start {
                let style = if run_matched {
                    base.patch(matched)
                } else {
                    base
                };
                spans.push(Span::styled(&text[run_start..byte], style));
                run_start = byte;
            }
            run_matched = this;
        }
    }
    let style = if run_matched {
        base.patch(matched)
    } else {
        base
    };
    spans.push(Span::styled(&text[run_start..], style));
    spans
}

/// Draws a line into one row of `area`, clipped to its width.
fn put_line(buf: &mut Buffer, area: Rect, row: usize, line: &Line, fill: Option<Style>) {
    let y = area.y + row as u16;
    if let Some(style) = fill {
        buf.set_style(Rect::new(area.x, y, area.width, 1), style);
    }
    buf.set_line(area.x, y, line, area.width);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlighting_splits_at_matched_chars_not_bytes() {
        let (base, hit) = (Style::new(), Style::new().bold());
        let matches = [10, 15, 16, 17, 40];
        let spans = highlighted("Fagernäs, S.", |i| matches.contains(&(10 + i)), base, hit);
        let texts: Vec<&str> = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, ["F", "ager", "näs", ", S."]);
        assert_eq!(spans[0].style, hit);
        assert_eq!(spans[1].style, base);
        assert_eq!(highlighted("abc", |_| false, base, hit).len(), 1);
    }
}
