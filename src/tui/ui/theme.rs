//! Styles, with and without colour (`NO_COLOR`).

use ratatui::style::{Color, Modifier, Style};

/// How each kind of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False when `NO_COLOR` is set: emphasis uses bold, reverse and underline only.
    pub color: bool,
}

impl Theme {
    /// Colour unless the `NO_COLOR` environment variable is set and not empty.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    /// A pane's title row.
    pub fn pane_title(&self, focused: bool) -> Style {
        match focused {
            true => self.pick(
                Style::new().fg(Color::Black).bg(Color::Cyan),
                Style::new().add_modifier(Modifier::REVERSED),
            ),
            false => Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// The rule between panes.
    pub fn rule(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    /// The row under the cursor; reversed in the focused pane, bold elsewhere.
    pub fn cursor(&self, focused: bool) -> Style {
        match focused {
            true => self.pick(
                Style::new().fg(Color::Black).bg(Color::Yellow),
                Style::new().add_modifier(Modifier::REVERSED),
            ),
            false => self.pick(
                Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::BOLD),
            ),
        }
    }

    /// Selected text in a field (a suggestion that typing replaces).
    pub fn selection(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Gray),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// Rows that lead nowhere (topics with no posts).
    pub fn dim(&self) -> Style {
        self.pick(
            Style::new().fg(Color::DarkGray),
            Style::new().add_modifier(Modifier::DIM),
        )
    }

    /// Headings: months, sidebar sections, post sections.
    pub fn heading(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// The post's title.
    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Month, research type and topics under the title.
    pub fn meta(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }

    /// Citations and links.
    pub fn citation(&self) -> Style {
        self.pick(Style::new().fg(Color::Blue), Style::new())
    }

    /// The "Practice Implications" heading, set apart from the summary.
    pub fn implications_heading(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Black)
                .bg(Color::Green)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// The bar beside Practice Implications paragraphs.
    pub fn implications_bar(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Green),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Characters that match the filter.
    pub fn matched(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// The status bar.
    pub fn status(&self) -> Style {
        self.pick(
            Style::new().fg(Color::White).bg(Color::DarkGray),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// A message in the status bar.
    pub fn message(&self) -> Style {
        self.status().add_modifier(Modifier::BOLD)
    }
}
