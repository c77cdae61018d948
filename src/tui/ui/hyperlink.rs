//! OSC 8 hyperlinks in ratatui cells. Each cell of a link carries the whole
//! sequence around its own symbol (open, symbol, close), so any cell redrawn
//! alone is still a link, and is marked with its real width
//! ([`CellDiffOption::ForcedWidth`]) so the escape bytes never count as
//! columns when ratatui works out which cells to send.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

/// Turns the cells `from..from + width` of row `y` (clipped to `area`) into
/// parts of a link to `url`. A URL with control characters is left alone.
pub fn mark(buf: &mut Buffer, area: Rect, y: u16, from: u16, width: usize, url: &str) {
    let Some(url) = safe_url(url) else {
        return;
    };
    let end = usize::from(from)
        .saturating_add(width)
        .min(usize::from(area.right()));
    let mut x = usize::from(from.max(area.left()));
    while x < end {
        let cell = &mut buf[(x as u16, y)];
        let symbol = cell.symbol().to_string();
        let columns = symbol.width().max(1);
        cell.set_symbol(&format!("\x1b]8;;{url}\x1b\\{symbol}\x1b]8;;\x1b\\"));
        let forced = NonZeroU16::new(columns as u16).unwrap_or(NonZeroU16::MIN);
        cell.set_diff_option(CellDiffOption::ForcedWidth(forced));
        x += columns;
    }
}

/// The URL as it can go in an escape sequence: non-ASCII bytes
/// percent-encoded; `None` if it holds control characters.
fn safe_url(url: &str) -> Option<String> {
    if url.chars().any(char::is_control) {
        return None;
    }
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_graphic() {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Cell;

    #[test]
    fn each_cell_carries_the_link_and_its_own_width() {
        let area = Rect::new(0, 0, 10, 1);
        let mut buf = Buffer::empty(area);
        buf.set_string(0, 0, "see doi.x", ratatui::style::Style::new());
        mark(&mut buf, area, 0, 4, 20, "https://doi.org/x");
        assert_eq!(buf[(3, 0)].symbol(), " ");
        let cell: &Cell = &buf[(4, 0)];
        assert_eq!(
            cell.symbol(),
            "\x1b]8;;https://doi.org/x\x1b\\d\x1b]8;;\x1b\\"
        );
        assert_eq!(
            cell.diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::MIN)
        );
        // Clipped at the area's edge.
        assert!(buf[(9, 0)].symbol().starts_with("\x1b]8;;"));
        // The diff sends every marked cell, none skipped.
        let before = Buffer::empty(area);
        let sent: Vec<u16> = before.diff(&buf).iter().map(|(x, _, _)| *x).collect();
        assert_eq!(sent, (0..10).filter(|&x| x != 3).collect::<Vec<_>>());
    }

    #[test]
    fn control_characters_never_reach_the_terminal() {
        assert_eq!(safe_url("https://x/\x1b]0;pwned\x07"), None);
        assert_eq!(safe_url("https://x/\u{9b}2J"), None);
        assert_eq!(
            safe_url("https://x/é a").as_deref(),
            Some("https://x/%C3%A9%20a")
        );
    }
}
