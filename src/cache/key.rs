//! What a cache entry is valid for: this program, and every source file's size,
//! modification time and content.

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

/// Bumped whenever the layout of the cache files changes.
const FORMAT: u32 = 3;

/// One thing the archive is loaded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The archive compiled into the binary (its text).
    Bundled(&'static str),
    /// A file: an archive (`--archive`) or the library. It may not exist.
    File(PathBuf),
}

/// The identity of the program and of the sources' sizes, modification
/// times and (on Unix) inodes and status change times; their content is
/// hashed apart, by [`content_hash`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Key {
    /// Compared byte for byte with a cache file's copy.
    pub(super) bytes: Vec<u8>,
    /// The sources' total size in bytes.
    pub(super) size: u64,
    /// Names the cache files of this list of sources (whatever their content).
    pub(super) name: String,
}

impl Key {
    /// The key of `sources` for this build of the program.
    pub(super) fn of(sources: &[Source]) -> std::io::Result<Key> {
        Key::for_program(&program(), sources)
    }

    /// The key of `sources` for the program `program` (its version and build).
    pub(super) fn for_program(program: &str, sources: &[Source]) -> std::io::Result<Key> {
        let mut bytes = format!("pprnet {program} cache {FORMAT}\n").into_bytes();
        let mut names = Vec::new();
        let mut size = 0;
        for source in sources {
            let (kind, identity, (length, modified), version) = match source {
                Source::Bundled(text) => (b'B', String::new(), (text.len() as u64, 0), [0; 4]),
                Source::File(path) => {
                    let path = std::path::absolute(path)?;
                    let (stamp, version) = match std::fs::metadata(&path) {
                        Ok(meta) if meta.is_file() => (stamp(&meta), self::identity(&meta)),
                        // A pipe or a device is never cached (nor read here).
                        Ok(_) => return Err(std::io::Error::other("not a regular file")),
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => ((0, 0), [0; 4]),
                        Err(e) => return Err(e),
                    };
                    (b'F', path.display().to_string(), stamp, version)
                }
            };
            size += length;
            names.push(kind);
            names.extend_from_slice(identity.as_bytes());
            names.push(0);
            bytes.push(kind);
            bytes.extend_from_slice(&(identity.len() as u64).to_le_bytes());
            bytes.extend_from_slice(identity.as_bytes());
            bytes.extend_from_slice(&length.to_le_bytes());
            bytes.extend_from_slice(&modified.to_le_bytes());
            for number in version {
                bytes.extend_from_slice(&number.to_le_bytes());
            }
        }
        Ok(Key {
            bytes,
            size,
            name: format!("{:016x}", xxh3_64(&names)),
        })
    }
}

/// The program's version, and the size and time of its executable, so that a
/// rebuilt program never reads a cache written by another build.
fn program() -> String {
    let build = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|meta| {
            let (size, modified) = stamp(&meta);
            format!("{size}.{modified}")
        })
        .unwrap_or_default();
    format!("{} {build}", env!("CARGO_PKG_VERSION"))
}

/// A hash of the sources' content, all of it (a missing file hashes as
/// empty). Large files are read by two threads, each hashing one half.
pub(super) fn content_hash(sources: &[Source]) -> std::io::Result<u128> {
    let mut all = Vec::new();
    for source in sources {
        let hash = match source {
            Source::Bundled(text) => xxh3_128(text.as_bytes()),
            Source::File(path) => file_hash(path)?,
        };
        all.extend_from_slice(&hash.to_le_bytes());
    }
    Ok(xxh3_128(&all))
}

/// Files at least this large are hashed in two halves at once.
const SPLIT: u64 = 8 << 20;

