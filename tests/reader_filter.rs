//! The reader's `/` filter: live narrowing, ranking, highlights and n/N.

use pprnet::archive;
use pprnet::tui::action::{Action, Edit, Pane, Step};
use pprnet::tui::app::App;
use pprnet::tui::keymap::Mode;

fn app() -> App {
    App::new(archive::bundled().unwrap(), (80, 24))
}

fn type_query(app: &mut App, query: &str) {
    app.update(Action::StartFilter);
    for c in query.chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
}

fn titles(app: &App) -> Vec<&str> {
    app.visible
        .iter()
        .map(|&i| app.archive.posts[i].title.as_str())
        .collect()
}

#[test]
fn the_list_narrows_on_every_keystroke() {
    let mut app = app();
    app.update(Action::StartFilter);
    assert_eq!(app.mode(), Mode::Filter);
    let mut counts = Vec::new();
    for c in "delgadillo".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
        counts.push(app.visible.len());
    }
    assert!(counts.windows(2).all(|w| w[1] <= w[0]), "{counts:?}");
    assert_eq!(app.visible.len(), 2, "{:?}", titles(&app));
    assert!(app.filter.active());
}

#[test]
fn accents_and_case_do_not_matter() {
    let mut app = app();
    type_query(&mut app, "FAGERNAS");
    assert_eq!(
        titles(&app),
        ["Therapist Qualities That Lead to Treatment Failure or Termination"]
    );
}

#[test]
fn a_word_no_post_contains_empties_the_list_safely() {
    let mut app = app();
    type_query(&mut app, "xqzv");
    assert!(app.visible.is_empty());
    for action in [
        Action::Move(Step::Down),
        Action::NextMatch,
        Action::Confirm,
        Action::Open,
        Action::JumpToImplications,
        Action::ToggleBookmark,
    ] {
        app.update(action);
    }
    assert!(app.selected_post().is_none());
}

#[test]
fn the_filter_combines_with_the_topic() {
    let mut app = app();
    let termination = app
        .archive
        .topics
        .iter()
        .position(|t| t == "Termination")
        .unwrap();
    for _ in 0..=termination {
        app.update(Action::Move(Step::Down));
    }
    assert_eq!(app.visible.len(), 1);
    type_query(&mut app, "norcross");
    assert!(
        app.visible.is_empty(),
        "Norcross posts are not about Termination"
    );
    assert_eq!(app.topics.total, 2, "the topic counts follow the filter");
}

#[test]
fn enter_keeps_the_filter_and_esc_clears_it() {
    let mut app = app();
    type_query(&mut app, "humility");
    let kept = app.visible.len();
    assert!(kept > 0 && kept < 6);
    app.update(Action::Confirm);
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.visible.len(), kept);
    app.update(Action::Cancel);
    assert_eq!(app.visible.len(), 6);
    assert!(!app.filter.active());
    type_query(&mut app, "humility");
    app.update(Action::Cancel);
    assert_eq!((app.mode(), app.visible.len()), (Mode::Normal, 6));
}

#[test]
fn matches_are_highlighted_in_the_title_and_the_post() {
    let mut app = app();
    type_query(&mut app, "relationship");
    let first = app.visible[0];
    let title = &app.archive.posts[first].title;
    let lit: String = app
        .title_matches(first)
        .iter()
        .map(|&i| title.chars().nth(i).unwrap())
        .collect();
    assert_eq!(lit.to_lowercase(), "relationship");
    assert!(!app.match_lines.is_empty());
}

#[test]
fn n_and_capital_n_step_through_the_matches_and_wrap() {
    let mut app = app();
    type_query(&mut app, "patient");
    app.update(Action::Confirm);
    app.update(Action::FocusNext);
    assert_eq!(app.focus, Pane::Post);
    let lines = app.match_lines.clone();
    assert!(lines.len() >= 2, "{lines:?}");
    app.update(Action::NextMatch);
    assert_eq!(app.scroll, lines[0].min(app.max_scroll()));
    app.update(Action::NextMatch);
    assert_eq!(app.scroll, lines[1].min(app.max_scroll()));
    app.update(Action::PreviousMatch);
    app.update(Action::PreviousMatch);
    assert_eq!(
        app.scroll,
        lines[lines.len() - 1].min(app.max_scroll()),
        "wrapped to the last"
    );
    assert!(app.status.as_deref().unwrap().starts_with(&format!(
        "Match {} of {}",
        lines.len(),
        lines.len()
    )));
}

#[test]
fn unicode_queries_are_safe() {
    for query in [
        "🧠\u{200d}💭",
        "نعم",
        "日本語",
        "e\u{301}",
        "\u{7}\u{1b}",
        "ﬁ",
        "ǅ",
        "  ",
        "a b c d e f",
    ] {
        let mut app = app();
        type_query(&mut app, query);
        app.update(Action::NextMatch);
        app.update(Action::Edit(Edit::Backspace));
        app.update(Action::Edit(Edit::Home));
        app.update(Action::Edit(Edit::Delete));
        app.update(Action::Cancel);
        assert_eq!(app.visible.len(), 6, "{query:?}");
    }
}

#[test]
fn esc_returns_to_the_post_scroll_and_focus_from_before_the_slash() {
    let mut app = app();
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    app.update(Action::Move(Step::Down));
    app.update(Action::Move(Step::Down));
    app.update(Action::Open);
    for _ in 0..5 {
        app.update(Action::Move(Step::Down));
    }
    let (post, scroll) = (app.selected_post().unwrap().id.clone(), app.scroll);
    assert!(scroll > 0, "the post scrolled");
    type_query(&mut app, "humility");
    assert_ne!(
        app.selected_post().unwrap().id,
        post,
        "typing selects the best hit"
    );
    app.update(Action::Cancel);
    assert_eq!(app.selected_post().unwrap().id, post);
    assert_eq!((app.scroll, app.focus), (scroll, Pane::Post));
    assert!(!app.filter.active());
}

#[test]
fn enter_moves_the_focus_to_the_results() {
    let mut app = app();
    assert_eq!(app.focus, Pane::Topics);
    type_query(&mut app, "empathy");
    app.update(Action::Confirm);
    assert_eq!(app.focus, Pane::Posts);
    let (topic, first) = (app.topics.cursor, app.selected);
    app.update(Action::Move(Step::Down));
    assert_eq!(app.topics.cursor, topic, "j does not change the topic");
    assert_eq!(app.selected, first + 1, "j moves through the results");
}
