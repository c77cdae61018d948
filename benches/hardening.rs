//! The costs that used to grow with the square of the input (issue 14), run
//! through the same code as the command line:
//!
//! - `validate/20000-invalid`: loading an archive of 20,000 posts, each with
//!   an unknown topic (so 20,000 problems, each naming its line);
//! - `bookmarks/list-100000`: `pprnet bookmarks list` with 100,000 bookmarks;
//! - `bookmarks/add-100000`: `pprnet bookmarks add ID --note ...` with
//!   100,000 bookmarks (lock, read, change, atomic write).
//!
//!     cargo bench --bench hardening -- --warm-up-time 1 --measurement-time 5
//!
//! Figures are in docs/benchmarks.md.

use std::hint::black_box;
use std::io::Write;
use std::time::Duration;

use clap::Parser;
use criterion::{Criterion, criterion_group, criterion_main};

use pprnet::archive;
use pprnet::cli::{self, Args};

#[allow(dead_code)] // Its main() is for `cargo run --example`.
#[path = "../examples/hardening_data.rs"]
mod hardening_data;

use hardening_data::{BOOKMARKS, INVALID_POSTS, bookmarks_file, invalid_archive};

fn validate(c: &mut Criterion) {
    let text = invalid_archive(INVALID_POSTS);
    let mut group = c.benchmark_group("validate");
    group.sample_size(10);
    group.bench_function(format!("{INVALID_POSTS}-invalid"), |b| {
        b.iter(|| {
            let err = archive::parse(black_box(&text), "bench").unwrap_err();
            let archive::ArchiveError::Invalid { problems, .. } = err else {
                panic!("{err}");
            };
            assert_eq!(problems.len(), INVALID_POSTS);
            assert!(problems.iter().all(|p| p.line.is_some()));
        })
    });
    group.finish();
}

fn run(args: &[&str], data: &std::path::Path) {
    let mut argv = vec!["pprnet", "--data-dir", data.to_str().unwrap()];
    argv.extend_from_slice(args);
    let mut sink = std::io::sink();
    cli::run(Args::parse_from(argv), &mut sink).expect("the command works");
    sink.flush().unwrap();
}

fn bookmarks(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (text, post) = bookmarks_file(BOOKMARKS);
    std::fs::write(dir.path().join("bookmarks.ron"), text).expect("writable temp dir");
    let mut group = c.benchmark_group("bookmarks");
    group.sample_size(10);
    group.bench_function(format!("list-{BOOKMARKS}"), |b| {
        b.iter(|| run(&["bookmarks", "list"], dir.path()))
    });
    let mut round = 0u64;
    group.bench_function(format!("add-{BOOKMARKS}"), |b| {
        b.iter(|| {
            round += 1;
            let note = format!("changed {round}");
            let session = "Supervision 00007";
            run(
                &[
                    "bookmarks",
                    "add",
                    &post,
                    "--note",
                    &note,
                    "--session",
                    session,
                ],
                dir.path(),
            );
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().warm_up_time(Duration::from_secs(1));
    targets = validate, bookmarks
}
criterion_main!(benches);
