//! `pprnet man`: one self-contained man page. clap_mangen's own page refers
//! to a page per subcommand (`pprnet-list(1)`...) that nothing installs, so
//! the commands are listed here instead, each with its usage line and what it
//! does, and `pprnet COMMAND --help` gives the rest.

use std::io::Write;

/// Writes the man page of `command` (roff) to `out`.
pub fn render(command: clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    writeln!(out, ".SH SUBCOMMANDS")?;
    writeln!(
        out,
        "Each command's options: \\fBpprnet\\fR \\fICOMMAND\\fR \\fB\\-\\-help\\fR."
    )?;
    commands(&command, out)?;
    man.render_extra_section(out)?;
    man.render_version_section(out)
}

/// A tagged paragraph per subcommand of `command` (and theirs, in turn):
/// its usage line in bold, then what it does.
fn commands(command: &clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim().trim_start_matches("Usage:").trim();
        writeln!(out, ".TP")?;
        writeln!(out, "\\fB{}\\fR", escape(usage))?;
        let about = sub.get_about().map(ToString::to_string).unwrap_or_default();
        writeln!(out, "{}", escape(&about))?;
        commands(sub, out)?;
    }
    Ok(())
}

/// `text` as roff text on one line: backslashes and hyphens escaped, and a
/// leading `.` or `'` kept from being read as a request.
fn escape(text: &str) -> String {
    let text = text
        .replace('\n', " ")
        .replace('\\', "\\e")
        .replace('-', "\\-");
    if text.starts_with(['.', '\'']) {
        format!("\\&{text}")
    } else {
        text
    }
}
