//! The reader's state and how actions change it: pure, no I/O, no drawing.
//! Work that needs the outside world (copying, opening a link) is queued as an
//! [`Effect`] for the event loop to carry out.

mod bookmarks;
mod copy;
mod filter;
mod link;
mod list;
mod loading;
mod note;
mod overlay;
mod read;
mod reading;
mod session;
mod sessions;
mod tagging;

pub use filter::Filter;
pub use loading::Arrival;
pub use note::NoteEditor;
pub use overlay::{Dialog, Overlay, Place, Question};
pub use read::{Lead, READ_AFTER, Reading};
pub use session::SessionPicker;
pub use sessions::{Naming, SessionNamer};
pub use tagging::TagEditor;

use crate::archive::{Archive, Month, Post};
use crate::bookmarks::{Bookmark, Change};
use crate::config::{Align, Config};
use crate::document::{self, Document};
use crate::search::{FieldMatch, SearchIndex};

use super::action::{Action, Edit, Pane, Step};
use super::keymap::Mode;
use super::layout::{self, Screen};
use super::memory::ReaderState;

/// Something the event loop must do outside the pure state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put this text on the clipboard.
    Copy(String),
    /// Open this URL with the system's opener.
    OpenUrl(String),
    /// Apply this change to the bookmark store.
    Bookmark(Change),
    /// Apply this change to whole sessions in the bookmark store.
    Session(crate::bookmarks::SessionChange),
    /// Re-read the bookmark store (another process may have changed it).
    ReloadBookmarks,
    /// Mark a post read or unread in `read.ron`.
    MarkRead {
        /// The post's id.
        post: String,
        /// Read (`true`) or unread.
        read: bool,
    },
    /// Record the tags a person chose for a post in the library.
    Curate {
        /// The post's id.
        post: String,
        /// Its topics and research type.
        tags: crate::library::Tags,
    },
    /// Stop the reader (Ctrl-Z): give the terminal back to the shell until `fg`.
    Suspend,
}

/// A row of the post list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListRow {
    /// A month heading.
    Month(Month),
    /// One line of the title of the post at `index` in [`App::visible`].
    Post {
        /// The post's index in [`App::visible`].
        index: usize,
        /// This line of its wrapped title, indented by [`App::list_margin`].
        text: String,
        /// Whether this is the title's first line.
        first: bool,
        /// The char index in the title where this line starts.
        start: usize,
    },
}

impl ListRow {
    /// The index in [`App::visible`] of the post this row shows, if any.
    pub fn post(&self) -> Option<usize> {
        match self {
            ListRow::Post { index, .. } => Some(*index),
            ListRow::Month(_) => None,
        }
    }
}

/// Post pane width assumed while the pane is hidden, until it has been shown.
const DEFAULT_POST_WIDTH: usize = 60;

/// A list with a cursor: the topic and research-type panes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picker {
    /// The row under the cursor: first the [`Lead`] rows (as many as
    /// `leading` holds), then "All", then item `n`.
    pub cursor: usize,
    /// Posts under each [`Lead`] row above "All" ("New", "Unread") under the
    /// other filters; empty when the pane has no such rows.
    pub leading: Vec<usize>,
    /// The first row shown.
    pub offset: usize,
    /// Posts per item under the other filters, in item order.
    pub counts: Vec<usize>,
    /// Posts of any item under the other filters (the "All" row's count).
    pub total: usize,
}

impl Picker {
    /// The chosen item, or `None` for "All" or a [`Lead`] row.
    pub fn chosen(&self) -> Option<usize> {
        self.cursor.checked_sub(self.all_row() + 1)
    }

    /// The chosen [`Lead`] row, if one is.
    pub fn lead(&self) -> Option<Lead> {
        (self.cursor < self.all_row()).then(|| Lead::ALL[self.cursor])
    }

    /// The row of "All".
    pub fn all_row(&self) -> usize {
        self.leading.len()
    }

    /// Rows including the [`Lead`] rows and "All".
    pub fn rows(&self) -> usize {
        self.all_row() + 1 + self.counts.len()
    }
}

/// A post's topics and research type as indices into the archive's lists.
#[derive(Debug, Clone)]
struct Tags {
    topics: Vec<usize>,
    research_type: Option<usize>,
}

