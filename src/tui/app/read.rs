//! Read marks and "New" in the reader: which posts are read, which are new
//! since the last visit (see `library::visit` for the rule), the "New" and
//! "Unread" rows at the top of the topic pane, `m`, and marking a post read
//! once it has been open for [`READ_AFTER`] or scrolled to its end.
//!
//! Time comes in as [`Action::Tick`](crate::tui::action::Action::Tick) with
//! how long passed, so this stays pure; marks go out as [`Effect::MarkRead`]
//! and the event loop writes them to `read.ron` and reports back with
//! [`App::marks_saved`].

use std::collections::HashSet;
use std::time::Duration;

use super::{App, Effect};
use crate::library::{Marks, Visit};
use crate::tui::action::Pane;
use crate::tui::keymap::Mode;

/// How long a post stays open in the post pane before it counts as read.
pub const READ_AFTER: Duration = Duration::from_secs(3);

/// A row above "All topics" in the topic pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// Posts added to the library since the last visit.
    New,
    /// Posts not read yet.
    Unread,
}

impl Lead {
    /// The rows, in the order shown.
    pub const ALL: [Lead; 2] = [Lead::New, Lead::Unread];

    /// The row's name.
    pub fn label(self) -> &'static str {
        match self {
            Lead::New => "New",
            Lead::Unread => "Unread",
        }
    }
}

/// What the reader knows of read marks during a visit.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// Ids of the posts read.
    read: HashSet<String>,
    /// Ids of the posts new since the last visit.
    new: HashSet<String>,
    /// Why marks are not saved, when they are not (kept for this visit only).
    pub problem: Option<String>,
    /// The post open in the post pane, and for how long.
    open: Option<Open>,
}

/// The post open in the post pane.
#[derive(Debug, Clone)]
struct Open {
    post: String,
    /// How long it has been open.
    time: Duration,
    /// Whether it was marked (by the timer, the end or `m`) while open: it is
    /// not marked again until it is opened anew.
    settled: bool,
}

impl Reading {
    /// Whether post `id` is read.
    pub fn is_read(&self, id: &str) -> bool {
        self.read.contains(id)
    }

    /// Whether post `id` is new since the last visit.
    pub fn is_new(&self, id: &str) -> bool {
        self.new.contains(id)
    }

    /// Whether post `id` belongs under the row `lead`.
    pub fn shows(&self, lead: Lead, id: &str) -> bool {
        match lead {
            Lead::New => self.is_new(id),
            Lead::Unread => !self.is_read(id),
        }
    }
}

impl App {
    /// Starts read marks and "New" from a visit: the topic pane gains its
    /// "New" and "Unread" rows (the cursor stays on what it was on), and the
    /// status bar says what is new, or why the library or the marks could
    /// not be read.
    pub fn set_visit(&mut self, visit: &Visit) {
        let added = Lead::ALL.len() - self.topics.leading.len();
        self.topics.leading = vec![0; Lead::ALL.len()];
        self.topics.cursor += added;
        self.reading = Some(Reading {
            read: visit.marks.read.iter().cloned().collect(),
            new: visit.new.clone(),
            problem: visit.marks_problem.clone(),
            open: None,
        });
        self.refilter(None);
        let new = self.topics.leading[0];
        let message = if let Some(problem) = &visit.library_problem {
            Some(format!(
                "Library not loaded, showing the archive alone: {problem}"
            ))
        } else if let Some(problem) = &visit.marks_problem {
            Some(format!("Read marks are not saved: {problem}"))
        } else if new > 0 {
            Some(format!(
                "{new} new post{} since your last visit: see New, at the top of Topics.",
                if new == 1 { "" } else { "s" }
            ))
        } else {
            None
        };
        if let Some(message) = message {
            self.status = Some(match self.status.take() {
                Some(earlier) => format!("{message} · {earlier}"),
                None => message,
            });
        }
    }

    /// The reader's read marks, when it keeps them.
    pub fn reading(&self) -> Option<&Reading> {
        self.reading.as_ref()
    }

    /// Columns before a title in the post list: the unread dot (when the
    /// reader keeps read marks), the bookmark mark, then a space.
    pub fn list_margin(&self) -> usize {
        if self.reading.is_some() { 3 } else { 2 }
    }

    /// Whether post `id` carries the unread dot.
    pub fn is_unread(&self, id: &str) -> bool {
        self.reading.as_ref().is_some_and(|r| !r.is_read(id))
    }

    /// `m`: marks the selected post read, or unread again.
    pub(super) fn toggle_read(&mut self) {
        let Some(id) = self.selected_post().map(|p| p.id.clone()) else {
            return;
        };
        let Some(reading) = &self.reading else {
            return;
        };
        let read = !reading.is_read(&id);
        self.mark(&id, read);
        self.status = Some(if read {
            "Marked read.".to_string()
        } else {
            "Marked unread.".to_string()
        });
    }

