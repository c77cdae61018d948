//! The user's settings: `config.ron` in the platform config directory
//! (`$XDG_CONFIG_HOME/pprnet/config.ron`, else `~/.config/pprnet/config.ron`
//! on Linux). Every field is optional; a value that cannot be used is
//! reported with the file and line, and its default is used instead.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// How the post's text sits in a pane wider than the reading width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// In the middle of the pane.
    Centre,
    /// Against the pane's left edge.
    Left,
}

/// The colour scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeName {
    /// Colours for a dark terminal background.
    Dark,
    /// Colours for a light terminal background.
    Light,
    /// No colour: bold, underline and reverse video only (as with `NO_COLOR`).
    Mono,
}

/// The settings, with every default filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Config {
    /// The widest a line of a post's text may be, in columns.
    pub reading_width: usize,
    /// Where the text goes when the pane is wider than the reading width.
    pub align: Align,
    /// The colour scheme.
    pub theme: ThemeName,
    /// Whether the reader takes the mouse (wheel and clicks); off lets the
    /// terminal select text.
    pub mouse: bool,
    /// Whether links are sent as OSC 8 hyperlinks (clickable in most terminals).
    pub osc8: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            reading_width: 80,
            align: Align::Centre,
            theme: ThemeName::Dark,
            mouse: true,
            osc8: true,
        }
    }
}

/// Narrowest reading width accepted.
pub const MIN_READING_WIDTH: usize = 20;
/// Widest reading width accepted.
pub const MAX_READING_WIDTH: usize = 1000;

/// The config file's name inside the config directory.
pub const FILE_NAME: &str = "config.ron";

/// The default config file, with every setting explained.
pub const DEFAULT_FILE: &str = r#"// pprnet settings. Every setting is optional: delete a line to use its default.
// Put this file at ~/.config/pprnet/config.ron (or $XDG_CONFIG_HOME/pprnet/config.ron).
(
    // The widest a line of a post may be, in columns (20 to 1000).
    reading_width: 80,
    // Where the text goes in a wider pane: "centre" or "left".
    align: "centre",
    // Colours: "dark" (for a dark background), "light" or "mono" (no colour).
    theme: "dark",
    // true: the mouse wheel scrolls and clicks choose; false: the terminal
    // keeps the mouse, so you can select text with it.
    mouse: true,
    // true: links are clickable (OSC 8 hyperlinks) in terminals that support them.
    osc8: true,
)
"#;

/// Settings as read, with what was wrong with the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Loaded {
    /// The settings to use.
    pub config: Config,
    /// One message per problem, each naming the file and line.
    pub problems: Vec<String>,
}

/// Where the config file is: `config.ron` in the platform config directory.
pub fn path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "pprnet").map(|d| d.config_dir().join(FILE_NAME))
}

/// Reads the config file at `path`; a missing file means the defaults.
pub fn load(path: &Path) -> Loaded {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => parse(&text, &path.display().to_string()),
            Err(_) => Loaded {
                config: Config::default(),
                problems: vec![format!(
                    "{}: not UTF-8 text; using the default settings",
                    path.display()
                )],
            },
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Loaded::default(),
        Err(e) => Loaded {
            config: Config::default(),
            problems: vec![format!(
                "{}: cannot read it ({e}); using the default settings",
                path.display()
            )],
        },
    }
}

/// The file as written: any value for each known name, checked one by one
/// after, so one bad value costs only that setting.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    reading_width: Option<ron::Value>,
    align: Option<ron::Value>,
    theme: Option<ron::Value>,
    mouse: Option<ron::Value>,
    osc8: Option<ron::Value>,
}

