//! The reader's pure state: navigation and its edge cases, without a terminal.

use pprnet::archive;
use pprnet::tui::action::{Action, Pane, Step};
use pprnet::tui::app::{App, ListRow};
use pprnet::tui::memory::ReaderState;

fn app(width: u16, height: u16) -> App {
    App::new(archive::bundled().unwrap(), (width, height))
}

/// Focuses `pane` and walks its cursor onto row `row` with the arrow keys.
fn pick(app: &mut App, pane: Pane, row: usize) {
    while app.focus != pane {
        app.update(Action::FocusNext);
    }
    app.update(Action::Move(Step::First));
    for _ in 0..row {
        app.update(Action::Move(Step::Down));
    }
}

/// The topic pane's row for a topic name ("All topics" is row 0).
fn topic_row(app: &App, name: &str) -> usize {
    app.archive.topics.iter().position(|t| t == name).unwrap() + 1
}

fn visible_titles(app: &App) -> Vec<&str> {
    app.visible
        .iter()
        .map(|&i| app.archive.posts[i].title.as_str())
        .collect()
}

#[test]
fn the_reader_starts_on_all_topics_with_every_post_listed() {
    let app = app(80, 24);
    assert_eq!(app.focus, Pane::Topics);
    assert_eq!((app.topic(), app.research_type()), (None, None));
    assert_eq!(app.visible.len(), 6);
    assert_eq!(app.topics.total, 6);
    assert_eq!(
        app.list_view()[0],
        ListRow::Month("2023-11".parse().unwrap())
    );
    assert!(app.document.is_some());
}

#[test]
fn moving_through_the_topics_narrows_the_list_at_once() {
    let mut app = app(80, 24);
    let termination = topic_row(&app, "Termination");
    pick(&mut app, Pane::Topics, termination);
    assert_eq!(
        visible_titles(&app),
        ["Therapist Qualities That Lead to Treatment Failure or Termination"]
    );
    app.update(Action::Move(Step::Up));
    assert!(
        app.visible.is_empty(),
        "Suicide and Crisis Intervention has no posts"
    );
    assert_eq!(app.topics.counts[termination - 2], 0);
    let empathy = topic_row(&app, "Empathy");
    pick(&mut app, Pane::Topics, empathy);
    assert_eq!(app.visible.len(), 5);
}

#[test]
fn research_types_combine_with_the_topic() {
    let mut app = app(80, 24);
    let factors = topic_row(&app, "Therapist Factors");
    pick(&mut app, Pane::Topics, factors);
    assert_eq!(app.visible.len(), 6);
    let meta = app
        .archive
        .research_types
        .iter()
        .position(|r| r == "Meta-analysis")
        .unwrap();
    pick(&mut app, Pane::Types, meta + 1);
    assert_eq!(app.topic(), Some(factors - 1), "the topic stays chosen");
    assert_eq!(
        visible_titles(&app),
        ["Progress Feedback Narrow the Gap Between More and Less Effective Therapists"]
    );
    let termination = topic_row(&app, "Termination") - 1;
    assert_eq!(
        app.topics.counts[termination], 0,
        "topic counts follow the research type"
    );
    assert_eq!(app.types.counts[meta], 1);
    pick(&mut app, Pane::Types, 0);
    assert_eq!(app.visible.len(), 6);
}

#[test]
fn an_empty_topic_is_safe_for_every_action() {
    let mut app = app(80, 24);
    let empty = topic_row(&app, "Placebo Effect");
    pick(&mut app, Pane::Topics, empty);
    assert!(app.visible.is_empty());
    assert!(app.selected_post().is_none() && app.document.is_none());
    for action in [
        Action::FocusNext,
        Action::FocusNext,
        Action::Move(Step::Down),
        Action::Move(Step::Last),
        Action::Open,
        Action::FocusNext,
        Action::Scroll(Step::PageDown),
        Action::JumpToImplications,
        Action::CopyCitation,
        Action::OpenLink,
        Action::Move(Step::Up),
        Action::Resize(1, 1),
        Action::Resize(80, 24),
    ] {
        app.update(action);
    }
    assert!(app.take_effects().is_empty());
    assert_eq!(app.scroll, 0);
}

#[test]
fn the_last_post_stays_selected_when_moving_past_it() {
    let mut app = app(80, 24);
    app.update(Action::Open);
    app.update(Action::Move(Step::Last));
    assert_eq!(app.selected, 5);
    app.update(Action::Move(Step::Down));
    assert_eq!(app.selected, 5);
    assert_eq!(
        app.selected_post().unwrap().title,
        "Therapist Facilitative Interpersonal Skills"
    );
    app.update(Action::Move(Step::First));
    app.update(Action::Move(Step::Up));
    assert_eq!(app.selected, 0);
}