impl Tags {
    /// The tags of `post`, one of `archive`'s posts.
    fn of(post: &Post, archive: &Archive) -> Tags {
        let index = |names: &[String], name: &str| names.iter().position(|n| n == name);
        Tags {
            topics: post
                .topics
                .iter()
                .filter_map(|t| index(&archive.topics, t))
                .collect(),
            research_type: index(&archive.research_types, &post.research_type),
        }
    }

    /// The tags of every post of `archive` (as [`Tags::of`] each, faster).
    fn all(archive: &Archive) -> Vec<Tags> {
        let numbers = |names: &[String]| -> std::collections::HashMap<String, usize> {
            // Reversed: a name listed twice counts as its first place.
            let places = names.iter().enumerate().rev();
            places.map(|(n, name)| (name.clone(), n)).collect()
        };
        let (topics, types) = (numbers(&archive.topics), numbers(&archive.research_types));
        archive
            .posts
            .iter()
            .map(|post| Tags {
                topics: post
                    .topics
                    .iter()
                    .filter_map(|t| topics.get(t).copied())
                    .collect(),
                research_type: types.get(&post.research_type).copied(),
            })
            .collect()
    }
}

/// The whole state of the reader.
#[derive(Debug, Clone)]
pub struct App {
    /// The archive being read.
    pub archive: Archive,
    /// The pane with the keyboard focus.
    pub focus: Pane,
    /// The open dialog, with its state, and the ones under it.
    pub overlay: Overlay,
    /// Terminal width and height.
    pub size: (u16, u16),
    /// The topic pane; its cursor is the topic filter.
    pub topics: Picker,
    /// The research-type pane; its cursor is the research-type filter.
    pub types: Picker,
    /// Posts shown in the list, as indices into the archive's posts.
    pub visible: Vec<usize>,
    /// Each post's topics and research type as indices, for fast filtering.
    tags: Vec<Tags>,
    /// The selected post, as an index into `visible`.
    pub selected: usize,
    /// The first post shown in the list, as an index into `visible`.
    pub list_top: usize,
    /// The search index over the archive's posts: arrives from the cache or a
    /// background thread, else built on the first query.
    search: std::cell::OnceCell<SearchIndex>,
    /// The text filter.
    pub filter: Filter,
    /// The selected post laid out for the post pane.
    pub document: Option<Document>,
    /// The note shown in the laid-out post.
    shown_note: Option<String>,
    /// Where the filter matches the selected post.
    post_matches: Vec<FieldMatch>,
    /// Post-pane lines that show a match.
    pub match_lines: Vec<usize>,
    /// The match `n`/`N` went to last, as an index into `match_lines`.
    match_at: Option<usize>,
    /// The first post line shown.
    pub scroll: usize,
    /// The width the post was last laid out for.
    post_width: usize,
    /// Every bookmark, as last read from the store.
    pub bookmarks: Vec<Bookmark>,
    /// Why bookmarks are read-only, when they are.
    pub bookmarks_problem: Option<String>,
    /// The current supervision session (`None`: bookmarks go in no session).
    pub session: Option<String>,
    /// Whether the session was chosen (or restored): until then, the first
    /// `b` with no session opens the session picker.
    session_chosen: bool,
    /// Today's date, `YYYY-MM-DD`, to suggest a session name (empty: no suggestion).
    pub today: String,
    /// The bookmark removed last, which `u` puts back.
    pub undo: Option<Bookmark>,
    /// Set while an undo is on its way to the store.
    undoing: bool,
    /// A message for the status bar.
    pub status: Option<String>,
    /// The post and form the last `y` copied, while `y` is pressed again
    /// straight after (see `copy.rs`).
    copied: Option<(String, copy::CopyForm)>,
    /// Read marks and new posts (`None`: the reader keeps no marks).
    reading: Option<Reading>,
    /// The post is shown full-screen.
    pub zoom: bool,
    /// Finding a word in the post: what, and where it was found.
    find: reading::Find,
    /// The user's settings (reading width and alignment are used here).
    pub config: Config,
    /// Set when the reader should stop.
    pub should_quit: bool,
    effects: Vec<Effect>,
}

