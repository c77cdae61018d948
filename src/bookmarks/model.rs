//! What a bookmark is, the changes that can be made to a list of bookmarks, how
//! a change is applied, and the rule for session names. Everything here is pure
//! (no files), except [`now`], which reads the clock.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::text::edit_distance;

pub use super::conflict::{Conflict, Resolution};

/// The title shown for a bookmark whose post is not in the archive.
pub const MISSING_POST_TITLE: &str = "(missing post)";

/// One bookmarked post in one supervision session.
///
/// A bookmark is identified by its post and its session together (see
/// [`Bookmark::is`]): the same post may be bookmarked in several sessions, and
/// at most once per session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// The post's id. The post may have vanished from the archive since; such
    /// bookmarks are kept and shown as [`MISSING_POST_TITLE`].
    pub post: String,
    /// The session's name ("Supervision 2026-12-03"), or `None` for a bookmark
    /// outside any session. Never `Some("")`: names are trimmed by
    /// [`session_name`] and an empty name means no session.
    #[serde(default)]
    pub session: Option<String>,
    /// The user's note; may be empty, may span several lines.
    #[serde(default)]
    pub note: String,
    /// When the bookmark was made, RFC 3339 in UTC ("2026-12-01T09:30:00.000Z");
    /// kept as text, so a hand-edited file with another format still loads.
    #[serde(default)]
    pub created: String,
    /// Whether the post was discussed in its session.
    #[serde(default)]
    pub discussed: bool,
}

impl Bookmark {
    /// Whether this is the bookmark of `post` in `session`.
    pub fn is(&self, post: &str, session: Option<&str>) -> bool {
        self.post == post && self.session.as_deref() == session
    }

    /// The session's name, or `""` when the bookmark is in no session.
    pub fn session_str(&self) -> &str {
        self.session.as_deref().unwrap_or("")
    }
}

/// A session name as stored: one line (line breaks, tabs and other control
/// characters become spaces), trimmed, with an empty name meaning no session.
pub fn session_name(name: &str) -> Option<String> {
    let name: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

/// How a typed session name stands to the existing sessions: the one rule the
/// CLI and the reader both follow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionMatch {
    /// The name is empty: no session.
    NoSession,
    /// An existing session: the same name once trimmed, but for case and
    /// runs of spaces. Holds the existing session's own spelling.
    Existing(String),
    /// A new session, not close to any existing one.
    New(String),
    /// A new name a typo away from an existing session: the same words but
    /// one, and that one a letter or two off ("Supervison" for "Supervision").
    /// Words with digits and words shorter than four letters never count, so
    /// "Supervision 2026-12-10" and "Group B" are new sessions, not typos of
    /// "Supervision 2026-12-03" and "Group A". Probably meant to be the
    /// existing one, so the reader asks and the CLI refuses unless told.
    NearMiss {
        /// The name as typed (cleaned by [`session_name`]).
        typed: String,
        /// The existing session it is close to.
        existing: String,
    },
}

/// Matches a typed session name against the existing `sessions`.
pub fn match_session(typed: &str, sessions: &[&str]) -> SessionMatch {
    let Some(typed) = session_name(typed) else {
        return SessionMatch::NoSession;
    };
    let key = fold(&typed);
    if let Some(existing) = sessions
        .iter()
        .find(|s| **s == typed)
        .or_else(|| sessions.iter().find(|s| fold(s) == key))
    {
        return SessionMatch::Existing(existing.to_string());
    }
    let closest = sessions
        .iter()
        .filter_map(|s| typo_distance(&fold(s), &key).map(|d| (d, *s)))
        .min();
    match closest {
        Some((_, existing)) => SessionMatch::NearMiss {
            typed,
            existing: existing.to_string(),
        },
        None => SessionMatch::New(typed),
    }
}

/// How many letters apart two folded names are when they are the same words
/// but one, and that one a likely typo; `None` when they are not.
fn typo_distance(a: &str, b: &str) -> Option<usize> {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    if a.len() != b.len() {
        return None;
    }
    let mut differing = a.iter().zip(&b).filter(|(x, y)| x != y);
    let (x, y) = differing.next()?;
    if differing.next().is_some() {
        return None;
    }
    let shortest = x.chars().count().min(y.chars().count());
    let digits = |w: &str| w.chars().any(|c| c.is_ascii_digit());
    if shortest < 4 || digits(x) || digits(y) {
        return None;
    }
    let allowed = if shortest < 8 { 1 } else { 2 };
    Some(edit_distance(x, y)).filter(|&d| d <= allowed)
}

