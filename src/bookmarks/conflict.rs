//! A note that changed on disk while it was being edited from an earlier
//! reading (another reader, or `pprnet bookmarks add --note` from another
//! shell), and the three ways out: keep mine, keep theirs, keep both. Nothing
//! is ever overwritten without one of them being chosen.

use super::model::{Bookmark, Change};

/// Two versions of one bookmark's note: the one being saved and the one
/// stored meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The post's id.
    pub post: String,
    /// The session.
    pub session: Option<String>,
    /// The note being saved (edited from an earlier reading, or being restored).
    pub mine: String,
    /// The note stored now, written by someone else meanwhile.
    pub theirs: String,
}

/// How to settle a [`Conflict`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// Save my note over theirs.
    KeepMine,
    /// Keep the stored note; mine is dropped.
    KeepTheirs,
    /// Keep both: theirs, a blank line, then mine.
    KeepBoth,
}

impl Conflict {
    /// The conflict between `stored` and the note `mine`.
    pub fn new(stored: &Bookmark, mine: String) -> Conflict {
        Conflict {
            post: stored.post.clone(),
            session: stored.session.clone(),
            mine,
            theirs: stored.note.clone(),
        }
    }

    /// Both notes joined: theirs, a blank line, mine.
    pub fn joined(&self) -> String {
        format!("{}\n\n{}", self.theirs, self.mine)
    }

    /// The change that carries out `resolution`, based on their note (so that
    /// a note changed yet again meanwhile is a new conflict, not overwritten);
    /// `None` when nothing needs saving.
    pub fn resolve(&self, resolution: Resolution) -> Option<Change> {
        let note = match resolution {
            Resolution::KeepTheirs => return None,
            Resolution::KeepMine => self.mine.clone(),
            Resolution::KeepBoth => self.joined(),
        };
        Some(Change::EditNote {
            post: self.post.clone(),
            session: self.session.clone(),
            base: Some(self.theirs.clone()),
            note,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bookmarks::model::apply_change;

    fn stored(note: &str) -> Vec<Bookmark> {
        vec![Bookmark {
            post: "p".into(),
            session: Some("S".into()),
            note: note.into(),
            created: "t0".into(),
            discussed: false,
        }]
    }

    fn edit(base: Option<&str>, note: &str) -> Change {
        Change::EditNote {
            post: "p".into(),
            session: Some("S".into()),
            base: base.map(Into::into),
            note: note.into(),
        }
    }

    #[test]
    fn a_note_unchanged_since_it_was_read_is_saved() {
        let mut list = stored("first");
        let outcome = apply_change(&mut list, edit(Some("first"), "mine"), "t1");
        assert_eq!(outcome.conflict, None);
        assert_eq!(list[0].note, "mine");
        // No bookmark when the editor opened, and none now: one is made.
        let mut empty = Vec::new();
        apply_change(&mut empty, edit(None, "new"), "t1");
        assert_eq!(empty[0].note, "new");
    }

    #[test]
    fn a_note_changed_meanwhile_is_never_overwritten() {
        let mut list = stored("theirs, written from another shell");
        let outcome = apply_change(&mut list, edit(Some("first"), "mine"), "t1");
        let conflict = outcome.conflict.clone().expect("a conflict");
        assert!(!outcome.changed());
        assert_eq!(list[0].note, "theirs, written from another shell");
        assert_eq!(conflict.mine, "mine");
        assert_eq!(conflict.theirs, "theirs, written from another shell");

        // A bookmark made meanwhile with a note, while I edited a new one.
        let outcome = apply_change(&mut list, edit(None, "mine"), "t1");
        assert!(outcome.conflict.is_some());

        // Empty or identical stored notes lose nothing and are no conflict.
        let mut empty = stored("");
        assert_eq!(
            apply_change(&mut empty, edit(Some("x"), "mine"), "t1").conflict,
            None
        );
        let mut same = stored("mine");
        assert_eq!(
            apply_change(&mut same, edit(Some("x"), "mine"), "t1").conflict,
            None
        );
    }

    #[test]
    fn each_resolution_keeps_what_it_says() {
        let mut list = stored("theirs");
        let conflict = apply_change(&mut list, edit(Some("old"), "mine"), "t1")
            .conflict
            .unwrap();
        assert_eq!(conflict.resolve(Resolution::KeepTheirs), None);
        let mut mine = list.clone();
        apply_change(
            &mut mine,
            conflict.resolve(Resolution::KeepMine).unwrap(),
            "t2",
        );
        assert_eq!(mine[0].note, "mine");
        let mut both = list.clone();
        apply_change(
            &mut both,
            conflict.resolve(Resolution::KeepBoth).unwrap(),
            "t2",
        );
        assert_eq!(both[0].note, "theirs\n\nmine");
        // Changed yet again before the choice was saved: a new conflict.
        let mut again = stored("theirs, edited again");
        let outcome = apply_change(
            &mut again,
            conflict.resolve(Resolution::KeepMine).unwrap(),
            "t2",
        );
        assert_eq!(outcome.conflict.unwrap().theirs, "theirs, edited again");
        assert_eq!(again[0].note, "theirs, edited again");
    }

    #[test]
    fn undoing_a_removal_never_replaces_a_newer_note() {
        let mut list = stored("old note");
        let removed = apply_change(
            &mut list,
            Change::Remove {
                post: "p".into(),
                session: Some("S".into()),
            },
            "t1",
        )
        .removed()
        .cloned()
        .unwrap();
        // Meanwhile the post is bookmarked again with a new note elsewhere.
        apply_change(
            &mut list,
            Change::Add {
                post: "p".into(),
                session: Some("S".into()),
                note: Some("newer note".into()),
            },
            "t2",
        );
        let outcome = apply_change(&mut list, Change::Restore(removed.clone()), "t3");
        let conflict = outcome.conflict.expect("a conflict, not a silent replace");
        assert_eq!(
            (conflict.mine.as_str(), conflict.theirs.as_str()),
            ("old note", "newer note")
        );
        assert_eq!(list[0].note, "newer note");
        let mut both = list.clone();
        apply_change(
            &mut both,
            conflict.resolve(Resolution::KeepBoth).unwrap(),
            "t4",
        );
        assert_eq!(both[0].note, "newer note\n\nold note");
    }
}
