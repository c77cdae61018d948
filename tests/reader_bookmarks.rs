//! Bookmarks in the reader's pure state: the effects it asks for, and what it
//! shows once the store has answered. The store is simulated with the same
//! `apply_change` the real store uses.

use pprnet::archive;
use pprnet::bookmarks::Bookmark;
use pprnet::bookmarks::model::apply_change;
use pprnet::tui::action::{Action, Edit, Pane, Step};
use pprnet::tui::app::{App, Effect};
use pprnet::tui::keymap::Mode;

/// A reader and the bookmarks "on disk".
struct Harness {
    app: App,
    disk: Vec<Bookmark>,
}

impl Harness {
    fn new() -> Harness {
        let mut app = App::new(archive::bundled().unwrap(), (80, 24));
        app.today = "2026-12-03".into();
        Harness {
            app,
            disk: Vec::new(),
        }
    }

    /// Runs an action, then carries out its bookmark effects as the event loop does.
    fn act(&mut self, action: Action) {
        self.app.update(action);
        for effect in self.app.take_effects() {
            match effect {
                Effect::Bookmark(change) => {
                    let outcome = apply_change(&mut self.disk, change, "2026-12-01T09:30:00.000Z");
                    self.app
                        .bookmarks_changed(self.disk.clone(), Ok(outcome), None);
                }
                Effect::ReloadBookmarks => self.app.set_bookmarks(self.disk.clone(), None),
                other => panic!("unexpected effect {other:?}"),
            }
        }
    }

    /// The first `b`: the session picker opens; its last row is "no session".
    fn bookmark_in_no_session(&mut self) {
        self.act(Action::ToggleBookmark);
        assert_eq!(self.app.mode(), Mode::Session);
        self.act(Action::Move(Step::Last));
        self.act(Action::Confirm);
        assert_eq!(self.app.mode(), Mode::Normal);
    }

    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.act(Action::Edit(Edit::Insert(c)));
        }
    }
}

#[test]
fn a_supervisor_bookmarks_three_posts_with_notes_into_a_session() {
    let mut h = Harness::new();
    h.act(Action::PickSession);
    assert_eq!(h.app.mode(), Mode::Session);
    assert_eq!(
        h.app.session_picker().unwrap().input.text(),
        "Supervision 2026-12-03"
    );
    h.act(Action::Confirm);
    assert_eq!(h.app.session.as_deref(), Some("Supervision 2026-12-03"));
    h.act(Action::Open);
    for (i, note) in ["Ruptures?", "Compare with the next", "ROM pilot"]
        .iter()
        .enumerate()
    {
        if i > 0 {
            h.act(Action::Move(Step::Down));
        }
        h.act(Action::EditNote);
        assert_eq!(h.app.mode(), Mode::Note);
        h.type_text(note);
        h.act(Action::Confirm);
        assert_eq!(h.app.mode(), Mode::Normal);
    }
    assert_eq!(h.disk.len(), 3);
    assert!(
        h.disk
            .iter()
            .all(|b| b.session.as_deref() == Some("Supervision 2026-12-03"))
    );
    let mut notes: Vec<&str> = h.disk.iter().map(|b| b.note.as_str()).collect();
    notes.sort();
    assert_eq!(notes, ["Compare with the next", "ROM pilot", "Ruptures?"]);
    let selected = h.app.selected_post().unwrap().id.clone();
    assert_eq!(h.app.bookmark_mark(&selected), Some('★'));
}

#[test]
fn b_toggles_and_u_undoes_the_removal() {
    let mut h = Harness::new();
    h.bookmark_in_no_session();
    assert_eq!(h.disk.len(), 1);
    assert_eq!(h.disk[0].session, None);
    h.act(Action::EditNote);
    h.type_text("keep me");
    h.act(Action::Newline);
    h.type_text("two lines");
    h.act(Action::Confirm);
    assert_eq!(h.disk[0].note, "keep me\ntwo lines");
    h.act(Action::ToggleBookmark);
    assert!(h.disk.is_empty());
    assert!(h.app.status.as_deref().unwrap().contains("u undoes"));
    h.act(Action::Undo);
    assert_eq!(h.disk.len(), 1);
    assert_eq!(
        h.disk[0].note, "keep me\ntwo lines",
        "undo restores the note too"
    );
}

#[test]
fn escape_on_an_edited_note_asks_and_n_keeps_it() {
    let mut h = Harness::new();
    h.act(Action::EditNote);
    h.type_text("not this");
    h.act(Action::Cancel);
    assert_eq!(h.app.mode(), Mode::Confirm, "asks before discarding");
    h.act(Action::Cancel);
    assert_eq!(h.app.mode(), Mode::Note);
    assert_eq!(h.app.note_editor().unwrap().text(), "not this");
    h.act(Action::Cancel);
    h.act(Action::Confirm);
    assert!(h.disk.is_empty());
    assert_eq!(h.app.mode(), Mode::Normal);
    assert!(h.app.note_editor().is_none());
    assert_eq!(h.app.status.as_deref(), Some("Note not saved."));
}

