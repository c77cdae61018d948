//! `pprnet update`: the site walk of [`crate::fetch`] with progress on standard
//! error (a spinner when it is a terminal), Ctrl-C handling, and the summary.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use anyhow::{Result, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::fetch::{self, Progress, SiteLibrary, Summary, UpdateOptions};
use crate::text::clean;

/// Checks a `--delay` value: seconds, from 0 to an hour.
pub fn parse_delay(text: &str) -> Result<Duration, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| "must be a number of seconds such as 1 or 0.5".to_string())?;
    if !(0.0..=3600.0).contains(&seconds) {
        return Err("must be between 0 and 3600 seconds".into());
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// Runs the update and prints its summary (a line, or JSON with `json`).
pub fn run(
    options: &UpdateOptions,
    json: bool,
    data_dir: &Path,
    library: &mut dyn SiteLibrary,
    out: &mut dyn Write,
) -> Result<()> {
    let cancel = Arc::new(AtomicBool::new(false));
    watch_interrupts(&cancel)?;
    let mut progress = StderrProgress::new();
    let result = fetch::update(
        data_dir,
        options,
        library,
        Arc::clone(&cancel),
        &mut progress,
    );
    progress.finish();
    let summary = result?;
    if json {
        serde_json::to_writer_pretty(&mut *out, &JsonSummary::from(&summary))?;
        writeln!(out)?;
    } else {
        writeln!(out, "{}", summary.line())?;
    }
    if let Some(error) = &summary.stopped {
        out.flush()?;
        let kept = if summary.merged.added.is_empty() && summary.merged.updated.is_empty() {
            "the library is as it was".to_string()
        } else {
            "the posts read before were kept".to_string()
        };
        bail!("{error}; {kept}");
    }
    Ok(())
}

/// Ctrl-C (or SIGTERM) asks the update to stop after the current request;
/// a second one ends the program at once (the library's writes are atomic).
fn watch_interrupts(cancel: &Arc<AtomicBool>) -> Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    for signal in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(cancel))?;
        signal_hook::flag::register(signal, Arc::clone(cancel))?;
    }
    Ok(())
}

/// Progress on standard error: a spinner with counts when it is a terminal,
/// otherwise only the warnings.
struct StderrProgress {
    bar: Option<ProgressBar>,
    counts: String,
}

impl StderrProgress {
    fn new() -> StderrProgress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        StderrProgress {
            bar,
            counts: String::new(),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Progress for StderrProgress {
    fn fetching(&mut self, doing: &str, _url: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(clean(&format!("{}{doing}", self.counts)).into_owned());
        }
    }

    fn counts(&mut self, pages: usize, posts: usize) {
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        self.counts = format!(
            "{pages} page{}, {posts} post{} · ",
            plural(pages),
            plural(posts)
        );
    }

    fn warn(&mut self, message: &str) {
        let print = || super::warn(format!("pprnet: warning: {message}"));
        match &self.bar {
            Some(bar) => bar.suspend(print),
            None => print(),
        }
    }
}

/// `update --json`.
#[derive(Serialize)]
struct JsonSummary<'a> {
    added: &'a [String],
    updated: &'a [String],
    retagged: &'a [String],
    topic_listings: usize,
    unchanged_topic_listings: usize,
    type_listings: usize,
    pages: usize,
    downloaded: usize,
    not_modified: usize,
    seconds: f64,
    warnings: &'a [String],
    error: Option<String>,
}

impl<'a> From<&'a Summary> for JsonSummary<'a> {
    fn from(summary: &'a Summary) -> Self {
        JsonSummary {
            added: &summary.merged.added,
            updated: &summary.merged.updated,
            retagged: &summary.merged.retagged,
            topic_listings: summary.topic_listings,
            unchanged_topic_listings: summary.unchanged_topic_listings,
            type_listings: summary.type_listings,
            pages: summary.pages,
            downloaded: summary.counts.downloaded,
            not_modified: summary.counts.not_modified,
            seconds: (summary.elapsed.as_secs_f64() * 10.0).round() / 10.0,
            warnings: &summary.warnings,
            error: summary.stopped.as_ref().map(|e| e.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_are_seconds_within_an_hour() {
        assert_eq!(parse_delay("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_delay("0"), Ok(Duration::ZERO));
        assert!(parse_delay("-1").is_err());
        assert!(parse_delay("soon").is_err());
        assert!(parse_delay("NaN").is_err());
    }
}
