//! Where `-o FILE` output goes, for `import` and `bookmarks export`.
//!
//! - `-o -` is standard output.
//! - pprnet's own files (bookmarks, lock, reader state, library, config) are
//!   refused, whatever path names them (`./`, `..`, a link).
//! - A symbolic link is written through: its target is replaced atomically (a
//!   temporary file in the target's folder), and the link stays a link.
//! - A device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written to
//!   directly, never replaced by a file.
//! - Anything else is written atomically (temporary file, fsync, rename).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::bookmarks::store;
use crate::fsutil::{link_target, write_atomic};
use crate::tui::memory;

/// Names of pprnet's own files in the data and config directories.
const OWN_FILES: [&str; 6] = [
    store::FILE_NAME,
    store::LOCK_FILE_NAME,
    memory::STATE_FILE,
    "library.ron",
    "library.lock",
    "config.ron",
];

/// How output for a `-o` path gets written.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// `-o -`.
    Stdout,
    /// Opened and written in place: a device, a FIFO, or `/dev/stdout`.
    Direct { path: PathBuf, append: bool },
    /// Replaced atomically.
    Atomic(PathBuf),
}

/// Writes `bytes` (`what`: "the handout") where `-o path` says (see the module's documentation),
/// refusing pprnet's own files in `data_dir` and `config_dir`. Returns whether
/// the bytes went to a file (rather than standard output).
pub fn write(
    path: &Path,
    what: &str,
    bytes: &[u8],
    data_dir: Option<&Path>,
    config_dir: Option<&Path>,
    out: &mut dyn Write,
) -> Result<bool> {
    let target = target(path, data_dir, config_dir)?;
    let context = || format!("{}: cannot write {what}", path.display());
    match target {
        Target::Stdout => {
            out.write_all(bytes)?;
            return Ok(false);
        }
        Target::Direct { path, append } => {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .append(append)
                .open(&path)
                .with_context(context)?;
            file.write_all(bytes).with_context(context)?;
        }
        Target::Atomic(path) => write_atomic(&path, bytes).with_context(context)?,
    }
    Ok(true)
}

fn target(path: &Path, data_dir: Option<&Path>, config_dir: Option<&Path>) -> Result<Target> {
    if path.as_os_str() == "-" {
        return Ok(Target::Stdout);
    }
    refuse_own_files(path, data_dir, config_dir)?;
    let via_system = path.starts_with("/dev") || path.starts_with("/proc");
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => {
            bail!("{}: is a directory; name a file", path.display())
        }
        Ok(metadata) if !metadata.is_file() || via_system => Ok(Target::Direct {
            path: path.to_path_buf(),
            // `/dev/stdout` redirected to a file: add to what the shell opened.
            append: metadata.is_file(),
        }),
        _ => Ok(Target::Atomic(
            link_target(path).unwrap_or_else(|| path.to_path_buf()),
        )),
    }
}

/// Refuses `path` when it is (or links to) one of pprnet's own files.
fn refuse_own_files(path: &Path, data_dir: Option<&Path>, config_dir: Option<&Path>) -> Result<()> {
    let wanted = resolved(path);
    let own = data_dir
        .into_iter()
        .chain(config_dir)
        .flat_map(|dir| OWN_FILES.iter().map(move |name| dir.join(name)));
    for file in own {
        if resolved(&file) == wanted {
            bail!(
                "{}: that is pprnet's own {}; write somewhere else. Nothing was written",
                path.display(),
                file.file_name().unwrap_or_default().to_string_lossy()
            );
        }
    }
    Ok(())
}

/// `path` made absolute with links followed, as far as it exists: the
/// existing part canonicalised, the rest appended.
fn resolved(path: &Path) -> PathBuf {
    let path = link_target(path).unwrap_or_else(|| path.to_path_buf());
    if let Ok(real) = std::fs::canonicalize(&path) {
        return real;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            resolved(parent).join(name)
        }
        _ => std::path::absolute(&path).unwrap_or(path),
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_dash_is_standard_output_and_devices_are_written_in_place() {
        assert_eq!(target(Path::new("-"), None, None).unwrap(), Target::Stdout);
        assert_eq!(
            target(Path::new("/dev/null"), None, None).unwrap(),
            Target::Direct {
                path: "/dev/null".into(),
                append: false
            }
        );
    }

    #[test]
    fn own_files_are_refused_by_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        std::fs::write(data.join("bookmarks.ron"), "x").unwrap();
        std::os::unix::fs::symlink(data.join("bookmarks.ron"), dir.path().join("link")).unwrap();
        for path in [
            data.join("bookmarks.ron"),
            data.join("state.ron"),
            data.join("../data/library.ron"),
            dir.path().join("link"),
        ] {
            let err = target(&path, Some(&data), None).unwrap_err();
            assert!(err.to_string().contains("Nothing was written"), "{err}");
        }
        let config = dir.path().join("config");
        let err = target(&config.join("config.ron"), None, Some(&config)).unwrap_err();
        assert!(err.to_string().contains("own config.ron"), "{err}");
        assert!(target(&dir.path().join("out.md"), Some(&data), Some(&config)).is_ok());
    }

    #[test]
    fn links_are_written_through_to_their_target() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        // Dangling at first: the target is created, the link kept.
        let mut out = Vec::new();
        assert!(write(&link, "the test", b"one", None, None, &mut out).unwrap());
        assert!(link.is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "one");
        write(&link, "the test", b"two", None, None, &mut out).unwrap();
        assert!(link.is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "two");
        assert!(out.is_empty());
    }
}
