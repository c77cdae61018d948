//! The cache of the parsed archive and its search index, through the real
//! binary: a cache that is stale, truncated, damaged or from another version
//! is rebuilt, and one that cannot be written only costs speed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use pprnet::archive::{self, Archive};

#[allow(dead_code)]
#[path = "../examples/synth_archive.rs"]
mod synth;

/// An archive of `count` synthetic posts, written to `dir/archive.ron`.
fn write_archive(dir: &Path, count: usize) -> (PathBuf, Archive) {
    let bundled = archive::bundled().unwrap();
    let archive = synth::generate(&bundled, count, 7);
    let path = dir.join("archive.ron");
    std::fs::write(&path, archive::to_ron(&archive)).unwrap();
    (path, archive)
}

/// Runs `pprnet --archive ARCHIVE args...` with its data and cache in `home`.
fn pprnet(home: &Path, cache: &Path, archive: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pprnet"))
        .arg("--archive")
        .arg(archive)
        .args(args)
        .env("PPRNET_DATA_DIR", home.join("data"))
        .env("XDG_CACHE_HOME", cache)
        .output()
        .unwrap()
}

/// What `list` prints for `archive`.
fn listing(archive: &Archive) -> String {
    archive
        .posts
        .iter()
        .map(|p| format!("{}\t{}\t{}\n", p.id, p.month, p.title))
        .collect()
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The cache file whose name starts with `prefix` (`archive-` or `index-`).
fn cache_file(cache: &Path, prefix: &str) -> PathBuf {
    let dir = cache.join("pprnet");
    let mut found = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix));
    let file = found.next().unwrap_or_else(|| panic!("no {prefix} file"));
    assert!(found.next().is_none(), "one {prefix} file");
    file
}

/// Replaces the first `from` in the file with `to` (the same length), keeping
/// or moving its modification time.
fn edit(path: &Path, from: &str, to: &str, modified: SystemTime) {
    assert_eq!(from.len(), to.len());
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(modified).unwrap();
}

