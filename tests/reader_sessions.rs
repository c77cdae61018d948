//! Sessions managed from the reader's bookmarks view (issue 12): `r` renames
//! the session under the cursor, `m` merges it into another, `X` deletes it.
//! The reader's pure state runs against a real bookmark store in a temporary
//! directory, with the effects carried out as the event loop does; a second
//! store plays another pprnet adding a bookmark meanwhile.

use pprnet::archive;
use pprnet::bookmarks::{BookmarkStore, Change};
use pprnet::tui::action::{Action, Edit, Step};
use pprnet::tui::app::{App, Effect};
use pprnet::tui::keymap::Mode;
use pprnet::tui::ui::{Theme, Ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const SUPERVISION: &str = "Supervision 2026-12-03";
const GROUP: &str = "Group B";
const POSTS: [&str; 4] = [
    "2023-11-therapist-qualities-that-lead-to-treatment-failure-or-termination",
    "2023-07-therapeutic-relationship-factors-that-work",
    "2022-10-progress-feedback-narrow-the-gap-between-more-and-less-effective-therapists",
    "2022-06-therapist-facilitative-interpersonal-skills",
];

/// The reader, the store it writes through, and the data directory.
struct Harness {
    app: App,
    store: BookmarkStore,
    dir: tempfile::TempDir,
}

fn add(store: &mut BookmarkStore, post: &str, session: Option<&str>, note: &str) {
    store
        .apply(Change::Add {
            post: post.into(),
            session: session.map(Into::into),
            note: Some(note.into()),
        })
        .unwrap();
}

impl Harness {
    /// Two bookmarks in "Supervision 2026-12-03", one in "Group B", one in no
    /// session; the reader's current session is the supervision; the
    /// bookmarks view is open.
    fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let mut store = BookmarkStore::open(dir.path()).unwrap();
        add(
            &mut store,
            POSTS[0],
            Some(SUPERVISION),
            "Ask about ruptures",
        );
        add(&mut store, POSTS[1], Some(SUPERVISION), "");
        add(&mut store, POSTS[1], Some(GROUP), "Group note");
        add(&mut store, POSTS[3], None, "");
        let mut app = App::new(archive::bundled().unwrap(), (80, 24));
        app.session = Some(SUPERVISION.into());
        let mut h = Harness { app, store, dir };
        h.act(Action::ShowBookmarks);
        assert_eq!(h.app.mode(), Mode::Bookmarks);
        h
    }

    /// Runs an action, then carries out its effects as the event loop does.
    fn act(&mut self, action: Action) {
        self.app.update(action);
        for effect in self.app.take_effects() {
            match effect {
                Effect::Session(change) => {
                    let result = self.store.apply_session(change.clone());
                    let result = result.map_err(|e| e.to_string());
                    let bookmarks = self.store.bookmarks().to_vec();
                    self.app.sessions_changed(bookmarks, &change, result, None);
                }
                Effect::ReloadBookmarks => {
                    self.store.reload().unwrap();
                    self.app
                        .set_bookmarks(self.store.bookmarks().to_vec(), None);
                }
                other => panic!("unexpected effect {other:?}"),
            }
        }
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.act(Action::Edit(Edit::Insert(c)));
        }
    }

    /// Puts the view's cursor on the first bookmark of `session`.
    fn cursor_to(&mut self, session: Option<&str>) {
        self.act(Action::Move(Step::First));
        let at = self
            .app
            .bookmarks
            .iter()
            .position(|b| b.session.as_deref() == session)
            .unwrap();
        for _ in 0..at {
            self.act(Action::Move(Step::Down));
        }
        let cursor = self.app.bookmarks_cursor().unwrap();
        assert_eq!(self.app.bookmarks[cursor].session.as_deref(), session);
    }

    /// `(post, session, note)` of every bookmark on disk, read afresh.
    fn on_disk(&self) -> Vec<Row> {
        let store = BookmarkStore::open(self.dir.path()).unwrap();
        let mut all: Vec<_> = store
            .bookmarks()
            .iter()
            .map(|b| (b.post.clone(), b.session.clone(), b.note.clone()))
            .collect();
        all.sort();
        all
    }

    fn screen(&self) -> String {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|frame| {
                let ui = Ui {
                    app: &self.app,
                    theme: &Theme::DARK,
                };
                frame.render_widget(ui, frame.area());
            })
            .unwrap();
        terminal.backend().to_string()
    }
}

type Row = (String, Option<String>, String);

fn sorted(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort();
    rows
}

fn bookmark(post: &str, session: Option<&str>, note: &str) -> Row {
    (post.into(), session.map(Into::into), note.into())
}

