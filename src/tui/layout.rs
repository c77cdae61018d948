//! Where each pane goes for a terminal size: a pure function shared by the
//! update step (to know page heights and wrap widths) and by drawing.

use ratatui::layout::{Constraint, Layout, Position, Rect};

use super::action::Pane;

/// Smallest terminal the reader draws in; below it shows a "too small" note.
pub const MIN_WIDTH: u16 = 24;
/// Smallest terminal height the reader draws in.
pub const MIN_HEIGHT: u16 = 6;
/// From this width on, all three columns are shown.
pub const THREE_COLUMNS_FROM: u16 = 80;
/// From this width on, two columns are shown.
pub const TWO_COLUMNS_FROM: u16 = 48;

/// The screen areas of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Screen {
    /// Each pane's area, in [`Pane::ALL`] order; `None` when not shown.
    panes: [Option<Rect>; 4],
    /// The one-line status (or filter) bar.
    pub status: Rect,
    /// True when the terminal is below the minimum size and nothing else fits.
    pub too_small: bool,
}

impl Screen {
    /// The area of a pane, if it is shown.
    pub fn area(&self, pane: Pane) -> Option<Rect> {
        self.panes[pane as usize]
    }

    /// The area inside a pane's frame: one title row on top, and a rule on the
    /// left for panes that do not start at the left edge.
    pub fn inner(&self, pane: Pane) -> Option<Rect> {
        let area = self.area(pane)?;
        let left = u16::from(area.x > 0).min(area.width);
        Some(Rect {
            x: area.x + left,
            y: area.y + 1.min(area.height),
            width: area.width - left,
            height: area.height.saturating_sub(1),
        })
    }

    /// The pane at a screen position.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        Pane::ALL.into_iter().find(|&pane| {
            self.area(pane)
                .is_some_and(|a| a.contains(Position { x: column, y: row }))
        })
    }

    fn set(&mut self, pane: Pane, area: Rect) {
        self.panes[pane as usize] = Some(area);
    }

    /// Splits a sidebar column into the topic list and, below, the research types.
    fn set_sidebar(&mut self, area: Rect, types: u16) {
        let types_height = (types + 1).min(area.height / 2);
        let [topics, types] =
            Layout::vertical([Constraint::Fill(1), Constraint::Length(types_height)]).areas(area);
        self.set(Pane::Topics, topics);
        if types.height > 0 {
            self.set(Pane::Types, types);
        }
    }
}

/// Lays out a `width` x `height` terminal with `focus` on one pane and `types`
/// research types to list. Narrow terminals show the focused column and, space
/// allowing, its neighbour.
pub fn screen(width: u16, height: u16, focus: Pane, types: u16) -> Screen {
    let (mut screen, main) = status_and_main(width, height);
    let Some(main) = main else {
        return screen;
    };
    if width >= THREE_COLUMNS_FROM {
        let sidebar = (width / 4).clamp(20, 44);
        let posts = (width * 3 / 10).clamp(24, 44);
        let [a, b, c] = Layout::horizontal([
            Constraint::Length(sidebar),
            Constraint::Length(posts),
            Constraint::Fill(1),
        ])
        .areas(main);
        screen.set_sidebar(a, types);
        screen.set(Pane::Posts, b);
        screen.set(Pane::Post, c);
    } else if width >= TWO_COLUMNS_FROM {
        if focus.in_sidebar() {
            let [a, b] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(main);
            screen.set_sidebar(a, types);
            screen.set(Pane::Posts, b);
        } else {
            let left = (width * 2 / 5).max(22);
            let [a, b] =
                Layout::horizontal([Constraint::Length(left), Constraint::Fill(1)]).areas(main);
            screen.set(Pane::Posts, a);
            screen.set(Pane::Post, b);
        }
    } else if focus.in_sidebar() {
        screen.set_sidebar(main, types);
    } else {
        screen.set(focus, main);
    }
    screen
}

/// Lays out a `width` x `height` terminal in zoom: the post pane takes the
/// whole screen above the status bar.
pub fn zoomed(width: u16, height: u16) -> Screen {
    let (mut screen, main) = status_and_main(width, height);
    if let Some(main) = main {
        screen.set(Pane::Post, main);
    }
    screen
}

/// A screen with only its status bar placed, and the area above it for the
/// panes; no area when the terminal is too small.
fn status_and_main(width: u16, height: u16) -> (Screen, Option<Rect>) {
    let area = Rect::new(0, 0, width, height);
    let mut screen = Screen::default();
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        screen.status = area;
        screen.too_small = true;
        return (screen, None);
    }
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    screen.status = status;
    (screen, Some(main))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_three_columns_side_by_side() {
        let s = screen(80, 24, Pane::Topics, 7);
        let (a, b, c) = (
            s.area(Pane::Topics).unwrap(),
            s.area(Pane::Posts).unwrap(),
            s.area(Pane::Post).unwrap(),
        );
        assert_eq!(a.x + a.width, b.x);
        assert_eq!(b.x + b.width, c.x);
        assert_eq!(c.x + c.width, 80);
        assert!(c.width >= 30, "the post pane stays readable: {}", c.width);
        let types = s.area(Pane::Types).unwrap();
        assert_eq!((types.x, types.y, types.height), (0, a.y + a.height, 8));
        assert_eq!(s.status, Rect::new(0, 23, 80, 1));
    }

    #[test]
    fn narrow_terminals_keep_the_focused_pane() {
        for width in [MIN_WIDTH, 30, 47, 48, 60, 79] {
            for focus in Pane::ALL {
                let s = screen(width, 12, focus, 7);
                assert!(s.area(focus).is_some(), "{width} {focus:?}");
            }
        }
    }

    #[test]
    fn tiny_terminals_are_too_small_and_every_size_is_safe() {
        assert!(screen(10, 5, Pane::Topics, 7).too_small);
        for width in 0..100 {
            for height in 0..30 {
                let s = screen(width, height, Pane::Post, 7);
                for pane in Pane::ALL {
                    if let Some(inner) = s.inner(pane) {
                        assert!(inner.x + inner.width <= width && inner.y + inner.height <= height);
                    }
                }
            }
        }
    }
}
