//! Writes the inputs of the hardening benchmarks (issue 14), so the real
//! binary can be timed on them:
//!
//!     cargo run --example hardening_data -- DIR
//!
//! - `DIR/invalid.ron`: an archive of 20,000 posts, each tagged with a topic
//!   the archive does not have (20,000 problems, each naming its line);
//! - `DIR/data/bookmarks.ron`: 100,000 bookmarks of the bundled posts, each
//!   session holding one bookmark of every post.
//!
//! It prints the id of a bookmarked post, for timing `bookmarks add`.
//! `benches/hardening.rs` builds the same inputs.

use std::path::PathBuf;
use std::process::ExitCode;

use pprnet::archive::{self, Archive};
use pprnet::bookmarks::Bookmark;

/// Posts in the invalid archive.
pub const INVALID_POSTS: usize = 20_000;

/// Bookmarks in the bookmarks file.
pub const BOOKMARKS: usize = 100_000;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: hardening_data DIR");
        return ExitCode::FAILURE;
    };
    let data = dir.join("data");
    let written = std::fs::create_dir_all(&data)
        .and_then(|()| std::fs::write(dir.join("invalid.ron"), invalid_archive(INVALID_POSTS)))
        .and_then(|()| {
            let (text, _) = bookmarks_file(BOOKMARKS);
            std::fs::write(data.join("bookmarks.ron"), text)
        });
    if let Err(e) = written {
        eprintln!("hardening_data: {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    println!("{}", bookmarks_file(1).1);
    ExitCode::SUCCESS
}

/// An archive of `count` posts, copies of the bundled ones with fresh ids,
/// each tagged with a topic the archive does not have.
pub fn invalid_archive(count: usize) -> String {
    let bundled = archive::bundled().expect("the bundled archive loads");
    let mut archive: Archive = bundled.clone();
    archive.posts = (0..count)
        .map(|i| {
            let mut post = bundled.posts[i % bundled.posts.len()].clone();
            post.id = format!("{}-{i}", post.id);
            post.topics.push(format!("No such topic {i}"));
            post
        })
        .collect();
    archive::to_ron(&archive)
}

/// The text of a bookmarks file holding `count` bookmarks of the bundled
/// posts, and the id of the first post bookmarked.
pub fn bookmarks_file(count: usize) -> (String, String) {
    let posts = archive::bundled().expect("the bundled archive loads").posts;
    let bookmarks: Vec<Bookmark> = (0..count)
        .map(|i| Bookmark {
            post: posts[i % posts.len()].id.clone(),
            session: Some(format!("Supervision {:05}", i / posts.len())),
            note: format!("Note {i}: ask about ruptures, and which patients left."),
            created: format!("2026-01-01T00:00:{:02}.{:03}Z", i % 60, i % 1000),
            discussed: i % 3 == 0,
        })
        .collect();
    (
        pprnet::bookmarks::store::to_ron(&bookmarks),
        posts[0].id.clone(),
    )
}
