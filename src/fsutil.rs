//! Small file-system helpers that keep user data safe: atomic writes, private
//! directories, and reads that refuse endless or enormous inputs.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The most bytes read from an archive file (1 GB).
pub const MAX_ARCHIVE_BYTES: u64 = 1_000_000_000;

/// The most bytes read from a saved blog page (50 MB).
pub const MAX_PAGE_BYTES: u64 = 50_000_000;

/// The most bytes read from the bookmarks file (256 MB).
pub const MAX_BOOKMARKS_BYTES: u64 = 256_000_000;

/// The most bytes read from the reader's state file (1 MB).
pub const MAX_STATE_BYTES: u64 = 1_000_000;

/// Reads a whole regular file of at most `limit` bytes.
///
/// Anything else is refused before it is read: a FIFO (which would wait for a
/// writer forever), a device such as `/dev/zero` (which never ends), a socket
/// or a directory; so is a file larger than `limit`. The error says which, as
/// an [`std::io::Error`] (`NotFound` stays `NotFound`).
pub fn read_regular(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let metadata = std::fs::metadata(path)?;
    check_regular(&metadata)?;
    let too_large = || {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "larger than {}, the most pprnet reads from such a file",
                size_text(limit)
            ),
        )
    };
    if metadata.len() > limit {
        return Err(too_large());
    }
    let file = std::fs::File::open(path)?;
    // The file may have been swapped since the check above.
    check_regular(&file.metadata()?)?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

fn check_regular(metadata: &std::fs::Metadata) -> std::io::Result<()> {
    if metadata.is_file() {
        return Ok(());
    }
    let what = kind_of(&metadata.file_type());
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("not a regular file (it is {what}); pprnet reads only regular files"),
    ))
}

/// "a directory", "a FIFO (named pipe)", "a device"...
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// "1 GB", "50 MB", "1 MB".
fn size_text(bytes: u64) -> String {
    if bytes >= 1_000_000_000 {
        format!("{} GB", bytes / 1_000_000_000)
    } else {
        format!("{} MB", bytes / 1_000_000)
    }
}

/// Creates `dir` (and any missing parents) readable by the user only (0700 on
/// Unix), whatever the umask. An existing directory is left as it is.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder.create(dir)?;
        // The umask may have taken bits away; never more than 0700 anyway.
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
    }
    #[cfg(not(unix))]
    builder.create(dir)?;
    Ok(())
}

/// Whether others than the owner may write in `dir` (group or world writable
/// on Unix), so that they could replace the files in it.
pub fn writable_by_others(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o022 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// Where the symbolic link `path` points, resolved against the link's folder
/// and followed through further links as far as they exist; `None` when `path`
/// is not a link. The target itself need not exist.
pub fn link_target(path: &Path) -> Option<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&current).is_ok_and(|m| m.file_type().is_symlink());
        let Some(target) = is_link.then(|| std::fs::read_link(&current).ok()).flatten() else {
            break;
        };
        current = parent_dir(&current).join(target);
    }
    (current != path).then_some(current)
}

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