/// A session name for comparing: lower case, runs of white space as one space.
fn fold(name: &str) -> String {
    name.to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The date at `at` in time zone `tz`, as `YYYY-MM-DD`: the day a clinician
/// sees on their calendar, for naming today's session.
pub fn local_date(at: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    at.to_zoned_datetime(tz.clone()).date().to_string()
}

/// One change to the bookmarks, expressed as a value so that it can be applied
/// to whatever is on disk at the time (see `BookmarkStore::apply`), keeping
/// the changes other processes made meanwhile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Bookmarks `post` in `session`. When that bookmark exists already, only its
    /// note changes, and only when `note` is `Some`.
    Add {
        /// The post's id.
        post: String,
        /// The session (normalised with [`session_name`] when applied).
        session: Option<String>,
        /// The note; `None` keeps an existing note (a new bookmark gets `""`).
        note: Option<String>,
    },
    /// Removes the bookmark of `post` in `session`.
    Remove {
        /// The post's id.
        post: String,
        /// The session.
        session: Option<String>,
    },
    /// Replaces the note of an existing bookmark.
    SetNote {
        /// The post's id.
        post: String,
        /// The session.
        session: Option<String>,
        /// The new note.
        note: String,
    },
    /// Marks an existing bookmark discussed or not.
    SetDiscussed {
        /// The post's id.
        post: String,
        /// The session.
        session: Option<String>,
        /// The new flag.
        discussed: bool,
    },
    /// Puts back a bookmark exactly as it was (the undo of [`Change::Remove`]).
    /// A bookmark with the same post and session made since is replaced only
    /// when its note is empty or the same; a different note is a [`Conflict`].
    Restore(Bookmark),
    /// Saves a note edited from what was read earlier (the reader's editor):
    /// `base` is the note as first read (`None`: there was no bookmark). When
    /// the stored note is still `base` (or empty, or already `note`), it
    /// becomes `note`; when it changed meanwhile, nothing changes and the
    /// outcome carries a [`Conflict`]. A bookmark removed meanwhile is made
    /// again with `note`.
    EditNote {
        /// The post's id.
        post: String,
        /// The session.
        session: Option<String>,
        /// The note as first read.
        base: Option<String>,
        /// The note to save.
        note: String,
    },
}

impl Change {
    /// The post and session the change is about.
    pub fn key(&self) -> (&str, Option<&str>) {
        match self {
            Change::Add { post, session, .. }
            | Change::Remove { post, session }
            | Change::SetNote { post, session, .. }
            | Change::SetDiscussed { post, session, .. }
            | Change::EditNote { post, session, .. } => (post, session.as_deref()),
            Change::Restore(bookmark) => (&bookmark.post, bookmark.session.as_deref()),
        }
    }
}

/// What applying a [`Change`] did: the bookmark before and after it.
///
/// `before: None, after: Some` is an addition; `Some, None` a removal;
/// `Some, Some` an update (or nothing, when equal); `None, None` means the
/// bookmark to change or remove did not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The bookmark as it was, if it existed.
    pub before: Option<Bookmark>,
    /// The bookmark as it is now, if it exists.
    pub after: Option<Bookmark>,
    /// The stored note changed since it was read, so the change was not made
    /// (see [`Change::EditNote`] and [`Change::Restore`]).
    pub conflict: Option<Conflict>,
}

impl Outcome {
    /// Whether the change altered anything.
    pub fn changed(&self) -> bool {
        self.before != self.after
    }

    /// Whether the bookmark to change or remove was not there.
    pub fn not_found(&self) -> bool {
        self.before.is_none() && self.after.is_none()
    }

    /// The bookmark the change removed, to offer undo with [`Change::Restore`].
    pub fn removed(&self) -> Option<&Bookmark> {
        match (&self.before, &self.after) {
            (Some(before), None) => Some(before),
            _ => None,
        }
    }
}

