//! End to end: the reader on an archive large enough to be cached, first with
//! no cache (it writes one), then from the cache.

mod common;

use common::pty::Reader;

use pprnet::archive;

#[allow(dead_code)]
#[path = "../examples/synth_archive.rs"]
mod synth;

/// The first words of a paragraph, short enough to stay on one line.
fn opening(paragraph: &str) -> String {
    paragraph
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_reader_writes_the_cache_then_opens_from_it() {
    let data = tempfile::tempdir().unwrap();
    let archive = synth::generate(&archive::bundled().unwrap(), 150, 11);
    let path = data.path().join("large.ron");
    std::fs::write(&path, archive::to_ron(&archive)).unwrap();
    let path = path.to_str().unwrap();
    let first = &archive.posts[0];
    let word = first.title.split_whitespace().last().unwrap();

    for run in ["cold", "warm"] {
        let mut reader = Reader::start(data.path(), &["--archive", path], 100, 30);
        reader.wait_for("All topics");
        // The selected post's body is on the first screen, also from the cache.
        reader.wait_for(&opening(&first.summary[0]));
        reader.keys("/");
        reader.keys(&word.to_lowercase());
        reader.wait_for(&format!("/{}", word.to_lowercase()));
        reader.keys("\r");
        reader.keys("q");
        let (code, output) = reader.wait_exit();
        assert_eq!(code, 0, "{run}: {}", String::from_utf8_lossy(&output));
        let cache = data.path().join("cache/pprnet");
        let files: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            files.iter().any(|f| f.starts_with("archive-"))
                && files.iter().any(|f| f.starts_with("index-")),
            "{run}: {files:?}"
        );
    }
}