#[test]
fn escape_on_an_unchanged_note_closes_without_asking() {
    let mut h = Harness::new();
    h.act(Action::EditNote);
    h.type_text("x");
    h.act(Action::Edit(Edit::Undo));
    h.act(Action::Cancel);
    assert_eq!(h.app.mode(), Mode::Normal);
}

#[test]
fn a_pasted_note_is_saved_whole_and_runs_no_keys() {
    let mut h = Harness::new();
    h.act(Action::EditNote);
    h.act(Action::Paste("q quits\nb bookmarks\r\no opens".into()));
    assert_eq!(h.app.mode(), Mode::Note);
    h.act(Action::Confirm);
    assert_eq!(h.disk.len(), 1);
    assert_eq!(h.disk[0].note, "q quits\nb bookmarks\no opens");
    assert!(!h.app.should_quit);
}

#[test]
fn a_paste_outside_a_text_field_does_nothing() {
    let mut h = Harness::new();
    let before = h.app.reader_state();
    h.act(Action::Paste("qbo".into()));
    assert!(h.disk.is_empty());
    assert_eq!(h.app.reader_state(), before);
    assert!(!h.app.should_quit);
}

#[test]
fn the_bookmarks_view_marks_discussed_removes_and_opens_posts() {
    let mut h = Harness::new();
    h.act(Action::Open);
    h.act(Action::Move(Step::Last));
    h.bookmark_in_no_session();
    h.act(Action::Move(Step::First));
    h.act(Action::ShowBookmarks);
    assert_eq!(h.app.mode(), Mode::Bookmarks);
    h.act(Action::ToggleDiscussed);
    assert!(h.disk[0].discussed);
    h.act(Action::Confirm);
    assert_eq!(h.app.mode(), Mode::Normal);
    assert_eq!(h.app.focus, Pane::Post);
    assert_eq!(
        h.app.selected_post().unwrap().id,
        "2022-06-therapist-facilitative-interpersonal-skills"
    );
    h.act(Action::ShowBookmarks);
    h.act(Action::RemoveBookmark);
    assert!(h.disk.is_empty());
    h.act(Action::Undo);
    assert_eq!(h.disk.len(), 1);
    assert!(h.disk[0].discussed);
    h.act(Action::Cancel);
    assert_eq!(h.app.mode(), Mode::Normal);
}

#[test]
fn a_bookmark_of_a_missing_post_is_kept_and_cannot_be_opened() {
    let mut h = Harness::new();
    h.disk.push(Bookmark {
        post: "2019-01-gone".into(),
        session: None,
        note: "old".into(),
        created: String::new(),
        discussed: false,
    });
    h.act(Action::ShowBookmarks);
    h.act(Action::Confirm);
    assert_eq!(h.app.mode(), Mode::Bookmarks);
    assert!(h.app.status.as_deref().unwrap().contains("missing post"));
    assert_eq!(h.disk.len(), 1);
}

#[test]
fn read_only_bookmarks_refuse_changes_without_losing_any() {
    let mut h = Harness::new();
    h.app
        .set_bookmarks(Vec::new(), Some("bookmarks.ron:3:7: expected ...".into()));
    assert!(h.app.status.as_deref().unwrap().contains("read-only"));
    h.act(Action::ToggleBookmark);
    h.act(Action::EditNote);
    assert!(h.disk.is_empty());
    assert_eq!(h.app.mode(), Mode::Normal);
    assert!(
        h.app
            .status
            .as_deref()
            .unwrap()
            .contains("bookmarks.ron:3:7")
    );
}

#[test]
fn the_session_picker_offers_existing_sessions_and_no_session() {
    let mut h = Harness::new();
    h.act(Action::PickSession);
    h.type_text("Group A");
    h.act(Action::Confirm);
    h.act(Action::ToggleBookmark);
    h.act(Action::PickSession);
    let picker = h.app.session_picker().unwrap();
    assert_eq!(picker.choices, [Some("Group A".to_string()), None]);
    assert_eq!(picker.cursor, 1, "the current session is under the cursor");
    h.act(Action::Move(Step::Down));
    h.act(Action::Confirm);
    assert_eq!(h.app.session, None);
    let post = h.app.selected_post().unwrap().id.clone();
    assert_eq!(
        h.app.bookmark_mark(&post),
        Some('☆'),
        "bookmarked in another session"
    );
}