    /// Time passed: the post open in the post pane (in zoom too, and while a
    /// filter or a find is typed, but not behind a dialog) is marked read once
    /// it has been open for [`READ_AFTER`], or scrolled to its end.
    pub(super) fn tick(&mut self, elapsed: Duration) {
        // Typing a filter or a word to find leaves the post in view.
        let reading_mode = matches!(
            self.mode(),
            Mode::Normal | Mode::Zoom | Mode::Find | Mode::Filter
        );
        let shown = reading_mode && self.screen().area(Pane::Post).is_some();
        let post = self.selected_post().map(|p| p.id.clone()).filter(|_| shown);
        let at_end = self.scroll > 0 && self.scroll >= self.max_scroll();
        let Some(reading) = &mut self.reading else {
            return;
        };
        let Some(post) = post else {
            reading.open = None;
            return;
        };
        let open = match &mut reading.open {
            Some(open) if open.post == post => {
                open.time += elapsed;
                open
            }
            _ => reading.open.insert(Open {
                post,
                time: Duration::ZERO,
                settled: false,
            }),
        };
        if open.settled || !(open.time >= READ_AFTER || at_end) {
            return;
        }
        open.settled = true;
        let post = open.post.clone();
        if !reading.is_read(&post) {
            self.mark(&post, true);
        }
    }

    /// Marks a post read or unread here, and on disk unless marks are not
    /// saved this visit. The "Unread" count follows; the list stays as it is
    /// until a filter changes, so the post does not vanish under the cursor.
    fn mark(&mut self, id: &str, read: bool) {
        let Some(reading) = &mut self.reading else {
            return;
        };
        let changed = if read {
            reading.read.insert(id.to_string())
        } else {
            reading.read.remove(id)
        };
        if let Some(open) = reading.open.as_mut().filter(|o| o.post == id) {
            open.settled = true;
        }
        if !changed {
            return;
        }
        if reading.problem.is_none() {
            self.effects.push(Effect::MarkRead {
                post: id.to_string(),
                read,
            });
        }
        let unread = &mut self.topics.leading[1];
        *unread = if read {
            unread.saturating_sub(1)
        } else {
            *unread + 1
        };
    }

