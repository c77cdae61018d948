//! End to end: the reader never loses what the user typed or where they were.
//! The real binary in a pseudo-terminal: pastes, discard prompts, the filter's
//! way back, focus at the ends, suspend and resume, and no terminal at all.

mod common;

#[allow(dead_code)]
#[path = "common/cli.rs"]
mod common_cli;

use std::path::Path;

use common::pty::Reader;

/// The bytes that leave the alternate screen, sent when the terminal is restored.
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The notes of every bookmark, as `pprnet bookmarks list --json` reports them.
fn saved_notes(data: &Path) -> Vec<String> {
    let listed = common_cli::command_in(data)
        .args(["bookmarks", "list", "--json"])
        .output()
        .unwrap();
    assert!(listed.status.success());
    let json: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    json.as_array()
        .unwrap()
        .iter()
        .map(|b| b["note"].as_str().unwrap().to_string())
        .collect()
}

/// The screen without its last row (the status bar, which shows messages).
fn panes(reader: &Reader) -> String {
    let screen = reader.screen();
    let rows: Vec<&str> = screen.lines().collect();
    rows[..rows.len() - 1].join("\n")
}

#[test]
fn a_pasted_three_line_note_is_saved_whole_and_runs_no_keys() {
    let data = tempfile::tempdir().unwrap();
    let marker = data.path().join("browser-ran");
    let browser = format!("touch {}", marker.display());
    let mut reader = Reader::start_with_env(data.path(), &[], &[("BROWSER", &browser)], 80, 24);
    reader.wait_for("All topics");
    reader.keys("e");
    reader.wait_for("Keep client-identifying details out of notes.");
    reader.paste("Ask about q: quitting early\nb: the bond\r\no: outcomes");
    reader.wait_for("o: outcomes");
    reader.keys("\r");
    reader.wait_for("Bookmarked in no session with your note.");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0, "the reader ran until the real q");
    assert_eq!(
        saved_notes(data.path()),
        ["Ask about q: quitting early\nb: the bond\no: outcomes"],
        "one bookmark, the whole note"
    );
    assert!(!marker.exists(), "no browser was opened");
}

#[test]
fn a_paste_goes_into_the_filter_and_nowhere_else() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.paste("qqq");
    reader.keys("/");
    reader.paste("kleinst\n");
    reader.wait_for("/kleinst▏");
    reader.wait_for("1 of 1 posts");
    reader.keys("\x1b");
    reader.wait_for("6 posts");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn ctrl_c_and_esc_on_an_edited_note_ask_and_n_keeps_it() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("e");
    reader.wait_for("Keep client-identifying");
    reader.keys("draft one");
    reader.keys("\x03");
    reader.wait_for("Discard changes to this note? y/n");
    reader.keys("n");
    reader.wait_for("draft one");
    reader.send("\x1b");
    reader.wait_for("Discard changes to this note? y/n");
    reader.keys("n");
    reader.keys(" more");
    reader.keys("\r");
    reader.wait_for("Bookmarked in no session with your note.");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
    assert_eq!(saved_notes(data.path()), ["draft one more"]);
}

#[test]
fn ctrl_u_clears_one_line_of_the_note() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("e");
    reader.wait_for("Keep client-identifying");
    reader.keys("first line\x0asecond line");
    reader.keys("\x15");
    reader.keys("2nd\r");
    reader.wait_for("Bookmarked in no session with your note.");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
    assert_eq!(saved_notes(data.path()), ["first line\n2nd"]);
}

/// The panes once they stop changing (every key sent has been handled).
fn settled(reader: &Reader) -> String {
    let mut last = panes(reader);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(300));
        let now = panes(reader);
        if now == last {
            return now;
        }
        last = now;
    }
}