impl App {
    /// A reader on `archive` for a terminal of `size`, focus on "All topics".
    pub fn new(archive: Archive, size: (u16, u16)) -> App {
        let tags = Tags::all(&archive);
        let mut app = App {
            search: std::cell::OnceCell::new(),
            filter: Filter::default(),
            post_matches: Vec::new(),
            shown_note: None,
            match_lines: Vec::new(),
            match_at: None,
            tags,
            archive,
            focus: Pane::Topics,
            overlay: Overlay::default(),
            size,
            topics: Picker::default(),
            types: Picker::default(),
            visible: Vec::new(),
            selected: 0,
            list_top: 0,
            document: None,
            scroll: 0,
            post_width: DEFAULT_POST_WIDTH,
            bookmarks: Vec::new(),
            bookmarks_problem: None,
            session: None,
            session_chosen: false,
            today: String::new(),
            undo: None,
            undoing: false,
            status: None,
            copied: None,
            zoom: false,
            reading: None,
            find: reading::Find::default(),
            config: Config::default(),
            should_quit: false,
            effects: Vec::new(),
        };
        app.refilter(None);
        app
    }

    /// Uses `config`'s reading width and alignment from now on.
    pub fn set_config(&mut self, config: Config) {
        self.config = config;
        self.document = None;
        self.relayout();
    }

    /// Columns between the post pane's left edge and its text: the text is
    /// at most the reading width, centred in a wider pane unless aligned left.
    pub fn post_margin(&self) -> usize {
        let pane = self
            .screen()
            .inner(Pane::Post)
            .map_or(0, |r| usize::from(r.width));
        let text = self.document.as_ref().map_or(pane, |d| d.width);
        match self.config.align {
            Align::Centre => pane.saturating_sub(text) / 2,
            Align::Left => 0,
        }
    }

    /// The screen layout for the current size and focus.
    pub fn screen(&self) -> Screen {
        if self.zoom {
            return layout::zoomed(self.size.0, self.size.1);
        }
        let types = self.archive.research_types.len() as u16 + 1;
        layout::screen(self.size.0, self.size.1, self.focus, types)
    }

    /// The selected post, if the list is not empty.
    pub fn selected_post(&self) -> Option<&Post> {
        self.visible
            .get(self.selected)
            .map(|&i| &self.archive.posts[i])
    }

    /// The topic filter, as an index into the archive's topics.
    pub fn topic(&self) -> Option<usize> {
        self.topics.chosen()
    }

    /// The research-type filter, as an index into the archive's research types.
    pub fn research_type(&self) -> Option<usize> {
        self.types.chosen()
    }

