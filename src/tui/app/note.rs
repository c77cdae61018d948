//! The note editor's state: a multi-line text area (ratatui-textarea) with
//! word wrap, undo and redo, and which bookmark the note belongs to.

use ratatui::style::Style;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use crate::tui::input::Edit;

/// The note editor: which bookmark, and the text so far.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    /// The post's id.
    pub post: String,
    /// The post's title, for the editor's heading.
    pub title: String,
    /// The session the bookmark is in.
    pub session: Option<String>,
    /// The note being typed.
    text: TextArea<'static>,
    /// The note as it was when the editor opened.
    original: String,
}

impl NoteEditor {
    /// An editor on `note`, the cursor at its end.
    pub fn new(post: String, title: String, session: Option<String>, note: &str) -> NoteEditor {
        let mut text = TextArea::new(note.split('\n').map(str::to_string).collect());
        text.set_wrap_mode(WrapMode::WordOrGlyph);
        text.set_cursor_line_style(Style::new());
        text.move_cursor(CursorMove::Bottom);
        text.move_cursor(CursorMove::End);
        NoteEditor {
            post,
            title,
            session,
            text,
            original: note.to_string(),
        }
    }

    /// The note as typed so far.
    pub fn text(&self) -> String {
        self.text.lines().join("\n")
    }

    /// The note as it was when the editor opened: saving is based on it, so a
    /// note changed elsewhere meanwhile is never overwritten silently.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// Whether the note differs from what it was when the editor opened.
    pub fn changed(&self) -> bool {
        self.text() != self.original
    }

    /// The cursor as (line, char in the line).
    pub fn cursor(&self) -> (usize, usize) {
        let cursor = self.text.cursor();
        (cursor.0, cursor.1)
    }

    /// The text area, to draw it.
    pub fn text_area(&self) -> &TextArea<'static> {
        &self.text
    }

    /// Applies an edit at the cursor.
    pub fn edit(&mut self, edit: Edit) {
        let text = &mut self.text;
        match edit {
            Edit::Insert('\n') => text.insert_newline(),
            Edit::Insert(c) => text.insert_char(c),
            Edit::Backspace => drop(text.delete_char()),
            Edit::Delete => drop(text.delete_next_char()),
            Edit::Left => text.move_cursor(CursorMove::Back),
            Edit::Right => text.move_cursor(CursorMove::Forward),
            Edit::Home => text.move_cursor(CursorMove::Head),
            Edit::End => text.move_cursor(CursorMove::End),
            Edit::Up => text.move_cursor(CursorMove::Up),
            Edit::Down => text.move_cursor(CursorMove::Down),
            Edit::WordLeft => text.move_cursor(CursorMove::WordBack),
            Edit::WordRight => text.move_cursor(CursorMove::WordForward),
            Edit::DeleteWord => drop(text.delete_word()),
            Edit::ClearToLineStart => drop(text.delete_line_by_head()),
            Edit::ClearToLineEnd => drop(text.delete_line_by_end()),
            Edit::Undo => drop(text.undo()),
            Edit::Redo => drop(text.redo()),
        }
    }

    /// Inserts pasted text at the cursor: line breaks of any kind become new
    /// lines, tabs stay, other control characters are dropped.
    pub fn paste(&mut self, pasted: &str) {
        let clean: String = pasted
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .chars()
            .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
            .collect();
        self.text.insert_str(clean);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editor(note: &str) -> NoteEditor {
        NoteEditor::new("p".into(), "T".into(), None, note)
    }

    #[test]
    fn a_paste_keeps_every_line_and_can_be_undone() {
        let mut e = editor("");
        e.paste("quit? q\r\nbookmark: b\ropen: o");
        assert_eq!(e.text(), "quit? q\nbookmark: b\nopen: o");
        assert!(e.changed());
        e.edit(Edit::Undo);
        assert_eq!(e.text(), "");
        assert!(!e.changed());
        e.edit(Edit::Redo);
        assert_eq!(e.text(), "quit? q\nbookmark: b\nopen: o");
    }

    #[test]
    fn control_characters_in_a_paste_are_dropped() {
        let mut e = editor("");
        e.paste("a\x1b[31mb\tc\x07");
        assert_eq!(e.text(), "a[31mb\tc");
    }

    #[test]
    fn ctrl_u_clears_the_line_up_to_the_cursor_only() {
        let mut e = editor("first line\nsecond line");
        e.edit(Edit::WordLeft);
        e.edit(Edit::ClearToLineStart);
        assert_eq!(e.text(), "first line\nline");
        assert_eq!(e.cursor(), (1, 0));
    }

    #[test]
    fn word_motions_move_by_words() {
        let mut e = editor("rupture and repair");
        e.edit(Edit::Home);
        e.edit(Edit::WordRight);
        e.edit(Edit::WordRight);
        assert_eq!(e.cursor(), (0, 12), "at the start of 'repair'");
        e.edit(Edit::WordLeft);
        assert_eq!(e.cursor(), (0, 8), "at the start of 'and'");
        e.edit(Edit::DeleteWord);
        assert_eq!(e.text(), "and repair");
    }

    #[test]
    fn editing_back_to_the_original_is_no_change() {
        let mut e = editor("keep");
        e.edit(Edit::Insert('s'));
        assert!(e.changed());
        e.edit(Edit::Backspace);
        assert!(!e.changed());
    }
}