#[test]
fn r_renames_the_session_and_keeps_a_bookmark_added_meanwhile() {
    let mut h = Harness::new();
    h.cursor_to(Some(SUPERVISION));
    h.act(Action::RenameSession);
    assert_eq!(h.app.mode(), Mode::SessionName);
    // The old name is offered, selected: typing replaces it.
    h.type_text("Supervision with Dana");
    insta::assert_snapshot!("rename_dialog_at_80x24", h.screen());

    // Meanwhile another pprnet adds a bookmark to the session.
    let mut other = BookmarkStore::open(h.dir.path()).unwrap();
    add(
        &mut other,
        POSTS[2],
        Some(SUPERVISION),
        "Added from the shell",
    );

    h.act(Action::Confirm);
    assert_eq!(h.app.mode(), Mode::Bookmarks);
    assert_eq!(
        h.app.status.as_deref(),
        Some("Session \"Supervision 2026-12-03\" is now \"Supervision with Dana\" (3 bookmarks).")
    );
    assert_eq!(h.app.session.as_deref(), Some("Supervision with Dana"));
    let renamed = Some("Supervision with Dana");
    assert_eq!(
        h.on_disk(),
        sorted(vec![
            bookmark(POSTS[0], renamed, "Ask about ruptures"),
            bookmark(POSTS[1], Some(GROUP), "Group note"),
            bookmark(POSTS[1], renamed, ""),
            bookmark(POSTS[2], renamed, "Added from the shell"),
            bookmark(POSTS[3], None, ""),
        ])
    );
    // The view shows what is on disk, the cursor on the renamed session.
    assert_eq!(h.app.bookmarks.len(), 5);
    let cursor = h.app.bookmarks_cursor().unwrap();
    assert_eq!(h.app.bookmarks[cursor].session.as_deref(), renamed);
    insta::assert_snapshot!("bookmarks_after_rename_at_80x24", h.screen());
}

#[test]
fn r_with_another_sessions_name_asks_then_merges() {
    let mut h = Harness::new();
    h.cursor_to(Some(GROUP));
    h.act(Action::RenameSession);
    h.type_text("supervision  2026-12-03");
    h.act(Action::Confirm);
    assert_eq!(h.app.mode(), Mode::Confirm);
    // n goes back to the name.
    h.act(Action::Cancel);
    assert_eq!(h.app.mode(), Mode::SessionName);
    h.act(Action::Confirm);
    h.act(Action::Confirm);
    assert_eq!(h.app.mode(), Mode::Bookmarks);
    assert_eq!(
        h.app.status.as_deref(),
        Some(
            "Merged \"Group B\" into \"Supervision 2026-12-03\": 1 bookmark moved, \
             1 joined a bookmark of the same post."
        )
    );
    let disk = h.on_disk();
    assert_eq!(disk.len(), 3, "{disk:?}");
    assert!(disk.iter().all(|b| b.1.as_deref() != Some(GROUP)));
    // The post bookmarked in both keeps one bookmark with the group's note.
    assert_eq!(disk[1], bookmark(POSTS[1], Some(SUPERVISION), "Group note"));
}

#[test]
fn m_merges_into_a_session_chosen_with_the_arrows() {
    let mut h = Harness::new();
    h.cursor_to(Some(SUPERVISION));
    h.act(Action::MergeSession);
    assert_eq!(h.app.mode(), Mode::SessionName);
    // A name that is no session is refused, with a suggestion.
    h.type_text("Grop B");
    h.act(Action::Confirm);
    assert_eq!(
        h.app.status.as_deref(),
        Some("No session \"Grop B\"; did you mean \"Group B\"?")
    );
    assert_eq!(h.app.mode(), Mode::SessionName);
    h.act(Action::Move(Step::Down));
    insta::assert_snapshot!("merge_dialog_at_80x24", h.screen());
    h.act(Action::Confirm);
    assert_eq!(h.app.mode(), Mode::Confirm);
    h.act(Action::Confirm);
    assert_eq!(
        h.app.session.as_deref(),
        Some(GROUP),
        "the current session follows"
    );
    let disk = h.on_disk();
    assert_eq!(disk.len(), 3);
    assert!(disk.iter().all(|b| b.1.as_deref() != Some(SUPERVISION)));
}

#[test]
fn x_capital_asks_then_moves_the_sessions_bookmarks_to_no_session() {
    let mut h = Harness::new();
    let before = h.on_disk();
    h.cursor_to(Some(SUPERVISION));
    h.act(Action::DeleteSession);
    assert_eq!(h.app.mode(), Mode::Confirm);
    h.act(Action::Cancel);
    assert_eq!(h.app.status.as_deref(), Some("Nothing deleted."));
    assert_eq!(h.on_disk(), before);

    h.act(Action::DeleteSession);
    insta::assert_snapshot!("delete_question_at_80x24", h.screen());
    h.act(Action::Confirm);
    assert_eq!(
        h.app.status.as_deref(),
        Some("Deleted session \"Supervision 2026-12-03\"; its 2 bookmarks moved to no session.")
    );
    assert_eq!(h.app.session, None);
    assert_eq!(
        h.on_disk(),
        sorted(vec![
            bookmark(POSTS[0], None, "Ask about ruptures"),
            bookmark(POSTS[1], None, ""),
            bookmark(POSTS[1], Some(GROUP), "Group note"),
            bookmark(POSTS[3], None, ""),
        ])
    );
}

#[test]
fn bookmarks_in_no_session_have_no_session_to_change() {
    let mut h = Harness::new();
    h.cursor_to(None);
    for action in [
        Action::RenameSession,
        Action::MergeSession,
        Action::DeleteSession,
    ] {
        h.act(action);
        assert_eq!(h.app.mode(), Mode::Bookmarks);
        assert!(h.app.status.as_deref().unwrap().contains("in no session"));
    }
}

#[test]
fn esc_in_the_name_dialog_changes_nothing() {
    let mut h = Harness::new();
    let before = h.on_disk();
    h.cursor_to(Some(GROUP));
    h.act(Action::RenameSession);
    h.type_text("Something else");
    h.act(Action::Cancel);
    assert_eq!(h.app.mode(), Mode::Bookmarks);
    assert_eq!(h.on_disk(), before);
}