fn modified(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn the_second_run_reads_the_cache_and_prints_the_same() {
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let (path, archive) = write_archive(home.path(), 120);
    let first = stdout(&pprnet(home.path(), &cache, &path, &["list"]));
    assert_eq!(first, listing(&archive));
    let written = cache_file(&cache, "archive-");
    let second = stdout(&pprnet(home.path(), &cache, &path, &["list"]));
    assert_eq!(second, first);
    assert_eq!(
        modified(&written),
        modified(&cache_file(&cache, "archive-"))
    );

    // `show` reads one post's body from the cache.
    let post = &archive.posts[77];
    let shown = stdout(&pprnet(home.path(), &cache, &path, &["show", &post.id]));
    assert!(shown.contains(&post.title), "{shown}");
    let last_words: String = post.summary[0]
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(shown.contains(&last_words), "{shown}");
}

#[test]
fn a_changed_archive_is_read_afresh_even_with_the_same_size_or_time() {
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let (path, mut archive) = write_archive(home.path(), 120);
    stdout(&pprnet(home.path(), &cache, &path, &["list"]));

    // Same size, a new modification time.
    let title = archive.posts[3].title.clone();
    let renamed = format!("X{}", &title[1..]);
    edit(
        &path,
        &format!("title: \"{title}\""),
        &format!("title: \"{renamed}\""),
        modified(&path) + Duration::from_secs(5),
    );
    archive.posts[3].title = renamed.clone();
    assert_eq!(
        stdout(&pprnet(home.path(), &cache, &path, &["list"])),
        listing(&archive)
    );

    // The same modification time (and size), new content.
    let again = format!("Y{}", &title[1..]);
    edit(
        &path,
        &format!("title: \"{renamed}\""),
        &format!("title: \"{again}\""),
        modified(&path),
    );
    archive.posts[3].title = again;
    assert_eq!(
        stdout(&pprnet(home.path(), &cache, &path, &["list"])),
        listing(&archive)
    );
}

#[test]
fn a_truncated_or_damaged_cache_is_rebuilt() {
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let (path, archive) = write_archive(home.path(), 120);
    stdout(&pprnet(home.path(), &cache, &path, &["list"]));
    let file = cache_file(&cache, "archive-");
    let whole = std::fs::read(&file).unwrap();

    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    assert_eq!(
        stdout(&pprnet(home.path(), &cache, &path, &["list"])),
        listing(&archive)
    );
    assert_eq!(std::fs::read(&file).unwrap(), whole, "rewritten whole");

    // A flipped byte near the end: in the last posts' bodies.
    let mut damaged = whole.clone();
    let at = damaged.len() - 100;
    damaged[at] ^= 0x20;
    std::fs::write(&file, &damaged).unwrap();
    let post = archive.posts.last().unwrap();
    let fresh = home.path().join("fresh-cache");
    let expected = stdout(&pprnet(home.path(), &fresh, &path, &["show", &post.id]));
    let last = post.implications.last().or(post.summary.last()).unwrap();
    let tail = last.split_whitespace().last().unwrap();
    assert!(expected.contains(tail), "{expected}");
    let shown = stdout(&pprnet(home.path(), &cache, &path, &["show", &post.id]));
    assert_eq!(shown, expected);
}

#[test]
fn a_cache_from_another_version_is_rebuilt() {
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let (path, archive) = write_archive(home.path(), 120);
    stdout(&pprnet(home.path(), &cache, &path, &["search", "alliance"]));
    let version = format!("pprnet {} ", env!("CARGO_PKG_VERSION"));
    let other = format!(
        "pprnet {} ",
        env!("CARGO_PKG_VERSION").replace(|c: char| c.is_ascii_digit(), "9")
    );
    for prefix in ["archive-", "index-"] {
        let file = cache_file(&cache, prefix);
        let mut bytes = std::fs::read(&file).unwrap();
        let at = bytes
            .windows(version.len())
            .position(|w| w == version.as_bytes())
            .expect("the version in the header");
        bytes[at..at + other.len()].copy_from_slice(other.as_bytes());
        std::fs::write(&file, &bytes).unwrap();
    }
    assert_eq!(
        stdout(&pprnet(home.path(), &cache, &path, &["list"])),
        listing(&archive)
    );
    let header = std::fs::read(cache_file(&cache, "archive-")).unwrap();
    assert!(
        header
            .windows(version.len())
            .any(|w| w == version.as_bytes()),
        "rewritten by this version"
    );
}

#[test]
fn search_answers_the_same_from_the_cached_index() {
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let (path, archive) = write_archive(home.path(), 120);
    let expected: String = pprnet::search::SearchIndex::new(&archive.posts)
        .search(&archive.posts, "thrpst empthy")
        .iter()
        .map(|hit| {
            let p = &archive.posts[hit.post];
            format!("{}\t{}\t{}\n", p.id, p.month, p.title)
        })
        .collect();
    assert!(!expected.is_empty());
    let query = ["search", "thrpst", "empthy"];
    assert_eq!(
        stdout(&pprnet(home.path(), &cache, &path, &query)),
        expected
    );
    let index = cache_file(&cache, "index-");
    assert_eq!(
        stdout(&pprnet(home.path(), &cache, &path, &query)),
        expected
    );
    assert_eq!(
        modified(&index),
        modified(&cache_file(&cache, "index-")),
        "read, not rebuilt"
    );

    // A damaged index is rebuilt.
    let mut bytes = std::fs::read(&index).unwrap();
    let at = bytes.len() - 10;
    bytes[at] ^= 1;
    std::fs::write(&index, &bytes).unwrap();
    assert_eq!(
        stdout(&pprnet(home.path(), &cache, &path, &query)),
        expected
    );
}

#[test]
fn a_cache_dir_that_cannot_be_written_costs_only_speed() {
    let home = tempfile::tempdir().unwrap();
    let (path, archive) = write_archive(home.path(), 120);
    // A file where the cache directory should be: not even root can create
    // the directory (a read-only directory would not stop root).
    let blocked = home.path().join("not-a-dir");
    std::fs::write(&blocked, "").unwrap();
    for _ in 0..2 {
        let output = pprnet(home.path(), &blocked, &path, &["list"]);
        assert_eq!(stdout(&output), listing(&archive));
        let errors = String::from_utf8(output.stderr).unwrap();
        assert_eq!(errors.lines().count(), 1, "{errors}");
        assert!(errors.contains("cannot write the cache"), "{errors}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let read_only = home.path().join("read-only");
        std::fs::create_dir_all(read_only.join("pprnet")).unwrap();
        for dir in [read_only.join("pprnet"), read_only.clone()] {
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
        }
        let output = pprnet(home.path(), &read_only, &path, &["list"]);
        assert_eq!(stdout(&output), listing(&archive));
        assert!(String::from_utf8(output.stderr).unwrap().lines().count() <= 1);
        std::fs::set_permissions(
            read_only.join("pprnet"),
            std::fs::Permissions::from_mode(0o755),
        )
        .unwrap();
    }
}

#[test]
fn a_library_comes_through_the_cache_with_its_sources_and_suggestions() {
    use pprnet::library::{Entry, LibraryFile, Tags, store};
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let (path, archive) = write_archive(home.path(), 120);
    assert!(std::fs::metadata(&path).unwrap().len() > pprnet::cache::SMALL);
    // A post new to the archive (its tags suggested), a newer copy of an
    // archive post, and a person's tags on another.
    let mut new = archive.posts[5].clone();
    new.id = format!("{}-imported", new.id);
    new.title = format!("Imported: {}", new.title);
    let entry = |post| Entry {
        post,
        added: "2026-11-01T00:00:00Z".to_string(),
        sources: vec!["/tmp/page.html".to_string()],
    };
    let mut library = LibraryFile {
        posts: vec![entry(new.clone()), entry(archive.posts[9].clone())],
        ..LibraryFile::default()
    };
    library.curated.insert(
        archive.posts[11].id.clone(),
        Tags {
            topics: None,
            research_type: Some(archive.research_types[0].clone()),
        },
    );
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(store::file(&data).path(), store::to_ron(&library)).unwrap();

    let uncached = stdout(&pprnet(home.path(), &cache, &path, &["list", "--json"]));
    cache_file(&cache, "archive-");
    let cached = stdout(&pprnet(home.path(), &cache, &path, &["list", "--json"]));
    assert_eq!(cached, uncached);
    let posts: Vec<serde_json::Value> = serde_json::from_str(&uncached).unwrap();
    assert_eq!(posts.len(), archive.posts.len() + 1);
    let by_id = |id: &str| posts.iter().find(|p| p["id"] == id).unwrap().clone();
    assert_eq!(by_id(&new.id)["source"], "library");
    assert_eq!(by_id(&new.id)["suggested"], true);
    assert_eq!(by_id(&archive.posts[9].id)["source"], "library");
    assert_eq!(by_id(&archive.posts[9].id)["suggested"], false);
    assert_eq!(by_id(&archive.posts[11].id)["source"], "bundled");
    assert_eq!(
        by_id(&archive.posts[11].id)["research_type"],
        archive.research_types[0].as_str()
    );
    // The library's post in the cached search too.
    let found = stdout(&pprnet(home.path(), &cache, &path, &["search", "Imported"]));
    assert!(found.contains(&new.id), "{found}");
}

/// Reads the archive file without the cache (the loader's fallback).
fn read_sources(sources: &[pprnet::cache::Source]) -> anyhow::Result<pprnet::cache::Built> {
    let [pprnet::cache::Source::File(path)] = sources else {
        panic!("one file");
    };
    Ok(pprnet::cache::Built {
        archive: archive::load_file(path)?,
        partial: false,
    })
}

#[test]
fn a_first_screen_from_a_cache_whose_content_differs_is_found_stale_at_once_after() {
    use pprnet::cache::{Detail, Loader, Source};
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let (path, archive) = write_archive(home.path(), 120);
    let dir = cache.join("pprnet");
    let loader = || Loader::with_dir(vec![Source::File(path.clone())], read_sources, Some(&dir));
    assert_eq!(loader().archive().unwrap(), archive);
    let fresh = loader().catalog_unchecked(Detail::Titles).unwrap();
    assert!(fresh.cached());
    assert!(loader().is_current(&fresh));

    // A cache file whose key matches but which was written for other content
    // (a source rewritten with the same size and times within the clock's
    // resolution): the first screen may come from it, the check after it
    // finds it stale, and loading afresh reads the sources.
    let file = cache_file(&cache, "archive-");
    let mut bytes = std::fs::read(&file).unwrap();
    let key_len = u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
    bytes[16 + key_len] ^= 1;
    std::fs::write(&file, &bytes).unwrap();
    let loader = loader();
    let stale = loader.catalog_unchecked(Detail::Titles).unwrap();
    assert!(stale.cached());
    assert!(!loader.is_current(&stale));
    let again = loader.catalog(Detail::Titles).unwrap();
    assert!(!again.cached(), "read from the sources");
    assert_eq!(again.archive, archive);
}

#[test]
fn a_damaged_library_is_not_cached_so_every_run_warns() {
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let (path, archive) = write_archive(home.path(), 120);
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(pprnet::library::store::file(&data).path(), "not a library").unwrap();
    for _ in 0..2 {
        let output = pprnet(home.path(), &cache, &path, &["list"]);
        assert_eq!(stdout(&output), listing(&archive));
        let errors = String::from_utf8(output.stderr).unwrap();
        assert!(errors.contains("without your library"), "{errors}");
    }
    assert!(
        !cache.join("pprnet").exists()
            || std::fs::read_dir(cache.join("pprnet")).unwrap().count() == 0
    );
}
