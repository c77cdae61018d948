//! The whole reader process in a pseudo-terminal at 10,000 and 100,000
//! posts, with no cache (first run) and with one (second run): from launch to
//! the first frame, and from the first filter key to the frame that shows its
//! result. Medians of a few runs, in milliseconds.
//!
//!     cargo bench --bench startup
//!     PPRNET_BENCH_SIZES=10000 PPRNET_BENCH_RUNS=5 cargo bench --bench startup
//!
//! The archives are generated once (the same generator and seed as
//! `synth_archive`) into `target/bench-archives/`, or into
//! `$PPRNET_BENCH_DIR` (as `10000.ron`, `100000.ron`) when set.
//! `PPRNET_BENCH_BIN=PROGRAM` measures another build of pprnet (an older
//! one, to compare), side by side with the same harness.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use pprnet::archive;

#[allow(dead_code)]
#[path = "../examples/synth_archive.rs"]
mod synth;

/// The seed `synth_archive` uses by default.
const SEED: u64 = 2023;

fn main() {
    let sizes: Vec<usize> = std::env::var("PPRNET_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    let runs: usize = std::env::var("PPRNET_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    println!("posts    cache  first frame  first key (/t)   ms, median of {runs}");
    for size in sizes {
        let archive = archive_file(size);
        for warm in [false, true] {
            let mut frames = Vec::new();
            let mut keys = Vec::new();
            for _ in 0..runs {
                let home = tempfile::tempdir().expect("a temporary directory");
                if warm {
                    run(&archive, home.path());
                }
                let (frame, key) = run(&archive, home.path());
                frames.push(frame);
                keys.push(key);
            }
            println!(
                "{size:>7}  {:>5}  {:>11.0}  {:>14.0}",
                if warm { "warm" } else { "cold" },
                median(frames),
                median(keys)
            );
        }
    }
}

/// The archive of `size` posts, generated the first time (in
/// `$PPRNET_BENCH_DIR` when set).
fn archive_file(size: usize) -> PathBuf {
    let dir = std::env::var_os("PPRNET_BENCH_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-archives"),
        PathBuf::from,
    );
    let path = dir.join(format!("{size}.ron"));
    if !path.exists() {
        std::fs::create_dir_all(&dir).expect("target/bench-archives");
        let bundled = archive::bundled().expect("the bundled archive loads");
        let text = archive::to_ron(&synth::generate(&bundled, size, SEED));
        std::fs::write(&path, text).expect("the archive is written");
    }
    path
}

/// Starts the reader on `archive` with its data and cache in `home`; returns
/// the milliseconds to the first frame and from the first filter key to its
/// frame. Quits and waits for the process (and its cache writing) to end.
fn run(archive: &Path, home: &Path) -> (f64, f64) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    let program = std::env::var_os("PPRNET_BENCH_BIN")
        .map_or_else(|| env!("CARGO_BIN_EXE_pprnet").into(), PathBuf::from);
    let mut command = CommandBuilder::new(program);
    command.arg("--archive");
    command.arg(archive);
    command.env("PPRNET_DATA_DIR", home.join("data"));
    command.env("XDG_CONFIG_HOME", home.join("config"));
    command.env("XDG_CACHE_HOME", home.join("cache"));
    command.env("TERM", "xterm-256color");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(command).expect("pprnet starts");
    drop(pair.slave);
    let mut output = pair.master.try_clone_reader().expect("a pty reader");
    let mut input = pair.master.take_writer().expect("a pty writer");
    let parser = Arc::new(Mutex::new(vt100::Parser::new(24, 80, 0)));
    let shared = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut chunk = [0u8; 65536];
        while let Ok(n) = output.read(&mut chunk) {
            if n == 0 {
                break;
            }
            shared.lock().expect("the parser").process(&chunk[..n]);
        }
    });
    let bottom = |text: &str| {
        let parser = parser.lock().expect("the parser");
        let screen = parser.screen().contents();
        screen.lines().last().is_some_and(|l| l.contains(text)) && screen.contains("All topics")
    };
    wait(|| bottom("help"));
    let frame = start.elapsed();
    input.write_all(b"/").expect("a key");
    wait(|| bottom("Enter keeps"));
    let typed = Instant::now();
    input.write_all(b"t").expect("a key");
    wait(|| bottom("/t"));
    let key = typed.elapsed();
    input.write_all(b"\r").expect("a key");
    std::thread::sleep(Duration::from_millis(50));
    input.write_all(b"q").expect("a key");
    let deadline = Instant::now() + Duration::from_secs(120);
    while child.try_wait().expect("the child").is_none() {
        assert!(Instant::now() < deadline, "pprnet did not quit");
        std::thread::sleep(Duration::from_millis(5));
    }
    (ms(frame), ms(key))
}

fn wait(mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while !done() {
        assert!(Instant::now() < deadline, "the screen never showed it");
        std::thread::sleep(Duration::from_micros(500));
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