/// Reads settings from `text`; `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Loaded {
    let mut loaded = Loaded::default();
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let raw: Raw = match options.from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            loaded.problems.push(format!(
                "{file}:{}:{}: {}; using the default settings",
                e.span.start.line, e.span.start.col, e.code
            ));
            return loaded;
        }
    };
    let fields = [
        ("reading_width", raw.reading_width),
        ("align", raw.align),
        ("theme", raw.theme),
        ("mouse", raw.mouse),
        ("osc8", raw.osc8),
    ];
    let config = &mut loaded.config;
    for (name, value) in fields {
        let Some(value) = value else { continue };
        let line = line_of(text, name);
        let problem = match name {
            "reading_width" => match number(&value) {
                Some(n) if (MIN_READING_WIDTH..=MAX_READING_WIDTH).contains(&n) => {
                    config.reading_width = n;
                    None
                }
                _ => Some(format!(
                    "must be a whole number from {MIN_READING_WIDTH} to {MAX_READING_WIDTH}"
                )),
            },
            "align" => match word(&value).as_deref() {
                Some("centre" | "center") => {
                    config.align = Align::Centre;
                    None
                }
                Some("left") => {
                    config.align = Align::Left;
                    None
                }
                _ => Some("must be \"centre\" or \"left\"".to_string()),
            },
            "theme" => match word(&value).as_deref() {
                Some("dark") => {
                    config.theme = ThemeName::Dark;
                    None
                }
                Some("light") => {
                    config.theme = ThemeName::Light;
                    None
                }
                Some("mono") => {
                    config.theme = ThemeName::Mono;
                    None
                }
                _ => Some("must be \"dark\", \"light\" or \"mono\"".to_string()),
            },
            "mouse" => flag(&value, &mut config.mouse),
            _ => flag(&value, &mut config.osc8),
        };
        if let Some(problem) = problem {
            loaded.problems.push(format!(
                "{file}:{line}: `{name}` {problem}; using the default"
            ));
        }
    }
    loaded
}

/// The line (from 1) where `name` is set in `text`, or 1 when not found.
fn line_of(text: &str, name: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(name)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map_or(1, |i| i + 1)
}

/// A whole number, if the value is one.
fn number(value: &ron::Value) -> Option<usize> {
    match value {
        ron::Value::Number(n) => n.into_f64().to_string().parse().ok(),
        _ => None,
    }
}

/// A string or a bare name, in lower case.
fn word(value: &ron::Value) -> Option<String> {
    match value {
        ron::Value::String(s) => Some(s.trim().to_lowercase()),
        _ => None,
    }
}

/// Sets `flag` from a `true` or `false` value, or says what is wrong.
fn flag(value: &ron::Value, flag: &mut bool) -> Option<String> {
    match value {
        ron::Value::Bool(b) => {
            *flag = *b;
            None
        }
        _ => Some("must be true or false".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_file_gives_the_defaults() {
        let loaded = parse(DEFAULT_FILE, "config.ron");
        assert_eq!(loaded, Loaded::default());
        assert_eq!(parse("()", "c").config, Config::default());
        assert_eq!(parse("", "c").problems.len(), 1);
    }

    #[test]
    fn every_setting_is_read() {
        let text =
            "(reading_width: 66, align: \"left\", theme: \"light\", mouse: false, osc8: false)";
        let loaded = parse(text, "c");
        assert_eq!(loaded.problems, Vec::<String>::new());
        assert_eq!(
            loaded.config,
            Config {
                reading_width: 66,
                align: Align::Left,
                theme: ThemeName::Light,
                mouse: false,
                osc8: false,
            }
        );
    }

    #[test]
    fn a_bad_value_names_its_line_and_keeps_the_other_settings() {
        let text = "(\n  theme: \"light\",\n  reading_width: 5,\n  mouse: \"no\",\n)";
        let loaded = parse(text, "/home/me/.config/pprnet/config.ron");
        assert_eq!(loaded.config.theme, ThemeName::Light);
        assert_eq!(loaded.config.reading_width, 80);
        assert!(loaded.config.mouse);
        assert_eq!(
            loaded.problems,
            [
                "/home/me/.config/pprnet/config.ron:3: `reading_width` must be a whole number from 20 to 1000; using the default",
                "/home/me/.config/pprnet/config.ron:4: `mouse` must be true or false; using the default",
            ]
        );
    }

    #[test]
    fn syntax_errors_and_unknown_names_give_file_line_and_column() {
        let loaded = parse("(\n  theme: \"light\"\n  mouse: false,\n)", "c.ron");
        assert_eq!(loaded.config, Config::default());
        assert!(
            loaded.problems[0].starts_with("c.ron:3:"),
            "{:?}",
            loaded.problems
        );
        let loaded = parse("(\n  colour: \"red\",\n)", "c.ron");
        assert!(
            loaded.problems[0].starts_with("c.ron:2:"),
            "{:?}",
            loaded.problems
        );
        assert!(
            loaded.problems[0].contains("colour"),
            "{:?}",
            loaded.problems
        );
    }

    #[test]
    fn a_missing_file_is_the_defaults_without_a_message() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&dir.path().join("config.ron")), Loaded::default());
    }
}