#[test]
fn the_first_b_without_a_session_asks_for_one_then_bookmarks() {
    let mut h = Harness::new();
    h.act(Action::ToggleBookmark);
    assert_eq!(h.app.mode(), Mode::Session, "the picker opens first");
    assert!(h.disk.is_empty());
    h.act(Action::Confirm);
    assert_eq!(h.app.session.as_deref(), Some("Supervision 2026-12-03"));
    assert_eq!(h.disk.len(), 1, "then the post is bookmarked into it");
    assert_eq!(h.disk[0].session.as_deref(), Some("Supervision 2026-12-03"));
    h.act(Action::Move(Step::Down));
    h.act(Action::ToggleBookmark);
    assert_eq!(h.disk.len(), 2, "later b's bookmark at once");
}

#[test]
fn a_session_name_differing_in_case_joins_the_existing_session() {
    let mut h = Harness::new();
    h.act(Action::PickSession);
    h.act(Action::Confirm);
    h.act(Action::ToggleBookmark);
    h.act(Action::PickSession);
    h.act(Action::Edit(Edit::ClearToLineStart));
    h.type_text("  supervision 2026-12-03 ");
    h.act(Action::Confirm);
    assert_eq!(h.app.session.as_deref(), Some("Supervision 2026-12-03"));
}

#[test]
fn a_session_name_a_typo_away_asks_before_starting_a_new_session() {
    let mut h = Harness::new();
    h.act(Action::PickSession);
    h.act(Action::Confirm);
    h.act(Action::ToggleBookmark);
    let ask = |h: &mut Harness| {
        h.act(Action::PickSession);
        h.act(Action::Edit(Edit::ClearToLineStart));
        h.type_text("Supervison 2026-12-03");
        h.act(Action::Confirm);
        assert_eq!(h.app.mode(), Mode::Confirm);
    };
    ask(&mut h);
    h.act(Action::Cancel);
    let picker = h.app.session_picker().expect("back in the picker");
    assert_eq!(
        picker.choices[picker.cursor - 1].as_deref(),
        Some("Supervision 2026-12-03"),
        "the existing session is under the cursor"
    );
    h.act(Action::Confirm);
    assert_eq!(h.app.session.as_deref(), Some("Supervision 2026-12-03"));
    ask(&mut h);
    h.act(Action::Confirm);
    assert_eq!(h.app.mode(), Mode::Normal);
    assert_eq!(h.app.session.as_deref(), Some("Supervison 2026-12-03"));
}

/// Another process changes the note of `post` in `session` on disk.
fn changed_elsewhere(h: &mut Harness, post: &str, session: Option<&str>, note: &str) {
    use pprnet::bookmarks::Change;
    let change = Change::Add {
        post: post.into(),
        session: session.map(Into::into),
        note: Some(note.into()),
    };
    apply_change(&mut h.disk, change, "2026-12-01T10:00:00.000Z");
}

#[test]
fn a_note_changed_elsewhere_while_editing_is_never_overwritten_silently() {
    use pprnet::bookmarks::Resolution;
    for (resolution, expected) in [
        (Resolution::KeepMine, "first mine"),
        (Resolution::KeepTheirs, "from the CLI"),
        (Resolution::KeepBoth, "from the CLI\n\nfirst mine"),
    ] {
        let mut h = Harness::new();
        h.act(Action::EditNote);
        h.type_text("first");
        h.act(Action::Confirm);
        let post = h.disk[0].post.clone();
        h.act(Action::EditNote);
        h.type_text(" mine");
        changed_elsewhere(&mut h, &post, None, "from the CLI");
        h.act(Action::Confirm);
        assert_eq!(h.app.mode(), Mode::Conflict, "{:?}", h.app.status);
        assert_eq!(
            h.disk[0].note, "from the CLI",
            "nothing saved before the choice"
        );
        h.act(Action::Resolve(resolution));
        assert_eq!(h.app.mode(), Mode::Normal);
        assert_eq!(h.disk[0].note, expected);
    }
}

#[test]
fn undo_after_a_removal_never_restores_over_a_newer_note() {
    use pprnet::bookmarks::Resolution;
    let mut h = Harness::new();
    h.act(Action::PickSession);
    h.act(Action::Confirm);
    h.act(Action::EditNote);
    h.type_text("old");
    h.act(Action::Confirm);
    let post = h.disk[0].post.clone();
    let session = h.disk[0].session.clone();
    h.act(Action::ToggleBookmark);
    assert!(h.disk.is_empty());
    changed_elsewhere(&mut h, &post, session.as_deref(), "newer");
    h.act(Action::Undo);
    assert_eq!(h.app.mode(), Mode::Conflict);
    assert_eq!(h.disk[0].note, "newer");
    // Esc keeps both: closing the question never loses words.
    h.act(Action::Resolve(Resolution::KeepBoth));
    assert_eq!(h.disk[0].note, "newer\n\nold");
}
