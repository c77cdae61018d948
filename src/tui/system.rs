//! The reader's two ways out to the rest of the system: the clipboard (through
//! the terminal, OSC 52) and the system's link opener.

use std::io::Write;
use std::process::{Command, Stdio};

use base64::Engine;

/// Asks the terminal to put `text` on the clipboard (OSC 52). Works over SSH in
/// terminals that allow it; nothing leaves the machine otherwise.
pub fn copy_osc52(text: &str) -> Result<String, String> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = std::io::stdout();
    write!(out, "\x1b]52;c;{encoded}\x07")
        .and_then(|()| out.flush())
        .map(|()| "Citation sent to the clipboard (OSC 52).".to_string())
        .map_err(|e| format!("Could not copy: {e}"))
}

/// Opens `url` with `$BROWSER` or the platform's opener.
pub fn open_url(url: &str) -> Result<String, String> {
    let mut candidates: Vec<Vec<String>> = Vec::new();
    if let Ok(browser) = std::env::var("BROWSER") {
        candidates.extend(
            browser
                .split(':')
                .filter(|b| !b.is_empty())
                .map(|b| vec![b.to_string()]),
        );
    }
    let platform: &[&[&str]] = if cfg!(target_os = "macos") {
        &[&["open"]]
    } else if cfg!(windows) {
        &[&["cmd", "/C", "start", ""]]
    } else {
        &[&["xdg-open"], &["gio", "open"], &["wslview"]]
    };
    candidates.extend(
        platform
            .iter()
            .map(|c| c.iter().map(|s| s.to_string()).collect()),
    );
    for candidate in &candidates {
        let (program, args) = candidate.split_first().expect("candidates are not empty");
        let spawned = Command::new(program)
            .args(args)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        if let Ok(mut child) = spawned {
            if opener_failed(&mut child) {
                continue;
            }
            return Ok(format!("Opening {url}"));
        }
    }
    let tried: Vec<&str> = candidates.iter().map(|c| c[0].as_str()).collect();
    Err(format!(
        "No program to open links (tried {}). The link: {url}",
        tried.join(", ")
    ))
}

/// Whether an opener gave up at once (no browser, no desktop session): it is
/// watched for a moment, and reaped if it exited.
fn opener_failed(child: &mut std::process::Child) -> bool {
    for _ in 0..10 {
        match child.try_wait() {
            Ok(Some(status)) => return !status.success(),
            Ok(None) => std::thread::sleep(std::time::Duration::from_millis(30)),
            Err(_) => return false,
        }
    }
    false
}
