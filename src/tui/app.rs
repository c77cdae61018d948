//! The reader's state and how actions change it: pure, no I/O, no drawing.
//! Work that needs the outside world (copying, opening a link, quitting) is
//! queued as an [`Effect`] for the event loop to carry out.

use crate::archive::{Archive, Month, Post};
use crate::document::{self, Document, LongWords};
use crate::text::fit;

use super::action::{Action, Pane, Step};
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
}

/// A row of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarItem {
    /// No topic filter.
    AllTopics,
    /// Topic `n` of the archive.
    Topic(usize),
    /// The "Type of Research" heading (not selectable).
    TypesHeading,
    /// No research-type filter.
    AllTypes,
    /// Research type `n` of the archive.
    Type(usize),
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
        /// This line of its wrapped title.
        text: String,
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

/// Most lines a title takes in the post list.
const TITLE_LINES: usize = 3;

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// The archive being read.
    pub archive: Archive,
    /// The pane with the keyboard focus.
    pub focus: Pane,
    /// What the keyboard is doing.
    pub mode: Mode,
    /// Terminal width and height.
    pub size: (u16, u16),
    /// The sidebar's rows.
    pub sidebar: Vec<SidebarItem>,
    /// The sidebar row under the cursor.
    pub sidebar_cursor: usize,
    /// The first sidebar row shown.
    pub sidebar_offset: usize,
    /// The topic filter (index into the archive's topics).
    pub topic: Option<usize>,
    /// The research-type filter (index into the archive's research types).
    pub research_type: Option<usize>,
    /// Post counts per topic, under the other filters.
    pub topic_counts: Vec<usize>,
    /// Post counts per research type, under the other filters.
    pub type_counts: Vec<usize>,
    /// Posts of any topic under the research-type filter.
    pub all_topics_count: usize,
    /// Posts of any research type under the topic filter.
    pub all_types_count: usize,
    /// Posts shown in the list, as indices into the archive's posts.
    pub visible: Vec<usize>,
    /// The list's rows: month headings and wrapped titles.
    pub rows: Vec<ListRow>,
    /// The width the rows were wrapped for.
    rows_width: usize,
    /// The selected post, as an index into `visible`.
    pub selected: usize,
    /// The first list row shown.
    pub list_offset: usize,
    /// The selected post laid out for the post pane.
    pub document: Option<Document>,
    /// The first post line shown.
    pub scroll: usize,
    /// A message for the status bar.
    pub status: Option<String>,
    /// Set when the reader should stop.
    pub should_quit: bool,
    effects: Vec<Effect>,
}

impl App {
    /// A reader on `archive` for a terminal of `size`, focus on "All topics".
    pub fn new(archive: Archive, size: (u16, u16)) -> App {
        let mut sidebar = vec![SidebarItem::AllTopics];
        sidebar.extend((0..archive.topics.len()).map(SidebarItem::Topic));
        sidebar.extend([SidebarItem::TypesHeading, SidebarItem::AllTypes]);
        sidebar.extend((0..archive.research_types.len()).map(SidebarItem::Type));
        let mut app = App {
            archive,
            focus: Pane::Sidebar,
            mode: Mode::Normal,
            size,
            sidebar,
            sidebar_cursor: 0,
            sidebar_offset: 0,
            topic: None,
            research_type: None,
            topic_counts: Vec::new(),
            type_counts: Vec::new(),
            all_topics_count: 0,
            all_types_count: 0,
            visible: Vec::new(),
            rows: Vec::new(),
            rows_width: 0,
            selected: 0,
            list_offset: 0,
            document: None,
            scroll: 0,
            status: None,
            should_quit: false,
            effects: Vec::new(),
        };
        app.refilter(None);
        app
    }

    /// The screen layout for the current size and focus.
    pub fn screen(&self) -> Screen {
        layout::screen(self.size.0, self.size.1, self.focus)
    }

    /// The selected post, if the list is not empty.
    pub fn selected_post(&self) -> Option<&Post> {
        self.visible
            .get(self.selected)
            .map(|&i| &self.archive.posts[i])
    }