#[test]
fn scrolling_never_runs_past_the_end() {
    let mut app = app(80, 24);
    for _ in 0..500 {
        app.update(Action::Scroll(Step::PageDown));
    }
    assert_eq!(app.scroll, app.max_scroll());
    let doc = app.document.as_ref().unwrap();
    let height = usize::from(app.screen().inner(Pane::Post).unwrap().height);
    assert_eq!(
        app.scroll + height,
        doc.lines.len(),
        "the last line sits at the bottom"
    );
    app.update(Action::Scroll(Step::Down));
    assert_eq!(app.scroll, app.max_scroll());
}

#[test]
fn resizing_while_scrolled_keeps_the_same_text_in_view() {
    let mut app = app(120, 40);
    app.focus = Pane::Post;
    for _ in 0..30 {
        app.update(Action::Scroll(Step::Down));
    }
    let top = |app: &App| {
        let line = &app.document.as_ref().unwrap().lines[app.scroll];
        let (field, start) = line.source().expect("the top line shows text");
        (field, start, line.text.chars().count())
    };
    let (field, start, _) = top(&app);
    app.update(Action::Resize(40, 12));
    assert!(app.scroll <= app.max_scroll());
    let (narrow_field, narrow_start, narrow_len) = top(&app);
    assert_eq!(field, narrow_field);
    assert!(
        (narrow_start..narrow_start + narrow_len).contains(&start),
        "the text that was at the top is still on the top line"
    );
    app.update(Action::Scroll(Step::Last));
    for (w, h) in [(1, 1), (0, 0), (10, 5), (24, 6), (200, 60), (80, 24)] {
        app.update(Action::Resize(w, h));
        assert!(app.scroll <= app.max_scroll(), "{w}x{h}");
    }
    app.update(Action::Scroll(Step::Last));
    assert_eq!(app.scroll, app.max_scroll());
}

#[test]
fn i_jumps_to_practice_implications() {
    let mut app = app(80, 24);
    app.update(Action::JumpToImplications);
    let doc = app.document.as_ref().unwrap();
    let at = doc.implications_at.unwrap();
    assert_eq!(app.scroll, at.min(app.max_scroll()));
    let shown = &doc.lines[app.scroll..];
    assert!(
        shown
            .iter()
            .take(20)
            .any(|l| l.text == "Practice Implications")
    );
    assert_eq!(app.focus, Pane::Post);
}

#[test]
fn a_post_without_implications_says_so() {
    let mut archive = archive::bundled().unwrap();
    archive.posts[0].implications.clear();
    let mut app = App::new(archive, (80, 24));
    app.update(Action::JumpToImplications);
    assert_eq!(app.scroll, 0);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("no Practice Implications")
    );
}

#[test]
fn focus_cycles_through_the_panes_both_ways() {
    let mut app = app(80, 24);
    for expected in [Pane::Types, Pane::Posts, Pane::Post, Pane::Topics] {
        app.update(Action::FocusNext);
        assert_eq!(app.focus, expected);
    }
    app.update(Action::FocusPrevious);
    assert_eq!(app.focus, Pane::Post);
}

#[test]
fn h_and_l_stop_at_the_first_and_last_pane() {
    let mut app = app(80, 24);
    app.update(Action::FocusLeft);
    assert_eq!(app.focus, Pane::Topics);
    for expected in [Pane::Types, Pane::Posts, Pane::Post, Pane::Post] {
        app.update(Action::FocusRight);
        assert_eq!(app.focus, expected);
    }
    let topic = app.topics.cursor;
    app.update(Action::Move(Step::Down));
    assert_eq!(
        app.topics.cursor, topic,
        "j scrolls the post, not the topics"
    );
}

#[test]
fn enter_moves_from_topic_to_posts_to_post() {
    let mut app = app(80, 24);
    app.update(Action::Open);
    assert_eq!(app.focus, Pane::Posts);
    app.update(Action::Move(Step::Down));
    app.update(Action::Open);
    assert_eq!(app.focus, Pane::Post);
    assert_eq!(app.selected, 1);
}

#[test]
fn copy_and_open_queue_effects_with_the_citation_and_doi() {
    let mut app = app(80, 24);
    app.update(Action::CopyCitation);
    app.update(Action::OpenLink);
    let effects = app.take_effects();
    use pprnet::tui::app::Effect;
    assert!(matches!(&effects[0], Effect::Copy(text) if text.starts_with("Alfonsson, S.")));
    assert_eq!(
        effects[1],
        Effect::OpenUrl("https://doi.org/10.1037/pst0000503".into())
    );
    app.update(Action::Open);
    app.update(Action::Move(Step::Last));
    app.update(Action::OpenLink);
    assert!(app.take_effects().is_empty(), "the 2022-06 post has no DOI");
    assert!(app.status.as_deref().unwrap().contains("no DOI"));
}

#[test]
fn the_mouse_wheel_scrolls_the_pane_under_it_and_clicks_select() {
    let mut app = app(80, 24);
    let post = app.screen().area(Pane::Post).unwrap();
    app.update(Action::ScrollAt {
        column: post.x + 2,
        row: post.y + 3,
        lines: 3,
    });
    assert_eq!(app.scroll, 3);
    assert_eq!(app.focus, Pane::Topics, "the wheel does not move focus");
    let list = app.screen().inner(Pane::Posts).unwrap();
    let row = app
        .list_view()
        .iter()
        .position(|r| r.post() == Some(2))
        .unwrap();
    app.update(Action::ClickAt {
        column: list.x + 3,
        row: list.y + row as u16,
    });
    assert_eq!(app.focus, Pane::Posts);
    assert_eq!(app.selected, 2);
    assert_eq!(app.scroll, 0);
}

