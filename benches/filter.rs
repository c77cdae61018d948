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
/// (`typed`), as the reader does.
fn keystroke(c: &mut Criterion) {
    for count in sizes() {
        let archive = synthetic(count);
        let index = SearchIndex::new(&archive.posts);
        let mut group = c.benchmark_group(format!("keystroke/{count}"));
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
        for query in QUERIES {
            group.bench_with_input(BenchmarkId::new("fresh", query), query, |b, q| {
                b.iter(|| black_box(index.search(&archive.posts, black_box(q))).len())
            });
            let before = &query[..query.len() - 1];
            let mut primed = Searcher::new();
            primed.search(&index, &archive.posts, before);
            group.bench_with_input(BenchmarkId::new("typed", query), query, |b, q| {
                b.iter_batched_ref(
                    || primed.clone(),
                    |searcher| {
                        black_box(searcher.search(&index, &archive.posts, black_box(q)).len())
                    },
                    BatchSize::LargeInput,
                )
            });
        }
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

criterion_group!(benches, keystroke, load);
criterion_main!(benches);