/// Applies `change` to `bookmarks` (kept in [`normalize`]d order); `now` is the
/// creation time given to a new bookmark.
pub fn apply_change(bookmarks: &mut Vec<Bookmark>, change: Change, now: &str) -> Outcome {
    let (post, session) = change.key();
    let (post, session) = (post.to_string(), session.and_then(session_name));
    let index = bookmarks
        .iter()
        .position(|b| b.is(&post, session.as_deref()));
    let before = index.map(|i| bookmarks[i].clone());
    let mut conflict = None;
    let after = match (change, index) {
        (Change::Add { note, .. }, Some(i)) => {
            if let Some(note) = note {
                bookmarks[i].note = note;
            }
            Some(bookmarks[i].clone())
        }
        (Change::Add { note, .. }, None) => {
            let bookmark = Bookmark {
                post,
                session,
                note: note.unwrap_or_default(),
                created: now.to_string(),
                discussed: false,
            };
            bookmarks.push(bookmark.clone());
            Some(bookmark)
        }
        (Change::Remove { .. }, Some(i)) => {
            bookmarks.remove(i);
            None
        }
        (Change::SetNote { note, .. }, Some(i)) => {
            bookmarks[i].note = note;
            Some(bookmarks[i].clone())
        }
        (Change::SetDiscussed { discussed, .. }, Some(i)) => {
            bookmarks[i].discussed = discussed;
            Some(bookmarks[i].clone())
        }
        (Change::Restore(bookmark), Some(i))
            if !may_replace(&bookmarks[i].note, None, &bookmark.note) =>
        {
            conflict = Some(Conflict::new(&bookmarks[i], bookmark.note));
            Some(bookmarks[i].clone())
        }
        (Change::Restore(mut bookmark), found) => {
            bookmark.session = session;
            if let Some(i) = found {
                bookmarks.remove(i);
            }
            bookmarks.push(bookmark.clone());
            Some(bookmark)
        }
        (Change::EditNote { base, note, .. }, Some(i)) => {
            if may_replace(&bookmarks[i].note, base.as_deref(), &note) {
                bookmarks[i].note = note;
            } else {
                conflict = Some(Conflict::new(&bookmarks[i], note));
            }
            Some(bookmarks[i].clone())
        }
        (Change::EditNote { note, .. }, None) => {
            let bookmark = Bookmark {
                post,
                session,
                note,
                created: now.to_string(),
                discussed: false,
            };
            bookmarks.push(bookmark.clone());
            Some(bookmark)
        }
        (Change::Remove { .. } | Change::SetNote { .. } | Change::SetDiscussed { .. }, None) => {
            None
        }
    };
    normalize_order(bookmarks);
    Outcome {
        before,
        after,
        conflict,
    }
}

/// Whether a stored note may be replaced by `new` without losing anything:
/// it is what the editor first read (`base`), empty, or `new` already.
fn may_replace(stored: &str, base: Option<&str>, new: &str) -> bool {
    stored.is_empty() || stored == new || base == Some(stored)
}

/// A change to a whole session, applied like a [`Change`] to whatever is on
/// disk at the time (see `BookmarkStore::apply_session`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionChange {
    /// Moves every bookmark of session `from` into session `to` (a new name:
    /// a rename; an existing session: a merge). A post bookmarked in both
    /// becomes one bookmark keeping both notes (see [`normalize`]).
    Move {
        /// The session to empty.
        from: String,
        /// The session to fill (normalised with [`session_name`]).
        to: String,
    },
    /// Ends session `name`: its bookmarks move to no session, or are removed
    /// with `with_bookmarks`.
    Delete {
        /// The session.
        name: String,
        /// Remove the bookmarks too.
        with_bookmarks: bool,
    },
}

/// What a [`SessionChange`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SessionOutcome {
    /// How many bookmarks were in the session changed.
    pub bookmarks: usize,
    /// How many of those were merged into a bookmark of the same post that
    /// was already where they went.
    pub merged: usize,
    /// How many were removed (a delete with its bookmarks).
    pub removed: usize,
}

impl SessionOutcome {
    /// Whether anything changed (the session existed and held bookmarks).
    pub fn changed(&self) -> bool {
        self.bookmarks > 0
    }
}