#[test]
fn state_is_restored_and_stale_state_is_ignored() {
    let mut app = app(80, 24);
    let termination = topic_row(&app, "Termination");
    pick(&mut app, Pane::Topics, termination);
    app.update(Action::JumpToImplications);
    let saved = app.reader_state();
    assert_eq!(saved.topic.as_deref(), Some("Termination"));
    assert!(saved.scroll > 0);
    let mut again = self::app(80, 24);
    again.restore(&saved);
    assert_eq!(again.reader_state(), saved);
    assert_eq!(again.topics.cursor, termination);
    let stale = ReaderState {
        topic: Some("Astrology".into()),
        research_type: Some("Horoscope".into()),
        post: Some("no-such-post".into()),
        scroll: 100_000,
        focus: Some(Pane::Post),
        session: None,
    };
    let mut fresh = self::app(80, 24);
    fresh.restore(&stale);
    assert_eq!(fresh.visible.len(), 6);
    assert_eq!(fresh.selected, 0);
    assert_eq!(fresh.scroll, fresh.max_scroll());
}

#[test]
fn the_list_keeps_the_selection_in_view_in_a_long_archive() {
    let mut archive = archive::bundled().unwrap();
    let template = archive.posts[0].clone();
    archive.posts = (0..500)
        .map(|i| {
            let mut post = template.clone();
            post.id = format!("{}-{i}", template.id);
            post.month = format!("{}-{:02}", 2000 + i / 12, i % 12 + 1)
                .parse()
                .unwrap();
            post
        })
        .collect();
    archive.sort_posts();
    let mut app = App::new(archive, (80, 24));
    app.update(Action::Open);
    let height = usize::from(app.screen().inner(Pane::Posts).unwrap().height);
    let in_view = |app: &App| {
        app.list_view()
            .iter()
            .any(|r| r.post() == Some(app.selected))
    };
    for step in [
        Step::Last,
        Step::PageUp,
        Step::Up,
        Step::First,
        Step::PageDown,
        Step::Down,
    ] {
        for _ in 0..7 {
            app.update(Action::Move(step));
            assert!(in_view(&app), "{step:?} to {}", app.selected);
            assert!(app.list_view().len() <= height);
        }
    }
    app.update(Action::Move(Step::Last));
    let view = app.list_view();
    assert_eq!(
        view.last().and_then(|r| r.post()),
        Some(499),
        "the last post sits at the bottom"
    );
}

#[test]
fn the_copied_citation_holds_no_control_characters() {
    let mut archive = archive::bundled().unwrap();
    archive.posts[0].citations[0].raw =
        "Evil, A. (2024).\x1b]52;c;ZXZpbA==\x07 Title\r\x08 \u{202e}desrever \u{9b}2J.".into();
    let mut app = App::new(archive, (80, 24));
    app.update(Action::CopyCitation);
    use pprnet::tui::app::Effect;
    let effects = app.take_effects();
    let Effect::Copy(text) = &effects[0] else {
        panic!("{effects:?}");
    };
    assert!(
        text.starts_with("Evil, A. (2024).]52;c;ZXZpbA== Title desrever 2J."),
        "{text:?}"
    );
    assert!(!text.chars().any(pprnet::text::is_unsafe), "{text:?}");
}

#[test]
fn y_again_copies_bibtex_then_ris_then_apa_and_says_which() {
    use pprnet::tui::app::Effect;
    let mut app = app(80, 24);
    let mut copied = Vec::new();
    for _ in 0..4 {
        app.update(Action::CopyCitation);
        let effects = app.take_effects();
        let [Effect::Copy(text)] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        copied.push((text.clone(), app.copied_message("Sent.")));
    }
    assert!(copied[0].0.starts_with("Alfonsson, S., Fagernäs, S."));
    assert_eq!(copied[0].1, "APA citation: Sent. y again: BibTeX");
    assert!(
        copied[1]
            .0
            .starts_with("@article{alfonsson2023psychotherapist,")
    );
    assert!(copied[1].1.starts_with("BibTeX: Sent.") && copied[1].1.ends_with("y again: RIS"));
    assert!(copied[2].0.starts_with("TY  - JOUR\nAU  - Alfonsson, S.\n"));
    assert_eq!(copied[3].0, copied[0].0);
    // Anything else in between starts again from APA.
    app.update(Action::CopyCitation);
    app.update(Action::OpenLink);
    app.update(Action::CopyCitation);
    let effects = app.take_effects();
    assert_eq!(effects.len(), 3);
    assert!(
        matches!(effects.last(), Some(Effect::Copy(text)) if text.starts_with("Alfonsson")),
        "{effects:?}"
    );
}