    /// Takes the effects queued since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// What the keyboard is doing: the open dialog's mode, or browsing.
    pub fn mode(&self) -> Mode {
        self.overlay
            .mode(if self.zoom { Mode::Zoom } else { Mode::Normal })
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(
            action,
            Action::Resize(..) | Action::Arrived(_) | Action::Tick(_)
        ) {
            self.status = None;
            if action != Action::CopyCitation {
                self.copied = None;
            }
        }
        let mode = self.mode();
        let dialog = matches!(
            mode,
            Mode::Note | Mode::Session | Mode::SessionName | Mode::Bookmarks
        );
        match action {
            Action::Move(step) if mode == Mode::Help => self.scroll_help(step),
            Action::Move(step) if dialog => self.move_dialog(step),
            Action::Move(step) if mode == Mode::Tags => self.move_tags(step),
            Action::ScrollAt { lines, .. } if mode == Mode::Tags => {
                let step = if lines < 0 { Step::Up } else { Step::Down };
                for _ in 0..lines.unsigned_abs() {
                    self.move_tags(step);
                }
            }
            Action::Move(step) if mode == Mode::Filter => self.move_selection(step),
            Action::Move(step) if mode == Mode::Zoom => self.scroll_post(step),
            Action::Move(step) => self.move_in(self.focus, step),
            Action::Scroll(step) => self.scroll_post(step),
            Action::ScrollAt { column, row, lines } => {
                if let Some(pane) = self.screen().pane_at(column, row).filter(|_| !dialog) {
                    let step = if lines < 0 { Step::Up } else { Step::Down };
                    for _ in 0..lines.unsigned_abs() {
                        self.move_in(pane, step);
                    }
                }
            }
            Action::ClickAt { column, row } => self.click(column, row),
            Action::FocusNext => self.focus_step(1, true),
            Action::FocusPrevious => self.focus_step(-1, true),
            Action::FocusLeft => self.focus_step(-1, false),
            Action::FocusRight => self.focus_step(1, false),
            Action::Open => self.open(),
            Action::JumpToImplications => self.jump_to_implications(),
            Action::CopyCitation => self.copy_citation(),
            Action::OpenLink => self.open_link(),
            Action::ToggleHelp if mode == Mode::Help => {
                self.overlay.close();
            }
            Action::ToggleHelp => self.overlay.open(Dialog::Help { scroll: 0 }),
            Action::Resize(width, height) => {
                self.size = (width, height);
                self.relayout();
            }
            Action::Quit => self.should_quit = true,
            Action::Arrived(arrival) => self.arrive(arrival),
            Action::Tick(elapsed) => self.tick(elapsed),
            Action::ToggleBookmark => self.toggle_bookmark(),
            Action::EditNote => self.edit_note(),
            Action::PickSession => self.pick_session(false),
            Action::ShowBookmarks => self.show_bookmarks(),
            Action::ToggleDiscussed => self.toggle_discussed(),
            Action::RemoveBookmark => self.remove_bookmark(),
            Action::RenameSession => self.start_naming(Naming::Rename),
            Action::MergeSession => self.start_naming(Naming::Merge),
            Action::DeleteSession => self.start_delete_session(),
            Action::Undo => self.undo_removal(),
            Action::Confirm if mode == Mode::Link => self.copy_link(),
            Action::Cancel if mode == Mode::Link => {
                self.overlay.close();
            }
            Action::Confirm if mode == Mode::Confirm => self.answer(true),
            Action::Cancel if mode == Mode::Confirm => self.answer(false),
            Action::Cancel if mode == Mode::Conflict => {
                self.resolve_conflict(crate::bookmarks::Resolution::KeepBoth)
            }
            Action::Paste(text) => self.paste(&text),
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::Edit(edit) if dialog => self.edit_dialog(edit),
            Action::Newline if mode == Mode::Note => self.edit_dialog(Edit::Insert('\n')),
            Action::Confirm if dialog => self.finish_dialog(true),
            Action::Cancel if dialog => self.finish_dialog(false),
            Action::Resolve(resolution) => self.resolve_conflict(resolution),
            Action::ToggleRead => self.toggle_read(),
            Action::EditTags => self.edit_tags(),
            Action::ToggleItem => self.toggle_tag(),
            Action::Confirm if mode == Mode::Tags => self.save_tags(),
            Action::Cancel if mode == Mode::Tags => self.cancel_tags(),
            Action::ToggleZoom => self.toggle_zoom(),
            Action::NextPost => self.step_post(true),
            Action::PreviousPost => self.step_post(false),
            Action::StartFind => self.start_find(),
            Action::Edit(edit) if mode == Mode::Find => self.edit_find(edit),
            Action::Confirm if mode == Mode::Find => self.finish_find(true),
            Action::Cancel if mode == Mode::Find => self.finish_find(false),
            Action::Cancel if self.zoom => self.toggle_zoom(),
            Action::Cancel if self.find_active() => self.clear_find(),
            Action::NextMatch if self.find_active() => self.jump_to_found(true),
            Action::PreviousMatch if self.find_active() => self.jump_to_found(false),
            Action::StartFilter => self.start_filter(),
            Action::Edit(edit) if mode == Mode::Filter => self.edit_filter(edit),
            Action::Confirm if mode == Mode::Filter => self.finish_filter(true),
            Action::Cancel if mode == Mode::Filter => self.finish_filter(false),
            Action::Cancel => self.clear_filter(),
            Action::NextMatch => self.jump_to_match(true),
            Action::PreviousMatch => self.jump_to_match(false),
            Action::Edit(_) | Action::Newline | Action::Confirm => {}
        }
    }

    /// Pasted text goes where text is being typed, and nowhere else.
    fn paste(&mut self, text: &str) {
        match self.overlay.top_mut() {
            Some(Dialog::Note(editor)) => editor.paste(text),
            Some(Dialog::Session(picker)) => {
                picker.input.paste(text);
                picker.cursor = 0;
            }
            Some(Dialog::SessionName(namer)) => namer.input.paste(text),
            Some(Dialog::Filter { .. }) => self.paste_filter(text),
            Some(Dialog::Find { input, .. }) => {
                input.paste(text);
                self.refind(true);
            }
            _ => {}
        }
    }

