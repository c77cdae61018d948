//! Styles: dark, light, or without colour (`NO_COLOR`, or "mono" in the config).

use ratatui::style::{Color, Modifier, Style};

use crate::config::{Config, ThemeName};

/// How each kind of text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False for "mono" or when `NO_COLOR` is set: emphasis uses bold,
    /// reverse and underline only.
    pub color: bool,
    /// Colours chosen for a light background.
    pub light: bool,
    /// Links are sent as OSC 8 hyperlinks.
    pub hyperlinks: bool,
}

impl Theme {
    /// Dark colours, no hyperlinks (what tests draw with).
    pub const DARK: Theme = Theme {
        color: true,
        light: false,
        hyperlinks: false,
    };

    /// No colour, no hyperlinks.
    pub const MONO: Theme = Theme {
        color: false,
        light: false,
        hyperlinks: false,
    };

    /// The configured theme; no colour when the `NO_COLOR` environment
    /// variable is set and not empty; hyperlinks when configured and the
    /// terminal is not one known to print them as garbage.
    pub fn from_config(config: &Config) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let term = std::env::var("TERM").unwrap_or_default();
        let dumb = matches!(term.as_str(), "dumb" | "linux") || term.is_empty();
        Theme {
            color: !no_color && config.theme != ThemeName::Mono,
            light: config.theme == ThemeName::Light,
            hyperlinks: config.osc8 && !dumb,
        }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    /// `dark` on a dark background, `light` on a light one.
    fn shade(&self, dark: Color, light: Color) -> Color {
        if self.light { light } else { dark }
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
                Style::new()
                    .fg(self.shade(Color::Yellow, Color::Magenta))
                    .add_modifier(Modifier::BOLD),
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
            Style::new()
                .fg(self.shade(Color::Cyan, Color::Blue))
                .add_modifier(Modifier::BOLD),
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
            Style::new()
                .fg(self.shade(Color::Gray, Color::DarkGray))
                .add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }

    /// Citations and links.
    pub fn citation(&self) -> Style {
        self.pick(
            Style::new().fg(self.shade(Color::LightBlue, Color::Blue)),
            Style::new(),
        )
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

    /// The find match gone to last (over the match style).
    pub fn current_match(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::Yellow),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// The status bar.
    pub fn status(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.shade(Color::White, Color::Black))
                .bg(self.shade(Color::DarkGray, Color::Gray)),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    /// The reader's own note in the post pane.
    pub fn note(&self) -> Style {
        self.pick(
            Style::new().fg(self.shade(Color::Yellow, Color::Magenta)),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }

    /// A message in the status bar.
    pub fn message(&self) -> Style {
        self.status().add_modifier(Modifier::BOLD)
    }
}
