//! Reading comfort as a user sees it: the post pane and zoom at 80x24,
//! 120x40 and 200x50 (TestBackend snapshots), with the reading width
//! respected and no DOI split; find in the post; the note in the post pane;
//! full names of cut topics; the post list after a resize.

#[path = "common/tui.rs"]
mod tui;

use pprnet::archive;
use pprnet::bookmarks::Bookmark;
use pprnet::tui::action::{Action, Edit, Pane, Step};
use pprnet::tui::app::App;
use ratatui::buffer::Buffer;
use tui::render;
use unicode_width::UnicodeWidthStr;

const DOI: &str = "https://doi.org/10.1037/pst0000503";

fn rows(buffer: &Buffer) -> Vec<String> {
    let width = usize::from(buffer.area.width);
    let symbols: Vec<&str> = buffer.content.iter().map(|c| c.symbol()).collect();
    symbols
        .chunks(width.max(1))
        .map(|row| row.concat())
        .collect()
}

/// A reader of the bundled archive at `size`, with the first post open in
/// the post pane (and zoomed, with `zoom`).
fn reading(size: (u16, u16), zoom: bool) -> App {
    let mut app = App::new(archive::bundled().unwrap(), size);
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    app.update(Action::Open);
    if zoom {
        app.update(Action::Open);
    }
    // Scroll the DOI's line near the top, so every size shows it.
    let doi_line = app
        .document
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .position(|l| l.text.contains(DOI))
        .unwrap();
    for _ in 0..doi_line.saturating_sub(2) {
        app.update(Action::Scroll(Step::Down));
    }
    app
}

/// The post's text as drawn: the columns right of the rule in the post pane
/// (the whole screen in zoom), less the status bar.
fn post_text(app: &App, buffer: &Buffer) -> Vec<String> {
    let inner = app.screen().inner(Pane::Post).unwrap();
    rows(buffer)[usize::from(inner.y)..usize::from(inner.y + inner.height)]
        .iter()
        .map(|row| row.chars().skip(usize::from(inner.x)).collect())
        .collect()
}

fn check_reading_width_and_doi(app: &App, buffer: &Buffer) {
    let text = post_text(app, buffer);
    let widths: Vec<usize> = text.iter().map(|r| r.trim().width()).collect();
    assert!(widths.iter().all(|&w| w <= 80), "{widths:?}");
    assert!(
        text.iter().any(|r| r.contains(DOI)),
        "the DOI is whole on one line:\n{}",
        text.join("\n")
    );
}

#[test]
fn the_post_pane_at_three_sizes() {
    for (size, name) in [
        ((80, 24), "80x24"),
        ((120, 40), "120x40"),
        ((200, 50), "200x50"),
    ] {
        let app = reading(size, false);
        let terminal = render(&app);
        check_reading_width_and_doi(&app, terminal.backend().buffer());
        insta::assert_snapshot!(format!("post_pane_{name}"), terminal.backend());
    }
}

#[test]
fn zoom_at_three_sizes() {
    for (size, name) in [
        ((80, 24), "80x24"),
        ((120, 40), "120x40"),
        ((200, 50), "200x50"),
    ] {
        let app = reading(size, true);
        assert!(app.zoom);
        let terminal = render(&app);
        let buffer = terminal.backend().buffer();
        check_reading_width_and_doi(&app, buffer);
        // Centred: as much room on the left as on the right, give or take one.
        if size.0 > 82 {
            let text = post_text(&app, buffer);
            let title = &text[0];
            let left = title.len() - title.trim_start().len();
            assert!(
                left >= usize::from(size.0 - 80) / 2 - 1,
                "{left}: {title:?}"
            );
        }
        insta::assert_snapshot!(format!("zoom_{name}"), terminal.backend());
    }
}

#[test]
fn zoom_goes_back_and_moves_between_posts() {
    let mut app = reading((120, 40), true);
    let first = app.selected_post().unwrap().id.clone();
    app.update(Action::NextPost);
    assert!(app.zoom);
    assert_ne!(app.selected_post().unwrap().id, first);
    app.update(Action::PreviousPost);
    assert_eq!(app.selected_post().unwrap().id, first);
    app.update(Action::PreviousPost);
    assert_eq!(
        app.status.as_deref(),
        Some("This is the first post in the list.")
    );
    app.update(Action::ToggleZoom);
    assert!(!app.zoom);
    assert!(app.screen().area(Pane::Topics).is_some());
}

#[test]
fn find_in_the_post_counts_and_steps_through_matches_apart_from_the_filter() {
    let mut app = reading((120, 40), false);
    let posts = app.visible.len();
    app.update(Action::StartFind);
    for c in "rupture".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::Confirm);
    assert!(app.find_active());
    assert_eq!(app.visible.len(), posts, "the archive filter is untouched");
    app.update(Action::StartFind);
    for c in "therapist".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    app.update(Action::Confirm);
    // Typing went to the first match below where find started.
    let count = app.find_count();
    let (at, total) = count.split_once('/').unwrap();
    let (at, total): (usize, usize) = (at.parse().unwrap(), total.parse().unwrap());
    assert!(total > 10, "{total}");
    app.update(Action::NextMatch);
    assert_eq!(app.find_count(), format!("{}/{total}", at + 1));
    app.update(Action::PreviousMatch);
    assert_eq!(app.find_count(), format!("{at}/{total}"));
    for _ in 0..at {
        app.update(Action::PreviousMatch);
    }
    assert_eq!(app.find_count(), format!("{total}/{total}"), "wraps around");
    // The match gone to is on screen.
    let rows = rows(render(&app).backend().buffer());
    assert!(rows.iter().any(|r| r.to_lowercase().contains("therapist")));
    app.update(Action::Cancel);
    assert!(!app.find_active());
}

#[test]
fn the_bookmark_note_shows_under_the_title() {
    let mut app = reading((120, 40), false);
    let post = app.selected_post().unwrap().id.clone();
    let bookmark = Bookmark {
        post,
        session: None,
        note: "Ask about ruptures".into(),
        created: "2026-12-01T09:30:00.000Z".into(),
        discussed: false,
    };
    app.set_bookmarks(vec![bookmark], None);
    app.update(Action::Scroll(Step::First));
    let rows = rows(render(&app).backend().buffer());
    let note = rows
        .iter()
        .position(|r| r.contains("Your note: Ask about ruptures"))
        .unwrap();
    let citation = rows.iter().position(|r| r.contains("Citation")).unwrap();
    assert!(note < citation);
}

#[test]
fn a_cut_topic_name_is_shown_whole_in_the_status_bar() {
    let mut app = App::new(archive::bundled().unwrap(), (80, 24));
    // "Cognitive Therapy (CT) and Cognitive-Behavioural Therapy (CBT)" is the 8th topic.
    for _ in 0..8 {
        app.update(Action::Move(Step::Down));
    }
    let rows = rows(render(&app).backend().buffer());
    assert!(
        rows[23].contains("Cognitive Therapy (CT) and Cognitive-Behavioural"),
        "{}",
        rows[23]
    );
}

#[test]
fn the_post_list_fills_the_pane_after_a_resize() {
    let mut app = App::new(archive::bundled().unwrap(), (60, 20));
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    app.update(Action::Move(Step::Last));
    app.update(Action::Resize(120, 40));
    assert_eq!(app.list_top, 0, "every post fits: none is hidden above");
    let rows = rows(render(&app).backend().buffer());
    assert!(rows[1].contains("November 2023"), "{}", rows[1]);
}
