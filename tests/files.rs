//! Odd files: `-o` naming pprnet's own files, links, devices and `-`; a
//! dangling bookmarks link; permissions under umask 000; FIFOs and endless
//! devices as input (with a time bound); unknown fields and comments in
//! bookmarks.ron; error texts without library hints.

#![cfg(unix)]

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const POST: &str = "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination";

fn pprnet_in(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pprnet"))
        .args(args)
        .env("PPRNET_DATA_DIR", data)
        .env("XDG_CONFIG_HOME", data.join("config-home"))
        .output()
        .unwrap()
}

/// Runs pprnet through `sh -c` (for the umask), killing it if it has not
/// finished within ten seconds: a hang fails the test instead of stalling it.
fn pprnet_bounded(data: &Path, shell_prefix: &str, args: &[&str]) -> Output {
    let mut script = format!("{shell_prefix} exec \"$0\"");
    for i in 1..=args.len() {
        script.push_str(&format!(" \"${i}\""));
    }
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_pprnet"))
        .args(args)
        .env("PPRNET_DATA_DIR", data)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("pprnet {args:?} did not finish within 10 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[track_caller]
fn assert_fails_with(output: &Output, wanted: &str) {
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    assert!(stderr(output).contains(wanted), "{}", stderr(output));
}

fn page() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/variations.txt")
}

fn bookmark(data: &Path) {
    let output = pprnet_in(data, &["bookmarks", "add", POST, "--note", "keep me"]);
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn output_naming_one_of_pprnets_own_files_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    bookmark(&data);
    std::fs::write(data.join("state.ron"), "(scroll: 3)").unwrap();
    let saved = std::fs::read(data.join("bookmarks.ron")).unwrap();
    let page = page();
    let page = page.to_str().unwrap();
    for name in [
        "bookmarks.ron",
        "state.ron",
        "bookmarks.lock",
        "library.ron",
    ] {
        let target = data.join(name);
        let target = target.to_str().unwrap();
        let import = pprnet_in(&data, &["import", page, "-o", target]);
        assert_fails_with(&import, &format!("pprnet's own {name}"));
        let export = pprnet_in(&data, &["bookmarks", "export", "-o", target]);
        assert_fails_with(&export, &format!("pprnet's own {name}"));
    }
    assert_eq!(std::fs::read(data.join("bookmarks.ron")).unwrap(), saved);
    assert_eq!(
        std::fs::read_to_string(data.join("state.ron")).unwrap(),
        "(scroll: 3)"
    );
    assert!(!data.join("library.ron").exists());
}

#[test]
fn output_goes_through_links_into_devices_and_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    bookmark(&data);
    let real = dir.path().join("real.md");
    let link = dir.path().join("link.md");
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = pprnet_in(
        &data,
        &["bookmarks", "export", "-o", link.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(link.is_symlink(), "the link was replaced");
    assert!(std::fs::read_to_string(&real).unwrap().contains("keep me"));

    let null = pprnet_in(&data, &["bookmarks", "export", "-o", "/dev/null"]);
    assert!(null.status.success(), "{}", stderr(&null));
    assert!(
        Path::new("/dev/null")
            .metadata()
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let dash = pprnet_in(&data, &["bookmarks", "export", "-o", "-"]);
    assert!(dash.status.success(), "{}", stderr(&dash));
    let text = String::from_utf8(dash.stdout).unwrap();
    assert!(
        text.contains("keep me") && !text.contains("wrote"),
        "{text}"
    );
    assert!(!data.join("-").exists() && !Path::new("-").exists());

    let archive = dir.path().join("archive.ron");
    let page = page();
    let import = pprnet_in(&data, &["import", page.to_str().unwrap(), "-o", "-"]);
    assert!(import.status.success(), "{}", stderr(&import));
    std::fs::write(&archive, &import.stdout).unwrap();
    let check = pprnet_in(&data, &["check", archive.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn output_to_dev_stdout_works_for_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    bookmark(&data);
    let out = pprnet_bounded(&data, "", &["bookmarks", "export", "-o", "/dev/stdout"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("keep me"));
}

#[test]
fn a_dangling_bookmarks_link_is_an_error_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let target = dir.path().join("unmounted/sync/bookmarks.ron");
    std::os::unix::fs::symlink(&target, data.join("bookmarks.ron")).unwrap();
    for args in [
        vec!["bookmarks", "list"],
        vec!["bookmarks", "add", POST, "--note", "x"],
    ] {
        let output = pprnet_in(&data, &args);
        assert_fails_with(&output, &target.display().to_string());
        assert!(
            stderr(&output).contains("does not exist"),
            "{}",
            stderr(&output)
        );
    }
    assert!(data.join("bookmarks.ron").is_symlink());
    assert!(!target.exists());
}

#[test]
fn files_are_private_whatever_the_umask() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("new/data");
    let out = pprnet_bounded(
        &data,
        "umask 000;",
        &["bookmarks", "add", POST, "--note", "private"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("bookmarks.ron")), 0o600);
    assert_eq!(mode(&data.join("bookmarks.lock")), 0o600);
    let handout = dir.path().join("handout.md");
    let out = pprnet_bounded(
        &data,
        "umask 000;",
        &["bookmarks", "export", "-o", handout.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&handout), 0o600);
    assert!(!stderr(&out).contains("others can write"));
}

#[test]
fn a_data_directory_others_can_write_in_is_warned_about_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o777)).unwrap();
    let out = pprnet_in(&data, &["bookmarks", "add", POST]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).matches("others can write").count(),
        1,
        "{}",
        stderr(&out)
    );
}

