//! `t`: the checklist of a post's topics and research type, to confirm
//! pprnet's suggestions or change them. Saving goes out as
//! [`Effect::Curate`] (the same library change as `pprnet curate`); the event
//! loop reports back with [`App::curation_saved`], and the post's tags and
//! the counts follow.

use super::{App, Dialog, Effect, Question, Tags};
use crate::archive::{Archive, Post, Suggested};
use crate::library::Tags as Curation;
use crate::tui::action::Step;

/// The checklist of one post's tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagEditor {
    /// The post's id.
    pub post: String,
    /// The post's title, for the dialog's heading.
    pub title: String,
    /// Whether each topic of the archive is checked.
    pub topics: Vec<bool>,
    /// The research type chosen, an index into the archive's research types.
    pub research_type: Option<usize>,
    /// How many research types there are.
    types: usize,
    /// Which of the post's tags were pprnet's suggestions when it opened.
    pub suggested: Suggested,
    /// The tags when it opened.
    initial: (Vec<bool>, Option<usize>),
    /// The row under the cursor: the topics, then the research types.
    pub cursor: usize,
}

impl TagEditor {
    /// The checklist of `post`'s tags among `archive`'s topics and types.
    pub fn new(post: &Post, archive: &Archive) -> TagEditor {
        let topics: Vec<bool> = archive.topics.iter().map(|t| post.has_topic(t)).collect();
        let research_type = archive
            .research_types
            .iter()
            .position(|r| *r == post.research_type);
        TagEditor {
            post: post.id.clone(),
            title: post.title.clone(),
            initial: (topics.clone(), research_type),
            topics,
            research_type,
            types: archive.research_types.len(),
            suggested: post.suggested,
            cursor: 0,
        }
    }

    /// Rows: every topic, then every research type.
    pub fn rows(&self) -> usize {
        self.topics.len() + self.types
    }

    /// The research type of row `row`, if it is one.
    pub fn type_of_row(&self, row: usize) -> Option<usize> {
        row.checked_sub(self.topics.len())
    }

    /// Whether row `row` is checked (a topic) or chosen (a research type).
    pub fn is_checked(&self, row: usize) -> bool {
        match self.type_of_row(row) {
            Some(kind) => self.research_type == Some(kind),
            None => self.topics[row],
        }
    }

    /// Whether row `row` is checked only because pprnet suggested it, as it
    /// was when the checklist opened: shown dimmed until saved.
    pub fn is_suggestion(&self, row: usize) -> bool {
        let suggested = match self.type_of_row(row) {
            Some(kind) => self.suggested.research_type && self.initial.1 == Some(kind),
            None => self.suggested.topics && self.initial.0[row],
        };
        suggested && self.is_checked(row)
    }

    /// Space: checks or unchecks the topic under the cursor, or chooses the
    /// research type under it.
    pub fn toggle(&mut self) {
        match self.type_of_row(self.cursor) {
            Some(kind) => self.research_type = Some(kind),
            None => self.topics[self.cursor] ^= true,
        }
    }

    /// Whether anything was checked, unchecked or chosen.
    pub fn changed(&self) -> bool {
        (&self.topics, self.research_type) != (&self.initial.0, self.initial.1)
    }

    /// The tags to save, by name.
    pub fn curation(&self, archive: &Archive) -> Curation {
        let topics = archive
            .topics
            .iter()
            .zip(&self.topics)
            .filter(|(_, checked)| **checked)
            .map(|(name, _)| name.clone())
            .collect();
        Curation {
            topics: Some(topics),
            research_type: self
                .research_type
                .and_then(|r| archive.research_types.get(r).cloned()),
        }
    }
}

impl App {
    /// `t`: opens the checklist of the selected post's tags.
    pub(super) fn edit_tags(&mut self) {
        if let Some(post) = self.selected_post() {
            let editor = TagEditor::new(post, &self.archive);
            self.overlay.open(Dialog::Tags(Box::new(editor)));
        }
    }

    fn tag_editor(&mut self) -> Option<&mut TagEditor> {
        match self.overlay.top_mut() {
            Some(Dialog::Tags(editor)) => Some(editor),
            _ => None,
        }
    }

    /// Moves the checklist's cursor.
    pub(super) fn move_tags(&mut self, step: Step) {
        let page = usize::from(self.size.1).saturating_sub(8).max(1);
        if let Some(editor) = self.tag_editor() {
            let last = editor.rows().saturating_sub(1);
            editor.cursor = super::stepped(editor.cursor, last, page, step);
        }
    }

    /// Space in the checklist.
    pub(super) fn toggle_tag(&mut self) {
        if let Some(editor) = self.tag_editor() {
            editor.toggle();
        }
    }

    /// Enter: saves the checked tags, suggestions included, as a person's.
    pub(super) fn save_tags(&mut self) {
        if let Some(Dialog::Tags(editor)) = self.overlay.close() {
            let tags = editor.curation(&self.archive);
            self.effects.push(Effect::Curate {
                post: editor.post,
                tags,
            });
        }
    }

