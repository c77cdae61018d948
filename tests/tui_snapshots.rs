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
