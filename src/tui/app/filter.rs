//! The text filter in the reader: the list narrows on every keystroke, results
//! rank best first, and the matched characters are highlighted.

use super::{App, Dialog};
use crate::archive::TextField;
use crate::search::{FieldMatch, Query, SearchIndex, Searcher, highlights, highlights_in};
use crate::tui::action::{Edit, Pane};
use crate::tui::input::TextInput;

/// The filter's query and what it matched.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// The query being typed or kept.
    pub input: TextInput,
    /// Answers the query one keystroke at a time; holds the query in force
    /// (parsed; empty when there is none) and its hits.
    searcher: Searcher,
}

impl Filter {
    /// Whether a query is in force.
    pub fn active(&self) -> bool {
        !self.query().is_empty()
    }

    /// The query in force, parsed.
    pub fn query(&self) -> &Query {
        self.searcher.query()
    }

    /// The posts matching the query, best first (archive indices), or `None`
    /// when no query is in force.
    pub fn ranked(&self) -> Option<impl Iterator<Item = usize> + '_> {
        self.active()
            .then(|| self.searcher.hits().iter().map(|h| h.post))
    }
}

impl App {
    /// Opens the filter line.
    pub(super) fn start_filter(&mut self) {
        let before = self.place();
        self.overlay.open(Dialog::Filter { before });
    }

    /// Applies an edit to the query and filters again.
    pub(super) fn edit_filter(&mut self, edit: Edit) {
        self.filter.input.edit(edit);
        self.run_query();
    }

    /// Inserts pasted text into the query (as one line) and filters again.
    pub(super) fn paste_filter(&mut self, text: &str) {
        self.filter.input.paste(text);
        self.run_query();
    }

    /// Enter keeps the filter and moves the focus to the results; Esc clears
    /// it and goes back to the post, scroll and focus from before `/`.
    pub(super) fn finish_filter(&mut self, keep: bool) {
        let Some(Dialog::Filter { before }) = self.overlay.close() else {
            return;
        };
        if keep {
            self.focus = Pane::Posts;
            self.relayout();
        } else {
            self.clear_filter();
            self.go_to(before);
        }
    }

    /// Empties the query and shows every post again.
    pub(super) fn clear_filter(&mut self) {
        if self.filter.input.text().is_empty() && !self.filter.active() {
            return;
        }
        self.filter.input = TextInput::default();
        self.run_query();
    }

    /// Runs the query through the search index and refilters the list.
    fn run_query(&mut self) {
        let text = self.filter.input.text();
        // The index is built for the first query, not before.
        if self.search.get().is_some() || !text.trim().is_empty() {
            let index = self
                .search
                .get_or_init(|| SearchIndex::new(&self.archive.posts));
            self.filter
                .searcher
                .search(index, &self.archive.posts, text);
        }
        self.refilter(None);
        if self.filter.active() {
            self.select(0);
        }
    }

    /// How many posts the filter matches under any topic and research type.
    pub fn filter_matches_anywhere(&self) -> usize {
        self.filter.ranked().map_or(0, |ranked| ranked.count())
    }

    /// The matched chars of a post's title, for the list.
    pub fn title_matches(&self, post: usize) -> Vec<usize> {
        if !self.filter.active() {
            return Vec::new();
        }
        highlights_in(
            self.filter.query(),
            &self.archive.posts[post],
            TextField::Title,
        )
    }

    /// The matched chars of the selected post, field by field.
    pub(super) fn selected_post_matches(&self) -> Vec<FieldMatch> {
        match self.selected_post() {
            Some(post) if self.filter.active() => highlights(self.filter.query(), post),
            _ => Vec::new(),
        }
    }

    /// The matched chars of one field of the selected post.
    pub fn post_matches(&self, field: TextField) -> &[usize] {
        self.post_matches
            .iter()
            .find(|m| m.field == field)
            .map_or(&[], |m| m.chars.as_slice())
    }

    /// The post-pane lines that show a matched character. The matched chars
    /// are sorted, so each run of a line costs a binary search, not a scan
    /// (a huge post with many matches stays fast).
    pub(super) fn find_match_lines(&self) -> Vec<usize> {
        let Some(doc) = &self.document else {
            return Vec::new();
        };
        doc.lines
            .iter()
            .enumerate()
            .filter(|(_, line)| {
                line.segments.iter().any(|s| {
                    let matched = self.post_matches(s.field);
                    let first = matched.partition_point(|&c| c < s.start);
                    matched.get(first).is_some_and(|&c| c < s.start + s.len)
                })
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Scrolls the post to the next (or previous) line with a match, wrapping
    /// around at the ends.
    pub(super) fn jump_to_match(&mut self, forward: bool) {
        let count = self.match_lines.len();
        if count == 0 {
            self.status = Some(match self.filter.active() {
                true => "No match in this post's text.".into(),
                false => "No filter: / starts one.".into(),
            });
            return;
        }
        let first_below = self
            .match_lines
            .iter()
            .position(|&l| l >= self.scroll)
            .unwrap_or(0);
        let at = match (self.match_at, forward) {
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
            (None, true) => first_below,
            (None, false) => first_below.checked_sub(1).unwrap_or(count - 1),
        };
        self.match_at = Some(at);
        if self.screen().area(Pane::Post).is_none() {
            self.focus = Pane::Post;
            self.relayout();
        }
        self.scroll = self.match_lines[at].min(self.max_scroll());
        self.status = Some(format!("Match {} of {count} in this post.", at + 1));
    }
}
