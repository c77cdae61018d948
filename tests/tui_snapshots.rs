//! The reader as a user sees it: TestBackend renders at several sizes, compared
//! with the snapshots in tests/snapshots/.

use pprnet::archive::{self, Archive};
use pprnet::tui::action::{Action, Pane, Step};
use pprnet::tui::app::App;
use pprnet::tui::ui::{Theme, Ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

const COLOR: Theme = Theme::DARK;

fn render(app: &App, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    terminal
        .draw(|frame| frame.render_widget(Ui { app, theme }, frame.area()))
        .unwrap();
    terminal
}

fn app_with(archive: Archive, width: u16, height: u16, actions: &[Action]) -> App {
    let mut app = App::new(archive, (width, height));
    for action in actions {
        app.update(action.clone());
    }
    app
}

fn app(width: u16, height: u16, actions: &[Action]) -> App {
    app_with(archive::bundled().unwrap(), width, height, actions)
}

fn text(buffer: &Buffer) -> String {
    let width = buffer.area.width as usize;
    let symbols: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    symbols
        .chunks(width.max(1))
        .map(|row| row.concat())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Down to the Termination topic, then into its post's Practice Implications.
fn termination_implications() -> Vec<Action> {
    let mut actions = vec![Action::Move(Step::Down); 31];
    actions.push(Action::JumpToImplications);
    actions
}

#[test]
fn start_at_80x24() {
    insta::assert_snapshot!(render(&app(80, 24, &[]), &COLOR).backend());
}

#[test]
fn start_at_120x40() {
    insta::assert_snapshot!(render(&app(120, 40, &[]), &COLOR).backend());
}

#[test]
fn start_at_40x12() {
    insta::assert_snapshot!(render(&app(40, 12, &[]), &COLOR).backend());
}

#[test]
fn too_small_at_10x5() {
    let terminal = render(&app(10, 5, &[]), &COLOR);
    assert!(text(terminal.backend().buffer()).contains("small"));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn termination_implications_at_80x24() {
    let app = app(80, 24, &termination_implications());
    let terminal = render(&app, &COLOR);
    let screen = text(terminal.backend().buffer());
    assert!(screen.contains("Practice Implications"));
    assert!(screen.contains("1 post · Termination"));
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn reading_a_post_at_40x12_shows_only_the_post() {
    let app = app(
        40,
        12,
        &[Action::Open, Action::Open, Action::Scroll(Step::PageDown)],
    );
    assert_eq!(app.focus, Pane::Post);
    insta::assert_snapshot!(render(&app, &COLOR).backend());
}

#[test]
fn help_overlay_at_80x24() {
    let terminal = render(&app(80, 24, &[Action::ToggleHelp]), &COLOR);
    let screen = text(terminal.backend().buffer());
    // The first page; the keymap's tests check that every bound key is in
    // the help, further down.
    for key in [
        "j k",
        "Tab",
        "PgDn",
        "Practice Implications",
        "find",
        "zoom",
    ] {
        assert!(screen.contains(key), "help lacks {key}");
    }
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn no_color_draws_without_colour_but_still_marks_the_cursor() {
    let app = app(80, 24, &termination_implications());
    let terminal = render(&app, &Theme::MONO);
    let buffer = terminal.backend().buffer();
    for cell in &buffer.content {
        assert_eq!(
            (cell.fg, cell.bg),
            (Color::Reset, Color::Reset),
            "coloured cell {cell:?}"
        );
    }
    let emphasised = buffer
        .content
        .iter()
        .filter(|c| !c.modifier.is_empty())
        .count();
    assert!(
        emphasised > 80,
        "bold/reverse still mark things: {emphasised}"
    );
    let coloured = render(&app, &COLOR);
    assert!(
        coloured
            .backend()
            .buffer()
            .content
            .iter()
            .any(|c| c.fg != Color::Reset)
    );
}

#[test]
fn wide_characters_keep_the_panes_aligned() {
    let mut archive = archive::bundled().unwrap();
    archive.posts[0].title = "治療関係の研究 🧠 セラピストの要因と中断 (日本語のタイトル)".into();
    archive.posts[0].summary[0] = "共感は重要です。".repeat(40);
    let app = app_with(archive, 80, 24, &[]);
    let terminal = render(&app, &COLOR);
    let buffer = terminal.backend().buffer();
    let screen = text(buffer);
    let rule_columns = |row: u16| -> Vec<u16> {
        (0..80)
            .filter(|&x| buffer[(x, row)].symbol() == "│")
            .collect()
    };
    let expected = rule_columns(1);
    assert_eq!(expected.len(), 2);
    for row in 1..22 {
        assert_eq!(rule_columns(row), expected, "row {row} of\n{screen}");
    }
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn every_size_down_to_1x1_renders_without_panicking() {
    let mut app = app(80, 24, &termination_implications());
    for width in (0..=130).step_by(7) {
        for height in 0..=40 {
            app.update(Action::Resize(width, height));
            render(&app, &COLOR);
        }
    }
}

#[test]
fn a_filter_highlights_its_matches_at_80x24() {
    let mut actions = vec![Action::StartFilter];
    actions.extend(
        "fagernas"
            .chars()
            .map(|c| Action::Edit(pprnet::tui::action::Edit::Insert(c))),
    );
    let app = app(80, 24, &actions);
    let terminal = render(&app, &COLOR);
    let buffer = terminal.backend().buffer();
    let screen = text(buffer);
    assert!(screen.contains("/fagernas▏"), "{screen}");
    assert!(screen.contains("1 of 1 posts"), "{screen}");
    let row = (0..24)
        .find(|&y| text_row(buffer, y).contains("Fagernäs"))
        .unwrap();
    let line = text_row(buffer, row);
    let start = line[..line.find("Fagernäs").unwrap()].chars().count() as u16;
    for dx in 0..8 {
        let cell = &buffer[(start + dx, row)];
        assert!(
            cell.modifier.contains(ratatui::style::Modifier::UNDERLINED),
            "{:?} at {dx}",
            cell.symbol()
        );
    }
    let after = &buffer[(start + 8, row)];
    assert!(
        !after
            .modifier
            .contains(ratatui::style::Modifier::UNDERLINED)
    );
    insta::assert_snapshot!(terminal.backend());
}

fn text_row(buffer: &Buffer, y: u16) -> String {
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

#[test]
fn narrow_terminals_still_show_the_query_and_the_position() {
    let mut actions = vec![Action::PickSession, Action::Confirm, Action::StartFilter];
    actions.extend(
        "ther"
            .chars()
            .map(|c| Action::Edit(pprnet::tui::action::Edit::Insert(c))),
    );
    for width in [24, 30, 35, 40, 60] {
        let app = app(width, 8, &actions);
        let terminal = render(&app, &COLOR);
        let status = text_row(terminal.backend().buffer(), 7);
        assert!(status.contains("/ther▏"), "{width}: {status:?}");
    }
    let app = app(24, 6, &[]);
    let terminal = render(&app, &COLOR);
    let status = text_row(terminal.backend().buffer(), 5);
    assert!(
        status.contains("?:help") && status.contains("1/6"),
        "{status:?}"
    );
}

#[test]
fn help_scrolls_on_a_small_terminal() {
    let mut app = app(40, 12, &[Action::ToggleHelp]);
    let screen = text(render(&app, &COLOR).backend().buffer());
    assert!(screen.contains("j/k scroll"), "{screen}");
    assert!(!screen.contains("quit"));
    app.update(Action::Move(Step::Last));
    let screen = text(render(&app, &COLOR).backend().buffer());
    assert!(screen.contains("wheel scrolls"), "{screen}");
    app.update(Action::ToggleHelp);
    assert_eq!(app.mode(), pprnet::tui::keymap::Mode::Normal);
}

#[test]
fn the_note_editor_at_40x12() {
    let mut actions = vec![Action::EditNote];
    let note = "Ask about ruptures: which patients left early, and what did the therapist notice?";
    actions.extend(
        note.chars()
            .map(|c| Action::Edit(pprnet::tui::action::Edit::Insert(c))),
    );
    let app = app(40, 12, &actions);
    let terminal = render(&app, &COLOR);
    let screen = text(terminal.backend().buffer());
    assert!(screen.contains("client-identifying"), "{screen}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn the_session_and_a_type_filter_show_in_the_status_bar_at_80x24() {
    let mut app = app(80, 24, &[Action::FocusRight, Action::Move(Step::Down)]);
    app.session = Some("Supervision 2026-11-26 with the Tuesday group".into());
    app.update(Action::FocusRight);
    let terminal = render(&app, &COLOR);
    let screen = text(terminal.backend().buffer());
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("Meta-analysis · Supervision 2026-11-26 … · 1/1"),
        "{status}"
    );
    let header = screen.lines().next().unwrap();
    assert!(header.contains("│ 1 post · Meta-analys… │"), "{header}");
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn a_long_topic_and_a_type_share_the_list_header() {
    let mut actions = vec![Action::Move(Step::Down); 2];
    actions.extend([Action::FocusRight, Action::Move(Step::Down)]);
    let app = app(80, 24, &actions);
    let screen = text(render(&app, &COLOR).backend().buffer());
    let header = screen.lines().next().unwrap();
    assert!(
        header.contains(" · All… · Met… "),
        "both filters show, shortened: {header}"
    );
}

/// Wide (CJK) characters, emoji, ZWJ sequences, emoji presentation selectors
/// and combining marks, as a hostile title, note or session name holds them.
const WIDE: &str = "治療 👩\u{200d}⚕\u{fe0f} 👨\u{200d}👩\u{200d}👧\u{200d}👦 ⚕\u{fe0f} e\u{301} 🏳\u{fe0f}\u{200d}🌈 中文セッション ﷽";

/// The one character the screen under the dialogs is filled with.
const UNDER: &str = "漢";

/// An archive whose every title and summary is the [`UNDER`] character, but
/// the titles of the first three posts (the bookmarked ones), which are
/// [`WIDE`].
fn wide_archive() -> Archive {
    let mut archive = archive::bundled().unwrap();
    let wide_topic = |topic: &str| format!("{}{topic}", UNDER.repeat(5));
    for topic in &mut archive.topics {
        *topic = wide_topic(topic);
    }
    for post in &mut archive.posts {
        for topic in &mut post.topics {
            *topic = wide_topic(topic);
        }
        post.title = UNDER.repeat(60);
        for paragraph in post.summary.iter_mut().chain(&mut post.implications) {
            *paragraph = format!("{} ", UNDER.repeat(7)).repeat(30);
        }
    }
    for (i, post) in archive.posts.iter_mut().take(3).enumerate() {
        post.title = format!("{WIDE} {i} {WIDE}");
    }
    archive
}

/// A link with wide characters of every kind and no spaces.
fn wide_url() -> String {
    format!(
        "https://例え.jp/{}/{}",
        WIDE.replace(' ', "-"),
        "治療".repeat(30)
    )
}

/// The dialog's box: its top-left and bottom-right corners.
fn dialog_box(buffer: &Buffer) -> (u16, u16, u16, u16) {
    let area = buffer.area;
    let at = |x, y| buffer[(x, y)].symbol();
    let (left, top) = (0..area.height)
        .flat_map(|y| (0..area.width).map(move |x| (x, y)))
        .find(|&(x, y)| at(x, y) == "┌")
        .unwrap_or_else(|| panic!("no top-left corner:\n{}", text(buffer)));
    let right = (left + 1..area.width)
        .find(|&x| at(x, top) == "┐")
        .unwrap_or_else(|| panic!("no top-right corner:\n{}", text(buffer)));
    let bottom = (top + 1..area.height)
        .find(|&y| at(left, y) == "└")
        .unwrap_or_else(|| panic!("no bottom-left corner:\n{}", text(buffer)));
    (left, top, right, bottom)
}

#[test]
fn wide_characters_in_dialogs_keep_their_borders_and_hide_the_screen_below() {
    use pprnet::bookmarks::{Bookmark, Conflict, Outcome};
    let bookmarks: Vec<Bookmark> = (0..3)
        .map(|i| Bookmark {
            post: archive::bundled().unwrap().posts[i].id.clone(),
            session: Some(format!("{WIDE} {i}")),
            note: format!("{WIDE}\n{WIDE} {WIDE}"),
            created: "2026-12-01T09:30:00.000Z".into(),
            discussed: i == 1,
        })
        .collect();
    let conflict = Conflict {
        post: bookmarks[0].post.clone(),
        session: bookmarks[0].session.clone(),
        mine: format!("{WIDE} mine {WIDE}"),
        theirs: format!("{WIDE} theirs\n{WIDE}"),
    };
    type Open = Box<dyn Fn(&mut App)>;
    let dialogs: Vec<(&str, Open)> = vec![
        (
            "note",
            Box::new(|app: &mut App| {
                app.update(Action::EditNote);
                for c in WIDE.chars() {
                    app.update(Action::Edit(pprnet::tui::action::Edit::Insert(c)));
                }
            }),
        ),
        (
            "session",
            Box::new(|app: &mut App| app.update(Action::PickSession)),
        ),
        (
            "bookmarks",
            Box::new(|app: &mut App| app.update(Action::ShowBookmarks)),
        ),
        (
            "question",
            Box::new(|app: &mut App| {
                app.update(Action::EditNote);
                app.update(Action::Paste(WIDE.into()));
                app.update(Action::Cancel);
            }),
        ),
        (
            "link",
            Box::new(|app: &mut App| {
                app.link_opened(wide_url(), Err(format!("no browser for {WIDE}")))
            }),
        ),
        (
            "conflict",
            Box::new(move |app: &mut App| {
                let outcome = Outcome {
                    before: None,
                    after: None,
                    conflict: Some(conflict.clone()),
                };
                let list = app.bookmarks.clone();
                app.bookmarks_changed(list, Ok(outcome), None);
            }),
        ),
        (
            "help",
            Box::new(|app: &mut App| app.update(Action::ToggleHelp)),
        ),
    ];
    for (name, open) in dialogs {
        // Two widths of each parity, so that a wide character of the screen
        // below ends just under the left border of some of the boxes.
        for (width, height) in [(80, 24), (81, 24), (47, 15), (48, 15)] {
            let mut app = app_with(wide_archive(), width, height, &[]);
            app.set_bookmarks(bookmarks.clone(), None);
            open(&mut app);
            let terminal = render(&app, &COLOR);
            let buffer = terminal.backend().buffer();
            let screen = text(buffer);
            let (left, top, right, bottom) = dialog_box(buffer);
            let at = |x, y| buffer[(x, y)].symbol();
            for y in top + 1..bottom {
                assert_eq!(
                    at(left, y),
                    "│",
                    "{name} {width}x{height}, row {y}:\n{screen}"
                );
                assert_eq!(
                    at(right, y),
                    "│",
                    "{name} {width}x{height}, row {y}:\n{screen}"
                );
            }
            assert_eq!(at(right, bottom), "┘", "{name} {width}x{height}:\n{screen}");
            for x in left + 1..right {
                assert_eq!(at(x, bottom), "─", "{name} {width}x{height}:\n{screen}");
            }
            for y in top..=bottom {
                let row: String = (left..=right).map(|x| at(x, y)).collect();
                assert!(
                    !row.contains(UNDER),
                    "{name} {width}x{height}: the screen below shows in row {y}:\n{screen}"
                );
            }
            if name == "link" {
                // Every character of the link is there, to be copied by hand.
                let shown: String = (top + 1..bottom)
                    .flat_map(|y| {
                        let mut x = left + 1;
                        let mut row = Vec::new();
                        while x < right {
                            row.push(at(x, y));
                            x += pprnet::text::columns(at(x, y)).max(1) as u16;
                        }
                        row
                    })
                    .collect::<String>()
                    .replace(' ', "");
                assert!(shown.contains(&wide_url()), "{width}x{height}:\n{screen}");
            }
            if [80, 48].contains(&width) {
                insta::assert_snapshot!(
                    format!("wide_{name}_at_{width}x{height}"),
                    terminal.backend()
                );
            }
        }
    }
}