    /// Takes the effects queued since the last call.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..)) {
            self.status = None;
        }
        match action {
            Action::Move(step) => self.move_in(self.focus, step),
            Action::Scroll(step) => self.scroll_post(step),
            Action::ScrollAt { column, row, lines } => {
                if let Some(pane) = self.screen().pane_at(column, row) {
                    let step = if lines < 0 { Step::Up } else { Step::Down };
                    for _ in 0..lines.unsigned_abs() {
                        self.move_in(pane, step);
                    }
                }
            }
            Action::ClickAt { column, row } => self.click(column, row),
            Action::FocusNext => self.focus_step(1),
            Action::FocusPrevious => self.focus_step(-1),
            Action::Open => match self.focus {
                Pane::Sidebar => self.focus = Pane::Posts,
                Pane::Posts if self.selected_post().is_some() => self.focus = Pane::Post,
                _ => {}
            },
            Action::JumpToImplications => self.jump_to_implications(),
            Action::CopyCitation => self.copy_citation(),
            Action::OpenLink => self.open_link(),
            Action::ToggleHelp => {
                self.mode = if self.mode == Mode::Help {
                    Mode::Normal
                } else {
                    Mode::Help
                };
            }
            Action::Resize(width, height) => {
                self.size = (width, height);
                self.relayout();
            }
            Action::Quit => self.should_quit = true,
            Action::StartFilter
            | Action::FilterInput(_)
            | Action::FilterBackspace
            | Action::KeepFilter
            | Action::ClearFilter
            | Action::NextMatch
            | Action::PreviousMatch => {}
        }
    }

    /// Restores a saved topic, research type, post and scroll position; anything
    /// that no longer exists in the archive is skipped.
    pub fn restore(&mut self, state: &ReaderState) {
        let topic = state
            .topic
            .as_ref()
            .and_then(|t| self.archive.topics.iter().position(|x| x == t));
        let research_type = state
            .research_type
            .as_ref()
            .and_then(|r| self.archive.research_types.iter().position(|x| x == r));
        self.topic = topic;
        self.research_type = research_type;
        let item = match topic {
            Some(t) => SidebarItem::Topic(t),
            None => SidebarItem::AllTopics,
        };
        self.sidebar_cursor = self.sidebar.iter().position(|&i| i == item).unwrap_or(0);
        self.refilter(state.post.as_deref());
        if let Some(focus) = state.focus {
            self.focus = focus;
        }
        self.scroll = state.scroll;
        self.relayout();
    }

    /// What to remember for the next start.
    pub fn reader_state(&self) -> ReaderState {
        ReaderState {
            topic: self.topic.map(|t| self.archive.topics[t].clone()),
            research_type: self
                .research_type
                .map(|r| self.archive.research_types[r].clone()),
            post: self.selected_post().map(|p| p.id.clone()),
            scroll: self.scroll,
            focus: Some(self.focus),
        }
    }

    /// Whether a post passes the topic and research-type filters.
    fn passes(&self, post: &Post, topic: Option<usize>, research_type: Option<usize>) -> bool {
        topic.is_none_or(|t| post.has_topic(&self.archive.topics[t]))
            && research_type.is_none_or(|r| post.research_type == self.archive.research_types[r])
    }

    /// Recomputes the visible posts, counts and rows after a filter changed,
    /// keeping the post `keep` selected when it is still visible.
    fn refilter(&mut self, keep: Option<&str>) {
        let keep = keep
            .map(str::to_string)
            .or_else(|| self.selected_post().map(|p| p.id.clone()));
        let posts = &self.archive.posts;
        self.visible = (0..posts.len())
            .filter(|&i| self.passes(&posts[i], self.topic, self.research_type))
            .collect();
        self.topic_counts = (0..self.archive.topics.len())
            .map(|t| {
                posts
                    .iter()
                    .filter(|p| self.passes(p, Some(t), self.research_type))
                    .count()
            })
            .collect();
        self.type_counts = (0..self.archive.research_types.len())
            .map(|r| {
                posts
                    .iter()
                    .filter(|p| self.passes(p, self.topic, Some(r)))
                    .count()
            })
            .collect();
        self.all_topics_count = posts
            .iter()
            .filter(|p| self.passes(p, None, self.research_type))
            .count();
        self.all_types_count = posts
            .iter()
            .filter(|p| self.passes(p, self.topic, None))
            .count();
        self.rows_width = 0;
        let kept = keep.and_then(|id| self.visible.iter().position(|&i| posts[i].id == id));
        let previous = self.selected_post().map(|p| p.id.clone());
        self.selected = kept.unwrap_or(0);
        if self.selected_post().map(|p| &p.id) != previous.as_ref() {
            self.scroll = 0;
        }
        self.list_offset = 0;
        self.relayout();
    }

    /// Re-wraps the post for the pane width and clamps every scroll position.
    fn relayout(&mut self) {
        let screen = self.screen();
        let width = screen.inner(Pane::Post).map_or(0, |r| usize::from(r.width));
        self.document = self
            .selected_post()
            .filter(|_| width > 0)
            .map(|post| document::layout(post, width, LongWords::Break));
        self.scroll = self.scroll.min(self.max_scroll());
        let list_width = screen
            .inner(Pane::Posts)
            .map_or(0, |r| usize::from(r.width));
        if list_width > 0 && list_width != self.rows_width {
            self.rows = list_rows(&self.archive.posts, &self.visible, list_width);
            self.rows_width = list_width;
        }
        self.keep_list_selection_visible();
        self.keep_sidebar_cursor_visible();
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
            Pane::Sidebar => self.move_sidebar(step),
            Pane::Posts => self.move_selection(step),
            Pane::Post => self.scroll_post(step),
        }
    }

    fn move_sidebar(&mut self, step: Step) {
        let page = self.page_height(Pane::Sidebar);
        let last = self.sidebar.len() - 1;
        let cursor = self.sidebar_cursor;
        let mut target = stepped(cursor, last, page, step);
        if self.sidebar[target] == SidebarItem::TypesHeading {
            target = if target >= cursor {
                (target + 1).min(last)
            } else {
                target - 1
            };
        }
        self.select_sidebar(target);
    }

    /// Puts the sidebar cursor on row `target` and applies its filter.
    fn select_sidebar(&mut self, target: usize) {
        self.sidebar_cursor = target;
        match self.sidebar[target] {
            SidebarItem::AllTopics => self.topic = None,
            SidebarItem::Topic(t) => self.topic = Some(t),
            SidebarItem::AllTypes => self.research_type = None,
            SidebarItem::Type(r) => self.research_type = Some(r),
            SidebarItem::TypesHeading => {}
        }
        self.refilter(None);
    }

    fn move_selection(&mut self, step: Step) {
        let Some(last) = self.visible.len().checked_sub(1) else {
            return;
        };
        let target = stepped(self.selected, last, self.page_height(Pane::Posts), step);
        if target != self.selected {
            self.selected = target;
            self.scroll = 0;
            self.relayout();
        }
    }

    fn scroll_post(&mut self, step: Step) {
        let page = self.page_height(Pane::Post);
        self.scroll = match step {
            Step::Up => self.scroll.saturating_sub(1),
            Step::Down => self.scroll + 1,
            Step::PageUp => self.scroll.saturating_sub(page.saturating_sub(1).max(1)),
            Step::PageDown => self.scroll + page.saturating_sub(1).max(1),
            Step::First => 0,
            Step::Last => usize::MAX,
        }
        .min(self.max_scroll());
    }

    fn focus_step(&mut self, delta: i8) {
        let order = [Pane::Sidebar, Pane::Posts, Pane::Post];
        let at = order.iter().position(|&p| p == self.focus).unwrap_or(0) as i8;
        self.focus = order[(at + delta).rem_euclid(3) as usize];
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
        let Some(line) = row.checked_sub(inner.y).map(usize::from) else {
            self.relayout();
            return;
        };
        match pane {
            Pane::Sidebar => {
                let target = self.sidebar_offset + line;
                if self
                    .sidebar
                    .get(target)
                    .is_some_and(|&i| i != SidebarItem::TypesHeading)
                {
                    self.select_sidebar(target);
                }
            }
            Pane::Posts => {
                if let Some(index) = self
                    .rows
                    .get(self.list_offset + line)
                    .and_then(ListRow::post)
                {
                    if index != self.selected {
                        self.selected = index;
                        self.scroll = 0;
                    }
                }
            }
            Pane::Post => {}
        }
        self.relayout();
    }

    fn jump_to_implications(&mut self) {
        match self.document.as_ref().and_then(|d| d.implications_at) {
            Some(at) => {
                self.scroll = at.min(self.max_scroll());
                self.focus = if self.screen().post.is_some() {
                    Pane::Post
                } else {
                    self.focus
                };
            }
            None => self.status = Some("This post has no Practice Implications section.".into()),
        }
    }

    fn copy_citation(&mut self) {
        let Some(post) = self.selected_post() else {
            return;
        };
        if post.citations.is_empty() {
            self.status = Some("This post has no citation to copy.".into());
            return;
        }
        let text: Vec<&str> = post.citations.iter().map(|c| c.raw.as_str()).collect();
        self.effects.push(Effect::Copy(text.join("\n")));
    }

    fn open_link(&mut self) {
        let url = self
            .selected_post()
            .and_then(|p| p.citations.iter().find_map(|c| c.doi_url()));
        match url {
            Some(url) => self.effects.push(Effect::OpenUrl(url)),
            None => self.status = Some("This post has no DOI link.".into()),
        }
    }

    fn keep_list_selection_visible(&mut self) {
        let height = self.page_height(Pane::Posts);
        let selected = Some(self.selected);
        let Some(first) = self.rows.iter().position(|r| r.post() == selected) else {
            self.list_offset = 0;
            return;
        };
        let last = first
            + self.rows[first..]
                .iter()
                .take_while(|r| r.post() == selected)
                .count()
            - 1;
        // Show the month heading above the first post of a month too.
        let top = if first > 0 && matches!(self.rows[first - 1], ListRow::Month(_)) {
            first - 1
        } else {
            first
        };
        if top < self.list_offset {
            self.list_offset = top;
        } else if last >= self.list_offset + height {
            self.list_offset = (last + 1 - height).min(top);
        }
        self.list_offset = self.list_offset.min(self.rows.len().saturating_sub(height));
    }

    fn keep_sidebar_cursor_visible(&mut self) {
        let height = self.page_height(Pane::Sidebar);
        if self.sidebar_cursor < self.sidebar_offset {
            self.sidebar_offset = self.sidebar_cursor;
        } else if self.sidebar_cursor >= self.sidebar_offset + height {
            self.sidebar_offset = self.sidebar_cursor + 1 - height;
        }
        self.sidebar_offset = self
            .sidebar_offset
            .min(self.sidebar.len().saturating_sub(height));
    }
}

/// The list's rows for `width` columns: a heading before each new month, and
/// each title wrapped to at most [`TITLE_LINES`] lines, indented by two.
fn list_rows(posts: &[Post], visible: &[usize], width: usize) -> Vec<ListRow> {
    let mut rows = Vec::with_capacity(visible.len() * 2 + 8);
    let mut month = None;
    let text_width = width.saturating_sub(2).max(1);
    for (index, &post) in visible.iter().enumerate() {
        let post = &posts[post];
        if month != Some(post.month) {
            month = Some(post.month);
            rows.push(ListRow::Month(post.month));
        }
        let mut lines = textwrap::wrap(&post.title, text_width);
        if lines.len() > TITLE_LINES {
            let rest = lines[TITLE_LINES - 1..].join(" ");
            lines.truncate(TITLE_LINES - 1);
            lines.push(fit(&rest, text_width).into());
        }
        rows.extend(lines.into_iter().map(|line| ListRow::Post {
            index,
            text: format!("  {line}"),
        }));
    }
    rows
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