/// The hash of a file's bytes, in two halves on two threads when it is
/// large. Read, not memory-mapped: a file someone truncates meanwhile must
/// not crash the program (SIGBUS), and a map would count the whole file in
/// the process's memory.
fn file_hash(path: &Path) -> std::io::Result<u128> {
    let len = match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => meta.len(),
        Ok(_) => return Err(std::io::Error::other("not a regular file")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(e) => return Err(e),
    };
    if len < SPLIT {
        return range_hash(path, 0, len);
    }
    let half = len / 2;
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| range_hash(path, half, len - half));
        (range_hash(path, 0, half), second.join())
    });
    let second = second.map_err(|_| std::io::Error::other("hashing failed"))??;
    let mut both = first?.to_le_bytes().to_vec();
    both.extend_from_slice(&second.to_le_bytes());
    Ok(xxh3_128(&both))
}

/// The hash of the bytes of the file from `start`, at most `len` of them.
fn range_hash(path: &Path, start: u64, len: u64) -> std::io::Result<u128> {
    let mut file = std::fs::File::open(path)?;
    file.seek(SeekFrom::Start(start))?;
    let mut file = file.take(len);
    let mut hasher = Xxh3::new();
    // Small enough to stay in the CPU's cache between the copy and the hash.
    let mut buffer = vec![0; 128 << 10];
    loop {
        let read = match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => read,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buffer[..read]);
    }
    Ok(hasher.digest128())
}

/// A file's size and modification time (ns since 1970; 0 when unknown).
fn stamp(meta: &std::fs::Metadata) -> (u64, u64) {
    let modified = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as u64);
    (meta.len(), modified)
}

/// What else tells a file's versions apart without reading it: on Unix its
/// device, inode and status change time. Nobody can set the status change
/// time back (writing the file, or setting its modification time, sets it
/// to now), so content rewritten with the same size and modification time
/// still changes the key, unless it happened within the clock's resolution
/// of the cache being written; the content hash catches that case.
fn identity(meta: &std::fs::Metadata) -> [u64; 4] {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        [
            meta.dev(),
            meta.ino(),
            meta.ctime() as u64,
            meta.ctime_nsec() as u64,
        ]
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        [0; 4]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_changes_with_time_and_program_and_the_hash_with_content() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        std::fs::write(&path, "one").unwrap();
        let sources = [Source::File(path.clone())];
        let first = Key::for_program("1", &sources).unwrap();
        let hash = content_hash(&sources).unwrap();
        assert_eq!(first, Key::for_program("1", &sources).unwrap());
        assert_ne!(first.bytes, Key::for_program("2", &sources).unwrap().bytes);

        let time = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::fs::write(&path, "two").unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(time).unwrap();
        let rewritten = Key::for_program("1", &sources).unwrap();
        assert_eq!(first.name, rewritten.name);
        // The status change time moved (Unix): the key tells them apart.
        assert_eq!(first.bytes != rewritten.bytes, cfg!(unix));
        assert_ne!(
            hash,
            content_hash(&sources).unwrap(),
            "same size and time, new content"
        );

        file.set_modified(time + std::time::Duration::from_secs(1))
            .unwrap();
        let later = Key::for_program("1", &sources).unwrap();
        assert_ne!(first.bytes, later.bytes);
        assert_eq!(first.name, later.name);
        assert_eq!(later.size, 3);
    }

    #[test]
    fn a_large_file_hashed_in_halves_still_sees_every_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        let mut bytes = vec![7u8; SPLIT as usize + 1000];
        std::fs::write(&path, &bytes).unwrap();
        let sources = [Source::File(path.clone())];
        let before = content_hash(&sources).unwrap();
        for at in [0, bytes.len() / 2, bytes.len() - 1] {
            bytes[at] ^= 1;
            std::fs::write(&path, &bytes).unwrap();
            assert_ne!(before, content_hash(&sources).unwrap(), "byte {at}");
            bytes[at] ^= 1;
        }
        std::fs::write(&path, &bytes).unwrap();
        assert_eq!(before, content_hash(&sources).unwrap());
    }

    #[test]
    fn a_missing_file_has_a_key_that_changes_when_it_appears() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.ron");
        let sources = [Source::Bundled("text"), Source::File(path.clone())];
        let missing = Key::for_program("1", &sources).unwrap();
        std::fs::write(&path, "").unwrap();
        assert_ne!(
            missing.bytes,
            Key::for_program("1", &sources).unwrap().bytes
        );
    }
}
