//! The `pprnet` binary: parses arguments, runs, and turns errors into exit codes.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use pprnet::cli::{self, Args, UsageError};
use pprnet::text::{CleanWriter, clean};

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // Never panic again here, even when standard error is gone.
        let _ = writeln!(
            std::io::stderr(),
            "pprnet: internal error: {}",
            clean(&panic_message(info))
        );
    }));
    cli::forget_empty_data_dir_var();
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => return usage_error(&err),
    };
    // Not locked for the whole run: the reader's signal watcher writes to the
    // terminal from another thread. Everything printed is cleaned of control
    // characters (the reader draws through its own handle, not this one).
    let mut out = CleanWriter::new(std::io::BufWriter::new(std::io::stdout()));
    let result = cli::run(args, &mut out).and_then(|()| Ok(out.finish()?.flush()?));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("pprnet: {}", clean(&describe(&err)));
            if err.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

/// Help and version go to standard output (exit 0); a mistake in the command
/// line to standard error with the one `pprnet: ` prefix every error has (exit 2).
fn usage_error(err: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = err.print();
        return if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            ExitCode::from(2)
        } else {
            ExitCode::SUCCESS
        };
    }
    let text = err.render().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text);
    eprint!("pprnet: {}", clean(text));
    ExitCode::from(2)
}

/// The error and its causes joined by ": ", leaving out a cause whose text the
/// message already contains (many messages quote their cause).
fn describe(err: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if !message.contains(&text) {
            if !message.is_empty() {
                message.push_str(": ");
            }
            message.push_str(&text);
        }
    }
    message
}

/// A reader that stopped reading (`pprnet list | head`) is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn panic_message(info: &std::panic::PanicHookInfo) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    match info.location() {
        Some(at) => format!("{message} ({}:{})", at.file(), at.line()),
        None => message,
    }
}