    /// The first line of the help overlay shown (0 when it is not open).
    pub fn help_scroll(&self) -> usize {
        match self.overlay.top() {
            Some(Dialog::Help { scroll }) => *scroll,
            _ => 0,
        }
    }

    fn scroll_help(&mut self, step: Step) {
        if let Some(Dialog::Help { scroll }) = self.overlay.top_mut() {
            let view = super::help::HelpView::new(self.size);
            let page = view.rows.saturating_sub(1).max(1);
            *scroll = stepped(*scroll, view.last_scroll(), page, step);
        }
    }

    /// Where the reader is: the selected post, its scroll and the focus.
    pub fn place(&self) -> Place {
        Place {
            post: self.selected_post().map(|p| p.id.clone()),
            scroll: self.scroll,
            list_top: self.list_top,
            focus: self.focus,
        }
    }

    /// Goes back to a place: its post (when it is still in the list), its
    /// scroll and its focus.
    fn go_to(&mut self, place: Place) {
        self.refilter(place.post.as_deref());
        let same_post = self.selected_post().map(|p| &p.id) == place.post.as_ref();
        if same_post {
            self.scroll = place.scroll;
            self.list_top = place.list_top.min(self.selected);
        }
        self.focus = place.focus;
        self.relayout();
    }

    /// Resets the topic, research-type and text filters to "All".
    fn clear_all_filters(&mut self) {
        self.topics.cursor = self.topics.all_row();
        self.types.cursor = 0;
        self.filter = Filter::default();
    }

    /// Restores a saved topic, research type, post and scroll position; anything
    /// that no longer exists in the archive is skipped.
    pub fn restore(&mut self, state: &ReaderState) {
        let find = |names: &[String], wanted: &Option<String>| {
            wanted
                .as_ref()
                .and_then(|w| names.iter().position(|n| n == w))
                .map_or(0, |i| i + 1)
        };
        self.topics.cursor = self.topics.all_row() + find(&self.archive.topics, &state.topic);
        self.types.cursor = find(&self.archive.research_types, &state.research_type);
        self.refilter(state.post.as_deref());
        if let Some(focus) = state.focus {
            self.focus = focus;
        }
        self.session = state.session.clone();
        self.session_chosen = self.session.is_some();
        self.scroll = state.scroll;
        self.relayout();
    }

    /// What to remember for the next start.
    pub fn reader_state(&self) -> ReaderState {
        ReaderState {
            topic: self.topic().map(|t| self.archive.topics[t].clone()),
            research_type: self
                .research_type()
                .map(|r| self.archive.research_types[r].clone()),
            post: self.selected_post().map(|p| p.id.clone()),
            scroll: self.scroll,
            focus: Some(self.focus),
            session: self.session.clone(),
        }
    }

    /// Recomputes the visible posts and the counts after a filter changed,
    /// keeping the post `keep` (or else the selected post) selected when it is
    /// still visible. One pass over the posts.
    fn refilter(&mut self, keep: Option<&str>) {
        let keep = keep
            .map(str::to_string)
            .or_else(|| self.selected_post().map(|p| p.id.clone()));
        let (topic, research_type) = (self.topic(), self.research_type());
        let (lead, reading) = (self.topics.lead(), self.reading.as_ref());
        self.topics.leading.fill(0);
        self.topics.counts = vec![0; self.archive.topics.len()];
        self.types.counts = vec![0; self.archive.research_types.len()];
        self.topics.total = 0;
        self.types.total = 0;
        self.visible.clear();
        let all = 0..self.tags.len();
        let candidates: Box<dyn Iterator<Item = usize>> = match self.filter.ranked() {
            Some(ranked) => Box::new(ranked),
            None => Box::new(all),
        };
        for index in candidates {
            let tags = &self.tags[index];
            let id = &self.archive.posts[index].id;
            let topic_ok = match (lead, reading) {
                (Some(lead), Some(reading)) => reading.shows(lead, id),
                _ => topic.is_none_or(|t| tags.topics.contains(&t)),
            };
            let type_ok = research_type.is_none_or(|r| tags.research_type == Some(r));
            if type_ok {
                self.topics.total += 1;
                for &t in &tags.topics {
                    self.topics.counts[t] += 1;
                }
                if let Some(reading) = reading {
                    for (count, lead) in self.topics.leading.iter_mut().zip(Lead::ALL) {
                        *count += usize::from(reading.shows(lead, id));
                    }
                }
            }
            if topic_ok {
                self.types.total += 1;
                if let Some(r) = tags.research_type {
                    self.types.counts[r] += 1;
                }
            }
            if topic_ok && type_ok {
                self.visible.push(index);
            }
        }
        let posts = &self.archive.posts;
        let kept = keep
            .as_deref()
            .and_then(|id| self.visible.iter().position(|&i| posts[i].id == id));
        let same_post = kept.is_some();
        self.selected = kept.unwrap_or(0);
        if !same_post {
            self.scroll = 0;
        }
        self.list_top = 0;
        self.document = None;
        self.relayout();
    }

