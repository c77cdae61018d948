//! Where each pane goes for a terminal size: a pure function shared by the
//! update step (to know page heights and wrap widths) and by drawing.

use ratatui::layout::{Constraint, Layout, Rect};

use super::action::Pane;

/// Smallest terminal the reader draws in; below it shows a "too small" note.
pub const MIN_WIDTH: u16 = 24;
/// Smallest terminal height the reader draws in.
pub const MIN_HEIGHT: u16 = 6;
/// From this width on, all three panes are shown.
pub const THREE_PANES_FROM: u16 = 80;
/// From this width on, two panes are shown.
pub const TWO_PANES_FROM: u16 = 48;

/// The screen areas of one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Screen {
    /// The topic and research-type sidebar, when shown.
    pub sidebar: Option<Rect>,
    /// The post list, when shown.
    pub posts: Option<Rect>,
    /// The post pane, when shown.
    pub post: Option<Rect>,
    /// The one-line status (or filter) bar.
    pub status: Rect,
    /// True when the terminal is below the minimum size and nothing else fits.
    pub too_small: bool,
}

impl Screen {
    /// The area of a pane, if it is shown.
    pub fn area(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Sidebar => self.sidebar,
            Pane::Posts => self.posts,
            Pane::Post => self.post,
        }
    }

    /// The area inside a pane's frame (one title row on top; a rule on the left
    /// for every pane but the leftmost).
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
        [Pane::Sidebar, Pane::Posts, Pane::Post]
            .into_iter()
            .find(|&pane| {
                self.area(pane)
                    .is_some_and(|a| a.contains(ratatui::layout::Position { x: column, y: row }))
            })
    }
}

/// Lays out a `width` x `height` terminal with `focus` on one pane. Narrow
/// terminals show the focused pane and, space allowing, its neighbour.
pub fn screen(width: u16, height: u16, focus: Pane) -> Screen {
    let area = Rect::new(0, 0, width, height);
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Screen {
            sidebar: None,
            posts: None,
            post: None,
            status: area,
            too_small: true,
        };
    }
    let [main, status] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let mut screen = Screen {
        sidebar: None,
        posts: None,
        post: None,
        status,
        too_small: false,
    };
    if width >= THREE_PANES_FROM {
        let sidebar = (width / 4).clamp(20, 30);
        let posts = (width * 3 / 10).clamp(24, 44);
        let [a, b, c] = Layout::horizontal([
            Constraint::Length(sidebar),
            Constraint::Length(posts),
            Constraint::Fill(1),
        ])
        .areas(main);
        (screen.sidebar, screen.posts, screen.post) = (Some(a), Some(b), Some(c));
    } else if width >= TWO_PANES_FROM {
        let (left, right) = match focus {
            Pane::Sidebar => (Pane::Sidebar, Pane::Posts),
            Pane::Posts | Pane::Post => (Pane::Posts, Pane::Post),
        };
        let left_width = if left == Pane::Sidebar {
            width / 2
        } else {
            (width * 2 / 5).max(22)
        };
        let [a, b] =
            Layout::horizontal([Constraint::Length(left_width), Constraint::Fill(1)]).areas(main);
        *screen.slot(left) = Some(a);
        *screen.slot(right) = Some(b);
    } else {
        *screen.slot(focus) = Some(main);
    }
    screen
}

impl Screen {
    fn slot(&mut self, pane: Pane) -> &mut Option<Rect> {
        match pane {
            Pane::Sidebar => &mut self.sidebar,
            Pane::Posts => &mut self.posts,
            Pane::Post => &mut self.post,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_three_panes_side_by_side() {
        let s = screen(80, 24, Pane::Sidebar);
        let (a, b, c) = (s.sidebar.unwrap(), s.posts.unwrap(), s.post.unwrap());
        assert_eq!(a.x + a.width, b.x);
        assert_eq!(b.x + b.width, c.x);
        assert_eq!(c.x + c.width, 80);
        assert!(c.width >= 30, "the post pane stays readable: {}", c.width);
        assert_eq!(s.status, Rect::new(0, 23, 80, 1));
    }

    #[test]
    fn narrow_terminals_keep_the_focused_pane() {
        for width in [MIN_WIDTH, 30, 47, 48, 60, 79] {
            for focus in [Pane::Sidebar, Pane::Posts, Pane::Post] {
                let s = screen(width, 12, focus);
                assert!(s.area(focus).is_some(), "{width} {focus:?}");
            }
        }
    }

    #[test]
    fn tiny_terminals_are_too_small_and_every_size_is_safe() {
        assert!(screen(10, 5, Pane::Sidebar).too_small);
        for width in 0..100 {
            for height in 0..30 {
                let s = screen(width, height, Pane::Post);
                for pane in [Pane::Sidebar, Pane::Posts, Pane::Post] {
                    if let Some(inner) = s.inner(pane) {
                        assert!(inner.x + inner.width <= width && inner.y + inner.height <= height);
                    }
                }
            }
        }
    }
}
