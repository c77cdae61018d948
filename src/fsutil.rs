//! Small file-system helpers that keep user data safe.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in the same directory is
/// written, flushed to disk and renamed over `path`, so readers see either the old
/// file or the new one, never a half-written one.
///
/// The temporary file is named `.NAME.XXXXXX.tmp` after `path`'s file name, so a
/// writer killed mid-write leaves a recognisable file (see [`remove_stale_temps`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = parent_dir(path);
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix(path))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    if let Ok(dir) = std::fs::File::open(dir) {
        // Make the rename itself durable; not every platform allows this.
        let _ = dir.sync_all();
    }
    Ok(())
}

const TEMP_SUFFIX: &str = ".tmp";

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn temp_prefix(path: &Path) -> std::ffi::OsString {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    prefix
}

/// Removes the temporary files that writers of `path` killed mid-write left
/// behind (see [`write_atomic`]), returning how many were removed.
///
/// Only call this while holding a lock that every writer of `path` takes, or
/// it may remove a temporary file another writer is still filling.
pub fn remove_stale_temps(path: &Path) -> std::io::Result<usize> {
    let prefix = temp_prefix(path);
    let prefix = prefix.to_string_lossy();
    let mut removed = 0;
    for entry in std::fs::read_dir(parent_dir(path))? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.len() > prefix.len() + TEMP_SUFFIX.len()
            && name.starts_with(prefix.as_ref())
            && name.ends_with(TEMP_SUFFIX)
            && entry.file_type()?.is_file()
        {
            std::fs::remove_file(entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_replace_the_whole_file_and_leave_no_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.txt");
        write_atomic(&path, b"first version, rather long").unwrap();
        write_atomic(&path, b"second").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "second");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn stale_temporary_files_of_one_file_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("file.txt");
        for name in [".file.txt.abc123.tmp", ".other.txt.abc123.tmp", "file.txt"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(remove_stale_temps(&path).unwrap(), 1);
        assert!(path.exists());
        assert!(dir.path().join(".other.txt.abc123.tmp").exists());
        assert!(!dir.path().join(".file.txt.abc123.tmp").exists());
    }
}