    /// Re-wraps the post and the list for the current pane widths, keeping the
    /// same text at the top of the post pane, and clamps every scroll position.
    pub(super) fn relayout(&mut self) {
        let screen = self.screen();
        if let Some(inner) = screen.inner(Pane::Post).filter(|r| r.width > 0) {
            self.post_width = usize::from(inner.width).min(self.config.reading_width);
        }
        let note = self.post_note();
        let stale = self
            .document
            .as_ref()
            .is_none_or(|d| d.width != self.post_width || note != self.shown_note);
        if stale {
            let anchor = self.document.as_ref().and_then(|d| d.anchor(self.scroll));
            self.document = self
                .selected_post()
                .map(|post| document::layout(post, self.post_width, note.as_deref()));
            self.shown_note = note;
            if let (Some(doc), Some(anchor)) = (&self.document, anchor) {
                self.scroll = doc.line_of(anchor);
            }
            self.post_matches = self.selected_post_matches();
            self.match_lines = self.find_match_lines();
            self.refind(false);
            self.match_at = None;
        }
        self.scroll = self.scroll.min(self.max_scroll());
        self.keep_list_selection_visible();
        for pane in [Pane::Topics, Pane::Types] {
            let height = self.page_height(pane);
            let picker = self.picker_mut(pane);
            picker.offset = visible_offset(
                picker.offset,
                picker.cursor,
                picker.cursor,
                height,
                picker.rows(),
            );
        }
    }

    fn picker_mut(&mut self, pane: Pane) -> &mut Picker {
        if pane == Pane::Types {
            &mut self.types
        } else {
            &mut self.topics
        }
    }

    /// Lines in a pane's inner area (at least 1, so paging always moves).
    fn page_height(&self, pane: Pane) -> usize {
        self.screen()
            .inner(pane)
            .map_or(1, |r| usize::from(r.height).max(1))
    }

    /// The furthest the post can scroll: its last line at the bottom of the pane.
    pub fn max_scroll(&self) -> usize {
        let lines = self.document.as_ref().map_or(0, |d| d.lines.len());
        lines.saturating_sub(self.page_height(Pane::Post))
    }

    fn move_in(&mut self, pane: Pane, step: Step) {
        match pane {
            Pane::Topics | Pane::Types => {
                let page = self.page_height(pane);
                let picker = self.picker_mut(pane);
                let target = stepped(picker.cursor, picker.rows() - 1, page, step);
                self.pick(pane, target);
            }
            Pane::Posts => self.move_selection(step),
            Pane::Post => self.scroll_post(step),
        }
    }

    /// Puts a picker's cursor on `row` and applies the filter it stands for.
    /// A change of the research type is said in the status bar, since the
    /// type list is easy to land in without meaning to.
    fn pick(&mut self, pane: Pane, row: usize) {
        let picker = self.picker_mut(pane);
        if row != picker.cursor && row < picker.rows() {
            picker.cursor = row;
            self.refilter(None);
            if pane == Pane::Types {
                let posts = match self.visible.len() {
                    1 => "1 post".to_string(),
                    n => format!("{n} posts"),
                };
                self.status = Some(match self.research_type() {
                    Some(r) => format!(
                        "Type of research: {} ({posts}). g: all types.",
                        self.archive.research_types[r]
                    ),
                    None => format!("All types of research ({posts})."),
                });
            }
        }
    }

