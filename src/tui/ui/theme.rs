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

/// Whether links are sent as OSC 8 hyperlinks. Never when the config says
/// `osc8: false`. Otherwise `FORCE_HYPERLINK` decides when it is set (`0`:
/// no, anything else: yes, whatever the terminal; the variable
/// supports-hyperlinks and other tools read). Otherwise only on a terminal
/// (never into a file or a pipe) whose `TERM` is known, and not one that
/// prints the sequence as garbage: the Linux console (`linux`), `dumb`,
/// Emacs' `eterm`, hardware `vt` terminals. Terminals that do not support
/// OSC 8 but are not on that list ignore it, as the specification asks.
pub fn hyperlinks(osc8: bool, env: impl Fn(&str) -> Option<String>, tty: bool) -> bool {
    if !osc8 {
        return false;
    }
    if let Some(force) = env("FORCE_HYPERLINK").filter(|v| !v.is_empty()) {
        return force != "0";
    }
    let term = env("TERM").unwrap_or_default();
    let hardware_vt = term
        .strip_prefix("vt")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    let garbles = term == "dumb" || term.starts_with("linux") || term.starts_with("eterm");
    let garbles = garbles || hardware_vt;
    tty && !term.is_empty() && !garbles
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
    /// variable is set and not empty; hyperlinks as [`hyperlinks`] decides
    /// from the config, the environment and whether the output is a terminal.
    pub fn from_config(config: &Config) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let env = |name: &str| std::env::var(name).ok();
        let tty = std::io::IsTerminal::is_terminal(&std::io::stdout());
        Theme {
            color: !no_color && config.theme != ThemeName::Mono,
            light: config.theme == ThemeName::Light,
            hyperlinks: hyperlinks(config.osc8, env, tty),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyperlinks_on_a_known_terminal_unless_turned_off() {
        let env = |term: &'static str, force: Option<&'static str>| {
            move |name: &str| match name {
                "TERM" => Some(term.to_string()),
                "FORCE_HYPERLINK" => force.map(str::to_string),
                _ => None,
            }
        };
        assert!(hyperlinks(true, env("xterm-256color", None), true));
        assert!(hyperlinks(true, env("tmux-256color", Some("")), true));
        assert!(!hyperlinks(false, env("xterm-256color", None), true));
        assert!(
            !hyperlinks(false, env("xterm", Some("1")), true),
            "the config wins"
        );
        assert!(
            !hyperlinks(true, env("xterm-256color", None), false),
            "not a tty"
        );
        assert!(hyperlinks(true, env("vte-256color", None), true));
        for term in ["dumb", "linux", "eterm-color", "vt100", "vt220", ""] {
            assert!(!hyperlinks(true, env(term, None), true), "{term}");
        }
        assert!(hyperlinks(true, env("linux", Some("1")), false));
        assert!(!hyperlinks(true, env("xterm-256color", Some("0")), true));
    }
}
