//! Hostile content: an archive, a page, notes, session names and file names
//! holding terminal escape sequences (OSC 0/8/52, CSI 2J, DCS, C1 controls,
//! CR, BS, BEL, bidi overrides) go through every subcommand, and the bytes
//! printed or written are checked: nothing a terminal would act on gets out.

#[allow(dead_code)]
#[path = "common/cli.rs"]
mod common_cli;

use std::path::PathBuf;
use std::process::Output;

use pprnet::archive::{self, Archive};

/// Every kind of escape the review tried, in one string.
const HOSTILE: &str = concat!(
    "T \x1b]0;PWNED\x07 title\x1b[2J",
    " \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    " \x1b]52;c;ZXZpbA==\x07",
    " \x1bP1$qm\x1b\\",
    " \u{9b}31m \u{85}next \u{90}dcs",
    " cr\rbs\x08bel\x07 \u{202e}desrever\u{202c} \u{2066}iso\u{2069}"
);

/// The bytes that must never appear in output: where and what, if any.
fn first_unsafe(bytes: &[u8]) -> Option<(usize, String)> {
    let text = String::from_utf8_lossy(bytes);
    let mut offset = 0;
    for c in text.chars() {
        let bad = matches!(c, '\0'..='\x08' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        if bad {
            return Some((offset, format!("{c:?}")));
        }
        offset += c.len_utf8();
    }
    None
}

#[track_caller]
fn assert_safe(bytes: &[u8], what: &str) {
    if let Some((at, c)) = first_unsafe(bytes) {
        let from = at.saturating_sub(40);
        let context = String::from_utf8_lossy(&bytes[from..(at + 20).min(bytes.len())]);
        panic!("{what}: unsafe character {c} at byte {at}: {context:?}");
    }
    assert!(std::str::from_utf8(bytes).is_ok(), "{what}: not UTF-8");
}

/// A temporary data directory and archive holding hostile text everywhere.
struct Setup {
    dir: tempfile::TempDir,
    archive: PathBuf,
    ids: Vec<String>,
}

impl Setup {
    fn new() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let mut archive = archive::bundled().unwrap();
        make_hostile(&mut archive);
        let path = dir.path().join("hostile.ron");
        std::fs::write(&path, archive::to_ron(&archive)).unwrap();
        let ids = archive.posts.iter().map(|p| p.id.clone()).collect();
        Setup {
            dir,
            archive: path,
            ids,
        }
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `pprnet --archive HOSTILE args...` with the data dir in the temp dir.
    fn run(&self, args: &[&str]) -> Output {
        common_cli::command_in(&self.data())
            .arg("--archive")
            .arg(&self.archive)
            .args(args)
            .output()
            .unwrap()
    }
}

fn make_hostile(archive: &mut Archive) {
    archive.header.intro.push(HOSTILE.into());
    let old_topic = "Empathy".to_string();
    let new_topic = format!("Empathy {HOSTILE}");
    for topic in &mut archive.topics {
        if *topic == old_topic {
            *topic = new_topic.clone();
        }
    }
    let old_type = "Qualitative study".to_string();
    let new_type = format!("Qualitative {HOSTILE}");
    for research_type in &mut archive.research_types {
        if *research_type == old_type {
            *research_type = new_type.clone();
        }
    }
    for post in &mut archive.posts {
        post.title = format!("{} {HOSTILE}", post.title);
        for citation in &mut post.citations {
            citation.raw = format!("{} {HOSTILE}", citation.raw);
            citation.authors.push(HOSTILE.into());
            if let Some(doi) = &mut citation.doi {
                doi.push_str("\x1b[2J\u{202e}");
            }
        }
        post.summary.push(HOSTILE.into());
        post.implications.push(HOSTILE.into());
        for topic in &mut post.topics {
            if *topic == old_topic {
                *topic = new_topic.clone();
            }
        }
        if post.research_type == old_type {
            post.research_type = new_type.clone();
        }
    }
}

#[track_caller]
fn assert_ok_and_safe(output: &Output, what: &str) {
    assert!(
        output.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_safe(&output.stdout, &format!("{what} (stdout)"));
    assert_safe(&output.stderr, &format!("{what} (stderr)"));
}

#[test]
fn the_hostile_string_really_is_hostile() {
    assert!(first_unsafe(HOSTILE.as_bytes()).is_some());
    for needle in [
        "\x1b]0;", "\x1b]8;", "\x1b]52;", "\x1b[2J", "\x1bP", "\u{9b}", "\u{85}",
    ] {
        assert!(HOSTILE.contains(needle), "{needle:?}");
    }
}

#[test]
fn list_search_show_topics_and_check_print_no_control_characters() {
    let setup = Setup::new();
    let id = &setup.ids[0];
    let runs: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--month", "2023-07"],
        vec!["search", "desrever"],
        vec!["search", "pwned", "--limit", "3"],
        vec!["show", id],
        vec!["show", id, "--width", "30"],
        vec!["topics"],
        vec!["check"],
    ];
    for args in runs {
        let output = setup.run(&args);
        assert_ok_and_safe(&output, &args.join(" "));
        assert!(!output.stdout.is_empty(), "{args:?} printed nothing");
    }
    // The text is still there, with visible stand-ins for the controls.
    let show = String::from_utf8(setup.run(&["show", id]).stdout).unwrap();
    assert!(show.contains("T ␛]0;PWNED␇ title␛[2J"), "{show}");
    assert!(show.contains("�desrever�"), "{show}");
    // One post a line: the controls neither add nor remove lines.
    let list = String::from_utf8(setup.run(&["list"]).stdout).unwrap();
    assert_eq!(list.lines().count(), setup.ids.len());
    assert!(list.lines().all(|l| l.split('\t').count() == 3), "{list}");
}

#[test]
fn json_keeps_the_text_exactly_and_escapes_every_control() {
    let setup = Setup::new();
    for args in [
        vec!["list", "--json"],
        vec!["search", "pwned", "--json"],
        vec!["topics", "--json"],
    ] {
        let output = setup.run(&args);
        assert_ok_and_safe(&output, &args.join(" "));
        let value: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let text = value.to_string();
        assert!(text.contains("PWNED"), "{args:?}");
    }
    let output = setup.run(&["list", "--json"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("\\u202e") && text.contains("\\u009b"),
        "{text}"
    );
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let title = value[0]["title"].as_str().unwrap();
    assert!(title.ends_with(HOSTILE), "JSON keeps the title as it is");
}

#[test]
fn bookmarks_notes_sessions_and_handouts_are_cleaned() {
    let setup = Setup::new();
    let id = setup.ids[1].as_str();
    let note = format!("note {HOSTILE}\nsecond line\r\nthird");
    let session = format!("S {HOSTILE}");
    let add = setup.run(&["bookmarks", "add", id, "--session", &session]);
    assert_ok_and_safe(&add, "bookmarks add");
    let args = [
        "bookmarks",
        "add",
        id,
        "--note",
        &note,
        "--session",
        &session,
    ];
    assert_ok_and_safe(&setup.run(&args), "bookmarks add --note (an update)");

    let list = setup.run(&["bookmarks", "list"]);
    assert_ok_and_safe(&list, "bookmarks list");
    let text = String::from_utf8(list.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    let json = setup.run(&["bookmarks", "list", "--json"]);
    assert_ok_and_safe(&json, "bookmarks list --json");
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(value[0]["title"].as_str().unwrap().ends_with(HOSTILE));

    for format in ["markdown", "text"] {
        let export = setup.run(&["bookmarks", "export", "--format", format]);
        assert_ok_and_safe(&export, &format!("bookmarks export --format {format}"));
        let text = String::from_utf8(export.stdout).unwrap();
        assert!(
            text.contains("PWNED") && text.contains("second line"),
            "{text}"
        );

        let file = setup.dir.path().join(format!("handout.{format}"));
        let to_file = setup.run(&[
            "bookmarks",
            "export",
            "--format",
            format,
            "-o",
            file.to_str().unwrap(),
        ]);
        assert_ok_and_safe(&to_file, "bookmarks export -o");
        assert_safe(&std::fs::read(&file).unwrap(), "the handout file");
    }
    let remove = setup.run(&["bookmarks", "remove", id, "--session", &session]);
    assert_ok_and_safe(&remove, "bookmarks remove");
}

#[test]
fn a_hand_written_bookmark_with_a_hostile_post_id_stays_on_one_row() {
    let setup = Setup::new();
    std::fs::create_dir_all(setup.data()).unwrap();
    let file = "(version: 1, bookmarks: [(post: \"x\\ty\\nforged\\trow\\u{1b}[2J\", \
                session: Some(\"s\\u{202e}\"), note: \"n\\u{9b}1m\")])";
    std::fs::write(setup.data().join("bookmarks.ron"), file).unwrap();
    let list = setup.run(&["bookmarks", "list"]);
    assert_ok_and_safe(&list, "bookmarks list");
    let text = String::from_utf8(list.stdout).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert_eq!(text.trim_end().split('\t').count(), 5, "{text}");
}

#[test]
fn error_messages_are_cleaned_too() {
    let setup = Setup::new();
    let evil_path = setup.dir.path().join("no\x1b]0;PWNED\x07such\u{202e}.ron");
    let runs: Vec<Vec<String>> = vec![
        vec!["show".into(), format!("zz{HOSTILE}")],
        vec!["list".into(), "--topic".into(), HOSTILE.into()],
        vec!["check".into(), evil_path.display().to_string()],
        vec!["import".into(), evil_path.display().to_string()],
        vec!["bookmarks".into(), "remove".into(), format!("x{HOSTILE}")],
    ];
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = setup.run(&args);
        assert!(!output.status.success(), "{args:?} should fail");
        assert_safe(&output.stdout, "stdout of a failing command");
        assert_safe(&output.stderr, &format!("the error of {args:?}"));
        assert!(!output.stderr.is_empty());
    }
}

fn hostile_page() -> String {
    format!(
        "Blog\nIntro {HOSTILE}\nType of Research\nTopics\n- ALL Topics (clear)\n- Empathy\n\
         March 2024\nA Title {HOSTILE}\n\
         Smith, A. B. (2024). An article {HOSTILE}. Journal, 1, 1–10. https://doi.org/10.1000/x.1\n\
         Summary {HOSTILE}\nPractice Implications\nImplication {HOSTILE}\n"
    )
}

#[test]
fn the_importer_drops_control_characters_with_a_warning_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, hostile_page()).unwrap();
    let output = common_cli::command_in(&dir.path().join("data"))
        .arg("import")
        .arg(&page)
        .args(["-o", "-"])
        .output()
        .unwrap();
    assert_ok_and_safe(&output, "import");
    let stderr = String::from_utf8(output.stderr).unwrap();
    let page_name = page.display().to_string();
    for line in [2, 8, 9, 10, 12] {
        let wanted = format!("{page_name}:{line}: warning: dropped ");
        assert!(
            stderr.contains(&wanted),
            "no warning for line {line}:\n{stderr}"
        );
    }
    let ron = String::from_utf8(output.stdout).unwrap();
    let archive = archive::parse(&ron, "imported").unwrap();
    let post = &archive.posts[0];
    assert!(
        post.title.starts_with("A Title T ]0;PWNED title[2J"),
        "{:?}",
        post.title
    );
    let everything = format!("{:?}", archive.posts);
    assert!(!everything.contains("\\u{1b}"), "{everything}");
    assert!(first_unsafe(ron.as_bytes()).is_none());
}