    fn move_selection(&mut self, step: Step) {
        let Some(last) = self.visible.len().checked_sub(1) else {
            return;
        };
        let target = stepped(self.selected, last, self.page_height(Pane::Posts), step);
        self.select(target);
    }

    /// Selects the post at `index` of the visible list, at the top of its text.
    fn select(&mut self, index: usize) {
        if index != self.selected && index < self.visible.len() {
            self.selected = index;
            self.scroll = 0;
            self.document = None;
            self.relayout();
        }
    }

    fn scroll_post(&mut self, step: Step) {
        let page = self.page_height(Pane::Post).saturating_sub(1).max(1);
        self.scroll = match step {
            Step::Up => self.scroll.saturating_sub(1),
            Step::Down => self.scroll + 1,
            Step::PageUp => self.scroll.saturating_sub(page),
            Step::PageDown => self.scroll + page,
            Step::First => 0,
            Step::Last => usize::MAX,
        }
        .min(self.max_scroll());
    }

    /// Moves the focus `delta` panes along [`Pane::ALL`]; past either end it
    /// goes round when `round`, and stays put otherwise.
    fn focus_step(&mut self, delta: isize, round: bool) {
        self.zoom = false;
        let count = Pane::ALL.len() as isize;
        let at = Pane::ALL.iter().position(|&p| p == self.focus).unwrap_or(0) as isize;
        let to = if round {
            (at + delta).rem_euclid(count)
        } else {
            (at + delta).clamp(0, count - 1)
        };
        self.focus = Pane::ALL[to as usize];
        self.relayout();
    }

    /// Enter: from a picker to the posts, from the posts to the post, from
    /// the post to zoom.
    fn open(&mut self) {
        if self.focus == Pane::Post && !self.zoom && self.selected_post().is_some() {
            self.toggle_zoom();
            return;
        }
        let next = match self.focus {
            Pane::Topics | Pane::Types => Pane::Posts,
            Pane::Posts | Pane::Post if self.selected_post().is_some() => Pane::Post,
            other => other,
        };
        self.focus = next;
        self.relayout();
    }

    fn click(&mut self, column: u16, row: u16) {
        let screen = self.screen();
        let Some(pane) = screen.pane_at(column, row) else {
            return;
        };
        self.focus = pane;
        let inner = screen
            .inner(pane)
            .expect("a pane under the pointer is shown");
        if let Some(line) = row.checked_sub(inner.y).map(usize::from) {
            match pane {
                Pane::Topics | Pane::Types => {
                    let offset = self.picker_mut(pane).offset;
                    self.pick(pane, offset + line);
                }
                Pane::Posts => {
                    if let Some(index) = self.list_view().get(line).and_then(ListRow::post) {
                        self.select(index);
                    }
                }
                Pane::Post => {}
            }
        }
        self.relayout();
    }

    fn jump_to_implications(&mut self) {
        match self.document.as_ref().and_then(|d| d.implications_at) {
            Some(at) => {
                self.focus = Pane::Post;
                self.relayout();
                self.scroll = at.min(self.max_scroll());
            }
            None if self.selected_post().is_some() => {
                self.status = Some("This post has no Practice Implications section.".into());
            }
            None => {}
        }
    }
}

/// The first row to show so that rows `top..=bottom` are in a window of
/// `height` rows (the top one wins when they do not all fit), moving as little
/// as possible from `offset` and never past the end of `len` rows.
fn visible_offset(offset: usize, top: usize, bottom: usize, height: usize, len: usize) -> usize {
    let offset = if top < offset {
        top
    } else if bottom >= offset + height {
        (bottom + 1 - height).min(top)
    } else {
        offset
    };
    offset.min(len.saturating_sub(height))
}

/// Moves `at` within `0..=last` by a step, a page being `page` items.
fn stepped(at: usize, last: usize, page: usize, step: Step) -> usize {
    match step {
        Step::Up => at.saturating_sub(1),
        Step::Down => (at + 1).min(last),
        Step::PageUp => at.saturating_sub(page),
        Step::PageDown => (at + page).min(last),
        Step::First => 0,
        Step::Last => last,
    }
}