/// Applies a session change to `bookmarks` (kept normalised). A session that
/// does not exist, or a move onto itself, changes nothing.
pub fn apply_session_change(
    bookmarks: &mut Vec<Bookmark>,
    change: &SessionChange,
) -> SessionOutcome {
    let (from, to, remove) = match change {
        SessionChange::Move { from, to } => (from, session_name(to), false),
        SessionChange::Delete {
            name,
            with_bookmarks,
        } => (name, None, *with_bookmarks),
    };
    if matches!(change, SessionChange::Move { .. })
        && (to.is_none() || to.as_deref() == Some(from.as_str()))
    {
        return SessionOutcome::default();
    }
    let in_session = bookmarks
        .iter()
        .filter(|b| b.session.as_deref() == Some(from.as_str()))
        .count();
    if in_session == 0 {
        return SessionOutcome::default();
    }
    if remove {
        bookmarks.retain(|b| b.session.as_deref() != Some(from.as_str()));
        return SessionOutcome {
            bookmarks: in_session,
            merged: 0,
            removed: in_session,
        };
    }
    let before = bookmarks.len();
    let moved: Vec<Bookmark> = std::mem::take(bookmarks)
        .into_iter()
        .map(|mut b| {
            if b.session.as_deref() == Some(from.as_str()) {
                b.session = to.clone();
            }
            b
        })
        .collect();
    *bookmarks = normalize(moved);
    SessionOutcome {
        bookmarks: in_session,
        merged: before - bookmarks.len(),
        removed: 0,
    }
}

/// How many bookmarks each session holds and how many of them were discussed:
/// `(name, bookmarks, discussed)`, sessions by name.
pub fn session_counts(bookmarks: &[Bookmark]) -> Vec<(&str, usize, usize)> {
    by_session(bookmarks)
        .into_iter()
        .filter_map(|(name, group)| {
            let discussed = group.iter().filter(|b| b.discussed).count();
            name.map(|name| (name, group.len(), discussed))
        })
        .collect()
}

/// Puts bookmarks in their canonical form and order: session names trimmed
/// (empty means none), duplicates of one post and session merged into one (the
/// earliest, with every distinct note kept, discussed if any was), sorted by
/// session (sessions by name, no session last), then creation time, then post.
pub fn normalize(bookmarks: Vec<Bookmark>) -> Vec<Bookmark> {
    let mut merged: Vec<Bookmark> = Vec::with_capacity(bookmarks.len());
    // Where each post and session already is in `merged`, so that merging
    // stays linear however many bookmarks there are.
    let mut places: HashMap<(String, Option<String>), usize> =
        HashMap::with_capacity(bookmarks.len());
    for mut bookmark in bookmarks {
        bookmark.session = bookmark.session.as_deref().and_then(session_name);
        let key = (bookmark.post.clone(), bookmark.session.clone());
        match places.get(&key) {
            None => {
                places.insert(key, merged.len());
                merged.push(bookmark);
            }
            Some(&index) => {
                let kept = &mut merged[index];
                if bookmark.created < kept.created {
                    std::mem::swap(&mut kept.created, &mut bookmark.created);
                }
                if !bookmark.note.is_empty() && !kept.note.contains(&bookmark.note) {
                    if !kept.note.is_empty() {
                        kept.note.push_str("\n\n");
                    }
                    kept.note.push_str(&bookmark.note);
                }
                kept.discussed |= bookmark.discussed;
            }
        }
    }
    normalize_order(&mut merged);
    merged
}

fn normalize_order(bookmarks: &mut [Bookmark]) {
    bookmarks.sort_by(|a, b| {
        session_order(a.session.as_deref(), b.session.as_deref())
            .then_with(|| a.created.cmp(&b.created))
            .then_with(|| a.post.cmp(&b.post))
    });
}

/// Sessions by name, no session last.
fn session_order(a: Option<&str>, b: Option<&str>) -> std::cmp::Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (a, b) => a.is_none().cmp(&b.is_none()),
    }
}

