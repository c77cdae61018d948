//! The cache file: a key and some sections of bytes, each with a checksum,
//! written atomically and read through a memory map.
//!
//! Layout (integers little-endian):
//!
//! ```text
//! "PPRNETC1"  key length (u32)  section count (u32)  key
//! the sources' content hash (u128)
//! per section: offset (u64), length (u64), xxh3 of its bytes (u64)
//! the sections, each starting at a multiple of 16 bytes
//! ```

use std::io::Write;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use memmap2::Mmap;
use xxhash_rust::xxh3::xxh3_64;

use super::key::Key;

const MAGIC: &[u8; 8] = b"PPRNETC1";

/// Sections start at multiples of this (rkyv's alignment).
const ALIGN: usize = 16;

/// An open cache file whose key matched; its sections are checked when read.
#[derive(Debug)]
pub(super) struct CacheFile {
    map: Arc<Mmap>,
    /// The hash of the sources' content it was written for.
    content: u128,
    sections: Vec<(Range<usize>, u64)>,
}

impl CacheFile {
    /// Opens the cache file at `path` if it exists, is whole and was written
    /// for `key`; `None` otherwise. The caller compares [`CacheFile::content`]
    /// with the sources' content hash.
    pub(super) fn open(path: &Path, key: &Key) -> Option<CacheFile> {
        let file = std::fs::File::open(path).ok()?;
        // SAFETY: cache files are only ever replaced by renaming a new file
        // over them, never changed in place, so the mapped bytes do not
        // change under us. (A user editing the file by hand could break
        // that; every section is checksummed and validated before use.)
        let map = unsafe { Mmap::map(&file) }.ok()?;
        let (content, sections) = parse_header(&map, key)?;
        Some(CacheFile {
            map: Arc::new(map),
            content,
            sections,
        })
    }

    /// The hash of the sources' content the file was written for.
    pub(super) fn content(&self) -> u128 {
        self.content
    }

    /// How many sections the file has.
    pub(super) fn len(&self) -> usize {
        self.sections.len()
    }

    /// The bytes of section `n`, if their checksum matches.
    pub(super) fn section(&self, n: usize) -> Option<&[u8]> {
        let range = self.checked(n)?;
        Some(&self.map[range])
    }

    /// Where section `n` is in [`CacheFile::bytes`], if its checksum matches.
    pub(super) fn checked(&self, n: usize) -> Option<Range<usize>> {
        let (range, hash) = self.sections.get(n)?;
        (xxh3_64(&self.map[range.clone()]) == *hash).then(|| range.clone())
    }

    /// Where sections `from..` are, if all their checksums match (checked on
    /// two threads).
    pub(super) fn all_checked(&self, from: usize) -> Option<Vec<Range<usize>>> {
        let numbers: Vec<usize> = (from..self.len()).collect();
        // Halves of about the same number of bytes.
        let total: usize = numbers.iter().map(|&n| self.sections[n].0.len()).sum();
        let mut bytes = 0;
        let half = numbers
            .iter()
            .position(|&n| {
                bytes += self.sections[n].0.len();
                bytes > total / 2
            })
            .unwrap_or(numbers.len());
        let (first, second) = numbers.split_at(half);
        let check = |numbers: &[usize]| -> Option<Vec<Range<usize>>> {
            numbers.iter().map(|&n| self.checked(n)).collect()
        };
        let (mut first, second) = std::thread::scope(|scope| {
            let other = scope.spawn(|| check(second));
            (check(first), other.join().ok().flatten())
        });
        first.as_mut()?.extend(second?);
        first
    }

    /// The whole file's bytes, shared.
    pub(super) fn bytes(&self) -> crate::search::stored::Shared {
        self.map.clone()
    }
}

/// The content hash and the sections' places and checksums, if the header is
/// whole and the key is `key`.
type Header = (u128, Vec<(Range<usize>, u64)>);

fn parse_header(bytes: &[u8], key: &Key) -> Option<Header> {
    let u32_at = |at: usize| -> Option<usize> {
        let b = bytes.get(at..at + 4)?;
        Some(u32::from_le_bytes(b.try_into().ok()?) as usize)
    };
    let u64_at = |at: usize| -> Option<u64> {
        let b = bytes.get(at..at + 8)?;
        Some(u64::from_le_bytes(b.try_into().ok()?))
    };
    if bytes.get(..8)? != MAGIC {
        return None;
    }
    let (key_len, count) = (u32_at(8)?, u32_at(12)?);
    let key_at: usize = 16;
    if bytes.get(key_at..key_at.checked_add(key_len)?)? != key.bytes.as_slice() {
        return None;
    }
    let content_at = key_at + key_len;
    let content = u128::from_le_bytes(bytes.get(content_at..content_at + 16)?.try_into().ok()?);
    let table = content_at + 16;
    let sections = (0..count)
        .map(|n| {
            let at = table + n * 24;
            let offset = usize::try_from(u64_at(at)?).ok()?;
            let len = usize::try_from(u64_at(at + 8)?).ok()?;
            let end = offset.checked_add(len)?;
            (offset % ALIGN == 0 && end <= bytes.len()).then_some((offset..end, u64_at(at + 16)?))
        })
        .collect::<Option<_>>()?;
    Some((content, sections))
}