/// Waits until the panes show `expected`; panics with both if they never do.
fn wait_for_panes(reader: &Reader, expected: &str) {
    let start = std::time::Instant::now();
    while panes(reader) != expected {
        if start.elapsed() > std::time::Duration::from_secs(10) {
            assert_eq!(panes(reader), expected);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn esc_from_the_filter_returns_to_the_same_post_and_scroll() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("lljlj");
    reader.keys(&"j".repeat(12));
    reader.wait_for("Post 1");
    let before = settled(&reader);
    reader.keys("/x");
    reader.wait_for("/x▏");
    assert_ne!(panes(&reader), before, "the filter moved the list");
    reader.send("\x1b");
    wait_for_panes(&reader, &before);
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn after_a_filter_enter_j_moves_through_the_results() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("/empathy\r");
    reader.wait_for("1 of ");
    reader.keys("j");
    reader.wait_for("2 of ");
    assert!(reader.screen().contains("• All topics"), "the topic stayed");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn l_in_the_last_pane_does_nothing() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("lll");
    reader.wait_for("Post 0%");
    reader.keys("l");
    reader.keys("jj");
    reader.wait_for("Post 1");
    let screen = reader.screen();
    assert!(screen.contains("• All topics"), "{screen}");
    assert!(screen.contains(" 6 posts "), "{screen}");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[cfg(target_os = "linux")]
fn process_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The state follows the command name, which is in parentheses.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    after.chars().next().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_redraws() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    let written = reader.output().len();
    reader.keys("\x1a");
    reader.wait_until("the reader to stop", |reader| {
        process_state(reader.pid()) == 'T'
    });
    // Stopped, so everything it wrote before is in the pty: once read, the
    // alternate screen was left and the shell's screen is back.
    reader.wait_until("the terminal restored", |reader| {
        contains(&reader.output()[written..], LEAVE_ALTERNATE_SCREEN)
    });
    reader.wait_until("the shell's screen", |reader| {
        !reader.screen().contains("All topics")
    });
    assert_eq!(process_state(reader.pid()), 'T', "still stopped");
    reader.signal(libc::SIGCONT);
    reader.wait_for("All topics");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn without_a_terminal_the_reader_says_so_and_draws_nothing() {
    let data = tempfile::tempdir().unwrap();
    let piped = common_cli::command_in(data.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(1));
    assert!(piped.stdout.is_empty(), "no escape codes");
    assert_eq!(
        String::from_utf8(piped.stderr).unwrap(),
        "pprnet: the reader needs a terminal; try `pprnet list` or `pprnet show ID`\n"
    );
}

#[cfg(unix)]
#[test]
fn output_into_a_pipe_is_refused_even_with_a_terminal_for_input() {
    use std::os::fd::FromRawFd;
    let data = tempfile::tempdir().unwrap();
    let (mut master, mut slave) = (0, 0);
    // SAFETY: openpty writes two new descriptors into the integers given.
    let opened = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(opened, 0, "a pseudo-terminal");
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (_master, terminal) = unsafe {
        (
            std::fs::File::from_raw_fd(master),
            std::fs::File::from_raw_fd(slave),
        )
    };
    let piped = common_cli::command_in(data.path())
        .stdin(terminal)
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(1));
    assert!(piped.stdout.is_empty(), "no escape codes in the pipe");
    assert!(
        String::from_utf8(piped.stderr)
            .unwrap()
            .starts_with("pprnet: the reader needs a terminal;")
    );
}

#[test]
fn the_suggested_session_name_uses_the_local_date_from_tz() {
    use jiff::tz::{Offset, TimeZone};
    // 26 hours apart: at any moment these two zones are on different dates.
    for (tz, hours) in [("<+14>-14", 14), ("<-12>+12", -12)] {
        let data = tempfile::tempdir().unwrap();
        let mut reader = Reader::start_with_env(data.path(), &[], &[("TZ", tz)], 80, 24);
        reader.wait_for("All topics");
        let today = pprnet::bookmarks::model::local_date(
            jiff::Timestamp::now(),
            &TimeZone::fixed(Offset::constant(hours)),
        );
        reader.keys("s");
        reader.wait_for(&format!("New: Supervision {today}"));
        reader.send("\x1b");
        reader.keys("q");
        assert_eq!(reader.wait_exit().0, 0, "TZ={tz}");
    }
}

#[test]
fn the_status_bar_shows_the_session_chosen_with_the_first_b() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("no session · 1/6");
    reader.keys("b");
    reader.wait_for("Supervision session");
    reader.send("\x15");
    reader.keys("Group A\r");
    reader.wait_for("Bookmarked in \"Group A\"");
    reader.wait_for("Group A · 1/6");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

/// The first post's DOI link.
const FIRST_DOI: &str = "https://doi.org/10.1037/pst0000503";

/// The child processes of `pid`, running or exited but not reaped (zombies).
#[cfg(target_os = "linux")]
fn children(pid: u32) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|child| {
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else {
                return false;
            };
            let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
            fields[1] == pid.to_string()
        })
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn o_runs_a_browser_entry_with_arguments_and_reaps_it() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    let script = data.path().join("mybrowser");
    let args_file = data.path().join("args");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > {}\n",
            args_file.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let browser = format!("{} --new-window %s", script.display());
    let mut reader = Reader::start_with_env(data.path(), &[], &[("BROWSER", &browser)], 80, 24);
    reader.wait_for("All topics");
    reader.keys("o");
    reader.wait_for(&format!("Opening {FIRST_DOI}"));
    let start = std::time::Instant::now();
    while std::fs::read_to_string(&args_file).map_or(true, |a| !a.ends_with('\n')) {
        assert!(start.elapsed().as_secs() < 10, "the browser never ran");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        std::fs::read_to_string(&args_file).unwrap(),
        format!("--new-window\n{FIRST_DOI}\n")
    );
    // The opener has run; once it exits the reader must collect it (on the
    // next turn of its loop), or it stays a zombie child.
    let start = std::time::Instant::now();
    while !children(reader.pid()).is_empty() {
        assert!(start.elapsed().as_secs() < 5, "the opener was never reaped");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn when_nothing_opens_the_link_it_is_shown_whole() {
    let data = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let env = [
        ("BROWSER", "no-such-browser"),
        ("PATH", empty.path().to_str().unwrap()),
    ];
    let mut reader = Reader::start_with_env(data.path(), &[], &env, 40, 12);
    reader.wait_for("All topics");
    reader.keys("o");
    reader.wait_for("Could not open the link");
    let screen = reader.screen();
    let shown: String = screen
        .lines()
        .filter(|l| l.contains("https://") || l.contains("pst0000503"))
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .collect();
    assert_eq!(shown, FIRST_DOI, "{screen}");
    reader.keys("x");
    reader.wait_for("All topics");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}

#[test]
fn y_says_it_used_osc_52_and_how_to_let_it_through_tmux() {
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path(), &[], 80, 24);
    reader.wait_for("All topics");
    reader.keys("y");
    reader.wait_for("Sent to the terminal's clipboard (OSC 52).");
    assert!(contains(&reader.output(), b"\x1b]52;c;"));
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);

    // Inside tmux with its default set-clipboard (here: no tmux to ask at all).
    let empty = tempfile::tempdir().unwrap();
    let env = [
        ("TMUX", "/tmp/tmux-0/default,1,0"),
        ("PATH", empty.path().to_str().unwrap()),
    ];
    let mut reader = Reader::start_with_env(data.path(), &[], &env, 80, 24);
    reader.wait_for("All topics");
    reader.keys("y");
    reader.wait_for("Sent as OSC 52, which tmux drops: set -g set-clipboard on");
    reader.keys("q");
    assert_eq!(reader.wait_exit().0, 0);
}