/// The distinct session names, sorted by name (bookmarks outside any session
/// are not a session and do not appear).
pub fn sessions(bookmarks: &[Bookmark]) -> Vec<&str> {
    let mut names: Vec<&str> = bookmarks
        .iter()
        .filter_map(|b| b.session.as_deref())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// The bookmarks grouped by session, in canonical order: sessions by name, then
/// the bookmarks in no session (`None`) last; within a group, oldest first.
pub fn by_session(bookmarks: &[Bookmark]) -> Vec<(Option<&str>, Vec<&Bookmark>)> {
    let mut groups: BTreeMap<(bool, &str), Vec<&Bookmark>> = BTreeMap::new();
    for bookmark in bookmarks {
        let key = (bookmark.session.is_none(), bookmark.session_str());
        groups.entry(key).or_default().push(bookmark);
    }
    groups
        .into_iter()
        .map(|((none, name), mut group)| {
            group.sort_by(|a, b| a.created.cmp(&b.created).then(a.post.cmp(&b.post)));
            ((!none).then_some(name), group)
        })
        .collect()
}

/// A time as RFC 3339 in UTC with milliseconds: `2026-12-01T09:30:00.000Z`
/// (so bookmarks made in one second still sort in the order they were made).
pub fn rfc3339(time: std::time::SystemTime) -> String {
    let since_epoch = time
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = since_epoch.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since_epoch.subsec_millis()
    )
}

/// The current time, as [`rfc3339`] writes it.
pub fn now() -> String {
    rfc3339(std::time::SystemTime::now())
}

