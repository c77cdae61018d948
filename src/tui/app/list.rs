//! The post list as rows on screen: month headings and wrapped titles, made
//! only for the posts in view, so that the list costs the same at 10 posts and
//! at 100,000.

use super::{App, ListRow};
use crate::archive::Post;
use crate::text::fit;
use crate::tui::action::Pane;

/// Most lines a title takes in the post list.
const TITLE_LINES: usize = 4;

impl App {
    /// The rows the post list shows, from the top of the pane down to its bottom.
    pub fn list_view(&self) -> Vec<ListRow> {
        let height = self.page_height(Pane::Posts);
        let mut rows = Vec::with_capacity(height + TITLE_LINES);
        for index in self.list_top..self.visible.len() {
            if rows.len() >= height {
                break;
            }
            rows.extend(self.post_rows(index));
        }
        rows.truncate(height);
        rows
    }

    /// The rows of the post at `index` of `visible`: a month heading when it
    /// starts a month (while the list is grouped by month), then its title.
    fn post_rows(&self, index: usize) -> Vec<ListRow> {
        let post = &self.archive.posts[self.visible[index]];
        let by_month = !self.filter.active();
        let starts_month =
            index == 0 || self.archive.posts[self.visible[index - 1]].month != post.month;
        let mut rows = Vec::new();
        if by_month && starts_month {
            rows.push(ListRow::Month(post.month));
        }
        let width = self
            .screen()
            .inner(Pane::Posts)
            .map_or(1, |r| usize::from(r.width));
        rows.extend(title_rows(post, index, width, self.list_margin()));
        rows
    }

    /// Moves the top of the list as little as possible so that the selected
    /// post (and its month heading) is in view.
    pub(super) fn keep_list_selection_visible(&mut self) {
        self.move_list_top_to_selection();
        self.fill_list_below();
    }

    fn move_list_top_to_selection(&mut self) {
        if self.selected <= self.list_top {
            self.list_top = self.selected;
            return;
        }
        let height = self.page_height(Pane::Posts);
        // The highest top from which the selected post still fits.
        let mut used = 0;
        let mut top = self.selected;
        loop {
            used += self.post_rows(top).len();
            if used > height {
                top += 1;
                break;
            }
            if top == 0 || top == self.list_top {
                break;
            }
            top -= 1;
        }
        self.list_top = self.list_top.max(top.min(self.selected));
    }

    /// Moves the top of the list up while the posts from there to the end
    /// still fit, so that a taller pane (after a resize) shows no empty rows
    /// below while posts are hidden above. Looks at a pane's worth of posts.
    fn fill_list_below(&mut self) {
        let height = self.page_height(Pane::Posts);
        let mut used = 0;
        for index in self.list_top..self.visible.len() {
            used += self.post_rows(index).len();
            if used >= height {
                return;
            }
        }
        while let Some(above) = self.list_top.checked_sub(1) {
            let more = self.post_rows(above).len();
            if used + more > height {
                break;
            }
            used += more;
            self.list_top = above;
        }
    }
}

/// A title wrapped to `width` columns less a `margin`, at most
/// [`TITLE_LINES`] lines (the last cut with "…").
fn title_rows(post: &Post, index: usize, width: usize, margin: usize) -> Vec<ListRow> {
    let text_width = width.saturating_sub(margin).max(1);
    let indent = " ".repeat(margin);
    let mut lines = textwrap::wrap(&post.title, text_width);
    if lines.len() > TITLE_LINES {
        let rest = lines[TITLE_LINES - 1..].join(" ");
        lines.truncate(TITLE_LINES - 1);
        lines.push(fit(&rest, text_width).into());
    }
    let mut search_from = 0;
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let at = post.title[search_from..]
                .find(line.trim_end_matches('…'))
                .map_or(search_from, |offset| search_from + offset);
            search_from = at;
            ListRow::Post {
                index,
                text: format!("{indent}{line}"),
                first: i == 0,
                start: post.title[..at].chars().count(),
            }
        })
        .collect()
}
