//! The help overlay: every key the reader knows, scrollable when the terminal
//! is too small to show them all.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use super::dialogs::clear_under;
use super::{Theme, fit, put_line};
use crate::tui::help::{HelpLine, HelpView};
use crate::tui::keymap::{Mode, footer};

/// Draws the help box for a terminal of `area`'s size, from line `scroll`.
pub fn render(theme: &Theme, area: Rect, buf: &mut Buffer, scroll: usize) {
    let view = HelpView::new((area.width, area.height));
    let popup = view.area;
    let inner_width = usize::from(popup.width.saturating_sub(2));
    let scroll = scroll.min(view.last_scroll());
    let title = if view.rows < view.lines.len() {
        format!(" Keys: {} ", footer(Mode::Help))
    } else {
        " Keys (any key closes) ".to_string()
    };
    clear_under(popup, buf);
    let block = Block::bordered().title(fit(&title, inner_width));
    let inside = block.inner(popup);
    block.render(popup, buf);
    for (row, line) in view.lines.iter().skip(scroll).take(view.rows).enumerate() {
        let line = match line {
            HelpLine::Section(name) => Line::from(Span::styled(*name, theme.title())),
            HelpLine::Keys(keys, what) => Line::from(vec![
                Span::styled(keys.as_str(), theme.heading()),
                Span::raw(what.as_str()),
            ]),
            HelpLine::Description(what) => Line::from(what.as_str()),
        };
        put_line(buf, inside, row, &line, None);
    }
}