/// Year, month and day of the day `days` after 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, for days on or after the epoch).
fn civil_from_days(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    fn add(post: &str, session: Option<&str>, note: Option<&str>) -> Change {
        Change::Add {
            post: post.into(),
            session: session.map(Into::into),
            note: note.map(Into::into),
        }
    }

    #[test]
    fn times_are_rfc3339_utc() {
        let at = |secs| rfc3339(UNIX_EPOCH + Duration::from_secs(secs));
        assert_eq!(at(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(at(951_782_400), "2000-02-29T00:00:00.000Z");
        assert_eq!(at(1_700_000_000), "2023-11-14T22:13:20.000Z");
        assert_eq!(at(4_102_444_799), "2099-12-31T23:59:59.000Z");
        assert_eq!(
            rfc3339(UNIX_EPOCH + Duration::from_millis(1_700_000_000_042)),
            "2023-11-14T22:13:20.042Z"
        );
        assert_eq!(now().len(), "2026-12-01T09:30:00.000Z".len());
    }

    #[test]
    fn adding_twice_updates_the_note_instead_of_duplicating() {
        let mut list = Vec::new();
        let first = apply_change(&mut list, add("a", Some("S"), Some("one")), "t1");
        assert!(first.before.is_none() && first.after.is_some());
        let second = apply_change(&mut list, add("a", Some(" S "), Some("two")), "t2");
        assert_eq!(list.len(), 1);
        assert_eq!(second.before.unwrap().note, "one");
        assert_eq!(list[0].note, "two");
        assert_eq!(list[0].created, "t1");
        let third = apply_change(&mut list, add("a", Some("S"), None), "t3");
        assert!(!third.changed());
        assert_eq!(list[0].note, "two");
    }

    #[test]
    fn session_names_are_one_trimmed_line_and_empty_means_none() {
        assert_eq!(
            session_name("  Supervision 2026-12-03 "),
            Some("Supervision 2026-12-03".into())
        );
        assert_eq!(session_name("a\tb\nc"), Some("a b c".into()));
        assert_eq!(session_name(" \n\t"), None);
        assert_eq!(session_name(""), None);
    }

    #[test]
    fn a_session_matches_but_for_case_and_spacing() {
        let sessions = ["Group A", "Supervision 2026-12-03"];
        assert_eq!(
            match_session("  supervision   2026-12-03 ", &sessions),
            SessionMatch::Existing("Supervision 2026-12-03".into())
        );
        assert_eq!(
            match_session("Group A", &sessions),
            SessionMatch::Existing("Group A".into())
        );
        assert_eq!(match_session(" \t", &sessions), SessionMatch::NoSession);
    }

    #[test]
    fn a_typo_of_an_existing_session_is_a_near_miss() {
        let sessions = ["Group A", "Supervision 2026-12-03"];
        assert_eq!(
            match_session("Supervison 2026-12-03", &sessions),
            SessionMatch::NearMiss {
                typed: "Supervison 2026-12-03".into(),
                existing: "Supervision 2026-12-03".into(),
            }
        );
        assert_eq!(
            match_session("supervsion 2026-12-03", &sessions),
            SessionMatch::NearMiss {
                typed: "supervsion 2026-12-03".into(),
                existing: "Supervision 2026-12-03".into(),
            },
            "case does not count towards the distance"
        );
        assert_eq!(
            match_session("Grop A", &sessions),
            SessionMatch::NearMiss {
                typed: "Grop A".into(),
                existing: "Group A".into(),
            }
        );
    }

    #[test]
    fn other_dates_numbers_and_names_are_new_sessions() {
        let sessions = ["Group 1", "Group A", "B", "Supervision 2026-12-03"];
        for name in [
            "Supervision 2026-12-10",
            "Supervision 2026-12-04",
            "Group 2",
            "Group B",
            "C",
            "Case conference",
            "Supervision",
            "Supervison 2026-12-04",
        ] {
            assert_eq!(
                match_session(name, &sessions),
                SessionMatch::New(name.into()),
                "{name}"
            );
        }
        assert_eq!(
            match_session("Anything", &[]),
            SessionMatch::New("Anything".into())
        );
    }

    #[test]
    fn the_local_date_follows_the_time_zone() {
        use jiff::tz::{Offset, TimeZone};
        // 19:13 on 26 November in Toronto is already 27 November in UTC.
        let at: jiff::Timestamp = "2026-11-27T00:13:00Z".parse().unwrap();
        let toronto = TimeZone::fixed(Offset::constant(-5));
        assert_eq!(local_date(at, &toronto), "2026-11-26");
        assert_eq!(local_date(at, &TimeZone::UTC), "2026-11-27");
        let kiritimati = TimeZone::fixed(Offset::constant(14));
        assert_eq!(local_date(at, &kiritimati), "2026-11-27");
    }

    #[test]
    fn one_post_may_be_in_several_sessions() {
        let mut list = Vec::new();
        apply_change(&mut list, add("a", Some("S1"), None), "t1");
        apply_change(&mut list, add("a", Some("S2"), None), "t2");
        apply_change(&mut list, add("a", None, None), "t3");
        apply_change(&mut list, add("a", Some(""), None), "t4");
        assert_eq!(list.len(), 3);
        assert_eq!(sessions(&list), ["S1", "S2"]);
        let removed = apply_change(
            &mut list,
            Change::Remove {
                post: "a".into(),
                session: Some("S1".into()),
            },
            "t5",
        );
        assert_eq!(removed.removed().unwrap().session.as_deref(), Some("S1"));
        assert_eq!(list.len(), 2);
    }

    #[test]
    fn remove_then_restore_gives_back_the_same_bookmark() {
        let mut list = Vec::new();
        apply_change(&mut list, add("a", Some("S"), Some("note")), "t1");
        apply_change(
            &mut list,
            Change::SetDiscussed {
                post: "a".into(),
                session: Some("S".into()),
                discussed: true,
            },
            "t2",
        );
        let original = list.clone();
        let outcome = apply_change(
            &mut list,
            Change::Remove {
                post: "a".into(),
                session: Some("S".into()),
            },
            "t3",
        );
        assert!(list.is_empty());
        let removed = outcome.removed().unwrap().clone();
        apply_change(&mut list, Change::Restore(removed), "t4");
        assert_eq!(list, original);
    }

    #[test]
    fn changes_to_absent_bookmarks_change_nothing() {
        let mut list = Vec::new();
        apply_change(&mut list, add("a", None, None), "t1");
        let before = list.clone();
        for change in [
            Change::Remove {
                post: "b".into(),
                session: None,
            },
            Change::SetNote {
                post: "a".into(),
                session: Some("S".into()),
                note: "x".into(),
            },
            Change::SetDiscussed {
                post: "b".into(),
                session: None,
                discussed: true,
            },
        ] {
            assert!(apply_change(&mut list, change, "t2").not_found());
        }
        assert_eq!(list, before);
    }

    #[test]
    fn normalizing_merges_duplicates_without_losing_notes() {
        let b = |session: Option<&str>, note: &str, created: &str, discussed| Bookmark {
            post: "a".into(),
            session: session.map(Into::into),
            note: note.into(),
            created: created.into(),
            discussed,
        };
        let list = normalize(vec![
            b(Some("S "), "second", "t2", true),
            b(Some("S"), "first", "t1", false),
            b(Some("S"), "first", "t3", false),
            b(Some(""), "", "t0", false),
        ]);
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].session.as_deref(), Some("S"));
        assert_eq!(list[0].note, "second\n\nfirst");
        assert_eq!(list[0].created, "t1");
        assert!(list[0].discussed);
        assert_eq!(list[1].session, None);
    }

    #[test]
    fn sessions_are_renamed_merged_and_deleted_without_losing_notes() {
        let mut list = Vec::new();
        apply_change(&mut list, add("a", Some("Old"), Some("note a")), "t1");
        apply_change(&mut list, add("b", Some("Old"), Some("note b")), "t2");
        apply_change(&mut list, add("a", Some("Team"), Some("team note")), "t3");
        apply_change(&mut list, add("a", None, Some("loose")), "t4");
        apply_change(
            &mut list,
            Change::SetDiscussed {
                post: "b".into(),
                session: Some("Old".into()),
                discussed: true,
            },
            "t5",
        );
        assert_eq!(session_counts(&list), [("Old", 2, 1), ("Team", 1, 0)]);

        let move_to = |from: &str, to: &str| SessionChange::Move {
            from: from.into(),
            to: to.into(),
        };
        let renamed = apply_session_change(&mut list, &move_to("Old", " New "));
        assert_eq!(
            renamed,
            SessionOutcome {
                bookmarks: 2,
                merged: 0,
                removed: 0
            }
        );
        assert_eq!(sessions(&list), ["New", "Team"]);
        assert!(list.iter().any(|b| b.is("b", Some("New")) && b.discussed));
        // Nothing happens for a missing session, an empty name or the same name.
        for change in [
            move_to("Old", "X"),
            move_to("New", " "),
            move_to("New", "New"),
        ] {
            let before = list.clone();
            assert!(!apply_session_change(&mut list, &change).changed());
            assert_eq!(list, before);
        }

        let merged = apply_session_change(&mut list, &move_to("New", "Team"));
        assert_eq!(
            merged,
            SessionOutcome {
                bookmarks: 2,
                merged: 1,
                removed: 0
            }
        );
        assert_eq!(sessions(&list), ["Team"]);
        let a = list.iter().find(|b| b.is("a", Some("Team"))).unwrap();
        assert!(a.note.contains("note a") && a.note.contains("team note"));

        let kept = list.clone();
        let deleted = apply_session_change(
            &mut list,
            &SessionChange::Delete {
                name: "Team".into(),
                with_bookmarks: false,
            },
        );
        assert_eq!(
            deleted,
            SessionOutcome {
                bookmarks: 2,
                merged: 1,
                removed: 0
            }
        );
        assert!(sessions(&list).is_empty());
        assert_eq!(list.len(), 2);
        assert!(
            list.iter()
                .find(|b| b.post == "a")
                .unwrap()
                .note
                .contains("loose")
        );

        let mut list = kept;
        let removed = apply_session_change(
            &mut list,
            &SessionChange::Delete {
                name: "Team".into(),
                with_bookmarks: true,
            },
        );
        assert_eq!(removed.removed, 2);
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].session, None);
    }

    #[test]
    fn groups_are_sessions_by_name_then_no_session() {
        let mut list = Vec::new();
        apply_change(&mut list, add("c", None, None), "t1");
        apply_change(&mut list, add("b", Some("Beta"), None), "t2");
        apply_change(&mut list, add("a", Some("Alpha"), None), "t4");
        apply_change(&mut list, add("d", Some("Alpha"), None), "t3");
        let groups = by_session(&list);
        let names: Vec<_> = groups.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, [Some("Alpha"), Some("Beta"), None]);
        let alpha: Vec<_> = groups[0].1.iter().map(|b| b.post.as_str()).collect();
        assert_eq!(alpha, ["d", "a"]);
        let order: Vec<_> = list.iter().map(|b| b.post.as_str()).collect();
        assert_eq!(order, ["d", "a", "b", "c"]);
    }
}
