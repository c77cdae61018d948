//! The reader's whole update per key press at 10,000 and 100,000 posts: the
//! search, the refiltered list and counts, the wrapped rows, the laid-out post
//! and its highlights — everything between a key and the next frame but the
//! drawing itself.
//!
//!     cargo bench --bench reader
//!
//! Set `PPRNET_BENCH_SIZES=10000` to bench fewer sizes.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use pprnet::archive;
use pprnet::tui::action::{Action, Edit, Pane, Step};
use pprnet::tui::app::App;

#[allow(dead_code)]
#[path = "../examples/synth_archive.rs"]
mod synth;

/// The seed `synth_archive` uses by default.
const SEED: u64 = 2023;

fn sizes() -> Vec<usize> {
    std::env::var("PPRNET_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

/// A reader at 80x24 with its search index built and `typed` typed into the filter.
fn reader(archive: &pprnet::archive::Archive, typed: &str) -> App {
    let mut app = App::new(archive.clone(), (80, 24));
    app.update(Action::StartFilter);
    app.update(Action::Edit(Edit::Insert('x')));
    app.update(Action::Edit(Edit::Backspace));
    for c in typed.chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app
}

fn key_presses(c: &mut Criterion) {
    let bundled = archive::bundled().expect("the bundled archive loads");
    for count in sizes() {
        let archive = synth::generate(&bundled, count, SEED);
        let mut group = c.benchmark_group(format!("reader/{count}"));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(5));
        let mut reading = App::new(archive.clone(), (80, 24));
        reading.focus = Pane::Posts;
        let cases = [
            (
                "filter 'alliance'",
                reader(&archive, "allianc"),
                Action::Edit(Edit::Insert('e')),
            ),
            (
                "filter 't'",
                reader(&archive, ""),
                Action::Edit(Edit::Insert('t')),
            ),
            (
                "next topic",
                App::new(archive.clone(), (80, 24)),
                Action::Move(Step::Down),
            ),
            ("next post", reading, Action::Move(Step::Down)),
        ];
        for (name, start, action) in cases {
            group.bench_function(name, |b| {
                b.iter_batched(
                    || start.clone(),
                    |mut app| {
                        app.update(action.clone());
                        // Returned, so that dropping the reader is not timed.
                        black_box(app)
                    },
                    BatchSize::LargeInput,
                )
            });
        }
        group.finish();
    }
}

criterion_group!(benches, key_presses);
criterion_main!(benches);
