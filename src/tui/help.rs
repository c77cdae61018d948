//! The help overlay's lines and box, worked out once from the key tables and
//! the terminal size, for both the update step (how far it can scroll) and
//! the drawing (what it shows), so the two always agree.

use ratatui::layout::{Constraint, Rect};

use super::keymap::{MOUSE_HELP, Other, TABLES};

/// Narrowest description column before descriptions go below their keys.
const MIN_DESCRIPTION: usize = 24;

/// Widest the key column gets; longer key lists go on a line of their own.
const MAX_KEY_COLUMN: usize = 18;

/// Widest the help box gets.
const MAX_WIDTH: u16 = 76;

/// One line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A section heading.
    Section(&'static str),
    /// Keys, padded to the key column, and what they do (cut to fit).
    Keys(String, String),
    /// A description on its own line, below its keys (narrow terminals).
    Description(String),
}

/// The help for one terminal size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpView {
    /// Every line.
    pub lines: Vec<HelpLine>,
    /// The box, centred on the screen.
    pub area: Rect,
    /// How many lines fit inside the box.
    pub rows: usize,
}

impl HelpView {
    /// The help for a terminal of `size`.
    pub fn new(size: (u16, u16)) -> HelpView {
        let screen = Rect::new(0, 0, size.0, size.1);
        let width = MAX_WIDTH.min(size.0);
        let inner = usize::from(width.saturating_sub(2));
        let entries: Vec<(Option<&'static str>, String, &str)> = TABLES
            .iter()
            .flat_map(|table| {
                let heading = std::iter::once((Some(table.title), String::new(), ""));
                let other = match &table.other {
                    Other::Nothing => None,
                    Other::Types => Some(("other keys", "type into the field")),
                    Other::Does(_, what) => Some(("any other key", *what)),
                };
                heading
                    .chain(
                        table
                            .bindings
                            .iter()
                            .map(|b| (None, b.keys_label(), b.help)),
                    )
                    .chain(other.map(|(keys, what)| (None, keys.to_string(), what)))
            })
            .chain([
                (Some("Mouse"), String::new(), ""),
                (None, MOUSE_HELP.0.to_string(), MOUSE_HELP.1),
            ])
            .collect();
        let key_width = entries
            .iter()
            .map(|(_, k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
            .min(MAX_KEY_COLUMN);
        let side_by_side = inner >= key_width + 2 + MIN_DESCRIPTION;
        let what_width = if side_by_side {
            inner - key_width - 2
        } else {
            inner.saturating_sub(2).max(1)
        };
        let mut lines = Vec::new();
        for (section, keys, what) in entries {
            if let Some(section) = section {
                lines.push(HelpLine::Section(section));
                continue;
            }
            let mut what_lines = textwrap::wrap(what, unbroken(what_width)).into_iter();
            let blank = " ".repeat(key_width + 2);
            if side_by_side && keys.chars().count() <= key_width {
                let first = what_lines.next().unwrap_or_default().into_owned();
                lines.push(HelpLine::Keys(format!("{keys:<key_width$}  "), first));
            } else {
                for part in textwrap::wrap(&keys, unbroken(inner.max(1))) {
                    lines.push(HelpLine::Keys(part.into_owned(), String::new()));
                }
            }
            for rest in what_lines {
                lines.push(if side_by_side {
                    HelpLine::Keys(blank.clone(), rest.into_owned())
                } else {
                    HelpLine::Description(format!("  {rest}"))
                });
            }
        }
        let height = (lines.len() as u16 + 2).min(size.1);
        let area = screen.centered(Constraint::Length(width), Constraint::Length(height));
        HelpView {
            rows: usize::from(height.saturating_sub(2)),
            lines,
            area,
        }
    }

    /// The help as plain text, one line each (for tests and searching).
    pub fn text(&self) -> Vec<String> {
        self.lines
            .iter()
            .map(|line| match line {
                HelpLine::Section(name) => name.to_string(),
                HelpLine::Keys(keys, what) => format!("{keys}{what}"),
                HelpLine::Description(what) => what.clone(),
            })
            .collect()
    }

    /// The furthest the help can scroll: its last line at the bottom.
    pub fn last_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.rows)
    }
}

/// Wrapping at `width` between words only: key names such as `Ctrl-D` are
/// never split at their hyphen.
fn unbroken(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width).word_splitter(textwrap::WordSplitter::NoHyphenation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_fits_and_the_last_scroll_shows_the_last_line() {
        for size in [(80, 14), (80, 24), (30, 8), (200, 50), (1, 1)] {
            let view = HelpView::new(size);
            assert!(view.area.width <= size.0 && view.area.height <= size.1);
            assert!(view.last_scroll() + view.rows >= view.lines.len());
        }
        let small = HelpView::new((80, 14));
        assert_eq!(small.rows, 12);
        assert_eq!(small.last_scroll(), small.lines.len() - 12);
        let view = HelpView::new((200, 200));
        assert_eq!(view.last_scroll(), 0, "everything fits on a tall screen");
    }
}