#[test]
fn fifos_and_endless_devices_are_refused_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (&["--archive", fifo, "list"], "a FIFO"),
        (&["--archive", "/dev/zero", "list"], "a device"),
        (&["import", "/dev/zero"], "a device"),
        (&["import", fifo], "a FIFO"),
        (&["check", "/dev/zero"], "a device"),
    ];
    for (args, wanted) in cases {
        let out = pprnet_bounded(&data, "", args);
        assert_fails_with(&out, wanted);
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn pages_larger_than_the_limit_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(50_000_001).unwrap(); // Sparse: no disk space used.
    let out = pprnet_bounded(
        &dir.path().join("data"),
        "",
        &["import", big.to_str().unwrap()],
    );
    assert_fails_with(&out, "larger than 50 MB");
}

#[test]
fn unknown_fields_and_comments_are_never_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let files = [
        (
            "(\n  version: 1,\n  bookmarks: [\n    (post: \"a\", note: \"n\", tags: [\"x\"]),\n  ],\n)\n",
            ":4:",
            "unknown field `tags`",
        ),
        (
            "(\n  version: 1, // written by hand\n  bookmarks: [(post: \"a\")],\n)\n",
            ":2:",
            "a comment",
        ),
    ];
    for (text, place, what) in files {
        std::fs::write(data.join("bookmarks.ron"), text).unwrap();
        let list = pprnet_in(&data, &["bookmarks", "list"]);
        assert!(list.status.success(), "{}", stderr(&list));
        assert!(String::from_utf8_lossy(&list.stdout).starts_with("a\t"));
        let add = pprnet_in(&data, &["bookmarks", "add", POST]);
        assert_fails_with(&add, what);
        assert!(stderr(&add).contains(place), "{}", stderr(&add));
        assert!(
            stderr(&add).contains("nothing was saved"),
            "{}",
            stderr(&add)
        );
        assert_eq!(
            std::fs::read_to_string(data.join("bookmarks.ron")).unwrap(),
            text
        );
    }
}

#[test]
fn errors_give_no_advice_meant_for_programmers() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let deep = format!(
        "(version: 1, extra: {}{}, bookmarks: [])",
        "[".repeat(300),
        "]".repeat(300)
    );
    std::fs::write(data.join("bookmarks.ron"), &deep).unwrap();
    let archive = dir.path().join("deep.ron");
    std::fs::write(&archive, format!("(version: 1, extra: {}", "[".repeat(300))).unwrap();
    for args in [
        vec!["bookmarks", "list"],
        vec!["--archive", archive.to_str().unwrap(), "list"],
    ] {
        let out = pprnet_in(&data, &args);
        assert_fails_with(&out, "nested too deeply");
        for hint in ["ron::", "serde", "recursion_limit", "Options"] {
            assert!(!stderr(&out).contains(hint), "{}", stderr(&out));
        }
    }
}
