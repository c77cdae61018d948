//! The reader's ways out to the rest of the system: the clipboard (through
//! the terminal, OSC 52), the system's link opener (the webbrowser crate), and
//! reaping the opener processes once they exit.

use std::io::Write;

use base64::Engine;

/// Asks the terminal to put `text` on the clipboard (OSC 52) and says what was
/// done. Works over SSH in terminals that allow it; nothing leaves the machine
/// otherwise. Inside tmux, which drops OSC 52 unless `set-clipboard` is `on`,
/// the message says how to turn it on.
pub fn copy_osc52(text: &str) -> Result<String, String> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")
        .and_then(|()| out.flush())
        .map_err(|e| format!("Could not copy: {e}"))?;
    Ok(if tmux_drops_osc52() {
        "Sent as OSC 52, which tmux drops: set -g set-clipboard on".to_string()
    } else {
        "Sent to the terminal's clipboard (OSC 52).".to_string()
    })
}

/// Whether the reader runs inside tmux with `set-clipboard` other than `on`
/// (tmux's default, `external`, ignores OSC 52 from programs).
fn tmux_drops_osc52() -> bool {
    if std::env::var_os("TMUX").is_none() {
        return false;
    }
    let setting = std::process::Command::new("tmux")
        .args(["show-options", "-gv", "set-clipboard"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output();
    !matches!(setting, Ok(out) if out.status.success() && out.stdout.trim_ascii() == b"on")
}

/// Opens `url` (http or https only) with the first program that works:
/// `$BROWSER` (entries separated by `:`, each a command line where `%s` stands
/// for the link, or it goes last), then the desktop's opener (`xdg-open`, `gio`,
/// `wslview` under WSL, `open` on macOS). A text browser runs in the
/// terminal, so the caller gives the terminal up around this call.
pub fn open_url(url: &str) -> Result<(), String> {
    let options = webbrowser::BrowserOptions::new()
        .with_suppress_output(true)
        .clone();
    webbrowser::open_browser_with_options(webbrowser::Browser::Default, url, &options)
        .map_err(|e| e.to_string())
}

/// Collects the exit status of every child process that has exited (the link
/// openers, which the webbrowser crate starts and leaves running), so none is
/// left a zombie. Never waits.
pub fn reap_children() {
    #[cfg(unix)]
    loop {
        let mut status = 0;
        // SAFETY: waitpid with WNOHANG only reads our own children's states
        // into `status`, a local integer.
        let pid = unsafe { libc::waitpid(-1, &mut status, libc::WNOHANG) };
        if pid <= 0 {
            break;
        }
    }
}
