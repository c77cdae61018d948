//! The library in the reader as a user sees it (TestBackend snapshots at
//! 80x24): the "New" and "Unread" rows and the unread dots after an import,
//! the `t` checklist with pprnet's suggestions dimmed, and a damaged library
//! said in the status bar.

#[path = "common/tui.rs"]
mod tui;

use pprnet::archive::{self, Archive, import};
use pprnet::library::{LibraryFile, Visit};
use pprnet::tui::action::{Action, Step};
use pprnet::tui::app::{App, Dialog};
use tui::render;

/// The bundled archive with the test blog page imported into a library, and
/// the visit of a first start after that import: the imported posts are new,
/// and the bundled post `read` was read earlier.
fn after_import(read: &str) -> (Archive, Visit) {
    let base = archive::bundled().unwrap();
    let bytes = std::fs::read("tests/pages/blog_page.html").unwrap();
    let (page, _) = import::read_page(&bytes).unwrap();
    let mut library = LibraryFile::default();
    library.add_topics(&base, &page.topics);
    library.merge_posts(&base, page.posts, "blog_page.html", "2030-01-01T00:00:00Z");
    let mut visit = Visit {
        new: library.added_since(&base, None),
        ..Visit::default()
    };
    visit.marks.read.insert(read.to_string());
    (library.combine(base), visit)
}

fn reader(size: (u16, u16)) -> App {
    let bundled = archive::bundled().unwrap();
    let (archive, visit) = after_import(&bundled.posts[0].id);
    let mut app = App::new(archive, size);
    app.set_visit(&visit);
    app
}

#[test]
fn new_and_unread_head_the_topics_and_unread_posts_carry_a_dot_at_80x24() {
    let app = reader((80, 24));
    let (new, unread) = (app.topics.leading[0], app.topics.leading[1]);
    assert!(new > 0);
    assert_eq!(unread, app.archive.posts.len() - 1, "one post was read");
    insta::assert_snapshot!(render(&app).backend());
}

#[test]
fn the_new_row_lists_only_the_imported_posts() {
    let mut app = reader((80, 24));
    app.update(Action::Move(Step::First));
    assert_eq!(app.visible.len(), app.topics.leading[0]);
    assert!(
        app.visible
            .iter()
            .all(|&i| app.archive.posts[i].source == archive::Source::Library)
    );
    insta::assert_snapshot!(render(&app).backend());
}

#[test]
fn the_topics_checklist_at_80x24_dims_suggestions_and_scrolls_to_the_types() {
    let mut app = reader((80, 24));
    // The newest post is an imported one, with suggested tags.
    assert!(!app.selected_post().unwrap().suggested.is_none());
    app.update(Action::EditTags);
    insta::assert_snapshot!("checklist_top", render(&app).backend());
    app.update(Action::Move(Step::Last));
    insta::assert_snapshot!("checklist_types", render(&app).backend());
}

#[test]
fn a_damaged_library_is_said_in_the_status_bar() {
    let mut app = App::new(archive::bundled().unwrap(), (80, 24));
    app.set_visit(&Visit {
        library_problem: Some("library.ron:1:22: the library file is damaged".into()),
        ..Visit::default()
    });
    let screen = format!("{}", render(&app).backend());
    assert!(
        screen.contains("Library not loaded, showing the archive alone: library.ron:1:22"),
        "{screen}"
    );
}

#[test]
fn the_checklist_keeps_its_cursor_in_view_at_any_size() {
    for size in [(24, 8), (40, 12), (80, 24), (200, 60), (30, 6), (1, 1)] {
        let mut app = reader(size);
        app.update(Action::EditTags);
        for step in [
            Step::Last,
            Step::PageUp,
            Step::PageUp,
            Step::First,
            Step::PageDown,
        ] {
            app.update(Action::Move(step));
            let screen = format!("{}", render(&app).backend());
            let Some(Dialog::Tags(editor)) = app.overlay.top() else {
                panic!("the checklist is open");
            };
            let name = match editor.type_of_row(editor.cursor) {
                Some(kind) => &app.archive.research_types[kind],
                None => &app.archive.topics[editor.cursor],
            };
            // From 8 rows on, the box has room for a row of the list.
            if size.1 >= 8 {
                let start: String = name.chars().take(10).collect();
                assert!(screen.contains(&start), "{name} at {size:?}:\n{screen}");
            }
        }
    }
}
