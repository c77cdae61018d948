//! `config.ron` from the command line: the commented default, problems named
//! with file and line, and the reading width used by `show`.

#[path = "common/cli.rs"]
#[allow(dead_code)]
mod common_cli;

use std::process::Output;

use common_cli::{pprnet, pprnet_in, stderr, stdout};

/// Runs `pprnet args...` with `config` as its config.ron.
fn with_config(config: &str, args: &[&str]) -> Output {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("config/pprnet");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.ron"), config).unwrap();
    pprnet_in(data.path(), args)
}

fn widest_line(text: &str) -> usize {
    use unicode_width::UnicodeWidthStr;
    text.lines().map(|l| l.width()).max().unwrap_or(0)
}

#[test]
fn print_default_gives_a_commented_file_that_reads_as_the_defaults() {
    let output = pprnet(&["config", "--print-default"]);
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.starts_with("// pprnet settings."), "{text}");
    for name in ["reading_width", "align", "theme", "mouse", "osc8"] {
        assert!(text.contains(&format!("    {name}: ")), "{name}");
    }
    let checked = with_config(&text, &["config"]);
    assert!(checked.status.success(), "{}", stderr(&checked));
    assert!(stdout(&checked).ends_with("config.ron: ok\n"));
}

#[test]
fn show_wraps_to_the_reading_width_when_not_on_a_terminal() {
    let default = stdout(&pprnet(&["show", "2023-11"]));
    assert!(widest_line(&default) <= 80 && widest_line(&default) > 70);
    let narrow = with_config("(reading_width: 50)", &["show", "2023-11"]);
    let narrow = stdout(&narrow);
    assert!(
        widest_line(&narrow) <= 50 && widest_line(&narrow) > 40,
        "{narrow}"
    );
    // --width wins over the config.
    let wide = with_config(
        "(reading_width: 50)",
        &["show", "2023-11", "--width", "100"],
    );
    assert!(widest_line(&stdout(&wide)) > 80);
}

#[test]
fn a_bad_value_is_named_with_file_and_line() {
    let config = "(\n    reading_width: 60,\n    theme: \"blue\",\n)\n";
    let checked = with_config(config, &["config"]);
    assert_eq!(checked.status.code(), Some(1));
    let message = stderr(&checked);
    assert!(
        message.contains("config.ron:3: `theme` must be"),
        "{message}"
    );
    // show still works, says so, and uses the good setting.
    let shown = with_config(config, &["show", "2023-11"]);
    assert!(shown.status.success());
    assert!(
        stderr(&shown).contains("config.ron:3:"),
        "{}",
        stderr(&shown)
    );
    assert!(widest_line(&stdout(&shown)) <= 60);
}

#[test]
fn show_never_splits_a_doi() {
    for width in ["20", "34", "40", "57"] {
        let text = stdout(&pprnet(&["show", "2023-11", "--width", width]));
        assert!(
            text.lines()
                .any(|l| l.trim() == "https://doi.org/10.1037/pst0000503"
                    || l.trim_end()
                        .ends_with(" https://doi.org/10.1037/pst0000503")),
            "width {width}:\n{text}"
        );
    }
}
