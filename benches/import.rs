//! Importing a folder of 50 saved pages of the blog (25 text, 25 HTML, 10
//! posts each: 500 posts) into an empty library with the real `pprnet import`,
//! then loading that library: `pprnet list` with no cache (the first command
//! after an import, as the reader's first start is) and with one. Wall time
//! and CPU time (user + system of the process), medians of a few runs, in
//! milliseconds.
//!
//!     cargo bench --bench import
//!     PPRNET_BENCH_RUNS=9 cargo bench --bench import
//!
//! The posts come from the synthetic generator (`examples/synth_archive.rs`,
//! its default seed); the HTML pages are laid out like the test blog of the
//! `update` tests (`tests/common/blog.rs`: navigation, topic links, month
//! headings, footer), the text pages like `data/source/pprnet-blog-page.txt`.
//! They are written to `target/bench-pages/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use pprnet::archive::{self, Archive, Post};

#[allow(dead_code)]
#[path = "../examples/synth_archive.rs"]
mod synth;

#[path = "../tests/common/blog.rs"]
mod blog;

/// The seed `synth_archive` uses by default.
const SEED: u64 = 2023;
/// Pages in the folder, and posts a page.
const PAGES: usize = 50;
const PER_PAGE: usize = 10;

fn main() {
    let runs: usize = std::env::var("PPRNET_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    let folder = write_pages();
    let mut rows: Vec<(&str, Vec<(f64, f64)>)> = vec![
        ("import 50 pages (500 posts), empty library", Vec::new()),
        ("import the same 50 pages again (no change)", Vec::new()),
        ("list, 6 shipped + 500 imported, no cache", Vec::new()),
        ("list, 6 shipped + 500 imported, cached", Vec::new()),
        ("list, 6 shipped posts only, cached", Vec::new()),
    ];
    for _ in 0..runs {
        let home = tempfile::tempdir().expect("a temporary directory");
        let folder_arg = folder.to_str().expect("a UTF-8 path");
        let bare = tempfile::tempdir().expect("a temporary directory");
        let measured = [
            time(home.path(), &["import", folder_arg]),
            time(home.path(), &["import", folder_arg]),
            time(home.path(), &["list"]),
            time(home.path(), &["list"]),
            {
                time(bare.path(), &["list"]);
                time(bare.path(), &["list"])
            },
        ];
        for (row, value) in rows.iter_mut().zip(measured) {
            row.1.push(value);
        }
    }
    println!(
        "{:<46} {:>9} {:>9}   ms, median of {runs}",
        "", "wall", "CPU"
    );
    for (name, values) in rows {
        let wall = median(values.iter().map(|v| v.0).collect());
        let cpu = median(values.iter().map(|v| v.1).collect());
        println!("{name:<46} {wall:>9.1} {cpu:>9.1}");
    }
}

/// Runs `pprnet args...` with its data and cache in `home`; returns the wall
/// time and the CPU time it used, in milliseconds. Fails when it fails.
fn time(home: &Path, args: &[&str]) -> (f64, f64) {
    let cpu_before = children_cpu();
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_pprnet"))
        .args(args)
        .env("PPRNET_DATA_DIR", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("pprnet runs");
    let wall = start.elapsed().as_secs_f64() * 1000.0;
    assert!(status.success(), "pprnet {args:?} failed");
    (wall, children_cpu() - cpu_before)
}

/// User + system CPU time of the finished child processes, in milliseconds.
fn children_cpu() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage
    };
    let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
    ms(usage.ru_utime) + ms(usage.ru_stime)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Writes the 50 pages (odd ones HTML, even ones text) into a fresh
/// `target/bench-pages/` and returns the folder.
fn write_pages() -> PathBuf {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-pages");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("target/bench-pages");
    let bundled = archive::bundled().expect("the bundled archive loads");
    let archive = synth::generate(&bundled, PAGES * PER_PAGE, SEED);
    let site = fixture_site(&archive);
    for page in 1..=PAGES {
        let (name, text) = if page % 2 == 1 {
            let html = site
                .render(&format!("{}?p={page}", blog::PATH))
                .expect("a listing page");
            (format!("page-{page:02}.html"), html)
        } else {
            let posts = &archive.posts[(page - 1) * PER_PAGE..page * PER_PAGE];
            (format!("page-{page:02}.txt"), text_page(&archive, posts))
        };
        std::fs::write(folder.join(name), text).expect("a page is written");
    }
    folder
}

/// The synthetic posts as the test blog's site, 10 posts a listing page.
fn fixture_site(archive: &Archive) -> blog::Blog {
    let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
    let numbered = |names: &[String], from: usize| {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (leak((from + i).to_string()), leak(n.clone())))
            .collect()
    };
    blog::Blog {
        topics: numbered(&archive.topics, 20),
        types: numbered(&archive.research_types, 1),
        posts: archive
            .posts
            .iter()
            .map(|post| blog::FixturePost {
                month: leak(post.month.to_string()),
                title: leak(post.title.clone()),
                citation: post.citations[0].raw.clone(),
                summary: leak(post.summary.join("</p>\n<p>")),
                implications: leak(post.implications.join("</p>\n<p>")),
                topics: post.topics.iter().map(|t| leak(t.clone())).collect(),
                research_type: leak(post.research_type.clone()),
            })
            .collect(),
        page_size: PER_PAGE,
    }
}

/// A page of the blog saved as text: header, topic list, then the posts under
/// their month headings.
fn text_page(archive: &Archive, posts: &[Post]) -> String {
    let mut text = format!(
        "Blog\n{}\nThis month...\n\n{}\nType of Research\nTopics\n- ALL Topics (clear)\n",
        archive.header.intro.join("\n"),
        archive.header.this_month.join("\n")
    );
    for topic in &archive.topics {
        text.push_str(&format!("- {topic}\n"));
    }
    let mut month = None;
    for post in posts {
        if month != Some(post.month) {
            month = Some(post.month);
            let name = archive::model::MONTH_NAMES[usize::from(post.month.month) - 1];
            text.push_str(&format!("{name} {}\n", post.month.year));
        }
        text.push_str(&post.title);
        text.push('\n');
        for citation in &post.citations {
            text.push_str(&citation.raw);
            text.push('\n');
        }
        for paragraph in &post.summary {
            text.push_str(paragraph);
            text.push('\n');
        }
        text.push_str("Practice Implications\n");
        for paragraph in &post.implications {
            text.push_str(paragraph);
            text.push('\n');
        }
    }
    text
}