#[test]
fn ids_that_are_not_slugs_are_refused_naming_the_post() {
    let dir = tempfile::tempdir().unwrap();
    let mut archive = archive::bundled().unwrap();
    archive.posts[2].id = "2023-07-forged\tline\n2023-01\tFake".into();
    let path = dir.path().join("bad-id.ron");
    std::fs::write(&path, archive::to_ron(&archive)).unwrap();
    let output = common_cli::command_in(&dir.path().join("data"))
        .arg("--archive")
        .arg(&path)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(r#"post "2023-07-forged\tline\n2023-01\tFake", field `id`"#)
            && stderr.contains("lower-case letters"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().filter(|l| l.contains("Fake")).count(), 1);
}

/// `import -o FILE`: the archive written holds no control character, wherever
/// it came from (a text page, an HTML page's text, entities and topic links,
/// or the archive merged into), and each dropped one was warned about.
#[test]
fn the_archive_import_writes_is_free_of_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let html = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/blog_page.html"),
    )
    .unwrap();
    // As raw characters and as the character references a page may use.
    let entities = "&#x1b;]0;PWNED&#7; &#155;2J &#x202E;desrever &#27;[2J";
    let hostile_html = html
        .replace(
            ">Empathy</a>",
            &format!(">Empathy {HOSTILE} {entities}</a>"),
        )
        .replace(
            "Deliberate Practice for Trainees",
            &format!("Deliberate Practice {HOSTILE} {entities}"),
        )
        .replace(
            "Group leaders who",
            &format!("Group {entities} leaders who"),
        );
    assert_ne!(hostile_html, html);
    let inputs = [("page.html", hostile_html), ("page.txt", hostile_page())];
    let hostile_archive = Setup::new();
    for (name, text) in inputs {
        let page = dir.path().join(name);
        std::fs::write(&page, text).unwrap();
        for into in [None, Some(&hostile_archive.archive)] {
            let out = dir.path().join("out.ron");
            let mut command = common_cli::command_in(&dir.path().join("data"));
            command.arg("import").arg(&page);
            if let Some(into) = into {
                command.arg("--into").arg(into);
            }
            let output = command.arg("-o").arg(&out).output().unwrap();
            let what = format!("import {name} (into: {into:?})");
            assert_ok_and_safe(&output, &what);
            let written = std::fs::read(&out).unwrap();
            assert_safe(&written, &format!("the archive written by {what}"));
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(stderr.contains("dropped"), "{what}: no warning:\n{stderr}");
            let archive = archive::parse(std::str::from_utf8(&written).unwrap(), "out").unwrap();
            let everything = format!("{archive:?}");
            for kept in ["PWNED", "desrever"] {
                assert!(everything.contains(kept), "{what}: text lost: {kept}");
            }
            std::fs::remove_file(&out).unwrap();
        }
    }
}
