//! The filter's cost per keystroke at 300, 10,000 and 100,000 posts, and the
//! cost of loading an archive (parsing RON and building the index).
//!
//!     cargo bench --bench filter
//!
//! Archives come from the `synth_archive` example's generator (same seed, so
//! the same posts as `cargo run --release --example synth_archive -- N OUT`).
//! Set `PPRNET_BENCH_SIZES=300,10000` to bench fewer sizes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};

use pprnet::archive::{self, Archive};
use pprnet::search::{SearchIndex, Searcher};

#[allow(dead_code)]
#[path = "../examples/synth_archive.rs"]
mod synth;

/// The queries of the issue: a common word, abbreviations with a typo, a word
/// no post has, and the first key typed.
const QUERIES: [&str; 4] = ["alliance", "thrpst empthy", "xqzv", "t"];

/// The seed `synth_archive` uses by default.
const SEED: u64 = 2023;

fn sizes() -> Vec<usize> {
    std::env::var("PPRNET_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![300, 10_000, 100_000])
}

fn synthetic(count: usize) -> Archive {
    let bundled = archive::bundled().expect("the bundled archive loads");
    synth::generate(&bundled, count, SEED)
}

/// One keystroke: the whole query searched afresh (`fresh`), and the last key
/// of it typed into a searcher that has just searched all but that key
/// (`typed`), as the reader does; each with typo matching on and off
/// (`/no-typos`).
fn keystroke(c: &mut Criterion) {
    for count in sizes() {
        let archive = synthetic(count);
        let mut group = c.benchmark_group(format!("keystroke/{count}"));
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for typos in [true, false] {
            let mut index = SearchIndex::new(&archive.posts);
            index.set_typos(typos);
            let suffix = if typos { "" } else { "/no-typos" };
            for query in QUERIES {
                bench_query(&mut group, &index, &archive, query, suffix);
            }
        }
        group.finish();
    }
}

/// `fresh` and `typed` for one query.
fn bench_query(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    index: &SearchIndex,
    archive: &Archive,
    query: &str,
    suffix: &str,
) {
    let label = if query.len() > 40 {
        format!("{} KB of text", query.len() / 1000)
    } else {
        query.to_string()
    };
    group.bench_with_input(
        BenchmarkId::new(format!("fresh{suffix}"), &label),
        query,
        |b, q| b.iter(|| black_box(index.search(&archive.posts, black_box(q))).len()),
    );
    let before = &query[..query.len() - 1];
    let mut primed = Searcher::new();
    primed.search(index, &archive.posts, before);
    group.bench_with_input(
        BenchmarkId::new(format!("typed{suffix}"), &label),
        query,
        |b, q| {
            b.iter_batched_ref(
                || primed.clone(),
                |searcher| black_box(searcher.search(index, &archive.posts, black_box(q)).len()),
                BatchSize::LargeInput,
            )
        },
    );
}

/// A 100 KB paste into the filter: the text of the bundled posts (so every
/// word is in the archive) searched afresh, as a bracketed paste arrives, and
/// one more key typed after it, which must cost about what a key costs in a
/// short query.
fn paste(c: &mut Criterion) {
    let bundled = archive::bundled().expect("the bundled archive loads");
    let mut text = String::new();
    'fill: loop {
        for post in &bundled.posts {
            for paragraph in post.summary.iter().chain(&post.implications) {
                text.push_str(paragraph);
                text.push(' ');
                if text.len() >= 100_000 {
                    break 'fill;
                }
            }
        }
    }
    text.push('e');
    for count in sizes() {
        let archive = synthetic(count);
        let index = SearchIndex::new(&archive.posts);
        let mut group = c.benchmark_group(format!("paste/{count}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        bench_query(&mut group, &index, &archive, &text, "");
        group.finish();
    }
}

/// Loading: parsing (and validating) the RON text, and building the index.
fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
    for count in sizes().into_iter().filter(|&n| n <= 10_000) {
        let archive = synthetic(count);
        let text = archive::to_ron(&archive);
        group.bench_with_input(BenchmarkId::new("parse", count), &text, |b, text| {
            b.iter(|| {
                archive::parse(black_box(text), "bench")
                    .expect("valid")
                    .posts
                    .len()
            })
        });
        group.bench_with_input(BenchmarkId::new("index", count), &archive, |b, archive| {
            b.iter(|| SearchIndex::new(black_box(&archive.posts)).len())
        });
    }
    group.finish();
}

criterion_group!(benches, keystroke, paste, load);
criterion_main!(benches);
