//! The reader opens on the posts without their bodies (from the cache) and
//! takes in the rest as it arrives: the selected post, the whole archive, the
//! search index. Each arrival keeps the reader where it was.

use std::sync::Arc;

use pprnet::archive::{self, Archive};
use pprnet::search::SearchIndex;
use pprnet::tui::action::{Action, Edit, Pane, Step};
use pprnet::tui::app::{App, Arrival};

/// The bundled archive as the cache's catalog gives it: no bodies, no citations.
fn without_bodies(archive: &Archive) -> Archive {
    let mut partial = archive.clone();
    for post in &mut partial.posts {
        post.summary.clear();
        post.implications.clear();
        post.citations.clear();
    }
    partial
}

fn post_text(app: &App) -> String {
    app.document
        .as_ref()
        .map(|d| d.to_plain_text())
        .unwrap_or_default()
}

#[test]
fn the_selected_post_then_the_archive_arrive_without_moving_the_reader() {
    let whole = archive::bundled().unwrap();
    let mut app = App::new(without_bodies(&whole), (80, 24));
    let topics = app.topics.counts.clone();
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    app.update(Action::Move(Step::Down));
    assert_eq!(app.focus, Pane::Posts);
    let selected = app.visible[app.selected];
    // Words of the summary, short enough not to be wrapped apart.
    let summary = &whole.posts[selected].summary[0];
    let first_words = summary
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ");
    let first_words = first_words.as_str();
    let lines_without = app.document.as_ref().unwrap().lines.len();
    assert!(!post_text(&app).contains(first_words));

    app.status = Some("kept".into());
    let post = Arc::new(whole.posts[selected].clone());
    app.update(Action::Arrived(Arrival::Post(selected, post)));
    assert!(post_text(&app).contains(first_words), "{}", post_text(&app));
    assert!(app.document.as_ref().unwrap().lines.len() > lines_without + 10);
    assert_eq!(
        app.status.as_deref(),
        Some("kept"),
        "arrivals keep the message"
    );

    app.update(Action::Scroll(Step::Down));
    let scroll = app.scroll;
    assert!(scroll > 0);
    app.update(Action::Arrived(Arrival::Archive(Arc::new(whole.clone()))));
    assert_eq!(app.archive, whole);
    assert_eq!(app.visible[app.selected], selected);
    assert_eq!(app.scroll, scroll);
    assert_eq!(app.topics.counts, topics);
    assert!(post_text(&app).contains(first_words));
}

#[test]
fn a_post_for_another_archive_is_ignored() {
    let whole = archive::bundled().unwrap();
    let mut app = App::new(without_bodies(&whole), (80, 24));
    let before = app.archive.clone();
    let wrong = Arc::new(whole.posts[1].clone());
    app.update(Action::Arrived(Arrival::Post(0, wrong)));
    assert_eq!(app.archive, before);
}

#[test]
fn the_filter_uses_the_index_that_arrived() {
    let whole = archive::bundled().unwrap();
    let mut app = App::new(whole.clone(), (80, 24));
    let index = SearchIndex::new(&whole.posts);
    let expected: Vec<usize> = index
        .search(&whole.posts, "empathy")
        .iter()
        .map(|h| h.post)
        .collect();
    app.update(Action::Arrived(Arrival::Index(Arc::new(index))));
    app.update(Action::StartFilter);
    for c in "empathy".chars() {
        app.update(Action::Edit(Edit::Insert(c)));
    }
    assert_eq!(app.visible, expected);
}

#[test]
fn an_archive_that_replaces_a_stale_cache_is_shown_with_its_own_tags() {
    let whole = archive::bundled().unwrap();
    // What a stale cache held: the second post had another topic and title.
    let mut stale = without_bodies(&whole);
    let changed = 1;
    stale.posts[changed].title = "Old title".into();
    stale.posts[changed].topics = vec![whole.topics[0].clone()];
    let mut app = App::new(stale, (80, 24));
    app.update(Action::FocusNext);
    app.update(Action::FocusNext);
    app.update(Action::Move(Step::Down));
    let selected_id = app.archive.posts[app.visible[app.selected]].id.clone();

    app.update(Action::Arrived(Arrival::Replaced(Arc::new(whole.clone()))));
    assert_eq!(app.archive, whole);
    assert_eq!(app.archive.posts[app.visible[app.selected]].id, selected_id);
    let fresh = App::new(whole.clone(), (80, 24));
    assert_eq!(
        app.topics.counts, fresh.topics.counts,
        "counts of the new tags"
    );
    assert_eq!(app.types.counts, fresh.types.counts);
}