/// Writes a cache file for `key` and sources whose content hash is `content`
/// holding `sections`, atomically: into a temporary file in the same
/// directory, then renamed over `path`. (Not flushed to disk first: after a
/// crash the checksums catch a torn file.)
pub(super) fn write(
    path: &Path,
    key: &Key,
    content: u128,
    sections: &[&[u8]],
) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    remove_abandoned_temps(dir);
    let mut header = Vec::new();
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&(key.bytes.len() as u32).to_le_bytes());
    header.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    header.extend_from_slice(&key.bytes);
    header.extend_from_slice(&content.to_le_bytes());
    let mut offset = (header.len() + sections.len() * 24).next_multiple_of(ALIGN);
    let mut places = Vec::new();
    for section in sections {
        header.extend_from_slice(&(offset as u64).to_le_bytes());
        header.extend_from_slice(&(section.len() as u64).to_le_bytes());
        header.extend_from_slice(&xxh3_64(section).to_le_bytes());
        places.push(offset);
        offset = (offset + section.len()).next_multiple_of(ALIGN);
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".cache.")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    let file = temp.as_file_mut();
    let mut written = header.len();
    file.write_all(&header)?;
    for (section, at) in sections.iter().zip(places) {
        file.write_all(&[0; ALIGN][..at - written])?;
        file.write_all(section)?;
        written = at + section.len();
    }
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Temporary files at least this old were left by a writer that was killed.
const ABANDONED: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Removes the temporary files that killed writers left in `dir` (a cache
/// file can be hundreds of megabytes); younger ones may still be filling.
fn remove_abandoned_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let abandoned = entry
            .metadata()
            .ok()
            .filter(|meta| meta.is_file())
            .and_then(|meta| meta.modified().ok())
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age >= ABANDONED);
        if name.starts_with(".cache.") && name.ends_with(".tmp") && abandoned {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::key::Source;
    use super::*;

    fn key(program: &str) -> Key {
        Key::for_program(program, &[Source::Bundled("text")]).unwrap()
    }

    #[test]
    fn sections_come_back_aligned_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        write(&path, &key("1"), 42, &[b"abc", b"", b"0123456789abcdefg"]).unwrap();
        let file = CacheFile::open(&path, &key("1")).unwrap();
        assert_eq!(file.content(), 42);
        assert_eq!(file.section(0), Some(&b"abc"[..]));
        assert_eq!(file.section(1), Some(&b""[..]));
        assert_eq!(file.section(2), Some(&b"0123456789abcdefg"[..]));
        assert_eq!(file.section(3), None);
        for n in 0..3 {
            let at = file.section(n).unwrap().as_ptr() as usize - file.map.as_ptr() as usize;
            assert_eq!(at % ALIGN, 0);
        }
        assert!(
            CacheFile::open(&path, &key("2")).is_none(),
            "another program"
        );
    }

    #[test]
    fn temporary_files_of_killed_writers_are_removed_and_young_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".cache.abc.tmp");
        let young = dir.path().join(".cache.def.tmp");
        let other = dir.path().join(".other.abc.tmp");
        for path in [&old, &young, &other] {
            std::fs::write(path, "x").unwrap();
        }
        let long_ago = std::time::SystemTime::now() - ABANDONED * 2;
        for path in [&old, &other] {
            let file = std::fs::File::options().write(true).open(path).unwrap();
            file.set_modified(long_ago).unwrap();
        }
        write(&dir.path().join("c.bin"), &key("1"), 1, &[b"x"]).unwrap();
        assert!(!old.exists());
        assert!(young.exists());
        assert!(other.exists());
    }

    #[test]
    fn a_truncated_or_damaged_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.bin");
        write(&path, &key("1"), 42, &[b"some section bytes"]).unwrap();
        let whole = std::fs::read(&path).unwrap();

        std::fs::write(&path, &whole[..whole.len() - 3]).unwrap();
        assert!(CacheFile::open(&path, &key("1")).is_none());

        let mut damaged = whole.clone();
        *damaged.last_mut().unwrap() ^= 1;
        std::fs::write(&path, &damaged).unwrap();
        let file = CacheFile::open(&path, &key("1")).unwrap();
        assert_eq!(file.section(0), None);

        for cut in [0, 7, 20, 40] {
            std::fs::write(&path, &whole[..cut]).unwrap();
            assert!(CacheFile::open(&path, &key("1")).is_none());
        }
    }
}
