//! Laying out a post with a one-million-word paragraph, as `pprnet show` and
//! the reader do (issue 14: it took 9.5 s and 15 s when each line was found
//! by counting from the start of the text).
//!
//!     cargo bench --bench document -- --warm-up-time 1 --measurement-time 3

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use pprnet::archive;
use pprnet::tui::app::App;

fn huge_paragraph(c: &mut Criterion) {
    let mut archive = archive::bundled().expect("the bundled archive loads");
    let words = [
        "therapists",
        "notice",
        "ruptures",
        "https://doi.org/10.1037/pst0000503",
    ];
    let text: Vec<&str> = (0..1_000_000).map(|i| words[i % words.len()]).collect();
    archive.posts[0].summary = vec![text.join(" ")];
    let post = archive.posts[0].clone();
    let mut group = c.benchmark_group("1M-word paragraph");
    group.sample_size(10);
    group.bench_function("show --width 80", |b| {
        b.iter(|| {
            // What `pprnet show` does with the post.
            black_box(pprnet::document::layout(&post, 80, None).to_plain_text())
        })
    });
    group.bench_function("reader opens it at 120x40", |b| {
        b.iter_batched(
            || archive.clone(),
            |archive| black_box(App::new(archive, (120, 40))),
            BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, huge_paragraph);
criterion_main!(benches);