    /// How saving a mark went: on success, the marks now on disk (another
    /// reader's too); on failure, why, and marks are no longer saved.
    pub fn marks_saved(&mut self, result: Result<Marks, String>) {
        let Some(reading) = &mut self.reading else {
            return;
        };
        match result {
            Ok(marks) => {
                let read: HashSet<String> = marks.read.into_iter().collect();
                if read != reading.read {
                    // Another reader marked posts meanwhile.
                    reading.read = read;
                    self.refilter(None);
                }
            }
            Err(problem) => {
                self.status = Some(format!("Read marks not saved: {problem}"));
                reading.problem = Some(problem);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::bundled;
    use crate::tui::action::{Action, Step};

    /// A reader of the bundled archive at 120x40 (the post pane shown) with
    /// its first post new and its second read, focus on the post list.
    fn reader() -> (App, Vec<String>) {
        let archive = bundled().unwrap();
        let ids: Vec<String> = archive.posts.iter().map(|p| p.id.clone()).collect();
        let mut app = App::new(archive, (120, 40));
        let mut visit = Visit::default();
        visit.new.insert(ids[0].clone());
        visit.marks.read.insert(ids[1].clone());
        app.set_visit(&visit);
        assert_eq!(
            app.status.as_deref(),
            Some("1 new post since your last visit: see New, at the top of Topics.")
        );
        app.update(Action::FocusNext);
        app.update(Action::FocusNext);
        (app, ids)
    }

    fn marked(app: &mut App) -> Vec<(String, bool)> {
        app.take_effects()
            .into_iter()
            .filter_map(|e| match e {
                Effect::MarkRead { post, read } => Some((post, read)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn new_and_unread_rows_count_and_filter_under_the_type_filter() {
        let (mut app, ids) = reader();
        let n = ids.len();
        assert_eq!(app.topics.leading, [1, n - 1]);
        assert_eq!(app.topics.cursor, 2, "still on All topics");
        assert_eq!(app.visible.len(), n);
        app.topics.cursor = 0;
        app.refilter(None);
        assert_eq!(app.topics.lead(), Some(Lead::New));
        assert_eq!(app.visible, [0]);
        app.topics.cursor = 1;
        app.refilter(None);
        assert_eq!(app.visible.len(), n - 1);
        assert!(app.visible.iter().all(|&i| ids[i] != ids[1]));
        // Under a research type, the rows count that type's posts only.
        let kind = app.archive.posts[0].research_type.clone();
        let of_kind = app.archive.posts.iter().filter(|p| p.research_type == kind);
        let unread_of_kind = of_kind.filter(|p| p.id != ids[1]).count();
        app.types.cursor = 1 + app
            .archive
            .research_types
            .iter()
            .position(|r| *r == kind)
            .unwrap();
        app.refilter(None);
        assert_eq!(app.topics.leading, [1, unread_of_kind]);
    }

    #[test]
    fn a_post_open_for_a_while_is_marked_read_once_and_m_undoes_it_for_good() {
        let (mut app, ids) = reader();
        let first = ids[0].clone();
        // The first tick with a post in the pane starts its clock.
        app.update(Action::Tick(READ_AFTER * 5));
        app.update(Action::Tick(READ_AFTER / 2));
        app.update(Action::Tick(READ_AFTER / 4));
        assert!(marked(&mut app).is_empty() && app.is_unread(&first));
        app.update(Action::Tick(READ_AFTER / 4));
        assert_eq!(marked(&mut app), [(first.clone(), true)]);
        assert!(!app.is_unread(&first));
        assert_eq!(app.topics.leading[1], ids.len() - 2);
        app.update(Action::ToggleRead);
        assert_eq!(marked(&mut app), [(first.clone(), false)]);
        assert_eq!(app.status.as_deref(), Some("Marked unread."));
        app.update(Action::Tick(READ_AFTER * 10));
        assert!(marked(&mut app).is_empty(), "m's choice stands while open");
        // Another post, then back: the clock starts again.
        app.update(Action::Move(Step::Down));
        app.update(Action::Tick(READ_AFTER / 2));
        app.update(Action::Move(Step::Up));
        app.update(Action::Tick(READ_AFTER / 2));
        app.update(Action::Tick(READ_AFTER / 2));
        assert!(
            marked(&mut app).is_empty(),
            "the clock restarts on each post"
        );
        app.update(Action::Tick(READ_AFTER));
        assert_eq!(marked(&mut app), [(first, true)]);
    }

    #[test]
    fn a_post_scrolled_to_its_end_is_read_at_once_but_not_one_that_fits() {
        let (mut app, ids) = reader();
        app.update(Action::Tick(std::time::Duration::ZERO));
        assert!(marked(&mut app).is_empty(), "a short look marks nothing");
        app.update(Action::Scroll(Step::Last));
        assert!(app.scroll > 0, "the first post is longer than the pane");
        app.update(Action::Tick(std::time::Duration::ZERO));
        assert_eq!(marked(&mut app), [(ids[0].clone(), true)]);
    }

    #[test]
    fn nothing_is_read_behind_a_dialog_or_without_the_post_pane_but_finding_counts() {
        let (mut app, ids) = reader();
        app.update(Action::ToggleHelp);
        app.update(Action::Tick(READ_AFTER * 2));
        app.update(Action::ToggleHelp);
        app.update(Action::Resize(40, 20));
        app.update(Action::Tick(READ_AFTER * 2));
        assert!(marked(&mut app).is_empty());
        assert!(app.is_unread(&ids[0]));
        // Finding a word leaves the post in view: it counts.
        app.update(Action::Resize(120, 40));
        app.update(Action::StartFind);
        app.update(Action::Tick(READ_AFTER));
        app.update(Action::Tick(READ_AFTER));
        assert_eq!(marked(&mut app), [(ids[0].clone(), true)]);
    }

    #[test]
    fn after_a_failed_save_marks_are_kept_here_only_and_a_reader_without_marks_shows_none() {
        let (mut app, ids) = reader();
        app.marks_saved(Err("read.ron: damaged".into()));
        assert_eq!(
            app.status.as_deref(),
            Some("Read marks not saved: read.ron: damaged")
        );
        app.update(Action::ToggleRead);
        assert!(marked(&mut app).is_empty());
        assert!(!app.is_unread(&ids[0]));
        // Another reader's marks arrive with a save: the counts follow.
        let (mut app, ids) = reader();
        let mut marks = Marks::default();
        marks.read.extend(ids.iter().cloned());
        app.marks_saved(Ok(marks));
        assert_eq!(app.topics.leading, [1, 0]);
        let mut plain = App::new(bundled().unwrap(), (120, 40));
        assert!(plain.topics.leading.is_empty() && plain.list_margin() == 2);
        plain.update(Action::ToggleRead);
        plain.update(Action::Tick(READ_AFTER * 2));
        assert!(marked(&mut plain).is_empty() && !plain.is_unread(&ids[0]));
    }
}