    /// Esc: closes the checklist, asking first when something was changed.
    pub(super) fn cancel_tags(&mut self) {
        if self.tag_editor().is_some_and(|e| e.changed()) {
            self.overlay.open(Dialog::Confirm(Question::DiscardTags));
        } else {
            self.overlay.close();
        }
    }

    /// How saving a post's tags went: on success the post takes them (no
    /// longer suggested) and the counts follow.
    pub fn curation_saved(&mut self, post: &str, tags: &Curation, result: Result<(), String>) {
        if let Err(problem) = result {
            self.status = Some(format!("Topics not saved: {problem}"));
            return;
        }
        let Some(index) = self.archive.posts.iter().position(|p| p.id == post) else {
            return;
        };
        let post = &mut self.archive.posts[index];
        tags.apply(post, false);
        let topics = match post.topics.len() {
            0 => "no topics".to_string(),
            _ => post.topics.join(", "),
        };
        self.status = Some(format!("Saved: {topics}; {}.", post.research_type));
        self.tags[index] = Tags::of(&self.archive.posts[index], &self.archive);
        self.refilter(None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::bundled;

    #[test]
    fn space_checks_topics_and_chooses_one_type_and_suggestions_stay_dim_until_changed() {
        let archive = bundled().unwrap();
        let mut post = archive.posts[0].clone();
        post.topics = vec![archive.topics[1].clone()];
        post.suggested = Suggested::ALL;
        let mut editor = TagEditor::new(&post, &archive);
        assert_eq!(
            editor.rows(),
            archive.topics.len() + archive.research_types.len()
        );
        assert!(editor.is_checked(1) && editor.is_suggestion(1));
        assert!(!editor.is_suggestion(0) && !editor.changed());
        editor.cursor = 0;
        editor.toggle();
        assert!(editor.is_checked(0) && !editor.is_suggestion(0));
        editor.cursor = 1;
        editor.toggle();
        assert!(!editor.is_checked(1) && !editor.is_suggestion(1));
        let last = editor.rows() - 1;
        editor.cursor = last;
        editor.toggle();
        editor.toggle();
        assert!(editor.is_checked(last));
        assert_eq!(
            editor.type_of_row(last),
            Some(archive.research_types.len() - 1)
        );
        assert!(editor.changed());
        let tags = editor.curation(&archive);
        assert_eq!(tags.topics, Some(vec![archive.topics[0].clone()]));
        assert_eq!(tags.research_type.as_ref(), archive.research_types.last());
        // Back to how it opened: nothing to discard.
        editor.cursor = 0;
        editor.toggle();
        editor.cursor = 1;
        editor.toggle();
        editor.research_type = editor.initial.1;
        assert!(!editor.changed());
    }
}

#[cfg(test)]
mod app_tests {
    use super::*;
    use crate::archive::bundled;
    use crate::tui::action::Action;
    use crate::tui::keymap::Mode;

    fn curated(app: &mut App) -> Vec<(String, Curation)> {
        app.take_effects()
            .into_iter()
            .filter_map(|e| match e {
                Effect::Curate { post, tags } => Some((post, tags)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn t_saves_the_checked_tags_and_the_counts_follow_once_saved() {
        let mut app = App::new(bundled().unwrap(), (80, 24));
        let id = app.selected_post().unwrap().id.clone();
        let topic = app
            .archive
            .topics
            .iter()
            .position(|t| !app.archive.posts[0].has_topic(t))
            .unwrap();
        let before = app.topics.counts[topic];
        app.update(Action::EditTags);
        assert_eq!(app.mode(), Mode::Tags);
        for _ in 0..topic {
            app.update(Action::Move(Step::Down));
        }
        app.update(Action::ToggleItem);
        app.update(Action::Confirm);
        assert_eq!(app.mode(), Mode::Normal);
        let saved = curated(&mut app);
        assert_eq!(saved.len(), 1);
        let (post, tags) = &saved[0];
        assert_eq!(post, &id);
        assert!(
            tags.topics
                .as_ref()
                .unwrap()
                .contains(&app.archive.topics[topic])
        );
        assert_eq!(app.topics.counts[topic], before, "not before it is saved");
        app.curation_saved(post, tags, Ok(()));
        assert_eq!(app.topics.counts[topic], before + 1);
        assert!(app.archive.posts[0].suggested.is_none());
        app.curation_saved(post, tags, Err("library.ron: damaged".into()));
        assert_eq!(
            app.status.as_deref(),
            Some("Topics not saved: library.ron: damaged")
        );
    }

    #[test]
    fn esc_asks_before_dropping_changes_and_closes_at_once_without() {
        let mut app = App::new(bundled().unwrap(), (80, 24));
        app.update(Action::EditTags);
        app.update(Action::Cancel);
        assert_eq!(app.mode(), Mode::Normal);
        app.update(Action::EditTags);
        app.update(Action::ToggleItem);
        app.update(Action::Cancel);
        assert_eq!(app.mode(), Mode::Confirm);
        app.update(Action::Cancel);
        assert_eq!(app.mode(), Mode::Tags, "n goes back to the checklist");
        app.update(Action::Cancel);
        app.update(Action::Confirm);
        assert_eq!(app.mode(), Mode::Normal);
        assert!(curated(&mut app).is_empty());
    }
}
